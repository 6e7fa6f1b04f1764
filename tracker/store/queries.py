"""Read queries built for the listings (`upcoming`, `policies`, `show`): SQLAlchemy Core selects on indexes.

Each listing reads the rows it shows and, for their measures, the agencies in one extra query; nothing is
loaded object by object. Rows come back as the plain items of tracker.domain.agenda.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Sequence

from sqlalchemy import and_, bindparam, exists, func, or_, select
from sqlalchemy.engine import Connection

from tracker.domain.agenda import CheckItem, ExpiryItem, PlanItem, PolicyInfo, TargetItem
from tracker.domain.records import PolicyState
from tracker.domain.targets import check_due_on, period_end_on_or_after
from tracker.errors import NotFound
from tracker.store.schema import tables

# Core tables, not the ORM classes: a listing imports neither sqlalchemy.orm nor the mapped classes.
policy_t = tables.policy
measure_t = tables.measure
target_t = tables.target
check_t = tables.target_check
agency_t = tables.agency
alias_t = tables.agency_alias
link_t = tables.measure_agency
supersession_t = tables.supersession
history_t = tables.history
translated_t = tables.translated_measure

# Ids per IN (...) list: PostgreSQL takes at most 65,535 parameters in one statement.
IN_LIMIT = 10_000

_POLICY_COLUMNS = (
    policy_t.c.id,
    policy_t.c.ref,
    policy_t.c.title,
    policy_t.c.title_en,
    policy_t.c.doc_number,
    policy_t.c.state,
    policy_t.c.effective_to.label("policy_effective_to"),  # whether the policy has lapsed (agenda)
)


def agency_name_key(name: str) -> str:
    """How agency names are compared: NFKC (full-width forms), no whitespace, case-folded."""
    return "".join(unicodedata.normalize("NFKC", name or "").split()).casefold()


@dataclass(frozen=True)
class AgendaFilter:
    """Which policies and agencies a listing is narrowed to (already resolved to ids)."""

    policy_id: int | None = None
    agency_ids: tuple[int, ...] | None = None


def _by_number(conn: Connection, number: str, ref: str):
    """The policy carrying document number `number`; None if none does, NotFound naming them if several do
    (a notice that issued several policies gave each its number)."""
    rows = conn.execute(select(policy_t.c.id, policy_t.c.ref, policy_t.c.title)
                        .where(policy_t.c.doc_number == number).order_by(policy_t.c.id)).all()
    if len(rows) > 1:
        listed = "; ".join(f"{r.ref} {r.title}" for r in rows)
        raise NotFound(f"{len(rows)} policies carry document number {ref!r} (one notice issued them): {listed}; "
                       "use one of these refs")
    return rows[0] if rows else None


def resolve_policy(conn: Connection, ref: str) -> int:
    """The id of the policy whose ref, document number or exact title is `ref`, or NotFound (also when a
    document number several policies share is given: the message lists them)."""
    text = (ref or "").strip()
    row = conn.execute(select(policy_t.c.id).where(policy_t.c.ref == text)).first()
    if row is None:
        row = _by_number(conn, text, ref)
    if row is None:
        # A title pasted from the document; refs are case-insensitive (P-ABC123 is p-abc123).
        rows = conn.execute(select(policy_t.c.id).where(
            or_(policy_t.c.title == text, policy_t.c.title_en == text, policy_t.c.ref == text.lower())
        ).order_by(policy_t.c.id).limit(2)).all()
        if len(rows) > 1:
            raise NotFound(f"several policies are titled {ref!r}; use the ref `tracker policies` shows")
        row = rows[0] if rows else None
    if row is None:
        # A document number as people type it: 沪府办规[2023]27号, (2023), 【2023】, with spaces; normalised the
        # way ingest stores it (〔2023〕, no spaces).
        from tracker.extract.windows import normalise_doc_number

        number = normalise_doc_number(text)
        if number != text:
            row = _by_number(conn, number, ref)
    if row is None:
        raise NotFound(f"no policy with reference {ref!r} (see `tracker policies` for references)")
    return row.id


def resolve_agency(conn: Connection, name: str) -> tuple[int, ...]:
    """Ids of the agencies called `name` (in Chinese or English) or having it as an alias (compared as
    agency_name_key), or NotFound."""
    raw = (name or "").strip()
    keys = sorted({raw, agency_name_key(raw), raw.casefold()})
    by_name = select(agency_t.c.id).where(or_(
        agency_t.c.name.in_(keys), func.lower(agency_t.c.name).in_(keys), func.lower(agency_t.c.name_en).in_(keys),
    ))
    by_alias = select(alias_t.c.agency_id).where(
        or_(alias_t.c.alias.in_(keys), func.lower(alias_t.c.alias).in_(keys))
    )
    ids = {r[0] for r in conn.execute(by_name)} | {r[0] for r in conn.execute(by_alias)}
    if not ids:
        raise NotFound(f"no agency named {name!r} (names and aliases are matched)")
    return tuple(sorted(ids))


def agency_english_names(conn: Connection, names: Iterable[str]) -> dict[str, str]:
    """English names of the agencies called `names` (those that have one)."""
    wanted = sorted(set(names))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), IN_LIMIT):
        query = select(agency_t.c.name, agency_t.c.name_en).where(
            agency_t.c.name.in_(wanted[start:start + IN_LIMIT]), agency_t.c.name_en.is_not(None))
        out.update(dict(conn.execute(query).all()))
    return out


def _measures_of_agencies(agency_ids: Sequence[int]):
    return select(link_t.c.measure_id).where(link_t.c.agency_id.in_(agency_ids))


def _policy_info(row) -> PolicyInfo:
    return PolicyInfo(
        ref=row.ref,
        title=row.title,
        doc_number=row.doc_number,
        title_en=row.title_en,
        state=PolicyState(row.state),
        effective_to=row.policy_effective_to,
    )


def expiry_rows(conn: Connection, as_of: date, until: date, flt: AgendaFilter = AgendaFilter()) -> list:
    """Binding policies whose last day in force falls in [as_of, until] (index on policy.effective_to)."""
    query = select(*_POLICY_COLUMNS, policy_t.c.effective_to).where(
        policy_t.c.effective_to.between(as_of, until), policy_t.c.state == PolicyState.ACTIVE.value
    )
    if flt.policy_id is not None:
        query = query.where(policy_t.c.id == flt.policy_id)
    if flt.agency_ids is not None:
        query = query.where(
            exists()
            .where(measure_t.c.policy_id == policy_t.c.id)
            .where(measure_t.c.id.in_(_measures_of_agencies(flt.agency_ids)))
        )
    return conn.execute(query).all()


def plan_items(conn: Connection, as_of: date, until: date, flt: AgendaFilter = AgendaFilter()) -> list[PlanItem]:
    """Binding policies whose plan period ends in [as_of, until], with their agencies: two queries. (policy.plan_to
    has no index: the policies are scanned, as many rows as policies, not as measures or targets.)"""
    query = select(*_POLICY_COLUMNS, policy_t.c.plan_to).where(
        policy_t.c.plan_to.between(as_of, until), policy_t.c.state == PolicyState.ACTIVE.value
    )
    if flt.policy_id is not None:
        query = query.where(policy_t.c.id == flt.policy_id)
    if flt.agency_ids is not None:
        query = query.where(
            exists()
            .where(measure_t.c.policy_id == policy_t.c.id)
            .where(measure_t.c.id.in_(_measures_of_agencies(flt.agency_ids)))
        )
    rows = conn.execute(query).all()
    _, by_policy = agencies_for(conn, policy_ids=[r.id for r in rows]) if rows else ({}, {})
    return [PlanItem(_policy_info(r), r.plan_to, by_policy.get(r.id, ())) for r in rows]


def _target_query(flt: AgendaFilter, *conditions):
    """Target columns only. Policy and measure facts come in separate id lookups (`agenda_items`): joined here,
    PostgreSQL misjudges how few open targets fall due (outcome and due date are correlated) and hash-joins
    whole tables, so the cost would grow with the database instead of with the rows listed."""
    query = select(
        target_t.c.id.label("target_id"),
        target_t.c.policy_id,
        target_t.c.kind,
        target_t.c.text,
        target_t.c.due_on,
        target_t.c.next_check_on,
        target_t.c.outcome,
        target_t.c.measure_id,
        target_t.c.text_en,
    ).where(*conditions)
    if flt.policy_id is not None:
        query = query.where(target_t.c.policy_id == flt.policy_id)
    if flt.agency_ids is not None:
        query = query.where(target_t.c.measure_id.in_(_measures_of_agencies(flt.agency_ids)))
    return query


def target_rows(
    conn: Connection, as_of: date, until: date, flt: AgendaFilter = AgendaFilter(), *, include_overdue: bool = True,
    kinds: Iterable[str] = ("target", "milestone"),
) -> list:
    """Open targets (and milestones) due in [as_of, until], and (when asked) open ones due before as_of: the
    overdue ones.

    Answered from the (outcome, due_on) index: outcome IS NULL and a due_on range.
    """
    lower = target_t.c.due_on.is_not(None) if include_overdue else target_t.c.due_on >= as_of
    conditions = [target_t.c.outcome.is_(None), lower, target_t.c.due_on <= until]
    kinds = set(kinds)
    if kinds != {"target", "milestone"}:
        conditions.append(target_t.c.kind.in_(sorted(kinds)))
    return conn.execute(_target_query(flt, *conditions)).all()


def check_rows(conn: Connection, as_of: date, until: date, flt: AgendaFilter = AgendaFilter()) -> list:
    """Targets with a progress check in [as_of, until] (index on target.next_check_on).

    Besides stored next checks in the window: targets whose stored next check has passed unrecorded, when the
    period end that replaces it (`check_due_on`) falls in the window and before their due date.
    No `outcome IS NULL` here: a closed target has no next check anyway, and that condition would lure the
    planner onto the (outcome, due_on) index, scanning every open target instead of the window's checks.
    """
    in_window = target_t.c.next_check_on.between(as_of, until)
    rolled = period_end_on_or_after(as_of)
    if rolled <= until:
        in_window = or_(in_window, and_(target_t.c.next_check_on < as_of, target_t.c.due_on > rolled))
    return conn.execute(_target_query(flt, in_window)).all()


def _active_policies(conn: Connection, policy_ids: Iterable[int]) -> dict[int, PolicyInfo]:
    """PolicyInfo of the binding (active) policies among `policy_ids`, by primary key."""
    ids = sorted(set(policy_ids))
    query = select(*_POLICY_COLUMNS).where(
        policy_t.c.id.in_(bindparam("ids", expanding=True)), policy_t.c.state == PolicyState.ACTIVE.value
    )
    return {
        row.id: _policy_info(row)
        for start in range(0, len(ids), IN_LIMIT)
        for row in conn.execute(query, {"ids": ids[start:start + IN_LIMIT]})
    }


def agencies_for(
    conn: Connection, measure_ids: Iterable[int] = (), policy_ids: Iterable[int] = ()
) -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
    """Agency names per measure and per policy (all its measures), in printed order, in ONE query."""
    by_measure, by_policy, _ = measure_facts(conn, measure_ids, policy_ids)
    return by_measure, by_policy


def measure_facts(
    conn: Connection, measure_ids: Iterable[int] = (), policy_ids: Iterable[int] = ()
) -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]], dict[int, str]]:
    """Agency names per measure and per policy (all its measures), in printed order, and the numbers of
    `measure_ids` as printed: ONE query (one per IN_LIMIT ids, for very long listings)."""
    measure_ids = sorted(set(measure_ids))
    policy_ids = sorted(set(policy_ids))
    by_measure: dict[int, list[str]] = defaultdict(list)
    by_policy: dict[int, list[str]] = defaultdict(list)
    numbers: dict[int, str] = {}
    wanted_measures = set(measure_ids)
    for start in range(0, max(len(measure_ids), len(policy_ids)), IN_LIMIT):
        some_measures, some_policies = measure_ids[start:start + IN_LIMIT], policy_ids[start:start + IN_LIMIT]
        conditions = []
        if some_measures:
            conditions.append(measure_t.c.id.in_(bindparam("measure_ids", some_measures, expanding=True)))
        if some_policies:
            conditions.append(measure_t.c.policy_id.in_(bindparam("policy_ids", some_policies, expanding=True)))
        query = (
            select(measure_t.c.id, measure_t.c.policy_id, measure_t.c.number, agency_t.c.name)
            .select_from(
                measure_t.outerjoin(link_t, link_t.c.measure_id == measure_t.c.id).outerjoin(
                    agency_t, agency_t.c.id == link_t.c.agency_id
                )
            )
            .where(or_(*conditions))
            .order_by(measure_t.c.policy_id, measure_t.c.ordinal, link_t.c.position, agency_t.c.name)
        )
        # A policy's names only from the round that asked for the whole policy: other rounds bring some of
        # its measures, and would put their agencies first.
        asked_policies = set(some_policies)
        for measure_id, policy_id, number, name in conn.execute(query).all():
            if measure_id in wanted_measures:
                numbers[measure_id] = number
            if name is None:
                continue  # a measure without agencies (outer join): its number is all there is
            if measure_id in wanted_measures and name not in by_measure[measure_id]:
                by_measure[measure_id].append(name)
            if policy_id in asked_policies and name not in by_policy[policy_id]:
                by_policy[policy_id].append(name)
    return {k: tuple(v) for k, v in by_measure.items()}, {k: tuple(v) for k, v in by_policy.items()}, numbers


def agenda_items(
    conn: Connection,
    as_of: date,
    until: date,
    *,
    kinds: Iterable[str] = ("expiry", "target", "milestone", "check"),
    flt: AgendaFilter = AgendaFilter(),
    include_overdue: bool = True,
) -> tuple[list[ExpiryItem], list[TargetItem], list[CheckItem]]:
    """The item rows `build_agenda` needs for the window: one query per kind, then one for the targets'
    policies and one for agencies and measure numbers, whatever the number of rows."""
    kinds = set(kinds)
    expiries = expiry_rows(conn, as_of, until, flt) if "expiry" in kinds else []
    dated = kinds & {"target", "milestone"}
    targets = target_rows(conn, as_of, until, flt, include_overdue=include_overdue, kinds=dated) if dated else []
    checks = check_rows(conn, as_of, until, flt) if "check" in kinds else []
    policies = _active_policies(conn, [r.policy_id for r in (*targets, *checks)])
    targets = [r for r in targets if r.policy_id in policies]  # of a repealed or superseded policy: not listed
    checks = [r for r in checks if r.policy_id in policies]
    measure_ids = [r.measure_id for r in (*targets, *checks) if r.measure_id is not None]
    by_measure, by_policy, numbers = measure_facts(conn, measure_ids, [r.id for r in expiries])
    return (
        [ExpiryItem(_policy_info(r), r.effective_to, by_policy.get(r.id, ())) for r in expiries],
        [
            TargetItem(
                policies[r.policy_id], r.target_id, r.text, r.due_on, r.outcome, numbers.get(r.measure_id),
                by_measure.get(r.measure_id, ()), r.kind, text_en=r.text_en,
            )
            for r in targets
        ],
        [
            CheckItem(
                policies[r.policy_id], r.target_id, r.text, check_due_on(r.next_check_on, r.due_on, as_of),
                r.outcome, numbers.get(r.measure_id), by_measure.get(r.measure_id, ()), text_en=r.text_en,
            )
            for r in checks
        ],
    )


# --- tracker policies ---------------------------------------------------------------------------------------


def policy_list(conn: Connection, *, agency_ids: Sequence[int] | None = None, text: str | None = None) -> list:
    """Policies ordered by ref, narrowed to an agency's measures and/or a text in title, English title or ref."""
    query = select(
        policy_t.c.id, policy_t.c.ref, policy_t.c.title, policy_t.c.title_en, policy_t.c.doc_number, policy_t.c.state,
        policy_t.c.effective_from, policy_t.c.effective_to, policy_t.c.window_source,
        policy_t.c.plan_from, policy_t.c.plan_to,
    ).order_by(policy_t.c.ref)
    if agency_ids is not None:
        query = query.where(
            exists()
            .where(measure_t.c.policy_id == policy_t.c.id)
            .where(measure_t.c.id.in_(_measures_of_agencies(agency_ids)))
        )
    if text:
        # Escape LIKE wildcards so a user's "%" or "_" matches itself.
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                *(
                    func.lower(col).like(func.lower(pattern), escape="\\")
                    for col in (policy_t.c.title, policy_t.c.title_en, policy_t.c.ref, policy_t.c.doc_number)
                )
            )
        )
    return conn.execute(query).all()


