"""Syllable tokens: the finest units a span boundary may fall on (LABELS.md token rule).

A token is a run of letters and digits; digits joined by `.` or `,` stay one
token (`1.208,8`, `31.8`), since no span boundary falls inside a number. Every
other non-space character is a token of its own, so `đồng/1.010`, `(21/9)` and
`82%` all split where a span may end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|(?:[^\W_]|[\u0300-\u036f])+|\S", re.UNICODE)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def syllables(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `text[start:end]` with offsets into `text`."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
