"""Scoring what `parse` returns against gold documents: seqeval (strict IOB2) and values.

Both gold and predicted spans are projected onto the same syllable tokens, so
scores do not depend on the model's segmenter and compare across models.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .args import arg
from .schema import VALUE_LABELS, Document, Span
from .text import analyze
from .tagging.bio import spans_to_tags
from .values import ValueContext, normalize


def values_equal(a: Any, b: Any) -> bool:
    """Value dicts equal, numbers compared with a relative tolerance (16 == 16.0)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(values_equal(a[k], b[k]) for k in a)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def doc_date(doc: Document) -> str | None:
    d = doc.meta.get("date")
    return d if isinstance(d, str) and len(d) >= 10 else None


def _tag_docs(docs: Sequence[Document], spans: Sequence[Sequence[Span]]) -> list[list[str]]:
    seqs = []
    for d, sp in zip(docs, spans):
        for sent in analyze(d.text, "syllable"):
            inside = [s for s in sp if s.start < sent.end and s.end > sent.start]
            seqs.append(spans_to_tags(sent.words, inside))
    return seqs


def value_scores(docs: Sequence[Document], predicted: Sequence[Sequence[Span]] | None) -> dict[str, Any]:
    """Value exact-match over gold spans that carry a checked value.

    `normaliser`: our normaliser on the gold span surface (isolates the values layer);
    `end_to_end`: the predicted span must match the gold span exactly and carry the same value.
    """
    per_label: dict[str, dict[str, int]] = {}
    n = norm_ok = e2e_ok = 0
    for i, d in enumerate(docs):
        pred = {(s.start, s.end, s.label): s for s in (predicted[i] if predicted is not None else [])}
        for s in d.spans:
            if s.value is None or s.label not in VALUE_LABELS:
                continue
            row = per_label.setdefault(s.label, {"n": 0, "normaliser": 0, "end_to_end": 0})
            n += 1
            row["n"] += 1
            mine = normalize(s.label, d.text[s.start:s.end], ValueContext(doc_date=doc_date(d), before=d.text[:s.start]))
            if values_equal(mine, s.value):
                norm_ok += 1
                row["normaliser"] += 1
            p = pred.get((s.start, s.end, s.label))
            if p is not None and values_equal(p.value, s.value):
                e2e_ok += 1
                row["end_to_end"] += 1
    return {
        "n": n,
        "normaliser": norm_ok / n if n else None,
        "end_to_end": (e2e_ok / n if n else None) if predicted is not None else None,
        "labels": {k: {"n": v["n"], "normaliser": v["normaliser"] / v["n"],
                       "end_to_end": v["end_to_end"] / v["n"] if predicted is not None else None}
                   for k, v in sorted(per_label.items())},
    }


def score(docs: Sequence[Document], predicted: Sequence[Sequence[Span]]) -> dict[str, Any]:
    """seqeval strict IOB2 report per label, micro and macro averages, and value exact-match."""
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    gold = _tag_docs(docs, [d.spans for d in docs])
    pred = _tag_docs(docs, predicted)
    rep = classification_report(gold, pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    labels = {k: {"precision": v["precision"], "recall": v["recall"], "f1": v["f1-score"], "support": int(v["support"])}
              for k, v in rep.items() if not k.endswith("avg")}
    micro, macro = rep["micro avg"], rep["macro avg"]
    return {
        "micro": {"precision": micro["precision"], "recall": micro["recall"], "f1": micro["f1-score"]},
        "macro": {"precision": macro["precision"], "recall": macro["recall"], "f1": macro["f1-score"]},
        "labels": labels,
        "values": value_scores(docs, predicted),
        "documents": len(docs),
    }


def evaluate_parser(parser, docs: Sequence[Document], batch_size: int = 32) -> dict[str, Any]:
    predicted = parser.parse_batch([d.text for d in docs], batch_size=batch_size, doc_dates=[doc_date(d) for d in docs])
    return score(docs, predicted)


def markdown_report(result: dict[str, Any], title: str = "Evaluation") -> str:
    lines = [f"# {title}", "", f"Documents: {result['documents']}", "",
             "| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for lab, r in sorted(result["labels"].items()):
        lines.append(f"| {lab} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['support']} |")
    for name in ("micro", "macro"):
        r = result[name]
        lines.append(f"| **{name}** | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | |")
    v = result["values"]
    lines += ["", "Value exact-match on gold spans with a checked value "
              "(`normaliser`: on the gold surface; `end_to_end`: predicted span and value both right):", "",
              "| label | n | normaliser | end to end |", "|---|---|---|---|"]
    fmt = lambda x: "-" if x is None else f"{x:.3f}"  # noqa: E731
    for lab, r in v["labels"].items():
        lines.append(f"| {lab} | {r['n']} | {fmt(r['normaliser'])} | {fmt(r['end_to_end'])} |")
    lines.append(f"| **all** | {v['n']} | {fmt(v['normaliser'])} | {fmt(v['end_to_end'])} |")
    return "\n".join(lines) + "\n"


def f1_chart(result: dict[str, Any], path: str | Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labs = sorted(result["labels"])
    f1s = [result["labels"][k]["f1"] for k in labs]
    fig, ax = plt.subplots(figsize=(7, 3.2))
    ax.bar(labs, f1s, color="#3b7dd8")
    ax.axhline(result["micro"]["f1"], color="#d8703b", linestyle="--", label=f"micro F1 {result['micro']['f1']:.3f}")
    ax.set_ylim(0, 1)
    ax.set_ylabel("F1")
    ax.legend(loc="lower right")
    ax.tick_params(axis="x", rotation=45)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


@dataclass
class EvalArgs:
    model: str = arg(help="model directory (a `vngov-nlp train` output, or the default model)")
    data: str = arg(help="canonical JSONL file or folder of gold documents")
    json: str | None = arg(None, help="write the scores as JSON here; a markdown report (.md) and per-label F1 chart (.png) go beside it")
    corpus: str | None = arg(None, help="corpus folder for standoff records (default: $VNGOV_CORPUS or ../shared/corpus)")
    batch_size: int = arg(32, help="sentences per forward pass")
    rules: bool = arg(True, help="merge the rule labeller's spans as the model's policy says (--no-rules: the model alone)")


def run(args: EvalArgs) -> dict[str, Any]:
    from .data import load_documents
    from .tagging.parser import Parser

    docs = load_documents(args.data, args.corpus)
    result = evaluate_parser(Parser.load(args.model, rules=args.rules), docs, args.batch_size)
    print(markdown_report(result, f"{Path(args.model).name} on {args.data}"))
    if args.json:
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        out.with_suffix(".md").write_text(markdown_report(result, f"{Path(args.model).name} on {args.data}"), encoding="utf-8")
        f1_chart(result, out.with_suffix(".png"))
    return result
