"""PERCENT values: `82%`, `1,9%`, `95% - 100%`, `100 phần trăm`, `7%/năm`.

The sign or the words `phần trăm` must be there: a bare number is not read
as a percentage.
"""
from __future__ import annotations

import re

from .numbers import clean_unit, read_figure

_TAIL = re.compile(r"(?:điểm )?(?:%|phần trăm)\s*(?:/\s*(?P<per>[^\W\d_].*))?", re.I)


def read_percent(text: str) -> dict | None:
    """PERCENT value: `{"percent": 82.0}`, or low/high for a range, `per` for a rate."""
    fig = read_figure(text)
    if fig is None or fig.of is not None:
        return None
    tail = _TAIL.fullmatch(fig.tail)
    if tail is None:
        return None
    out: dict = {"percent": float(fig.low)} if fig.high is None else {"low": float(fig.low), "high": float(fig.high)}
    if tail["per"]:
        out["per"] = clean_unit(tail["per"])
    return out
