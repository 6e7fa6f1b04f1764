"""`tracker report --html`: the timeline as one self-contained file, opened and read back."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from tests import agenda_factories as f

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>恶意标题'


@pytest.fixture
def seeded(app):
    with app.uow() as uow:
        s = uow.session
        hz = f.agency(s, "上海市住房和城乡建设管理委员会", "市住房城乡建设管理委")
        fg = f.agency(s, "上海市发展和改革委员会", "市发展改革委")
        p = f.policy(s, ref="沪府办规〔2023〕27号", doc_number="沪府办规〔2023〕27号", title="关于加快发展保障性租赁住房的实施意见",
                     title_en="Opinions on affordable rental housing",
                     effective_from=date(2023, 1, 1), effective_to=date(2025, 12, 31))
        m1 = f.measure(s, p, "（一）", hz)
        f.target(s, p, "新增5万套", date(2025, 3, 31), measure=m1)  # due soon on 2025-03-01
        f.target(s, p, "完成规划", date(2024, 6, 30), measure=m1)  # overdue
        f.target(s, p, "建成平台", date(2024, 3, 31), measure=m1, outcome="met")
        f.target(s, p, "引进企业", date(2026, 6, 30), measure=m1)  # open
        old = f.policy(s, ref="slug-old", title="旧政策", effective_from=date(2020, 1, 1), effective_to=date(2026, 2, 1),
                       state="superseded")
        f.measure(s, old, "1.", fg)
        f.policy(s, ref="slug-expired", title="过期政策", effective_from=date(2021, 1, 1), effective_to=date(2023, 12, 31))
        f.policy(s, ref="hostile", title=HOSTILE, effective_from=date(2024, 1, 1))
        f.policy(s, ref="slug-unknown", title="日期不明的政策")
        uow.commit()
    return app


class Page(HTMLParser):
    """The parts of the page the tests look at: rows with their classes and data, scripts, external loads."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: dict[str, dict] = {}
        self.scripts: list[str] = []
        self.external: list[str] = []
        self._row = None
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "policy" in (a.get("class") or "").split():
            self._row = self.rows.setdefault(a["data-ref"], {"class": a["class"].split(), "data": a, "shapes": []})
        elif self._row is not None and tag in ("rect", "circle"):
            self._row["shapes"].append(a.get("class", ""))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
            if "src" in a:
                self.external.append(a["src"])
        if tag in ("link", "img", "iframe") or (a.get("src") or "").startswith("http"):
            self.external.append(tag)

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _report(run_cli, tmp_path, *args):
    out = tmp_path / "timeline.html"
    result = run_cli("report", "--html", str(out), "--as-of", "2025-03-01", *args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_the_report_shows_every_policy_with_its_window_status_and_target_markers(run_cli, seeded, tmp_path):
    html = _report(run_cli, tmp_path)
    page = Page(html)
    assert set(page.rows) == {"沪府办规〔2023〕27号", "slug-old", "slug-expired", "hostile", "slug-unknown"}
    main = page.rows["沪府办规〔2023〕27号"]
    assert "window" in main["shapes"][0]
    assert sorted(s.split()[1] for s in main["shapes"] if s.startswith("marker")) == ["due_soon", "met", "open", "overdue"]
    assert set(main["data"]["data-statuses"].split()) == {"in_force", "due_soon", "met", "open", "overdue"}
    assert main["data"]["data-agencies"] == "上海市住房和城乡建设管理委员会"
    assert "greyed" in page.rows["slug-old"]["class"] and "greyed" in page.rows["slug-expired"]["class"]
    assert "greyed" not in main["class"]
    assert any("open-end" in s for s in page.rows["hostile"]["shapes"])  # open-ended window
    assert page.rows["slug-unknown"]["shapes"] == []  # no dates, no bar
    assert 'class="today"' in html and "2025-03-01" in html


def test_an_extended_window_shows_its_extended_part(run_cli, seeded, tmp_path):
    assert run_cli("set", "slug-expired", "--effective-to", "2025-12-31", "--reason", "延期").exit_code == 0
    page = Page(_report(run_cli, tmp_path))
    row = page.rows["slug-expired"]
    assert "extension" in row["shapes"] and "greyed" not in row["class"]


def test_a_hostile_title_is_inert_and_the_page_needs_no_network(run_cli, seeded, tmp_path):
    html = _report(run_cli, tmp_path)
    page = Page(html)
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]  # only the template's filter script
    assert "onerror" not in re.sub(r"&lt;img src=x onerror=alert\(1\)&gt;", "", html)
    assert page.external == []
    assert "<style>" in html and "@media print" in html


def test_filters_offer_every_agency_and_status_and_agency_narrows_the_file(run_cli, seeded, tmp_path):
    html = _report(run_cli, tmp_path)
    options = re.findall(r'<option value="([^"]*)">', html)
    assert {"上海市住房和城乡建设管理委员会", "上海市发展和改革委员会", "overdue", "superseded", "expired"} <= set(options)
    narrowed = Page(_report(run_cli, tmp_path, "--agency", "市发展改革委"))
    assert set(narrowed.rows) == {"slug-old"}


def test_english_report_uses_english_titles_and_labels(run_cli, seeded, tmp_path):
    html = _report(run_cli, tmp_path, "--lang", "en")
    assert "Policy timeline" in html and "Opinions on affordable rental housing" in html
    assert '<html lang="en">' in html


def test_an_empty_database_gives_a_page_that_says_so(run_cli, tmp_path):
    html = _report(run_cli, tmp_path)
    assert 'id="empty"' in html and "数据库中还没有政策" in html
    assert "<script>" not in html


def test_bad_report_requests_fail_with_one_line(run_cli, seeded, tmp_path):
    result = run_cli("report", "--html", str(tmp_path / "x.html"), "--agency", "没有这个单位")
    assert result.exit_code == 3 and result.output.count("\n") == 1
    result = run_cli("report", "--html", str(tmp_path / "no" / "such" / "dir.html"))
    assert result.exit_code == 4 and result.output.count("\n") == 1 and "cannot write" in result.output


def test_policy_links_point_at_the_server_when_a_base_url_is_set(run_cli, seeded, tmp_path, monkeypatch):
    assert "<a href=" not in _report(run_cli, tmp_path)  # nothing to link to in a lone file
    monkeypatch.setenv("TRACKER_BASE_URL", "https://tracker.example.cn/")
    html = _report(run_cli, tmp_path)
    assert 'href="https://tracker.example.cn/policy/slug-old?lang=zh"' in html