# --- tracker show -------------------------------------------------------------------------------------------


@dataclass
class PolicyDetail:
    policy: object  # the policy row
    measures: list  # rows with .agencies attached via agencies_by_measure
    agencies_by_measure: dict[int, list[tuple[str, str]]]
    targets: list
    last_checks: dict[int, object]
    supersedes: list
    superseded_by: list
    history: list
    agency_names_en: dict[str, str] = field(default_factory=dict)  # agency name -> its English name
    translated_numbers: dict[int, str] = field(default_factory=dict)  # translation ordinal -> number as printed


def policy_detail(conn: Connection, policy_id: int) -> PolicyDetail:
    """Everything `tracker show` prints about one policy, in a fixed handful of queries."""
    policy = conn.execute(select(policy_t).where(policy_t.c.id == policy_id)).one()
    measures = list(
        conn.execute(select(measure_t).where(measure_t.c.policy_id == policy_id).order_by(measure_t.c.ordinal))
    )
    agencies: dict[int, list[tuple[str, str]]] = defaultdict(list)
    link_rows = conn.execute(
        select(link_t.c.measure_id, agency_t.c.name, link_t.c.role, agency_t.c.name_en)
        .select_from(
            link_t.join(agency_t, agency_t.c.id == link_t.c.agency_id).join(
                measure_t, measure_t.c.id == link_t.c.measure_id
            )
        )
        .where(measure_t.c.policy_id == policy_id)
        .order_by(link_t.c.measure_id, link_t.c.position, agency_t.c.name)
    )
    names_en: dict[str, str] = {}
    for measure_id, name, role, name_en in link_rows:
        agencies[measure_id].append((name, role))
        if name_en:
            names_en[name] = name_en
    translated_numbers = dict(conn.execute(
        select(translated_t.c.ordinal, translated_t.c.number).where(translated_t.c.policy_id == policy_id)
    ).all())
    targets = list(
        conn.execute(
            select(target_t, measure_t.c.number.label("measure_number"))
            .select_from(target_t.outerjoin(measure_t, measure_t.c.id == target_t.c.measure_id))
            .where(target_t.c.policy_id == policy_id)
            .order_by(target_t.c.due_on, target_t.c.id)
        )
    )
    last_checks: dict[int, object] = {}
    check_query = (
        select(check_t)
        .join(target_t, target_t.c.id == check_t.c.target_id)
        .where(target_t.c.policy_id == policy_id)
        .order_by(check_t.c.target_id, check_t.c.checked_on, check_t.c.id)
    )
    for row in conn.execute(check_query):
        last_checks[row.target_id] = row  # ordered ascending, so the last one wins
    other = policy_t.alias("other")
    supersedes = list(
        conn.execute(
            select(
                supersession_t.c.superseded_doc_number,
                supersession_t.c.superseded_title,
                other.c.ref,
                other.c.title,
            )
            .select_from(supersession_t.outerjoin(other, other.c.id == supersession_t.c.superseded_id))
            .where(supersession_t.c.policy_id == policy_id)
            .order_by(supersession_t.c.id)
        )
    )
    by_link = [supersession_t.c.superseded_id == policy_id]
    if policy.doc_number is not None:
        # A later policy may name this one only by document number, before this one was in the database.
        by_link.append(
            and_(
                supersession_t.c.superseded_id.is_(None),
                supersession_t.c.superseded_doc_number == policy.doc_number,
            )
        )
    superseded_by = list(
        conn.execute(
            select(other.c.ref, other.c.title)
            .select_from(supersession_t.join(other, other.c.id == supersession_t.c.policy_id))
            .where(or_(*by_link))
            .order_by(other.c.ref)
        )
    )
    target_ids = [t.id for t in targets]
    about = [history_t.c.policy_id == policy_id]
    if target_ids:
        about.append(history_t.c.target_id.in_(target_ids))
    history_query = select(history_t).where(or_(*about))
    history = list(conn.execute(history_query.order_by(history_t.c.changed_at, history_t.c.id)))
    return PolicyDetail(policy, measures, dict(agencies), targets, last_checks, supersedes, superseded_by, history,
                        names_en, translated_numbers)


