"""Round trips between formats: every span survives exactly (offsets, label, value where
the format holds values), with tricky text: NFD, NBSP, double spaces, CRLF, emoji.
CoNLL, which cannot keep whitespace, keeps labels and surfaces (up to whitespace) and
is a fixed point: canonical -> conll -> canonical -> conll gives the same file."""
from __future__ import annotations

import json
import random
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from vngov_nlp import formats
from vngov_nlp.schema import LABELS, Document, Span, validate_document
from vngov_nlp.text import syllables

EXACT = ("canonical", "labelstudio", "doccano", "brat")
HOLDS_VALUES = {"canonical", "labelstudio", "brat"}
HOLDS_META = {"canonical", "labelstudio", "doccano"}
INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))


def _target(tmp: Path, fmt: str) -> Path:
    return tmp / ("out_brat" if fmt == "brat" else f"out.{fmt}")


def _doc(doc_id: str, text: str, marks: list[tuple[str, str, dict | None]], meta=None) -> Document:
    """A document with a span on each (surface, label, value), found left to right."""
    spans, pos = [], 0
    for surface, label, value in marks:
        i = text.index(surface, pos)
        spans.append(Span(i, i + len(surface), label, value=value))
        pos = i + len(surface)
    doc = Document(doc_id, text, spans, dict(meta or {}))
    assert validate_document(doc) == [], validate_document(doc)
    return doc


def _nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


TRICKY_TEXT = ("Chủ tịch UBND tỉnh\u00a0Lai Châu  Lê Văn Lương 👨\u200d👩\u200d👧 đã ký\r\n"
               "Quyết định số 57/QĐ-UBND ngày 10/9/2021.\r\nThu  1.208,8 tỷ đồng, đạt 82% 🎉 kế hoạch.\t"
               "TP. Hồ Chí Minh")
TRICKY_MARKS = [("Chủ tịch", "TITLE", None), ("UBND tỉnh\u00a0Lai Châu", "ORG", None), ("Lê Văn Lương", "PER", None),
                ("Quyết định số 57/QĐ-UBND", "DOC", {"type": "Quyết định", "number": "57/QĐ-UBND", "issuer": "UBND"}),
                ("10/9/2021", "DATE", {"date": "2021-09-10"}),
                ("1.208,8 tỷ đồng", "MONEY", {"amount": 1208800000000.0, "currency": "VND"}),
                ("82%", "PERCENT", {"percent": 82.0}), ("TP. Hồ Chí Minh", "LOC", None)]


def tricky_docs() -> list[Document]:
    nfd_text = _nfd(TRICKY_TEXT)
    return [
        _doc("tricky", TRICKY_TEXT, TRICKY_MARKS, meta={"source": "laichau.gov.vn", "date": "2021-09-21"}),
        _doc("tricky-nfd", nfd_text, [(_nfd(s), lab, v) for s, lab, v in TRICKY_MARKS]),
        _doc("crlf-span", "Ở  tỉnh Lai\r\nChâu\u00a0có 😀😀 480 lao động.", [("Lai\r\nChâu", "LOC", None),
                                                                       ("480 lao động", "QUANTITY", {"amount": 480, "unit": "lao động"})]),
        _doc("empty", "", []),
        _doc("no-spans", "  chỉ có khoảng trắng\u00a0 ", []),
    ]


def _key(d: Document, fmt: str | None = None, *, values: bool = True, meta: bool = True):
    if fmt is not None:
        values, meta = fmt in HOLDS_VALUES, fmt in HOLDS_META
    spans = [(s.start, s.end, s.label, s.value if values else None) for s in sorted(d.spans, key=lambda s: s.start)]
    return d.id, d.text, spans, (d.meta if meta else {})


def _through(docs: list[Document], fmt: str, tmp: Path) -> list[Document]:
    """`docs` written as `fmt` and read back, in the order written (brat reads files in name order)."""
    out = _target(tmp, fmt)
    formats.write(fmt, docs, out)
    back = formats.read(fmt, out)
    if fmt == "brat":
        assert [d.id for d in back] == sorted(d.id for d in docs)
        by_id = {d.id: d for d in back}
        back = [by_id[d.id] for d in docs]
    return back


@pytest.mark.parametrize("fmt", EXACT)
def test_canonical_to_format_and_back_is_identity(fmt, tmp_path):
    docs = tricky_docs()
    back = _through(docs, fmt, tmp_path)
    assert [_key(d, fmt) for d in back] == [_key(d, fmt) for d in docs]
    for d in back:
        for s in d.spans:
            assert s.text == d.text[s.start:s.end]


