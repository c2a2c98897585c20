"""Parsing files and folders: inputs to documents, spans to records in several formats.

What `vngov-nlp parse` does, as functions a script or a test can call.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator

from .schema import Document

OUTPUT_FORMATS = ("jsonl", "csv", "tsv", "html", "labelstudio")
RECORD_FIELDS = ("doc", "start", "end", "label", "text", "score", "value")


def read_inputs(source: str) -> list[tuple[str, str]]:
    """(document id, text) for a file, every *.txt under a folder, or '-' (standard input)."""
    if source == "-":
        return [("stdin", sys.stdin.read())]
    p = Path(source)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*.txt") if f.is_file())
        if not files:
            raise FileNotFoundError(f"{p}: no .txt files in this folder")
        return [(str(f.relative_to(p).with_suffix("")), _read_text(f)) for f in files]
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such file or folder")
    return [(p.stem, _read_text(p))]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 text (byte {e.start})") from None


def parse_documents(parser, inputs: list[tuple[str, str]], doc_date: str | None = None,
                    batch_size: int = 32, progress: bool = True) -> Iterator[Document]:
    """Parse inputs a few documents at a time, with a progress bar over documents."""
    from tqdm.auto import tqdm

    bar = tqdm(total=len(inputs), desc="parse", unit="doc", disable=None if progress else True, file=sys.stderr)
    step = 8
    for i in range(0, len(inputs), step):
        part = inputs[i:i + step]
        results = parser.parse_batch([t for _, t in part], batch_size=batch_size, doc_dates=[doc_date] * len(part))
        for (doc_id, text), spans in zip(part, results):
            yield Document(doc_id, text, spans)
        bar.update(len(part))
    bar.close()


def records(docs: Iterable[Document]) -> Iterator[dict]:
    for d in docs:
        for s in d.spans:
            yield {"doc": d.id, **s.to_dict()}


def format_output(docs: list[Document], fmt: str) -> str:
    """The whole output of one run as text, in `fmt`."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(docs))
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=RECORD_FIELDS, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writeheader()
        for r in records(docs):
            w.writerow({**r, "value": "" if r["value"] is None else json.dumps(r["value"], ensure_ascii=False)})
        return buf.getvalue()
    if fmt == "html":
        from .render import render_html

        return render_html(docs)
    if fmt == "labelstudio":
        from .formats.labelstudio import to_tasks

        return json.dumps(to_tasks(docs, as_predictions=True), ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(OUTPUT_FORMATS)}")
