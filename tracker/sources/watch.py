"""The watching service: add, list and remove sources, and check one (fetch, find new links, ingest them).

Each new document is one transaction: its policies (through the ingest pipeline), its entry row and its
findings commit together or not at all. A URL is fetched once; a document whose content is already on file is
recorded as a duplicate; a page that is not a policy is recorded as skipped; a failure is kept on the entry
and tried again on the next check. Callers pass one `now` and a Fetcher (the network edge).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from tracker.errors import InvalidInput, NotFound, TrackerError
from tracker.sources.fetch import Fetched, FetchError, check_url
from tracker.sources.links import Link, guess_kind, source_links
from tracker.store.schema.policies import Agency, History, Policy, SourceDocument
from tracker.store.schema.sources import Source, SourceEntry, SourceFinding

RETRY_STATUSES = ("failed", "blocked")
DEFAULT_EVERY = 6 * 3600

_SUFFIX_BY_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}
_DOCUMENT_SUFFIXES = (".html", ".htm", ".shtml", ".pdf", ".docx", ".txt")


# -- sources ------------------------------------------------------------------------------------------------


@dataclass
class SourceRow:
    name: str
    url: str
    kind: str
    agency: str | None
    every_seconds: int
    checked_at: datetime | None
    check_outcome: str | None
    check_error: str | None
    last_new_at: datetime | None
    next_check_at: datetime
    documents: int = 0
    failures: list[tuple[str, str, str | None]] = field(default_factory=list)  # (url, status, reason)


def add_source(app, url: str, *, name: str | None, kind: str | None, agency: str | None, every_seconds: int,
               fetcher, now: datetime) -> SourceRow:
    """Fetch the URL once to check it is a feed or a listing with document links, then store the source.

    Bad input (not http(s), a name taken, not a feed, no links) raises InvalidInput and stores nothing.
    """
    url = _checked(url)
    name = (name or "").strip() or _default_name(url)
    with app.uow() as uow:
        if uow.session.scalar(select(Source.id).where(Source.name == name)) is not None:
            raise InvalidInput(f"source name {name!r} is already taken (see `tracker sources list`)")
        if uow.session.scalar(select(Source.name).where(Source.url == url)) is not None:
            raise InvalidInput(f"{url} is already watched")
    try:
        fetched = fetcher.get(url)
    except FetchError as exc:
        raise InvalidInput(f"cannot add {url}: {exc}") from None
    kind = kind or guess_kind(fetched.content, fetched.content_type)
    source_links(kind, fetched.content, url)  # raises InvalidInput when there is nothing to watch
    with app.uow() as uow:
        agency_id = None
        if agency:
            from tracker.store.writer import agency_for

            agency_id = agency_for(uow.session, agency).id
        uow.session.add(Source(name=name, url=url, kind=kind, agency_id=agency_id, every_seconds=every_seconds,
                               added_at=now, next_check_at=now))
        try:
            uow.session.flush()
        except IntegrityError:
            raise InvalidInput(f"source name {name!r} is already taken (see `tracker sources list`)") from None
        uow.commit()
    return next(r for r in list_sources(app) if r.name == name)


def _checked(url: str) -> str:
    try:
        return check_url(url)
    except FetchError as exc:
        raise InvalidInput(str(exc)) from None


def _default_name(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.hostname or "source") + (parts.path.rstrip("/") or "")


def remove_source(app, name: str) -> None:
    """Stop watching; what it brought stays on file (its entries go, so the URLs could be watched again)."""
    with app.uow() as uow:
        source = _find(uow.session, name)
        uow.session.delete(source)
        uow.commit()


def _find(session, name: str) -> Source:
    source = session.scalar(select(Source).where(Source.name == name.strip()))
    if source is None:
        raise NotFound(f"no source named {name!r} (see `tracker sources list`)")
    return source


def list_sources(app) -> list[SourceRow]:
    """Every source with its last check, its last new document and the URLs still failing (three queries)."""
    with app.uow() as uow:
        s = uow.session
        rows = s.execute(
            select(Source, Agency.name).outerjoin(Agency, Agency.id == Source.agency_id).order_by(Source.name)
        ).all()
        counts = dict(s.execute(
            select(SourceEntry.source_id, func.count()).where(SourceEntry.status == "ingested")
            .group_by(SourceEntry.source_id)
        ).all())
        failing: dict[int, list] = {}
        for sid, url, status, reason in s.execute(
            select(SourceEntry.source_id, SourceEntry.url, SourceEntry.status, SourceEntry.reason)
            .where(SourceEntry.status.in_(("failed", "refused", "blocked"))).order_by(SourceEntry.id)
        ):
            failing.setdefault(sid, []).append((url, status, reason))
        return [
            SourceRow(src.name, src.url, src.kind, agency, src.every_seconds, src.checked_at, src.check_outcome,
                      src.check_error, src.last_new_at, src.next_check_at, counts.get(src.id, 0),
                      failing.get(src.id, []))
            for src, agency in rows
        ]


def due_sources(app, now: datetime) -> list[str]:
    """Names of the sources whose next check has come."""
    with app.uow() as uow:
        return list(uow.session.scalars(
            select(Source.name).where(Source.next_check_at <= now).order_by(Source.next_check_at, Source.id)
        ))


def is_due(app, name: str, now: datetime) -> bool:
    with app.uow() as uow:
        return bool(uow.session.scalar(select(Source.id).where(Source.name == name, Source.next_check_at <= now)))


def source_names(app, name: str | None = None) -> list[str]:
    with app.uow() as uow:
        if name is not None:
            return [_find(uow.session, name).name]
        return list(uow.session.scalars(select(Source.name).order_by(Source.name)))


def source_lease_name(app, name: str) -> str:
    """The scheduler lease that guards checks of this source (so no two processes fetch it at once)."""
    with app.uow() as uow:
        return f"source:{_find(uow.session, name).id}"


# -- checking -----------------------------------------------------------------------------------------------


@dataclass
class EntryReport:
    url: str
    status: str  # ingested, duplicate, skipped, failed, refused, blocked, "would fetch" (dry run), taken
    reason: str | None = None
    policies: list[str] = field(default_factory=list)  # "ref [action]"
    changes: list[str] = field(default_factory=list)  # "new ref", "extended ref to date", "repealed ref"
    document_id: int | None = field(default=None, repr=False)  # the stored source document
    findings: list[tuple[int, str]] = field(default_factory=list, repr=False)  # (policy id, change)


@dataclass
class CheckReport:
    source: str
    outcome: str  # ok, not_modified, failed, dry_run
    error: str | None = None
    entries: list[EntryReport] = field(default_factory=list)

    @property
    def new_documents(self) -> int:
        return sum(1 for e in self.entries if e.status == "ingested")


def check_source(app, name: str, fetcher, *, now: datetime, today: date, dry_run: bool = False) -> CheckReport:
    """Check one source: fetch it (conditionally), then each link not seen yet and each that failed before."""
    with app.uow() as uow:
        src = _find(uow.session, name)
        source_id, url, kind, etag, modified, every = src.id, src.url, src.kind, src.etag, src.last_modified, src.every_seconds
    report = CheckReport(name, "dry_run" if dry_run else "ok")
    links: list[Link] = []
    fetched: Fetched | None = None
    try:
        fetched = fetcher.get(url, etag=None if dry_run else etag, last_modified=None if dry_run else modified)
        if fetched.not_modified:
            report.outcome = "not_modified" if not dry_run else report.outcome
        else:
            links = source_links(kind, fetched.content, url)
    except (FetchError, InvalidInput) as exc:
        report.outcome, report.error = "failed", str(exc)
    todo = _todo(app, source_id, links)
    for link in todo:
        if dry_run:
            report.entries.append(EntryReport(link.url, "would fetch", link.title))
            continue
        report.entries.append(_one_document(app, source_id, link, fetcher, now=now, today=today))
    if not dry_run:
        _record_check(app, source_id, report, fetched, now, every)
    return report


def _todo(app, source_id: int, links: list[Link]) -> list[Link]:
    """Links never seen (by any source, or ingested by hand with that URL), then this source's failures."""
    with app.uow() as uow:
        s = uow.session
        urls = [link.url for link in links]
        seen: set[str] = set()
        for start in range(0, len(urls), 500):
            chunk = urls[start:start + 500]
            seen |= set(s.scalars(select(SourceEntry.url).where(SourceEntry.url.in_(chunk))))
            seen |= set(s.scalars(select(SourceDocument.url).where(SourceDocument.url.in_(chunk))))
        retry = [Link(u, t) for u, t in s.execute(
            select(SourceEntry.url, SourceEntry.title)
            .where(SourceEntry.source_id == source_id, SourceEntry.status.in_(RETRY_STATUSES))
            .order_by(SourceEntry.id)
        )]
    fresh = [link for link in links if link.url not in seen]
    retry_urls = {link.url for link in retry}
    return [link for link in fresh if link.url not in retry_urls] + retry


