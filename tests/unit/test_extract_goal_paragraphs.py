"""A plan's goal paragraph: the year opening it governs the quantities of its later sentences and bullet lines."""

from datetime import date
from decimal import Decimal

from tracker.domain.records import TargetKind
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise


def _found(text: str, year: int = 2025):
    found = targets_in(normalise(text), None, year=year)
    return sorted((t.kind.value, t.quantity, t.unit, t.due_on) for t in found if t.kind is TargetKind.TARGET), \
        [t for t in found if t.kind is TargetKind.MILESTONE]


def test_the_opening_year_dates_the_quantities_of_later_sentences_in_the_paragraph():
    text = "到2028年，海洋装备产业取得明显进展。建成海上试验场4个；引进龙头企业10家以上，带动配套企业集聚。"
    targets, _ = _found(text)
    assert [(q, u, d) for _, q, u, d in targets] == [(Decimal(4), "个", date(2028, 12, 31)), (Decimal(10), "家", date(2028, 12, 31))]


def test_the_opening_year_reaches_the_dash_bullets_under_the_paragraph():
    text = "到2029年，形成较完整的低空经济体系。\n——航线网络更加完善。开通无人机物流航线30条。\n——配套设施逐步完备，建成起降点200个。"
    targets, milestones = _found(text)
    assert [(q, u) for _, q, u, _ in targets] == [(Decimal(30), "条"), (Decimal(200), "个")]
    assert {d for *_, d in targets} == {date(2029, 12, 31)}
    # the bullets' prose is description of the goal, not a dated obligation of its own
    assert all(m.due_on == date(2029, 12, 31) for m in milestones) and len(milestones) <= 1


def test_the_opening_year_reaches_bracketed_number_lines():
    text = "至2030年，区域创新能力显著增强。\n（1）培育独角兽企业3家。\n（2）研发投入强度达到4%。"
    targets, _ = _found(text)
    assert [(q, u, d) for _, q, u, d in targets] == [(Decimal(3), "家", date(2030, 12, 31)), (Decimal(4), "percent", date(2030, 12, 31))]


def test_a_later_paragraph_is_not_governed():
    text = "到2027年，智能制造水平明显提升。\n——建成智能工厂50家。\n二、重点任务\n推动企业上云，现有平台80个。\n设立专项资金5亿元。"
    targets, _ = _found(text)
    assert [(q, u) for _, q, u, _ in targets] == [(Decimal(50), "家")]


def test_past_facts_after_the_opening_year_stay_out():
    text = "到2027年，数字政府建设走在前列。目前已建成政务服务站120个。截至2024年底，累计开通专线35条。"
    targets, _ = _found(text)
    assert targets == []


def test_a_year_that_is_not_a_goal_does_not_reach_later_sentences():
    text = "2023年，全市实现工业产值3000亿元。企业数量达到500家。"
    targets, _ = _found(text, year=2025)
    assert targets == []


def test_a_goal_year_opening_a_later_sentence_governs_the_rest_of_the_paragraph():
    text = ("坚持需求牵引，分步推进。2026年前，氢能示范取得进展。建成加氢站12座。"
            "2028年前，产业体系基本形成。推广燃料电池汽车3000辆。")
    targets, _ = _found(text)
    assert [(q, u, d) for _, q, u, d in targets] == [
        (Decimal(12), "座", date(2026, 12, 31)), (Decimal(3000), "辆", date(2028, 12, 31))]


def test_a_lead_in_ending_with_a_goal_year_reaches_the_bullets_under_it():
    text = "围绕智能网联汽车，强化协同。到2026年底，建成全国领先的示范区。\n——测试道路里程超过800公里。\n——引育整车企业5家以上。"
    targets, _ = _found(text)
    assert [(q, u, d) for _, q, u, d in targets] == [
        (Decimal(5), "家", date(2026, 12, 31)), (Decimal(800), "公里", date(2026, 12, 31))]


def test_a_goal_year_ending_in_a_colon_keeps_its_own_list_behaviour():
    text = "到2025年，实现以下目标：建成展馆2个。\n新建道路20条。"
    targets, _ = _found(text)
    assert [(q, u) for _, q, u, _ in targets] == [(Decimal(2), "个")]


def _one(sentence: str):
    (t,) = [t for t in targets_in(normalise(sentence), None, year=2025) if t.kind is TargetKind.TARGET]
    return t.quantity, t.unit, t.comparator.value


def test_figures_written_with_magnitude_words_are_quantities():
    assert _one("到2028年，培育百家专精特新企业。") == (Decimal(100), "家", "exactly")
    assert _one("到2027年，攻克关键共性技术突破百项。") == (Decimal(100), "项", "at_least")
    assert _one("到2030年，平台注册用户超千万。") == (Decimal(10_000_000), "用户", "at_least")  # who is counted
    assert _one("到2029年，产业规模超千亿元。") == (Decimal(1000), "亿元", "at_least")
    assert _one("到2026年，建成上百个应用场景。") == (Decimal(100), "个", "at_least")


