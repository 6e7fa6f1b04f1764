"""Storing a whole `tracker/1` document (`tracker import`): new policies in bulk, known ones through the writer.

`save_policy(exact=True)` stores one policy object by object, with a lookup for every agency, source and
match: right for a merge, but ~500 measures a second, so a 1,000,000-measure backup would take half an hour.
Here a policy that cannot match anything already stored goes in set-based (a batch of policies, then their
measures, agency links, targets, checks, sources, supersessions and history: one executemany per table on
SQLite, one COPY on PostgreSQL), reading what it needs to resolve from caches loaded once per import.

The outcome is the same as calling `save_policy(exact=True)` on each record in file order (a test checks
this). The caches only have to be conservative: anything a record *might* match (ref, document number,
title and window, an English translation's window) sends that record to the writer, which decides exactly;
so does a ref that would need a "-2" suffix. The caller owns the transaction: all or nothing.
"""

from __future__ import annotations

import gc
import sys
import threading
from bisect import insort
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable

from sqlalchemy import bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from tracker.domain.records import PolicyRecord
from tracker.domain.refs import named_by_number, title_ref
from tracker.domain.targets import next_check_on, target_outcome
from tracker.errors import InvalidInput
from tracker.extract.agencies import normalise_agency
from tracker.store.exchange import AgencyEntries
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
    TranslatedMeasure,
)
from tracker.store.writer import _plain, add_alias, agency_for, save_policy, title_key

# Policies per round of INSERTs: big enough that per-statement costs vanish, small enough to keep rows in
# memory modest and under SQLite's bound-parameter limit once multi-row VALUES are split by SQLAlchemy.
BATCH_POLICIES = 1_000
# IN (...) lists are cut to this size (SQLite's default limit on host parameters is 32,766).
IN_CHUNK = 5_000


@dataclass
class ImportResult:
    bulk: int = 0  # new policies inserted set-based
    one_by_one: int = 0  # records stored by the writer (they matched a stored policy, or might have)

    @property
    def stored(self) -> int:
        return self.bulk + self.one_by_one


@dataclass(eq=False)  # compared by identity: two queued copies of one record are two policies
class _Planned:
    """A new policy queued for the next batch; `id` is known once the batch is inserted."""

    record: PolicyRecord
    ref: str
    id: int | None = None
    # Superseded policies named by title alone, resolved when queued: the writer only finds one stored before.
    named_by_title: dict[str, int | _Planned | None] = field(default_factory=dict)


@dataclass(slots=True)  # one per policy in the file: kept small
class _Known:
    """What the match rules of `writer.find_match` look at, for one stored or queued policy."""

    title_key: str
    title_en_key: str
    language: str | None
    measures: int


@dataclass
class _Index:
    refs: set[str] = field(default_factory=set)
    doc_numbers: set[str] = field(default_factory=set)
    by_window: dict[tuple[date | None, date | None], list[_Known]] = field(default_factory=lambda: defaultdict(list))
    # Policies per title key in id order (queued ones last: their ids will be higher). Exact, not merely
    # conservative: a superseded policy named only by title is the first one (`writer._find_named`).
    by_title: dict[str, list[int | _Planned]] = field(default_factory=lambda: defaultdict(list))
    _title_of: dict[int, str] = field(default_factory=dict)

    def add(self, who: int | _Planned, ref: str, doc_number: str | None, title: str | None,
            title_en: str | None, language: str | None, window: tuple, measures: int) -> None:
        self.refs.add(ref)
        if doc_number:
            self.doc_numbers.add(doc_number)
        key = title_key(title)
        self.by_window[window].append(_Known(key, title_key(title_en), language, measures))
        if isinstance(who, int):  # stored: the writer may have retitled it
            old = self._title_of.pop(who, None)
            if old is not None:
                self.by_title[old].remove(who)
            self._title_of[who] = key
        if key:
            # Nearly always the newest (highest id): appended; otherwise put in its place, never a full sort.
            insort(self.by_title[key], who, key=_holder_order)

    def settle(self, planned: _Planned) -> None:
        """`planned` is inserted: from now on it is a stored policy like any other."""
        key = title_key(planned.record.title)
        if key:
            holders = self.by_title[key]
            holders[holders.index(planned)] = planned.id
            self._title_of[planned.id] = key

    def first_titled(self, key: str) -> int | _Planned | None:
        holders = self.by_title.get(key)
        return holders[0] if holders else None

    def might_match(self, r: PolicyRecord) -> bool:
        """True when `writer.find_match` could find a stored policy for `r` (never False when it would)."""
        if (r.ref and r.ref in self.refs) or (r.doc_number and r.doc_number in self.doc_numbers):
            return True
        key = title_key(r.title)
        for known in self.by_window.get((r.effective_from, r.effective_to), ()):
            if key and key in (known.title_key, known.title_en_key):
                return True
            # A translation (or an original stored after its translation) is matched by aligning measures:
            # any policy of the other language with the same window might be it.
            if (r.language in ("en", "zh") and r.effective_from is not None and r.measures and known.measures
                    and (known.language != "en") == (r.language == "en")):
                return True
        return False


