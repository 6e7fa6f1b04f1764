"""`tracker ingest` of a notice carrying two policies, and `tracker show` citing where each fact was read."""

from __future__ import annotations

from tests.ingest_docs import write

TWO = """宁夏回族自治区人民政府办公厅关于印发《宁夏回族自治区冷链物流发展实施方案》和《宁夏回族自治区县域商业体系建设方案》的通知
宁政办发〔2024〕21号
各市、县（区）人民政府，自治区政府各部门：
现将《宁夏回族自治区冷链物流发展实施方案》和《宁夏回族自治区县域商业体系建设方案》印发给你们，请认真贯彻落实。
以上方案自2024年7月1日起施行，有效期至2027年6月30日。
宁夏回族自治区人民政府办公厅
2024年6月12日
宁夏回族自治区冷链物流发展实施方案
一、重点任务
（一）建设冷链集配中心。到2026年，建成冷链集配中心10个。（责任单位：自治区商务厅、自治区发展改革委）
（二）完善冷链标准。2025年底前制定冷链物流地方标准。（责任单位：自治区市场监管厅）
宁夏回族自治区县域商业体系建设方案
一、主要任务
（一）改造乡镇商贸中心。到2026年，改造乡镇商贸中心50个。（责任单位：自治区商务厅）
"""


def test_a_two_policy_notice_is_stored_as_two_policies_and_show_cites_the_agency_clause(run_cli, tmp_path):
    path = write(tmp_path, "notice.txt", TWO)
    result = run_cli("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert "2 policies" in result.output
    assert "2 measures numbered （一）, 1 targets, 1 milestones" in result.output
    assert "1 measures numbered （一）, 1 targets, 0 milestones" in result.output
    shown = run_cli("show", "宁夏回族自治区冷链物流发展实施方案", "--as-of", "2025-01-01")
    assert shown.exit_code == 0, shown.output
    assert "document number: 宁政办发〔2024〕21号" in shown.output
    assert "宁夏回族自治区冷链物流发展实施方案" in shown.output and "2024-07-01 .. 2027-06-30" in shown.output
    assert "    from: (责任单位:自治区商务厅、自治区发展改革委)" in shown.output
    other = run_cli("show", "宁夏回族自治区县域商业体系建设方案", "--as-of", "2025-01-01")
    assert other.exit_code == 0, other.output
    assert "2024-07-01 .. 2027-06-30" in other.output and "改造乡镇商贸中心" in other.output


def test_show_by_a_number_two_policies_of_one_notice_share_refuses_and_names_both(run_cli, tmp_path):
    from tracker.domain.refs import title_ref

    assert run_cli("ingest", str(write(tmp_path, "notice.txt", TWO))).exit_code == 0
    cold, county = title_ref("宁夏回族自治区冷链物流发展实施方案"), title_ref("宁夏回族自治区县域商业体系建设方案")
    for typed in ("宁政办发〔2024〕21号", "宁政办发[2024]21号"):
        refused = run_cli("show", typed)
        assert refused.exit_code == 3, refused.output  # as other ambiguous references
        assert "Traceback" not in refused.output
        assert f"2 policies carry document number '{typed}'" in refused.output
        assert f"{cold} 宁夏回族自治区冷链物流发展实施方案" in refused.output
        assert f"{county} 宁夏回族自治区县域商业体系建设方案" in refused.output
    listed = run_cli("policies")
    assert cold in listed.output and county in listed.output
    shown = run_cli("show", county, "--as-of", "2025-01-01")
    assert shown.exit_code == 0 and "改造乡镇商贸中心" in shown.output


def test_a_dry_run_in_json_gives_each_policy_of_the_notice_its_number(run_cli, tmp_path):
    import json

    result = run_cli("ingest", "--dry-run", "--format", "json", str(write(tmp_path, "notice.txt", TWO)))
    assert result.exit_code == 0, result.output
    policies = json.loads(result.stdout)["policies"]
    assert [(p["title"], p["doc_number"]) for p in policies] == [
        ("宁夏回族自治区冷链物流发展实施方案", "宁政办发〔2024〕21号"), ("宁夏回族自治区县域商业体系建设方案", "宁政办发〔2024〕21号")]
