"""The listing queries on a real migrated database (SQLite, and PostgreSQL when configured)."""

from datetime import date

import pytest
from sqlalchemy import event

from tests import agenda_factories as f
from tracker.domain.agenda import build_agenda
from tracker.errors import NotFound
from tracker.store.queries import policy_detail, policy_list, read_agenda, resolve_agency, resolve_policy

AS_OF = date(2025, 1, 1)
UNTIL = date(2025, 12, 31)


@pytest.fixture
def housing(app):
    """One policy with two measures, two agencies (one with an alias), targets in every state and a check."""
    with app.uow() as uow:
        s = uow.session
        hz = f.agency(s, "上海市住房和城乡建设管理委员会", "市住房城乡建设管理委")
        fg = f.agency(s, "上海市发展和改革委员会", "市发展改革委")
        p = f.policy(
            s, ref="沪府办规〔2023〕27号", doc_number="沪府办规〔2023〕27号", title="关于加快发展保障性租赁住房的实施意见",
            effective_from=date(2024, 1, 1), effective_to=date(2025, 6, 30),
        )
        m1 = f.measure(s, p, "（一）", (hz, "lead"), fg)
        m2 = f.measure(s, p, "（二）", fg)
        f.target(s, p, "新增5万套", date(2025, 12, 31), measure=m1, next_check_on=date(2025, 3, 31))
        f.target(s, p, "完成规划", date(2024, 6, 30), measure=m2)
        f.target(s, p, "已完成", date(2024, 9, 30), measure=m2, outcome="met")
        f.target(s, p, "明年", date(2026, 6, 30), measure=m2)
        other = f.policy(s, ref="other", title="其他政策", effective_from=date(2020, 1, 1), effective_to=date(2025, 3, 1))
        f.measure(s, other, "1.", fg)
        f.policy(s, ref="old", title="旧政策", effective_to=date(2025, 2, 1), state="superseded")
        f.policy(s, ref="open", title="长期政策", effective_from=date(2020, 1, 1))
        uow.commit()
    return app


def listing(app, **kw):
    with app.engine.connect() as conn:
        expiries, targets, checks = read_agenda(conn, AS_OF, kw.pop("until", UNTIL), **kw)
    return build_agenda(AS_OF, UNTIL, expiries=expiries, targets=targets, checks=checks)


def test_upcoming_finds_expiries_due_and_overdue_targets_and_checks(housing):
    got = [(e.on.isoformat(), e.kind.value, e.policy.ref, e.measure, e.overdue) for e in listing(housing)]
    assert got == [
        ("2024-06-30", "target", "沪府办规〔2023〕27号", "（二）", True),
        ("2025-03-01", "expiry", "other", None, False),
        ("2025-03-31", "check", "沪府办规〔2023〕27号", "（一）", False),
        ("2025-06-30", "expiry", "沪府办规〔2023〕27号", None, False),
        ("2025-12-31", "target", "沪府办规〔2023〕27号", "（一）", False),
    ]


def test_agencies_come_in_printed_order_for_measures_and_for_whole_policies(housing):
    entries = {(e.kind.value, e.on): e.agencies for e in listing(housing)}
    assert entries[("target", date(2025, 12, 31))] == ("上海市住房和城乡建设管理委员会", "上海市发展和改革委员会")
    assert entries[("expiry", date(2025, 6, 30))] == ("上海市住房和城乡建设管理委员会", "上海市发展和改革委员会")
    assert entries[("expiry", date(2025, 3, 1))] == ("上海市发展和改革委员会",)


def test_an_alias_narrows_the_listing_to_that_agencys_measures(housing):
    got = {(e.kind.value, e.on) for e in listing(housing, agency="市住房城乡建设管理委")}
    assert got == {("check", date(2025, 3, 31)), ("expiry", date(2025, 6, 30)), ("target", date(2025, 12, 31))}