def _holder_order(holder: int | _Planned) -> int:
    return holder if isinstance(holder, int) else (holder.id or 1 << 62)  # queued ones after every stored one


def import_policies(session: Session, records: Iterable[PolicyRecord | AgencyEntries], agencies: Iterable[tuple] = (),
                    *, now: datetime, today: date, origin: str = "import") -> ImportResult:
    """Store `records` as `tracker import` does; agencies (name, aliases[, name_en]) first, so names resolve.

    `records` may be a stream (`exchange.stream_document`): policies are stored a batch at a time as they
    come, and agency entries met in it are applied where they stand (`tracker export` writes them first).
    A record that conflicts with what is stored raises InvalidInput naming `origin` and its place in the file.
    """
    with _young_collections_only(), _quick_handover():
        store = _BulkStore(session, now, today)
        try:
            return _import(store, records, agencies, origin=origin)
        finally:
            store.wait(raise_error=False)  # never leave a batch writing while the caller rolls back


@contextmanager
def _young_collections_only():
    """A bulk load allocates millions of objects that stay alive until their batch is stored: the garbage
    collector's automatic passes over them cost about a fifth of an import and find next to nothing. Off
    while importing; the young generations are collected after each batch (`_BulkStore.insert`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _quick_handover():
    """The batch written behind (`_BulkStore.insert_behind`) waits on the server many times per batch; each
    time it wakes it needs the interpreter lock back from the reading thread, which by default keeps it up to
    5 ms. A shorter interval while importing lets the writer send its next rows almost at once."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _import(store: _BulkStore, records: Iterable[PolicyRecord | AgencyEntries], agencies: Iterable[tuple],
            *, origin: str) -> ImportResult:
    session, now, today = store.session, store.now, store.today
    _apply_agencies(session, agencies)
    store.load_agencies()
    result = ImportResult()
    queued: list[_Planned] = []
    i = 0
    for record in records:
        if isinstance(record, AgencyEntries):
            store.insert(queued)
            queued.clear()
            _apply_agencies(session, record.entries)
            store.load_agencies()
            continue
        wanted = record.ref or record.doc_number or title_ref(record.title)
        if store.index.might_match(record) or wanted in store.index.refs:
            store.insert(queued)
            queued.clear()
            try:
                saved = save_policy(session, record, now=now, today=today, exact=True)
            except InvalidInput as exc:
                raise InvalidInput(f"{origin}: policies[{i}]: {exc}") from None
            store.remember(saved.ref)
            result.one_by_one += 1
        else:
            planned = _Planned(record, wanted)
            for rec in record.supersedes:
                key = title_key(rec.title)
                if not rec.doc_number and key:
                    planned.named_by_title[key] = store.index.first_titled(key)
            store.index.add(planned, wanted, record.doc_number, record.title, record.title_en, record.language,
                            (record.effective_from, record.effective_to), len(record.measures))
            queued.append(planned)
            result.bulk += 1
            if len(queued) >= BATCH_POLICIES:
                store.insert_behind(queued)
                queued = []
        i += 1
    store.insert(queued)
    return result


def _apply_agencies(session: Session, agencies: Iterable[tuple]) -> None:
    for name, aliases, *english in agencies:
        agency = agency_for(session, name)
        for alias in aliases:
            add_alias(session, name, alias)
        if english and english[0]:
            agency.name_en = english[0]
    session.flush()


