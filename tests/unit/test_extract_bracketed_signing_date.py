"""A bracketed signing date under the title gives the issue date when nothing better is printed."""

from datetime import date

import pytest

from tracker.extract.pipeline import extract_policies


def _policy(head: str, signature: str = ""):
    text = (f"某市老旧小区改造实施办法\n{head}\n第一条 为了推进老旧小区改造，制定本办法。\n第二条 年底前完成全部隐患排查。\n"
            f"{signature}")
    [policy] = extract_policies(text).policies
    return policy


@pytest.mark.parametrize(
    "head, issued",
    [
        ("（2024年3月1日市人民政府第20次常务会议通过）", date(2024, 3, 1)),
        ("（2024年3月1日）", date(2024, 3, 1)),
        ("（2023年12月印发）", date(2023, 12, 1)),
        ("（二〇二三年十二月印发）", date(2023, 12, 1)),
        ("（2023年12月市人民政府第18次常务会议审议通过）", date(2023, 12, 1)),
    ],
)
def test_a_bracketed_date_under_the_title_is_the_issue_date(head, issued):
    policy = _policy(head)
    assert policy.issued_on == issued
    # …and it dates 年底前 in the text
    assert [t.due_on for t in policy.targets] == [date(issued.year, 12, 31)]


def test_a_signature_with_a_day_is_better_than_a_bracketed_month():
    assert _policy("（2023年12月印发）", "某市人民政府\n2024年1月5日\n").issued_on == date(2024, 1, 5)


def test_a_bracketed_period_under_the_title_is_not_an_issue_date():
    assert _policy("（2024—2026年）").issued_on is None


def test_an_impossible_month_gives_no_issue_date():
    assert _policy("（2023年13月印发）").issued_on is None
