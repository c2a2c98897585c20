"""Throughput and latency of `parse` beside underthesea's `ner`, on the same texts in one run.

Texts: the seed bulletins plus the project's test documents (standoff ones when
the corpus is present). Each system runs in its own subprocess so load time and
peak memory are its own. Prints a markdown table and writes JSON.

    python benchmarks/bench_parse.py [--model DIR] [--json benchmarks/results.json] [--threads 2]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    test = ROOT / "annotations" / "test.jsonl"
    if test.is_file():
        from vngov_nlp.data import load_documents

        texts += [d.text for d in load_documents(test) if not d.id.startswith("seed-")]
    return texts


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_vngov(model: str | None, texts: list[str]) -> dict:
    t0 = time.perf_counter()
    import vngov_nlp
    from vngov_nlp.tagging.parser import Parser
    from vngov_nlp.text import analyze

    parser = vngov_nlp.load(model)
    t_cold = time.perf_counter() - t0  # imports (torch, transformers' model classes) + first load
    t1 = time.perf_counter()
    Parser.load(model or vngov_nlp.DEFAULT_MODEL)  # a fresh load in a warm interpreter
    t_load = time.perf_counter() - t1
    parser.parse(texts[0][:2000])  # warm-up: lazy imports, first allocation
    lat = []
    t2 = time.perf_counter()
    for t in texts:
        a = time.perf_counter()
        parser.parse(t)
        lat.append(time.perf_counter() - a)
    total = time.perf_counter() - t2
    t3 = time.perf_counter()
    parser.parse_batch(texts, batch_size=64)
    batch_total = time.perf_counter() - t3
    n_sent = sum(len(analyze(t)) for t in texts)
    return {"cold_start_s": t_cold, "load_s": t_load, "total_s": total, "batch_total_s": batch_total,
            "latencies": lat, "sentences": n_sent, "rss_mb": _rss_mb()}


def run_underthesea(texts: list[str]) -> dict:
    from vngov_nlp.text import analyze

    sents = [[t[s.start:s.end] for s in analyze(t)] for t in texts]
    t1 = time.perf_counter()
    from underthesea import ner

    ner("Hà Nội")  # underthesea loads its model on first call
    t_load = time.perf_counter() - t1
    lat = []
    t2 = time.perf_counter()
    for doc in sents:
        a = time.perf_counter()
        for s in doc:
            ner(s)
        lat.append(time.perf_counter() - a)
    total = time.perf_counter() - t2
    return {"cold_start_s": t_load, "load_s": t_load, "total_s": total, "latencies": lat,
            "sentences": sum(map(len, sents)), "rss_mb": _rss_mb()}


def _child(which: str, model: str | None, threads: int) -> dict:
    import torch

    torch.set_num_threads(threads)
    texts = load_texts()
    return run_vngov(model, texts) if which == "vngov" else run_underthesea(texts)


def summarise(r: dict, chars: int) -> dict:
    lat = sorted(r["latencies"])
    q = statistics.quantiles(lat, n=20) if len(lat) > 1 else lat * 19
    return {"sentences_per_s": r["sentences"] / r["total_s"], "chars_per_s": chars / r["total_s"],
            "p50_doc_ms": 1000 * statistics.median(lat), "p95_doc_ms": 1000 * q[18],
            "load_s": r["load_s"], "cold_start_s": r["cold_start_s"], "peak_rss_mb": r["rss_mb"],
            **({"batch_sentences_per_s": r["sentences"] / r["batch_total_s"]} if "batch_total_s" in r else {})}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "results.json"))
    ap.add_argument("--threads", type=int, default=2, help="torch threads (the target is a 2-core laptop)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        json.dump(_child(a.child, a.model, a.threads), sys.stdout)
        return 0
    texts = load_texts()
    chars = sum(map(len, texts))
    results = {}
    for which in ("vngov", "underthesea"):
        cmd = [sys.executable, __file__, "--child", which, "--threads", str(a.threads)] + (["--model", a.model] if a.model else [])
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, env={**os.environ, "TOKENIZERS_PARALLELISM": "false"})
        raw = json.loads(out.stdout)
        results[which] = summarise(raw, chars)
        results[which]["wall_s"] = time.perf_counter() - t0
        results[which]["sentences"] = raw["sentences"]
    n_sent = results["vngov"]["sentences"]
    mean_len = chars / n_sent
    v, u = results["vngov"], results["underthesea"]
    rows = [("sentences / s", "sentences_per_s", "{:.0f}"), ("characters / s", "chars_per_s", "{:,.0f}"),
            ("doc latency p50 (ms)", "p50_doc_ms", "{:.1f}"), ("doc latency p95 (ms)", "p95_doc_ms", "{:.1f}"),
            ("model load, warm interpreter (s)", "load_s", "{:.2f}"), ("peak RSS (MB)", "peak_rss_mb", "{:.0f}")]
    print(f"{len(texts)} documents, {chars:,} characters, {n_sent} sentences (mean {mean_len:.0f} characters), "
          f"{a.threads} torch threads, {platform.processor() or platform.machine()}\n")
    print("| | vngov_nlp parse | underthesea ner | ratio |\n|---|---|---|---|")
    for name, key, fmt in rows:
        ratio = v[key] / u[key] if u[key] else float("nan")
        print(f"| {name} | {fmt.format(v[key])} | {fmt.format(u[key])} | {ratio:.2f}x |")
    print(f"\nvngov_nlp parse_batch: {v['batch_sentences_per_s']:.0f} sentences/s; "
          f"cold start (imports + first load): {v['cold_start_s']:.2f} s")
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps({"documents": len(texts), "characters": chars, "sentences": n_sent,
                                        "mean_sentence_chars": mean_len, "threads": a.threads,
                                        "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
