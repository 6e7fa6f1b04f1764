"""A notice that issues several policies at once (issue 10, item 4): each carried policy is a policy of its own."""

from datetime import date

from tracker.extract import extract_policies

TWO_PLANS = """湖北省人民政府办公厅关于印发《湖北省老旧小区改造提升行动方案》和《湖北省城市排水防涝能力建设实施方案》的通知
鄂政办发〔2024〕11号
各市、州、县人民政府，省政府各部门：
《湖北省老旧小区改造提升行动方案》和《湖北省城市排水防涝能力建设实施方案》已经省人民政府同意，现印发给你们，请认真组织实施。
以上两个方案自2024年4月1日起施行，有效期至2026年12月31日。
湖北省人民政府办公厅
2024年3月15日
湖北省老旧小区改造提升行动方案
一、主要任务
（一）实施基础类改造。到2025年，完成老旧小区改造1500个。（责任单位：省住房城乡建设厅、省财政厅）
（二）完善社区服务设施。2024年底前完成改造项目清单编制。（责任单位：省民政厅）
二、保障措施
（一）加强资金保障。（责任单位：省财政厅）
湖北省城市排水防涝能力建设实施方案
一、重点任务
（一）排查治理易涝积水点。2024年6月底前完成全部易涝点排查。（责任单位：省住房城乡建设厅）
（二）建设排水管网。到2026年，新建改造排水管网2000公里。（责任单位：省住房城乡建设厅、省发展改革委）
"""


def test_each_policy_of_a_two_policy_notice_has_its_own_title_measures_and_agencies():
    ex = extract_policies(TWO_PLANS)
    assert [p.title for p in ex.policies] == ["湖北省老旧小区改造提升行动方案", "湖北省城市排水防涝能力建设实施方案"]
    renew, drains = ex.policies
    # Numbering restarts in each policy: the second one's （一） is its own first measure.
    assert [m.number for m in renew.measures] == ["（一）", "（二）", "（一）"]
    assert [m.number for m in drains.measures] == ["（一）", "（二）"]
    assert [a.name for a in drains.measures[1].agencies] == ["省住房城乡建设厅", "省发展改革委"]
    assert [(t.due_on, t.quantity) for t in drains.targets] == [(date(2024, 6, 30), None), (date(2026, 12, 31), 2000)]
    assert all("湖北省城市排水" not in m.text for m in renew.measures)


def test_a_shared_validity_sentence_gives_each_policy_it_names_the_same_window():
    renew, drains = extract_policies(TWO_PLANS).policies
    for p in (renew, drains):
        assert (p.effective_from, p.effective_to) == (date(2024, 4, 1), date(2026, 12, 31))
        assert p.issuer == "湖北省人民政府办公厅" and p.issued_on == date(2024, 3, 15)
    # The notice's number is each policy's number (issue 10 scores numbers per policy); the report says why.
    assert (renew.doc_number, drains.doc_number) == ("鄂政办发〔2024〕11号", "鄂政办发〔2024〕11号")
    assert all(any("鄂政办发〔2024〕11号" in n and "share" in n for n in p.notes) for p in (renew, drains))


ANNEXED = """江西省人民政府关于印发《江西省工业企业技术改造奖补办法》等三个文件的通知
赣府发〔2023〕8号
各设区市人民政府，省政府各部门：
现将《江西省工业企业技术改造奖补办法》《江西省首台套重大技术装备认定管理办法》《江西省中小企业公共服务示范平台管理细则》印发给你们，请遵照执行。
《江西省首台套重大技术装备认定管理办法》自2023年7月1日起施行，有效期3年；其余文件自印发之日起施行，有效期至2025年12月31日。原《江西省首台套重大技术装备推广应用办法》（赣府发〔2018〕5号）同时废止。
附件：1.江西省工业企业技术改造奖补办法
2.江西省首台套重大技术装备认定管理办法
3.江西省中小企业公共服务示范平台管理细则
江西省人民政府
2023年6月1日
附件1
江西省工业企业技术改造奖补办法
第一条 为推动工业企业技术改造，制定本办法。
第二条 省工业和信息化厅负责奖补资金的组织实施。
附件2
江西省首台套重大技术装备认定管理办法
第一条 为促进首台套重大技术装备推广应用，制定本办法。
第二条 认定工作每年开展一次。
第三条 本办法由省工业和信息化厅负责解释。
附件3
江西省中小企业公共服务示范平台管理细则
第一条 为规范示范平台管理，制定本细则。
第二条 示范平台每三年复核一次。
"""


