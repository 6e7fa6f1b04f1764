"""THE write path for policies: ingest, `tracker import`, `tracker seed` and hand corrections all go through here.

Saving a PolicyRecord creates the policy or merges it into the one already stored (same document number; else
same normalised title and window; an English translation, in either order, by window and measures that align
(tracker.store.bilingual, tracker.extract.align)). Fields a person corrected
(`pinned`) are never overwritten by extraction. Every change of a policy's dates or state and of a target's
due date appends a History row. The caller owns the transaction (a unit of work); nothing here commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from tracker.domain.records import (
    HistoryRecord,
    MeasureRecord,
    PolicyRecord,
    SourceRecord,
    SupersessionRecord,
    TargetRecord,
)
from tracker.domain.refs import named_by_number, title_key, title_ref
from tracker.domain.targets import next_check_on, target_outcome
from tracker.errors import InvalidInput
from tracker.extract.agencies import normalise_agency
from tracker.store.bilingual import english_records, keep_translation, realign
from tracker.store.queries import agency_name_key
from tracker.store.schema.policies import (
    Agency,
    AgencyAlias,
    History,
    Measure,
    MeasureAgency,
    Policy,
    PolicySource,
    SourceDocument,
    Supersession,
    Target,
    TargetCheck,
)

# Policy fields whose changes are history (dates and state); others are simply updated.
TRACKED_POLICY_FIELDS = ("effective_from", "effective_to", "state")
SCALAR_POLICY_FIELDS = (
    "title",
    "title_en",
    "doc_number",
    "issuer",
    "issued_on",
    "published_on",
    "language",
    "effective_from",
    "effective_to",
    "window_source",
    "window_basis",
    "plan_from",
    "plan_to",
    "plan_basis",
)
SETTABLE_POLICY_FIELDS = ("effective_from", "effective_to", "plan_from", "plan_to", "title", "title_en", "state", "issuer",
                          "issued_on")
SETTABLE_TARGET_FIELDS = ("due_on", "quantity", "quantity_high", "unit", "comparator", "metric", "text")


# The statements sent for every policy stored, built once: building a SELECT and working out its cache key
# cost about three times what running it does on SQLite (each is a few rows by an index).
_SOURCE_LINK = select(PolicySource.source_id).where(
    PolicySource.policy_id == bindparam("policy_id"), PolicySource.source_id == bindparam("source_id"))
_SOURCE_BY_SHA = select(SourceDocument).where(SourceDocument.sha256 == bindparam("sha256"))
_MEASURE_SHAPE = (
    select(Measure.id, Measure.number, Measure.ordinal, Measure.section, Measure.title, Measure.text,
           Agency.name, MeasureAgency.role)
    .outerjoin(MeasureAgency, MeasureAgency.measure_id == Measure.id)
    .outerjoin(Agency, Agency.id == MeasureAgency.agency_id)
    .where(Measure.policy_id == bindparam("policy_id"))
    .order_by(Measure.ordinal, Measure.id, MeasureAgency.position)
)
_TARGETS_FOR_MERGE = (select(Target).where(Target.policy_id == bindparam("policy_id")).order_by(Target.id)
                      .options(selectinload(Target.checks)))
_WAITING = select(Supersession).where(
    Supersession.superseded_doc_number == bindparam("number"), Supersession.policy_id != bindparam("policy_id"),
    Supersession.superseded_id.is_distinct_from(bindparam("policy_id")),
).order_by(Supersession.id)


@dataclass
class SaveResult:
    ref: str
    created: bool
    matched_by: str | None = None  # "ref", "doc_number", "title and window", "translation", "original"
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the ingest report (alignment with the translation)


# -- small helpers -------------------------------------------------------------------------------------------


def pinned_fields(row: Policy | Target) -> set[str]:
    return {f for f in (row.pinned or "").split(",") if f}


def pin(row: Policy | Target, name: str) -> None:
    row.pinned = ",".join(sorted(pinned_fields(row) | {name}))


def _value(v) -> str | None:
    if v is None:
        return None
    return getattr(v, "value", v).isoformat() if isinstance(v, date) else str(getattr(v, "value", v))


def _unique_ref(session: Session, wanted: str, own_id: int | None = None) -> str:
    ref, n = wanted, 2
    while True:
        row = session.scalar(select(Policy.id).where(Policy.ref == ref))
        if row is None or row == own_id:
            return ref
        ref, n = f"{wanted}-{n}", n + 1


def _history(session: Session, now: datetime, *, policy: Policy | None = None, target: Target | None = None,
             name: str, old, new, reason: str | None, source: str | None) -> None:
    session.add(
        History(
            policy_id=policy.id if policy is not None else (target.policy_id if target is not None else None),
            target_id=target.id if target is not None else None,
            field=name,
            old_value=_value(old),
            new_value=_value(new),
            reason=reason,
            source=source,
            changed_at=now,
        )
    )


# -- agencies and sources -----------------------------------------------------------------------------------


def find_agency(session: Session, name: str) -> Agency | None:
    # A name that normalises to nothing (a bare 等) is kept as written, so it is found again next time.
    clean = normalise_agency(name) or name.strip()
    key = agency_name_key(clean)
    found = session.scalar(select(Agency).where(Agency.name == clean))
    if found is None:
        alias = session.scalar(select(AgencyAlias).where(AgencyAlias.alias == key))
        found = alias.agency if alias is not None else None
    return found


def agency_for(session: Session, name: str) -> Agency:
    """The agency called `name` or having it as an alias; a new one when none matches."""
    # A document names the same few agencies on every measure: each spelling is looked up once per session
    # (two SELECTs and a normalisation each time otherwise). Folding agencies forgets the cache.
    cache = session.info.setdefault(_AGENCY_CACHE, {})
    found = cache.get(name)
    if found is not None and found in session:
        return found
    found = find_agency(session, name)
    if found is None:
        clean = normalise_agency(name) or name.strip()
        found = Agency(name=clean)
        found.aliases.append(AgencyAlias(alias=agency_name_key(clean)))
        session.add(found)
        session.flush()
    cache[name] = found
    return found


_AGENCY_CACHE = "tracker.writer.agency_by_spelling"


def _prefetch_agencies(session: Session, names: set[str]) -> None:
    """Find the agencies of many spellings at once (by name, then by alias, as `find_agency`), into the
    session's cache; `agency_for` then makes only the new ones. Two SELECTs instead of two per spelling."""
    cache = session.info.setdefault(_AGENCY_CACHE, {})
    clean = {n: normalise_agency(n) or n.strip() for n in names if n not in cache}
    if not clean:
        return
    by_name = {a.name: a for a in session.scalars(select(Agency).where(Agency.name.in_(sorted(set(clean.values())))))}
    keys = {n: agency_name_key(c) for n, c in clean.items() if c not in by_name}
    by_alias = {a.alias: a.agency for a in session.scalars(
        select(AgencyAlias).options(selectinload(AgencyAlias.agency))
        .where(AgencyAlias.alias.in_(sorted(set(keys.values())))))} if keys else {}
    for n, c in clean.items():
        found = by_name.get(c) or by_alias.get(keys.get(n))
        if found is not None:
            cache[n] = found


