"""The `tracker/1` JSON shape: database -> PolicyRecords -> JSON, and JSON -> validated PolicyRecords.

Parsing is strict and names the JSON path of the first problem (`policies[3].effective_to`), so an import
either stores everything or nothing.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.domain.records import (
    AgencyLink,
    AgencyRole,
    CheckRecord,
    CheckStatus,
    Comparator,
    HistoryRecord,
    MeasureRecord,
    PolicyRecord,
    PolicyState,
    SourceRecord,
    SupersessionRecord,
    TargetKind,
    TargetRecord,
    WindowSource,
)
from tracker.domain.refs import title_key
from tracker.domain.status import policy_status
from tracker.errors import InvalidInput
from tracker.store.schema.policies import History, Measure, MeasureAgency, Policy, Target

FORMAT = "tracker/1"


class _Alignment(str, Enum):
    ANCHORS = "anchors"
    ORDER = "order"
    MANUAL = "manual"


# -- database -> records ------------------------------------------------------------------------------------


def policy_records(session: Session, refs: list[str] | None = None) -> list[PolicyRecord]:
    """Every stored policy (or those with the given refs) as records, ordered by ref."""
    query = (
        select(Policy)
        .options(
            selectinload(Policy.sources),
            selectinload(Policy.supersessions),
            selectinload(Policy.measures).selectinload(Measure.agency_links).selectinload(MeasureAgency.agency),
            selectinload(Policy.targets).selectinload(Target.checks),
            selectinload(Policy.targets).selectinload(Target.measure),
            selectinload(Policy.translated_measures),
        )
        .order_by(Policy.ref)
    )
    if refs is not None:
        query = query.where(Policy.ref.in_(refs))
    policies = session.scalars(query).all()
    histories: dict[int, list[History]] = {}
    for h in session.scalars(select(History).order_by(History.changed_at, History.id)):
        if h.policy_id is not None:
            histories.setdefault(h.policy_id, []).append(h)
    return [_record(p, histories.get(p.id, [])) for p in policies]


def _record(p: Policy, history: list[History]) -> PolicyRecord:
    measures = [
        MeasureRecord(
            number=m.number,
            ordinal=m.ordinal,
            section=m.section,
            title=m.title,
            text=m.text,
            agencies=[AgencyLink(a.agency.name, AgencyRole(a.role)) for a in sorted(m.agency_links, key=lambda a: (a.position, a.agency.name))],
            title_en=m.title_en,
            text_en=m.text_en,
            translation=m.en_ordinal,
            alignment=m.alignment,
        )
        for m in sorted(p.measures, key=lambda m: m.ordinal)
    ]
    translation = [
        MeasureRecord(number=t.number, ordinal=t.ordinal, title=t.title, text=t.text,
                      agencies=[AgencyLink(n) for n in (t.agencies or "").splitlines() if n])
        for t in sorted(p.translated_measures, key=lambda t: t.ordinal)
    ]
    targets = sorted(
        (
            TargetRecord(
                kind=TargetKind(t.kind),
                text=t.text,
                due_on=t.due_on,
                measure=t.measure.number if t.measure is not None else None,
                metric=t.metric,
                quantity=_decimal_out(t.quantity),
                unit=t.unit,
                comparator=Comparator(t.comparator),
                quantity_high=_decimal_out(t.quantity_high),
                due_source=WindowSource(t.due_source),
                checks=[
                    CheckRecord(c.checked_on, CheckStatus(c.status), _decimal_out(c.value), c.note, c.checked_by)
                    for c in sorted(t.checks, key=lambda c: (c.checked_on, c.id))
                ],
                text_en=t.text_en,
                metric_en=t.metric_en,
                unit_en=t.unit_en,
            )
            for t in p.targets
        ),
        key=lambda t: (_measure_ordinal(p, t.measure), t.text),
    )
    supersedes = sorted(
        (
            SupersessionRecord(
                doc_number=s.superseded_doc_number or (s.superseded.doc_number if s.superseded else None),
                title=s.superseded_title or (s.superseded.title if s.superseded else None),
            )
            for s in p.supersessions
        ),
        key=lambda s: (s.doc_number or "", s.title or ""),
    )
    return PolicyRecord(
        ref=p.ref,
        title=p.title,
        title_en=p.title_en,
        doc_number=p.doc_number,
        issuer=p.issuer,
        issued_on=p.issued_on,
        published_on=p.published_on,
        language=p.language,
        effective_from=p.effective_from,
        effective_to=p.effective_to,
        window_source=WindowSource(p.window_source) if p.window_source else None,
        window_basis=p.window_basis,
        plan_from=p.plan_from,
        plan_to=p.plan_to,
        plan_basis=p.plan_basis,
        state=PolicyState(p.state),
        supersedes=supersedes,
        sources=[SourceRecord(s.name, s.sha256, s.language, s.url) for s in sorted(p.sources, key=lambda s: (s.name, s.sha256))],
        measures=measures,
        targets=targets,
        translation=translation,
        history=[
            HistoryRecord(
                field=h.field if h.target_id is None else f"target.{h.field}",
                old=h.old_value,
                new=h.new_value,
                reason=h.reason,
                source=h.source,
                at=h.changed_at.isoformat().replace("+00:00", "Z"),
            )
            for h in history
        ],
    )


def _measure_ordinal(p: Policy, number: str | None) -> int:
    for m in p.measures:
        if m.number == number:
            return m.ordinal
    return 0


def _decimal_out(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


# -- records -> JSON ----------------------------------------------------------------------------------------


def _day(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _number(q: Decimal | None):
    if q is None:
        return None
    q = _decimal_out(q)
    return int(q) if q == q.to_integral_value() else float(q)


def policy_json(r: PolicyRecord, as_of: date | None) -> dict[str, Any]:
    """One policy in the export shape; `status` is as of `as_of` (omitted for a dry run without a day)."""
    out: dict[str, Any] = {
        "ref": r.ref,
        "title": r.title,
        "title_en": r.title_en,
        "doc_number": r.doc_number,
        "issuer": r.issuer,
        "issued_on": _day(r.issued_on),
        "published_on": _day(r.published_on),
        "effective_from": _day(r.effective_from),
        "effective_to": _day(r.effective_to),
        "window_source": r.window_source.value if r.window_source else None,
        "window_basis": r.window_basis,
        "plan_from": _day(r.plan_from),
        "plan_to": _day(r.plan_to),
        "plan_basis": r.plan_basis,
        "language": r.language,
        "state": r.state.value,
    }
    if as_of is not None:
        out["status"] = policy_status(r.effective_from, r.effective_to, r.state, as_of).value
    out["supersedes"] = [{"doc_number": s.doc_number, "title": s.title} for s in r.supersedes]
    out["sources"] = [{"name": s.name, "sha256": s.sha256, "language": s.language, "url": s.url} for s in r.sources]
    out["measures"] = [
        {
            "number": m.number,
            "ordinal": m.ordinal,
            "section": m.section,
            "title": m.title,
            "text": m.text,
            "agencies": [{"name": a.name, "role": a.role.value} for a in m.agencies],
            **_measure_english(m),
        }
        for m in r.measures
    ]
    if r.translation:
        out["translation"] = [
            {"number": m.number, "ordinal": m.ordinal, "title": m.title, "text": m.text,
             "agencies": [a.name for a in m.agencies]}
            for m in r.translation
        ]
    out["targets"] = [
        {
            "kind": t.kind.value,
            "measure": t.measure,
            "text": t.text,
            "metric": t.metric,
            "quantity": _number(t.quantity),
            "unit": t.unit,
            "comparator": t.comparator.value,
            # Only a range has a high end; files without ranges keep the shape they always had.
            **({"quantity_high": _number(t.quantity_high)} if t.quantity_high is not None else {}),
            "due_on": _day(t.due_on),
            "due_source": t.due_source.value,
            "checks": [
                {"checked_on": _day(c.checked_on), "value": _number(c.value), "status": c.status.value,
                 "note": c.note, "checked_by": c.checked_by}
                for c in t.checks
            ],
            **{k: v for k, v in (("text_en", t.text_en), ("metric_en", t.metric_en), ("unit_en", t.unit_en)) if v},
        }
        for t in r.targets
    ]
    out["history"] = [
        {"field": h.field, "old": h.old, "new": h.new, "reason": h.reason, "source": h.source, "at": h.at}
        for h in r.history
    ]
    return out


def _measure_english(m: MeasureRecord) -> dict[str, Any]:
    """A measure's English side, only when there is one (documents without translations read as before)."""
    out: dict[str, Any] = {}
    if m.title_en is not None or m.text_en is not None:
        out.update(title_en=m.title_en, text_en=m.text_en)
    if m.translation is not None or m.alignment is not None:
        out["translation"] = {"ordinal": m.translation, "alignment": m.alignment}
    return out


