"""A plan's period (行动方案（2026—2030年）) from ingest to export, `show`, `policies`, `upcoming` and calendars.

It is kept beside the validity window, never as the window: the status is computed from the window alone.
"""

import csv
import io
import json

import pytest

PLAN_TITLE = "上海市加快培育未来产业行动方案（2026—2030年）"


def plan_notice(extra: str = "") -> str:
    return (
        "上海市人民政府办公厅关于印发《上海市加快培育未来产业行动方案（2026—2030年）》的通知\n"
        "沪府办发〔2026〕3号\n"
        "各区人民政府，市政府各委、办、局：\n"
        "经市政府同意，现将《上海市加快培育未来产业行动方案（2026—2030年）》印发给你们，请认真按照执行。\n"
        "上海市人民政府办公厅\n"
        "2026年1月20日\n"
        f"{PLAN_TITLE}\n"
        "一、发展目标。到2030年，培育未来产业企业100家。（责任单位：市经济信息化委）\n"
        "二、重点任务。建设一批创新平台。（责任单位：市科委）\n"
        + extra
    )


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _export(run_cli) -> dict:
    return json.loads(run_cli("export", "--as-of", "2027-01-01").stdout)


def _document(**plan) -> dict:
    return {"format": "tracker/1", "policies": [
        {"ref": "plan-a", "title": PLAN_TITLE, "doc_number": "沪府办发〔2026〕3号", **plan,
         "measures": [{"number": "一、", "ordinal": 1, "agencies": [{"name": "市经济信息化委", "role": "lead"}]}]},
        {"ref": "rule-b", "title": "乙办法", "effective_from": "2026-01-01", "effective_to": "2030-12-31",
         "window_source": "stated", "plan_from": "2026-01-01", "plan_to": "2030-12-31",
         "plan_basis": "本办法规划期为2026—2030年。"},
    ]}


def _import(run_cli, tmp_path, doc: dict):
    path = _write(tmp_path, "in.json", json.dumps(doc, ensure_ascii=False))
    return run_cli("import", str(path)), path


PLAN = {"plan_from": "2026-01-01", "plan_to": "2030-12-31", "plan_basis": PLAN_TITLE}


def test_dry_run_json_shows_the_plan_period_and_no_window(run_cli, tmp_path):
    result = run_cli("ingest", "--dry-run", "--format", "json", str(_write(tmp_path, "plan.txt", plan_notice())))
    assert result.exit_code == 0, result.output
    (policy,) = json.loads(result.stdout)["policies"]
    assert (policy["title"], policy["effective_from"], policy["effective_to"], policy["window_source"]) == (
        PLAN_TITLE, None, None, None)
    assert (policy["plan_from"], policy["plan_to"], policy["plan_basis"]) == ("2026-01-01", "2030-12-31", PLAN_TITLE)


def test_ingest_stores_the_plan_period_and_the_status_stays_unknown(run_cli, tmp_path):
    assert run_cli("ingest", str(_write(tmp_path, "plan.txt", plan_notice()))).exit_code == 0
    (policy,) = _export(run_cli)["policies"]
    assert (policy["plan_from"], policy["plan_to"], policy["status"]) == ("2026-01-01", "2030-12-31", "unknown")
    listed = run_cli("policies", "--as-of", "2027-01-01").stdout.splitlines()
    assert listed[0].split()[-3:] == ["plan", "period", "title"]
    assert "unknown" in listed[1] and "2026-2030" in listed[1]
    rows = list(csv.DictReader(io.StringIO(run_cli("policies", "--as-of", "2027-01-01", "--format", "csv").stdout)))
    assert (rows[0]["status"], rows[0]["effective_to"], rows[0]["plan_from"], rows[0]["plan_to"]) == (
        "unknown", "", "2026-01-01", "2030-12-31")


def test_show_prints_the_plan_period_and_where_it_was_read(run_cli, tmp_path):
    result, _ = _import(run_cli, tmp_path, _document(**PLAN))
    assert result.exit_code == 0, result.output
    for lang in ("zh", "en"):
        shown = run_cli("show", "plan-a", "--as-of", "2027-01-01", "--lang", lang).stdout
        assert "  window: not known; known: not recorded" in shown
        assert "  plan period: 2026-01-01 to 2030-12-31 (from the title)" in shown
        assert "status on 2027-01-01: unknown" in shown
    other = run_cli("show", "rule-b", "--as-of", "2027-01-01").stdout.splitlines()
    at = other.index("  plan period: 2026-01-01 to 2030-12-31 (from the text)")
    assert other[at + 1] == "    from: 本办法规划期为2026—2030年。"
    as_json = json.loads(run_cli("show", "plan-a", "--format", "json").stdout)
    assert (as_json["plan_from"], as_json["plan_to"], as_json["effective_to"]) == ("2026-01-01", "2030-12-31", None)


