"""Figures written in Chinese numerals, counted nouns before a magnitude word, a goal year after its basis, and a
goal restated in the task that serves it."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.records import Comparator, TargetKind
from tracker.extract import extract_policies
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise

AT_LEAST, BETWEEN, EXACTLY = Comparator.AT_LEAST, Comparator.BETWEEN, Comparator.EXACTLY


def _targets(text):
    return [t for t in targets_in(normalise(text), None) if t.kind is TargetKind.TARGET]


@pytest.mark.parametrize(
    "sentence, quantity, high, unit, comparator",
    [
        ("到2027年，打造三到五个具有国际竞争力的产业集群。", 3, 5, "个", BETWEEN),
        ("到2027年，建成三至五家智能工厂。", 3, 5, "家", BETWEEN),
        ("到2026年，培育两三个百亿级龙头企业。", 2, 3, "个", BETWEEN),
        ("到2025年，建设十余个数字乡村示范区。", 10, None, "个", AT_LEAST),
        ("到2025年，建成二十多家创新中心。", 20, None, "家", AT_LEAST),
        ("到2025年，新增十五个国家级试点。", 15, None, "个", EXACTLY),
        ("到2027年，培育二十个以上特色园区。", 20, None, "个", AT_LEAST),
        ("到2027年，培育上百家专精特新企业。", 100, None, "家", AT_LEAST),
        ("到2027年，培育一千家科技型企业。", 1000, None, "家", EXACTLY),
        ("到2027年，引进五千名青年人才。", 5000, None, "名", EXACTLY),
        ("到2027年，建设三百个社区食堂。", 300, None, "个", EXACTLY),
    ],
)
def test_a_figure_in_chinese_numerals_is_a_quantity(sentence, quantity, high, unit, comparator):
    (t,) = _targets(sentence)
    assert (t.quantity, t.quantity_high, t.unit, t.comparator) == (
        Decimal(quantity), None if high is None else Decimal(high), unit, comparator)
    assert t.due_on.year == int(sentence[1:5])


@pytest.mark.parametrize(
    "sentence",
    [
        "到2027年，建设一个全市统一的数据平台。",  # 一个 names the thing
        "到2027年，重点抓好三个方面工作。",  # a fixed phrase, not a count to reach
        "到2027年，培育三五个特色品牌。",  # 三五个: "a few"
        "2026年，编制第十五个五年规划纲要。",  # an ordinal
        "到2027年，建成数十个示范项目。",  # vague
        "2026年，落实文化旅游产业高质量发展十二条措施。",  # a package of measures by its name
    ],
)
def test_chinese_numerals_that_are_no_goal_figure(sentence):
    assert _targets(sentence) == []


def test_the_counted_noun_before_a_magnitude_word_is_its_unit():
    (t,) = _targets("到2030年，手机直连卫星等新模式规模应用，发展卫星通信用户超千万。")
    assert (t.quantity, t.unit, t.comparator, t.due_on) == (Decimal(10**7), "用户", AT_LEAST, date(2030, 12, 31))


def test_a_goal_year_after_its_basis_governs_the_paragraphs_later_sentences():
    para = ("根据《本市农业发展规划（2021-2025年）》相关目标任务，到2025年，主要农作物机械化率达到98%以上，"
            "建成8-10个示范园。特色作物关键技术应用率达到50%以上，建成5-8个示范基地。"
            "打造10万亩无人农场。建成10个以上新型服务组织。服务覆盖率达85%。")
    got = sorted((t.quantity, t.unit) for t in _targets(para))
    assert got == sorted([(Decimal(98), "percent"), (Decimal(8), "个"), (Decimal(50), "percent"), (Decimal(5), "个"),
                          (Decimal(100000), "亩"), (Decimal(10), "个"), (Decimal(85), "percent")])
    assert {t.due_on for t in _targets(para)} == {date(2025, 12, 31)}


def test_a_basis_without_a_goal_year_does_not_open_a_goal_paragraph():
    para = "根据市政府工作安排，各区加强农机推广。建成10个以上服务组织。"
    assert _targets(para) == []


def test_a_goal_restated_in_its_task_is_one_target():
    text = normalise(
        "关于推进农业机械化的实施意见\n"
        "到2025年，主要畜禽规模化养殖机械化率达到85%以上，服务覆盖率达85%。\n"
        "一、重点任务\n"
        "（一）推进畜禽养殖机械化。到2025年，主要畜禽规模化养殖机械化率达到85%以上。\n"
        "（二）推进服务体系建设。到2025年，新增服务组织10个。\n"
    )
    (policy,) = extract_policies(text, source_name="x.txt").policies
    targets = [(t.metric, t.quantity) for t in policy.targets if t.kind is TargetKind.TARGET]
    assert targets.count(("主要畜禽规模化养殖机械化率", Decimal(85))) == 1
    assert ("服务覆盖率", Decimal(85)) in targets
    assert len(targets) == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "2026年，支持有条件的幼儿园招收2—3岁幼儿。",  # an age says who is meant
        "2026年，为60岁以上老年人提供免费体检服务。",
        "2026年，坚持民生为大，安排资金136亿元。",  # money set aside
        "2026年，下达专项经费5000万元。",
        "2026年，推动60万吨赖氨酸等项目释放产能。",  # the size of a project
        "2026年，抓好年产60万吨油料等项目建设。",
        "2026年，全区积分入学招生计划总数为135个（小学45个、初中90个）。",  # a quota with its parts
        "2026年，社区托育名额为50个。",
    ],
)
def test_figures_that_describe_the_work_are_not_targets(sentence):
    assert _targets(sentence) == []


@pytest.mark.parametrize(
    "sentence, quantity, unit",
    [
        ("到2030年，人均预期寿命达到80岁。", 80, "岁"),
        ("2026年，新建改造高标准农田400万亩以上。", 4000000, "亩"),
        ("2026年，实施200个以上节能降碳改造项目。", 200, "个"),
        ("2026年，建成电力装机2000万千瓦。", 20000000, "千瓦"),
        ("到2025年，全市研发投入达到1000亿元。", 1000, "亿元"),
    ],
)
def test_the_same_units_as_goals_stay_targets(sentence, quantity, unit):
    (t,) = _targets(sentence)
    assert (t.quantity, t.unit) == (Decimal(quantity), unit)


@pytest.mark.parametrize(
    "sentence, quantity, unit, metric",
    [
        ("到2027年，5G用户数突破1000万，基站达到5万个。", 10_000_000, "用户", "5G用户数"),
        ("到2030年，年接待游客达到1.2亿以上。", 120_000_000, "游客", "年接待游客"),
    ],
)
def test_a_figure_without_a_unit_counts_the_noun_before_it(sentence, quantity, unit, metric):
    (t,) = [t for t in _targets(sentence) if t.unit == unit]
    assert (t.quantity, t.comparator, t.metric) == (Decimal(quantity), AT_LEAST, metric)


def test_a_bare_figure_after_another_noun_is_still_no_target():
    assert _targets("到2027年，地区生产总值突破1000万。") == []
