"""How plans and work reports print their targets (issue 10, held-out 3 patterns): indicator tables printed one
cell per line with year columns, rates whose unit has a slash, counts closing a list with 等, period goals dated
by their heading, units of foreign money and gas, numbers inside names, Chinese-numeral years. Sentences and
tables written for the tests, in the way such documents are written."""

from datetime import date
from decimal import Decimal

from tracker.domain.records import Comparator, TargetKind
from tracker.extract import extract_policies
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise


def _split(text: str, year: int | None = 2021, measure: str | None = None):
    found = targets_in(normalise(text), measure, year=year)
    targets = [(t.quantity, t.unit, t.due_on) for t in found if t.kind is TargetKind.TARGET]
    milestones = [t for t in found if t.kind is TargetKind.MILESTONE]
    return targets, milestones, found


END_2021 = date(2021, 12, 31)
END_2025 = date(2025, 12, 31)
END_2026 = date(2026, 12, 31)
END_2030 = date(2030, 12, 31)


# 1. Indicator tables printed one cell per line, with a baseline column and one or more goal columns.

TABLE_WITH_YEARS = (
    "表2  “十四五”全市供水保障主要指标\n序号\n类别\n主要指标\n2020年现状\n2025年目标\n指标\n属性\n"
    "1\n供水\n保障\n公共供水普及率（%）\n97\n99\n约束性\n"
    "2\n\n新建水厂供水能力达标率（%）\n——\n95\n预期性\n"
    "3\n管网\n管网漏损率（%）\n——\n中心城区≤9\n其他县城≤10\n约束性\n"
    "4\n水质\n水质达标率（%）\n中心城区≥98\n其他县城≥95\n中心城区100\n其他县城≥98\n预期性\n"
    "注：1. 供水普及率（%）=（用水人口/总人口）×100%；2. 评价依据：《城市给水工程规划规范》。\n"
)


def test_a_table_whose_header_names_the_goal_year_gives_the_goal_column_and_not_the_baseline():
    targets, _, found = _split(TABLE_WITH_YEARS)
    assert targets == [
        (Decimal(99), "percent", END_2025), (Decimal(95), "percent", END_2025),
        (Decimal(9), "percent", END_2025), (Decimal(10), "percent", END_2025),
        (Decimal(100), "percent", END_2025), (Decimal(98), "percent", END_2025),
    ]
    by_metric = {t.metric: t for t in found if t.kind is TargetKind.TARGET}
    assert by_metric["管网漏损率(%)(中心城区)"].comparator is Comparator.AT_MOST
    assert by_metric["水质达标率(%)(其他县城)"].comparator is Comparator.AT_LEAST


def test_neither_the_header_row_nor_the_formula_in_the_note_is_a_target():
    targets, milestones, _ = _split("到2025年，供水安全保障能力明显提升。\n" + TABLE_WITH_YEARS)
    assert (Decimal(2025), "年目标", END_2025) not in targets
    assert [t for t in targets if t[0] == Decimal(100)] == [(Decimal(100), "percent", END_2025)]  # the table's, not ×100%


def test_a_plan_column_and_a_column_of_the_first_year_are_each_due_at_their_own_year():
    text = ("表5  “十四五”全市排水设施建设主要指标\n序号\n主要指标\n单位\n计划任务\n其中：2022年任务\n指标属性\n"
            "1\n新建雨水管网\n公里\n1200\n300\n约束性\n"
            "2\n新增泵站抽排能力\n万m³/小时\n8\n2.5\n约束性\n")
    targets, _, _ = _split(text)
    assert targets == [
        (Decimal(1200), "公里", END_2025), (Decimal(300), "公里", date(2022, 12, 31)),
        (Decimal(80000), "立方米/小时", END_2025), (Decimal(25000), "立方米/小时", date(2022, 12, 31)),
    ]


def test_a_table_with_bare_figures_survives_the_page_number_filter_end_to_end():
    text = ("某市城市供水“十四五”规划\n"
            "一、发展目标\n"
            "到2025年，全市供水保障能力明显提升，供水水质稳定达标。\n"
            "表1  “十四五”全市供水主要指标\n\n序号\n\n主要指标\n\n2020年现状\n\n2025年目标\n\n指标属性\n\n"
            "1\n\n公共供水普及率（%）\n\n97\n\n99\n\n约束性\n\n"
            "2\n\n水厂深度处理率（%）\n\n60\n\n90\n\n约束性\n\n"
            "3\n\n二次供水改造率（%）\n\n40\n\n80\n\n预期性\n\n"
            "二、主要任务\n"
            "（一）提升供水能力。“十四五”期间，全市累计新建改造供水管网800公里。\n"
            "（二）提高水质。到2025年，水厂深度处理率达到90%。\n")
    (p,) = extract_policies(text).policies
    got = sorted((t.quantity, t.unit, t.due_on) for t in p.targets if t.kind is TargetKind.TARGET)
    # 90% is said twice (the table and a task's sentence): one target
    assert got == sorted([(Decimal(99), "percent", END_2025), (Decimal(90), "percent", END_2025),
                          (Decimal(80), "percent", END_2025), (Decimal(800), "公里", END_2025)])


