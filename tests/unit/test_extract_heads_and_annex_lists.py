"""Heads as red-head documents and crawlers print them, 专栏 boxes in plans, and repeal lists in annex tables."""

import importlib.util
import sys
from pathlib import Path

from tracker.extract import extract_policies


def _one(text: str):
    (p,) = extract_policies(text).policies
    return p


# --- the issuer printed on its own line above a 关于 title -------------------------------------------------------


def test_a_joint_issuer_line_above_the_title_is_the_issuer_and_opens_the_title():
    p = _one(
        "中共中央 国务院\n关于加快建设全国统一大市场的意见\n（2022年3月25日）\n"
        "一、总体要求\n（一）指导思想。坚持稳中求进工作总基调。\n（二）工作原则。立足内需，畅通循环。\n"
        "二、强化市场基础制度规则统一\n（三）完善统一的产权保护制度。依法平等保护各种所有制经济产权。"
    )
    assert p.title == "中共中央国务院关于加快建设全国统一大市场的意见"
    assert p.issuer == "中共中央国务院"
    assert len(p.measures) == 3


def test_a_general_office_line_above_the_title_is_kept_and_a_red_head_number_line_is_not_an_issuer():
    p = _one("国务院办公厅\n关于2026年部分节假日安排的通知\n国办发明电〔2025〕7号\n一、元旦：1月1日放假。\n二、春节：2月15日至23日放假调休。")
    assert (p.title, p.issuer, p.doc_number) == ("国务院办公厅关于2026年部分节假日安排的通知", "国务院办公厅", "国办发明电〔2025〕7号")
    q = _one("国发〔2024〕3号\n关于促进外贸稳定增长的若干意见\n一、扩大出口信用保险覆盖面。\n二、优化跨境结算服务。")
    assert q.title == "关于促进外贸稳定增长的若干意见"


# --- a crawler's heading against the title the text gives itself ---------------------------------------------------

_RECORD = "\n\n**发布日期**: 2021年2月21日\n**发布机构**: 中共中央\n**来源**: https://www.gov.cn/zhengce/x.htm\n\n---\n\n## 政策全文\n"


def test_the_text_title_with_its_issuer_wins_over_a_crawler_heading_that_left_the_issuer_out():
    body = "一、总体要求\n（一）指导思想。坚持农业农村优先发展。\n（二）目标任务。到2025年，农业农村现代化取得重要进展。"
    split = _one("# 关于全面推进乡村振兴的意见" + _RECORD + "新华社北京2月21日电\n\n中共中央 国务院\n关于全面推进乡村振兴的意见\n（2021年1月4日）\n" + body)
    glued = _one("# 关于全面推进乡村振兴的意见" + _RECORD + "新华社北京2月21日电\n\n中共中央 国务院关于全面推进乡村振兴的意见\n（2021年1月4日）\n" + body)
    for p in (split, glued):
        assert (p.title, p.issuer) == ("中共中央国务院关于全面推进乡村振兴的意见", "中共中央国务院")
        assert len(p.measures) == 2


def test_a_typo_in_the_crawler_heading_yields_to_the_title_the_lead_quotes():
    lead = "新华社北京12月14日电 近日，中共中央、国务院印发了《扩大内需战略规划纲要（2022－2035年）》，并发出通知。\n"
    body = "一、规划背景\n（一）成效显著。\n（二）面临形势。"
    p = _one("# 扩大内需战略规玥纲要(2022-2035年)" + _RECORD + lead + body)
    assert p.title == "扩大内需战略规划纲要（2022-2035年）"


