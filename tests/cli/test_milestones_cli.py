"""Milestones end to end: extracted from a document, stored with their measure and agencies, listed by
`upcoming --kind milestone`, printed by `show`, exported and imported with their kind, put in digests and
closed by a check."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from tests.ingest_docs import write
from tracker.store.schema.policies import Target

PLAN = """关于印发《上海市测试企业服务平台建设方案》的通知
沪府规〔2024〕21号
一、建设统一平台（责任单位：市大数据中心）
2024年6月底前建成全市统一的企业服务平台。
二、扩大覆盖（责任单位：市经济信息化委）
到2025年，接入企业10万家。年底前完成首批企业接入。
本方案自2024年3月1日起施行，有效期至2026年2月28日。
上海市人民政府
2024年2月20日
"""


def _ingest(run_cli, tmp_path):
    result = run_cli("ingest", str(write(tmp_path, "plan.txt", PLAN)))
    assert result.exit_code == 0, result.output
    return result


def test_ingest_reports_targets_and_milestones_and_stores_milestones_with_their_measure(run_cli, tmp_path):
    result = _ingest(run_cli, tmp_path)
    assert "1 targets, 2 milestones" in result.output
    doc = json.loads(run_cli("export", "--as-of", "2024-03-01").stdout)
    (policy,) = doc["policies"]
    got = sorted((t["kind"], t["measure"], t["due_on"], t["due_source"], t["quantity"]) for t in policy["targets"])
    assert got == [
        ("milestone", "一、", "2024-06-30", "stated", None),
        ("milestone", "二、", "2024-12-31", "inferred", None),  # 年底前: the issue year's end
        ("target", "二、", "2025-12-31", "stated", 100000),
    ]


def test_upcoming_lists_milestones_under_their_own_kind_with_their_agencies(run_cli, tmp_path):
    _ingest(run_cli, tmp_path)
    listed = run_cli("upcoming", "--as-of", "2024-03-01", "--within", "1y", "--kind", "milestone", "--format", "json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [(r["date"], r["kind"], r["measure"], r["agencies"]) for r in rows] == [
        ("2024-06-30", "milestone", "一、", ["市大数据中心"]),
        ("2024-12-31", "milestone", "二、", ["市经济信息化委"]),
    ]
    targets_only = run_cli("upcoming", "--as-of", "2024-03-01", "--within", "2y", "--kind", "target", "--format", "json")
    assert [r["kind"] for r in json.loads(targets_only.stdout)] == ["target"]


def test_show_prints_milestones_apart_with_the_sentence_and_marks_inferred_dates(run_cli, tmp_path):
    _ingest(run_cli, tmp_path)
    shown = run_cli("show", "沪府规〔2024〕21号", "--as-of", "2024-03-01")
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    assert "Targets (1)" in text and "Milestones (2)" in text
    assert "2024年6月底前建成全市统一的企业服务平台。 — due 2024-06-30, next check 2024-03-31" in text
    assert "年底前完成首批企业接入。 — due 2024-12-31 (inferred)" in text


def test_a_milestone_survives_export_and_import_with_its_kind(run_cli, tmp_path):
    _ingest(run_cli, tmp_path)
    exported = run_cli("export", "--as-of", "2024-03-01")
    path = write(tmp_path, "backup.json", exported.stdout)
    assert run_cli("import", str(path)).exit_code == 0
    again = run_cli("export", "--as-of", "2024-03-01")
    assert again.stdout == exported.stdout


def test_import_refuses_a_milestone_with_a_quantity_and_stores_nothing(run_cli, tmp_path):
    _ingest(run_cli, tmp_path)
    doc = json.loads(run_cli("export", "--as-of", "2024-03-01").stdout)
    doc["policies"][0]["targets"][0]["kind"] = "milestone"
    doc["policies"][0]["targets"][0]["quantity"] = 5
    doc["policies"][0]["title"] = "改过的标题"
    path = write(tmp_path, "bad.json", json.dumps(doc, ensure_ascii=False))
    result = run_cli("import", str(path))
    assert result.exit_code == 4
    assert "targets[0].quantity" in result.output and "milestone" in result.output
    assert "Traceback" not in result.output
    assert "改过的标题" not in run_cli("export", "--as-of", "2024-03-01").stdout


def test_a_milestone_is_in_the_digest_and_a_met_check_closes_it(run_cli, tmp_path, app):
    _ingest(run_cli, tmp_path)
    assert run_cli("subscribers", "add", "a@example.org", "--language", "en").exit_code == 0
    preview = run_cli("digest", "preview", "a@example.org", "--as-of", "2024-06-10", "--format", "text")
    assert preview.exit_code == 0, preview.output
    assert "2024年6月底前建成全市统一的企业服务平台" in preview.stdout and "Milestone" in preview.stdout
    with app.uow() as uow:
        milestone_id = uow.session.scalar(select(Target.id).where(Target.due_on == date(2024, 6, 30)))
    met = run_cli("checks", "record", str(milestone_id), "--status", "met", "--on", "2024-06-20")
    assert met.exit_code == 0, met.output
    listed = run_cli("upcoming", "--as-of", "2024-06-21", "--within", "30d", "--kind", "milestone", "--format", "csv")
    assert "2024-06-30" not in listed.stdout


def test_a_subscription_to_milestones_hears_milestones_only_and_one_to_targets_hears_both(run_cli, tmp_path):
    _ingest(run_cli, tmp_path)
    for address, kind in (("m@example.org", "milestone"), ("t@example.org", "target"), ("e@example.org", "expiry")):
        assert run_cli("subscribers", "add", address, "--kind", kind, "--language", "zh").exit_code == 0
    # 2024-06-10: the 6月底 milestone is 20 days off (its 30-day notice fired) and so is nothing else.
    seen = {a: run_cli("digest", "preview", a, "--as-of", "2024-06-10", "--format", "text").stdout
            for a in ("m@example.org", "t@example.org", "e@example.org")}
    assert "2024年6月底前建成全市统一的企业服务平台" in seen["m@example.org"]
    assert "2024年6月底前建成全市统一的企业服务平台" in seen["t@example.org"]
    assert "2024年6月底前建成全市统一的企业服务平台" not in seen["e@example.org"]
    # 2025-10-10: the quantity target (到2025年，接入企业10万家) falls due within 90 days: not a milestone.
    late = {a: run_cli("digest", "preview", a, "--as-of", "2025-10-10", "--format", "text").stdout
            for a in ("m@example.org", "t@example.org")}
    assert "接入企业10万家" in late["t@example.org"] and "接入企业10万家" not in late["m@example.org"]
    assert run_cli("subscribers", "add", "x@example.org", "--kind", "milestones").exit_code == 4
