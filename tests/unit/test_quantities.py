"""Quantities in the reader's language: units translated, multipliers applied, numbers written the local way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.quantities import chinese_number, english_number, format_quantity


@pytest.mark.parametrize(
    ("quantity", "unit", "comparator", "noun", "english"),
    [
        (50000, "套", "exactly", None, "50,000 units"),
        (30, "个", "at_least", "projects", "at least 30 projects"),
        (30, "个", "at_least", None, "at least 30"),
        (12, "项", "exactly", "standards", "12 standards"),
        (100, "万千瓦", "exactly", None, "1,000,000 kW"),
        (1000000, "千瓦", "about", None, "about 1,000,000 kW"),
        (1, "亿元", "exactly", None, "100 million yuan"),
        (15, "亿元", "at_least", None, "at least 1.5 billion yuan"),
        (5000, "万元", "at_most", None, "at most 50 million yuan"),
        (200, "平方米", "exactly", None, "200 m²"),
        (3, "万平方米", "exactly", None, "30,000 m²"),
        (Decimal("12.5"), "percent", "at_least", None, "at least 12.5%"),
        (2, "个百分点", "exactly", None, "2 percentage points"),
        (30, "projects", "at_least", None, "at least 30 projects"),
        (7, "筐", "exactly", None, "7"),
    ],
)
def test_english_quantities_carry_english_units(quantity, unit, comparator, noun, english):
    assert format_quantity(Decimal(quantity), unit, comparator, "en", noun) == english


@pytest.mark.parametrize(
    ("quantity", "unit", "comparator", "chinese"),
    [
        (50000, "套", "exactly", "5万套"),
        (30, "个", "at_least", "不少于30个"),
        (5000, "万元", "at_most", "不超过5000万元"),
        (300000000, "元", "exactly", "3亿元"),
        (Decimal("12.5"), "percent", "about", "约12.5%"),
        (12345, "人", "exactly", "12345人"),
    ],
)
def test_chinese_quantities_stay_chinese(quantity, unit, comparator, chinese):
    assert format_quantity(Decimal(quantity), unit, comparator, "zh") == chinese


def test_numbers_follow_the_language():
    assert english_number(Decimal(50000)) == "50,000"
    assert english_number(Decimal(50000000), money=True) == "50 million"
    assert chinese_number(Decimal(50000)) == "5万" and chinese_number(Decimal(123)) == "123"
    assert format_quantity(None, "套", "exactly", "en") is None


@pytest.mark.parametrize("low, high, unit, lang, noun, shown", [
    (3, 4, "个", "zh", None, "3-4个"),
    (20000, 30000, "人", "zh", None, "2万-3万人"),
    (20, 25, "percent", "zh", None, "20%-25%"),
    (3, 4, "个", "en", "parks", "3-4 parks"),
    (20, 25, "percent", "en", None, "20-25%"),
    (2, 3, "亿元", "en", None, "200 million-300 million yuan"),
])
def test_a_range_reads_from_low_to_high_in_either_language(low, high, unit, lang, noun, shown):
    assert format_quantity(low, unit, "between", lang, noun, high=high) == shown
