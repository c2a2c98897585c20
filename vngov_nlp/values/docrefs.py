"""DOC values: which document a reference names.

Numbered: `Nghị quyết số 105/NQ-CP` -> type, number, issuer (`CP`), year
when the number holds one (`43/2014/NĐ-CP`). Party numbers put the type
code first (`153-BC/BCS`: issuer `BCS`). A bare number takes its type from
its code (`01/2017/NĐ-CP` is a Nghị định). Named: `Luật Đất đai năm 2013`
-> type `Luật`, title `Đất đai năm 2013`, year 2013.
"""
from __future__ import annotations

import re

DOC_TYPES: tuple[str, ...] = (
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Nghị quyết", "Nghị định", "Quyết định",
    "Chỉ thị", "Thông tư", "Báo cáo", "Kế hoạch", "Công văn", "Công điện", "Thông báo",
    "Tờ trình", "Bộ luật", "Luật", "Hiến pháp", "Pháp lệnh", "Đề án", "Chương trình",
    "Hướng dẫn", "Kết luận", "Quy định", "Quy chế", "Chiến lược", "Quy hoạch", "Điều lệ",
    "Văn bản", "Hiệp định", "Giấy phép", "Bản án", "Tuyên bố chung",
)
TYPE_CODES: dict[str, str] = {
    "NĐ": "Nghị định", "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "TT": "Thông tư",
    "BC": "Báo cáo", "KH": "Kế hoạch", "TB": "Thông báo", "TTr": "Tờ trình", "HD": "Hướng dẫn",
    "CĐ": "Công điện", "KL": "Kết luận", "TTLT": "Thông tư liên tịch", "NQLT": "Nghị quyết liên tịch",
    "QĐi": "Quy định", "CTr": "Chương trình", "ĐA": "Đề án",
}
_CANONICAL = {t.casefold(): t for t in DOC_TYPES}
_TYPE = re.compile(
    "(?P<type>" + "|".join(sorted(DOC_TYPES, key=len, reverse=True)) + r")(?![^\W\d_])\s*", re.I
)
# A document number: digits, then `/` or `-` parts (`105/NQ-CP`, `153-BC/BCS`, `155/2016`).
_NUMBER = re.compile(r"\d+[^\W_]*(?:[/-][^\W_]+)*")
_NUMBER_AFTER_SO = re.compile(r"(?:(?P<title>.*?)\s+)?số\s*:?\s*(?P<num>\d\S*)", re.I)
# `chuyển đổi số 2021-2025` is a title, not a number.
_YEARS_ONLY = re.compile(r"(?:19|20)\d{2}(?:-(?:19|20)\d{2})?")
_PARTY_HEAD = re.compile(r"\d+[a-z]?-(?P<code>[^\W\d_]+)", re.I)
_NUMBER_YEAR = re.compile(r"\d+-(?P<year>(?:19|20)\d{2})")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_TITLE_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})$")
_RANGE_END = re.compile(r"\d\s*-\s*$")
_TARGET = re.compile(r"đến\s+năm\b", re.I)  # `... đến năm 2020 và năm 2025` names targets, not an issue year
_CODED_NUMBER_AT_END = re.compile(r"(?<!\S)\d+[^\W_]*(?:[/-][^\W_]+)*/[^\W_]+(?:-[^\W_]+)*$")
_TRAILING_PUNCT = re.compile(r"[.,;:)]+$")
# `Quyết định này`, `Chỉ thị nói trên`: back-references name no document.
_BACK_REFERENCE = re.compile(r"(?:này|nêu trên|nói trên|trên|đó)", re.I)


def _code_type(code: str) -> str | None:
    return TYPE_CODES.get(code) or next(
        (t for c, t in TYPE_CODES.items() if c.casefold() == code.casefold()), None
    )


def read_number(number: str) -> dict:
    """Issuer, year and the type its code names, from a number such as `43/2014/NĐ-CP`."""
    parts = number.split("/")
    out: dict = {}
    code = issuer = None
    party = _PARTY_HEAD.fullmatch(parts[0])
    if party:  # 153-BC/BCS: type code first, issuer after the slash
        code, issuer = party["code"], "/".join(parts[1:]) or None
    elif len(parts) > 1 and re.search(r"[^\W\d_]", parts[-1]):
        head, _, rest = parts[-1].partition("-")
        if _code_type(head):  # NQ-CP, TTLT-BTC-BNV
            code, issuer = head, rest or None
        else:  # công văn style 123/UBND-KT: the issuing body, then the drafting unit
            issuer = head
    year = next((int(p) for p in parts[1:] if _YEAR.fullmatch(p)), None)
    if year is None and (m := _NUMBER_YEAR.fullmatch(parts[0])):
        year = int(m["year"])
    if code and _code_type(code):
        out["type"] = _code_type(code)
    if issuer:
        out["issuer"] = issuer
    if year:
        out["year"] = year
    return out


def _title_year(title: str) -> int | None:
    """The year a title ends with (`Đất đai năm 2013`, `... mới 2018`), not the end of a range."""
    m = _TITLE_YEAR.search(title)
    if m is None or _RANGE_END.search(title, 0, m.start()) or _TARGET.search(title, 0, m.start()):
        return None
    return int(m["year"])


def read_docref(text: str) -> dict | None:
    """DOC value: type, number, issuer, year for numbered documents; type, title, year for named ones."""
    text = _TRAILING_PUNCT.sub("", text)
    typed = _TYPE.match(text)
    doc_type = _CANONICAL[typed["type"].casefold()] if typed else None
    rest = text[typed.end():] if typed else text
    number = None
    m = _NUMBER_AFTER_SO.match(rest)
    if m and not _YEARS_ONLY.fullmatch(m["num"]) and (typed or not m["title"]):
        number = _TRAILING_PUNCT.sub("", m["num"])
    elif (m := _NUMBER.match(rest)) and (typed or "/" in m[0] or "-" in m[0]):
        number = m[0]  # `Nghị quyết 19`, `Nghị quyết 02-NQ/TU`, a bare `01/2017/NĐ-CP`
    elif typed and (m := _CODED_NUMBER_AT_END.search(rest)):
        number = m[0]  # `Quyết định hành chính 166/QĐ-UBND`
    if number is None:  # a named document: its type word and the title after it
        if doc_type is None or _BACK_REFERENCE.fullmatch(rest):
            return None
        if not rest:  # only the one Constitution is named by its type alone; `Nghị định` is a back-reference
            return {"type": doc_type} if doc_type == "Hiến pháp" else None
        out: dict = {"type": doc_type, "title": rest}
        if year := _title_year(rest):
            out["year"] = year
        return out
    info = read_number(number)
    code_type = info.pop("type", None)
    out = {"type": doc_type or code_type} if doc_type or code_type else {}
    out["number"] = number  # a numbered document is named by its number: words before `số` are no title
    out.update(info)
    return out
