"""Document numbers in every printed form (issue 10, item 5), and the numbers a notice cites of other policies."""

import pytest

from tracker.extract import extract_policies
from tracker.extract.supersession import find_supersessions
from tracker.extract.text import normalise
from tracker.extract.windows import normalise_doc_number


@pytest.mark.parametrize(
    "printed, number",
    [
        ("粤府办〔2024〕7号", "粤府办〔2024〕7号"),
        ("粤府办[2024]7号", "粤府办〔2024〕7号"),
        ("粤府办（2024）7号", "粤府办〔2024〕7号"),
        ("粤府办【2024】7号", "粤府办〔2024〕7号"),
        ("粤府办 〔 2024 〕 7 号", "粤府办〔2024〕7号"),
        ("粤府办〔2024〕第7号", "粤府办〔2024〕7号"),
        ("广东省人民政府令 第305号", "广东省人民政府令第305号"),
        ("生态环境部令2023年第4号", "生态环境部令2023年第4号"),
        ("财政部第108号令", "财政部第108号令"),
        ("中华人民共和国主席令 第二十一号", "中华人民共和国主席令第二十一号"),
    ],
)
def test_a_document_number_in_the_head_is_read_in_any_printed_form(printed, number):
    text = f"广东省促进民营经济发展若干措施\n{printed}\n一、降低经营成本（责任单位：省发展改革委）\n本措施自2024年5月1日起施行。\n"
    (p,) = extract_policies(normalise(text)).policies
    assert p.doc_number == number
    assert normalise_doc_number(printed) == number


def test_an_order_number_printed_under_the_order_s_name_is_the_number():
    text = ("四川省人民政府令\n第368号\n《四川省自然灾害救助办法》已经省政府第30次常务会议审议通过，现予公布，自2024年3月1日起施行。\n"
            "省长 黄强\n2024年1月20日\n四川省自然灾害救助办法\n第一条 为规范自然灾害救助工作，制定本办法。\n"
            "第二条 本办法自2024年3月1日起施行。\n")
    (p,) = extract_policies(text).policies
    assert (p.doc_number, p.title) == ("四川省人民政府令第368号", "四川省自然灾害救助办法")


def test_a_number_printed_only_after_the_signature_is_found():
    text = ("河南省加快推进数字政府建设实施方案\n一、工作目标\n（一）2024年底前建成省级政务数据平台。（责任单位：省行政审批政务信息管理局）\n"
            "本方案自印发之日起施行。\n河南省人民政府办公厅\n2024年2月6日\n豫政办〔2024〕9号\n")
    (p,) = extract_policies(text).policies
    assert p.doc_number == "豫政办〔2024〕9号"


def test_a_number_cited_in_the_body_is_not_taken_for_the_policy_s_own():
    text = ("辽宁省促进养老服务发展若干措施\n一、增加服务供给。按照《辽宁省养老服务条例》（辽宁省人民政府令第300号）要求，"
            "扩大养老服务供给。（责任单位：省民政厅）\n本措施自2024年1月1日起施行。\n")
    (p,) = extract_policies(text).policies
    assert p.doc_number is None


def test_an_extension_notice_keeps_its_own_number_and_cites_the_extended_policy_s():
    text = ("云南省人民政府办公厅关于延长《云南省支持外贸企业发展若干措施》有效期的通知\n云政办规〔2024〕2号\n"
            "各州、市人民政府，省直各委、办、厅、局：\n经省人民政府同意，《云南省支持外贸企业发展若干措施》（云政办规〔2021〕4号）"
            "有效期延长至2026年12月31日。\n云南省人民政府办公厅\n2024年12月10日\n")
    (p,) = extract_policies(text).policies
    assert p.doc_number == "云政办规〔2024〕2号"
    assert [(h.new, h.source) for h in p.history] == [("2026-12-31", "云政办规〔2021〕4号")]


@pytest.mark.parametrize(
    "sentence, repealed",
    [
        ("经省政府研究，决定废止《贵州省道路运输管理办法》（贵州省人民政府令第79号）。",
         [("贵州省人民政府令第79号", "贵州省道路运输管理办法")]),
        ("省政府决定废止《贵州省A规定》（黔府发〔2010〕3号）和《贵州省B办法》（黔府发〔2012〕8号），自公布之日起生效。",
         [("黔府发〔2010〕3号", "贵州省A规定"), ("黔府发〔2012〕8号", "贵州省B办法")]),
        ("现决定废止下列规章：\n1.《贵州省C办法》（贵州省人民政府令第20号）；\n2.《贵州省D规定》（黔府发〔2001〕5号）。\n本决定自公布之日起施行。",
         [("贵州省人民政府令第20号", "贵州省C办法"), ("黔府发〔2001〕5号", "贵州省D规定")]),
        ("依据《贵州省E条例》，本办法自2024年1月1日起施行，2012年印发的《贵州省F办法》同时废止。", [(None, "贵州省F办法")]),
        ("现决定废止下列规章：\n一、《贵州省G办法》（1998年5月12日贵州省人民政府令第5号发布）\n二、《贵州省H规定》（2001年3月1日黔府发〔2001〕3号印发）",
         [("贵州省人民政府令第5号", "贵州省G办法"), ("黔府发〔2001〕3号", "贵州省H规定")]),
    ],
)
def test_a_repeal_records_what_it_repeals_whether_the_verb_comes_first_or_last(sentence, repealed):
    assert [(s.doc_number, s.title) for s in find_supersessions(normalise(sentence))] == repealed


