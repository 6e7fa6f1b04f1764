"""Channels through the CLI: add (with or without email), list masked, test, digest send, bad input refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.channel_server import CHANNEL_URLS, SECRETS, Reply, api_env, channel_server
from tests.reminder_factories import policy, target
from tracker.store.schema.reminders import Channel, Message, Subscriber

AGENCY = "上海市住房和城乡建设管理委员会"


@pytest.fixture
def world(app):
    with app.uow() as uow:
        pol = policy(uow.session, "上海市促进住房政策", doc_number="沪府办规〔2023〕27号", effective_to=date(2025, 12, 31))
        target(uow.session, pol, due_on=date(2025, 12, 31), agency=AGENCY)
        uow.commit()


def count(app, model):
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_a_team_channel_subscribes_without_email_and_gets_the_digest(run_cli, world, app, monkeypatch, isolated_home):
    with channel_server() as (server, base):
        for name, value in api_env(base).items():
            monkeypatch.setenv(name, value)
        added = run_cli("subscribers", "add", "住建委群", "--agency", AGENCY, "--channel", CHANNEL_URLS["wecom"],
                        "--channel", CHANNEL_URLS["dingtalk"])
        assert added.exit_code == 0, added.output
        assert "subscribed 住建委群" in added.output and "****" in added.output
        listing = run_cli("subscribers", "list").output
        assert "住建委群" in listing and "qyapi.weixin.qq.com" in listing and "(signed)" in listing
        tested = run_cli("subscribers", "test", "住建委群")
        assert tested.exit_code == 0, tested.output
        assert [r.service for r in server.requests] == ["wecom", "dingtalk"]
        assert "测试" in server.requests[0].body["markdown"]["content"]
        sent = run_cli("digest", "send", "--as-of", "2025-12-20")
        assert sent.exit_code == 0, sent.output
        assert "sent 2 messages" in sent.output
        digest = server.requests[2].body["markdown"]["content"]
        assert "上海市促进住房政策" in digest and "剩余11天" in digest and AGENCY in digest
        assert [r.problems for r in server.requests] == [[]] * 4
    assert not list((isolated_home / "outbox").glob("*.eml"))  # no email address, no email
    for secret in SECRETS:
        assert secret not in added.output + listing + tested.output + sent.output


def test_a_refused_test_message_exits_1_with_the_masked_reason(run_cli, world, monkeypatch):
    with channel_server() as (server, base):
        for name, value in api_env(base).items():
            monkeypatch.setenv(name, value)
        assert run_cli("subscribers", "add", "a@example.org", "--channel", CHANNEL_URLS["wecom"]).exit_code == 0
        server.reply_next("wecom", Reply(body={"errcode": 93000, "errmsg": "invalid webhook url"}))
        tested = run_cli("subscribers", "test", "a@example.org")
    assert tested.exit_code == 1
    assert "sent: a@example.org" in tested.output and "93000" in tested.output and "wecomKEY" not in tested.output


@pytest.mark.parametrize("args, says", [
    (["team", "--channel", "ftp://topsecret.example/x"], "--channel: unsupported channel ftp://"),
    (["team", "--channel", "wecombot://topsecret?secret=SECtopsecret"], "--channel: a WeCom bot takes no options and no signing secret"),
    (["team", "--channel", "slack://topsecret/x"], "--channel: a Slack webhook has three tokens"),
    (["team", "--channel", "wecombot://ok123", "--channel", "dingtalk://topsecret/nope"], "--channel #2:"),
    (["team"], "a subscriber without email needs --channel"),
])
def test_bad_channels_are_refused_in_one_line_with_nothing_stored(run_cli, world, app, args, says):
    result = run_cli("subscribers", "add", *args)
    assert result.exit_code == 4
    assert says in result.output and "topsecret" not in result.output and "Traceback" not in result.output
    assert count(app, Subscriber) == 0 and count(app, Channel) == 0


def test_a_channel_for_an_unknown_subscriber_is_refused(run_cli, world, app):
    result = run_cli("subscribers", "add-channel", "nobody@example.org", CHANNEL_URLS["slack"])
    assert result.exit_code == 4 and "no subscriber" in result.output
    assert count(app, Channel) == 0


def test_add_channel_then_remove_drops_channels_and_their_messages(run_cli, world, app, monkeypatch):
    with channel_server() as (server, base):
        monkeypatch.setenv("TRACKER_CHANNEL_API_SLACK", base)
        assert run_cli("subscribers", "add", "a@example.org").exit_code == 0
        added = run_cli("subscribers", "add-channel", "a@example.org", CHANNEL_URLS["slack"])
        assert added.exit_code == 0 and "hooks.slack.com/services/****" in added.output
        again = run_cli("subscribers", "add-channel", "a@example.org", CHANNEL_URLS["slack"])
        assert again.exit_code == 4 and "already a channel" in again.output
        sent = run_cli("digest", "send", "--as-of", "2025-12-20")
        assert sent.exit_code == 0 and "sent 2 messages" in sent.output
        assert len(server.of("slack")) == 1
    assert count(app, Message) == 2
    assert run_cli("subscribers", "remove", "a@example.org").exit_code == 0
    assert count(app, Channel) == 0 and count(app, Message) == 0


def test_one_channel_can_be_paused_resumed_and_removed(run_cli, world, app, monkeypatch):
    with channel_server() as (server, base):
        for name, value in api_env(base).items():
            monkeypatch.setenv(name, value)
        assert run_cli("subscribers", "add", "team", "--channel", CHANNEL_URLS["slack"],
                       "--channel", CHANNEL_URLS["wecom"]).exit_code == 0
        with app.uow(read_only=True) as uow:
            slack_id, wecom_id = uow.session.scalars(select(Channel.id).order_by(Channel.id)).all()
        assert f"#{slack_id} https://hooks.slack.com" in run_cli("subscribers", "list").output
        paused = run_cli("subscribers", "pause", "team", "--channel", str(slack_id))
        assert paused.exit_code == 0 and "(paused)" in run_cli("subscribers", "list").output
        sent = run_cli("digest", "send", "--as-of", "2025-12-20")
        assert sent.exit_code == 0 and [r.service for r in server.requests] == ["wecom"]
        assert run_cli("subscribers", "pause", "team", "--channel", "999").exit_code == 3
        assert run_cli("subscribers", "remove-channel", "team", str(wecom_id)).exit_code == 0
    assert count(app, Channel) == 1 and count(app, Message) == 0
