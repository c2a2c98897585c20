"""The public API's invariants on any model: offsets index the ORIGINAL text, spans are
sorted and non-overlapping, bad input gets a clear error, nothing crashes on messy text."""
import json
import threading
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import vngov_nlp
from vngov_nlp import Span, load
from vngov_nlp.cli import main
from vngov_nlp.tagging.parser import ModelDirectoryError


@pytest.fixture(scope="module", params=["model", "hybrid"])
def parser(request, tiny_ner_dir, tiny_hybrid_dir):
    """Every invariant holds for a model alone and for one merged with the rules (int8)."""
    return load(tiny_ner_dir if request.param == "model" else tiny_hybrid_dir)


def _check(text, spans):
    assert all(isinstance(s, Span) for s in spans)
    assert spans == sorted(spans, key=lambda s: s.start)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert 0.0 <= s.score <= 1.0
        assert s.value is None or isinstance(s.value, dict)
        d = s.to_dict()
        assert json.loads(json.dumps(d, ensure_ascii=False)) == d


MESSY = [
    "",
    "   \n\t ",
    unicodedata.normalize("NFD", "Chủ tịch UBND tỉnh\u00a0Trần Tiến Dũng,\r\n thu 1.208,8 tỷ đồng."),
    "\x00\x01\x02 control \x1b[31m",
    "😀🇻🇳 emoji 👍🏽 in Hà Nội",
    "The quick brown fox jumps over the lazy dog. " * 20,
    "1234567890 " * 300,
    "Tp.HCM.Tp.HCM./.v.v.../-%%%",
    "x" * 3000,
]


@pytest.mark.parametrize("text", MESSY)
def test_messy_inputs_never_crash(parser, text):
    spans = parser.parse(text)
    _check(text, spans)
    if not text.strip():
        assert spans == []


def test_non_str_raises_type_error(parser):
    for bad in (None, 42, b"bytes", ["list"]):
        with pytest.raises(TypeError, match="expects text as str"):
            parser.parse(bad)
    with pytest.raises(TypeError, match="expects text as str"):
        vngov_nlp.parse(b"bytes")


def test_bad_doc_date_is_named(parser):
    with pytest.raises(ValueError, match="doc_date"):
        parser.parse("năm 2021", doc_date="21/9/2021")


def test_whole_bulletin_of_50k_characters(parser):
    from conftest import SEEDS

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    text = (text * 2)[:50_000]
    _check(text, parser.parse(text))


def test_one_megabyte_does_not_crash(parser):
    text = ("Thu ngân sách đạt 1.208,8 tỷ đồng, bằng 82% dự toán. " * 20000)[:1_000_000]
    _check(text, parser.parse(text))


def test_parse_batch_matches_parse(parser):
    texts = ["Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương.", "", "Thu đạt 82% kế hoạch năm 2021."]
    batch = parser.parse_batch(texts, batch_size=2)
    assert [[s.to_dict() for s in b] for b in batch] == [[s.to_dict() for s in parser.parse(t)] for t in texts]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_keeps_the_invariants(parser, text):
    _check(text, parser.parse(text))


def test_broken_model_directories_name_what_is_missing(tmp_path):
    with pytest.raises(ModelDirectoryError, match="does not exist"):
        load(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelDirectoryError, match=r"empty is missing config\.json, vngov_nlp\.json"):
        load(tmp_path / "empty")


