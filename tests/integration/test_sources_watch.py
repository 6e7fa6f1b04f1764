"""Watching sources against a real HTTP server in the test process, on real databases built by the migrations."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from tests.source_server import Page, Site, html_page, listing, rss, seed_site, serving

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 2)


def fetcher(**kw):
    from tracker.sources.fetch import Fetcher

    # No pause between requests to the one test host, and no backoff sleeps: the tests stay quick, the
    # throttle and the backoff are tested on their own with an injected clock.
    return Fetcher(min_interval=0, retries=kw.pop("retries", 0), backoff=0, **kw)


def add(app, site: Site, path: str, name: str, kind: str | None = None, agency: str | None = None, now=NOW):
    from tracker.sources.watch import add_source

    with fetcher() as f:
        return add_source(app, site.url(path), name=name, kind=kind, agency=agency, every_seconds=3600, fetcher=f,
                          now=now)


def check(app, name: str, now=NOW, **kw):
    from tracker.sources.watch import check_source

    with fetcher(**{k: kw.pop(k) for k in list(kw) if k in ("retries", "max_bytes")}) as f:
        return check_source(app, name, f, now=now, today=now.date(), **kw)


def count(app, model) -> int:
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def entries(app) -> dict[str, tuple[str, str | None]]:
    from tracker.store.schema.sources import SourceEntry

    with app.uow() as uow:
        return {url: (status, reason) for url, status, reason in
                uow.session.execute(select(SourceEntry.url, SourceEntry.status, SourceEntry.reason))}


@pytest.fixture
def site(tmp_path):
    with serving() as s:
        s.items = seed_site(s, tmp_path)
        s.pages["/feed.xml"] = Page(rss(s, s.items), "application/rss+xml")
        s.pages["/zhengce/list.html"] = Page(listing(s.items + [("/about.html", "关于我们")]))
        s.pages["/about.html"] = Page(html_page("关于我们\n本网站由上海市人民政府办公厅主办。\n联系电话：12345"))
        yield s


def test_first_check_ingests_every_document_once_and_the_second_sends_conditional_requests(app, site):
    from tracker.store.schema.policies import Policy, SourceDocument

    add(app, site, "/feed.xml", "feed")
    first = check(app, "feed")
    assert first.outcome == "ok", first.error
    assert sorted(e.status for e in first.entries) == ["ingested"] * len(site.items)
    for path, _ in site.items:
        assert len(site.asked(path)) == 1
    policies, documents = count(app, Policy), count(app, SourceDocument)
    assert policies >= 3 and documents == len(site.items)
    with app.uow() as uow:  # the URL is kept as the source
        urls = set(uow.session.scalars(select(SourceDocument.url)))
    assert urls == {site.url(p) for p, _ in site.items}

    site.forget()
    second = check(app, "feed", now=NOW + timedelta(hours=2))
    assert second.outcome == "not_modified" and second.entries == []
    feed_asks = site.asked("/feed.xml")
    assert len(feed_asks) == 1
    assert feed_asks[0].headers.get("if-none-match") and feed_asks[0].headers.get("if-modified-since")
    assert [r.path for r in site.requests if r.path != "/robots.txt"] == ["/feed.xml"]  # no document again
    assert (count(app, Policy), count(app, SourceDocument)) == (policies, documents)


def test_a_listing_takes_same_host_document_links_and_records_a_page_that_is_no_policy_as_skipped(app, site):
    add(app, site, "/zhengce/list.html", "list")
    report = check(app, "list")
    statuses = {e.url: e.status for e in report.entries}
    assert statuses.pop(site.url("/about.html")) == "skipped"
    assert set(statuses.values()) == {"ingested"} and len(statuses) == len(site.items)
    assert not site.asked("/zhengce/") and not site.asked("/")  # section links are not documents
    site.forget()
    again = check(app, "list", now=NOW + timedelta(hours=1))
    assert again.entries == [] and not site.asked("/about.html")


def test_a_document_already_listed_by_another_source_or_with_the_same_content_is_not_ingested_twice(app, site):
    from tracker.store.schema.policies import SourceDocument

    add(app, site, "/feed.xml", "feed")
    check(app, "feed")
    documents = count(app, SourceDocument)
    site.pages["/copy/notice.html"] = Page(site.pages["/docs/notice-2023-27.html"].body)
    site.pages["/zhengce/list.html"] = Page(listing(site.items + [("/copy/notice.html", "copy")]))
    add(app, site, "/zhengce/list.html", "list")
    site.forget()
    report = check(app, "list")
    assert [(e.url, e.status) for e in report.entries] == [(site.url("/copy/notice.html"), "duplicate")]
    assert all(not site.asked(p) for p, _ in site.items)
    assert count(app, SourceDocument) == documents


def test_a_new_page_in_the_feed_gives_each_concerned_subscriber_one_new_policy_notice_never_twice(app, site, settings):
    from tracker.bootstrap import connect
    from tracker.reminders import arm_notices
    from tracker.reminders.subscribers import add_subscriber
    from tracker.store.schema.reminders import Notice, Subscriber
    from tests.ingest_docs import notice

    add(app, site, "/feed.xml", "feed", agency="上海市商务委员会")
    check(app, "feed")
    with app.uow() as uow:
        for email, agencies, kinds in (("all@example.org", [], ["new"]), ("econ@example.org", ["市经济信息化委"], []),
                                       ("finance@example.org", ["市财政局"], []), ("trade@example.org", ["上海市商务委员会"], []),
                                       ("expiry-only@example.org", [], ["expiry"])):
            add_subscriber(uow.session, email, now=NOW + timedelta(days=1), agencies=agencies, kinds=kinds)
        uow.commit()
    later = NOW + timedelta(days=2)
    arm_notices(app, later)
    assert _notices(app, "new") == []  # what came before they subscribed is not news to them

    text = notice("沪府规〔2026〕2号", "2028年12月31日").replace("测试促进办法", "数据要素促进办法").replace("市商务委", "市财政局")
    site.pages["/docs/data-2026-2.html"] = Page(html_page(text))
    site.pages["/feed.xml"] = Page(rss(site, site.items + [("/docs/data-2026-2.html", "数据要素促进办法")]), "application/rss+xml")
    report = check(app, "feed", now=later)
    assert [e.status for e in report.entries] == ["ingested"] and report.entries[0].changes[0].startswith("new ")
    arm_notices(app, later)
    arm_notices(app, later + timedelta(hours=1))
    again = connect(settings)  # a restart: a new process arms again
    try:
        arm_notices(again, later + timedelta(hours=2))
    finally:
        again.dispose()
    told = _notices(app, "new")
    assert sorted(told) == ["all@example.org", "econ@example.org", "finance@example.org", "trade@example.org"]
    assert len(told) == len(set(told))
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Subscriber)) == 5


def _notices(app, kind: str) -> list[str]:
    from tracker.store.schema.reminders import Notice, Subscriber

    with app.uow() as uow:
        return list(uow.session.scalars(
            select(Subscriber.email).join(Notice, Notice.subscriber_id == Subscriber.id).where(Notice.kind == kind)
        ))


EXTENSION = """关于延长《上海市测试促进办法》有效期的通知
沪府规〔2026〕3号
各区人民政府，市政府各委、办、局：
经市政府同意，《上海市测试促进办法》（沪府规〔2024〕9号）有效期延长至2028年2月29日。
特此通知。
上海市人民政府
2026年1月20日
"""

REPEAL = """关于废止《上海市测试促进办法》的通知
沪府规〔2026〕4号
各区人民政府，市政府各委、办、局：
经市政府同意，决定废止《上海市测试促进办法》（沪府规〔2024〕9号）。
本通知自2026年3月1日起施行。
"""


def test_an_extension_notice_in_the_listing_moves_the_window_and_gives_one_date_change_notice(app, site):
    from tracker.reminders import arm_notices
    from tracker.reminders.subscribers import add_subscriber
    from tracker.store.schema.policies import Policy

    add(app, site, "/zhengce/list.html", "list")
    check(app, "list")
    with app.uow() as uow:
        add_subscriber(uow.session, "econ@example.org", now=NOW, agencies=["市经济信息化委"])
        uow.commit()
    site.pages["/docs/extension-2026-3.html"] = Page(html_page(EXTENSION))
    site.pages["/zhengce/list.html"] = Page(listing(site.items + [("/docs/extension-2026-3.html", "关于延长")]))
    later = NOW + timedelta(days=1)
    report = check(app, "list", now=later)
    assert [c for e in report.entries for c in e.changes] == ["extended 沪府规〔2024〕9号 to 2028-02-29"]
    with app.uow() as uow:
        policy = uow.session.scalar(select(Policy).where(Policy.doc_number == "沪府规〔2024〕9号"))
        assert (policy.effective_to, policy.window_source) == (date(2028, 2, 29), "extended")
        assert uow.session.scalar(select(func.count()).select_from(Policy).where(Policy.title.like("关于延长%"))) == 0
    arm_notices(app, later)
    arm_notices(app, later + timedelta(hours=3))
    assert _notices(app, "date_change") == ["econ@example.org"]


def test_a_repeal_notice_marks_the_policy_repealed_and_tells_its_subscribers_once(app, site):
    from tracker.reminders import arm_notices
    from tracker.reminders.subscribers import add_subscriber
    from tracker.store.schema.policies import Policy

    add(app, site, "/feed.xml", "feed")
    check(app, "feed")
    with app.uow() as uow:
        add_subscriber(uow.session, "econ@example.org", now=NOW, agencies=["市经济信息化委"])
        add_subscriber(uow.session, "other@example.org", now=NOW, agencies=["市财政局"])
        uow.commit()
    site.pages["/docs/repeal-2026-4.html"] = Page(html_page(REPEAL))
    site.pages["/feed.xml"] = Page(rss(site, site.items + [("/docs/repeal-2026-4.html", "关于废止")]), "application/rss+xml")
    later = NOW + timedelta(days=1)
    report = check(app, "feed", now=later)
    assert [c for e in report.entries for c in e.changes] == ["repealed 沪府规〔2024〕9号"]
    with app.uow() as uow:
        assert uow.session.scalar(select(Policy.state).where(Policy.doc_number == "沪府规〔2024〕9号")) == "repealed"
    arm_notices(app, later)
    arm_notices(app, later + timedelta(hours=1))
    assert _notices(app, "repeal") == ["econ@example.org"]


def test_a_500_fails_the_url_which_is_shown_and_retried_on_the_next_check_then_recovers(app, site):
    from tracker.sources.watch import list_sources

    site.pages["/docs/action-plan-2020.html"].fail_times = 1
    add(app, site, "/feed.xml", "feed")
    first = check(app, "feed")
    failed = [e for e in first.entries if e.status == "failed"]
    assert [e.url for e in failed] == [site.url("/docs/action-plan-2020.html")] and "500" in failed[0].reason
    [row] = list_sources(app)
    assert [(u, s) for u, s, _ in row.failures] == [(site.url("/docs/action-plan-2020.html"), "failed")]
    site.forget()
    second = check(app, "feed", now=NOW + timedelta(hours=1))
    assert second.outcome == "not_modified"
    assert [(e.url, e.status) for e in second.entries] == [(site.url("/docs/action-plan-2020.html"), "ingested")]
    assert list_sources(app)[0].failures == []


def test_a_retry_within_one_check_recovers_from_a_passing_500(app, site):
    site.pages["/docs/action-plan-2020.html"].fail_times = 1
    add(app, site, "/feed.xml", "feed")
    report = check(app, "feed", retries=1)
    assert {e.status for e in report.entries} == {"ingested"}


def test_a_huge_page_and_a_redirect_to_another_host_are_refused_and_reported_but_a_same_host_redirect_is_followed(app, site):
    from tracker.sources.watch import list_sources

    site.pages["/docs/huge.html"] = Page(b"", big=20 * 1024 * 1024)
    # localhost and 127.0.0.1 reach the same server but are different hosts.
    site.pages["/docs/moved-away.html"] = Page(b"", status=302, location=site.url("/docs/notice-2023-27.html", "localhost"))
    site.pages["/docs/moved.html"] = Page(b"", status=301, location="/docs/action-plan-2020.html")
    items = [("/docs/huge.html", "huge"), ("/docs/moved-away.html", "away"), ("/docs/moved.html", "moved")]
    site.pages["/zhengce/list.html"] = Page(listing(items))
    add(app, site, "/zhengce/list.html", "list")
    report = check(app, "list")
    status = {e.url.rsplit("/", 1)[1]: (e.status, e.reason) for e in report.entries}
    assert status["huge.html"][0] == "refused" and "limit" in status["huge.html"][1]
    assert status["moved-away.html"][0] == "refused" and "another host" in status["moved-away.html"][1]
    assert status["moved.html"][0] == "ingested"
    assert not [r for r in site.requests if r.headers.get("host", "").startswith("localhost")]
    refused = {u.rsplit("/", 1)[1] for u, s, _ in list_sources(app)[0].failures if s == "refused"}
    assert refused == {"huge.html", "moved-away.html"}
    site.forget()
    site.pages["/zhengce/list.html"] = Page(listing(items + [("/docs/other.html", "x")]))
    check(app, "list", now=NOW + timedelta(hours=1))
    assert not site.asked("/docs/huge.html")  # refused for good: not fetched again


def test_robots_txt_is_honoured(app, site):
    site.pages["/private/secret.html"] = Page(html_page(EXTENSION))
    site.pages["/zhengce/list.html"] = Page(listing(site.items[:1] + [("/private/secret.html", "secret")]))
    add(app, site, "/zhengce/list.html", "list")
    report = check(app, "list")
    status = {e.url: e.status for e in report.entries}
    assert status[site.url("/private/secret.html")] == "blocked"
    assert not site.asked("/private/secret.html") and site.asked("/robots.txt")
    ua = site.asked("/robots.txt")[0].headers["user-agent"]
    assert ua.startswith("compliance-deadline-tracker/")


def test_a_dry_run_fetches_the_source_but_no_document_and_stores_nothing(app, site):
    from tracker.store.schema.policies import Policy
    from tracker.store.schema.sources import Source

    add(app, site, "/feed.xml", "feed")
    report = check(app, "feed", dry_run=True)
    assert {e.status for e in report.entries} == {"would fetch"} and len(report.entries) == len(site.items)
    assert all(not site.asked(p) for p, _ in site.items)
    assert count(app, Policy) == 0 and entries(app) == {}
    with app.uow() as uow:
        assert uow.session.scalar(select(Source.checked_at)) is None


def test_a_failing_feed_is_kept_on_the_source(app, site):
    from tracker.sources.watch import list_sources

    add(app, site, "/feed.xml", "feed")
    site.pages["/feed.xml"] = Page(b"<html><body>maintenance</body></html>", "text/html")
    report = check(app, "feed")
    assert report.outcome == "failed" and "not an RSS or Atom feed" in report.error
    [row] = list_sources(app)
    assert row.check_outcome == "failed" and "not an RSS or Atom feed" in row.check_error


def test_two_schedulers_never_check_the_same_source_at_once(app, site):
    from tracker.scheduling.steps import SOURCE_LEASE_PERIOD, acquire_lease, check_due_sources
    from tracker.sources.watch import source_lease_name

    add(app, site, "/feed.xml", "feed")
    assert acquire_lease(app, source_lease_name(app, "feed"), "scheduler-a", NOW, SOURCE_LEASE_PERIOD)
    site.forget()
    with fetcher() as f:
        result = check_due_sources(app, NOW, holder="scheduler-b", fetcher=f)
    assert result.outcome == "standby" and site.requests == []
    with fetcher() as f:
        later = check_due_sources(app, NOW + SOURCE_LEASE_PERIOD + timedelta(seconds=1), holder="scheduler-b", fetcher=f)
    assert later.outcome == "ok" and later.count == len(site.items)
    with fetcher() as f:  # checked: not due again until its interval has passed
        assert check_due_sources(app, NOW + SOURCE_LEASE_PERIOD + timedelta(seconds=2), holder="scheduler-a",
                                 fetcher=f).outcome == "idle"


def test_digests_show_new_and_repealed_policies_in_a_new_and_changed_section(app, site):
    from tracker.reminders import preview_digests
    from tracker.reminders.render import Renderer
    from tracker.reminders.subscribers import add_subscriber
    from tests.ingest_docs import notice

    add(app, site, "/feed.xml", "feed")
    check(app, "feed")
    with app.uow() as uow:
        add_subscriber(uow.session, "en@example.org", now=NOW + timedelta(days=1), language="en", kinds=["new", "repeal"])
        add_subscriber(uow.session, "zh@example.org", now=NOW + timedelta(days=1), kinds=["new", "repeal"])
        uow.commit()
    later = NOW + timedelta(days=2)
    text = notice("沪府规〔2026〕2号", "2028年12月31日").replace("测试促进办法", "<数据>要素促进办法")
    site.pages["/docs/data-2026-2.html"] = Page(html_page(text))
    site.pages["/docs/repeal-2026-4.html"] = Page(html_page(REPEAL))
    site.pages["/feed.xml"] = Page(rss(site, site.items + [("/docs/data-2026-2.html", "new"),
                                                           ("/docs/repeal-2026-4.html", "repeal")]), "application/rss+xml")
    check(app, "feed", now=later)
    views = dict(preview_digests(app, later))
    subject, body, html = Renderer().render(views["en@example.org"])
    assert subject.endswith(": 2 new and changed"), subject
    section = body.split("== New and changed ==", 1)[1]
    # English digests cite document numbers in English (issue 11)
    assert "New policy" in section and "Repealed" in section and "Hu Fu Gui [2026] No. 2" in section
    assert "days left" not in section
    assert "<h2>New and changed</h2>" in html and "&lt;数据&gt;" in html and "<数据>" not in html
    zh_subject, zh_body, _ = Renderer().render(views["zh@example.org"])
    assert "新发布和变更2项" in zh_subject and "== 新发布和变更 ==" in zh_body and "已废止" in zh_body


def test_two_schedulers_checking_at_the_same_moment_fetch_each_document_once(app, site, settings):
    import threading

    from tracker.bootstrap import connect
    from tracker.reminders import arm_notices
    from tracker.reminders.subscribers import add_subscriber
    from tracker.scheduling.steps import check_due_sources

    add(app, site, "/feed.xml", "feed")
    add(app, site, "/zhengce/list.html", "list")
    with app.uow() as uow:
        add_subscriber(uow.session, "all@example.org", now=NOW - timedelta(days=1))
        uow.commit()
    site.forget()  # adding fetched each source once
    results = {}

    def scheduler(holder: str):
        own = connect(settings)  # each scheduler has its own engine, as two processes would
        try:
            with fetcher() as f:
                results[holder] = check_due_sources(own, NOW, holder=holder, fetcher=f)
        finally:
            own.dispose()

    threads = [threading.Thread(target=scheduler, args=(h,)) for h in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    from tracker.store.schema.policies import SourceDocument

    assert len(site.asked("/feed.xml")) == 1 and len(site.asked("/zhengce/list.html")) == 1  # each source once
    # Both sources list the same documents: each is stored once, whoever fetched it first.
    assert sum(r.count for r in results.values()) == len(site.items) == count(app, SourceDocument)
    arm_notices(app, NOW + timedelta(hours=1))
    told = _notices(app, "new")
    assert len(told) == len(set(_new_policy_ids(app))) and len(told) >= 3


def _new_policy_ids(app) -> list[int]:
    from tracker.store.schema.reminders import Notice

    with app.uow() as uow:
        return list(uow.session.scalars(select(Notice.item_id).where(Notice.kind == "new")))


def test_the_scheduler_job_checks_due_sources_and_the_refresh_job_arms_their_notices_once(app, site, db_url, monkeypatch):
    from tracker.reminders.subscribers import add_subscriber
    from tracker.scheduling import jobs
    from tracker.store.schema.scheduler import SchedulerJob

    monkeypatch.setenv("TRACKER_FETCH_INTERVAL", "0")
    monkeypatch.setenv("TRACKER_FETCH_RETRIES", "0")
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    add(app, site, "/feed.xml", "feed", now=yesterday)
    with app.uow() as uow:
        add_subscriber(uow.session, "all@example.org", now=yesterday)
        uow.commit()
    jobs.forget_wiring()
    try:
        first = jobs.check_sources(db_url, "p1", interval=60)
        second = jobs.check_sources(db_url, "p2", interval=60)  # checked a moment ago: not due
        jobs.refresh_notices(db_url, "p1", lease=120, interval=60)
        jobs.refresh_notices(db_url, "p1", lease=120, interval=60)
    finally:
        jobs.forget_wiring()
    assert (first.outcome, first.count) == ("ok", len(site.items)) and second.outcome == "idle"
    with app.uow() as uow:
        job = uow.session.get(SchedulerJob, "sources")
        assert (job.runs, job.failures, job.last_outcome) == (2, 0, "idle")
    told = _new_policy_ids(app)
    assert len(told) >= 3 and len(told) == len(set(told))


def test_an_extension_of_a_policy_not_yet_on_file_is_kept_and_applied_once_the_policy_arrives(app, site):
    from tracker.store.schema.policies import Policy

    site.pages["/docs/extension-2026-3.html"] = Page(html_page(EXTENSION))
    site.pages["/zhengce/list.html"] = Page(listing([("/docs/extension-2026-3.html", "关于延长")]))
    add(app, site, "/zhengce/list.html", "list")
    first = check(app, "list")
    assert [(e.status, e.reason) for e in first.entries] == [
        ("failed", "extended notice for 沪府规〔2024〕9号, which is not on file yet")]
    assert count(app, Policy) == 0
    site.pages["/zhengce/list.html"] = Page(listing([("/docs/extension-2026-3.html", "关于延长"),
                                                     ("/docs/measures-2024-9.docx", "上海市测试促进办法")]))
    second = check(app, "list", now=NOW + timedelta(hours=1))
    # New links come before retries, so the policy is on file when the extension is tried again.
    assert [e.status for e in second.entries] == ["ingested", "ingested"]
    assert second.entries[1].changes == ["extended 沪府规〔2024〕9号 to 2028-02-29"]
    with app.uow() as uow:
        assert uow.session.scalar(select(Policy.effective_to).where(Policy.doc_number == "沪府规〔2024〕9号")) == date(2028, 2, 29)


def test_each_source_of_a_pass_is_leased_and_checked_from_its_own_start_not_the_pass_start(app, site):
    """Fetching takes time (one request a second per host, time-outs): a source checked late in a pass must
    not get a lease that started, and so runs out, at the beginning of the pass."""
    import time

    from tracker.scheduling.steps import check_due_sources
    from tracker.sources.fetch import Fetcher
    from tracker.sources.watch import list_sources

    class SlowFetcher(Fetcher):
        def get(self, url, **kw):
            time.sleep(0.1)
            return super().get(url, **kw)

    add(app, site, "/feed.xml", "first")
    add(app, site, "/zhengce/list.html", "second")
    with SlowFetcher(min_interval=0, retries=0, backoff=0) as f:
        assert check_due_sources(app, NOW, holder="scheduler", fetcher=f).outcome in ("ok", "idle")
    checked = sorted(row.checked_at for row in list_sources(app))
    assert checked[0] >= NOW and checked[1] - checked[0] >= timedelta(seconds=0.1)
