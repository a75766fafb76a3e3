"""The roster rules and the generator, without a database."""

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutyroom.domain import roster
from dutyroom.domain.calendar import UserDay, resolve
from dutyroom.domain.errors import FieldError
from dutyroom.domain.roster import (
    Absence,
    BreakKind,
    Category,
    ChangeKind,
    LeaveKind,
    Person,
    RosterRules,
    Seat,
)
from dutyroom.domain.text import label_of
from dutyroom.domain.tiers import Tier

RULES = RosterRules()


def people(chiefs=3, leaders=5, officers=8, start=1):
    out, next_id = [], start
    for tier, n in ((Tier.CHIEF, chiefs), (Tier.LEADER, leaders), (Tier.OFFICER, officers)):
        for i in range(n):
            out.append(Person(next_id, f"{tier.label}{i}", tier, f"139{next_id:08d}"))
            next_id += 1
    return out


def plans(start, end, periods=None, rules=RULES, user=None):
    return roster.plan_days(resolve(start, end, user or {}), periods or {}, rules)


def test_required_tiers_by_day_kind():
    feb = {p.day: p.required for p in plans(date(2026, 2, 13), date(2026, 2, 16))}
    assert feb[date(2026, 2, 13)] == (Tier.LEADER, Tier.OFFICER)          # Friday
    assert feb[date(2026, 2, 14)] == (Tier.LEADER, Tier.OFFICER)          # 调休上班
    assert feb[date(2026, 2, 15)] == (Tier.CHIEF, Tier.LEADER, Tier.OFFICER)  # 春节
    sensitive = plans(date(2026, 3, 3), date(2026, 3, 3), {date(2026, 3, 3): ("全国两会",)})
    assert sensitive[0].required == (Tier.CHIEF, Tier.LEADER, Tier.OFFICER)


def test_a_leader_is_always_required():
    import pytest

    from dutyroom.domain.errors import FieldError

    with pytest.raises(FieldError, match="带班领导"):
        roster.parse_tiers("officer", "tiers_workday")
    assert roster.parse_tiers("值班员,带班领导", "x") == (Tier.LEADER, Tier.OFFICER)


def test_spring_festival_is_filled_fairly_with_no_one_twice_running():
    days = plans(date(2026, 2, 1), date(2026, 2, 28))
    staff = people()
    result = roster.greedy(days, staff, {}, [], {}, RULES)
    assert result.unfilled == []
    assert roster.check(days, result.assignments, {p.id: p for p in staff}, [], RULES) == []
    for tier in Tier:
        for cat in Category:
            assert roster.spread(result.counts, staff, tier, cat) <= 1, (tier, cat)


def test_every_gap_is_explained():
    days = plans(date(2026, 2, 15), date(2026, 2, 17))
    staff = people(chiefs=1, leaders=2, officers=4)
    absent = [Absence(staff[1].id, date(2026, 2, 15), date(2026, 2, 20), "leave")]
    result = roster.greedy(days, staff, {}, absent, {}, RULES)
    chief_gaps = [u for u in result.unfilled if u.tier is Tier.CHIEF]
    assert [u.day for u in chief_gaps] == [date(2026, 2, 16)]  # the only chief rests a day
    assert "轮休" in chief_gaps[0].reason and "2月15日" in chief_gaps[0].reason
    leader_gaps = [u for u in result.unfilled if u.tier is Tier.LEADER]
    assert [u.day for u in leader_gaps] == [date(2026, 2, 16)]
    assert "1 人请假、出差或培训" in leader_gaps[0].reason
    # The greedy proves nothing: it may not say the slot cannot be filled.
    assert leader_gaps[0].describe().startswith("2026-02-16 带班领导：找到的最佳排法空出此班")


def test_cannot_be_filled_only_where_checked_for_the_slot():
    days = plans(date(2026, 11, 23), date(2026, 11, 23))
    staff = people(chiefs=0, leaders=2, officers=1)
    absent = [Absence(staff[0].id, date(2026, 11, 20), date(2026, 11, 30))]
    taken = {(date(2026, 11, 22), Seat(Tier.LEADER)): staff[1].id}  # fixed, just before the range
    result = roster.greedy(days, staff, taken, absent, {}, RULES)
    assert [u.reason for u in result.unfilled] == [
        "无法安排：2 名带班领导均不可排：1 人请假、出差或培训，1 人与已定的值班（手工安排或范围外）间隔不足"]