def add_alias(session: Session, name: str, alias: str) -> Agency:
    """Make `alias` another name of the agency `name` (created when new).

    When the alias was stored as an agency of its own (extraction met the short form first), that agency is
    folded into this one: its measure links and aliases move over.
    """
    agency = agency_for(session, name)
    other = find_agency(session, alias)
    if other is not None and other.id != agency.id:
        _fold_agency(session, other, agency)
    key = agency_name_key(normalise_agency(alias))
    if session.scalar(select(AgencyAlias).where(AgencyAlias.alias == key)) is None:
        agency.aliases.append(AgencyAlias(alias=key))
    session.flush()
    return agency


def _fold_agency(session: Session, old: Agency, new: Agency) -> None:
    session.info.pop(_AGENCY_CACHE, None)
    for link in session.scalars(select(MeasureAgency).where(MeasureAgency.agency_id == old.id)).all():
        if session.get(MeasureAgency, (link.measure_id, new.id)) is None:
            session.add(MeasureAgency(measure_id=link.measure_id, agency_id=new.id, role=link.role,
                                      position=link.position))
        session.delete(link)
    for a in list(old.aliases):
        a.agency = new
    session.flush()
    session.delete(old)
    session.flush()


def source_for(session: Session, record: SourceRecord, now: datetime, fmt: str | None = None) -> SourceDocument:
    found = session.scalar(_SOURCE_BY_SHA, {"sha256": record.sha256})
    if found is None:
        found = SourceDocument(
            name=record.name, url=record.url, sha256=record.sha256, language=record.language, format=fmt,
            ingested_at=now,
        )
        session.add(found)
        session.flush()
    return found


