"""DATE values and the reference date (values/dates.py, lunar.py, context.py)."""
import datetime
import unicodedata

import pytest
from hypothesis import given, strategies as st

from vngov_nlp.values import ReferenceDate, ValueContext, normalize, reference_from_text
from vngov_nlp.values.lunar import lunar_year

DOC_2021 = ValueContext(doc_date=datetime.date(2021, 9, 21))
NO_REF = ValueContext()


@pytest.mark.parametrize("surface, with_doc_date, without_reference", [
    # LABELS.md / GUIDELINES forms
    ("21/9", "2021-09-21", "--09-21"),
    ("10/9/2021", "2021-09-10", "2021-09-10"),
    ("6/10", "2021-10-06", "--10-06"),
    ("31.8", "2021-08-31", "--08-31"),
    ("2.9", "2021-09-02", "--09-02"),
    ("05/01/2023", "2023-01-05", "2023-01-05"),
    ("10/08/2021", "2021-08-10", "2021-08-10"),
    ("16 tháng 6 năm 2025", "2025-06-16", "2025-06-16"),
    ("6 tháng 8 năm 2021", "2021-08-06", "2021-08-06"),
    ("02 tháng 7 năm 2021", "2021-07-02", "2021-07-02"),
    ("tháng 9", "2021-09", "--09"),
    ("tháng 5/2023", "2023-05", "2023-05"),
    ("năm 2021", "2021", "2021"),
    ("2022", "2022", "2022"),
    ("quý IV/2022", "2022-Q4", "2022-Q4"),
    ("Đinh Dậu 2017", "2017", "2017"),
    # other written forms
    ("7-3-2019", "2019-03-07", "2019-03-07"),
    ("14.10.2020", "2020-10-14", "2020-10-14"),
    ("3 / 12 / 2018", "2018-12-03", "2018-12-03"),
    ("28-4", "2021-04-28", "--04-28"),
    ("tháng 12 năm 2020", "2020-12", "2020-12"),
    ("tháng 3-2019", "2019-03", "2019-03"),
    ("tháng 11.2022", "2022-11", "2022-11"),
    ("8/2020", "2020-08", "2020-08"),
    ("15 tháng 3", "2021-03-15", "--03-15"),
    ("tháng mười hai", "2021-12", "--12"),
    ("tháng Hai năm 2024", "2024-02", "2024-02"),
    ("quý 4/2016", "2016-Q4", "2016-Q4"),
    ("Quý III năm 2021", "2021-Q3", "2021-Q3"),
    ("quý II 2023", "2023-Q2", "2023-Q2"),
    ("quý I", "2021-Q1", "--Q1"),
    ("Quý Mão 2023", "2023", "2023"),
    ("Tân Sửu 2021", "2021", "2021"),
    # lead words, weekdays and clock times are outside spans, but tolerated
    ("ngày 16 tháng 6 năm 2025", "2025-06-16", "2025-06-16"),
    ("Thứ sáu, 25/11/2022 - 15:37'", "2022-11-25", "2022-11-25"),
    ("Thứ Ba, 10/08/2021, 15:07", "2021-08-10", "2021-08-10"),
    ("sáng 6/10", "2021-10-06", "--10-06"),
    ("mùng 2/9", "2021-09-02", "--09-02"),
    ("29/2/2024", "2024-02-29", "2024-02-29"),
])
def test_dates(surface, with_doc_date, without_reference):
    assert normalize("DATE", surface, DOC_2021) == {"date": with_doc_date}
    expected = {"date": without_reference}
    assert normalize("DATE", surface, NO_REF) == expected
    assert normalize("DATE", surface) == expected


