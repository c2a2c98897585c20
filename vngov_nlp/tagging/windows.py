"""Sliding windows over a sentence's words so no input exceeds the encoder's positions."""
from __future__ import annotations

from typing import Sequence


def windows(lengths: Sequence[int], budget: int, stride: int) -> list[tuple[int, int]]:
    """Word ranges [start, end) whose subword counts sum to at most `budget`.

    Consecutive windows overlap by about `stride` subwords so every word is
    predicted with context on both sides; `owner` decides which window's
    prediction a word keeps. A single word longer than the budget gets a window
    of its own (its subwords are truncated by the caller).
    """
    n = len(lengths)
    if n == 0:
        return []
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        end, used = start, 0
        while end < n and (used + lengths[end] <= budget or end == start):
            used += lengths[end]
            end += 1
        out.append((start, end))
        if end >= n:
            return out
        # step back so the next window re-reads about `stride` subwords of context
        nxt, back = end, 0
        while nxt - 1 > start and back + lengths[nxt - 1] <= stride:
            nxt -= 1
            back += lengths[nxt]
        start = nxt


def owner(wins: Sequence[tuple[int, int]], n_words: int) -> list[int]:
    """For each word, the window where it sits farthest from an edge."""
    best = [0] * n_words
    margin = [-1] * n_words
    for k, (s, e) in enumerate(wins):
        for i in range(s, e):
            m = min(i - s, e - 1 - i)
            if m > margin[i]:
                margin[i], best[i] = m, k
    return best


def length_batches(lengths: Sequence[int], max_rows: int, max_padding: float = 1.3) -> list[tuple[int, int]]:
    """Ranges [start, end) over `lengths` (sorted ascending) to run as one padded batch each.

    A batch grows while its padded size (rows x longest) stays within `max_padding`
    times its real tokens: on a CPU every padded position costs as much as a real
    one, and one bulletin's sentences range from a few tokens to a few hundred, so
    fixed-size batches would compute about twice the tokens they need.
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(lengths)
    while i < n:
        j, real = i + 1, lengths[i]
        while j < n and j - i < max_rows and lengths[j] * (j - i + 1) <= max_padding * (real + lengths[j]):
            real += lengths[j]
            j += 1
        out.append((i, j))
        i = j
    return out
