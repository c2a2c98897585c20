"""Fine-tune any Hugging Face encoder for the span labels, from canonical annotations.

`--base` is a hub id (`vinai/phobert-base`, where the hub or its cache is
reachable) or a local model directory. PhoBERT-style models get word-segmented
input; the segmenter is saved with the model so `parse` uses the same.
Resumes from `OUT/checkpoint/` after an interruption.
"""
from __future__ import annotations

import json
import math
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

from .args import arg
from .schema import LABELS, Document, validate_document

CHECKPOINT = "checkpoint"


@dataclass
class TrainArgs:
    train: str = arg(help="canonical JSONL file or folder of training documents")
    base: str = arg(help="hub id (e.g. vinai/phobert-base) or local directory of the encoder to fine-tune")
    out: str = arg(help="output model directory (save_pretrained + tokenizer + settings + metrics + card)")
    dev: str | None = arg(None, help="canonical JSONL of dev documents; the best epoch on dev micro-F1 is kept")
    epochs: int = arg(3, help="passes over the training data")
    max_steps: int | None = arg(None, help="stop after this many optimiser steps (overrides epochs when smaller)")
    lr: float = arg(5e-5, help="peak learning rate (linear warm-up and decay)")
    batch_size: int = arg(16, help="windows per optimiser step")
    warmup_ratio: float = arg(0.1, help="share of steps spent warming up the learning rate")
    weight_decay: float = arg(0.01, help="AdamW weight decay")
    seed: int = arg(13, help="random seed for weights, shuffling and dropout")
    labels: str = arg("default", help="'default' for the ten labels of LABELS.md, 'any' for the labels the training data carries")
    segmenter: str = arg("auto", help="'auto' (word segmentation for PhoBERT tokenizers and models trained so, else syllables), 'underthesea' or 'syllable'")
    max_length: int = arg(256, help="encoder positions per window (PhoBERT: 256)")
    stride: int = arg(64, help="subwords of overlap between windows of a long sentence")
    corpus: str | None = arg(None, help="corpus folder for standoff records (default: $VNGOV_CORPUS or ../shared/corpus)")
    save_steps: int = arg(200, help="write a resume checkpoint every this many steps")
    resume: bool = arg(True, help="resume from OUT/checkpoint when present")
    threads: int | None = arg(None, help="torch CPU threads (default: torch's choice)")
    device: str = arg("auto", help="'auto' (CUDA when available, else CPU), 'cpu' or 'cuda'")

    def __post_init__(self) -> None:
        for name in ("train", "dev", "base", "out", "corpus"):
            value = getattr(self, name)
            if isinstance(value, str) and value.startswith("~"):
                setattr(self, name, str(Path(value).expanduser()))


def torch_device(name: str):
    """'auto' is CUDA when torch sees a GPU, else the CPU; anything else is passed to torch as is."""
    import torch

    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def _labels_for(args: TrainArgs, docs: Sequence[Document]) -> tuple[str, ...]:
    if args.labels == "default":
        return LABELS
    if args.labels == "any":
        seen: list[str] = []
        for d in docs:
            for s in d.spans:
                if s.label not in seen:
                    seen.append(s.label)
        return tuple(sorted(seen))
    raise SystemExit(f"--labels must be 'default' or 'any', got {args.labels!r}")


def _check(docs: Sequence[Document], labels: Sequence[str] | None, what: str) -> None:
    problems = [p for d in docs for p in validate_document(d, labels)]
    if problems:
        shown = "\n  ".join(map(str, problems[:10]))
        raise SystemExit(f"{what}: {len(problems)} annotation problems, e.g.\n  {shown}\n"
                         f"fix them (see `vngov-nlp validate`) or pass --labels any for another label set")


def choose_segmenter(requested: str, tokenizer, base: str) -> str:
    if requested != "auto":
        return requested
    settings = Path(base) / "vngov_nlp.json"
    if settings.is_file():
        return json.loads(settings.read_text(encoding="utf-8")).get("segmenter", "syllable")
    return "underthesea" if type(tokenizer).__name__.startswith("Phobert") else "syllable"


def build_dataset(docs: Sequence[Document], encoder, segmenter: str, tag2id: dict[str, int]):
    """A `datasets.Dataset` of windows: input_ids and labels on first subwords."""
    from datasets import Dataset

    from .tagging.alignment import chunk_labels
    from .tagging.bio import spans_to_tags
    from .text import analyze

    rows: dict[str, list] = {"input_ids": [], "labels": []}
    for d in docs:
        for sent in analyze(d.text, segmenter):
            inside = [s for s in d.spans if s.start < sent.end and s.end > sent.start]
            tags = [tag2id[t] for t in spans_to_tags(sent.words, inside)]
            for chunk in encoder.encode([w.form for w in sent.words]):
                rows["input_ids"].append(chunk.input_ids)
                rows["labels"].append(chunk_labels(chunk, tags))
    return Dataset.from_dict(rows)


