"""`validate` catches each kind of bad record and names document, offset and surface."""
import json

import pytest

from vngov_nlp.cli import main
from vngov_nlp.schema import Document, Span, validate_document

TEXT = "Chủ tịch UBND tỉnh Trần Tiến Dũng đạt 82% kế hoạch."


def test_clean_document_has_no_problems():
    d = Document("ok", TEXT, [Span(0, 8, "TITLE"), Span(9, 18, "ORG"), Span(19, 33, "PER"), Span(38, 41, "PERCENT")])
    assert validate_document(d) == []


@pytest.mark.parametrize("span,needle", [
    (Span(0, 80, "PER"), "out of range"),
    (Span(5, 3, "PER"), "out of range"),
    (Span(1, 8, "TITLE"), "starts inside a word"),
    (Span(0, 7, "TITLE"), "ends inside a word"),
    (Span(0, 9, "TITLE"), "whitespace"),
    (Span(0, 8, "JOB"), "unknown label"),
])
def test_each_problem_is_reported(span, needle):
    problems = validate_document(Document("bad", TEXT, [span]))
    assert any(needle in str(p) for p in problems), problems
    assert all(str(p).startswith("bad") for p in problems)


def test_overlap_is_reported_and_any_labels_accepted():
    d = Document("ov", TEXT, [Span(0, 18, "ORG"), Span(9, 18, "ORG")])
    assert any("overlaps" in str(p) for p in validate_document(d))
    assert validate_document(Document("x", TEXT, [Span(0, 8, "JOB")]), labels=None) == []


def test_cli_validate_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g", "text": TEXT, "spans": [{"start": 19, "end": 33, "label": "PER"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "b", "text": TEXT, "spans": [{"start": 20, "end": 33, "label": "PER"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "b @20" in out and "starts inside a word" in out
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": \n', encoding="utf-8")
    assert main(["validate", str(broken)]) == 2
    assert "line 1" in capsys.readouterr().err


def test_token_rule_holds_for_decomposed_text():
    import unicodedata

    text = unicodedata.normalize("NFD", "Thủ tướng Chính phủ")
    inside_mark = text.index("u") + 1  # between `u` and its combining hook
    assert any("inside a word" in str(p) for p in validate_document(Document("nfd", text, [Span(0, inside_mark, "TITLE")])))
    end = len(unicodedata.normalize("NFD", "Thủ tướng"))
    assert validate_document(Document("nfd", text, [Span(0, end, "TITLE")])) == []
