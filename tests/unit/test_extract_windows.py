from datetime import date

import pytest

from tracker.domain.records import WindowSource
from tracker.extract.text import normalise
from tracker.extract.windows import find_plan_period, find_window, normalise_doc_number

ISSUED = date(2023, 5, 6)


@pytest.mark.parametrize(
    "sentence, start, end",
    [
        ("本办法自2020年12月1日起施行，有效期至2025年11月30日。", date(2020, 12, 1), date(2025, 11, 30)),
        ("本意见自2018年3月1日起实施,有效期至2022年12月31日。", date(2018, 3, 1), date(2022, 12, 31)),
        ("本办法自 2020 年 10 月 27 日起施行，有效期截止 2022 年 10 月 26 日。", date(2020, 10, 27), date(2022, 10, 26)),
        ("本规定自2022年1月1日起执行，有效期截至2026年12月31日。", date(2022, 1, 1), date(2026, 12, 31)),
        ("本通知自2021年7月1日起施行，有效期为5年。", date(2021, 7, 1), date(2026, 6, 30)),
        ("本细则自2019年3月15日起实施，有效期三年。", date(2019, 3, 15), date(2022, 3, 14)),
        ("本措施自印发之日起施行，有效期至2025年12月31日。", ISSUED, date(2025, 12, 31)),
        ("本方案自发布之日起实施，有效期2年。", ISSUED, date(2025, 5, 5)),
        ("本意见自公布之日起施行。", ISSUED, None),
        ("本措施自2020年12月1日起施行。", date(2020, 12, 1), None),
        (
            "These Policy Measures shall be effective as of January 1, 2024 and remain effective until December 31, 2028.",
            date(2024, 1, 1),
            date(2028, 12, 31),
        ),
        ("These Measures shall come into force on March 1, 2021 and shall be valid for five years.", date(2021, 3, 1), date(2026, 2, 28)),
        ("These Provisions shall come into effect on 1 July 2022 and shall expire on 30 June 2027.", date(2022, 7, 1), date(2027, 6, 30)),
        ("This Notice shall take effect as of the date of issuance and be valid for 3 years.", ISSUED, date(2026, 5, 5)),
        ("本办法有效期为2024年1月1日至2028年12月31日。", date(2024, 1, 1), date(2028, 12, 31)),
        ("本政策有效期自2023年7月1日起至2025年6月30日止。", date(2023, 7, 1), date(2025, 6, 30)),
        ("本办法自2021年1月1日起施行。有效期5年。", date(2021, 1, 1), date(2025, 12, 31)),
        ("本规定有效期至2027年12月31日。", None, date(2027, 12, 31)),
        ("These Rules shall be effective from 1 January 2022 to 31 December 2024.", date(2022, 1, 1), date(2024, 12, 31)),
        ("These Measures shall remain valid until June 30, 2026.", None, date(2026, 6, 30)),
        ("本方案自2023年1月1日起实施，有效期至2025年底。", date(2023, 1, 1), date(2025, 12, 31)),
        ("本方案有效期为2021—2025年。", date(2021, 1, 1), date(2025, 12, 31)),
        ("本意见政策期限为2016年至2018年。", date(2016, 1, 1), date(2018, 12, 31)),
        ("本办法自2024年1月1日起施行，2028年12月31日废止。", date(2024, 1, 1), date(2028, 12, 31)),
        ("本办法自2022年5月1日起施行，有效期限为3年。", date(2022, 5, 1), date(2025, 4, 30)),
        ("These Rules shall become effective on May 1, 2022, and the validity period is three years.", date(2022, 5, 1), date(2025, 4, 30)),
        ("These Measures shall be effective for a period of five years from 1 March 2023.", date(2023, 3, 1), date(2028, 2, 29)),
    ],
)
def test_stated_validity_sentences_give_the_window(sentence, start, end):
    w = find_window(normalise(sentence), "", ISSUED)
    assert (w.effective_from, w.effective_to) == (start, end)
    assert w.source is WindowSource.STATED
    assert w.basis


@pytest.mark.parametrize(
    "title, start, end",
    [
        ("上海市促进在线新经济发展行动方案（2020-2022年）", date(2020, 1, 1), date(2022, 12, 31)),
        ("浙江省数字经济发展三年行动计划(2021-2023 年)", date(2021, 1, 1), date(2023, 12, 31)),
        ("上海市加快培育未来产业行动方案（2026—2030年）", date(2026, 1, 1), date(2030, 12, 31)),
        ("上海市城市数字化转型“十四五”规划", date(2021, 1, 1), date(2025, 12, 31)),
        ("上海市“十五五”科技创新规划", date(2026, 1, 1), date(2030, 12, 31)),
        ("Shanghai Action Plan for Green Data Centres for 2023-2025", date(2023, 1, 1), date(2025, 12, 31)),
        ("Three-Year Action Plan for the Digital Economy (2021–2023)", date(2021, 1, 1), date(2023, 12, 31)),
        ("Shanghai 14th Five-Year Plan for Science and Technology", date(2021, 1, 1), date(2025, 12, 31)),
    ],
)
def test_a_period_in_the_title_is_the_plan_period_never_the_window(title, start, end):
    text = "一、总体要求\n二、重点任务"
    w = find_window(text, normalise(title), None)
    assert (w.effective_from, w.effective_to, w.source) == (None, None, None)
    assert any("window unknown" in n for n in w.notes)
    plan = find_plan_period(text, normalise(title))
    assert (plan.plan_from, plan.plan_to, plan.where) == (start, end, "title")
    assert plan.basis == normalise(title)