# -- matching -----------------------------------------------------------------------------------------------


def holders_of(session: Session, doc_number: str) -> list[Policy]:
    """The stored policies carrying `doc_number`, oldest first: one, or those of a several-policy notice."""
    return list(session.scalars(select(Policy).where(Policy.doc_number == doc_number).order_by(Policy.id)))


def find_match(session: Session, record: PolicyRecord, shared_number: bool = False,
               exact: bool = False) -> tuple[Policy | None, str | None]:
    """The stored policy `record` is another copy of, and how it was matched.

    A document number alone names a policy only when one policy carries it and `record` is an extracted copy
    that is not one of several with that number (`shared_number`: its document issues others under it).
    Otherwise number and title together do (an import's title is exact), and failing that the title and
    window or translation rules below (which never match a policy of another number)."""
    if record.ref:
        hit = session.scalar(select(Policy).where(Policy.ref == record.ref))
        if hit is not None:
            return hit, "ref"
    if record.doc_number:
        holders = holders_of(session, record.doc_number)
        key = title_key(record.title)
        same = [p for p in holders if key and key in (title_key(p.title), title_key(p.title_en))]
        if same:
            return same[0], "doc_number"
        if len(holders) == 1 and not shared_number and not exact:
            return holders[0], "doc_number"
    key = title_key(record.title)
    # Oldest first: with several candidates the answer must not depend on PostgreSQL's row order.
    candidates = session.scalars(select(Policy).where(
        Policy.effective_from.is_(record.effective_from) if record.effective_from is None
        else Policy.effective_from == record.effective_from
    ).order_by(Policy.id)).all()
    for p in candidates:
        if p.effective_to != record.effective_to:
            continue
        if key and (title_key(p.title) == key or title_key(p.title_en) == key):
            if record.doc_number and p.doc_number and p.doc_number != record.doc_number:
                continue
            return p, "title and window"
    dated = record.effective_from is not None or record.plan_from is not None
    if dated and record.measures and record.language in ("en", "zh"):
        # A translation (or, ingested after it, the original) of a stored policy: same window (for a plan without
        # one, the same plan period), and the measures align, confirmed by what both versions share. Another
        # policy's English with the same window does not.
        from tracker.store.bilingual import measure_pieces, row_pieces, translation_fits

        english = record.language == "en"
        for p in candidates:
            if (
                p.effective_to == record.effective_to
                and (record.effective_from is not None or (p.plan_from, p.plan_to) == (record.plan_from, record.plan_to))
                and (p.language != "en") == english
                and not (record.doc_number and p.doc_number and p.doc_number != record.doc_number)
            ):
                mine, theirs = measure_pieces(record.measures), row_pieces(p.measures)
                if translation_fits(theirs, mine) if english else translation_fits(mine, theirs):
                    return p, "translation" if english else "original"
    return None, None


# -- saving -------------------------------------------------------------------------------------------------


