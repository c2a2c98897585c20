"""The reference date that year-less and relative dates resolve against.

With no `doc_date`, the reference is the nearest explicit year written
before the span: a dateline (`Thứ sáu, 25/11/2022`), any dated mention
(`ngày 02 tháng 7 năm 2021`, `tháng 5/2023`, `quý IV/2022`) or `năm 2021`.
The parser asks for hundreds of spans in one long document, so the search
looks at the last characters before the span first and only widens the
window when nothing dated is found there.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

_DATED = re.compile(
    r"""
      (?<!\d)(?P<d1>\d{1,2})\s*(?P<s>[/.-])\s*(?P<m1>\d{1,2})\s*(?P=s)\s*(?P<y1>\d{4})(?!\d)
    | (?:(?<!\d)(?P<d2>\d{1,2})\s+)?tháng\s+(?P<m2>\d{1,2})\s*(?:[/-]|\s+năm\s+)\s*(?P<y2>\d{4})(?!\d)
    | qu[ýí]\s+(?:[ivx]+|[1-4])\s*(?:[/-]|\s+năm\s+)\s*(?P<y3>\d{4})(?!\d)
    | năm\s+(?P<y4>\d{4})(?!\d)
    """,
    re.I | re.X,
)
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# Windows searched before the whole text; a match this close to a window's
# cut may be a truncated date (`5/11/2022` of `25/11/2022`), so widen instead.
_WINDOWS = (1_000, 10_000)
_CUT_MARGIN = 24


@dataclass(frozen=True)
class ReferenceDate:
    """A date known as far as written: year, maybe month, maybe day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """`2021`, `2021-09` or `2021-09-21`."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out


def _checked(year: int, month: int | None = None, day: int | None = None) -> ReferenceDate | None:
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return ReferenceDate(year, month, day)


def reference_from_doc_date(doc_date: datetime.date | str | None) -> ReferenceDate | None:
    """A `date`, or an ISO string as far as known (`2023-10` from record meta)."""
    if isinstance(doc_date, datetime.date):
        return ReferenceDate(doc_date.year, doc_date.month, doc_date.day)
    if isinstance(doc_date, str):
        m = _ISO_PARTIAL.fullmatch(doc_date.strip())
        if m:
            return _checked(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    return None


def _from_match(m: re.Match) -> ReferenceDate | None:
    if m["y1"]:
        return _checked(int(m["y1"]), int(m["m1"]), int(m["d1"]))
    if m["y2"]:
        return _checked(int(m["y2"]), int(m["m2"]), int(m["d2"]) if m["d2"] else None)
    return _checked(int(m["y3"] or m["y4"]))


def reference_from_text(before: str) -> ReferenceDate | None:
    """The nearest explicit dated mention in `before` (the text ahead of a span)."""
    n = len(before)
    for size in (*_WINDOWS, n):
        start = max(0, n - size)
        chunk = unicodedata.normalize("NFC", before[start:])
        for m in reversed(list(_DATED.finditer(chunk))):
            if start and m.start() < _CUT_MARGIN:
                break
            ref = _from_match(m)
            if ref is not None:
                return ref
        if start == 0:
            return None
    return None


@dataclass(frozen=True)
class ValueContext:
    """What a value may need beyond its surface: the document date and the text before the span."""

    doc_date: datetime.date | str | None = None  # explicit document date (caller / record meta)
    before: str = ""  # the document text before the span (for year inference)

    @cached_property
    def reference(self) -> ReferenceDate | None:
        """The `doc_date` when known, else the nearest dated mention before the span; computed once."""
        return reference_from_doc_date(self.doc_date) or reference_from_text(self.before)