@pytest.mark.parametrize(
    "sentence, start, end",
    [
        ("本规划规划期为2021—2025年，展望至2035年。", date(2021, 1, 1), date(2025, 12, 31)),
        ("本方案实施期限为2023—2025年。", date(2023, 1, 1), date(2025, 12, 31)),
        ("本计划执行期为2024年至2026年。", date(2024, 1, 1), date(2026, 12, 31)),
        ("The implementation period of this Plan is from 2024 to 2026.", date(2024, 1, 1), date(2026, 12, 31)),
        ("This Action Plan is formulated for 2023-2025.", date(2023, 1, 1), date(2025, 12, 31)),
    ],
)
def test_a_period_the_text_gives_the_plan_is_its_plan_period_not_its_window(sentence, start, end):
    text = normalise("一、总体要求\n" + sentence + "\n二、重点任务")
    w = find_window(text, "某市行动方案", None)
    assert (w.effective_from, w.effective_to, w.source) == (None, None, None)
    plan = find_plan_period(text, "某市行动方案")
    assert (plan.plan_from, plan.plan_to, plan.where) == (start, end, "text")
    assert plan.basis == normalise(sentence)


def test_a_plan_with_a_period_and_a_validity_clause_keeps_both_apart():
    title = normalise("上海市促进某产业发展行动方案（2023-2025年）")
    text = normalise("一、总体要求\n二、保障措施\n本方案自2023年3月1日起施行，有效期至2027年2月28日。")
    w = find_window(text, title, date(2023, 2, 1))
    assert (w.effective_from, w.effective_to, w.source) == (date(2023, 3, 1), date(2027, 2, 28), WindowSource.STATED)
    plan = find_plan_period(text, title)
    assert (plan.plan_from, plan.plan_to) == (date(2023, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize("text", ["本办法有效期限为2023—2025年。", "本意见政策期限为2016年至2018年。", "住房租赁补贴期限为5年。", "到2025年，建成30个示范项目。",
                                  "“十四五”以来，全市建成30个示范项目。"])
def test_a_validity_span_a_term_or_a_goal_year_is_no_plan_period(text):
    assert find_plan_period(normalise(text), "某市关于促进某产业发展的若干措施") is None


def test_no_basis_means_no_window_and_a_note_saying_so():
    w = find_window("一、加强领导。各部门要加强协作。", "某省关于加强协作的通知", None)
    assert (w.effective_from, w.effective_to, w.source) == (None, None, None)
    assert w.notes and "window unknown" in w.notes[0]


@pytest.mark.parametrize(
    "note, new_end, source",
    [
        ("注：根据沪人社法〔2017〕409号，该项政策有效期延至2022年10月31日。", date(2022, 10, 31), "沪人社法〔2017〕409号"),
        ("根据浙政办发[2020]12号，本办法有效期延长至2023年6月30日。", date(2023, 6, 30), "浙政办发〔2020〕12号"),
        ("The validity of these Measures is extended to December 31, 2022.", date(2022, 12, 31), None),
    ],
)
def test_an_extension_note_moves_the_end_date_and_keeps_history(note, new_end, source):
    text = normalise("本实施办法自2015年11月1日起施行，有效期至2017年10月31日。\n" + note)
    w = find_window(text, "", None)
    assert w.effective_to == new_end
    assert w.source is WindowSource.EXTENDED
    (h,) = w.history
    assert (h.field, h.old, h.new, h.source) == ("effective_to", "2017-10-31", new_end.isoformat(), source)


@pytest.mark.parametrize(
    "printed, normal",
    [
        ("沪府办规〔2023〕27号", "沪府办规〔2023〕27号"),
        ("沪府办规[2023]27号", "沪府办规〔2023〕27号"),
        ("苏政发(2021) 3 号", "苏政发〔2021〕3号"),
        ("国办 发〔2017〕11 号", "国办发〔2017〕11号"),
    ],
)
def test_document_numbers_normalise_to_the_bracket_form(printed, normal):
    assert normalise_doc_number(printed) == normal


def test_a_validity_sentence_quoting_another_documents_dates_loses_to_the_closing_sentence():
    text = normalise(
        "根据《某省促进就业办法》（自2015年1月1日起施行），制定本办法。\n第一条 目的。\n本办法自2022年3月1日起施行，有效期至2027年2月28日。"
    )
    w = find_window(text, "", None)
    assert (w.effective_from, w.effective_to) == (date(2022, 3, 1), date(2027, 2, 28))


def test_a_validity_span_ending_before_it_starts_is_a_problem():
    w = find_window(normalise("本办法有效期为2024年1月1日至2020年12月31日。"), "", None)
    assert (w.effective_from, w.effective_to) == (None, None)
    assert w.problems and "before it starts" in w.problems[0]


def test_a_validity_sentence_wrapped_over_two_lines_is_read_whole():
    text = normalise("第二十条 本办法自2020年12月1日起施行，有效期至2025年\n11月30日。")
    w = find_window(text, "", None)
    assert (w.effective_from, w.effective_to) == (date(2020, 12, 1), date(2025, 11, 30))


def test_an_extension_to_a_year_end_moves_the_end_to_december_31():
    text = normalise("本办法自2019年1月1日起施行，有效期至2021年12月31日。\n注：根据苏政办发〔2021〕88号，本办法有效期延长至2023年底。")
    w = find_window(text, "", None)
    assert (w.effective_to, w.source, w.history[0].source) == (date(2023, 12, 31), WindowSource.EXTENDED, "苏政办发〔2021〕88号")


def test_a_date_about_the_city_is_not_the_documents_window():
    text = normalise("本市人才公寓租赁合同有效期至2030年12月31日。\n本办法自2024年2月1日起施行。")
    w = find_window(text, "", None)
    assert (w.effective_from, w.effective_to) == (date(2024, 2, 1), None)


def test_a_start_printed_before_a_zhi_end_is_the_start():
    from tracker.extract.windows import find_window

    w = find_window(normalise("本办法自2024年1月1日起至2026年12月31日止执行。"), "", None)
    assert (w.effective_from, w.effective_to) == (date(2024, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    "text",
    ["本办法自2024年1月1日起施行。\n本办法有效期至2028年12月31日。", "本办法有效期至2028年12月31日。\n本办法自2024年1月1日起施行。"],
)
def test_a_start_and_an_end_in_two_sentences_side_by_side_make_one_window(text):
    w = find_window(normalise(text), "", None)
    assert (w.effective_from, w.effective_to) == (date(2024, 1, 1), date(2028, 12, 31))
    assert "2024年1月1日" in w.basis and "2028年12月31日" in w.basis


@pytest.mark.parametrize(
    "sentence, window",
    [
        ("本办法自公布之日起30日后施行。", (date(2024, 3, 31), None)),
        ("本规定自发布之日起三十日后施行，有效期5年。", (date(2024, 3, 31), date(2029, 3, 30))),
        ("These Provisions shall come into force thirty days after the date of promulgation.", (date(2024, 3, 31), None)),
    ],
)
def test_a_rule_in_force_some_days_after_it_is_published(sentence, window):
    w = find_window(normalise(sentence), "", date(2024, 3, 1))
    assert (w.effective_from, w.effective_to) == window


def test_a_validity_adjusted_to_a_new_day_is_an_extension():
    text = normalise("本办法自2023年3月1日起施行，有效期至2025年2月28日。\n注：根据某府办规〔2025〕3号，本办法重新发布，有效期调整至2026年12月31日。")
    w = find_window(text, "", None)
    assert (w.effective_to, w.source) == (date(2026, 12, 31), WindowSource.EXTENDED)


def test_extraction_keeps_a_plans_title_period_beside_its_stated_window():
    from tracker.extract.pipeline import extract_policies

    text = ("上海市促进某产业发展三年行动方案（2023—2025年）\n"
            "一、到2025年，建成示范项目30个。（责任单位：市经济信息化委）\n"
            "二、本方案自2023年3月1日起施行，有效期至2027年2月28日。\n")
    (p,) = extract_policies(text).policies
    assert (p.effective_from, p.effective_to, p.window_source) == (date(2023, 3, 1), date(2027, 2, 28), WindowSource.STATED)
    assert (p.plan_from, p.plan_to, p.plan_basis) == (date(2023, 1, 1), date(2025, 12, 31), p.title)


def test_an_english_plan_gives_its_period_from_the_text_and_no_window():
    from tracker.extract.pipeline import extract_policies

    text = ("Shanghai Action Plan for Promoting Green Data Centres\n"
            "The implementation period of this Plan is from 2024 to 2026.\n"
            "1. By 2026, build 20 green data centres. (Responsible units: Municipal Commission of Economy and Informatization)\n"
            "2. Improve energy efficiency. (Responsible units: Municipal Development and Reform Commission)\n")
    (p,) = extract_policies(text).policies
    assert (p.effective_from, p.effective_to, p.window_source) == (None, None, None)
    assert (p.plan_from, p.plan_to) == (date(2024, 1, 1), date(2026, 12, 31))
    assert p.plan_basis == "The implementation period of this Plan is from 2024 to 2026."
