"""Pure pieces of watching sources: the per-host throttle, header hygiene, links of feeds and listings,
extension and repeal notices recognised, and the notices they make."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.errors import InvalidInput


class FakeClock:
    def __init__(self):
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_throttle_spaces_requests_to_one_host_by_the_interval_and_leaves_other_hosts_alone():
    from tracker.sources.fetch import Throttle

    clock = FakeClock()
    throttle = Throttle(1.0, clock, clock.sleep)
    throttle.wait("www.gov.cn")
    clock.now += 0.25
    throttle.wait("www.gov.cn")
    throttle.wait("www.shanghai.gov.cn")
    clock.now += 5
    throttle.wait("www.gov.cn")
    assert clock.slept == [pytest.approx(0.75)]


def test_values_sent_back_in_headers_lose_cr_and_lf():
    from tracker.sources.fetch import header_value

    assert header_value('"abc"\r\nX-Evil: 1') == '"abc"X-Evil: 1'
    assert header_value("\r\n") is None and header_value(None) is None


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "javascript:alert(1)", "www.gov.cn/x", ""])
def test_only_absolute_http_and_https_urls_are_accepted(url):
    from tracker.sources.fetch import FetchError, check_url

    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert caught.value.permanent


def test_feed_links_are_resolved_and_deduplicated_in_feed_order():
    from tracker.sources.links import feed_links

    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-01-01T00:00:00Z</updated>
<entry><title>B</title><link href="/b.html"/><id>b</id><updated>2026-01-01T00:00:00Z</updated></entry>
<entry><title>A</title><link href="https://other.example/a.pdf#p1"/><id>a</id><updated>2026-01-01T00:00:00Z</updated></entry>
<entry><title>B again</title><link href="/b.html"/><id>b2</id><updated>2026-01-01T00:00:00Z</updated></entry>
<entry><title>mail</title><link href="mailto:x@example.org"/><id>m</id><updated>2026-01-01T00:00:00Z</updated></entry>
</feed>"""
    links = feed_links(atom, "https://feeds.example/zhengce/atom.xml")
    assert [(l.url, l.title) for l in links] == [("https://feeds.example/b.html", "B"), ("https://other.example/a.pdf", "A")]


def test_a_feed_that_is_not_a_feed_is_refused_naming_the_url():
    from tracker.sources.links import source_links

    with pytest.raises(InvalidInput, match=r"https://x.example/feed: not an RSS or Atom feed"):
        source_links("feed", b"<html><body>hello</body></html>", "https://x.example/feed")


def test_a_listing_keeps_document_links_on_its_own_host_only():
    from tracker.sources.links import listing_links

    page = """<html><body><a href="/">首页</a><a href="/zhengce/">政策</a><a href="list.html">本页</a>
    <a href="content_1.htm">关于印发《办法》的通知</a><a href="https://elsewhere.example/x.htm">外站</a>
    <a href="/files/a.pdf#page=2">附件</a><a href="javascript:void(0)">js</a><a href="/img/logo.PNG">logo</a>
    </body></html>""".encode()
    links = listing_links(page, "https://www.gov.cn/zhengce/list.html")
    assert [l.url for l in links] == ["https://www.gov.cn/zhengce/content_1.htm", "https://www.gov.cn/files/a.pdf"]
    assert links[0].title == "关于印发《办法》的通知"


def test_a_listing_without_document_links_is_refused():
    from tracker.sources.links import source_links

    with pytest.raises(InvalidInput, match="a listing with no links to documents"):
        source_links("listing", b"<html><body><a href='/'>home</a> nothing else</body></html>", "https://www.gov.cn/l.html")


def test_the_kind_of_a_source_is_guessed_from_its_content_type_or_first_bytes():
    from tracker.sources.links import guess_kind

    assert guess_kind(b"<?xml version='1.0'?><rss/>", "text/html") == "feed"
    assert guess_kind(b"<html></html>", "application/atom+xml") == "feed"
    assert guess_kind(b"<!doctype html><html></html>", "text/html; charset=utf-8") == "listing"


