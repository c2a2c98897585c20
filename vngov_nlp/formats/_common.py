"""Helpers every converter shares: reading text files, checking documents, saying what is lost."""
from __future__ import annotations

import os
import sys
from typing import Iterable

from ..schema import LABELS, Document, validate_document
from .errors import FormatError

__all__ = ["check_document", "check_for_writing", "read_text", "warn_dropped", "LABELS"]


def read_text(path: str | os.PathLike, *, keep_bom: bool = False) -> str:
    """A UTF-8 file as text (universal newlines are NOT applied); bad bytes are a `FormatError` with the line."""
    if os.path.isdir(path):
        raise FormatError(path, None, "is a folder; expected a file")
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise FormatError(path, f"line {line}", f"not UTF-8 text: byte {raw[e.start]:#04x} at offset {e.start}") from None
    if not keep_bom and text.startswith("\ufeff"):
        text = text[1:]
    return text


def check_document(doc: Document, path: str | os.PathLike, record: str | int | None,
                   labels: Iterable[str] | None = LABELS) -> Document:
    """Raise a `FormatError` listing every problem of `doc` (LABELS.md contract), else return it."""
    problems = validate_document(doc, labels)
    if problems:
        hint = ""
        if labels is not None and any(p.message.startswith("unknown label") for p in problems):
            hint = " (to keep another project's labels, pass labels=None, or --labels any / --labels FILE)"
        raise FormatError(path, record, "; ".join(str(p) for p in problems) + hint)
    return doc


def check_for_writing(docs: Iterable[Document], path: str | os.PathLike) -> list[Document]:
    """Documents about to be written must be well formed (any label set is fine)."""
    docs = list(docs)
    for d in docs:
        if not isinstance(d.text, str):
            raise FormatError(path, d.id, "document text must be a string")
        check_document(d, path, f"document {d.id!r}", None)
    return docs


def warn_dropped(fmt: str, docs: Iterable[Document], *, values: bool = True, meta: bool = False) -> None:
    """One line on stderr when `fmt` cannot hold span values (or document meta) that `docs` carry."""
    docs = list(docs)
    if values:
        n = sum(1 for d in docs for s in d.spans if s.value is not None)
        if n:
            n_docs = sum(1 for d in docs if any(s.value is not None for s in d.spans))
            print(f"warning: {fmt} cannot hold span values; {n} values in {n_docs} documents dropped",
                  file=sys.stderr)
    if meta:
        n_docs = sum(1 for d in docs if d.meta)
        if n_docs:
            print(f"warning: {fmt} cannot hold document meta; meta of {n_docs} documents dropped", file=sys.stderr)
