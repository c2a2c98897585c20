"""vngov_nlp: typed spans from Vietnamese government bulletins.

>>> from vngov_nlp import parse
>>> [(s.label, s.text) for s in parse("Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương")]  # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .schema import LABELS, Document, Span

_PACKAGE_MODELS = Path(__file__).resolve().parent / "models"
DEFAULT_MODEL_NAME = "vngov-ner-small"
#: Path of the shipped default model directory (package data).
DEFAULT_MODEL: str = str(_PACKAGE_MODELS / DEFAULT_MODEL_NAME)


def load(model_dir: str | Path | None = None):
    """A `Parser` for `model_dir` (the default model when None), with `.parse` and `.parse_batch`.

    Loaded once per directory and process, so calling `load` inside a
    `datasets.Dataset.map` function costs one load per worker.
    """
    from .tagging.parser import cached_parser

    return cached_parser(DEFAULT_MODEL if model_dir is None else model_dir)


def parse(text: str, *, doc_date: str | dt.date | None = None) -> list[Span]:
    """Typed spans of `text` with the default model, offsets into `text` itself.

    The model is loaded once, on first use. `doc_date` (a date or 'YYYY-MM-DD')
    supplies the year of dates written without one.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse expects text as str, got {type(text).__name__}")
    return load().parse(text, doc_date=doc_date)


__all__ = ["parse", "load", "Span", "Document", "DEFAULT_MODEL", "LABELS"]
