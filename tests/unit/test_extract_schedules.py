"""Milestones of schedules and dated obligations printed in other ways (second milestone round): a day opening
a step, a step whatever it counts or however its act is worded, the year of an undated notice's round,
Chinese-numeral years, spans of months; and dates that are not deadlines (an issuing told, a condition, a plan
period's goals). Texts written the way notices word them."""

from datetime import date

import pytest

from tracker.domain.records import TargetKind
from tracker.extract.deadlines import arabic_years, cn_deadlines
from tracker.extract.pipeline import extract_policies
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise

MILESTONE, TARGET = TargetKind.MILESTONE, TargetKind.TARGET


def _found(text: str, year: int | None = 2026):
    return [(t.kind, t.due_on, t.quantity, t.unit) for t in targets_in(normalise(text), None, [], year=year)]


@pytest.mark.parametrize(
    "sentence, due",
    [
        ("7月10日，区教育局在门户网站公布录取名单。", date(2026, 7, 10)),
        ("7月12日9:00，录取学生持录取通知书到学校报到。", date(2026, 7, 12)),
        ("9月1日，新生到校办理注册手续。", date(2026, 9, 1)),
        ("6月20日上午9：30，各报名点集中受理现场报名。", date(2026, 6, 20)),
    ],
)
def test_a_day_opening_a_step_of_a_schedule_is_its_milestone(sentence, due):
    assert _found(sentence) == [(MILESTONE, due, None, None)]


def test_a_day_opening_a_sentence_that_is_no_step_is_not_a_milestone():
    assert _found("8月1日，第三届读书节在市文化中心开幕。") == []


def test_a_day_opening_a_schedule_step_needs_a_year_to_date_it():
    assert _found("7月10日，区教育局在门户网站公布录取名单。", year=None) == []


def test_what_a_step_counts_is_its_rule_not_a_target():
    # 1至3个志愿 is how many choices an applicant may make, not a goal to reach.
    assert _found("8月3日10：00—8月6日17:00，申请人登录申请系统填报1至3个志愿。") == [(MILESTONE, date(2026, 8, 6), None, None)]
    assert _found("申请家庭须在2026年5月6日至5月8日内选定1套房源。") == [(MILESTONE, date(2026, 5, 8), None, None)]


def test_a_deadline_opening_a_span_of_days_is_due_on_its_last_day():
    assert _found("各区须在2026年5月6日至5月8日完成现场核查。") == [(MILESTONE, date(2026, 5, 8), None, None)]


@pytest.mark.parametrize(
    "sentence, due",
    [
        ("申请家庭可在2025年9月1日至9月5日内登录服务平台上传申请材料。", date(2025, 9, 5)),
        ("受理时间：2025年10月8日至10月17日。", date(2025, 10, 17)),
        ("网上申请时间为3月2日至3月6日。", date(2026, 3, 6)),
    ],
)
def test_a_step_is_a_milestone_however_its_act_is_worded(sentence, due):
    assert _found(sentence, year=due.year) == [(MILESTONE, due, None, None)]


def test_an_ordinary_sentence_with_a_count_is_still_a_target():
    assert _found("2026年底前新建社区食堂50个。") == [(TARGET, date(2026, 12, 31), 50, "个")]


@pytest.mark.parametrize(
    "clause, due",
    [
        ("各部门一九八八年底以前完成计量器具的更新改造", date(1988, 12, 31)),
        ("各地要在二〇二五年底前完成改造", date(2025, 12, 31)),
        ("二零二四年六月底前，完成清查", date(2024, 6, 30)),
        ("各地须于二〇二四年十二月底前完成整改", date(2024, 12, 31)),
    ],
)
def test_a_year_printed_in_chinese_numerals_is_read(clause, due):
    assert [d.due for d in cn_deadlines(clause, 2020)] == [due]


def test_chinese_numeral_years_keep_every_span_of_the_clause():
    for clause in ("于二〇二五年六月底前完成", "一九九〇年十月", "第十二五年", "三四五六年"):
        assert len(arabic_years(clause)) == len(clause)
    assert arabic_years("三四五六年") == "三四五六年"  # not a year: a year starts with 1 or 2


def test_a_span_of_months_is_due_when_its_last_month_ends():
    assert _found("市医保局会同市教育局于2026年3月至6月组织开展参保数据核对工作。") == [(MILESTONE, date(2026, 6, 30), None, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "2018年9月，国务院办公厅印发《关于加强城市管理的指导意见》，对相关工作作出部署。",
        "2023年11月，省政府审议通过《全省数字政府建设规划》，明确了建设路径。",
        "在2024年1月1日以前已经取得资格证书的，可继续使用至有效期届满，无需重新办理。",
        "在2020年7月1日以前开工建设的项目，按照原标准执行。",
        "实现“十五五”时期经济社会发展目标，必须坚持稳中求进工作总基调。",
        "“十五五”时期，是全面建设现代化强市的关键五年。",
    ],
)
def test_dates_that_are_not_deadlines(sentence):
    assert _found(sentence) == []


def test_a_plan_period_whose_goals_are_to_be_completed_is_still_a_deadline():
    assert _found("确保“十五五”时期经济社会发展目标如期实现。")[0][:2] == (MILESTONE, date(2030, 12, 31))


UNDATED_GUIDE = """2026年某某区义务教育阶段学位申请指引

一、申请对象
在本区居住的适龄儿童少年。
二、申请流程
（一）网上申请
5月6日10：00—5月9日17:00，申请人登录学位申请系统填报信息。
（二）公布结果
5月20日，区教育局通过门户网站公布审核结果。
"""

