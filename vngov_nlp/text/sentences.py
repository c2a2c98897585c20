"""Sentence splitting tuned to bulletins.

Breaks at line ends and after `.`, `!`, `?`, `…`, `;`-free sentence ends that are
followed by a space and a capital, digit, quote or bracket. It does not break
inside numbers (`31.8`, `1.208,8`), document codes (`04/CT-UBND`), after
abbreviations (`TP.`, `Tp.HCM`, `v.v.`, `TS.`) or at the closing mark `./.`.
"""
from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (compared lower-cased).
_ABBREVIATIONS = frozenset(
    "tp tt tx ts ths pgs gs bs ks ls đ/c st v.v vv nxb mr mrs ms dr".split()
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+(\S))")
_OPENERS = "\"'“‘(["
_WORD_BEFORE = re.compile(r"([\w/.]+)\.*$", re.UNICODE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of `text`, whitespace trimmed, none empty."""
    out: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.start(), line.end()
        cut = ls
        for m in _END.finditer(text, ls, le):
            nxt = m.group(1)
            if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
                continue
            if _is_abbreviation(text, cut, m.start()):
                continue
            _emit(text, cut, m.end(), out)
            cut = m.end()
        _emit(text, cut, le, out)
    return out


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    w = _WORD_BEFORE.search(text, start, dot)
    if not w:
        return False
    word = w.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))
