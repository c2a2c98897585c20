"""The model card (README.md with a YAML header) written beside every trained model."""
from __future__ import annotations

from pathlib import Path
from typing import Any


def _metrics_table(result: dict[str, Any]) -> list[str]:
    lines = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for lab, r in sorted(result["labels"].items()):
        lines.append(f"| {lab} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['support']} |")
    m = result["micro"]
    lines.append(f"| **micro** | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | |")
    return lines


def write_model_card(out: Path, settings, metrics: dict[str, Any], train_args: dict[str, Any],
                     license: str = "mit", extra: str = "") -> None:
    """A card a user can trust: what the base is, what it was trained on, what it scores."""
    lines = [
        "---",
        f"license: {license}",
        "language: vi",
        "library_name: transformers",
        "pipeline_tag: token-classification",
        f"base_model: {settings.base}",
        "tags: [vngov_nlp, ner, vietnamese, government]",
        "---",
        "",
        f"# {out.name}",
        "",
        f"A token classifier for the {len(settings.labels)} span labels of vngov_nlp "
        f"({', '.join(settings.labels)}), fine-tuned from `{settings.base}` with `vngov-nlp train`.",
        "",
        f"- Input: {'word-segmented (underthesea)' if settings.segmenter == 'underthesea' else 'syllable'} tokens, "
        f"windows of at most {settings.max_length} positions (stride {settings.stride}).",
        f"- Training data: `{train_args.get('train')}`; dev: `{train_args.get('dev')}`.",
        f"- Settings: epochs {train_args.get('epochs')}, max steps {train_args.get('max_steps')}, "
        f"lr {train_args.get('lr')}, batch size {train_args.get('batch_size')}, seed {train_args.get('seed')}.",
        f"- Steps trained: {metrics.get('step')} ({metrics.get('train_seconds')} s).",
        "",
    ]
    if "dev" in metrics:
        lines += ["## Dev scores (seqeval, strict IOB2, whole `parse` pipeline)", ""] + _metrics_table(metrics["dev"]) + [""]
    if extra:
        lines += [extra, ""]
    lines += ["## Use", "", "```python", "from vngov_nlp import load", f"parser = load({str(out)!r})",
              "spans = parser.parse(text)", "```", ""]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")
