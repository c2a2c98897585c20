"""`normalize` as the parser uses it: dispatch, messy surfaces, never raising, cheap year inference."""
import datetime
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from vngov_nlp.values import ValueContext, normalize, reference_from_text

LABELS = ["MONEY", "PERCENT", "QUANTITY", "DATE", "PERIOD", "DOC"]
SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))


@pytest.mark.parametrize("label", ["PER", "TITLE", "ORG", "LOC", "money", "", "OTHER"])
def test_other_labels_have_no_value(label):
    assert normalize(label, "1.208,8 tỷ đồng") is None


@pytest.mark.parametrize("label, surface, expected", [
    ("MONEY", unicodedata.normalize("NFD", "1.208,8 tỷ đồng"), {"amount": 1208800000000.0, "currency": "VND"}),
    ("MONEY", "1.208,8\u00a0tỷ  đồng", {"amount": 1208800000000.0, "currency": "VND"}),
    ("MONEY", " 30\u202ftỷ\tđồng ", {"amount": 30e9, "currency": "VND"}),
    ("MONEY", "300 – 500 triệu đồng", {"low": 3e8, "high": 5e8, "currency": "VND"}),
    ("PERCENT", "95%\u00a0–\u00a0100%", {"low": 95.0, "high": 100.0}),
    ("QUANTITY", unicodedata.normalize("NFD", "5.030 hộ gia đình"), {"amount": 5030, "unit": "hộ gia đình"}),
    ("QUANTITY", "13,69 tiêu\u200b chí/xã", {"amount": 13.69, "unit": "tiêu chí/xã"}),
    ("DATE", unicodedata.normalize("NFD", "16 tháng 6 năm 2025"), {"date": "2025-06-16"}),
    ("DATE", "quý\u00a0IV/2022", {"date": "2022-Q4"}),
    ("PERIOD", unicodedata.normalize("NFD", "9 tháng đầu năm 2021"), {"start": "2021-01", "end": "2021-09"}),
    ("PERIOD", "giai đoạn 2021 – 2025", {"start": "2021", "end": "2025"}),
    ("DOC", unicodedata.normalize("NFD", "Quyết định số 57/QĐ–UBND"),
     {"type": "Quyết định", "number": "57/QĐ-UBND", "issuer": "UBND"}),
    ("DOC", "Nghị quyết  số\u00a0105/NQ-CP", {"type": "Nghị quyết", "number": "105/NQ-CP", "issuer": "CP"}),
])
def test_messy_surfaces(label, surface, expected):
    assert normalize(label, surface) == expected


@pytest.mark.parametrize("surface", [None, 42, b"82%", ["82%"]])
def test_non_text_surfaces(surface):
    assert normalize("PERCENT", surface) is None


def test_overlong_surface_is_refused():
    assert normalize("QUANTITY", "5 " + "người " * 200) is None


FRAGMENTS = st.sampled_from([
    "0", "1", "9", "12", "2021", ".", ",", "/", "-", "–", "%", " ", "\u00a0", "tỷ", "triệu", "nghìn",
    "đồng", "USD", "năm", "tháng", "quý", "IV", "ngày", "số", "NQ-CP", "Nghị quyết", "Luật", "mươi",
    "hai", "rưỡi", "trăm", "linh", "cùng kỳ", "đầu", "cuối", "giai đoạn", "đến", "nay", "trước",
    "Đinh", "Dậu", "nửa", "phần trăm", "\u0301", "\u200b",
])


@settings(max_examples=300, deadline=None)
@given(label=st.sampled_from(LABELS), surface=st.text(max_size=60))
def test_never_raises_on_any_text(label, surface):
    value = normalize(label, surface)
    assert value is None or isinstance(value, dict)


@settings(max_examples=300, deadline=None)
@given(
    label=st.sampled_from(LABELS),
    surface=st.lists(FRAGMENTS, max_size=12).map("".join),
    before=st.lists(FRAGMENTS, max_size=12).map("".join),
    doc_date=st.one_of(st.none(), st.dates(), st.text(max_size=10)),
)
def test_never_raises_on_number_like_text(label, surface, before, doc_date):
    value = normalize(label, surface, ValueContext(doc_date=doc_date, before=before))
    assert value is None or isinstance(value, dict)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_reads_every_number_like_token_of_the_seeds(path):
    """Smoke: run every label over every token window of a real bulletin, with its real context."""
    text = path.read_text(encoding="utf-8")
    words = text.split()
    pos = 0
    for i in range(0, len(words), 3):
        surface = " ".join(words[i:i + 4])
        pos = text.find(words[i], pos)
        ctx = ValueContext(before=text[:pos])
        for label in LABELS:
            value = normalize(label, surface, ctx)
            assert value is None or isinstance(value, dict)


def test_year_inference_is_cheap_in_a_long_document():
    """Hundreds of spans in a 50,000-character document, most without a date nearby."""
    text = "Thứ sáu, 25/11/2022 - 15:37'\n" + "Nội dung bài viết không có số liệu ngày tháng. " * 1100
    assert len(text) > 50_000
    started = time.perf_counter()
    for start in range(1000, len(text), 100):
        assert normalize("DATE", "21/9", ValueContext(before=text[:start])) == {"date": "2022-09-21"}
    assert time.perf_counter() - started < 2.0


def test_explicit_doc_date_skips_the_text():
    ctx = ValueContext(doc_date=datetime.date(2021, 9, 21), before="năm 2010 ")
    assert normalize("DATE", "21/9", ctx) == {"date": "2021-09-21"}
    assert reference_from_text("năm 2010 ").year == 2010