def read_agenda(
    conn: Connection,
    as_of: date,
    until: date,
    *,
    kinds: Iterable[str] = ("expiry", "target", "milestone", "check"),
    agency: str | None = None,
    policy_ref: str | None = None,
    include_overdue: bool = True,
) -> tuple[list[ExpiryItem], list[TargetItem], list[CheckItem]]:
    """`agenda_items` with the user's --agency / --policy resolved first (NotFound when they match nothing)."""
    flt = AgendaFilter(
        policy_id=resolve_policy(conn, policy_ref) if policy_ref else None,
        agency_ids=resolve_agency(conn, agency) if agency else None,
    )
    return agenda_items(conn, as_of, until, kinds=kinds, flt=flt, include_overdue=include_overdue)


def read_plans(
    conn: Connection, as_of: date, until: date, *, agency: str | None = None, policy_ref: str | None = None
) -> list[PlanItem]:
    """`plan_items` with the user's --agency / --policy resolved first (NotFound when they match nothing)."""
    flt = AgendaFilter(
        policy_id=resolve_policy(conn, policy_ref) if policy_ref else None,
        agency_ids=resolve_agency(conn, agency) if agency else None,
    )
    return plan_items(conn, as_of, until, flt)


@dataclass(frozen=True)
class TargetListing:
    """One target or milestone as `tracker targets` lists it."""

    id: int
    policy_ref: str
    doc_number: str | None
    policy_title: str
    measure: str | None
    kind: str
    text: str
    quantity: object
    unit: str | None
    due_on: date | None
    outcome: str | None
    quantity_high: object = None  # the high end of a range (3-4个), else None


