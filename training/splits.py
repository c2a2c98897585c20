"""Document-level train/dev/test splits of the gold annotations, and their stats table.

    python -m training.splits assign BUILT.jsonl... --out annotations/   # once, when documents are added
    python -m training.splits stats annotations/                         # regenerate the table in annotations/README.md
    python -m training.splits pick -n 32 --seed fresh-2026-12             # corpus news ids for a new batch to annotate

Assignment is deterministic (documents ordered by a hash of their id) with a
quota per source, and near-duplicate stories (shared word 5-grams) are kept in
the same split so no story leaks from train into test.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from vngov_nlp.data import corpus_dir, load_documents
from vngov_nlp.schema import LABELS, Document
from vngov_nlp.text import split_sentences

SPLITS = ("train", "dev", "test")
# a second test split: news annotated after the shipped model and the rules were frozen (`pick`)
FRESH = "fresh"
# documents per source kind for (test, dev); the rest is train
QUOTAS = {"seed": (0, 0), "news": (45, 25), "written": (10, 10)}  # seeds are placed by SEED_TEST/SEED_DEV
SEED_TEST = ("seed-002", "seed-004")
SEED_DEV = ("seed-001",)


def source_kind(doc_id: str, rec: dict | None = None) -> str:
    if doc_id.startswith("seed-"):
        return "seed"
    if doc_id.startswith("written-"):
        return "written"
    return "news"


def _shingles(text: str, n: int = 5) -> set[int]:
    w = text.lower().split()
    return {hash(" ".join(w[i:i + n])) for i in range(max(0, len(w) - n + 1))}


def near_duplicate_groups(docs: list[Document], threshold: float = 0.3) -> dict[str, str]:
    """Map each id to a group id; documents sharing many 5-grams share a group."""
    sh = {d.id: _shingles(d.text) for d in docs}
    parent = {d.id: d.id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    ids = [d.id for d in docs]
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            sa, sb = sh[a], sh[b]
            if sa and sb and len(sa & sb) / min(len(sa), len(sb)) > threshold:
                parent[find(a)] = find(b)
    return {i: find(i) for i in ids}


def assign(docs: list[Document]) -> dict[str, str]:
    """Split name per document id."""
    groups = near_duplicate_groups(docs)
    by_group: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_group[groups[d.id]].append(d.id)
    out: dict[str, str] = {}
    for i in SEED_TEST:
        out[i] = "test"
    for i in SEED_DEV:
        out[i] = "dev"
    counts: Counter = Counter()
    order = sorted(by_group, key=lambda g: hashlib.sha1(g.encode()).hexdigest())
    for g in order:
        members = by_group[g]
        fixed = {out[m] for m in members if m in out}
        kind = source_kind(members[0])
        if fixed:
            split = sorted(fixed)[0]
        else:
            test_q, dev_q = QUOTAS[kind]
            if counts[(kind, "test")] < test_q:
                split = "test"
            elif counts[(kind, "dev")] < dev_q:
                split = "dev"
            else:
                split = "train"
        for m in members:
            out[m] = split
            counts[(source_kind(m), split)] += 1
    return out


LOCAL_GOV = ("UBND", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Tỉnh ủy", "Thành ủy", "Sở ")
GOV_MARKERS = LOCAL_GOV + ("Chủ tịch", "tỷ đồng", "triệu đồng", "Quyết định", "Nghị quyết", "Chỉ thị", "Bộ ",
                           "ngân sách", "dự án", "Thủ tướng", "%")


def pick_news(corpus_file: Path, gold: list[Document], n: int, seed: str,
              min_chars: int = 800, max_chars: int = 3500, min_markers: int = 8) -> list[str]:
    """Ids of `n` corpus news articles about provincial government (at least two mentions of a
    People's Council or Committee, a party committee or a department, and `min_markers`
    government words in all), none of them a gold
    document or a near-duplicate of one (or of each other), in a seeded hash order."""
    import gzip

    taken = [_shingles(d.text) for d in gold]
    gold_ids = {d.id for d in gold}
    cands: list[tuple[str, str, str]] = []
    with gzip.open(corpus_file, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec.get("text") or ""
            if rec["id"] in gold_ids or not min_chars <= len(text) <= max_chars:
                continue
            if sum(text.count(m) for m in LOCAL_GOV) < 2 or sum(text.count(m) for m in GOV_MARKERS) < min_markers:
                continue
            cands.append((hashlib.sha1(f"{seed}:{rec['id']}".encode()).hexdigest(), rec["id"], text))
    out: list[str] = []
    for _, doc_id, text in sorted(cands):
        sh = _shingles(text)
        if not sh or any(len(sh & t) / min(len(sh), len(t)) > 0.3 for t in taken if t):
            continue
        taken.append(sh)
        out.append(doc_id)
        if len(out) == n:
            break
    return out


def stats_table(folder: Path) -> str:
    rows = []
    totals: dict[str, Counter] = {}
    for split in (*SPLITS, FRESH):
        path = folder / f"{split}.jsonl"
        if split == FRESH and not path.is_file():
            continue
        docs = load_documents(path) if path.is_file() else []
        c: Counter = Counter()
        for d in docs:
            c["documents"] += 1
            c[f"kind:{source_kind(d.id)}"] += 1
            c["sentences"] += len(split_sentences(d.text))
            c["spans"] += len(d.spans)
            c["values"] += sum(1 for s in d.spans if s.value is not None)
            for s in d.spans:
                c[s.label] += 1
        totals[split] = c
    all_c = sum(totals.values(), Counter())
    cols = ["documents", "kind:seed", "kind:news", "kind:written", "sentences", "spans", "values", *LABELS]
    head = "| split | " + " | ".join(c.replace("kind:", "") for c in cols) + " |"
    rows = [head, "|" + "---|" * (len(cols) + 1)]
    for name, c in [*totals.items(), ("all", all_c)]:
        rows.append(f"| {name} | " + " | ".join(str(c[k]) for k in cols) + " |")
    return "\n".join(rows)


def write_stats(folder: Path) -> None:
    readme = folder / "README.md"
    table = stats_table(folder)
    begin, end = "<!-- stats:begin -->", "<!-- stats:end -->"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else f"# Annotations\n\n{begin}\n{end}\n"
    if begin not in text:
        text += f"\n{begin}\n{end}\n"
    pre, rest = text.split(begin, 1)
    _, post = rest.split(end, 1)
    readme.write_text(f"{pre}{begin}\n{table}\n{end}{post}", encoding="utf-8")
    print(table)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.splits", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("assign")
    p.add_argument("inputs", nargs="+", help="built JSONL files (canonical and standoff records)")
    p.add_argument("--out", required=True)
    p = sub.add_parser("stats")
    p.add_argument("folder")
    p = sub.add_parser("pick", help="corpus news ids for a new annotation batch, away from every gold story")
    p.add_argument("-n", type=int, default=32)
    p.add_argument("--seed", required=True, help="changes the order; record it beside the batch")
    p.add_argument("--gold", default="annotations", help="folder of gold JSONL files to keep away from")
    p.add_argument("--corpus")
    a = ap.parse_args(argv)
    if a.cmd == "stats":
        write_stats(Path(a.folder))
        return 0
    if a.cmd == "pick":
        gold = [d for f in sorted(Path(a.gold).glob("*.jsonl")) for d in load_documents(f, corpus=a.corpus)]
        print("\n".join(pick_news(corpus_dir(a.corpus) / "news.jsonl.gz", gold, a.n, a.seed)))
        return 0
    raw: dict[str, str] = {}
    for f in a.inputs:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw[json.loads(line)["id"]] = line
    docs = [d for f in a.inputs for d in load_documents(f)]
    if len({d.id for d in docs}) != len(docs):
        raise SystemExit("duplicate document ids across inputs")
    split_of = assign(docs)
    out = Path(a.out)
    for split in SPLITS:
        ids = sorted(i for i, s in split_of.items() if s == split)
        (out / f"{split}.jsonl").write_text("".join(raw[i] + "\n" for i in ids), encoding="utf-8")
        print(f"{split}: {len(ids)} documents", file=sys.stderr)
    write_stats(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