def save_policy(
    session: Session,
    record: PolicyRecord,
    *,
    now: datetime,
    today: date,
    source: SourceDocument | None = None,
    exact: bool = False,
    shared_number: bool = False,
) -> SaveResult:
    """Create or merge `record`. `exact` (import) sets every field as given; otherwise extraction merges.
    `shared_number`: other policies of the same document carry `record`'s document number (`find_match`)."""
    policy, matched_by = find_match(session, record, shared_number, exact)
    cause = source.name if source is not None else None
    has_source = False  # whether `source` is linked already: asked once, nothing below links it before the end
    if policy is None:
        policy = _create(session, record, now, shared_number)
        result = SaveResult(ref=policy.ref, created=True)
        # Recorded history (an extension note, or an imported log) comes with the record.
        _append_history(session, policy, record.history, now, cause)
    else:
        result = SaveResult(ref=policy.ref, created=False, matched_by=matched_by)
        _load_for_merge(session, policy)
        has_source = source is not None and _has_source(session, policy, source)
        if has_source and not exact:
            # This very document was ingested before: it has nothing new to say (ingest is idempotent).
            return result
        if record.language and policy.language and record.language != policy.language and not exact:
            matched_by = result.matched_by = "original" if record.language == "zh" and policy.language == "en" else "translation"
        if matched_by == "translation":
            _merge_translation(session, policy, record, now, cause, result)
            keep_translation(session, policy, record.measures)
        elif matched_by == "original":
            _adopt_original(session, policy, record, now, cause, result)
        else:
            _merge(session, policy, record, now, cause, exact, result, shared_number)
        _append_history(session, policy, record.history, now, cause)
    if source is not None and not has_source:
        _add_source(session, policy, source)
        result.changes.append(f"source {source.name}")
    if exact:
        for s in record.sources:
            doc = source_for(session, s, now)
            if not _has_source(session, policy, doc):
                _add_source(session, policy, doc)
    if matched_by != "translation":
        _save_supersessions(session, policy, record.supersedes, now, cause, exact, result)
    _link_waiting_supersessions(session, policy, now, exact)
    session.flush()
    for target in policy.targets:
        refresh_target(session, target, today)
    if (not exact or matched_by in ("translation", "original")) and policy.translated_measures:
        result.notes.extend(realign(session, policy).lines)
    elif result.created and policy.language == "en":
        result.notes.append("stored as an English-only policy: no Chinese original on file aligns with it")
    result.ref = policy.ref
    return result


def _load_for_merge(session: Session, policy: Policy) -> None:
    """The targets and checks merging reads, in one SELECT each rather than a lazy load per target (and
    without reading the policy's own row again). (Measures are compared without loading them: `_measure_shape`.)"""
    if "targets" not in inspect(policy).unloaded:
        return
    targets = session.scalars(_TARGETS_FOR_MERGE, {"policy_id": policy.id}).all()
    set_committed_value(policy, "targets", list(targets))


# A policy ingested again and again (a page watched for years) gathers one source per version: asking for the
# one link is constant time, loading them all to look would make every ingest slower than the one before.
def _has_source(session: Session, policy: Policy, source: SourceDocument) -> bool:
    if "sources" not in inspect(policy).unloaded:
        return source in policy.sources
    return session.scalar(_SOURCE_LINK, {"policy_id": policy.id, "source_id": source.id}) is not None


def _add_source(session: Session, policy: Policy, source: SourceDocument) -> None:
    if "sources" not in inspect(policy).unloaded:
        policy.sources.append(source)
    else:
        session.add(PolicySource(policy_id=policy.id, source_id=source.id))


def _number_ref(session: Session, number: str | None, own_id: int | None, shared: bool) -> str | None:
    """The document number as a ref, unless other policies carry it too (a notice's): then none is it."""
    if not number or shared:
        return None
    with session.no_autoflush:
        other = session.scalar(select(Policy.id).where(Policy.doc_number == number, Policy.id != (own_id or -1)).limit(1))
    return number if other is None else None


def _create(session: Session, record: PolicyRecord, now: datetime, shared_number: bool = False) -> Policy:
    policy = Policy(
        ref=_unique_ref(session, record.ref or _number_ref(session, record.doc_number, None, shared_number)
                        or title_ref(record.title)),
        title=record.title,
        state=getattr(record.state, "value", record.state),
        pinned="",
        created_at=now,
        updated_at=now,
    )
    for name in SCALAR_POLICY_FIELDS:
        if name != "title":
            setattr(policy, name, _plain(getattr(record, name)))
    session.add(policy)
    session.flush()
    if record.translation:
        keep_translation(session, policy, record.translation)
    _replace_measures(session, policy, record.measures, english=True)
    _merge_targets(session, policy, record.targets, now, None, exact=True)
    return policy


def _plain(v):
    return getattr(v, "value", v)