def test_no_one_of_a_tier():
    result = roster.greedy(plans(date(2026, 2, 16), date(2026, 2, 16)),
                             people(chiefs=0), {}, [], {}, RULES)
    assert [u.reason for u in result.unfilled] == ["没有在岗的主要领导"]


def test_a_chief_may_lead_only_when_the_desk_allows_it():
    days = plans(date(2026, 11, 23), date(2026, 11, 23))
    staff = people(chiefs=1, leaders=0, officers=1)
    assert roster.greedy(days, staff, {}, [], {}, RULES).unfilled
    allowed = RosterRules(chief_may_lead=True)
    result = roster.greedy(days, staff, {}, [], {}, allowed)
    assert result.assignments[date(2026, 11, 23), Seat(Tier.LEADER)] == staff[0].id


def test_kept_assignments_and_rest_across_the_range_edge():
    days = plans(date(2026, 11, 2), date(2026, 11, 8))
    staff = people(chiefs=0, leaders=3, officers=3)
    leader = staff[0].id
    taken = {(date(2026, 11, 4), Seat(Tier.LEADER)): leader,   # made by hand, inside the range
             (date(2026, 11, 1), Seat(Tier.LEADER)): staff[1].id}  # just before the range
    result = roster.greedy(days, staff, taken, [], {}, RULES)
    assert (date(2026, 11, 4), Seat(Tier.LEADER)) not in result.assignments
    assert result.assignments.get((date(2026, 11, 2), Seat(Tier.LEADER))) != staff[1].id
    merged = {**taken, **result.assignments}
    assert roster.check(days, merged, {p.id: p for p in staff}, [], RULES) == []


def test_history_carries_fairness_over():
    days = plans(date(2026, 10, 1), date(2026, 10, 1))
    staff = people(chiefs=2, leaders=2, officers=2)
    history = {(staff[0].id, Category.HOLIDAY): 3}
    result = roster.greedy(days, staff, {}, [], history, RULES)
    assert result.assignments[date(2026, 10, 1), Seat(Tier.CHIEF)] == staff[1].id


def test_rotation_is_predictable():
    start, end = date(2026, 11, 2), date(2026, 11, 13)
    every_day_works = {d.day: UserDay(roster.DayKind.WORKDAY)
                       for d in resolve(start, end, {})}
    days = plans(start, end, user=every_day_works)
    staff = people(chiefs=0, leaders=3, officers=4)
    result = roster.greedy(days, staff, {}, [], {}, RULES)
    leaders = [result.assignments[p.day, Seat(Tier.LEADER)] for p in days]
    officers = [result.assignments[p.day, Seat(Tier.OFFICER)] for p in days]
    assert leaders == [1, 2, 3] * 4  # everyone can tell when their turn comes
    assert officers == [4, 5, 6, 7] * 3
    assert roster.greedy(days, staff, {}, [], {}, RULES).assignments == result.assignments


def test_check_finds_every_kind_of_break():
    days = plans(date(2026, 2, 15), date(2026, 2, 16))
    staff = people(chiefs=1, leaders=2, officers=2)
    chief, leader, _leader2, officer, _officer2 = (p.id for p in staff)
    broken = {
        (date(2026, 2, 15), Seat(Tier.CHIEF)): chief,
        (date(2026, 2, 15), Seat(Tier.LEADER)): officer,      # wrong tier
        (date(2026, 2, 15), Seat(Tier.OFFICER)): officer,     # same person twice
        (date(2026, 2, 16), Seat(Tier.CHIEF)): chief,         # two days running
        (date(2026, 2, 16), Seat(Tier.LEADER)): leader,       # on leave
    }
    absent = [Absence(leader, date(2026, 2, 16), date(2026, 2, 16))]
    messages = [b.describe() for b in roster.check(days, broken, {p.id: p for p in staff},
                                                    absent, RULES)]
    assert any("不能值此班" in m for m in messages)
    assert any("当天已值" in m for m in messages)
    assert any("间隔不足" in m for m in messages)
    assert any("请假" in m for m in messages)
    assert "2026-02-16 值班员：未安排（节假日和敏感时期须三级值班）" in messages


