"""Word segmentation (underthesea) aligned back to character offsets.

underthesea's output is not a substring of its input: it moves tone marks
(`hoà` -> `hòa`), inserts spaces (`Tp.HCM` -> `Tp. HCM`) and normalises Unicode.
So words are aligned by walking characters on a diacritic-free key, never by
`str.find`. The result is grouped onto syllable tokens, so a word boundary is
always a token boundary and gold spans stay expressible wherever the
segmenter agrees with them.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .tokens import Token

SEGMENTERS = ("syllable", "underthesea")


@lru_cache(maxsize=4096)
def _key(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return "d" if base == "đ" else base


def align_words(text: str, words: list[str], offset: int = 0) -> list[tuple[int, int]]:
    """[start, end) in `text` (plus `offset`) of each word, skipping ones that cannot be found."""
    chars = [(i, _key(c)) for i, c in enumerate(text) if not c.isspace()]
    keys = [k for _, k in chars]
    out: list[tuple[int, int]] = []
    i = 0
    for w in words:
        wk = [_key(c) for c in w if not c.isspace()]
        if not wk:
            continue
        j = i if keys[i:i + len(wk)] == wk else _find(keys, wk, i)
        if j < 0:
            continue
        out.append((chars[j][0] + offset, chars[j + len(wk) - 1][0] + 1 + offset))
        i = j + len(wk)
    return out


def _find(keys: list[str], wk: list[str], start: int) -> int:
    n = len(wk)
    for j in range(start, len(keys) - n + 1):
        if keys[j:j + n] == wk:
            return j
    return -1


def _underthesea_words(sentence: str) -> list[str]:
    from underthesea import word_tokenize  # imported lazily: ~2 s, only when segmenting

    return word_tokenize(sentence)


def group_syllables(tokens: list[Token], word_spans: list[tuple[int, int]]) -> list[list[Token]]:
    """Group syllable tokens into words; a token outside every word is a word of its own."""
    groups: list[list[Token]] = []
    w = 0
    current_word = None
    for t in tokens:
        while w < len(word_spans) and word_spans[w][1] <= t.start:
            w += 1
        inside = w < len(word_spans) and word_spans[w][0] <= t.start < word_spans[w][1]
        if inside and current_word == w and groups:
            groups[-1].append(t)
        else:
            groups.append([t])
            current_word = w if inside else None
    return groups


def segment(text: str, tokens: list[Token], segmenter: str) -> list[list[Token]]:
    """Words of one sentence as groups of its syllable tokens."""
    if segmenter == "syllable" or not tokens:
        return [[t] for t in tokens]
    if segmenter != "underthesea":
        raise ValueError(f"unknown segmenter {segmenter!r}; expected one of {SEGMENTERS}")
    start, end = tokens[0].start, tokens[-1].end
    spans = align_words(text[start:end], _underthesea_words(text[start:end]), offset=start)
    return group_syllables(tokens, spans)
