"""Every kind of bad input is a FormatError naming the file, the record and the problem,
and a failed conversion leaves no output behind."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from vngov_nlp import formats
from vngov_nlp.formats import FormatError

TEXT = "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương"  # PER = [28, 40)


def _jsonl(*recs) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in recs)


def _ls(result=None, data=None, **task) -> str:
    t = {"id": 7, "data": data if data is not None else {"text": TEXT, "id": "d1"}, **task}
    if result is not None:
        t["annotations"] = [{"result": result}]
    return json.dumps([{"id": 6, "data": {"text": "ok"}}, t], ensure_ascii=False)


def _r(start, end, label="PER", text=None):
    v = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        v["text"] = text
    return {"id": "x", "from_name": "label", "to_name": "text", "type": "labels", "value": v}


GOOD = {"id": "good", "text": TEXT, "spans": [{"start": 28, "end": 40, "label": "PER"}]}

# (format, file content, record named, problem) ; brat content is {name: text}
CASES = [
    ("canonical", _jsonl(GOOD, '{"id": "x", "text": "a"'), "line 2", "broken JSON"),
    ("canonical", _jsonl(GOOD, {"id": "x", "spans": []}), "line 2", "missing 'text'"),
    ("canonical", _jsonl(GOOD, {"id": "x", "text": "abc", "spans": [{"start": 0, "end": 9, "label": "PER"}]}),
     "line 2", "out of range"),
    ("canonical", _jsonl(GOOD, {"id": "x", "text": TEXT, "spans": [{"start": 28, "end": 40, "label": "PER"},
                                                                    {"start": 32, "end": 35, "label": "PER"}]}),
     "line 2", "overlaps span [28, 40) PER"),
    ("canonical", _jsonl({"id": "x", "text": TEXT, "spans": [{"start": 28, "end": 40, "label": "NAME"}]}),
     "line 1", "unknown label 'NAME'"),
    ("canonical", _jsonl({"id": "x", "text": TEXT, "spans": [{"start": 29, "end": 40, "label": "PER"}]}),
     "line 1", "token rule"),
    ("labelstudio", '[{"data": {"text": "a"}},\n {"data": ', "line 2", "broken JSON"),
    ("labelstudio", '{"a": 1} x', "line 1", "broken JSON"),
    ("labelstudio", _ls(data={"id": "d1"}), "task 1 (id 7)", "missing 'data.text'"),
    ("labelstudio", _ls([_r(28, 40, text="Lê Văn Lượng")]), "task 1 (id 7)", "does not match the text"),
    ("labelstudio", _ls([_r(28, 99)]), "task 1 (id 7)", "out of range"),
    ("labelstudio", _ls([_r(28, 40), _r(32, 40)]), "task 1 (id 7)", "overlaps"),
    ("labelstudio", _ls([_r(28, 40, "NAME")]), "task 1 (id 7)", "unknown label 'NAME'"),
    ("labelstudio", _ls([_r(27, 40)]), "task 1 (id 7)", "whitespace"),
    ("labelstudio", _ls([{"type": "labels", "value": {"start": 28, "end": 40, "labels": ["PER", "LOC"]}}]),
     "task 1 (id 7)", "exactly one label"),
    ("doccano", _jsonl({"text": "ok", "label": []}, "{broken"), "line 2", "broken JSON"),
    ("doccano", _jsonl({"label": [[0, 1, "PER"]]}), "line 1", "missing 'text'"),
    ("doccano", _jsonl({"text": TEXT, "label": [[28, 40]]}), "line 1", "must be [start, end, label]"),
    ("doccano", _jsonl({"text": TEXT, "label": [[28, 400, "PER"]]}), "line 1", "out of range"),
    ("doccano", _jsonl({"text": TEXT, "labels": [[28, 40, "PER"], [30, 33, "LOC"]]}), "line 1", "overlaps"),
    ("doccano", _jsonl({"id": 3, "text": TEXT, "label": [[28, 40, "Person"]]}), "line 1", "unknown label 'Person'"),
    ("brat", {"a.txt": TEXT, "a.ann": "T1\tPER 28 40\tLê Văn Lương\nT2\tORG 9 13;14 18\tUBND tỉnh\n"},
     "line 2", "discontinuous"),
    ("brat", {"a.txt": TEXT, "a.ann": "T1\tPER 28 40\tLê Văn Lượng\n"}, "line 1", "does not match"),
    ("brat", {"a.txt": TEXT, "a.ann": "T1\tPER 28 400\tLê Văn Lương\n"}, "line 1", "out of range"),
    ("brat", {"a.txt": TEXT, "a.ann": "T1\tPER 28\tLê\n"}, "line 1", "expected 'LABEL start end'"),
    ("brat", {"a.txt": TEXT, "a.ann": "T1\tPER 28 40\tLê Văn Lương\n#1\tAnnotatorNotes T1\t{oops\n"},
     "line 2", "broken JSON value"),
    ("brat", {"a.txt": TEXT, "a.ann": "T1\tNAME 28 40\tLê Văn Lương\n"}, "document 'a'", "unknown label 'NAME'"),
    ("brat", {"a.txt": TEXT, "a.ann": "T1\tPER 28 40\tLê Văn Lương\nT2\tPER 31 40\tVăn Lương\n"},
     "document 'a'", "overlaps"),
    ("conll", "Lê B-PER\nVăn I-PER\nLương\n", "line 3", "expected 'token TAG'"),
    ("conll", "Lê B-NAME\n", "document 'in' (line 1)", "unknown label 'NAME'"),
]


def _make_input(tmp: Path, fmt: str, content) -> Path:
    if fmt == "brat":
        folder = tmp / "in_brat"
        folder.mkdir()
        for name, text in content.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        return folder
    p = tmp / "in"
    p.write_text(content, encoding="utf-8")
    return p


@pytest.mark.parametrize("fmt,content,record,problem", CASES,
                         ids=[f"{c[0]}-{c[3].split()[0]}-{i}" for i, c in enumerate(CASES)])
@pytest.mark.parametrize("dst", ["canonical", "brat"])
def test_bad_input_is_a_format_error_and_writes_nothing(fmt, content, record, problem, dst, tmp_path):
    src = _make_input(tmp_path, fmt, content)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / ("b" if dst == "brat" else "o.jsonl")
    with pytest.raises(FormatError) as e:
        formats.convert(src, out, fmt, dst)
    msg = str(e.value)
    assert str(src) in msg, msg
    assert f"record {record}" in msg, msg
    assert problem in msg, msg
    assert list(out_dir.iterdir()) == []


def test_all_problems_of_the_first_bad_document_are_listed(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text(_jsonl({"id": "x", "text": TEXT, "spans": [{"start": 29, "end": 40, "label": "PER"},
                                                          {"start": 0, "end": 8, "label": "BOSS"}]}), encoding="utf-8")
    with pytest.raises(FormatError) as e:
        formats.read("canonical", p)
    assert "token rule" in str(e.value) and "unknown label 'BOSS'" in str(e.value)
    with pytest.raises(FormatError) as e:
        formats.read("canonical", p, labels=None)  # any label, but the token rule still holds
    assert "token rule" in str(e.value) and "BOSS" not in str(e.value)


def test_not_utf8_names_the_line(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_bytes(b'{"text": "ok"}\n{"text": "\xff"}\n')
    with pytest.raises(FormatError, match=r"record line 2: not UTF-8"):
        formats.read("doccano", p)


def test_missing_input_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        formats.convert(tmp_path / "nope.jsonl", tmp_path / "o.json", "canonical", "labelstudio")
    with pytest.raises(FileNotFoundError):
        formats.read("brat", tmp_path / "nope")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_previous_output(tmp_path):
    """atomic: an existing output file is untouched when a conversion fails."""
    out = tmp_path / "o.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(_jsonl(GOOD, "{"), encoding="utf-8")
    with pytest.raises(FormatError):
        formats.convert(bad, out, "doccano", "canonical")
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "o.jsonl"]


def test_canonical_folder_and_standoff_records(tmp_path, monkeypatch):
    import gzip
    import hashlib

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with gzip.open(corpus / "news.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "n1", "text": TEXT}, ensure_ascii=False) + "\n")
    monkeypatch.setenv("VNGOV_CORPUS", str(corpus))
    folder = tmp_path / "ann"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_text(_jsonl(GOOD), encoding="utf-8")
    sha1 = hashlib.sha1(TEXT.encode("utf-8")).hexdigest()
    (folder / "sub" / "b.jsonl").write_text(_jsonl(
        {"id": "n1", "corpus": "news", "sha1": sha1, "spans": [{"start": 9, "end": 27, "label": "ORG"}]},
        {"id": "n2", "corpus": "news", "sha1": sha1, "spans": [{"start": 9, "end": 27, "label": "ORGANISATION"}]},
    ), encoding="utf-8")
    with pytest.raises(FormatError, match=r"corpus id 'n2' not found"):
        formats.read("canonical", folder)
    (folder / "sub" / "b.jsonl").write_text(_jsonl(
        {"id": "n1", "corpus": "news", "sha1": sha1, "spans": [{"start": 9, "end": 28, "label": "ORG"}]}),
        encoding="utf-8")
    with pytest.raises(FormatError) as e:
        formats.read("canonical", folder)
    assert f"{folder / 'sub' / 'b.jsonl'}, record line 1" in str(e.value) and "whitespace" in str(e.value)
    (folder / "sub" / "b.jsonl").write_text(_jsonl(
        {"id": "n1", "corpus": "news", "sha1": sha1, "spans": [{"start": 9, "end": 27, "label": "ORG"}]}),
        encoding="utf-8")
    docs = formats.read("canonical", folder)
    assert [(d.id, [s.text for s in d.spans]) for d in docs] == [("good", ["Lê Văn Lương"]), ("n1", ["UBND tỉnh Lai Châu"])]


def test_a_folder_where_a_file_is_expected(tmp_path):
    with pytest.raises(FormatError, match="is a folder"):
        formats.read("doccano", tmp_path)
    with pytest.raises(FormatError, match="is a folder"):
        formats.write("labelstudio", [], tmp_path)
