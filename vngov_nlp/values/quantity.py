"""QUANTITY values: a count or measure and the unit or noun written after it.

`527,3 ha` -> {"amount": 527.3, "unit": "ha"}, `2,5 triệu người` ->
2500000 người (scale words go into the amount), `16/33 chỉ tiêu` -> 16 of
33, `3 - 5 người` -> low/high. The unit is kept as written (cleaned), compound
nouns and per-unit rates whole (`tiêu chí/xã`).
"""
from __future__ import annotations

from .numbers import as_number, read_figure


def read_quantity(text: str) -> dict | None:
    """QUANTITY value; `unit` is left out when no noun follows the number (`đạt 15/19`)."""
    fig = read_figure(text)
    if fig is None:
        return None
    if fig.of is not None:
        out: dict = {"amount": as_number(fig.low), "of": as_number(fig.of)}
    elif fig.high is not None:
        out = {"low": as_number(fig.low), "high": as_number(fig.high)}
    else:
        out = {"amount": as_number(fig.low)}
    unit = fig.tail.strip('"“”\'‘’ ') if fig.tail else ""
    if unit:
        out["unit"] = unit
    return out
