"""What the ingest report says per policy, and the sentence each extracted fact came from (issue 10, item 7)."""

from datetime import date

from tracker.extract import extract_policies
from tracker.extract.agencies import agency_sources

PLAN = """安徽省推进快递进村三年行动方案
一、重点任务
（一）完善县级分拨中心。2025年底前，每个县建成1个县级快递分拨中心。（牵头单位：省邮政管理局；配合单位：省交通运输厅）
（二）推进村级站点建设。2025年13月底前实现建制村快递服务全覆盖。（责任单位：省邮政管理局、省商务厅）
（三）培育农村寄递品牌。2024年6月底前出台支持政策。（省商务厅牵头，省财政厅配合）
本方案自2024年3月1日起施行，有效期至2026年12月31日。
"""


def test_the_report_counts_measures_targets_and_milestones_per_policy():
    (p,) = extract_policies(PLAN).policies
    assert p.notes[0].startswith("found: window 2024-03-01..2026-12-31 (stated), 3 measures numbered （一）, 1 targets, 1 milestones")


def test_a_milestone_with_an_impossible_date_is_reported_and_skipped_and_the_rest_is_kept():
    ex = extract_policies(PLAN)
    (p,) = ex.policies
    assert not ex.problems  # the file is not refused for one unreadable deadline
    assert [(t.kind.value, t.due_on) for t in p.targets] == [("target", date(2025, 12, 31)), ("milestone", date(2024, 6, 30))]
    (skipped,) = [n for n in p.notes if n.startswith("skipped")]
    assert "line 4" in skipped and "2025年13月底前" in skipped


def test_an_impossible_date_in_the_validity_sentence_still_refuses_the_policy_window():
    ex = extract_policies(PLAN.replace("有效期至2026年12月31日", "有效期至2026年2月30日"))
    assert any("2026年2月30日" in pr.what for pr in ex.problems)


def test_each_date_quantity_and_agency_keeps_the_sentence_it_came_from():
    (p,) = extract_policies(PLAN).policies
    assert p.window_basis == "本方案自2024年3月1日起施行,有效期至2026年12月31日。"
    assert [t.text for t in p.targets] == ["2025年底前,每个县建成1个县级快递分拨中心。", "2024年6月底前出台支持政策。"]
    assert [agency_sources(m.text) for m in p.measures] == [
        ["(牵头单位:省邮政管理局;配合单位:省交通运输厅)"], ["(责任单位:省邮政管理局、省商务厅)"], ["(省商务厅牵头,省财政厅配合)"]]


def test_a_section_about_one_year_dates_what_it_counts_and_not_its_prose_tasks():
    text = """2026年某省政府工作报告
——2026年1月25日在某省第十四届人民代表大会第四次会议上
一、2025年工作回顾
过去一年，全省地区生产总值增长5.6%，城镇新增就业80万人。
二、2026年主要工作
今年是“十五五”开局之年。主要预期目标是：地区生产总值增长5%以上，城镇调查失业率控制在5.5%左右。
（一）扩大有效需求
开展消费提振行动。新建县域物流配送中心40个。
（二）建设美丽乡村
推进农村人居环境整治，做好第三次全国土地调查。
"""
    (p,) = extract_policies(text).policies
    got = sorted((t.kind.value, t.due_on.isoformat(), float(t.quantity)) for t in p.targets)
    assert got == [("target", "2026-12-31", 5.0), ("target", "2026-12-31", 5.5), ("target", "2026-12-31", 40.0)]