def _merge(session, policy: Policy, record: PolicyRecord, now, cause, exact: bool, result: SaveResult,
           shared_number: bool = False) -> None:
    pinned = pinned_fields(policy)
    if record.doc_number and policy.doc_number is None and "ref" not in pinned:
        # The official notice names the document number a news copy lacked: the number becomes the ref
        # (unless the notice issued other policies under it).
        number_ref = _number_ref(session, record.doc_number, policy.id, shared_number)
        if number_ref:
            policy.ref = _unique_ref(session, number_ref, policy.id)
    if not exact and record.plan_from is not None:
        _window_was_the_plan(session, policy, record, now, cause, pinned, result)
    fields = list(SCALAR_POLICY_FIELDS) + ["state"] if exact else list(SCALAR_POLICY_FIELDS)
    for name in fields:
        if name in pinned:
            continue
        new = _plain(getattr(record, name))
        if new is None and not exact:
            continue  # a copy that lacks a field does not erase what another copy stated
        if name == "language" and not exact:
            continue  # the first copy's language stays (a translation never reaches here)
        old = getattr(policy, name)
        if old == new:
            continue
        if name == "doc_number" and new is not None:
            _refuse_taken_number(session, policy, new, record.title)
        setattr(policy, name, new)
        if name in TRACKED_POLICY_FIELDS and not exact:
            _history(session, now, policy=policy, name=name, old=old, new=new, reason="re-extracted", source=cause)
        result.changes.append(f"{name}: {_value(old)} -> {_value(new)}")
    if record.ref and exact and policy.ref != record.ref:
        policy.ref = _unique_ref(session, record.ref, policy.id)
    # A copy without a document number (a news article) does not replace the official notice's measures.
    official = exact or bool(record.doc_number) or not policy.doc_number
    if exact:
        keep_translation(session, policy, record.translation)
    if record.measures and official and (exact or _measures_differ(policy, record.measures)):
        _replace_measures(session, policy, record.measures, english=exact)
        result.changes.append("measures")
    _merge_targets(session, policy, record.targets, now, cause, exact, result)
    if result.changes:
        policy.updated_at = now


def _window_was_the_plan(session, policy: Policy, record: PolicyRecord, now, cause, pinned, result) -> None:
    """A window stored before plan periods were kept apart was the title's period, marked `inferred`. When the
    document is read again and that period is its plan period, with no validity sentence, the window goes (in
    history) and the period is kept as the plan's. A window corrected by hand stays."""
    if (
        policy.window_source != "inferred" or record.window_source is not None
        or (policy.effective_from, policy.effective_to) != (record.plan_from, record.plan_to)
        or pinned & {"effective_from", "effective_to", "window_source"}
    ):
        return
    for name in ("effective_from", "effective_to"):
        _history(session, now, policy=policy, name=name, old=getattr(policy, name), new=None,
                 reason="a plan period, not a validity window", source=cause)
        result.changes.append(f"{name}: {_value(getattr(policy, name))} -> None")
        setattr(policy, name, None)
    policy.window_source = policy.window_basis = None


def _refuse_taken_number(session, policy: Policy, number: str, title: str | None) -> None:
    """A copy matched by ref cannot take a document number another stored policy of the same title carries
    (policies of different titles may share one: a notice's)."""
    with session.no_autoflush:
        others = session.execute(select(Policy.ref, Policy.title, Policy.title_en)
                                 .where(Policy.doc_number == number, Policy.id != policy.id)).all()
    key = title_key(title or policy.title)
    holder = next((o.ref for o in others if key and key in (title_key(o.title), title_key(o.title_en))), None)
    if holder is not None:
        raise InvalidInput(f"policy {policy.ref} would get document number {number}, which is policy {holder}'s")


def _merge_translation(session, policy: Policy, record: PolicyRecord, now, cause, result: SaveResult) -> None:
    """An English copy adds its title as title_en and fills what the Chinese copy lacked; nothing else."""
    pinned = pinned_fields(policy)
    if "title_en" not in pinned and record.title and policy.title_en != record.title:
        result.changes.append(f"title_en: {policy.title_en} -> {record.title}")
        policy.title_en = record.title
        policy.updated_at = now
    for name in ("doc_number", "issued_on", "effective_from", "effective_to"):
        new = _plain(getattr(record, name))
        if new is not None and getattr(policy, name) is None and name not in pinned:
            setattr(policy, name, new)
            result.changes.append(f"{name}: None -> {_value(new)}")


def _adopt_original(session, policy: Policy, record: PolicyRecord, now, cause, result: SaveResult) -> None:
    """The Chinese original of a policy first stored from its English translation: the English measures become
    the translation, the original's title, measures and targets become the policy's own."""
    if not policy.translated_measures:
        keep_translation(session, policy, english_records(policy))
    pinned = pinned_fields(policy)
    if "title_en" not in pinned and policy.title_en is None:
        policy.title_en = policy.title
    policy.language = "zh"
    _merge(session, policy, record, now, cause, False, result)
    if "title" not in pinned and policy.title != record.title:
        result.changes.append(f"title: {policy.title} -> {record.title}")
        policy.title = record.title
    if not _measures_differ(policy, record.measures):
        return
    _replace_measures(session, policy, record.measures)
    result.changes.append("measures")
    _merge_targets(session, policy, record.targets, now, cause, False, result)


