"""doccano sequence-labelling JSONL: one document a line.

    {"id": "laichau-1", "text": "...", "label": [[10, 24, "PER"], [60, 75, "MONEY"]], "meta": {...}}

- Offsets are Unicode code points (Python `str` indices).
- Reading accepts `label` (current doccano), `labels` (older exports) and the
  `entities` list of relation projects (`{"start_offset", "end_offset", "label"}`);
  writing always uses `label`.
- `id` and `meta` are kept when present (doccano keeps unknown keys as metadata);
  a line without `id` gets `"line N"`, as canonical records do.
- doccano cannot hold span values: writing documents whose spans have values says so
  once on stderr and drops them.
"""
from __future__ import annotations

import json
import os
from typing import Any, Iterable

from ..schema import LABELS, Document, Span
from ._common import check_document, check_for_writing, read_text, warn_dropped
from .errors import FormatError, atomic_output


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _spans(rec: dict, path, record) -> list[Span]:
    if "label" in rec:
        items, key = rec["label"], "label"
    elif "labels" in rec:
        items, key = rec["labels"], "labels"
    elif "entities" in rec:
        items, key = rec["entities"], "entities"
    else:
        return []
    if items is None:
        return []
    if not isinstance(items, list):
        raise FormatError(path, record, f"'{key}' must be a list of [start, end, label]")
    spans = []
    for k, item in enumerate(items):
        if isinstance(item, dict):
            start, end, label = item.get("start_offset"), item.get("end_offset"), item.get("label")
        elif isinstance(item, (list, tuple)) and len(item) == 3:
            start, end, label = item
        else:
            raise FormatError(path, record, f"{key}[{k}] must be [start, end, label], got {item!r}")
        if not _is_int(start) or not _is_int(end) or not isinstance(label, str):
            raise FormatError(path, record, f"{key}[{k}] must be [start, end, label] with integer offsets, got {item!r}")
        spans.append(Span(start, end, label))
    return spans


def read(path: str | os.PathLike, *, labels: Iterable[str] | None = LABELS) -> list[Document]:
    """Documents of a doccano JSONL export, each checked against the label contract."""
    docs = []
    for lineno, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip():
            continue
        record = f"line {lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise FormatError(path, record, f"broken JSON: {e.msg} at column {e.colno}") from None
        if not isinstance(rec, dict):
            raise FormatError(path, record, f"expected a JSON object, got {type(rec).__name__}")
        text = rec.get("text")
        if not isinstance(text, str):
            raise FormatError(path, record, "missing 'text' (a string)")
        meta = rec.get("meta") or {}
        if not isinstance(meta, dict):
            raise FormatError(path, record, "'meta' must be an object")
        doc = Document(str(rec.get("id", record)), text, _spans(rec, path, record), dict(meta))
        docs.append(check_document(doc, path, record, labels))
    return docs


def write(docs: Iterable[Document], path: str | os.PathLike) -> None:
    """One JSON object a line, spans as `label`, written atomically; span values are dropped."""
    docs = check_for_writing(docs, path)
    warn_dropped("doccano", docs)
    with atomic_output(path) as fh:
        for d in docs:
            rec: dict[str, Any] = {
                "id": d.id,
                "text": d.text,
                "label": [[s.start, s.end, s.label] for s in sorted(d.spans, key=lambda s: (s.start, s.end))],
            }
            if d.meta:
                rec["meta"] = d.meta
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
