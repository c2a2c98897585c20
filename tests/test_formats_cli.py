"""`vngov-nlp convert` through `vngov_nlp.cli.main`: exit 0 on success, 2 with a message on bad input."""
from __future__ import annotations

import json
from pathlib import Path

from vngov_nlp.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
VLSP = FIXTURES / "vlsp2016_tiny.conll"
REC = {"id": "d1", "text": "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương", "meta": {"date": "2021-09-21"},
       "spans": [{"start": 0, "end": 8, "label": "TITLE"}, {"start": 9, "end": 27, "label": "ORG"},
                 {"start": 28, "end": 40, "label": "PER"}]}


def _canonical(tmp_path: Path, *recs) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return p


def test_convert_chain_through_every_format(tmp_path, capsys):
    src = _canonical(tmp_path, REC)
    steps = [("canonical", src), ("labelstudio", tmp_path / "ls.json"), ("doccano", tmp_path / "dc.jsonl"),
             ("brat", tmp_path / "brat"), ("conll", tmp_path / "x.conll"), ("canonical", tmp_path / "back.jsonl")]
    for (a, pa), (b, pb) in zip(steps, steps[1:]):
        assert main(["convert", "--from", a, "--to", b, str(pa), str(pb)]) == 0
        assert f"converted 1 documents: {pa} ({a}) -> {pb} ({b})" in capsys.readouterr().err
    back = json.loads((tmp_path / "back.jsonl").read_text(encoding="utf-8"))
    assert back["id"] == "d1" and back["text"] == REC["text"] and back["spans"] == REC["spans"]


def test_convert_bad_input_exits_2_with_file_and_record(tmp_path, capsys):
    bad = dict(REC, spans=[{"start": 28, "end": 40, "label": "PERSON"}])
    src = _canonical(tmp_path, REC, bad)
    out = tmp_path / "out.json"
    assert main(["convert", "--from", "canonical", "--to", "labelstudio", str(src), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and f"{src}, record line 2" in err and "unknown label 'PERSON'" in err
    assert not out.exists()


def test_convert_missing_input_exits_2(tmp_path, capsys):
    assert main(["convert", "--from", "doccano", "--to", "canonical", str(tmp_path / "no.jsonl"),
                 str(tmp_path / "o.jsonl")]) == 2
    assert "error:" in capsys.readouterr().err


def test_convert_vlsp_needs_labels_any(tmp_path, capsys):
    out = tmp_path / "v.jsonl"
    assert main(["convert", "--from", "conll", "--to", "canonical", str(VLSP), str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown label 'MISC'" in err and "--labels any" in err and not out.exists()
    assert main(["convert", "--from", "conll", "--to", "canonical", "--labels", "any", str(VLSP), str(out)]) == 0
    assert main(["convert", "--from", "conll", "--to", "canonical", "--labels", str(FIXTURES / "vlsp_labels.txt"),
                 "--tag-column", "3", str(VLSP), str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [s["label"] for s in doc["spans"]] == ["PER", "ORG", "LOC", "MISC", "ORG", "LOC"]


def test_convert_brat_into_a_non_empty_folder_exits_2(tmp_path, capsys):
    out = tmp_path / "brat"
    out.mkdir()
    (out / "keep.txt").write_text("annotators' work", encoding="utf-8")
    assert main(["convert", "--from", "canonical", "--to", "brat", str(_canonical(tmp_path, REC)), str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