def test_a_sentence_with_the_same_figure_but_another_indicator_stays_beside_the_table():
    text = ("某市城市供水“十四五”规划\n"
            "一、发展目标\n"
            "表1  “十四五”全市供水主要指标\n\n序号\n\n主要指标\n\n2020年现状\n\n2025年目标\n\n指标属性\n\n"
            "1\n\n公共供水普及率（%）\n\n97\n\n99\n\n约束性\n\n"
            "二、主要任务\n"
            "（一）加强农村供水。到2025年，农村自来水普及率达到99%。\n")
    (p,) = extract_policies(text).policies
    got = [(t.quantity, t.unit, t.due_on) for t in p.targets if t.kind is TargetKind.TARGET]
    assert got.count((Decimal(99), "percent", END_2025)) == 2


# 2. A rate keeps its whole unit.

def test_a_rate_unit_after_a_slash_is_kept_whole():
    targets, _, _ = _split("“十四五”期间，全市累计新增雨水抽排能力12万立方米/小时。")
    assert targets == [(Decimal(120000), "立方米/小时", END_2025)]
    targets, _, _ = _split("2026年，力争新建煤矿产能800万吨/年以上。", year=2026)
    assert targets == [(Decimal(8000000), "吨/年", END_2026)]
    _, _, found = _split("2026年，力争新建煤矿产能800万吨/年以上。", year=2026)
    assert found[0].comparator is Comparator.AT_LEAST


def test_a_standard_per_square_kilometre_is_still_read_as_before():
    targets, _, _ = _split("到2025年，人均公园绿地面积达到15平方米/人。")
    assert targets == [(Decimal(15), "平方米/人", END_2025)]


# 3. A count closing a list of examples (…等N个X): a goal when a verb that makes or ends things governs it.

def test_a_count_after_deng_is_a_target_when_the_goal_verb_takes_it():
    targets, _, _ = _split("2026年，消除东湖路、南门桥等8处易积水点位，启动建设滨江公园等12个新项目。", year=2026)
    assert targets == [(Decimal(8), "处", END_2026), (Decimal(12), "个", END_2026)]


def test_a_count_after_deng_that_is_the_subject_of_completion_is_a_target():
    targets, _, _ = _split("2026年，力争东山等3座水厂建成投运。", year=2026)
    assert targets == [(Decimal(3), "座", END_2026)]


def test_a_count_after_deng_naming_the_scope_of_ongoing_work_is_still_not_a_target():
    targets, _, _ = _split("2026年，加快洛阳等10个国家物流枢纽建设，支持东湖、西山2个省实验室高效运营。", year=2026)
    assert targets == []


# 5. Units of foreign money, gas by the cubic metre (方), buildings.

def test_dollars_gas_in_fang_and_buildings_are_units():
    targets, _, _ = _split("2026年，实际使用外资35亿美元，新增天然气产量8亿方以上，抓好320栋老旧楼房改造工作。", year=2026)
    assert targets == [(Decimal(35), "亿美元", END_2026), (Decimal(800000000), "方", END_2026),
                       (Decimal(320), "栋", END_2026)]


def test_fang_is_no_unit_outside_a_figure_of_wan_or_yi():
    targets, _, _ = _split("2026年，重点做好5方面工作，完善10项方案。", year=2026)
    assert (Decimal(5), "方", END_2026) not in targets


# 4. A report's section on the plan period's goals dates the figures under it at the period's end.

def test_a_heading_naming_the_period_s_goals_beside_its_tasks_dates_the_goal_figures_under_it():
    text = ("二、“十五五”时期主要目标和重大举措\n"
            "一是推动产业升级。力争规模以上工业增加值年均增长6％左右，数字经济核心产业增加值比重达到10％。\n"
            "三、2026年重点工作\n"
            "新建5G基站1万个。")
    targets, _, _ = _split(text, year=2026)
    assert targets == [(Decimal(6), "percent", END_2030), (Decimal(10), "percent", END_2030),
                       (Decimal(10000), "个", END_2026)]


