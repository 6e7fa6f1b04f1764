"""Short refs for policies without a document number: typeable, stable, the same for the same title."""

import re

from hypothesis import given, strategies as st

from tracker.domain.refs import title_ref


def test_a_ref_is_short_ascii_and_typeable():
    ref = title_ref("上海市引进人才申办本市常住户口办法")
    assert re.fullmatch(r"p-[a-z2-7]{6}", ref)


def test_same_title_same_ref_whatever_the_spacing_width_or_case():
    assert title_ref("关于推进 本市 Ａ股市场 的意见") == title_ref("关于推进本市A股市场的意见")
    assert title_ref("Measures on Rental Housing") == title_ref("measures on  rental housing")


def test_different_titles_get_different_refs():
    assert title_ref("上海市引进人才申办本市常住户口办法") != title_ref("留学回国人员申办上海常住户口实施细则")


@given(st.text(min_size=1, max_size=60))
def test_every_title_gets_a_well_formed_ref(title):
    assert re.fullmatch(r"p-[a-z2-7]{6}", title_ref(title))


def test_a_citation_of_a_shared_number_names_the_policy_of_its_title_else_every_one():
    from tracker.domain.refs import named_by_number

    holders = [(1, "湖北省老旧小区改造提升行动方案", None), (2, "湖北省城市排水防涝能力建设实施方案", "Drainage Plan")]
    assert named_by_number(holders, "湖北省城市排水防涝能力建设实施方案") == [2]
    assert named_by_number(holders, "drainage  plan") == [2]  # the English title, spaces and case ignored
    assert named_by_number(holders, None) == [1, 2]
    # The notice's own title names no one policy: the notice is cited as a whole.
    assert named_by_number(holders, "湖北省人民政府办公厅关于印发两个方案的通知") == [1, 2]
    assert named_by_number([], "任何标题") == []
    assert named_by_number(holders[:1], "另一个标题") == [1]  # one policy of the number: the number names it
