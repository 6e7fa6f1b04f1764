"""What a source points at: the document links of an RSS/Atom feed (feedparser) or of an HTML listing page.

Pure: bytes and the URL they came from in, links out. A feed that is not a feed, or a listing without a single
document link, is an InvalidInput naming the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from tracker.errors import InvalidInput

SCHEMES = ("http", "https")
# Links a listing carries that are never policy documents: images, styles, scripts, archives, media.
_NOT_DOCUMENTS = (".jpg", ".jpeg", ".png", ".gif", ".svg", ".ico", ".webp", ".css", ".js", ".zip", ".rar", ".7z",
                  ".mp3", ".mp4", ".avi", ".wmv", ".flv", ".exe", ".apk")


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None


def _clean(base: str, href: str | None) -> str | None:
    if not href:
        return None
    url = urldefrag(urljoin(base, href.strip()))[0]
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return None
    return url


def _unique(links: list[Link]) -> list[Link]:
    seen: set[str] = set()
    out = []
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            out.append(link)
    return out


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def feed_links(data: bytes, url: str) -> list[Link]:
    """Every entry's link, in feed order. Entries may link to other hosts (a feed service republishing gov.cn)."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise InvalidInput(f"{url}: not an RSS or Atom feed" + (f" ({str(problem).splitlines()[0]})" if problem else ""))
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next((l.get("href") for l in entry.get("links", []) if l.get("href")), None)
        clean = _clean(url, href)
        if clean:
            links.append(Link(clean, (entry.get("title") or "").strip() or None))
    return _unique(links)


def listing_links(data: bytes, url: str) -> list[Link]:
    """Links on the listing's own host to documents: not to section pages (ending in /) or the page itself."""
    from bs4 import BeautifulSoup

    from tracker.extract.decode import decode_bytes

    try:
        html = decode_bytes(data, url)
    except InvalidInput:
        raise InvalidInput(f"{url}: not an HTML page") from None
    soup = BeautifulSoup(html, "html.parser")
    base_tag = soup.find("base", href=True)
    base = urljoin(url, base_tag["href"]) if base_tag else url
    home = (urlsplit(url).hostname or "").lower()
    page = urldefrag(url)[0]
    links = []
    for a in soup.find_all("a", href=True):
        clean = _clean(base, a["href"])
        if not clean or clean == page:
            continue
        parts = urlsplit(clean)
        if (parts.hostname or "").lower() != home or parts.path in ("", "/") or parts.path.endswith("/"):
            continue
        if parts.path.lower().endswith(_NOT_DOCUMENTS):
            continue
        links.append(Link(clean, " ".join(a.get_text(" ").split()) or None))
    return _unique(links)


def source_links(kind: str, data: bytes, url: str) -> list[Link]:
    """The links of a source; InvalidInput when a feed is not one, or a listing has no document links."""
    if kind == "feed":
        return feed_links(data, url)
    links = listing_links(data, url)
    if not links:
        raise InvalidInput(f"{url}: a listing with no links to documents on {urlsplit(url).hostname}")
    return links


def guess_kind(data: bytes, content_type: str) -> str:
    """feed for RSS/Atom (by content type or by the first bytes), else listing."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml") or kind.endswith("/xml"):
        return "feed"
    return "feed" if looks_like_feed(data) else "listing"
