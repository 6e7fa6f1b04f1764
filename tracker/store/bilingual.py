"""A policy's English side in the store: the translation's measures kept whole, paired with the original's.

The pairing itself is decided by tracker.extract.align (pure); here it is written down: each paired measure gets
the English title and text, each of its targets the English sentence, metric and noun of the same quantity and
due date, and each responsible unit without an English name learns it from the paired clause. A pairing a person
set (`alignment == "manual"`) is passed to the aligner as fixed and is never changed here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.domain.records import MeasureRecord
from tracker.errors import InvalidInput, NotFound
from tracker.extract.agencies import CLAUSE, agencies_in, normalise_agency
from tracker.extract.align import Alignment, Piece, TargetKey, align_measures, number_value, pair_agencies, pair_targets
from tracker.extract.targets import targets_in
from tracker.store.queries import agency_name_key
from tracker.store.schema.policies import AgencyAlias, History, Measure, MeasureAgency, Policy, TranslatedMeasure


@dataclass
class AlignReport:
    """What an alignment did, as lines for the ingest report."""

    aligned: int = 0
    total: int = 0
    lines: list[str] = field(default_factory=list)


def measure_pieces(records: list[MeasureRecord]) -> list[Piece]:
    return [Piece(m.number, m.text or "", len(m.agencies)) for m in records]


def row_pieces(measures: list[Measure]) -> list[Piece]:
    return [Piece(m.number, m.text or "", len(m.agency_links)) for m in measures]


def translation_fits(original: list[Piece], translation: list[Piece]) -> bool:
    """Whether `translation` is an English version of `original` at all (most measures confirmed by anchors)."""
    if not original or not translation:
        return False
    return align_measures(original, translation).fits(len(original), len(translation))


def keep_translation(session: Session, policy: Policy, measures: list[MeasureRecord]) -> None:
    """Store the translation's measures (replacing an earlier version of the translation, by ordinal)."""
    by_ordinal = {t.ordinal: t for t in policy.translated_measures}
    wanted = set()
    for rec in measures:
        wanted.add(rec.ordinal)
        row = by_ordinal.get(rec.ordinal)
        if row is None:
            row = TranslatedMeasure(ordinal=rec.ordinal, number=rec.number)
            policy.translated_measures.append(row)
        names = [normalise_agency(a.name) or a.name for a in rec.agencies]
        row.number, row.title, row.text, row.agencies = rec.number, rec.title, rec.text or "", "\n".join(names)
    for ordinal, row in by_ordinal.items():
        if ordinal not in wanted:
            policy.translated_measures.remove(row)
    session.flush()


def english_records(policy: Policy) -> list[MeasureRecord]:
    """An English-only policy's measures as the translation they become once the Chinese original arrives."""
    from tracker.domain.records import AgencyLink

    return [
        MeasureRecord(number=m.number, ordinal=m.ordinal, section=m.section, title=m.title, text=m.text,
                      agencies=[AgencyLink(a.name) for a in agencies_in(m.text or "")])
        for m in sorted(policy.measures, key=lambda m: m.ordinal)
    ]


def realign(session: Session, policy: Policy) -> AlignReport:
    """Pair the policy's measures with its translated measures and write the English side down."""
    english = sorted(policy.translated_measures, key=lambda t: t.ordinal)
    if english:  # the measures with their agencies in one SELECT each, not a lazy load per measure
        session.execute(select(Policy).where(Policy.id == policy.id).options(
            selectinload(Policy.measures).selectinload(Measure.agency_links).selectinload(MeasureAgency.agency),
        )).all()
    report = AlignReport(total=len(policy.measures))
    measures = sorted(policy.measures, key=lambda m: m.ordinal)
    if not english:
        return report
    en_index = {t.ordinal: j for j, t in enumerate(english)}
    manual = {
        i: en_index.get(m.en_ordinal) if m.en_ordinal is not None else None
        for i, m in enumerate(measures) if m.alignment == "manual"
    }
    result = align_measures(row_pieces(measures), [_piece(t) for t in english], manual)
    # Which agency holds each English name the paired clauses give: one SELECT for them all.
    session.flush()
    names = {agency_name_key(n) for t in english for n in (t.agencies or "").splitlines() if n}
    holders = {alias: agency_id for alias, agency_id in session.execute(
        select(AgencyAlias.alias, AgencyAlias.agency_id).where(AgencyAlias.alias.in_(sorted(names))))} if names else {}
    targets_by_measure: dict[int | None, list] = {}
    for target in policy.targets:
        targets_by_measure.setdefault(target.measure_id, []).append(target)
    for i, m in enumerate(measures):
        pair = result.en_for(i)
        t = english[pair.en] if pair is not None else None
        _attach(m, t, pair.basis if pair else ("manual" if m.alignment == "manual" else None))
        _attach_targets(targets_by_measure.get(m.id, []), t)
        if pair is not None and t is not None:
            _learn_agencies(session, m, t, holders)
    report.aligned = len(result.pairs)
    report.lines = _describe(result, measures, english)
    session.flush()
    return report


def _piece(t: TranslatedMeasure) -> Piece:
    return Piece(t.number, t.text or "", len([n for n in (t.agencies or "").splitlines() if n]))