@pytest.mark.parametrize("a", EXACT)
@pytest.mark.parametrize("b", EXACT)
def test_every_pair_of_exact_formats(a, b, tmp_path):
    """canonical -> a -> b -> canonical keeps what both a and b can hold."""
    docs = tricky_docs()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    formats.write("canonical", docs, tmp_path / "in.jsonl")
    n = formats.convert(tmp_path / "in.jsonl", _target(tmp_path / "a", a), "canonical", a)
    assert n == len(docs)
    formats.convert(_target(tmp_path / "a", a), _target(tmp_path / "b", b), a, b)
    formats.convert(_target(tmp_path / "b", b), tmp_path / "back.jsonl", b, "canonical")
    back = formats.read("canonical", tmp_path / "back.jsonl")
    holds = {"values": a in HOLDS_VALUES and b in HOLDS_VALUES, "meta": a in HOLDS_META and b in HOLDS_META}
    got = sorted((_key(d, **holds) for d in back), key=lambda k: k[0])  # brat orders documents by file name
    want = sorted((_key(d, **holds) for d in docs), key=lambda k: k[0])
    assert got == want


def test_brat_keeps_crlf_bytes(tmp_path):
    docs = tricky_docs()
    formats.write("brat", docs, tmp_path / "b")
    raw = (tmp_path / "b" / "tricky.txt").read_bytes()
    assert raw == TRICKY_TEXT.encode("utf-8") and b"\r\n" in raw
    ann = (tmp_path / "b" / "tricky.ann").read_text(encoding="utf-8")
    assert "T5\tDATE " in ann and 'AnnotatorNotes T5\t{"date": "2021-09-10"}' in ann
    assert "[entities]" in (tmp_path / "b" / "annotation.conf").read_text(encoding="utf-8")


# ---------------------------------------------------------------- CoNLL


def _surface_key(s: str) -> str:
    return "".join(c for c in s if not c.isspace() and c not in INVISIBLE)


def _conll_guarantees(docs: list[Document], tmp: Path, words: bool = False) -> None:
    first, second = tmp / "first.conll", tmp / "second.conll"
    formats.write("conll", docs, first, words=words)
    back = formats.read("conll", first, labels=None)
    assert [d.id for d in back] == [d.id for d in docs]
    for d, b in zip(docs, back):
        want = [(s.label, _surface_key(s.text)) for s in sorted(d.spans, key=lambda s: s.start)]
        got = [(s.label, _surface_key(s.text)) for s in b.spans]
        assert got == want
    formats.write("conll", back, second, words=words)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_conll_keeps_labels_and_surfaces_and_is_a_fixed_point(tmp_path, capsys):
    _conll_guarantees(tricky_docs(), tmp_path)
    err = capsys.readouterr().err
    assert err.count("CoNLL cannot hold span values") == 1  # said once, not per document
    text = (tmp_path / "first.conll").read_text(encoding="utf-8")
    assert text.startswith("-DOCSTART- tricky\n\nChủ B-TITLE\ntịch I-TITLE\nUBND B-ORG\n")
    assert "\n82 B-PERCENT\n% I-PERCENT\n" in text
    assert _nfd("Lương") in text  # tokens are written as they stand in the original text


def test_conll_rebuilt_text_reads_naturally(tmp_path):
    formats.write("conll", tricky_docs()[:1], tmp_path / "x.conll")
    doc = formats.read("conll", tmp_path / "x.conll")[0]
    assert doc.text.split("\n")[1] == "Quyết định số 57/QĐ-UBND ngày 10/9/2021."
    assert "TP. Hồ Chí Minh" in doc.text and "đạt 82% 🎉 kế hoạch." in doc.text
    assert [s.text for s in doc.spans if s.label in ("MONEY", "LOC")] == ["1.208,8 tỷ đồng", "TP. Hồ Chí Minh"]


def test_conll_words_mode_splits_words_at_span_edges(tmp_path):
    docs = [_doc("w", "Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương đến Hà Nội.",
                 [("Chủ tịch", "TITLE", None), ("UBND tỉnh Lai", "ORG", None), ("Lê Văn Lương", "PER", None)]),
            _doc("w2", "Giám đốc Sở Tài chính ký Quyết định số 57/QĐ-UBND.", [("Quyết định số 57/QĐ-UBND", "DOC", None)])]
    _conll_guarantees(docs, tmp_path, words=True)
    lines = (tmp_path / "first.conll").read_text(encoding="utf-8").splitlines()
    assert "Chủ_tịch B-TITLE" in lines and "Lê_Văn_Lương B-PER" in lines
    assert "Lai I-ORG" in lines and "Châu O" in lines  # the word Lai_Châu is cut at the span's end


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_conll_fixed_point_on_real_bulletins(seed, tmp_path):
    text = seed.read_text(encoding="utf-8")
    toks = syllables(text)
    rng = random.Random(seed.name)
    spans, i = [], 0
    while i < len(toks) - 3:  # spans on random token runs, some across sentence ends
        i += rng.randint(1, 12)
        j = i + rng.randint(1, 4)
        if j < len(toks):
            spans.append(Span(toks[i].start, toks[j - 1].end, rng.choice(LABELS)))
        i = j
    doc = Document(seed.stem, text, spans)
    assert validate_document(doc) == []
    _conll_guarantees([doc], tmp_path)