def test_a_crawler_heading_stays_when_the_text_only_differs_by_punctuation_or_names_another_document():
    body = "一、规划背景\n（一）成效显著。\n（二）面临形势。"
    same = _one("# 扩大内需战略规划纲要(2022-2035年)" + _RECORD + "《扩大内需战略规划纲要（2022－2035年）》主要内容如下。\n" + body)
    assert same.title == "扩大内需战略规划纲要（2022-2035年）"
    # A cited plan of another period differs in its numbers: not a typo of the heading.
    other = _one("# 扩大内需战略规划纲要(2022-2035年)" + _RECORD + "根据《扩大内需战略规划纲要（2016－2035年）》，制定本纲要。\n" + body)
    assert other.title == "扩大内需战略规划纲要（2022-2035年）"
    # A basis the text cites is another document, however close its name.
    cited = _one("# 上海市促进就业若干措施" + _RECORD + "根据《上海市促进创业若干措施》，制定本措施。\n一、稳岗位。\n二、扩渠道。")
    assert cited.title == "上海市促进就业若干措施"
    lead = _one("# 上海市促进就业若干措施" + _RECORD + "近日，市政府印发了《上海市促进就业若干措施》。\n一、稳岗位。\n二、扩渠道。")
    assert lead.title == "上海市促进就业若干措施"


# --- YAML front matter ---------------------------------------------------------------------------------------------


def test_a_front_matter_title_broken_over_lines_is_joined_when_the_text_prints_no_title():
    p = _one(
        '---\ntitle: "最高人民检察院关于废止\n《最高人民检察院关于人民检察院\n办理羁押必要性审查案件的\n规定》的决定"\n'
        'publish_date: "2025-09-19"\nissuing_authority: "最高人民检察院"\ntags:\n  - 司法解释\n---\n\n'
        "（2025年9月12日由最高人民检察院第十四届检察委员会第六十次会议通过）\n\n高检发释字〔2025〕3号\n\n"
        "经最高人民检察院检察委员会决定，对《最高人民检察院关于人民检察院办理羁押必要性审查案件的规定》（高检发释字〔2016〕2号）予以废止。"
    )
    assert p.title == "最高人民检察院关于废止《最高人民检察院关于人民检察院办理羁押必要性审查案件的规定》的决定"
    assert (p.issuer, p.doc_number) == ("最高人民检察院", "高检发释字〔2025〕3号")
    assert [(r.doc_number, r.title) for r in p.supersedes] == [("高检发释字〔2016〕2号", "最高人民检察院关于人民检察院办理羁押必要性审查案件的规定")]


def test_the_title_the_text_prints_wins_over_the_front_matter_and_an_untitled_amendment_takes_the_front_matter():
    text = '---\ntitle: "中华人民共和国最高人民检察院"\npublish_date: "2019-06-14"\n---\n\n公告\n\n最高人民检察院关于废止部分\n\n规范性文件的决定\n\n一、予以废止。\n二、一并公布。'
    assert _one(text).title == "最高人民检察院关于废止部分规范性文件的决定"
    amendment = _one('---\ntitle: "中华人民共和国刑法修正案（十二）"\n---\n# 中华人民共和国刑法修正案（十二）\n\n'
                     "一、在刑法第一百六十五条中增加一款作为第二款。\n二、本修正案自2024年3月1日起施行。")
    assert amendment.title == "中华人民共和国刑法修正案（十二）"


# --- a document number printed last, under the issuer -------------------------------------------------------------


def test_a_number_alone_on_the_last_line_under_the_issuer_is_the_documents_own():
    p = _one("最高人民检察院关于废止部分规范性文件的决定\n一、对10件文件予以废止。\n二、本决定自公布之日起施行。\n最高人民检察院\n\n高检发释字〔2019〕3号")
    assert p.doc_number == "高检发释字〔2019〕3号"