def _attach(m: Measure, t: TranslatedMeasure | None, basis: str | None) -> None:
    m.alignment = basis
    m.en_ordinal = t.ordinal if t is not None else None
    m.title_en = t.title if t is not None else None
    m.text_en = t.text if t is not None else None


def _attach_targets(targets: list, t: TranslatedMeasure | None) -> None:
    own = sorted(targets, key=lambda x: (x.id or 0))
    english = _english_targets(t.text, t.number) if t is not None else []
    pairs = pair_targets([TargetKey(x.quantity, x.due_on) for x in own],
                         [TargetKey(e.quantity, e.due_on) for e in english])
    for k, target in enumerate(own):
        e = english[pairs[k]] if k in pairs else None
        # The sentence without the responsible-unit clause the English prints inside it.
        target.text_en = CLAUSE.sub("", e.text).strip() if e is not None else None
        target.metric_en = e.metric if e is not None else None
        target.unit_en = e.unit if e is not None else None


@lru_cache(maxsize=2048)
def _english_targets(text: str, number: str) -> tuple:
    """The targets of a translated measure: the same text every time a policy is realigned, read once."""
    return tuple(targets_in(text, number))


def _learn_agencies(session: Session, m: Measure, t: TranslatedMeasure, holders: dict[str, int]) -> None:
    """An agency without an English name takes the one its place in the paired clause gives it.

    `holders`: alias key -> agency id, for every English name of the translation (kept up to date here)."""
    links = sorted(m.agency_links, key=lambda a: a.position)
    english = [n for n in (t.agencies or "").splitlines() if n]
    for agency_name, english_name in pair_agencies([a.agency.name for a in links], english):
        agency = next(a.agency for a in links if a.agency.name == agency_name)
        key = agency_name_key(english_name)
        holder = holders.get(key)
        if holder is not None and holder != agency.id:
            continue  # the English name is another agency's: the clauses disagree, learn nothing
        if agency.name_en is None:
            agency.name_en = english_name
        if holder is None:
            agency.aliases.append(AgencyAlias(alias=key))
            holders[key] = agency.id


def _describe(result: Alignment, measures: list[Measure], english: list[TranslatedMeasure]) -> list[str]:
    by_basis: dict[str, int] = {}
    for p in result.pairs:
        by_basis[p.basis] = by_basis.get(p.basis, 0) + 1
    how = ", ".join(f"{n} by {basis}" for basis, n in sorted(by_basis.items()))
    lines = [f"translation: {len(result.pairs)} of {len(measures)} measures aligned" + (f" ({how})" if how else "")]
    for u in result.unaligned:
        if u.side == "zh":
            lines.append(f"unaligned: measure {measures[u.index].number}: {u.reason}")
        else:
            lines.append(f"unaligned: English {english[u.index].number}: {u.reason}")
    return lines


# -- by hand -------------------------------------------------------------------------------------------------


def _find_measure(policy: Policy, key: str) -> Measure:
    wanted = unicodedata.normalize("NFKC", key or "").strip()
    value = number_value(wanted)
    for m in policy.measures:
        if unicodedata.normalize("NFKC", m.number) == wanted:
            return m
    hits = [m for m in policy.measures if value is not None and number_value(m.number) == value]
    if len(hits) == 1:
        return hits[0]
    raise NotFound(f"{policy.ref} has no measure {key!r} (see `tracker show {policy.ref}`)")


def _find_translated(policy: Policy, key: str) -> TranslatedMeasure:
    wanted = unicodedata.normalize("NFKC", key or "").strip()
    value = number_value(wanted)
    hits = [t for t in policy.translated_measures
            if unicodedata.normalize("NFKC", t.number) == wanted or (value is not None and number_value(t.number) == value)]
    if len(hits) == 1:
        return hits[0]
    if not policy.translated_measures:
        raise InvalidInput(f"{policy.ref} has no English translation on file to pair with")
    numbers = ", ".join(t.number for t in policy.translated_measures)
    raise NotFound(f"the translation of {policy.ref} has no measure {key!r} (it has {numbers})")


def pair_by_hand(session: Session, policy: Policy, measure: str, english: str, *, reason: str | None,
                 now: datetime) -> str:
    """Pair measure `measure` with the translation's measure `english` ("none": it has no English; "auto":
    back to automatic alignment). Pinned: re-alignment and re-ingest keep it. Returns what was done."""
    row = _find_measure(policy, measure)
    old = next((t.number for t in policy.translated_measures if t.ordinal == row.en_ordinal), None)
    choice = english.strip().lower()
    if choice == "auto":
        row.alignment, new = None, "auto"
    elif choice == "none":
        row.alignment, row.en_ordinal, new = "manual", None, None
    else:
        t = _find_translated(policy, english)
        for other in policy.measures:
            if other is not row and other.alignment == "manual" and other.en_ordinal == t.ordinal:
                other.alignment = None  # the English measure moves here; the other measure is re-aligned
        row.alignment, row.en_ordinal, new = "manual", t.ordinal, t.number
    session.add(History(policy_id=policy.id, field="translation", old_value=f"{row.number} = {old}",
                        new_value=f"{row.number} = {new}", reason=reason, source="manual", changed_at=now))
    session.flush()
    realign(session, policy)
    return f"measure {row.number} = English {new}" if new not in (None, "auto") else (
        f"measure {row.number} has no English" if new is None else f"measure {row.number} aligned automatically")
