"""Label Studio specifics: which annotation is read, predictions for pre-annotation, offsets."""
from __future__ import annotations

import json

import pytest

from vngov_nlp import formats
from vngov_nlp.formats import FormatError, labelstudio
from vngov_nlp.schema import Document, Span

TEXT = "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương"


def _r(start, end, label, **extra):
    return {"id": f"r{start}", "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]}, **extra}


def _read(tmp_path, tasks, **kw):
    p = tmp_path / "export.json"
    p.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return formats.read("labelstudio", p, **kw)


def test_first_non_cancelled_annotation_wins(tmp_path):
    task = {"id": 1, "data": {"text": TEXT}, "annotations": [
        {"was_cancelled": True, "result": [_r(0, 8, "TITLE")]},
        {"was_cancelled": False, "result": [_r(28, 40, "PER"), {"type": "choices", "value": {"choices": ["ok"]}}]},
        {"result": [_r(9, 27, "ORG")]}],
        "predictions": [{"result": [_r(19, 27, "LOC")]}]}
    doc = _read(tmp_path, [task])[0]
    assert doc.id == "1" and [(s.label, s.text) for s in doc.spans] == [("PER", "Lê Văn Lương")]


def test_predictions_when_there_is_no_annotation(tmp_path):
    task = {"id": 2, "data": {"text": TEXT, "id": "doc-2", "meta": {"date": "2021-09-21"}}, "annotations": [],
            "predictions": [{"model_version": "m", "result": [_r(28, 40, "PER", score=0.75)]}]}
    doc = _read(tmp_path, [task])[0]
    assert doc.id == "doc-2" and doc.meta == {"date": "2021-09-21"}
    assert [(s.label, s.text, s.score) for s in doc.spans] == [("PER", "Lê Văn Lương", 0.75)]


def test_all_cancelled_tasks_are_left_out_with_a_notice(tmp_path, capsys):
    tasks = [{"id": 1, "data": {"text": TEXT}, "annotations": [{"was_cancelled": True, "result": []}]},
             {"id": 2, "data": {"text": "khác"}}]
    docs = _read(tmp_path, tasks)
    assert [d.id for d in docs] == ["2"] and docs[0].spans == []
    assert "1 tasks whose annotations were all cancelled left out" in capsys.readouterr().err


def test_to_tasks_predictions_for_pre_annotation(tmp_path):
    doc = Document("d", TEXT, [Span(0, 8, "TITLE", score=0.9), Span(28, 40, "PER", score=0.5)], {"src": "x"})
    doc.spans.append(Span(9, 27, "ORG", score=0.7, value={"k": 1}))
    tasks = labelstudio.to_tasks([doc], model_version="vngov-ner-small@1")
    (pred,) = tasks[0]["predictions"]
    assert "annotations" not in tasks[0] and tasks[0]["data"] == {"text": TEXT, "id": "d", "meta": {"src": "x"}}
    assert pred["model_version"] == "vngov-ner-small@1" and pred["score"] == pytest.approx(0.7)
    assert [(r["value"]["text"], r["score"]) for r in pred["result"]] == [
        ("Chủ tịch", 0.9), ("UBND tỉnh Lai Châu", 0.7), ("Lê Văn Lương", 0.5)]
    assert pred["result"][1]["meta"] == {"value": {"k": 1}}
    back = _read(tmp_path, tasks)[0]  # read back as pre-annotations: spans, scores and values
    assert [(s.start, s.end, s.label, s.score, s.value) for s in back.spans] == [
        (0, 8, "TITLE", 0.9, None), (9, 27, "ORG", 0.7, {"k": 1}), (28, 40, "PER", 0.5, None)]
    formats.write("labelstudio", [doc], tmp_path / "a.json")
    ann = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))[0]
    assert "predictions" not in ann and "score" not in ann["annotations"][0]["result"][0]


def test_old_utf16_offsets_are_recognised_by_their_text(tmp_path):
    text = "😀😀 Hà Nội 👍 và Lai Châu"
    # UTF-16 offsets, as older Label Studio versions stored them after astral characters
    u16 = lambda i: len(text[:i].encode("utf-16-le")) // 2  # noqa: E731
    s1, s2 = text.index("Hà Nội"), text.index("Lai Châu")
    res = [{"type": "labels", "value": {"start": u16(s), "end": u16(s + n), "text": text[s:s + n], "labels": ["LOC"]}}
           for s, n in ((s1, 6), (s2, 8))]
    doc = _read(tmp_path, [{"data": {"text": text}, "annotations": [{"result": res}]}])[0]
    assert [(s.start, s.end) for s in doc.spans] == [(s1, s1 + 6), (s2, s2 + 8)]


def test_offsets_counted_without_cr_are_recognised(tmp_path):
    text = "Dòng một\r\nHà Nội\r\nLai Châu"
    flat = text.replace("\r", "")
    res = [{"type": "labels", "value": {"start": flat.index("Lai"), "end": len(flat), "text": "Lai Châu", "labels": ["LOC"]}}]
    doc = _read(tmp_path, [{"data": {"text": text}, "annotations": [{"result": res}]}])[0]
    assert doc.spans[0].text == "Lai Châu" and doc.text[doc.spans[0].start:doc.spans[0].end] == "Lai Châu"


def test_a_single_task_object_and_result_without_text(tmp_path):
    task = {"data": {"text": TEXT}, "annotations": [{"result": [{"type": "labels", "value":
                                                                   {"start": 28, "end": 40, "labels": ["PER"]}}]}]}
    p = tmp_path / "one.json"
    p.write_text(json.dumps(task), encoding="utf-8")
    assert formats.read("labelstudio", p)[0].spans[0].text == "Lê Văn Lương"
    p.write_text("42", encoding="utf-8")
    with pytest.raises(FormatError, match="expected a JSON list of tasks"):
        formats.read("labelstudio", p)
