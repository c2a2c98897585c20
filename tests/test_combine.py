"""Merging rule spans with model spans (tagging/combine.py), choosing the policy on dev
(`vngov-nlp tune`), and a model directory that carries the policy and int8 quantisation."""
from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, strategies as st

from vngov_nlp import load
from vngov_nlp.cli import main
from vngov_nlp.schema import Span
from vngov_nlp.tagging.combine import CombinePolicy, combine
from vngov_nlp.tagging.parser import ModelDirectoryError, ModelSettings, Parser
from vngov_nlp.tune import choose_policy

from conftest import mark


def S(start, end, label, score=1.0):
    return Span(start, end, label, score=score)


def test_override_keeps_rule_spans_and_fills_around_them():
    model = [S(0, 10, "ORG", 0.9), S(12, 20, "PER", 0.95), S(30, 35, "MONEY", 0.99)]
    rules = [S(0, 8, "ORG"), S(28, 36, "MONEY")]
    out = combine(model, rules, CombinePolicy({"ORG": "override", "MONEY": "override"}))
    assert [(s.start, s.end, s.label) for s in out] == [(0, 8, "ORG"), (12, 20, "PER"), (28, 36, "MONEY")]


def test_an_overlapping_model_span_goes_whatever_its_label():
    out = combine([S(0, 10, "LOC")], [S(5, 12, "DOC")], CombinePolicy({"DOC": "override"}))
    assert [(s.start, s.end, s.label) for s in out] == [(5, 12, "DOC")]


def test_rules_mode_drops_the_models_spans_of_that_label():
    model = [S(0, 5, "DOC"), S(10, 15, "DOC"), S(20, 25, "PER")]
    out = combine(model, [S(10, 16, "DOC")], CombinePolicy({"DOC": "rules"}))
    assert [(s.start, s.end, s.label) for s in out] == [(10, 16, "DOC"), (20, 25, "PER")]


def test_model_mode_ignores_rule_spans_and_the_default_policy_changes_nothing():
    model = [S(0, 5, "PER", 0.3), S(10, 15, "ORG")]
    rules = [S(0, 6, "PER"), S(20, 22, "DATE")]
    assert combine(model, rules, CombinePolicy({"DATE": "model"})) == model
    assert combine(model, [], CombinePolicy()) == model


def test_min_score_drops_unsure_model_spans_not_rule_spans():
    model = [S(0, 5, "PER", 0.4), S(10, 15, "ORG", 0.95)]
    out = combine(model, [S(20, 25, "DATE")], CombinePolicy({"DATE": "override"}, min_score=0.8))
    assert [(s.start, s.label) for s in out] == [(10, "ORG"), (20, "DATE")]


def test_a_bad_policy_is_refused_with_the_allowed_modes():
    with pytest.raises(ValueError, match="model, override, rules"):
        CombinePolicy({"PER": "always"})
    with pytest.raises(ValueError, match="min_score"):
        CombinePolicy({}, min_score=2)


def _flat(draw_spans):
    out, pos = [], 0
    for gap, length, label in draw_spans:
        start = pos + gap
        out.append(S(start, start + length, label))
        pos = start + length
    return out


spans_st = st.lists(st.tuples(st.integers(0, 5), st.integers(1, 8), st.sampled_from(["PER", "ORG", "DOC", "DATE"])),
                    max_size=12).map(_flat)


@given(spans_st, spans_st, st.dictionaries(st.sampled_from(["PER", "ORG", "DOC", "DATE"]),
                                          st.sampled_from(["model", "override", "rules"])))
def test_the_result_is_sorted_and_flat_and_keeps_every_kept_rule_span(model, rules, modes):
    policy = CombinePolicy(modes)
    out = combine(model, rules, policy)
    for a, b in zip(out, out[1:]):
        assert a.end <= b.start
    for r in rules:
        if policy.mode(r.label) != "model":
            assert r in out


