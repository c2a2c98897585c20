"""Word <-> subword <-> character alignment, for PhoBERT's slow tokenizer and any other.

PhoBERT has only a slow tokenizer (no `offset_mapping`, no `word_ids`), so the
project aligns by itself: each word is tokenized on its own, its subwords are
laid out in order, and the word's tag sits on its first subword (IOB2).
Training and `parse` both go through `encode`, so they cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .windows import owner, windows

IGNORE = -100  # label id the loss skips: special tokens and non-first subwords


@dataclass(frozen=True)
class Chunk:
    """One encoder input: words [start, end) of a sentence as subword ids."""

    start: int
    end: int
    input_ids: list[int]
    first: list[int]  # position in input_ids of each word's first subword


class SubwordEncoder:
    """Turns word forms into windows of subword ids for one tokenizer."""

    def __init__(self, tokenizer, max_length: int = 256, stride: int = 64):
        if max_length < 8:
            raise ValueError(f"max_length must be at least 8, got {max_length}")
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.stride = stride
        self.cls_id = tokenizer.cls_token_id if tokenizer.cls_token_id is not None else tokenizer.bos_token_id
        self.sep_id = tokenizer.sep_token_id if tokenizer.sep_token_id is not None else tokenizer.eos_token_id
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        self.unk_id = tokenizer.unk_token_id if tokenizer.unk_token_id is not None else self.pad_id
        self._cache: dict[str, list[int]] = {}

    def word_ids(self, form: str) -> list[int]:
        ids = self._cache.get(form)
        if ids is None:
            ids = self.tokenizer.convert_tokens_to_ids(self.tokenizer.tokenize(form)) or [self.unk_id]
            ids = [self.unk_id if i is None else i for i in ids]
            if len(self._cache) < 500_000:
                self._cache[form] = ids
        return ids

    def encode(self, forms: Sequence[str]) -> list[Chunk]:
        """Windows over one sentence's words, each at most `max_length` positions."""
        pieces = [self.word_ids(f) for f in forms]
        budget = self.max_length - 2
        chunks = []
        for s, e in windows([len(p) for p in pieces], budget, self.stride):
            ids, first = [self.cls_id], []
            for p in pieces[s:e]:
                first.append(len(ids))
                ids.extend(p[: max(1, budget - (len(ids) - 1))])
            ids = ids[: self.max_length - 1] + [self.sep_id]
            chunks.append(Chunk(s, e, ids, first))
        return chunks


def chunk_labels(chunk: Chunk, word_tags: Sequence[int]) -> list[int]:
    """Label ids aligned to `chunk.input_ids`: the word's tag on its first subword, IGNORE elsewhere."""
    labels = [IGNORE] * len(chunk.input_ids)
    for k, pos in enumerate(chunk.first):
        labels[pos] = word_tags[chunk.start + k]
    return labels


def merge_chunks(chunks: Sequence[Chunk], n_words: int, per_chunk: Sequence[Sequence]) -> list:
    """Per-word predictions from overlapping windows: each word from its most central window.

    `per_chunk[k][j]` is the prediction at subword position j of chunk k.
    """
    own = owner([(c.start, c.end) for c in chunks], n_words)
    return [per_chunk[own[i]][chunks[own[i]].first[i - chunks[own[i]].start]] for i in range(n_words)]
