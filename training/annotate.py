"""Annotation tooling: inline marks <-> canonical records, the annotators' checker, agreement.

Annotators write `[surface]{LABEL}` or `[surface]{LABEL {"json": "value"}}` inside the
text (see annotations/GUIDELINES.md). A source file starts with a header block:

    #id: laichau-2021-09-21
    #date: 2021-09-21          (optional: the document date, ISO)
    #source: written | seed | <site>
    #corpus: news              (standoff only: the text is the corpus article `id`)
    ---
    <text with inline marks>

Commands (python -m training.annotate CMD ...):
  check FILE...                   parse, validate, report every problem (exit 1 if any)
  build SRC... --out OUT.jsonl    canonical records; `#corpus:` files become standoff records
  show CORPUS_ID                  print a corpus article for annotation (never save it in the repo)
  inline JSONL [--id ID]          render records with inline marks, for review and adjudication
  agree A.jsonl B.jsonl           span F1 per label between two annotations of the same documents
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from vngov_nlp.data import _corpus_texts, corpus_dir, load_documents, text_sha1
from vngov_nlp.formats.errors import atomic_output
from vngov_nlp.schema import Document, Span, validate_document

MARK = re.compile(r"\[([^\[\]\n]+?)\]\{([A-Z_]+)(?:\s+(\{[^{}]*\}|null))?\}")
HEADER = re.compile(r"#(\w+):\s*(.*)")


@dataclass
class Source:
    path: str
    header: dict[str, str]
    text: str
    spans: list[Span]
    problems: list[str]


def parse_source(path: str | Path) -> Source:
    """Read one inline-marked file: header, clean text, spans (offsets into the clean text)."""
    header: dict[str, str] = {}
    problems: list[str] = []
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        return Source(str(path), header, "", [], [f"not UTF-8 text (byte {e.start})"])
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        problems.append("no header block ending with a '---' line")
        head, body = "", raw
    for line in head.splitlines():
        m = HEADER.fullmatch(line.strip())
        if m:
            header[m.group(1)] = m.group(2).strip()
        elif line.strip():
            problems.append(f"header line not of the form '#key: value': {line!r}")
    body = body.rstrip("\n")
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    for m in MARK.finditer(body):
        out.append(body[pos:m.start()])
        start = sum(len(x) for x in out)
        surface, label, raw_value = m.group(1), m.group(2), m.group(3)
        value = None
        if raw_value:
            try:
                value = json.loads(raw_value)
            except json.JSONDecodeError as e:
                problems.append(f"bad JSON value in {m.group(0)!r}: {e.msg}")
        out.append(surface)
        spans.append(Span(start, start + len(surface), label, surface, value=value))
        pos = m.end()
    out.append(body[pos:])
    text = "".join(out)
    for bad in re.finditer(r"\]\{|\]\s+\{[A-Z]", text):
        problems.append(f"unparsed mark near {text[max(0, bad.start() - 30):bad.end() + 20]!r}")
    return Source(str(path), header, text, spans, problems)


def _doc_of(src: Source) -> Document:
    meta = {k: v for k, v in src.header.items() if k not in ("id", "corpus")}
    return Document(src.header.get("id", Path(src.path).stem), src.text, src.spans, meta)


def check_value(span: Span) -> str | None:
    v = span.value
    if v is None:
        return None
    if not isinstance(v, dict):
        return "value must be a JSON object"
    need = {"MONEY": ("currency",), "PERCENT": (), "QUANTITY": ("unit",), "DATE": ("date",), "DOC": ("type",)}.get(span.label)
    if need is None and span.label != "PERIOD":
        return f"{span.label} spans carry no value"
    missing = [k for k in need or () if k not in v]
    if span.label == "PERIOD" and not ({"start", "end"} <= v.keys() or "duration" in v or {"low", "high"} <= v.keys()):
        missing.append("start/end, duration, or low/high (a duration range, GUIDELINES section 5)")
    return f"value misses {', '.join(missing)}" if missing else None


def align_to(text: str, target: str, spans: list[Span]) -> tuple[list[Span], list[str]]:
    """Move spans from `text` onto `target` (the real corpus text) by character alignment."""
    a, b = unicodedata.normalize("NFC", text), target
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    mapping: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                mapping[i1 + k] = j1 + k
    out, problems = [], []
    same = sum(size for _, _, size in sm.get_matching_blocks())
    if same < len(b) or same < len(a):
        problems.append(f"text differs from the corpus article in {max(len(a), len(b)) - same} characters "
                        f"(annotated {len(a)}, corpus {len(b)}): copy the whole article exactly, only adding marks")
    for s in spans:
        if s.start in mapping and s.end - 1 in mapping:
            ns, ne = mapping[s.start], mapping[s.end - 1] + 1
            if unicodedata.normalize("NFC", b[ns:ne]) == unicodedata.normalize("NFC", s.text):
                out.append(Span(ns, ne, s.label, b[ns:ne], value=s.value))
                continue
        problems.append(f"span {s.text!r} ({s.label}) could not be placed on the corpus text: the text around it was changed")
    return out, problems


def check_sources(paths: list[str], corpus: str | None = None) -> tuple[list[Document], list[dict], list[str]]:
    """Parse and check inline sources; return canonical docs, standoff records and problems."""
    docs, standoff, problems = [], [], []
    sources = [parse_source(p) for p in paths]
    wanted: dict[str, set[str]] = {}
    for src in sources:
        if "corpus" in src.header:
            wanted.setdefault(src.header["corpus"], set()).add(src.header.get("id", ""))
    texts = {name: _corpus_texts(str(corpus_dir(corpus) / f"{name}.jsonl.gz"), frozenset(ids))
             for name, ids in wanted.items() if (corpus_dir(corpus) / f"{name}.jsonl.gz").is_file()}
    for p, src in zip(paths, sources):
        errs = [f"{p}: {e}" for e in src.problems]
        errs += [f"{p}: {pr}" for pr in map(str, validate_document(_doc_of(src)))]
        errs += [f"{p}: {s.text!r} {s.label}: {e}" for s in src.spans if (e := check_value(s))]
        if "corpus" in src.header:
            cid = src.header.get("id", "")
            target = texts.get(src.header["corpus"], {}).get(cid)
            if target is None:
                errs.append(f"{p}: corpus article {cid!r} not found in {corpus_dir(corpus)}/{src.header['corpus']}.jsonl.gz")
            else:
                spans, al = align_to(src.text, target, src.spans)
                errs += [f"{p}: {e}" for e in al]
                rec = {"id": cid, "corpus": src.header["corpus"], "sha1": text_sha1(target),
                       "spans": [s.to_record() for s in spans],
                       "meta": {k: v for k, v in src.header.items() if k not in ("id", "corpus")}}
                errs += [f"{p}: {pr}" for pr in map(str, validate_document(Document(cid, target, spans)))]
                standoff.append(rec)
        else:
            docs.append(_doc_of(src))
        problems += errs
    return docs, standoff, problems


def render_inline(doc: Document) -> str:
    out, pos = [], 0
    for s in sorted(doc.spans, key=lambda s: s.start):
        out.append(doc.text[pos:s.start])
        val = "" if s.value is None else " " + json.dumps(s.value, ensure_ascii=False)
        out.append(f"[{doc.text[s.start:s.end]}]{{{s.label}{val}}}")
        pos = s.end
    out.append(doc.text[pos:])
    head = [f"#id: {doc.id}"] + [f"#{k}: {v}" for k, v in doc.meta.items()]
    return "\n".join(head) + "\n---\n" + "".join(out) + "\n"


def agreement(a: list[Document], b: list[Document]) -> dict[str, dict[str, float]]:
    """Span-level (exact offsets and label) precision/recall/F1 of b against a, per label."""
    bmap = {d.id: d for d in b}
    tp, na, nb = Counter(), Counter(), Counter()
    for da in a:
        db = bmap.get(da.id)
        if db is None:
            continue
        sa = {(s.start, s.end, s.label) for s in da.spans}
        sb = {(s.start, s.end, s.label) for s in db.spans}
        for x in sa:
            na[x[2]] += 1
        for x in sb:
            nb[x[2]] += 1
        for x in sa & sb:
            tp[x[2]] += 1
    out = {}
    for lab in sorted(set(na) | set(nb)) + ["ALL"]:
        t = sum(tp.values()) if lab == "ALL" else tp[lab]
        p_ = sum(nb.values()) if lab == "ALL" else nb[lab]
        r_ = sum(na.values()) if lab == "ALL" else na[lab]
        prec, rec = (t / p_ if p_ else 0.0), (t / r_ if r_ else 0.0)
        out[lab] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                    "a": r_, "b": p_}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.annotate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("check"); p.add_argument("files", nargs="+"); p.add_argument("--corpus")
    p = sub.add_parser("build"); p.add_argument("files", nargs="+"); p.add_argument("--out", required=True); p.add_argument("--corpus")
    p = sub.add_parser("show"); p.add_argument("id"); p.add_argument("--corpus"); p.add_argument("--file", default="news")
    p = sub.add_parser("inline"); p.add_argument("jsonl"); p.add_argument("--id"); p.add_argument("--corpus")
    p = sub.add_parser("agree"); p.add_argument("a"); p.add_argument("b"); p.add_argument("--corpus")
    args = ap.parse_args(argv)

    if args.cmd in ("check", "build"):
        docs, standoff, problems = check_sources(args.files, args.corpus)
        for pr in problems:
            print(pr)
        n = sum(len(d.spans) for d in docs) + sum(len(r["spans"]) for r in standoff)
        print(f"{len(args.files)} files, {n} spans, {len(problems)} problems", file=sys.stderr)
        if problems:
            return 1
        if args.cmd == "build":
            with atomic_output(args.out) as fh:
                for d in docs:
                    fh.write(json.dumps(d.to_record(), ensure_ascii=False) + "\n")
                for r in standoff:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        return 0
    if args.cmd == "show":
        gz = corpus_dir(args.corpus) / f"{args.file}.jsonl.gz"
        text = _corpus_texts(str(gz), frozenset([args.id])).get(args.id)
        if text is None:
            print(f"{args.id}: not in {gz}", file=sys.stderr)
            return 1
        sys.stdout.write(text + "\n")
        return 0
    if args.cmd == "inline":
        for d in load_documents(args.jsonl, args.corpus):
            if args.id is None or d.id == args.id:
                sys.stdout.write(render_inline(d) + "\n")
        return 0
    if args.cmd == "agree":
        res = agreement(load_documents(args.a, args.corpus), load_documents(args.b, args.corpus))
        print("| label | F1 | P | R | spans A | spans B |\n|---|---|---|---|---|---|")
        for lab, r in res.items():
            print(f"| {lab} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['a']} | {r['b']} |")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
