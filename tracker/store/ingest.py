"""Ingest service: a file's bytes -> decoded text -> extracted PolicyRecords -> the store, one transaction per file.

Also loads the shipped seed: the source documents, the curated agencies (names and aliases) and the overlay of
hand corrections, which are pinned so re-ingest never undoes them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tracker.domain.dates import parse_day
from tracker.domain.records import PolicyRecord, SourceRecord
from tracker.errors import InvalidInput, NotFound, TrackerError
from tracker.extract import extract_policies
from tracker.extract.decode import decode_document, suffix_of


@dataclass
class FileReport:
    path: str
    ok: bool = True
    error: str | None = None
    language: str | None = None
    policies: list[dict] = field(default_factory=list)  # {"ref", "title", "action", "notes", "changes"}
    problems: list[str] = field(default_factory=list)
    records: list[PolicyRecord] = field(default_factory=list)


def _too_big(name: str, size: int, max_bytes: int) -> str:
    return (f"{name}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:g} MB limit for one document "
            "(TRACKER_INGEST_MAX_MB); nothing stored")


def read_bytes(path: Path, display: str | None = None, *, max_bytes: int | None = None) -> bytes:
    """The raw bytes of a file; InvalidInput naming the file when it cannot be read or is larger than
    `max_bytes` (checked before reading, so a huge file costs nothing)."""
    name = display or str(path)
    try:
        if max_bytes is not None and path.is_file() and path.stat().st_size > max_bytes:
            raise InvalidInput(_too_big(name, path.stat().st_size, max_bytes))
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{name}: no such file") from None
    except (IsADirectoryError, PermissionError, OSError) as exc:
        raise InvalidInput(f"{name}: cannot read ({exc.strerror or type(exc).__name__})") from None


def read_document(path: Path, display: str | None = None, *, max_bytes: int | None = None) -> tuple[str, bytes]:
    """Text and raw bytes of a file; InvalidInput naming the file when it cannot be read or decoded."""
    data = read_bytes(path, display, max_bytes=max_bytes)
    return decode_document(data, display or str(path)), data


def extract_file(text: str, data: bytes, name: str, source_url: str | None) -> tuple[list[PolicyRecord], list[str], str]:
    """PolicyRecords of one decoded document, each carrying its source; InvalidInput when there is none."""
    extraction = extract_policies(text, source_name=name)
    problems = [str(p) for p in extraction.problems]
    if not extraction.policies:
        where = "; ".join(problems) or "no recognisable policy"
        raise InvalidInput(f"{name}: {where}")
    empty = [r for r in extraction.policies if _only_a_title(r)]
    if empty:
        raise InvalidInput(
            f"{name}: {empty[0].title[:60]!r} has only a title: no document number, dates, measures or targets "
            "were found, so nothing was stored"
        )
    invalid = [p for p in problems if "invalid date" in p]
    if invalid:
        # An impossible date (2025年13月1日) means the window or a due date cannot be trusted: store nothing.
        raise InvalidInput(f"{name}: {invalid[0]}")
    source = SourceRecord(
        name=source_url or Path(name).name,
        sha256=hashlib.sha256(data).hexdigest(),
        language=extraction.language,
        url=source_url,
    )
    for record in extraction.policies:
        record.sources = [source]
    return extraction.policies, problems, extraction.language


def _only_a_title(record: PolicyRecord) -> bool:
    return not (record.doc_number or record.effective_from or record.effective_to or record.issued_on
                or record.published_on or record.measures or record.targets or record.supersedes)


REPORT_KEYS = ("ref", "title", "action", "notes", "changes")


def ingest_file(app, path: Path, *, now: datetime, today: date, source_url: str | None = None,
                dry_run: bool = False, overlay: list[PolicyRecord] | None = None,
                max_bytes: int | None = None) -> FileReport:
    """Ingest one file in its own transaction; a failure stores nothing and is reported, never raised."""
    try:
        data = read_bytes(path, max_bytes=max_bytes)
    except TrackerError as exc:
        return FileReport(path=str(path), ok=False, error=str(exc))
    return ingest_bytes(app, data, str(path), now=now, today=today, source_url=source_url, dry_run=dry_run,
                        overlay=overlay, max_bytes=max_bytes)


def ingest_bytes(app, data: bytes, name: str, *, now: datetime, today: date, source_url: str | None = None,
                 dry_run: bool = False, overlay: list[PolicyRecord] | None = None,
                 max_bytes: int | None = None) -> FileReport:
    """Ingest one document's bytes (`name` tells its format by suffix) in its own transaction."""
    report = FileReport(path=name)
    try:
        if max_bytes is not None and len(data) > max_bytes:
            raise InvalidInput(_too_big(name, len(data), max_bytes))
        records, report.problems, report.language = extract_document(data, name, source_url)
        report.records = records
        if dry_run:
            report.policies = [
                {"ref": None, "title": r.title, "action": "would store", "notes": list(r.notes), "changes": []}
                for r in records
            ]
            return report
        with app.uow() as uow:
            saved = save_document(uow.session, records, name, now=now, today=today)
            report.policies = [{k: v for k, v in p.items() if k in REPORT_KEYS} for p in saved]
            if overlay:
                apply_overlay(uow.session, overlay, now=now, today=today)
            uow.commit()
    except TrackerError as exc:
        report.ok, report.error = False, str(exc)
    return report


