"""DATE values: calendar points as far as written, missing years from the reference date.

Reads `21/9`, `10/9/2021`, `31.8`, `16 tháng 6 năm 2025`, `tháng 5/2023`,
`năm 2021`, `quý IV/2022`, `Đinh Dậu 2017` and relative points (`năm nay`,
`tháng trước`, `tháng 11 năm ngoái`). `read_point` is shared with PERIOD,
which needs the same points for its ends (`tháng 3- 4/2017`).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from .context import ValueContext
from .lunar import BRANCH_PATTERN, STEM_PATTERN, lunar_year
from .numbers import read_figure, roman_to_int

# Relative words after `năm`/`tháng`, with their offset. `năm qua` is the
# reference year itself, as GUIDELINES reads `năm qua` (the year being reported).
RELATIVE: dict[str, int] = {
    "nay": 0, "này": 0, "qua": 0, "vừa qua": 0,
    "ngoái": -1, "trước": -1, "trước đó": -1, "rồi": -1, "kia": -2,
    "tới": 1, "sau": 1, "sau đó": 1,
}
RELATIVE_PATTERN = "|".join(sorted(RELATIVE, key=len, reverse=True))
_DAY_RELATIVE = {"hôm nay": 0, "hôm qua": -1, "hôm kia": -2, "ngày mai": 1}
_MONTH_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12,
}
# Lunar months name no Gregorian month: with them only the year can be read.
_LUNAR_MONTHS = ("giêng", "chạp")

_MONTH = r"(?P<m>\d{1,2}|mười một|mười hai|[^\W\d_]+)"
_YEAR_SUFFIX = (
    rf"(?:\s*[/.-]\s*(?P<y>\d{{4}})|\s+năm\s+(?:(?P<y2>\d{{4}})|(?P<rel>{RELATIVE_PATTERN})"
    rf"|(?P<stem>{STEM_PATTERN}) (?P<branch>{BRANCH_PATTERN})))?"
)
_FORMS = tuple(
    re.compile(p)
    for p in (
        rf"(?:(?P<n>[^\W_]+(?: [^\W\d_]+)?) )?năm (?P<rel>{RELATIVE_PATTERN})|(?P<next>sang năm)",
        rf"(?:(?P<n>[^\W_]+(?: [^\W\d_]+)?) )?tháng (?P<mrel>{RELATIVE_PATTERN})",
        rf"(?:(?:năm|xuân|tết) )*(?P<stem>{STEM_PATTERN}) (?P<branch>{BRANCH_PATTERN})"
        rf"(?: (?:năm )?(?P<y>\d{{4}}))?",
        rf"qu[ýí] (?P<q>[ivx]+|\d)"
        rf"(?:\s*[/-]\s*(?P<y>\d{{4}})| (?:năm )?(?P<y2>\d{{4}})| năm (?P<rel>{RELATIVE_PATTERN}))?",
        r"(?P<d>\d{1,2})\s*(?P<s>[/.-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<y>\d{4})",
        rf"(?P<d>\d{{1,2}}) tháng {_MONTH}{_YEAR_SUFFIX}",
        r"(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})",
        r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})",
        rf"tháng {_MONTH}{_YEAR_SUFFIX}",
        r"(?:năm )?(?P<y>\d{4})",
    )
)
_DAY_FORM = re.compile("|".join(_DAY_RELATIVE))
# Lead words, weekdays and clock times that LABELS.md keeps outside a DATE; tolerated.
_LEAD = re.compile(
    r"(?:(?:thứ (?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật),? )?"
    r"(?:(?:ngày|mùng|mồng|sáng|chiều|tối|trưa|đêm) (?=\d))?"
)
_CLOCK = re.compile(r"\s*[,-]?\s*\d{1,2}\s*[:h]\s*\d{2}(?:\D.*)?$")


@dataclass(frozen=True)
class Point:
    """A calendar point as far as known; `year` None means no year was written."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None

    def iso(self) -> str:
        """`2021-09-10`, `2021-09`, `2021`, `2022-Q4`; without a year `--09-21`, `--09`, `--Q4`."""
        head = f"{self.year:04d}" if self.year is not None else "-"
        if self.quarter:
            return f"{head}-Q{self.quarter}"
        if self.month and self.day:
            return f"{head}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{head}-{self.month:02d}"
        return head

    def first_month(self) -> Point:
        """The start of a period: a quarter opens with its first month."""
        return replace(self, quarter=None, month=self.quarter * 3 - 2) if self.quarter else self

    def last_month(self) -> Point:
        """The end of a period: a quarter closes with its last month."""
        return replace(self, quarter=None, month=self.quarter * 3) if self.quarter else self