def test_vague_magnitudes_levels_and_idioms_are_not_quantities():
    for sentence in ("到2027年，建成数十个示范项目。", "到2027年，打造千亿级产业集群。",
                     "到2026年，智能服务走进千家万户。", "到2026年，千方百计稳定就业。", "到2027年，培育数百家企业。"):
        assert [t for t in targets_in(normalise(sentence), None, year=2025) if t.kind is TargetKind.TARGET] == [], sentence


def test_several_magnitude_goals_in_one_sentence_are_each_a_target():
    found = targets_in(normalise("到2028年，形成百项示范成果，制定百项团体标准，开拓千个应用场景。"), None, year=2025)
    assert [(t.quantity, t.unit) for t in found if t.kind is TargetKind.TARGET] == [
        (Decimal(100), "项"), (Decimal(100), "项"), (Decimal(1000), "个")]


def test_goal_sentences_opened_by_other_lead_ins_are_dated():
    for sentence, due in (("展望2035年，全面建成开放型创新体系。", date(2035, 12, 31)),
                          ("到2030年前后，建成一批国际一流的算力枢纽。", date(2030, 12, 31)),
                          ("至2028年，全域数字化转型初步实现。", date(2028, 12, 31))):
        (m,) = targets_in(normalise(sentence), None, year=2025)
        assert (m.kind, m.due_on) == (TargetKind.MILESTONE, due), sentence


def test_around_a_past_year_is_still_not_a_deadline():
    assert targets_in(normalise("2018年前后，园区陆续建成三个平台。"), None, year=2025) == []


def test_a_figure_describing_what_is_counted_is_not_a_target():
    for sentence in ("到2027年，培育营业收入超50亿元的链主企业3家。", "到2027年，培育3家营业收入超50亿元的链主企业。"):
        found = [t for t in targets_in(normalise(sentence), None, year=2025) if t.kind is TargetKind.TARGET]
        assert [(t.quantity, t.unit) for t in found] == [(Decimal(3), "家")], sentence


def test_a_figure_before_de_is_kept_when_nothing_else_is_counted():
    found = targets_in(normalise("到2027年，实现覆盖率达到95%的目标。"), None, year=2025)
    assert [(t.quantity, t.unit) for t in found if t.kind is TargetKind.TARGET] == [(Decimal(95), "percent")]


def test_a_describing_figure_followed_by_more_attributes_is_not_a_target():
    found = targets_in(normalise("到2027年，培育年营收超20亿元、拥有自主品牌的骨干企业5家，建设孵化基地2个。"), None, year=2025)
    assert [(t.quantity, t.unit) for t in found if t.kind is TargetKind.TARGET] == [(Decimal(5), "家"), (Decimal(2), "个")]


def test_figures_listed_together_before_de_are_all_targets():
    found = targets_in(normalise("到2026年，形成年产20台风电主机、300套叶片的制造能力。"), None, year=2025)
    assert [(t.quantity, t.unit) for t in found if t.kind is TargetKind.TARGET] == [(Decimal(20), "台"), (Decimal(300), "套")]


def test_rockets_and_kinds_are_counted_units_but_not_words_starting_with_them():
    assert _one("到2027年，完成商业发射12发。") == (Decimal(12), "发", "exactly")
    assert _one("到2027年，获批新药4种。") == (Decimal(4), "种", "exactly")
    found = targets_in(normalise("到2027年，推动3发展要素集聚。"), None, year=2025)
    assert [t for t in found if t.kind is TargetKind.TARGET] == []


def test_the_state_a_goal_sentence_opens_with_is_a_milestone_beside_its_figures():
    found = targets_in(normalise("至2029年，园区营商环境进一步优化，新增上市企业6家。"), None, year=2025)
    assert sorted((t.kind.value, t.due_on) for t in found) == [
        ("milestone", date(2029, 12, 31)), ("target", date(2029, 12, 31))]
    # a figure in the opening clause, or a description after the figures, adds nothing
    found = targets_in(normalise("到2029年，新增上市企业6家，营商环境进一步优化。"), None, year=2025)
    assert [t.kind.value for t in found] == ["target"]


def test_under_a_goal_year_facts_of_other_years_and_of_the_place_stay_out():
    text = ("到2027年，全市产业规模明显提升。\n——近年来，全市建成基站5万个。\n——2023年，全市新增企业300家。\n"
            "——本市常住人口2500万人。\n——新建算力中心4个。")
    targets, _ = _found(text)
    assert [(q, u, d) for _, q, u, d in targets] == [(Decimal(4), "个", date(2027, 12, 31))]


def test_a_programme_named_with_a_magnitude_is_not_a_quantity():
    found = targets_in(normalise("到2027年，深入实施千人计划，推动百家企业上云。"), None, year=2025)
    assert [(t.quantity, t.unit) for t in found if t.kind is TargetKind.TARGET] == [(Decimal(100), "家")]
