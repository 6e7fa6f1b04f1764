"""Which numbered items are the measures (issue 10, item 6), counted as printed."""

from tracker.extract import extract_policies


def _numbers(text: str) -> list[str]:
    (p,) = extract_policies(text).policies
    return [m.number for m in p.measures]


def test_the_finest_item_carrying_responsible_units_is_the_measure():
    text = """重庆市加快发展新型储能实施方案
一、总体目标
到2025年，全市新型储能装机规模达到200万千瓦。
二、重点任务
（一）推动电源侧储能发展
1.推进新能源配建储能。新建集中式风电、光伏项目按要求配建储能。（责任单位：市能源局）
2.推动火电灵活性改造。（责任单位：市能源局、国网重庆电力）
（二）推进用户侧储能建设
1.鼓励工业园区建设储能。（责任单位：市经济信息委）
2.探索储能商业模式。（责任单位：市发展改革委）
3.完善储能价格机制。（责任单位：市发展改革委、市能源局）
"""
    assert _numbers(text) == ["1.", "2.", "1.", "2.", "3."]


def test_a_responsible_unit_line_under_a_sub_list_belongs_to_the_item_above_it():
    text = """青海省促进生态旅游发展若干措施
（一）完善旅游基础设施。重点做好以下工作：
1.建设旅游公路；
2.完善景区停车场。
责任单位：省文化和旅游厅、省交通运输厅
（二）丰富旅游产品。
责任单位：省文化和旅游厅
"""
    assert _numbers(text) == ["（一）", "（二）"]


def test_articles_are_the_measures_of_an_article_document_without_responsible_units():
    text = """吉林省公共资源交易管理办法
第一章 总则
第一条 为规范公共资源交易活动，制定本办法。
第二条 本办法适用于下列交易活动：
（一）工程建设项目招标投标；
（二）政府采购；
（三）国有土地使用权出让。
第二章 交易平台
第三条 省公共资源交易中心负责平台的运行维护。
第四条 本办法自2024年5月1日起施行。
"""
    assert _numbers(text) == ["第一条", "第二条", "第三条", "第四条"]


def test_a_short_list_inside_one_item_does_not_replace_the_items_around_it():
    text = """黑龙江省稳就业若干措施
一、支持企业吸纳就业
（一）发放一次性吸纳就业补贴。
（二）实施社保补贴。补贴范围包括：
1.招用高校毕业生的小微企业；
2.招用就业困难人员的企业。
（三）降低失业保险费率。
二、支持灵活就业
（四）规范零工市场。
（五）扶持创业带动就业。
"""
    assert _numbers(text) == ["（一）", "（二）", "（三）", "（四）", "（五）"]


def test_the_notice_s_own_sentences_and_an_annex_table_are_not_measures():
    text = """甘肃省人民政府办公厅关于印发甘肃省推进县域商业体系建设实施方案的通知
甘政办发〔2024〕12号
各市州人民政府，省政府有关部门：
现将《甘肃省推进县域商业体系建设实施方案》印发给你们，请认真贯彻执行。
本通知自印发之日起施行。
甘肃省人民政府办公厅
2024年3月5日
一、完善县域商业网络。到2025年，建设改造县级物流配送中心40个。（责任单位：省商务厅）
二、培育县域商业主体。（责任单位：省商务厅、省供销社）
三、加强组织保障。（责任单位：省商务厅）
附件1重点任务分工表
1.建设县级物流配送中心，责任单位：省商务厅，完成时限：2025年底前
2.培育县域商业主体，责任单位：省供销社，完成时限：2024年底前
"""
    ex = extract_policies(text)
    (p,) = ex.policies
    assert [m.number for m in p.measures] == ["一、", "二、", "三、"]
    assert [(t.measure, int(t.quantity)) for t in p.targets if t.quantity] == [("一、", 40)]


def test_a_notice_s_own_numbered_requirements_above_the_policy_heading_are_not_its_measures():
    text = """江苏省人民政府办公厅关于印发《江苏省推进数字经济高质量发展实施方案》的通知
苏政办发〔2024〕8号
各市、县（市、区）人民政府，省各委办厅局，省各直属单位：
《江苏省推进数字经济高质量发展实施方案》已经省人民政府同意，现印发给你们，并提出以下要求。
一、加强组织领导。各地要建立工作推进机制。
二、强化督促检查。省发展改革委要定期开展督查。
江苏省人民政府办公厅
2024年3月20日
江苏省推进数字经济高质量发展实施方案
一、做强数字产业。到2025年，数字经济核心产业增加值达到6000亿元。（责任单位：省工业和信息化厅）
二、推进产业数字化。（责任单位：省工业和信息化厅、省农业农村厅）
"""
    (p,) = extract_policies(text).policies
    assert [(m.number, m.title) for m in p.measures] == [("一、", "做强数字产业"), ("二、", "推进产业数字化")]
    assert (p.doc_number, p.issued_on.isoformat()) == ("苏政办发〔2024〕8号", "2024-03-20")


