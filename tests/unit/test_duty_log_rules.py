"""What may happen to an incident (domain/incident_rules.py), without a database."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.errors import FieldError
from dutyroom.domain.incident_rules import (
    FEEDBACK_LABELS,
    REGISTER_LABELS,
    FeedbackKind,
    RegisterKind,
    check_can_dispatch,
    check_feedback_open,
    check_not_dispatched,
    check_received_change,
    check_status_change,
    parse_feedback_kind,
    parse_register_kind,
    status_after_dispatch,
)
from dutyroom.domain.incidents import (
    FUTURE_TOLERANCE,
    Level,
    Status,
    level_history,
    level_history_after_change,
    level_history_text,
)


def refusal(call, *args, **kwargs) -> FieldError:
    with pytest.raises(FieldError) as caught:
        call(*args, **kwargs)
    return caught.value


@pytest.mark.parametrize("current", [Status.RECEIVED, Status.HANDLING])
def test_closing_needs_a_final_report(current):
    error = refusal(check_status_change, current, Status.CLOSED, has_final_report=False, note="")
    assert error.field == "status" and "终报" in error.message
    check_status_change(current, Status.CLOSED, has_final_report=True, note="")


@pytest.mark.parametrize("target", [Status.RECEIVED, Status.HANDLING])
def test_reopening_needs_a_reason(target):
    for blank in ("", "   ", "\n"):
        error = refusal(check_status_change, Status.CLOSED, target, has_final_report=True,
                        note=blank)
        assert error.field == "note" and "原因" in error.message
    check_status_change(Status.CLOSED, target, has_final_report=True, note="群众再次反映")


def test_moving_between_open_states_needs_nothing():
    check_status_change(Status.RECEIVED, Status.HANDLING, has_final_report=False, note="")
    check_status_change(Status.HANDLING, Status.RECEIVED, has_final_report=False, note="")


@given(st.sampled_from(list(Status)), st.sampled_from(list(Status)), st.booleans(),
       st.sampled_from(["", "说明"]))
def test_a_status_change_is_refused_exactly_when_a_rule_says_so(current, target, final, note):
    """Written from the two sentences of the rule, not from the code."""
    closing_without_final = (target == Status.CLOSED and current != Status.CLOSED
                             and not final)
    reopening_without_reason = current == Status.CLOSED and target != Status.CLOSED and not note
    try:
        check_status_change(current, target, has_final_report=final, note=note)
        refused = False
    except FieldError:
        refused = True
    assert refused == (closing_without_final or reopening_without_reason)


def test_dispatch_only_while_open_and_to_someone():
    error = refusal(check_can_dispatch, False, [1])
    assert error.field == "status" and "已办结" in error.message
    assert refusal(check_can_dispatch, True, []).field == "departments"
    check_can_dispatch(True, [1, 2])


def test_not_twice_to_a_department_still_on_it():
    error = refusal(check_not_dispatched, 3, {3: "镇派出所"})
    assert error.field == "departments" and "镇派出所" in error.message
    check_not_dispatched(4, {3: "镇派出所"})
    check_not_dispatched(3, {})


def test_the_first_dispatch_moves_received_to_handling():
    assert status_after_dispatch(Status.RECEIVED) == Status.HANDLING
    assert status_after_dispatch(Status.HANDLING) == Status.HANDLING


def test_feedback_kinds():
    assert [parse_feedback_kind(k) for k in ("arrived", "handling", "closed")] == list(FeedbackKind)
    assert set(FEEDBACK_LABELS) == set(FeedbackKind)
    error = refusal(parse_feedback_kind, "到达")
    assert error.field == "kind"
    assert error.message == ("未知的反馈类型「到达」，应为 "
                             "arrived（到达现场）、handling（处置中）、closed（办结）")


def test_a_closed_order_takes_no_more_feedback():
    assert refusal(check_feedback_open, True).message == "该派单已办结"
    check_feedback_open(False)


def test_register_kinds():
    assert parse_register_kind(None) == RegisterKind.CALL
    assert parse_register_kind("") == RegisterKind.CALL
    assert parse_register_kind("fax") == RegisterKind.FAX
    assert set(REGISTER_LABELS) == set(RegisterKind)
    error = refusal(parse_register_kind, "email")
    assert error.field == "kind"
    assert error.message.startswith("未知的登记类型「email」，应为 call（电话记录）")


RECORDED = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


@given(st.integers(min_value=-600, max_value=600), st.booleans(), st.sampled_from(["", " ", "改正"]))
def test_a_received_time_is_not_after_the_recording_and_a_reported_one_needs_a_reason(
        minutes, reported, note):
    received = RECORDED + timedelta(minutes=minutes)
    late = received > RECORDED + FUTURE_TOLERANCE
    needs_reason = reported and not note.strip()
    if not late and not needs_reason:
        check_received_change(received, RECORDED, "07月01日 16:00", reported=reported, note=note)
        return
    error = refusal(check_received_change, received, RECORDED, "07月01日 16:00",
                    reported=reported, note=note)
    if late:  # the time is named first: a reason does not make it possible
        assert error.field == "received_at" and "07月01日 16:00" in error.message
    else:
        assert error.field == "note" and "原因" in error.message


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10_000),
                          st.sampled_from(list(Level))), max_size=5),
       st.integers(min_value=-100, max_value=20_000), st.sampled_from(list(Level)))
def test_a_level_change_extends_the_history_in_order_ending_at_the_new_level(steps, at, new):
    received = RECORDED
    times = sorted(minute for minute, _ in steps)
    history = tuple((received + timedelta(minutes=m), level)
                    for m, (_, level) in zip(times, steps, strict=True))
    level = history[-1][1] if history else Level.IV
    moment = received + timedelta(minutes=at)
    after = level_history(level_history_after_change(
        level_history_text(history), received, level.value, moment, new))
    assert after[-1][1] is new
    assert [t for t, _ in after] == sorted(t for t, _ in after)  # never before the last change
    assert after[-1][0] == max(moment, after[-2][0] if len(after) > 1 else moment)
    assert after[:-1] == (history or ((received, level),))


def test_an_unreadable_history_starts_again_from_the_level_the_incident_had():
    moment = RECORDED + timedelta(hours=2)
    for raw in ("not json", '[["2026-07-01T08:00:00", "I"]]', '[["2026-07-01T08:00:00+00:00", "IX"]]'):
        after = level_history(level_history_after_change(raw, RECORDED, "III", moment, Level.II))
        assert after == ((RECORDED, Level.III), (moment, Level.II))
