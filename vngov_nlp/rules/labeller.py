"""High-precision rules: `RuleLabeller().label(text)` gives flat, sorted, non-overlapping spans.

Offsets index `text` itself (NFD input included) and obey the token rule. The
rules prefer silence to guessing: a span is only written where its label and
both of its edges are clear from the text (a closed list of units, titles,
department names, level words with a place name, ...).

Numerics (MONEY, PERCENT, QUANTITY, DATE, PERIOD, DOC) are regexes over the
NFC text; entities (ORG, TITLE, PER, LOC) are built around anchors: a council
or department head plus its level and place, a title followed by a body or a
name, a name after an honorific, a level word followed by a place name (found
in the administrative-unit gazetteers when they are given).

Two users: `parse`, which merges these spans with the model's (`tagging/combine.py`)
and runs without gazetteers, and the silver labeller (training/silver.py), which
labels the corpus with them.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from ..schema import VALUE_LABELS, Span
from ..text import normalize as normalize_text
from ..values import ValueContext
from ..values import normalize as normalize_value
from .gazetteer import Gazetteer, load_gazetteer, name_key
# ---------------------------------------------------------------------------
# character classes and small helpers

_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and c.isupper())
_UP = "[" + re.escape(_UPPER) + "]"
_L = r"[^\W\d_]"  # a letter
_NB = r"(?<![^\W_])"  # not after a letter or digit
_NA = r"(?![^\W_])"  # not before a letter or digit
_CAPSYL = _UP + _L + "*"  # a capitalised syllable (or an acronym)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first, each word's spaces matching one or more spaces."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        out.append(r"\s+".join(re.escape(p) for p in w.split(" ")))
    return "(?:" + "|".join(out) + ")"


def _alt_ci(words: Iterable[str]) -> str:
    """Like `_alt`, but each word's first letter matches either case (`Phó giám đốc`)."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        parts = []
        for p in w.split(" "):
            a, b = p[0].lower(), p[0].upper()
            head = f"[{re.escape(a)}{re.escape(b)}]" if a != b else re.escape(p[0])
            parts.append(head + re.escape(p[1:]))
        out.append(r"\s+".join(parts))
    return "(?:" + "|".join(out) + ")"


def _fast(rx: re.Pattern, firsts: str | Iterable[str]) -> re.Pattern:
    """`rx` behind a one-character lookahead on its possible first characters: most positions fail at once."""
    chars: set[str] = set()
    for w in ([firsts] if isinstance(firsts, str) else firsts):
        for c in (w if isinstance(firsts, str) else w[:1]):
            chars.add(c.lower())
            chars.add(c.upper())
    cls = "".join(sorted(re.escape(c) for c in chars))
    return re.compile(f"(?=[{cls}])(?:{rx.pattern})", rx.flags)


def _ci_first(words: Iterable[str]) -> list[str]:
    """Each word as written and with its first letter in the other case."""
    out = set()
    for w in words:
        out.add(w)
        out.add(w[0].swapcase() + w[1:])
    return sorted(out)


# word lists (curated; closed classes only)

SURNAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Đoàn Lương Mai
Trương Lâm Phùng Tạ Hà Cao Chu Vương Tô Thái Lưu Quách Tôn Kiều Triệu Lò Nông Hầu Lại Mạc Thân
Khổng Hứa Châu Cù Cầm Lục Âu Diệp Đàm Đào La Kim Quan Tăng Bạch Nghiêm Lã Ninh Viên Vi Sầm Tòng
Thạch Danh Doãn Mẫn Khúc Phí Ân Bế Hàn Lữ Tiêu Ung Xa Giáp Điểu Đới Khuất Quản
Thiều Mạnh Nhữ Lạc Khương Biện Vy Từ Kha Lư Chế Mã
""".split())
# honorifics after which a name follows (kept outside the name)
_HONORIFIC = r"(?:ông|bà|Ông|Bà|đồng chí|Đồng chí|đ/c|Đ/c|anh|chị|ĐB|đại biểu|Đại biểu)"

TITLES = [
    "Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực", "Phó Chủ tịch thường trực",
    "Chủ tịch nước", "Phó Chủ tịch nước", "Chủ tịch Hội đồng quản trị", "Phó Chủ tịch Hội đồng quản trị",
    "Chủ tịch HĐQT", "Phó Chủ tịch HĐQT", "Chủ tịch HĐTV", "Chủ tịch Hội đồng thành viên",
    "Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực", "Phó Bí thư thường trực", "Tổng Bí thư",
    "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc", "Phó Tổng Giám đốc",
    "Bộ trưởng", "Thứ trưởng", "Thứ trưởng Thường trực", "Thủ tướng", "Phó Thủ tướng",
    "Phó Thủ tướng Thường trực",
    "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chánh Thanh tra", "Phó Chánh Thanh tra",
    "Chánh án", "Phó Chánh án", "Viện trưởng", "Phó Viện trưởng",
    "Trưởng ban", "Phó Trưởng ban", "Phó Trưởng ban Thường trực", "Trưởng đoàn", "Phó Trưởng đoàn",
    "Cục trưởng", "Phó Cục trưởng", "Tổng cục trưởng", "Phó Tổng cục trưởng", "Chi cục trưởng",
    "Vụ trưởng", "Phó Vụ trưởng", "Chủ nhiệm", "Phó Chủ nhiệm", "Thống đốc", "Phó Thống đốc",
    "Tổng Kiểm toán", "Tổng Thanh tra", "Chỉ huy trưởng", "Tư lệnh", "Chính ủy", "Chính uỷ",
    "Ủy viên", "Uỷ viên", "Tỉnh ủy viên", "CVP", "Trưởng phòng", "Phó Trưởng phòng", "Thủ trưởng",
    "Đại sứ", "Tổng thống", "Thị trưởng", "Ngoại trưởng",
    "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
]
# titles that are only titles when a body follows them (`Trưởng Ban Dân tộc tỉnh`)
BARE_TITLES = ["Trưởng", "Phó", "Phó Trưởng"]

# Department names after `Sở` / `Bộ` (also with `&` and dash abbreviations)
DEPARTMENTS = [
    "Tài chính", "Kế hoạch và Đầu tư", "Kế hoạch - Đầu tư", "Kế hoạch & Đầu tư", "KH&ĐT", "KH-ĐT", "KHĐT",
    "Xây dựng", "Giao thông vận tải", "Giao thông Vận tải", "Giao thông - Vận tải", "GTVT", "GT-VT",
    "Công Thương", "Công thương", "Y tế", "Giáo dục và Đào tạo", "Giáo dục - Đào tạo", "GD&ĐT", "GD-ĐT", "GDĐT",
    "Nội vụ", "Tư pháp", "Tài nguyên và Môi trường", "Tài nguyên - Môi trường", "TN&MT", "TN-MT", "TNMT",
    "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và PTNT", "Nông nghiệp - Phát triển nông thôn",
    "NN&PTNT", "NN-PTNT", "NNPTNT", "Nông nghiệp và Môi trường", "NN&MT",
    "Lao động - Thương binh và Xã hội", "Lao động – Thương binh và Xã hội", "Lao động, Thương binh và Xã hội",
    "LĐ-TB&XH", "LĐTB&XH", "LĐ-TBXH", "LĐTBXH",
    "Văn hóa, Thể thao và Du lịch", "Văn hóa - Thể thao và Du lịch", "Văn hóa – Thể thao và Du lịch",
    "Văn hoá, Thể thao và Du lịch", "Văn hoá - Thể thao và Du lịch", "VH-TT&DL", "VHTT&DL", "VHTTDL",
    "Văn hóa và Thể thao", "Thông tin và Truyền thông", "TT&TT", "TT-TT", "TTTT",
    "Khoa học và Công nghệ", "KH&CN", "KHCN", "Ngoại vụ", "Du lịch", "Dân tộc và Tôn giáo",
]
MINISTRY_ONLY = ["Công an", "Quốc phòng", "Ngoại giao", "Chính trị", "Dân tộc và Tôn giáo"]
# `Ban` + name; `True` where the name needs a qualifier after it (`Ban Thường vụ Tỉnh ủy`)
BOARDS = {
    "Dân tộc": False, "Tuyên giáo": False, "Dân vận": False, "Nội chính": False, "Bí thư": False,
    "Tổ chức": True, "Thường vụ": True, "Chấp hành": True, "Kiểm tra": True,
    "Kinh tế - Ngân sách": True, "Kinh tế – Ngân sách": True, "Pháp chế": True, "Văn hóa - Xã hội": True,
    "Văn hóa – Xã hội": True, "Văn hoá - Xã hội": True, "Đô thị": True, "Kinh tế": True,
    "Tuyên giáo và Dân vận": False,
}
# other heads, each: (head, needs a qualifier)
OTHER_HEADS = {
    "Tổng cục Thuế": False, "Tổng cục Hải quan": False, "Tổng cục Thống kê": False,
    "Chi cục Thuế": True, "Chi cục Quản lý thị trường": True, "Chi cục Kiểm lâm": True,
    "Cục Thuế": False, "Cục Hải quan": False, "Cục Thống kê": False, "Cục Quản lý thị trường": False,
    "Công an": True, "Tòa án nhân dân": True, "Toà án nhân dân": True, "TAND": True,
    "Viện Kiểm sát nhân dân": True, "Viện kiểm sát nhân dân": True, "VKSND": True,
    "Đảng bộ": True, "Ban Chấp hành Đảng bộ": True, "Đoàn đại biểu Quốc hội": True, "Đoàn ĐBQH": True,
    "Liên đoàn Lao động": True, "Hội Nông dân": True, "Hội Liên hiệp Phụ nữ": True, "Hội Cựu chiến binh": True,
    "Bộ Chỉ huy Quân sự": True, "Bộ CHQS": True, "Bộ Chỉ huy Bộ đội Biên phòng": True,
    "Bộ đội Biên phòng": True, "Thanh tra": True, "Kho bạc Nhà nước": False,
    "Ủy ban Mặt trận Tổ quốc Việt Nam": True, "Ủy ban MTTQ Việt Nam": True, "Ủy ban MTTQ": True,
    "Ủy ban Kiểm tra": True, "Uỷ ban Kiểm tra": True, "UBKT": True,
    "Ủy ban Thường vụ Quốc hội": False, "Ủy ban Chứng khoán Nhà nước": False,
    "Ủy ban Tài chính - Ngân sách": False, "Ủy ban Kinh tế": False, "Ủy ban Pháp luật": False,
    "Ủy ban Tư pháp": False, "Ủy ban Dân tộc": False, "Ủy ban Đối ngoại": False,
    "Ủy ban Quốc phòng và An ninh": False, "Ủy ban Về các vấn đề xã hội": False,
    "Ngân hàng Thế giới": False, "Ngân hàng Phát triển châu Á": False,
    "Kiểm toán Nhà nước": False, "Ngân hàng Nhà nước": False, "Ngân hàng Chính sách xã hội": False,
    "Thanh tra Chính phủ": False, "Văn phòng Chính phủ": False, "Văn phòng Quốc hội": False,
    "Văn phòng Trung ương Đảng": False, "Văn phòng Chủ tịch nước": False,
    "Đài Phát thanh và Truyền hình": True, "Đài PT-TH": True, "Đài PTTH": True,
}
COUNCILS = ["UBND", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân", "UBMTTQ", "UBMTTQVN"]
FIXED_ORGS = [
    "Chính phủ", "Quốc hội", "Bộ Chính trị", "Ban Bí thư", "Ban Bí Thư", "Ban Chấp hành Trung ương",
    "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam", "TTXVN",
    "Kiểm toán Nhà nước", "Ủy ban Thường vụ Quốc hội", "Trung ương Đảng",
]
PARTY_COMMITTEES = ["Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy", "Huyện uỷ", "Quận ủy", "Thị ủy"]
COMPANY_HEADS = [
    "Tập đoàn", "Tổng công ty", "Tổng Công ty", "Công ty", "Ngân hàng TMCP", "Báo", "Tạp chí",
]
COMPANY_FORMS = ["CP", "TNHH", "TNHH MTV", "Cổ phần", "cổ phần", "TMCP", "MTV"]

# Level words (administrative units) before a place name
LEVELS = ["tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn"]
LEVELS_ORG = LEVELS + ["cấp tỉnh", "cấp huyện", "cấp xã"]

COUNTRIES = [
    "Việt Nam", "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Lào", "Campuchia", "Thái Lan", "Singapore",
    "Hoa Kỳ", "Mỹ", "Pháp", "Ấn Độ", "Australia", "Malaysia", "Indonesia", "Philippines", "Myanmar",
    "Đài Loan", "Hồng Kông", "Triều Tiên", "Liên bang Nga", "Canada", "Israel", "Ukraine",
    "Tây Nguyên", "Đông Nam Á", "châu Á", "châu Âu", "miền Trung", "miền Bắc", "miền Nam",
    "miền Tây", "Tây Bắc", "Đồng bằng sông Cửu Long", "đồng bằng sông Cửu Long", "ĐBSCL", "Nam Bộ",
    "Bắc Bộ", "Trung Bộ", "Nam Trung Bộ", "Bắc Trung Bộ", "Đông Nam Bộ", "Tây Nam Bộ",
]
FEATURES = ["sông", "suối", "vịnh", "đèo", "núi", "bán đảo", "đảo", "hồ", "thác", "vùng", "khu vực"]

# Words that may follow a counted noun and end the QUANTITY (or start the next clause).
STOP_WORDS = frozenset("""
và hoặc với của được đã đang sẽ có là tại trong trên dưới thuộc cho từ đến tới so bằng đạt tăng giảm
như này đó khác mới còn chưa không thì mà nhưng để vào ra lên về theo do bị gồm nên phải cần hiện vẫn
cũng đều tham nằm trở đi đạt chiếm vượt bao hay nhằm nhận sau trước khi nếu vì qua tham ở cùng đồng
năm tháng ngày hết làm thực tiếp trúng đủ xin chỉ rồi lại bởi nước quốc tiêm triển mắc nhiễm tử thiệt
đăng vay nộp nợ đón hoạt hưởng thoát sống mất tăng giảm nghỉ bỏ
""".split())

NUMBER_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_NUMWORD = _alt(_ci_first(NUMBER_WORDS))

MEASURE_UNITS = [
    "ha", "hécta", "héc-ta", "km2", "km²", "km", "m2", "m²", "m3", "m³", "m", "cm", "mm",
    "tấn", "tạ", "kg", "lít", "MW", "MWp", "kW", "kWh", "MWh", "GW", "GWh", "kV", "kVA", "MVA",
    "TEU", "DWT", "°C",
]
COUNTED_NOUNS = [
    "người", "hộ", "hộ gia đình", "hộ dân", "lao động", "xã", "phường", "thị trấn", "huyện", "tỉnh",
    "thôn", "bản", "quận", "dự án", "dự án đầu tư", "doanh nghiệp", "DN", "công trình", "trường hợp",
    "tiêu chí", "tiêu chí/xã", "chỉ tiêu", "chỉ tiêu chủ yếu", "chỉ tiêu thành phần", "học sinh", "sinh viên",
    "đảng viên", "cán bộ", "công chức", "viên chức", "bệnh nhân", "ca mắc", "căn hộ", "căn nhà", "ngôi nhà",
    "phòng học", "trường", "lớp học", "xe", "xe ô tô", "chiếc", "chiếc xe", "tàu", "con", "cây", "hồ sơ",
    "vụ", "vụ việc", "đối tượng", "gói thầu", "đơn vị", "đơn vị hành chính", "cơ sở", "hợp tác xã",
    "sản phẩm", "văn bản", "tờ trình", "nghị quyết", "quyết định", "kiến nghị", "nhiệm vụ", "giải pháp",
    "nhóm", "đoàn", "đợt", "tuổi", "lượt", "lượt khách", "lượt người", "du khách", "khách", "thành viên",
    "đại biểu", "nhà máy", "khu công nghiệp", "cụm công nghiệp", "dự thảo", "chương trình", "căn",
    "lô", "thửa", "thửa đất", "tổ máy", "trụ sở", "quốc gia", "địa phương", "giai đoạn", "lần", "liều",
    "cấp", "ban", "bộ", "sở", "ngành", "phiếu", "công nhân", "giáo viên", "bác sĩ", "nhân viên",
    "chuyến", "chuyến bay", "tuyến", "tuyến đường", "trạm", "hội viên", "gia đình", "tổ chức",
]
# per-unit tails inside MONEY / PERCENT / QUANTITY (`/m2`, `/người/năm`)
PER_UNITS = [
    "m2", "m²", "m3", "ha", "người", "hộ", "tháng", "năm", "ngày", "lượt", "kg", "tấn", "con", "suất",
    "km", "lít", "căn", "xã", "học sinh", "lao động", "sản phẩm", "giờ", "tuần", "quý", "dự án",
    "nhân khẩu", "khẩu", "ca", "chiếc", "xe", "MW", "kWh",
]

# ---------------------------------------------------------------------------
# numeric patterns

_NUM = r"(?<![\w.,/\-–])\d+(?:[.,]\d+)*(?![.,]?\d)"
_NUM2 = r"\d+(?:[.,]\d+)*(?![.,]?\d)"  # second number of a range
_DASH = r"\s?[-–]\s?"
_SCALE = r"(?:nghìn\s+tỷ|ngàn\s+tỷ|nghìn\s+tỉ|ngàn\s+tỉ|tỷ|tỉ|triệu|nghìn|ngàn)"
_CUR = _alt(["đồng", "VNĐ", "VND", "vnđ", "USD", "usd", "đô la Mỹ", "đô la", "đôla", "Euro", "EUR", "euro",
             "yên Nhật", "yên", "nhân dân tệ", "Nhân dân tệ"])
_PER = r"(?:\s?/\s?" + _alt(PER_UNITS) + _NA + r")*"
_YEAR = r"(?:19|20)\d{2}"
_YEARN = r"(?<![\w.,/])(?:19|20)\d{2}(?![\w/]|[.,]\d)"

_MONEY = re.compile(
    rf"(?P<n>{_NUM}(?:\s?{_SCALE})?(?:{_DASH}{_NUM2})?)\s?(?P<scale>{_SCALE})?\s?(?P<cur>{_CUR}){_NA}"
    rf"(?!\s+(?:chí|bào|hồ|thời|ruộng|bằng|lúa|nghĩa|ý|tình|hành|đội|phục|loại|minh|chủ|tâm|nhất|cảm|"
    rf"thuận|hương|dạng|đều|ca|xu|lòng){_NA}){_PER}"
)
_MONEY_NOCUR = re.compile(rf"(?P<n>{_NUM}(?:{_DASH}{_NUM2})?)\s?(?P<scale>nghìn\s+tỷ|ngàn\s+tỷ|tỷ|tỉ){_NA}")
_MONEY_WORD_AFTER = re.compile(r"[ ]+(?:vốn|tiền|ngân sách|kinh phí)(?![^\W_])")  # `hơn 50.000 tỷ vốn đầu tư`
_MONEY_D = re.compile(rf"{_NUM}\s?đ(?![^\W_])")
_PERCENT = re.compile(
    rf"{_NUM}\s?%(?:{_DASH}{_NUM2}\s?%)?(?:\s?/\s?(?:năm|tháng|quý){_NA})?"
    rf"|{_NUM}{_DASH}{_NUM2}\s?%"
    rf"|{_NUM}\s(?:điểm\s)?phần\străm{_NA}"
)
_QUANTITY = re.compile(
    rf"(?P<n>{_NUM}/\d+(?![\d/])|{_NUM}(?:{_DASH}{_NUM2})?|{_NB}{_NUMWORD})"
    rf"(?:\s(?P<scale>triệu|nghìn|ngàn|tỷ))?"
    rf"(?P<gap>\s?)(?P<unit>{_alt(MEASURE_UNITS + COUNTED_NOUNS)}){_NA}(?P<per>{_PER})"
)
_MEASURE_SET = frozenset(MEASURE_UNITS)
_AMBIGUOUS_AFTER_WORDS = frozenset(["con", "bộ", "sở", "lần", "căn", "bản", "vụ", "khách"])
_ADMIN_NOUNS = frozenset(["xã", "phường", "thị trấn", "huyện", "tỉnh", "thôn", "bản", "quận"])
# `4 triệu tấn thép/năm`, `2 triệu tấn một năm`: the unit runs on into a rate
_MEASURE_RATE = re.compile(rf"[ ](?:{_L}+[ ]){{0,2}}{_L}+/|[ ](?:một|mỗi)[ ](?:năm|tháng|ngày|giờ)(?![^\W_])")

# DATE
_DATE_DMY = re.compile(
    rf"(?<![\w.,/\-])(?P<d>\d{{1,2}})\s?(?P<s>[/.\-])\s?(?P<m>\d{{1,2}})\s?(?P=s)\s?(?P<y>{_YEAR})(?![\w/]|[.,]\d)"
)
_DATE_WORDS = re.compile(
    rf"{_NB}(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})(?:\s*,?\s*năm\s+(?P<y>{_YEAR})|\s?[/\-]\s?(?P<y2>{_YEAR}))?{_NA}"
)
_DATE_MONTH = re.compile(
    rf"{_NB}(?:tháng|Tháng)\s+(?P<m>\d{{1,2}})(?:\s?(?P<s>[/.\-])\s?(?P<y>{_YEAR})|\s+năm\s+(?P<y2>{_YEAR}))?(?![\w/]|[.,]\d|\s?[-–]\s?\d)"
)
_DATE_QUARTER = re.compile(
    rf"(?<![\w])(?:quý|Quý)\s+(?P<q>IV|III|II|I|[1-4])(?:\s?[/\-]\s?(?P<y>{_YEAR})|\s+năm\s+(?P<y2>{_YEAR}))?{_NA}(?!\s?[-–]\s?(?:I|[1-4]))",
    re.M,
)
_DATE_YEAR = re.compile(rf"{_NB}(?:năm|Năm)\s+(?P<y>{_YEAR})(?![\w/]|[.,]\d|\s?[-–]\s?\d)")
_DATE_DM = re.compile(
    rf"(?:(?<![\w])(?P<lead>ngày|Ngày|sáng|Sáng|chiều|Chiều|trưa|Trưa|tối|Tối|đêm|Đêm|nay|hôm nay|dịp|lễ|đến|từ|Từ|trước|hết)\s+|\()"
    rf"(?P<date>(?P<d>\d{{1,2}})(?P<s>[/.\-])(?P<m>\d{{1,2}}))(?![\w/]|[.,\-]\d|\s?[-–]\s?\d)"
    rf"(?!\s*(?:tuần|ngày|tháng|năm|người|giờ|lần|%){_NA})"
)
_DATE_REL = re.compile(
    rf"(?<!những )(?<!các )(?<!nhiều )(?<!mấy )(?<!\d )(?<!nửa )(?<!triệu )(?<!nghìn )(?<!ngàn )(?<!trăm )(?<!hàng )(?<![\w])(?:năm|Năm|tháng|Tháng)\s+(?:nay|ngoái|trước|tới|này){_NA}"
)
_CAN = "Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý"
_CHI = "Tý|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi"
_DATE_LUNAR = re.compile(rf"{_NB}(?:năm\s)?(?:{_CAN})\s(?:{_CHI}){_NA}(?:\s(?:năm\s)?{_YEAR}{_NA})?")

# PERIOD
_PERIOD_PART = re.compile(
    rf"{_NB}(?:(?:\d{{1,2}}|{_NUMWORD}|một|những|các|Những|Các)\s+)?(?:tháng|ngày)\s+(?:đầu|cuối)\s+năm"
    rf"(?:\s+(?:{_YEAR}{_NA}|nay{_NA}))?(?!\s+(?:học|mới|tài|âm|dương|ngoái|trước|tới|sau|sinh|thứ|\d))"
    rf"|{_NB}(?:nửa\s+đầu|nửa\s+cuối|Nửa\s+đầu|Nửa\s+cuối|đầu|cuối|giữa|Đầu|Cuối|Giữa)\s+năm(?:\s+{_YEAR}{_NA}|\s+nay{_NA}|\s+đến\s+nay{_NA})"
    rf"(?!\s+(?:học|mới|tài|âm|dương|ngoái|trước|tới|sau|sinh|thứ|\d))"
)
_PERIOD_BARE_PART = re.compile(
    rf"(?:(?<=so với )|(?<=[^\w]từ )|(?<=^từ )|(?<=Từ )|(?<=đến )|(?<=vào )|(?<=dịp ))(?:đầu|cuối)\s+năm{_NA}"
    rf"(?!\s+(?:học|mới|tài|âm|dương|ngoái|trước|tới|sau|sinh|thứ|nay|\d)|[ ]?[-–/])"
)
_PERIOD_RANGE = re.compile(
    rf"{_NB}(?:(?:giai\s+đoạn|nhiệm\s+kỳ|Giai\s+đoạn|Nhiệm\s+kỳ|năm\s+học|niên\s+vụ|niên\s+khóa|niên\s+độ)\s+(?:từ\s+)?(?:năm\s+)?)?"
    rf"{_YEARN}{_DASH}{_YEAR}{_NA}(?![/.,]\d)"
    rf"|{_NB}(?:giai\s+đoạn|Giai\s+đoạn|nhiệm\s+kỳ|Nhiệm\s+kỳ)\s+(?:từ\s+)?(?:năm\s+)?{_YEARN}\s+(?:đến|tới)\s+(?:năm\s+)?{_YEAR}{_NA}(?![/.,]\d)"
    rf"|{_NB}(?:{_NUMWORD}\s+)?(?:năm|Năm)\s+{_YEARN}{_DASH}{_YEAR}{_NA}(?![/.,]\d)"
)
_PERIOD_SAME = re.compile(rf"{_NB}(?:cùng|Cùng)\s+kỳ(?:\s+năm\s+(?:trước|ngoái|{_YEAR}){_NA})?{_NA}")
_PERIOD_DAYS = re.compile(
    rf"(?<![\w.,/\-])(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})\s?/\s?(?P<m>\d{{1,2}})(?:\s?/\s?(?P<y>{_YEAR}))?(?![\w/]|[.,]\d)"
)
_PERIOD_MONTHS = re.compile(
    rf"{_NB}tháng\s+(?P<a1>\d{{1,2}})\s?/\s?(?P<b1>{_YEAR}){_DASH}tháng\s+(?P<a2>\d{{1,2}})\s?/\s?(?P<b2>{_YEAR}){_NA}(?![/.,]\d)|"
    rf"{_NB}tháng\s+(?P<m1>\d{{1,2}})(?:\s?/\s?(?P<y1>{_YEAR}))?{_DASH}(?P<m2>\d{{1,2}})\s?[/.\-]\s?(?P<y>{_YEAR}){_NA}(?![/.,]\d)"
)
_PERIOD_DURATION = re.compile(
    rf"(?<!ngày )(?<!tháng )(?<!thứ )(?<!số )(?<!quý )(?<!khóa )(?<!lần )(?<!Ngày )"
    rf"(?P<n>(?<![\w.,/\-–])\d+(?:,\d+)?(?![.,]?\d)|{_NB}{_NUMWORD}|{_NB}(?:một|Một))\s+(?P<u>năm|tháng|ngày|tuần){_NA}"
    rf"(?P<qua>\s+qua{_NA})?"
    rf"(?!\s*[-–/.]?\s*\d|\s+(?:tới|trước|nữa|sinh|tuổi|học|nay|này|đó|ấy|liền|trở|năm|tháng|ngày|rưỡi|âm|dương|thứ|qua|giêng|Giêng|chạp|Chạp){_NA})"
)
_PERIOD_VAGUE = re.compile(rf"{_NB}(?:những\s+năm\s+gần\s+đây|(?<!những )(?<!các )(?<!nhiều )(?<!\d )(?<!thời gian )năm\s+qua|(?<!những )(?<!\d )tháng\s+qua){_NA}")

# DOC
_DOC_TYPES = [
    "Nghị quyết", "Quyết định", "Nghị định", "Thông tư", "Thông tư liên tịch", "Chỉ thị", "Báo cáo",
    "Kế hoạch", "Công văn", "Thông báo", "Tờ trình", "Hướng dẫn", "Kết luận", "Công điện", "Quy định",
    "Luật", "Pháp lệnh", "Văn bản", "Đề án", "Quyết định hành chính", "Nghị quyết liên tịch",
    "Bản án", "Bản án phúc thẩm", "Bản án sơ thẩm", "Giấy phép", "Giấy phép xây dựng", "Quy chế",
    "Văn bản chỉ đạo", "Quyết định khởi tố", "Quyết định khởi tố bị can", "Quyết định thu hồi đất",
]
# types whose number may follow without `số` (`Nghị định 134 ngày ...`, `Quyết định 09, ...`)
_BARE_NUMBER_TYPES = frozenset(["nghị định", "quyết định", "nghị quyết", "thông tư", "chỉ thị"])
_BARE_NUMBER_END = re.compile(r"[ ]*(?:[,.;:)]|$|\n|ngày[ ]+\d|của(?![^\W_])|về(?![^\W_])|và(?![^\W_]))")
_DOCNUM = r"\d+[A-Za-zĐđ]?(?:[/\-][A-Za-zĐđ0-9&.]*[A-Za-zĐđ0-9])+"
_DOCNUM_HAS_CODE = re.compile(r"[A-Za-zĐđ]")
_DOC_TYPED = re.compile(
    rf"{_NB}(?P<type>{_alt(_ci_first(_DOC_TYPES))})\s+(?:(?:số|Số)\s*:?\s*)?(?P<num>{_DOCNUM}|\d+(?=\s|[,.;:)]|$)){_NA}"
)
_DOC_BARE = re.compile(
    rf"(?<![\w.,/\-])\d+(?:/{_YEAR})?/(?:NĐ|NQ|QĐ|CT|TT|TTLT|BC|KH|TB|TTr|HD|CĐ|KL)-[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*{_NA}(?![/\-]\w)"
    rf"|(?<![\w.,/\-])\d+-(?:NQ|QĐ|CT|BC|KL|KH|TB|HD|QC|QĐi)/[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*{_NA}(?![/\-]\w)"
)
_LAWS = [
    "Đất đai", "Đầu tư công", "Đầu tư", "Ngân sách nhà nước", "Ngân sách Nhà nước", "Xây dựng", "Doanh nghiệp",
    "Quy hoạch", "Lâm nghiệp", "Đấu thầu", "Tổ chức chính quyền địa phương", "Nhà ở", "Kinh doanh bất động sản",
    "Bảo vệ môi trường", "Cán bộ, công chức", "Viên chức", "Khiếu nại", "Tố cáo", "Tiếp công dân",
    "Phòng, chống tham nhũng", "Thủy sản", "Du lịch", "Giao thông đường bộ", "Đường sắt", "Thuế thu nhập cá nhân",
    "Thuế thu nhập doanh nghiệp", "Quản lý thuế", "Hải quan", "Đa dạng sinh học", "Tài nguyên nước",
    "Khoáng sản", "Điện lực", "Bảo hiểm xã hội", "Bảo hiểm y tế", "Giáo dục", "Thanh tra",
    "Ban hành văn bản quy phạm pháp luật", "Quản lý nợ công", "Trồng trọt", "Chăn nuôi", "Thú y",
]
_DOC_LAW = re.compile(
    rf"{_NB}(?:Bộ\s+luật\s+(?:Hình\s+sự|Dân\s+sự|Lao\s+động|Tố\s+tụng\s+hình\s+sự)|Luật\s+{_alt(_ci_first(_LAWS))}|Hiến\s+pháp)"
    rf"(?:\s+(?:năm\s+)?{_YEAR})?{_NA}(?!\s+(?:sửa|mới|này|nói|nêu|hiện|các|về|số))"
)
_DOC_CONGRESS = re.compile(
    rf"{_NB}Nghị\s+quyết\s+Đại\s+hội\s+(?:(?:Đảng\s+bộ\s+(?:tỉnh|thành\s+phố|huyện)|Đảng\s+toàn\s+quốc|đại\s+biểu\s+toàn\s+quốc)\s+)?"
    rf"lần\s+thứ\s+[IVXLC]+{_NA}(?:\s+của\s+Đảng{_NA}|,\s+nhiệm\s+kỳ\s+{_YEAR}{_DASH}{_YEAR}{_NA})?"
)
_DOC_LIST = re.compile(rf"{_NB}(?:các|Các)\s+{_alt(_ci_first(_DOC_TYPES))}\s+số\s*:")

# ---------------------------------------------------------------------------
# entity patterns

# words after which a bare title has clearly ended (`Thủ tướng cho biết`, `báo cáo Thủ tướng trước ngày`)
_AFTER_TITLE = STOP_WORDS | frozenset("""
yêu nói phát nhấn chỉ chủ quyết ký giao đề kiến trả ghi gửi xem thăm tiếp dự khẳng cho biết đánh lưu
kêu trao chúc dẫn đồng phê chấp bày nêu hỏi mong ủng cảm
""".split())
_NEEDS_BODY = frozenset(["Ủy viên", "Uỷ viên", "ủy viên", "uỷ viên", "Thượng tướng", "Trung tướng", "Thiếu tướng",
                         "Đại tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Trưởng ban", "trưởng ban",
                         "Phó Trưởng ban", "Chủ nhiệm", "Phó Chủ nhiệm", "chủ nhiệm", "Đại sứ", "CVP"])
_APPOSITIVE = re.compile(
    rf"(?<![\w])(?:ông|bà|Ông|Bà|đồng chí|Đồng chí)[ ]+{_CAPSYL}(?:[ ]{_CAPSYL}){{0,3}}[ ]*(?:,|–|-)[ ]*(?:nguyên[ ]+|tân[ ]+)?$"
)
_TITLE_RE = re.compile(rf"{_NB}(?P<t>{_alt_ci(TITLES)}){_NA}")
_BARE_TITLE_RE = re.compile(rf"{_NB}(?P<t>{_alt_ci(BARE_TITLES)}){_NA}")
_LEVEL_RE = re.compile(rf"(?P<lv>{_alt_ci(LEVELS_ORG)}){_NA}|(?P<tp>TP|Tp|T\.P)(?:\.\s?|[ ]|(?=\.?HCM))")
_HCM = re.compile(rf"(?:HCM|Hồ\s+Chí\s+Minh|HCMC){_NA}")
_CAPRUN = re.compile(rf"{_CAPSYL}(?:(?:[ ]|[ ]?[-–][ ]?){_CAPSYL}){{0,6}}")
_CAPRUN_SP = re.compile(rf"{_CAPSYL}(?:[ ]{_CAPSYL}){{0,6}}")  # spaces only (company names)
_CAPSYL_RE = re.compile(_CAPSYL)
_DASH_PART = re.compile(rf"{_CAPSYL}(?:[ ]{_CAPSYL})*(?=[ ][-–][ ]|$)|(?<=[-–][ ]){_CAPSYL}(?:[ ]{_CAPSYL})*")
_WORD = re.compile(rf"{_L}+|\d+")
_PLURAL_AFTER = re.compile(r"(?:[ ]*,[ ]*(?:các[ ]+)?|[ ]+và[ ]+)(?:thành phố|huyện|quận|thị xã|xã|phường|thị trấn|tỉnh|TP)(?![^\W_])")
_PLURAL_BEFORE = re.compile(r"(?<![\w])(?:các|những|nhiều|mọi|từng|Các|Những|Nhiều)[ ]+$")
_NUMBER_BEFORE = re.compile(rf"(?:(?<![\w.,/\-–])\d+|(?<![\w]){_NUMWORD})[ ]+$")

_COUNCIL_RE = re.compile(rf"{_NB}(?P<h>{_alt(COUNCILS)}){_NA}")
_HEADS: dict[str, bool] = {}
for _d in DEPARTMENTS:
    _HEADS["Sở " + _d] = False
    _HEADS["Bộ " + _d] = False
for _d in MINISTRY_ONLY:
    _HEADS["Bộ " + _d] = False
for _d, _need in BOARDS.items():
    _HEADS["Ban " + _d] = _need
_HEADS.update(OTHER_HEADS)
_HEAD_KEY = {re.sub(r"\s+", " ", k).lower(): v for k, v in _HEADS.items()}
_DEPT_RE = re.compile(rf"{_NB}(?P<h>{_alt_ci(_HEADS)}){_NA}")
_PREFIX_RE = re.compile(
    rf"{_NB}(?P<p>{_alt(['Thường trực', 'thường trực', 'Ban cán sự đảng', 'Ban Cán sự Đảng', 'Ban cán sự Đảng', 'Ban Cán sự đảng', 'Đảng đoàn', 'BTV', 'Ban Thường vụ', 'Ban thường vụ', 'Thanh tra', 'Văn phòng', 'VP'])})[ ]+"
)
_FIXED_RE = re.compile(rf"{_NB}(?:{_alt(FIXED_ORGS)}){_NA}")
_EDITION = re.compile(r"[ ]+(?:lần|khóa|khoá)[ ]+thứ(?![^\W_])")
_PARTY_RE = re.compile(rf"{_NB}(?:{_alt(_ci_first(PARTY_COMMITTEES))}){_NA}(?![ ]+viên)")
_CENTRAL_RE = re.compile(rf"(?:Trung\s+ương\s+Đảng|Trung\s+ương|Quốc\s+hội|Chính\s+phủ){_NA}")
_COMPANY_RE = re.compile(rf"{_NB}(?P<h>{_alt(COMPANY_HEADS)})[ ]+(?:{_alt(COMPANY_FORMS)}[ ]+)?(?=[{re.escape(_UPPER)}])")
_DOMAIN_RE = re.compile(r"(?<![\w.@/])[a-z][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:gov\.vn|com\.vn|org\.vn|vn|com|net)(?![\w.@/])", re.I)
_HONOR_RE = re.compile(rf"(?<![\w])(?:các[ ]+)?(?P<h>{_HONORIFIC})(?:[ ]*:)?[ ]+(?=[{re.escape(_UPPER)}])")
_LIST_SEP = re.compile(r"(?:[ ]*,[ ]*|[ ]+và[ ]+)")
# `... giải trình cụ thể. Quế Hà` / `... (TTXVN)`: a name closing the text
_SIGNATURE_RE = re.compile(
    rf"(?:[.!?…”\"]|\n)[ \n]*(?P<n>{_CAPSYL}(?:[ ]{_CAPSYL}){{1,2}})[ ]*(?:\((?:TTXVN|t/h|TH|tổng hợp)\))?[ .\n]*$"
)
_BYLINE_RE = re.compile(r"(?:(?<=\()|(?<![\w]))(?:Ảnh|ẢNH|Tác giả|Bài và ảnh|Bài, ảnh)[ ]*:[ ]*")
_FEATURE_RE = re.compile(rf"{_NB}(?P<f>{_alt(FEATURES)})[ ]+(?=[{re.escape(_UPPER)}])")
_COUNTRY_RE = re.compile(rf"{_NB}(?:{_alt(COUNTRIES)}){_NA}")
_TPHCM_RE = re.compile(rf"{_NB}(?:TP\.?[ ]?HCM|Tp\.?[ ]?HCM|TPHCM|TP\.[ ]?Hồ[ ]Chí[ ]Minh|Tp\.[ ]?Hồ[ ]Chí[ ]Minh){_NA}")
_NOT_NAME = frozenset(name_key(w) for w in """
Internet TTXVN VGP VNA Facebook Zalo Google Youtube Covid Corona UBND HĐND BTC Ban Sở Bộ Phòng
Chủ Phó Bí Giám Trưởng Thủ Chánh Tổng Tỉnh Huyện Xã Phường Quận Nhà Đảng Nghị Quyết Thông
Sau Sáng Chiều Tối Trưa Ngày Theo Trong Tại Khi Với Để Ông Bà Chị Các Những Này Đó Nhưng Và
Cùng Còn Từ Đến Về Trước Hiện Nay Qua Do Vì Nếu Mặc Tuy Như Là Có Không Đã Đang Sẽ Được Bị Cho
Thứ Một Tháng Ương Nước Báo Đài Ảnh UBKT Thường Trực Ủy Uỷ Hội Tập Ty Cục Viện Trường Sở Dân Tuổi
Niên Động Luật Pháp
""".split()) - frozenset(name_key(w) for w in SURNAMES)
# words that open an organisation, facility or document name: a place right after them belongs to
# that name. Capitalised, any of these counts (`Ban Quản lý dự án ... tỉnh X`); in lower case only
# the facility words do (`cảng Đà Nẵng`, `bệnh viện ... tỉnh X`).
_NAME_HEADS = frozenset(w.lower() for w in """
sở ban bộ cục hội hiệp công ty tập đoàn trường đh học viện bệnh trung tâm phòng văn liên cổng đài báo
ngân quỹ khu kcn kkt ccn cảng ga sân thủy thuỷ nhà đề chương kế quy hạt chi dntn htx hợp thống thuế
kho tòa toà cơ cụm lữ đội tiểu quân mỏ làng di chùa đền điện bql qlda ubnd hđnd bch btv ủy uỷ đảng
thanh kiểm cty doanh dự đại
""".split())
# heads of long official names (`Viện Nghiên cứu phát triển kinh tế xã hội tỉnh X`): looked for further back
_STRONG_HEADS = frozenset("ban viện ty trung sở bệnh trường hiệp nhánh văn cục hạt cổng".split())
_NAME_HEADS_LOW = frozenset("""
cảng ga sân cao bệnh viện trường máy thủy thuỷ khu kcn ccn kkt chợ bến hạt ty đoàn hiệp ngân hàng
đài báo cổng cục nhánh htx tác cty bql qlda học
""".split())
_CLAUSE_STOP = frozenset("""
tại ở của cho với đến từ về trên thuộc qua giữa gồm như là thăm gặp vào ra tới sang khỏi trong ngoài
đối các những có được đã sẽ đang và hoặc cùng theo nhận làm
""".split())

_DIGITS = "0123456789"
_NUMWORD_FIRSTS = _DIGITS + "hbstcmHBSTCM"
for _name, _firsts in [
    ("_MONEY", _DIGITS), ("_MONEY_NOCUR", _DIGITS), ("_MONEY_D", _DIGITS), ("_PERCENT", _DIGITS),
    ("_QUANTITY", _NUMWORD_FIRSTS), ("_DATE_DMY", _DIGITS), ("_DATE_WORDS", _DIGITS), ("_DATE_MONTH", "tT"),
    ("_DATE_QUARTER", "qQ"), ("_DATE_YEAR", "nN"), ("_DATE_REL", "nNtT"), ("_DATE_LUNAR", "nGẤBĐMKCTQ"),
    ("_DATE_DM", "nNsScCtTđĐdDlLhH("), ("_PERIOD_PART", _NUMWORD_FIRSTS + "nđgĐG"), ("_PERIOD_BARE_PART", "đcĐC"),
    ("_PERIOD_RANGE", _DIGITS + "gnGN" + _NUMWORD_FIRSTS), ("_PERIOD_SAME", "cC"), ("_PERIOD_DAYS", _DIGITS),
    ("_PERIOD_MONTHS", "tT"), ("_PERIOD_DURATION", _NUMWORD_FIRSTS), ("_PERIOD_VAGUE", "nNtT"),
    ("_DOC_TYPED", _DOC_TYPES), ("_DOC_BARE", _DIGITS), ("_DOC_LAW", "BLHblh"), ("_DOC_CONGRESS", "N"),
    ("_DOC_LIST", "cC"), ("_TITLE_RE", TITLES), ("_BARE_TITLE_RE", BARE_TITLES), ("_LEVEL_RE", LEVELS_ORG + ["T"]),
    ("_COUNCIL_RE", COUNCILS), ("_PREFIX_RE", "TtBbĐV"), ("_FIXED_RE", FIXED_ORGS), ("_PARTY_RE", PARTY_COMMITTEES),
    ("_DEPT_RE", list(_HEADS)), ("_COMPANY_RE", COMPANY_HEADS), ("_HONOR_RE", "ôbđaĐcÔB"), ("_BYLINE_RE", "ẢTB"),
    ("_FEATURE_RE", FEATURES), ("_COUNTRY_RE", COUNTRIES), ("_TPHCM_RE", "T"),
    ("_DOMAIN_RE", "abcdefghijklmnopqrstuvwxyz"),
]:
    globals()[_name] = _fast(globals()[_name], _firsts)


def _stop_after(t: str, end: int, allow_cap: bool = True) -> bool:
    """Whether the text after `end` closes a counted noun: punctuation, end, a function word."""
    n = len(t)
    i = end
    while i < n and t[i] == " ":
        i += 1
    if i >= n or t[i] == "\n":
        return True
    c = t[i]
    if not c.isalnum():
        return c not in "/-–&"
    if c.isdigit():
        return False
    m = _WORD.match(t, i)
    w = m.group() if m else ""
    if allow_cap and w[:1].isupper() and not (len(w) > 1 and w.isupper()):
        return True
    return w in STOP_WORDS


def _prev_word(t: str, pos: int) -> str:
    i = pos
    while i > 0 and t[i - 1] == " ":
        i -= 1
    j = i
    while j > 0 and (t[j - 1].isalnum()):
        j -= 1
    return t[j:i]


def _at_sentence_start(t: str, pos: int) -> bool:
    """Whether `pos` starts a sentence, line or quotation (so a capital there says nothing)."""
    k = pos
    while k > 0 and t[k - 1] in " \"“‘'([":
        k -= 1
    if k == 0 or t[k - 1] in ".!?:;\n…":
        return True
    return t[k - 1] in "–-" and k - 1 > 0 and t[k - 2] in " \n"


def _glued_before(t: str, s: int, numbers: bool = True) -> bool:
    """Whether the word before `s` makes a body at `s` part of a longer name (`Ủy ban Dân tộc`, `Vụ II ...`)."""
    k = s
    while k > 0 and t[k - 1] == " ":
        k -= 1
    if k == s or k == 0 or not t[k - 1].isalnum():
        return False
    j = k
    while j > 0 and t[j - 1].isalnum():
        j -= 1
    w = t[j:k]
    if w.isdigit() or re.fullmatch(r"[IVXL]+", w):
        return numbers and _prev_word(t, j).lower() not in ("thứ", "số", "khóa", "khoá")
    return w[:1].isupper() and (len(w) > 1 and w.isupper() or not _at_sentence_start(t, j))


def _skip_spaces(t: str, i: int) -> int:
    n = len(t)
    while i < n and t[i] == " ":
        i += 1
    return i


def _valid_dm(d: str, m: str) -> bool:
    di, mi = int(d), int(m)
    return 1 <= di <= 31 and 1 <= mi <= 12


# ---------------------------------------------------------------------------
# the labeller


@dataclass(frozen=True)
class _Identity:
    """The offset map of a text that is already clean (NFC, plain spaces): every offset maps to itself."""

    text: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return start, end


# characters `vngov_nlp.text.normalize` would drop or turn into a space
_UNCLEAN = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\r\u00a0\u202f\u2007\t\u2000-\u200a\u3000\u000b\u000c\u1160-\u11ff"
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def _normalized(text: str):
    """`vngov_nlp.text.normalize(text)`, or a cheap identity map where that would change nothing."""
    if text.isascii() or (unicodedata.is_normalized("NFC", text) and not _UNCLEAN.search(text)):
        if "\r" not in text and "\t" not in text and "\x0b" not in text and "\x0c" not in text:
            return _Identity(text)
    return normalize_text(text)


@dataclass(frozen=True)
class _Cand:
    prio: int
    parts: tuple[tuple[int, int, str], ...]

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


class RuleLabeller:
    """High-precision rules: `label(text)` gives sorted, flat spans with offsets into `text`."""

    def __init__(self, gazetteers: str | os.PathLike | Gazetteer | None = None, values: bool = True,
                 use_gazetteers: bool = True):
        if isinstance(gazetteers, Gazetteer):
            self.gaz: Gazetteer | None = gazetteers
        elif use_gazetteers:
            self.gaz = load_gazetteer(gazetteers)
        else:
            self.gaz = None
        self.values = values

    # -- public -----------------------------------------------------------

    def label(self, text: str, doc_date: str | None = None) -> list[Span]:
        """Silver spans of `text`: sorted, non-overlapping, offsets into `text`, values filled in.

        Values read year-less dates against `doc_date` (ISO) when given, else against the
        nearest year written before the span.
        """
        if not text:
            return []
        norm = _normalized(text)
        t = norm.text
        cands: list[_Cand] = []
        self._numerics(t, cands)
        self._entities(t, cands)
        chosen = _resolve(cands, len(t))
        out: list[Span] = []
        n = len(text)
        last_end = 0
        for s, e, lab in chosen:
            os_, oe = norm.to_original(s, e)
            if os_ >= oe or os_ < last_end:
                continue
            surface = text[os_:oe]
            if surface != surface.strip():
                continue
            if os_ > 0 and text[os_ - 1].isalnum() and text[os_].isalnum():
                continue
            if oe < n and text[oe - 1].isalnum() and text[oe].isalnum():
                continue
            value = None
            if self.values and lab in VALUE_LABELS:
                value = normalize_value(lab, surface, ValueContext(doc_date=doc_date, before=text[:os_]))
            out.append(Span(os_, oe, lab, surface, 1.0, value))
            last_end = oe
        return out

    # -- numerics ---------------------------------------------------------

    def _numerics(self, t: str, cands: list[_Cand]) -> None:
        add = cands.append

        def one(prio: int, s: int, e: int, lab: str) -> None:
            add(_Cand(prio, ((s, e, lab),)))

        # DOC
        for m in _DOC_TYPED.finditer(t):
            if t[max(0, m.start() - 4):m.start()] in ("các ", "Các ") and ":" in t[m.end("type"):m.start("num")]:
                continue  # `các Nghị định số: 01/2017/NĐ-CP, ...`: the bare numbers are the documents
            num = m.group("num")
            if not _DOCNUM_HAS_CODE.search(num):
                # digits only: `Quyết định số 2594`, `Nghị định 24/2014`, `Nghị định 134 ngày ...`
                if "số" not in t[m.start("type"):m.start("num")].lower() and not re.fullmatch(rf"\d+/{_YEAR}", num):
                    typ = " ".join(m.group("type").split()).lower()
                    if typ not in _BARE_NUMBER_TYPES or not _BARE_NUMBER_END.match(t, m.end()):
                        continue
            if re.fullmatch(rf"{_YEAR}(?:-{_YEAR})?", num):
                continue
            if t[m.end():m.end() + 1] in ("/", "-"):
                continue
            one(1, m.start(), m.end(), "DOC")
        for m in _DOC_BARE.finditer(t):
            one(1, m.start(), m.end(), "DOC")
        for m in _DOC_LAW.finditer(t):
            if _glued_before(t, m.start(), numbers=False):
                continue  # `Tòa án Hiến pháp` is a court
            if not _CAPSYL_RE.match(t, m.end() + 1) or t[m.end():m.end() + 1] != " ":
                one(1, m.start(), m.end(), "DOC")
        for m in _DOC_CONGRESS.finditer(t):
            one(1, m.start(), m.end(), "DOC")
        for m in _DOC_LIST.finditer(t):
            # bare numbers listed after `các Nghị định số:`
            i = m.end()
            num = re.compile(rf"\s*(?P<num>\d+(?:/{_YEAR})?/[A-ZĐ][\wĐ&]*(?:-[\wĐ&]+)*){_NA}\s*(?:,|;|và)?")
            while True:
                mm = num.match(t, i)
                if not mm:
                    break
                one(1, mm.start("num"), mm.end("num"), "DOC")
                i = mm.end()

        # MONEY
        for m in _MONEY.finditer(t):
            cur = m.group("cur")
            if not m.group("scale") and not re.search(_SCALE, m.group("n")):
                digits = re.sub(r"\D", "", m.group("n"))
                if cur == "đồng" and (len(digits) < 4 or not re.search(r"[.,]\d{3}", m.group("n"))):
                    continue
            if t[m.end():m.end() + 1] == "/":
                continue  # a rate we cannot read to its end (`đồng/m 2 /tháng`)
            one(2, m.start(), m.end(), "MONEY")
        for m in _MONEY_NOCUR.finditer(t):
            if t[m.end():m.end() + 1] != "/" and (_stop_after(t, m.end(), allow_cap=False) or _MONEY_WORD_AFTER.match(t, m.end())):
                one(2, m.start(), m.end(), "MONEY")
        for m in _MONEY_D.finditer(t):
            if re.search(r"\d[.,]\d{3}", m.group()):
                one(2, m.start(), m.end(), "MONEY")

        # PERCENT
        for m in _PERCENT.finditer(t):
            one(2, m.start(), m.end(), "PERCENT")

        # QUANTITY
        for m in _QUANTITY.finditer(t):
            unit = m.group("unit")
            n = m.group("n")
            measure = unit in _MEASURE_SET
            if m.group("gap") == "" and not measure:
                continue
            if "/" in n:
                a, b = n.split("/")[:2]
                try:
                    if float(a.replace(".", "").replace(",", ".")) > float(b):
                        continue
                except ValueError:
                    continue
            if n[:1].isalpha() and (measure or unit in _AMBIGUOUS_AFTER_WORDS):
                continue  # `ba con`, `bảy bản`: number words before these nouns are too often something else
            # a counted noun must end there; a measure must not run into a rate (`tấn thép/năm`)
            if measure:
                if t[m.end():m.end() + 1] == "/" or _MEASURE_RATE.match(t, m.end()):
                    continue
            elif not _stop_after(t, m.end(), allow_cap=unit in _ADMIN_NOUNS):
                continue
            # a number after `số`, `thứ`, `lần`, a title (`Phó Chủ tịch`) is not a count
            pw = _prev_word(t, m.start())
            if pw in ("số", "thứ", "khóa", "khoá", "lần", "đợt", "tuyến", "Quốc", "hạng", "cấp", "loại", "mã", "phòng"):
                continue
            one(4, m.start(), m.end(), "QUANTITY")

        # DATE
        for m in _DATE_DMY.finditer(t):
            if _valid_dm(m.group("d"), m.group("m")):
                one(2, m.start(), m.end(), "DATE")
        for m in _DATE_WORDS.finditer(t):
            if not _valid_dm(m.group("d"), m.group("m")):
                continue
            if not (m.group("y") or m.group("y2")) and _prev_word(t, m.start()).lower() != "ngày":
                continue
            one(2, m.start(), m.end(), "DATE")
        for m in _DATE_MONTH.finditer(t):
            if 1 <= int(m.group("m")) <= 12 and not _prev_word(t, m.start()).isdigit():
                one(3, m.start(), m.end(), "DATE")
        for m in _DATE_QUARTER.finditer(t):
            pw = _prev_word(t, m.start())
            if m.group()[0] == "Q" and pw[:1].isupper() and not _at_sentence_start(t, m.start()):
                continue  # `Phạm Sỹ Quý`: a name
            one(3, m.start(), m.end(), "DATE")
        for m in _DATE_YEAR.finditer(t):
            one(4, m.start(), m.end(), "DATE")
        for m in _DATE_DM.finditer(t):
            if m.group("lead") in ("đến", "từ", "Từ", "trước", "hết") and m.group("s") != "/":
                continue
            if _valid_dm(m.group("d"), m.group("m")):
                s, e = m.start("date"), m.end("date")
                if t[m.start():m.start() + 1] == "(" and t[e:e + 1] != ")":
                    continue
                one(3, s, e, "DATE")
        for m in _DATE_REL.finditer(t):
            one(4, m.start(), m.end(), "DATE")
        for m in _DATE_LUNAR.finditer(t):
            pw = _prev_word(t, m.start())
            if pw[:1].isupper() and pw not in ("Xuân", "Tết"):
                continue
            if _CAPSYL_RE.match(t, _skip_spaces(t, m.end())) and t[m.end():m.end() + 1] == " ":
                continue
            one(3, m.start(), m.end(), "DATE")

        # PERIOD
        for m in _PERIOD_SAME.finditer(t):
            one(2, m.start(), m.end(), "PERIOD")
        for m in _PERIOD_PART.finditer(t):
            one(2, m.start(), m.end(), "PERIOD")
        for m in _PERIOD_BARE_PART.finditer(t):
            one(2, m.start(), m.end(), "PERIOD")
        for m in _PERIOD_RANGE.finditer(t):
            ys = re.findall(_YEAR, m.group())
            if len(ys) >= 2 and int(ys[0]) < int(ys[-1]) <= int(ys[0]) + 50:
                one(2, m.start(), m.end(), "PERIOD")
        for m in _PERIOD_DAYS.finditer(t):
            d1, d2, mo = int(m.group("d1")), int(m.group("d2")), int(m.group("m"))
            if 1 <= d1 < d2 <= 31 and 1 <= mo <= 12:
                one(2, m.start(), m.end(), "PERIOD")
        for m in _PERIOD_MONTHS.finditer(t):
            if m.group("a1"):
                a = (int(m.group("b1")), int(m.group("a1")))
                b = (int(m.group("b2")), int(m.group("a2")))
                if 1 <= a[1] <= 12 and 1 <= b[1] <= 12 and a < b:
                    one(2, m.start(), m.end(), "PERIOD")
            elif 1 <= int(m.group("m1")) < int(m.group("m2")) <= 12:
                one(2, m.start(), m.end(), "PERIOD")
        for m in _PERIOD_DURATION.finditer(t):
            n = m.group("n")
            if n[:1].isdigit() and len(n) > 3:
                continue
            if n.lower() == "một":
                continue  # `một năm tăng trưởng`: too often not a duration
            if m.group("qua") and not _stop_after(t, m.end()):
                continue  # `kéo dài 3 tháng qua khu vực`: `qua` is a verb there
            one(4, m.start(), m.end(), "PERIOD")
        for m in _PERIOD_VAGUE.finditer(t):
            one(4, m.start(), m.end(), "PERIOD")

    # -- entities ---------------------------------------------------------

    def _place_at(self, t: str, i: int, names: frozenset[str] | None) -> tuple[int, int]:
        """(end of the longest gazetteer name in `names` at `i`, end of the capitalised run at `i`); -1 where none."""
        m = _CAPRUN.match(t, i)
        if not m:
            return -1, -1
        run_end = m.end()
        if self.gaz is None or names is None:
            return -1, run_end
        ends = [x.end() for x in _CAPSYL_RE.finditer(t, m.start(), m.end())]
        for k in range(min(len(ends), self.gaz.max_syllables), 0, -1):
            if name_key(t[i:ends[k - 1]]) in names:
                return ends[k - 1], run_end
        return -1, run_end

    def _per_at(self, t: str, i: int, need_surname: bool = True, sizes: tuple[int, int] = (2, 4)) -> int:
        """End of a person's name at `i` (capitalised syllables, the whole capitalised run); -1 if none."""
        m = _CAPRUN_SP.match(t, i)
        if not m or t[m.end():m.end() + 1] in ("-", "–", ".") and t[m.end() + 1:m.end() + 2].isalnum():
            return -1
        words = m.group().split(" ")
        if not sizes[0] <= len(words) <= sizes[1]:
            return -1
        if need_surname and words[0] not in SURNAMES:
            return -1
        if len(words) == 4 and words[1] != "Thị" and not _stop_after(t, m.end(), allow_cap=False):
            return -1  # `Vũ Đức Đam Khẳng định` in a title-case headline
        if _COUNTRY_RE.match(t, i):
            return -1
        if self.gaz is not None and len(words) > 2:
            for k in (2, 3):
                if k < len(words) and name_key(" ".join(words[:k])) in self.gaz.provinces:
                    return -1
        for w in words:
            if len(w) > 1 and not w[1:].islower():
                return -1
            if name_key(w) in _NOT_NAME:
                return -1
        if self.gaz is not None:
            k = name_key(m.group())
            if k in self.gaz.provinces or k in self.gaz.districts:
                return -1
        return m.end()

    def _level_place(self, t: str, i: int) -> tuple[int, int, bool] | None:
        """A level word at `i` and the place after it: (level end, end, named); None where unclear."""
        m = _LEVEL_RE.match(t, i)
        if not m:
            return None
        if m.group("tp"):
            level = "tp"
            lv_end = m.start() + len(m.group("tp"))
            j = m.end()
            if t[j:j + 1] == ".":
                j += 1
            h = _HCM.match(t, j)
            if h:
                return lv_end, h.end(), True
            if j == lv_end:
                return lv_end, lv_end, False
        else:
            level = m.group("lv")
            lv_end = m.end()
            if level.lower().startswith("cấp"):
                return lv_end, lv_end, False
            if t[lv_end:lv_end + 1] != " ":
                return lv_end, lv_end, False
            j = lv_end + 1
            if level.lower() in ("quận", "phường"):
                num = re.match(r"\d{1,2}(?![\w.,/])", t[j:j + 3])
                if num:
                    return lv_end, j + num.end(), True
        names = self.gaz.for_level(level) if self.gaz is not None else None
        best, run_end = self._place_at(t, j, names)
        if run_end < 0:
            return lv_end, lv_end, False
        per = self._per_at(t, j)
        if best > 0:
            if best == run_end:
                return lv_end, best, True
            rest = best + 1 if t[best:best + 1] == " " else -1
            if rest > 0 and self._per_at(t, rest) == run_end:
                return lv_end, best, True
            if per == run_end:
                return lv_end, lv_end, False
            return None
        if per == run_end:
            return lv_end, lv_end, False  # `UBND tỉnh Trần Tiến Dũng`: the name is a person
        if self.gaz is None and len(t[j:run_end].split()) <= 4 and "-" not in t[j:run_end]:
            return lv_end, run_end, True
        return None

    def _org_at(self, t: str, i: int, depth: int = 0) -> int:
        """End of the organisation that starts at `i`; -1 where none (or a plural group)."""
        if i < 0 or i >= len(t) or depth > 3:
            return -1
        if _PLURAL_BEFORE.search(t, max(0, i - 10), i):
            return -1
        m = _PREFIX_RE.match(t, i)
        if m and not t.startswith(("Văn phòng", "VP"), m.end()):
            inner = self._org_at(t, m.end(), depth + 1)
            if inner > 0:
                return inner
        m = _COUNCIL_RE.match(t, i)
        if m:
            e = m.end()
            if t[e:e + 1] != " " or t.startswith("các", e + 1):
                return -1
            lp = self._level_place(t, e + 1)
            if lp is None:
                return -1
            lv_end, end, named = lp
            if not named and _PLURAL_AFTER.match(t, lv_end):
                return -1
            return end
        m = _PARTY_RE.match(t, i)
        if m:
            q = self._qualifier(t, m.end(), depth, nested=False, level=m.group().split()[0])
            return q if q > 0 else m.end()
        m = _FIXED_RE.match(t, i)
        if m:
            e = m.end()
            pw = t[max(0, i - 11):i].lower()
            if pw.endswith("trái phiếu ") or t.startswith(" điện tử", e):
                return -1
            if _EDITION.match(t, e):
                return e
            c = _CENTRAL_RE.match(t, e + 1) if t[e:e + 1] == " " else None
            if c:
                return c.end()
            c = _COUNTRY_RE.match(t, e + 1) if t[e:e + 1] == " " else None
            if c and self._country_ends(t, c.end()):
                return c.end()
            return e
        m = _DEPT_RE.match(t, i)
        if m:
            head = m.group("h")
            words = head.split()
            if len(words) == 1:
                if not words[0][0].isupper():
                    return -1
            elif not words[1][0].isupper() and not (words[0][0].isupper() and words[0] in ("Ban", "Văn", "Đảng", "Đoàn", "Hội", "Công", "Thanh", "Kho", "Kiểm", "Ngân", "Tòa", "Toà", "Viện", "Liên", "Đài", "Tổng", "Chi", "Cục")):
                return -1
            need = _HEAD_KEY.get(" ".join(words).lower(), False)
            q = self._qualifier(t, m.end(), depth)
            if q > 0:
                return q
            return -1 if need else m.end()
        return -1

    def _qualifier(self, t: str, end: int, depth: int, nested: bool = True, level: str = "Tỉnh") -> int:
        """What specifies a body after its name: a parent body, a level (+ place), a province; -1 if none."""
        if t[end:end + 1] != " " or _EDITION.match(t, end):
            return -1
        j = end + 1
        if nested:
            inner = self._org_at(t, j, depth + 1)
            if inner > 0:
                return inner
        c = _CENTRAL_RE.match(t, j)
        if c:
            return c.end()
        lp = self._level_place(t, j)
        if lp is not None:
            lv_end, e, named = lp
            if not named and _PLURAL_AFTER.match(t, lv_end):
                return -1
            return e
        if self.gaz is not None:
            lv = level.lower()
            names = self.gaz.districts if lv in ("huyện", "quận", "thị") else self.gaz.bare
            best, run_end = self._place_at(t, j, names)
            if best > 0 and (best == run_end or self._per_at(t, best + 1) == run_end):
                return best
        c = _COUNTRY_RE.match(t, j)
        if c and self._country_ends(t, c.end()):
            return c.end()
        return -1

    def _country_ends(self, t: str, e: int) -> bool:
        """A country name ends at `e` (what follows is lowercase, punctuation or a person's name)."""
        if t[e:e + 1] != " " or not _CAPSYL_RE.match(t, e + 1):
            return t[e:e + 1] not in ("-", "–")
        return self._per_at(t, e + 1, need_surname=False) > 0

    def _lone_title(self, t: str, s: int, e: int, title: str) -> bool:
        """A title with no body or name after it that is still clearly a title.

        After a person (`ông Phan Dương Cường, Giám đốc ...`), or capitalised mid-text and
        followed by lower case or punctuation (`báo cáo Thủ tướng, ...`).
        """
        if " ".join(title.split()) in _NEEDS_BODY or _glued_before(t, s):
            return False
        after_person = bool(_APPOSITIVE.search(t, max(0, s - 60), s))
        if not (after_person or title[:1].isupper()):
            return False
        j = e
        while j < len(t) and t[j] == " ":
            j += 1
        if j >= len(t) or not t[j].isalnum():
            return j >= len(t) or t[j] in ",.;:)!?\n"
        if title.split()[-1].lower() in ("ban", "phòng", "đoàn"):
            return False  # `Trưởng ban Tuyên giáo`, `Trưởng đoàn đại biểu ...`: where the title ends is unclear
        m = _WORD.match(t, j)
        if t[j].islower():
            return bool(m) and m.group() in _AFTER_TITLE
        # `ông X, Giám đốc Ban Quản lý dự án ...`; not `Bộ trưởng Quốc phòng Nga` (the title runs on)
        return after_person and title.split()[-1].lower() not in ("trưởng", "tướng")

    def _in_name(self, t: str, s: int) -> bool:
        """Whether a place at `s` is the tail of some longer name (`Hiệp hội BĐS TP HCM`, `Công ty ... tỉnh X`)."""
        j = s
        count = 0
        while j > 0 and count < 14:
            k = j
            while k > 0 and t[k - 1] == " ":
                k -= 1
            if k > 0 and t[k - 1] in "-–&":
                if count == 0 and k == j:
                    return True  # `Hà Nội-...`, `...-Quy hoạch TP`
                k -= 1  # `Văn hóa – Thể thao tỉnh X`: a dash inside the name
                while k > 0 and t[k - 1] == " ":
                    k -= 1
            if k == 0 or not t[k - 1].isalnum():
                return False
            w_end = k
            while k > 0 and t[k - 1].isalnum():
                k -= 1
            w = t[k:w_end]
            if count == 0 and w[:1].isupper() and (len(w) > 1 and w.isupper() or not _at_sentence_start(t, k)):
                return True
            lw = w.lower()
            if lw in _CLAUSE_STOP:
                return False
            cap = w[:1].isupper()
            if cap and lw in _STRONG_HEADS:
                return True
            if count < 7 and (lw in _NAME_HEADS_LOW or (cap and lw in _NAME_HEADS)):
                return True
            j = k
            count += 1
        return False

    def _entities(self, t: str, cands: list[_Cand]) -> None:
        add = cands.append
        orgs: dict[int, int] = {}

        def org(i: int) -> int:
            if i not in orgs:
                orgs[i] = self._org_at(t, i)
            return orgs[i]

        # TITLE chains: title (+ ORG) (+ PER)
        for rx, bare in ((_TITLE_RE, False), (_BARE_TITLE_RE, True)):
            for m in rx.finditer(t):
                s, e = m.start(), m.end()
                if t[max(0, s - 4):s] in ("Ban ", "ban "):
                    continue  # `Ban Bí thư` is a body
                j = e + 1 if t[e:e + 1] == " " else -1
                nb = _NUMBER_BEFORE.search(t, max(0, s - 12), s)
                if j < 0:
                    if not bare and not nb and self._lone_title(t, s, e, m.group("t")):
                        add(_Cand(0, ((s, e, "TITLE"),)))
                    continue
                if nb:
                    # `2 Phó Chủ tịch UBND tỉnh` is a count of officials (QUANTITY), then the body
                    oe = org(j)
                    parts = [(nb.start(), e, "" if bare else "QUANTITY")] + ([(j, oe, "ORG")] if oe > 0 else [])
                    add(_Cand(0, tuple(parts)))
                    continue
                if bare and t.startswith(("Văn phòng", "VP", "văn phòng"), j):
                    continue
                parts = [(s, e, "TITLE")]
                oe = org(j)
                if oe > 0:
                    parts.append((j, oe, "ORG"))
                    if t[oe:oe + 1] == " ":
                        pe = self._per_at(t, oe + 1)
                        if pe > 0:
                            parts.append((oe + 1, pe, "PER"))
                elif bare:
                    continue
                else:
                    pe = self._per_at(t, j) if m.group("t")[:1].isupper() else -1
                    if pe > 0:
                        parts.append((j, pe, "PER"))
                    else:
                        c = _COUNCIL_RE.match(t, j)
                        if not (c and t.startswith(" các", c.end())) and not self._lone_title(t, s, e, m.group("t")):
                            continue  # `Chủ tịch UBND các huyện`: the title alone
                add(_Cand(0, tuple(parts)))

        # standalone organisations
        for rx in (_PREFIX_RE, _COUNCIL_RE, _PARTY_RE, _FIXED_RE, _DEPT_RE):
            for m in rx.finditer(t):
                e = org(m.start())
                if e > 0:
                    if _glued_before(t, m.start()):  # part of a longer name: nothing inside it either
                        add(_Cand(3, ((m.start(), e, ""),)))
                    else:
                        add(_Cand(3, ((m.start(), e, "ORG"),)))
        for m in _COMPANY_RE.finditer(t):
            if _glued_before(t, m.start()) or _prev_word(t, m.start()) in ("ty", "phần"):
                continue
            j = m.end()
            r = _CAPRUN_SP.match(t, j)
            if not r or r.end() - j < 2 or not _stop_after(t, r.end(), allow_cap=False):
                continue
            if t[r.end():r.end() + 1] in ("-", "–") or t[r.end():r.end() + 2] in (" -", " –"):
                continue
            add(_Cand(3, ((m.start(), r.end(), "ORG"),)))
        for m in _DOMAIN_RE.finditer(t):
            if re.search(r"[a-z]", m.group()):
                add(_Cand(3, ((m.start(), m.end(), "ORG"),)))

        # people after an honorific (and the names listed after them), bylines
        for m in _HONOR_RE.finditer(t):
            h = m.group("h")
            strict = h[0].isupper() and not _at_sentence_start(t, m.start()) or h in ("ĐB", "đại biểu", "Đại biểu")
            if self.gaz is not None and self._place_at(t, m.start(), self.gaz.units)[0] > 0:
                continue  # `Bà Rịa`, `Bà Chiểu`
            j = m.end()
            pe = self._per_at(t, j)
            if pe < 0 and not strict and h.lower() in ("ông", "bà", "anh", "chị"):
                pe = self._per_at(t, j, need_surname=False, sizes=(1, 2))
                if pe - j < 2:
                    pe = -1  # `bà M.`: an initial
            if pe < 0:
                continue
            add(_Cand(3, ((j, pe, "PER"),)))
            plural = m.group().startswith("các") or ":" in m.group() or bool(_NUMBER_BEFORE.search(t, max(0, m.start() - 12), m.start()))
            while True:  # `các ông: Lê Khắc Nam, Nguyễn Xuân Bình và Phạm Văn Hà`
                nx = _LIST_SEP.match(t, pe)
                if not nx or ("," in nx.group() and not plural):
                    break
                pe2 = self._per_at(t, nx.end())
                if pe2 < 0:
                    break
                add(_Cand(3, ((nx.end(), pe2, "PER"),)))
                pe = pe2
        for m in _BYLINE_RE.finditer(t):
            j = m.end()
            pe = self._per_at(t, j, need_surname=False, sizes=(2, 4))
            if pe > 0 and (t[pe:pe + 1] == "/" or _stop_after(t, pe, allow_cap=False)):
                add(_Cand(3, ((j, pe, "PER"),)))
        m = _SIGNATURE_RE.search(t, max(0, len(t) - 80))
        if m:  # the author's name closing an article
            pe = self._per_at(t, m.start("n"), need_surname=False, sizes=(2, 3))
            if pe == m.end("n"):
                add(_Cand(3, ((m.start("n"), pe, "PER"),)))

        # places
        gaz = self.gaz
        for m in _LEVEL_RE.finditer(t):
            s = m.start()
            if s > 0 and t[s - 1].isalnum():
                continue
            lv = (m.group("lv") or "").lower()
            if lv.startswith("cấp") or (lv == "xã" and _prev_word(t, s).lower() == "tác"):
                continue
            lp = self._level_place(t, s)
            if lp is None or not lp[2]:
                continue
            lv_end, e, _ = lp
            if gaz is None and not m.group("tp"):
                continue
            if self._in_name(t, s):
                add(_Cand(5, ((s, e, ""),)))  # the tail of a longer name: no place inside it either
                continue
            if _PLURAL_BEFORE.search(t, max(0, s - 10), s) or _NUMBER_BEFORE.search(t, max(0, s - 12), s):
                k = _skip_spaces(t, lv_end + (1 if t[lv_end:lv_end + 1] == "." else 0))
                if k < e:
                    add(_Cand(5, ((k, e, "LOC"),)))  # `các huyện Mường Tè`: each name is a place
                continue
            add(_Cand(5, ((s, e, "LOC"),)))
        for m in _TPHCM_RE.finditer(t):
            if not self._in_name(t, m.start()):
                add(_Cand(5, ((m.start(), m.end(), "LOC"),)))
        if gaz is not None:
            names = gaz.bare
            hcm, huế = name_key("Hồ Chí Minh"), name_key("Huế")
            for r in _CAPRUN.finditer(t):
                s, e = r.start(), r.end()
                if s > 0 and t[s - 1].isalnum():
                    continue
                words = t[s:e].replace("-", " ").replace("–", " ").split()
                if any(len(w) > 1 and w.isupper() for w in words):
                    continue
                if _prev_word(t, s).lower() in ("tỉnh", "phố", "huyện", "quận", "xã", "phường", "trấn", "tp"):
                    continue  # the level rule decides about `tỉnh X`
                key = name_key(t[s:e])
                if key in names and key != hcm and (len(words) > 1 or key == huế):
                    if self._standalone(t, s, e) and not self._in_name(t, s):
                        add(_Cand(5, ((s, e, "LOC"),)))
                    continue
                # `Ninh Bình - Nghi Sơn`, `Dầu Giây - Phan Thiết`: places joined by a spaced dash
                parts = [(p.start() + s, p.end() + s) for p in _DASH_PART.finditer(t[s:e])]
                if len(parts) < 2 or self._in_name(t, s) or not self._standalone(t, s, e):
                    continue
                for ps, pe in parts:
                    pk = name_key(t[ps:pe])
                    if pk in names and pk != hcm and " " in t[ps:pe]:
                        add(_Cand(5, ((ps, pe, "LOC"),)))
        for m in _COUNTRY_RE.finditer(t):
            if m.group() == "Pháp" and t.startswith(" luật", m.end()):
                continue  # the newspaper `Pháp luật`
            if _prev_word(t, m.start()).lower() in ("người", "tiếng", "kiều", "mương", "kênh", "phố", "đường"):
                continue  # a nationality or a name, not the place
            if self._standalone(t, m.start(), m.end()) and not self._in_name(t, m.start()):
                add(_Cand(5, ((m.start(), m.end(), "LOC"),)))
        for m in _FEATURE_RE.finditer(t):
            j = m.end()
            c = _COUNTRY_RE.match(t, j)
            r = _CAPRUN.match(t, j)
            if c and not (r and r.end() > c.end()):
                end = c.end()
            elif r and m.group("f") not in ("vùng", "khu vực"):
                words = r.group().replace("-", " ").replace("–", " ").split()
                if len(words) > 4 or any(w.isupper() or name_key(w) in _NOT_NAME for w in words):
                    continue
                end = r.end()
            elif r and gaz is not None and name_key(r.group()) in gaz.units and not r.group().isupper():
                end = r.end()
            else:
                continue
            if self._in_name(t, m.start()):
                continue
            add(_Cand(5, ((m.start(), end, "LOC"),)))

    def _standalone(self, t: str, s: int, e: int) -> bool:
        """A proper noun not glued to other capitalised words (`Báo Lai Châu`, `Điện Biên Phủ`), not a byline."""
        if t[s - 1:s] in ("-", "–", "&", "/") or t[e:e + 1] in ("-", "–", "&", "/"):
            return False
        k = s
        while k > 0 and t[k - 1] == " ":
            k -= 1
        if k > 0 and t[k - 1] in "-–&":
            return False
        if k > 0 and t[k - 1].isalnum():
            pw = _prev_word(t, s)
            if pw[:1].isupper() and not _at_sentence_start(t, s - len(pw) - (s - k)):
                return False
        j = e
        while j < len(t) and t[j] == " ":
            j += 1
        if j > e and j < len(t) and (t[j].isupper() or t[j].isdigit()):
            return False
        # a name alone on its line, or closing the text, is a byline (`Hà Giang` signing an article)
        if not t[e:].strip(" .\n") and _at_sentence_start(t, s):
            return False
        ls = t.rfind("\n", 0, s) + 1
        le = t.find("\n", e)
        le = len(t) if le < 0 else le
        if not t[ls:s].strip() and not t[e:le].strip(" ."):
            return False
        return True


def _resolve(cands: list[_Cand], n: int) -> list[tuple[int, int, str]]:
    """Greedy: by priority, then longer first; a candidate is kept only if all its parts are free."""
    occ = bytearray(n + 1)
    out: list[tuple[int, int, str]] = []
    seen: set[tuple] = set()
    for c in sorted(cands, key=lambda c: (c.prio, -(c.end - c.start), c.start)):
        if c.parts in seen:
            continue
        seen.add(c.parts)
        if any(occ.find(1, s, e) != -1 for s, e, _ in c.parts):
            continue
        for s, e, lab in c.parts:
            occ[s:e] = b"\x01" * (e - s)
            if lab:  # an empty label only blocks
                out.append((s, e, lab))
    out.sort()
    return out


# ---------------------------------------------------------------------------
# corpus labelling and evaluation