@pytest.mark.parametrize("surface, expected", [
    ("năm nay", "2021"),
    ("năm ngoái", "2020"),
    ("năm trước", "2020"),
    ("năm trước đó", "2020"),
    ("một năm trước", "2020"),
    ("hai năm trước", "2019"),
    ("năm qua", "2021"),
    ("năm tới", "2022"),
    ("sang năm", "2022"),
    ("tháng này", "2021-09"),
    ("tháng trước", "2021-08"),
    ("tháng tới", "2021-10"),
    ("tháng 11 năm ngoái", "2020-11"),
    ("tháng 1 năm nay", "2021-01"),
    ("quý I năm nay", "2021-Q1"),
    ("hôm nay", "2021-09-21"),
    ("Đinh Dậu", "2017"),
    ("Xuân Canh Tý", "2020"),
    ("Tết Nhâm Dần", "2022"),
    ("tháng Giêng năm Tân Sửu", "2021"),   # a lunar month: only the year is known
])
def test_relative_dates(surface, expected):
    assert normalize("DATE", surface, DOC_2021) == {"date": expected}


@pytest.mark.parametrize("surface", ["năm nay", "tháng trước", "năm ngoái", "hôm nay", "Đinh Dậu"])
def test_relative_dates_need_a_reference(surface):
    assert normalize("DATE", surface, NO_REF) is None


def test_month_relative_needs_a_month():
    only_year = ValueContext(before="Kế hoạch năm 2021 ... ")
    assert normalize("DATE", "tháng trước", only_year) is None
    assert normalize("DATE", "năm nay", only_year) == {"date": "2021"}


def test_month_relative_crosses_the_year():
    january = ValueContext(doc_date=datetime.date(2022, 1, 10))
    assert normalize("DATE", "tháng trước", january) == {"date": "2021-12"}


@pytest.mark.parametrize("surface", [
    "32/13", "30/2/2021", "31/4", "0/5", "tháng 13", "quý V/2022", "29/2/2021", "Giáp Sửu",
    "hôm qua tháng", "ngày", "", "tháng Giêng",
])
def test_impossible_dates(surface):
    assert normalize("DATE", surface, DOC_2021) is None


def test_leap_day_needs_a_leap_reference_year():
    assert normalize("DATE", "29/2", ValueContext(doc_date=datetime.date(2024, 3, 1))) == {"date": "2024-02-29"}
    assert normalize("DATE", "29/2", ValueContext(doc_date=datetime.date(2023, 3, 1))) is None


def test_doc_date_as_iso_text():
    ctx = ValueContext(doc_date="2023-10")  # the seeds' meta gives only a month
    assert normalize("DATE", "6/10", ctx) == {"date": "2023-10-06"}
    assert normalize("DATE", "tháng này", ctx) == {"date": "2023-10"}
    assert normalize("DATE", "hôm nay", ctx) is None


# ---- reference dates from the text before the span ---------------------------------------

PAGE = (
    "Thứ năm, 18/04/2024, 18:26 [GMT+7]\n\n"
    "Giao ban trực tuyến quý IV/2022\n\n"
    "Thứ sáu, 25/11/2022 - 15:37'\n"
    "(BLC) - Sáng "
)


def test_nearest_dateline_wins_over_the_page_header():
    ctx = ValueContext(before=PAGE)
    assert normalize("DATE", "25/11", ctx) == {"date": "2022-11-25"}
    assert normalize("DATE", "năm nay", ctx) == {"date": "2022"}


def test_doc_date_wins_over_the_text():
    ctx = ValueContext(doc_date=datetime.date(2024, 4, 18), before=PAGE)
    assert normalize("DATE", "25/11", ctx) == {"date": "2024-11-25"}


@pytest.mark.parametrize("before, expected", [
    ("Lai Châu, ngày 02 tháng 7 năm 2021\nVề việc ", ReferenceDate(2021, 7, 2)),
    ("Thứ sáu, 25/11/2022 - 15:37' Sáng ", ReferenceDate(2022, 11, 25)),
    ("kế hoạch năm 2019 và ", ReferenceDate(2019)),
    ("họp ngày 3-6-2020, đến ", ReferenceDate(2020, 6, 3)),
    ("báo cáo tháng 5/2023 cho thấy ", ReferenceDate(2023, 5)),
    ("kết quả quý III năm 2020 ", ReferenceDate(2020)),
    ("ngày 12.1.2017 tại ", ReferenceDate(2017, 1, 12)),
    ("ngày 01/01/2021 ... năm 2018 ... ", ReferenceDate(2018)),
    ("Nghị định số 43/2014/NĐ-CP quy định ", None),  # a document number's year is not a date
    ("thu 4.504.474 lượt ", None),
    ("", None),
    ("32/13/2021 rồi ", None),
])
def test_reference_from_text(before, expected):
    assert reference_from_text(before) == expected


