"""Schedule settings from the environment, checked once at start (a malformed value is a ConfigError).

Pure: parses a mapping, reads no clock and no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import Mapping

from tracker.errors import ConfigError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class ScheduleSettings:
    digest_time: time = time(8, 30)  # local time in each subscriber's zone
    weekly_day: int = 0  # Monday; datetime.weekday() numbering
    delivery_interval: float = 300.0  # seconds between delivery passes (retries of due messages)
    compose_interval: float = 60.0  # seconds between "which digest slots are due" checks
    refresh_interval: float = 900.0  # seconds between re-arming notices after data changes
    heartbeat_interval: float = 30.0
    sources_interval: float = 300.0  # seconds between "which watched sources are due" checks
    lease: float = 120.0  # seconds a leader holds the digest jobs; a dead leader is replaced after this
    delivery_lease: float = 300.0  # seconds a claimed message stays claimed by a sender that may have died

    @property
    def weekly_day_name(self) -> str:
        return WEEKDAYS[self.weekly_day]


def parse_time_of_day(value: str, what: str) -> time:
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ConfigError(f"{what}: expected a local time HH:MM such as 08:30, got {value!r}")
    return time(int(m[1]), int(m[2]))


def parse_weekday(value: str, what: str) -> int:
    text = value.strip().lower()[:3]
    if text not in WEEKDAYS or value.strip().lower() not in (text, _full_name(text)):
        raise ConfigError(f"{what}: expected a weekday (mon, tue, ..., sun), got {value!r}")
    return WEEKDAYS.index(text)


def _full_name(short: str) -> str:
    return {
        "mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday",
        "fri": "friday", "sat": "saturday", "sun": "sunday",
    }[short]


def parse_seconds(value: str, what: str, *, minimum: float = 0.05) -> float:
    """Seconds as a number (`300`, `0.5`) or with a unit (`90s`, `5m`, `1h`)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value)
    if not m:
        raise ConfigError(f"{what}: expected seconds such as 300, 5m or 1h, got {value!r}")
    seconds = float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[m[2]]
    if seconds < minimum:
        raise ConfigError(f"{what}: must be at least {minimum:g} seconds, got {value!r}")
    return seconds


_SECONDS = {
    "TRACKER_DELIVERY_INTERVAL": "delivery_interval",
    "TRACKER_COMPOSE_INTERVAL": "compose_interval",
    "TRACKER_REFRESH_INTERVAL": "refresh_interval",
    "TRACKER_HEARTBEAT_INTERVAL": "heartbeat_interval",
    "TRACKER_SOURCES_INTERVAL": "sources_interval",
    "TRACKER_SCHEDULER_LEASE": "lease",
    "TRACKER_DELIVERY_LEASE": "delivery_lease",
}


def load_schedule(env: Mapping[str, str]) -> ScheduleSettings:
    """ScheduleSettings from TRACKER_DIGEST_TIME, TRACKER_WEEKLY_DAY and the TRACKER_*_INTERVAL variables."""
    values: dict = {}
    if env.get("TRACKER_DIGEST_TIME"):
        values["digest_time"] = parse_time_of_day(env["TRACKER_DIGEST_TIME"], "TRACKER_DIGEST_TIME")
    if env.get("TRACKER_WEEKLY_DAY"):
        values["weekly_day"] = parse_weekday(env["TRACKER_WEEKLY_DAY"], "TRACKER_WEEKLY_DAY")
    for name, attr in _SECONDS.items():
        if env.get(name):
            values[attr] = parse_seconds(env[name], name)
    schedule = ScheduleSettings(**values)
    if schedule.lease <= schedule.compose_interval and "TRACKER_SCHEDULER_LEASE" in env:
        raise ConfigError(
            "TRACKER_SCHEDULER_LEASE: must be longer than TRACKER_COMPOSE_INTERVAL, or the leader loses its lease "
            "between two runs"
        )
    if schedule.lease <= schedule.compose_interval:
        # Keep the default lease comfortably longer than the leader's renewal period.
        schedule = ScheduleSettings(**{**values, "lease": max(schedule.lease, 2 * schedule.compose_interval)})
    return schedule
