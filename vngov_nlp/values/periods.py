"""PERIOD values: stretches of time, comparison periods and durations.

`9 tháng đầu năm 2021` -> 2021-01..2021-09, `giai đoạn 2021 - 2025` ->
2021..2025, `tháng 3- 4/2017` -> 2017-03..2017-04, `cùng kỳ năm trước` ->
the reference year - 1, `5 năm` -> P5Y. Vague parts of a year (`đầu năm
2016`, `những tháng cuối năm`) only know their year. Ends of ranges are
read as DATE points (dates.read_point), so every DATE form works here too.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .context import ValueContext
from .dates import RELATIVE, RELATIVE_PATTERN, Point, read_point
from .numbers import read_figure

_COUNT = r"(?P<n>\d{1,2}|[^\W\d_]+(?: [^\W\d_]+)?)"
_YEAR_AFTER = rf"(?: (?:(?P<y>\d{{4}})|(?P<rel>{RELATIVE_PATTERN})))?"

# Prepositions and the period nouns before a range; LABELS.md keeps prepositions outside.
_LEAD = re.compile(r"(?:từ|trong|suốt|tính từ) ")
_NOUN = re.compile(
    r"(?:giai đoạn|nhiệm kỳ|thời kỳ|niên (?:khóa|khoá|vụ|độ)|năm học|mùa vụ|kỳ|khóa|khoá|vụ)"
    r" (?:từ )?(?=\d|năm |tháng |qu[ýí] )"
)
_SINCE = re.compile(r"đầu năm(?: (?P<y>\d{4}))? (?:đến|tới) nay")
_SAME = re.compile(rf"cùng kỳ(?: (?:năm )?(?:(?P<y>\d{{4}})|(?P<rel>{RELATIVE_PATTERN})))?")
_EDGE_MONTHS = re.compile(rf"{_COUNT} (?P<unit>tháng|qu[ýí]) (?P<edge>đầu|cuối) năm{_YEAR_AFTER}")
_LEADING_MONTHS = re.compile(rf"{_COUNT} (?P<unit>tháng|qu[ýí]) năm (?:(?P<y>\d{{4}})|(?P<rel>{RELATIVE_PATTERN}))")
_HALF = re.compile(rf"nửa (?P<edge>đầu|cuối|sau|trước) năm{_YEAR_AFTER}")
_VAGUE_YEAR = re.compile(
    rf"(?:(?:(?:những|các|mấy) )?(?:(?:ngày|tuần|tháng) )?(?:đầu|cuối|giữa)|cả|trong) năm{_YEAR_AFTER}"
)
# unit word -> (ISO 8601 prefix, designator, multiplier)
_DURATION_UNITS = {
    "năm": ("P", "Y", 1), "tháng": ("P", "M", 1), "tuần": ("P", "W", 1), "ngày": ("P", "D", 1),
    "quý": ("P", "M", 3), "quí": ("P", "M", 3), "thập kỷ": ("P", "Y", 10), "thập niên": ("P", "Y", 10),
    "thế kỷ": ("P", "Y", 100), "giờ": ("PT", "H", 1), "tiếng": ("PT", "H", 1), "phút": ("PT", "M", 1),
}
_DURATION = re.compile(
    rf"(?P<n>.+?) (?P<unit>{'|'.join(_DURATION_UNITS)})(?P<half> rưỡi)?"
    r"(?: (?:làm việc|liên tiếp|liền|vừa qua|qua|gần đây|gần nhất|sắp tới|tới|trở lại đây|nữa))?"
)
_RANGE_SEP = re.compile(r"\s*(?:-|~|\bđến\b|\btới\b|\bvà\b|,)\s*")
_UNIT_WORD = re.compile(r"(?:tháng|qu[ýí]|năm) ")


def _year(m: re.Match, context: ValueContext) -> int | None:
    """The written year, a relative one, or the reference year when none is written."""
    if m["y"]:
        return int(m["y"])
    ref = context.reference
    if ref is None:
        return None
    return ref.year + (RELATIVE[m["rel"]] if m["rel"] else 0)


def _month_count(m: re.Match) -> int | None:
    """Months in `9 tháng` / `2 quý` of `... đầu năm`; None unless a whole count of 1..12 months."""
    fig = read_figure(m["n"])
    if fig is None or fig.tail or fig.high is not None or fig.of is not None or fig.low % 1:
        return None
    months = int(fig.low) * (1 if m["unit"] == "tháng" else 3)
    return months if 1 <= months <= 12 else None


def _span(start: Point, end: Point) -> dict:
    return {"start": start.first_month().iso(), "end": end.last_month().iso()}


def _iso_number(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


def _duration(m: re.Match) -> dict | None:
    """`5 năm` -> P5Y, `2 tuần` -> P2W, `hai năm rưỡi` -> P2.5Y, `3 - 5 năm` -> P3Y..P5Y."""
    prefix, designator, factor = _DURATION_UNITS[m["unit"]]
    half = Decimal("0.5") if m["half"] else 0
    if m["n"] == "nửa":
        amounts = [Decimal("0.5")]
    else:
        fig = read_figure(m["n"])
        if fig is None or fig.tail or fig.of is not None:
            return None
        amounts = [fig.low] if fig.high is None else [fig.low, fig.high]
    iso = [f"{prefix}{_iso_number((amount + half) * factor)}{designator}" for amount in amounts]
    return {"duration": iso[0]} if len(iso) == 1 else {"low": iso[0], "high": iso[1]}


def _left_end(left: str, end: Point, context: ValueContext) -> Point | None:
    """The start of a range, completed from its end: `20` of `20-25/11`, `tháng 3` of `tháng 3- 4/2017`."""
    if left.isdigit():
        n = int(left)
        if end.day:
            return replace(end, day=n)
        if end.month:
            return replace(end, month=n)
        return Point(n) if len(left) == 4 and end.year is not None and not end.quarter else None
    start = read_point(left, context)
    if start is not None and start.year is None:
        start = replace(start, year=end.year)
    return start


def _range(text: str, context: ValueContext) -> tuple[Point, Point] | None:
    """Two points joined by `-`, `đến`, `và` or `,`; the right one lends the left its month and year."""
    for sep in _RANGE_SEP.finditer(text):
        left, right = text[:sep.start()], text[sep.end():]
        if not left or not right:
            continue
        unit = _UNIT_WORD.match(left)
        if unit and not _UNIT_WORD.match(right):
            right = unit[0] + right
        end = read_point(right, context)
        if end is None:
            continue
        start = _left_end(left, end, context)
        if start is not None:
            return start, end
    return None


def _fill_year(point: Point, context: ValueContext) -> Point:
    ref = context.reference
    return replace(point, year=ref.year) if point.year is None and ref is not None else point


def read_period(text: str, context: ValueContext) -> dict | None:
    """PERIOD value: `{"start", "end"}` as far as known, or `{"duration"}`; None when vague."""
    text = text.casefold()
    lead = _LEAD.match(text)
    if lead:
        text = text[lead.end():]
    if m := _SINCE.fullmatch(text):
        ref = context.reference
        year = int(m["y"]) if m["y"] else (ref.year if ref else None)
        out = {"start": Point(year, 1).iso()}
        if ref is not None:
            out["end"] = ref.iso()
        return out
    if m := _SAME.fullmatch(text):
        ref = context.reference
        if m["y"]:
            year = int(m["y"])
        elif ref is None:
            return None
        else:  # bare `cùng kỳ`, `năm trước`, `năm ngoái`, `năm qua`: last year; `năm nay`: this one
            year = ref.year - (0 if m["rel"] in ("nay", "này") else 1)
        return {"start": str(year), "end": str(year)}
    m = _EDGE_MONTHS.fullmatch(text) or _LEADING_MONTHS.fullmatch(text)
    if m and (months := _month_count(m)):
        year = _year(m, context)
        first, last = (13 - months, 12) if m.groupdict().get("edge") == "cuối" else (1, months)
        return _span(Point(year, first), Point(year, last))
    if m := _HALF.fullmatch(text):
        year = _year(m, context)
        first, last = (1, 6) if m["edge"] in ("đầu", "trước") else (7, 12)
        return _span(Point(year, first), Point(year, last))
    if m := _VAGUE_YEAR.fullmatch(text):
        year = _year(m, context)
        return None if year is None else {"start": str(year), "end": str(year)}
    if m := _DURATION.fullmatch(text):
        return _duration(m)
    noun = _NOUN.match(text)
    if noun:
        text = text[noun.end():]
    point = read_point(text, context)
    if point is not None:
        point = _fill_year(point, context)
        return _span(point, point)
    ends = _range(text, context)
    if ends is None:
        return None
    start, end = (_fill_year(p, context) for p in ends)
    return _span(start, end)
