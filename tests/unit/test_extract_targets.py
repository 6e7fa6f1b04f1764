from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.records import Comparator
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise

AT_LEAST, AT_MOST, ABOUT, EXACTLY = Comparator.AT_LEAST, Comparator.AT_MOST, Comparator.ABOUT, Comparator.EXACTLY


@pytest.mark.parametrize(
    "sentence, due, quantity, unit, comparator",
    [
        ("到2025年，在园区周边建设筹措新增保障性租赁住房5万套。", date(2025, 12, 31), 50000, "套", EXACTLY),
        ("到2025年，建设30个以上试点示范项目。", date(2025, 12, 31), 30, "个", AT_LEAST),
        ("到2025年底，全省培育不少于200家专精特新企业。", date(2025, 12, 31), 200, "家", AT_LEAST),
        ("2026年末，新建充电桩至少1000台。", date(2026, 12, 31), 1000, "台", AT_LEAST),
        ("到“十四五”末，培育“100+”创新型企业。", date(2025, 12, 31), 100, None, AT_LEAST),
        ("到“十五五”末，建成智慧工厂约50家。", date(2030, 12, 31), 50, "家", ABOUT),
        ("到2025年6月，政务服务网上可办率达到90%。", date(2025, 6, 30), 90, "percent", EXACTLY),
        ("到2024年，重点行业能耗不超过1.2吨标准煤。", date(2024, 12, 31), Decimal("1.2"), "吨", AT_MOST),
        ("到2027年，引进高层次人才2000人左右。", date(2027, 12, 31), 2000, "人", ABOUT),
        ("到2026年，建成社区养老服务站1000余家。", date(2026, 12, 31), 1000, "家", ABOUT),
        ("力争到2025年，数字经济核心产业增加值超过1万亿元。", date(2025, 12, 31), 1, "万亿元", AT_LEAST),
        ("By 2025, an additional 50,000 government-subsidized rental housing units will be constructed.", date(2025, 12, 31), 50000, "units", EXACTLY),
        ("By the year of 2025, more than 30 pilot demonstration projects will have been developed.", date(2025, 12, 31), 30, "projects", AT_LEAST),
        ("By the end of 2022, at least 200 smart factories will be built.", date(2022, 12, 31), 200, "factories", AT_LEAST),
        ("The coverage rate will reach 95% by June 2026.", date(2026, 6, 30), 95, "percent", EXACTLY),
        ("By 2025, the number of high-tech enterprises will exceed 20,000.", date(2025, 12, 31), 20000, "enterprises", AT_LEAST),
    ],
)
def test_a_quantity_with_a_deadline_is_a_target(sentence, due, quantity, unit, comparator):
    (t,) = targets_in(normalise(sentence), "（四）")
    assert (t.due_on, t.quantity, t.unit, t.comparator, t.measure) == (due, Decimal(quantity), unit, comparator, "（四）")
    assert t.due_source.value == "stated"


@pytest.mark.parametrize(
    "sentence",
    [
        "对符合条件的项目，给予最高5000万元补贴。",
        "到2025年，对认定的企业给予最高500万元奖励。",
        "到2025年，每家企业补贴不超过200万元。",
        "By 2025, the maximum subsidy for each project may be 50 million yuan.",
        "建设100家以上无人工厂。",
        "加快实施轨道交通18号线二期、21号线工程。",
        "本办法自2020年12月1日起施行。",
    ],
)
def test_caps_and_quantities_without_deadline_are_not_targets(sentence):
    assert targets_in(normalise(sentence), None) == []


def test_the_metric_names_what_is_counted():
    (t,) = targets_in(normalise("到2025年，建设30个以上试点示范项目。"), None)
    assert t.metric == "试点示范项目"


def test_a_target_sentence_wrapped_over_lines_keeps_its_deadline():
    text = normalise("到2025年，全市累计建成5G基站\n8万个，实现重点场所全覆盖。")
    (t,) = targets_in(text, None)
    assert (t.due_on, t.quantity, t.unit) == (date(2025, 12, 31), Decimal(80000), "个")


def test_a_deadline_reaches_the_later_clauses_of_its_sentence_but_not_the_next_sentence():
    text = normalise("到2025年，实现以下目标：建成产业园5个；培育龙头企业10家。新建道路20条。")
    assert [(t.due_on, int(t.quantity), t.unit) for t in targets_in(text, None)] == [
        (date(2025, 12, 31), 5, "个"),
        (date(2025, 12, 31), 10, "家"),
    ]


@pytest.mark.parametrize("sentence, low, high, unit, metric", [
    ("到2025年，建设3-4个市级特色产业园区。", 3, 4, "个", "市级特色产业园区"),
    ("到2026年，培育10至15家细分领域龙头企业。", 10, 15, "家", "细分领域龙头企业"),
    ("到2025年，全区新增就业岗位2—3万个。", 20000, 30000, "个", None),
    ("到2027年，绿色建筑占新建建筑比例达到20%～25%。", 20, 25, "percent", None),
    ("By 2025, build 3-5 industrial parks.", 3, 5, "parks", "industrial parks"),
    ("By 2026, establish between 10 and 15 innovation centres.", 10, 15, "centres", None),
])
def test_a_range_is_one_target_between_its_low_and_high_ends(sentence, low, high, unit, metric):
    (target,) = targets_in(normalise(sentence), None, [], year=2024)
    assert target.comparator is Comparator.BETWEEN
    assert (target.quantity, target.quantity_high, target.unit) == (Decimal(low), Decimal(high), unit)
    if metric:
        assert target.metric == metric


@pytest.mark.parametrize("sentence", [
    "2023-2025年，新增就业5万人。",          # a period, not a range of people
    "到2025年，建成5个示范区、10个园区。",    # two targets side by side
])
def test_periods_and_lists_are_not_ranges(sentence):
    assert all(t.comparator is not Comparator.BETWEEN and t.quantity_high is None
               for t in targets_in(normalise(sentence), None, [], year=2024))
