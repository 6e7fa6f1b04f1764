"""百分之N: percentages printed in words (laws, older notices) are quantities like N%."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.records import Comparator, TargetKind
from tracker.extract.targets import _arabic_percents, targets_in
from tracker.extract.text import normalise


def _found(text: str, year: int = 1996):
    return [(t.kind, t.due_on, t.quantity, t.unit, t.comparator, t.quantity_high) for t in targets_in(normalise(text), None, [], year=year)]


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("到2000年，全省森林覆盖率达到百分之三十。", Decimal(30)),
        ("2000年底前，城市污水处理率不低于百分之五十。", Decimal(50)),
        ("到2000年，农村改水受益人口达到百分之九十五以上。", Decimal(95)),
        ("到2000年，万元产值能耗比1995年降低百分之零点五。", Decimal("0.5")),
    ],
)
def test_a_percentage_in_words_is_a_percent_quantity(sentence, value):
    [(kind, due, quantity, unit, _, _)] = _found(sentence)
    assert (kind, due, quantity, unit) == (TargetKind.TARGET, date(2000, 12, 31), value, "percent")


def test_a_range_of_percentages_in_words_is_a_range():
    got = _found("各级财政科技投入到2000年占本级财政支出的比例应达到百分之一至百分之二。")
    assert got == [(TargetKind.TARGET, date(2000, 12, 31), Decimal(1), "percent", Comparator.BETWEEN, Decimal(2))]


def test_reading_percentages_in_words_keeps_every_span():
    for text in ("百分之二", "百分之十", "百分之一百", "百分之二十五", "百分之零点五", "达到百分之五十以上"):
        assert len(_arabic_percents(text)) == len(text)
    assert _arabic_percents("实现百分之百覆盖") == "实现100%覆盖"
    assert _arabic_percents("百分之若干") == "百分之若干"  # no figure