UNDATED_NOTICE = """各区市场监管局：
为推进质量提升，经研究，决定开展2025年度全市质量标杆企业评选工作。现就有关事项通知如下：
一、申报时间
1. 企业申报。符合条件的企业自6月3日至6月20日提交网上申请。
2. 初审推荐。各区局于6月30日前将推荐名单报市局质量处。
二、工作要求
各区要高度重视，认真组织。
"""


def _milestones(text: str):
    [policy] = extract_policies(text, source_name="notice.txt").policies
    return sorted(t.due_on for t in policy.targets if t.kind == MILESTONE)


def test_an_undated_guide_takes_the_year_its_title_opens_with():
    assert _milestones(UNDATED_GUIDE) == [date(2026, 5, 9), date(2026, 5, 20)]


def test_an_undated_notice_takes_the_year_of_the_round_it_announces():
    assert _milestones(UNDATED_NOTICE) == [date(2025, 6, 20), date(2025, 6, 30)]


def test_a_deadline_counted_from_the_issue_date():
    text = "各县（市、区）要于本方案印发后2个月内制定具体实施细则，报市政府备案。"
    got = [(t.kind, t.due_on) for t in targets_in(normalise(text), None, [], year=2024, issued=date(2024, 8, 31))]
    assert got == [(MILESTONE, date(2024, 10, 31))]
    text = "各部门自本通知印发之日起30日内完成自查。"
    got = [(t.kind, t.due_on) for t in targets_in(normalise(text), None, [], year=2024, issued=date(2024, 3, 5))]
    assert got == [(MILESTONE, date(2024, 4, 4))]


def test_a_month_after_issue_without_that_day_ends_on_the_months_last_day():
    text = "各区于本意见印发后1个月内出台配套措施。"
    got = [t.due_on for t in targets_in(normalise(text), None, [], year=2025, issued=date(2025, 1, 31))]
    assert got == [date(2025, 2, 28)]


def test_a_deadline_counted_from_the_issue_date_needs_the_issue_date():
    assert _found("各区要于本文印发后3个月内出台辖区实施方案。") == []


def test_the_latest_day_a_party_must_start_applying_a_rule_is_its_milestone():
    text = "本标准施行有困难的小型企业，可以申请延期；但最迟应当自2027年1月1日起执行，大型企业最迟须于2026年7月1日前实施。"
    assert _found(text) == [(MILESTONE, date(2027, 1, 1), None, None), (MILESTONE, date(2026, 7, 1), None, None)]


def test_the_policys_own_start_is_still_no_obligation():
    assert _found("本办法自2026年3月1日起施行。") == []



def test_a_latest_start_beside_the_policys_own_start_is_still_a_milestone():
    text = "本办法自2026年3月1日起施行，各地最迟应当自2026年9月1日起执行。"
    assert _found(text) == [(MILESTONE, date(2026, 9, 1), None, None)]


def test_a_goal_reached_in_full_beside_figures_is_a_milestone_too():
    text = "到2030年，农村自来水普及率达到95%以上，基本实现城乡供水一体化，水质达标率达到90%。"
    got = _found(text)
    assert (MILESTONE, date(2030, 12, 31), None, None) in got
    assert sorted((q, u) for k, _, q, u in got if k == TARGET) == [(90, "percent"), (95, "percent")]


def test_what_counted_work_brings_is_no_goal_of_its_own():
    text = "到2028年，引进培育高层次人才500名，形成一批各领域领军人才的后备力量。"
    assert _found(text) == [(TARGET, date(2028, 12, 31), 500, "名")]


def test_a_task_before_a_semicolon_does_not_take_the_next_tasks_deadline():
    text = "市有关部门要及时出台配套政策，加强指导；涉及修改地方性法规的，要抓紧按程序办理，确保2025年底前落实到位。"
    got = targets_in(normalise(text), None, [], year=2025)
    assert [(t.kind, t.due_on) for t in got] == [(MILESTONE, date(2025, 12, 31))]
    assert got[0].text.startswith("涉及修改地方性法规的")


def test_a_task_before_a_comma_still_takes_the_sentences_deadline():
    assert _found("建成5个产业园，到2026年底前全部投入使用。") == [(TARGET, date(2026, 12, 31), 5, "个")]


@pytest.mark.parametrize(
    "sentence, due",
    [
        ("推动新一代整车三季度实现量产。", date(2026, 9, 30)),
        ("支持本地企业自主研发的工业机器人上半年面市。", date(2026, 6, 30)),
        ("确保二期生产线年底前建成投产。", date(2026, 12, 31)),
    ],
)
def test_a_product_brought_to_market_by_a_date_is_a_milestone(sentence, due):
    assert _found(sentence) == [(MILESTONE, due, None, None)]


def test_the_span_a_benefit_lasts_is_no_step():
    text = "按时办理参保登记并缴费的，自2027年1月1日至12月31日享受当年度医保待遇。"
    assert _found(text, year=2026) == []
    assert _found("参保登记时间为2026年9月1日至12月20日。") == [(MILESTONE, date(2026, 12, 20), None, None)]


def test_another_partys_duty_after_a_dated_one_is_not_dated_by_it():
    text = "市发展改革委于2026年9月底前制定实施细则；各区要加强配合，确保政策落地见效。"
    assert _found(text) == [(MILESTONE, date(2026, 9, 30), None, None)]


def test_tasks_listed_under_a_dated_colon_keep_its_date():
    text = "到2026年底，实现以下目标：建成统一平台；各区要全部接入。"
    assert [k for k, *_ in _found(text)] == [MILESTONE, MILESTONE]
