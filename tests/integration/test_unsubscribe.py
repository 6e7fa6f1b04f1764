"""One-click unsubscribe, end to end: a digest carries the link (header and body), a real `tracker serve`
answers it, and the subscriber's digests stop. Forged, stale and malformed links are plain 404s."""

from __future__ import annotations

import email
import re
from email import policy as email_policy
from urllib.parse import urlsplit

import pytest

from tests.web_server import _start, seeded, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def _send(run_cli, home, monkeypatch, base_url: str | None) -> list[email.message.EmailMessage]:
    if base_url:
        monkeypatch.setenv("TRACKER_BASE_URL", base_url)
    else:
        monkeypatch.delenv("TRACKER_BASE_URL", raising=False)
    before = set((home / "outbox").glob("*.eml")) if (home / "outbox").exists() else set()
    result = run_cli("digest", "send")
    assert result.exit_code == 0, result.output
    new = sorted(set((home / "outbox").glob("*.eml")) - before)
    return [email.message_from_bytes(p.read_bytes(), policy=email_policy.default) for p in new]


def _link(message) -> str:
    header = str(message["List-Unsubscribe"])
    found = re.findall(r"<(https?://[^>]+)>", header)
    assert len(found) == 1, header
    return found[0]


def _paused(run_cli, address: str) -> str:
    listed = run_cli("subscribers", "list", "--format", "csv").stdout.splitlines()
    header = listed[0].split(",")
    (row,) = [line.split(",") for line in listed[1:] if line.startswith(address + ",")]
    return row[header.index("paused")]


def test_the_link_in_a_digest_unsubscribes_with_one_post_and_only_its_reader(server, run_cli, isolated_home, monkeypatch):
    for address in ("li@example.cn", "wang@example.cn"):
        assert run_cli("subscribers", "add", address, "--language", "en").exit_code == 0
    base = f"http://127.0.0.1:{server.port}"
    messages = {str(m["To"]): m for m in _send(run_cli, isolated_home, monkeypatch, base)}
    assert set(messages) == {"li@example.cn", "wang@example.cn"}
    li = messages["li@example.cn"]
    link = _link(li)
    assert link.startswith(base + "/unsubscribe/") and "mailto:" in str(li["List-Unsubscribe"])
    assert str(li["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    text = li.get_body(("plain",)).get_content()
    html = li.get_body(("html",)).get_content()
    assert link in text and f'href="{link}"' in html
    assert _link(messages["wang@example.cn"]) != link  # each reader their own link

    path = urlsplit(link).path
    status, headers, body = server.get(path)  # opening it (or a mail scanner fetching it) changes nothing
    assert status == 200 and b'<form method="post">' in body and b"li@example.cn" in body
    assert "form-action 'self'" in headers["content-security-policy"]
    assert _paused(run_cli, "li@example.cn") == "no"

    status, _, body = server.request("POST", path, {"Content-Type": "application/x-www-form-urlencoded"},
                                     b"List-Unsubscribe=One-Click")
    assert status == 200 and b"no more digests" in body
    assert _paused(run_cli, "li@example.cn") == "yes" and _paused(run_cli, "wang@example.cn") == "no"
    assert server.request("POST", path, {}, b"List-Unsubscribe=One-Click")[0] == 200  # again: still fine

    assert run_cli("subscribers", "resume", "li@example.cn").exit_code == 0
    assert _paused(run_cli, "li@example.cn") == "no"


def test_forged_stale_and_malformed_links_are_404_and_other_posts_stay_refused(server, run_cli, isolated_home, monkeypatch):
    assert run_cli("subscribers", "add", "li@example.cn").exit_code == 0
    assert server.get("/unsubscribe/1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")[0] == 404  # no key yet: no link was ever made
    (message,) = _send(run_cli, isolated_home, monkeypatch, f"http://127.0.0.1:{server.port}")
    path = urlsplit(_link(message)).path
    sid, mac = path.rsplit("/", 1)[1].split(".")
    forged = f"/unsubscribe/{sid}.{mac[:-1]}{'A' if mac[-1] != 'A' else 'B'}"
    other = f"/unsubscribe/{int(sid) + 1}.{mac}"
    for bad in (forged, other, "/unsubscribe/x", "/unsubscribe/" + sid):
        assert server.get(bad)[0] == 404
        assert server.request("POST", bad, {}, b"List-Unsubscribe=One-Click")[0] == 404
    assert server.request("POST", path, {}, b"x" * 5000)[0] == 413  # one-click bodies are tiny
    assert server.request("POST", "/", {}, b"List-Unsubscribe=One-Click")[0] == 413  # no body anywhere else
    assert server.request("POST", "/healthz")[0] == 405
    assert _paused(run_cli, "li@example.cn") == "no"
    assert run_cli("subscribers", "remove", "li@example.cn").exit_code == 0
    assert server.get(path)[0] == 404  # the reader is gone: the link is stale


def test_without_a_base_url_the_digest_offers_the_mailto_only(server, run_cli, isolated_home, monkeypatch):
    assert run_cli("subscribers", "add", "li@example.cn", "--language", "zh").exit_code == 0
    (message,) = _send(run_cli, isolated_home, monkeypatch, None)
    assert str(message["List-Unsubscribe"]).startswith("<mailto:") and message["List-Unsubscribe-Post"] is None
    assert "请回复“退订”" in message.get_body(("plain",)).get_content()


def test_a_preview_shows_the_link_the_digest_will_carry(server, run_cli, isolated_home, monkeypatch):
    base = f"http://127.0.0.1:{server.port}"
    assert run_cli("subscribers", "add", "wang@example.cn").exit_code == 0
    _send(run_cli, isolated_home, monkeypatch, base)  # the first digest with a link makes the signing key
    assert run_cli("subscribers", "add", "li@example.cn", "--language", "en").exit_code == 0
    preview = run_cli("digest", "preview", "li@example.cn", "--format", "text")
    assert preview.exit_code == 0 and "/unsubscribe/" in preview.stdout, preview.output
    (message,) = _send(run_cli, isolated_home, monkeypatch, base)
    assert str(message["To"]) == "li@example.cn" and _link(message) in preview.stdout
