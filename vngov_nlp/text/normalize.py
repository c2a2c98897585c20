"""Unicode clean-up that remembers where every character came from.

Bulletins arrive decomposed (NFD), with mixed composed/decomposed diacritics,
non-breaking and zero-width spaces and CRLF. The model wants clean NFC text;
users want offsets into what they passed in. `NormalizedText` holds both.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters removed outright: zero-width spaces/joiners, BOM, soft hyphen, CR (of CRLF).
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\r")
# Characters that become a plain space: NBSP, narrow NBSP, figure space, tabs, other spaces.
_SPACE = frozenset("\u00a0\u202f\u2007\t\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000\u000b\u000c")


@dataclass(frozen=True)
class NormalizedText:
    """Clean text plus, for each of its characters, the original [start, end)."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of `text` to the original string."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _clusters(original: str):
    """Yield (start, end) of a base character with its combining marks."""
    n = len(original)
    i = 0
    combining = unicodedata.combining
    while i < n:
        j = i + 1
        while j < n and (combining(original[j]) or "\u1160" <= original[j] <= "\u11ff"):
            j += 1
        yield i, j
        i = j


def normalize(original: str) -> NormalizedText:
    """NFC, spaces unified, invisible characters dropped; offsets kept per character."""
    if original.isascii() and "\r" not in original and "\t" not in original and "\x0b" not in original and "\x0c" not in original:
        idx = tuple(range(len(original)))
        return NormalizedText(original, original, idx, tuple(range(1, len(original) + 1)))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    nfc = unicodedata.normalize
    for i, j in _clusters(original):
        piece = original[i:j]
        if piece[0] in _DROP:
            # a dropped base character takes its marks with it, unless they can stand alone
            piece = piece[1:]
            if not piece:
                continue
        if piece[0] in _SPACE:
            piece = " " + piece[1:]
        piece = nfc("NFC", piece)
        for ch in piece:
            out.append(ch)
            starts.append(i)
            ends.append(j)
    return NormalizedText(original, "".join(out), tuple(starts), tuple(ends))
