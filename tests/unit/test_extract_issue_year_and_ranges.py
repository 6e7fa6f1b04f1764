"""Known gaps of issue 10, one rule each: 今年/年内/明年 as deadlines, English ranges in words, goal years over
English bullets, relative periods that are no deadlines, and a goal year that stops at the next section."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.records import Comparator, TargetKind
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise

MILESTONE, TARGET = TargetKind.MILESTONE, TargetKind.TARGET


def _found(text: str, year: int | None = 2024):
    return [(t.kind, t.due_on, t.quantity, t.unit) for t in targets_in(normalise(text), None, [], year=year)]


def _ranges(text: str, year: int | None = 2024):
    return [(t.due_on, t.quantity, t.quantity_high, t.unit, t.comparator) for t in targets_in(normalise(text), None, [], year=year)
            if t.kind is TARGET]


# 2. English ranges and numbers in words, read as the Chinese ones (3-5个 is between 3 and 5).
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("By 2026, build three to five innovation parks.", (date(2026, 12, 31), 3, 5, "parks", Comparator.BETWEEN)),
        ("By 2026, the city will build between two and three new hospitals.",
         (date(2026, 12, 31), 2, 3, "hospitals", Comparator.BETWEEN)),
        ("By 2025, create 10 to 15 pocket parks.", (date(2025, 12, 31), 10, 15, "parks", Comparator.BETWEEN)),
        ("By 2025, build between 10 and 15 demonstration zones.", (date(2025, 12, 31), 10, 15, "zones", Comparator.BETWEEN)),
        ("By 2025, establish no fewer than three national laboratories.",
         (date(2025, 12, 31), 3, None, "laboratories", Comparator.AT_LEAST)),
        ("By 2027, we shall incubate two to three globally influential ecosystem-dominating enterprises.",
         (date(2027, 12, 31), 2, 3, "enterprises", Comparator.BETWEEN)),
        ("By 2025, form two or three industrial clusters with international influence.",
         (date(2025, 12, 31), 2, 3, "clusters", Comparator.BETWEEN)),
        ("By 2030, train three to five million skilled workers.",
         (date(2030, 12, 31), 3_000_000, 5_000_000, "workers", Comparator.BETWEEN)),
    ],
)
def test_an_english_range_in_words_or_figures_is_one_between_target(sentence, expected):
    assert _ranges(sentence) == [expected]


def test_a_range_reached_by_a_verb_needs_no_noun_after_it():
    [(due, low, high, _, comp)] = _ranges("By 2026, the number of pilot cities will reach between three and five.")
    assert (due, low, high, comp) == (date(2026, 12, 31), 3, 5, Comparator.BETWEEN)


def test_a_low_end_above_the_high_end_is_no_range():
    assert _ranges("By 2026, build five to three parks.") == [(date(2026, 12, 31), 3, None, "parks", Comparator.EXACTLY)]


def test_and_makes_a_range_only_after_between():
    assert _ranges("By 2026, open two and three new lines.") == [(date(2026, 12, 31), 3, None, "lines", Comparator.EXACTLY)]


# 3. An English goal year opening a paragraph governs its later sentences and the bullets under it.
def test_an_english_goal_year_reaches_the_later_sentences_of_its_paragraph():
    text = ("By 2027, the city's housing supply shall be stable and sufficient. We shall build 50,000 affordable units "
            "and renovate 120 old residential compounds.")
    assert [(k, d, q, u) for k, d, q, u in _found(text) if k is TARGET] == [
        (TARGET, date(2027, 12, 31), 50000, "units"), (TARGET, date(2027, 12, 31), 120, "compounds")]


def test_an_english_goal_year_reaches_the_bullets_under_it():
    text = ("By 2025, the city will:\n• build 50,000 affordable housing units;\n• plant 2 million trees;\n"
            "• open 20 new schools.")
    assert _found(text) == [(TARGET, date(2025, 12, 31), 50000, "units"), (TARGET, date(2025, 12, 31), 2000000, "trees"),
                            (TARGET, date(2025, 12, 31), 20, "schools")]


def test_an_english_goal_year_without_a_colon_reaches_dash_bullets():
    text = ("By the end of 2026, the province will have a modern logistics network.\n"
            "- 30 county logistics centres will be completed;\n- 500 village delivery points will be opened.")
    assert [t for t in _found(text) if t[0] is TARGET] == [
        (TARGET, date(2026, 12, 31), 30, "centres"), (TARGET, date(2026, 12, 31), 500, "points")]


def test_an_english_goal_year_does_not_reach_the_next_paragraph():
    text = ("By 2025, the city will build 50,000 affordable housing units.\n"
            "The housing bureau supervises 12 district offices and publishes an annual report.")
    assert _found(text) == [(TARGET, date(2025, 12, 31), 50000, "units")]


# 1. 今年 / 本年 / 年内 / 明年 in a work plan or report: the issue year (or the next).
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("今年完成老旧小区改造120个。", [(TARGET, date(2024, 12, 31), 120, "个")]),
        ("今年新建5G基站3万个。", [(TARGET, date(2024, 12, 31), 30000, "个")]),
        ("今年，全市地区生产总值增长6%左右。", [(TARGET, date(2024, 12, 31), 6, "percent")]),
        ("本年度完成农村公路提档升级200公里。", [(TARGET, date(2024, 12, 31), 200, "公里")]),
        ("年内建成10个社区养老服务中心。", [(TARGET, date(2024, 12, 31), 10, "个")]),
        ("年内建成全市统一的政务服务平台。", [(MILESTONE, date(2024, 12, 31), None, None)]),
        ("本年内完成全部燃气管道隐患排查。", [(MILESTONE, date(2024, 12, 31), None, None)]),
        ("本年底前完成全部燃气管道隐患排查。", [(MILESTONE, date(2024, 12, 31), None, None)]),
        ("今年6月底前完成第一批整改任务。", [(MILESTONE, date(2024, 6, 30), None, None)]),
        ("明年6月底前完成全部整改任务。", [(MILESTONE, date(2025, 6, 30), None, None)]),
        ("明年3月31日前报送评估报告。", [(MILESTONE, date(2025, 3, 31), None, None)]),
        ("明年全面建成城市运行管理服务平台。", [(MILESTONE, date(2025, 12, 31), None, None)]),
        ("力争今年建成充电桩5000个。", [(TARGET, date(2024, 12, 31), 5000, "个")]),
    ],
)
def test_this_year_and_next_year_take_the_issue_year(sentence, expected):
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "今年以来，全市新增市场主体3000家。",  # what has happened so far
        "今年1-6月，全市完成固定资产投资500亿元。",  # a tally of months gone
        "今年是“十五五”规划的开局之年。",  # what the year is
        "做好今年工作，要坚持稳中求进工作总基调。",  # not opening the sentence
        "今年6月，市政府召开全市优化营商环境大会。",  # an event told, no deadline marker
        "职工应当在本年度内休完年休假。",  # a recurring duty of every year
        "今年已建成5G基站3万个。",  # done already
    ],
)
def test_this_year_in_reports_of_what_happened_is_no_deadline(sentence):
    assert _found(sentence) == []


def test_without_an_issue_year_this_year_dates_nothing():
    assert _found("今年完成老旧小区改造120个。", year=None) == []


def test_the_issue_year_comes_from_the_signature_date():
    from tracker.extract.pipeline import extract_policies

    text = ("某区2025年民生实事工作方案\n一、工作任务\n（一）今年新建公共充电桩500个。\n（二）明年6月底前完成全部老旧小区改造。\n"
            "某区人民政府\n2025年2月10日\n")
    [policy] = extract_policies(text).policies
    assert [(t.kind, t.due_on, t.quantity) for t in policy.targets] == [
        (TARGET, date(2025, 12, 31), 500), (MILESTONE, date(2026, 6, 30), None)]


# 4. Periods counted from each case (X个工作日内, 30日内, within 15 working days) are no dated obligations.
@pytest.mark.parametrize(
    "sentence",
    [
        "相关部门应在收到申请后5个工作日内办结。",
        "自受理之日起30日内作出准予或者不予许可的决定。",
        "申请人应当在接到通知后15日内补正材料。",
        "2025年6月底前，各区应在收到申请后30日内完成审核。",
        "The department shall make a decision within 20 working days from the date of acceptance.",
        "Local governments shall report to the Ministry within 30 days after the end of each quarter.",
        "By 2025, complaints shall be handled within 48 hours of receipt.",
        "责令限期改正，应在3个月内完成整改，逾期不改的，处5000元罚款。",
    ],
)
def test_a_period_counted_from_each_case_is_neither_a_target_nor_a_milestone(sentence):
    assert _found(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "By 2025, all construction permits shall be issued within 15 working days.",
        "到2025年，不动产登记一般业务办理时间压缩至3个工作日内。",
    ],
)
def test_a_dated_reform_of_processing_time_is_a_milestone_not_a_count_of_days(sentence):
    [(kind, due, quantity, unit)] = _found(sentence)
    assert (kind, quantity, unit) == (MILESTONE, None, None) and due == date(2025, 12, 31)


def test_a_period_counted_from_the_issue_is_still_a_dated_milestone():
    found = [(t.kind, t.due_on) for t in targets_in(normalise("各区自本通知印发之日起30日内制定实施方案。"), None, [], year=2024,
                                                  issued=date(2024, 3, 1))]
    assert found == [(MILESTONE, date(2024, 3, 31))]


# 6. A goal year reaches what is listed under it, not the next section: figures there without a date are no targets.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("一、发展目标\n到2025年，实现以下目标：\n（一）建成10个测试示范区。\n（二）培育龙头企业5家。\n"
         "二、重点任务\n（一）改造智能路口200个。\n（二）新建创新平台20个。",
         [(TARGET, date(2025, 12, 31), 10, "个"), (TARGET, date(2025, 12, 31), 5, "家")]),
        ("第一章 发展目标\n到2025年，实现以下目标：\n（一）建成10个测试示范区。\n第二章 重点任务\n（一）新建创新平台20个。",
         [(TARGET, date(2025, 12, 31), 10, "个")]),
        ("到2025年，实现以下目标：\n1.建成10个测试示范区，其中：\n（1）国家级示范区2个；\n（2）市级示范区8个。\n"
         "2.培育龙头企业5家。\n二、重点任务\n1.改造智能路口200个。",
         [(TARGET, date(2025, 12, 31), 10, "个"), (TARGET, date(2025, 12, 31), 2, "个"), (TARGET, date(2025, 12, 31), 8, "个"),
          (TARGET, date(2025, 12, 31), 5, "家")]),
        ("一、发展目标\n到2025年，全市产业规模达到1000亿元。\n——培育龙头企业5家。\n二、重点任务\n——新建创新平台20个。",
         [(TARGET, date(2025, 12, 31), 1000, "亿元"), (TARGET, date(2025, 12, 31), 5, "家")]),
        ("（一）建设阶段（2025年底前）。\n1.建成试点项目10个。\n二、保障措施\n1.加强资金保障，新建培训基地3个。",
         [(TARGET, date(2025, 12, 31), 10, "个")]),
        ("I. Goals\nBy 2025, the city will:\n(1) build 10 test zones;\n(2) open 500 kilometres of test roads.\n"
         "II. Key Tasks\n(1) Upgrade 200 smart intersections.\n(2) Deploy 1,000 roadside units.",
         [(TARGET, date(2025, 12, 31), 10, "zones"), (TARGET, date(2025, 12, 31), 500, "kilometres")]),
    ],
)
def test_a_goal_year_does_not_leak_past_a_higher_heading(text, expected):
    assert _found(text) == expected


def test_figures_of_a_later_undated_section_of_a_policy_are_not_targets():
    from tracker.extract.pipeline import extract_policies

    text = ("某市智能网联汽车发展行动方案\n一、发展目标\n到2025年，全市智能网联汽车产业规模达到1000亿元，建成10个测试示范区。\n"
            "二、重点任务\n（一）完善基础设施。改造智能路口200个，部署路侧单元1000套。\n"
            "（二）培育市场主体。支持企业建设研发中心，新建创新平台20个。\n"
            "三、保障措施\n（一）加强资金保障。市级财政每年安排资金2亿元。\n")
    [policy] = extract_policies(text).policies
    assert [(t.due_on, t.quantity, t.unit) for t in policy.targets] == [
        (date(2025, 12, 31), 1000, "亿元"), (date(2025, 12, 31), 10, "个")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By 2025, the following goals will be achieved.\n• 50,000 affordable housing units will be built;\n"
         "• 2 million trees will be planted.",
         [(TARGET, date(2025, 12, 31), 50000, "units"), (TARGET, date(2025, 12, 31), 2000000, "trees")]),
        ("Targets for 2025:\n- Build 30 county logistics centres.\n- Open 500 village delivery points.",
         [(TARGET, date(2025, 12, 31), 30, "centres"), (TARGET, date(2025, 12, 31), 500, "points")]),
        ("By the end of 2026, we will achieve the following targets:\n1. Build 30 county logistics centres.\n"
         "2. Open 500 village delivery points.",
         [(TARGET, date(2026, 12, 31), 30, "centres"), (TARGET, date(2026, 12, 31), 500, "points")]),
        ("By 2030, the city will be a global innovation hub.\n— R&D spending will exceed 4.5% of GDP;\n"
         "— the number of high-tech enterprises will reach 30,000.",
         [(TARGET, date(2030, 12, 31), Decimal("4.5"), "percent"), (TARGET, date(2030, 12, 31), 30000, "enterprises")]),
    ],
)
def test_english_goal_lists_mirror_the_chinese_ones(text, expected):
    assert [f for f in _found(text) if f[0] is TARGET] == expected
    assert not [f for f in _found(text) if f[0] is MILESTONE and "following" in text.split("\n")[0]]


@pytest.mark.parametrize(
    "sentence, due",
    [
        ("This year, the city will build 30 county logistics centres.", date(2024, 12, 31)),
        ("Next year, the city will build 30 county logistics centres.", date(2025, 12, 31)),
        ("By the end of next year, the city will build 30 county logistics centres.", date(2025, 12, 31)),
        ("Within this year, the city will build 30 county logistics centres.", date(2024, 12, 31)),
    ],
)
def test_this_year_and_next_year_in_english_take_the_issue_year(sentence, due):
    assert _found(sentence) == [(TARGET, due, 30, "centres")]


def test_this_year_in_an_english_report_of_what_was_done_is_no_deadline():
    assert _found("This year, the city built 30 county logistics centres.") == []


def test_a_plan_period_section_of_a_report_dates_its_counts_at_the_period_end():
    text = ("二、“十五五”时期主要目标任务\n——坚持扩大有效需求。促进消费和投资良性互动，经济年均增长5%左右。\n"
            "——坚持以人民为中心。推进基本公共服务均等化，城镇新增就业500万人以上，稳步提高居民收入水平。\n"
            "三、2026年重点工作安排\n（一）扩大有效需求。实施省重点项目1000个以上。\n")
    assert _found(text, year=2026) == [(TARGET, date(2030, 12, 31), 5, "percent"), (TARGET, date(2030, 12, 31), 5_000_000, "人"),
                                       (TARGET, date(2026, 12, 31), 1000, "个")]


# The count of things just named is the scope of the work, not a number to reach.
@pytest.mark.parametrize(
    "sentence",
    [
        "2026年，加快洛阳等10个国家物流枢纽建设。",
        "2026年，加快钢铁、煤炭、有色等10个传统产业提质升级。",
        "2026年，支持长白山、三江、吉光3个省实验室高效运营。",
        "2026年，推进长春、白山2个城市国家公立医院高质量发展示范项目。",
    ],
)
def test_a_count_of_things_just_named_is_not_a_target(sentence):
    assert [f for f in _found(sentence, year=2026) if f[0] is TARGET] == []


@pytest.mark.parametrize(
    "sentence, quantity, unit",
    [
        ("到2027年，培育年产值超100亿元、具备较强国际竞争力的龙头企业2家。", 2, "家"),
        ("到2025年，新增国家级、市级重点实验室、产业技术研究院、应用技术中心、数据共享中心等创新平台5个以上。", 5, "个"),
        ("到2025年，建成幼儿园、中小学50所。", 50, "所"),
    ],
)
def test_a_count_of_what_the_clause_asks_for_stays_a_target(sentence, quantity, unit):
    assert (TARGET, quantity, unit) in [(k, q, u) for k, _, q, u in _found(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "截至2025年12月底，全市享受困难残疾人生活补贴3.34万人、重度残疾人护理补贴12.22万人。",
        "2024年，关停淘汰10万千瓦及以下燃煤机组。",
    ],
)
def test_where_things_stood_and_the_size_of_what_work_applies_to_are_not_targets(sentence):
    assert [f for f in _found(sentence, year=2024) if f[0] is TARGET] == []


@pytest.mark.parametrize(
    "sentence, quantity, unit",
    [("截至2025年底，全市力争建成公共充电桩10万个。", 100000, "个"), ("截至2025年底，累计培育上市企业不少于30家。", 30, "家")],
)
def test_a_goal_said_with_jiezhi_stays_a_target(sentence, quantity, unit):
    assert _found(sentence) == [(TARGET, date(2025, 12, 31), quantity, unit)]


def test_a_limit_with_jiyixia_at_the_end_of_a_goal_stays_a_target():
    assert _found("到2025年，全市细颗粒物浓度控制在30微克/立方米及以下。") == [(TARGET, date(2025, 12, 31), 30, "微克/立方米")]


def test_an_english_opening_goal_spanning_six_key_fields_is_a_milestone_beside_its_figures():
    text = ("By 2027, we will take the lead in achieving broad and deep integration of AI with six key fields, the penetration "
            "rate of smart terminals will exceed 70%, and the core industries will be growing rapidly.")
    found = _found(text)
    assert (TARGET, date(2027, 12, 31), 70, "percent") in found
    assert [f for f in found if f[0] is MILESTONE] == [(MILESTONE, date(2027, 12, 31), None, None)]


@pytest.mark.parametrize(
    "sentence, quantity, unit",
    [
        ("By 2025, the share of renewable energy will rise from 30% to 50%.", 50, "percent"),
        ("By 2025, increase the forest coverage rate from 25 percent to 30 percent.", 30, "percent"),
        ("By 2025, raise the number of pocket parks from 200 to 300.", 300, "parks"),
        ("By 2025, the output will grow from RMB 2 billion to RMB 5 billion.", 5_000_000_000, "yuan"),
    ],
)
def test_from_x_to_y_in_english_is_a_goal_of_y_not_a_range(sentence, quantity, unit):
    assert _ranges(sentence) == [(date(2025, 12, 31), quantity, None, unit, Comparator.EXACTLY)]


def test_working_days_are_a_time_allowed_in_english_as_in_chinese():
    assert _found("By 2025, cut the approval time from 20 working days to 5 working days.") == [
        (MILESTONE, date(2025, 12, 31), None, None)]
    assert _found("到2025年，审批时间由20个工作日压缩至5个工作日。") == [(MILESTONE, date(2025, 12, 31), None, None)]


def test_a_year_opening_what_an_authority_did_is_told_not_due():
    assert _found("2021年，国务院部署在北京、上海等6个城市开展营商环境创新试点。", year=None) == []
    assert _found("2021年，全市建成6个营商环境创新试点城市。", year=None) == [(TARGET, date(2021, 12, 31), 6, "个")]


def test_under_an_english_goal_year_a_sentence_of_another_year_or_of_what_is_done_is_no_goal():
    text = ("By 2025, the city will be a green city. In 2020, the city opened 30 parks. So far, 12 greenways have been "
            "completed. The city will open 50 new parks.")
    assert _found(text, year=2022) == [(TARGET, date(2025, 12, 31), 50, "parks")]


@pytest.mark.parametrize("marks", [("1) ", "2) "), ("(a) ", "(b) "), ("a. ", "b. ")])
def test_a_goal_year_reaches_lightly_numbered_items_under_its_colon(marks):
    text = f"By 2025, the city will:\n{marks[0]}build 10 test zones;\n{marks[1]}open 500 kilometres of test roads."
    assert _found(text) == [(TARGET, date(2025, 12, 31), 10, "zones"), (TARGET, date(2025, 12, 31), 500, "kilometres")]


def test_a_chinese_goal_year_reaches_items_numbered_1_paren():
    text = "到2025年，实现以下目标：\n1)建成10个测试示范区；\n2)开放测试道路500公里。"
    assert _found(text) == [(TARGET, date(2025, 12, 31), 10, "个"), (TARGET, date(2025, 12, 31), 500, "公里")]
