"""`tracker sources add|list|check|remove` against a real HTTP server in the test process."""

from __future__ import annotations

import json

import pytest

from tests.source_server import Page, html_page, listing, rss, seed_site, serving


@pytest.fixture
def site(tmp_path, monkeypatch):
    # No pause between requests to the single test host, no retries: the CLI stays quick.
    monkeypatch.setenv("TRACKER_FETCH_INTERVAL", "0")
    monkeypatch.setenv("TRACKER_FETCH_RETRIES", "0")
    with serving() as s:
        s.items = seed_site(s, tmp_path)
        s.pages["/feed.xml"] = Page(rss(s, s.items), "application/rss+xml")
        s.pages["/list.html"] = Page(listing(s.items))
        yield s


def test_add_check_list_and_remove_a_feed(run_cli, site):
    added = run_cli("sources", "add", site.url("/feed.xml"), "--name", "gov", "--agency", "上海市经济和信息化委员会",
                    "--every", "2h")
    assert added.exit_code == 0, added.output
    assert added.output.strip() == f"watching gov: {site.url('/feed.xml')} (feed, every 2h, agency 上海市经济和信息化委员会)"
    first = run_cli("sources", "check", "gov")
    assert first.exit_code == 0, first.output
    assert f"gov: checked; {len(site.items)} new documents" in first.output
    assert first.output.count("  ingested: ") == len(site.items)
    second = run_cli("sources", "check")
    assert second.exit_code == 0 and "gov: not modified; 0 new documents" in second.output
    listed = json.loads(run_cli("sources", "list", "--format", "json").output)
    assert [(r["name"], r["kind"], r["documents"], r["outcome"], r["failures"]) for r in listed] == [
        ("gov", "feed", len(site.items), "not_modified", [])]
    assert listed[0]["last_new_at"] and listed[0]["every_seconds"] == 7200
    removed = run_cli("sources", "remove", "gov")
    assert removed.exit_code == 0 and run_cli("sources", "list").output.startswith("no sources")


def test_a_failing_document_shows_in_the_list_and_makes_check_exit_non_zero(run_cli, site):
    site.pages["/docs/action-plan-2020.html"].fail_times = 1
    assert run_cli("sources", "add", site.url("/list.html"), "--name", "list").exit_code == 0
    result = run_cli("sources", "check", "list")
    assert result.exit_code == 1
    assert f"failed: {site.url('/docs/action-plan-2020.html')} (" in result.output
    table = run_cli("sources", "list").output
    assert f"! failed: {site.url('/docs/action-plan-2020.html')}" in table and "HTTP 500" in table
    again = run_cli("sources", "check", "list")
    assert again.exit_code == 0 and "! failed" not in run_cli("sources", "list").output


def test_a_dry_run_lists_what_would_be_fetched_and_stores_nothing(run_cli, site):
    run_cli("sources", "add", site.url("/feed.xml"), "--name", "gov")
    result = run_cli("sources", "check", "gov", "--dry-run")
    assert result.exit_code == 0 and result.output.count("would fetch: ") == len(site.items)
    assert json.loads(run_cli("policies", "--format", "json").output) == []
    assert json.loads(run_cli("sources", "list", "--format", "json").output)[0]["checked_at"] is None


@pytest.mark.parametrize(
    "args, message",
    [
        (("ftp://example.org/feed",), "only http and https URLs can be watched"),
        (("{feed}", "--every", "soon"), "--every: expected minutes, hours or days"),
        (("{html}", "--kind", "feed"), "not an RSS or Atom feed"),
        (("{empty}",), "a listing with no links to documents"),
        (("{missing}",), "HTTP 404"),
    ],
)
def test_bad_input_at_add_is_one_line_exit_4_and_nothing_stored(run_cli, site, args, message):
    site.pages["/page.html"] = Page(html_page("关于我们\n联系电话"))
    site.pages["/empty.html"] = Page(b"<html><body><a href='/'>home</a></body></html>")
    urls = {"feed": site.url("/feed.xml"), "html": site.url("/page.html"), "empty": site.url("/empty.html"),
            "missing": site.url("/nothing-here.xml")}
    result = run_cli("sources", "add", *[a.format(**urls) for a in args])
    assert result.exit_code == 4, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in result.output
    assert run_cli("sources", "list").output.startswith("no sources")


def test_a_name_already_taken_is_refused(run_cli, site):
    assert run_cli("sources", "add", site.url("/feed.xml"), "--name", "gov").exit_code == 0
    result = run_cli("sources", "add", site.url("/list.html"), "--name", "gov")
    assert result.exit_code == 4 and "source name 'gov' is already taken" in result.output
    assert run_cli("sources", "check", "nope").exit_code == 3


@pytest.mark.parametrize("args", [("--help",), ("sources", "--help"), ("sources", "check", "--help")])
def test_help_loads_neither_the_http_client_nor_the_feed_parser(tmp_path, args):
    from tests.cli.test_import_time import imported_modules, loaded

    modules = imported_modules(tmp_path, *args)
    assert "typer" in modules  # the measurement itself works
    assert loaded(modules, {"httpx", "feedparser", "httpcore"}) == set()


def test_a_token_or_password_in_a_source_url_is_never_listed():
    from tracker.cli.sources_cmds import shown_url

    shown = shown_url("https://user:s3cret@rsshub.example.org/gov/zhengce?key=abc123&limit=20&access_token=t0k")
    assert "s3cret" not in shown and "abc123" not in shown and "t0k" not in shown
    assert shown.startswith("https://****@rsshub.example.org/gov/zhengce?") and "limit=20" in shown
