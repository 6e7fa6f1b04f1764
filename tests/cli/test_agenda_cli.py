"""`tracker upcoming`, `policies` and `show` through the CLI, on a real database."""

import csv
import io
import json
from datetime import date

import pytest

from tests import agenda_factories as f


@pytest.fixture
def seeded(app):
    with app.uow() as uow:
        s = uow.session
        hz = f.agency(s, "上海市住房和城乡建设管理委员会", "市住房城乡建设管理委")
        fg = f.agency(s, "上海市发展和改革委员会", "市发展改革委")
        p = f.policy(
            s, ref="沪府办规〔2023〕27号", doc_number="沪府办规〔2023〕27号", title="关于加快发展保障性租赁住房的实施意见",
            effective_from=date(2024, 1, 1), effective_to=date(2028, 12, 31), window_basis="有效期至2028年12月31日",
        )
        m1 = f.measure(s, p, "（一）", (hz, "lead"), fg, title="总体目标")
        m2 = f.measure(s, p, "（二）", fg)
        t = f.target(s, p, "新增5万套", date(2025, 12, 31), measure=m1, next_check_on=date(2025, 3, 31))
        f.check(s, t, date(2024, 12, 31), "on_track", value=30000, note="按计划")
        f.target(s, p, "完成规划", date(2024, 6, 30), measure=m2)
        f.policy(s, ref="slug-old", title="旧政策", effective_to=date(2025, 2, 1), state="superseded")
        f.policy(s, ref="slug-short", title="短期政策", effective_from=date(2025, 1, 1), effective_to=date(2025, 2, 28))
        uow.commit()
    return app


def test_upcoming_prints_a_plain_table_sorted_by_date(run_cli, seeded):
    result = run_cli("upcoming", "--as-of", "2025-01-01", "--within", "1y")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["date", "days", "left", "kind", "policy", "measure", "what", "falls", "due", "agencies"]
    assert [line.split()[0] for line in lines[1:]] == ["2024-06-30", "2025-02-28", "2025-03-31", "2025-12-31"]
    assert "-185" in lines[1] and "overdue" in lines[1]
    assert "短期政策" in lines[2] and "(slug-short)" not in lines[2]  # no number: the title alone
    assert "上海市住房和城乡建设管理委员会" in lines[3]


def test_upcoming_json_has_one_object_per_entry_with_days_left_and_agencies(run_cli, seeded):
    result = run_cli("upcoming", "--as-of", "2025-01-01", "--within", "2025-12-31", "--format", "json")
    rows = json.loads(result.output)
    assert [(r["date"], r["days_left"], r["kind"], r["overdue"]) for r in rows] == [
        ("2024-06-30", -185, "target", True),
        ("2025-02-28", 58, "expiry", False),
        ("2025-03-31", 89, "check", False),
        ("2025-12-31", 364, "target", False),
    ]
    assert rows[3]["agencies"] == ["上海市住房和城乡建设管理委员会", "上海市发展和改革委员会"]
    assert rows[3]["ref"] == "沪府办规〔2023〕27号" and rows[3]["subject"] == "新增5万套"


def test_upcoming_csv_has_a_header_and_the_same_rows(run_cli, seeded):
    result = run_cli("upcoming", "--as-of", "2025-01-01", "--within", "1y", "--format", "csv", "--no-overdue")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["date"], r["kind"]) for r in rows] == [("2025-02-28", "expiry"), ("2025-03-31", "check"), ("2025-12-31", "target")]


def test_kind_is_repeatable_and_agency_aliases_match(run_cli, seeded):
    result = run_cli(
        "upcoming", "--as-of", "2025-01-01", "--within", "1y", "--kind", "target", "--kind", "check",
        "--agency", "市住房城乡建设管理委", "--format", "json",
    )
    assert [(r["date"], r["kind"]) for r in json.loads(result.output)] == [("2025-03-31", "check"), ("2025-12-31", "target")]


def test_policy_option_narrows_to_one_policy(run_cli, seeded):
    result = run_cli("upcoming", "--as-of", "2025-01-01", "--within", "1y", "--policy", "slug-short", "--format", "json")
    assert [r["ref"] for r in json.loads(result.output)] == ["slug-short"]


def test_an_empty_window_says_nothing_due_and_succeeds(run_cli, seeded):
    result = run_cli("upcoming", "--as-of", "2026-01-01", "--within", "30d", "--no-overdue")
    assert result.exit_code == 0
    assert result.output.strip() == "nothing due"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["upcoming", "--within", "soon"], "--within: 'soon' is not a window"),
        (["upcoming", "--as-of", "2025-13-01"], "--as-of: '2025-13-01' is not a valid date"),
        (["upcoming", "--policy", "沪府〔1999〕1号"], "no policy with reference '沪府〔1999〕1号'"),
        (["upcoming", "--agency", "市无此委"], "no agency named '市无此委'"),
        (["show", "nope"], "no policy with reference 'nope'"),
        (["policies", "--as-of", "yesterday"], "--as-of: 'yesterday' is not a date"),
    ],
)
def test_bad_input_is_one_clear_line_and_a_non_zero_exit(run_cli, seeded, args, expected):
    result = run_cli(*args)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {expected}")
    assert "Traceback" not in result.output


