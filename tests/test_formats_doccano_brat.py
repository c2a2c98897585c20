"""doccano and brat specifics: older doccano keys, value warnings, brat notes and folders."""
from __future__ import annotations

import json

import pytest

from vngov_nlp import formats
from vngov_nlp.formats import FormatError
from vngov_nlp.schema import Document, Span

TEXT = "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương thu 30 tỷ đồng"
MONEY = (TEXT.index("30"), len(TEXT))


def _docs():
    return [Document("a", TEXT, [Span(28, 40, "PER"), Span(*MONEY, "MONEY", value={"amount": 3e10, "currency": "VND"})],
                     {"source": "x"}),
            Document("b", "Hà Nội", [Span(0, 6, "LOC")])]


# ---------------------------------------------------------------- doccano

def test_doccano_reads_label_labels_and_entities(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": 1, "text": TEXT, "label": [[28, 40, "PER"]], "Comments": []},
        {"text": TEXT, "labels": [[9, 27, "ORG"]], "meta": {"k": 1}},
        {"id": 3, "text": TEXT, "entities": [{"id": 9, "label": "PER", "start_offset": 28, "end_offset": 40}],
         "relations": []},
    ]) + "\n", encoding="utf-8")
    docs = formats.read("doccano", p)
    assert [d.id for d in docs] == ["1", "line 2", "3"]
    assert [[(s.label, s.text) for s in d.spans] for d in docs] == [
        [("PER", "Lê Văn Lương")], [("ORG", "UBND tỉnh Lai Châu")], [("PER", "Lê Văn Lương")]]
    assert docs[1].meta == {"k": 1}


def test_doccano_writes_label_and_warns_once_about_values(tmp_path, capsys):
    formats.write("doccano", _docs(), tmp_path / "d.jsonl")
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "doccano cannot hold span values; 1 values in 1 documents dropped" in err
    first = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first == {"id": "a", "text": TEXT, "label": [[28, 40, "PER"], [MONEY[0], MONEY[1], "MONEY"]],
                     "meta": {"source": "x"}}
    formats.write("doccano", [_docs()[1]], tmp_path / "e.jsonl")
    assert capsys.readouterr().err == ""  # nothing lost, nothing said


# ---------------------------------------------------------------- brat

def test_brat_values_in_annotator_notes_and_other_lines_ignored(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "x.txt").write_text(TEXT, encoding="utf-8")
    (folder / "x.ann").write_text(
        f"T1\tPER 28 40\tLê Văn Lương\nT2\tMONEY {MONEY[0]} {MONEY[1]}\t30 tỷ đồng\n"
        '#1\tAnnotatorNotes T2\t{"amount": 30000000000.0, "currency": "VND"}\n'
        "#2\tAnnotatorNotes T1\tcheck the spelling\nR1\tRel Arg1:T1 Arg2:T2\nA1\tNegated T1\n", encoding="utf-8")
    (folder / "y.txt").write_text("Hà Nội", encoding="utf-8")  # no .ann: a document without spans
    (folder / "annotation.conf").write_text("[entities]\nPER\n", encoding="utf-8")
    x, y = formats.read("brat", folder)
    assert [(s.label, s.text, s.value) for s in x.spans] == [
        ("PER", "Lê Văn Lương", None), ("MONEY", "30 tỷ đồng", {"amount": 3e10, "currency": "VND"})]
    assert y.id == "y" and y.spans == []


def test_brat_ann_without_txt_is_an_error(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "x.ann").write_text("", encoding="utf-8")
    with pytest.raises(FormatError, match=r"x\.ann: no x\.txt beside it"):
        formats.read("brat", folder)


def test_brat_refuses_a_non_empty_folder_but_fills_an_empty_one(tmp_path, capsys):
    out = tmp_path / "b"
    out.mkdir()
    (out / "someone.ann").write_text("T1\tPER 0 2\tab\n", encoding="utf-8")
    with pytest.raises(FormatError, match="exists and is not empty"):
        formats.write("brat", _docs(), out)
    assert [p.name for p in out.iterdir()] == ["someone.ann"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]  # no temporary folder left
    empty = tmp_path / "empty"
    empty.mkdir()
    formats.write("brat", _docs(), empty)
    assert sorted(p.name for p in empty.iterdir()) == ["a.ann", "a.txt", "annotation.conf", "b.ann", "b.txt"]
    assert "brat cannot hold document meta" in capsys.readouterr().err


@pytest.mark.parametrize("ids,problem", [(["ok", "../up"], "cannot be a brat file name"),
                                         ([".hidden"], "cannot be a brat file name"),
                                         (["Doc", "doc"], "would share the file")])
def test_brat_ids_must_be_file_names(ids, problem, tmp_path):
    docs = [Document(i, "Hà Nội", [Span(0, 6, "LOC")]) for i in ids]
    with pytest.raises(FormatError, match=problem):
        formats.write("brat", docs, tmp_path / "b")
    assert list(tmp_path.iterdir()) == []


def test_brat_input_must_be_a_folder(tmp_path):
    f = tmp_path / "f.txt"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(FormatError, match="must be a folder"):
        formats.read("brat", f)
