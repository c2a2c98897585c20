"""Train -> save -> reload -> parse -> evaluate, offline, with a tiny PhoBERT-format model."""
import json

import pytest

from vngov_nlp import load
from vngov_nlp.cli import main
from vngov_nlp.formats import canonical
from vngov_nlp.tagging.parser import ModelDirectoryError, Parser


@pytest.fixture(scope="module")
def trained(tiny_base, train_docs, tmp_path_factory):
    d = tmp_path_factory.mktemp("run")
    canonical.write(train_docs, d / "train.jsonl")
    canonical.write(train_docs[:6], d / "dev.jsonl")
    out = d / "model"
    rc = main(["train", "--train", str(d / "train.jsonl"), "--dev", str(d / "dev.jsonl"), "--base", str(tiny_base),
               "--out", str(out), "--epochs", "40", "--lr", "3e-3", "--batch-size", "4", "--seed", "1",
               "--save-steps", "50"])
    assert rc == 0
    return d, out


def test_saved_model_directory_is_complete_and_safetensors_only(trained):
    _, out = trained
    names = {p.name for p in out.iterdir()}
    assert {"model.safetensors", "config.json", "vocab.txt", "bpe.codes", "vngov_nlp.json", "metrics.json", "README.md"} <= names
    assert not any(n.endswith((".bin", ".pt", ".pkl")) for n in names)
    settings = json.loads((out / "vngov_nlp.json").read_text())
    assert settings["segmenter"] == "underthesea"  # PhoBERT tokenizer -> word-segmented input
    assert settings["labels"][0] == "PER" and len(settings["labels"]) == 10
    card = (out / "README.md").read_text()
    assert card.startswith("---\nlicense:") and "micro" in card


def test_training_learns_and_reload_predicts_the_same(trained, train_docs):
    _, out = trained
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["dev"]["micro"]["f1"] > 0.5, metrics["dev"]["micro"]  # it fits its own training sentences
    text = train_docs[0].text
    a = [s.to_dict() for s in Parser.load(out).parse(text, doc_date="2021-09-21")]
    b = [s.to_dict() for s in Parser.load(out).parse(text, doc_date="2021-09-21")]
    assert a == b
    for s in a:
        assert text[s["start"]:s["end"]] == s["text"]


def test_evaluate_command_writes_json_markdown_and_chart(trained):
    d, out = trained
    rc = main(["evaluate", "--model", str(out), "--data", str(d / "dev.jsonl"), "--json", str(d / "eval" / "dev.json")])
    assert rc == 0
    res = json.loads((d / "eval" / "dev.json").read_text())
    assert {"precision", "recall", "f1"} <= res["micro"].keys()
    assert "PER" in res["labels"] and "values" in res
    assert (d / "eval" / "dev.md").read_text().startswith("# ")
    assert (d / "eval" / "dev.png").read_bytes()[:4] == b"\x89PNG"


def test_training_resumes_from_its_checkpoint(trained, capsys):
    d, out = trained
    rc = main(["train", "--train", str(d / "train.jsonl"), "--base", str(out), "--out", str(out),
               "--epochs", "41", "--lr", "3e-3", "--batch-size", "4", "--seed", "1"])
    assert rc == 0
    assert "resumed from" in capsys.readouterr().err


def test_missing_or_broken_model_directory_is_named(tmp_path):
    with pytest.raises(ModelDirectoryError, match=str(tmp_path / "nope")):
        load(tmp_path / "nope")
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "config.json").write_text("{}")
    with pytest.raises(ModelDirectoryError, match="missing vngov_nlp.json, model.safetensors"):
        load(tmp_path / "half")


def test_another_projects_labels_train_end_to_end(tiny_base, tmp_path):
    """A VLSP-style CoNLL corpus with its own label set converts and trains (--labels any)."""
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "formats" / "vlsp2016_tiny.conll"
    gold = tmp_path / "vlsp.jsonl"
    assert main(["convert", "--from", "conll", "--to", "canonical", "--labels", "any", str(fixture), str(gold)]) == 0
    out = tmp_path / "vlsp-model"
    assert main(["train", "--train", str(gold), "--base", str(tiny_base), "--out", str(out), "--labels", "any",
                 "--max-steps", "3", "--batch-size", "2"]) == 0
    labels = json.loads((out / "vngov_nlp.json").read_text())["labels"]
    assert set(labels) <= {"PER", "LOC", "ORG", "MISC"} and "MISC" in labels
    spans = Parser.load(out).parse("Ông Nguyễn Văn A đến Hà Nội.")
    assert all(s.label in labels for s in spans)
