"""A policy's status as of a day, with literal dates."""

from datetime import date

import pytest

from tracker.domain.records import PolicyStatus
from tracker.domain.status import policy_status

JAN1_2024 = date(2024, 1, 1)
DEC31_2028 = date(2028, 12, 31)


def status(as_of, start=JAN1_2024, end=DEC31_2028, state="active", horizon=90):
    return policy_status(start, end, state, as_of, horizon)


def test_the_last_day_of_the_window_is_still_in_force():
    assert status(DEC31_2028) is PolicyStatus.EXPIRING


def test_the_day_after_the_last_day_is_expired():
    assert status(date(2029, 1, 1)) is PolicyStatus.EXPIRED


def test_the_day_before_the_first_day_is_not_yet_in_force():
    assert status(date(2023, 12, 31)) is PolicyStatus.NOT_YET_IN_FORCE


def test_the_first_day_is_in_force():
    assert status(JAN1_2024) is PolicyStatus.IN_FORCE


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (date(2028, 10, 2), PolicyStatus.EXPIRING),  # exactly 90 days before the last day
        (date(2028, 10, 1), PolicyStatus.IN_FORCE),  # 91 days before
    ],
)
def test_expiring_starts_when_the_last_day_is_within_the_horizon(as_of, expected):
    assert status(as_of) is expected


def test_the_horizon_is_configurable():
    assert status(date(2028, 6, 1), horizon=365) is PolicyStatus.EXPIRING
    assert status(date(2028, 12, 1), horizon=0) is PolicyStatus.IN_FORCE


def test_a_window_ending_on_leap_day_is_in_force_on_leap_day_and_expired_on_march_first():
    assert status(date(2024, 2, 29), start=date(2023, 3, 1), end=date(2024, 2, 29)) is PolicyStatus.EXPIRING
    assert status(date(2024, 3, 1), start=date(2023, 3, 1), end=date(2024, 2, 29)) is PolicyStatus.EXPIRED


def test_an_open_ended_policy_never_expires():
    assert status(date(2999, 12, 31), end=None) is PolicyStatus.IN_FORCE


def test_a_policy_with_no_known_window_is_unknown():
    assert status(date(2025, 1, 1), start=None, end=None) is PolicyStatus.UNKNOWN


def test_a_policy_known_only_by_its_end_is_in_force_until_then():
    assert status(date(2020, 1, 1), start=None) is PolicyStatus.IN_FORCE
    assert status(date(2029, 1, 1), start=None) is PolicyStatus.EXPIRED


@pytest.mark.parametrize("state", ["repealed", "superseded"])
def test_repealed_and_superseded_win_over_the_dates(state):
    assert status(date(2025, 1, 1), state=state).value == state
    assert status(date(2030, 1, 1), state=state).value == state
