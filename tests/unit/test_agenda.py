"""The agenda as a pure function of items, the day, the window and the options, with literal dates."""

from datetime import date

import pytest

from tracker.domain.agenda import (
    AgendaKind,
    AgendaOptions,
    CheckItem,
    ExpiryItem,
    PlanItem,
    PolicyInfo,
    TargetItem,
    build_agenda,
    policy_label,
)
from tracker.domain.dates import window_end

HOUSING = PolicyInfo(ref="沪府办规〔2023〕27号", title="关于加快发展保障性租赁住房的实施意见", doc_number="沪府办规〔2023〕27号")
OLD = PolicyInfo(ref="old", title="旧政策", state="superseded")
GONE = PolicyInfo(ref="gone", title="废止的政策", state="repealed")


def agenda(as_of, until, **items):
    options = items.pop("options", AgendaOptions())
    return build_agenda(as_of, until, options=options, **items)


def target(due_on, outcome=None, policy=HOUSING, target_id=1, text="新增5万套"):
    return TargetItem(policy, target_id, text, due_on, outcome, "（一）", ("市住房城乡建设管理委",))


def test_a_window_ending_on_the_as_of_day_is_listed_with_zero_days_left():
    [entry] = agenda(date(2028, 12, 31), date(2029, 3, 31), expiries=[ExpiryItem(HOUSING, date(2028, 12, 31))])
    assert (entry.kind, entry.on, entry.days_left, entry.overdue) == (AgendaKind.EXPIRY, date(2028, 12, 31), 0, False)


def test_a_window_that_ended_yesterday_is_no_longer_an_expiry():
    assert agenda(date(2029, 1, 1), date(2029, 3, 31), expiries=[ExpiryItem(HOUSING, date(2028, 12, 31))]) == []


def test_the_last_day_of_the_look_ahead_window_is_included():
    items = [ExpiryItem(HOUSING, date(2025, 3, 31))]
    assert len(agenda(date(2025, 1, 1), date(2025, 3, 31), expiries=items)) == 1
    assert agenda(date(2025, 1, 1), date(2025, 3, 30), expiries=items) == []


def test_one_year_from_leap_day_ends_on_the_last_day_of_february():
    until = window_end(date(2024, 2, 29), "1y")
    assert until == date(2025, 2, 28)
    items = [ExpiryItem(HOUSING, date(2025, 2, 28)), ExpiryItem(OLD, date(2025, 3, 1))]
    assert [e.on for e in agenda(date(2024, 2, 29), until, expiries=items)] == [date(2025, 2, 28)]


def test_a_window_ending_on_leap_day_counts_the_leap_day():
    [entry] = agenda(date(2024, 2, 1), date(2024, 3, 31), expiries=[ExpiryItem(HOUSING, date(2024, 2, 29))])
    assert entry.days_left == 28


def test_open_ended_windows_never_expire():
    assert agenda(date(2025, 1, 1), date(2999, 12, 31), expiries=[ExpiryItem(HOUSING, None)]) == []


def test_a_policy_not_yet_in_force_still_shows_its_coming_end():
    # The agenda is about dates in the window; a short policy that starts and ends inside it is listed.
    [entry] = agenda(date(2025, 1, 1), date(2025, 12, 31), expiries=[ExpiryItem(HOUSING, date(2025, 6, 30))])
    assert entry.days_left == 180


def test_superseded_and_repealed_policies_raise_no_expiry():
    items = [ExpiryItem(OLD, date(2025, 2, 1)), ExpiryItem(GONE, date(2025, 2, 1))]
    assert agenda(date(2025, 1, 1), date(2025, 3, 31), expiries=items) == []


def test_superseded_policies_raise_no_target_or_check_items_either():
    entries = agenda(
        date(2025, 1, 1),
        date(2025, 3, 31),
        targets=[target(date(2025, 2, 1), policy=OLD)],
        checks=[CheckItem(GONE, 2, "x", date(2025, 3, 31))],
    )
    assert entries == []


def test_an_open_target_past_due_is_overdue_with_negative_days_left():
    [entry] = agenda(date(2025, 1, 1), date(2025, 3, 31), targets=[target(date(2024, 12, 31))])
    assert (entry.overdue, entry.days_left) == (True, -1)


def test_a_target_due_on_the_as_of_day_is_due_not_overdue():
    [entry] = agenda(date(2025, 12, 31), date(2026, 3, 31), targets=[target(date(2025, 12, 31))])
    assert (entry.overdue, entry.days_left) == (False, 0)


