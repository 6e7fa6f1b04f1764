"""The web server: the timeline at `/`, a page per policy, per-subscriber calendar feeds, one-click
unsubscribe links, `/healthz`.

A Starlette application over the wired App. Handlers are plain functions run in Starlette's thread pool (the
store is synchronous SQLAlchemy); each reads the clock once, at its door, and passes the day down.
Read-only but for one door: GET and HEAD everywhere, and a small POST only to `/unsubscribe/TOKEN` (which
pauses that subscriber); no other request bodies, no files served from disk.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Callable
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from tracker.errors import NotFound
from tracker.web.pages import Links, language_of, policy_href, policy_page, timeline_page

MAX_BODY = 0  # a read-only server takes no request bodies...
MAX_UNSUBSCRIBE_BODY = 512  # ...except `List-Unsubscribe=One-Click` posted to an unsubscribe link
UNSUBSCRIBE_PREFIX = b"/unsubscribe/"
MAX_TARGET = 2048  # longest request path + query accepted

BASE_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",  # a feed URL is a secret: never leak it to a linked site
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
PLAIN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def _clean(value: str) -> str:
    """Header values never carry CR or LF (no header injection from data)."""
    return value.replace("\r", " ").replace("\n", " ")


class Guard:
    """ASGI middleware: only GET/HEAD, no bodies, bounded request targets, safe headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        status = None
        length = headers.get(b"content-length", b"0").strip() or b"0"
        path = scope.get("raw_path") or scope.get("path", "").encode()
        unsubscribing = scope["method"] == "POST" and path.startswith(UNSUBSCRIBE_PREFIX)
        limit = MAX_UNSUBSCRIBE_BODY if unsubscribing else MAX_BODY
        if b"transfer-encoding" in headers or not length.isdigit() or int(length) > limit:
            status = 413
        elif len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > MAX_TARGET:
            status = 414
        elif scope["method"] not in ("GET", "HEAD") and not unsubscribing:
            status = 405

        async def secured(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in BASE_HEADERS.items() if k.encode() not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PLAIN_CSP.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if status is not None:
            response = PlainTextResponse({413: "Content Too Large", 414: "URI Too Long", 405: "Method Not Allowed"}[status],
                                         status_code=status, headers={"connection": "close"})
            return await response(scope, receive, secured)
        return await self.app(scope, receive, secured)


def _page(page, status: int = 200) -> HTMLResponse:
    return HTMLResponse(page.html, status_code=status,
                        headers={"content-security-policy": _clean(page.csp), "cache-control": "no-cache"})


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def create_app(app, *, clock: Callable[[], datetime] | None = None) -> Starlette:
    """The ASGI application over a wired App (engine, settings). `clock` is read once per request."""
    from tracker.clock import local_today, utc_now
    from tracker.domain.notices import rules_from_env

    settings = app.settings
    now = clock or utc_now
    rules = rules_from_env(settings.env)
    base_url = (settings.env.get("TRACKER_BASE_URL") or "").strip() or None

    def today(request: Request) -> date:
        as_of = request.query_params.get("as_of")
        if as_of:
            try:
                return date.fromisoformat(as_of)
            except ValueError:
                raise HTTPException(404) from None
        return local_today(settings.zone, now())

    def lang_links(request: Request, path: str) -> tuple[tuple[str, str], ...]:
        keep = {k: v for k, v in request.query_params.items() if k in ("agency", "as_of")}
        return tuple((code, path + "?" + urlencode({**keep, "lang": code})) for code in ("zh", "en"))

    def timeline(request: Request) -> Response:
        language = language_of(request.query_params.get("lang"))
        agency = request.query_params.get("agency") or None
        day = today(request)
        with app.engine.connect() as conn:
            try:
                page = timeline_page(
                    conn, day, language=language, agency=agency,
                    links=Links(policy=policy_href("", language), lang=lang_links(request, "/")),
                )
            except NotFound:
                raise HTTPException(404) from None
        return _page(page)

    def policy(request: Request) -> Response:
        ref = request.path_params["ref"]
        language = language_of(request.query_params.get("lang"))
        day = today(request)
        with app.engine.connect() as conn:
            try:
                page = policy_page(
                    conn, ref, day, language=language,
                    links=Links(policy=None, lang=lang_links(request, request.url.path),
                                back="/?" + urlencode({"lang": language})),
                )
            except NotFound:
                raise HTTPException(404) from None
        return _page(page)

    def feed(request: Request) -> Response:
        from tracker.reminders.feed_tokens import subscriber_for_token
        from tracker.store.schema.reminders import Subscriber
        from tracker.web.feeds import subscriber_calendar

        with app.uow() as uow:
            subscriber_id = subscriber_for_token(uow.session, request.path_params["token"])
            if subscriber_id is None:
                raise HTTPException(404)  # the same plain 404 as any unknown path: nothing revealed
            subscriber = uow.session.get(Subscriber, subscriber_id)
            day = local_today(ZoneInfo(subscriber.timezone), now())
            calendar = subscriber_calendar(uow.session, subscriber_id, day, rules=rules, base_url=base_url)
        etag = _etag(calendar.body)
        headers = {"etag": etag, "cache-control": "private, no-cache"}
        if _matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        return Response(calendar.body, media_type="text/calendar; charset=utf-8",
                        headers={**headers, "content-disposition": 'inline; filename="tracker.ics"'})

    def unsubscribe(request: Request) -> Response:
        from tracker.reminders.unsubscribe import site_secret, subscriber_for_unsubscribe_token
        from tracker.reminders.unsubscribe import unsubscribe as pause
        from tracker.web.unsubscribe import CSP, unsubscribe_page

        posted = request.method == "POST"
        with app.uow(read_only=not posted) as uow:
            secret = site_secret(uow.session, None)  # only read: no key, no link was ever made
            subscriber = subscriber_for_unsubscribe_token(uow.session, secret, request.path_params["token"])
            if subscriber is None:
                raise HTTPException(404)
            language, address = subscriber.language, subscriber.email
            if posted:
                pause(uow.session, subscriber)
            uow.commit()
        html = unsubscribe_page(language, address, done=posted)
        return HTMLResponse(html, headers={"content-security-policy": CSP, "cache-control": "no-store"})

    def healthz(request: Request) -> Response:
        from sqlalchemy import text

        try:
            with app.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001  the database is down: say so, without details
            return PlainTextResponse("database unavailable", status_code=503)
        return PlainTextResponse("ok")

    routes = [
        Route("/", timeline, methods=["GET", "HEAD"]),
        Route("/policy/{ref:path}", policy, methods=["GET", "HEAD"]),
        Route("/feed/{token}.ics", feed, methods=["GET", "HEAD"]),
        Route("/unsubscribe/{token}", unsubscribe, methods=["GET", "HEAD", "POST"]),
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
    ]
    return Guard(Starlette(routes=routes))
