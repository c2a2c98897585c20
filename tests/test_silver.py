"""The rule labeller (vngov_nlp/rules/) and the silver commands (training/silver.py): exact spans on written sentences, the negative
cases it must leave alone, offsets on messy input, and the corpus / eval commands.

Every sentence here is written for the test (none comes from the news corpus). Cases that need
place names from the administrative-unit gazetteers skip when ../shared/gazetteers is absent.
"""
from __future__ import annotations

import gzip
import json
import unicodedata

import pytest

from training.silver import label_corpus, main
from vngov_nlp.rules import RuleLabeller, load_gazetteer
from vngov_nlp.data import load_documents, text_sha1
from vngov_nlp.schema import Document, validate_document


@pytest.fixture(scope="module")
def plain() -> RuleLabeller:
    """The labeller without gazetteers: every rule that does not need a place list."""
    return RuleLabeller(use_gazetteers=False)


@pytest.fixture(scope="module")
def gazetteer():
    gaz = load_gazetteer()
    if gaz is None:
        pytest.skip("gazetteers not found (../shared/gazetteers or $VNGOV_GAZETTEERS)")
    return gaz


@pytest.fixture(scope="module")
def full(gazetteer) -> RuleLabeller:
    return RuleLabeller(gazetteer)


def spans_of(lab: RuleLabeller, text: str) -> list[tuple[str, str]]:
    spans = lab.label(text)
    problems = validate_document(Document("t", text, spans))
    assert not problems, problems
    return [(unicodedata.normalize("NFC", text[s.start:s.end]), s.label) for s in spans]


# (sentence, the spans expected, exactly and in order)
NUMERIC_CASES = [
    ("Thu ngân sách đạt 1.208,8 tỷ đồng, bằng 82% dự toán.",
     [("1.208,8 tỷ đồng", "MONEY"), ("82%", "PERCENT")]),
    ("Tỉnh hỗ trợ 500 triệu đồng cho hợp tác xã và vay 2 triệu USD.",
     [("500 triệu đồng", "MONEY"), ("2 triệu USD", "MONEY")]),
    ("Mỗi hộ được hỗ trợ 300 - 500 triệu đồng để làm nhà.", [("300 - 500 triệu đồng", "MONEY")]),
    ("Giá đất ở khu mới là 15 triệu đồng/m2.", [("15 triệu đồng/m2", "MONEY")]),
    ("Thu ngân sách tăng 1,9% và đạt 95% - 100% kế hoạch, lãi suất 7%/năm.",
     [("1,9%", "PERCENT"), ("95% - 100%", "PERCENT"), ("7%/năm", "PERCENT")]),
    ("Toàn huyện trồng mới 527,3 ha rừng.", [("527,3 ha", "QUANTITY")]),
    ("Có 5.030 hộ gia đình và 480 lao động được hỗ trợ.",
     [("5.030 hộ gia đình", "QUANTITY"), ("480 lao động", "QUANTITY")]),
    ("Tỉnh đạt 16/33 chỉ tiêu, có 28 xã, thị trấn về đích.",
     [("16/33 chỉ tiêu", "QUANTITY"), ("28 xã", "QUANTITY")]),
    ("Đường dây 110kV đã đóng điện.", [("110kV", "QUANTITY")]),
    ("Sáng 21/9, đoàn công tác làm việc với huyện.", [("21/9", "DATE")]),
    ("Chỉ thị số 04/CT-UBND ngày 10/9/2021 của UBND tỉnh.",
     [("Chỉ thị số 04/CT-UBND", "DOC"), ("10/9/2021", "DATE"), ("UBND tỉnh", "ORG")]),
    ("Hội nghị diễn ra ngày 6 tháng 8 năm 2021 tại hội trường.", [("6 tháng 8 năm 2021", "DATE")]),
    ("Phiên họp tháng 9 bàn kế hoạch từ tháng 5/2023 đến quý IV/2022.",
     [("tháng 9", "DATE"), ("tháng 5/2023", "DATE"), ("quý IV/2022", "DATE")]),
    ("Kết quả 9 tháng đầu năm 2021 và nhiệm vụ 3 tháng cuối năm.",
     [("9 tháng đầu năm 2021", "PERIOD"), ("3 tháng cuối năm", "PERIOD")]),
    ("Kế hoạch giai đoạn 2021 - 2025 của nhiệm kỳ 2021-2026.",
     [("giai đoạn 2021 - 2025", "PERIOD"), ("nhiệm kỳ 2021-2026", "PERIOD")]),
    ("Doanh thu tăng 12% so với cùng kỳ năm trước, chi tăng so với cùng kỳ.",
     [("12%", "PERCENT"), ("cùng kỳ năm trước", "PERIOD"), ("cùng kỳ", "PERIOD")]),
    ("Dự án hoàn thành trong 5 năm, chậm 07 ngày.", [("5 năm", "PERIOD"), ("07 ngày", "PERIOD")]),
    ("Thực hiện Nghị quyết số 105/NQ-CP và Quyết định số 57/QĐ-UBND.",
     [("Nghị quyết số 105/NQ-CP", "DOC"), ("Quyết định số 57/QĐ-UBND", "DOC")]),
    ("Theo Thông tư 335/2016/TT-BTC và Nghị định số 43/2014/NĐ-CP.",
     [("Thông tư 335/2016/TT-BTC", "DOC"), ("Nghị định số 43/2014/NĐ-CP", "DOC")]),
    ("Tỉnh gửi Báo cáo số 153-BC/BCS lên cấp trên.", [("Báo cáo số 153-BC/BCS", "DOC")]),
    ("Sửa đổi các Nghị định số: 01/2017/NĐ-CP, 43/2014/NĐ-CP.",
     [("01/2017/NĐ-CP", "DOC"), ("43/2014/NĐ-CP", "DOC")]),
]

