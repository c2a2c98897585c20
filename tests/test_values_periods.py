"""PERIOD values (values/periods.py): stretches, comparison periods, durations."""
import datetime

import pytest

from vngov_nlp.values import ValueContext, normalize

DOC_2021 = ValueContext(doc_date=datetime.date(2021, 9, 21))
NO_REF = ValueContext()


def span(start, end):
    return {"start": start, "end": end}


@pytest.mark.parametrize("surface, expected", [
    # LABELS.md / GUIDELINES examples
    ("9 tháng đầu năm 2021", span("2021-01", "2021-09")),
    ("9 tháng đầu năm", span("2021-01", "2021-09")),
    ("3 tháng cuối năm 2021", span("2021-10", "2021-12")),
    ("3 tháng cuối năm", span("2021-10", "2021-12")),
    ("6 tháng đầu năm", span("2021-01", "2021-06")),
    ("6 tháng đầu năm 2021", span("2021-01", "2021-06")),
    ("những tháng cuối năm 2021", span("2021", "2021")),
    ("đầu năm 2016", span("2016", "2016")),
    ("cuối năm 2015", span("2015", "2015")),
    ("nửa cuối năm 2016", span("2016-07", "2016-12")),
    ("nửa đầu năm 2016", span("2016-01", "2016-06")),
    ("những ngày đầu năm", span("2021", "2021")),
    ("giai đoạn 2021 - 2025", span("2021", "2025")),
    ("giai đoạn 2016-2020", span("2016", "2020")),
    ("giai đoạn 2021 đến 2025", span("2021", "2025")),
    ("nhiệm kỳ 2021-2026", span("2021", "2026")),
    ("nhiệm kỳ 2021 - 2026", span("2021", "2026")),
    ("cùng kỳ năm trước", span("2020", "2020")),
    ("cùng kỳ", span("2020", "2020")),
    ("cùng kỳ năm 2020", span("2020", "2020")),
    ("năm qua", span("2021", "2021")),
    ("đầu năm đến nay", {"start": "2021-01", "end": "2021-09-21"}),
    ("tháng 3- 4/2017", span("2017-03", "2017-04")),
    # more forms
    ("sáu tháng đầu năm 2022", span("2022-01", "2022-06")),
    ("10 tháng đầu năm 2019", span("2019-01", "2019-10")),
    ("2 tháng đầu năm nay", span("2021-01", "2021-02")),
    ("11 tháng năm 2018", span("2018-01", "2018-11")),
    ("2 quý đầu năm", span("2021-01", "2021-06")),
    ("nửa sau năm 2020", span("2020-07", "2020-12")),
    ("các tháng cuối năm", span("2021", "2021")),
    ("giữa năm 2019", span("2019", "2019")),
    ("cả năm 2021", span("2021", "2021")),
    ("cả năm", span("2021", "2021")),
    ("năm 2022", span("2022", "2022")),
    ("quý I", span("2021-01", "2021-03")),
    ("quý II/2022", span("2022-04", "2022-06")),
    ("quý I - II/2022", span("2022-01", "2022-06")),
    ("quý I, II năm 2020", span("2020-01", "2020-06")),
    ("quý III và quý IV", span("2021-07", "2021-12")),
    ("tháng 9", span("2021-09", "2021-09")),
    ("tháng qua", span("2021-09", "2021-09")),
    ("tháng 11/2021 - tháng 2/2022", span("2021-11", "2022-02")),
    ("tháng 5 đến tháng 7/2018", span("2018-05", "2018-07")),
    ("20-25/11/2021", span("2021-11-20", "2021-11-25")),
    ("1/6 - 15/7/2020", span("2020-06-01", "2020-07-15")),
    ("giai đoạn từ 2016 đến 2020", span("2016", "2020")),
    ("năm học 2021-2022", span("2021", "2022")),
    ("niên vụ 2020 – 2021", span("2020", "2021")),
    ("từ năm 2011 đến năm 2015", span("2011", "2015")),
    ("cùng kỳ năm ngoái", span("2020", "2020")),
    ("cùng kỳ 2019", span("2019", "2019")),
    ("cùng kỳ năm nay", span("2021", "2021")),
    ("từ đầu năm đến nay", {"start": "2021-01", "end": "2021-09-21"}),
    ("đầu năm 2021 tới nay", {"start": "2021-01", "end": "2021-09-21"}),
])
def test_periods(surface, expected):
    assert normalize("PERIOD", surface, DOC_2021) == expected


@pytest.mark.parametrize("surface, expected", [
    ("6 tháng đầu năm", span("--01", "--06")),
    ("3 tháng cuối năm", span("--10", "--12")),
    ("quý II", span("--04", "--06")),
    ("tháng 3- 4", span("--03", "--04")),
    ("giai đoạn 2021 - 2025", span("2021", "2025")),
    ("đầu năm đến nay", {"start": "--01"}),
    ("đầu năm 2020 đến nay", {"start": "2020-01"}),
    ("đầu năm", None),
    ("cùng kỳ", None),
    ("cùng kỳ năm trước", None),
    ("năm qua", None),
])
def test_periods_without_reference(surface, expected):
    assert normalize("PERIOD", surface, NO_REF) == expected


def test_period_year_from_the_text_before():
    ctx = ValueContext(before="Lai Châu, ngày 02 tháng 7 năm 2019. UBND tỉnh đánh giá ")
    assert normalize("PERIOD", "6 tháng đầu năm", ctx) == span("2019-01", "2019-06")
    assert normalize("PERIOD", "cùng kỳ năm trước", ctx) == span("2018", "2018")
    assert normalize("PERIOD", "đầu năm đến nay", ctx) == {"start": "2019-01", "end": "2019-07-02"}


@pytest.mark.parametrize("surface, expected", [
    ("5 năm", "P5Y"), ("07 ngày", "P7D"), ("một năm", "P1Y"), ("5 tháng", "P5M"), ("2 tuần", "P2W"),
    ("6 tháng qua", "P6M"), ("3 năm qua", "P3Y"), ("hai năm", "P2Y"), ("năm năm", "P5Y"),
    ("hai mươi năm", "P20Y"), ("mười lăm ngày", "P15D"), ("10 ngày làm việc", "P10D"),
    ("2 quý", "P6M"), ("một thập kỷ", "P10Y"), ("hai năm rưỡi", "P2.5Y"), ("nửa năm", "P0.5Y"),
    ("24 giờ", "PT24H"), ("45 phút", "PT45M"), ("9 tháng", "P9M"), ("5 năm gần đây", "P5Y"),
    ("3 ngày liên tiếp", "P3D"), ("1,5 năm", "P1.5Y"),
])
def test_durations(surface, expected):
    assert normalize("PERIOD", surface, DOC_2021) == {"duration": expected}
    assert normalize("PERIOD", surface, NO_REF) == {"duration": expected}


def test_duration_range():
    assert normalize("PERIOD", "3 - 5 năm") == {"low": "P3Y", "high": "P5Y"}


@pytest.mark.parametrize("surface", [
    "những năm gần đây", "thời gian qua", "thời gian tới", "gần đây", "13 tháng đầu năm",
    "những năm qua", "giai đoạn", "", "nhiều năm",
])
def test_vague_periods(surface):
    assert normalize("PERIOD", surface, DOC_2021) is None
