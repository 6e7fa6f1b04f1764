"""`import_policies` (set-based, for `tracker import`) stores exactly what `save_policy(exact=True)` does.

The per-record writer is the reference: the same document is stored both ways on the same database (each
in its own rolled-back transaction, over the same already stored policies) and every table is compared,
ids replaced by refs. Documents are drawn at random from small pools of refs, numbers, titles, windows and
agency names, so that collisions (same ref, same number, same title and window, translations, shared
sources, supersessions forwards and backwards) happen often.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from tracker.domain.records import (
    AgencyLink,
    AgencyRole,
    CheckRecord,
    CheckStatus,
    Comparator,
    HistoryRecord,
    MeasureRecord,
    PolicyRecord,
    PolicyState,
    SourceRecord,
    SupersessionRecord,
    TargetRecord,
    WindowSource,
)
from tracker.errors import InvalidInput
from tracker.store import importer
from tracker.store.importer import import_policies
from tracker.store.schema.policies import (
    Agency,
    History,
    Measure,
    MeasureAgency,
    Policy,
    PolicySource,
    SourceDocument,
    Supersession,
    Target,
    TargetCheck,
)
from tracker.store.writer import add_alias, agency_for, save_policy

NOW = datetime(2025, 3, 1, 4, 0, tzinfo=timezone.utc)
TODAY = date(2025, 3, 1)
AGENCIES = [("上海市经济和信息化委员会", ["市经济信息化委"]), ("上海市财政局", ["市财政局"])]
AGENCY_NAMES = ["市经济信息化委", "上海市经济和信息化委员会", "市财政局", "市住房城乡建设管理委", "区政府",
                "Municipal Commission of Commerce", "市发展改革委"]
WINDOWS = [(date(2024, 1, 1), date(2028, 12, 31)), (date(2024, 1, 1), None), (None, None),
           (date(2025, 6, 1), date(2027, 5, 31))]
TITLES = ["关于促进租赁住房发展的若干措施", "关于推进数字化转型的实施意见", "Several Measures on Rental Housing",
          "关于优化营商环境的通知"]


def _sha(n: int) -> str:
    return f"{n:064x}"


def random_record(rng: random.Random, i: int) -> PolicyRecord:
    window = rng.choice(WINDOWS)
    language = rng.choice(["zh", "zh", "en"])
    numbers = [f"({k})" for k in range(1, rng.randint(0, 4) + 1)]
    if numbers and rng.random() < 0.2:
        numbers[-1] = numbers[0]  # two measures printed with the same number
    measures = [
        MeasureRecord(number=n, ordinal=k + 1, section=rng.choice([None, "一、总体要求"]), title=None,
                      text=f"措施{i}-{k}",
                      agencies=[AgencyLink(rng.choice(AGENCY_NAMES), rng.choice(list(AgencyRole)))
                                for _ in range(rng.randint(0, 3))])
        for k, n in enumerate(numbers)
    ]
    targets = []
    for t in range(rng.randint(0, 3)):
        checks = [CheckRecord(date(2024, 1, 1) + timedelta(days=rng.randint(0, 700)), rng.choice(list(CheckStatus)),
                              Decimal(rng.randint(0, 90)), rng.choice([None, "季度检查"]), rng.choice([None, "张三"]))
                  for _ in range(rng.randint(0, 2))]
        targets.append(TargetRecord(
            text=f"到2025年完成{t}", due_on=rng.choice([None, date(2025, 12, 31), date(2024, 6, 30)]),
            measure=rng.choice([None, *numbers]), metric=rng.choice([None, "套"]),
            quantity=rng.choice([None, Decimal("50000"), Decimal("2.5")]), unit=rng.choice([None, "套"]),
            comparator=rng.choice(list(Comparator)), due_source=rng.choice(list(WindowSource)), checks=checks))
    supersedes = [
        rng.choice([SupersessionRecord(doc_number=f"沪府规〔2020〕{rng.randint(0, 12)}号"),
                    SupersessionRecord(title=rng.choice(TITLES)),
                    SupersessionRecord(doc_number="沪府规〔2019〕1号", title="旧办法")])
        for _ in range(rng.randint(0, 2))
    ]
    history = [HistoryRecord("effective_to", "2026-12-31", "2028-12-31", "延至", rng.choice([None, "note.txt"]),
                             rng.choice([None, "2024-02-01T00:00:00Z"])) for _ in range(rng.randint(0, 2))]
    return PolicyRecord(
        title=rng.choice(TITLES) if rng.random() < 0.5 else f"{rng.choice(TITLES)}（{i}）",
        ref=rng.choice([None, None, f"ref-{rng.randint(0, 15)}"]),
        title_en=rng.choice([None, "An English title"]),
        doc_number=rng.choice([None, f"沪府规〔2020〕{rng.randint(0, 12)}号"]),
        issuer=rng.choice([None, "上海市人民政府"]),
        issued_on=rng.choice([None, date(2023, 12, 1)]),
        published_on=None,
        language=language,
        effective_from=window[0],
        effective_to=window[1],
        window_source=rng.choice([None, *WindowSource]),
        window_basis=None,
        state=rng.choice([PolicyState.ACTIVE, PolicyState.ACTIVE, PolicyState.REPEALED]),
        supersedes=supersedes,
        sources=[SourceRecord(f"doc-{n}.txt", _sha(n), language) for n in rng.sample(range(8), rng.randint(0, 2))],
        measures=measures,
        targets=targets,
        history=history,
    )


def random_document(seed: int, size: int) -> list[PolicyRecord]:
    """Records as `parse_document` would accept them: refs and document numbers unique within the file."""
    rng = random.Random(seed)
    records, refs, numbers = [], set(), set()
    for i in range(size):
        r = random_record(rng, i)
        if r.ref in refs:
            r.ref = None
        if r.doc_number in numbers:
            r.doc_number = None
        refs.add(r.ref)
        numbers.add(r.doc_number)
        records.append(r)
    return records


def dump(session) -> dict[str, list]:
    """Every table, ids replaced by refs, ordinals, names and hashes; sorted, so stores can be compared.

    Read from the database, not from objects the session still holds (a measure's deletion nulls its targets'
    measure_id in the database only)."""
    session.flush()
    session.expire_all()
    ref = dict(session.execute(select(Policy.id, Policy.ref)).all())
    measure = {m.id: (ref[m.policy_id], m.ordinal) for m in session.scalars(select(Measure))}
    agency = dict(session.execute(select(Agency.id, Agency.name)).all())
    sha = dict(session.execute(select(SourceDocument.id, SourceDocument.sha256)).all())
    target = {t.id: (ref[t.policy_id], t.text, t.quantity, t.due_on, t.unit) for t in session.scalars(select(Target))}

    def rows(model, key):
        return sorted((_canonical(key(x)) for x in session.scalars(select(model))), key=repr)

    return {
        "policy": rows(Policy, lambda p: (p.ref, p.title, p.title_en, p.doc_number, p.issuer, p.issued_on,
                                          p.published_on, p.language, p.effective_from, p.effective_to,
                                          p.window_source, p.window_basis, p.state, p.pinned)),
        "measure": rows(Measure, lambda m: (ref[m.policy_id], m.ordinal, m.number, m.section, m.title, m.text)),
        "link": rows(MeasureAgency, lambda a: (measure[a.measure_id], agency[a.agency_id], a.role, a.position)),
        "agency": rows(Agency, lambda a: (a.name, sorted(x.alias for x in a.aliases))),
        "target": rows(Target, lambda t: (ref[t.policy_id], measure.get(t.measure_id), t.text, t.metric, t.quantity,
                                          t.unit, t.comparator, t.due_on, t.due_source, t.outcome,
                                          t.next_check_on, t.pinned)),
        "check": rows(TargetCheck, lambda c: (target[c.target_id], c.checked_on, c.value, c.status, c.note,
                                              c.checked_by)),
        "source": rows(SourceDocument, lambda s: (s.name, s.url, s.sha256, s.language, s.format)),
        "policy_source": rows(PolicySource, lambda x: (ref[x.policy_id], sha[x.source_id])),
        "supersession": rows(Supersession, lambda s: (ref[s.policy_id], ref.get(s.superseded_id),
                                                      s.superseded_doc_number, s.superseded_title)),
        "history": rows(History, lambda h: (ref.get(h.policy_id), target.get(h.target_id), h.field, h.old_value,
                                            h.new_value, h.reason, h.source, h.changed_at)),
    }


def _canonical(value):
    """Decimals as numbers, not as spelled: 50000 read back from NUMERIC(20, 4) is 50000.0000."""
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, tuple):
        return tuple(_canonical(v) for v in value)
    return value


def store_one_by_one(session, records, agencies) -> None:
    """The reference: what `tracker import` did before it had a bulk path."""
    for name, aliases in agencies:
        agency_for(session, name)
        for alias in aliases:
            add_alias(session, name, alias)
    for r in records:
        save_policy(session, r, now=NOW, today=TODAY, exact=True)
    session.flush()


def both_ways(app, records, agencies=AGENCIES):
    """(what the writer stored, what import_policies stored, its result); a refusal must be the same refusal."""
    refused = None
    with app.uow() as uow:
        try:
            store_one_by_one(uow.session, records, agencies)
            expected = dump(uow.session)
        except InvalidInput as exc:
            refused, expected = str(exc), None
    with app.uow() as uow:
        try:
            result = import_policies(uow.session, records, agencies, now=NOW, today=TODAY, origin="in.json")
        except InvalidInput as exc:
            assert refused is not None and str(exc).endswith(refused) and str(exc).startswith("in.json: policies[")
            return None, None, None
        assert refused is None, f"the writer refused ({refused}), the bulk import did not"
        uow.session.flush()
        got = dump(uow.session)
    return expected, got, result


def _already_stored(app, seed: int) -> None:
    """Policies stored before the import (ingested earlier), so imports merge into some of them."""
    with app.uow() as uow:
        for r in random_document(seed, 12):
            save_policy(uow.session, r, now=NOW - timedelta(days=30), today=TODAY, exact=False)
        uow.commit()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_bulk_import_stores_what_the_writer_stores(app, monkeypatch, seed):
    monkeypatch.setattr(importer, "BATCH_POLICIES", 7)  # several batches, links across batch boundaries
    if seed % 2 == 0:
        _already_stored(app, seed + 100)
    records = random_document(seed, 60)
    expected, got, result = both_ways(app, records)
    if expected is None:
        # Refused alike (a record taking a number another stored policy has); the rest must still be compared.
        records = [r for r in records if not r.doc_number]
        expected, got, result = both_ways(app, records)
    for table in expected:
        assert got[table] == expected[table], table
    assert result.stored == len(records)
    assert result.bulk > 0  # the set-based path was taken, not only the writer


def test_new_policies_into_an_empty_database_all_go_in_bulk(app, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_POLICIES", 3)
    records = [
        PolicyRecord(title=f"关于第{i}项工作的通知", ref=f"r{i}", doc_number=f"沪府规〔2024〕{i}号",
                     effective_from=date(2024, 1, 1), effective_to=date(2026, 12, 31), language="zh",
                     supersedes=[SupersessionRecord(doc_number=f"沪府规〔2024〕{(i + 5) % 10}号")],
                     sources=[SourceRecord("compilation.pdf", _sha(1), "zh")],
                     measures=[MeasureRecord("一、", 1, agencies=[AgencyLink("市经济信息化委", AgencyRole.LEAD),
                                                                 AgencyLink("上海市经济和信息化委员会")])],
                     targets=[TargetRecord("到2025年建成10个", date(2025, 12, 31), measure="一、",
                                           checks=[CheckRecord(date(2025, 1, 31), CheckStatus.MET)])])
        for i in range(10)
    ]
    expected, got, result = both_ways(app, records)
    assert got == expected
    assert (result.bulk, result.one_by_one) == (10, 0)
    # Forward and backward supersessions by number are linked across batches; both aliases are one link.
    assert all(superseded is not None for _, superseded, _, _ in got["supersession"])
    assert [row[1:3] for row in got["link"]][:1] == [("上海市经济和信息化委员会", "lead")]
    assert len(got["link"]) == 10
    assert len(got["source"]) == 1 and len(got["policy_source"]) == 10
    assert {row[9] for row in got["target"]} == {"met"}


def test_a_policy_stored_before_is_merged_not_duplicated(app):
    original = PolicyRecord(title="关于促进租赁住房发展的若干措施", doc_number="沪府办规〔2023〕27号",
                            effective_from=date(2024, 1, 1), effective_to=date(2028, 12, 31), language="zh")
    with app.uow() as uow:
        save_policy(uow.session, original, now=NOW, today=TODAY)
        uow.commit()
    again = PolicyRecord(title=original.title, doc_number=original.doc_number, effective_from=date(2024, 1, 1),
                         effective_to=date(2029, 6, 30), language="zh")
    expected, got, result = both_ways(app, [again])
    assert got == expected
    assert (result.bulk, result.one_by_one) == (0, 1)
    assert [p[9] for p in got["policy"]] == [date(2029, 6, 30)]
