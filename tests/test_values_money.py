"""MONEY, PERCENT and QUANTITY values through `normalize` (values/money.py, percent.py, quantity.py)."""
import math
from decimal import Decimal

import pytest
from hypothesis import assume, given, strategies as st

from vngov_nlp.values import normalize

VND, USD, EUR = "VND", "USD", "EUR"


@pytest.mark.parametrize("surface, expected", [
    # seeds and LABELS.md / GUIDELINES examples
    ("1.208,8 tỷ đồng", {"amount": 1208800000000.0, "currency": VND}),
    ("223,4 tỷ đồng", {"amount": 223400000000.0, "currency": VND}),
    ("30 tỷ đồng", {"amount": 30e9, "currency": VND}),
    ("500 triệu đồng", {"amount": 500e6, "currency": VND}),
    ("2 triệu USD", {"amount": 2e6, "currency": USD}),
    ("50.000 tỷ", {"amount": 50_000e9, "currency": VND}),
    ("4.728,4 tỷ đồng", {"amount": 4728.4e9, "currency": VND}),
    ("923,835 tỷ đồng", {"amount": 923.835e9, "currency": VND}),
    ("1.010 tỷ đồng", {"amount": 1010e9, "currency": VND}),
    ("300 - 500 triệu đồng", {"low": 3e8, "high": 5e8, "currency": VND}),
    ("15 triệu đồng/m2", {"amount": 15e6, "currency": VND, "per": "m2"}),
    ("33,8 triệu đồng/người/năm", {"amount": 33.8e6, "currency": VND, "per": "người/năm"}),
    ("5.000 đồng/lượt", {"amount": 5000.0, "currency": VND, "per": "lượt"}),
    ("12 - 15 triệu đồng/m2", {"low": 12e6, "high": 15e6, "currency": VND, "per": "m2"}),
    # currencies
    ("3.500.000 VNĐ", {"amount": 3.5e6, "currency": VND}),
    ("750.000 VND", {"amount": 750_000.0, "currency": VND}),
    ("45.000đ", {"amount": 45_000.0, "currency": VND}),
    ("18000 đ", {"amount": 18_000.0, "currency": VND}),
    ("4 triệu đô la Mỹ", {"amount": 4e6, "currency": USD}),
    ("250 đô la", {"amount": 250.0, "currency": USD}),
    ("1,5 triệu Euro", {"amount": 1.5e6, "currency": EUR}),
    ("900 EUR", {"amount": 900.0, "currency": EUR}),
    ("$2,5 triệu", {"amount": 2.5e6, "currency": USD}),
    ("3,2 tỷ USD", {"amount": 3.2e9, "currency": USD}),
    ("0,75 USD", {"amount": 0.75, "currency": USD}),
    # scales, compounds, words
    ("2,5 nghìn tỷ đồng", {"amount": 2.5e12, "currency": VND}),
    ("1 ngàn tỷ", {"amount": 1e12, "currency": VND}),
    ("17 tỷ 250 triệu đồng", {"amount": 17.25e9, "currency": VND}),
    ("8 triệu 400 nghìn đồng", {"amount": 8.4e6, "currency": VND}),
    ("năm trăm nghìn đồng", {"amount": 500_000.0, "currency": VND}),
    ("hai tỷ đồng", {"amount": 2e9, "currency": VND}),
    ("184.560.300.000 đồng", {"amount": 184_560_300_000.0, "currency": VND}),
    ("6,45 triệu đồng/tháng", {"amount": 6.45e6, "currency": VND, "per": "tháng"}),
    ("1,2 triệu đồng mỗi tháng", {"amount": 1.2e6, "currency": VND, "per": "tháng"}),
    ("41,250 - 41,700 triệu đồng/lượng", {"low": 41.25e6, "high": 41.7e6, "currency": VND, "per": "lượng"}),
    ("800 triệu - 1,2 tỷ đồng", {"low": 8e8, "high": 1.2e9, "currency": VND}),
    ("20-25 nghìn đồng/kg", {"low": 20_000.0, "high": 25_000.0, "currency": VND, "per": "kg"}),
])
def test_money(surface, expected):
    assert normalize("MONEY", surface) == expected


@pytest.mark.parametrize("surface", [
    "triệu đồng", "đồng", "hàng trăm tỷ đồng", "nhiều tỷ đồng", "5 triệu người", "16/33 tỷ", "", "tỷ",
])
def test_money_unreadable(surface):
    assert normalize("MONEY", surface) is None


@pytest.mark.parametrize("surface, expected", [
    ("82%", {"percent": 82.0}),
    ("1,9%", {"percent": 1.9}),
    ("9,74%", {"percent": 9.74}),
    ("95% - 100%", {"low": 95.0, "high": 100.0}),
    ("100 phần trăm", {"percent": 100.0}),
    ("7%/năm", {"percent": 7.0, "per": "năm"}),
    ("0,4%", {"percent": 0.4}),
    ("56,4%", {"percent": 56.4}),
    ("100%", {"percent": 100.0}),
    ("12,5 %", {"percent": 12.5}),
    ("65-80%", {"low": 65.0, "high": 80.0}),
    ("40 - 45%", {"low": 40.0, "high": 45.0}),
    ("ba mươi phần trăm", {"percent": 30.0}),
    ("1,25 điểm phần trăm", {"percent": 1.25}),
    ("0,8%/tháng", {"percent": 0.8, "per": "tháng"}),
])
def test_percent(surface, expected):
    assert normalize("PERCENT", surface) == expected


@pytest.mark.parametrize("surface", ["82", "phần trăm", "%", "hàng chục %", "5 người"])
def test_percent_unreadable(surface):
    assert normalize("PERCENT", surface) is None


