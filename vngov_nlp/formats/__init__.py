"""Annotation formats: read and write `Document`s, convert between formats.

| name          | what                                                      | values | meta | offsets kept |
|---------------|-----------------------------------------------------------|--------|------|--------------|
| `canonical`   | JSONL records of LABELS.md; a folder: every `*.jsonl`    | yes    | yes  | yes          |
| `labelstudio` | Label Studio JSON export / import (see `labelstudio.py`)  | yes    | yes  | yes          |
| `doccano`     | doccano JSONL, `label: [[start, end, LABEL], ...]`        | no     | yes  | yes          |
| `brat`        | a folder of `<id>.txt` + `<id>.ann`                       | yes    | no   | yes          |
| `conll`       | IOB2, one syllable (or `words=True`: word) a line         | no     | no   | no (text rebuilt; see `conll.py`) |

Canonical input may hold standoff records (no text; joined with the corpus folder,
`$VNGOV_CORPUS` or `../shared/corpus`, as `vngov_nlp.data` does).

Every reader checks each document against the label contract (`validate_document`:
offsets, overlap, token rule, labels; `labels=None` accepts any label) and raises a
`FormatError` naming the file, the record and every problem of the first bad document.
Every writer writes atomically: a failed conversion leaves no output behind. A format
that cannot hold what the documents carry says so once on stderr.

Nothing here imports torch; underthesea is imported only for `conll` with `words=True`.
"""
from __future__ import annotations

import os
from typing import Iterable

from ..schema import LABELS, Document
from . import brat, canonical, conll, doccano, labelstudio
from ._common import check_for_writing
from .errors import FormatError, atomic_output

FORMATS = {
    "canonical": canonical,
    "labelstudio": labelstudio,
    "doccano": doccano,
    "conll": conll,
    "brat": brat,
}


def _module(fmt: str):
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}") from None


def read(fmt: str, path: str | os.PathLike, *, labels: Iterable[str] | None = LABELS,
         tag_column: int | None = None) -> list[Document]:
    """Documents from `path` in format `fmt`, each checked against the label contract
    (`labels=None`: any label; a tuple: only those). `tag_column` is for CoNLL input only."""
    mod = _module(fmt)
    if tag_column is not None and fmt != "conll":
        raise FormatError(path, None, "a tag column applies to conll input only")
    if fmt == "canonical":
        return canonical.read_checked(path, labels=labels)
    if fmt == "conll":
        return conll.read(path, labels=labels, tag_column=tag_column)
    return mod.read(path, labels=labels)


def write(fmt: str, docs: Iterable[Document], path: str | os.PathLike, *, words: bool = False) -> None:
    """Write `docs` to `path` in format `fmt` (a folder for brat), atomically.
    `words=True` (CoNLL only) writes one segmented word a line."""
    mod = _module(fmt)
    if words and fmt != "conll":
        raise FormatError(path, None, "words=True applies to conll output only")
    if fmt != "brat" and os.path.isdir(path):
        raise FormatError(path, None, f"is a folder; {fmt} output is a file")
    if fmt == "canonical":
        canonical.write(check_for_writing(docs, path), path)
    elif fmt == "conll":
        conll.write(docs, path, words=words)
    else:
        mod.write(docs, path)


def convert(input: str | os.PathLike, output: str | os.PathLike, src: str, dst: str, *,
            labels: Iterable[str] | None = LABELS, words: bool = False, tag_column: int | None = None) -> int:
    """Read `input` as `src`, write `output` as `dst`; returns the number of documents."""
    _module(src), _module(dst)
    if words and dst != "conll":
        raise FormatError(output, None, "words=True (--words) applies to conll output only")
    docs = read(src, input, labels=labels, tag_column=tag_column)
    write(dst, docs, output, words=words)
    return len(docs)


__all__ = ["FORMATS", "FormatError", "atomic_output", "convert", "read", "write",
           "brat", "canonical", "conll", "doccano", "labelstudio"]