def test_reference_from_nfd_text():
    dateline = unicodedata.normalize("NFD", "Lai Châu, ngày 9 tháng 3 năm 2020 ")
    assert reference_from_text(dateline) == ReferenceDate(2020, 3, 9)


def test_reference_far_before():
    far = "Thứ hai, 25/11/2022. " + "Nội dung không có ngày. " * 2000
    assert reference_from_text(far) == ReferenceDate(2022, 11, 25)


@pytest.mark.parametrize("before", [
    "ngày 25/11/2022, có 12019 lượt khách ",   # digits of a bigger number are no year
    "ngày 25/11/2022, mã 20215 ",
    "ngày 25/11/2022, năm 19 ",
    "ngày 25/11/2022, lúc 20:19 ",
])
def test_reference_skips_numbers_that_are_not_years(before):
    assert reference_from_text(before) == ReferenceDate(2022, 11, 25)


@pytest.mark.parametrize("stem, branch, near, expected", [
    ("Đinh", "Dậu", 2017, 2017), ("Đinh", "Dậu", 2040, 2017), ("Đinh", "Dậu", 2050, 2077),
    ("Canh", "Tý", 2021, 2020), ("Giáp", "Thìn", 2023, 2024), ("Ất", "Tỵ", 2025, 2025),
    ("Kỷ", "Hợi", 2019, 2019), ("Bính", "Thân", 2017, 2016), ("Giáp", "Sửu", 2021, None),
])
def test_lunar_year(stem, branch, near, expected):
    assert lunar_year(stem, branch, near) == expected


# ---- property: every supported written form of a valid date reads back --------------------

DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))


@given(DATES, st.sampled_from(["{d}/{m}/{y}", "{dd}/{mm}/{y}", "{d} tháng {m} năm {y}", "{d}-{m}-{y}",
                               "{dd}.{mm}.{y}", "ngày {d} tháng {m} năm {y}"]))
def test_full_dates_read_back(date, fmt):
    surface = fmt.format(d=date.day, m=date.month, dd=f"{date.day:02d}", mm=f"{date.month:02d}", y=date.year)
    assert normalize("DATE", surface) == {"date": date.isoformat()}


@given(DATES, st.sampled_from(["tháng {m}/{y}", "tháng {mm}/{y}", "tháng {m} năm {y}"]))
def test_months_read_back(date, fmt):
    surface = fmt.format(m=date.month, mm=f"{date.month:02d}", y=date.year)
    assert normalize("DATE", surface) == {"date": date.isoformat()[:7]}


@given(DATES)
def test_years_read_back(date):
    assert normalize("DATE", f"năm {date.year}") == {"date": str(date.year)}


@given(DATES, st.sampled_from(["{d}/{m}", "{dd}/{mm}", "{d}.{m}", "{d} tháng {m}"]), st.integers(1, 12))
def test_day_month_takes_the_doc_date_year(date, fmt, doc_month):
    ctx = ValueContext(doc_date=datetime.date(date.year, doc_month, 1))
    surface = fmt.format(d=date.day, m=date.month, dd=f"{date.day:02d}", mm=f"{date.month:02d}")
    assert normalize("DATE", surface, ctx) == {"date": date.isoformat()}


def test_month_dot_year_is_a_reference():
    assert reference_from_text("Dự kiến đến tháng 12.2017 hoàn thành") == ReferenceDate(2017, 12)


def test_a_year_range_refers_to_its_last_year():
    assert reference_from_text("kế hoạch năm học 2016-2017, Sở cho biết") == ReferenceDate(2017)
