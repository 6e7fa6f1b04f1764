"""A real HTTP server in the test process, serving a feed and a listing built from the seed documents.

Pages are HTML renderings of the seed texts (and of small test notices), plus a PDF and a DOCX. Every request
is recorded with its headers, so tests can assert what was asked and how (conditional requests, robots.txt).
Routes can be changed while it runs: a page added, a failure scripted, a redirect, a very large body.
"""

from __future__ import annotations

import hashlib
import html
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.conftest import REPO

SEEDS = REPO / "seed" / "sources"


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    fail_times: int = 0  # answer 500 this many times first
    big: int = 0  # stream this many bytes instead of the body
    modified: float = 1_700_000_000.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def asked(self, path: str) -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def forget(self) -> None:
        with self.lock:
            self.requests.clear()


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802
            with site.lock:
                site.requests.append(Seen("GET", self.path, {k.lower(): v for k, v in self.headers.items()}))
                page = site.pages.get(self.path)
                failing = page is not None and page.fail_times > 0
                if failing:
                    page.fail_times -= 1
            if page is None:
                return self._send(404, b"not found", "text/plain")
            if failing:
                return self._send(500, b"server error", "text/plain")
            if page.location:
                self.send_response(page.status or 302)
                self.send_header("Location", page.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if page.big:
                self.send_response(200)
                self.send_header("Content-Type", page.content_type)
                self.end_headers()  # no Content-Length: the client must stop reading on its own
                chunk = b"<p>" + b"x" * 65_000 + b"</p>\n"
                try:
                    for _ in range(page.big // len(chunk) + 1):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return
            etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
            modified = formatdate(page.modified, usegmt=True)
            if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-None-Match") is None and self.headers.get("If-Modified-Since") == modified
            ):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._send(page.status, page.body, page.content_type, {"ETag": etag, "Last-Modified": modified})

        def _send(self, code: int, body: bytes, content_type: str, headers: dict | None = None):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serving(site: Site | None = None):
    site = site or Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


# -- content ------------------------------------------------------------------------------------------------


def html_page(text: str, title: str | None = None) -> bytes:
    lines = [line for line in text.splitlines()]
    head = html.escape(title or (lines[0] if lines else ""))
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"<!doctype html><html><head><meta charset='utf-8'><title>{head}</title></head><body>{body}</body></html>".encode()


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def rss(site: Site, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(site.url(p))}</link></item>" for p, t in items
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>最新政策</title>"
            f"<link>{site.url('/')}</link><description>test</description>{entries}</channel></rss>").encode()


def listing(items: list[tuple[str, str]], extra: str = "") -> bytes:
    links = "".join(f"<li><a href='{html.escape(p)}'>{html.escape(t)}</a></li>" for p, t in items)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>政策文件</title></head><body>"
            f"<nav><a href='/'>首页</a> <a href='/zhengce/'>政策</a></nav><ul>{links}</ul>{extra}</body></html>").encode()


# The seed documents served as pages: the official notice, its English translation and the 2020 action plan.
SEED_PAGES = {
    "/docs/notice-2023-27.html": "001_42b72c71f4feafd6.txt",
    "/docs/notice-2023-27-en.html": "002_62c6577af3e42382.txt",
    "/docs/action-plan-2020.html": "004_eb27fe6b47101308.txt",
}


def seed_site(site: Site, tmp: Path) -> list[tuple[str, str]]:
    """Serve the seed pages, a DOCX and a PDF; returns the (path, title) items a feed or listing lists."""
    from tests.ingest_docs import TRANSLATION, notice, write_docx, write_pdf

    items = []
    for path, name in SEED_PAGES.items():
        text = seed_text(name)
        site.pages[path] = Page(html_page(text))
        items.append((path, text.strip().splitlines()[0][:60]))
    docx = write_docx(tmp / "measures.docx", notice("沪府规〔2024〕9号", "2026年2月28日"))
    site.pages["/docs/measures-2024-9.docx"] = Page(
        docx.read_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    items.append(("/docs/measures-2024-9.docx", "上海市测试促进办法"))
    pdf = write_pdf(tmp / "measures-en.pdf", [line.replace("Testing", "Trial") for line in TRANSLATION.strip().splitlines()])
    site.pages["/files/trial-measures"] = Page(pdf.read_bytes(), "application/pdf")  # no suffix: the type tells
    items.append(("/files/trial-measures", "Measures of Shanghai for Trial Promotion"))
    site.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    return items
