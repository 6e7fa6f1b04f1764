"""A notice printed without an issue date: the year in its own number (沪府办〔2022〕35号) is its issue year for
phrases without a year (今年年底前, 6月底前) and for telling past steps from obligations."""

from datetime import date

import pytest

from tracker.domain.records import TargetKind
from tracker.extract import extract_policies
from tracker.extract.dates import number_year
from tracker.extract.text import normalise


@pytest.mark.parametrize(
    "number, year",
    [("国办发〔2022〕35号", 2022), ("沪府办[2021]5号", 2021), ("粤府函（2019）第12号", 2019), ("京政发【2024】3号", 2024),
     (None, None), ("第3号", None), ("国办发〔2022〕", None)],
)
def test_the_year_of_a_document_number(number, year):
    assert number_year(number) == year


def _dated(text: str):
    (policy,) = extract_policies(normalise(text), source_name="x.txt").policies
    assert policy.issued_on is None
    return sorted((t.kind.value, t.due_on, t.quantity) for t in policy.targets)


def test_the_numbers_year_dates_phrases_without_a_year():
    got = _dated("沪府办〔2022〕35号\n关于加快推进充电设施建设的工作方案\n一、工作任务\n"
                 "（一）今年年底前，建成公共充电桩500个。\n（二）6月底前出台实施细则。\n")
    assert [(k, d) for k, d, _ in got] == [("milestone", date(2022, 6, 30)), ("target", date(2022, 12, 31))]


def test_the_numbers_year_leaves_earlier_years_in_the_past():
    got = _dated("沪府办〔2022〕35号\n关于加快推进充电设施建设的工作方案\n一、工作任务\n"
                 "（一）2021年底前已建成试点站10座。\n（二）2023年底前，建成公共充电桩500个。\n")
    assert [(k, d) for k, d, _ in got] == [("target", date(2023, 12, 31))]


def test_the_numbers_year_comes_before_the_year_a_title_prepares_for():
    # issued in 2025 for the 2026 enrolment: 12月20日前 is this December, not the next
    got = _dated("穗医保〔2025〕12号\n2026年度城乡居民医疗保险参保缴费工作方案\n一、工作安排\n"
                 "（一）12月20日前完成集中参保登记。\n")
    assert [(k, d) for k, d, _ in got] == [("milestone", date(2025, 12, 20))]
