"""Polite, bounded HTTP fetching for watched sources (httpx).

Polite: a User-Agent naming the tool, robots.txt honoured (urllib.robotparser), at most one request a second
per host, conditional requests (ETag / Last-Modified) so an unchanged feed costs a 304. Safe: only http and
https, redirects followed only within the host first asked, a size limit per document (the body is streamed and
dropped past the limit), timeouts, retries with backoff for transient failures only.

The sleeping and the monotonic clock are injected so the throttle and the backoff are tested without waiting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from tracker import __version__

USER_AGENT = f"compliance-deadline-tracker/{__version__} (watches official policy sources)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
SCHEMES = ("http", "https")


class FetchError(Exception):
    """A fetch that did not give a document. `permanent` ones (refused) are not retried; the rest are."""

    def __init__(self, message: str, *, permanent: bool = False, blocked: bool = False):
        super().__init__(message)
        self.permanent = permanent
        self.blocked = blocked  # robots.txt said no: asked again on the next check, without fetching

    @property
    def status(self) -> str:
        return "blocked" if self.blocked else "refused" if self.permanent else "failed"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional request says nothing changed
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_url(url: str) -> str:
    """The URL stripped, or FetchError (permanent) when it is not an absolute http(s) URL."""
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise FetchError(f"{text!r}: only http and https URLs can be watched", permanent=True)
    return text


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def header_value(value: str | None) -> str | None:
    """A value we send back in a header (an ETag a server gave us): no CR or LF, ever."""
    if value is None:
        return None
    clean = value.replace("\r", "").replace("\n", "").strip()
    return clean or None


@dataclass
class Throttle:
    """At most one request per `interval` seconds to each host."""

    interval: float = 1.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str) -> float:
        """Sleep until `host` may be asked again; returns the seconds slept."""
        now = self.clock()
        previous = self.last.get(host)
        slept = 0.0
        if previous is not None and now - previous < self.interval:
            slept = self.interval - (now - previous)
            self.sleep(slept)
            now = self.clock()
        self.last[host] = now
        return slept


class Fetcher:
    """One per check (or per scheduler pass): holds the HTTP client, the per-host throttle and robots rules."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = MAX_BYTES,
        min_interval: float = 1.0,
        retries: int = 2,
        backoff: float = 2.0,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        import httpx

        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.user_agent = user_agent
        self.sleep = sleep
        self.throttle = Throttle(min_interval, clock, sleep)
        self.robots: dict[str, RobotFileParser] = {}
        # Redirects are followed by hand, so each hop can be checked against the host first asked.
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=False, headers={"User-Agent": user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- robots.txt -----------------------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        origin = _origin(url)
        rules = self.robots.get(origin)
        if rules is None:
            rules = self._robots(origin)
            self.robots[origin] = rules
        return rules.can_fetch(self.user_agent, url)

    def _robots(self, origin: str) -> RobotFileParser:
        import httpx

        rules = RobotFileParser(origin + "/robots.txt")
        try:
            self.throttle.wait(host_of(origin))
            response = self.client.get(origin + "/robots.txt")
        except httpx.HTTPError:
            rules.parse([])  # unreachable robots.txt: the document fetch will fail on its own
            return rules
        if response.status_code in (401, 403):
            rules.disallow_all = True
        elif response.status_code >= 500:
            rules.disallow_all = True  # RFC 9309: an unreachable robots.txt means "do not crawl"
        elif response.status_code >= 400:
            rules.allow_all = True
        else:
            rules.parse(response.content[:500_000].decode("utf-8", "replace").splitlines())
        return rules

    # -- fetching -------------------------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The document at `url` (following same-host redirects), or FetchError after the retries."""
        check_url(url)
        attempt = 0
        while True:
            try:
                return self._follow(url, etag, last_modified)
            except FetchError as exc:
                if exc.permanent or exc.blocked or attempt >= self.retries:
                    raise
                self.sleep(self.backoff * 2**attempt)
                attempt += 1

    def _follow(self, url: str, etag: str | None, last_modified: str | None) -> Fetched:
        home = host_of(url)
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if not self.allowed(current):
                raise FetchError(f"{current}: robots.txt disallows fetching it", blocked=True)
            status, location, fetched = self._one(current, etag, last_modified)
            if location is None:
                return fetched
            target = urljoin(current, location)
            if urlsplit(target).scheme.lower() not in SCHEMES:
                raise FetchError(f"{current}: redirect to {target} refused (only http and https)", permanent=True)
            if host_of(target) != home:
                raise FetchError(f"{current}: redirect to another host ({host_of(target)}) refused", permanent=True)
            current = target
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects", permanent=True)

    def _one(self, url: str, etag: str | None, last_modified: str | None):
        import httpx

        headers = {}
        if header_value(etag):
            headers["If-None-Match"] = header_value(etag)
        if header_value(last_modified):
            headers["If-Modified-Since"] = header_value(last_modified)
        self.throttle.wait(host_of(url))
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                code = response.status_code
                if code in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"{url}: HTTP {code} without a Location", permanent=True)
                    return code, location, None
                if code == 304:
                    return code, None, Fetched(url, 304, etag=etag, last_modified=last_modified)
                if code == 429 or code >= 500:
                    raise FetchError(f"{url}: HTTP {code}")
                if code >= 400:
                    raise FetchError(f"{url}: HTTP {code}")
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"{url}: {int(declared)} bytes, more than the limit of {self.max_bytes}",
                                     permanent=True)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: more than the limit of {self.max_bytes} bytes", permanent=True)
                return code, None, Fetched(
                    str(response.url), code, bytes(body), response.headers.get("Content-Type", ""),
                    header_value(response.headers.get("ETag")), header_value(response.headers.get("Last-Modified")),
                )
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")) from None


def fetcher_from_env(env) -> Fetcher:
    """A Fetcher with TRACKER_FETCH_INTERVAL (seconds between requests to one host, default 1),
    TRACKER_FETCH_TIMEOUT (20), TRACKER_FETCH_MAX_BYTES (10 MiB) and TRACKER_FETCH_RETRIES (2)."""
    from tracker.errors import ConfigError

    def number(name: str, default: float, cast=float) -> float:
        raw = env.get(name)
        if not raw:
            return default
        try:
            value = cast(raw)
        except ValueError:
            raise ConfigError(f"{name}: expected a number, got {raw!r}") from None
        if value < 0:
            raise ConfigError(f"{name}: must not be negative, got {raw!r}")
        return value

    return Fetcher(
        min_interval=number("TRACKER_FETCH_INTERVAL", 1.0),
        timeout=number("TRACKER_FETCH_TIMEOUT", 20.0) or 20.0,
        max_bytes=int(number("TRACKER_FETCH_MAX_BYTES", MAX_BYTES, int)),
        retries=int(number("TRACKER_FETCH_RETRIES", 2, int)),
    )
