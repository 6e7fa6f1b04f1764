"""Every dated obligation: milestones, periods, several quantities a sentence, and the scope of a deadline."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.records import TargetKind
from tracker.extract.pipeline import extract_policies
from tracker.extract.targets import stage_deadline, targets_in
from tracker.extract.text import normalise

MILESTONE, TARGET = TargetKind.MILESTONE, TargetKind.TARGET


def _found(text: str, year: int | None = 2024, problems: list[str] | None = None):
    return [(t.kind, t.due_on, t.quantity, t.unit) for t in targets_in(normalise(text), None, problems, year=year)]


@pytest.mark.parametrize(
    "sentence, due",
    [
        ("2024年底前完成全市公共数据目录编制工作。", date(2024, 12, 31)),
        ("2024年6月底前建成全市统一的企业服务云平台。", date(2024, 6, 30)),
        ("年底前出台本区老旧小区改造实施细则。", date(2024, 12, 31)),
        ("上半年启动第一批试点项目遴选。", date(2024, 6, 30)),
        ("三季度完成平台功能测试并投入试运行。", date(2024, 9, 30)),
        ("年内实现“一网通办”移动端全覆盖。", date(2024, 12, 31)),
        ("各区于9月30日前报送工作方案。", date(2024, 9, 30)),
        ("明年底前实现市域内异地就医直接结算。", date(2025, 12, 31)),
        ("到2035年，全面建成现代化综合交通体系。", date(2035, 12, 31)),
        ("By the end of June 2024, complete the inventory of public data resources.", date(2024, 6, 30)),
        ("The rules shall be issued before the end of the third quarter of 2025.", date(2025, 9, 30)),
        ("The platform shall be put into operation no later than 30 June 2025.", date(2025, 6, 30)),
    ],
)
def test_a_dated_obligation_without_a_number_is_a_milestone(sentence, due):
    assert _found(sentence) == [(MILESTONE, due, None, None)]


def test_a_date_without_a_year_takes_the_issue_year_and_is_marked_inferred():
    (stated,) = targets_in(normalise("2024年6月底前建成平台。"), None, year=2024)
    (inferred,) = targets_in(normalise("6月底前建成平台。"), None, year=2024)
    assert (stated.due_source.value, inferred.due_source.value) == ("stated", "inferred")
    assert targets_in(normalise("6月底前建成平台。"), None, year=None) == []  # no year to give it: not guessed


def test_a_milestone_keeps_its_sentence_and_names_what_is_to_be_done_in_a_few_words():
    (m,) = targets_in(normalise("市大数据中心牵头，2024年6月底前建成全市统一的企业服务云平台，实现数据共享。"), "（三）", year=2024)
    assert m.text.startswith("市大数据中心牵头") and m.measure == "（三）"
    assert m.metric == "建成全市统一的企业服务云平台"


@pytest.mark.parametrize(
    "sentence, due, quantity, unit",
    [
        ("2023-2025年，全市新增分布式光伏装机容量超过10万千瓦。", date(2025, 12, 31), 100000, "千瓦"),
        ("2024—2026年，每年新增就业岗位不少于5万个。", date(2026, 12, 31), 50000, "个"),
        ("“十四五”期间，全区累计改造老旧小区300个以上。", date(2025, 12, 31), 300, "个"),
        ("2023年至2025年，培育省级专精特新企业500家。", date(2025, 12, 31), 500, "家"),
        ("到2035年，人均预期寿命达到82岁以上。", date(2035, 12, 31), 82, "岁"),
        ("During 2024-2026, no fewer than 300 smart factories will be built.", date(2026, 12, 31), 300, "factories"),
    ],
)
def test_a_period_is_due_at_its_end(sentence, due, quantity, unit):
    assert _found(sentence, 2023) == [(TARGET, due, Decimal(quantity), unit)]


def test_several_quantities_in_one_sentence_are_several_targets():
    found = _found("到2025年，推出100项数字化转型典型场景、打造100个智能工厂、培育10家平台企业。", 2023)
    assert found == [(TARGET, date(2025, 12, 31), Decimal(100), "项"), (TARGET, date(2025, 12, 31), Decimal(100), "个"),
                     (TARGET, date(2025, 12, 31), Decimal(10), "家")]
    both = _found("到2025年，研发投入强度和研发机构覆盖率分别不低于4.5%和50%。", 2023)
    assert [(q, u) for _, _, q, u in both] == [(Decimal("4.5"), "percent"), (Decimal(50), "percent")]


def test_a_target_keeps_a_short_metric_not_the_whole_sentence():
    (t,) = targets_in(normalise("到2025年，全市新能源汽车年产量达到120万辆。"), None, year=2024)
    assert t.metric and len(t.metric) <= 30 and "新能源汽车" in t.metric


def test_the_same_quantity_in_two_measures_is_two_targets():
    text = normalise("到2025年，建成示范项目10个。")
    assert len(targets_in(text, "（一）") + targets_in(text, "（二）")) == 2


def test_a_year_opening_a_paragraph_governs_each_clause_until_another_date():
    found = _found("到2022年，公共充电桩平均服务半径小于1公里；新建住宅小区固定车位100%建设充电设施；基本形成布局合理的充电网络；"
                   "2023年6月底前，完成老旧小区充电设施改造。", 2021)
    assert found == [
        (TARGET, date(2022, 12, 31), Decimal(1), "公里"),
        (TARGET, date(2022, 12, 31), Decimal(100), "percent"),
        (MILESTONE, date(2022, 12, 31), None, None),
        (MILESTONE, date(2023, 6, 30), None, None),
    ]


def test_a_year_ending_in_a_colon_governs_the_items_listed_under_it_but_not_the_prose_after_them():
    text = "到2025年，主要目标是：\n（一）新增城镇就业30万人以上；\n（二）建成一批高质量就业社区。\n加强组织领导，建成工作机制。"
    assert _found(text, 2023) == [(TARGET, date(2025, 12, 31), Decimal(300000), "人"), (MILESTONE, date(2025, 12, 31), None, None)]


def test_a_bare_year_leading_a_sentence_means_that_years_end_and_is_inferred():
    (t,) = targets_in(normalise("2024年，全市规上工业增加值同比增长6%。"), None, year=2023)
    assert (t.due_on, t.quantity, t.due_source.value) == (date(2024, 12, 31), Decimal(6), "inferred")


def test_a_stage_heading_with_a_deadline_governs_every_item_under_it_until_the_next_stage():
    text = ("（一）动员部署阶段（2024年6月底前）\n1.制定工作方案，明确责任分工。\n2.召开全市动员部署会。\n"
            "（二）建设及试运行阶段（2025年年底前）\n1.完成平台主体功能开发。\n2.在5个区开展试点应用。\n"
            "（三）保障措施\n加强组织领导，完善工作机制。")
    found = [(t.kind, t.due_on, t.quantity, t.due_source.value) for t in targets_in(normalise(text), "三、", year=2024)]
    assert found == [
        (MILESTONE, date(2024, 6, 30), None, "inferred"),
        (MILESTONE, date(2024, 6, 30), None, "inferred"),
        (MILESTONE, date(2025, 12, 31), None, "inferred"),
        (TARGET, date(2025, 12, 31), Decimal(5), "inferred"),
    ]


def test_a_stage_period_is_due_at_its_last_month():
    assert stage_deadline("第一阶段（2023年3月—2023年6月）", 2023) == date(2023, 6, 30)
    assert stage_deadline("二、全面推广阶段（2025年）", 2024) == date(2025, 12, 31)
    assert stage_deadline("二、主要任务", 2024) is None


def test_a_section_heading_with_a_deadline_reaches_the_measures_under_it():
    text = "\n".join([
        "关于印发《测试专项行动方案》的通知",
        "一、试点阶段（2024年12月底前）",
        "（一）建立工作台账（责任单位：市商务委）",
        "梳理重点企业名单，建立工作台账。",
        "（二）开展试点（责任单位：市经济信息化委）",
        "在3个区开展试点。",
        "二、推广阶段（2025年）",
        "（三）全面推广（责任单位：市发展改革委）",
        "总结试点经验，在全市推广应用。",
    ])
    (policy,) = extract_policies(text).policies
    assert [(t.measure, t.kind, t.due_on, t.quantity) for t in policy.targets] == [
        ("（一）", MILESTONE, date(2024, 12, 31), None),
        ("（二）", TARGET, date(2024, 12, 31), Decimal(3)),
        ("（三）", MILESTONE, date(2025, 12, 31), None),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "2022年，全市已建成5G基站6.8万个。",
        "截至目前，全区已累计完成改造项目120个。",
        "截至2023年底，全市共有养老床位17万张，已建成社区食堂300个。",
        "自2021年以来，全市累计建成保障性租赁住房20万套。",
        "各区应于每年6月底前报送上半年工作进展。",
        "本办法自2024年3月1日起施行，有效期至2029年2月28日。",
        "根据《上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》，制定本方案。",
        "在实施第一轮行动计划(2021-2023年)的基础上，制定本计划。",
        "2023年5月印发的《实施意见》明确了工作要求。",
        "建设100个以上社区嵌入式服务设施。",
        "The Measures shall come into force on 1 March 2024 and remain valid until 28 February 2029.",
    ],
)
def test_past_facts_recurring_duties_windows_and_references_are_not_obligations(sentence):
    assert _found(sentence, 2024) == []


def test_a_year_before_the_issue_year_is_a_past_fact():
    assert _found("到2022年，全市建成5G基站6万个。", 2024) == []
    assert _found("到2022年，全市建成5G基站6万个。", 2021) == [(TARGET, date(2022, 12, 31), Decimal(60000), "个")]


def test_a_milestone_with_an_impossible_date_is_reported_and_skipped():
    problems: list[str] = []
    assert _found("2025年13月底前完成验收。", 2024, problems) == []
    assert problems and "2025年13月" in problems[0]


def test_the_hand_written_evaluation_set_keeps_nine_in_ten_obligations_and_invents_few():
    """bench/extract_recall.py prints the rates by phrasing; this holds the floor under them."""
    from bench.extract_eval.cases import CASES, HELD_OUT
    from bench.extract_recall import evaluate

    for cases in (CASES, HELD_OUT):
        rates = evaluate(cases)["rates"]["all"]
        assert rates["found"] >= 0.9 * rates["expected"]
        assert rates["extra"] <= 0.05 * rates["expected"]


def test_a_time_limit_printed_with_an_item_makes_the_item_a_milestone():
    text = ("（三）建立企业服务专员制度。各区明确服务专员，建立联系清单。（责任单位：市商务委；完成时限：2024年12月底前）\n"
            "（四）完善长效机制。（责任单位：市商务委；完成时限：持续推进）\n"
            "（五）打造示范园区。到2025年，建成10个示范园区。（完成时限：2025年底）")
    found = [(t.kind, t.due_on, t.quantity, t.text) for t in targets_in(normalise(text), "二、", year=2024)]
    assert found == [
        (MILESTONE, date(2024, 12, 31), None, "(三)建立企业服务专员制度。"),
        (TARGET, date(2025, 12, 31), Decimal(10), "到2025年,建成10个示范园区。"),
    ]


def test_a_period_in_brackets_after_a_name_is_a_label_not_a_deadline():
    assert _found("深入实施促进产业高质量发展若干措施（2024-2026年）。", 2024) == []


def test_an_english_plan_year_leading_a_sentence_about_the_future_is_that_years_end():
    (t,) = targets_in("In 2024, the added value of industry will grow by 6%.", None, year=2023)
    assert (t.due_on, t.quantity, t.unit, t.due_source.value) == (date(2024, 12, 31), Decimal(6), "percent", "inferred")
    assert targets_in("In 2023, the city had already completed 120 renovation projects.", None, year=2023) == []


def test_without_an_issue_date_the_year_it_took_effect_dates_year_end_deadlines():
    text = "\n".join([
        "上海市测试工作方案",
        "一、建立台账（责任单位：市商务委）",
        "年底前完成重点企业台账建立。",
        "本方案自2024年5月1日起施行。",
    ])
    (policy,) = extract_policies(text).policies
    assert policy.issued_on is None
    assert [(t.kind, t.due_on, t.due_source.value) for t in policy.targets] == [(MILESTONE, date(2024, 12, 31), "inferred")]


def test_the_second_quantity_of_a_list_names_its_own_metric():
    found = targets_in(normalise("到2025年，新建社区养老服务设施50家、社区托育点100个。"), None, year=2024)
    assert [(t.quantity, t.metric) for t in found] == [(Decimal(50), "新建社区养老服务设施"), (Decimal(100), "社区托育点")]


def test_a_time_limit_beside_the_responsible_units_is_not_an_agency():
    from tracker.extract.agencies import agencies_in

    links = agencies_in(normalise("制定认定标准。（责任单位：市规划资源局、市住房城乡建设管理委；完成时限：2024年6月底前）"))
    assert [a.name for a in links] == ["市规划资源局", "市住房城乡建设管理委"]


ENGLISH_PLAN = """Action Plan of Shanghai Municipality for Promoting the Development of Smart Elderly Care (2024-2026)
I. Main Objectives
By 2026, the city will have built 500 smart elderly care demonstration communities, and the coverage rate of emergency call devices for elderly people living alone will reach 90%.
II. Key Tasks
1. Build a unified service platform. By the end of June 2024, complete the design of the municipal smart elderly care platform; by the end of 2024, put the platform into operation. (Responsible units: Municipal Civil Affairs Bureau, Municipal Big Data Center)
2. Expand service supply. By 2025, no fewer than 200 smart canteens will be opened. (Responsible unit: Municipal Civil Affairs Bureau)
3. Improve standards. Before the end of the third quarter of 2024, issue local standards for smart elderly care services. (Responsible unit: Municipal Administration for Market Regulation)
This Action Plan shall come into force on May 1, 2024 and remain valid until December 31, 2026.
"""


def test_an_english_action_plan_yields_its_targets_and_milestones_per_measure():
    (policy,) = extract_policies(ENGLISH_PLAN).policies
    assert [(t.measure, t.kind, t.due_on, t.quantity, t.unit) for t in policy.targets] == [
        ("1.", MILESTONE, date(2024, 6, 30), None, None),
        ("1.", MILESTONE, date(2024, 12, 31), None, None),
        ("2.", TARGET, date(2025, 12, 31), Decimal(200), "canteens"),
        ("3.", MILESTONE, date(2024, 9, 30), None, None),
        (None, TARGET, date(2026, 12, 31), Decimal(500), "communities"),
        (None, TARGET, date(2026, 12, 31), Decimal(90), "percent"),
    ]
    assert policy.targets[0].metric == "complete the design of the municipal smart elderly care platform"
    assert policy.targets[-1].metric == "the coverage rate of emergency call devices for elderly people living alone"


def test_a_plan_s_horizon_dates_the_same_n_years_said_again_later():
    from tracker.extract import extract_policies

    text = ("某市高层次人才集聚工程实施意见\n1.目标。2020年起3年内，引进培养高层次人才1000名。\n"
            "2.实施博士后培养计划。3年内新设博士后工作站20个。（牵头单位：市人社局）\n"
            "3.实施青年人才计划。申请人应在2年内完成项目。（牵头单位：市科技局）\n")
    (p,) = extract_policies(text).policies
    got = sorted((t.due_on.isoformat(), int(t.quantity)) for t in p.targets if t.quantity)
    assert got == [("2022-12-31", 20), ("2022-12-31", 1000)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("网上报名时间为6月3日至6月6日，逾期不予受理。", [date(2026, 6, 6)]),
        ("各学校于6月20日前完成资格审核，并于6月25日向社会公示录取名单。", [date(2026, 6, 20), date(2026, 6, 25)]),
        ("申请家庭需在3个工作日内（即3月31日—4月2日）提交材料。", [date(2026, 4, 2)]),
        ("2010年6月1日至2012年5月31日期间出生的儿童可以报名。", []),
    ],
)
def test_a_schedule_s_steps_are_due_on_their_last_day(text, expected):
    found = targets_in(normalise(text), None, [], year=2026)
    assert [t.due_on for t in found] == expected and all(t.quantity is None for t in found)
