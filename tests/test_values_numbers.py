"""Number reading (values/numbers.py): separators, scale words, number words, roman numerals."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from vngov_nlp.values.numbers import parse_digits, read_amount, read_figure, roman_to_int


@pytest.mark.parametrize("text, scaled, expected", [
    ("1.208,8", False, "1208.8"),
    ("62.502", False, "62502"),
    ("3.500.000", False, "3500000"),
    ("1.010", True, "1010"),           # `.` + 3 digits groups thousands even before a scale word
    ("923,835", True, "923.835"),      # `,` + 3 digits before a scale word is a decimal
    ("62,502", False, "62502"),        # rare English style without a scale word
    ("527,3", False, "527.3"),
    ("13,69", False, "13.69"),
    ("37,00", True, "37.00"),
    ("0,500", False, "0.5"),           # a thousands group cannot follow 0
    ("2.5", False, "2.5"),             # English decimal point, unambiguous with 1 digit
    ("1,234.5", False, "1234.5"),      # English with both separators
    ("12.345.678,91", False, "12345678.91"),
    ("1,000,000", False, "1000000"),
    ("03", False, "3"),
    ("07", False, "7"),
    ("35000", False, "35000"),
    ("1234.567", False, "1234.567"),   # a 4-digit head cannot be a thousands group
])
def test_parse_digits(text, scaled, expected):
    assert parse_digits(text, scaled=scaled) == Decimal(expected)


@pytest.mark.parametrize("text", ["12.34.56", "1.234,5,6", "1,23.456.7", "", "abc", "1..2"])
def test_parse_digits_impossible_grouping(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize("text, expected", [
    ("một", 1), ("mười", 10), ("mười một", 11), ("mười lăm", 15), ("mười bốn", 14),
    ("hai mươi", 20), ("hai mươi mốt", 21), ("ba mươi tư", 34), ("bốn mươi lăm", 45),
    ("chín mươi chín", 99), ("một trăm", 100), ("một trăm linh năm", 105), ("hai trăm lẻ một", 201),
    ("ba trăm mười", 310), ("bảy trăm năm mươi", 750), ("hai chục", 20), ("hai nghìn", 2000),
    ("hai nghìn không trăm hai mươi mốt", 2021), ("năm", 5), ("bẩy", 7),
    ("một triệu rưỡi", 1_500_000), ("hai trăm rưỡi", 250), ("ba tỷ", 3 * 10**9),
    ("mười hai triệu năm trăm nghìn", 12_500_000),
])
def test_number_words(text, expected):
    fig = read_figure(text)
    assert fig is not None and fig.tail == "" and fig.low == expected


@pytest.mark.parametrize("text, value, tail", [
    ("41 tỷ 951 triệu đồng", 41_951_000_000, "đồng"),
    ("12 triệu 500 ngàn", 12_500_000, ""),
    ("2,5 nghìn tỷ", 2_500_000_000_000, ""),
    ("1 nghìn tỷ đồng", 10**12, "đồng"),
    ("một nghìn hai trăm tỷ", 1_200_000_000_000, ""),
    ("3 500 000 đồng", 3_500_000, "đồng"),
    ("năm người", 5, "người"),
    ("hai cấp phó", 2, "cấp phó"),
    ("110kV", 110, "kV"),
    ("hơn 480 lao động", 480, "lao động"),   # approximators are tolerated in front
    ("khoảng 30 tỷ", 30 * 10**9, ""),
])
def test_scale_words_and_tails(text, value, tail):
    fig = read_figure(text)
    assert fig.low == value and fig.tail == tail


@pytest.mark.parametrize("text", [
    "năm 2021", "triệu đồng", "hàng nghìn hộ dân", "hàng trăm tỷ", "một số dự án", "vài chục người",
    "nhiều xã", "các chỉ tiêu", "mươi người", "lần thứ XIV", "", "%",
])
def test_not_a_number(text):
    assert read_figure(text) is None


def test_amount_reports_its_end_and_scale():
    amount = read_amount("1.208,8 tỷ đồng")
    assert amount.value == Decimal("1208800000000") and amount.end == len("1.208,8 tỷ") and amount.scale == 10**9
    assert read_amount("2,5 nghìn tỷ").scale == 10**12
    assert read_amount("300 người").scale is None


@pytest.mark.parametrize("text, low, high, of, tail", [
    ("300 - 500 triệu đồng", 300_000_000, 500_000_000, None, "đồng"),
    ("1.700-2.000 tỷ đồng", 1_700 * 10**9, 2_000 * 10**9, None, "đồng"),
    ("500 triệu - 1 tỷ đồng", 500_000_000, 10**9, None, "đồng"),
    ("95% - 100%", 95, 100, None, "%"),
    ("5 đến 10 triệu", 5_000_000, 10_000_000, None, ""),
    ("16/33 chỉ tiêu", 16, None, 33, "chỉ tiêu"),
    ("15/19", 15, None, 19, ""),
])
def test_ranges_and_fractions(text, low, high, of, tail):
    fig = read_figure(text)
    assert (fig.low, fig.high, fig.of, fig.tail) == (low, high, of, tail)


@pytest.mark.parametrize("text, expected", [
    ("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("V", 5), ("IX", 9), ("XIV", 14), ("XVII", 17),
    ("xv", 15), ("XIII", 13), ("MMXXI", 2021),
])
def test_roman(text, expected):
    assert roman_to_int(text) == expected


@pytest.mark.parametrize("text", ["IIII", "VV", "IC", "", "ABC", "X1"])
def test_roman_rejects(text):
    assert roman_to_int(text) is None


# ---- property: numbers spelled out in words read back -------------------------------------

_DIGIT = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _spell_group(n: int, full: bool) -> list[str]:
    """Spell 0..999 the usual way; `full` writes `không trăm`/`linh` inside a bigger number."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words = [_DIGIT[h], "trăm"] if h or full else []
    if t == 0:
        if u:
            words += (["linh"] if words else []) + [_DIGIT[u]]
    elif t == 1:
        words += ["mười"] + ([("lăm" if u == 5 else _DIGIT[u])] if u else [])
    else:
        words += [_DIGIT[t], "mươi"] + ([{1: "mốt", 4: "tư", 5: "lăm"}.get(u, _DIGIT[u])] if u else [])
    return words


def _spell(n: int) -> str:
    groups = [(n // 10**6, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")]
    words: list[str] = []
    for value, scale in groups:
        if value:
            words += _spell_group(value, full=bool(words)) + ([scale] if scale else [])
    return " ".join(words)


@given(st.integers(min_value=1, max_value=999_999_999))
def test_spelled_numbers_read_back(n):
    fig = read_figure(_spell(n))
    assert fig is not None and fig.tail == "" and fig.low == n
