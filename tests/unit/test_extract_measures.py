"""Measures in short synthetic documents of other provinces and ministries, Chinese and English."""

from tracker.extract import extract_policies

PROVINCE = """浙江省人民政府办公厅关于印发《浙江省促进数字贸易高质量发展若干措施》的通知
浙政办发〔2024〕8号
各市、县（市、区）人民政府，省政府直属各单位：
《浙江省促进数字贸易高质量发展若干措施》已经省政府同意，现印发给你们，请结合实际认真贯彻落实。
浙江省人民政府办公厅
2024年3月15日
浙江省促进数字贸易高质量发展若干措施
一、壮大市场主体
（一）培育龙头企业。支持数字贸易企业做大做强。到2026年，培育数字贸易龙头企业100家以上。（责任单位：省商务厅、省发展改革委）
（二）扶持中小企业。对符合条件的中小企业给予最高200万元补助。（责任单位：省商务厅、省财政厅）
二、优化发展环境
（三）加强人才支撑。
1．引进高端人才。
2．培养专业人才。
（责任单位：省人力社保厅）
本措施自2024年4月1日起施行，有效期至2029年3月31日。
"""

MINISTRY = """商务部关于印发《跨境电子商务综合试验区管理办法》的通知
商贸发[2023]15号
跨境电子商务综合试验区管理办法
第一章 总则
第一条（目的） 为规范综合试验区建设，制定本办法。
第二条 本办法适用于经国务院批准设立的综合试验区。
第二章 建设与管理
第十一条 各地商务主管部门负责日常管理。
第十五条 本办法自印发之日起施行，有效期五年。
2023年6月1日
"""

ENGLISH = """Measures of Guangdong Province on Supporting the Development of Smart Manufacturing

I. Strengthening Enterprises
1. Cultivating leading enterprises. By 2025, at least 100 smart factories will be built across the province. (Units responsible for implementation: the Provincial Department of Industry and Information Technology, and the Provincial Department of Finance)
2. Supporting small firms. A maximum subsidy of 2 million yuan may be granted. (Unit responsible for implementation: the Provincial Department of Finance)
II. Improving the Environment
3. Training talent. Universities are encouraged to open courses. (Unit responsible for implementation: the Provincial Department of Education)

These Measures shall come into force on March 1, 2024 and shall be valid for five years.
"""


def test_a_province_notice_yields_the_inner_policy_with_the_wrappers_number_issuer_and_date():
    (p,) = extract_policies(PROVINCE).policies
    assert p.title == "浙江省促进数字贸易高质量发展若干措施"
    assert p.doc_number == "浙政办发〔2024〕8号"
    assert p.issuer == "浙江省人民政府办公厅"
    assert p.issued_on.isoformat() == "2024-03-15"
    assert (p.effective_from.isoformat(), p.effective_to.isoformat()) == ("2024-04-01", "2029-03-31")


def test_the_measure_unit_is_the_finest_item_carrying_agencies():
    (p,) = extract_policies(PROVINCE).policies
    assert [m.number for m in p.measures] == ["（一）", "（二）", "（三）"]
    assert [m.ordinal for m in p.measures] == [1, 2, 3]
    assert [m.section for m in p.measures] == ["一、壮大市场主体", "一、壮大市场主体", "二、优化发展环境"]
    assert [m.title for m in p.measures] == ["培育龙头企业", "扶持中小企业", "加强人才支撑"]
    assert [a.name for a in p.measures[2].agencies] == ["省人力社保厅"]
    assert "本措施自" not in p.measures[2].text


def test_targets_attach_to_their_measure_and_caps_are_left_out():
    (p,) = extract_policies(PROVINCE).policies
    assert [(t.measure, int(t.quantity), t.unit) for t in p.targets] == [("（一）", 100, "家")]


def test_an_article_style_ministry_document_has_one_measure_per_article():
    (p,) = extract_policies(MINISTRY).policies
    assert p.title == "跨境电子商务综合试验区管理办法"
    assert p.doc_number == "商贸发〔2023〕15号"
    assert p.issuer == "商务部"
    assert [m.number for m in p.measures] == ["第一条", "第二条", "第十一条", "第十五条"]
    assert p.measures[0].title == "目的"
    assert p.measures[0].section == "第一章 总则"
    assert p.measures[2].section == "第二章 建设与管理"
    # 自印发之日起 starts on the issued date, read from the signature at the end.
    assert (p.issued_on.isoformat(), p.effective_from.isoformat(), p.effective_to.isoformat()) == (
        "2023-06-01",
        "2023-06-01",
        "2028-05-31",
    )