def test_a_policy_ref_narrows_the_listing_to_that_policy(housing):
    assert {e.policy.ref for e in listing(housing, policy_ref="other")} == {"other"}


def test_unknown_agency_and_policy_are_reported_not_ignored(housing):
    with housing.engine.connect() as conn:
        with pytest.raises(NotFound, match="nobody"):
            resolve_agency(conn, "nobody")
        with pytest.raises(NotFound, match="nope"):
            resolve_policy(conn, "nope")


def test_agencies_are_fetched_in_one_query_however_many_rows_are_listed(app):
    with app.uow() as uow:
        s = uow.session
        who = f.agency(s, "市商务委")
        for n in range(12):
            p = f.policy(s, effective_to=date(2025, 2, n + 1))
            m = f.measure(s, p, "（一）", who)
            f.target(s, p, f"目标{n}", date(2025, 3, n + 1), measure=m, next_check_on=date(2025, 1, 31))
        uow.commit()
    statements: list[str] = []
    event.listen(app.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    entries = listing(app)
    assert len(entries) == 36 and all(e.agencies == ("市商务委",) for e in entries)
    # expiries, targets, checks, the targets' policies, agencies and measure numbers (SQLite also sends BEGIN)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 5


def test_policies_filter_by_text_and_agency(housing):
    with housing.engine.connect() as conn:
        assert [r.ref for r in policy_list(conn, text="住房")] == ["沪府办规〔2023〕27号"]
        assert [r.ref for r in policy_list(conn, text="50%")] == []
        fg = resolve_agency(conn, "市发展改革委")
        assert [r.ref for r in policy_list(conn, agency_ids=fg)] == ["other", "沪府办规〔2023〕27号"]


def test_policy_detail_carries_measures_agencies_targets_last_check_links_and_history(app):
    with app.uow() as uow:
        s = uow.session
        hz = f.agency(s, "市住房城乡建设管理委")
        old = f.policy(s, ref="old", title="旧政策")
        p = f.policy(s, ref="new", title="新政策", doc_number="沪府办规〔2025〕1号", effective_from=date(2025, 1, 1))
        m = f.measure(s, p, "（一）", (hz, "lead"))
        t = f.target(s, p, "新增5万套", date(2025, 12, 31), measure=m)
        f.check(s, t, date(2025, 3, 31), "on_track", value=10000)
        f.check(s, t, date(2025, 6, 30), "at_risk", value=12000, note="进度偏慢")
        f.supersedes(s, p, old)
        f.supersedes(s, p, doc_number="沪府〔2010〕9号", title="未入库的政策")
        f.history(s, p, "effective_from", None, "2025-01-01", reason="stated")
        uow.commit()
    with app.engine.connect() as conn:
        detail = policy_detail(conn, resolve_policy(conn, "沪府办规〔2025〕1号"))
        old_detail = policy_detail(conn, resolve_policy(conn, "old"))
    assert [m.number for m in detail.measures] == ["（一）"]
    assert list(detail.agencies_by_measure.values()) == [[("市住房城乡建设管理委", "lead")]]
    [target] = detail.targets
    assert detail.last_checks[target.id].status == "at_risk"
    assert [(s.ref, s.superseded_doc_number) for s in detail.supersedes] == [("old", None), (None, "沪府〔2010〕9号")]
    assert [h.field for h in detail.history] == ["effective_from"]
    assert [s.ref for s in old_detail.superseded_by] == ["new"]


def test_a_closed_target_is_not_listed_even_with_a_stale_next_check(app):
    with app.uow() as uow:
        p = f.policy(uow.session, effective_from=date(2024, 1, 1))
        f.target(uow.session, p, "已达成", date(2025, 12, 31), outcome="met", next_check_on=date(2025, 3, 31))
        f.target(uow.session, p, "进行中", date(2025, 12, 31), next_check_on=date(2025, 3, 31))
        uow.commit()
    assert [(e.kind.value, e.subject) for e in listing(app)] == [("check", "进行中"), ("target", "进行中")]


def test_a_check_skipped_without_record_comes_back_at_the_next_quarter_end(app):
    """The stored next check (2024-09-30) passed long ago with nothing recorded: the target still has checks."""
    with app.uow() as uow:
        s = uow.session
        p = f.policy(s, ref="p", title="租赁住房", effective_from=date(2024, 1, 1), effective_to=date(2030, 12, 31))
        m = f.measure(s, p, "（三）")  # no agencies: its number still shows
        f.target(s, p, "新增5万套", date(2026, 12, 31), measure=m, next_check_on=date(2024, 9, 30))
        f.target(s, p, "下月到期", date(2025, 3, 15), measure=m, next_check_on=date(2024, 12, 31))
        gone = f.policy(s, ref="gone", title="已废止", effective_from=date(2024, 1, 1), state="repealed")
        f.target(s, gone, "废止政策的目标", date(2026, 12, 31), next_check_on=date(2024, 9, 30))
        uow.commit()

    def checks(until):
        with app.engine.connect() as conn:
            _, _, rows = read_agenda(conn, AS_OF, until, kinds=("check",))
        return [(c.text, c.next_check_on, c.measure) for c in rows]

    # Next quarter end after 2025-01-01 is 2025-03-31: listed for the open target, not for the one due before
    # it, nor for a repealed policy's target.
    assert checks(date(2025, 3, 31)) == [("新增5万套", date(2025, 3, 31), "（三）")]
    assert checks(date(2025, 3, 30)) == []  # a window that ends before that quarter end
    with app.engine.connect() as conn:
        _, _, rows = read_agenda(conn, AS_OF, date(2025, 3, 31), kinds=("check",))
    entries = build_agenda(AS_OF, date(2025, 3, 31), checks=rows)
    assert [(e.on, e.days_left, e.kind.value) for e in entries] == [(date(2025, 3, 31), 89, "check")]


def test_long_listings_read_their_policies_and_agencies_in_rounds_with_the_same_result(app, monkeypatch):
    from tracker.store import queries

    with app.uow() as uow:
        s = uow.session
        x, y, z = f.agency(s, "市发展改革委"), f.agency(s, "市财政局"), f.agency(s, "市商务委")
        first = f.policy(s, ref="first", title="甲", effective_to=date(2025, 3, 1))
        f.measure(s, first, "（一）", z)
        second = f.policy(s, ref="second", title="乙", effective_to=date(2025, 4, 1))
        f.measure(s, second, "（一）", x)
        later = f.measure(s, second, "（二）", y)
        f.target(s, second, "目标", date(2025, 5, 1), measure=later)
        uow.commit()
    whole = listing(app)
    # One id per round: the second policy's later measure arrives (with the target) before the policy itself,
    # whose agencies must still come in printed order.
    monkeypatch.setattr(queries, "IN_LIMIT", 1)
    assert listing(app) == whole
    assert [e.agencies for e in whole if e.policy.ref == "second" and e.kind.value == "expiry"] == [
        ("市发展改革委", "市财政局")
    ]


@pytest.mark.parametrize("typed", ["沪府办规〔2025〕1号", "沪府办规[2025]1号", "沪府办规(2025)1号", "沪府办规【2025】1号",
                                   "沪府办规（2025）1号", " 沪府办规 〔2025〕 1 号 "])
def test_a_document_number_is_found_however_its_brackets_and_spaces_are_typed(app, typed):
    with app.uow() as uow:
        f.policy(uow.session, ref="new-one", doc_number="沪府办规〔2025〕1号", effective_to=date(2026, 1, 1))
        uow.commit()
    with app.engine.connect() as conn:
        assert resolve_policy(conn, typed) == resolve_policy(conn, "new-one")
        with pytest.raises(NotFound):
            resolve_policy(conn, "沪府办规[2025]2号")