def test_a_number_closing_a_list_of_cited_documents_is_not_the_documents_own():
    p = _one("上海市人民政府关于废止部分规章的决定\n一、废止下列规章：\n1. 上海市道路管理办法\n沪府令\n沪府令第12号")
    assert p.doc_number is None
    q = _one("关于做好秋收工作的通知\n一、加强组织领导。\n二、做好物资保障。参照执行的文件：\n沪农委〔2020〕5号")
    assert q.doc_number is None
    # The last row of a list (文件名称 / 制定机关 / 文号) ends with an issuer and a number too.
    r = _one("某市人民政府关于废止部分文件的决定\n一、下列文件予以废止。\n二、本决定自公布之日起施行。\n"
             "文件名称\n制定机关\n文号\n某市人民政府关于加强集贸市场管理的通知\n某市人民政府\n某府发〔2012〕8号")
    assert r.doc_number is None


# --- 专栏 boxes and lists grouped under headings --------------------------------------------------------------------

_PLAN = """“十四五”应急体系规划
一、总体要求
（一）指导思想。坚持人民至上。
（二）主要目标。到2025年，应急管理体系基本健全。
专栏1　主要指标
序号
指标
1
生产安全事故死亡人数
下降15%
二、防范化解重大风险
（一）注重风险源头防范管控。加强规划、设计、建设等环节风险评估。
（二）深化安全生产治本攻坚。严格安全准入。
专栏2　安全生产治本攻坚重点
1．危险化学品。化工园区本质安全整治提升。
2．矿山。煤与瓦斯突出等灾害治理。
3．消防。超高层建筑消防安全整治。
（三）加强自然灾害综合治理。改善城乡防灾基础条件。
三、实施重大工程项目
（一）管理创新能力提升工程。
1．应急救援指挥中心建设。建设国家应急指挥总部。
2．安全监管监察能力建设。推进监管执法装备配备。
（二）风险防控能力提升工程。
3．风险监测预警网络建设。完善监测站网。
4．城乡防灾基础设施建设。实施防洪提升工程。
5．安全生产预防工程建设。推进重点行业改造。
"""


def test_items_in_a_box_are_not_measures_and_a_list_numbered_on_across_group_headings_is():
    p = _one(_PLAN)
    assert [m.number for m in p.measures] == ["（一）", "（二）", "（一）", "（二）", "（三）", "1.", "2.", "3.", "4.", "5."]
    assert p.measures[5].section == "(一)管理创新能力提升工程。"
    assert "危险化学品" in p.measures[3].text  # the box stays in the text of the item it is printed in


def test_a_sub_list_starting_again_under_each_item_details_that_item():
    p = _one(
        "关于做好幼儿园招生工作的通知\n一、招生安排\n（一）招生对象。本区适龄儿童。\n（二）报名\n1.公办园报名。4月26日至28日。\n"
        "2.民办园报名。6月2日至4日。\n（三）派位\n1.电脑派位。5月22日进行。\n2.结果公布。5月23日公布。\n（四）资格审核。5月24日至27日。\n"
        "二、工作要求\n（五）加强组织。各园落实责任。\n（六）做好宣传。及时公布政策。"
    )
    assert [m.number for m in p.measures] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]


# --- repeals listed in annex tables ---------------------------------------------------------------------------------

_DECISION = "某市人民政府关于废止部分行政规范性文件的决定\n经清理，市人民政府决定：\n一、对3件行政规范性文件予以废止（见附件1）。\n二、对已经被废止的1件文件，一并予以公布（见附件2）。\n三、本决定自公布之日起施行。\n"


