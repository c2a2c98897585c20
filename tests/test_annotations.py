"""The gold corpus: valid against the contract, split as promised, no corpus text committed."""
import json
from collections import Counter
from pathlib import Path

import pytest

from vngov_nlp.cli import main
from vngov_nlp.data import corpus_dir, load_documents
from vngov_nlp.schema import LABELS, VALUE_LABELS

ANN = Path(__file__).resolve().parent.parent / "annotations"
SPLITS = ("train", "dev", "test")
HAVE_CORPUS = (corpus_dir() / "news.jsonl.gz").is_file()


def _records(split):
    return [json.loads(line) for line in (ANN / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_validate_passes_on_all_annotations(capsys):
    assert main(["validate", str(ANN)]) == 0


def test_standoff_records_hold_no_text_and_canonical_ones_are_our_own():
    for split in SPLITS:
        for r in _records(split):
            if "corpus" in r:
                assert "text" not in r and len(r["sha1"]) == 40
            else:
                assert r["id"].startswith(("seed-", "written-")), r["id"]


def test_splits_are_disjoint_and_hold_what_the_test_split_promises():
    ids = {s: [r["id"] for r in _records(s)] for s in SPLITS}
    assert not (set(ids["train"]) & set(ids["test"])) and not (set(ids["dev"]) & set(ids["test"]))
    assert not (set(ids["train"]) & set(ids["dev"]))
    kinds = Counter("seed" if i.startswith("seed-") else "written" if i.startswith("written-") else "news" for i in ids["test"])
    assert kinds["seed"] == 2 and kinds["news"] >= 40 and kinds["written"] >= 10


@pytest.mark.skipif(not HAVE_CORPUS, reason="../shared/corpus not present: standoff records cannot be joined")
def test_every_label_has_enough_spans_and_dev_test_values_are_checked():
    docs = {s: load_documents(ANN / f"{s}.jsonl") for s in SPLITS}
    counts = Counter(sp.label for ds in docs.values() for d in ds for sp in d.spans)
    assert sum(counts.values()) >= 6000
    assert all(counts[lab] >= 250 for lab in LABELS), counts
    for split in ("dev", "test"):
        spans = [sp for d in docs[split] for sp in d.spans if sp.label in VALUE_LABELS]
        with_value = sum(sp.value is not None for sp in spans)
        assert with_value / len(spans) >= 0.98, (split, with_value, len(spans))


def test_the_fresh_split_is_news_standoff_apart_from_every_other_split():
    fresh = _records("fresh")
    assert len(fresh) >= 30 and all("corpus" in r and "text" not in r for r in fresh)
    others = {r["id"] for s in SPLITS for r in _records(s)}
    assert not ({r["id"] for r in fresh} & others)


@pytest.mark.skipif(not HAVE_CORPUS, reason="../shared/corpus not present: standoff records cannot be joined")
def test_no_fresh_story_is_a_near_duplicate_of_a_training_or_dev_story():
    from training.splits import _shingles

    fresh = load_documents(ANN / "fresh.jsonl")
    seen = [_shingles(d.text) for s in ("train", "dev") for d in load_documents(ANN / f"{s}.jsonl")]
    for d in fresh:
        sh = _shingles(d.text)
        assert all(len(sh & t) / min(len(sh), len(t)) <= 0.3 for t in seen if t), d.id


def test_the_checker_takes_every_period_value_shape_the_guideline_gives():
    from training.annotate import check_value
    from vngov_nlp.schema import Span

    for value in ({"start": "2021-01", "end": "2021-06"}, {"duration": "P9M"}, {"low": "P3Y", "high": "P5Y"}):
        assert check_value(Span(0, 5, "PERIOD", value=value)) is None, value
    assert "low/high" in check_value(Span(0, 5, "PERIOD", value={"low": "P3Y"}))
