from datetime import date

import pytest

from tracker.extract import extract_policies
from tracker.extract.dates import any_date, cn_number, day_before_anniversary
from tracker.extract.text import normalise


@pytest.mark.parametrize(
    "text, value",
    [("十", 10), ("十一", 11), ("二十", 20), ("二十五", 25), ("十五", 15), ("一百零三", 103), ("二〇二〇", 2020), ("7", 7)],
)
def test_chinese_numerals_read_as_numbers(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize(
    "text, day",
    [
        ("2020年10月27日", date(2020, 10, 27)),
        ("2020 年 10 月 27 日", date(2020, 10, 27)),
        ("２０２１年３月５日", date(2021, 3, 5)),
        ("二〇二〇年十二月一日", date(2020, 12, 1)),
        ("January 1, 2024", date(2024, 1, 1)),
        ("31 December 2028", date(2028, 12, 31)),
    ],
)
def test_printed_dates_parse_after_normalising(text, day):
    assert any_date(normalise(text)) == (day, None)


@pytest.mark.parametrize("text", ["2025年13月1日", "2023年2月30日", "February 30, 2024"])
def test_impossible_dates_are_reported_not_repaired(text):
    day, error = any_date(normalise(text))
    assert day is None
    assert "invalid date" in error


def test_a_validity_sentence_with_an_impossible_date_is_a_problem_naming_the_line():
    text = "某市促进外贸发展的若干措施\n一、稳定外贸主体\n本措施自2025年13月1日起施行。"
    ex = extract_policies(text)
    assert [p.where for p in ex.problems] == ["line 3"]
    assert "2025年13月1日" in ex.problems[0].what
    assert all(p.effective_from is None for p in ex.policies)


def test_valid_for_years_ends_the_day_before_the_anniversary():
    assert day_before_anniversary(date(2021, 3, 1), 5) == date(2026, 2, 28)
    assert day_before_anniversary(date(2024, 2, 29), 1) == date(2025, 2, 28)