def _batches(n: int, lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (less padding, same randomness per seed)."""
    idx = list(range(n))
    rng.shuffle(idx)
    pool = 50 * batch_size
    out = []
    for p in range(0, n, pool):
        part = sorted(idx[p:p + pool], key=lambda i: lengths[i])
        out += [part[b:b + batch_size] for b in range(0, len(part), batch_size)]
    rng.shuffle(out)
    return out


def train(args: TrainArgs) -> dict[str, Any]:
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer, get_linear_schedule_with_warmup

    from .data import load_documents
    from .evaluation import evaluate_parser
    from .tagging.alignment import SubwordEncoder
    from .tagging.bio import tag_set
    from .tagging.parser import ModelSettings, Parser
    from .model_card import write_model_card

    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch_device(args.device)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    train_docs = load_documents(args.train, args.corpus)
    dev_docs = load_documents(args.dev, args.corpus) if args.dev else []
    if not train_docs:
        raise SystemExit(f"--train {args.train}: no documents found")
    labels = _labels_for(args, train_docs)
    _check(train_docs, labels, f"--train {args.train}")
    _check(dev_docs, labels, f"--dev {args.dev}")
    tags = tag_set(labels)
    tag2id = {t: i for i, t in enumerate(tags)}

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(args.base)
    segmenter = choose_segmenter(args.segmenter, tokenizer, args.base)
    model = AutoModelForTokenClassification.from_pretrained(
        args.base, num_labels=len(tags), id2label=dict(enumerate(tags)), label2id=tag2id, ignore_mismatched_sizes=True,
        dtype=torch.float32)  # a half-precision checkpoint (the committed encoder) still trains in float32
    model.to(device)
    max_len = min(args.max_length, getattr(model.config, "max_position_embeddings", args.max_length + 2) - 2)
    settings = ModelSettings(labels, segmenter, max_len, args.stride, args.base)
    encoder = SubwordEncoder(tokenizer, max_len, args.stride)
    data = build_dataset(train_docs, encoder, segmenter, tag2id)
    lengths = [len(x) for x in data["input_ids"]]
    print(f"train: {len(train_docs)} documents, {len(data)} windows; dev: {len(dev_docs)} documents; "
          f"segmenter={segmenter}; labels={','.join(labels)}", file=sys.stderr)

    steps_per_epoch = math.ceil(len(data) / args.batch_size)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    sched = get_linear_schedule_with_warmup(opt, int(args.warmup_ratio * total), total)
    step, start_epoch, best, history = 0, 0, -1.0, []
    ckpt = out / CHECKPOINT / "state.pt"
    if args.resume and ckpt.is_file():
        state = torch.load(ckpt, weights_only=False, map_location=device)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        step, start_epoch, best, history = state["step"], state["epoch"], state["best"], state["history"]
        random.setstate(state["py_rng"])
        torch.set_rng_state(state["torch_rng"].cpu())
        print(f"resumed from {ckpt} at step {step}", file=sys.stderr)

    def save_checkpoint(epoch: int) -> None:
        ckpt.parent.mkdir(exist_ok=True)
        tmp = ckpt.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                    "step": step, "epoch": epoch, "best": best, "history": history,
                    "py_rng": random.getstate(), "torch_rng": torch.get_rng_state()}, tmp)
        tmp.replace(ckpt)

    def save_model(metrics: dict[str, Any]) -> None:
        model.save_pretrained(out, safe_serialization=True)
        tokenizer.save_pretrained(out)
        settings.write(out)
        (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        write_model_card(out, settings, metrics, asdict(args))

    from tqdm.auto import tqdm

    pad = encoder.pad_id
    bar = tqdm(total=total, initial=step, desc="fine-tune", unit="step", disable=None)
    t0 = time.time()
    epoch = start_epoch
    for epoch in range(start_epoch, args.epochs):
        rng = random.Random(args.seed * 1000 + epoch)
        batches = _batches(len(data), lengths, args.batch_size, rng)
        done_in_epoch = step - epoch * steps_per_epoch
        model.train()
        for b in batches[max(0, done_in_epoch):]:
            if step >= total:
                break
            width = max(lengths[i] for i in b)
            ids = torch.full((len(b), width), pad, dtype=torch.long)
            lab = torch.full((len(b), width), -100, dtype=torch.long)
            mask = torch.zeros((len(b), width), dtype=torch.long)
            for r, i in enumerate(b):
                row = data[i]
                n = len(row["input_ids"])
                ids[r, :n] = torch.tensor(row["input_ids"])
                lab[r, :n] = torch.tensor(row["labels"])
                mask[r, :n] = 1
            loss = model(input_ids=ids.to(device), attention_mask=mask.to(device), labels=lab.to(device)).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.4f}", epoch=epoch)
            history.append({"step": step, "loss": round(loss.item(), 5)})
            if bar.disable and step % 50 == 0:  # no terminal (a log file): a plain line instead of the bar
                recent = [h["loss"] for h in history[-50:]]
                print(f"step {step}/{total} epoch {epoch + 1} loss {sum(recent) / len(recent):.4f}", file=sys.stderr, flush=True)
            if step % args.save_steps == 0:
                save_checkpoint(epoch)
        model.eval()
        metrics: dict[str, Any] = {"step": step, "epoch": epoch + 1, "train_seconds": round(time.time() - t0, 1)}
        if dev_docs:
            dev = evaluate_parser(Parser(model, tokenizer, settings), dev_docs)
            metrics["dev"] = dev
            f1 = dev["micro"]["f1"]
            print(f"epoch {epoch + 1}: step {step}, dev micro-F1 {f1:.4f}", file=sys.stderr)
            if f1 > best:
                best = f1
                save_model(metrics)
        else:
            save_model(metrics)
        save_checkpoint(epoch + 1)
        if step >= total:
            break
    bar.close()
    final = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    final["loss_history"] = history[-50:]
    return final
