"""Aligning a translation's measures with the original's, on small made-up pairs (and once on the seed pair)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.extract import extract_policies
from tracker.extract.align import (
    Piece,
    TargetKey,
    align_measures,
    anchors,
    number_value,
    pair_agencies,
    pair_targets,
)
from tracker.resources import seed_dir

ZH = [
    Piece("（一）", "（一）建设示范园区。到2025年，建成5个示范园区。（责任单位：市经济信息化委、市商务委）", 2),
    Piece("（二）", "（二）支持企业上市。对重点项目给予最高5000万元支持，比例最高50%。（责任单位：市财政局）", 1),
    Piece("（三）", "（三）新增住房。到2026年6月，新增保障性租赁住房3万套。（责任单位：市房屋管理局）", 1),
    Piece("（四）", "（四）加强宣传。开展多种形式的宣传活动。（责任单位：市委宣传部、市文化旅游局）", 2),
]
EN = [
    Piece("1.", "1. Building demonstration parks. By 2025, 5 demonstration parks will be built.", 2),
    Piece("2.", "2. Supporting listings. Key projects receive up to 50 million yuan, at most 50% of the investment.", 1),
    Piece("3.", "3. Adding housing. By June 2026, an additional 30,000 housing units will be provided.", 1),
    Piece("4.", "4. Publicity. Various forms of publicity will be carried out.", 2),
]


def test_numbers_of_every_style_read_the_same():
    assert [number_value(n) for n in ("（四）", "4.", "第四条", "Article 4", "IV.", "(4)", "④", "四、")] == [4] * 8
    assert number_value("附件") is None


def test_anchors_apply_chinese_and_english_multipliers_and_read_dates_in_both_languages():
    zh = anchors("到2026年6月，新增5万套，资金5000万元，自2024年1月1日起施行。", "zh")
    en = anchors("By June 2026, 50,000 units, 50 million yuan, effective as of January 1, 2024.", "en")
    assert zh == en == {"2026-06", "50000", "50000000", "2024-01-01"}


def test_a_faithful_translation_pairs_every_measure_by_number_confirmed_by_anchors():
    result = align_measures(ZH, EN)
    assert [(p.zh, p.en) for p in result.pairs] == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert result.unaligned == [] and result.fits(4, 4)
    assert "30000" in result.pairs[2].shared and "2026-06" in result.pairs[2].shared


def test_a_missing_english_measure_leaves_only_that_measure_unaligned():
    en = [EN[0], EN[1], EN[3]]  # the translation skipped measure 3 but kept the numbering
    result = align_measures(ZH, en)
    assert [(p.zh, p.en) for p in result.pairs] == [(0, 0), (1, 1), (3, 2)]
    assert [(u.side, u.index) for u in result.unaligned] == [("zh", 2)]


def test_renumbered_english_with_a_gap_attaches_nothing_where_anchors_do_not_confirm():
    # Measure 3 dropped and the rest renumbered: by number, 3. is now the publicity measure.
    en = [EN[0], EN[1], Piece("3.", EN[3].text.replace("4.", "3.", 1), 2)]
    result = align_measures(ZH, en)
    paired = {(p.zh, p.en) for p in result.pairs}
    assert (2, 2) not in paired  # housing (30,000 units by 2026) never gets the publicity text
    assert (0, 0) in paired and (1, 1) in paired
    reasons = {u.index: u.reason for u in result.unaligned if u.side == "zh"}
    assert "30000" in reasons[2] or "2026-06" in reasons[2]


def test_reordered_items_pair_by_their_numbers_or_anchors_never_by_position():
    # Same numbers, printed in another order.
    shuffled = [EN[2], EN[0], EN[3], EN[1]]
    result = align_measures(ZH, shuffled)
    assert {(p.zh, shuffled[p.en].number) for p in result.pairs} == {(0, "1."), (1, "2."), (2, "3."), (3, "4.")}
    # Renumbered in the new order: only anchors can tell, and the anchorless measure stays unaligned.
    renumbered = [Piece(f"{k}.", p.text.split(".", 1)[1], p.agencies) for k, p in enumerate(shuffled, start=1)]
    result = align_measures(ZH, renumbered)
    for p in result.pairs:
        assert renumbered[p.en].text.strip() == EN[p.zh].text.split(".", 1)[1].strip()
    assert 3 not in {p.zh for p in result.pairs}


def test_anchors_that_disagree_attach_nothing_and_say_why():
    en = [EN[0], EN[1], Piece("3.", "3. Adding housing. By June 2027, an additional 40,000 housing units.", 1), EN[3]]
    result = align_measures(ZH, en)
    assert 2 not in {p.zh for p in result.pairs}
    reason = next(u.reason for u in result.unaligned if u.side == "zh" and u.index == 2)
    assert reason.startswith("anchors disagree with English 3.")


def test_a_measure_without_anchors_is_kept_by_order_only_when_nothing_else_disagrees():
    zh = [ZH[0], Piece("（二）", ZH[3].text.replace("（四）", "（二）"), 2)]
    en = [EN[0], Piece("2.", "2. Publicity. Various forms of publicity will be carried out.", 0)]
    assert [p.basis for p in align_measures(zh, en).pairs] == ["anchors", "order"]
    # With a disagreement elsewhere in the document, the anchorless pair is doubtful too.
    en_bad = [Piece("1.", "1. Parks. By 2030, 9 parks.", 2), en[1]]
    result = align_measures(zh, en_bad)
    assert result.pairs == [] and not result.fits(2, 2)


def test_another_policys_english_with_the_same_count_does_not_fit():
    other = [
        Piece("1.", "1. Green buildings. By 2030, 200 buildings will be retrofitted.", 1),
        Piece("2.", "2. Subsidies. Up to 3 million yuan per project.", 2),
        Piece("3.", "3. Charging points. 10,000 charging points by 2028.", 3),
        Piece("4.", "4. Training. Organise 12 sessions a year.", 1),
    ]
    result = align_measures(ZH, other)
    assert result.pairs == [] and not result.fits(4, 4)
    assert all(u.reason.startswith("anchors disagree") for u in result.unaligned if u.side == "zh")


def test_a_pairing_set_by_hand_wins_over_numbering_and_anchors():
    result = align_measures(ZH, EN, manual={2: 3, 3: None})
    assert result.en_for(2).basis == "manual" and result.en_for(2).en == 3
    assert result.en_for(3) is None
    assert any(u.index == 3 and "by hand" in u.reason for u in result.unaligned)


def test_targets_pair_by_quantity_and_due_date_only_when_unambiguous():
    zh = [TargetKey(Decimal(50000), date(2025, 12, 31)), TargetKey(Decimal(30), date(2025, 12, 31))]
    en = [TargetKey(Decimal(30), date(2025, 12, 31)), TargetKey(Decimal("5E+4"), date(2025, 12, 31))]
    assert pair_targets(zh, en) == {0: 1, 1: 0}
    assert pair_targets(zh, [TargetKey(Decimal(30), date(2025, 12, 31))] * 2) == {}
    assert pair_targets(zh, [TargetKey(Decimal(30), date(2026, 12, 31))]) == {}


def test_agency_names_are_learned_only_from_clauses_of_equal_length():
    assert pair_agencies(["市交通委", "市财政局"], ["Municipal Commission of Transport", "Municipal Bureau of Finance"]) == [
        ("市交通委", "Municipal Commission of Transport"), ("市财政局", "Municipal Bureau of Finance")]
    assert pair_agencies(["市交通委", "市财政局"], ["Municipal Commission of Transport"]) == []


def test_the_seed_translation_aligns_all_twenty_measures():
    folder = seed_dir() / "sources"
    zh = extract_policies((folder / "001_42b72c71f4feafd6.txt").read_text(encoding="utf-8")).policies[0]
    en = extract_policies((folder / "002_62c6577af3e42382.txt").read_text(encoding="utf-8")).policies[0]
    result = align_measures([Piece(m.number, m.text, len(m.agencies)) for m in zh.measures],
                            [Piece(m.number, m.text, len(m.agencies)) for m in en.measures])
    assert len(result.pairs) == 20 and result.unaligned == []
    assert all(zh.measures[p.zh].ordinal == en.measures[p.en].ordinal for p in result.pairs)


def test_milestones_pair_by_due_date_when_one_on_each_side_has_it():
    zh = [TargetKey(None, date(2024, 6, 30)), TargetKey(None, date(2024, 12, 31)), TargetKey(Decimal(5), date(2024, 12, 31))]
    en = [TargetKey(Decimal(5), date(2024, 12, 31)), TargetKey(None, date(2024, 12, 31)), TargetKey(None, date(2024, 6, 30))]
    assert pair_targets(zh, en) == {0: 2, 1: 1, 2: 0}
    # Two Chinese milestones due the same day: which English sentence is which is unknown, so neither pairs.
    twice = [TargetKey(None, date(2024, 6, 30)), TargetKey(None, date(2024, 6, 30))]
    assert pair_targets(twice, [TargetKey(None, date(2024, 6, 30))]) == {}
    assert pair_targets([TargetKey(None, None)], [TargetKey(None, None)]) == {}  # no date, no anchor
