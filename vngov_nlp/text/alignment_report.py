"""How many gold spans a word segmenter makes impossible to express.

A span whose start or end falls inside a segmented word cannot be produced by a
word-level tagger. Counting them per label is how the project chose between
syllable and word input (see the model card).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..schema import Document
from . import analyze


@dataclass
class SegmentationReport:
    segmenter: str
    total: Counter = field(default_factory=Counter)
    broken: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"segmenter: {self.segmenter}", "| label | spans | not on word edges | share |", "|---|---|---|---|"]
        for lab in sorted(self.total):
            t, b = self.total[lab], self.broken[lab]
            out.append(f"| {lab} | {t} | {b} | {b / t:.1%} |")
        t, b = sum(self.total.values()), sum(self.broken.values())
        out.append(f"| all | {t} | {b} | {(b / t if t else 0):.1%} |")
        out += [f"  e.g. {e}" for e in self.examples[:10]]
        return out


def unexpressible_spans(docs: list[Document], segmenter: str = "underthesea") -> SegmentationReport:
    rep = SegmentationReport(segmenter)
    for d in docs:
        starts, ends = set(), set()
        for sent in analyze(d.text, segmenter):
            for w in sent.words:
                starts.add(w.start)
                ends.add(w.end)
        for s in d.spans:
            rep.total[s.label] += 1
            if s.start not in starts or s.end not in ends:
                rep.broken[s.label] += 1
                rep.examples.append(f"{d.id} {s.label} {d.text[s.start:s.end]!r}")
    return rep
