"""One document number, several policies: a notice that issues 《A》和《B》 gives both its number (issue 10).

The store keeps them apart by number and title; a repeal or extension citing the number alone acts on the
notice as a whole; refs never change (a policy stored when only it carried the number keeps that ref).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select, update

from tests.ingest_docs import write
from tracker.domain.records import PolicyRecord, SupersessionRecord
from tracker.domain.refs import title_ref
from tracker.errors import InvalidInput, NotFound
from tracker.store.exchange import export_document, parse_document, policy_records
from tracker.store.importer import import_policies
from tracker.store.ingest import ingest_file
from tracker.store.queries import policy_detail, resolve_policy
from tracker.store.schema.policies import History, Policy, Supersession

NOW = datetime(2025, 1, 10, 2, 0, tzinfo=timezone.utc)
TODAY = date(2025, 1, 10)
NUMBER = "宁政办发〔2024〕21号"
COLD, COUNTY = "宁夏回族自治区冷链物流发展实施方案", "宁夏回族自治区县域商业体系建设方案"

TWO = f"""宁夏回族自治区人民政府办公厅关于印发《{COLD}》和《{COUNTY}》的通知
{NUMBER}
各市、县（区）人民政府，自治区政府各部门：
现将《{COLD}》和《{COUNTY}》印发给你们，请认真贯彻落实。
以上方案自2024年7月1日起施行，有效期至2027年6月30日。
宁夏回族自治区人民政府办公厅
2024年6月12日
{COLD}
一、重点任务
（一）建设冷链集配中心。到2026年，建成冷链集配中心10个。（责任单位：自治区商务厅、自治区发展改革委）
（二）完善冷链标准。2025年底前制定冷链物流地方标准。（责任单位：自治区市场监管厅）
{COUNTY}
一、主要任务
（一）改造乡镇商贸中心。到2026年，改造乡镇商贸中心50个。（责任单位：自治区商务厅）
"""


def later(cited: str) -> str:
    """A later policy whose notice repeals what `cited` names, with the shared number."""
    return f"""宁夏回族自治区人民政府办公厅关于印发《宁夏回族自治区商贸物流高质量发展实施方案》的通知
