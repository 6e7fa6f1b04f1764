"""Measure numbers for English readers."""

import pytest

from tracker.domain.numbering import cn_number, english_measure_number


@pytest.mark.parametrize("printed, english", [
    ("（四）", "(4)"), ("(12)", "(12)"), ("四、", "4."), ("二十一、", "21."), ("3.", "3."), ("第十二条", "Article 12"),
    ("第一百零五条", "Article 105"), ("第三章", "Chapter 3"), ("（十）", "(10)"), ("1．", "1."),
    ("附件", "附件"), ("（甲）", "（甲）"), (None, None),
])
def test_chinese_numbering_reads_as_english_translations_print_it(printed, english):
    assert english_measure_number(printed) == english


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99),
                                         ("一百", 100), ("一百零五", 105), ("两百二十", 220), ("7", 7), ("甲", None)])
def test_chinese_numerals(text, value):
    assert cn_number(text) == value
