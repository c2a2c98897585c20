"""The text layer's invariants: every sentence, syllable and word maps back to the
exact original substring, NFD input and odd whitespace included."""
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from vngov_nlp.text import analyze, normalize, split_sentences, syllables
from vngov_nlp.text.segment import align_words

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
MESSY = ("Chủ tịch UBND tỉnh\u00a0Trần Tiến Dũng tại Tp.HCM\u200b ngày 21/9,\r\n"
         "thu  1.208,8 tỷ đồng hoà bình.\tHết./.")


def _nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize("raw", [MESSY, _nfd(MESSY), "", "   ", "abc", _nfd("Ấp Ủy ban")])
def test_normalize_maps_every_character_back(raw):
    n = normalize(raw)
    assert unicodedata.is_normalized("NFC", n.text)
    assert "\u00a0" not in n.text and "\u200b" not in n.text and "\r" not in n.text
    for i, ch in enumerate(n.text):
        s, e = n.to_original(i, i + 1)
        piece = unicodedata.normalize("NFC", raw[s:e]).replace("\u00a0", " ").replace("\t", " ").replace("\u200b", "").replace("\r", "")
        assert ch in piece


def test_nfd_words_map_to_original_substrings():
    raw = _nfd(MESSY)
    for seg in ("syllable", "underthesea"):
        sents = analyze(raw, seg)
        assert sents
        for s in sents:
            for w in s.words:
                orig = raw[w.start:w.end]
                assert unicodedata.normalize("NFC", orig).split() == w.form.split("_") or \
                    "".join(unicodedata.normalize("NFC", orig).split()) == w.form.replace("_", "")


def test_underthesea_compounds_are_words_with_original_offsets():
    raw = "Chủ tịch UBND tỉnh Trần Tiến Dũng đến Tp.HCM"
    words = [w for s in analyze(raw, "underthesea") for w in s.words]
    forms = [w.form for w in words]
    assert "Chủ_tịch" in forms and "Trần_Tiến_Dũng" in forms
    w = words[forms.index("Trần_Tiến_Dũng")]
    assert raw[w.start:w.end] == "Trần Tiến Dũng"


def test_align_words_survives_moved_tone_marks_and_inserted_spaces():
    text = "hoà bình ở Tp.HCM"
    spans = align_words(text, ["hòa bình", "ở", "Tp.", "HCM"])
    assert [text[s:e] for s, e in spans] == ["hoà bình", "ở", "Tp.", "HCM"]


@pytest.mark.parametrize("text,expected", [
    ("Sáng 31.8, UBND tỉnh họp. Thu đạt 1.208,8 tỷ đồng.", ["Sáng 31.8, UBND tỉnh họp.", "Thu đạt 1.208,8 tỷ đồng."]),
    ("Tại TP. Hồ Chí Minh và Tp.HCM có nhiều dự án.", ["Tại TP. Hồ Chí Minh và Tp.HCM có nhiều dự án."]),
    ("Ban hành Chỉ thị số 04/CT-UBND. Tiếp tục thực hiện.", ["Ban hành Chỉ thị số 04/CT-UBND.", "Tiếp tục thực hiện."]),
    ("Nơi nhận: như trên./. Hết", ["Nơi nhận: như trên./.", "Hết"]),
    ("Đã ký./.Tiếp", ["Đã ký./.Tiếp"]),
    ("các loại cây, v.v. để phát triển", ["các loại cây, v.v. để phát triển"]),
    ("Dòng một\nDòng hai", ["Dòng một", "Dòng hai"]),
    ("Có nên làm? Có! Làm ngay.", ["Có nên làm?", "Có!", "Làm ngay."]),
])
def test_sentences(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_syllables_follow_token_rule():
    text = "923,835 tỷ đồng/1.010 tỷ đồng (21/9) đạt 82%"
    toks = [t.text for t in syllables(text)]
    assert toks == ["923,835", "tỷ", "đồng", "/", "1.010", "tỷ", "đồng", "(", "21", "/", "9", ")", "đạt", "82", "%"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_sentences_and_words_cover_original(path):
    raw = path.read_text(encoding="utf-8")
    for variant in (raw, _nfd(raw)):
        for s in analyze(variant):
            assert variant[s.start:s.end].strip() == variant[s.start:s.end]
            for w in s.words:
                assert s.start <= w.start < w.end <= s.end
                assert unicodedata.normalize("NFC", variant[w.start:w.end]) == w.form


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâeêoôơuưđ ÁÀẢÃẠáàảãạ\u0300\u0301\u0323 .,/-%\n\r\t\u00a0\u200b0123456789Tp")), max_size=80))
def test_analyze_never_breaks_offsets(raw):
    for s in analyze(raw):
        assert 0 <= s.start < s.end <= len(raw)
        for w in s.words:
            assert s.start <= w.start < w.end <= s.end
            assert raw[w.start:w.end].strip()