def test_policies_lists_refs_with_their_status_on_the_day(run_cli, seeded):
    result = run_cli("policies", "--as-of", "2025-01-01", "--format", "json")
    got = {r["ref"]: r["status"] for r in json.loads(result.output)}
    assert got == {"沪府办规〔2023〕27号": "in_force", "slug-old": "superseded", "slug-short": "expiring"}


def test_policies_filters_by_status_agency_and_text(run_cli, seeded):
    def refs(*args):
        return [r["ref"] for r in json.loads(run_cli("policies", "--as-of", "2025-03-01", "--format", "json", *args).output)]

    assert refs("--status", "expired") == ["slug-short"]
    assert refs("--status", "expired", "--status", "superseded") == ["slug-old", "slug-short"]
    assert refs("--agency", "市发展改革委") == ["沪府办规〔2023〕27号"]
    assert refs("--text", "旧") == ["slug-old"]
    assert refs("--status", "expiring", "--expiring-within", "4y") == ["沪府办规〔2023〕27号"]


def test_show_prints_window_measures_agencies_targets_and_last_check(run_cli, seeded):
    result = run_cli("show", "沪府办规〔2023〕27号", "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2024-01-01 .. 2028-12-31 (last day inclusive); known: stated" in out
    assert "有效期至2028年12月31日" in out
    assert "（一） 总体目标 — 上海市住房和城乡建设管理委员会 (lead), 上海市发展和改革委员会" in out
    assert "last check 2024-12-31: on_track, value 30000 (按计划)" in out
    assert "status on 2025-01-01: in force" in out


def test_show_json_is_the_same_content(run_cli, seeded):
    doc = json.loads(run_cli("show", "slug-short", "--as-of", "2025-02-01", "--format", "json").output)
    assert (doc["ref"], doc["status"], doc["effective_to"]) == ("slug-short", "expiring", "2025-02-28")
    assert doc["measures"] == [] and doc["targets"] == []


def test_show_prints_each_section_heading_once_above_its_measures(run_cli, tmp_path):
    from tests.ingest_docs import write

    text = """关于印发《上海市分节测试方案》的通知
沪府规〔2024〕31号
一、总体要求
二、重点任务
（一）建设示范园区（责任单位：市经济信息化委）
到2025年，建设5个示范园区。
（二）培育龙头企业（责任单位：市商务委）
三、保障措施
（三）加强资金支持（责任单位：市财政局）
本方案自2024年3月1日起施行，有效期至2027年2月28日。
"""
    assert run_cli("ingest", str(write(tmp_path, "sections.txt", text))).exit_code == 0
    shown = run_cli("show", "沪府规〔2024〕31号").stdout.splitlines()
    measures = shown[shown.index(next(ln for ln in shown if ln.startswith("Measures"))):]
    headings = [ln.strip() for ln in measures if ln.startswith(" ") and not ln.startswith("  ")]
    assert headings == ["二、重点任务", "三、保障措施"]
    assert measures.index(" 三、保障措施") < next(i for i, ln in enumerate(measures) if "（三）" in ln)


@pytest.mark.parametrize("typed", [
    "沪府办规[2023]27号", "沪府办规（2023）27号", "沪府办规【2023】27号", " 沪府办规 〔2023〕 27 号 ", "关于加快发展保障性租赁住房的实施意见",
])
def test_a_policy_is_found_by_its_number_in_any_printed_form_or_its_title(run_cli, seeded, typed):
    result = run_cli("show", typed, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["ref"] == "沪府办规〔2023〕27号"


def test_a_short_ref_is_typed_in_any_case_and_a_shared_title_is_ambiguous(run_cli, app):
    with app.uow() as uow:
        f.policy(uow.session, ref="p-abc234", title="同名政策", effective_to=date(2025, 2, 1))
        f.policy(uow.session, ref="p-xyz567", title="同名政策", effective_to=date(2026, 2, 1))
        uow.commit()
    assert json.loads(run_cli("show", "P-ABC234", "--format", "json").output)["ref"] == "p-abc234"
    ambiguous = run_cli("show", "同名政策")
    assert ambiguous.exit_code == 3 and "several policies" in ambiguous.output


def test_ingested_policies_without_a_number_get_short_refs_that_survive_reingest(run_cli, app, tmp_path):
    doc = tmp_path / "notice.txt"
    doc.write_text("关于促进本区创业孵化载体发展的若干意见\n一、加强载体建设。\n二、完善服务体系。\n本意见自2024年1月1日起施行。\n", encoding="utf-8")
    assert run_cli("ingest", str(doc)).exit_code == 0
    (first,) = json.loads(run_cli("policies", "--format", "json").output)
    assert first["ref"].startswith("p-") and len(first["ref"]) == 8
    doc.write_text(doc.read_text(encoding="utf-8") + "（此件公开发布）\n", encoding="utf-8")  # another file, same policy
    assert run_cli("ingest", str(doc)).exit_code == 0
    (again,) = json.loads(run_cli("policies", "--format", "json").output)
    assert again["ref"] == first["ref"]
