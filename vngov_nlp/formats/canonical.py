"""The canonical JSONL format of LABELS.md: one document a line."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..schema import LABELS, Document, Span
from .errors import FormatError, atomic_output


def document_from_record(rec: Any, path: str | os.PathLike, record: str | int) -> Document:
    """Build a `Document` from one parsed JSON object, or say exactly what is wrong with it."""
    if not isinstance(rec, dict):
        raise FormatError(path, record, f"expected a JSON object, got {type(rec).__name__}")
    doc_id = str(rec.get("id", record))
    text = rec.get("text")
    if not isinstance(text, str):
        raise FormatError(path, doc_id, "missing 'text' (a string)")
    spans = []
    for k, s in enumerate(rec.get("spans") or []):
        if not isinstance(s, dict) or not {"start", "end", "label"} <= s.keys():
            raise FormatError(path, doc_id, f"span {k} must be an object with start, end and label: {s!r}")
        if not isinstance(s["start"], int) or not isinstance(s["end"], int):
            raise FormatError(path, doc_id, f"span {k} offsets must be integers: {s!r}")
        spans.append(Span(s["start"], s["end"], str(s["label"]), value=s.get("value")))
    meta = rec.get("meta") or {}
    if not isinstance(meta, dict):
        raise FormatError(path, doc_id, "'meta' must be an object")
    return Document(doc_id, text, spans, dict(meta))


def read(path: str | os.PathLike, corpus: str | os.PathLike | None = None) -> list[Document]:
    """Documents of one JSONL file in file order; standoff records joined with the corpus."""
    return [d for _, d in read_records(path, corpus)]


def write(docs: Iterable[Document], path: str | os.PathLike) -> None:
    with atomic_output(path) as fh:
        for d in docs:
            fh.write(json.dumps(d.to_record(), ensure_ascii=False) + "\n")


def read_records(path: str | os.PathLike, corpus: str | os.PathLike | None = None) -> list[tuple[str, Document]]:
    """`(record, document)` pairs in file order, `record` being `"line N"`, so that
    problems found later can name the line. Standoff records (no text; `corpus` and
    `sha1`) are joined with the corpus as `vngov_nlp.data` does."""
    from ._common import read_text

    plain: list[tuple[int, Document]] = []
    standoff: list[tuple[str, dict]] = []
    for lineno, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise FormatError(path, f"line {lineno}", f"broken JSON: {e.msg} at column {e.colno}") from None
        if isinstance(rec, dict) and "text" not in rec and "corpus" in rec:
            standoff.append((f"line {lineno}", rec))
        else:
            try:
                plain.append((lineno, document_from_record(rec, path, f"line {lineno}")))
            except FormatError as e:  # it names the record by its id: add the line
                if e.record == f"line {lineno}":
                    raise
                raise FormatError(e.path, f"line {lineno} (id {e.record!r})", e.problem) from None
    if standoff:
        from ..data import corpus_dir, join_standoff  # lazily: data imports this module

        line_of = {str(rec.get("id")): int(where.split()[1]) for where, rec in standoff}
        plain += [(line_of[d.id], d) for d in join_standoff(standoff, path, corpus_dir(corpus))]
    return [(f"line {n}", d) for n, d in sorted(plain, key=lambda x: x[0])]


def read_checked(path: str | os.PathLike, *, labels: Iterable[str] | None = LABELS) -> list[Document]:
    """`read`, then every document checked against the label contract (`labels=None`: any label);
    the first document with problems raises a `FormatError` listing all of them. A folder
    means every `*.jsonl` under it, sorted by path (as `vngov_nlp.data.load_documents`)."""
    from ._common import check_document

    p = Path(path)
    files = sorted(p.rglob("*.jsonl")) if p.is_dir() else [p]
    return [check_document(d, f, rec, labels) for f in files for rec, d in read_records(f)]
