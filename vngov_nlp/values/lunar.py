"""Lunar (can chi) year names: `Đinh Dậu` is 2017, 1957, 2077, ...

A name repeats every 60 years, so a name alone is read as the year of
that name nearest the reference year (GUIDELINES section 4).
"""
from __future__ import annotations

STEMS: dict[str, int] = {
    "giáp": 0, "ất": 1, "bính": 2, "đinh": 3, "mậu": 4, "kỷ": 5, "kỉ": 5,
    "canh": 6, "tân": 7, "nhâm": 8, "quý": 9, "quí": 9,
}
BRANCHES: dict[str, int] = {
    "tý": 0, "tí": 0, "sửu": 1, "dần": 2, "mão": 3, "mẹo": 3, "thìn": 4, "tỵ": 5, "tị": 5,
    "ngọ": 6, "mùi": 7, "thân": 8, "dậu": 9, "tuất": 10, "hợi": 11,
}
# Regex alternations (casefolded text), longest first so that no name shadows another.
STEM_PATTERN = "|".join(sorted(STEMS, key=len, reverse=True))
BRANCH_PATTERN = "|".join(sorted(BRANCHES, key=len, reverse=True))


def lunar_year(stem: str, branch: str, near: int) -> int | None:
    """The Gregorian year named `stem branch` nearest `near`; None for a name that does not exist."""
    s, b = STEMS.get(stem.casefold()), BRANCHES.get(branch.casefold())
    if s is None or b is None or s % 2 != b % 2:
        return None
    cycle = next(k for k in range(60) if k % 10 == s and k % 12 == b)  # (year - 4) mod 60
    offset = (cycle - (near - 4)) % 60
    return near + offset - 60 if offset > 30 else near + offset
