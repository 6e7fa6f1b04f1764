"""A generic JSON webhook, apprise's json:// (http, loopback hosts only) and jsons:// (https):
POST {"version": "1.0", "title": ..., "message": ..., "type": "info"}; any 2xx is a delivery.

Credentials in the URL (json://user:password@host/path) are sent as HTTP basic auth; they, the query values and
token-like path segments are masked in every listing.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from tracker.channels.base import ChannelSpec, HttpPoster, check_scheme, mask_url

KIND = "json"
SCHEMES = ("json", "jsons")
MARKDOWN = False
LIMIT = 60000  # bytes; no documented limit, but a receiver should not get a book
MAX_PARTS = 5


def parse(url: str) -> ChannelSpec:
    parts = urlsplit(url)
    if not parts.hostname:
        raise ValueError("a JSON webhook is json://host[:port]/path (http) or jsons://host[:port]/path (https)")
    try:
        parts.port
    except ValueError:
        raise ValueError("the JSON webhook's port is not a number") from None
    scheme = "https" if parts.scheme == "jsons" else "http"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    endpoint = urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))  # httpx: userinfo = basic auth
    check_scheme(endpoint, "json:// (plain http)")
    secrets = tuple(s for s in (parts.username, parts.password) if s)
    secrets += tuple(v for kv in parts.query.split("&") for v in kv.split("=")[1:] if v)
    secrets += tuple(p for p in parts.path.split("/") if mask_url(f"http://h/{p}").endswith("****"))
    return ChannelSpec(KIND, endpoint, secret=None, label=mask_url(urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))),
                       secrets=secrets)


def post(poster: HttpPoster, spec: ChannelSpec, url: str, title: str, text: str) -> None:
    poster.post(spec, url, {"version": "1.0", "title": title, "message": text, "type": "info"})