def export_document(records: list[PolicyRecord], as_of: date | None,
                    agencies: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {"format": FORMAT}
    if agencies is not None:
        # Before the policies: an import reading the file as a stream knows every alias before the first measure.
        document["agencies"] = agencies
    document["policies"] = [policy_json(r, as_of) for r in records]
    return document


def agency_entries(session: Session) -> list[dict[str, Any]]:
    """Every agency with its aliases (stored normalised), so an import keeps alias matching."""
    from tracker.store.schema.policies import Agency

    agencies = session.scalars(select(Agency).options(selectinload(Agency.aliases)).order_by(Agency.name))
    return [{"name": a.name, **({"name_en": a.name_en} if a.name_en else {}), "aliases": sorted(x.alias for x in a.aliases)}
            for a in agencies]


def parse_agencies(data: Any, origin: str) -> list[tuple[str, list[str], str | None]]:
    """The optional top-level `agencies` list of a tracker/1 document, validated: (name, aliases, name_en)."""
    top = _Reader(data, "", origin)
    entries = []
    for a in top.items("agencies"):
        aliases = a.data.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(x, str) and x.strip() for x in aliases):
            a.fail("aliases", "expected a list of names")
        entries.append((a.text("name", required=True), aliases, a.text("name_en")))
    return entries


