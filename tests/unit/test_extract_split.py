"""Compilations and messy PDF text, built from short synthetic documents."""

from tracker.extract import extract_policies

COMPILATION = """2023 江苏省惠企政策汇编
目录
江苏省人民政府关于印发《江苏省促进绿色发展若干政策》的通知 ........................ 1
江苏省商务厅关于印发《江苏省外贸稳规模优结构实施细则》的通知 ........................ 9
江苏省促进绿色发展若干政策
一、推动绿色转型
（一）支持企业节能改造。到2025年，完成节能改造项目500个以上。（责任单位：省工业和信息化厅、省发展改革委）
（二）发展绿色金融。（责任单位：省地方金融监管局）

3

本政策自2023年1月1日起施行，有效期至2025年12月31日。

4

第一条 为稳定外贸规模，制定本细则。
第二条 本细则适用于本省外贸企业。
江苏省外贸稳规模优结构实施细则

10

第三条 本细则自2023年5月1日起施行，有效期3年。原《江苏省外贸促进办法》（苏商贸〔2019〕12号）同时废止。
"""


def test_a_compilation_splits_into_the_policies_it_carries_and_the_contents_list_is_not_a_policy():
    ex = extract_policies(COMPILATION)
    titles = [p.title for p in ex.policies]
    assert titles == ["江苏省促进绿色发展若干政策", "江苏省外贸稳规模优结构实施细则"]
    green, trade = ex.policies
    assert (green.effective_from.isoformat(), green.effective_to.isoformat()) == ("2023-01-01", "2025-12-31")
    assert green.issuer == "江苏省人民政府"
    assert [m.number for m in green.measures] == ["（一）", "（二）"]
    assert [(t.measure, int(t.quantity)) for t in green.targets] == [("（一）", 500)]
    assert (trade.effective_from.isoformat(), trade.effective_to.isoformat()) == ("2023-05-01", "2026-04-30")
    assert trade.issuer == "江苏省商务厅"
    assert [m.number for m in trade.measures] == ["第一条", "第二条", "第三条"]
    assert [(s.doc_number, s.title) for s in trade.supersedes] == [("苏商贸〔2019〕12号", "江苏省外贸促进办法")]


def test_running_titles_and_page_numbers_mid_sentence_do_not_enter_the_text():
    ex = extract_policies(COMPILATION)
    trade = ex.policies[1]
    assert all("江苏省外贸稳规模优结构实施细则" != line for m in trade.measures for line in m.text.split("\n"))
    assert all(not line.strip().isdigit() for p in ex.policies for m in p.measures for line in m.text.split("\n"))


def test_windows_line_ends_full_width_digits_and_cut_lines_are_handled():
    text = (
        "某市关于支持小微企业发展的若干措施\r\n"
        "（一）减轻税费负担。到２０２５年，惠及小微企业１０万户。（责任单位：市税务局）\r\n"
        "（二）加大信贷支持。银行机构要加大对小微企业的\ufffd\r\n"
        "（二）加大信贷支持。银行机构要加大对小微企业的信贷投放。（责任单位：市金融局）\r\n"
        "本措施自２０２４年１月１日起施行，有效期至２０２６年１２月３１日。\r\n"
    )
    (p,) = extract_policies(text).policies
    assert [m.number for m in p.measures] == ["（一）", "（二）"]
    assert [(int(t.quantity), t.unit) for t in p.targets] == [(100000, "户")]
    assert p.effective_to.isoformat() == "2026-12-31"


def test_english_supersession_is_recorded():
    text = (
        "Measures of Example City on Talent\n"
        "1. Attracting talent. (Unit responsible for implementation: the Municipal Talent Office)\n"
        "These Measures shall come into force on January 1, 2023. "
        'The "Interim Measures of Example City on Talent" (Ex Ren Fa [2018] No. 7) shall be repealed at the same time.'
    )
    (p,) = extract_policies(text).policies
    assert [(s.title, s.doc_number) for s in p.supersedes] == [("Interim Measures of Example City on Talent", "Ex Ren Fa [2018] No. 7")]


