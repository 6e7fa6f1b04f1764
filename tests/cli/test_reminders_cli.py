"""Subscribers, digest preview/send, outbox and checks through the CLI, on a real database."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.reminder_factories import policy, target
from tracker.store.schema.policies import TargetCheck
from tracker.store.schema.reminders import Message, Notice, Subscriber


@pytest.fixture
def world(app):
    with app.uow() as uow:
        pol = policy(uow.session, "上海市促进住房政策", doc_number="沪府办规〔2023〕27号", effective_to=date(2025, 12, 31),
                     title_en="Shanghai housing measures")
        t = target(uow.session, pol, due_on=date(2025, 12, 31), agency="上海市住房和城乡建设管理委员会")
        uow.commit()
        return {"target_id": t.id}


def rows(app, model):
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_subscribers_add_list_pause_resume_remove(run_cli, world, app):
    added = run_cli("subscribers", "add", "Li.Ming@Example.cn", "--agency", "上海市住房和城乡建设管理委员会", "--language", "zh")
    assert added.exit_code == 0, added.output
    listing = run_cli("subscribers", "list")
    assert "Li.Ming@example.cn" in listing.stdout and "agency 上海市住房和城乡建设管理委员会" in listing.stdout
    assert run_cli("subscribers", "pause", "Li.Ming@example.cn").exit_code == 0
    with app.uow() as uow:
        assert uow.session.scalar(select(Subscriber.paused)) is True
    assert run_cli("subscribers", "resume", "Li.Ming@example.cn").exit_code == 0
    assert run_cli("subscribers", "remove", "Li.Ming@example.cn").exit_code == 0
    assert rows(app, Subscriber) == 0


@pytest.mark.parametrize(
    "args,message",
    [
        (["not-an-address"], "email 'not-an-address'"),
        (["a@example.org", "--agency", "火星局"], "no agency named '火星局'"),
        (["a@example.org", "--policy", "沪府办规〔1999〕1号"], "no policy with reference"),
        (["a@example.org", "--timezone", "Mars/Base"], "--timezone: unknown time zone"),
        (["a@example.org", "--kind", "gossip"], "--kind"),
        (["a@example.org", "--language", "fr"], "fr"),
    ],
)
def test_bad_subscriptions_are_refused_and_nothing_is_written(run_cli, world, app, args, message):
    result = run_cli("subscribers", "add", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert rows(app, Subscriber) == 0


def test_a_second_subscription_for_the_same_address_is_refused(run_cli, world):
    assert run_cli("subscribers", "add", "a@example.org").exit_code == 0
    again = run_cli("subscribers", "add", "a@example.org")
    assert again.exit_code != 0 and "already subscribed" in again.output


@pytest.mark.parametrize("language,expect,number", [("en", "Shanghai housing measures", "Hu Fu Ban Gui [2023] No. 27"),
                                                    ("zh", "上海市促进住房政策", "沪府办规〔2023〕27号")])
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_preview_renders_every_template_and_records_nothing(run_cli, world, app, language, expect, number, fmt):
    assert run_cli("subscribers", "add", "a@example.org", "--language", language).exit_code == 0
    result = run_cli("digest", "preview", "a@example.org", "--as-of", "2025-12-20", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert expect in result.stdout and number in result.stdout
    assert "2025-12-31" in result.stdout
    if fmt == "html":
        assert "<table" in result.stdout
    assert rows(app, Notice) == 0 and rows(app, Message) == 0


def test_digest_send_writes_eml_files_when_no_smtp_host_is_set(run_cli, world, app, isolated_home):
    assert run_cli("subscribers", "add", "a@example.org", "--language", "en").exit_code == 0
    dry = run_cli("digest", "send", "--as-of", "2025-12-20", "--dry-run")
    assert dry.exit_code == 0 and "would send to a@example.org" in dry.stdout
    assert rows(app, Notice) == 0
    sent = run_cli("digest", "send", "--as-of", "2025-12-20")
    assert sent.exit_code == 0, sent.output
    files = list((isolated_home / "outbox").glob("*.eml"))
    assert len(files) == 1
    content = files[0].read_bytes()
    assert b"Subject:" in content and b"multipart/alternative" in content
    again = run_cli("digest", "send", "--as-of", "2025-12-20")
    assert "sent 0 messages" in again.stdout
    assert len(list((isolated_home / "outbox").glob("*.eml"))) == 1


def test_recording_a_met_check_closes_the_target(run_cli, world, app):
    tid = world["target_id"]
    result = run_cli("checks", "record", str(tid), "--status", "met", "--value", "51,000", "--on", "2025-11-30")
    assert result.exit_code == 0, result.output
    with app.uow() as uow:
        assert uow.session.scalar(select(TargetCheck.status)) == "met"
    upcoming = run_cli("upcoming", "--as-of", "2026-01-15", "--kind", "target")
    assert "nothing due" in upcoming.stdout


def test_checks_record_rejects_an_unknown_target_and_a_bad_value(run_cli, world):
    assert run_cli("checks", "record", "999", "--status", "met").exit_code != 0
    bad = run_cli("checks", "record", str(world["target_id"]), "--status", "met", "--value", "lots")
    assert bad.exit_code != 0 and "--value" in bad.output


def test_a_broken_smtp_configuration_is_one_clear_line(run_cli, world, monkeypatch):
    monkeypatch.setenv("TRACKER_SMTP_HOST", "mail.example.org")
    monkeypatch.setenv("TRACKER_SMTP_TLS", "none")
    result = run_cli("digest", "send", "--as-of", "2025-12-20")
    assert result.exit_code != 0
    assert "only allowed for a loopback host" in result.output


def test_checks_record_refuses_an_impossible_check_date(run_cli, world, app):
    result = run_cli("checks", "record", str(world["target_id"]), "--status", "on-track", "--on", "2025-02-30")
    assert result.exit_code != 0 and "--on" in result.output
    assert rows(app, TargetCheck) == 0


def test_a_skipped_progress_check_still_reminds_at_the_next_quarter_end(run_cli, app):
    """Nobody recorded the 2025-03-31 check: the target keeps its quarterly cadence in listings and digests."""
    with app.uow() as uow:
        pol = policy(uow.session, "上海市促进住房政策", doc_number="沪府办规〔2023〕27号", effective_to=date(2027, 12, 31))
        t = target(uow.session, pol, due_on=date(2026, 12, 31), text="到2026年建设5万套")
        t.next_check_on = date(2025, 3, 31)
        uow.commit()
    listed = run_cli("upcoming", "--as-of", "2025-09-20", "--within", "30d", "--kind", "check", "--format", "csv")
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines()[1].startswith("2025-09-30,10,check,")
    assert run_cli("subscribers", "add", "a@example.org", "--language", "en").exit_code == 0
    preview = run_cli("digest", "preview", "a@example.org", "--as-of", "2025-09-20", "--format", "text")
    assert preview.exit_code == 0, preview.output
    assert "2025-09-30" in preview.stdout and "到2026年建设5万套" in preview.stdout
    # A day past that quarter end, with still nothing recorded: the next one is 2025-12-31.
    later = run_cli("upcoming", "--as-of", "2025-10-01", "--within", "92d", "--kind", "check", "--format", "csv")
    assert [line.split(",")[0] for line in later.stdout.splitlines()[1:]] == ["2025-12-31"]
    shown = run_cli("show", "沪府办规〔2023〕27号", "--as-of", "2025-10-01", "--format", "json")
    assert [t["next_check_on"] for t in json.loads(shown.stdout)["targets"]] == ["2025-12-31"]


def test_a_sent_digest_can_be_read_again_from_the_outbox_and_by_preview_sent(run_cli, world, app):
    assert run_cli("subscribers", "add", "a@example.org", "--language", "en").exit_code == 0
    assert run_cli("digest", "preview", "a@example.org", "--sent").stdout.strip() == "nothing sent yet"
    assert run_cli("digest", "send", "--as-of", "2025-12-20").exit_code == 0
    with app.uow(read_only=True) as uow:
        message_id, subject = uow.session.execute(select(Message.id, Message.subject)).one()
    shown = run_cli("outbox", "show", str(message_id))
    assert shown.exit_code == 0, shown.output
    assert f"Message {message_id} to a@example.org: sent" in shown.stdout and f"Subject: {subject}" in shown.stdout
    assert "Shanghai housing measures" in shown.stdout
    assert "<html" in run_cli("outbox", "show", str(message_id), "--format", "html").stdout
    again = run_cli("digest", "preview", "a@example.org", "--sent")
    assert f"Subject: {subject}" in again.stdout
    missing = run_cli("outbox", "show", "999999")
    assert missing.exit_code == 3 and "no outbox message with id 999999" in missing.stderr


def test_subscribers_set_changes_a_subscriber_in_place(run_cli, world, app):
    assert run_cli("subscribers", "add", "a@example.org").exit_code == 0
    with app.uow(read_only=True) as uow:
        before = uow.session.scalars(select(Subscriber)).one()
    changed = run_cli("subscribers", "set", "a@example.org", "--language", "en", "--frequency", "weekly",
                      "--timezone", "Europe/Berlin", "--name", "Li")
    assert changed.exit_code == 0, changed.output
    with app.uow(read_only=True) as uow:
        after = uow.session.scalars(select(Subscriber)).one()
    assert (after.id, after.language, after.frequency, after.timezone, after.name) == (
        before.id, "en", "weekly", "Europe/Berlin", "Li")
    for args, words in ((("--timezone", "Mars/Base"), "unknown time zone"), ((), "nothing to set")):
        result = run_cli("subscribers", "set", "a@example.org", *args)
        assert result.exit_code == 4 and words in result.stderr
    assert run_cli("subscribers", "set", "nobody@example.org", "--language", "en").exit_code == 3
