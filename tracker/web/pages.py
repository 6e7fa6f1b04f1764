"""The timeline page and the policy pages: read from the store, shaped in plain Python, rendered by Jinja2.

Every value is autoescaped. The page's only script and style come from files beside the templates; they are
inlined (so `tracker report --html` is one file that opens without a network) and the server allows exactly
those two by their SHA-256 in the Content-Security-Policy, so nothing a document says can ever run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Callable
from urllib.parse import quote, urlencode

from sqlalchemy.engine import Connection

from tracker.domain.status import policy_status
from tracker.domain.targets import check_due_on
from tracker.domain.timeline import TARGET_STATUSES, build_timeline, target_status
from tracker.resources import templates_dir
from tracker.web.words import LANGUAGES, kind_label, words


@dataclass(frozen=True)
class Page:
    html: str
    csp: str  # the Content-Security-Policy that lets exactly this page's own style and script run


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (templates_dir() / "web" / name).read_text(encoding="utf-8")


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(css: str, script: str | None, *, header: bool = True) -> str:
    """The page's policy: its own style and script by hash, nothing else. The file copy carries it in a <meta>
    element, where frame-ancestors is not allowed (browsers complain), so only the header has it."""
    script_src = _sha(script) if script is not None else "'none'"
    policy = (
        f"default-src 'none'; style-src {_sha(css)}; script-src {script_src}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return policy + "; frame-ancestors 'none'" if header else policy


def _render(template: str, **context) -> Page:
    from markupsafe import Markup

    css, script = _asset("page.css"), _asset("timeline.js")
    html = _environment().get_template(template).render(
        css=Markup(css), script=Markup(script), meta_csp=content_security_policy(css, script, header=False), **context
    )
    return Page(html, content_security_policy(css, script))


def language_of(value: str | None) -> str:
    return value if value in LANGUAGES else "zh"


@dataclass(frozen=True)
class Links:
    """Where a page links to: None in a standalone file without TRACKER_BASE_URL (nothing to link to)."""

    policy: Callable[[str], str] | None
    lang: tuple[tuple[str, str], ...] = ()
    back: str = "/"


def policy_href(base: str, language: str) -> Callable[[str], str]:
    prefix = base.rstrip("/") + "/policy/" if base else "policy/"
    return lambda ref: prefix + quote(ref, safe="") + "?" + urlencode({"lang": language})


def timeline_page(
    conn: Connection, as_of: date, *, language: str = "zh", agency: str | None = None, links: Links | None = None,
) -> Page:
    """The timeline of every policy (or one agency's) as of a day."""
    from tracker.store.queries import resolve_agency
    from tracker.store.timeline import timeline_rows

    agency_ids = resolve_agency(conn, agency) if agency else None
    policies, targets = timeline_rows(conn, agency_ids=agency_ids)
    timeline = build_timeline(policies, targets, as_of, language=language)
    return _render(
        "web/timeline.html", timeline=timeline, w=words(language), language=language, agency=agency,
        links=links or Links(policy=None), target_statuses=TARGET_STATUSES,
    )


def _safe_url(url: str | None) -> str | None:
    """Only web links are linked: a `javascript:` or `data:` URL from a document stays text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def policy_page(conn: Connection, ref: str, as_of: date, *, language: str = "zh", links: Links) -> Page:
    """One policy: window and how it is known, measures and agencies, targets, history and sources."""
    from tracker.domain.status import DEFAULT_EXPIRING_HORIZON_DAYS
    from tracker.store.queries import policy_detail, resolve_policy
    from tracker.store.timeline import policy_sources, target_kinds

    policy_id = resolve_policy(conn, ref)
    detail = policy_detail(conn, policy_id)
    p = detail.policy
    original_end = None
    for h in detail.history:
        if h.field == "effective_to" and h.target_id is None and h.old_value:
            try:
                old = date.fromisoformat(str(h.old_value)[:10])
            except ValueError:
                continue
            if p.effective_to and old < p.effective_to and (original_end is None or old < original_end):
                original_end = old
    kinds = target_kinds(conn, policy_id)
    en = language == "en"
    view = {
        "ref": p.ref,
        "title": (p.title_en if en and p.title_en else p.title),
        "other_title": (p.title if en and p.title_en else p.title_en),
        "doc_number": p.doc_number,
        "issuer": p.issuer,
        "issued_on": p.issued_on,
        "status": policy_status(p.effective_from, p.effective_to, p.state, as_of, DEFAULT_EXPIRING_HORIZON_DAYS).value,
        "effective_from": p.effective_from,
        "effective_to": p.effective_to,
        "window_source": p.window_source,
        "window_basis": p.window_basis,
        "plan_from": p.plan_from,
        "plan_to": p.plan_to,
        # The words the plan period was read from, unless they are the title shown above (or it was set by hand).
        "plan_basis": p.plan_basis if p.plan_basis not in (None, "manual", p.title, p.title_en) else None,
        "plan_source": ("manual" if p.plan_basis == "manual"
                        else "title" if p.plan_basis in (p.title, p.title_en) else "text" if p.plan_basis else None),
        "original_end": original_end,
        "supersedes": [
            " ".join(x for x in (s.ref or s.superseded_doc_number, s.title or s.superseded_title) if x)
            for s in detail.supersedes
        ],
        "superseded_by": [f"{s.ref} {s.title}" for s in detail.superseded_by],
        "measures": [
            {"number": m.number, "title": m.title,
             "agencies": [name for name, _ in detail.agencies_by_measure.get(m.id, [])]}
            for m in detail.measures
        ],
        "targets": [
            {
                "due_on": t.due_on,
                "status": target_status(t.due_on, t.outcome, as_of) if t.due_on else t.outcome,
                "kind": kinds.get(t.id, "target"),
                "kind_label": kind_label(kinds.get(t.id, "target"), language),
                "measure": t.measure_number,
                "text": t.text,
                "next_check_on": check_due_on(t.next_check_on, t.due_on, as_of),
            }
            for t in detail.targets
        ],
        "history": [
            {"at": h.changed_at.date().isoformat() if hasattr(h.changed_at, "date") else h.changed_at,
             "field": h.field, "old": h.old_value, "new": h.new_value, "reason": h.reason, "source": h.source}
            for h in detail.history
        ],
        "sources": [
            {"name": s.name, "url": _safe_url(s.url), "language": s.language, "sha256": s.sha256}
            for s in policy_sources(conn, policy_id)
        ],
    }
    return _render("web/policy.html", p=view, w=words(language), language=language, as_of=as_of, links=links)
