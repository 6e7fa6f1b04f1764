"""Units of farm, transport and event goals (斤, 头, 克/千克, 班次, 场次), and every figure of a list of goals opened
by a colon counts even when a dated goal sits among them."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.records import TargetKind
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise


def _found(text: str, year: int = 2026):
    return [(t.kind, t.due_on, t.quantity, t.unit) for t in targets_in(normalise(text), None, [], year=year)]


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("到2027年，全省粮食产量稳定在1200亿斤以上。", Decimal(120000000000), "斤"),
        ("到2027年，生猪出栏量达到3000万头。", Decimal(30000000), "头"),
        ("到2027年，耕地土壤有机质平均含量提高到25克/千克。", Decimal(25), "克/千克"),
        ("到2027年，国际货运班列开行1500班次。", Decimal(1500), "班次"),
        ("到2027年，举办惠企政策宣讲会200场次。", Decimal(200), "场次"),
    ],
)
def test_units_of_farm_transport_and_event_goals(sentence, value, unit):
    assert _found(sentence) == [(TargetKind.TARGET, date(2027, 12, 31), value, unit)]


def test_a_leading_company_is_not_a_head_count():
    assert _found("到2027年，培育10家头部企业。") == [(TargetKind.TARGET, date(2027, 12, 31), Decimal(10), "家")]


def test_every_figure_of_a_colon_list_counts_around_a_dated_goal():
    text = "主要目标包括：地区生产总值年均增长6%左右，城镇化率达到70%，2030年前碳达峰目标如期实现，粮食产量稳定在800亿斤。"
    got = _found(text)
    assert sorted((q, u) for k, _, q, u in got if k == TargetKind.TARGET) == [
        (Decimal(6), "percent"), (Decimal(70), "percent"), (Decimal(80000000000), "斤")]


def test_a_goal_to_be_met_on_schedule_among_figures_is_a_milestone():
    text = "主要目标包括：地区生产总值年均增长6%左右，2030年前碳达峰目标如期实现，粮食产量稳定在800亿斤。"
    kinds = [k for k, *_ in _found(text)]
    assert kinds.count(TargetKind.MILESTONE) == 1 and kinds.count(TargetKind.TARGET) == 2