# ---------------------------------------------------------------- property tests

WORDS = ["Chủ", "tịch", "UBND", "tỉnh", "Lai", "Châu", "Lê", "Văn", "Lương", "Hồ", "Chí", "Minh", "đồng",
         "tỷ", "năm", "2021", "1.208,8", "82", "31.8", "Quyết", "định", "số", "57", "QĐ", "ngày", "Ủy", "ban",
         "hoà", "TP", "v", "HĐND", "quý", "IV"]
SPACED = [".", ",", "/", "-", "(", "…", "\"", "“", "😀", "👨\u200d👩\u200d👧", "_", "&"]
ATTACHED = ["%", ")", ":", ";", ".", "”", "/"]
SEPS = [" ", " ", " ", "  ", "\u00a0", "\r\n", "\n", "\t", " \u200b", "\n\n", "\u202f", " \u00a0 "]


@st.composite
def documents(draw, doc_id: str) -> Document:
    n = draw(st.integers(1, 30))
    nfd = draw(st.sampled_from(["none", "all", "mixed"]))
    pieces: list[tuple[int, int]] = []
    text = draw(st.sampled_from(["", " ", "\r\n", "\u00a0"]))
    for k in range(n):
        kind = draw(st.sampled_from(["word", "word", "word", "spaced", "attached"])) if k else "word"
        piece = draw(st.sampled_from(WORDS if kind == "word" else SPACED if kind == "spaced" else ATTACHED))
        if nfd == "all" or (nfd == "mixed" and draw(st.booleans())):
            piece = _nfd(piece)
        sep = "" if (k == 0 or kind == "attached") else draw(st.sampled_from(SEPS))
        text += sep
        pieces.append((len(text), len(text) + len(piece)))
        text += piece
    text += draw(st.sampled_from(["", ".", " ", "\r\n"]))
    spans, k = [], 0
    while k < n:
        k += draw(st.integers(0, 4))
        if k >= n:
            break
        j = min(n - 1, k + draw(st.integers(0, 3)))
        value = draw(st.one_of(st.none(), st.fixed_dictionaries({"amount": st.floats(allow_nan=False, allow_infinity=False),
                                                                  "unit": st.text(max_size=5)})))
        spans.append(Span(pieces[k][0], pieces[j][1], draw(st.sampled_from(LABELS)), value=value))
        k = j + 1
    meta = draw(st.one_of(st.just({}), st.fixed_dictionaries({"source": st.text(max_size=8)})))
    doc = Document(doc_id, text, spans, meta)
    assert validate_document(doc) == [], (text, validate_document(doc))
    return doc


@st.composite
def corpora(draw) -> list[Document]:
    ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True), min_size=1, max_size=4, unique=True))
    return [draw(documents(i)) for i in ids]


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano", "brat", "canonical"])
@PROPERTY
@given(docs=corpora())
def test_random_documents_survive_exactly(fmt, docs):
    with tempfile.TemporaryDirectory() as tmp:
        back = _through(docs, fmt, Path(tmp))
    assert [_key(d, fmt) for d in back] == [_key(d, fmt) for d in docs]


@PROPERTY
@given(docs=corpora())
def test_random_documents_conll_guarantees(docs):
    with tempfile.TemporaryDirectory() as tmp:
        _conll_guarantees(docs, Path(tmp))


def test_labelstudio_values_live_in_result_meta(tmp_path):
    formats.write("labelstudio", tricky_docs()[:1], tmp_path / "ls.json")
    task = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))[0]
    assert task["data"]["id"] == "tricky" and task["data"]["meta"]["date"] == "2021-09-21"
    items = task["annotations"][0]["result"]
    money = next(r for r in items if r["value"]["labels"] == ["MONEY"])
    assert money["meta"] == {"value": {"amount": 1208800000000.0, "currency": "VND"}}
    assert money["value"]["text"] == "1.208,8 tỷ đồng"
    assert {r["from_name"] for r in items} == {"label"} and {r["to_name"] for r in items} == {"text"}