宁政办发〔2025〕30号
各市、县（区）人民政府，自治区政府各部门：
现将《宁夏回族自治区商贸物流高质量发展实施方案》印发给你们，请认真贯彻落实。
本方案自2025年9月1日起施行，有效期至2028年8月31日。《{cited}》（{NUMBER}）同时废止。
宁夏回族自治区人民政府办公厅
2025年8月20日
宁夏回族自治区商贸物流高质量发展实施方案
一、重点任务
（一）建设物流枢纽。到2027年，建成物流枢纽5个。（责任单位：自治区商务厅）
"""


WHOLE_NOTICE = f"宁夏回族自治区人民政府办公厅关于印发{COLD}和{COUNTY}的通知"


def _ingest(app, path):
    report = ingest_file(app, path, now=NOW, today=TODAY)
    assert report.ok, report.error
    return report


def _stored(app) -> dict[str, tuple]:
    with app.uow() as uow:
        return {p.title: (p.ref, p.doc_number, p.state) for p in uow.session.scalars(select(Policy))}


def _snapshot(app) -> str:
    with app.uow() as uow:
        return json.dumps(export_document(policy_records(uow.session), TODAY), ensure_ascii=False, sort_keys=True)


def test_both_policies_of_the_notice_carry_its_number_each_under_its_title_ref(app, tmp_path):
    report = _ingest(app, write(tmp_path, "notice.txt", TWO))
    assert [p["action"] for p in report.policies] == ["new", "new"]
    # The number is neither policy's ref: it names both.
    assert _stored(app) == {COLD: (title_ref(COLD), NUMBER, "active"), COUNTY: (title_ref(COUNTY), NUMBER, "active")}
    assert all(any(NUMBER in n and "share" in n for n in p["notes"]) for p in report.policies)


def test_ingesting_the_notice_again_is_a_duplicate_that_changes_nothing(app, tmp_path):
    path = write(tmp_path, "notice.txt", TWO)
    _ingest(app, path)
    before = _snapshot(app)
    again = _ingest(app, path)
    assert [p["action"] for p in again.policies] == ["unchanged", "unchanged"]
    assert _snapshot(app) == before
    # Another copy of the same notice (another file, other bytes) merges by number and title, one each.
    copy = _ingest(app, write(tmp_path, "copy.txt", TWO + "（此件公开发布）\n"))
    assert [p["ref"] for p in copy.policies] == [title_ref(COLD), title_ref(COUNTY)]
    assert len(_stored(app)) == 2


def test_a_later_repeal_citing_the_notice_by_its_number_supersedes_both_policies(app, tmp_path):
    _ingest(app, write(tmp_path, "notice.txt", TWO))
    report = _ingest(app, write(tmp_path, "later.txt", later(WHOLE_NOTICE)))
    assert [p["action"] for p in report.policies] == ["new"]
    stored = _stored(app)
    assert (stored[COLD][2], stored[COUNTY][2]) == ("superseded", "superseded")
    with app.uow() as uow:
        # One row names the notice's number; it points at no single policy (it names them all).
        (row,) = uow.session.scalars(select(Supersession))
        assert (row.superseded_doc_number, row.superseded_id) == (NUMBER, None)
        changed = uow.session.scalars(select(History.new_value).where(History.field == "state")).all()
        assert changed == ["superseded", "superseded"]
        conn = uow.session.connection()
        for title in (COLD, COUNTY):
            detail = policy_detail(conn, resolve_policy(conn, title_ref(title)))
            assert [r.ref for r in detail.superseded_by] == ["宁政办发〔2025〕30号"]


def test_a_repeal_naming_one_policy_by_number_and_title_supersedes_that_one_only(app, tmp_path):
    _ingest(app, write(tmp_path, "notice.txt", TWO))
    _ingest(app, write(tmp_path, "later.txt", later(COUNTY)))
    stored = _stored(app)
    assert (stored[COLD][2], stored[COUNTY][2]) == ("active", "superseded")


def test_a_repeal_stored_first_supersedes_both_policies_when_the_notice_arrives(app, tmp_path):
    _ingest(app, write(tmp_path, "later.txt", later(WHOLE_NOTICE)))
    _ingest(app, write(tmp_path, "notice.txt", TWO))
    stored = _stored(app)
    assert (stored[COLD][2], stored[COUNTY][2]) == ("superseded", "superseded")
    with app.uow() as uow:
        assert uow.session.scalar(select(Supersession.superseded_id)) is None


def test_a_store_where_only_the_first_policy_kept_the_number_keeps_every_ref(app, tmp_path):
    """Before numbers were shared, the first policy had the number (and it as its ref), the second none."""
    _ingest(app, write(tmp_path, "notice.txt", TWO))
    with app.uow() as uow:
        uow.session.execute(update(Policy).where(Policy.title == COLD).values(ref=NUMBER))
        uow.session.execute(update(Policy).where(Policy.title == COUNTY).values(doc_number=None))
        uow.commit()
    report = _ingest(app, write(tmp_path, "copy.txt", TWO + "（此件公开发布）\n"))
    assert [p["ref"] for p in report.policies] == [NUMBER, title_ref(COUNTY)]
    assert _stored(app) == {COLD: (NUMBER, NUMBER, "active"), COUNTY: (title_ref(COUNTY), NUMBER, "active")}
    with app.uow() as uow:
        # A stored ref is a ref: it still finds its policy, though the number is now shared.
        conn = uow.session.connection()
        assert resolve_policy(conn, NUMBER) == uow.session.scalar(select(Policy.id).where(Policy.title == COLD))


def test_resolving_a_shared_number_refuses_and_lists_the_refs_and_titles(app, tmp_path):
    _ingest(app, write(tmp_path, "notice.txt", TWO))
    with app.uow() as uow:
        with pytest.raises(NotFound) as refused:
            resolve_policy(uow.session.connection(), NUMBER)
    assert f"{title_ref(COLD)} {COLD}" in str(refused.value) and f"{title_ref(COUNTY)} {COUNTY}" in str(refused.value)


def test_an_export_of_the_two_policies_and_their_repeal_imports_into_a_new_database_unchanged(app, tmp_path, settings):
    from tracker.bootstrap import connect

    _ingest(app, write(tmp_path, "notice.txt", TWO))
    _ingest(app, write(tmp_path, "later.txt", later(WHOLE_NOTICE)))
    exported = _snapshot(app)
    assert sorted(p["doc_number"] for p in json.loads(exported)["policies"]).count(NUMBER) == 2
    # Into the same database: every record is matched by its ref, nothing changes.
    with app.uow() as uow:
        import_policies(uow.session, parse_document(json.loads(exported), "export.json"), now=NOW, today=TODAY)
        uow.commit()
    assert _snapshot(app) == exported
    # Into an empty one (the same database emptied of policies): the same export comes back.
    with app.uow() as uow:
        for p in uow.session.scalars(select(Policy)):
            uow.session.delete(p)
        uow.commit()
    with app.uow() as uow:
        import_policies(uow.session, parse_document(json.loads(exported), "export.json"), now=NOW, today=TODAY)
        uow.commit()
    assert _snapshot(app) == exported


def _record(title: str, number: str | None, ref: str | None = None, **kw) -> PolicyRecord:
    return PolicyRecord(title=title, doc_number=number, ref=ref, issued_on=date(2024, 6, 12), **kw)


def test_an_import_takes_two_records_of_one_number_and_refuses_the_same_number_and_title_twice(app):
    from tracker.store.exchange import policy_json

    records = [_record(COLD, NUMBER), _record(COUNTY, NUMBER),
               _record("新方案", "宁政办发〔2025〕30号", supersedes=[SupersessionRecord(NUMBER, None)])]
    document = {"format": "tracker/1", "policies": [policy_json(r, None) for r in records]}
    with app.uow() as uow:
        import_policies(uow.session, parse_document(document, "two.json"), now=NOW, today=TODAY)
        uow.commit()
    stored = _stored(app)
    # Records without refs: the first was the only one of its number when stored, so the number is its ref.
    assert (stored[COLD][:2], stored[COUNTY][:2]) == ((NUMBER, NUMBER), (title_ref(COUNTY), NUMBER))
    twice = {"format": "tracker/1", "policies": [policy_json(r, None) for r in (records[0], records[1], records[0])]}
    with pytest.raises(InvalidInput) as refused:
        parse_document(twice, "twice.json")
    assert str(refused.value) == f"twice.json: policies[2]: duplicates policies[0] ({NUMBER} {COLD})"


# -- amendments found by watching a source: an extension or repeal notice citing the number ------------------

EXTEND_COLD = f"""关于延长《{COLD}》有效期的通知
宁政办发〔2027〕5号
各市、县（区）人民政府，自治区政府各部门：
经自治区人民政府同意，《{COLD}》（{NUMBER}）有效期延长至2029年6月30日。
特此通知。
宁夏回族自治区人民政府办公厅
2027年5月20日
"""

REPEAL_NOTICE = f"""关于废止《{WHOLE_NOTICE}》的通知
宁政办发〔2027〕9号
各市、县（区）人民政府，自治区政府各部门：
经自治区人民政府同意，决定废止《{WHOLE_NOTICE}》（{NUMBER}）。
本通知自2027年6月1日起施行。
"""


def _watch(app, site, items, now):
    """Serve a listing of `items` and check it (the first check, at NOW, adds the source)."""
    from tests.source_server import Page, listing
    from tracker.sources.fetch import Fetcher
    from tracker.sources.watch import add_source, check_source

    site.pages["/list.html"] = Page(listing(items))
    with Fetcher(min_interval=0, retries=0, backoff=0) as f:
        if now == NOW:
            add_source(app, site.url("/list.html"), name="list", kind=None, agency=None, every_seconds=3600,
                       fetcher=f, now=now)
        return check_source(app, "list", f, now=now, today=now.date())


def test_an_extension_citing_one_policy_s_title_and_the_number_extends_it_and_a_repeal_of_the_notice_both(app):
    from datetime import timedelta

    from tests.source_server import Page, html_page, serving

    with serving() as site:
        site.pages["/docs/two.html"] = Page(html_page(TWO))
        items = [("/docs/two.html", "关于印发两个方案的通知")]
        _watch(app, site, items, NOW)
        assert len(_stored(app)) == 2
        site.pages["/docs/extend.html"] = Page(html_page(EXTEND_COLD))
        items.append(("/docs/extend.html", "关于延长"))
        report = _watch(app, site, items, NOW + timedelta(days=1))
        assert [c for e in report.entries for c in e.changes] == [f"extended {title_ref(COLD)} to 2029-06-30"]
        with app.uow() as uow:
            ends = dict(uow.session.execute(select(Policy.title, Policy.effective_to)).all())
        assert ends == {COLD: date(2029, 6, 30), COUNTY: date(2027, 6, 30)}
        site.pages["/docs/repeal.html"] = Page(html_page(REPEAL_NOTICE))
        items.append(("/docs/repeal.html", "关于废止"))
        report = _watch(app, site, items, NOW + timedelta(days=2))
        assert sorted(c for e in report.entries for c in e.changes) == sorted(
            [f"repealed {title_ref(COLD)}", f"repealed {title_ref(COUNTY)}"])
    stored = _stored(app)
    assert (stored[COLD][2], stored[COUNTY][2], len(stored)) == ("repealed", "repealed", 2)


COUNTY_EN = """Construction Plan for the County Commercial System of Ningxia Hui Autonomous Region
1. Renovate township commercial centres. By 2026, renovate 50 township commercial centres. (Unit responsible: the Department of Commerce of the Autonomous Region)
This plan shall be effective as of July 1, 2024 and remain effective until June 30, 2027.
"""


def test_a_translation_pairs_with_the_policy_of_the_notice_whose_measures_it_translates(app, tmp_path):
    _ingest(app, write(tmp_path, "notice.txt", TWO))
    report = _ingest(app, write(tmp_path, "en.txt", COUNTY_EN))
    assert [p["ref"] for p in report.policies] == [title_ref(COUNTY)]
    with app.uow() as uow:
        english = dict(uow.session.execute(select(Policy.title, Policy.title_en)).all())
    assert english == {COLD: None, COUNTY: "Construction Plan for the County Commercial System of Ningxia Hui Autonomous Region"}


def test_a_hand_correction_matching_a_shared_number_needs_the_title_too(app, tmp_path):
    from tracker.store.ingest import apply_overlay

    _ingest(app, write(tmp_path, "notice.txt", TWO))
    with app.uow() as uow:
        with pytest.raises(InvalidInput) as refused:
            apply_overlay(uow.session, [{"match": {"doc_number": NUMBER}, "set": {"issuer": "某厅"}}], now=NOW, today=TODAY)
        assert f"({title_ref(COLD)}, {title_ref(COUNTY)})" in str(refused.value)
    with app.uow() as uow:
        applied = apply_overlay(uow.session, [{"match": {"doc_number": NUMBER, "title": COUNTY},
                                               "set": {"issuer": "自治区商务厅"}}], now=NOW, today=TODAY)
        uow.commit()
    assert applied == [f"{title_ref(COUNTY)}.issuer"]