def _write_first(session, source_id: int) -> None:
    """Open the transaction with a write (a no-op update of the source row). On SQLite a transaction that reads
    first and writes later is refused outright if another process wrote in between; one that writes first
    waits for the lock instead. On PostgreSQL it also serialises the documents of one source."""
    session.execute(update(Source).where(Source.id == source_id).values(id=Source.id))


def _record_check(app, source_id: int, report: CheckReport, fetched: Fetched | None, now: datetime, every: int) -> None:
    with app.uow() as uow:
        _write_first(uow.session, source_id)
        src = uow.session.get(Source, source_id)
        if src is None:
            return  # removed while being checked
        src.checked_at, src.check_outcome, src.check_error = now, report.outcome, report.error
        if report.outcome == "ok" and fetched is not None:
            # Kept only after every link was handled, so a crash mid-check re-reads the same feed next time.
            src.etag, src.last_modified = fetched.etag, fetched.last_modified
        if report.new_documents:
            src.last_new_at = now
        src.next_check_at = now + timedelta(seconds=every)
        uow.commit()


def document_name(url: str, content_type: str) -> str:
    """A name whose suffix tells the decoder the format: the URL's own, else one from the content type."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"  # a query string would hide the suffix
    lower = parts.path.lower()
    if lower.endswith(_DOCUMENT_SUFFIXES):
        return base if not lower.endswith(".shtml") else base + ".html"
    return base + _SUFFIX_BY_TYPE.get((content_type or "").split(";")[0].strip().lower(), "")


def _one_document(app, source_id: int, link: Link, fetcher, *, now: datetime, today: date) -> EntryReport:
    from tracker.extract.decode import decode_document
    from tracker.sources.amendments import amendment_of
    from tracker.store.ingest import extract_file

    try:
        fetched = fetcher.get(link.url)
    except FetchError as exc:
        return _save_entry(app, source_id, link, EntryReport(link.url, exc.status, str(exc)), now)
    sha = hashlib.sha256(fetched.content).hexdigest()
    name = document_name(link.url, fetched.content_type)
    with app.uow() as uow:
        on_file = uow.session.scalar(select(SourceDocument.id).where(SourceDocument.sha256 == sha))
    if on_file is not None:
        return _save_entry(app, source_id, link, EntryReport(link.url, "duplicate", "same content already on file"),
                           now, sha=sha, document_id=on_file)
    try:
        text = decode_document(fetched.content, name)
        records, _, _ = extract_file(text, fetched.content, name, link.url)
    except TrackerError as exc:
        return _save_entry(app, source_id, link, EntryReport(link.url, "skipped", f"not a policy: {exc}"), now, sha=sha)
    except Exception as exc:  # noqa: BLE001 - a document a parser chokes on must not stop the check
        reason = f"cannot read the document ({type(exc).__name__})"
        return _save_entry(app, source_id, link, EntryReport(link.url, "skipped", reason), now, sha=sha)
    amendment = amendment_of(text, records)
    try:
        with app.uow() as uow:
            _write_first(uow.session, source_id)
            # Another check (of another source listing the same URL) may have stored it meanwhile.
            if _settled(uow.session, link.url):
                return EntryReport(link.url, "taken", "recorded meanwhile by another check")
            if uow.session.scalar(select(SourceDocument.id).where(SourceDocument.sha256 == sha)) is not None:
                uow.rollback()
                return _save_entry(app, source_id, link, EntryReport(link.url, "duplicate", "same content already on file"), now, sha=sha)
            if amendment is not None:
                report = _apply_amendment(uow.session, amendment, records, name, link, now)
            else:
                report = _store_policies(uow.session, records, name, link, now, today)
            if report.status == "ingested":
                entry = _entry(uow.session, source_id, link, report, now, sha)
                uow.session.flush()
                _findings(uow.session, entry.id, report, now)
            else:
                uow.rollback()
                return _save_entry(app, source_id, link, report, now, sha=sha)
            uow.commit()
        return report
    except IntegrityError:
        return EntryReport(link.url, "taken", "recorded meanwhile by another check")
    except TrackerError as exc:
        return _save_entry(app, source_id, link, EntryReport(link.url, "skipped", str(exc)), now, sha=sha)


def _store_policies(session, records, name: str, link: Link, now: datetime, today: date) -> EntryReport:
    from tracker.store.ingest import save_document

    before = session.scalar(select(func.max(History.id))) or 0
    saved = save_document(session, records, name, now=now, today=today)
    report = EntryReport(link.url, "ingested")
    report.document_id = saved[0]["source_id"]
    for item in saved:
        report.policies.append(f"{item['ref']} [{item['action']}]")
        if item["created"]:
            pid = session.scalar(select(Policy.id).where(Policy.ref == item["ref"]))
            report.findings.append((pid, "new"))
            report.changes.append(f"new {item['ref']}")
    # A new policy that repeals or replaces one on file: the writer marked it superseded (a history row).
    for pid, ref in session.execute(
        select(History.policy_id, Policy.ref).join(Policy, Policy.id == History.policy_id)
        .where(History.id > before, History.field == "state", History.new_value == "superseded")
    ):
        report.findings.append((pid, "superseded"))
        report.changes.append(f"superseded {ref}")
    return report


def _apply_amendment(session, amendment, records, name: str, link: Link, now: datetime) -> EntryReport:
    from tracker.domain.refs import named_by_number
    from tracker.store.writer import extend_policy, holders_of, repeal_policy, source_for, title_key

    policies = []
    if amendment.doc_number:
        # The policy of the cited title; a number several policies share (a notice's) cited under another
        # title (the notice's own): the notice is extended or repealed as a whole, so every one of them.
        holders = holders_of(session, amendment.doc_number)
        policies = named_by_number([(p, p.title, p.title_en) for p in holders], amendment.title)
    if not policies:
        key = title_key(amendment.title)
        near = select(Policy).where(Policy.title.contains(amendment.title, autoescape=True)).order_by(Policy.id)
        policies = [p for p in session.scalars(near) if title_key(p.title) == key][:1]
    cited = amendment.doc_number or f"《{amendment.title}》"
    if not policies:
        # Kept as a failure, so it is applied on a later check once the policy is on file (listed after it,
        # or ingested by hand).
        return EntryReport(link.url, "failed", f"{amendment.change} notice for {cited}, which is not on file yet")
    document = source_for(session, records[0].sources[0], now, name.rsplit(".", 1)[-1] if "." in name else "txt")
    report = EntryReport(link.url, "ingested", policies=[f"{p.ref} [{amendment.change}]" for p in policies])
    report.document_id = document.id
    for policy in policies:
        if document not in policy.sources:
            policy.sources.append(document)
        if amendment.change == "extended":
            moved = extend_policy(session, policy, amendment.new_end, reason=amendment.notice, source=link.url, now=now)
            if moved:
                report.findings.append((policy.id, "extended"))
                report.changes.append(f"extended {policy.ref} to {amendment.new_end.isoformat()}")
        elif repeal_policy(session, policy, reason=amendment.notice, source=link.url, now=now):
            report.findings.append((policy.id, "repealed"))
            report.changes.append(f"repealed {policy.ref}")
    session.flush()
    return report


def _entry(session, source_id: int, link: Link, report: EntryReport, now: datetime, sha: str | None,
           document_id: int | None = None) -> SourceEntry:
    entry = session.scalar(select(SourceEntry).where(SourceEntry.url == link.url))
    if entry is None:
        entry = SourceEntry(source_id=source_id, url=link.url, title=link.title, first_seen_at=now, attempts=0)
        session.add(entry)
    entry.status, entry.reason, entry.sha256 = report.status, report.reason, sha
    entry.attempts = (entry.attempts or 0) + 1
    entry.tried_at = now
    entry.source_document_id = document_id or report.document_id
    return entry


def _findings(session, entry_id: int, report: EntryReport, now: datetime) -> None:
    for policy_id, change in dict.fromkeys(report.findings):
        session.add(SourceFinding(entry_id=entry_id, policy_id=policy_id, change=change, found_at=now))


def _settled(session, url: str) -> bool:
    """The URL has an entry that is not waiting for a retry."""
    status = session.scalar(select(SourceEntry.status).where(SourceEntry.url == url))
    return status is not None and status not in RETRY_STATUSES


def _save_entry(app, source_id: int, link: Link, report: EntryReport, now: datetime, *, sha: str | None = None,
                document_id: int | None = None) -> EntryReport:
    """Record a document that brought no policy (duplicate, skipped, failed ...) in its own transaction."""
    try:
        with app.uow() as uow:
            _write_first(uow.session, source_id)
            if _settled(uow.session, link.url):
                return EntryReport(link.url, "taken", "recorded meanwhile by another check")
            _entry(uow.session, source_id, link, report, now, sha, document_id)
            uow.commit()
    except IntegrityError:
        return EntryReport(link.url, "taken", "recorded meanwhile by another check")
    return report
