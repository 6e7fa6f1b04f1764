from datetime import date

import pytest

from tracker.domain.targets import check_due_on, next_check_on, period_end_on_or_after, target_outcome


def test_latest_closing_check_closes_the_target():
    assert target_outcome([(date(2025, 3, 31), "on_track"), (date(2025, 12, 31), "met")]) == "met"


def test_a_later_open_check_reopens_a_target():
    assert target_outcome([(date(2025, 6, 30), "missed"), (date(2025, 9, 30), "at_risk")]) is None


def test_no_checks_means_open():
    assert target_outcome([]) is None


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (date(2024, 1, 1), 3, date(2024, 3, 31)),
        (date(2024, 3, 31), 3, date(2024, 3, 31)),
        (date(2024, 4, 1), 3, date(2024, 6, 30)),
        (date(2024, 2, 10), 1, date(2024, 2, 29)),
        (date(2023, 11, 5), 6, date(2023, 12, 31)),
        (date(2023, 12, 31), 12, date(2023, 12, 31)),
    ],
)
def test_period_ends(day, months, expected):
    assert period_end_on_or_after(day, months) == expected


def test_first_check_is_the_first_quarter_end_after_the_start():
    assert next_check_on(date(2025, 12, 31), date(2024, 1, 1), None, None) == date(2024, 3, 31)


def test_a_recorded_check_moves_the_next_one_to_the_following_quarter_end():
    assert next_check_on(date(2025, 12, 31), date(2024, 1, 1), date(2024, 3, 31), None) == date(2024, 6, 30)
    assert next_check_on(date(2025, 12, 31), date(2024, 1, 1), date(2024, 4, 2), None) == date(2024, 6, 30)


def test_no_check_on_or_after_the_due_date_and_none_once_closed():
    assert next_check_on(date(2025, 12, 31), date(2024, 1, 1), date(2025, 10, 1), None) is None
    assert next_check_on(date(2025, 12, 31), date(2024, 1, 1), None, "met") is None


@pytest.mark.parametrize(
    "stored,due,as_of,expected",
    [
        # The stored next check is still ahead (or today): it stands.
        (date(2025, 3, 31), date(2025, 12, 31), date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 3, 31), date(2025, 12, 31), date(2025, 3, 31), date(2025, 3, 31)),
        # It passed with nothing recorded: the next quarter end on or after the day takes its place.
        (date(2025, 3, 31), date(2025, 12, 31), date(2025, 4, 1), date(2025, 6, 30)),
        (date(2024, 3, 31), date(2026, 12, 31), date(2025, 9, 30), date(2025, 9, 30)),
        (date(2023, 12, 31), date(2025, 12, 31), date(2024, 2, 29), date(2024, 3, 31)),
        # ...but never on or after the due date: that day is the target's own deadline.
        (date(2025, 3, 31), date(2025, 6, 30), date(2025, 4, 1), None),
        (date(2025, 3, 31), date(2025, 7, 1), date(2025, 4, 1), date(2025, 6, 30)),
        # A closed target (or one without a due date) has no next check at all.
        (None, date(2025, 12, 31), date(2025, 4, 1), None),
    ],
)
def test_a_skipped_check_rolls_to_the_next_period_end(stored, due, as_of, expected):
    assert check_due_on(stored, due, as_of) == expected