def test_a_long_period_heading_is_not_wrapped_into_the_paragraph_under_it():
    text = ("二、“十五五”时期工作总体要求和目标任务\n"
            "地区生产总值年均增长5%左右，全社会研发经费投入年均增长7%左右。")
    targets, _, _ = _split(text, year=2026)
    assert targets == [(Decimal(5), "percent", END_2030), (Decimal(7), "percent", END_2030)]


def test_a_heading_reviewing_the_past_period_and_naming_the_next_does_not_date_the_past_figures():
    text = ("二、“十四五”时期发展成就和“十五五”时期主要目标任务\n"
            "五年来，地区生产总值年均增长5.5%，新增就业300万人。")
    targets, _, _ = _split(text, year=2026)
    assert targets == []


def test_the_next_five_years_goal_list_of_a_report_is_due_at_the_end_of_its_fifth_year():
    _, milestones, _ = _split("《纲要草案》明确了今后五年的发展目标：一是城市功能持续提升，二是高质量发展迈上新台阶。", year=2026)
    assert [m.due_on for m in milestones] == [END_2030]


def test_the_next_five_years_described_without_a_goal_list_date_nothing():
    targets, milestones, _ = _split("未来五年是我省发展的机遇期，明确了今后五年的主要目标，提出了一系列重要举措。", year=2026)
    assert targets == [] and milestones == []


# 6. A figure inside a name is no target.

def test_figures_inside_names_are_not_targets():
    targets, _, _ = _split("2026年，加快推进“3个100”等重点工程建设，推动“117项目”核心区建设，办好青年50人论坛等活动，"
                           "新建公园20个。", year=2026)
    assert targets == [(Decimal(20), "个", END_2026)]


def test_a_count_of_the_report_s_own_parts_is_not_a_target_but_a_count_of_goals_is():
    targets, _, _ = _split("2026年，要重点做好9个方面工作，完成3项目标任务。", year=2026)
    assert targets == [(Decimal(3), "项", END_2026)]


# 7. A year in Chinese numerals is a deadline.

def test_a_year_in_chinese_numerals_is_a_deadline():
    _, milestones, _ = _split("在此基础上再奋斗五年，到二〇三五年基本建成社会主义现代化大都市。", year=2026)
    assert [m.due_on for m in milestones] == [date(2035, 12, 31)]


# 8. Titles: a wrapper over three lines, a site's heading shorter than the title printed below it, a stray mark.

def test_a_notice_title_broken_over_three_lines_keeps_its_last_line():
    text = ("穗建规字〔2023〕4号\n"
            "广州市住房和城乡建设局 广州市财政局\n"
            "关于印发广州市既有住宅加装电梯管理办法\n"
            "实施细则的通知\n"
            "各有关单位：\n"
            "现将《广州市既有住宅加装电梯管理办法实施细则》印发给你们，请遵照执行。\n"
            "广州市住房和城乡建设局\n广州市财政局\n2023年5月8日\n"
            "广州市既有住宅加装电梯管理办法实施细则\n"
            "第一条  为规范既有住宅加装电梯工作，制定本细则。\n"
            "第二条  本细则自印发之日起施行，有效期5年。\n")
    titles = [p.title for p in extract_policies(text).policies]
    assert titles == ["广州市既有住宅加装电梯管理办法实施细则"]


def test_the_title_the_report_prints_below_the_site_heading_wins_and_its_delivery_day_dates_it():
    text = ("2026年政府工作报告\n"
            "首页\n>\n政府信息公开\n>\n政府工作报告\n"
            "山西省2026年政府工作报告\n"
            "2026年1月25日在山西省第十四届人民代表大会第五次会议上\n"
            "各位代表：\n"
            "一、2025年工作回顾\n"
            "地区生产总值增长5%。\n"
            "二、2026年重点工作\n"
            "（一）扩大有效投资。新建公路200公里。\n"
            "（二）促进消费。新增养老床位3000张。\n")
    (p,) = extract_policies(text).policies
    assert p.title == "山西省2026年政府工作报告"
    assert p.issued_on == date(2026, 1, 25)
    got = sorted((t.quantity, t.unit, t.due_on) for t in p.targets if t.kind is TargetKind.TARGET)
    assert got == [(Decimal(200), "公里", END_2026), (Decimal(3000), "张", END_2026)]


def test_a_section_mark_of_the_file_before_the_title_is_dropped():
    text = ("II某省城市排水防涝“十四五”规划\n"
            "一、发展目标\n"
            "（一）到2025年，新建雨水管网500公里。\n"
            "（二）到2025年，新增泵站20座。\n")
    (p,) = extract_policies(text).policies
    assert p.title == "某省城市排水防涝“十四五”规划"
