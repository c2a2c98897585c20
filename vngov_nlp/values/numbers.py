"""Reading Vietnamese numbers: digit groups, number words, scale words, roman numerals.

Bulletins write `.` for thousands and `,` for decimals (`1.208,8`), sometimes
the English way (`62,502`), multiply by scale words (`1,2 tỷ`, `41 tỷ 951
triệu`, `2,5 nghìn tỷ`) and spell small numbers out (`hai mươi mốt`). Money,
percent, quantity and period readers all start from `read_figure` here, so
the decimal rules live in one place. Values are `Decimal` so that scaled
amounts come out exact (`1.208,8 tỷ` is 1208800000000, not ...0002).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

SCALE_WORDS: dict[str, int] = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}

_DIGIT_WORDS = {
    "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
# Unit forms only used right after `mươi`/`mười`: hai mươi mốt, hai mươi tư, mười lăm.
_AFTER_TENS = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_TENS = ("mươi", "mười")

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+)|(?P<sym>\S))")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SEPARATOR = re.compile(r"[.,]")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", re.I)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

# Words that only ever come before a number (LABELS.md keeps them outside; tolerate them).
_APPROXIMATOR = re.compile(
    r"(?:hơn|gần|khoảng|trên|dưới|ước(?: tính| đạt)?|tối thiểu|tối đa|xấp xỉ|chừng)\s+", re.I
)
# Vague amounts are not values: hàng nghìn hộ, một số dự án, vài chục người.
_VAGUE = re.compile(r"(?:một (?:số|vài|ít)|vài|mấy|dăm|nhiều|hàng|hằng|các|những)(?![^\W\d_])", re.I)
_RANGE = re.compile(r"(?P<left>[^\d\-~]{0,20}?)\s*(?:-|~|\bđến\b|\btới\b)\s*", re.I)
_FRACTION = re.compile(r"\s*/\s*")


class Amount(NamedTuple):
    """A number read from the start of a text."""

    value: Decimal
    end: int  # offset just after the number and its scale words
    scale: int | None  # multiplier of the trailing scale words, inherited by `300 - 500 triệu`


class Figure(NamedTuple):
    """A number, a dash range or a fraction, and the text after it (unit, currency, %)."""

    low: Decimal
    high: Decimal | None = None  # set for a range `300 - 500`
    of: Decimal | None = None  # set for a fraction `16/33`
    tail: str = ""


def parse_digits(text: str, scaled: bool = False) -> Decimal | None:
    """Read one digit group with `.`/`,` separators; None when the grouping is impossible.

    A single separator followed by exactly three digits groups thousands
    (`1.010`, English `62,502`), except `,` before a scale word, which is a
    decimal (`923,835 tỷ`). Two kinds of separator: the last one is the decimal.
    """
    if not _DIGITS.fullmatch(text):
        return None
    seps = _SEPARATOR.findall(text)
    groups = _SEPARATOR.split(text)
    if not seps:
        return Decimal(text)
    if len(seps) == 1:
        head, tail = groups
        thousands = len(tail) == 3 and len(head) <= 3 and int(head) != 0 and (seps[0] == "." or not scaled)
        return Decimal(head + tail) if thousands else Decimal(f"{head}.{tail}")
    if len(set(seps)) == 1:
        if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return Decimal("".join(groups))
        return None
    decimal_sep = seps[-1]
    if seps.count(decimal_sep) != 1 or not (1 <= len(groups[0]) <= 3):
        return None
    if any(len(g) != 3 for g in groups[1:-1]):
        return None
    return Decimal("".join(groups[:-1]) + "." + groups[-1])


def roman_to_int(text: str) -> int | None:
    """`IV` -> 4; None for anything that is not a well-formed roman numeral."""
    if not text or not _ROMAN.fullmatch(text):
        return None
    values = [_ROMAN_VALUES[c] for c in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _tokens(text: str, pos: int) -> list[tuple[str, str, int, int]]:
    """(kind, casefolded text, start, end) for each token from `pos` on."""
    out = []
    for m in _TOKEN.finditer(text, pos):
        kind = m.lastgroup or "sym"
        out.append((kind, m.group(kind).casefold(), m.start(kind), m.end(kind)))
    return out


def _merge_space_groups(text: str, toks: list, i: int) -> tuple[str, int]:
    """`3 500 000` written with spaces: join 3-digit groups that follow a 1-3 digit head."""
    kind, word, _, end = toks[i]
    if not word.isdigit() or len(word) > 3:
        return word, i
    j = i
    while j + 1 < len(toks):
        nkind, nword, nstart, nend = toks[j + 1]
        if nkind != "num" or not nword.isdigit() or len(nword) != 3 or nstart != end + 1 or text[end] != " ":
            break
        word, end, j = word + nword, nend, j + 1
    return word, j


def read_amount(text: str, pos: int = 0, scaled: bool = False) -> Amount | None:
    """Read digits, number words and scale words from `pos`; stop at the first other token.

    Scale words multiply everything before them that carries a smaller
    scale, so `41 tỷ 951 triệu` adds up and `2,5 nghìn tỷ` multiplies out.
    `năm` counts as five only when no digits follow (`năm 2021` is a year).
    `scaled` reads digits as if a scale word followed (the low end of a range).
    """
    toks = _tokens(text, pos)
    groups: list[tuple[Decimal, int]] = []  # (value, scale) of finished scale groups
    cur = Decimal(0)
    pending: Decimal | None = None
    prev = ""  # what the last token read was; "" until a number starts
    run: int | None = None
    end = pos
    i = 0
    while i < len(toks):
        kind, word, _, stop = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if kind == "num":
            if prev not in ("", "scale"):
                break
            word, i = _merge_space_groups(text, toks, i)
            stop = toks[i][3]
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            value = parse_digits(word, scaled=scaled or bool(nxt and nxt[1] in SCALE_WORDS))
            if value is None:
                return None
            pending, prev = value, "digit"
        elif kind != "word":
            break
        elif word in _DIGIT_WORDS and not (word == "năm" and nxt and nxt[0] == "num") \
                and not (word == "không" and not (nxt and nxt[1] == "trăm")):
            if prev not in ("", "scale", "trăm", "linh", "mươi", "mười"):
                break
            pending, prev = Decimal(_DIGIT_WORDS[word]), "digit"
        elif word == "mười":
            if prev not in ("", "scale", "trăm"):
                break
            cur, prev = cur + 10, "mười"
        elif word == "mươi":
            if pending is None:
                break
            cur, pending, prev = cur + pending * 10, None, "mươi"
        elif word in _AFTER_TENS:
            if prev not in _TENS or pending is not None:
                break
            cur, prev = cur + _AFTER_TENS[word], "unit"
        elif word in ("trăm", "chục"):
            if pending is None:
                break
            cur, pending, prev = cur + pending * (100 if word == "trăm" else 10), None, word
        elif word in ("linh", "lẻ"):
            if prev != "trăm":
                break
            prev = "linh"
        elif word == "rưỡi":
            if prev == "trăm":
                cur += 50
            elif prev == "scale":
                value, scale = groups[-1]
                groups[-1] = (value + Decimal(scale) / 2, scale)
            else:
                break
            prev = "rưỡi"
        elif word in SCALE_WORDS:
            scale = SCALE_WORDS[word]
            if pending is None and prev not in ("mười", "mươi", "unit", "trăm", "linh", "chục", "rưỡi") \
                    and not (groups and groups[-1][1] < scale):
                break  # a scale word with nothing to multiply: `triệu đồng`, `tỷ triệu`
            value = cur + (pending or 0)
            cur, pending = Decimal(0), None
            while groups and groups[-1][1] < scale:
                value += groups.pop()[0]
            groups.append((value * scale, scale))
            run = run * scale if prev == "scale" and run else scale
            prev = "scale"
        else:
            break
        end = stop
        i += 1
    if not prev:
        return None
    total = sum((v for v, _ in groups), Decimal(0)) + cur + (pending or 0)
    return Amount(total, end, run if prev in ("scale", "rưỡi") else None)


def read_figure(text: str) -> Figure | None:
    """Read a number, a dash range (`300 - 500 triệu`) or a fraction (`16/33`) and its tail.

    The low end of a range takes the high end's scale when it has none of
    its own (`12 - 15 triệu` is 12e6..15e6).
    """
    approx = _APPROXIMATOR.match(text)
    if approx:
        text = text[approx.end():]
    if _VAGUE.match(text):
        return None
    first = read_amount(text)
    if first is None:
        return None
    slash = _FRACTION.match(text, first.end)
    if slash and first.scale is None:
        second = read_amount(text, slash.end())
        if second is not None and second.scale is None:
            return Figure(first.value, of=second.value, tail=text[second.end:].strip())
    sep = _RANGE.match(text, first.end)
    if sep:
        second = read_amount(text, sep.end())
        if second is not None:
            low = first.value
            if first.scale is None and second.scale is not None:  # `41,250 - 41,700 triệu`
                low = read_amount(text, scaled=True).value * second.scale
            return Figure(low, high=second.value, tail=text[second.end:].strip())
    return Figure(first.value, tail=text[first.end:].strip())


def as_number(value: Decimal) -> int | float:
    """JSON number: an int when whole, so that `16/33 chỉ tiêu` gives 16, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def clean_unit(unit: str) -> str:
    """A written unit without stray spaces: `m 2 /tháng` -> `m2/tháng`."""
    return re.sub(r"\s*/\s*", "/", re.sub(r"(?<=[^\W\d_])\s+(?=\d)", "", unit.strip()))