def test_text_without_any_policy_is_a_problem_not_an_exception():
    ex = extract_policies("今天天气很好。\n我们去公园散步。")
    assert ex.policies == []
    assert ex.problems and "no recognisable policy" in ex.problems[0].what


def test_notices_printed_one_after_another_without_contents_split_at_each_wrapper():
    text = (
        "广东省人民政府关于印发《广东省数字政府建设规划》的通知\n粤府〔2022〕3号\n"
        "一、总体要求\n本规划自2022年2月1日起施行，有效期至2025年12月31日。\n"
        "广东省财政厅关于印发《广东省专项资金管理办法》的通知\n粤财〔2021〕9号\n"
        "第一条 为规范专项资金管理，制定本办法。\n第二条 本办法自2021年6月1日起施行，有效期5年。\n"
    )
    ex = extract_policies(text)
    assert [(p.title, p.doc_number) for p in ex.policies] == [
        ("广东省数字政府建设规划", "粤府〔2022〕3号"),
        ("广东省专项资金管理办法", "粤财〔2021〕9号"),
    ]
    assert ex.policies[1].effective_to.isoformat() == "2026-05-31"


def test_a_notice_with_its_own_closing_sentence_stays_one_policy_with_the_measures_window():
    text = (
        "某市人民政府关于印发《某市促进消费若干措施》的通知\n某府规〔2024〕2号\n"
        "现将《某市促进消费若干措施》印发给你们，请认真贯彻执行。本通知自印发之日起施行。\n"
        "某市促进消费若干措施\n（一）发放消费券。（责任单位：市商务局）\n（二）繁荣夜间经济。（责任单位：市文旅局）\n"
        "本措施自2024年3月1日起施行，有效期至2026年2月28日。\n"
    )
    (p,) = extract_policies(text).policies
    assert p.title == "某市促进消费若干措施"
    assert (p.effective_from.isoformat(), p.effective_to.isoformat()) == ("2024-03-01", "2026-02-28")
    assert len(p.measures) == 2


def test_a_running_title_repeated_beside_page_numbers_is_dropped():
    page = "某省人民政府公报\n"
    text = (
        "某省促进就业若干措施\n（一）稳定岗位。支持企业稳岗。（责任单位：省人社厅）\n"
        + page + "1\n（二）扩大就业。到2025年，新增城镇就业50万人。（责任单位：省发展改革委）\n"
        + page + "2\n（三）强化培训。（责任单位：省教育厅）\n" + page + "3\n"
    )
    (p,) = extract_policies(text).policies
    assert all("公报" not in m.text for m in p.measures)
    assert [(t.measure, int(t.quantity)) for t in p.targets] == [("（二）", 500000)]


def test_english_abolished_at_the_same_time_and_a_notice_without_issuer():
    text = (
        "Notice on Issuing the Administrative Measures for Special Funds of Example Province\n"
        "1. Scope. (Unit responsible for implementation: the Provincial Department of Finance)\n"
        "These Measures shall come into effect on July 1, 2023. The Interim Measures for Special Funds "
        "(Ex Cai Fa [2019] No. 3) shall be abolished at the same time."
    )
    (p,) = extract_policies(text).policies
    assert (p.title, p.issuer) == ("Administrative Measures for Special Funds of Example Province", None)
    assert [s.doc_number for s in p.supersedes] == ["Ex Cai Fa [2019] No. 3"]


def test_chinese_stop_executing_records_the_superseded_document():
    text = "某省科技厅关于印发《某省科技计划管理办法》的通知\n第一条 总则。\n第二条 本办法自2023年1月1日起施行，《某省科技计划管理暂行办法》（某科发〔2018〕6号）停止执行。"
    (p,) = extract_policies(text).policies
    assert [(s.doc_number, s.title) for s in p.supersedes] == [("某科发〔2018〕6号", "某省科技计划管理暂行办法")]

