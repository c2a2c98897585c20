"""The label contract (LABELS.md) as code: labels, `Span`, `Document` and validation.

Everything here is plain data: no torch, no model. Converters, the annotation
tools, training and `parse` all exchange these two dataclasses.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

LABELS: tuple[str, ...] = (
    "PER", "TITLE", "ORG", "LOC", "DOC", "DATE", "PERIOD", "MONEY", "PERCENT", "QUANTITY",
)
NUMERIC_LABELS: frozenset[str] = frozenset({"DATE", "PERIOD", "MONEY", "PERCENT", "QUANTITY"})
VALUE_LABELS: frozenset[str] = NUMERIC_LABELS | {"DOC"}


@dataclass
class Span:
    """A typed span `[start, end)` of character offsets into the ORIGINAL text."""

    start: int
    end: int
    label: str
    text: str = ""
    score: float = 1.0
    value: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "score": round(float(self.score), 4),
            "value": self.value,
        }

    def to_record(self) -> dict[str, Any]:
        """The canonical annotation form: offsets and label, `value` only when set."""
        out: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label}
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass
class Document:
    """One annotated document: the canonical JSONL record of LABELS.md."""

    id: str
    text: str
    spans: list[Span] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for s in self.spans:
            if not s.text and 0 <= s.start <= s.end <= len(self.text):
                s.text = self.text[s.start:s.end]

    def to_record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "spans": [s.to_record() for s in sorted(self.spans, key=lambda s: (s.start, s.end))],
        }
        if self.meta:
            rec["meta"] = self.meta
        return rec


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record, said so that a person can find and fix it."""

    doc_id: str
    message: str
    offset: int | None = None
    surface: str = ""

    def __str__(self) -> str:
        where = f"{self.doc_id}" + (f" @{self.offset}" if self.offset is not None else "")
        return f"{where}: {self.message}" + (f" ({self.surface!r})" if self.surface else "")


def _is_alnum(ch: str) -> bool:
    """A letter, digit or combining mark (in NFD text a mark belongs to the letter before it)."""
    return ch.isalnum() or unicodedata.combining(ch) > 0


def validate_document(doc: Document, labels: Iterable[str] | None = LABELS) -> list[Problem]:
    """Every way `doc` breaks the contract: offsets, token rule, overlap, labels.

    `labels=None` accepts any label (another project's label set).
    """
    problems: list[Problem] = []
    text = doc.text
    allowed = None if labels is None else set(labels)
    n = len(text)
    last_end, last_span = -1, None
    for s in sorted(doc.spans, key=lambda s: (s.start, s.end)):
        surface = text[s.start:s.end] if 0 <= s.start < s.end <= n else ""
        if allowed is not None and s.label not in allowed:
            problems.append(Problem(doc.id, f"unknown label {s.label!r} (allowed: {', '.join(sorted(allowed))})", s.start, surface))
        if not (isinstance(s.start, int) and isinstance(s.end, int)) or s.start < 0 or s.end > n or s.start >= s.end:
            problems.append(Problem(doc.id, f"offsets [{s.start}, {s.end}) out of range for text of length {n}", s.start))
            continue
        if surface != surface.strip():
            problems.append(Problem(doc.id, "span starts or ends with whitespace", s.start, surface))
        if s.start > 0 and _is_alnum(text[s.start - 1]) and _is_alnum(text[s.start]):
            problems.append(Problem(doc.id, "span starts inside a word (token rule)", s.start, text[max(0, s.start - 10):s.end]))
        if s.end < n and _is_alnum(text[s.end - 1]) and _is_alnum(text[s.end]):
            problems.append(Problem(doc.id, "span ends inside a word (token rule)", s.end, text[s.start:min(n, s.end + 10)]))
        if s.start < last_end and last_span is not None:
            problems.append(Problem(doc.id, f"overlaps span [{last_span.start}, {last_span.end}) {last_span.label}", s.start, surface))
        if s.value is not None and not isinstance(s.value, dict):
            problems.append(Problem(doc.id, f"value must be an object or null, got {type(s.value).__name__}", s.start, surface))
        if s.end > last_end:
            last_end, last_span = s.end, s
    return problems
