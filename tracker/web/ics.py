"""RFC 5545 calendars of the agenda, built with the `icalendar` library.

One all-day event per agenda row (expiry, plan, target, milestone, check, or any kind the agenda grows). The UID is
derived from what the event is about, never from the run, so a newer file or feed updates the events a
calendar already holds; SEQUENCE counts the recorded moves of the date, so it rises exactly when a date moves.
DTSTAMP is the start of the as-of day: two files of the same day and data are byte for byte the same, which
is what lets the feed answer 304 Not Modified.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable

from tracker.domain.agenda import AgendaEntry, short_title
from tracker.domain.notices import NoticeRules
from tracker.web.words import kind_label, words

PRODID = "-//compliance-deadline-tracker//tracker//EN"
UID_DOMAIN = "compliance-tracker"
ALARM_HOUR = 9  # alarms ring at 09:00 (floating, the calendar's own zone) on each notice day


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def event_uid(entry: AgendaEntry) -> str:
    """Stable across runs and databases: the policy's ref for an expiry; for a target-like item the policy,
    the measure and the target's text (database ids change when a database is rebuilt from an export)."""
    kind = entry.kind.value
    if kind in ("expiry", "plan"):  # one of each per policy
        return f"{kind}-{_digest(entry.policy.ref)}@{UID_DOMAIN}"
    return f"{kind}-{_digest(entry.policy.ref, entry.measure or '', ' '.join(entry.subject.split()))}@{UID_DOMAIN}"


def _quarters_between(earlier: date, later: date) -> int:
    return max(0, ((later.year * 12 + later.month) - (earlier.year * 12 + earlier.month) + 2) // 3)


def event_sequence(entry: AgendaEntry, facts) -> int:
    """How many times this event's date has moved, from stored data only (history rows, recorded checks)."""
    kind = entry.kind.value
    if kind == "expiry":
        return facts.end_changes.get(entry.policy.ref, 0)
    if kind == "plan":
        return facts.plan_end_changes.get(entry.policy.ref, 0)
    if kind == "check":
        # Each recorded check moves the next check on; an unrecorded one rolls on by whole quarters.
        stored = facts.stored_next_check.get(entry.target_id)
        rolled = _quarters_between(stored, entry.on) if stored is not None and stored < entry.on else 0
        return facts.checks_recorded.get(entry.target_id, 0) + rolled
    return facts.due_changes.get(entry.target_id, 0)


def alarm_days(kind: str, rules: NoticeRules) -> tuple[int, ...]:
    if kind in ("expiry", "plan"):  # a plan's end is seen coming as a policy's end is
        return rules.expiry_before
    if kind == "check":
        return rules.check_before
    return rules.target_before  # targets, milestones and kinds to come are reminded like targets


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _policy_title(entry: AgendaEntry, language: str) -> str:
    if language == "en" and entry.policy.title_en:
        return _one_line(entry.policy.title_en)
    return _one_line(entry.policy.title)


def event_summary(entry: AgendaEntry, language: str) -> str:
    label = kind_label(entry.kind.value, language)
    sep = "：" if language == "zh" else ": "
    subject = _policy_title(entry, language) if entry.kind.value in ("expiry", "plan") else _one_line(entry.subject)
    where = entry.policy.doc_number or entry.policy.ref
    return f"{label}{sep}{short_title(subject, 60)} ({where})"


def event_description(entry: AgendaEntry, facts, language: str, url: str | None) -> str:
    w = words(language)
    sep = "：" if language == "zh" else ": "
    kind = entry.kind.value
    source = (facts.window_basis.get(entry.policy.ref) if kind == "expiry"
              else facts.plan_basis.get(entry.policy.ref) if kind == "plan" else entry.subject)
    agencies = ("、" if language == "zh" else ", ").join(entry.agencies)
    lines = [
        (w["policy"], _policy_title(entry, language)),
        (w["doc_number"], entry.policy.doc_number),
        (w["measure"], entry.measure),
        (w["agencies"], agencies),
        (w["source"], _one_line(source) if source else None),
        (w["link"], url),
    ]
    return "\n".join(f"{label}{sep}{value}" for label, value in lines if value)


def build_calendar(
    entries: Iterable[AgendaEntry],
    facts,
    *,
    as_of: date,
    language: str = "zh",
    rules: NoticeRules = NoticeRules(),
    base_url: str | None = None,
    name: str | None = None,
) -> bytes:
    """The calendar as bytes (UTF-8, CRLF lines), one VEVENT per entry, in the entries' order."""
    from icalendar import Alarm, Calendar, Event

    w = words(language)
    stamp = datetime.combine(as_of, time(0, 0), tzinfo=timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or w["calendar_name"])
    seen: dict[str, int] = {}
    for entry in entries:
        uid = event_uid(entry)
        # Two identical targets in one measure would share a UID; the second and later get a suffix in the
        # agenda's (stable) order.
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        url = f"{base_url.rstrip('/')}/policy/{_quote(entry.policy.ref)}" if base_url else None
        summary = event_summary(entry, language)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.on)
        event.add("dtend", entry.on + timedelta(days=1))  # DTEND of an all-day event is exclusive
        event.add("sequence", event_sequence(entry, facts))
        event.add("summary", summary)
        event.add("description", event_description(entry, facts, language, url))
        event.add("categories", [entry.kind.value])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        if url:
            event.add("url", url)
        for days in alarm_days(entry.kind.value, rules):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(days=-days, hours=ALARM_HOUR))
            if days > 1:
                text = w["alarm"].format(days=days, summary=summary)
            else:
                text = w["alarm_tomorrow"].format(summary=summary) if days == 1 else summary
            alarm.add("description", text)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def _quote(ref: str) -> str:
    from urllib.parse import quote

    return quote(ref, safe="")
