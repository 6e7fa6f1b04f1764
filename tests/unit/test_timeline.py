"""The timeline's pure parts: target status, bar and marker positions, extensions, the axis."""

from __future__ import annotations

from datetime import date

from tracker.domain.timeline import TimelinePolicy, TimelineTarget, build_timeline, target_status


def _policy(pid=1, ref="p", effective_from=None, effective_to=None, state="active", original_end=None, **kw):
    return TimelinePolicy(id=pid, ref=ref, title=kw.pop("title", "标题"), title_en=kw.pop("title_en", None),
                          doc_number=None, state=state, effective_from=effective_from, effective_to=effective_to,
                          window_source="stated", original_end=original_end, agencies=kw.pop("agencies", ()))


def test_target_status_by_outcome_then_date():
    as_of = date(2025, 3, 1)
    assert target_status(date(2025, 1, 1), "met", as_of) == "met"
    assert target_status(date(2026, 1, 1), "missed", as_of) == "missed"
    assert target_status(date(2025, 2, 28), None, as_of) == "overdue"
    assert target_status(date(2025, 3, 1), None, as_of) == "due_soon"  # due today is not yet overdue
    assert target_status(date(2025, 3, 31), None, as_of) == "due_soon"
    assert target_status(date(2025, 4, 1), None, as_of) == "open"


def test_bars_span_the_inclusive_window_and_today_sits_between():
    t = build_timeline(
        [_policy(1, "a", date(2024, 1, 1), date(2024, 12, 31)), _policy(2, "b", date(2025, 1, 1), date(2025, 12, 31))],
        [], date(2025, 1, 1),
    )
    a, b = t.rows
    assert abs((a.bar[0] + a.bar[1]) - b.bar[0]) < 0.01  # a's last day ends exactly where b's first day starts
    assert a.bar[0] + a.bar[1] <= t.today_x + 0.001 and t.today_x == b.bar[0]
    assert a.status == "expired" and a.greyed and not b.greyed
    assert [tick.label for tick in t.ticks] == ["2024", "2025", "2026"]


def test_an_extension_is_the_part_after_the_original_last_day():
    t = build_timeline([_policy(1, "a", date(2024, 1, 1), date(2025, 12, 31), original_end=date(2024, 12, 31))],
                       [], date(2025, 6, 1))
    row = t.rows[0]
    left, width = row.extension
    assert abs(left + width - (row.bar[0] + row.bar[1])) < 0.01 and left > row.bar[0]


def test_open_ended_and_unknown_windows_and_markers_of_any_kind():
    policies = [_policy(1, "open", date(2024, 1, 1), None), _policy(2, "unknown", state="superseded")]
    targets = [TimelineTarget(1, 1, "目标", date(2025, 6, 30), None),
               TimelineTarget(2, 1, "里程碑", date(2024, 6, 30), "met", kind="milestone")]
    t = build_timeline(policies, targets, date(2025, 1, 1))
    open_row, unknown = t.rows
    assert open_row.open_end and open_row.bar[0] + open_row.bar[1] == 100
    assert [(m.kind, m.status) for m in open_row.markers] == [("milestone", "met"), ("target", "open")]
    assert unknown.bar is None and unknown.greyed and unknown.status == "superseded"
    assert t.statuses == ("in_force", "superseded", "open", "met")


def test_no_policies_is_an_empty_timeline_and_english_titles_are_used_when_known():
    assert build_timeline([], [], date(2025, 1, 1)).empty
    t = build_timeline([_policy(title="中文", title_en="English")], [], date(2025, 1, 1), language="en")
    assert t.rows[0].title == "English"