def _valid(point: Point) -> Point | None:
    """The point if it exists on the calendar (29/2 only in a leap year, when the year is known)."""
    if point.quarter is not None:
        return point if 1 <= point.quarter <= 4 and (point.year is None or point.year >= 1) else None
    try:
        datetime.date(
            2000 if point.year is None else point.year,
            1 if point.month is None else point.month,
            1 if point.day is None else point.day,
        )
    except ValueError:
        return None
    return point


def _count(text: str | None) -> int | None:
    """`một`, `2`, `hai mươi` as a whole number; 1 when no count was written."""
    if text is None:
        return 1
    fig = read_figure(text)
    if fig is None or fig.tail or fig.high is not None or fig.of is not None or fig.low % 1:
        return None
    return int(fig.low)


def _month(text: str) -> int | None:
    return int(text) if text.isdigit() else _MONTH_WORDS.get(text)


def _year(groups: dict, context: ValueContext) -> tuple[int | None, bool]:
    """(year, readable): a written year, a relative or lunar one, or (None, True) when none is written."""
    digits = groups.get("y") or groups.get("y2")
    if digits:
        return int(digits), True
    if groups.get("rel") or groups.get("stem"):
        ref = context.reference
        if ref is None:
            return None, False
        if groups.get("rel"):
            return ref.year + RELATIVE[groups["rel"]], True
        year = lunar_year(groups["stem"], groups["branch"], ref.year)
        return year, year is not None
    return None, True


def _shift_month(year: int, month: int, by: int) -> Point:
    index = year * 12 + month - 1 + by
    return Point(index // 12, index % 12 + 1)


def _relative(groups: dict, context: ValueContext) -> Point | None:
    """`năm nay`, `một năm trước`, `sang năm`, `tháng trước` against the reference date."""
    ref = context.reference
    n = _count(groups["n"])
    if ref is None or n is None:
        return None
    if groups.get("next"):
        return Point(ref.year + 1)
    if "mrel" in groups:
        if ref.month is None:
            return None
        return _shift_month(ref.year, ref.month, n * RELATIVE[groups["mrel"]])
    return Point(ref.year + n * RELATIVE[groups["rel"]])


def read_point(text: str, context: ValueContext) -> Point | None:
    """Read one calendar point from cleaned text; relative and lunar years are resolved here."""
    text = text.casefold()
    text = _CLOCK.sub("", text[_LEAD.match(text).end():])
    day = _DAY_FORM.fullmatch(text)
    if day:
        ref = context.reference
        if ref is None or ref.day is None:
            return None
        date = datetime.date(ref.year, ref.month, ref.day) + datetime.timedelta(_DAY_RELATIVE[day[0]])
        return Point(date.year, date.month, date.day)
    for form in _FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        if "n" in groups:  # a relative form; `quý I năm nay` only looks like one
            point = _relative(groups, context)
            if point is not None or _count(groups["n"]) is not None:
                return point
            continue
        year, readable = _year(groups, context)
        if not readable:
            return None
        if groups.get("q"):
            quarter = int(groups["q"]) if groups["q"].isdigit() else roman_to_int(groups["q"])
            return _valid(Point(year, quarter=quarter)) if quarter else None
        if groups.get("m") in _LUNAR_MONTHS:
            return Point(year) if year is not None else None
        month = _month(groups["m"]) if groups.get("m") else None
        if groups.get("m") and month is None:
            return None
        day_of_month = int(groups["d"]) if groups.get("d") else None
        return _valid(Point(year, month, day_of_month))
    return None


def read_date(text: str, context: ValueContext) -> dict | None:
    """DATE value: `{"date": ISO}`, the year from the reference when none is written."""
    point = read_point(text, context)
    if point is None:
        return None
    if point.year is None and context.reference is not None:
        point = _valid(replace(point, year=context.reference.year))
        if point is None:
            return None
    return {"date": point.iso()}