@pytest.mark.parametrize("outcome", ["met", "missed"])
def test_a_target_closed_by_a_met_or_missed_check_is_not_overdue(outcome):
    assert agenda(date(2026, 1, 1), date(2026, 3, 31), targets=[target(date(2025, 12, 31), outcome)]) == []


def test_no_overdue_hides_past_due_targets_but_keeps_the_ones_ahead():
    items = [target(date(2024, 12, 31), target_id=1), target(date(2025, 2, 1), target_id=2)]
    entries = agenda(date(2025, 1, 1), date(2025, 3, 31), targets=items, options=AgendaOptions(include_overdue=False))
    assert [e.target_id for e in entries] == [2]


def test_a_target_beyond_the_window_is_not_listed():
    assert agenda(date(2025, 1, 1), date(2025, 3, 31), targets=[target(date(2025, 4, 1))]) == []


def test_a_target_without_a_due_date_is_never_listed():
    assert agenda(date(2025, 1, 1), date(2099, 1, 1), targets=[target(None)]) == []


def test_checks_are_listed_only_inside_the_window_and_only_while_the_target_is_open():
    checks = [
        CheckItem(HOUSING, 1, "a", date(2025, 3, 31)),
        CheckItem(HOUSING, 2, "b", date(2024, 12, 31)),
        CheckItem(HOUSING, 3, "c", date(2025, 3, 31), outcome="met"),
        CheckItem(HOUSING, 4, "d", date(2025, 6, 30)),
    ]
    assert [e.target_id for e in agenda(date(2025, 1, 1), date(2025, 3, 31), checks=checks)] == [1]


def test_kinds_select_what_is_listed():
    entries = agenda(
        date(2025, 1, 1),
        date(2025, 12, 31),
        expiries=[ExpiryItem(HOUSING, date(2025, 6, 30))],
        targets=[target(date(2025, 6, 30))],
        checks=[CheckItem(HOUSING, 1, "a", date(2025, 3, 31))],
        options=AgendaOptions(kinds=frozenset({AgendaKind.TARGET, AgendaKind.CHECK})),
    )
    assert [e.kind for e in entries] == [AgendaKind.CHECK, AgendaKind.TARGET]


def test_entries_are_sorted_by_date_then_kind():
    entries = agenda(
        date(2025, 1, 1),
        date(2025, 12, 31),
        expiries=[ExpiryItem(HOUSING, date(2025, 6, 30))],
        targets=[target(date(2025, 6, 30)), target(date(2024, 6, 30), target_id=9)],
        checks=[CheckItem(HOUSING, 1, "a", date(2025, 3, 31))],
    )
    assert [(e.on, e.kind) for e in entries] == [
        (date(2024, 6, 30), AgendaKind.TARGET),
        (date(2025, 3, 31), AgendaKind.CHECK),
        (date(2025, 6, 30), AgendaKind.EXPIRY),
        (date(2025, 6, 30), AgendaKind.TARGET),
    ]


def test_days_left_counts_calendar_days_across_a_year_end():
    [entry] = agenda(date(2024, 12, 1), date(2025, 12, 31), targets=[target(date(2025, 12, 1))])
    assert entry.days_left == 365


def test_the_policy_label_is_a_short_title_and_the_document_number():
    long = PolicyInfo(ref="slug-x", title="关于进一步加快推进本市保障性租赁住房建设和管理工作的若干措施和实施意见")
    assert policy_label(HOUSING) == "关于加快发展保障性租赁住房的实施意见 (沪府办规〔2023〕27号)"
    assert policy_label(long) == "关于进一步加快推进本市保障性租赁住房建设和管理…"  # no number: the title alone, not (slug)
    assert len(policy_label(long)) == 24


def test_a_milestone_is_listed_under_its_own_kind_and_overdue_like_a_target():
    milestone = TargetItem(HOUSING, 7, "2024年6月底前建成平台", date(2024, 6, 30), None, "（二）", (), "milestone")
    quantity = target(date(2024, 9, 30), target_id=8)
    entries = agenda(date(2024, 7, 1), date(2024, 12, 31), targets=[milestone, quantity])
    assert [(e.kind, e.target_id, e.overdue) for e in entries] == [
        (AgendaKind.MILESTONE, 7, True), (AgendaKind.TARGET, 8, False)]
    only = agenda(date(2024, 7, 1), date(2024, 12, 31), targets=[milestone, quantity],
                  options=AgendaOptions(kinds=frozenset({AgendaKind.MILESTONE})))
    assert [e.target_id for e in only] == [7]
    closed = TargetItem(HOUSING, 7, "2024年6月底前建成平台", date(2024, 6, 30), "met", "（二）", (), "milestone")
    assert agenda(date(2024, 7, 1), date(2024, 12, 31), targets=[closed]) == []


