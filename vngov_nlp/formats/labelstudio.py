"""Label Studio JSON: a list of tasks, spans as `labels` results.

One task per document::

    {"data": {"text": "...", "id": "laichau-1", "meta": {...}},
     "annotations": [{"result": [
        {"id": "s0", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 10, "end": 24, "text": "Trần Tiến Dũng", "labels": ["PER"]},
         "meta": {"value": {...}}}]}]}

- Offsets are Unicode code points (Python `str` indices), what Label Studio stores
  since it fixed emoji offsets. Older exports counted UTF-16 units (and some browsers
  dropped `\\r` of CRLF); when `value.text` does not match the code-point slice, those
  two readings are tried before the task is rejected.
- The span's normalised value (LABELS.md) is kept in the result's `meta.value`:
  Label Studio keeps unknown keys of a region's `meta` (the editor only adds
  `meta.text`, its region note), so values survive a round through the tool.
- Reading takes the first annotation that is not `was_cancelled`; a task with no
  annotation at all takes its first prediction (pre-annotation, with `score`); a task
  whose annotations were all cancelled (skipped by the annotator) is left out, with
  one notice on stderr, since it is neither gold nor unlabelled.
- Only results of type `labels` are read (choices, relations, notes are ignored).
- `data.id` and `data.meta` carry the document's id and meta; without `data.id`
  the task's own `id` is the document id.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any, Iterable

from ..schema import LABELS, Document, Span
from ._common import check_document, check_for_writing, read_text
from .errors import FormatError, atomic_output

FROM_NAME, TO_NAME = "label", "text"


# ---------------------------------------------------------------- reading

def _utf16_to_cp(text: str) -> list[int] | None:
    """index in UTF-16 units -> code-point index (None when the text has no astral characters)."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    out = []
    for i, c in enumerate(text):
        out.append(i)
        if ord(c) >= 0x10000:
            out.append(-1)  # the second half of a surrogate pair: not a boundary
    out.append(len(text))
    return out


def _no_cr_to_cp(text: str) -> list[int] | None:
    """index in `text` without `\\r` -> code-point index in `text`."""
    if "\r" not in text:
        return None
    return [i for i, c in enumerate(text) if c != "\r"] + [len(text)]


def _resolve(text: str, start: int, end: int, surface: str | None) -> tuple[int, int] | None:
    """Offsets in code points: as given when they match `surface`, else the first other reading that does."""
    n = len(text)
    if surface is None or (0 <= start <= end <= n and text[start:end] == surface):
        return start, end
    for table in (_utf16_to_cp(text), _no_cr_to_cp(text)):
        if table and 0 <= start <= end < len(table):
            s, e = table[start], table[end]
            if s >= 0 and e >= 0 and text[s:e] == surface:
                return s, e
    return None


def _task_record(i: int, task: Any) -> str:
    rec = f"task {i}"
    if isinstance(task, dict) and task.get("id") is not None:
        rec += f" (id {task['id']})"
    return rec


def _pick_result(task: dict, path, record) -> list | None:
    """The result list to read, or None for a task to leave out (all annotations cancelled)."""
    annotations = task.get("annotations", task.get("completions")) or []
    if not isinstance(annotations, list):
        raise FormatError(path, record, "'annotations' must be a list")
    usable = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    if usable:
        chosen = usable[0]
    elif annotations:
        return None
    else:
        predictions = task.get("predictions") or []
        if not isinstance(predictions, list):
            raise FormatError(path, record, "'predictions' must be a list")
        if not predictions:
            return []
        chosen = predictions[0]
        if isinstance(chosen, list):  # a bare result list is accepted as a prediction
            return chosen
        if not isinstance(chosen, dict):
            raise FormatError(path, record, "a prediction must be an object with 'result'")
    result = chosen.get("result") or []
    if not isinstance(result, list):
        raise FormatError(path, record, "'result' must be a list")
    return result