def test_a_table_printed_one_cell_a_line_gives_each_rows_title_and_number_and_no_reason():
    annex = (
        "附件1\n决定废止的行政规范性文件目录（3件）\n序号\n文件名称\n文号\n废止理由\n"
        "1\n某市人民政府关于印发《某市道路管理办法》的通知\n某府发〔2010〕3号\n与《中华人民共和国道路交通安全法》不一致\n"
        "2\n某市人民政府关于加强集贸市场管理的通知\n某府发〔2012〕8号\n已不适应当前工作需要\n"
        "3\n某市人民政府办公厅关于推进2015年春耕生产的意见\n某府办发〔2015〕11号\n阶段性工作已完成\n"
        "附件2\n已被废止的文件目录（1件）\n序号\n文件名称\n文号\n说明\n"
        "1\n某市人民政府关于建立联席会议制度的通知\n某府发〔2009〕21号\n该文件已被《某市人民政府关于清理议事协调机构的通知》（某府发〔2018〕5号）废止\n"
    )
    p = _one(_DECISION + annex)
    assert [(r.doc_number, r.title) for r in p.supersedes] == [
        ("某府发〔2010〕3号", "某市人民政府关于印发《某市道路管理办法》的通知"),
        ("某府发〔2012〕8号", "某市人民政府关于加强集贸市场管理的通知"),
        ("某府办发〔2015〕11号", "某市人民政府办公厅关于推进2015年春耕生产的意见"),
    ]


def test_a_table_whose_cells_ran_together_is_read_the_same_and_its_reasons_repeal_nothing():
    annex = (
        "附件1\n决定废止的文件目录（2件）\n"
        "序号　文件名称　发文日期及文号　废止理由　　1　某市人民检察院关于对“公捕”问题的意见　1983年7月12日\n\n"
        "某检发〔1983〕26号　免予起诉制度已被1996年《中华人民共和国刑事诉讼法》废止。　　2　某市人民检察院关于印发《某市人民检察院办案工作规定》的通知　1992年1月7日\n\n"
        "某检发〔1992〕2号　与刑事诉讼法不一致。\n"
    )
    p = _one(_DECISION.replace("3件", "2件") + annex)
    assert [(r.doc_number, r.title) for r in p.supersedes] == [
        ("某检发〔1983〕26号", "某市人民检察院关于对“公捕”问题的意见"),
        ("某检发〔1992〕2号", "某市人民检察院关于印发《某市人民检察院办案工作规定》的通知"),
    ]


def test_an_annex_list_no_repeal_sentence_points_to_is_not_a_repeal_list():
    text = (
        "某市人民政府关于公布继续有效的行政规范性文件目录的通知\n一、经清理，下列文件继续有效（见附件）。\n二、各单位遵照执行。\n"
        "附件\n继续有效的行政规范性文件目录\n序号\n文件名称\n文号\n1\n某市人民政府关于加强安全生产工作的通知\n某府发〔2019〕2号\n"
    )
    assert _one(text).supersedes == []


# --- the scorer reads 《》 inside a title as one title ------------------------------------------------------------