class _BulkStore:
    def __init__(self, session: Session, now: datetime, today: date):
        self.session, self.now, self.today = session, now, today
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.index = _Index()
        self.agency_by_name: dict[str, int] = {}
        self.agency_by_alias: dict[str, int] = {}
        self.source_by_sha: dict[str, int] = {}
        self._agency_by_spelling: dict[str, int] = {}  # names as written in the file: normalising is slow
        self._behind: threading.Thread | None = None  # a batch being written while the next one is read
        self._behind_error: BaseException | None = None
        self._unsettled: list[_Planned] = []
        self._load()

    def _load(self) -> None:
        s = self.session
        counts = dict(s.execute(select(Measure.policy_id, func.count()).group_by(Measure.policy_id)).all())
        for p in s.execute(select(Policy.id, Policy.ref, Policy.doc_number, Policy.title, Policy.title_en,
                                  Policy.language, Policy.effective_from, Policy.effective_to).order_by(Policy.id)):
            self.index.add(p.id, p.ref, p.doc_number, p.title, p.title_en, p.language,
                           (p.effective_from, p.effective_to), counts.get(p.id, 0))
        self.load_agencies()
        self.source_by_sha = {sha: id_ for id_, sha in s.execute(select(SourceDocument.id, SourceDocument.sha256))}

    def load_agencies(self) -> None:
        """(Re)read every agency and alias: agency entries applied mid-stream may have created or folded some."""
        self.wait()
        s = self.session
        s.flush()
        self.agency_by_name = {name: id_ for id_, name in s.execute(select(Agency.id, Agency.name))}
        self.agency_by_alias = {alias: id_ for id_, alias in s.execute(select(AgencyAlias.agency_id, AgencyAlias.alias))}
        self._agency_by_spelling.clear()

    def remember(self, ref: str) -> None:
        """A policy the writer just stored (and may have changed): add it, and what it created, to the caches."""
        self.wait()
        s = self.session
        s.flush()
        p = s.scalar(select(Policy).where(Policy.ref == ref))
        self.index.add(p.id, p.ref, p.doc_number, p.title, p.title_en, p.language,
                       (p.effective_from, p.effective_to), len(p.measures))
        for m in p.measures:
            for link in m.agency_links:
                self._cache_agency(link.agency)
        for src in p.sources:
            self.source_by_sha[src.sha256] = src.id

    def _cache_agency(self, agency: Agency) -> None:
        self.agency_by_name[agency.name] = agency.id
        for a in agency.aliases:
            self.agency_by_alias[a.alias] = agency.id

    def agency_id(self, name: str) -> int:
        """As `writer.agency_for`: by normalised name, then by alias key; created when neither is known."""
        known = self._agency_by_spelling.get(name)
        if known is None:
            known = self._agency_by_spelling[name] = self._agency_id(name)
        return known

    def _agency_id(self, name: str) -> int:
        clean = normalise_agency(name) or name.strip()
        found = self.agency_by_name.get(clean)
        if found is None:
            found = self.agency_by_alias.get(agency_name_key(clean))
        if found is None:
            # New, as `agency_for` would make it. The caches hold every agency: all were loaded, and the
            # writer's (for the policies it stored) were added by `remember`.
            key = agency_name_key(clean)
            found = self.session.scalar(insert(Agency.__table__).values(name=clean).returning(Agency.__table__.c.id))
            self.session.execute(insert(AgencyAlias.__table__).values(agency_id=found, alias=key))
            self.agency_by_name[clean] = self.agency_by_alias[key] = found
        return found

    # -- one batch ------------------------------------------------------------------------------------------

    def insert_behind(self, batch: list[_Planned]) -> None:
        """Store `batch` while the caller reads on (PostgreSQL): the server works through one batch's COPYs
        while this process parses the next, instead of each waiting for the other. The caller keeps its hands
        off the session until `wait` (every other method here waits first); `batch` is not to be touched."""
        if not self.postgres:
            self.insert(batch)
            return
        self.wait()
        self._behind = threading.Thread(target=self._insert_catching, args=(batch,), name="import-batch", daemon=True)
        self._behind.start()

    def _insert_catching(self, batch: list[_Planned]) -> None:
        try:
            self._write(batch)
        except BaseException as exc:  # handed to the reading thread by `wait`
            self._behind_error = exc

    def wait(self, raise_error: bool = True) -> None:
        """Until the batch written behind is stored; its error, if it failed, is raised here."""
        if self._behind is not None:
            self._behind.join()
            self._behind = None
        for p in self._unsettled:
            self.index.settle(p)
        self._unsettled = []
        error, self._behind_error = self._behind_error, None
        if error is not None and raise_error:
            raise error

    def insert(self, batch: list[_Planned]) -> None:
        self.wait()
        self._write(batch)
        self.wait()

    def _write(self, batch: list[_Planned]) -> None:
        if not batch:
            return
        s, now = self.session, self.now
        s.flush()  # the writer's pending objects first: our rows may point at them
        policy_rows = []
        for p in batch:
            r = p.record
            policy_rows.append({
                "ref": p.ref, "title": r.title, "title_en": r.title_en, "doc_number": r.doc_number,
                "issuer": r.issuer, "issued_on": r.issued_on, "published_on": r.published_on,
                "language": r.language, "effective_from": r.effective_from, "effective_to": r.effective_to,
                "window_source": _plain(r.window_source), "window_basis": r.window_basis,
                "plan_from": r.plan_from, "plan_to": r.plan_to, "plan_basis": r.plan_basis,
                "state": _plain(r.state), "pinned": "", "created_at": now, "updated_at": now,
            })
        for p, id_ in zip(batch, self._insert_ids(Policy, policy_rows)):
            p.id = id_
        self._unsettled = batch  # settled in the index by `wait`, in the reading thread

        measure_rows, measure_owner = [], []
        for p in batch:
            for m in p.record.measures:
                measure_rows.append({"policy_id": p.id, "number": m.number, "ordinal": m.ordinal,
                                     "section": m.section, "title": m.title, "text": m.text or "",
                                     "title_en": m.title_en, "text_en": m.text_en, "en_ordinal": m.translation,
                                     "alignment": m.alignment})
                measure_owner.append((p, m))
        measure_ids: dict[int, dict[str, int]] = defaultdict(dict)  # policy id -> number -> measure id
        link_rows = []
        for (p, m), measure_id in zip(measure_owner, self._insert_ids(Measure, measure_rows)):
            measure_ids[p.id][m.number] = measure_id  # the last measure with a number wins, as in the writer
            linked = set()
            for position, link in enumerate(m.agencies):
                agency_id = self.agency_id(link.name)
                if agency_id in linked:
                    continue  # the same agency named twice (by two aliases): one link
                linked.add(agency_id)
                link_rows.append({"measure_id": measure_id, "agency_id": agency_id, "role": _plain(link.role),
                                  "position": position})
        self._insert(MeasureAgency, link_rows)
        self._insert(TranslatedMeasure, [
            {"policy_id": p.id, "ordinal": m.ordinal, "number": m.number, "title": m.title, "text": m.text or "",
             "agencies": "\n".join(normalise_agency(a.name) or a.name for a in m.agencies)}
            for p in batch for m in p.record.translation
        ])

        target_rows, target_checks = [], []
        for p in batch:
            r = p.record
            for t in r.targets:
                checks = [(c.checked_on, _plain(c.status)) for c in t.checks]
                outcome = target_outcome(checks)
                last = max((c[0] for c in checks), default=None)
                target_rows.append({
                    "policy_id": p.id, "measure_id": measure_ids[p.id].get(t.measure) if t.measure else None,
                    "kind": _plain(t.kind), "text": t.text, "metric": t.metric, "quantity": t.quantity, "unit": t.unit,
                    "comparator": _plain(t.comparator), "quantity_high": t.quantity_high,
                    "due_on": t.due_on, "due_source": _plain(t.due_source),
                    "outcome": outcome, "pinned": "", "text_en": t.text_en, "metric_en": t.metric_en,
                    "unit_en": t.unit_en,
                    "next_check_on": next_check_on(t.due_on, r.effective_from or self.today, last, outcome),
                })
                target_checks.append(t.checks)
        check_rows = [
            {"target_id": target_id, "checked_on": c.checked_on, "value": c.value, "status": _plain(c.status),
             "note": c.note, "checked_by": c.checked_by, "recorded_at": now}
            for target_id, checks in zip(self._insert_ids(Target, target_rows), target_checks)
            for c in checks
        ]
        self._insert(TargetCheck, check_rows)

        self._insert(PolicySource, self._source_links(batch))
        self._insert(Supersession, self._supersessions(batch))
        self._insert(History, self._history(batch))
        self._link_waiting(batch)
        gc.collect(1)  # what this batch left cyclic (see `_young_collections_only`)

    def _source_links(self, batch: list[_Planned]) -> list[dict]:
        new_sources: dict[str, dict] = {}
        for p in batch:
            for src in p.record.sources:
                if src.sha256 not in self.source_by_sha and src.sha256 not in new_sources:
                    new_sources[src.sha256] = {"name": src.name, "url": src.url, "sha256": src.sha256,
                                               "language": src.language, "format": None, "ingested_at": self.now}
        for sha, id_ in zip(new_sources, self._insert_ids(SourceDocument, list(new_sources.values()))):
            self.source_by_sha[sha] = id_
        links = []
        for p in batch:
            seen = set()
            for src in p.record.sources:
                source_id = self.source_by_sha[src.sha256]
                if source_id not in seen:
                    seen.add(source_id)
                    links.append({"policy_id": p.id, "source_id": source_id})
        return links

    def _supersessions(self, batch: list[_Planned]) -> list[dict]:
        """As `writer._save_supersessions` with exact=True: linked when the named policy is known, never marked."""
        # Numbers are looked up in the database (the writer may have renumbered a stored policy). Found now
        # are also policies later in this batch: the writer would link those when it stored them.
        by_number = self._holders(sorted({r.doc_number for p in batch for r in p.record.supersedes if r.doc_number}))
        rows = []
        for p in batch:
            seen = set()
            for rec in p.record.supersedes:
                key = (rec.doc_number, title_key(rec.title))
                if key in seen:
                    continue
                seen.add(key)
                if rec.doc_number:
                    # One stored later: `_link_waiting` then. Several of one number: NULL names them all.
                    named = named_by_number([h for h in by_number.get(rec.doc_number, ()) if h[0] != p.id], rec.title)
                    superseded_id = named[0] if len(named) == 1 else None
                else:
                    named = p.named_by_title.get(key[1])
                    superseded_id = named.id if isinstance(named, _Planned) else named
                if superseded_id == p.id:
                    superseded_id = None
                rows.append({"policy_id": p.id, "superseded_id": superseded_id,
                             "superseded_doc_number": rec.doc_number, "superseded_title": rec.title})
        return rows

    def _history(self, batch: list[_Planned]) -> list[dict]:
        """As `writer._append_history` for a new policy: each (field, old, new, source) once."""
        rows = []
        for p in batch:
            seen = set()
            for h in p.record.history:
                key = (h.field, h.old, h.new, h.source)
                if key in seen:
                    continue
                seen.add(key)
                at = datetime.fromisoformat(h.at.replace("Z", "+00:00")) if h.at else self.now
                rows.append({"policy_id": p.id, "target_id": None, "field": h.field, "old_value": h.old,
                             "new_value": h.new, "reason": h.reason, "source": h.source, "changed_at": at})
        return rows

    def _holders(self, numbers: list[str]) -> dict[str, list[tuple[int, str, str | None]]]:
        """(id, title, title_en) of the stored policies carrying each of `numbers`, oldest first."""
        out: dict[str, list] = defaultdict(list)
        for start in range(0, len(numbers), IN_CHUNK):
            for r in self.session.execute(select(Policy.doc_number, Policy.id, Policy.title, Policy.title_en)
                                          .where(Policy.doc_number.in_(numbers[start:start + IN_CHUNK]))
                                          .order_by(Policy.id)):
                out[r.doc_number].append((r.id, r.title, r.title_en))
        return out

    def _link_waiting(self, batch: list[_Planned]) -> None:
        """As `writer._link_waiting_supersessions`: earlier rows naming one of these numbers now point at it
        (or, a number several policies now share and the row cites it alone, at none: it names them all)."""
        numbered = defaultdict(set)
        for p in batch:
            if p.record.doc_number:
                numbered[p.record.doc_number].add(p.id)
        numbers = sorted(numbered)
        holders = self._holders(numbers)
        for start in range(0, len(numbers), IN_CHUNK):
            chunk = numbers[start:start + IN_CHUNK]
            waiting = self.session.execute(select(Supersession.id, Supersession.policy_id, Supersession.superseded_id,
                                                  Supersession.superseded_doc_number, Supersession.superseded_title)
                                           .where(Supersession.superseded_doc_number.in_(chunk))
                                           .order_by(Supersession.id)).all()
            updates = []
            for w in waiting:
                named = named_by_number([h for h in holders[w.superseded_doc_number] if h[0] != w.policy_id],
                                        w.superseded_title)
                to = named[0] if len(named) == 1 else None
                if numbered[w.superseded_doc_number] & set(named) and w.superseded_id != to:
                    updates.append({"row_id": w.id, "to": to})
            if updates:
                table = Supersession.__table__
                self.session.execute(
                    update(table).where(table.c.id == bindparam("row_id")).values(superseded_id=bindparam("to")),
                    updates,
                )
                # Rows the writer made are in the session: let them reload rather than show the old link.
                linked = {u["row_id"] for u in updates}
                for obj in list(self.session.identity_map.values()):
                    if isinstance(obj, Supersession) and obj.id in linked:
                        self.session.expire(obj, ["superseded_id", "superseded"])

    # -- statements -----------------------------------------------------------------------------------------

    def _insert_ids(self, model, rows: list[dict]) -> list[int]:
        """Insert `rows` in few statements; their new ids, in the order of `rows`."""
        if not rows:
            return []
        table = model.__table__
        if self.postgres:
            # Reserve the ids from the table's sequence in one statement, then send plain INSERTs with them
            # (pipelined by psycopg). INSERT ... RETURNING in SQLAlchemy's ordered multi-row form spends most
            # of its time in psycopg parsing one huge, never cached statement per page.
            # Alone on the sequence they are consecutive: then only the first and last come back, not n rows.
            first, last, scattered = self.session.execute(text(
                "SELECT min(v), max(v), CASE WHEN max(v) - min(v) + 1 = count(*) THEN NULL "
                "ELSE array_agg(v ORDER BY v) END "
                "FROM (SELECT nextval(pg_get_serial_sequence(:table, 'id')) AS v FROM generate_series(1, :n)) AS s"
            ), {"table": table.name, "n": len(rows)}).one()
            ids = list(scattered) if scattered is not None else list(range(first, last + 1))
            self._copy(table, rows, ids)
            return ids
        # SQLite cannot promise the order of RETURNING rows, and SQLAlchemy then sends one INSERT per row.
        # Without AUTOINCREMENT, SQLite gives each new row the largest rowid so far plus one, and nobody else
        # writes while this transaction does: so the ids are the next ones after the largest before. Checked.
        top = select(func.coalesce(func.max(table.c.id), 0))
        before = self.session.scalar(top)
        self.session.execute(insert(table), rows)
        after = self.session.scalar(top)
        if after - before != len(rows):
            raise RuntimeError(f"{table.name}: expected ids {before + 1}..{before + len(rows)}, the largest is {after}")
        return list(range(before + 1, after + 1))

    def _insert(self, model, rows: list[dict]) -> None:
        if not rows:
            return
        if self.postgres:
            self._copy(model.__table__, rows)
        else:
            self.session.execute(insert(model.__table__), rows)

    def _copy(self, table, rows: list[dict], ids: list[int] | None = None) -> None:
        """PostgreSQL's COPY, in this session's transaction: one stream instead of a statement per row.

        Values go through psycopg's own adapters; the only type of ours with a bind step (UTCDateTime) passes
        aware datetimes through unchanged on PostgreSQL, and every timestamp here is aware (`now`, parsed `at`).
        """
        columns = list(rows[0])
        dbapi = self.session.connection().connection.driver_connection
        names = ", ".join(f'"{c}"' for c in [*columns, *(["id"] if ids is not None else [])])
        with dbapi.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            if ids is None:
                for row in rows:
                    copy.write_row(tuple(row.values()))
            else:
                for row, id_ in zip(rows, ids):
                    copy.write_row((*row.values(), id_))