def _measures_differ(policy: Policy, measures: list[MeasureRecord]) -> bool:
    return _measure_shape(policy) != [_record_measure_shape(m) for m in measures]


def _measure_shape(policy: Policy):
    if "measures" not in inspect(policy).unloaded:
        return [
            (m.number, m.ordinal, m.section, m.title, m.text,
             tuple((link.agency.name, link.role) for link in sorted(m.agency_links, key=lambda a: a.position)))
            for m in sorted(policy.measures, key=lambda m: m.ordinal)
        ]
    # Most re-ingests find the measures unchanged: compare rows read in one SELECT, load no objects.
    rows = inspect(policy).session.execute(_MEASURE_SHAPE, {"policy_id": policy.id}).all()
    shape: list[tuple] = []
    for r in rows:
        if not shape or shape[-1][0] != r.id:
            shape.append((r.id, (r.number, r.ordinal, r.section, r.title, r.text), []))
        if r.name is not None:
            shape[-1][2].append((r.name, r.role))
    return [(*fields, tuple(links)) for _, fields, links in shape]


def _record_measure_shape(m: MeasureRecord):
    return (m.number, m.ordinal, m.section, m.title, m.text or "",
            tuple((normalise_agency(a.name) or a.name, _plain(a.role)) for a in m.agencies))


def _replace_measures(session: Session, policy: Policy, measures: list[MeasureRecord], english: bool = False) -> None:
    """Measures are updated in place by ordinal (targets keep pointing at them); extra ones are removed.

    `english`: the records carry the English side as well (an import, or a new policy). Extraction's records
    do not: re-ingesting the original keeps the English its measures were given by alignment."""
    if "measures" in inspect(policy).unloaded and policy.id is not None:
        # The stored measures with their agency links in one SELECT each, not a lazy load per measure.
        session.execute(select(Policy).where(Policy.id == policy.id).options(
            selectinload(Policy.measures).selectinload(Measure.agency_links))).all()
    _prefetch_agencies(session, {link.name for rec in measures for link in rec.agencies})
    by_ordinal = {m.ordinal: m for m in policy.measures}
    wanted = set()
    for rec in measures:
        wanted.add(rec.ordinal)
        row = by_ordinal.get(rec.ordinal)
        if row is None:
            row = Measure(policy=policy, ordinal=rec.ordinal, number=rec.number)
            session.add(row)
        row.number, row.section, row.title, row.text = rec.number, rec.section, rec.title, rec.text or ""
        if english:
            row.title_en, row.text_en, row.en_ordinal, row.alignment = rec.title_en, rec.text_en, rec.translation, rec.alignment
        links: dict[int, MeasureAgency] = {}
        for position, link in enumerate(rec.agencies):
            agency = agency_for(session, link.name)
            if agency.id in links:
                continue  # the same agency named twice (by two aliases): one link
            links[agency.id] = MeasureAgency(agency_id=agency.id, role=_plain(link.role), position=position)
        existing = {a.agency_id: a for a in row.agency_links}
        for agency_id, a in list(existing.items()):
            if agency_id not in links:
                row.agency_links.remove(a)
        for agency_id, new in links.items():
            old = existing.get(agency_id)
            if old is None:
                row.agency_links.append(new)
            else:
                old.role, old.position = new.role, new.position
    for ordinal, row in by_ordinal.items():
        if ordinal not in wanted:
            policy.measures.remove(row)
    session.flush()


def _target_key(measure_number: str | None, text: str, quantity, due_on, unit) -> tuple:
    # One sentence can carry several targets: the quantity, unit and due date tell them apart.
    number = None if quantity is None else Decimal(quantity).normalize()
    return (measure_number or "", re.sub(r"\s+", "", text or ""), number, due_on, unit)


