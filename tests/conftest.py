"""Shared fixtures: a tiny PhoBERT-format tokenizer learned from the seeds by the
project's own BPE learner, a tiny random RoBERTa encoder, and a few annotated documents."""
from __future__ import annotations

from pathlib import Path

import pytest

from vngov_nlp.schema import Document, Span

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def mark(doc_id: str, marked: str, date: str | None = None) -> Document:
    """A Document from `[surface]{LABEL}` marks (the annotation tool's inline syntax)."""
    from training.annotate import MARK

    text, spans, pos, out = "", [], 0, []
    for m in MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        start = sum(map(len, out))
        out.append(m.group(1))
        spans.append(Span(start, start + len(m.group(1)), m.group(2)))
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    return Document(doc_id, text, spans, {"date": date} if date else {})


TRAIN_MARKED = [
    "Sáng [21/9]{DATE}, [Chủ tịch]{TITLE} [UBND tỉnh]{ORG} [Trần Tiến Dũng]{PER} chủ trì phiên họp tại [Lai Châu]{LOC}.",
    "Thu ngân sách đạt [1.208,8 tỷ đồng]{MONEY}, bằng [82%]{PERCENT} dự toán, tăng [1,9%]{PERCENT} so với [cùng kỳ năm trước]{PERIOD}.",
    "[UBND tỉnh Điện Biên]{ORG} ban hành [Chỉ thị số 04/CT-UBND]{DOC} về nhiệm vụ [6 tháng cuối năm 2021]{PERIOD}.",
    "[Giám đốc]{TITLE} [Sở Tài chính]{ORG} [Nguyễn Ngọc Thanh]{PER} báo cáo [527,3 ha]{QUANTITY} đất và [480 lao động]{QUANTITY}.",
    "[Phó Chủ tịch]{TITLE} [UBND tỉnh]{ORG} [Lê Văn Lương]{PER} làm việc với [huyện Mường Tè]{LOC} ngày [6/10]{DATE}.",
    "Tổng vốn đầu tư [500 triệu đồng]{MONEY} cho [5.030 hộ gia đình]{QUANTITY} trong [năm 2021]{DATE}.",
]


@pytest.fixture(scope="session")
def train_docs() -> list[Document]:
    return [mark(f"t{i}", t, "2021-09-21") for i, t in enumerate(TRAIN_MARKED * 2)]


@pytest.fixture(scope="session")
def tiny_tokenizer_dir(tmp_path_factory) -> Path:
    from training.tokenizer import build_tokenizer

    out = tmp_path_factory.mktemp("tok")
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + [mark("x", t).text for t in TRAIN_MARKED]
    build_tokenizer(texts, out, num_merges=800, segmenter="underthesea")
    return out


@pytest.fixture(scope="session")
def tiny_base(tiny_tokenizer_dir, tmp_path_factory) -> Path:
    """A tiny random encoder + PhoBERT-format tokenizer, saved like a hub model directory."""
    from transformers import PhobertTokenizer

    from training.pretrain import init_encoder

    out = tmp_path_factory.mktemp("base")
    tok = PhobertTokenizer.from_pretrained(str(tiny_tokenizer_dir))
    model = init_encoder(tok, layers=2, hidden=32, heads=2, intermediate=64, max_positions=64)
    model.save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(str(out))
    return out


@pytest.fixture(scope="session")
def tiny_ner_dir(tiny_base, tmp_path_factory) -> Path:
    """An untrained token classifier saved like a `vngov-nlp train` output: enough for API invariants."""
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from vngov_nlp.schema import LABELS
    from vngov_nlp.tagging.bio import tag_set
    from vngov_nlp.tagging.parser import ModelSettings

    out = tmp_path_factory.mktemp("ner")
    tags = tag_set(LABELS)
    model = AutoModelForTokenClassification.from_pretrained(
        str(tiny_base), num_labels=len(tags), id2label=dict(enumerate(tags)), label2id={t: i for i, t in enumerate(tags)})
    model.save_pretrained(out, safe_serialization=True)
    AutoTokenizer.from_pretrained(str(tiny_base)).save_pretrained(str(out))
    ModelSettings(LABELS, "syllable", 62, 16, str(tiny_base)).write(out)
    return out


@pytest.fixture(scope="session")
def tiny_hybrid_dir(tiny_ner_dir, tmp_path_factory) -> Path:
    """The tiny classifier with the shipped model's kind of settings: rules merged for every
    label (DOC from the rules alone), a score threshold, and int8 quantisation."""
    import dataclasses
    import shutil

    from vngov_nlp.schema import LABELS
    from vngov_nlp.tagging.combine import CombinePolicy
    from vngov_nlp.tagging.parser import ModelSettings

    out = tmp_path_factory.mktemp("hybrid") / "model"
    shutil.copytree(tiny_ner_dir, out)
    modes = {lab: "override" for lab in LABELS} | {"DOC": "rules"}
    settings = dataclasses.replace(ModelSettings.read(out), combine=CombinePolicy(modes, 0.5), quantize="int8")
    settings.write(out)
    return out
