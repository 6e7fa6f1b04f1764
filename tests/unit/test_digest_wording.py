"""Digest wording a reader notices: one day is "1 day", today is "due today", and the way out is said."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.reminders.digest import DigestLine, DigestView
from tracker.reminders.render import Renderer

DAY = date(2025, 12, 1)


def _text(language: str, days: list[int]) -> str:
    lines = [DigestLine(DAY + timedelta(days=d), d, "target", "Policy (Hu Fu [2025] No. 1)", f"target {d}")
             for d in days]
    view = DigestView(subscriber_name="Li", language=language, day=DAY,
                      groups={"due_soon": [ln for ln in lines if ln.days_left >= 0],
                              "overdue": [ln for ln in lines if ln.days_left < 0]})
    return Renderer().render(view)[1]


def test_english_counts_days_in_the_singular_and_says_due_today():
    text = _text("en", [-1, -3, 0, 1, 5])
    for phrase in ("(1 day overdue)", "(3 days overdue)", "(due today)", "(1 day left)", "(5 days left)"):
        assert phrase in text
    assert "1 days" not in text and "0 days" not in text


@pytest.mark.parametrize("language, way_out", [("en", 'reply with "unsubscribe"'), ("zh", "请回复“退订”")])
def test_every_digest_says_how_to_stop_it(language, way_out):
    assert way_out in _text(language, [2])


def test_chinese_says_due_today_in_chinese():
    assert "今天到期" in _text("zh", [0])


def test_a_policy_whose_last_day_has_passed_is_listed_as_no_longer_in_force_not_as_expiring():
    line = DigestLine(DAY - timedelta(days=1), -1, "expiry", "Old rules", "Old rules")
    for language, heading, words in (("en", "== Policies no longer in force ==", "(ended 1 day ago)"),
                                     ("zh", "== 已失效政策 ==", "已失效1天")):
        view = DigestView(subscriber_name="Li", language=language, day=DAY, groups={"expired": [line]})
        subject, text, html = Renderer().render(view)
        assert heading in text and words in text and "overdue" not in text