def test_export_and_import_round_trip_the_plan_fields(run_cli, tmp_path):
    assert _import(run_cli, tmp_path, _document(**PLAN))[0].exit_code == 0
    first = run_cli("export", "--as-of", "2027-01-01").stdout
    policies = {p["ref"]: p for p in json.loads(first)["policies"]}
    assert {k: policies["plan-a"][k] for k in PLAN} == PLAN
    assert policies["rule-b"]["plan_basis"] == "本办法规划期为2026—2030年。"
    path = _write(tmp_path, "backup.json", first)
    again = tmp_path / "again.db"
    assert run_cli("init", "--db", f"sqlite:///{again}").exit_code == 0
    assert run_cli("import", str(path), "--db", f"sqlite:///{again}").exit_code == 0
    assert run_cli("export", "--as-of", "2027-01-01", "--db", f"sqlite:///{again}").stdout == first


def test_a_file_without_plan_keys_imports_as_before(run_cli, tmp_path):
    doc = _document()
    del doc["policies"][1]["plan_from"], doc["policies"][1]["plan_to"], doc["policies"][1]["plan_basis"]
    assert _import(run_cli, tmp_path, doc)[0].exit_code == 0
    policies = _export(run_cli)["policies"]
    assert [(p["plan_from"], p["plan_to"], p["plan_basis"]) for p in policies] == [(None, None, None)] * 2


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ({"plan_from": "2030-01-01", "plan_to": "2026-12-31"}, "policies[0].plan_to: 2026-12-31 is before plan_from 2030-01-01"),
        ({"plan_from": "2026-13-01"}, "policies[0].plan_from: '2026-13-01' is not a valid date"),
        ({"plan_to": 2030}, "policies[0].plan_to: expected a string"),
        ({"plan_basis": ["title"]}, "policies[0].plan_basis: expected a string"),
    ],
)
def test_a_bad_plan_field_is_refused_naming_it_and_stores_nothing(run_cli, tmp_path, plan, message):
    result, path = _import(run_cli, tmp_path, _document(**plan))
    assert result.exit_code == 4
    assert message in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.output
    assert _export(run_cli)["policies"] == []


def test_a_plan_period_set_by_hand_is_pinned_against_re_ingest(run_cli, tmp_path):
    assert run_cli("ingest", str(_write(tmp_path, "v1.txt", plan_notice()))).exit_code == 0
    refused = run_cli("set", "沪府办发〔2026〕3号", "--plan-to", "2025-12-31", "--reason", "typo")
    assert refused.exit_code == 4 and "--plan-to 2025-12-31 is before plan_from 2026-01-01" in refused.stderr
    result = run_cli("set", "沪府办发〔2026〕3号", "--plan-to", "2032-12-31", "--reason", "extended to 2032 by letter")
    assert result.exit_code == 0, result.output
    # A changed copy of the same notice (another file) merges into the policy: the hand-set end stays.
    changed = plan_notice("三、保障措施。加强组织领导。（责任单位：市发展改革委）\n")
    assert run_cli("ingest", str(_write(tmp_path, "v2.txt", changed))).exit_code == 0
    (policy,) = _export(run_cli)["policies"]
    assert (policy["plan_from"], policy["plan_to"], policy["plan_basis"]) == ("2026-01-01", "2032-12-31", "manual")
    assert len(policy["measures"]) == 3  # the re-ingest did merge
    shown = run_cli("show", "沪府办发〔2026〕3号", "--as-of", "2027-01-01").stdout
    assert "plan period: 2026-01-01 to 2032-12-31 (set by hand)" in shown
    assert "plan_to: 2030-12-31 → 2032-12-31 — extended to 2032 by letter [manual]" in shown


def test_upcoming_lists_a_plan_periods_end_as_its_own_kind(run_cli, tmp_path):
    assert _import(run_cli, tmp_path, _document(**PLAN))[0].exit_code == 0
    table = run_cli("upcoming", "--as-of", "2030-10-01", "--within", "6m").stdout.splitlines()
    # rule-b's window ends the same day as its plan: its expiry says it; plan-a's plan ends with no window.
    assert [(line.split()[0], line.split()[2]) for line in table[1:]] == [("2030-12-31", "expiry"), ("2030-12-31", "plan")]
    assert "上海市加快培育未来产业行动方案" in table[2] and "规划期结束" in table[2] and "市经济信息化委" in table[2]
    rows = json.loads(run_cli("upcoming", "--as-of", "2030-10-01", "--within", "6m", "--kind", "plan",
                              "--format", "json", "--lang", "en").stdout)
    assert [(r["kind"], r["ref"], r["days_left"], r["what"]) for r in rows] == [
        ("plan", "plan-a", 91, "plan period ends"),
        ("plan", "rule-b", 91, "plan period ends"),  # asked for plans alone, its plan's end is listed
    ]
    csv_rows = list(csv.DictReader(io.StringIO(
        run_cli("upcoming", "--as-of", "2030-10-01", "--within", "6m", "--kind", "plan", "--format", "csv").stdout)))
    assert [(r["kind"], r["ref"], r["what"]) for r in csv_rows] == [("plan", "plan-a", "规划期结束"), ("plan", "rule-b", "规划期结束")]
    assert run_cli("upcoming", "--as-of", "2030-10-01", "--within", "6m", "--kind", "expiry", "--format", "json",
                   ).stdout.count('"kind": "plan"') == 0
    assert run_cli("upcoming", "--as-of", "2030-10-01", "--within", "30d").stdout.strip() == "nothing due"
    # The policy's status does not follow the plan: after the plan's end it is still of unknown status.
    listed = run_cli("policies", "--as-of", "2031-06-01", "--format", "json").stdout
    assert {p["ref"]: p["status"] for p in json.loads(listed)} == {"plan-a": "unknown", "rule-b": "expired"}


