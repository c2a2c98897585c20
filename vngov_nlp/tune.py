"""`vngov-nlp tune`: choose on a dev split how the rule labeller's spans join the model's.

Coordinate ascent over labels (each `model`, `override` or `rules`, see
`tagging/combine.py`), then the model-span score threshold, then the labels once
more; a change is kept only if dev micro-F1 rises by at least `MIN_GAIN` (about
two spans in a thousand), so noise on a small dev split does not pick the policy.
The chosen policy is written into the model directory's `vngov_nlp.json`, so
`parse` applies it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

from .args import arg
from .schema import LABELS, Document, Span
from .tagging.combine import MODES, CombinePolicy, combine

THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9)
MIN_GAIN = 0.001


@dataclass
class TuneArgs:
    model: str = arg(help="model directory whose policy to choose (its vngov_nlp.json is rewritten)")
    data: str = arg(help="dev split: canonical JSONL file or folder of gold documents (never the test split)")
    corpus: str | None = arg(None, help="corpus folder for standoff records (default: $VNGOV_CORPUS or ../shared/corpus)")
    batch_size: int = arg(32, help="sentences per forward pass")
    quantize: str = arg("auto", help="int8, none, or auto: int8 when its dev micro-F1 under the chosen policy is no worse")
    dry_run: bool = arg(False, help="print the choice without writing it")


def _micro_f1(docs: Sequence[Document], predicted: Sequence[Sequence[Span]]) -> float:
    from .evaluation import score

    return float(score(docs, predicted)["micro"]["f1"])


def choose_policy(docs: Sequence[Document], model_spans: Sequence[Sequence[Span]],
                  rule_spans: Sequence[Sequence[Span]], labels: Sequence[str],
                  thresholds: Sequence[float] = THRESHOLDS,
                  min_gain: float = MIN_GAIN) -> tuple[CombinePolicy, list[dict[str, Any]]]:
    """The policy with the best dev micro-F1 found by coordinate ascent, and the steps taken."""
    def f1(p: CombinePolicy) -> float:
        return _micro_f1(docs, [combine(m, r, p) for m, r in zip(model_spans, rule_spans)])

    best = CombinePolicy()
    best_f1 = f1(best)
    steps = [{"step": "model alone", "f1": best_f1}]

    def labels_pass(name: str) -> None:
        nonlocal best, best_f1
        for lab in labels:
            for mode in MODES:
                if mode == best.mode(lab):
                    continue
                cand = replace(best, modes={**best.modes, lab: mode})
                f = f1(cand)
                if f >= best_f1 + min_gain:
                    best, best_f1 = cand, f
                    steps.append({"step": f"{name}: {lab} -> {mode}", "f1": f})

    labels_pass("labels")
    for t in thresholds:
        cand = replace(best, min_score=t)
        f = f1(cand)
        if f >= best_f1 + min_gain:
            best, best_f1 = cand, f
            steps.append({"step": f"min_score -> {t}", "f1": f})
    labels_pass("labels again")
    modes = {k: v for k, v in best.modes.items() if v != "model"}
    return CombinePolicy(modes, best.min_score), steps


def run(args: TuneArgs) -> CombinePolicy:
    from .data import load_documents
    from .rules import RuleLabeller
    from .tagging.parser import SETTINGS_FILE, ModelSettings, Parser, quantize_int8

    if args.quantize not in ("auto", "int8", "none"):
        raise ValueError(f"--quantize must be auto, int8 or none, got {args.quantize!r}")
    parser = Parser.load(args.model, rules=False, quantize=False)
    docs = load_documents(args.data, args.corpus)
    model_spans = parser.model_spans([d.text for d in docs], args.batch_size)
    rules = RuleLabeller(use_gazetteers=False, values=False)
    rule_spans = [rules.label(d.text) for d in docs]
    labels = [lab for lab in parser.settings.labels if lab in LABELS]
    policy, steps = choose_policy(docs, model_spans, rule_spans, labels)
    print(f"| step (dev: {len(docs)} documents from {args.data}) | micro-F1 |\n|---|---|")
    for s in steps:
        print(f"| {s['step']} | {s['f1']:.4f} |")
    quantize = "" if args.quantize == "none" else "int8"
    if args.quantize == "auto":
        fp32 = steps[-1]["f1"]  # the chosen policy's dev score, as choose_policy measured it
        parser.model = quantize_int8(parser.model)
        int8_spans = parser.model_spans([d.text for d in docs], args.batch_size)
        int8 = _micro_f1(docs, [combine(m, r, policy) for m, r in zip(int8_spans, rule_spans)])
        quantize = "int8" if int8 >= fp32 else ""
        print(f"| float32 with this policy | {fp32:.4f} |\n| int8 with this policy | {int8:.4f} |")
    print(json.dumps({"combine": policy.to_json(), "quantize": quantize}, ensure_ascii=False))
    if not args.dry_run:
        path = Path(args.model)
        replace(ModelSettings.read(path), combine=policy, quantize=quantize).write(path)
        print(f"policy written to {path / SETTINGS_FILE}")
    return policy