def test_a_form_attached_to_a_notice_is_neither_a_policy_nor_measures():
    text = """浙江省经济和信息化厅关于印发《浙江省工业互联网专项资金管理办法》的通知
浙经信规〔2024〕3号
各市经信局：
现将《浙江省工业互联网专项资金管理办法》印发给你们，请遵照执行。
附件：1.浙江省工业互联网专项资金管理办法
2.专项资金申请表
浙江省经济和信息化厅
2024年3月1日
附件1
浙江省工业互联网专项资金管理办法
第一条 为规范专项资金管理，制定本办法。
第二条 省经济和信息化厅负责专项资金的组织实施。
第三条 本办法自2024年4月1日起施行，有效期至2029年3月31日。
附件2
专项资金申请表
1.企业名称
2.项目名称
3.申请金额
"""
    (p,) = extract_policies(text).policies
    assert p.title == "浙江省工业互联网专项资金管理办法"
    assert [m.number for m in p.measures] == ["第一条", "第二条", "第三条"]


def test_an_item_with_its_own_responsible_units_beside_items_split_into_sub_items_is_a_measure_too():
    text = """辽宁省促进民营经济发展若干措施
（一）降低融资成本。（责任单位：省地方金融监管局）
（二）优化涉企服务
1.推行惠企政策免申即享。（责任单位：省营商局）
2.建立企业诉求快速响应机制。（责任单位：省工商联）
（三）加强要素保障。（责任单位：省自然资源厅）
本措施自2024年1月1日起施行。
"""
    (p,) = extract_policies(text).policies
    assert [(m.number, m.section, [a.name for a in m.agencies]) for m in p.measures] == [
        ("（一）", None, ["省地方金融监管局"]),
        ("1.", "(二)优化涉企服务", ["省营商局"]),
        ("2.", "(二)优化涉企服务", ["省工商联"]),
        ("（三）", None, ["省自然资源厅"]),
    ]


def test_a_page_flattened_to_one_line_still_has_its_articles_and_signing_date():
    text = ("某市人民政府关于印发某市市级储备粮管理办法的通知\n各县、区人民政府，市政府各工作部门：现将《某市市级储备粮管理办法》印发给你们，"
            "请认真抓好贯彻落实。某市人民政府2024年3月8日（此件公开发布）某市市级储备粮管理办法第一章 总则第一条 为加强市级储备粮管理，"
            "制定本办法。第二条 本办法所称市级储备粮，是指市人民政府储备的原粮及其成品粮。第二章 储备计划第三条 市发展改革部门负责拟定储备计划。"
            "第四条 市财政部门负责安排储备粮贷款利息和费用补贴。第五条 本办法自印发之日起施行，有效期5年。依照本办法第三条规定执行。\n")
    (p,) = extract_policies(text).policies
    assert [m.number for m in p.measures] == ["第二条", "第三条", "第四条", "第五条"]
    assert (p.issued_on.isoformat(), p.effective_from.isoformat(), p.effective_to.isoformat()) == ("2024-03-08", "2024-03-08", "2029-03-07")


def test_a_stray_sub_list_under_one_item_does_not_replace_the_items_across_sections():
    text = """某市关于调整住房保障标准的通知
一、准入标准
（一）收入准入限额按上年度人均可支配收入确定。
（二）财产准入限额按收入限额的倍数确定。
二、租金标准
（一）免交租金。低保家庭免交租金。
（二）优惠租金。符合下列条件的按优惠标准计收：
1.家庭收入在准入限额1.5倍以内的；
（1）按项目租金标准的70%计收；
（2）按项目租金标准的90%计收。
2.家庭收入在准入限额2倍以内的。
三、其他
（一）本通知由市住房城乡建设局负责解释。
本通知自2024年3月1日起施行，有效期5年。
"""
    (p,) = extract_policies(text).policies
    assert [m.number for m in p.measures] == ["（一）", "（二）", "（一）", "（二）", "（一）"]