def extract_document(data: bytes, name: str, source_url: str | None) -> tuple[list[PolicyRecord], list[str], str]:
    """Decode and extract; InvalidInput naming `name` when the document holds no policy."""
    text = decode_document(data, name)
    return extract_file(text, data, name, source_url)


def save_document(session, records: list[PolicyRecord], name: str, *, now: datetime, today: date) -> list[dict]:
    """Store the policies of one document in the caller's transaction; one report entry per policy, with
    the stored policy's id and whether it was created."""
    from tracker.store.writer import save_policy, source_for

    source = source_for(session, records[0].sources[0], now, suffix_of(name).lstrip(".") or "txt")
    # A notice that issues several policies gives each its number: none of them is that number alone.
    numbers = Counter(r.doc_number for r in records if r.doc_number)
    out = []
    for record in records:
        record.sources = []
        result = save_policy(session, record, now=now, today=today, source=source,
                             shared_number=numbers[record.doc_number] > 1)
        action = "new" if result.created else (
            f"merged ({result.matched_by})" if result.changes else "unchanged"
        )
        out.append(
            {"ref": result.ref, "title": record.title, "action": action, "notes": list(record.notes) + result.notes,
             "changes": result.changes, "created": result.created, "source_id": source.id}
        )
    return out


# -- seed -----------------------------------------------------------------------------------------------------


def load_agencies(session, path: Path) -> int:
    """Curated agencies: {"agencies": [{"name": ..., "name_en": ..., "aliases": [...]}]}. Returns how many."""
    from tracker.store.writer import add_alias, agency_for

    data = _json_file(path)
    entries = data.get("agencies") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InvalidInput(f"{path.name}: agencies: expected a list")
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise InvalidInput(f"{path.name}: agencies[{i}].name: required string is missing")
        english = entry.get("name_en")
        if english is not None and (not isinstance(english, str) or not english.strip()):
            raise InvalidInput(f"{path.name}: agencies[{i}].name_en: expected a non-empty string")
        agency = agency_for(session, entry["name"])
        for alias in [*(entry.get("aliases") or []), *([english] if english else [])]:
            add_alias(session, entry["name"], alias)
        if english:
            agency.name_en = english.strip()  # curated: wins over a name learned from a translation
    return len(entries)


OVERLAY_POLICY_FIELDS = ("title", "title_en", "doc_number", "issuer", "issued_on", "effective_from", "effective_to",
                         "plan_from", "plan_to", "state")


def read_overlay(path: Path) -> list[dict]:
    """Hand corrections: {"policies": [{"match": {"doc_number"|"title"|"ref": ...}, "set": {...}, "reason": ...}]}
    (a number several policies share takes the title as well: {"doc_number": ..., "title": ...})."""
    data = _json_file(path)
    entries = data.get("policies") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InvalidInput(f"{path.name}: policies: expected a list")
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("match"), dict) or not isinstance(entry.get("set"), dict):
            raise InvalidInput(f"{path.name}: policies[{i}]: needs a 'match' object and a 'set' object")
        for key, value in entry["set"].items():
            if key not in OVERLAY_POLICY_FIELDS:
                raise InvalidInput(f"{path.name}: policies[{i}].set.{key}: not a field the overlay can set")
            if key.endswith(("_on", "_from", "_to")) and value is not None:
                parse_day(value, f"{path.name}: policies[{i}].set.{key}")
        plan = entry["set"]
        if plan.get("plan_from") and plan.get("plan_to") and plan["plan_to"] < plan["plan_from"]:
            raise InvalidInput(f"{path.name}: policies[{i}].set.plan_to: {plan['plan_to']} is before plan_from {plan['plan_from']}")
    return entries


def apply_overlay(session, entries: list[dict], *, now: datetime, today: date) -> list[str]:
    """Apply hand corrections whose policy is stored; each is pinned and written to history once."""
    from sqlalchemy import select

    from tracker.store.schema.policies import Policy
    from tracker.store.writer import holders_of, set_policy_field, title_key

    applied = []
    for entry in entries:
        match = entry["match"]
        policy = None
        if "ref" in match:
            policy = session.scalar(select(Policy).where(Policy.ref == match["ref"]))
        elif "doc_number" in match:
            # Policies of one notice share its number: the match's title, when given, tells which.
            holders = holders_of(session, match["doc_number"])
            if "title" in match:
                key = title_key(match["title"])
                holders = [p for p in holders if key in (title_key(p.title), title_key(p.title_en))]
            if len(holders) > 1:
                raise InvalidInput(f"overlay: document number {match['doc_number']} is carried by several "
                                   f"policies ({', '.join(p.ref for p in holders)}): add a 'title' to the match")
            policy = holders[0] if holders else None
        elif "title" in match:
            key = title_key(match["title"])
            policy = next((p for p in session.scalars(select(Policy)) if title_key(p.title) == key), None)
        if policy is None:
            continue
        for name, value in entry["set"].items():
            if name.endswith(("_on", "_from", "_to")) and value is not None:
                value = parse_day(value, name)
            if set_policy_field(session, policy, name, value, reason=entry.get("reason") or "curated overlay", now=now):
                applied.append(f"{policy.ref}.{name}")
    session.flush()
    return applied


def _json_file(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{path.name}: not JSON ({exc})") from None
