"""The whole pipeline on the seed documents (seed/sources/ in the repo, else ../shared/seeds)."""

from datetime import date
from pathlib import Path

import pytest

from tracker.extract import extract_policies

REPO = Path(__file__).resolve().parents[2]


def _seed_dir() -> Path | None:
    for d in (REPO / "seed" / "sources", REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds"):
        if d.is_dir() and any(d.glob("00[0-4]_*")):
            return d
    return None


SEEDS = _seed_dir()
pytestmark = pytest.mark.skipif(SEEDS is None, reason="seed documents not found")


def _read(prefix: str) -> str:
    (path,) = [p for p in SEEDS.glob(f"{prefix}_*") if p.suffix in (".txt", ".md")]
    return path.read_text(encoding="utf-8")


def _one(prefix: str):
    ex = extract_policies(_read(prefix), source_name=prefix)
    assert ex.problems == []
    (policy,) = ex.policies
    return ex, policy


def test_the_official_notice_yields_the_online_economy_measures_with_window_agencies_and_targets():
    ex, p = _one("001")
    assert ex.language == "zh"
    assert p.title == "上海市促进在线新经济健康发展的若干政策措施"
    assert (p.doc_number, p.issuer, p.issued_on) == ("沪府办规〔2023〕27号", "上海市人民政府办公厅", date(2023, 12, 29))
    assert (p.effective_from, p.effective_to, p.window_source.value) == (date(2024, 1, 1), date(2028, 12, 31), "stated")
    assert len(p.measures) == 20 and all(m.agencies for m in p.measures)
    assert p.measures[3].number == "（四）" and p.measures[3].section.startswith("二、")
    assert [(t.measure, int(t.quantity), t.comparator.value, t.due_on) for t in p.targets if t.kind.value == "target"] == [
        ("（四）", 50000, "exactly", date(2025, 12, 31)),
        ("（九）", 30, "at_least", date(2025, 12, 31)),
    ]


def test_the_news_copy_carries_the_same_policy():
    _, news = _one("000")
    _, official = _one("001")
    assert news.title == official.title
    assert (news.effective_from, news.effective_to) == (official.effective_from, official.effective_to)
    assert [m.number for m in news.measures] == [m.number for m in official.measures]


def test_the_english_translation_has_the_same_window_measures_and_targets():
    ex, p = _one("002")
    assert ex.language == "en"
    assert p.title.startswith("Several Policy Measures of Shanghai Municipality")
    assert (p.effective_from, p.effective_to) == (date(2024, 1, 1), date(2028, 12, 31))
    assert len(p.measures) == 20 and all(m.agencies for m in p.measures)
    assert [(t.measure, int(t.quantity), t.comparator.value, t.due_on) for t in p.targets if t.kind.value == "target"] == [
        ("4.", 50000, "exactly", date(2025, 12, 31)),
        ("9.", 30, "at_least", date(2025, 12, 31)),
    ]


def test_the_action_plan_period_comes_from_its_title_and_is_not_its_window():
    _, p = _one("004")
    assert p.title == "上海市促进在线新经济发展行动方案（2020-2022年）"
    assert (p.doc_number, p.issued_on) == ("沪府办发〔2020〕1号", date(2020, 4, 8))
    assert (p.effective_from, p.effective_to, p.window_source) == (None, None, None)  # the text states no validity
    assert (p.plan_from, p.plan_to, p.plan_basis) == (date(2020, 1, 1), date(2022, 12, 31), p.title)
    assert any("plan period 2020-2022 from the title" in n for n in p.notes)
    assert len(p.measures) == 23


def test_the_compilation_splits_into_its_policies_with_their_own_windows():
    ex = extract_policies(_read("003"))
    by_title = {p.title: p for p in ex.policies}
    assert len(ex.policies) >= 10
    hukou = by_title["上海市引进人才申办本市常住户口办法"]
    assert (hukou.effective_from, hukou.effective_to) == (date(2020, 12, 1), date(2025, 11, 30))
    talent = next(p for p in ex.policies if p.title.endswith("国内人才引进政策的实施办法"))
    assert (talent.effective_from, talent.effective_to, talent.window_source.value) == (date(2015, 11, 1), date(2022, 10, 31), "extended")
    assert [(h.old, h.new, h.source) for h in talent.history] == [("2017-10-31", "2022-10-31", "沪人社法〔2017〕409号")]
    returnees = by_title["留学回国人员申办上海常住户口实施细则"]
    assert (returnees.effective_from, returnees.effective_to) == (date(2020, 12, 1), date(2025, 11, 30))
    assert [s.doc_number for s in returnees.supersedes] == ["沪人社外发〔2015〕49号"]
    plan = by_title["上海市促进在线新经济发展行动方案（2020-2022年）"]
    assert (plan.effective_from, plan.effective_to) == (None, None)
    assert (plan.plan_from, plan.plan_to) == (date(2020, 1, 1), date(2022, 12, 31))
    assert not any("目录" in p.title or "...." in p.title for p in ex.policies)


def test_a_compilation_printed_several_times_still_yields_its_policies():
    # Its page furniture then repeats often enough to be dropped as running titles; positions must survive.
    titles = {p.title for p in extract_policies(_read("003") * 3).policies}
    assert {"上海市引进人才申办本市常住户口办法", "留学回国人员申办上海常住户口实施细则"} <= titles
