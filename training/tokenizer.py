"""Learn a BPE tokenizer in PhoBERT's format (fastBPE `bpe.codes` + `vocab.txt`).

The files load with transformers' `PhobertTokenizer`, so the shipped model, a
test model and real PhoBERT all go through the same tokenizer class and the
same alignment code.

    python -m training.tokenizer --out runs/tokenizer --merges 16000 --segmenter syllable
"""
from __future__ import annotations

import argparse
import gzip
import heapq
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

END = "</w>"


def learn_bpe(counts: Counter[str], num_merges: int, min_frequency: int = 2) -> list[tuple[str, str, int]]:
    """Sennrich-style BPE merges `(a, b, count)`, most frequent pair first.

    Pair counts are updated incrementally and the best pair kept in a lazy heap,
    so learning tens of thousands of merges over the whole corpus takes minutes.
    """
    words = [list(w[:-1]) + [w[-1] + END] for w in counts if w]
    freqs = [counts[w] for w in counts if w]
    stats: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, sym in enumerate(words):
        for pair in zip(sym, sym[1:]):
            stats[pair] += freqs[i]
            where[pair].add(i)
    heap = [(-c, p) for p, c in stats.items()]
    heapq.heapify(heap)
    merges: list[tuple[str, str, int]] = []
    while heap and len(merges) < num_merges:
        negc, pair = heapq.heappop(heap)
        if stats.get(pair, 0) != -negc:
            continue  # stale entry
        if -negc < min_frequency:
            break
        merges.append((pair[0], pair[1], -negc))
        a, b = pair
        joined = a + b
        changed: set[tuple[str, str]] = set()
        for i in list(where[pair]):
            sym = words[i]
            f = freqs[i]
            j = 0
            new = []
            while j < len(sym):
                if j < len(sym) - 1 and sym[j] == a and sym[j + 1] == b:
                    new.append(joined)
                    j += 2
                else:
                    new.append(sym[j])
                    j += 1
            if len(new) == len(sym):
                continue
            for p in zip(sym, sym[1:]):
                stats[p] -= f
                changed.add(p)
            for p in zip(new, new[1:]):
                stats[p] += f
                where[p].add(i)
                changed.add(p)
            words[i] = new
        del stats[pair]
        where.pop(pair, None)
        for p in changed:
            c = stats.get(p, 0)
            if c > 0:
                heapq.heappush(heap, (-c, p))
            elif p in stats:
                del stats[p]
    return merges


def apply_bpe(word: str, ranks: dict[tuple[str, str], int]) -> list[str]:
    """PhobertTokenizer's segmentation of one word, as tokens with `@@` on non-final pieces."""
    sym = list(word[:-1]) + [word[-1] + END]
    while len(sym) > 1:
        pairs = [(ranks.get(p, 1 << 60), k) for k, p in enumerate(zip(sym, sym[1:]))]
        r, k = min(pairs)
        if r == 1 << 60:
            break
        a, b = sym[k], sym[k + 1]
        out, j = [], 0
        while j < len(sym):
            if j < len(sym) - 1 and sym[j] == a and sym[j + 1] == b:
                out.append(a + b)
                j += 2
            else:
                out.append(sym[j])
                j += 1
        sym = out
    return [s + "@@" for s in sym[:-1]] + [sym[-1][: -len(END)] if sym[-1].endswith(END) else sym[-1]]


def write_phobert_files(out: Path, counts: Counter[str], merges: list[tuple[str, str, int]]) -> None:
    """`bpe.codes` (`a b count` lines) and `vocab.txt` (`token count` lines), every character included."""
    out.mkdir(parents=True, exist_ok=True)
    ranks = {(a, b): i for i, (a, b, _) in enumerate(merges)}
    vocab: Counter[str] = Counter()
    for w, c in counts.items():
        for t in apply_bpe(w, ranks):
            vocab[t] += c
    chars = {ch for w in counts for ch in w}
    for ch in chars:  # so no seen character is ever <unk>, at the start or end of a word
        vocab[ch] += 0
        vocab[ch + "@@"] += 0
    with open(out / "bpe.codes", "w", encoding="utf-8") as fh:
        for a, b, c in merges:
            fh.write(f"{a} {b} {c}\n")
    with open(out / "vocab.txt", "w", encoding="utf-8") as fh:
        for t, c in sorted(vocab.items(), key=lambda x: (-x[1], x[0])):
            if t.strip() and " " not in t:
                fh.write(f"{t} {c}\n")


def word_counts(texts: Iterable[str], segmenter: str) -> Counter[str]:
    """Word forms exactly as the tagger will feed them (`_`-joined compounds for word input)."""
    from vngov_nlp.text import analyze

    counts: Counter[str] = Counter()
    for t in texts:
        for s in analyze(t, segmenter):
            counts.update(w.form for w in s.words)
    return counts


def build_tokenizer(texts: Iterable[str], out: str | Path, num_merges: int, segmenter: str = "syllable",
                    min_frequency: int = 2):
    """Learn, write and load a PhobertTokenizer from raw texts."""
    from transformers import PhobertTokenizer

    out = Path(out)
    counts = word_counts(texts, segmenter)
    merges = learn_bpe(counts, num_merges, min_frequency)
    write_phobert_files(out, counts, merges)
    tok = PhobertTokenizer(str(out / "vocab.txt"), str(out / "bpe.codes"))
    tok.save_pretrained(str(out))
    (out / "tokenizer_meta.json").write_text(json.dumps(
        {"segmenter": segmenter, "merges": len(merges), "vocab_size": len(tok), "word_types": len(counts)}, indent=2) + "\n")
    return tok


def corpus_texts(corpus: Path, max_docs: int | None = None) -> Iterable[str]:
    """Texts of news.jsonl.gz and legal_admin.jsonl.gz (read at training time only)."""
    n = 0
    for name in ("legal_admin.jsonl.gz", "news.jsonl.gz"):
        path = corpus / name
        if not path.is_file():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)["text"]
                n += 1
                if max_docs and n >= max_docs:
                    return


def main(argv: list[str] | None = None) -> int:
    from vngov_nlp.data import corpus_dir

    ap = argparse.ArgumentParser(prog="python -m training.tokenizer", description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="output folder for vocab.txt, bpe.codes and tokenizer config")
    ap.add_argument("--merges", type=int, default=16000, help="number of BPE merges to learn")
    ap.add_argument("--segmenter", default="syllable", choices=["syllable", "underthesea"])
    ap.add_argument("--corpus", default=None, help="corpus folder (default: $VNGOV_CORPUS or ../shared/corpus)")
    ap.add_argument("--max-docs", type=int, default=None, help="learn from the first N documents only")
    ap.add_argument("--min-frequency", type=int, default=2)
    a = ap.parse_args(argv)
    tok = build_tokenizer(corpus_texts(corpus_dir(a.corpus), a.max_docs), a.out, a.merges, a.segmenter, a.min_frequency)
    print(f"wrote {a.out}: vocab {len(tok)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