# -- JSON -> records ----------------------------------------------------------------------------------------


class _Reader:
    """Typed access to a JSON object that names the path of whatever is wrong.

    The path (`policies[3].measures[0]`) is spelled out only for an error: a backup holds millions of objects.
    """

    __slots__ = ("data", "_parent", "_step", "origin")

    def __init__(self, data: Any, path: str | tuple[_Reader, tuple[str, int]], origin: str):
        self.data, self.origin = data, origin
        self._parent, self._step = path if isinstance(path, tuple) else (None, path)
        if not isinstance(data, dict):
            raise InvalidInput(f"{origin}: {self.path or 'top level'}: expected an object")

    @property
    def path(self) -> str:
        if self._parent is None:
            return self._step
        key, index = self._step
        return f"{self._parent._at(key)}[{index}]"

    def _at(self, key: str) -> str:
        path = self.path
        return f"{path}.{key}" if path else key

    def fail(self, key: str, what: str):
        raise InvalidInput(f"{self.origin}: {self._at(key)}: {what}")

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        # The common case first, in as few steps as possible: a backup holds tens of millions of fields.
        if value.__class__ is str and "\x00" not in value and (not required or value.strip()):
            return value
        if value is None:
            if required:
                self.fail(key, "required field is missing")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(key, "expected a non-empty string" if required else "expected a string")
        if "\x00" in value:  # PostgreSQL text cannot hold it; refused on every backend so files stay portable
            self.fail(key, "contains a NUL character (\\u0000)")
        return value

    def day(self, key: str) -> date | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value) if len(value) == 10 else _bad()
        except ValueError:
            self.fail(key, f"{value!r} is not a valid date (expected YYYY-MM-DD)")

    def number(self, key: str) -> Decimal | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(key, "expected a number")
        try:
            return Decimal(str(value))
        except InvalidOperation:
            self.fail(key, f"{value!r} is not a number")

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, "required integer is missing" if value is None else "expected an integer")
        return value

    def choice(self, key: str, enum, default=None):
        value = self.text(key)
        if value is None:
            return default
        member = enum._value2member_map_.get(value)  # what enum(value) finds, without its slow path
        if member is None:
            self.fail(key, f"{value!r} is not one of {', '.join(e.value for e in enum)}")
        return member

    def items(self, key: str) -> list[_Reader]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, "expected a list")
        return [_Reader(v, (self, (key, i)), self.origin) for i, v in enumerate(value)]


def _bad():
    raise ValueError


