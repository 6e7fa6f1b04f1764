"""How plans state their dated goals (issue 10, held-out 2 items 1–6): a goal lead-in over later paragraphs and
an indicator table printed cell by cell, a bare year inside a sentence, five-year-plan periods that set a goal
or only describe one, a 展望 sentence, and a scope cut-off beside the real deadline. Sentences written for the
tests, in the way such documents are written."""

from datetime import date
from decimal import Decimal

from tracker.domain.records import Comparator, TargetKind
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise


def _split(text: str, year: int | None = 2021, measure: str | None = None):
    found = targets_in(normalise(text), measure, year=year)
    targets = [(t.quantity, t.unit, t.due_on) for t in found if t.kind is TargetKind.TARGET]
    milestones = [t for t in found if t.kind is TargetKind.MILESTONE]
    return targets, milestones, found


END_2025 = date(2025, 12, 31)


# 1. A goal lead-in governs the goal paragraphs and the indicator table after it.

def test_a_goal_lead_in_dates_the_quantities_of_the_undated_goal_paragraphs_after_it():
    text = ("总体目标：到2025年，城市防洪体系建设取得重大进展，防汛能力显著增强。\n"
            "监测预警更加精准。预警信息发布覆盖率达到95%。\n"
            "救援保障更加有力。新建区级物资储备库12个。\n"
            "三、重点任务\n"
            "全市现有储备库30个，建立统一调度机制。")
    targets, _, _ = _split(text)
    assert targets == [(Decimal(95), "percent", END_2025), (Decimal(12), "个", END_2025)]


def test_an_indicator_table_printed_one_cell_per_line_gives_targets_due_at_the_year_of_its_title():
    text = ("总体目标：到2025年，水环境质量明显改善。\n"
            "专栏1　“十四五”时期主要指标\n序号\n指　　标\n目标值\n属性\n"
            "1\n地表水优良水体比例\n>80%\n约束性\n"
            "2\n城市黑臭水体数量\n下降50%\n约束性\n"
            "3\n年均新增再生水利用量\n<3000\n预期性\n"
            "水环境治理体系更加完善。城镇污水处理率达到97%。")
    targets, _, found = _split(text)
    assert targets == [(Decimal(80), "percent", END_2025), (Decimal(50), "percent", END_2025),
                       (Decimal(3000), None, END_2025), (Decimal(97), "percent", END_2025)]
    by_metric = {t.metric: t for t in found if t.kind is TargetKind.TARGET}
    assert by_metric["地表水优良水体比例"].comparator is Comparator.AT_LEAST
    assert by_metric["年均新增再生水利用量"].comparator is Comparator.AT_MOST


def test_a_table_column_naming_the_target_year_dates_its_values():
    text = "专栏2　主要发展指标\n指标\n2020年基期值\n2023年目标值\n新能源汽车保有量\n10万辆\n30万辆\n"
    targets, _, _ = _split(text, year=2021)
    # the base-year value is where it starts; the row keeps its last value cell, the target
    assert (Decimal(300000), "辆", date(2023, 12, 31)) in targets


def test_lines_that_only_look_like_a_header_are_not_a_table():
    text = "指标\n到2025年，建成5个示范园区。"
    targets, _, _ = _split(text)
    assert targets == [(Decimal(5), "个", END_2025)]


# 2. A bare year opening a clause after a comma governs that clause.

def test_a_bare_year_opening_a_clause_mid_sentence_dates_its_quantity():
    targets, _, _ = _split("加大高标准农田建设投入，2022年新建高标准农田80万亩。", year=2021)
    assert targets == [(Decimal(800000), "亩", date(2022, 12, 31))]


def test_a_bare_year_qualifying_a_noun_mid_sentence_is_not_a_deadline():
    targets, milestones, _ = _split("加强运营管理，2019年建设的12个场馆要全部对外开放。", year=2021)
    assert targets == [] and milestones == []
    targets, _, _ = _split("总结试点经验，2018年以来新增用户3000户。", year=None)
    assert targets == []


# 6. A scope cut-off qualifying a noun is not the deadline; the date governing the obligation verb is.

def test_a_cut_off_qualifying_who_is_covered_is_not_the_deadline():
    text = "2023年12月31日前取得许可证的经营者，应当在2025年6月30日前完成设备改造。"
    targets, milestones, _ = _split(text, year=2023)
    assert targets == [] and [m.due_on for m in milestones] == [date(2025, 6, 30)]


def test_a_cut_off_alone_gives_no_milestone():
    _, milestones, _ = _split("2020年1月1日以前成立的合作社，按照原规定执行。", year=2021)
    assert milestones == []


def test_a_deadline_before_a_verb_that_is_not_a_scope_stays_a_deadline():
    _, milestones, _ = _split("各区应当在2025年6月30日前建成统一的登记平台。", year=2025)
    assert [m.due_on for m in milestones] == [date(2025, 6, 30)]


# 5. One sentence under one date is one milestone, however many semicolons it has.