def _span(item: Any, k: int, text: str, path, record) -> Span | None:
    if not isinstance(item, dict):
        raise FormatError(path, record, f"result {k} must be an object, got {type(item).__name__}")
    if item.get("type", "labels") != "labels":
        return None
    value = item.get("value")
    if not isinstance(value, dict):
        raise FormatError(path, record, f"result {k} has no 'value' object")
    start, end, labels = value.get("start"), value.get("end"), value.get("labels")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise FormatError(path, record, f"result {k}: value.start and value.end must be integers, got {start!r}, {end!r}")
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        raise FormatError(path, record, f"result {k}: value.labels must hold exactly one label, got {labels!r}")
    surface = value.get("text")
    if surface is not None and not isinstance(surface, str):
        raise FormatError(path, record, f"result {k}: value.text must be a string")
    resolved = _resolve(text, start, end, surface)
    if resolved is None:
        if not (0 <= start <= end <= len(text)):
            raise FormatError(path, record, f"result {k}: offsets [{start}, {end}) out of range for text of length {len(text)}")
        raise FormatError(path, record, f"result {k}: value.text {surface!r} does not match the text at "
                                        f"[{start}, {end}) {text[start:end]!r}")
    meta = item.get("meta")
    span_value = meta.get("value") if isinstance(meta, dict) else None
    score = item.get("score", 1.0)
    if not isinstance(score, (int, float)) or isinstance(score, bool):
        raise FormatError(path, record, f"result {k}: score must be a number, got {score!r}")
    return Span(resolved[0], resolved[1], labels[0], score=float(score), value=span_value)


def read(path: str | os.PathLike, *, labels: Iterable[str] | None = LABELS) -> list[Document]:
    """Documents of a Label Studio JSON export, each checked against the label contract."""
    raw = read_text(path)
    try:
        tasks = json.loads(raw)
    except json.JSONDecodeError as e:
        raise FormatError(path, f"line {e.lineno}", f"broken JSON: {e.msg} at column {e.colno}") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise FormatError(path, None, f"expected a JSON list of tasks, got {type(tasks).__name__}")
    docs: list[Document] = []
    skipped = 0
    for i, task in enumerate(tasks):
        record = _task_record(i, task)
        if not isinstance(task, dict):
            raise FormatError(path, record, f"a task must be an object, got {type(task).__name__}")
        data = task.get("data")
        if not isinstance(data, dict):
            raise FormatError(path, record, "missing 'data' (an object with 'text')")
        text = data.get("text")
        if not isinstance(text, str):
            raise FormatError(path, record, "missing 'data.text' (a string)")
        doc_id = next((x for x in (data.get("id"), task.get("id")) if x is not None), f"task-{i}")
        meta = data.get("meta") or {}
        if not isinstance(meta, dict):
            raise FormatError(path, record, "'data.meta' must be an object")
        result = _pick_result(task, path, record)
        if result is None:
            skipped += 1
            continue
        spans = [s for k, item in enumerate(result) if (s := _span(item, k, text, path, record)) is not None]
        doc = Document(str(doc_id), text, spans, dict(meta))
        docs.append(check_document(doc, path, record, labels))
    if skipped:
        print(f"notice: {path}: {skipped} tasks whose annotations were all cancelled left out", file=sys.stderr)
    return docs


# ---------------------------------------------------------------- writing

def _result(doc: Document, k: int, s: Span, with_score: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f"s{k}",
        "from_name": FROM_NAME,
        "to_name": TO_NAME,
        "type": "labels",
        "value": {"start": s.start, "end": s.end, "text": doc.text[s.start:s.end], "labels": [s.label]},
    }
    if with_score:
        item["score"] = round(float(s.score), 4)
    if s.value is not None:
        item["meta"] = {"value": s.value}
    return item


def to_tasks(docs: Iterable[Document], as_predictions: bool = True,
             model_version: str = "vngov_nlp") -> list[dict[str, Any]]:
    """Label Studio tasks for `docs`: spans as `predictions` (pre-annotation, with each
    span's `score`, the prediction's score their mean) or, with `as_predictions=False`,
    as a finished annotation."""
    tasks = []
    for doc in docs:
        data: dict[str, Any] = {"text": doc.text, "id": doc.id}
        if doc.meta:
            data["meta"] = doc.meta
        spans = sorted(doc.spans, key=lambda s: (s.start, s.end))
        result = [_result(doc, k, s, as_predictions) for k, s in enumerate(spans)]
        if as_predictions:
            score = sum(float(s.score) for s in spans) / len(spans) if spans else 1.0
            task = {"data": data, "predictions": [
                {"model_version": model_version, "score": round(score, 4), "result": result}]}
        else:
            task = {"data": data, "annotations": [{"result": result, "was_cancelled": False}]}
        tasks.append(task)
    return tasks


def write(docs: Iterable[Document], path: str | os.PathLike, *, as_predictions: bool = False,
          model_version: str = "vngov_nlp") -> None:
    """A JSON list of tasks, spans as annotations (or predictions), written atomically."""
    docs = check_for_writing(docs, path)
    tasks = to_tasks(docs, as_predictions=as_predictions, model_version=model_version)
    with atomic_output(path) as fh:
        json.dump(tasks, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
