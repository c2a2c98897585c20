"""brat standoff: a folder of `<id>.txt` + `<id>.ann` pairs.

    T1<TAB>MONEY 60 75<TAB>1.208,8 tỷ đồng
    #1<TAB>AnnotatorNotes T1<TAB>{"amount": 1208800000000.0, "currency": "VND"}

- Offsets are character offsets (Unicode code points) into the `.txt` file exactly as
  stored: `.txt` files are read and written with `newline=""`, so CRLF, NBSP, NFD and
  every other character keep their place and offsets stay valid.
- The document id is the file name (`<id>.txt`); ids that cannot be file names (with
  `/`, `\\`, a leading `.`, control characters) or that clash when case is ignored are an
  error when writing. Document `meta` has no place in brat: writing says so once on
  stderr and drops it.
- A span's value (LABELS.md) is an `AnnotatorNotes` note holding its JSON object. On
  reading, a note that starts with `{` must be a JSON object (it becomes the value);
  other notes (free text written in brat) are ignored, as are relations, events,
  attributes and normalisations.
- Discontinuous text-bound annotations (`T1<TAB>PER 0 3;4 8`) are an error naming the
  file and line: a span here is one stretch of text.
- A `.txt` without `.ann` is a document without spans; an `.ann` without `.txt` is an
  error. Only the folder itself is read (not sub-folders).
- Writing is atomic: everything is written into a temporary folder beside the target,
  which is renamed into place at the end. The target must not exist or be an empty
  folder; a non-empty folder is never overwritten (it may hold annotators' work done
  in brat): remove it or choose another. An `annotation.conf` naming the labels is
  written too, so brat shows the types without complaint.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterable

from ..schema import LABELS, Document, Span
from ._common import check_document, check_for_writing, read_text, warn_dropped
from .errors import FormatError

_UNSAFE_ID = re.compile(r"[/\\\x00-\x1f\x7f]")


# ---------------------------------------------------------------- reading

def _read_ann(ann: Path, text: str, doc_id: str) -> list[Span]:
    spans: dict[str, Span] = {}
    notes: dict[str, tuple[int, Any]] = {}
    for lineno, line in enumerate(read_text(ann).split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        record = f"line {lineno}"
        fields = line.split("\t", 2)
        ann_id = fields[0].strip()
        if ann_id.startswith("T"):
            if len(fields) < 2:
                raise FormatError(ann, record, f"expected 'T1<TAB>LABEL start end<TAB>text', got {line!r}")
            if ";" in fields[1]:
                raise FormatError(ann, record, f"discontinuous span {fields[1]!r}: a span must be one stretch of text")
            parts = fields[1].split()
            if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
                raise FormatError(ann, record, f"expected 'LABEL start end', got {fields[1]!r}")
            label, start, end = parts[0], int(parts[1]), int(parts[2])
            if ann_id in spans:
                raise FormatError(ann, record, f"annotation id {ann_id} used twice")
            if not (0 <= start < end <= len(text)):
                raise FormatError(ann, record, f"offsets [{start}, {end}) out of range for text of length {len(text)}")
            if len(fields) == 3:
                want = re.sub(r"\s", " ", text[start:end])
                if re.sub(r"\s", " ", fields[2]) != want:
                    raise FormatError(ann, record, f"span text {fields[2]!r} does not match the text at "
                                                   f"[{start}, {end}) {text[start:end]!r}")
            spans[ann_id] = Span(start, end, label)
        elif ann_id.startswith("#"):
            ref = fields[1].split() if len(fields) > 1 else []
            if len(ref) != 2 or len(fields) < 3:
                continue  # not a note on one annotation: not ours
            note = fields[2].strip()
            if ref[0] != "AnnotatorNotes" or not note.startswith("{"):
                continue  # a free-text note written in brat
            try:
                value = json.loads(note)
            except json.JSONDecodeError as e:
                raise FormatError(ann, record, f"broken JSON value in note: {e.msg} at column {e.colno}") from None
            if not isinstance(value, dict):
                raise FormatError(ann, record, "a value note must hold a JSON object")
            if ref[1] in notes:
                raise FormatError(ann, record, f"two values for {ref[1]}")
            notes[ref[1]] = (lineno, value)
        # relations (R), events (E), attributes (A/M), normalisations (N): ignored
    for target, (lineno, value) in notes.items():
        if target not in spans:
            if target.startswith("T"):
                raise FormatError(ann, f"line {lineno}", f"value note for {target}, which is not a span in this file")
            continue
        spans[target].value = value
    return list(spans.values())


def read(path: str | os.PathLike, *, labels: Iterable[str] | None = LABELS) -> list[Document]:
    """Documents of a brat folder (sorted by file name), each checked against the label contract."""
    folder = Path(path)
    if not folder.exists():
        raise FileNotFoundError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise FormatError(folder, None, "brat input must be a folder of .txt and .ann files")
    txts = {p.stem: p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file()}
    for ann in sorted(folder.glob("*.ann")):
        if ann.stem not in txts:
            raise FormatError(ann, None, f"no {ann.stem}.txt beside it")
    docs = []
    for stem in sorted(txts):
        txt = txts[stem]
        text = read_text(txt, keep_bom=True)  # read raw: brat offsets count every character, CR included
        ann = txt.with_suffix(".ann")
        spans = _read_ann(ann, text, stem) if ann.is_file() else []
        doc = Document(stem, text, spans)
        docs.append(check_document(doc, ann if ann.is_file() else txt, f"document {stem!r}", labels))
    return docs


# ---------------------------------------------------------------- writing

def _check_ids(docs: list[Document], path) -> None:
    seen: dict[str, str] = {}
    for d in docs:
        i = d.id
        if not i or i.startswith(".") or _UNSAFE_ID.search(i) or len(i.encode("utf-8")) > 200:
            raise FormatError(path, f"document {i!r}", "the id cannot be a brat file name "
                              "(empty, leading '.', '/', '\\', control characters or over 200 bytes)")
        key = i.casefold()
        if key in seen:
            raise FormatError(path, f"document {i!r}", f"two documents would share the file {i}.txt "
                              f"(ids {seen[key]!r} and {i!r}; case is ignored)")
        seen[key] = i
    for d in docs:
        for s in d.spans:
            if not s.label or any(c.isspace() for c in s.label):
                raise FormatError(path, f"document {d.id!r}", f"label {s.label!r} cannot be written to brat (spaces)")


def _ann_lines(doc: Document) -> list[str]:
    lines = []
    for k, s in enumerate(sorted(doc.spans, key=lambda s: (s.start, s.end)), 1):
        surface = re.sub(r"[\t\n\r]", " ", doc.text[s.start:s.end])  # one line; compared modulo whitespace
        lines.append(f"T{k}\t{s.label} {s.start} {s.end}\t{surface}\n")
        if s.value is not None:
            lines.append(f"#{k}\tAnnotatorNotes T{k}\t{json.dumps(s.value, ensure_ascii=False)}\n")
    return lines


def _annotation_conf(docs: list[Document]) -> str:
    labels = list(LABELS) + sorted({s.label for d in docs for s in d.spans} - set(LABELS))
    return "[entities]\n" + "".join(f"{lab}\n" for lab in labels) + "\n[relations]\n\n[events]\n\n[attributes]\n"


def write(docs: Iterable[Document], path: str | os.PathLike) -> None:
    """A folder of `<id>.txt` + `<id>.ann` (and `annotation.conf`), moved into place only when complete."""
    out = Path(path)
    docs = check_for_writing(docs, out)
    _check_ids(docs, out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FormatError(out, None, "brat output must be a new or empty folder; this one exists and is not empty "
                                     "(nothing is overwritten: remove it or choose another)")
    warn_dropped("brat", docs, values=False, meta=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for d in docs:
            with open(tmp / f"{d.id}.txt", "w", encoding="utf-8", newline="") as fh:
                fh.write(d.text)
            with open(tmp / f"{d.id}.ann", "w", encoding="utf-8", newline="") as fh:
                fh.writelines(_ann_lines(d))
        with open(tmp / "annotation.conf", "w", encoding="utf-8", newline="") as fh:
            fh.write(_annotation_conf(docs))
        os.chmod(tmp, 0o777 & ~_umask())
        if out.exists():
            out.rmdir()  # empty (checked above); rmdir fails rather than lose anything that appeared since
        os.rename(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
