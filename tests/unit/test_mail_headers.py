"""The digest email's headers: what keeps it out of spam folders and lets mail programs offer unsubscribe."""

from __future__ import annotations

from datetime import datetime, timezone
from email import message_from_bytes
from email.policy import default as default_policy
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from tracker.reminders.transport import build_email


def _message(**kw):
    values = dict(id=7, digest_key="daily:2025-12-01", recipient="li@example.cn", subject="3 items due",
                  body_text="text", body_html="<p>html</p>")
    values.update(kw)
    return SimpleNamespace(**values)


def test_headers_say_who_sent_it_when_in_the_senders_zone_and_that_it_is_automatic():
    sent_at = datetime(2025, 12, 1, 0, 30, tzinfo=timezone.utc)
    email = build_email(_message(), "Tracker <tracker@compliance.example.cn>", zone=ZoneInfo("Asia/Shanghai"), now=sent_at)
    parsed = message_from_bytes(email.as_bytes(), policy=default_policy)
    assert parsed["Date"] == "Mon, 01 Dec 2025 08:30:00 +0800"
    assert parsed["Message-ID"] == "<digest.7.daily.2025-12-01@compliance.example.cn>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["List-Unsubscribe"] == "<mailto:tracker@compliance.example.cn?subject=unsubscribe>"


def test_a_hostile_subject_or_recipient_cannot_add_headers():
    email = build_email(_message(subject="hi\r\nBcc: all@example.org", recipient="li@example.cn\nX-Evil: 1"),
                        "tracker@example.org")
    raw = email.as_bytes()
    parsed = message_from_bytes(raw, policy=default_policy)
    assert parsed["Bcc"] is None and parsed["X-Evil"] is None
