"""Channel delivery as production runs it: the outbox, the Dispatch transport and the httpx clients, posting to
a local HTTP server that answers as each service (tests/channel_server.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
import threading
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests.channel_server import CHANNEL_URLS, SECRETS, Reply, api_env, channel_server
from tests.reminder_factories import policy, subscriber, target
from tracker.reminders import arm_notices, compose_digests, deliver_due
from tracker.reminders.delivery import claim_one
from tracker.reminders.subscribers import add_channels, add_subscriber
from tracker.reminders.transport import Dispatch, OutboxFolder
from tracker.store.schema.reminders import Message, Notice

NOW = datetime(2025, 12, 1, 4, 0, tzinfo=timezone.utc)  # 12:00 in Shanghai
LEASE = timedelta(minutes=5)


def world(app, channels: dict[str, str], *, email="a@example.org", targets=1):
    """A policy with `targets` targets due within the month and one subscriber with the given channels."""
    with app.uow() as uow:
        pol = policy(uow.session, "Housing policy", doc_number="沪府办规〔2023〕27号", effective_to=date(2025, 12, 31))
        for n in range(targets):
            target(uow.session, pol, due_on=date(2025, 12, 2 + n % 25), text=f"目标任务第{n}项：建设保障性住房{n}套",
                   agency="市住房城乡建设管理委", number=f"（{n}）")
        sub = subscriber(uow.session, email)
        add_channels(uow.session, email, list(channels.values()), now=NOW - timedelta(days=30))
        uow.commit()
        return sub.id


def transport(tmp_path, base, **env):
    return Dispatch(OutboxFolder(tmp_path / "outbox", "tracker@example.org"), {**api_env(base), **env})


def compose(app, now=NOW):
    arm_notices(app, now)
    return compose_digests(app, now, ignore_time=True)


def rows(app):
    with app.uow(read_only=True) as uow:
        return {m.digest_key: m for m in uow.session.scalars(select(Message).order_by(Message.id))}


def test_each_service_gets_one_message_per_slot_in_its_documented_format(app, tmp_path):
    with channel_server() as (server, base):
        world(app, {**CHANNEL_URLS, "json": f"json://127.0.0.1:{base.rsplit(':', 1)[1]}/hook/jsonTOKEN0123456789"})
        assert compose(app) == 7  # the email and six channels
        report = deliver_due(app, transport(tmp_path, base), NOW, limit=None)
        assert report.sent == 7 and not report.failed and not report.deferred
        assert compose(app) == 0  # the slot is done: nothing new on a second run
        deliver_due(app, transport(tmp_path, base), NOW, limit=None)
        services = sorted(r.service for r in server.requests)
        assert services == ["dingtalk", "feishu", "json", "msteams", "slack", "wecom"]
        assert [r.problems for r in server.requests] == [[]] * 6  # shapes and signatures as documented
        dingtalk, feishu = server.of("dingtalk")[0], server.of("feishu")[0]
        assert "sign" in dingtalk.query and "timestamp" in dingtalk.query
        assert "sign" in feishu.body and "timestamp" in feishu.body
        wecom = server.of("wecom")[0].body["markdown"]["content"]
        assert "Housing policy" in wecom and "days left" in wecom and "市住房城乡建设管理委" in wecom
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1


def test_a_200_with_an_error_code_in_the_body_fails_visibly(app, tmp_path, run_cli):
    with channel_server() as (server, base):
        world(app, {"wecom": CHANNEL_URLS["wecom"]})
        server.reply_next("wecom", Reply(body={"errcode": 93000, "errmsg": "invalid webhook url"}))
        compose(app)
        report = deliver_due(app, transport(tmp_path, base), NOW, limit=None)
    assert report.sent == 1 and len(report.failed) == 1
    failed = [m for m in rows(app).values() if m.status == "failed"]
    assert len(failed) == 1 and "93000" in failed[0].last_error and "invalid webhook url" in failed[0].last_error
    listing = run_cli("outbox", "list", "--status", "failed").output
    assert "93000" in listing and "qyapi.weixin.qq.com" in listing


def test_429_is_retried_at_the_time_retry_after_gives(app, tmp_path):
    with channel_server() as (server, base):
        world(app, {"slack": CHANNEL_URLS["slack"]}, email="b@example.org")
        server.reply_next("slack", Reply(429, "rate_limited", {"Retry-After": "120"}))
        compose(app)
        report = deliver_due(app, transport(tmp_path, base), NOW, limit=None, due_by=NOW, clock=lambda: NOW)
        assert len(report.deferred) == 1
        _, retry_at, reason = report.deferred[0]
        assert retry_at == NOW + timedelta(seconds=120) and "429" in reason
        early = deliver_due(app, transport(tmp_path, base), NOW + timedelta(seconds=119), limit=None,
                            clock=lambda: NOW + timedelta(seconds=119))
        assert early.sent == 0
        later = deliver_due(app, transport(tmp_path, base), NOW + timedelta(seconds=120), limit=None,
                            clock=lambda: NOW + timedelta(seconds=120))
        assert later.sent == 1
        assert len(server.of("slack")) == 2


def test_500_and_a_hanging_server_are_retried_with_backoff(app, tmp_path):
    with channel_server() as (server, base):
        world(app, {"feishu": CHANNEL_URLS["feishu"], "dingtalk": CHANNEL_URLS["dingtalk"]}, email="c@example.org")
        server.reply_next("feishu", Reply(500, "oops"))
        server.reply_next("dingtalk", Reply(hang=2.0, body={"errcode": 0}))
        compose(app)
        report = deliver_due(app, transport(tmp_path, base, TRACKER_CHANNEL_TIMEOUT="0.5"), NOW, limit=None,
                             clock=lambda: NOW)
        assert report.sent == 1 and len(report.deferred) == 2 and not report.failed
        assert {when for _, when, _ in report.deferred} == {NOW + timedelta(minutes=1)}
        retry = deliver_due(app, transport(tmp_path, base), NOW + timedelta(minutes=1), limit=None,
                            clock=lambda: NOW + timedelta(minutes=1))
        assert retry.sent == 2


def test_two_senders_at_once_deliver_each_channel_message_exactly_once(app, tmp_path):
    with channel_server() as (server, base):
        with app.uow() as uow:
            pol = policy(uow.session, "Housing policy", doc_number="沪府办规〔2023〕27号", effective_to=date(2025, 12, 31))
            target(uow.session, pol, due_on=date(2025, 12, 31))
            for n in range(12):
                add_subscriber(uow.session, f"team{n}", now=NOW - timedelta(days=30), language="en",
                               channels=[f"wecombot://KEY{n:04d}abcdef", f"slack://T{n:04d}/B{n:04d}/S{n:04d}x"])
            uow.commit()
        assert compose(app) == 24
        reports = []

        def sender(name):
            reports.append(deliver_due(app, transport(tmp_path, base), NOW, limit=None, worker=name, lease=LEASE))

        threads = [threading.Thread(target=sender, args=(f"s{i}",)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sum(r.sent for r in reports) == 24
        keys = [r.query["key"][0] for r in server.of("wecom")] + [r.path for r in server.of("slack")]
        assert len(keys) == 24 and len(set(keys)) == 24
    assert {m.status for m in rows(app).values()} == {"sent"}


def test_a_crash_between_claim_and_post_delivers_once_after_the_lease(app, tmp_path):
    with channel_server() as (server, base):
        world(app, {"wecom": CHANNEL_URLS["wecom"]}, email="d@example.org")
        compose(app)
        with app.uow() as uow:
            assert claim_one(uow.session, NOW, "crashed", LEASE) is not None  # the email, claimed and abandoned
            assert claim_one(uow.session, NOW, "crashed", LEASE) is not None  # the channel message, likewise
        assert deliver_due(app, transport(tmp_path, base), NOW, limit=None).sent == 0  # leases still held
        after = NOW + LEASE + timedelta(seconds=1)
        assert deliver_due(app, transport(tmp_path, base), after, limit=None).sent == 2
        assert deliver_due(app, transport(tmp_path, base), after + LEASE * 2, limit=None).sent == 0
        assert len(server.of("wecom")) == 1


def test_a_long_digest_is_split_between_items_and_reassembles_whole(app, tmp_path):
    with channel_server() as (server, base):
        world(app, {"wecom": CHANNEL_URLS["wecom"]}, email="e@example.org", targets=60)
        compose(app)
        deliver_due(app, transport(tmp_path, base), NOW, limit=None)
        posts = [r.body["markdown"]["content"] for r in server.of("wecom")]
    assert len(posts) > 1 and all(len(p.encode("utf-8")) <= 4096 for p in posts)
    assert all(f"({n}/{len(posts)})" in p or f"part {n}/{len(posts)}" in p for n, p in enumerate(posts, 1))
    whole = "\n".join(posts)
    shown = [n for n in range(60) if f"目标任务第{n}项：" in whole]
    left_out = sum(int(line.split("and ")[1].split(" more")[0]) for line in whole.splitlines() if "more items not shown" in line)
    assert len(shown) + left_out == 60  # every item is in a part or counted as left out
    for n in shown:  # and each shown item is whole, with its days left and agency, in one part
        holder = [p for p in posts if f"目标任务第{n}项：" in p]
        assert len(holder) == 1
        item = holder[0].split(f"目标任务第{n}项：")[1].split("\n- ")[0]
        assert "市住房城乡建设管理委" in item
    assert all("days left" in p for p in posts)


def test_secrets_stay_out_of_logs_listings_errors_and_export(app, tmp_path, run_cli, caplog):
    caplog.set_level(logging.DEBUG)
    with channel_server() as (server, base):
        world(app, CHANNEL_URLS, email="f@example.org")
        for service in ("wecom", "dingtalk", "feishu", "slack", "msteams"):
            # errors that quote the request back must still come out masked
            server.reply_next(service, Reply(400, f"bad request for {CHANNEL_URLS[service]}"))
        compose(app)
        report = deliver_due(app, transport(tmp_path, base), NOW, limit=None)
        assert len(report.failed) == 5
    exported = run_cli("export")
    assert exported.exit_code == 0
    shown = "\n".join([
        caplog.text,
        "\n".join(reason for _, reason in report.failed),
        run_cli("outbox", "list", "--status", "failed").output,
        run_cli("outbox", "list", "--status", "failed", "--format", "json").output,
        run_cli("subscribers", "list").output,
        run_cli("subscribers", "list", "--format", "json").output,
        exported.output,
    ])
    assert "****" in shown
    for secret in SECRETS:
        assert secret not in shown


def test_a_split_message_interrupted_after_part_one_resumes_without_posting_it_again(app, tmp_path):
    with channel_server() as (server, base):
        world(app, {"wecom": CHANNEL_URLS["wecom"]}, email="g@example.org", targets=30)
        server.reply_next("wecom", Reply(body={"errcode": 0, "errmsg": "ok"}),
                          Reply(body={"errcode": 45009, "errmsg": "api freq out of limit"}))
        compose(app)
        first = deliver_due(app, transport(tmp_path, base), NOW, limit=None, clock=lambda: NOW)
        assert first.sent == 1 and len(first.deferred) == 1 and "45009" in first.deferred[0][2]
        later = NOW + timedelta(minutes=1)
        assert deliver_due(app, transport(tmp_path, base), later, limit=None, clock=lambda: later).sent == 1
        posts = [r.body["markdown"]["content"] for r in server.of("wecom")]
    total = len(json.loads(next(m for m in rows(app).values() if m.channel_id).body_text))
    assert total >= 2 and len(posts) == total + 1  # part 2 twice (refused, then accepted), every other part once
    delivered = [posts[0]] + posts[2:]
    assert [p.split("\n", 1)[0] for p in delivered] == [f"(part {n}/{total})" for n in range(1, total + 1)]


@pytest.mark.slow
def test_two_digest_send_processes_and_a_scheduler_post_each_channel_message_once(app, db_url, tmp_path):
    """Real processes, as production runs them: the channels ride the same claims as email."""
    from tests.integration.test_delivery_guarantees import TIMEOUT, start, tracker_env
    from tests.reminder_factories import something_to_say
    from tests.scheduler_smtp import running_sink

    something_to_say(app, [])
    with app.uow() as uow:
        for n in range(20):
            add_subscriber(uow.session, f"team{n}", now=NOW - timedelta(days=30), language="en",
                           channels=[f"wecombot://KEY{n:04d}abcdef", CHANNEL_URLS["dingtalk"]])
        uow.commit()
    logs = [tmp_path / f"p{i}.log" for i in range(3)]
    with channel_server() as (server, base), running_sink() as (_sink, port):
        env = tracker_env(db_url, port, **api_env(base))
        processes = [start(["digest", "send"], env, logs[0]), start(["scheduler", "run", "--once"], env, logs[1]),
                     start(["digest", "send"], env, logs[2])]
        codes = [p.wait(timeout=TIMEOUT) for p in processes]
        output = "\n".join(f"--- {log.name}\n{log.read_text()[-2000:]}" for log in logs)
        assert codes == [0, 0, 0], output
        keys = [r.query["key"][0] for r in server.of("wecom")]
        assert sorted(keys) == sorted(f"KEY{n:04d}abcdef" for n in range(20))
        assert len(server.of("dingtalk")) == 20 and all(not r.problems for r in server.requests)
    assert {m.status for m in rows(app).values()} == {"sent"}
    for secret in SECRETS:
        assert secret not in output