def target_listing(
    conn: Connection, *, policy_ref: str | None = None, agency: str | None = None, open_only: bool = False
) -> list[TargetListing]:
    """Targets and milestones with their ids, by due date; narrowed to a policy, an agency's measures, or the
    open ones (no met or missed check)."""
    query = (
        select(target_t.c.id, policy_t.c.ref, policy_t.c.doc_number, policy_t.c.title, measure_t.c.number,
               target_t.c.kind, target_t.c.text, target_t.c.quantity, target_t.c.unit, target_t.c.due_on,
               target_t.c.outcome, target_t.c.quantity_high)
        .select_from(target_t.join(policy_t, policy_t.c.id == target_t.c.policy_id)
                     .outerjoin(measure_t, measure_t.c.id == target_t.c.measure_id))
        .order_by(target_t.c.due_on.is_(None), target_t.c.due_on, target_t.c.id)
    )
    if policy_ref is not None:
        query = query.where(target_t.c.policy_id == resolve_policy(conn, policy_ref))
    if agency is not None:
        query = query.where(target_t.c.measure_id.in_(_measures_of_agencies(resolve_agency(conn, agency))))
    if open_only:
        query = query.where(target_t.c.outcome.is_(None))
    return [TargetListing(*row) for row in conn.execute(query)]