def parse_document(data: Any, origin: str) -> list[PolicyRecord]:
    """Validate a `tracker/1` document; InvalidInput names the file and JSON path of the first problem."""
    top = _Reader(data, "", origin)
    if top.data.get("format") != FORMAT:
        top.fail("format", f"expected {FORMAT!r}, found {top.data.get('format')!r}")
    if "policies" not in top.data:
        top.fail("policies", "required field is missing")
    unique = _Unique(origin)
    return [unique.check(i, _policy(p)) for i, p in enumerate(top.items("policies"))]


class _Unique:
    """Refs, and document numbers with titles, must be unique within one file (the policies of one notice
    share its number, each under its own title)."""

    def __init__(self, origin: str):
        self.origin = origin
        self.seen: dict[str, int] = {}

    def check(self, i: int, r: PolicyRecord) -> PolicyRecord:
        for key, named in ((r.ref, r.ref), (r.doc_number and f"doc:{r.doc_number}:{title_key(r.title)}",
                                             f"{r.doc_number} {r.title}")):
            if key and key in self.seen:
                raise InvalidInput(f"{self.origin}: policies[{i}]: duplicates policies[{self.seen[key]}] ({named})")
            if key:
                self.seen[key] = i
        return r


@dataclass
class AgencyEntries:
    """The top-level `agencies` of a streamed document, met at this point of the file."""

    entries: list[tuple[str, list[str], str | None]]


