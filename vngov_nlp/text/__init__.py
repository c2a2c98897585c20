"""The text layer: the only place that knows about Unicode clean-up and offsets.

`analyze(text)` returns sentences of words; each word knows its clean form (for
the model) and its [start, end) in the ORIGINAL string (for users).
"""
from __future__ import annotations

from dataclasses import dataclass

from .normalize import NormalizedText, normalize
from .segment import SEGMENTERS, segment
from .sentences import split_sentences
from .tokens import Token, syllables


@dataclass(frozen=True)
class Word:
    """A unit the tagger labels: one syllable token or a segmented word of several."""

    start: int  # offsets into the original string
    end: int
    form: str  # clean NFC form; syllables of a compound joined by "_", as PhoBERT expects


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    words: tuple[Word, ...]


def analyze(text: str, segmenter: str = "syllable") -> list[Sentence]:
    """Split `text` into sentences of words with offsets into `text` itself."""
    norm = normalize(text)
    clean = norm.text
    out: list[Sentence] = []
    for s, e in split_sentences(clean):
        groups = segment(clean, syllables(clean, s, e), segmenter)
        words = []
        for g in groups:
            ws, we = g[0].start, g[-1].end
            form = "_".join(clean[ws:we].split())
            words.append(Word(*norm.to_original(ws, we), form))
        out.append(Sentence(*norm.to_original(s, e), tuple(words)))
    return out


__all__ = ["analyze", "normalize", "NormalizedText", "Sentence", "Word", "Token", "syllables",
           "split_sentences", "segment", "SEGMENTERS"]