def _merge_targets(session, policy: Policy, targets: list[TargetRecord], now, cause, exact: bool,
                   result: SaveResult | None = None) -> None:
    measures = {m.number: m for m in policy.measures}
    stored = {
        _target_key(t.measure.number if t.measure else None, t.text, t.quantity, t.due_on, t.unit): t
        for t in policy.targets
    }
    seen = set()
    for rec in targets:
        key = _target_key(rec.measure, rec.text, rec.quantity, rec.due_on, rec.unit)
        seen.add(key)
        row = stored.get(key)
        values = {
            "kind": _plain(rec.kind),
            "text": rec.text,
            "metric": rec.metric,
            "quantity": rec.quantity,
            "unit": rec.unit,
            "comparator": _plain(rec.comparator),
            "quantity_high": rec.quantity_high,
            "due_on": rec.due_on,
            "due_source": _plain(rec.due_source),
            "text_en": rec.text_en,
            "metric_en": rec.metric_en,
            "unit_en": rec.unit_en,
        }
        if row is None:
            row = Target(policy=policy, measure=measures.get(rec.measure) if rec.measure else None, pinned="", **values)
            session.add(row)
            session.flush()
            if result is not None:
                result.changes.append(f"target {rec.text[:30]}")
        else:
            pinned = pinned_fields(row)
            for name, new in values.items():
                if name in pinned or (new is None and not exact):
                    continue
                old = getattr(row, name)
                if name == "quantity" and old is not None and new is not None and old == new:
                    continue
                if old == new:
                    continue
                setattr(row, name, new)
                if name == "due_on" and not exact:
                    _history(session, now, target=row, name="due_on", old=old, new=new, reason="re-extracted", source=cause)
                if result is not None:
                    result.changes.append(f"target {name}")
        if exact:
            row.checks.clear()
            session.flush()
            for c in rec.checks:
                row.checks.append(TargetCheck(
                    checked_on=c.checked_on, value=c.value, status=_plain(c.status), note=c.note,
                    checked_by=c.checked_by, recorded_at=now,
                ))
    if exact:
        for key, row in stored.items():
            if key not in seen:
                policy.targets.remove(row)
    else:
        # A target no longer in the document goes, unless a person pinned it or recorded checks on it.
        for key, row in stored.items():
            if key not in seen and targets and not row.checks and not pinned_fields(row):
                policy.targets.remove(row)
                if result is not None:
                    result.changes.append(f"target removed {row.text[:30]}")
    session.flush()


def _append_history(session, policy: Policy, entries: list[HistoryRecord], now, cause) -> None:
    """History a record carries (an extension note; an imported log), each entry once."""
    if not entries:
        return
    session.flush()
    stored = {
        (h.field, h.old_value, h.new_value, h.source)
        for h in session.scalars(select(History).where(History.policy_id == policy.id, History.target_id.is_(None)))
    }
    for h in entries:
        key = (h.field, h.old, h.new, h.source)
        if key in stored:
            continue
        stored.add(key)
        at = datetime.fromisoformat(h.at.replace("Z", "+00:00")) if h.at else now
        session.add(History(policy_id=policy.id, field=h.field, old_value=h.old, new_value=h.new,
                            reason=h.reason, source=h.source or cause, changed_at=at))


def _save_supersessions(session, policy: Policy, records: list[SupersessionRecord], now, cause, exact, result) -> None:
    if not records:
        return
    existing = {(s.superseded_doc_number, title_key(s.superseded_title)) for s in policy.supersessions}
    for rec in records:
        key = (rec.doc_number, title_key(rec.title))
        if key in existing:
            continue
        existing.add(key)
        targets = _find_named(session, rec.doc_number, rec.title, exclude=policy.id)
        # A row names one policy, or (superseded_id NULL) every policy of its number: a notice's.
        row = Supersession(superseded_doc_number=rec.doc_number, superseded_title=rec.title,
                           superseded=targets[0] if len(targets) == 1 else None)
        policy.supersessions.append(row)
        if not exact:
            for target in targets:
                _mark_superseded(session, target, policy, now)
        result.changes.append(f"supersedes {rec.doc_number or rec.title}")
    session.flush()