def test_a_notice_issuing_several_files_splits_by_its_annex_list():
    ex = extract_policies(ANNEXED)
    assert [p.title for p in ex.policies] == [
        "江西省工业企业技术改造奖补办法", "江西省首台套重大技术装备认定管理办法", "江西省中小企业公共服务示范平台管理细则"]
    assert [len(p.measures) for p in ex.policies] == [2, 3, 2]
    assert all(m.number.startswith("第") for p in ex.policies for m in p.measures)
    assert [p.doc_number for p in ex.policies] == ["赣府发〔2023〕8号"] * 3  # the notice's number, on each


def test_a_validity_sentence_naming_one_policy_is_that_policy_s_window_only():
    grants, equipment, platforms = extract_policies(ANNEXED).policies
    assert (equipment.effective_from, equipment.effective_to) == (date(2023, 7, 1), date(2026, 6, 30))
    for p in (grants, platforms):
        assert (p.effective_from, p.effective_to) == (date(2023, 6, 1), date(2025, 12, 31))


def test_a_policy_repealed_by_name_in_the_notice_is_a_link_not_a_policy():
    ex = extract_policies(ANNEXED)
    assert len(ex.policies) == 3
    assert [(s.doc_number, s.title) for p in ex.policies for s in p.supersedes] == [
        ("赣府发〔2018〕5号", "江西省首台套重大技术装备推广应用办法")]
    assert ex.policies[1].supersedes  # the equipment measures replace the equipment measures of 2018


def test_a_notice_issuing_one_policy_stays_one_policy():
    text = ("山东省人民政府关于印发《山东省数字经济促进办法》的通知\n鲁政发〔2024〕3号\n"
            "现将《山东省数字经济促进办法》印发给你们，请认真贯彻执行。\n山东省数字经济促进办法\n"
            "第一条 为促进数字经济发展，制定本办法。\n第二条 本办法自2024年3月1日起施行。\n")
    (p,) = extract_policies(text).policies
    assert (p.title, p.doc_number, [m.number for m in p.measures]) == ("山东省数字经济促进办法", "鲁政发〔2024〕3号", ["第一条", "第二条"])


def test_a_heading_broken_over_two_lines_or_printed_a_little_differently_still_starts_its_policy():
    text = """索引号：000014349/2024-00021
发布机构：上海市人民政府办公厅
上海市人民政府办公厅关于印发《上海市促进智能终端产业高质量发展行动方案（2024—2026年）》
和《上海市加快推进绿色低碳转型若干措施》的通知
沪府办发〔2024〕6号
各区人民政府，市政府各委、办、局：
经市政府同意，现将两个文件印发给你们，请认真按照执行。
上海市人民政府办公厅
2024年2月1日
上海市促进智能终端产业高质量发展行动方案
（2024—2026年）
一、发展目标。到2026年，智能终端产业规模达到3000亿元。
二、重点任务。（责任单位：市经济信息化委）
上海市加快推进绿色低碳转型的若干措施
（一）推动工业领域节能降碳。（责任单位：市经济信息化委、市生态环境局）
（二）推进建筑领域绿色转型。（责任单位：市住房城乡建设管理委）
"""
    ex = extract_policies(text)
    assert [p.title for p in ex.policies] == ["上海市促进智能终端产业高质量发展行动方案（2024—2026年）", "上海市加快推进绿色低碳转型若干措施"]
    devices, green = ex.policies
    assert [m.number for m in devices.measures] == ["一、", "二、"] and [m.number for m in green.measures] == ["（一）", "（二）"]
    # The title's period is the plan period, not a window: nothing states either policy's window.
    assert (devices.effective_from, devices.effective_to) == (None, None)
    assert (devices.plan_from.isoformat(), devices.plan_to.isoformat()) == ("2024-01-01", "2026-12-31")
    assert green.effective_from is None and green.plan_from is None  # its title gives no period