ENTITY_CASES = [
    ("Giám đốc Sở Tài chính Nguyễn Ngọc Thanh báo cáo.",
     [("Giám đốc", "TITLE"), ("Sở Tài chính", "ORG"), ("Nguyễn Ngọc Thanh", "PER")]),
    ("Phó Chủ tịch UBND tỉnh Trần Văn Hùng phát biểu.",
     [("Phó Chủ tịch", "TITLE"), ("UBND tỉnh", "ORG"), ("Trần Văn Hùng", "PER")]),
    ("Ông Phạm Minh Tuấn, Bí thư Tỉnh ủy, dự họp.",
     [("Phạm Minh Tuấn", "PER"), ("Bí thư", "TITLE"), ("Tỉnh ủy", "ORG")]),
    ("Ủy viên Ban Thường vụ Tỉnh ủy chủ trì.", [("Ủy viên", "TITLE"), ("Ban Thường vụ Tỉnh ủy", "ORG")]),
    ("Chánh Văn phòng UBND tỉnh trình bày tờ trình.", [("Chánh Văn phòng", "TITLE"), ("UBND tỉnh", "ORG")]),
    ("Văn phòng UBND tỉnh tổng hợp ý kiến của Chính phủ và Quốc hội.",
     [("Văn phòng UBND tỉnh", "ORG"), ("Chính phủ", "ORG"), ("Quốc hội", "ORG")]),
    ("Sở Kế hoạch và Đầu tư phối hợp với Cục Thuế tỉnh.",
     [("Sở Kế hoạch và Đầu tư", "ORG"), ("Cục Thuế tỉnh", "ORG")]),
    ("Trưởng Ban Dân tộc tỉnh cho biết.", [("Trưởng", "TITLE"), ("Ban Dân tộc tỉnh", "ORG")]),
    ("Chủ tịch UBND các huyện chịu trách nhiệm.", [("Chủ tịch", "TITLE")]),
    ("Tại buổi làm việc, bà Lò Thị Mai cho biết.", [("Lò Thị Mai", "PER")]),
]

NEGATIVE_CASES = [
    ("UBND các huyện, thành phố triển khai kế hoạch.", []),
    ("Đề nghị các sở, ban, ngành phối hợp thực hiện.", []),
    ("UBND các cấp và chính quyền các cấp vào cuộc.", []),
    ("Đại biểu và lãnh đạo các địa phương dự họp.", []),
    ("Quyết định này có hiệu lực; Nghị định và Thông tư đã ban hành.", []),
    ("Thời gian qua và thời gian tới còn nhiều việc.", []),
    ("Dịch Covid-19 lan rộng ở nhiều nơi.", []),
    ("Đại hội lần thứ XIV và Quốc hội khóa XV.", [("Quốc hội", "ORG")]),
    ("Hàng nghìn hộ dân và nhiều dự án bị ảnh hưởng.", []),
    ("Đạt 15/19 theo kế hoạch.", []),
]

