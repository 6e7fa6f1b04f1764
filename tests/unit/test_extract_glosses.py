"""English translations gloss terms in Chinese brackets and wrap their lines: still English sentences; the
domains a goal spans ("with six key fields") are not a count."""

from datetime import date
from decimal import Decimal

from tracker.domain.records import TargetKind
from tracker.extract.targets import targets_in
from tracker.extract.text import normalise, paragraphs


def _found(text: str, year: int = 2025):
    return [(t.kind, t.due_on, t.quantity, t.unit) for t in targets_in(normalise(text), None, [], year=year)]


def test_an_english_sentence_with_chinese_glosses_is_read_as_english():
    text = "By 2028, the coverage of smart elderly care services (智慧养老服务) shall exceed 60%."
    assert _found(text) == [(TargetKind.TARGET, date(2028, 12, 31), Decimal(60), "percent")]


def test_a_line_ending_in_a_gloss_and_going_on_in_lower_case_is_one_sentence():
    text = ("By 2028, the adoption rate of industrial internet platforms (工业互联网平台)\n"
            "among large enterprises will exceed 80%, and the digital economy will keep growing.")
    assert paragraphs(text).count("\n") == 0
    assert _found(text) == [(TargetKind.TARGET, date(2028, 12, 31), Decimal(80), "percent")]


def test_a_line_ending_in_a_bracket_before_a_new_sentence_still_ends_it():
    assert paragraphs("The plan covers all counties (including districts).\nBy 2028, it will be reviewed.").count("\n") == 1


def test_the_domains_a_goal_spans_are_not_a_count():
    text = "By 2028, we will achieve deep integration of the digital economy with eight key industries and build 12 pilot zones."
    assert _found(text) == [(TargetKind.TARGET, date(2028, 12, 31), Decimal(12), "zones")]


def test_a_count_in_words_after_a_verb_is_still_a_target():
    assert _found("By 2028, the city will build five major logistics hubs.") == [(TargetKind.TARGET, date(2028, 12, 31), Decimal(5), "hubs")]


def test_the_goal_an_english_sentence_opens_with_beside_figures_is_a_milestone_too():
    text = ("By 2030, the province will have fully built a modern logistics system, and the share of multimodal "
            "transport will exceed 25%.")
    got = _found(text)
    assert (TargetKind.MILESTONE, date(2030, 12, 31), None, None) in got
    assert (TargetKind.TARGET, date(2030, 12, 31), Decimal(25), "percent") in got and len(got) == 2


def test_an_opening_clause_with_a_figure_is_only_its_target():
    text = "By 2030, the province will build 12 logistics hubs, and the share of multimodal transport will exceed 25%."
    assert [k for k, *_ in _found(text)] == [TargetKind.TARGET, TargetKind.TARGET]
