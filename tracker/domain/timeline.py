"""The timeline: policy windows as bars on one time axis, targets as markers, as of a day. Pure.

Positions are percentages of the axis, computed here so the template only places what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

from tracker.domain.status import DEFAULT_EXPIRING_HORIZON_DAYS, policy_status

TARGET_SOON_DAYS = 30  # a target is "due soon" within this many days of its due date
GREYED = frozenset({"expired", "superseded", "repealed"})
TARGET_STATUSES = ("open", "due_soon", "overdue", "met", "missed")
POLICY_STATUSES = ("not_yet_in_force", "in_force", "expiring", "expired", "repealed", "superseded", "unknown")


@dataclass(frozen=True)
class TimelinePolicy:
    """A policy as the store reads it for the timeline."""

    id: int
    ref: str
    title: str
    title_en: str | None
    doc_number: str | None
    state: str
    effective_from: date | None
    effective_to: date | None  # inclusive
    window_source: str | None
    original_end: date | None  # the last day before the window was extended, when it was
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimelineTarget:
    id: int
    policy_id: int
    text: str
    due_on: date
    outcome: str | None
    kind: str = "target"  # or "milestone", or a kind still to come
    measure: str | None = None
    agencies: tuple[str, ...] = ()


def target_status(due_on: date, outcome: str | None, as_of: date, soon_days: int = TARGET_SOON_DAYS) -> str:
    """met / missed once closed; otherwise overdue, due_soon or open as of the day."""
    if outcome in ("met", "missed"):
        return outcome
    if due_on < as_of:
        return "overdue"
    if (due_on - as_of).days <= soon_days:
        return "due_soon"
    return "open"


@dataclass(frozen=True)
class Marker:
    x: float  # percent of the axis
    on: date
    status: str
    kind: str
    text: str
    measure: str | None


@dataclass(frozen=True)
class Row:
    ref: str
    title: str
    doc_number: str | None
    status: str
    greyed: bool
    window_from: date | None
    window_to: date | None
    window_source: str | None
    bar: tuple[float, float] | None  # (x, width) in percent; None when no date is known
    open_start: bool
    open_end: bool
    extension: tuple[float, float] | None  # the part added by an extension
    markers: tuple[Marker, ...]
    agencies: tuple[str, ...]
    statuses: tuple[str, ...]  # the policy's status and its targets', for the status filter


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    as_of: date
    start: date
    end: date
    today_x: float
    ticks: tuple[Tick, ...]
    rows: tuple[Row, ...]
    agencies: tuple[str, ...] = field(default=())
    statuses: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.rows


def _axis(policies: list[TimelinePolicy], targets: list[TimelineTarget], as_of: date) -> tuple[date, date]:
    days = [as_of]
    for p in policies:
        days.extend(d for d in (p.effective_from, p.effective_to, p.original_end) if d is not None)
    days.extend(t.due_on for t in targets)
    # Keep the axis readable: a century-long window should not squash this decade into a sliver.
    low, high = as_of - timedelta(days=365 * 12), as_of + timedelta(days=365 * 12)
    start, end = max(min(days), low), min(max(days), high)
    if (end - start).days < 365:
        end = start + timedelta(days=365)
    pad = timedelta(days=max(7, (end - start).days // 40))
    return date(max(1, (start - pad).year), (start - pad).month, 1), end + pad


def _ticks(start: date, end: date, x) -> tuple[Tick, ...]:
    years = list(range(start.year + 1, end.year + 1))
    step = max(1, -(-len(years) // 12))
    return tuple(Tick(x(date(y, 1, 1)), str(y)) for y in years if (y - years[0]) % step == 0)


def build_timeline(
    policies: Iterable[TimelinePolicy],
    targets: Iterable[TimelineTarget],
    as_of: date,
    *,
    language: str = "zh",
    horizon_days: int = DEFAULT_EXPIRING_HORIZON_DAYS,
) -> Timeline:
    """Rows in the policies' order; bars clipped to the axis; markers for every dated target."""
    policies, targets = list(policies), [t for t in targets if t.due_on is not None]
    start, end = _axis(policies, targets, as_of)
    span = (end - start).days or 1

    def x(day: date) -> float:
        return round(min(max((day - start).days / span, 0.0), 1.0) * 100, 3)

    by_policy: dict[int, list[TimelineTarget]] = {}
    for t in targets:
        by_policy.setdefault(t.policy_id, []).append(t)
    rows = []
    for p in policies:
        status = policy_status(p.effective_from, p.effective_to, p.state, as_of, horizon_days).value
        bar = extension = None
        if p.effective_from is not None or p.effective_to is not None:
            left = x(p.effective_from or start)
            right = x((p.effective_to + timedelta(days=1)) if p.effective_to else end)
            bar = (left, round(max(right - left, 0.3), 3))
            if p.original_end is not None and p.effective_to is not None and p.original_end < p.effective_to:
                ext_left = x(p.original_end + timedelta(days=1))
                extension = (ext_left, round(max(right - ext_left, 0.3), 3))
        markers = tuple(
            Marker(x(t.due_on), t.due_on, target_status(t.due_on, t.outcome, as_of), t.kind, t.text, t.measure)
            for t in sorted(by_policy.get(p.id, []), key=lambda t: (t.due_on, t.id))
        )
        title = p.title_en if language == "en" and p.title_en else p.title
        rows.append(
            Row(
                ref=p.ref, title=title, doc_number=p.doc_number, status=status, greyed=status in GREYED,
                window_from=p.effective_from, window_to=p.effective_to, window_source=p.window_source,
                bar=bar, open_start=bar is not None and p.effective_from is None,
                open_end=bar is not None and p.effective_to is None, extension=extension, markers=markers,
                agencies=p.agencies,
                statuses=tuple(dict.fromkeys([status, *(m.status for m in markers)])),
            )
        )
    agencies = sorted({a for p in policies for a in p.agencies})
    seen = {s for r in rows for s in r.statuses}
    statuses = tuple(s for s in (*POLICY_STATUSES, *TARGET_STATUSES) if s in seen)
    return Timeline(as_of, start, end, x(as_of), _ticks(start, end, x), tuple(rows), tuple(agencies), statuses)