def test_a_document_name_carries_the_format_of_the_url_or_else_of_the_content_type():
    from tracker.sources.watch import document_name

    assert document_name("https://x.cn/a/b.pdf", "application/octet-stream").endswith(".pdf")
    assert document_name("https://x.cn/a/b.shtml", "text/html").endswith(".html")
    assert document_name("https://x.cn/files/7", "application/pdf").endswith(".pdf")
    assert document_name("https://x.cn/files/8", "text/html; charset=gbk").endswith(".html")
    assert document_name("https://x.cn/a/b.pdf?download=1", "application/octet-stream") == "https://x.cn/a/b.pdf"
    assert document_name("https://x.cn/view?id=3", "text/html") == "https://x.cn/view.html"


def _records(text: str):
    from tracker.extract import extract_policies

    return extract_policies(text).policies


def test_an_extension_notice_is_recognised_as_extending_the_policy_it_cites():
    from tracker.sources.amendments import amendment_of

    text = ("关于延长《上海市某某管理办法》有效期的通知\n沪府办规〔2027〕5号\n"
            "经研究，《上海市某某管理办法》（沪府办规〔2022〕8号）有效期延长至2029年12月31日。\n")
    found = amendment_of(text, _records(text))
    assert found is not None
    assert (found.change, found.title, found.doc_number, found.new_end) == (
        "extended", "上海市某某管理办法", "沪府办规〔2022〕8号", date(2029, 12, 31))


def test_a_repeal_notice_is_recognised_and_an_ordinary_policy_is_not_an_amendment():
    from tracker.sources.amendments import amendment_of

    repeal = "关于废止《上海市某某管理办法》的通知\n经研究，决定废止《上海市某某管理办法》（沪府办规〔2022〕8号）。\n本通知自2027年1月1日起施行。\n"
    found = amendment_of(repeal, _records(repeal))
    assert (found.change, found.doc_number, found.new_end) == ("repealed", "沪府办规〔2022〕8号", None)
    ordinary = "上海市某某管理办法\n一、总则（责任单位：市财政局）\n本办法自2025年1月1日起施行，有效期至2027年12月31日。\n"
    assert amendment_of(ordinary, _records(ordinary)) is None


def test_new_policy_and_repeal_notices_are_keyed_by_the_day_they_were_found():
    from tracker.domain.notices import new_policy_notice, repeal_notice

    new = new_policy_notice(7, date(2026, 3, 2))
    assert (new.kind, new.item_id, new.item_date, new.rule, new.fires_on) == ("new", 7, date(2026, 3, 2), "new", date(2026, 3, 2))
    gone = repeal_notice(7, "superseded", date(2026, 3, 3))
    assert (gone.kind, gone.rule) == ("repeal", "superseded")


def test_a_subscriber_of_expiries_hears_of_repeals_but_not_of_new_policies():
    from tracker.reminders.arming import Interest

    expiries = Interest(True, frozenset(), frozenset(), frozenset({"expiry"}))
    assert expiries.wants("repeal", 1, ()) and not expiries.wants("new", 1, ())
    news = Interest(True, frozenset(), frozenset(), frozenset({"new"}))
    assert news.wants("new", 1, ()) and not news.wants("expiry", 1, ())
    agency = Interest(False, frozenset(), frozenset({"市财政局"}), frozenset())
    assert agency.wants("new", 1, ("市财政局",)) and not agency.wants("new", 1, ("市商务委",))


def test_fetch_settings_from_the_environment_are_checked():
    from tracker.errors import ConfigError
    from tracker.sources.fetch import fetcher_from_env

    with fetcher_from_env({"TRACKER_FETCH_INTERVAL": "2.5", "TRACKER_FETCH_MAX_BYTES": "1000"}) as f:
        assert f.throttle.interval == 2.5 and f.max_bytes == 1000 and f.retries == 2
    with pytest.raises(ConfigError, match="TRACKER_FETCH_INTERVAL"):
        fetcher_from_env({"TRACKER_FETCH_INTERVAL": "soon"})


def test_the_sources_room_imports_nothing_above_it_and_only_the_cli_and_the_scheduler_import_it():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "tracker"

    def imports(path: Path) -> set[str]:
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
        return names

    for path in (root / "sources").glob("*.py"):
        above = {m for m in imports(path) if m.startswith(("tracker.cli", "tracker.scheduling", "tracker.reminders"))}
        assert not above, (path.name, above)
    for path in root.rglob("*.py"):
        part = path.relative_to(root).parts[0]
        if part in ("sources", "cli", "scheduling"):
            continue
        assert not {m for m in imports(path) if m.startswith("tracker.sources")}, path