def _find_named(session, doc_number: str | None, title: str | None, exclude: int | None) -> list[Policy]:
    """The stored policies a repeal names: by number (the one of the cited title, else every policy of the
    number: the notice is repealed as a whole), or by title alone."""
    if doc_number:
        # A named document number that is not stored: a same-titled policy is its successor, not it.
        holders = [p for p in holders_of(session, doc_number) if p.id != exclude]
        return named_by_number([(p, p.title, p.title_en) for p in holders], title)
    if title:
        key = title_key(title)
        # The oldest policy of that title (without an order, PostgreSQL's answer would vary after updates).
        for p in session.scalars(select(Policy).where(Policy.id != (exclude or -1)).order_by(Policy.id)):
            if title_key(p.title) == key:
                return [p]
    return []


def _mark_superseded(session, superseded: Policy, by: Policy, now) -> None:
    if "state" in pinned_fields(superseded) or superseded.state == "superseded":
        return
    _history(session, now, policy=superseded, name="state", old=superseded.state, new="superseded",
             reason=f"superseded by {by.ref}", source=by.doc_number or by.ref)
    superseded.state = "superseded"


def _link_waiting_supersessions(session, policy: Policy, now, exact: bool) -> None:
    """A policy stored after the one that repealed it: link the recorded name to it now."""
    if not policy.doc_number:
        return
    # Rows naming its number: waiting ones, and ones linked to another policy of that number (this one may
    # share it: then a row citing the number alone names both).
    waiting = session.scalars(_WAITING, {"number": policy.doc_number, "policy_id": policy.id}).all()
    for row in waiting:
        named = _find_named(session, row.superseded_doc_number, row.superseded_title, exclude=row.policy_id)
        if policy not in named:
            continue
        row.superseded = named[0] if len(named) == 1 else None
        if not exact:
            _mark_superseded(session, policy, row.policy, now)


# -- targets and hand corrections ---------------------------------------------------------------------------


def refresh_target(session: Session, target: Target, today: date) -> None:
    """Recompute the derived columns `outcome` and `next_check_on` from the checks (call after any change)."""
    checks = [(c.checked_on, c.status) for c in target.checks]
    target.outcome = target_outcome(checks)
    last = max((c[0] for c in checks), default=None)
    start = target.policy.effective_from if target.policy is not None else None
    target.next_check_on = next_check_on(target.due_on, start or today, last, target.outcome)


def set_policy_field(session: Session, policy: Policy, name: str, value, *, reason: str | None, now: datetime) -> bool:
    """A hand correction: set, pin (re-extraction will not overwrite it) and record history. True if changed."""
    old = getattr(policy, name)
    pin(policy, name)
    if old == value:
        return False
    setattr(policy, name, value)
    if name in ("effective_from", "effective_to"):
        policy.window_source = "manual"
        pin(policy, "window_source")
    elif name in ("plan_from", "plan_to"):
        policy.plan_basis = "manual"  # no longer the words it was read from
        pin(policy, "plan_basis")
    _history(session, now, policy=policy, name=name, old=old, new=value, reason=reason, source="manual")
    policy.updated_at = now
    return True


def set_target_field(session: Session, target: Target, name: str, value, *, reason: str | None, now: datetime,
                     today: date) -> bool:
    old = getattr(target, name)
    pin(target, name)
    if old == value:
        return False
    setattr(target, name, value)
    if name == "due_on":
        target.due_source = "manual"
        _history(session, now, target=target, name=name, old=old, new=value, reason=reason, source="manual")
    refresh_target(session, target, today)
    return True


# -- amendments found by watching sources -------------------------------------------------------------------


def extend_policy(session: Session, policy: Policy, new_end: date, *, reason: str, source: str, now: datetime) -> bool:
    """An official extension notice moves the last day in force (history records it; a date a person pinned
    stays). True if the date moved."""
    if "effective_to" in pinned_fields(policy) or policy.effective_to == new_end:
        return False
    _history(session, now, policy=policy, name="effective_to", old=policy.effective_to, new=new_end, reason=reason,
             source=source)
    policy.effective_to = new_end
    if "window_source" not in pinned_fields(policy):
        policy.window_source = "extended"
    policy.updated_at = now
    return True


def repeal_policy(session: Session, policy: Policy, *, reason: str, source: str, now: datetime) -> bool:
    """An official repeal notice: the policy's state becomes repealed (history records it). True if it changed."""
    if "state" in pinned_fields(policy) or policy.state == "repealed":
        return False
    _history(session, now, policy=policy, name="state", old=policy.state, new="repealed", reason=reason,
             source=source)
    policy.state = "repealed"
    policy.updated_at = now
    return True