APPROXIMATOR_CASES = [
    ("Tổng vốn khoảng 500 triệu đồng.", [("500 triệu đồng", "MONEY")]),
    ("Thu hút hơn 50.000 tỷ vốn đầu tư.", [("50.000 tỷ", "MONEY")]),
    ("Có gần 150 doanh nghiệp tham gia.", [("150 doanh nghiệp", "QUANTITY")]),
    ("Giải ngân trên 82% kế hoạch, ước 1.010 tỷ đồng.", [("82%", "PERCENT"), ("1.010 tỷ đồng", "MONEY")]),
    ("Họp vào ngày 16 tháng 6 năm 2025.", [("16 tháng 6 năm 2025", "DATE")]),
    ("Khai mạc ngày 29/7 tại tỉnh.", [("29/7", "DATE")]),
]


@pytest.mark.parametrize("text,expected", NUMERIC_CASES)
def test_numerics(plain, text, expected):
    assert spans_of(plain, text) == expected


@pytest.mark.parametrize("text,expected", ENTITY_CASES)
def test_entities_without_gazetteer(plain, text, expected):
    assert spans_of(plain, text) == expected


@pytest.mark.parametrize("text,expected", NEGATIVE_CASES)
def test_negatives(plain, text, expected):
    assert spans_of(plain, text) == expected


@pytest.mark.parametrize("text,expected", APPROXIMATOR_CASES)
def test_approximators_and_ngay_stay_outside(plain, text, expected):
    assert spans_of(plain, text) == expected


GAZETTEER_CASES = [
    ("Chủ tịch UBND tỉnh Lai Châu Lê Văn Lương chủ trì phiên họp.",
     [("Chủ tịch", "TITLE"), ("UBND tỉnh Lai Châu", "ORG"), ("Lê Văn Lương", "PER")]),
    ("Đoàn công tác làm việc tại huyện Mường Tè và tỉnh Điện Biên.",
     [("huyện Mường Tè", "LOC"), ("tỉnh Điện Biên", "LOC")]),
    ("UBND tỉnh Điện Biên giao nhiệm vụ cho các xã.", [("UBND tỉnh Điện Biên", "ORG")]),
    ("Sản phẩm được bán tại Hà Nội, Đà Nẵng và nhiều nơi khác.", [("Hà Nội", "LOC"), ("Đà Nẵng", "LOC")]),
    ("Phóng viên Báo Lai Châu có mặt.", [("Báo Lai Châu", "ORG")]),
    ("Bà Rịa - Vũng Tàu thu hút thêm vốn đầu tư.", [("Bà Rịa - Vũng Tàu", "LOC")]),
    ("Hàng hóa xuất sang Trung Quốc tăng mạnh.", [("Trung Quốc", "LOC")]),
    ("Chủ tịch UBND tỉnh Hoàng Văn Nam kiểm tra công trình.",
     [("Chủ tịch", "TITLE"), ("UBND tỉnh", "ORG"), ("Hoàng Văn Nam", "PER")]),
]


@pytest.mark.parametrize("text,expected", GAZETTEER_CASES)
def test_gazetteer_places(full, text, expected):
    assert spans_of(full, text) == expected


def test_gazetteer_tone_placement(gazetteer, full):
    # old and new tone placement (`Hoà`/`Hòa`) name the same province
    assert spans_of(full, "Đoàn đến tỉnh Hoà Bình.") == [("tỉnh Hoà Bình", "LOC")]
    assert spans_of(full, "Đoàn đến tỉnh Hòa Bình.") == [("tỉnh Hòa Bình", "LOC")]