def test_a_site_metadata_block_gives_number_issuer_and_date_when_several_labels_share_a_line():
    text = ("索引号：\t11330000002482870W/2024-00115\t主题分类：\t综合政务\n"
            "发文机关：\t福建省人民政府办公厅\t成文日期：\t2024年04月08日\n"
            "标　　题：\t福建省人民政府办公厅关于印发《福建省加快养老服务发展若干措施》的通知\n"
            "发文字号：\t闽政办〔2024〕13号\t发布日期：\t2024年04月12日\n"
            "福建省加快养老服务发展若干措施\n一、扩大养老服务供给。（责任单位：省民政厅）\n二、加强人才队伍建设。（责任单位：省人社厅）\n")
    (p,) = extract_policies(normalise(text)).policies
    assert (p.title, p.doc_number, p.issuer, p.issued_on.isoformat()) == (
        "福建省加快养老服务发展若干措施", "闽政办〔2024〕13号", "福建省人民政府办公厅", "2024-04-08")


def test_a_metadata_block_with_each_label_above_its_value():
    text = ("发文字号\n黔府发〔2024〕2号\n发布机构\n贵州省人民政府\n成文日期\n2024-01-30\n"
            "贵州省人民政府关于加快建设现代化产业体系的意见\n一、做强现代化工产业。（责任单位：省工业和信息化厅）\n")
    (p,) = extract_policies(text).policies
    assert (p.doc_number, p.issuer, p.issued_on.isoformat()) == ("黔府发〔2024〕2号", "贵州省人民政府", "2024-01-30")


def test_a_law_promulgated_by_a_presidential_order_takes_the_order_s_number_and_its_own_title():
    text = ("中华人民共和国主席令\n第二十二号\n《中华人民共和国农村集体经济组织法》已由第十四届全国人民代表大会常务委员会"
            "第十次会议于2024年6月28日通过，现予公布，自2025年5月1日起施行。\n中华人民共和国主席 习近平\n2024年6月28日\n"
            "中华人民共和国农村集体经济组织法\n第一章 总则\n第一条 为了维护农村集体经济组织的合法权益，制定本法。\n"
            "第二条 本法所称农村集体经济组织，是指以土地集体所有为基础的经济组织。\n第三条 本法自2025年5月1日起施行。\n")
    (p,) = extract_policies(text).policies
    assert (p.title, p.doc_number) == ("中华人民共和国农村集体经济组织法", "中华人民共和国主席令第二十二号")
    assert (p.effective_from.isoformat(), [m.number for m in p.measures]) == ("2025-05-01", ["第一条", "第二条", "第三条"])


def test_numbers_of_repealed_documents_listed_at_the_end_are_links_not_the_notice_s_own_number():
    text = ("广州市人民政府关于废止部分规范性文件的决定\n经市人民政府同意，决定废止下列规范性文件：\n"
            "1.《广州市促进会展业发展办法》（穗府办规〔2018〕5号）；\n2.《广州市旅游业发展扶持办法》（穗府办规〔2019〕7号）。\n"
            "本决定自公布之日起施行。\n广州市人民政府\n2024年6月3日\n")
    (p,) = extract_policies(text).policies
    assert p.doc_number is None
    assert [s.doc_number for s in p.supersedes] == ["穗府办规〔2018〕5号", "穗府办规〔2019〕7号"]


def test_a_metadata_block_with_bullets_and_times_beside_the_dates():
    text = ("返回顶部\n• 索引号:\n6107280000/2024-001005\n• 发文机构:\n县政府办公室\n• 发文字号:\n宁政发〔2024〕7号\n"
            "• 发文日期:\n2024年04月06日 16:40\n• 有效性:\n• 发布日期:\n2024年04月08日 09:12\n宁县人民政府工作规则\n"
            "一、根据有关规定，结合本县实际，制定本规则。\n二、县政府工作坚持依法行政。\n")
    (p,) = extract_policies(text).policies
    assert (p.doc_number, p.issuer, p.issued_on.isoformat()) == ("宁政发〔2024〕7号", "县政府办公室", "2024-04-06")


