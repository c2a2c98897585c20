"""CoNLL, IOB2: one token a line (`token TAG`), a blank line between sentences.

    -DOCSTART- laichau-1

    Chủ B-TITLE
    tịch I-TITLE
    UBND B-ORG
    ...

Writing
    Tokens are the syllable tokens of `vngov_nlp.text` (the token rule of LABELS.md),
    written as they stand in the ORIGINAL text (so NFD stays NFD; whitespace inside a
    token, such as the CR of a stray CR, is dropped). With `words=True` a line holds one
    underthesea word, its syllables joined by `_` (`Chủ_tịch`); a word that a span
    edge cuts is split there, so every span stays expressible.
    Sentences come from `split_sentences`, run on the tokens laid out the way the reader
    lays them out (see below), and are never split inside a span. A span edge that falls
    inside a token (possible with `1.208,8`-style numbers) cannot be written: that is a
    `FormatError`. Each document starts with `-DOCSTART- <id>` and a blank line.
    CoNLL cannot hold span values nor document meta: writing says so once on stderr.

Reading
    Two columns (`token TAG`, space separated) or tab-separated columns (VLSP 2016:
    `word<TAB>POS<TAB>chunk<TAB>NER`): the token is the first column, the tag the last,
    or the 0-based `tag_column`. `_`-joined words become space-separated syllables.
    Tags may be IOB2, IOB1, BIOES/BILOU or bare labels (IO); an `I-` that does not continue
    a span of the same label starts one. `-DOCSTART-` lines separate documents (the rest
    of the line is the id, unless it is CoNLL-2003 filler like `-X- -X- O`); a file
    without them is one document named after the file.
    The text is rebuilt from the tokens: sentences on lines of their own, tokens joined by
    one space, except that `.`, `,`, `;`, `:`, `!`, `?`, `%`, closing brackets and quotes
    attach to the token before, opening brackets to the token after, `/` to both, and
    `-` to both when it stands between two letters or digits (`04/CT-UBND`, `82%`,
    `TP. Hồ Chí Minh`). Spans are the tagged tokens' stretches of that text.

What survives a round trip
    CoNLL does not keep the original whitespace, so canonical -> CoNLL -> canonical
    cannot keep offsets into the original text: the text is rebuilt (above) and offsets
    point into the rebuilt text. What it does keep: document ids, and every span's
    label and surface up to whitespace (the same tokens, in the same order). And
    canonical -> CoNLL -> canonical -> CoNLL gives the same CoNLL file again (a fixed
    point), since sentences are split on the tokens alone.
"""
from __future__ import annotations

import os
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..schema import LABELS, Document, Span
from ..text import normalize, split_sentences, syllables
from ..text.tokens import Token
from ._common import check_document, check_for_writing, read_text, warn_dropped
from .errors import FormatError, atomic_output

DOCSTART = "-DOCSTART-"
_CLOSING = frozenset(".,;:!?%)]}”’»…")
_OPENING = frozenset("([{“‘«")
_FILLER = frozenset({"-X-", "O"})


# ---------------------------------------------------------------- layout shared by reader and writer

def _alnum_edge(tok: str, last: bool) -> bool:
    ch = tok[-1] if last else tok[0]
    return ch.isalnum()


def _layout(tokens: list[str]) -> tuple[str, list[int]]:
    """Tokens of one line joined as the reader rebuilds text; returns the line and each token's start."""
    keys = [unicodedata.normalize("NFC", t) for t in tokens]
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for i, tok in enumerate(tokens):
        if i:
            prev, cur = keys[i - 1], keys[i]
            glued = (cur in _CLOSING or prev in _OPENING or cur == "/" or prev == "/"
                     or (cur == "-" and i + 1 < len(keys) and _alnum_edge(prev, True) and _alnum_edge(keys[i + 1], False))
                     or (prev == "-" and i >= 2 and _alnum_edge(keys[i - 2], True) and _alnum_edge(cur, False)))
            if not glued or unicodedata.combining(tok[0]):  # a bare mark would join the character before
                parts.append(" ")
                pos += 1
        starts.append(pos)
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), starts


# ---------------------------------------------------------------- writing

@dataclass
class _Tok:
    clean: str  # NFC form, for layout and segmentation
    out: str  # as written: the original characters, whitespace removed
    start: int  # [start, end) in the original text
    end: int
    line_break: bool  # a newline between this token and the one before


def _tokens(doc: Document) -> list[_Tok]:
    norm = normalize(doc.text)
    clean = norm.text
    out: list[_Tok] = []
    prev_end = 0
    for t in syllables(clean):
        s, e = norm.to_original(t.start, t.end)
        if out and s < out[-1].end:
            # two tokens from one original character cluster (a combining mark on punctuation): one token
            prev = out[-1]
            prev.clean += t.text
            prev.end = max(prev.end, e)
            prev.out = "".join(c for c in doc.text[prev.start:prev.end] if not c.isspace())
        else:
            written = "".join(c for c in doc.text[s:e] if not c.isspace())
            out.append(_Tok(t.text, written, s, e, "\n" in clean[prev_end:t.start]))
        prev_end = t.end
    return out


