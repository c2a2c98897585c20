"""Load a model directory and turn text into typed spans: the whole `parse` pipeline.

text -> sentences of words (text layer) -> subword windows (alignment) -> encoder
-> tag per word -> BIO decode -> spans in original offsets -> merged with the rule
labeller's spans by the model's policy (combine.py) -> values.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ..schema import Span
from ..text import Sentence, analyze
from ..values import ValueContext, normalize
from .alignment import Chunk, SubwordEncoder, merge_chunks
from .bio import constrained_decode, tags_to_spans, transition_mask
from .combine import CombinePolicy, combine
from .windows import length_batches

SETTINGS_FILE = "vngov_nlp.json"
REQUIRED_FILES = ("config.json", SETTINGS_FILE)


class ModelDirectoryError(FileNotFoundError):
    """A model directory that is missing or lacks what `load` needs."""


@dataclass(frozen=True)
class ModelSettings:
    """What `parse` must know beyond the Hugging Face files: saved beside them."""

    labels: tuple[str, ...]
    segmenter: str = "syllable"
    max_length: int = 256
    stride: int = 64
    base: str = ""
    combine: CombinePolicy = CombinePolicy()  # how the rule labeller's spans join the model's (`vngov-nlp tune`)
    quantize: str = ""  # "int8": Linear layers quantised when loaded on CPU (`vngov-nlp tune` measures it)

    @classmethod
    def read(cls, model_dir: Path) -> "ModelSettings":
        raw = json.loads((model_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
        return cls(tuple(raw["labels"]), raw.get("segmenter", "syllable"), int(raw.get("max_length", 256)),
                   int(raw.get("stride", 64)), raw.get("base", ""), CombinePolicy.from_json(raw.get("combine")),
                   raw.get("quantize", ""))

    def write(self, model_dir: Path) -> None:
        """Atomically: a half-written settings file would break the model directory."""
        tmp = model_dir / (SETTINGS_FILE + ".tmp")
        tmp.write_text(json.dumps(
            {"labels": list(self.labels), "segmenter": self.segmenter, "max_length": self.max_length,
             "stride": self.stride, "base": self.base, "combine": self.combine.to_json(),
             "quantize": self.quantize},
            ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, model_dir / SETTINGS_FILE)


def check_model_dir(model_dir: str | Path) -> Path:
    path = Path(model_dir)
    if not path.is_dir():
        raise ModelDirectoryError(f"model directory {path} does not exist")
    missing = [f for f in REQUIRED_FILES if not (path / f).is_file()]
    if not any((path / f).is_file() for f in ("model.safetensors", "pytorch_model.bin")):
        missing.append("model.safetensors")
    if missing:
        raise ModelDirectoryError(f"model directory {path} is missing {', '.join(missing)}; "
                                  f"train one with `vngov-nlp train` or pass the default model")
    return path


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"doc_date must be a date or 'YYYY-MM-DD', got {value!r}") from None


def quantize_int8(model):
    """Dynamic int8 quantisation of the Linear layers (CPU): 1.6-1.9x faster on 2 cores where measured."""
    import warnings

    import torch

    with warnings.catch_warnings():  # torch points eager quantisation users at torchao; the API still works
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def _one_thread_after_fork() -> None:
    """A forked worker (e.g. `datasets.map(num_proc=N)`) must not enter the parent's OpenMP
    pool, which hangs after fork: each worker computes on one thread instead."""
    import torch

    torch.set_num_threads(1)


class Parser:
    """A loaded model: `parse(text)` and `parse_batch(texts)`."""

    _fork_hook = False

    def __init__(self, model, tokenizer, settings: ModelSettings, model_dir: Path | None = None,
                 rules: bool = True):
        import torch

        if not Parser._fork_hook:
            os.register_at_fork(after_in_child=_one_thread_after_fork)
            Parser._fork_hook = True

        self.model = model.eval()
        self.settings = settings
        self.model_dir = model_dir
        self.encoder = SubwordEncoder(tokenizer, settings.max_length, settings.stride)
        self.id2tag = [model.config.id2label[i] for i in range(len(model.config.id2label))]
        self._trans, self._start = transition_mask(self.id2tag)
        self._torch = torch
        self.policy = settings.combine if rules else CombinePolicy()
        self.rules = None
        if self.policy.uses_rules:
            from ..rules import RuleLabeller

            # never the gazetteers: they are training-time input, absent where users parse
            self.rules = RuleLabeller(use_gazetteers=False, values=False)

    @classmethod
    def load(cls, model_dir: str | Path, rules: bool = True, quantize: bool = True) -> "Parser":
        """`rules=False` leaves out the rule labeller, `quantize=False` the int8 quantisation,
        whatever the model's settings say (for ablations)."""
        path = check_model_dir(model_dir)
        from transformers import AutoModelForTokenClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        try:
            settings = ModelSettings.read(path)
            tokenizer = AutoTokenizer.from_pretrained(str(path))
            model = AutoModelForTokenClassification.from_pretrained(str(path))
        except (OSError, ValueError, KeyError, json.JSONDecodeError) as e:
            raise ModelDirectoryError(f"model directory {path} could not be loaded: {e}") from e
        if settings.quantize not in ("", "int8"):
            raise ModelDirectoryError(f"model directory {path}: unknown quantize setting {settings.quantize!r} "
                                      f"in {SETTINGS_FILE} (use \"int8\" or \"\")")
        if quantize and settings.quantize == "int8":
            model = quantize_int8(model)
        return cls(model, tokenizer, settings, path, rules)

    # -- the pipeline ---------------------------------------------------------------
    def parse(self, text: str, *, doc_date: str | dt.date | None = None) -> list[Span]:
        """Typed spans of `text`, sorted, non-overlapping, offsets into `text` itself."""
        return self.parse_batch([text], doc_dates=[doc_date])[0]

    def parse_batch(self, texts: Sequence[str], batch_size: int = 32,
                    doc_dates: Sequence[str | dt.date | None] | None = None) -> list[list[Span]]:
        """Parse many documents, batching sentences across them for speed."""
        for t in texts:
            if not isinstance(t, str):
                raise TypeError(f"parse expects text as str, got {type(t).__name__}")
        dates = [_as_date(d) for d in (doc_dates or [None] * len(texts))]
        out = []
        for text, model_spans, date in zip(texts, self.model_spans(texts, batch_size), dates):
            rule_spans = self.rules.label(text) if self.rules is not None else []
            out.append(self._finish(text, combine(model_spans, rule_spans, self.policy), date))
        return out

    def model_spans(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Span]]:
        """The model's own spans per document (no rules, no values): what `combine` merges."""
        sentences = [analyze(t, self.settings.segmenter) if t.strip() else [] for t in texts]
        tagged = iter(self.tag_sentences([s for doc in sentences for s in doc], batch_size))
        out = []
        for doc in sentences:
            spans: list[Span] = []
            for sent in doc:
                tags, scores = next(tagged)
                spans.extend(tags_to_spans(sent.words, tags, scores))
            out.append(spans)
        return out

    def tag_sentences(self, sentences: Sequence[Sentence], batch_size: int = 32) -> list[tuple[list[str], list[float]]]:
        """Tag and score per word for each sentence: windows merged, then the best valid IOB2
        sequence (`bio.constrained_decode`); a word's score is its tag's probability."""
        torch = self._torch
        jobs: list[tuple[int, Chunk]] = []
        for i, s in enumerate(sentences):
            for c in self.encoder.encode([w.form for w in s.words]):
                jobs.append((i, c))
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][1].input_ids))
        logprobs: list[np.ndarray | None] = [None] * len(jobs)
        device = next(self.model.parameters(), torch.empty(0)).device  # a model fine-tuned on an accelerator is scored there
        with torch.inference_mode():
            for a, b in length_batches([len(jobs[j][1].input_ids) for j in order], batch_size):
                idx = order[a:b]
                width = max(len(jobs[j][1].input_ids) for j in idx)
                ids = torch.full((len(idx), width), self.encoder.pad_id, dtype=torch.long)
                mask = torch.zeros((len(idx), width), dtype=torch.long)
                for r, j in enumerate(idx):
                    seq = jobs[j][1].input_ids
                    ids[r, : len(seq)] = torch.tensor(seq)
                    mask[r, : len(seq)] = 1
                logits = self.model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits
                rows = torch.log_softmax(logits.float(), dim=-1).cpu().numpy()
                for r, j in enumerate(idx):
                    logprobs[j] = rows[r]
        per_sentence: list[list[int]] = [[] for _ in sentences]
        for j, (i, _) in enumerate(jobs):
            per_sentence[i].append(j)
        out = []
        for i, s in enumerate(sentences):
            n = len(s.words)
            if n == 0:
                out.append(([], []))
                continue
            chunks = [jobs[j][1] for j in per_sentence[i]]
            words = np.stack(merge_chunks(chunks, n, [logprobs[j] for j in per_sentence[i]]))
            path = constrained_decode(words, self._trans, self._start)
            out.append(([self.id2tag[t] for t in path], np.exp(words[np.arange(n), path]).tolist()))
        return out

    def _finish(self, text: str, spans: list[Span], doc_date: dt.date | None) -> list[Span]:
        for s in spans:
            s.text = text[s.start:s.end]
            s.value = normalize(s.label, s.text, ValueContext(doc_date=doc_date, before=text[:s.start]))
        return spans


_LOADED: dict[str, Parser] = {}
_LOCK = threading.Lock()


def cached_parser(model_dir: str | Path) -> Parser:
    """One `Parser` per model directory and process, loaded lazily and safely from many threads."""
    key = str(Path(model_dir).resolve())
    parser = _LOADED.get(key)
    if parser is None:
        with _LOCK:
            parser = _LOADED.get(key)
            if parser is None:
                parser = _LOADED[key] = Parser.load(model_dir)
    return parser
