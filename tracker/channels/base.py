"""What every channel client shares: the parsed channel, masking, and one HTTP POST that sorts the outcome.

Outcomes, after healthchecks' TransportError(permanent=...):
- 2xx and the service's body says ok: delivered;
- 429 or 5xx, a time-out, a refused connection, or a body code the service documents as "too fast":
  transient, retried (Retry-After, when given, is the next attempt time);
- any other 4xx, or a 200 whose body reports an error (WeCom and DingTalk answer bad keys with HTTP 200 and
  an errcode): permanent, the message is failed and listed by `tracker outbox`.

Secrets (keys, tokens, signing secrets) travel only in the request: every error is built from the status and
the service's own error text, scrubbed of the channel's secrets, never from the URL.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urlunsplit

from tracker.clock import utc_now
from tracker.reminders.transport import TransportError, is_loopback

MASK = "****"
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class ChannelSpec:
    """A channel URL taken apart: which service, where to post, and the secrets that must never be shown."""

    kind: str
    endpoint: str  # the https URL to POST to (carries the key or token for most services)
    secret: str | None = field(default=None, repr=False)  # signing secret (DingTalk, Feishu/Lark)
    label: str = ""  # the masked form, for every listing, log line and error
    secrets: tuple[str, ...] = field(default=(), repr=False)  # every secret value, to scrub from error text

    def __repr__(self) -> str:
        return f"ChannelSpec(kind={self.kind!r}, label={self.label!r})"


def with_base(endpoint: str, base: str | None) -> str:
    """`endpoint` sent to another scheme://host:port (TRACKER_CHANNEL_API_<KIND>, e.g. a local test server)."""
    if not base:
        return endpoint
    target, own = urlsplit(base), urlsplit(endpoint)
    return urlunsplit((target.scheme, target.netloc, (target.path.rstrip("/") + own.path), own.query, ""))


def check_scheme(endpoint: str, what: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ValueError(f"{what}: plain http is only allowed to a loopback host; use https")


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    for value in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(value, MASK)
    return text


def retry_after(value: str | None, now: datetime | None = None) -> timedelta | None:
    """Retry-After as a delay: seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(when - (now or utc_now()), timedelta(0))


class HttpPoster:
    """One httpx client per delivery pass (connections reused), TLS verified."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT):
        import httpx

        # httpx logs every request URL at INFO, and webhook URLs carry keys: keep its loggers quiet.
        for name in ("httpx", "httpcore"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self._httpx = httpx
        self.client = httpx.Client(timeout=timeout, verify=True, follow_redirects=False,
                                   headers={"User-Agent": "compliance-deadline-tracker"})

    def close(self) -> None:
        self.client.close()

    def post(self, spec: ChannelSpec, url: str, payload: dict):
        """POST `payload` as JSON; the response when its status is 2xx, else a TransportError."""
        httpx = self._httpx
        try:
            response = self.client.post(url, content=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                                        headers={"Content-Type": "application/json; charset=utf-8"})
        except httpx.TimeoutException:
            raise TransportError(f"{spec.label}: no answer in time", permanent=False) from None
        except httpx.HTTPError as exc:
            reason = scrub(str(exc) or type(exc).__name__, spec.secrets)
            raise TransportError(f"{spec.label}: cannot connect: {reason}", permanent=False) from None
        status = response.status_code
        if 200 <= status < 300:
            return response
        detail = scrub(" ".join(response.text.split())[:200], spec.secrets)
        if status == 429 or status >= 500:
            raise TransportError(f"{spec.label}: HTTP {status} {detail}".rstrip(), permanent=False,
                               retry_after=retry_after(response.headers.get("Retry-After")))
        raise TransportError(f"{spec.label}: HTTP {status} {detail}".rstrip(), permanent=True)


def body_json(spec: ChannelSpec, response) -> dict:
    try:
        data = response.json()
    except ValueError:
        raise TransportError(f"{spec.label}: answer is not JSON: {scrub(response.text[:100], spec.secrets)}",
                             permanent=False) from None
    return data if isinstance(data, dict) else {}


def body_error(spec: ChannelSpec, code, text, *, transient_codes=()) -> None:
    """Raise for a non-zero code the service put in an HTTP 200 body."""
    if code in (0, None):
        return
    reason = scrub(" ".join(str(text or "").split())[:200], spec.secrets)
    raise TransportError(f"{spec.label}: error {code}: {reason}", permanent=code not in transient_codes)


def token_label(prefix: str, *, keep: int = 0, token: str = "") -> str:
    """`prefix` + the token masked (optionally its first `keep` characters shown)."""
    return prefix + (token[:keep] if keep and len(token) > keep * 3 else "") + MASK


_SAFE_SEGMENT = re.compile(r"^[A-Za-z][A-Za-z_-]{0,30}$")


def mask_url(url: str) -> str:
    """Any URL with its userinfo, query values and token-like path segments masked."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    segments = [s if not s or _SAFE_SEGMENT.match(s) else MASK for s in parts.path.split("/")]
    query = "&".join(f"{kv.split('=', 1)[0]}={MASK}" for kv in parts.query.split("&") if kv)
    return urlunsplit((parts.scheme, host, "/".join(segments), query, ""))