def test_open_targets_of_a_policy_no_longer_in_force_lapse_instead_of_shouting_overdue():
    ended = PolicyInfo(ref="ended", title="三年行动计划（2021-2023年）", effective_to=date(2023, 12, 31))
    alive = PolicyInfo(ref="alive", title="实施意见", effective_to=date(2028, 12, 31))
    targets = [TargetItem(ended, 1, "到2023年，建成10个", date(2023, 12, 31)),
               TargetItem(alive, 2, "到2024年，建成5个", date(2024, 6, 30))]
    checks = [CheckItem(ended, 1, "到2023年，建成10个", date(2025, 3, 31))]
    as_of = date(2025, 1, 1)
    shown = build_agenda(as_of, date(2025, 12, 31), targets=targets, checks=checks)
    assert [(e.target_id, e.overdue, e.lapsed) for e in shown] == [(2, True, False)]
    everything = build_agenda(as_of, date(2025, 12, 31), targets=targets, checks=checks,
                              options=AgendaOptions(include_lapsed=True))
    assert [(e.target_id, e.kind.value, e.overdue, e.lapsed) for e in everything] == [
        (1, "target", False, True), (2, "target", True, False)]
    # the same target while its policy is still in force is overdue, not lapsed
    assert build_agenda(date(2023, 12, 31), date(2024, 1, 31), targets=targets)[0].target_id == 1


PLAN = PolicyInfo(ref="沪府办发〔2026〕3号", title="上海市加快培育未来产业行动方案（2026—2030年）", doc_number="沪府办发〔2026〕3号")


def test_a_plan_periods_end_is_its_own_kind_with_the_policy_as_subject():
    [entry] = agenda(date(2030, 10, 1), date(2030, 12, 31), plans=[PlanItem(PLAN, date(2030, 12, 31), ("市科委",))])
    assert (entry.kind, entry.on, entry.days_left, entry.subject, entry.agencies) == (
        AgendaKind.PLAN, date(2030, 12, 31), 91, PLAN.title, ("市科委",))
    assert agenda(date(2031, 1, 1), date(2031, 3, 31), plans=[PlanItem(PLAN, date(2030, 12, 31))]) == []
    assert agenda(date(2030, 10, 1), date(2030, 12, 30), plans=[PlanItem(PLAN, date(2030, 12, 31))]) == []


def test_a_plan_end_is_filtered_by_kind_and_not_raised_for_a_policy_that_no_longer_binds():
    item = PlanItem(PLAN, date(2030, 12, 31))
    only_targets = AgendaOptions(kinds=frozenset({AgendaKind.TARGET}))
    assert agenda(date(2030, 10, 1), date(2030, 12, 31), plans=[item], options=only_targets) == []
    repealed = PlanItem(PolicyInfo(ref="x", title="废止的方案", state="repealed"), date(2030, 12, 31))
    lapsed = PlanItem(PolicyInfo(ref="y", title="已失效的方案", effective_to=date(2029, 6, 30)), date(2030, 12, 31))
    assert agenda(date(2030, 10, 1), date(2030, 12, 31), plans=[repealed, lapsed]) == []


def test_a_plan_ending_with_the_window_is_said_once_by_the_expiry_unless_plans_alone_are_asked():
    both = PolicyInfo(ref="z", title="某方案（2026—2030年）", effective_to=date(2030, 12, 31))
    items = dict(expiries=[ExpiryItem(both, date(2030, 12, 31))], plans=[PlanItem(both, date(2030, 12, 31))])
    assert [e.kind for e in agenda(date(2030, 10, 1), date(2030, 12, 31), **items)] == [AgendaKind.EXPIRY]
    plans_only = AgendaOptions(kinds=frozenset({AgendaKind.PLAN}))
    assert [e.kind for e in agenda(date(2030, 10, 1), date(2030, 12, 31), options=plans_only, **items)] == [AgendaKind.PLAN]


def test_on_one_day_an_expiry_comes_before_a_plan_end_and_a_plan_end_before_targets():
    entries = agenda(date(2030, 10, 1), date(2030, 12, 31), expiries=[ExpiryItem(HOUSING, date(2030, 12, 31))],
                     plans=[PlanItem(PLAN, date(2030, 12, 31))], targets=[target(date(2030, 12, 31))])
    assert [e.kind for e in entries] == [AgendaKind.EXPIRY, AgendaKind.PLAN, AgendaKind.TARGET]
