"""Loading annotated documents: canonical records, and standoff records joined with the corpus.

Standoff records (`{"id", "corpus", "sha1", "spans", "meta"}`, no text) annotate
news articles whose text must never enter the repository. They are joined with
`news.jsonl.gz` from the corpus folder when it is present and skipped, with one
notice, when it is not.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from .formats.canonical import document_from_record
from .formats.errors import FormatError
from .schema import Document

_REPO_ROOT = Path(__file__).resolve().parent.parent
_ID = re.compile(r'\{"id":\s*"([^"]+)"')


def corpus_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The corpus folder: the argument, else $VNGOV_CORPUS, else ../shared/corpus beside the repository."""
    if explicit:
        return Path(explicit)
    if os.environ.get("VNGOV_CORPUS"):
        return Path(os.environ["VNGOV_CORPUS"])
    for base in (Path.cwd(), _REPO_ROOT):
        cand = base.parent / "shared" / "corpus"
        if cand.is_dir():
            return cand
    return _REPO_ROOT.parent / "shared" / "corpus"


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def _corpus_texts(path: str, wanted: frozenset[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _ID.match(line)  # cheap id check before parsing the whole line
            if m and m.group(1) not in wanted:
                continue
            rec = json.loads(line)
            if rec["id"] in wanted:
                out[rec["id"]] = rec["text"]
    return out


def join_standoff(records: list[tuple[str, dict]], path: str | os.PathLike, corpus: Path) -> list[Document]:
    """Attach corpus text to standoff records; check it is the text that was annotated."""
    by_file: dict[str, list[tuple[str, dict]]] = {}
    for where, rec in records:
        by_file.setdefault(str(rec.get("corpus", "news")), []).append((where, rec))
    docs: list[Document] = []
    for name, recs in by_file.items():
        gz = corpus / f"{name}.jsonl.gz"
        if not gz.is_file():
            print(f"notice: {len(recs)} standoff records in {path} skipped: corpus file {gz} not found", file=sys.stderr)
            continue
        texts = _corpus_texts(str(gz), frozenset(str(r["id"]) for _, r in recs))
        for where, rec in recs:
            text = texts.get(str(rec["id"]))
            if text is None:
                raise FormatError(path, where, f"corpus id {rec['id']!r} not found in {gz}")
            if rec.get("sha1") and rec["sha1"] != text_sha1(text):
                raise FormatError(path, where, f"corpus text of {rec['id']!r} differs from the annotated one (sha1 mismatch)")
            docs.append(document_from_record({**rec, "text": text}, path, where))
    return docs


def load_documents(path: str | os.PathLike, corpus: str | os.PathLike | None = None) -> list[Document]:
    """A JSONL file, or every `*.jsonl` under a folder (sorted by path)."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file or folder")
    from .formats import canonical  # lazily: canonical joins standoff records through this module

    files = sorted(p.rglob("*.jsonl")) if p.is_dir() else [p]
    return [d for f in files for d in canonical.read(f, corpus)]