def test_a_model_loads_once_across_threads(tiny_ner_dir, monkeypatch):
    from vngov_nlp.tagging import parser as parser_mod

    monkeypatch.setattr(parser_mod, "_LOADED", {})
    calls = []
    real = parser_mod.Parser.load

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(parser_mod.Parser, "load", staticmethod(counting))
    got = []
    threads = [threading.Thread(target=lambda: got.append(load(tiny_ner_dir))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and all(g is got[0] for g in got)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv", "html", "labelstudio"])
def test_cli_parse_formats(tiny_ner_dir, tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương họp ngày 21/9/2021.", encoding="utf-8")
    (folder / "b.txt").write_text("Thu ngân sách đạt 1.208,8 tỷ đồng.", encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    assert main(["parse", str(folder), "--model", str(tiny_ner_dir), "--format", fmt, "--out", str(out),
                 "--doc-date", "2021-09-21"]) == 0
    body = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        for line in body.splitlines():
            r = json.loads(line)
            assert r["doc"] in ("a", "b") and {"start", "end", "label", "text", "score", "value"} <= r.keys()
    elif fmt in ("csv", "tsv"):
        assert body.splitlines()[0] == ("doc,start,end,label,text,score,value" if fmt == "csv" else "doc\tstart\tend\tlabel\ttext\tscore\tvalue")
    elif fmt == "html":
        assert body.startswith("<!DOCTYPE html>") and "Lương" in body and "class=\"legend\"" in body
    else:
        tasks = json.loads(body)
        assert [t["data"]["id"] for t in tasks] == ["a", "b"] and "predictions" in tasks[0]


def test_cli_parse_exit_codes(tiny_ner_dir, tmp_path, capsys):
    assert main(["parse", str(tmp_path / "missing.txt"), "--model", str(tiny_ner_dir)]) == 2
    assert "missing.txt" in capsys.readouterr().err
    f = tmp_path / "a.txt"
    f.write_text("năm 2021", encoding="utf-8")
    assert main(["parse", str(f), "--model", str(tmp_path / "nomodel")]) == 2
    assert "nomodel" in capsys.readouterr().err
    f.write_bytes(b"\xff\xfe bad")
    assert main(["parse", str(f), "--model", str(tiny_ner_dir)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_label_studio_pre_annotation_loop(tiny_ner_dir, tmp_path):
    """parse -> Label Studio tasks with predictions (matching the shipped labelling config)
    -> a person corrects them -> export -> convert back to canonical for retraining."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from vngov_nlp.formats import read

    config = ET.parse(Path(__file__).resolve().parent.parent / "annotations" / "labelstudio" / "config.xml").getroot()
    labels_el = config.find("Labels")
    names = {el.get("value") for el in labels_el}
    assert names == set(vngov_nlp.LABELS)

    src = tmp_path / "bulletin.txt"
    text = "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương chủ trì phiên họp ngày 21/9/2021."
    src.write_text(text, encoding="utf-8")
    tasks_path = tmp_path / "tasks.json"
    assert main(["parse", str(src), "--model", str(tiny_ner_dir), "--format", "labelstudio", "--out", str(tasks_path)]) == 0
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
    for item in tasks[0]["predictions"][0]["result"]:
        assert item["from_name"] == labels_el.get("name") and item["to_name"] == labels_el.get("toName")
        assert item["value"]["labels"][0] in names

    # the annotator replaces the model's guesses with the right spans, as Label Studio exports them
    fixed = [{"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": 0, "end": 8, "text": "Chủ tịch", "labels": ["TITLE"]}},
             {"id": "a2", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": 28, "end": 40, "text": text[28:40], "labels": ["PER"]}}]
    assert text[28:40] == "Lê Văn Lương"
    tasks[0]["annotations"] = [{"result": fixed, "was_cancelled": False}]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["convert", "--from", "labelstudio", "--to", "canonical", str(export), str(tmp_path / "gold.jsonl")]) == 0
    (doc,) = read("canonical", tmp_path / "gold.jsonl")
    assert doc.text == text and [(s.start, s.end, s.label) for s in doc.spans] == [(0, 8, "TITLE"), (28, 40, "PER")]


def _tag_batch(batch, model_dir):
    parser = load(model_dir)  # once per worker process
    spans = parser.parse_batch(batch["text"], batch_size=32)
    return {"spans": [[s.to_dict() for s in doc] for doc in spans]}


def test_parse_batch_inside_datasets_map_with_workers(tiny_ner_dir):
    from datasets import Dataset

    texts = ["Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương.", "Thu đạt 82% kế hoạch năm 2021.", "", "Hà Nội"] * 3
    ds = Dataset.from_dict({"text": texts})
    out = ds.map(_tag_batch, batched=True, batch_size=4, num_proc=2, fn_kwargs={"model_dir": str(tiny_ner_dir)})
    direct = [[s.to_dict() for s in doc] for doc in load(tiny_ner_dir).parse_batch(texts)]
    assert out["spans"] == direct


def test_render_command_writes_one_page_for_an_annotation_file(tmp_path):
    from conftest import TRAIN_MARKED, mark
    from vngov_nlp.formats import canonical

    src = tmp_path / "gold.jsonl"
    canonical.write([mark(f"d{i}", t) for i, t in enumerate(TRAIN_MARKED)], src)
    out = tmp_path / "gold.html"
    assert main(["render", str(src), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<h2>") == len(TRAIN_MARKED) and "Trần Tiến Dũng<span class=\"lab\">PER</span>" in page