def test_choose_policy_takes_the_rules_only_where_they_are_better_on_dev():
    docs = [mark(f"d{i}", "[Chỉ thị số 04/CT-UBND]{DOC} do [Nguyễn Văn An]{PER} ký.") for i in range(3)]
    text = docs[0].text
    doc_end = text.index(" do")
    per_start = text.index("Nguyễn")
    model = [[S(0, 7, "DOC", 0.9), S(per_start, per_start + 13, "PER", 0.9)] for _ in docs]  # DOC edge wrong
    rules = [[S(0, doc_end, "DOC"), S(per_start, per_start + 6, "PER")] for _ in docs]  # PER edge wrong
    policy, steps = choose_policy(docs, model, rules, ["PER", "DOC"], thresholds=(0.0,))
    assert policy.mode("DOC") in ("override", "rules") and policy.mode("PER") == "model"
    assert steps[0]["f1"] == 0.5 and steps[-1]["f1"] == 1.0


def test_settings_round_trip_and_an_unknown_quantisation_is_named(tiny_hybrid_dir, tmp_path):
    s = ModelSettings.read(tiny_hybrid_dir)
    assert s.quantize == "int8" and s.combine.mode("DOC") == "rules" and s.combine.min_score == 0.5
    s.write(tmp_path)
    assert ModelSettings.read(tmp_path) == s
    broken = tmp_path / "broken"
    import shutil

    shutil.copytree(tiny_hybrid_dir, broken)
    dataclasses.replace(s, quantize="int4").write(broken)
    with pytest.raises(ModelDirectoryError, match="quantize"):
        Parser.load(broken)


def test_a_hybrid_model_finds_rule_spans_with_values_and_int8_weights(tiny_hybrid_dir):
    import torch

    parser = load(tiny_hybrid_dir)
    assert any(isinstance(m, torch.ao.nn.quantized.dynamic.Linear) for m in parser.model.modules())
    text = "Ngày 6/8/2021, UBND tỉnh Điện Biên ban hành Chỉ thị số 04/CT-UBND, thu 1.208,8 tỷ đồng."
    got = {(s.text, s.label): s.value for s in parser.parse(text)}
    assert got[("Chỉ thị số 04/CT-UBND", "DOC")] == {"type": "Chỉ thị", "number": "04/CT-UBND", "issuer": "UBND"}
    assert got[("1.208,8 tỷ đồng", "MONEY")] == {"amount": 1208800000000.0, "currency": "VND"}
    assert got[("6/8/2021", "DATE")] == {"date": "2021-08-06"}
    plain = Parser.load(tiny_hybrid_dir, rules=False, quantize=False)
    assert plain.rules is None and not any(isinstance(m, torch.ao.nn.quantized.dynamic.Linear)
                                           for m in plain.model.modules())


def test_tune_writes_the_policy_and_evaluate_can_leave_it_out(tiny_ner_dir, tmp_path, capsys):
    import shutil

    model = tmp_path / "model"
    shutil.copytree(tiny_ner_dir, model)
    docs = [mark(f"d{i}", "[UBND tỉnh Điện Biên]{ORG} ban hành [Chỉ thị số 04/CT-UBND]{DOC} ngày [6/8/2021]{DATE}.")
            for i in range(2)]
    dev = tmp_path / "dev.jsonl"
    dev.write_text("".join(json.dumps(d.to_record(), ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    assert main(["tune", "--model", str(model), "--data", str(dev), "--quantize", "none"]) == 0
    out = capsys.readouterr().out
    assert "model alone" in out and "policy written" in out
    settings = ModelSettings.read(model)
    assert settings.combine.mode("DOC") != "model" and settings.quantize == ""  # a random model finds no DOC
    assert main(["evaluate", "--model", str(model), "--data", str(dev), "--json", str(tmp_path / "with.json")]) == 0
    assert main(["evaluate", "--model", str(model), "--data", str(dev), "--no-rules",
                 "--json", str(tmp_path / "without.json")]) == 0
    with_rules = json.loads((tmp_path / "with.json").read_text())["labels"]["DOC"]["f1"]
    without = json.loads((tmp_path / "without.json").read_text())["labels"]["DOC"]["f1"]
    assert with_rules == 1.0 and without < 1.0
