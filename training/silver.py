"""Silver labels: the rule labeller (`vngov_nlp.rules`) with gazetteers, run over the corpus.

    python -m training.silver corpus --out silver/news.jsonl [--max-docs N] [--corpus DIR]
    python -m training.silver eval annotations/dev.jsonl [--json OUT.json]
    python -m training.silver subset silver/news.jsonl --out silver/train.jsonl [-n N]

The rules live in the package (`vngov_nlp/rules/`) because `parse` uses them too,
without gazetteers. Here they read the administrative-unit gazetteers from
`$VNGOV_GAZETTEERS` or `../shared/gazetteers` (training-time input only, never
copied into the repository). Without them the labeller still runs (no
gazetteer-backed LOC, and place names after `UBND tỉnh` are taken only when they
cannot be a person).

`corpus` writes standoff records (`{"id", "corpus", "sha1", "spans"}`, no text)
for corpus documents with at least one span; `eval` scores the labeller against
gold documents with `vngov_nlp.evaluation.score`.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path
from typing import Iterator

from vngov_nlp.data import corpus_dir as _corpus_dir
from vngov_nlp.data import load_documents, text_sha1
from vngov_nlp.formats.errors import FormatError
from vngov_nlp.rules import RuleLabeller, load_gazetteer
from vngov_nlp.schema import LABELS, Document


def iter_corpus(path: str | os.PathLike) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def label_corpus(corpus_dir: str | os.PathLike | None, out_path: str | os.PathLike, max_docs: int | None = None,
                 name: str = "news", labeller: RuleLabeller | None = None, progress: bool = False) -> dict:
    """Standoff silver records for the documents of `<corpus>/<name>.jsonl.gz` that get a span.

    Returns counts: documents read, documents written, spans per label, seconds.
    """
    lab = labeller or RuleLabeller()
    src = Path(_corpus_dir(corpus_dir)) / f"{name}.jsonl.gz"
    if not src.is_file():
        raise FileNotFoundError(f"{src}: corpus file not found (set --corpus or $VNGOV_CORPUS)")
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    counts: dict[str, int] = {k: 0 for k in LABELS}
    read = written = 0
    t0 = time.perf_counter()
    with open(tmp, "w", encoding="utf-8") as fh:
        for rec in iter_corpus(src):
            if max_docs is not None and read >= max_docs:
                break
            read += 1
            text = rec.get("text") or ""
            spans = lab.label(text)
            if not spans:
                continue
            for s in spans:
                counts[s.label] += 1
            fh.write(json.dumps({"id": rec["id"], "corpus": name, "sha1": text_sha1(text),
                                 "spans": [s.to_record() for s in spans]}, ensure_ascii=False) + "\n")
            written += 1
            if progress and read % 1000 == 0:
                print(f"{read} documents, {written} written, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    os.replace(tmp, out)
    return {"read": read, "written": written, "spans": counts, "seconds": round(time.perf_counter() - t0, 2)}


def evaluate(docs: list[Document], labeller: RuleLabeller | None = None) -> dict:
    from vngov_nlp.evaluation import doc_date, score

    lab = labeller or RuleLabeller()
    return score(docs, [lab.label(d.text, doc_date(d)) for d in docs])


def _report(result: dict) -> str:
    lines = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for k, r in sorted(result["labels"].items()):
        lines.append(f"| {k} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['support']} |")
    for k in ("micro", "macro"):
        r = result[k]
        lines.append(f"| **{k}** | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | |")
    v = result.get("values") or {}
    if v.get("n") and v.get("end_to_end") is not None:
        lines += ["", f"values: {v['n']} gold values, end-to-end exact match {v['end_to_end']:.3f}"]
    return "\n".join(lines)


def training_subset(silver: str | Path, out: str | Path, gold: str | Path, n: int = 1100,
                    min_spans: int = 12, max_chars: int = 5000, corpus: str | None = None) -> int:
    """The silver articles the fine-tuning's first stage reads.

    Densest in government mentions first (ORG, TITLE, MONEY, DOC, PERCENT, PERIOD per
    character); never a gold document, nor a near-duplicate of a dev or test story.
    """
    from training.splits import _shingles

    gold_dir = Path(gold)
    gold_ids = {json.loads(line)["id"] for f in gold_dir.glob("*.jsonl") for line in f.open(encoding="utf-8") if line.strip()}
    scored = []
    for line in Path(silver).open(encoding="utf-8"):
        rec = json.loads(line)
        spans = rec["spans"]
        if rec["id"] in gold_ids or len(spans) < min_spans:
            continue
        length = max(sp["end"] for sp in spans)
        if length > max_chars:
            continue
        gov = sum(sp["label"] in ("ORG", "TITLE", "MONEY", "DOC", "PERCENT", "PERIOD") for sp in spans)
        scored.append((-gov / length, rec["id"], line))
    scored.sort()
    held = [_shingles(d.text) for split in ("dev", "test") for d in load_documents(gold_dir / f"{split}.jsonl", corpus)]
    picked = [line for _, _, line in scored[:n]]
    tmp = Path(out).with_suffix(".candidates.jsonl")
    tmp.write_text("".join(picked), encoding="utf-8")
    keep = []
    for d, line in zip(load_documents(tmp, corpus), picked):
        sh = _shingles(d.text)
        if not any(h and len(sh & h) / max(1, min(len(sh), len(h))) > 0.3 for h in held):
            keep.append(line)
    tmp.unlink()
    Path(out).write_text("".join(keep), encoding="utf-8")
    return len(keep)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.silver", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("corpus", help="label the corpus into standoff JSONL")
    p.add_argument("--out", required=True)
    p.add_argument("--max-docs", type=int, default=None)
    p.add_argument("--corpus", default=None, help="corpus folder (default: $VNGOV_CORPUS or ../shared/corpus)")
    p.add_argument("--file", default="news", help="corpus file name without .jsonl.gz (default: news)")
    p.add_argument("--gazetteers", default=None, help="gazetteer folder (default: $VNGOV_GAZETTEERS or ../shared/gazetteers)")
    p = sub.add_parser("subset", help="pick the silver articles for fine-tuning's first stage")
    p.add_argument("silver", help="output of `corpus`")
    p.add_argument("--out", required=True)
    p.add_argument("--gold", default="annotations", help="folder of the gold splits (excluded, and dev/test near-duplicates too)")
    p.add_argument("-n", type=int, default=1100, help="candidates before near-duplicates are dropped")
    p.add_argument("--corpus", default=None)
    p = sub.add_parser("eval", help="score the labeller against gold documents")
    p.add_argument("data", nargs="+")
    p.add_argument("--corpus", default=None)
    p.add_argument("--gazetteers", default=None)
    p.add_argument("--json", default=None, help="also write the scores as JSON here")
    args = ap.parse_args(argv)
    if args.cmd == "subset":
        kept = training_subset(args.silver, args.out, args.gold, args.n, corpus=args.corpus)
        print(f"{kept} silver articles written to {args.out}", file=sys.stderr)
        return 0

    gaz = load_gazetteer(args.gazetteers)
    if gaz is None:
        print("notice: gazetteers not found; place names are labelled without them", file=sys.stderr)
    lab = RuleLabeller(gaz, use_gazetteers=gaz is not None)
    try:
        if args.cmd == "corpus":
            stats = label_corpus(args.corpus, args.out, args.max_docs, args.file, lab, progress=True)
            print(json.dumps(stats, ensure_ascii=False))
            return 0
        docs: list[Document] = []
        for d in args.data:
            docs += load_documents(d, args.corpus)
    except (FileNotFoundError, FormatError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if not docs:
        print("no documents", file=sys.stderr)
        return 1
    result = evaluate(docs, lab)
    print(f"# silver labeller on {', '.join(args.data)} ({len(docs)} documents)\n")
    print(_report(result))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
