"""Alignment, windows and BIO decoding: the code `parse` and `train` share."""
from hypothesis import given, strategies as st

from vngov_nlp.schema import Span
from vngov_nlp.tagging.alignment import IGNORE, SubwordEncoder, chunk_labels, merge_chunks
from vngov_nlp.tagging.bio import spans_to_tags, tag_set, tags_to_spans
from vngov_nlp.tagging.windows import owner, windows
from vngov_nlp.text import Word, analyze


@given(st.lists(st.integers(1, 40), min_size=1, max_size=200), st.integers(40, 120), st.integers(0, 30))
def test_windows_cover_every_word_within_budget(lengths, budget, stride):
    wins = windows(lengths, budget, stride)
    covered = set()
    for s, e in wins:
        assert s < e
        assert sum(lengths[s:e]) <= budget or e - s == 1
        covered.update(range(s, e))
    assert covered == set(range(len(lengths)))
    assert all(b[0] > a[0] for a, b in zip(wins, wins[1:]))  # always progresses
    own = owner(wins, len(lengths))
    assert all(wins[own[i]][0] <= i < wins[own[i]][1] for i in range(len(lengths)))


def test_bio_round_trip_on_words():
    text = "Chủ tịch UBND tỉnh Trần Tiến Dũng đạt 82% kế hoạch"
    words = analyze(text)[0].words
    gold = [Span(0, 8, "TITLE"), Span(9, 18, "ORG"), Span(19, 33, "PER"), Span(38, 41, "PERCENT")]
    tags = spans_to_tags(words, gold)
    assert tags[:4] == ["B-TITLE", "I-TITLE", "B-ORG", "I-ORG"]
    back = tags_to_spans(words, tags)
    assert [(s.start, s.end, s.label) for s in back] == [(s.start, s.end, s.label) for s in gold]


def test_adjacent_spans_of_same_label_stay_apart_and_stray_I_starts_a_span():
    words = [Word(0, 3, "923"), Word(4, 7, "tỷ"), Word(7, 8, "/"), Word(8, 13, "1.010"), Word(14, 16, "tỷ")]
    gold = [Span(0, 7, "MONEY"), Span(8, 16, "MONEY")]
    tags = spans_to_tags(words, gold)
    assert tags == ["B-MONEY", "I-MONEY", "O", "B-MONEY", "I-MONEY"]
    assert [(s.start, s.end) for s in tags_to_spans(words, ["I-MONEY", "I-MONEY", "O", "I-MONEY", "B-MONEY"])] == \
        [(0, 7), (8, 13), (14, 16)]


def test_tag_set_order():
    assert tag_set(["PER", "LOC"]) == ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def test_phobert_alignment_many_subwords_and_unknown_characters(tiny_tokenizer_dir):
    from transformers import PhobertTokenizer

    tok = PhobertTokenizer.from_pretrained(str(tiny_tokenizer_dir))
    enc = SubwordEncoder(tok, max_length=256)
    forms = ["Chủ_tịch", "Xyzqwkjhg_Pqrstvwz", "€€", "82", "%"]
    (chunk,) = enc.encode(forms)
    assert chunk.input_ids[0] == tok.cls_token_id and chunk.input_ids[-1] == tok.sep_token_id
    sizes = [len(enc.word_ids(f)) for f in forms]
    assert sizes[1] > 3  # a rare word splits into many subwords
    assert enc.word_ids("€€") and set(enc.word_ids("€€")) <= {tok.unk_token_id} | set(tok.get_vocab().values())
    assert chunk.first == [1 + sum(sizes[:i]) for i in range(len(forms))]
    labels = chunk_labels(chunk, [1, 2, 0, 3, 4])
    assert [labels[p] for p in chunk.first] == [1, 2, 0, 3, 4]
    assert sum(1 for x in labels if x != IGNORE) == len(forms)


def test_sentence_longer_than_the_encoder_goes_through_windows(tiny_tokenizer_dir):
    from transformers import PhobertTokenizer

    tok = PhobertTokenizer.from_pretrained(str(tiny_tokenizer_dir))
    enc = SubwordEncoder(tok, max_length=256, stride=32)
    forms = ["ngân_sách", "tỉnh", "Lai_Châu", "đạt", "1.208,8", "tỷ", "đồng"] * 60  # far over 256 subwords
    chunks = enc.encode(forms)
    assert len(chunks) > 1 and all(len(c.input_ids) <= 256 for c in chunks)
    # each word is read from the first subword of its own window
    got = merge_chunks(chunks, len(forms), [[pos for pos in range(len(c.input_ids))] for c in chunks])
    own = owner([(c.start, c.end) for c in chunks], len(forms))
    assert got == [chunks[own[i]].first[i - chunks[own[i]].start] for i in range(len(forms))]


def test_length_batches_cover_every_row_once_and_bound_padding():
    from vngov_nlp.tagging.windows import length_batches

    lengths = sorted([3, 4, 4, 5, 9, 10, 40, 41, 120, 250, 251, 251])
    got = length_batches(lengths, max_rows=4)
    assert [i for a, b in got for i in range(a, b)] == list(range(len(lengths)))
    for a, b in got:
        assert b - a <= 4
        rows = lengths[a:b]
        assert len(rows) == 1 or max(rows) * len(rows) <= 1.3 * sum(rows)
    assert length_batches([], 8) == []
    assert length_batches([7] * 10, 4) == [(0, 4), (4, 8), (8, 10)]


def _valid_iob2(tags):
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            return False
        prev = t
    return True


def test_constrained_decode_repairs_what_argmax_breaks():
    import numpy as np

    from vngov_nlp.tagging.bio import constrained_decode, tag_set, transition_mask

    tags = tag_set(["ORG", "LOC"])  # O B-ORG I-ORG B-LOC I-LOC
    trans, start = transition_mask(tags)
    p = np.log(np.array([
        [0.10, 0.40, 0.45, 0.03, 0.02],  # argmax I-ORG first: not allowed
        [0.05, 0.05, 0.50, 0.10, 0.30],
        [0.30, 0.05, 0.10, 0.05, 0.50],  # argmax I-LOC after ORG: not allowed
    ]))
    path = [tags[i] for i in constrained_decode(p, trans, start)]
    assert _valid_iob2(path) and path[:2] == ["B-ORG", "I-ORG"]
    ok = np.log(np.array([[0.1, 0.8, 0.05, 0.03, 0.02], [0.1, 0.05, 0.8, 0.03, 0.02]]))
    assert constrained_decode(ok, trans, start) == [1, 2]  # a valid argmax is kept
    assert constrained_decode(np.zeros((0, 5)), trans, start) == []


@given(st.lists(st.lists(st.floats(0.01, 1.0), min_size=5, max_size=5), min_size=1, max_size=30))
def test_constrained_decode_always_gives_valid_iob2(rows):
    import numpy as np

    from vngov_nlp.tagging.bio import constrained_decode, tag_set, transition_mask

    tags = tag_set(["ORG", "LOC"])
    trans, start = transition_mask(tags)
    path = constrained_decode(np.log(np.array(rows)), trans, start)
    assert len(path) == len(rows) and _valid_iob2([tags[i] for i in path])