def _corpus_eval():
    path = Path(__file__).resolve().parents[2] / "bench" / "corpus_eval.py"
    spec = importlib.util.spec_from_file_location("corpus_eval_for_test", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_scorer_splits_number_and_title_only_when_a_number_comes_first():
    ev = _corpus_eval()
    assert ev._repeal_found("上海市实施《中华人民共和国气象法》办法", [(None, "上海市实施〈中华人民共和国气象法〉办法")])
    assert not ev._repeal_found("上海市实施《中华人民共和国气象法》办法", [(None, "中华人民共和国气象法")])
    assert ev._repeal_found("沪科规〔2022〕6号《上海市重点实验室建设与运行管理办法》", [("沪科规〔2022〕6号", None)])
    assert ev._repeal_found("公安部令第102号《机动车登记规定》", [(None, "机动车登记规定")])


def test_one_sentence_pointing_to_two_annexes_reads_the_repeal_list_and_not_the_list_of_amended_documents():
    text = (
        "某省人民政府关于修改和废止部分省政府规章的决定\n一、决定废止2件、修改1件省政府规章（见附件1、2）。\n二、本决定自公布之日起施行。\n"
        "附件1\n废止的省政府规章目录\n序号\n规章名称\n公布文号\n"
        "某省人民政府关于修改《某省林地管理办法》的决定\n某省人民政府令第31号\n某省气象灾害防御办法\n某省人民政府令第45号\n"
        "附件2\n修改的省政府规章目录\n序号\n规章名称\n公布文号\n某省水资源管理办法\n某省人民政府令第50号\n"
    )
    p = _one(text)
    assert [(r.doc_number, r.title) for r in p.supersedes] == [
        ("某省人民政府令第31号", "某省人民政府关于修改《某省林地管理办法》的决定"),
        ("某省人民政府令第45号", "某省气象灾害防御办法"),
    ]


def test_a_box_inside_a_numbered_list_ends_where_the_plans_own_list_goes_on():
    p = _one(
        "某市数字经济发展规划\n一、重点任务\n（一）夯实基础设施。\n1．建设千兆光网。推进光纤到户。\n2．布局算力中心。建设智算集群。\n"
        "专栏1　新型基础设施重点工程\n1．千兆城市工程。\n2．算力枢纽工程。\n3．工业互联网标识解析工程。\n"
        "3．推进物联网部署。建设感知网络。\n（二）培育数据要素市场。\n4．建设数据交易所。完善交易规则。\n5．推进公共数据开放。扩大开放范围。"
    )
    assert [m.number for m in p.measures] == ["1.", "2.", "3.", "4.", "5."]


def test_an_unquoted_front_matter_title_over_indented_lines_and_chinese_keys_are_read():
    plain = _one("---\ntitle: 最高人民检察院关于废止\n  《关于办理减刑假释案件的规定》的决定\nstatus: 现行有效\n---\n\n经检察委员会决定，对《关于办理减刑假释案件的规定》予以废止。")
    assert plain.title == "最高人民检察院关于废止《关于办理减刑假释案件的规定》的决定"
    chinese = _one("---\n标题：某市养犬管理规定\n发文机关：某市人民政府\n---\n\n第一条 为了加强养犬管理，制定本规定。\n第二条 本规定自2024年1月1日起施行。")
    assert (chinese.title, chinese.issuer) == ("某市养犬管理规定", "某市人民政府")


def test_an_annex_that_is_the_policy_itself_keeps_its_repeal_sentence():
    text = (
        "某市人民政府办公厅关于印发《某市公共租赁住房管理办法》的通知\n各区人民政府：\n现将《某市公共租赁住房管理办法》印发给你们，请认真贯彻执行。\n"
        "附件：某市公共租赁住房管理办法清单式目录\n某市公共租赁住房管理办法\n第一条 为了规范公共租赁住房管理，制定本办法。\n"
        "第二条 本办法自2024年1月1日起施行，原《某市公共租赁住房管理暂行办法》（某府办〔2015〕3号）同时废止。"
    )
    assert [(r.doc_number, r.title) for p in extract_policies(text).policies for r in p.supersedes] == [
        ("某府办〔2015〕3号", "某市公共租赁住房管理暂行办法")
    ]


def test_a_markdown_table_in_the_annex_is_read_row_by_row():
    annex = (
        "附件1\n决定废止的行政规范性文件目录\n| 序号 | 文件名称 | 文号 | 废止理由 |\n| --- | --- | --- | --- |\n"
        "| 1 | 某市人民政府关于加强集贸市场管理的通知 | 某府发〔2012〕8号 | 与《中华人民共和国行政许可法》不一致 |\n"
        "| 2 | 某市道路管理办法 | 某府令第15号 | 已被新办法替代 |\n"
    )
    p = _one(_DECISION.replace("3件", "2件") + annex)
    assert [(r.doc_number, r.title) for r in p.supersedes] == [
        ("某府发〔2012〕8号", "某市人民政府关于加强集贸市场管理的通知"),
        ("某府令第15号", "某市道路管理办法"),
    ]


def test_a_number_under_the_issuer_that_the_text_cites_for_another_document_is_not_taken():
    p = _one("某市人民政府关于废止一件规章的决定\n一、《某市道路管理办法》（某府令第15号）予以废止。\n二、本决定自公布之日起施行。\n某市人民政府\n\n某府令第15号")
    assert p.doc_number is None
