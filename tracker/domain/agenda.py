"""The agenda: what expires, falls due or is overdue in a window, as of a day. Pure: no clock, no database.

The store reads plain item rows (below) with queries built for the listing; this module decides which of
them are on the agenda and in what order, so the CLI, the digests and the tests share one answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Iterable

from tracker.domain.records import PolicyState


class AgendaKind(str, Enum):
    EXPIRY = "expiry"  # a policy's last day in force
    TARGET = "target"  # a target's due date
    MILESTONE = "milestone"  # a milestone's due date (a dated obligation without a number)
    CHECK = "check"  # a target's (or milestone's) next progress check
    # The last day of a plan's period (行动方案（2026—2030年） -> 2030-12-31): not a lapse of the policy (its window
    # says that), but the day the plan's work is meant to be done, which an officer must see coming.
    PLAN = "plan"


ALL_KINDS: frozenset[AgendaKind] = frozenset(AgendaKind)
_KIND_ORDER = {AgendaKind.EXPIRY: 0, AgendaKind.PLAN: 1, AgendaKind.TARGET: 2, AgendaKind.MILESTONE: 3, AgendaKind.CHECK: 4}


@dataclass(frozen=True)
class PolicyInfo:
    """What an agenda line shows about the policy an item belongs to."""

    ref: str
    title: str
    doc_number: str | None = None
    title_en: str | None = None
    state: PolicyState = PolicyState.ACTIVE
    effective_to: date | None = None  # the last day in force, when known

    def lapsed(self, as_of: date) -> bool:
        """Out of force by `as_of`: its window ended. Its open targets no longer oblige anyone to act."""
        return self.effective_to is not None and self.effective_to < as_of

    @property
    def binding(self) -> bool:
        """Repealed and superseded policies no longer bind: they raise no expiry, target or check items."""
        return PolicyState(self.state) is PolicyState.ACTIVE


@dataclass(frozen=True)
class ExpiryItem:
    policy: PolicyInfo
    effective_to: date | None  # inclusive last day in force; None = open-ended
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanItem:
    policy: PolicyInfo
    plan_to: date | None  # the last day of the plan period (inclusive)
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetItem:
    policy: PolicyInfo
    target_id: int
    text: str
    due_on: date | None
    outcome: str | None = None  # "met" / "missed" once a check closed the target
    measure: str | None = None  # the measure's number as printed
    agencies: tuple[str, ...] = ()
    kind: str = "target"  # or "milestone"
    text_en: str | None = None  # the translation's sentence, when a translation is on file


@dataclass(frozen=True)
class CheckItem:
    policy: PolicyInfo
    target_id: int
    text: str
    next_check_on: date | None  # as of the listing's day: a passed, unrecorded check is rolled on (check_due_on)
    outcome: str | None = None
    measure: str | None = None
    agencies: tuple[str, ...] = ()
    text_en: str | None = None


@dataclass(frozen=True)
class AgendaOptions:
    kinds: frozenset[AgendaKind] = ALL_KINDS
    include_overdue: bool = True
    # Open targets of a policy whose window has ended are not overdue any more, they lapsed: hidden unless asked.
    include_lapsed: bool = False


@dataclass(frozen=True)
class AgendaEntry:
    on: date
    days_left: int  # negative when overdue
    kind: AgendaKind
    policy: PolicyInfo
    subject: str  # what falls due: the policy's title for an expiry or a plan's end, the target's text otherwise
    measure: str | None = None
    agencies: tuple[str, ...] = field(default=())
    overdue: bool = False
    target_id: int | None = None
    lapsed: bool = False  # an open target of a policy no longer in force (shown only with include_lapsed)
    subject_en: str | None = None  # the subject in English: the English title, or the translation's sentence


def short_title(title: str, limit: int = 24) -> str:
    """A title cut to `limit` characters (CJK titles are long; the document number identifies the policy)."""
    title = " ".join((title or "").split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


def policy_label(policy: PolicyInfo, limit: int = 24) -> str:
    """Short title and document number, as every agenda line shows the policy. Without a number, the title
    alone: the ref is a slug of that same title, and `title (title)` says nothing twice."""
    short = short_title(policy.title, limit)
    return f"{short} ({policy.doc_number})" if policy.doc_number else short


def build_agenda(
    as_of: date,
    until: date,
    *,
    expiries: Iterable[ExpiryItem] = (),
    targets: Iterable[TargetItem] = (),
    checks: Iterable[CheckItem] = (),
    options: AgendaOptions = AgendaOptions(),
    plans: Iterable[PlanItem] = (),
) -> list[AgendaEntry]:
    """The entries that need attention between `as_of` and `until` (both inclusive), sorted by date.

    - expiry: a binding policy whose last day in force falls in the window (open-ended windows never do);
    - target: an open target (no met/missed check) due in the window, or due before `as_of` (overdue, shown
      unless `options.include_overdue` is off);
    - milestone: the same for an open milestone;
    - check: an open target whose next progress check falls in the window;
    - plan: a binding policy still in force whose plan period ends in the window, unless its window ends the
      same day (the expiry says it).
    """
    entries: list[AgendaEntry] = []
    kinds = options.kinds
    if AgendaKind.EXPIRY in kinds:
        for item in expiries:
            if item.policy.binding and item.effective_to is not None and as_of <= item.effective_to <= until:
                entries.append(
                    AgendaEntry(
                        on=item.effective_to,
                        days_left=(item.effective_to - as_of).days,
                        kind=AgendaKind.EXPIRY,
                        policy=item.policy,
                        subject=item.policy.title,
                        agencies=item.agencies,
                        subject_en=item.policy.title_en,
                    )
                )
    if AgendaKind.PLAN in kinds:
        for item in plans:
            end = item.plan_to
            if not item.policy.binding or end is None or not as_of <= end <= until or item.policy.lapsed(as_of):
                continue
            if item.policy.effective_to == end and AgendaKind.EXPIRY in kinds:
                continue
            entries.append(
                AgendaEntry(
                    on=end,
                    days_left=(end - as_of).days,
                    kind=AgendaKind.PLAN,
                    policy=item.policy,
                    subject=item.policy.title,
                    agencies=item.agencies,
                    subject_en=item.policy.title_en,
                )
            )
    if AgendaKind.TARGET in kinds or AgendaKind.MILESTONE in kinds:
        for item in targets:
            kind = AgendaKind.MILESTONE if item.kind == AgendaKind.MILESTONE.value else AgendaKind.TARGET
            if kind not in kinds or not item.policy.binding or item.outcome is not None or item.due_on is None:
                continue
            overdue = item.due_on < as_of
            if item.due_on > until or (overdue and not options.include_overdue):
                continue
            lapsed = item.policy.lapsed(as_of)
            if lapsed and not options.include_lapsed:
                continue
            entries.append(
                AgendaEntry(
                    on=item.due_on,
                    days_left=(item.due_on - as_of).days,
                    kind=kind,
                    policy=item.policy,
                    subject=item.text,
                    measure=item.measure,
                    agencies=item.agencies,
                    overdue=overdue and not lapsed,
                    target_id=item.target_id,
                    lapsed=lapsed,
                    subject_en=item.text_en,
                )
            )
    if AgendaKind.CHECK in kinds:
        for item in checks:
            if not item.policy.binding or item.outcome is not None or item.next_check_on is None:
                continue
            if item.policy.lapsed(as_of):
                continue  # no progress checks on a policy that is no longer in force
            if as_of <= item.next_check_on <= until:
                entries.append(
                    AgendaEntry(
                        on=item.next_check_on,
                        days_left=(item.next_check_on - as_of).days,
                        kind=AgendaKind.CHECK,
                        policy=item.policy,
                        subject=item.text,
                        measure=item.measure,
                        agencies=item.agencies,
                        target_id=item.target_id,
                        subject_en=item.text_en,
                    )
                )
    entries.sort(key=lambda e: (e.on, _KIND_ORDER[e.kind], e.policy.ref, e.target_id or 0))
    return entries
