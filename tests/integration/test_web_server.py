"""`tracker serve` run for real: a separate process on a free port, spoken to over a socket with http.client."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date, timedelta
from urllib.parse import quote, urlsplit

import pytest
from icalendar import Calendar

from tests.web_server import _start, seeded, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def _feed_path(run_cli, email: str, *extra: str) -> str:
    result = run_cli("subscribers", "feed-url", email, *extra)
    assert result.exit_code == 0, result.output
    url = result.output.strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:8000/feed/[A-Za-z0-9_-]{43}\.ics", url), url  # 256-bit token
    return urlsplit(url).path


def test_feed_by_token_then_304_with_the_etag_wrong_and_revoked_tokens_404(server, run_cli):
    assert run_cli("subscribers", "add", "li@example.cn", "--language", "en").exit_code == 0
    path = _feed_path(run_cli, "li@example.cn")

    status, headers, body = server.get(path)
    assert status == 200 and headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(body).walk("VEVENT")
    assert sorted(str(e["categories"].cats[0]) for e in events) == ["expiry", "expiry", "target"]
    assert any(str(e["summary"]).startswith("Expires: ") for e in events)  # the subscriber's language
    etag = headers["etag"]

    status, headers, body = server.get(path, if_none_match=etag)
    assert (status, headers["etag"], body) == (304, etag, b"")
    assert server.get(path, if_none_match='"something-else"')[0] == 200

    not_found = server.get("/no-such-page")
    wrong = server.get("/feed/" + "A" * 43 + ".ics")
    assert wrong[0] == 404 and wrong[2] == not_found[2]  # a plain 404, the same as any unknown path
    assert server.get("/feed/short.ics")[0] == 404

    new_path = _feed_path(run_cli, "li@example.cn", "--rotate")
    assert new_path != path
    assert server.get(path)[0] == 404  # revoked
    assert server.get(new_path)[0] == 200


def test_a_second_feed_url_without_rotate_is_refused_and_a_subscriber_filter_applies(server, run_cli):
    assert run_cli("subscribers", "add", "hz@example.cn", "--agency", "市住房城乡建设管理委").exit_code == 0
    path = _feed_path(run_cli, "hz@example.cn")
    again = run_cli("subscribers", "feed-url", "hz@example.cn")
    assert again.exit_code == 4 and "--rotate" in again.output
    events = Calendar.from_ical(server.get(path)[2]).walk("VEVENT")
    assert sorted(str(e["categories"].cats[0]) for e in events) == ["expiry", "target"]  # not the hostile one
    assert all("到期" in str(e["summary"]) or "目标" in str(e["summary"]) for e in events)


def test_the_token_is_never_listed_exported_or_stored(server, run_cli, app):
    assert run_cli("subscribers", "add", "li@example.cn").exit_code == 0
    token = _feed_path(run_cli, "li@example.cn").rsplit("/", 1)[1].removesuffix(".ics")
    outputs = [run_cli("subscribers", "list", "--format", fmt).output for fmt in ("table", "json", "csv")]
    outputs.append(run_cli("export", "--format", "json").output)
    assert all(token not in text for text in outputs)
    from sqlalchemy import text

    with app.engine.connect() as conn:
        stored = [tuple(r) for r in conn.execute(text("SELECT * FROM feed_token"))]
    assert len(stored) == 1 and token not in repr(stored)
    assert stored[0][1] == hashlib.sha256(token.encode()).hexdigest()


def _csp_allows(csp: str, kind: str, content: str) -> bool:
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    return f"'sha256-{digest}'" in re.search(rf"{kind}-src ([^;]*)", csp).group(1)


def test_the_timeline_and_policy_pages_are_served_escaped_under_a_strict_csp(server):
    status, headers, body = server.get("/")
    html = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1 and _csp_allows(csp, "script", scripts[0])  # the template's filter, nothing else
    assert _csp_allows(csp, "style", re.search(r"<style>(.*?)</style>", html, re.S).group(1))
    assert "&lt;script&gt;alert(" in html and "<script>alert" not in html
    assert "关于加快发展保障性租赁住房的实施意见" in html
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"

    english = server.get("/?lang=en")[2].decode()
    assert "Policy timeline" in english

    ref = quote("沪府办规〔2023〕27号", safe="")
    assert f'href="policy/{ref}?lang=zh"' in html
    status, headers, body = server.get(f"/policy/{ref}?lang=en")
    page = body.decode()
    today = date.today()
    assert status == 200
    window = re.search(r'<p id="window">(.*?)</p>', page, re.S).group(1)
    assert f"{(today - timedelta(days=400)).isoformat()} – {(today + timedelta(days=30)).isoformat()}" in window
    assert "新增5万套" in page and "上海市住房和城乡建设管理委员会" in page
    hostile = server.get("/policy/hostile")[2].decode()
    assert "&lt;script&gt;alert(" in hostile and "<script>" not in hostile
    assert server.get("/policy/" + quote("没有这个政策", safe=""))[0] == 404
    assert server.get("/?agency=" + quote("没有这个单位", safe=""))[0] == 404


def test_path_traversal_oversized_and_writing_requests_are_refused(server):
    assert server.request("GET", "/../../etc/passwd")[0] == 404
    assert server.request("GET", "/policy/../../etc/passwd")[0] == 404
    assert server.request("GET", "/static/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    assert server.request("POST", "/", body=b"x" * 100_000)[0] == 413
    assert server.request("GET", "/policy/" + "a" * 5000)[0] == 414
    assert server.request("DELETE", "/")[0] == 405
    status, _, body = server.get("/healthz")
    assert (status, body) == (200, b"ok")


def test_a_port_in_use_is_one_line_and_a_non_zero_exit(server, db_url):
    proc = _start(db_url, "--port", str(server.port))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert err.strip().count("\n") == 0 and "cannot listen on 127.0.0.1" in err
