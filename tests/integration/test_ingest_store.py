"""The write path on a real database: merging copies, idempotence, history, pins, supersession, agencies."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import func, select

from tests.ingest_docs import NEWS_COPY, TRANSLATION, notice, write
from tracker.domain.records import CheckRecord, CheckStatus, PolicyRecord, SupersessionRecord, TargetRecord
from tracker.store.exchange import export_document, policy_records
from tracker.store.ingest import ingest_file
from tracker.store.schema.policies import History, MeasureAgency, Policy, Target, TargetCheck
from tracker.store.writer import add_alias, refresh_target, save_policy, set_policy_field

NOW = datetime(2024, 5, 1, 2, 0, tzinfo=timezone.utc)
TODAY = date(2024, 5, 1)


def _ingest(app, path, **kw):
    report = ingest_file(app, path, now=NOW, today=TODAY, **kw)
    assert report.ok, report.error
    return report


def _snapshot(app) -> str:
    with app.uow() as uow:
        return json.dumps(export_document(policy_records(uow.session), TODAY), ensure_ascii=False, sort_keys=True)


def _policies(app) -> list[Policy]:
    with app.uow() as uow:
        return list(uow.session.scalars(select(Policy)))


def test_ingesting_the_same_file_twice_changes_nothing(app, tmp_path):
    path = write(tmp_path, "notice.txt", notice())
    _ingest(app, path)
    before = _snapshot(app)
    report = _ingest(app, path)
    assert _snapshot(app) == before
    assert [p["action"] for p in report.policies] == ["unchanged"]


def test_news_copy_official_notice_and_translation_become_one_policy_with_three_sources(app, tmp_path):
    _ingest(app, write(tmp_path, "news.txt", NEWS_COPY))
    _ingest(app, write(tmp_path, "notice.txt", notice()))
    _ingest(app, write(tmp_path, "en.txt", TRANSLATION))
    with app.uow() as uow:
        (record,) = policy_records(uow.session)
    assert record.ref == record.doc_number == "沪府规〔2024〕9号"
    assert record.title == "上海市测试促进办法"
    assert record.title_en == "Measures of Shanghai for Testing Promotion"
    assert sorted(s.name for s in record.sources) == ["en.txt", "news.txt", "notice.txt"]
    assert [m.number for m in record.measures] == ["一、", "二、"]  # the Chinese measures, not the English ones


def test_a_changed_document_updates_the_window_and_writes_history(app, tmp_path):
    _ingest(app, write(tmp_path, "v1.txt", notice(end="2026年2月28日")))
    _ingest(app, write(tmp_path, "v2.txt", notice(end="2027年2月28日")))
    with app.uow() as uow:
        (policy,) = uow.session.scalars(select(Policy))
        assert policy.effective_to == date(2027, 2, 28)
        rows = [(h.old_value, h.new_value, h.source)
                for h in uow.session.scalars(select(History).where(History.field == "effective_to"))]
    assert rows == [("2026-02-28", "2027-02-28", "v2.txt")]


def test_a_hand_correction_wins_over_re_extraction_and_survives_re_ingest(app, tmp_path):
    _ingest(app, write(tmp_path, "v1.txt", notice()))
    with app.uow() as uow:
        policy = uow.session.scalar(select(Policy))
        set_policy_field(uow.session, policy, "effective_to", date(2030, 6, 30), reason="extended by letter", now=NOW)
        uow.commit()
    _ingest(app, write(tmp_path, "v2.txt", notice(end="2027年2月28日")))
    with app.uow() as uow:
        policy = uow.session.scalar(select(Policy))
        assert policy.effective_to == date(2030, 6, 30)
        assert policy.window_source == "manual"
        reasons = [h.reason for h in uow.session.scalars(select(History).where(History.field == "effective_to"))]
    assert reasons == ["extended by letter"]


def test_a_superseded_policy_stored_later_is_linked_and_marked_superseded(app):
    with app.uow() as uow:
        save_policy(uow.session, PolicyRecord(title="新细则", doc_number="沪新〔2020〕1号",
                                              supersedes=[SupersessionRecord("沪旧〔2015〕49号", "旧细则")]),
                    now=NOW, today=TODAY)
        save_policy(uow.session, PolicyRecord(title="旧细则", doc_number="沪旧〔2015〕49号"), now=NOW, today=TODAY)
        uow.commit()
    with app.uow() as uow:
        old = uow.session.scalar(select(Policy).where(Policy.doc_number == "沪旧〔2015〕49号"))
        new = uow.session.scalar(select(Policy).where(Policy.doc_number == "沪新〔2020〕1号"))
        assert old.state == "superseded"
        assert new.supersessions[0].superseded_id == old.id
        assert uow.session.scalar(select(History.reason).where(History.policy_id == old.id)) == "superseded by 沪新〔2020〕1号"


def test_a_superseded_policy_not_in_the_database_is_recorded_by_number(app):
    with app.uow() as uow:
        save_policy(uow.session, PolicyRecord(title="新细则", doc_number="沪新〔2020〕1号",
                                              supersedes=[SupersessionRecord("沪旧〔2015〕49号", "旧细则")]),
                    now=NOW, today=TODAY)
        uow.commit()
    with app.uow() as uow:
        (record,) = policy_records(uow.session)
    assert [(s.doc_number, s.title) for s in record.supersedes] == [("沪旧〔2015〕49号", "旧细则")]


def test_an_alias_folds_the_short_named_agency_into_the_canonical_one(app, tmp_path):
    _ingest(app, write(tmp_path, "notice.txt", notice()))
    with app.uow() as uow:
        add_alias(uow.session, "上海市经济和信息化委员会", "市经济信息化委")
        uow.commit()
    with app.uow() as uow:
        (record,) = policy_records(uow.session)
        assert uow.session.scalar(select(func.count()).select_from(MeasureAgency)) == 3
    assert [a.name for a in record.measures[0].agencies] == ["上海市经济和信息化委员会", "市商务委"]
    # Later documents naming the short form land on the canonical agency.
    _ingest(app, write(tmp_path, "other.txt", notice(number="沪府规〔2024〕10号").replace("测试促进", "另一测试")))
    with app.uow() as uow:
        names = {r.measures[0].agencies[0].name for r in policy_records(uow.session)}
    assert names == {"上海市经济和信息化委员会"}


def test_refresh_target_closes_a_target_with_a_met_check_and_schedules_open_ones(app):
    record = PolicyRecord(title="目标办法", effective_from=date(2024, 1, 1), targets=[
        TargetRecord(text="到2025年建成10个", due_on=date(2025, 12, 31), quantity=Decimal(10)),
    ])
    with app.uow() as uow:
        save_policy(uow.session, record, now=NOW, today=TODAY)
        target = uow.session.scalar(select(Target))
        assert (target.outcome, target.next_check_on) == (None, date(2024, 3, 31))
        target.checks.append(TargetCheck(checked_on=date(2024, 6, 30), status="on_track", recorded_at=NOW))
        refresh_target(uow.session, target, TODAY)
        assert (target.outcome, target.next_check_on) == (None, date(2024, 9, 30))
        target.checks.append(TargetCheck(checked_on=date(2024, 8, 1), status=CheckStatus.MET.value, recorded_at=NOW))
        refresh_target(uow.session, target, TODAY)
        assert (target.outcome, target.next_check_on) == ("met", None)


def test_a_failed_file_stores_nothing_and_reports_the_file(app, tmp_path):
    good = _ingest(app, write(tmp_path, "good.txt", notice()))
    before = _snapshot(app)
    bad = ingest_file(app, write(tmp_path, "bad.txt", "2025年13月1日起施行的上海市某办法\n一、总则\n本办法自2025年13月1日起施行。"),
                      now=NOW, today=TODAY)
    assert good.ok and not bad.ok
    assert bad.error.startswith(str(tmp_path / "bad.txt")) and "2025年13月1日" in bad.error
    assert _snapshot(app) == before


def test_import_mode_replaces_checks_exactly(app):
    record = PolicyRecord(title="检查办法", ref="check-policy", targets=[
        TargetRecord(text="建成5个", due_on=date(2025, 12, 31),
                     checks=[CheckRecord(date(2024, 3, 31), CheckStatus.AT_RISK, Decimal(2), "slow")]),
    ])
    with app.uow() as uow:
        save_policy(uow.session, record, now=NOW, today=TODAY, exact=True)
        save_policy(uow.session, record, now=NOW, today=TODAY, exact=True)
        uow.commit()
    with app.uow() as uow:
        (again,) = policy_records(uow.session)
    assert [(c.checked_on, c.status, c.value, c.note) for c in again.targets[0].checks] == [
        (date(2024, 3, 31), CheckStatus.AT_RISK, Decimal(2), "slow")
    ]


def test_overlay_corrections_are_pinned_recorded_once_and_survive_re_ingest(app, tmp_path):
    from tracker.store.ingest import apply_overlay, read_overlay

    overlay_file = tmp_path / "overlay.json"
    overlay_file.write_text(json.dumps({"policies": [
        {"match": {"title": "上海市测试促进办法"}, "set": {"effective_to": "2026-12-31", "title_en": "Test Measures"},
         "reason": "curated"},
        {"match": {"doc_number": "沪不存在〔2020〕1号"}, "set": {"state": "repealed"}},
    ]}, ensure_ascii=False), encoding="utf-8")
    overlay = read_overlay(overlay_file)
    _ingest(app, write(tmp_path, "v1.txt", notice()))
    for _ in range(2):
        with app.uow() as uow:
            apply_overlay(uow.session, overlay, now=NOW, today=TODAY)
            uow.commit()
    _ingest(app, write(tmp_path, "v2.txt", notice(end="2027年2月28日")))
    with app.uow() as uow:
        (record,) = policy_records(uow.session)
    assert (record.effective_to, record.title_en) == (date(2026, 12, 31), "Test Measures")
    assert [(h.field, h.new, h.reason) for h in record.history] == [("effective_to", "2026-12-31", "curated"),
                                                                    ("title_en", "Test Measures", "curated")]


def test_an_overlay_with_an_unknown_field_is_refused_naming_it(tmp_path):
    import pytest

    from tracker.errors import InvalidInput
    from tracker.store.ingest import read_overlay

    path = tmp_path / "overlay.json"
    path.write_text('{"policies": [{"match": {"ref": "x"}, "set": {"colour": "red"}}]}', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"overlay\.json: policies\[0\]\.set\.colour"):
        read_overlay(path)