def test_an_english_regulation_has_numbered_measures_sections_agencies_and_targets():
    ex = extract_policies(ENGLISH)
    assert ex.language == "en"
    (p,) = ex.policies
    assert p.title.startswith("Measures of Guangdong Province")
    assert [m.number for m in p.measures] == ["1.", "2.", "3."]
    assert p.measures[0].title == "Cultivating leading enterprises"
    assert p.measures[2].section == "II. Improving the Environment"
    assert [(a.name, a.role.value) for a in p.measures[0].agencies] == [
        ("Provincial Department of Industry and Information Technology", "lead"),
        ("Provincial Department of Finance", "responsible"),
    ]
    assert [(t.measure, int(t.quantity), t.comparator.value) for t in p.targets] == [("1.", 100, "at_least")]
    assert (p.effective_from.isoformat(), p.effective_to.isoformat()) == ("2024-03-01", "2029-02-28")


def test_english_articles_are_measures():
    text = "Regulations on Data Security of Example City\nArticle 1 These Regulations are formulated to protect data.\nArticle 2 These Regulations apply within the city.\nArticle 3 These Regulations shall come into force on May 1, 2022."
    (p,) = extract_policies(text).policies
    assert [m.number for m in p.measures] == ["Article 1", "Article 2", "Article 3"]
    assert p.effective_from.isoformat() == "2022-05-01"


def test_a_stray_sub_list_does_not_become_the_measures():
    text = "某市关于优化营商环境的若干措施\n（一）简化审批。\n（二）压缩时限。\n1．网上办理。\n2．一次办结。\n（三）降低成本。\n（四）加强监管。"
    (p,) = extract_policies(text).policies
    assert [m.number for m in p.measures] == ["（一）", "（二）", "（三）", "（四）"]


STATE_COUNCIL = """Circular of the State Council on Issuing the Action Plan for Promoting Large-scale Equipment Renewal
Guo Fa [2024] No. 7
March 7, 2024
Action Plan for Promoting Large-scale Equipment Renewal
I. General Requirements
By 2027, investment in equipment in industry will increase by more than 25 percent compared with 2023.
II. Key Tasks
(1) Promoting equipment renewal in key industries. By 2027, the penetration rate of digital tools will exceed 90%.
(2) Supporting the recycling of consumer goods. By the end of 2025, about 1,000 recycling stations will be built. The maximum subsidy is 5 million yuan per project.
This Action Plan shall come into force as of the date of issuance.
"""


def test_an_english_state_council_plan_with_parenthesised_items():
    (p,) = extract_policies(STATE_COUNCIL).policies
    assert (p.title, p.issuer, p.doc_number) == (
        "Action Plan for Promoting Large-scale Equipment Renewal",
        "State Council",
        "Guo Fa [2024] No. 7",
    )
    assert (p.issued_on.isoformat(), p.effective_from.isoformat(), p.effective_to) == ("2024-03-07", "2024-03-07", None)
    assert [(m.number, m.section) for m in p.measures] == [("(1)", "II. Key Tasks"), ("(2)", "II. Key Tasks")]
    got = sorted((t.measure or "", t.due_on.isoformat(), int(t.quantity), t.unit, t.comparator.value) for t in p.targets)
    assert got == [
        ("", "2027-12-31", 25, "percent", "at_least"),
        ("(1)", "2027-12-31", 90, "percent", "at_least"),
        ("(2)", "2025-12-31", 1000, "stations", "about"),
    ]
    assert next(t for t in p.targets if t.measure == "(1)").metric == "the penetration rate of digital tools"


def test_numbered_lists_in_an_annex_after_the_closing_sentence_are_not_measures():
    text = (
        "某市关于加快发展养老服务业的实施意见\n（一）完善服务网络。\n（二）加强人才培养。\n"
        "本意见自2024年1月1日起施行。\n附件：重点任务分工表\n1.建设养老院。\n2.培训护理员。\n3.发放补贴。\n"
    )
    (p,) = extract_policies(text).policies
    assert [m.number for m in p.measures] == ["（一）", "（二）"]


ROLE_WORDS = """江苏省人民政府办公厅关于加快发展保障性租赁住房的实施意见
苏政办发〔2024〕12号
一、总体要求
到2025年，全省筹集保障性租赁住房10万套。
二、重点任务
（一）扩大供给。盘活存量房屋，增加租赁住房供给。（省住房城乡建设厅牵头，省自然资源厅、省财政厅等按职责分工负责）
1．支持非居住存量房屋改建。
2．支持企业自有土地建设。
（二）优化审批。简化审批流程（由各设区市政府牵头，省发展改革委配合）。
（三）加强监管。建立租赁住房监管平台。（省住房城乡建设厅负责）
本意见自2024年5月1日起施行，有效期至2029年4月30日。
"""


def test_measures_whose_agencies_come_with_role_words_are_the_measures():
    [policy] = extract_policies(ROLE_WORDS).policies
    assert [m.number for m in policy.measures] == ["（一）", "（二）", "（三）"]
    assert [[(a.name, a.role.value) for a in m.agencies] for m in policy.measures] == [
        [("省住房城乡建设厅", "lead"), ("省自然资源厅", "responsible"), ("省财政厅", "responsible")],
        [("各设区市政府", "lead"), ("省发展改革委", "supporting")],
        [("省住房城乡建设厅", "lead")],
    ]
