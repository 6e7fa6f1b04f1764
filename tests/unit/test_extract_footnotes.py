"""A footnote block printed inside an English sentence cut by a page break is moved after the sentence."""

from datetime import date

from tracker.domain.records import TargetKind
from tracker.extract.pipeline import extract_policies
from tracker.extract.text import clean_lines, paragraphs


def _text(raw: str) -> str:
    return paragraphs("\n".join(line.text for line in clean_lines(raw).lines))


def test_a_bare_footnote_number_and_its_notes_are_moved_after_the_sentence_they_cut():
    raw = ("By 2027, the province's key technologies shall achieve\n1\n\n"
           "Translator's note: the Chinese term for key technologies also covers core components and is rendered in several ways.\n"
           "2\nSee the 2024 Opinions on industrial upgrading, available online at:\nhttps://example.org/opinions-2024/.\n\n"
           "secure and reliable supply. We shall build 20 pilot zones.")
    text = _text(raw)
    assert text.splitlines()[0] == ("By 2027, the province's key technologies shall achieve secure and reliable supply. "
                                    "We shall build 20 pilot zones.")
    assert "Translator's note" in text  # the notes are kept, after the sentence


def test_a_bracketed_marker_with_its_note_on_the_same_line_is_moved_too():
    raw = ("The city will complete the renovation of old compounds and\n[1] See the Notice on Urban Renewal issued by the "
           "Ministry of Housing and Urban-Rural Development in 2023.\n\nupgrade 300 kilometres of pipelines by 2026.")
    assert _text(raw).splitlines()[0] == ("The city will complete the renovation of old compounds and upgrade 300 kilometres "
                                          "of pipelines by 2026.")


def test_a_page_number_alone_is_not_a_footnote_block():
    raw = "The city will complete the renovation of old compounds and\n12\n\nupgrade 300 kilometres of pipelines by 2026."
    assert _text(raw) == "The city will complete the renovation of old compounds and upgrade 300 kilometres of pipelines by 2026."


def test_the_sentence_a_footnote_cut_gives_its_targets():
    raw = ("Implementation Opinions on Digital Logistics\n"
           "I. Main Objectives\n"
           "By 2027, the logistics network of the province shall achieve\n1\n\n"
           "Translator's note: the Chinese word rendered as logistics network also covers express delivery and storage.\n\n"
           "full coverage of counties. We shall build 30 county logistics centres and 500 village delivery points.\n")
    [policy] = extract_policies(raw).policies
    found = [(t.due_on, t.quantity, t.unit) for t in policy.targets if t.kind is TargetKind.TARGET]
    assert found == [(date(2027, 12, 31), 30, "centres"), (date(2027, 12, 31), 500, "points")]
