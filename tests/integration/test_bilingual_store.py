"""Translations on a real database: measure-by-measure alignment, in either order, never into the wrong policy."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from tests.ingest_docs import write
from tracker.store.bilingual import pair_by_hand
from tracker.store.ingest import ingest_file
from tracker.store.schema.policies import Agency, Policy

NOW = datetime(2025, 5, 1, 2, 0, tzinfo=timezone.utc)
TODAY = date(2025, 5, 1)

ZH_DOC = """关于印发《上海市双语测试办法》的通知
沪府规〔2025〕3号
一、建设示范园区。到2026年，建成5个示范园区。（责任单位：市经济信息化委、市商务委）
二、新增住房。到2027年6月，新增保障性租赁住房2万套。（责任单位：市房屋管理局）
三、加强宣传。开展多种形式的宣传活动。（责任单位：市交通委）
本办法自2025年3月1日起施行，有效期至2030年2月28日。
"""
EN_DOC = """Measures of Shanghai for Bilingual Testing
1. Building demonstration parks. By 2026, 5 demonstration parks will be built. (Units responsible for implementation: the Municipal Commission of Economy and Informatization, and the Municipal Commission of Commerce)
2. Adding housing. By June 2027, an additional 20,000 government-subsidized rental housing units will be provided. (Unit responsible for implementation: the Municipal Housing Administration Bureau)
3. Publicity. Various forms of publicity will be carried out. (Unit responsible for implementation: the Municipal Commission of Transport)
These Measures shall be effective as of March 1, 2025 and remain effective until February 28, 2030.
"""
# Another policy's English text with the same window and the same count of measures.
OTHER_EN = """Measures of Shanghai for Green Buildings
1. Retrofitting. By 2029, 200 buildings will be retrofitted. (Unit responsible for implementation: the Municipal Commission of Housing and Urban-rural Development)
2. Charging points. By June 2028, 10,000 charging points will be built. (Unit responsible for implementation: the Municipal Commission of Transport)
3. Training. 12 training sessions will be organised every year. (Unit responsible for implementation: the Municipal Commission of Education)
These Measures shall be effective as of March 1, 2025 and remain effective until February 28, 2030.
"""


def _ingest(app, path):
    report = ingest_file(app, path, now=NOW, today=TODAY)
    assert report.ok, report.error
    return report


def _english_side(app) -> dict:
    """Per policy: each measure's English counterpart and each target's English sentence and unit."""
    with app.uow() as uow:
        out = {}
        for p in uow.session.scalars(select(Policy).order_by(Policy.id)):
            out[p.title] = {
                "title_en": p.title_en,
                "language": p.language,
                "measures": [(m.number, m.en_ordinal, m.title_en, m.alignment) for m in p.measures],
                "targets": sorted((t.measure.number if t.measure else None, str(t.quantity), t.text_en, t.unit_en)
                                  for t in p.targets),
            }
        return out


def test_a_translation_after_its_original_gives_every_measure_and_target_its_english(app, tmp_path):
    _ingest(app, write(tmp_path, "zh.txt", ZH_DOC))
    report = _ingest(app, write(tmp_path, "en.txt", EN_DOC))
    (side,) = _english_side(app).values()
    assert side["title_en"] == "Measures of Shanghai for Bilingual Testing"
    assert side["measures"] == [
        ("一、", 1, "Building demonstration parks", "anchors"),
        ("二、", 2, "Adding housing", "anchors"),
        ("三、", 3, "Publicity", "anchors"),
    ]
    housing = next(t for t in side["targets"] if t[0] == "二、")
    assert "20,000" in housing[2] and housing[3] == "units" and "responsible" not in housing[2]
    assert "translation: 3 of 3 measures aligned (3 by anchors)" in report.policies[0]["notes"]
    with app.uow() as uow:
        commerce = uow.session.scalar(select(Agency).where(Agency.name == "市商务委"))
        assert commerce.name_en == "Municipal Commission of Commerce"


def test_a_translation_ingested_before_its_original_pairs_the_same_way_as_after(app, tmp_path, settings):
    _ingest(app, write(tmp_path, "en.txt", EN_DOC))
    (english_only,) = _english_side(app).values()
    assert english_only["language"] == "en"
    report = _ingest(app, write(tmp_path, "zh.txt", ZH_DOC))
    assert report.policies[0]["action"].startswith("merged (original)")
    before = _english_side(app)
    with app.uow() as uow:
        (policy,) = uow.session.scalars(select(Policy))
        assert (policy.ref, policy.language) == ("沪府规〔2025〕3号", "zh")
        for p in list(uow.session.scalars(select(Policy))):
            uow.session.delete(p)
        uow.commit()
    _ingest(app, write(tmp_path, "zh2.txt", ZH_DOC + "\n"))
    _ingest(app, write(tmp_path, "en2.txt", EN_DOC + "\n"))
    assert _english_side(app) == before


def test_another_policys_english_with_the_same_window_is_not_merged_in_either_order(app, tmp_path):
    _ingest(app, write(tmp_path, "zh.txt", ZH_DOC))
    report = _ingest(app, write(tmp_path, "other.txt", OTHER_EN))
    assert report.policies[0]["action"] == "new"
    assert any("English-only" in n for n in report.policies[0]["notes"])
    sides = _english_side(app)
    assert sides["上海市双语测试办法"]["title_en"] is None
    assert all(m[1] is None for m in sides["上海市双语测试办法"]["measures"])
    # And the other way round: the original does not adopt a stranger's English.
    _ingest(app, write(tmp_path, "zh-other.txt", ZH_DOC.replace("3号", "4号").replace("双语测试", "另一测试")))
    assert _english_side(app)["上海市另一测试办法"]["title_en"] is None


def test_doubtful_measures_stay_unaligned_and_the_report_says_why(app, tmp_path):
    _ingest(app, write(tmp_path, "zh.txt", ZH_DOC))
    wrong = EN_DOC.replace("June 2027", "June 2028").replace("20,000", "30,000")
    report = _ingest(app, write(tmp_path, "en.txt", wrong))
    (side,) = _english_side(app).values()
    assert [m[1] for m in side["measures"]] == [1, None, 3]
    assert next(t for t in side["targets"] if t[0] == "二、")[2] is None
    notes = report.policies[0]["notes"]
    assert any(n.startswith("unaligned: measure 二、: anchors disagree with English 2.") for n in notes)
    assert any(n.startswith("unaligned: English 2.") for n in notes)


def test_a_translation_missing_a_measure_leaves_that_one_without_english(app, tmp_path):
    _ingest(app, write(tmp_path, "zh.txt", ZH_DOC))
    lines = [ln for ln in EN_DOC.splitlines() if not ln.startswith("2.")]
    report = _ingest(app, write(tmp_path, "en.txt", "\n".join(lines)))
    (side,) = _english_side(app).values()
    assert [m[1:3] for m in side["measures"]] == [(1, "Building demonstration parks"), (None, None), (2, "Publicity")]
    assert any("measure 二、: no English measure with its number" in n for n in report.policies[0]["notes"])


def test_re_ingesting_either_version_keeps_the_pairing_and_a_hand_pairing_wins(app, tmp_path):
    _ingest(app, write(tmp_path, "zh.txt", ZH_DOC))
    _ingest(app, write(tmp_path, "en.txt", EN_DOC))
    with app.uow() as uow:
        (policy,) = uow.session.scalars(select(Policy))
        assert pair_by_hand(uow.session, policy, "三", "none", reason="not a faithful translation", now=NOW)
        uow.commit()
    _ingest(app, write(tmp_path, "zh-v2.txt", ZH_DOC.replace("宣传活动。", "宣传活动，扩大影响。")))
    _ingest(app, write(tmp_path, "en-v2.txt", EN_DOC.replace("carried out.", "carried out widely.")))
    (side,) = _english_side(app).values()
    assert side["measures"][:2] == [("一、", 1, "Building demonstration parks", "anchors"),
                                    ("二、", 2, "Adding housing", "anchors")]
    assert side["measures"][2] == ("三、", None, None, "manual")
    with app.uow() as uow:
        (policy,) = uow.session.scalars(select(Policy))
        pair_by_hand(uow.session, policy, "三、", "auto", reason=None, now=NOW)
        uow.commit()
    assert _english_side(app)["上海市双语测试办法"]["measures"][2] == ("三、", 3, "Publicity", "anchors")


ZH_PLAN = """关于印发《上海市双语测试行动方案（2025—2027年）》的通知
沪府发〔2025〕8号
上海市双语测试行动方案（2025—2027年）
一、建设示范园区。到2026年，建成5个示范园区。（责任单位：市经济信息化委、市商务委）
二、新增住房。到2027年6月，新增保障性租赁住房2万套。（责任单位：市房屋管理局）
三、加强宣传。开展多种形式的宣传活动。（责任单位：市交通委）
"""
EN_PLAN = """Shanghai Action Plan for Bilingual Testing (2025-2027)
1. Building demonstration parks. By 2026, 5 demonstration parks will be built. (Units responsible for implementation: the Municipal Commission of Economy and Informatization, and the Municipal Commission of Commerce)
2. Adding housing. By June 2027, an additional 20,000 government-subsidized rental housing units will be provided. (Unit responsible for implementation: the Municipal Housing Administration Bureau)
3. Publicity. Various forms of publicity will be carried out. (Unit responsible for implementation: the Municipal Commission of Transport)
"""


def test_a_plan_without_a_window_pairs_with_its_translation_by_the_plan_period(app, tmp_path):
    _ingest(app, write(tmp_path, "zh.txt", ZH_PLAN))
    _ingest(app, write(tmp_path, "en.txt", EN_PLAN))
    (side,) = _english_side(app).values()  # one policy: the English did not become a policy of its own
    assert side["title_en"] == "Shanghai Action Plan for Bilingual Testing (2025-2027)"
    assert [m[1] for m in side["measures"]] == [1, 2, 3]
    with app.uow() as uow:
        (plan,) = uow.session.scalars(select(Policy)).all()
        assert (plan.effective_from, plan.plan_from, plan.plan_to) == (None, date(2025, 1, 1), date(2027, 12, 31))


def test_another_plans_english_with_another_plan_period_is_not_merged(app, tmp_path):
    _ingest(app, write(tmp_path, "zh.txt", ZH_PLAN))
    _ingest(app, write(tmp_path, "en.txt", EN_PLAN.replace("(2025-2027)", "(2026-2028)")))
    assert len(_english_side(app)) == 2
