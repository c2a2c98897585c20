"""Merging the model's spans with the rule labeller's: a per-label policy chosen on dev.

The rules (`vngov_nlp.rules`) are precise but incomplete; the model finds more but
errs at edges. Per label the policy says who speaks:

- `model`: the model's spans only; rule spans of this label are ignored;
- `override`: rule spans are kept, and the model fills what they leave free;
- `rules`: rule spans only; the model's spans of this label are dropped.

A model span that overlaps a kept rule span is dropped whatever its label, and
model spans scoring under `min_score` are dropped. `vngov-nlp tune` picks the
policy on a dev split and stores it with the model (`ModelSettings.combine`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..schema import Span

MODES = ("model", "override", "rules")


@dataclass(frozen=True)
class CombinePolicy:
    modes: Mapping[str, str] = field(default_factory=dict)  # label -> mode; a label not named is `model`
    min_score: float = 0.0

    def __post_init__(self) -> None:
        bad = {k: v for k, v in self.modes.items() if v not in MODES}
        if bad:
            raise ValueError(f"combine modes must be one of {', '.join(MODES)}; got {bad}")
        if not 0.0 <= self.min_score <= 1.0:
            raise ValueError(f"min_score must be within 0-1, got {self.min_score}")

    @property
    def uses_rules(self) -> bool:
        return any(m != "model" for m in self.modes.values())

    def mode(self, label: str) -> str:
        return self.modes.get(label, "model")

    def to_json(self) -> dict:
        return {"modes": dict(sorted(self.modes.items())), "min_score": self.min_score}

    @classmethod
    def from_json(cls, raw: Mapping | None) -> "CombinePolicy":
        raw = raw or {}
        return cls(dict(raw.get("modes", {})), float(raw.get("min_score", 0.0)))


def combine(model_spans: Sequence[Span], rule_spans: Sequence[Span], policy: CombinePolicy) -> list[Span]:
    """Sorted, non-overlapping spans: the kept rule spans, then the model spans that fit around them."""
    kept = sorted((s for s in rule_spans if policy.mode(s.label) != "model"), key=lambda s: s.start)
    out = list(kept)
    j = 0
    for s in sorted(model_spans, key=lambda s: s.start):
        if policy.mode(s.label) == "rules" or s.score < policy.min_score:
            continue
        while j < len(kept) and kept[j].end <= s.start:
            j += 1
        if j < len(kept) and kept[j].start < s.end:
            continue  # overlaps a rule span
        out.append(s)
    out.sort(key=lambda s: (s.start, s.end))
    return out
