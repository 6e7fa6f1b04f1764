"""`tracker upcoming --format ics` and `tracker export --format ics`, parsed back with the icalendar library."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from tests import agenda_factories as f


@pytest.fixture
def seeded(app):
    with app.uow() as uow:
        s = uow.session
        hz = f.agency(s, "上海市住房和城乡建设管理委员会", "市住房城乡建设管理委")
        fg = f.agency(s, "上海市发展和改革委员会", "市发展改革委")
        p = f.policy(
            s, ref="沪府办规〔2023〕27号", doc_number="沪府办规〔2023〕27号", title="关于加快发展保障性租赁住房的实施意见",
            title_en="Opinions on affordable rental housing",
            effective_from=date(2024, 1, 1), effective_to=date(2025, 12, 31), window_basis="本意见有效期至2025年12月31日。",
        )
        m1 = f.measure(s, p, "（一）", (hz, "lead"), fg, title="总体目标")
        m2 = f.measure(s, p, "（二）", fg)
        t = f.target(s, p, "新增5万套", date(2025, 12, 31), measure=m1, next_check_on=date(2025, 3, 31))
        f.check(s, t, date(2024, 12, 31), "on_track", value=30000)
        f.target(s, p, "完成规划", date(2024, 6, 30), measure=m2)
        f.policy(s, ref="slug-old", title="旧政策", effective_to=date(2025, 2, 1), state="superseded")
        short = f.policy(s, ref="slug-short", title="短期政策", effective_from=date(2025, 1, 1),
                         effective_to=date(2025, 2, 28))
        f.measure(s, short, "1.", fg)
        uow.commit()
    return app


def _events(text: str):
    return Calendar.from_ical(text.encode("utf-8")).walk("VEVENT")


def _ics(run_cli, *args):
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return result.output


def test_upcoming_ics_has_one_all_day_event_per_agenda_row(run_cli, seeded):
    common = ("upcoming", "--as-of", "2025-01-01", "--within", "1y")
    rows = json.loads(_ics(run_cli, *common, "--format", "json"))
    events = _events(_ics(run_cli, *common, "--format", "ics"))
    assert len(events) == len(rows) == 5
    assert [e.decoded("dtstart") for e in events] == [date.fromisoformat(r["date"]) for r in rows]
    for event in events:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is date and end == start + timedelta(days=1)  # all-day, DTEND exclusive
    assert [str(e["categories"].cats[0]) for e in events] == [r["kind"] for r in rows]


def test_events_carry_policy_number_measure_agencies_and_source_in_the_chosen_language(run_cli, seeded):
    zh = _events(_ics(run_cli, "upcoming", "--as-of", "2025-01-01", "--within", "1y", "--format", "ics"))
    target = next(e for e in zh if e.decoded("dtstart") == date(2025, 12, 31) and "新增5万套" in str(e["summary"]))
    text = str(target["description"])
    assert "政策：关于加快发展保障性租赁住房的实施意见" in text
    assert "文号：沪府办规〔2023〕27号" in text and "措施：（一）" in text
    assert "责任单位：上海市住房和城乡建设管理委员会、上海市发展和改革委员会" in text
    assert "依据：新增5万套" in text

    en = _events(_ics(run_cli, "upcoming", "--as-of", "2025-01-01", "--within", "1y", "--format", "ics", "--lang", "en"))
    expiry = next(e for e in en if str(e["categories"].cats[0]) == "expiry" and e.decoded("dtstart") == date(2025, 12, 31))
    assert str(expiry["summary"]).startswith("Expires: Opinions on affordable rental housing")
    assert "Source: 本意见有效期至2025年12月31日。" in str(expiry["description"])
    assert "Document number: 沪府办规〔2023〕27号" in str(expiry["description"])


def test_alarms_ring_on_the_notice_days(run_cli, seeded, monkeypatch):
    monkeypatch.setenv("TRACKER_EXPIRY_NOTICE_DAYS", "60,5")
    events = _events(_ics(run_cli, "upcoming", "--as-of", "2025-01-01", "--within", "1y", "--format", "ics"))
    by_kind = {str(e["categories"].cats[0]): e for e in events}
    triggers = sorted(a.decoded("trigger") for a in by_kind["expiry"].walk("VALARM"))
    assert triggers == [timedelta(days=-60, hours=9), timedelta(days=-5, hours=9)]
    assert len(by_kind["target"].walk("VALARM")) == 3  # default target notices: 90, 30, 7 days before
    assert len(by_kind["check"].walk("VALARM")) == 2  # 14 and 3 days before
    assert all(a["action"] == "DISPLAY" for e in events for a in e.walk("VALARM"))


def test_uids_are_stable_across_exports_and_a_moved_date_keeps_its_uid_and_raises_sequence(run_cli, seeded):
    export = ("export", "--format", "ics", "--as-of", "2025-01-01")
    first = _ics(run_cli, *export)
    assert _ics(run_cli, *export) == first  # same day, same data: the same bytes (what the feed's ETag relies on)
    before = {str(e["uid"]): e for e in _events(first)}
    assert len(before) == len(_events(first))  # every UID is distinct

    assert run_cli("set", "slug-short", "--effective-to", "2025-03-31", "--reason", "extended").exit_code == 0
    # The overdue 完成规划 moves into the future.
    (plan,) = [t for t in json.loads(run_cli("targets", "沪府办规〔2023〕27号", "--format", "json").output) if t["text"] == "完成规划"]
    assert run_cli("set-target", "沪府办规〔2023〕27号", "--target", str(plan["id"]), "--due-on", "2026-06-30",
                   "--reason", "moved").exit_code == 0
    after = {str(e["uid"]): e for e in _events(_ics(run_cli, *export))}
    assert set(before) <= set(after)
    # No longer overdue, the target gets progress checks again: one new event, a check.
    assert [str(after[uid]["categories"].cats[0]) for uid in set(after) - set(before)] == ["check"]
    moved = [uid for uid in before if after[uid].decoded("dtstart") != before[uid].decoded("dtstart")]
    assert sorted(after[uid].decoded("dtstart") for uid in moved) == [date(2025, 3, 31), date(2026, 6, 30)]
    for uid in moved:
        assert int(after[uid]["sequence"]) == int(before[uid]["sequence"]) + 1
    for uid in set(before) - set(moved):
        assert int(after[uid]["sequence"]) == int(before[uid]["sequence"])


def test_export_ics_narrows_to_an_agency_or_a_policy_and_writes_a_file(run_cli, seeded, tmp_path):
    out = tmp_path / "hz.ics"
    result = run_cli("export", "--format", "ics", "--as-of", "2025-01-01", "--agency", "市住房城乡建设管理委",
                     "--output", str(out))
    assert result.exit_code == 0, result.output
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    # The agency's policy expires, and its measure's target falls due and is checked; 完成规划 is another's.
    assert sorted(str(e["categories"].cats[0]) for e in events) == ["check", "expiry", "target"]
    assert not any("完成规划" in str(e["summary"]) for e in events)
    only = _events(_ics(run_cli, "export", "--format", "ics", "--as-of", "2025-01-01", "--policy", "slug-short"))
    assert [str(e["categories"].cats[0]) for e in only] == ["expiry"]


def test_bad_calendar_requests_fail_with_one_line(run_cli, seeded, tmp_path):
    result = run_cli("export", "--format", "ics", "--agency", "没有这个单位")
    assert result.exit_code == 3 and result.output.count("\n") == 1 and "没有这个单位" in result.output
    result = run_cli("export", "--format", "ics", "--output", str(tmp_path / "missing" / "x.ics"))
    assert result.exit_code == 4 and result.output.count("\n") == 1 and "cannot write" in result.output
    result = run_cli("export", "--agency", "市发展改革委")
    assert result.exit_code == 4 and "--format ics" in result.output


def test_an_empty_database_gives_an_empty_calendar(run_cli):
    cal = Calendar.from_ical(_ics(run_cli, "upcoming", "--as-of", "2025-01-01", "--format", "ics").encode())
    assert cal["version"] == "2.0" and cal.walk("VEVENT") == []