def test_a_prospect_sentence_is_one_milestone_not_one_per_semicolon():
    text = ("展望2035年，城乡融合发展的远景目标是：城乡要素流动更加顺畅，公共服务基本均等；乡村治理体系全面建立；"
            "农民生活更加富裕，共同富裕取得更为明显的实质性进展。")
    _, milestones, _ = _split(text)
    assert [m.due_on for m in milestones] == [date(2035, 12, 31)]


def test_two_dated_sentences_keep_their_own_milestones():
    text = "2022年6月底前，建成统一受理平台；2022年底前，完成数据归集。2023年底前全面推广。"
    _, milestones, _ = _split(text, year=2022)
    assert [m.due_on for m in milestones] == [date(2022, 6, 30), date(2022, 12, 31), date(2023, 12, 31)]


# 3. A goal sentence with figures also states, without a figure, the state it reaches: one milestone.

def test_the_state_a_dated_goal_sentence_opens_with_is_a_milestone_beside_its_figure():
    text = "到2025年，智慧城市建设迈向全面提升期，数据要素市场化配置比例达到30%，公共服务数字化水平大幅提升。"
    targets, milestones, _ = _split(text)
    assert targets == [(Decimal(30), "percent", END_2025)]
    assert [m.due_on for m in milestones] == [END_2025]


def test_a_bare_year_opening_a_goal_sentence_gives_its_state_too():
    text = "2022年，县域商业体系建设深入推进，快递进村比例达到80%以上，农村消费环境持续改善。"
    targets, milestones, _ = _split(text, year=None)
    assert targets == [(Decimal(80), "percent", date(2022, 12, 31))]
    assert [m.due_on for m in milestones] == [date(2022, 12, 31)]


def test_a_state_attained_after_the_figures_is_a_milestone_but_a_progressive_one_is_not():
    text = "到2025年，主要作物机械化率达到90%，设施农业机械化体系基本形成。"
    assert [m.due_on for m in _split(text)[1]] == [END_2025]
    assert _split("到2025年，主要作物机械化率达到90%，服务水平进一步优化。")[1] == []


# 4. Five-year-plan periods: a deadline only when the sentence sets a goal for the period.

def test_a_review_of_a_past_period_is_not_a_deadline():
    text = "“十三五”时期，全省现代物流建设取得重大进展，城乡配送实现良好开局。"
    assert _split(text, year=None)[2] == []


def test_a_description_or_an_orientation_over_a_period_is_not_a_deadline():
    assert _split("“十四五”时期，我省制造业转向高端化、智能化、绿色化发展的新阶段。", year=None)[2] == []
    assert _split("“十四五”期间，开发区要坚持创新驱动，紧紧围绕先进制造业的战略定位，不断提升服务功能。", year=None)[2] == []
    assert _split("“十四五”时期各区要稳定蔬菜种植面积、提高供应水平。", year=None)[2] == []


def test_a_period_named_as_what_is_assessed_is_not_a_deadline():
    assert _split("开展“十三五”时期区级政府环境保护目标责任考核。", year=None)[2] == []


def test_a_goal_set_for_a_period_is_due_at_its_end():
    _, milestones, _ = _split("“十四五”期间，力争基本建成覆盖城乡的养老服务体系。", year=None)
    assert [m.due_on for m in milestones] == [END_2025]


def test_a_periods_goal_list_is_one_milestone_and_its_items_figures_count():
    text = ("综合考虑发展条件，“十四五”时期推进城乡融合的主要目标是：\n"
            "——城乡要素流动更加顺畅，制度通道基本打通。\n"
            "——公共服务更加均衡，城乡差距逐步缩小。\n"
            "——农民收入较快增长，农村居民人均可支配收入年均增长6%以上。\n"
            "三、重点任务\n"
            "加强组织领导。")
    targets, milestones, _ = _split(text, year=None)
    assert targets == [(Decimal(6), "percent", END_2025)]
    assert [m.due_on for m in milestones] == [END_2025]


def test_a_goal_year_right_under_a_goal_heading_is_a_lead_in_too():
    text = ("（二）主要目标\n到2025年，全市公共文化服务体系更加完善。\n"
            "文化设施网络更加健全。建成社区文化中心120个。\n"
            "（三）重点任务\n全市现有博物馆150个，推进数字化改造。")
    targets, _, _ = _split(text)
    assert targets == [(Decimal(120), "个", END_2025)]


def test_a_goal_year_under_another_heading_reaches_only_its_own_bullets():
    text = "（二）重点任务\n到2025年，全市公共文化服务体系更加完善。\n文化设施网络更加健全。建成社区文化中心120个。"
    targets, _, _ = _split(text)
    assert targets == []


def test_a_table_with_a_unit_column_and_bare_figures_reads_each_row():
    text = ("专栏3　“十四五”时期养老服务主要指标\n序号\n指标\n单位\n2025年目标值\n属性\n"
            "1\n养老床位总量\n万张\n16\n预期性\n2\n社区养老服务设施覆盖率\n%\n100\n约束性\n")
    targets, _, _ = _split(text)
    assert targets == [(Decimal(160000), "张", END_2025), (Decimal(100), "percent", END_2025)]
