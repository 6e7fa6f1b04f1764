"""Schedule settings come from the environment; a malformed one is a ConfigError naming the variable."""

from __future__ import annotations

from datetime import time

import pytest

from tracker.errors import ConfigError
from tracker.scheduling.settings import load_schedule, parse_seconds


def test_defaults_are_half_past_eight_on_monday_with_five_minute_delivery_passes():
    schedule = load_schedule({})
    assert schedule.digest_time == time(8, 30)
    assert schedule.weekly_day == 0
    assert schedule.delivery_interval == 300


def test_digest_time_weekday_and_intervals_are_read_from_the_environment():
    schedule = load_schedule(
        {
            "TRACKER_DIGEST_TIME": "07:05",
            "TRACKER_WEEKLY_DAY": "Friday",
            "TRACKER_DELIVERY_INTERVAL": "2m",
            "TRACKER_REFRESH_INTERVAL": "1h",
            "TRACKER_COMPOSE_INTERVAL": "0.5",
        }
    )
    assert schedule.digest_time == time(7, 5)
    assert schedule.weekly_day == 4
    assert schedule.delivery_interval == 120
    assert schedule.refresh_interval == 3600
    assert schedule.compose_interval == 0.5


@pytest.mark.parametrize(
    "name, value",
    [
        ("TRACKER_DIGEST_TIME", "8.30"),
        ("TRACKER_DIGEST_TIME", "24:00"),
        ("TRACKER_DIGEST_TIME", "08:61"),
        ("TRACKER_WEEKLY_DAY", "someday"),
        ("TRACKER_WEEKLY_DAY", "monx"),
        ("TRACKER_DELIVERY_INTERVAL", "soon"),
        ("TRACKER_DELIVERY_INTERVAL", "-5"),
        ("TRACKER_DELIVERY_INTERVAL", "0"),
        ("TRACKER_HEARTBEAT_INTERVAL", "5 days"),
    ],
)
def test_a_malformed_setting_is_a_config_error_naming_the_variable(name, value):
    with pytest.raises(ConfigError) as excinfo:
        load_schedule({name: value})
    assert name in str(excinfo.value)
    assert repr(value) in str(excinfo.value)


def test_a_lease_no_longer_than_the_leaders_renewal_period_is_refused():
    with pytest.raises(ConfigError, match="TRACKER_SCHEDULER_LEASE"):
        load_schedule({"TRACKER_COMPOSE_INTERVAL": "60", "TRACKER_SCHEDULER_LEASE": "60"})


def test_the_default_lease_outlasts_a_slow_compose_interval():
    assert load_schedule({"TRACKER_COMPOSE_INTERVAL": "10m"}).lease > 600


def test_seconds_accept_units():
    assert parse_seconds("90s", "X") == 90
    assert parse_seconds("5m", "X") == 300