@pytest.mark.parametrize("surface, expected", [
    ("527,3 ha", {"amount": 527.3, "unit": "ha"}),
    ("22.994,1 ha", {"amount": 22994.1, "unit": "ha"}),
    ("480 lao động", {"amount": 480, "unit": "lao động"}),
    ("5.030 hộ gia đình", {"amount": 5030, "unit": "hộ gia đình"}),
    ("62.502 người", {"amount": 62502, "unit": "người"}),
    ("2 liều", {"amount": 2, "unit": "liều"}),
    ("110kV", {"amount": 110, "unit": "kV"}),
    ("13,69 tiêu chí/xã", {"amount": 13.69, "unit": "tiêu chí/xã"}),
    ("16/33 chỉ tiêu", {"amount": 16, "of": 33, "unit": "chỉ tiêu"}),
    ("43/44 chỉ tiêu chủ yếu", {"amount": 43, "of": 44, "unit": "chỉ tiêu chủ yếu"}),
    ("13 tờ trình", {"amount": 13, "unit": "tờ trình"}),
    ("03 chương trình trọng điểm", {"amount": 3, "unit": "chương trình trọng điểm"}),
    ("2,5 triệu người", {"amount": 2_500_000, "unit": "người"}),
    ("hai cấp phó", {"amount": 2, "unit": "cấp phó"}),
    ("28 xã", {"amount": 28, "unit": "xã"}),
    ("5.000 căn nhà", {"amount": 5000, "unit": "căn nhà"}),
    ("72 y, bác sĩ", {"amount": 72, "unit": "y, bác sĩ"}),
    ("08 nhiệm vụ trọng tâm", {"amount": 8, "unit": "nhiệm vụ trọng tâm"}),
    ("12 nhóm giải pháp", {"amount": 12, "unit": "nhóm giải pháp"}),
    ("220kV", {"amount": 220, "unit": "kV"}),
    ("3,6 km", {"amount": 3.6, "unit": "km"}),
    ("1.250 m2", {"amount": 1250, "unit": "m2"}),
    ("14,2 nghìn tấn", {"amount": 14_200, "unit": "tấn"}),
    ("mười lăm xã", {"amount": 15, "unit": "xã"}),
    ("năm đơn vị", {"amount": 5, "unit": "đơn vị"}),
    ("một trăm hộ", {"amount": 100, "unit": "hộ"}),
    ("3 - 5 người", {"low": 3, "high": 5, "unit": "người"}),
    ("40-50 tấn/ha", {"low": 40, "high": 50, "unit": "tấn/ha"}),
    ("2.600 tỷ m3", {"amount": 2_600_000_000_000, "unit": "m3"}),
    ("15/19", {"amount": 15, "of": 19}),
    ("hơn 480 lao động", {"amount": 480, "unit": "lao động"}),
])
def test_quantity(surface, expected):
    assert normalize("QUANTITY", surface) == expected


@pytest.mark.parametrize("surface", [
    "hàng nghìn hộ dân", "nhiều dự án", "một số xã", "lần thứ XIV", "khóa XV", "các huyện", "",
])
def test_quantity_unreadable(surface):
    assert normalize("QUANTITY", surface) is None


# ---- property: amounts written the Vietnamese way read back --------------------------------

SCALES = {"": 1, "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "nghìn tỷ": 10**12}


def _vietnamese(thousandths: int, decimals: int) -> str:
    """`1234567` thousandths -> `1.234,567`; `decimals` digits kept (trailing zeros dropped)."""
    whole, frac = divmod(thousandths, 1000)
    text = f"{whole:,}".replace(",", ".")
    digits = f"{frac:03d}"[:decimals].rstrip("0")
    return f"{text},{digits}" if digits else text


@given(
    whole=st.integers(min_value=0, max_value=10**9),
    frac=st.integers(min_value=0, max_value=999),
    decimals=st.integers(min_value=0, max_value=3),
    scale=st.sampled_from(sorted(SCALES)),
    currency=st.sampled_from(["đồng", "VNĐ", "USD", ""]),
)
def test_vietnamese_amounts_read_back(whole, frac, decimals, scale, currency):
    number = _vietnamese(whole * 1000 + frac, decimals)
    # `1,500` with no thousands group and no scale word is the English 1500: genuinely ambiguous.
    assume(scale or whole >= 1000 or "," not in number or len(number.split(",")[1]) != 3)
    expected = Decimal(number.replace(".", "").replace(",", ".")) * SCALES[scale]
    surface = " ".join(p for p in (number, scale, currency) if p)
    value = normalize("MONEY", surface)
    assert value is not None, surface
    assert math.isclose(value["amount"], float(expected), rel_tol=1e-12), surface
    assert value["currency"] == ("USD" if currency == "USD" else "VND")


@given(
    whole=st.integers(min_value=0, max_value=10**7),
    frac=st.integers(min_value=0, max_value=999),
    decimals=st.integers(min_value=0, max_value=2),
    unit=st.sampled_from(["ha", "người", "hộ gia đình", "tấn", "km"]),
)
def test_vietnamese_quantities_read_back(whole, frac, decimals, unit):
    number = _vietnamese(whole * 1000 + frac, decimals)
    expected = Decimal(number.replace(".", "").replace(",", "."))
    value = normalize("QUANTITY", f"{number} {unit}")
    assert value["unit"] == unit and math.isclose(value["amount"], float(expected), rel_tol=1e-12)


def test_per_unit_written_with_spaces_is_cleaned():
    assert normalize("MONEY", "25.000-80.000 đồng/m 2 /tháng") == {"low": 25000.0, "high": 80000.0, "currency": "VND", "per": "m2/tháng"}
    assert normalize("QUANTITY", "3 “hạng mục”") == {"amount": 3, "unit": "hạng mục"}