def test_a_number_printed_in_traditional_characters_is_still_a_number():
    from tracker.extract.header import DOC_NUMBER_ANY

    assert normalise_doc_number(DOC_NUMBER_ANY.search("鄂政發(2018)26號")[0]) == "鄂政發〔2018〕26號"


def test_a_report_is_dated_by_the_day_it_was_delivered():
    text = ("政府工作报告\n——2026年1月22日在山东省第十四届人民代表大会第五次会议上\n省长 周乃翔\n一、2025年工作回顾\n"
            "过去一年，全省地区生产总值增长5.5%。\n二、2026年工作安排\n（一）扩大有效需求。年内新建5G基站3万个。\n")
    (p,) = extract_policies(text).policies
    assert p.issued_on.isoformat() == "2026-01-22"
    assert [(t.due_on.isoformat(), int(t.quantity)) for t in p.targets] == [("2026-12-31", 30000)]


def test_a_law_database_head_with_the_history_dates_the_text_by_its_last_step_and_numbers_it_by_its_last_order():
    text = ("# 国务院关于某类企业登记管理的规定\n2010年3月5日 中华人民共和国国务院令第570号公布\n"
            "2016年2月6日 《国务院关于修改部分行政法规的决定》第一次修订\n2023年7月20日 中华人民共和国国务院令第764号第二次修订）\n"
            "第一条 为了规范企业登记管理，制定本规定。\n第二条 企业登记机关负责本规定的实施。\n第三条 本规定自公布之日起施行。\n")
    (p,) = extract_policies(text).policies
    assert (p.doc_number, p.issued_on.isoformat()) == ("中华人民共和国国务院令第764号", "2023-07-20")
    assert (p.effective_from.isoformat(), p.effective_to) == ("2023-07-20", None)


def test_a_head_line_saying_when_it_took_effect_is_the_start_when_the_text_states_none():
    text = ("# 最高人民法院关于某类案件适用法律问题的解释\n2015年3月2日 最高人民法院审判委员会第1644次会议通过\n"
            "2015年3月10日 最高人民法院公告公布\n2015年4月1日 施行\n"
            "为正确审理某类案件，现就有关问题解释如下：\n第一条 人民法院审理某类案件，适用本解释。\n第二条 本解释施行前已经审结的案件不再适用。\n")
    (p,) = extract_policies(text).policies
    assert (p.issued_on.isoformat(), p.effective_from.isoformat(), p.effective_to) == ("2015-03-10", "2015-04-01", None)


def test_a_publish_date_in_front_matter_is_the_issued_date():
    text = ('---\ntitle: "中华人民共和国某某法"\npublish_date: "2025-06-27"\nstatus: "现行有效"\n---\n'
            "# 中华人民共和国某某法\n第一条 为了规范某某活动，制定本法。\n第二条 本法自公布之日起施行。\n")
    (p,) = extract_policies(text).policies
    assert (p.issued_on.isoformat(), p.effective_from.isoformat()) == ("2025-06-27", "2025-06-27")


def test_a_title_broken_after_a_year_and_an_order_number_in_the_publication_note():
    text = ("国务院办公厅关于2026年\n部分节假日安排的通知\n国办发明电〔2025〕9号\n各省、自治区、直辖市人民政府：\n"
            "一、元旦：1月1日放假1天。\n二、春节：2月15日至23日放假调休，共9天。\n")
    (p,) = extract_policies(text).policies
    assert (p.title, p.doc_number) == ("国务院办公厅关于2026年部分节假日安排的通知", "国办发明电〔2025〕9号")
    law = ("某省地下管线管理办法\n（2019年12月15日某省人民政府令第61号公布，根据2022年9月30日某省人民政府令第132号修订）\n"
           "第一条 为加强地下管线管理，制定本办法。\n第二条 本办法自2020年3月1日起施行。\n")
    (q,) = extract_policies(law).policies
    assert (q.doc_number, q.issued_on.isoformat()) == ("某省人民政府令第61号", "2019-12-15")


def test_a_notice_publishing_a_policy_again_carries_that_policy():
    text = ("穗府办规〔2025〕8号\n某市人民政府办公厅关于重新发布某市积分制入户管理办法的通知\n各区人民政府：\n"
            "某市积分制入户管理办法\n第一条 为规范积分制入户管理，制定本办法。\n第二条 本办法自2025年7月1日起施行，有效期5年。\n")
    (p,) = extract_policies(text).policies
    assert (p.title, p.doc_number, p.issuer) == ("某市积分制入户管理办法", "穗府办规〔2025〕8号", "某市人民政府办公厅")