def test_each_break_names_its_rule_and_only_gaps_are_unfilled():
    """The kind, not the wording, tells a gap from a broken rule (hand edits report only
    the latter), and each kind matches the sentence the officer reads."""
    days = plans(date(2026, 2, 15), date(2026, 2, 16))
    staff = people(chiefs=1, leaders=2, officers=2)
    chief, leader, _leader2, officer, _officer2 = (p.id for p in staff)
    broken = {
        (date(2026, 2, 15), Seat(Tier.CHIEF)): chief,
        (date(2026, 2, 15), Seat(Tier.LEADER)): officer,
        (date(2026, 2, 15), Seat(Tier.OFFICER)): officer,
        (date(2026, 2, 16), Seat(Tier.CHIEF)): chief,
        (date(2026, 2, 16), Seat(Tier.LEADER)): leader,
    }
    absent = [Absence(leader, date(2026, 2, 16), date(2026, 2, 16))]
    breaks = roster.check(days, broken, {p.id: p for p in staff}, absent, RULES)
    words = {BreakKind.UNFILLED: "未安排", BreakKind.WRONG_TIER: "不能值此班",
             BreakKind.TWICE: "当天已值", BreakKind.TOO_CLOSE: "间隔不足", BreakKind.ON_LEAVE: "请假"}
    assert {b.kind for b in breaks} == set(words)
    for b in breaks:
        assert words[b.kind] in b.message
        assert b.unfilled == (b.kind is BreakKind.UNFILLED)


def test_a_hand_change_is_of_a_known_kind_and_a_swap_says_why():
    assert roster.check_hand_change("assign", "") is ChangeKind.ASSIGN
    assert roster.check_hand_change("clear", "") is ChangeKind.CLEAR
    assert roster.check_hand_change("substitute", "病假") is ChangeKind.SUBSTITUTE
    for kind in ("swap", "substitute"):
        with pytest.raises(FieldError) as refused:
            roster.check_hand_change(kind, "  ")
        assert refused.value.field == "reason"
    with pytest.raises(FieldError) as refused:
        roster.check_hand_change("trade", "因为")
    assert refused.value.field == "kind" and "trade" in refused.value.message


@given(approver=st.one_of(st.none(), st.integers(1, 6)),
       involved=st.lists(st.one_of(st.none(), st.integers(1, 6)), min_size=2, max_size=2))
def test_nobody_approves_a_swap_or_substitute_that_moves_their_own_duty(approver, involved):
    if approver is not None and approver in involved:
        with pytest.raises(FieldError) as refused:
            roster.check_approver(approver, involved)
        assert refused.value.field == "approved_by" and "自己" in refused.value.message
    else:  # another person's duty, or an account that stands no duty (the command line)
        roster.check_approver(approver, involved)


def test_a_substitute_stands_in_for_someone_on_duty():
    """代班 into an empty seat would let a leader, who may approve but not edit the rota,
    put anyone on duty; emptying a seat by 代班 likewise. Both are 安排 / 取消."""
    roster.check_substitute(3, 4)
    for on_duty, stand_in, field in ((None, 4, "kind"), (3, None, "staff_id"), (None, None, "kind")):
        with pytest.raises(FieldError) as refused:
            roster.check_substitute(on_duty, stand_in)
        assert refused.value.field == field


def test_stored_words_have_labels_and_unknown_ones_show_as_stored():
    assert set(roster.LEAVE_LABELS) == set(LeaveKind) and set(roster.CHANGE_LABELS) == set(ChangeKind)
    assert label_of(roster.LEAVE_LABELS, "business_trip") == "出差"
    assert label_of(roster.CHANGE_LABELS, "sabbatical") == "sabbatical"
    assert Absence(1, date(2026, 1, 1), date(2026, 1, 1), "request").soft
    assert not Absence(1, date(2026, 1, 1), date(2026, 1, 1), "training").soft


def test_unreachable_mobile_is_a_break():
    days = plans(date(2026, 11, 23), date(2026, 11, 23))
    staff = [Person(1, "甲", Tier.LEADER, ""), Person(2, "乙", Tier.OFFICER, "13900000002")]
    assigned = {(date(2026, 11, 23), Seat(Tier.LEADER)): 1, (date(2026, 11, 23), Seat(Tier.OFFICER)): 2}
    messages = [b.message for b in roster.check(days, assigned, {p.id: p for p in staff},
                                                [], RULES)]
    assert messages == ["甲 没有可拨通的手机号"]


