"""The reference date that year-less and relative dates resolve against.

With no `doc_date`, the reference is the nearest explicit year written
before the span: a dateline (`Thứ sáu, 25/11/2022`), any dated mention
(`ngày 02 tháng 7 năm 2021`, `tháng 5/2023`, `quý IV/2022`) or `năm 2021`.
The parser asks for hundreds of spans in one long document, so the search
runs backwards from the span with `str.rfind` for years (19xx, 20xx; far
faster than a regex scan) and tries the dated-mention pattern only on the
few characters that end at each candidate year: its cost grows with the
distance to the nearest dated mention, not with the document.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Every dated mention ends with its year, so candidates are found by their digits alone.
_CENTURIES = ("19", "20")
_DIGITS = frozenset("0123456789")
_DATED = re.compile(
    r"""
    (?:
      (?<!\d)(?P<d1>\d{1,2})\s*(?P<s>[/.-])\s*(?P<m1>\d{1,2})\s*(?P=s)\s*(?P<y1>\d{4})
    | (?:(?<!\d)(?P<d2>\d{1,2})\s+)?tháng\s+(?P<m2>\d{1,2})\s*(?:[/.-]|\s+năm\s+)\s*(?P<y2>\d{4})
    | qu[ýí]\s+(?:[ivx]+|[1-4])\s*(?:[/-]|\s+năm\s+)\s*(?P<y3>\d{4})
    | năm\s+(?P<y4>\d{4})
    | (?<!\d)(?:19|20)\d{2}\s*[-–]\s*(?P<y5>\d{4})
    )\Z
    """,
    re.I | re.X,
)
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_LOOKBACK = 64  # raw characters before a year that a dated mention can take (NFD included)


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
        datetime.date(year, 1 if month is None else month, 1 if day is None else day)
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
    return _checked(int(m["y3"] or m["y4"] or m["y5"]))  # a year range refers to its last year


def _years_backwards(text: str):
    """Offsets of the four-digit numbers 19xx/20xx in `text`, last first."""
    found = {c: text.rfind(c) for c in _CENTURIES}
    while True:
        century = max(found, key=found.__getitem__)
        pos = found[century]
        if pos < 0:
            return
        found[century] = text.rfind(century, 0, pos + 1)
        if (
            text[pos + 2:pos + 3] in _DIGITS and text[pos + 3:pos + 4] in _DIGITS
            and (pos == 0 or text[pos - 1] not in _DIGITS)
            and text[pos + 4:pos + 5] not in _DIGITS
        ):
            yield pos


def _dated_mention_at(before: str, year: int) -> ReferenceDate | None:
    """The dated mention ending with the year written at offset `year`, if there is one."""
    piece = unicodedata.normalize("NFC", before[max(0, year - _LOOKBACK):year + 4])
    m = _DATED.search(piece)
    return _from_match(m) if m else None


def reference_from_text(before: str) -> ReferenceDate | None:
    """The nearest explicit dated mention in `before` (the text ahead of a span)."""
    for year in _years_backwards(before):
        ref = _dated_mention_at(before, year)
        if ref is not None:
            return ref
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
