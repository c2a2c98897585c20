"""Surface clean-up before any value is read.

Spans come straight from bulletins: NFD diacritics, NBSP, doubled spaces, en
dashes in ranges. Every reader works on this one canonical form so that its
patterns only need to know plain spaces and `-`.
"""
from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """NFC, invisible characters dropped, every dash `-`, whitespace runs one space."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()
