"""CoNLL reading: VLSP-style multi-column files, tag schemes, documents; writing errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from vngov_nlp import formats
from vngov_nlp.formats import FormatError
from vngov_nlp.schema import Document, Span

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
VLSP = FIXTURES / "vlsp2016_tiny.conll"


def _write(tmp_path: Path, body: str, name: str = "in.conll") -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def test_vlsp_four_columns_with_any_labels():
    docs = formats.read("conll", VLSP, labels=None)
    assert len(docs) == 1 and docs[0].id == "vlsp2016_tiny"  # no -DOCSTART-: one document named after the file
    doc = docs[0]
    assert doc.text == ("Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Lai Châu, đã đến Hà Nội dự Hội nghị APEC.\n"
                        "Sáng nay (21/9), đoàn thăm Công ty FPT tại TP. Hồ Chí Minh.")
    assert [(s.label, s.text) for s in doc.spans] == [
        ("PER", "Nguyễn Văn An"), ("ORG", "UBND tỉnh Lai Châu"), ("LOC", "Hà Nội"), ("MISC", "Hội nghị APEC"),
        ("ORG", "Công ty FPT"), ("LOC", "TP. Hồ Chí Minh")]


def test_vlsp_fails_clearly_with_the_default_labels():
    with pytest.raises(FormatError) as e:
        formats.read("conll", VLSP)
    msg = str(e.value)
    assert str(VLSP) in msg and "record document 'vlsp2016_tiny' (line 1)" in msg
    assert "unknown label 'MISC'" in msg and "--labels any" in msg


def test_vlsp_with_a_label_file_restricts_to_it(tmp_path):
    labels = tuple((FIXTURES / "vlsp_labels.txt").read_text(encoding="utf-8").split())
    assert len(formats.read("conll", VLSP, labels=labels)[0].spans) == 6
    with pytest.raises(FormatError, match="unknown label 'MISC'"):
        formats.read("conll", VLSP, labels=("PER", "LOC", "ORG"))


def test_tag_column_picks_another_column():
    doc = formats.read("conll", VLSP, labels=None, tag_column=2)[0]
    assert [s.text for s in doc.spans][:3] == ["Ông", "Nguyễn Văn An", "Chủ tịch"]
    assert {s.label for s in doc.spans} == {"NP", "VP", "PP"}


def test_vlsp_converts_to_canonical_and_back_to_conll(tmp_path):
    n = formats.convert(VLSP, tmp_path / "v.jsonl", "conll", "canonical", labels=None)
    assert n == 1
    formats.convert(tmp_path / "v.jsonl", tmp_path / "v.conll", "canonical", "conll", labels=None)
    lines = (tmp_path / "v.conll").read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["-DOCSTART- vlsp2016_tiny", "", "Ông O", "Nguyễn B-PER"]
    assert "Hội B-MISC" in lines and "nghị I-MISC" in lines


@pytest.mark.parametrize("tags,expected", [
    (["B-PER", "I-PER", "O", "B-LOC"], [("PER", "a b"), ("LOC", "d")]),             # IOB2
    (["I-PER", "I-PER", "B-PER", "O"], [("PER", "a b"), ("PER", "c")]),             # IOB1 / I without B
    (["B-PER", "I-LOC", "I-LOC", "O"], [("PER", "a"), ("LOC", "b c")]),             # I- of another label starts one
    (["S-PER", "B-LOC", "E-LOC", "S-LOC"], [("PER", "a"), ("LOC", "b c"), ("LOC", "d")]),  # BIOES
    (["U-PER", "B-LOC", "L-LOC", "O"], [("PER", "a"), ("LOC", "b c")]),             # BILOU
    (["PER", "PER", "O", "LOC"], [("PER", "a b"), ("LOC", "d")]),                   # IO
])
def test_tag_schemes(tags, expected, tmp_path):
    body = "".join(f"{tok} {tag}\n" for tok, tag in zip("abcd", tags))
    doc = formats.read("conll", _write(tmp_path, body), labels=None)[0]
    assert [(s.label, s.text) for s in doc.spans] == expected


def test_docstart_ids_filler_and_sentences(tmp_path):
    body = ("-DOCSTART- -X- -X- O\n\nHà B-LOC\nNội I-LOC\n\n\nLai B-LOC\n\n"
            "-DOCSTART- second doc\n\nx O\n\n-DOCSTART-\n\n")
    docs = formats.read("conll", _write(tmp_path, body, "many.conll"))
    assert [d.id for d in docs] == ["many-1", "second doc", "many-3"]
    assert docs[0].text == "Hà Nội\nLai" and [s.text for s in docs[0].spans] == ["Hà Nội", "Lai"]
    assert docs[2].text == "" and docs[2].spans == []


def test_tab_file_with_crlf_and_bom(tmp_path):
    p = tmp_path / "crlf.conll"
    p.write_bytes("\ufeffHà_Nội\tNp\tB-LOC\r\n.\tCH\tO\r\n\r\n".encode("utf-8"))
    doc = formats.read("conll", p)[0]
    assert doc.text == "Hà Nội." and doc.spans[0].text == "Hà Nội"


@pytest.mark.parametrize("body,line,problem", [
    ("Hà B-LOC\nNội\n", "line 2", "expected 'token TAG'"),
    ("Hà X-LOC\n", "line 1", "malformed tag 'X-LOC'"),
    ("Hà B-\n", "line 1", "malformed tag 'B-'"),
    ("Hà\tNp\tB-LOC\n", "line 1", "no column 5"),
])
def test_bad_conll_lines(body, line, problem, tmp_path):
    p = _write(tmp_path, body)
    with pytest.raises(FormatError) as e:
        formats.read("conll", p, tag_column=5 if "no column" in problem else None)
    assert str(p) in str(e.value) and f"record {line}" in str(e.value) and problem in str(e.value)


def test_span_edge_inside_a_token_cannot_be_written(tmp_path):
    text = "Thu 1.208,8 tỷ đồng"
    good = Document("ok", "Hà Nội", [Span(0, 6, "LOC")])
    bad = Document("bad", text, [Span(4, 9, "QUANTITY")])  # "1.208" of the token "1.208,8"
    out = tmp_path / "out.conll"
    with pytest.raises(FormatError) as e:
        formats.write("conll", [good, bad], out)
    assert "record document 'bad'" in str(e.value) and "inside the token '1.208,8'" in str(e.value)
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file


def test_words_only_for_conll(tmp_path):
    with pytest.raises(FormatError, match="conll output only"):
        formats.convert(VLSP, tmp_path / "x.json", "conll", "labelstudio", labels=None, words=True)
    with pytest.raises(FormatError, match="conll input only"):
        formats.read("doccano", tmp_path / "x.jsonl", tag_column=2)
