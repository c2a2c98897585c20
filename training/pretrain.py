"""Pre-train a compact RoBERTa encoder (PhoBERT's architecture family) by masked-language modelling.

A token budget, not a time budget: training runs until `--tokens` tokens have
been seen, writing a resume checkpoint outside git (`--work`) every few minutes,
so it can run in the background across sessions. Logits are computed only at
masked positions. At the end the encoder is saved with `save_pretrained`
(safetensors) with its tokenizer, plus the loss curve.

    python -m training.pretrain --tokenizer runs/tokenizer --work ~/.cache/vngov_nlp/pretrain \
        --out runs/encoder --tokens 40000000
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np


def init_encoder(tokenizer, layers: int = 6, hidden: int = 256, heads: int = 4, intermediate: int | None = None,
                 max_positions: int = 256, seed: int = 13):
    """A randomly initialised RobertaForMaskedLM sized for `tokenizer` (PhoBERT-style positions)."""
    import torch
    from transformers import RobertaConfig, RobertaForMaskedLM

    torch.manual_seed(seed)
    config = RobertaConfig(
        vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
        intermediate_size=intermediate or 4 * hidden, max_position_embeddings=max_positions + 2,
        type_vocab_size=1, pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, layer_norm_eps=1e-5, tokenizer_class=type(tokenizer).__name__,
    )
    return RobertaForMaskedLM(config)


def encode_corpus(tokenizer, texts, segmenter: str, out: Path, max_docs: int | None = None) -> np.ndarray:
    """All corpus text as one stream of token ids with `</s>` between documents (cached as .npy)."""
    from vngov_nlp.tagging.alignment import SubwordEncoder
    from vngov_nlp.text import analyze

    path = out / f"ids-{segmenter}.npy"
    if path.is_file():
        return np.load(path, mmap_mode="r")
    enc = SubwordEncoder(tokenizer)
    ids: list[int] = []
    t0 = time.time()
    for n, t in enumerate(texts, 1):
        for s in analyze(t, segmenter):
            for w in s.words:
                ids.extend(enc.word_ids(w.form))
        ids.append(enc.sep_id)
        if n % 2000 == 0:
            print(f"encoded {n} documents, {len(ids):,} tokens, {time.time() - t0:.0f} s", file=sys.stderr)
        if max_docs and n >= max_docs:
            break
    arr = np.asarray(ids, dtype=np.uint16 if len(tokenizer) <= 65536 else np.int32)  # half the size to carry
    out.mkdir(parents=True, exist_ok=True)
    np.save(path.with_suffix(".tmp.npy"), arr)
    Path(path.with_suffix(".tmp.npy")).replace(path)
    return arr


def mask_tokens(batch, tokenizer, rng: np.random.Generator, prob: float = 0.15):
    """BERT masking: 15% of positions; of those 80% <mask>, 10% random, 10% kept."""
    ids = batch.copy()
    special = np.isin(ids, [tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id])
    chosen = (rng.random(ids.shape) < prob) & ~special
    labels = np.where(chosen, ids, -100)
    r = rng.random(ids.shape)
    ids[chosen & (r < 0.8)] = tokenizer.mask_token_id
    rand = chosen & (r >= 0.8) & (r < 0.9)
    ids[rand] = rng.integers(4, len(tokenizer), size=int(rand.sum()))
    return ids, labels


def mlm_loss(model, ids, labels):
    """Cross-entropy at masked positions only: the vocabulary projection runs on those alone."""
    import torch

    ids, labels = ids.to(model.device), labels.to(model.device)
    with torch.autocast(model.device.type, dtype=torch.bfloat16, enabled=model.device.type == "cuda"):
        hidden = model.roberta(input_ids=ids, attention_mask=(ids != model.config.pad_token_id).long()).last_hidden_state
        sel = labels != -100
        logits = model.lm_head(hidden[sel])
    return torch.nn.functional.cross_entropy(logits.float(), labels[sel])


def sequences(stream: np.ndarray, seq_len: int, cls_id: int, sep_id: int, start: int, count: int) -> np.ndarray:
    """`count` windows of the token stream from `start` (wrapping), each `<s> ... </s>`."""
    body = seq_len - 2
    if len(stream) <= body:  # a tiny corpus (tests): repeat it
        stream = np.resize(stream, body + 1)
    out = np.empty((count, seq_len), dtype=np.int64)
    for k in range(count):
        a = (start + k * body) % max(1, len(stream) - body)
        out[k, 0] = cls_id
        out[k, 1:-1] = stream[a:a + body]
        out[k, -1] = sep_id
    return out


def plot_curve(history: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.2))
    tr = [h for h in history if "train_loss" in h]
    ev = [h for h in history if "heldout_loss" in h]
    ax.plot([h["tokens"] / 1e6 for h in tr], [h["train_loss"] for h in tr], label="train (smoothed)", alpha=0.7)
    ax.plot([h["tokens"] / 1e6 for h in ev], [h["heldout_loss"] for h in ev], "o-", label="held-out")
    ax.set_xlabel("tokens seen (M)")
    ax.set_ylabel("MLM loss")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.pretrain", description=__doc__.splitlines()[0])
    ap.add_argument("--tokenizer", required=True, help="folder with vocab.txt + bpe.codes (python -m training.tokenizer)")
    ap.add_argument("--work", required=True, help="folder outside git for the encoded corpus and resume checkpoints")
    ap.add_argument("--out", required=True, help="where the final encoder is saved (save_pretrained)")
    ap.add_argument("--tokens", type=float, default=40e6, help="token budget: stop after this many tokens seen")
    ap.add_argument("--segmenter", default=None, help="default: the tokenizer's (tokenizer_meta.json)")
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--seq-len", type=int, default=128, help="tokens per training sequence (<= 256)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--warmup", type=int, default=1000, help="warm-up steps")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--device", default="auto", help="'auto' (CUDA with bf16 autocast when available, else CPU), 'cpu' or 'cuda'")
    ap.add_argument("--max-minutes", type=float, default=None,
                    help="also stop after this long (a lease on an accelerator); the tokens actually seen are reported")
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--max-docs", type=int, default=None, help="encode only the first N corpus documents")
    ap.add_argument("--checkpoint-minutes", type=float, default=10.0)
    ap.add_argument("--export-only", action="store_true",
                    help="save the encoder from the current checkpoint to --out and stop (to fine-tune mid-way)")
    ap.add_argument("--init-from", default=None, help="start from these weights when no checkpoint exists (e.g. the last committed encoder)")
    a = ap.parse_args(argv)

    import torch
    from transformers import AutoModelForMaskedLM, PhobertTokenizer

    from training.tokenizer import corpus_texts
    from vngov_nlp.data import corpus_dir
    from vngov_nlp.finetune import torch_device

    if a.threads:
        torch.set_num_threads(a.threads)
    tok_dir, work, out = Path(a.tokenizer), Path(a.work), Path(a.out)
    tokenizer = PhobertTokenizer.from_pretrained(str(tok_dir))
    meta = json.loads((tok_dir / "tokenizer_meta.json").read_text()) if (tok_dir / "tokenizer_meta.json").is_file() else {}
    segmenter = a.segmenter or meta.get("segmenter", "syllable")
    work.mkdir(parents=True, exist_ok=True)
    stream = encode_corpus(tokenizer, corpus_texts(corpus_dir(a.corpus), a.max_docs), segmenter, work, a.max_docs)
    held = int(len(stream) * 0.005)
    heldout, train_stream = stream[:held], stream[held:]
    print(f"corpus: {len(stream):,} tokens ({held:,} held out)", file=sys.stderr)

    if a.init_from and not (work / "state.pt").is_file():
        model = AutoModelForMaskedLM.from_pretrained(a.init_from, dtype=torch.float32)
    else:
        model = init_encoder(tokenizer, a.layers, a.hidden, a.heads, max_positions=256)
    device = torch_device(a.device)
    torch.backends.cuda.matmul.allow_tf32 = True
    model.to(device)
    per_step = a.batch_size * (a.seq_len - 2)
    total_steps = math.ceil(a.tokens / per_step)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01, betas=(0.9, 0.98), eps=1e-6)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / a.warmup) * max(0.05, 1 - s / max(1, total_steps)))
    step, history = 0, []
    ckpt = work / "state.pt"
    if ckpt.is_file():
        st = torch.load(ckpt, weights_only=False, map_location=device)
        model.load_state_dict(st["model"])
        opt.load_state_dict(st["optimizer"])
        sched.load_state_dict(st["scheduler"])
        step, history = st["step"], st["history"]
        print(f"resumed at step {step} ({step * per_step:,} tokens)", file=sys.stderr)

    def save_ckpt() -> None:
        tmp = ckpt.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                    "step": step, "history": history, "args": vars(a)}, tmp)
        tmp.replace(ckpt)

    held_rng = np.random.default_rng(0)
    held_ids = sequences(heldout, a.seq_len, tokenizer.cls_token_id, tokenizer.sep_token_id, 0, 64)
    held_batch = [torch.tensor(x) for x in mask_tokens(held_ids, tokenizer, held_rng)]

    def heldout_loss() -> float:
        model.eval()
        with torch.no_grad():
            losses = [mlm_loss(model, held_batch[0][i:i + 16], held_batch[1][i:i + 16]).item() for i in range(0, 64, 16)]
        model.train()
        return float(np.mean(losses))

    if a.export_only:
        total_steps = step  # no training: fall through to saving what the checkpoint holds
    model.train()
    last_ckpt, t0, smooth = time.time(), time.time(), None
    deadline = time.time() + a.max_minutes * 60 if a.max_minutes else math.inf
    rng = np.random.default_rng(step + 1)
    while step < total_steps and time.time() < deadline:
        start = int(rng.integers(0, len(train_stream)))
        ids, labels = mask_tokens(sequences(train_stream, a.seq_len, tokenizer.cls_token_id, tokenizer.sep_token_id,
                                            start, a.batch_size), tokenizer, rng)
        loss = mlm_loss(model, torch.tensor(ids), torch.tensor(labels))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        step += 1
        smooth = loss.item() if smooth is None else 0.98 * smooth + 0.02 * loss.item()
        if step % 50 == 0:
            rate = 50 * per_step / (time.time() - t0)
            t0 = time.time()
            history.append({"step": step, "tokens": step * per_step, "train_loss": round(smooth, 4)})
            print(f"step {step}/{total_steps} tokens {step * per_step:,} loss {smooth:.4f} {rate:,.0f} tok/s", file=sys.stderr, flush=True)
        if step % 1000 == 0:
            history.append({"step": step, "tokens": step * per_step, "heldout_loss": round(heldout_loss(), 4)})
        if time.time() - last_ckpt > a.checkpoint_minutes * 60:
            save_ckpt()
            last_ckpt = time.time()
    history.append({"step": step, "tokens": step * per_step, "heldout_loss": round(heldout_loss(), 4)})
    if not a.export_only:
        save_ckpt()
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    (out / "vngov_nlp.json").write_text(json.dumps({"segmenter": segmenter, "labels": []}) + "\n")
    (out / "pretraining.json").write_text(json.dumps(
        {"tokens_seen": step * per_step, "steps": step, "heldout_mlm_loss": history[-1]["heldout_loss"],
         "corpus_tokens": int(len(stream)), "heldout_tokens": held, "args": vars(a), "history": history}, indent=1) + "\n")
    plot_curve(history, out / "pretraining_loss.png")
    print(f"saved {out}: {step * per_step:,} tokens seen, held-out loss {history[-1]['heldout_loss']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