def stream_document(path: Path, origin: str, advance: Callable[[int], None] | None = None
                    ) -> Iterator[PolicyRecord | AgencyEntries]:
    """A `tracker/1` file read incrementally: each policy validated and yielded as soon as it is read.

    Memory does not grow with the file (a 1,000,000-measure backup is a few hundred MB of JSON). The top-level
    `agencies` are yielded where they stand (`tracker export` writes them before the policies). The whole
    file is checked as it goes: InvalidInput names the JSON path of the first problem, possibly after
    earlier policies were yielded, so the caller stores everything in one transaction or nothing.
    `advance(n)` is told of every n bytes read.
    """
    unique = _Unique(origin)
    top = _Reader({}, "", origin)  # the parent of `policies[i]` in error paths
    seen: dict[str, Any] = {}
    count = 0
    try:
        with path.open("rb") as f:
            for key, value in _JsonStream(f, advance).top_level():
                if key == "policies.item":
                    reader = _Reader(value, (top, ("policies", count)), origin)
                    yield unique.check(count, _policy(reader))
                    count += 1
                    continue
                seen[key] = value
                if key == "policies":  # not a list
                    _Reader({"policies": value}, "", origin).items("policies")
                elif key == "agencies":
                    yield AgencyEntries(parse_agencies({"agencies": value}, origin))
    except FileNotFoundError:
        raise InvalidInput(f"{origin}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput(f"{origin}: is a directory") from None
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{origin}: not JSON ({exc})") from None
    except _Syntax as exc:
        raise InvalidInput(f"{origin}: {exc}") from None
    if seen.get("format") != FORMAT:
        top.fail("format", f"expected {FORMAT!r}, found {seen.get('format')!r}")
    if "policies" not in seen:
        top.fail("policies", "required field is missing")


class _JsonStream:
    """The top level of one JSON object read chunk by chunk with the standard library's C decoder.

    Yields (key, value) for each top-level key, except that a `policies` list is yielded element by element
    as ("policies.item", value) and then ("policies", None). A value is decoded once the buffer holds all of
    it: a JSONDecodeError near the end of the buffer means "read more"; far from it, a real syntax error.
    """

    CHUNK = 1 << 20
    # An error this far before the end of what is read is not for lack of input (no single value of a
    # tracker/1 file is anywhere near this long), so a broken file is not read whole to report it.
    SLACK = 16 << 20

    def __init__(self, f, advance: Callable[[int], None] | None):
        self.f, self.advance = f, advance
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf, self.pos, self.offset, self.eof = "", 0, 0, False
        self.scan = json.JSONDecoder().raw_decode

    def _more(self) -> bool:
        if self.eof:
            return False
        data = self.f.read(self.CHUNK)
        if self.advance is not None and data:
            self.advance(len(data))
        self.eof = not data
        text = self.decoder.decode(data, final=self.eof)
        self.offset += self.pos
        self.buf = self.buf[self.pos:] + text
        self.pos = 0
        return True

    def _peek(self) -> str:
        """The next character that is not whitespace ('' at the end of the file)."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def _expect(self, chars: str, what: str) -> str:
        c = self._peek()
        if not c or c not in chars:
            self._fail(f"Expecting {what}")
        self.pos += 1
        return c

    def _value(self):
        self._peek()  # raw_decode does not skip leading whitespace
        while True:
            try:
                value, end = self.scan(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof or exc.pos < len(self.buf) - self.SLACK:
                    self._fail(exc.msg, exc.pos)
                self._more()
                continue
            if end == len(self.buf) and not self.eof and not isinstance(value, (dict, list, str)):
                self._more()  # a number or literal may go on in the next chunk
                continue
            self.pos = end
            return value

    def _fail(self, msg: str, pos: int | None = None):
        raise _Syntax(f"not JSON ({msg}: character {self.offset + (self.pos if pos is None else pos)})")

    def top_level(self) -> Iterator[tuple[str, Any]]:
        if self._peek() != "{":
            self._value()  # not JSON at all, or JSON but not an object
            raise _Syntax("top level: expected an object")
        self.pos += 1
        if self._peek() == "}":
            self.pos += 1
        else:
            while True:
                if self._peek() != '"':
                    self._fail("Expecting property name enclosed in double quotes")
                key = self._value()
                self._expect(":", "':' delimiter")
                if key == "policies" and self._peek() == "[":
                    self.pos += 1
                    if self._peek() == "]":
                        self.pos += 1
                    else:
                        while True:
                            yield "policies.item", self._value()
                            if self._expect(",]", "',' delimiter") == "]":
                                break
                    yield "policies", []
                else:
                    yield key, self._value()
                if self._expect(",}", "',' delimiter") == "}":
                    break
        if self._peek():
            self._fail("Extra data")


class _Syntax(Exception):
    """What is wrong with the JSON itself, as the one-line message says it."""


_WS = re.compile(r"[ \t\n\r]*")


def _policy(p: _Reader) -> PolicyRecord:
    record = PolicyRecord(
        title=p.text("title", required=True),
        ref=p.text("ref"),
        title_en=p.text("title_en"),
        doc_number=p.text("doc_number"),
        issuer=p.text("issuer"),
        issued_on=p.day("issued_on"),
        published_on=p.day("published_on"),
        language=p.text("language"),
        effective_from=p.day("effective_from"),
        effective_to=p.day("effective_to"),
        window_source=p.choice("window_source", WindowSource),
        window_basis=p.text("window_basis"),
        plan_from=p.day("plan_from"),
        plan_to=p.day("plan_to"),
        plan_basis=p.text("plan_basis"),
        state=p.choice("state", PolicyState, PolicyState.ACTIVE),
    )
    if record.effective_from and record.effective_to and record.effective_to < record.effective_from:
        p.fail("effective_to", f"{record.effective_to} is before effective_from {record.effective_from}")
    if record.plan_from and record.plan_to and record.plan_to < record.plan_from:
        p.fail("plan_to", f"{record.plan_to} is before plan_from {record.plan_from}")
    for s in p.items("supersedes"):
        record.supersedes.append(SupersessionRecord(s.text("doc_number"), s.text("title")))
        if not (record.supersedes[-1].doc_number or record.supersedes[-1].title):
            s.fail("doc_number", "a superseded policy needs a doc_number or a title")
    record.sources = [
        SourceRecord(s.text("name", required=True), _sha(s), s.text("language"), s.text("url")) for s in p.items("sources")
    ]
    numbers = set()
    ordinals: dict[int, int] = {}
    for i, m in enumerate(p.items("measures")):
        measure = MeasureRecord(
            number=m.text("number", required=True),
            ordinal=m.integer("ordinal"),
            section=m.text("section"),
            title=m.text("title"),
            text=m.text("text") or "",
            agencies=_agency_links(m),
            title_en=m.text("title_en"),
            text_en=m.text("text_en"),
        )
        if m.data.get("translation") is not None:
            pairing = _Reader(m.data["translation"], f"{m.path}.translation", m.origin)
            measure.translation = pairing.integer("ordinal") if pairing.data.get("ordinal") is not None else None
            measure.alignment = pairing.choice("alignment", _Alignment)
            measure.alignment = measure.alignment.value if measure.alignment else None
        if measure.ordinal in ordinals:
            m.fail("ordinal", f"{measure.ordinal} is also the ordinal of measures[{ordinals[measure.ordinal]}]")
        ordinals[measure.ordinal] = i
        numbers.add(measure.number)
        record.measures.append(measure)
    for t in p.items("targets"):
        target = TargetRecord(
            kind=t.choice("kind", TargetKind, TargetKind.TARGET),
            text=t.text("text", required=True),
            due_on=t.day("due_on"),
            measure=t.text("measure"),
            metric=t.text("metric"),
            quantity=t.number("quantity"),
            unit=t.text("unit"),
            comparator=t.choice("comparator", Comparator, Comparator.EXACTLY),
            quantity_high=t.number("quantity_high"),
            due_source=t.choice("due_source", WindowSource, WindowSource.STATED),
            checks=[
                CheckRecord(
                    checked_on=c.day("checked_on") or c.fail("checked_on", "required field is missing"),
                    status=c.choice("status", CheckStatus) or c.fail("status", "required field is missing"),
                    value=c.number("value"),
                    note=c.text("note"),
                    checked_by=c.text("checked_by"),
                )
                for c in t.items("checks")
            ],
            text_en=t.text("text_en"),
            metric_en=t.text("metric_en"),
            unit_en=t.text("unit_en"),
        )
        if (target.comparator is Comparator.BETWEEN) != (target.quantity_high is not None):
            t.fail("quantity_high", "a range has comparator \"between\", its low end as quantity and its high end as "
                   "quantity_high; other comparators have no quantity_high")
        if target.quantity_high is not None and (target.quantity is None or target.quantity_high <= target.quantity):
            t.fail("quantity_high", "the high end of a range must be above its low end (quantity)")
        if target.kind is TargetKind.MILESTONE and target.quantity is not None:
            t.fail("quantity", "a milestone has no quantity (use kind \"target\" for a quantity by a date)")
        if target.measure is not None and target.measure not in numbers:
            t.fail("measure", f"{target.measure!r} is not the number of a measure of this policy")
        record.targets.append(target)
    english = set()
    for m in p.items("translation"):
        names = m.data.get("agencies") or []
        if not isinstance(names, list) or not all(isinstance(x, str) and x.strip() for x in names):
            m.fail("agencies", "expected a list of names")
        measure = MeasureRecord(number=m.text("number", required=True), ordinal=m.integer("ordinal"),
                                title=m.text("title"), text=m.text("text") or "", agencies=[AgencyLink(n) for n in names])
        if measure.ordinal in english:
            m.fail("ordinal", f"{measure.ordinal} is also the ordinal of another translated measure")
        english.add(measure.ordinal)
        record.translation.append(measure)
    for i, m in enumerate(record.measures):
        if m.translation is not None and m.translation not in english:
            raise InvalidInput(f"{p.origin}: {p._at('measures')}[{i}].translation.ordinal: "
                               f"{m.translation} is not the ordinal of a measure in this policy's translation")
    record.history = [
        HistoryRecord(h.text("field", required=True), h.text("old"), h.text("new"), h.text("reason"),
                      h.text("source"), h.text("at"))
        for h in p.items("history")
    ]
    return record


def _agency_links(m: _Reader) -> list[AgencyLink]:
    """A measure's agencies. Checked inline, without a reader per link (a backup has millions of them);
    anything unexpected goes through the readers, which name the path of the problem."""
    value = m.data.get("agencies")
    if value.__class__ is list:
        links = []
        roles = AgencyRole._value2member_map_
        for a in value:
            if a.__class__ is not dict:
                break
            name, role = a.get("name"), a.get("role")
            member = AgencyRole.RESPONSIBLE if role is None else roles.get(role) if role.__class__ is str else None
            if name.__class__ is not str or member is None or not name.strip() or "\x00" in name:
                break
            links.append(AgencyLink(name, member))
        else:
            return links
    return [AgencyLink(a.text("name", required=True), a.choice("role", AgencyRole, AgencyRole.RESPONSIBLE))
            for a in m.items("agencies")]


def _sha(s: _Reader) -> str:
    value = s.text("sha256", required=True)
    if len(value) != 64 or any(ch not in "0123456789abcdef" for ch in value):
        s.fail("sha256", "expected 64 lowercase hex digits")
    return value