def test_duty_stats_and_comp_days():
    days = plans(date(2026, 10, 1), date(2026, 10, 10))
    staff = people()
    result = roster.greedy(days, staff, {}, [], {}, RULES)
    stats = roster.duty_stats(days, result.assignments)
    assert sum(s.total for s in stats.values()) == len(result.assignments)
    assert all(s.comp_days == s.holiday for s in stats.values())
    assert sum(s.holiday for s in stats.values()) == 7 * 3


# --- properties ------------------------------------------------------------------------

@st.composite
def scenarios(draw):
    start = draw(st.dates(date(2025, 12, 1), date(2027, 2, 1)))
    length = draw(st.integers(1, 45))
    end = start + timedelta(days=length - 1)
    counts = [draw(st.integers(0, 5)), draw(st.integers(1, 7)), draw(st.integers(1, 9))]
    staff = people(*counts)
    staff = [Person(p.id, p.name, p.tier, p.mobile, draw(st.booleans()) or p.id % 3 != 0)
             for p in staff]
    absences = []
    for person in staff:
        if draw(st.booleans()):
            first = draw(st.dates(start - timedelta(days=5), end))
            absences.append(Absence(person.id, first,
                                    first + timedelta(days=draw(st.integers(0, 10)))))
    holidays = draw(st.lists(st.dates(start, end), max_size=5))
    user = {d: UserDay(roster.DayKind.HOLIDAY, "节") for d in holidays}
    periods = {d: ("敏感期",) for d in draw(st.lists(st.dates(start, end), max_size=5))}
    rules = RosterRules(chief_may_lead=draw(st.booleans()),
                        min_rest_days=draw(st.integers(0, 3)))
    return start, end, staff, absences, user, periods, rules


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.data())
def test_generated_rotas_never_break_a_hard_rule(scenario, data):
    start, end, staff, absences, user, periods, rules = scenario
    days = plans(start, end, periods, rules, user)
    by_id = {p.id: p for p in staff}
    # Some hand-made assignments that are themselves valid.
    first = roster.greedy(days, staff, {}, absences, {}, rules).assignments
    kept = dict(data.draw(st.lists(st.sampled_from(sorted(first.items())) if first
                                   else st.nothing(), max_size=6, unique=True)))
    result = roster.greedy(days, staff, kept, absences, {}, rules)
    merged = {**kept, **result.assignments}
    assert not set(kept) & set(result.assignments)  # hand-made slots are kept
    breaks = roster.check(days, merged, by_id, absences, rules)
    hard = [b for b in breaks if not b.unfilled]
    assert hard == [], [b.describe() for b in hard]
    missing = {(b.day, b.seat) for b in breaks if b.unfilled}
    assert missing == {(u.day, u.seat) for u in result.unfilled}  # no silent gap
    for (_day, seat), staff_id in result.assignments.items():
        assert rules.may_fill(by_id[staff_id].tier, seat.tier) and by_id[staff_id].active


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 6), st.integers(3, 8), st.integers(4, 12))
def test_fair_when_nothing_constrains(chiefs, leaders, officers):
    days = plans(date(2026, 1, 1), date(2026, 3, 31))
    staff = people(chiefs, leaders, officers)
    result = roster.greedy(days, staff, {}, [], {}, RULES)
    if result.unfilled:
        return  # too few people for the rest rule; gaps are explained above
    spreads = Counter()
    for tier in Tier:
        for cat in Category:
            spreads[roster.spread(result.counts, staff, tier, cat)] += 1
    assert max(spreads) <= 1, spreads


def test_a_seat_past_the_third_is_numbered_not_a_crash():
    """Only an edited database holds a fourth officer's seat; the pages and the handover's
    signature lines still name it."""
    from dutyroom.domain.handover import signers
    from dutyroom.domain.roster import Seat, ordinal

    assert [ordinal(i) for i in range(5)] == ["一", "二", "三", "4", "5"]
    assert Seat(Tier.OFFICER, 3).label == "值班员（4）"
    assert signers(4, 1) == ("交班人（一）", "交班人（二）", "交班人（三）", "交班人（4）", "接班人",
                             "带班领导")