MESSY = (
    "Sáng 21/9, Chủ tịch UBND tỉnh Trần Tiến Dũng chủ trì.\r\n"
    "Thu ngân sách đạt\u00a01.208,8 tỷ đồng, bằng 82% dự toán;\u200b tăng 1,9% so với cùng kỳ năm trước.\r\n"
    "Thực hiện Nghị quyết số 105/NQ-CP, giai đoạn 2021 - 2025."
)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_offsets_on_decomposed_and_messy_input(plain, form):
    text = unicodedata.normalize(form, MESSY)
    spans = plain.label(text)
    assert not validate_document(Document("m", text, spans))
    got = [(unicodedata.normalize("NFC", text[s.start:s.end]).replace("\u00a0", " "), s.label) for s in spans]
    assert got == [
        ("21/9", "DATE"), ("Chủ tịch", "TITLE"), ("UBND tỉnh", "ORG"), ("Trần Tiến Dũng", "PER"),
        ("1.208,8 tỷ đồng", "MONEY"), ("82%", "PERCENT"), ("1,9%", "PERCENT"),
        ("cùng kỳ năm trước", "PERIOD"), ("Nghị quyết số 105/NQ-CP", "DOC"), ("giai đoạn 2021 - 2025", "PERIOD"),
    ]
    for s in spans:  # spans are sorted, flat, and carry their surface
        assert s.text == text[s.start:s.end]
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_values(plain):
    text = "Năm 2021, thu 1.208,8 tỷ đồng; ngày 21/9 họp; Nghị định số 43/2014/NĐ-CP; 16/33 chỉ tiêu."
    by_label = {s.label: s.value for s in plain.label(text)}
    assert by_label["MONEY"] == {"amount": 1208800000000.0, "currency": "VND"}
    assert by_label["DATE"] == {"date": "2021-09-21"}  # year from `Năm 2021` before the span
    assert by_label["DOC"]["number"] == "43/2014/NĐ-CP" and by_label["DOC"]["type"] == "Nghị định"
    assert by_label["QUANTITY"] == {"amount": 16, "of": 33, "unit": "chỉ tiêu"}


def test_empty_and_plain_text(plain):
    assert plain.label("") == []
    assert plain.label("Không có gì để gắn nhãn ở đây.") == []


def _write_corpus(folder, docs):
    with gzip.open(folder / "news.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i, text in enumerate(docs):
            fh.write(json.dumps({"id": f"doc{i}", "source": "test", "text": text}, ensure_ascii=False) + "\n")


def test_label_corpus_writes_standoff_records(tmp_path, plain):
    docs = [
        "Sáng 21/9, Chủ tịch UBND tỉnh chủ trì phiên họp.",
        "Không có gì ở đây.",
        unicodedata.normalize("NFD", "Thu ngân sách đạt 1.208,8 tỷ đồng, bằng 82% dự toán."),
        "Theo Quyết định số 57/QĐ-UBND.",
    ]
    _write_corpus(tmp_path, docs)
    out = tmp_path / "silver" / "news.jsonl"
    stats = label_corpus(tmp_path, out, max_docs=3, labeller=plain)
    assert stats["read"] == 3 and stats["written"] == 2
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["doc0", "doc2"]
    for r in recs:
        assert set(r) == {"id", "corpus", "sha1", "spans"} and r["corpus"] == "news"
        assert r["sha1"] == text_sha1(docs[int(r["id"][3:])])
    # the records join back with the corpus and validate
    joined = load_documents(out, corpus=tmp_path)
    assert [d.id for d in joined] == ["doc0", "doc2"]
    for d in joined:
        assert d.spans and not validate_document(d)
    first = joined[0]
    assert [first.text[s.start:s.end] for s in first.spans] == ["21/9", "Chủ tịch", "UBND tỉnh"]


def test_cli_corpus_and_eval(tmp_path, capsys):
    _write_corpus(tmp_path, ["Ngày 6/10, Giám đốc Sở Tài chính Nguyễn Ngọc Thanh báo cáo thu 223,4 tỷ đồng."])
    out = tmp_path / "out.jsonl"
    assert main(["corpus", "--out", str(out), "--corpus", str(tmp_path)]) == 0
    assert out.is_file() and json.loads(out.read_text(encoding="utf-8").splitlines()[0])["spans"]
    capsys.readouterr()

    text = "Ngày 6/10, Giám đốc Sở Tài chính Nguyễn Ngọc Thanh báo cáo thu 223,4 tỷ đồng, bằng 82% dự toán."
    def sp(surface, label):
        i = text.index(surface)
        return {"start": i, "end": i + len(surface), "label": label}
    gold = {"id": "g1", "text": text, "spans": [
        sp("6/10", "DATE"), sp("Giám đốc", "TITLE"), sp("Sở Tài chính", "ORG"), sp("Nguyễn Ngọc Thanh", "PER"),
        sp("223,4 tỷ đồng", "MONEY"), sp("82%", "PERCENT"), sp("dự toán", "QUANTITY")]}  # one the rules miss
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--json", str(tmp_path / "scores.json")]) == 0
    printed = capsys.readouterr().out
    assert "| MONEY | 1.000 | 1.000 |" in printed and "| QUANTITY | 0.000 | 0.000 |" in printed
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert scores["labels"]["PER"]["precision"] == 1.0 and scores["micro"]["recall"] < 1.0