def test_a_title_after_a_closing_sentence_opens_the_next_policy_and_the_repeal_line_stays_with_the_first():
    text = """河北省支持外贸企业稳订单拓市场若干措施
一、支持企业参加境外展会（责任单位：省商务厅）
二、扩大出口信用保险覆盖面（责任单位：省商务厅、省财政厅）
本措施自2024年2月1日起施行，有效期至2025年12月31日。
原《河北省外贸稳增长若干措施》（冀政办字〔2021〕9号）同时废止。
河北省跨境电子商务发展管理办法
第一条 为规范跨境电子商务发展，制定本办法。
第二条 本办法自2024年3月1日起施行，有效期3年。
"""
    trade, ecommerce = extract_policies(text).policies
    assert [m.number for m in trade.measures] == ["一、", "二、"]
    assert [s.doc_number for s in trade.supersedes] == ["冀政办字〔2021〕9号"] and not ecommerce.supersedes
    assert (trade.effective_to.isoformat(), ecommerce.effective_to.isoformat()) == ("2025-12-31", "2027-02-28")
    assert [m.number for m in ecommerce.measures] == ["第一条", "第二条"]


def test_a_related_document_listed_after_the_closing_sentence_is_not_a_policy():
    text = """河北省促进民营经济发展若干措施
一、降低融资成本（责任单位：省地方金融监管局）
二、减轻税费负担（责任单位：省税务局）
本措施自2024年1月1日起施行。
相关文件：河北省优化营商环境条例实施办法
附件：河北省民营企业服务指南
"""
    (p,) = extract_policies(text).policies
    assert p.title == "河北省促进民营经济发展若干措施"


def test_a_notice_issuing_several_rules_named_only_in_its_issuing_sentence():
    text = """印发肇庆市政务公开工作考核办法（试行）等制度的通知
广东省肇庆市人民政府办公室
各县（市、区）人民政府，市政府各部门：
《肇庆市政务公开工作考核办法（试行）》、《肇庆市政务公开社会评议办法（试行）》业经市人民政府同意，现印发给你们，请认真贯彻执行。
二○二三年五月十日
肇庆市政务公开工作考核办法（试行）
第一条 为推进政务公开工作，制定本办法。
第二条 本办法自印发之日起施行。
肇庆市政务公开社会评议办法（试行）
第一条 为规范社会评议工作，制定本办法。
第二条 社会评议每年开展一次。
"""
    ex = extract_policies(text)
    assert [p.title for p in ex.policies] == ["肇庆市政务公开工作考核办法（试行）", "肇庆市政务公开社会评议办法（试行）"]
    assert all(p.issuer == "广东省肇庆市人民政府办公室" and p.issued_on.isoformat() == "2023-05-10" for p in ex.policies)
    assert [len(p.measures) for p in ex.policies] == [2, 2]


def test_a_notice_printed_after_another_policy_s_closing_sentence_opens_its_own_policy():
    text = """湖南省支持文旅消费若干措施
一、发放文旅消费券（责任单位：省文化和旅游厅）
二、延长景区开放时间（责任单位：省文化和旅游厅）
本措施自2024年5月1日起施行，有效期至2025年4月30日。
湖南省人民政府办公厅关于印发《湖南省促进体育消费实施方案》的通知
湘政办发〔2024〕18号
各市州人民政府，省政府各厅委、各直属机构：
《湖南省促进体育消费实施方案》已经省人民政府同意，现印发给你们，请认真贯彻执行。
湖南省人民政府办公厅
2024年5月10日
湖南省促进体育消费实施方案
一、丰富体育赛事活动（责任单位：省体育局）
二、建设体育消费场景（责任单位：省体育局、省商务厅）
"""
    tourism, sport = extract_policies(text).policies
    assert (tourism.doc_number, tourism.effective_to.isoformat()) == (None, "2025-04-30")
    assert (sport.title, sport.doc_number, sport.issued_on.isoformat(), sport.effective_to) == (
        "湖南省促进体育消费实施方案", "湘政办发〔2024〕18号", "2024-05-10", None)
