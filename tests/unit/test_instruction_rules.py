"""领导批示 督办 rules, without a database: the lifecycle, the time limit, where a task
stands at any moment and how a period counts them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain import instructions as rules
from dutyroom.domain.deadlines import AlertState, timed_state
from dutyroom.domain.errors import FieldError
from dutyroom.domain.instructions import Standing, TaskTimes

T0 = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),
                       timezones=st.just(UTC))
spans = st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=60))


def test_due_must_fall_after_the_instruction_was_given() -> None:
    rules.check_due_after_given(T0, T0 + timedelta(minutes=1))
    for due in (T0, T0 - timedelta(seconds=1)):
        with pytest.raises(FieldError) as refused:
            rules.check_due_after_given(T0, due)
        assert refused.value.field == "due_at"
        assert refused.value.message == "办理时限必须晚于批示时间"


@given(moments, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)))
def test_a_due_time_at_or_before_the_instruction_is_always_refused(given_at: datetime,
                                                                    back: timedelta) -> None:
    with pytest.raises(FieldError):
        rules.check_due_after_given(given_at, given_at - back)


def test_no_feedback_on_a_done_task_and_none_empty_or_before_it_was_given() -> None:
    rules.check_feedback(False, T0, T0, "已通知水利站")
    with pytest.raises(FieldError, match="已办结"):
        rules.check_feedback(True, T0, T0 + timedelta(hours=1), "补充")
    with pytest.raises(FieldError, match="不能为空"):
        rules.check_feedback(False, T0, T0, "  ")
    with pytest.raises(FieldError, match="不能早于批示时间"):
        rules.check_feedback(False, T0, T0 - timedelta(minutes=1), "早了")


def test_done_needs_a_final_feedback_and_happens_once() -> None:
    rules.check_done(False, T0, T0 + timedelta(hours=2), "已全部转移")
    with pytest.raises(FieldError, match="最终落实情况"):
        rules.check_done(False, T0, T0 + timedelta(hours=2), "")
    with pytest.raises(FieldError, match="已经办结"):
        rules.check_done(True, T0, T0 + timedelta(hours=2), "再办一次")
    with pytest.raises(FieldError, match="办结时间不能早于批示时间"):
        rules.check_done(False, T0, T0 - timedelta(seconds=1), "倒填")
    with pytest.raises(FieldError, match="不能早于已登记的落实情况或重新打开的时间"):
        rules.check_done(False, T0, T0 + timedelta(hours=1), "倒填", T0 + timedelta(hours=2))
    rules.check_done(False, T0, T0 + timedelta(hours=2), "同时", T0 + timedelta(hours=2))


def test_reopening_needs_a_done_task_and_a_reason() -> None:
    rules.check_reopen(True, "领导要求补充材料")
    with pytest.raises(FieldError, match="须说明原因"):
        rules.check_reopen(True, " ")
    with pytest.raises(FieldError, match="尚未办结"):
        rules.check_reopen(False, "原因")


def test_leader_and_assignee_are_named_and_subjects_are_known() -> None:
    with pytest.raises(FieldError, match="批示的领导"):
        rules.check_party("", "水利站")
    with pytest.raises(FieldError, match="承办"):
        rules.check_party("王书记", "")
    assert rules.parse_subject_kind("incident") == rules.SubjectKind.INCIDENT
    with pytest.raises(FieldError, match="来电来文、事件或预警"):
        rules.parse_subject_kind("roster")


def test_standing_at_the_boundaries() -> None:
    task = TaskTimes(T0, T0 + timedelta(hours=4), None)
    assert rules.standing(task, task.due_at - timedelta(microseconds=1)) == Standing.OPEN
    assert rules.standing(task, task.due_at) == Standing.OVERDUE
    done_on_time = TaskTimes(T0, T0 + timedelta(hours=4), T0 + timedelta(hours=4))
    assert rules.standing(done_on_time, T0 + timedelta(days=1)) == Standing.DONE
    # not done yet at a moment before it was done
    assert rules.standing(done_on_time, T0 + timedelta(hours=1)) == Standing.OPEN
    late = TaskTimes(T0, T0 + timedelta(hours=4), T0 + timedelta(hours=4, seconds=1))
    assert rules.standing(late, T0 + timedelta(days=1)) == Standing.DONE_LATE


def test_alert_window_is_the_desk_warning_but_never_before_it_was_given() -> None:
    warning = timedelta(minutes=30)
    task = TaskTimes(T0, T0 + timedelta(hours=4), None)
    assert rules.alert_opens(task, warning) == task.due_at - warning
    short = TaskTimes(T0, T0 + timedelta(minutes=10), None)
    assert rules.alert_opens(short, warning) == T0


@given(moments, spans, st.one_of(st.none(), st.timedeltas(min_value=timedelta(0),
                                                           max_value=timedelta(days=90))),
       st.timedeltas(min_value=timedelta(days=-1), max_value=timedelta(days=90)))
def test_alert_state_agrees_with_standing(given_at: datetime, limit: timedelta,
                                          done_after: timedelta | None,
                                          look: timedelta) -> None:
    """The alert (what rings) and the 督办 list (what is shown) never disagree: an alert is
    overdue or due exactly when the task stands overdue, done exactly when it is done."""
    task = TaskTimes(given_at, given_at + limit,
                     None if done_after is None else given_at + done_after)
    at = given_at + look
    state = timed_state(rules.alert_opens(task, timedelta(minutes=30)), task.due_at,
                        task.done_at, at)
    stands = rules.standing(task, at)
    if stands in (Standing.DONE, Standing.DONE_LATE):
        assert state == AlertState.DONE
    elif stands == Standing.OVERDUE:
        assert state in (AlertState.DUE, AlertState.OVERDUE)
        assert (state == AlertState.DUE) == (at < task.due_at + timedelta(minutes=1))
    else:
        assert state in (None, AlertState.UPCOMING)
        assert (state is None) == (at < rules.alert_opens(task, timedelta(minutes=30)))


@given(st.lists(st.tuples(spans, st.one_of(st.none(), spans)), max_size=30), spans)
def test_period_counts_add_up_and_match_a_hand_count(shapes: list[tuple[timedelta,
                                                                          timedelta | None]],
                                                     period: timedelta) -> None:
    end = T0 + period  # the moment the statistics are read
    tasks = [TaskTimes(T0, T0 + limit, None if done is None else T0 + done)
             for limit, done in shapes]
    counts = rules.count_in_period(tasks, end)
    assert counts.given == len(tasks)
    assert (counts.done_on_time + counts.done_late + counts.overdue + counts.open
            == counts.given)
    on_time = sum(1 for t in tasks if t.done_at is not None and t.done_at <= end
                  and t.done_at <= t.due_at)
    late = sum(1 for t in tasks if t.done_at is not None and t.done_at <= end
               and t.done_at > t.due_at)
    overdue = sum(1 for t in tasks if (t.done_at is None or t.done_at > end)
                  and t.due_at <= end)
    assert (counts.done_on_time, counts.done_late, counts.overdue) == (on_time, late, overdue)


@given(moments, spans, spans, spans, st.booleans())
def test_a_task_on_a_voided_record_is_withdrawn_from_the_void_unless_done_by_then(
        given_at, due_after, void_after, look_after, done_first) -> None:
    due, voided = given_at + due_after, given_at + void_after
    done = voided - timedelta(seconds=1) if done_first else None
    task = TaskTimes(given_at, due, done, voided)
    plain = TaskTimes(given_at, due, done)
    for at in (voided - timedelta(seconds=1), voided, voided + look_after):
        if at < voided or done_first:
            assert rules.standing(task, at) == rules.standing(plain, at)
        else:
            assert rules.standing(task, at) == Standing.WITHDRAWN
    # not counted in a period at all, as the voided record itself is not
    counts = rules.count_in_period([task, plain], voided + look_after)
    assert counts.given == 1 and counts == rules.count_in_period([plain], voided + look_after)


def test_a_withdrawn_task_takes_nothing_more() -> None:
    rules.check_not_withdrawn(False)
    with pytest.raises(FieldError) as refused:
        rules.check_not_withdrawn(True)
    assert refused.value.message.startswith("该批示所针对的记录已作废")