def test_a_calendar_shows_a_plan_periods_end_in_chinese_and_english(run_cli, tmp_path):
    assert _import(run_cli, tmp_path, _document(**PLAN))[0].exit_code == 0
    zh = run_cli("upcoming", "--as-of", "2030-10-01", "--within", "6m", "--kind", "plan", "--format", "ics").stdout
    en = run_cli("upcoming", "--as-of", "2030-10-01", "--within", "6m", "--kind", "plan", "--format", "ics",
                 "--lang", "en").stdout
    assert zh.count("BEGIN:VEVENT") == en.count("BEGIN:VEVENT") == 2
    unfolded_zh, unfolded_en = (text.replace("\r\n ", "").replace("\n ", "") for text in (zh, en))
    assert f"SUMMARY:规划期结束：{PLAN_TITLE} (沪府办发〔2026〕3号)" in unfolded_zh
    assert "SUMMARY:Plan period ends: " in unfolded_en
    assert "CATEGORIES:plan" in zh and "UID:plan-" in zh
    assert f"依据：{PLAN_TITLE}" in unfolded_zh  # the words the period was read from
    assert "TRIGGER:-P179DT15H" in zh  # alarms as for an expiry: 180 days before, at 09:00


def test_a_window_stored_from_the_title_becomes_the_plan_period_when_the_notice_is_read_again(run_cli, tmp_path):
    # As extraction stored it before plan periods were kept apart: the title's period as an inferred window.
    old = {"format": "tracker/1", "policies": [
        {"ref": "沪府办发〔2026〕3号", "title": PLAN_TITLE, "doc_number": "沪府办发〔2026〕3号",
         "effective_from": "2026-01-01", "effective_to": "2030-12-31", "window_source": "inferred",
         "window_basis": PLAN_TITLE}]}
    assert _import(run_cli, tmp_path, old)[0].exit_code == 0
    assert run_cli("ingest", str(_write(tmp_path, "plan.txt", plan_notice()))).exit_code == 0
    (policy,) = _export(run_cli)["policies"]
    assert (policy["effective_from"], policy["effective_to"], policy["window_source"], policy["status"]) == (
        None, None, None, "unknown")
    assert (policy["plan_from"], policy["plan_to"], policy["plan_basis"]) == ("2026-01-01", "2030-12-31", PLAN_TITLE)
    assert [(h["field"], h["old"], h["new"]) for h in policy["history"]] == [
        ("effective_from", "2026-01-01", None), ("effective_to", "2030-12-31", None)]


def test_an_inferred_window_corrected_by_hand_is_kept_when_the_notice_is_read_again(run_cli, tmp_path):
    old = {"format": "tracker/1", "policies": [
        {"ref": "沪府办发〔2026〕3号", "title": PLAN_TITLE, "doc_number": "沪府办发〔2026〕3号",
         "effective_from": "2026-01-01", "effective_to": "2030-12-31", "window_source": "inferred"}]}
    assert _import(run_cli, tmp_path, old)[0].exit_code == 0
    assert run_cli("set", "沪府办发〔2026〕3号", "--effective-to", "2030-12-31", "--reason", "checked").exit_code == 0
    assert run_cli("ingest", str(_write(tmp_path, "plan.txt", plan_notice()))).exit_code == 0
    (policy,) = _export(run_cli)["policies"]
    # Confirmed by hand (the same day, so pinned but still marked inferred): the window is the person's to remove.
    assert (policy["effective_from"], policy["effective_to"], policy["window_source"]) == ("2026-01-01", "2030-12-31", "inferred")
    assert policy["plan_to"] == "2030-12-31"


def test_the_policy_page_shows_the_plan_period_apart_from_the_window(run_cli, tmp_path, app):
    from datetime import date

    from tracker.web.pages import Links, policy_page

    assert _import(run_cli, tmp_path, _document(**PLAN))[0].exit_code == 0
    with app.engine.connect() as conn:
        zh = policy_page(conn, "plan-a", date(2027, 1, 1), language="zh", links=Links(policy=None)).html
        en = policy_page(conn, "rule-b", date(2027, 1, 1), language="en", links=Links(policy=None)).html
    assert '<h2>规划期</h2>\n<p id="plan">2026-01-01 – 2030-12-31 · 见标题 · <span class="muted">规划期不是有效期</span></p>' in zh
    assert "<blockquote>" not in zh.split('<p id="plan">')[1].split("<h2>")[0]  # the title is not quoted again
    assert '<p id="plan">2026-01-01 – 2030-12-31 · stated in the text' in en
    assert "<blockquote>本办法规划期为2026—2030年。</blockquote>" in en
