"""DOC values (values/docrefs.py): type, number, issuer, year; titles of named documents."""
import pytest

from vngov_nlp.values import normalize


@pytest.mark.parametrize("surface, expected", [
    # seeds and LABELS.md / GUIDELINES examples
    ("Nghị quyết số 105/NQ-CP", {"type": "Nghị quyết", "number": "105/NQ-CP", "issuer": "CP"}),
    ("43/2014/NĐ-CP", {"type": "Nghị định", "number": "43/2014/NĐ-CP", "issuer": "CP", "year": 2014}),
    ("01/2017/NĐ-CP", {"type": "Nghị định", "number": "01/2017/NĐ-CP", "issuer": "CP", "year": 2017}),
    ("Báo cáo số 153-BC/BCS", {"type": "Báo cáo", "number": "153-BC/BCS", "issuer": "BCS"}),
    ("Nghị quyết 02-NQ/TU", {"type": "Nghị quyết", "number": "02-NQ/TU", "issuer": "TU"}),
    ("Thông tư 335/2016/TT-BTC",
     {"type": "Thông tư", "number": "335/2016/TT-BTC", "issuer": "BTC", "year": 2016}),
    ("Chỉ thị số 04/CT-UBND", {"type": "Chỉ thị", "number": "04/CT-UBND", "issuer": "UBND"}),
    ("Quyết định số 57/QĐ-UBND", {"type": "Quyết định", "number": "57/QĐ-UBND", "issuer": "UBND"}),
    ("Nghị quyết số 68/NQ-CP", {"type": "Nghị quyết", "number": "68/NQ-CP", "issuer": "CP"}),
    ("Nghị quyết số 198/NQ-HĐND", {"type": "Nghị quyết", "number": "198/NQ-HĐND", "issuer": "HĐND"}),
    ("nghị quyết số 75/NQ-CP", {"type": "Nghị quyết", "number": "75/NQ-CP", "issuer": "CP"}),
    ("QUYẾT ĐỊNH SỐ 12/QĐ-UBND", {"type": "Quyết định", "number": "12/QĐ-UBND", "issuer": "UBND"}),
    ("Luật Lâm nghiệp", {"type": "Luật", "title": "Lâm nghiệp"}),
    ("Luật Đất đai năm 2013", {"type": "Luật", "title": "Đất đai năm 2013", "year": 2013}),
    ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV",
     {"type": "Nghị quyết", "title": "Đại hội Đảng bộ tỉnh lần thứ XIV"}),
    ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII",
     {"type": "Nghị quyết", "title": "Đại hội Đảng bộ tỉnh lần thứ XVII"}),
    # other numbering styles
    ("Kế hoạch số 2150/KH-UBND", {"type": "Kế hoạch", "number": "2150/KH-UBND", "issuer": "UBND"}),
    ("Tờ trình số 88/TTr-SKHĐT", {"type": "Tờ trình", "number": "88/TTr-SKHĐT", "issuer": "SKHĐT"}),
    ("Công điện số 09/CĐ-TTg", {"type": "Công điện", "number": "09/CĐ-TTg", "issuer": "TTg"}),
    ("Kết luận số 14-KL/TW", {"type": "Kết luận", "number": "14-KL/TW", "issuer": "TW"}),
    ("Chỉ thị 05-CT/TW", {"type": "Chỉ thị", "number": "05-CT/TW", "issuer": "TW"}),
    ("Thông báo số 321-TB/TU", {"type": "Thông báo", "number": "321-TB/TU", "issuer": "TU"}),
    ("Hướng dẫn số 36-HD/BTGTW", {"type": "Hướng dẫn", "number": "36-HD/BTGTW", "issuer": "BTGTW"}),
    ("Công văn số 1873/UBND-TH", {"type": "Công văn", "number": "1873/UBND-TH", "issuer": "UBND"}),
    ("Thông tư liên tịch số 07/2015/TTLT-BNV-BTC",
     {"type": "Thông tư liên tịch", "number": "07/2015/TTLT-BNV-BTC", "issuer": "BNV-BTC", "year": 2015}),
    ("Nghị quyết số 41/2021/QH15",
     {"type": "Nghị quyết", "number": "41/2021/QH15", "issuer": "QH15", "year": 2021}),
    ("Luật số 16/2017/QH14", {"type": "Luật", "number": "16/2017/QH14", "issuer": "QH14", "year": 2017}),
    ("Luật Quy hoạch số 21/2017/QH14",
     {"type": "Luật", "number": "21/2017/QH14", "issuer": "QH14", "year": 2017}),
    ("Kết luận thanh tra số 18/KL-TTr", {"type": "Kết luận", "number": "18/KL-TTr", "issuer": "TTr"}),
    ("Hiệp định vay số 3015-VIE", {"type": "Hiệp định", "number": "3015-VIE"}),
    ("Quyết định hành chính 166/QĐ-UBND", {"type": "Quyết định", "number": "166/QĐ-UBND", "issuer": "UBND"}),
    ("Hiến pháp", {"type": "Hiến pháp"}),
    ("Đề án phát triển du lịch đến năm 2030", {"type": "Đề án", "title": "phát triển du lịch đến năm 2030"}),
    ("Quy hoạch điện lực đến năm 2020 và năm 2025", {"type": "Quy hoạch", "title": "điện lực đến năm 2020 và năm 2025"}),
    ("Nghị định 15/2020", {"type": "Nghị định", "number": "15/2020", "year": 2020}),
    ("Nghị quyết 36", {"type": "Nghị quyết", "number": "36"}),
    ("Nghị quyết 11-2020/NQ-CP", {"type": "Nghị quyết", "number": "11-2020/NQ-CP", "issuer": "CP", "year": 2020}),
    ("Quyết định số: 1002/QĐ-UBND", {"type": "Quyết định", "number": "1002/QĐ-UBND", "issuer": "UBND"}),
    ("Quyết định số 57/QĐ-UBND ngày 15/01/2021",  # a too-long span still gives the number
     {"type": "Quyết định", "number": "57/QĐ-UBND", "issuer": "UBND"}),
    ("05/2019/TT-BKHĐT", {"type": "Thông tư", "number": "05/2019/TT-BKHĐT", "issuer": "BKHĐT", "year": 2019}),
    ("số 12/CT-TTg", {"type": "Chỉ thị", "number": "12/CT-TTg", "issuer": "TTg"}),
    ("789/UBND-KTN", {"number": "789/UBND-KTN", "issuer": "UBND"}),
    # named documents
    ("Bộ luật Dân sự năm 2015", {"type": "Bộ luật", "title": "Dân sự năm 2015", "year": 2015}),
    ("Hiến pháp năm 2013", {"type": "Hiến pháp", "title": "năm 2013", "year": 2013}),
    ("Chương trình giáo dục phổ thông mới 2018",
     {"type": "Chương trình", "title": "giáo dục phổ thông mới 2018", "year": 2018}),
    ("Đề án phát triển du lịch cộng đồng giai đoạn 2021 - 2025",
     {"type": "Đề án", "title": "phát triển du lịch cộng đồng giai đoạn 2021 - 2025"}),
    ("Đề án chuyển đổi số 2021-2025", {"type": "Đề án", "title": "chuyển đổi số 2021-2025"}),
    ("Luật Bảo vệ môi trường 2020", {"type": "Luật", "title": "Bảo vệ môi trường 2020", "year": 2020}),
])
def test_docrefs(surface, expected):
    assert normalize("DOC", surface) == expected


@pytest.mark.parametrize("surface", ["Quyết định này", "Chỉ thị này", "Nghị định", "Thông tư", "số", ""])
def test_back_references_are_not_documents(surface):
    assert normalize("DOC", surface) is None