def _view(toks: list[_Tok]) -> tuple[str, list[int]]:
    """The document as the reader would rebuild it if every line were one sentence."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    line: list[int] = []
    for i in range(len(toks) + 1):
        if i == len(toks) or (toks[i].line_break and line):
            s, offs = _layout([toks[k].clean for k in line])
            if parts:
                parts.append("\n")
                length += 1
            starts.extend(length + o for o in offs)
            parts.append(s)
            length += len(s)
            line = []
        if i < len(toks):
            line.append(i)
    return "".join(parts), starts


def _span_ranges(doc: Document, toks: list[_Tok], path) -> list[tuple[int, int, Span]]:
    """Each span as a range [i, j) of token indices; a span edge inside a token is an error."""
    starts = [t.start for t in toks]
    out = []
    for s in sorted(doc.spans, key=lambda s: (s.start, s.end)):
        i = bisect_left(starts, s.start)
        j = i
        while j < len(toks) and toks[j].end <= s.end:
            j += 1
        cut = [t for t in toks[max(0, i - 1):j + 1] if t.start < s.end and t.end > s.start and not (
            t.start >= s.start and t.end <= s.end)]
        if cut or j == i:
            tok = cut[0].out if cut else ""
            raise FormatError(path, f"document {doc.id!r}",
                              f"span [{s.start}, {s.end}) {s.label} {doc.text[s.start:s.end]!r} has an edge inside the "
                              f"token {tok!r}; CoNLL holds whole tokens only")
        out.append((i, j, s))
    return out


def _sentences(view: str, view_starts: list[int], ranges) -> list[tuple[int, int]]:
    bounds = []
    for s, e in split_sentences(view):
        i = bisect_left(view_starts, s)
        j = bisect_left(view_starts, e)
        if j > i:
            bounds.append((i, j))
    inside = set()  # token boundaries b (between b-1 and b) that a span crosses
    for i, j, _ in ranges:
        inside.update(range(i + 1, j))
    merged: list[tuple[int, int]] = []
    for i, j in bounds:
        if merged and i in inside:
            merged[-1] = (merged[-1][0], j)
        else:
            merged.append((i, j))
    return merged


def _word_groups(view: str, view_starts: list[int], toks: list[_Tok], i: int, j: int) -> list[list[int]]:
    from ..text.segment import segment  # underthesea is imported only when segmenting

    vt = [Token(view_starts[k], view_starts[k] + len(toks[k].clean), toks[k].clean) for k in range(i, j)]
    groups = segment(view, vt, "underthesea")
    index = {t.start: k for t, k in zip(vt, range(i, j))}
    return [[index[t.start] for t in g] for g in groups]


def _conll_doc(doc: Document, words: bool, path) -> list[str]:
    toks = _tokens(doc)
    ranges = _span_ranges(doc, toks, path)
    view, view_starts = _view(toks)
    tag = ["O"] * len(toks)
    edges = set()
    for i, j, s in ranges:
        tag[i] = f"B-{s.label}"
        for k in range(i + 1, j):
            tag[k] = f"I-{s.label}"
        edges.update((i, j))
    lines = [f"{DOCSTART} {doc.id}".rstrip() + "\n", "\n"]
    for i, j in _sentences(view, view_starts, ranges):
        groups = _word_groups(view, view_starts, toks, i, j) if words else [[k] for k in range(i, j)]
        for g in groups:
            # split a word where a span starts or ends, around `_` tokens and before a bare combining mark
            piece: list[int] = []
            for k in g:
                if piece and (k in edges or "_" in toks[k].clean or "_" in toks[piece[-1]].clean
                              or unicodedata.combining(toks[k].out[0])):
                    lines.append(f"{'_'.join(toks[m].out for m in piece)} {tag[piece[0]]}\n")
                    piece = []
                piece.append(k)
            lines.append(f"{'_'.join(toks[m].out for m in piece)} {tag[piece[0]]}\n")
        lines.append("\n")
    return lines


def write(docs: Iterable[Document], path: str | os.PathLike, *, words: bool = False) -> None:
    """IOB2 CoNLL, one syllable (or, with `words`, one underthesea word) a line, written atomically."""
    docs = check_for_writing(docs, path)
    for d in docs:
        if "\n" in d.id or "\r" in d.id:
            raise FormatError(path, f"document {d.id!r}", "a document id with a line break cannot follow -DOCSTART-")
        for s in d.spans:
            if not s.label or any(c.isspace() for c in s.label):
                raise FormatError(path, f"document {d.id!r}", f"label {s.label!r} cannot be a CoNLL tag (spaces)")
    warn_dropped("CoNLL", docs, meta=True)
    with atomic_output(path) as fh:
        for d in docs:
            fh.writelines(_conll_doc(d, words, path))


# ---------------------------------------------------------------- reading

_PREFIXES = {"B": "B", "I": "I", "E": "E", "S": "S", "L": "E", "U": "S"}


def _parse_tag(tag: str, path, lineno: int) -> tuple[str, str]:
    if tag == "O":
        return "O", ""
    if "-" in tag:
        prefix, label = tag.split("-", 1)
        p = _PREFIXES.get(prefix.upper())
        if p is None or not label:
            raise FormatError(path, f"line {lineno}", f"malformed tag {tag!r}: expected O, B-LABEL, I-LABEL "
                                                      "(or E-/S-/L-/U-LABEL)")
        return p, label
    return "I", tag  # a bare label (IO tagging)


def _decode(tags: list[tuple[str, int]], path) -> list[tuple[str, int, int]]:
    """(label, first token, end token) of each span of one sentence."""
    spans: list[tuple[str, int, int]] = []
    cur: list | None = None  # [label, start]
    for k, (tag, lineno) in enumerate(tags):
        prefix, label = _parse_tag(tag, path, lineno)
        if prefix == "O":
            if cur:
                spans.append((cur[0], cur[1], k))
                cur = None
            continue
        if prefix in ("B", "S") or cur is None or cur[0] != label:
            if cur:
                spans.append((cur[0], cur[1], k))
            cur = [label, k]
        if prefix in ("E", "S"):
            spans.append((cur[0], cur[1], k + 1))
            cur = None
    if cur:
        spans.append((cur[0], cur[1], len(tags)))
    return spans


def _syllables_of(token: str) -> list[str]:
    """`Hà_Nội` -> `Hà`, `Nội`: an `_` joins syllables only between two characters that are
    neither `_` nor a combining mark (so `_` itself, `__` and `_̀` stay tokens)."""
    parts, start = [], 0
    for i, ch in enumerate(token):
        if (ch == "_" and 0 < i < len(token) - 1 and token[i - 1] != "_" and token[i + 1] != "_"
                and not unicodedata.combining(token[i + 1]) and i > start):
            parts.append(token[start:i])
            start = i + 1
    parts.append(token[start:])
    return parts


@dataclass
class _DocIn:
    id: str | None
    line: int
    sentences: list[list[tuple[str, str, int]]]  # (token, tag, line number)


def _build(d: _DocIn, path) -> Document:
    texts: list[str] = []
    spans: list[Span] = []
    base = 0
    for sent in d.sentences:
        sylls: list[str] = []
        owner: list[int] = []
        for k, (token, _, _) in enumerate(sent):
            for s in _syllables_of(token):
                sylls.append(s)
                owner.append(k)
        line, starts = _layout(sylls)
        tok_start: dict[int, int] = {}
        tok_end: dict[int, int] = {}
        for s, o, st in zip(sylls, owner, starts):
            tok_start.setdefault(o, st)
            tok_end[o] = st + len(s)
        for label, i, j in _decode([(tag, ln) for _, tag, ln in sent], path):
            spans.append(Span(base + tok_start[i], base + tok_end[j - 1], label))
        texts.append(line)
        base += len(line) + 1
    return Document(d.id or "", "\n".join(texts), spans)


def read(path: str | os.PathLike, *, labels: Iterable[str] | None = LABELS,
         tag_column: int | None = None) -> list[Document]:
    """Documents of a CoNLL file (see the module notes), each checked against the label contract."""
    if tag_column is not None and tag_column < 1:
        raise FormatError(path, None, f"tag column {tag_column} is not a tag column (column 0 is the token)")
    docs: list[_DocIn] = []
    cur: _DocIn | None = None
    sent: list[tuple[str, str, int]] = []

    def end_sentence() -> None:
        nonlocal sent
        if sent:
            assert cur is not None
            cur.sentences.append(sent)
            sent = []

    for lineno, raw in enumerate(read_text(path).split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            end_sentence()
            continue
        if line.lstrip().startswith(DOCSTART):
            end_sentence()
            rest = line.lstrip()[len(DOCSTART):].strip()
            doc_id = None if not rest or all(f in _FILLER for f in rest.split()) else rest
            cur = _DocIn(doc_id, lineno, [])
            docs.append(cur)
            continue
        cols = [c.strip() for c in line.split("\t")] if "\t" in line else line.split()
        if len(cols) < 2:
            raise FormatError(path, f"line {lineno}", f"expected 'token TAG' (or tab-separated columns), got {line!r}")
        col = len(cols) - 1 if tag_column is None else tag_column
        if col >= len(cols):
            raise FormatError(path, f"line {lineno}", f"no column {col} (0-based) in a line of {len(cols)} columns: {line!r}")
        if not cols[0] or not cols[col]:
            raise FormatError(path, f"line {lineno}", f"empty token or tag in {line!r}")
        if cur is None:
            cur = _DocIn(None, lineno, [])
            docs.append(cur)
        sent.append((cols[0], cols[col], lineno))
    end_sentence()

    stem = Path(path).stem
    out = []
    for k, d in enumerate(docs, 1):
        if d.id is None:
            d.id = stem if len(docs) == 1 else f"{stem}-{k}"
        doc = _build(d, path)
        out.append(check_document(doc, path, f"document {d.id!r} (line {d.line})", labels))
    return out
