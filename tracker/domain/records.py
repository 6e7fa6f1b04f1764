"""Plain records of a policy and what hangs off it.

They are the common language of the tracker: extraction produces them, `tracker import` parses the JSON
export into them, the store writes them, and `tracker export` / `ingest --dry-run` print them. Field names
match the `tracker/1` JSON shape (see README, "Data model").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum


class WindowSource(str, Enum):
    """How the validity window is known."""

    STATED = "stated"  # a validity sentence in the text (有效期至…, 自…起施行, "remain effective until")
    # Extraction no longer infers windows (a period in the title is the plan period, PolicyRecord.plan_from/to);
    # kept for windows stored or exported before, and for target due dates read from a heading or a bare year.
    INFERRED = "inferred"
    EXTENDED = "extended"  # a later document moved the end date (延至…)
    MANUAL = "manual"  # entered by hand


class AgencyRole(str, Enum):
    LEAD = "lead"
    RESPONSIBLE = "responsible"
    SUPPORTING = "supporting"


class Comparator(str, Enum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"
    EXACTLY = "exactly"
    BETWEEN = "between"  # a range: quantity is the low end, quantity_high the high end


class TargetKind(str, Enum):
    """What a dated obligation asks for."""

    TARGET = "target"  # a quantity by a date: 到2025年建成30个示范项目
    MILESTONE = "milestone"  # a thing done by a date, no number: 2024年6月底前建成平台


class CheckStatus(str, Enum):
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"

    @property
    def closes_target(self) -> bool:
        """A met or missed check ends a target's life: it is no longer due or overdue."""
        return self in (CheckStatus.MET, CheckStatus.MISSED)


class PolicyState(str, Enum):
    """What is known about a policy beyond its dates. The displayed status combines this with the window."""

    ACTIVE = "active"
    REPEALED = "repealed"
    SUPERSEDED = "superseded"


class PolicyStatus(str, Enum):
    """A policy's status as of a given day (see tracker.domain.status)."""

    NOT_YET_IN_FORCE = "not_yet_in_force"
    IN_FORCE = "in_force"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    REPEALED = "repealed"
    SUPERSEDED = "superseded"
    UNKNOWN = "unknown"  # no window known at all


@dataclass
class AgencyLink:
    name: str
    role: AgencyRole = AgencyRole.RESPONSIBLE


@dataclass
class MeasureRecord:
    number: str  # as printed: "（七）", "7.", "第七条"
    ordinal: int  # 1-based order within the policy
    section: str | None = None
    title: str | None = None
    text: str = ""
    agencies: list[AgencyLink] = field(default_factory=list)
    # The English side, when a translation is on file: its text, and which of the translation's measures
    # (by ordinal) it is, and how that is known ("anchors", "order", "manual").
    title_en: str | None = None
    text_en: str | None = None
    translation: int | None = None
    alignment: str | None = None


@dataclass
class CheckRecord:
    checked_on: date
    status: CheckStatus
    value: Decimal | None = None
    note: str | None = None
    checked_by: str | None = None


@dataclass
class TargetRecord:
    text: str
    due_on: date | None
    measure: str | None = None  # the measure's number as printed
    metric: str | None = None
    quantity: Decimal | None = None  # the low end of a range (comparator BETWEEN)
    unit: str | None = None
    comparator: Comparator = Comparator.EXACTLY
    quantity_high: Decimal | None = None  # the high end of a range, else None
    due_source: WindowSource = WindowSource.STATED  # INFERRED: the date was read from a heading or a bare year
    checks: list[CheckRecord] = field(default_factory=list)
    text_en: str | None = None  # the translation's sentence for the same quantity and due date
    metric_en: str | None = None
    unit_en: str | None = None
    kind: TargetKind = TargetKind.TARGET


@dataclass
class SourceRecord:
    name: str  # file name or URL
    sha256: str
    language: str | None = None
    url: str | None = None


@dataclass
class SupersessionRecord:
    """A policy this one repeals or replaces; `doc_number`/`title` identify it when it is not in the database."""

    doc_number: str | None = None
    title: str | None = None


@dataclass
class HistoryRecord:
    field: str  # "effective_to", "status", "due_on", ...
    old: str | None
    new: str | None
    reason: str | None = None
    source: str | None = None  # doc number or source file that caused the change
    at: str | None = None  # ISO timestamp when recorded


@dataclass
class PolicyRecord:
    title: str
    ref: str | None = None
    title_en: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    published_on: date | None = None
    language: str | None = None  # "zh" | "en"
    effective_from: date | None = None
    effective_to: date | None = None  # inclusive last day in force; None = open-ended or unknown
    window_source: WindowSource | None = None
    window_basis: str | None = None  # the sentence the window was read from, for the user to check
    # A plan's period (行动方案（2026—2030年）, 规划期为2021—2025年): not a validity window, the status ignores it.
    plan_from: date | None = None
    plan_to: date | None = None  # inclusive: the last day of the period's last year
    plan_basis: str | None = None  # the title or the sentence the period was read from
    state: PolicyState = PolicyState.ACTIVE
    supersedes: list[SupersessionRecord] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)
    measures: list[MeasureRecord] = field(default_factory=list)
    targets: list[TargetRecord] = field(default_factory=list)
    history: list[HistoryRecord] = field(default_factory=list)
    translation: list[MeasureRecord] = field(default_factory=list)  # the English translation's measures
    notes: list[str] = field(default_factory=list)  # extraction report lines: what was found and what was not
