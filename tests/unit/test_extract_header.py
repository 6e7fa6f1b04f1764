"""Heads of policies as government sites and PDFs print them."""

from datetime import date

from tracker.extract import extract_policies

METADATA_PAGE = """发文机关：江西省人民政府办公厅
发文字号：赣府厅发〔2023〕5号
成文日期：2023年2月1日
标题：江西省人民政府办公厅关于印发江西省降本增效若干措施的通知
江西省降本增效若干措施
（一）降低用能成本。到2025年底，工业用电价格降低10%。责任单位：省发展改革委、省能源局
（二）降低物流成本。责任单位：省交通运输厅
本措施自二〇二三年三月一日起施行，有效期至二〇二五年十二月三十一日。
"""


def test_a_government_site_metadata_block_gives_issuer_number_date_and_title():
    (p,) = extract_policies(METADATA_PAGE).policies
    assert (p.title, p.issuer, p.doc_number, p.issued_on) == (
        "江西省降本增效若干措施",
        "江西省人民政府办公厅",
        "赣府厅发〔2023〕5号",
        date(2023, 2, 1),
    )
    assert (p.effective_from, p.effective_to) == (date(2023, 3, 1), date(2025, 12, 31))


def test_agencies_named_after_the_measure_without_brackets_are_found():
    (p,) = extract_policies(METADATA_PAGE).policies
    assert [[a.name for a in m.agencies] for m in p.measures] == [["省发展改革委", "省能源局"], ["省交通运输厅"]]


def test_a_wrapper_broken_over_two_lines_still_gives_the_inner_title():
    text = "四川省人民政府关于印发《四川省加快发展新能源\n汽车产业若干措施》的通知\n川府发〔2022〕30号\n（一）到2025年，新能源汽车产量达到20万辆。\n本措施自2022年9月1日起施行。"
    (p,) = extract_policies(text).policies
    assert (p.title, p.issuer, p.doc_number) == ("四川省加快发展新能源汽车产业若干措施", "四川省人民政府", "川府发〔2022〕30号")
    assert [(int(t.quantity), t.unit) for t in p.targets] == [(200000, "辆")]


def test_a_heading_over_several_lines_gives_issuer_and_title_and_the_signature_date_is_the_issued_date():
    text = "福建省人民政府\n关于促进民营经济高质量发展\n的若干意见\n一、优化环境\n本意见自印发之日起施行。\n2024年1月9日"
    (p,) = extract_policies(text).policies
    # The issuer's line opens the title printed under it (issuer, 关于, subject, kind: the document's full title).
    assert (p.title, p.issuer, p.issued_on, p.effective_from) == (
        "福建省人民政府关于促进民营经济高质量发展的若干意见",
        "福建省人民政府",
        date(2024, 1, 9),
        date(2024, 1, 9),
    )


def test_an_english_notice_wrapper_gives_the_inner_title_and_issuer():
    text = (
        "Notice of the General Office of Hubei Provincial People's Government on Printing and Distributing "
        "the Several Measures for Supporting Private Enterprises\nE Zheng Ban Fa [2022] No. 14\n"
        "1. Easing financing. (Units responsible for implementation: the Provincial Department of Finance)\n"
        "These Measures shall come into force on the date of issuance.\nMay 20, 2022"
    )
    (p,) = extract_policies(text).policies
    assert p.title == "Several Measures for Supporting Private Enterprises"
    assert p.issuer == "General Office of Hubei Provincial People's Government"
    assert p.doc_number == "E Zheng Ban Fa [2022] No. 14"
    assert (p.issued_on, p.effective_from) == (date(2022, 5, 20), date(2022, 5, 20))


def test_the_report_says_what_was_found_and_what_was_not():
    (p,) = extract_policies("某县关于做好秋收工作的通知\n一、加强组织领导。\n二、做好物资保障。").policies
    assert p.notes[0].startswith("found: ")
    assert any("window unknown" in n for n in p.notes)
    assert any(n.startswith("not found: ") and "document number" in n and "issued date" in n for n in p.notes)


def test_a_regulation_adopted_by_a_congress_takes_the_adoption_date_as_issued():
    text = "深圳经济特区数据条例\n（2021年6月29日深圳市第七届人民代表大会常务委员会第二次会议通过）\n第一章 总则\n第一条 为了规范数据处理活动，制定本条例。\n第二条 本条例自2022年1月1日起施行。"
    (p,) = extract_policies(text).policies
    assert (p.title, p.issued_on, p.effective_from) == ("深圳经济特区数据条例", date(2021, 6, 29), date(2022, 1, 1))
    assert [m.number for m in p.measures] == ["第一条", "第二条"]


def test_a_document_number_and_date_on_one_line_are_both_read():
    text = "某市人民政府关于印发《某市节水行动方案》的通知\n某府发〔2023〕11号 2023年4月2日\n一、总体要求\n二、重点任务"
    (p,) = extract_policies(text).policies
    assert (p.doc_number, p.issued_on) == ("某府发〔2023〕11号", date(2023, 4, 2))


def test_a_long_navigation_block_above_the_title_is_skipped():
    nav = "\n".join(f"栏目{i}" for i in range(40))
    text = nav + "\n山东省促进外贸稳定增长若干措施\n（一）稳定外贸主体。（责任单位：省商务厅）\n本措施自2024年5月1日起施行。"
    (p,) = extract_policies(text).policies
    assert p.title == "山东省促进外贸稳定增长若干措施"
    assert [m.number for m in p.measures] == ["（一）"]
