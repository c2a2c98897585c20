"""MONEY values: where money amounts are read.

`1.208,8 tỷ đồng` -> {"amount": 1208800000000.0, "currency": "VND"};
ranges give low/high (`300 - 500 triệu đồng`), rates add `per`
(`15 triệu đồng/m2`). With no currency written the amount is in đồng, as
in budget sentences (`hơn 50.000 tỷ`). Anything else after the amount makes
the span unreadable as money (None), so a mislabelled `5 triệu người` is not
turned into đồng.
"""
from __future__ import annotations

import re

from .numbers import clean_unit, read_figure

CURRENCIES: dict[str, str] = {
    "đồng": "VND", "vnđ": "VND", "vnd": "VND", "đ": "VND",
    "usd": "USD", "us$": "USD", "$": "USD", "đô la mỹ": "USD", "đô-la mỹ": "USD", "đôla mỹ": "USD",
    "đô la": "USD", "đô-la": "USD", "đôla": "USD", "đô": "USD",
    "euro": "EUR", "eur": "EUR", "€": "EUR",
    "yên": "JPY", "yên nhật": "JPY", "jpy": "JPY",
    "nhân dân tệ": "CNY", "ndt": "CNY", "cny": "CNY",
    "kíp": "LAK", "lak": "LAK", "bảng anh": "GBP", "gbp": "GBP", "won": "KRW", "krw": "KRW",
}
_CURRENCY = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
_TAIL = re.compile(rf"(?:(?P<cur>{_CURRENCY})(?![^\W\d_]))?\s*(?:(?:/|\bmỗi\b)\s*(?P<per>[^\W\d_].*))?", re.I)
_PREFIX = re.compile(r"(?P<cur>us\$|\$|€|usd|eur)\s*(?=\d)", re.I)


def read_money(text: str) -> dict | None:
    """MONEY value: amount (or low/high) in base units, ISO currency, optional `per` unit."""
    prefix = _PREFIX.match(text)
    if prefix:
        text = text[prefix.end():]
    fig = read_figure(text)
    if fig is None or fig.of is not None:
        return None
    tail = _TAIL.fullmatch(fig.tail)
    if tail is None:
        return None
    written = tail["cur"] or (prefix["cur"] if prefix else None)
    out: dict = {"amount": float(fig.low)} if fig.high is None else {"low": float(fig.low), "high": float(fig.high)}
    out["currency"] = CURRENCIES[written.casefold()] if written else "VND"
    if tail["per"]:
        out["per"] = clean_unit(tail["per"])
    return out
