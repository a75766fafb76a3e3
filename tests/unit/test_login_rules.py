"""The login rules without a database: new passwords, the lockout, and its wording."""

import math
import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.accounts import PASSWORD_MIN, check_password
from dutyroom.domain.errors import FieldError
from dutyroom.domain.login_attempts import (
    LOCKOUT,
    MAX_FAILED_LOGINS,
    STREAK,
    Attempts,
    Event,
    locked_message,
    wait_words,
)

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize("password", [
    "password123", "qwertyuiop", "1q2w3e4r5t", "QwertyUIOP", "manchester", "1234567890",
])
def test_a_common_password_is_refused_whatever_its_case(password):
    with pytest.raises(FieldError, match="常见密码"):
        check_password(password)


@pytest.mark.parametrize("password", ["desk-2026", "abc", "a" * 3 + "b" * 3 + "c" * 3])
def test_a_password_shorter_than_ten_is_refused(password):
    assert len(password) < PASSWORD_MIN == 10
    with pytest.raises(FieldError, match="至少 10 位"):
        check_password(password)


def test_a_long_uncommon_password_passes_and_the_confirmation_must_match():
    assert check_password("青山镇值班2026!", "青山镇值班2026!") == "青山镇值班2026!"
    with pytest.raises(FieldError, match="不一致"):
        check_password("青山镇值班2026!", "青山镇值班2026?")


def _seconds(words: str) -> int:
    """An independent reading of the wording back into seconds."""
    match = re.fullmatch(r"(?:(\d+) 分钟)|(?:(?:(\d+) 分 )?(\d+) 秒)", words)
    assert match, words
    whole, minutes, seconds = match.groups()
    if whole:
        return int(whole) * 60
    return int(minutes or 0) * 60 + int(seconds)


@given(st.integers(min_value=1, max_value=int(LOCKOUT.total_seconds() * 1_000_000)))
def test_the_remaining_time_is_true_to_the_second_and_never_short(microseconds):
    remaining = timedelta(microseconds=microseconds)
    words = wait_words(remaining)
    said = _seconds(words)
    assert said == math.ceil(remaining.total_seconds())
    assert timedelta(seconds=said) - remaining < timedelta(seconds=1)
    assert ("分" in words) == (said >= 60)  # under a minute, seconds alone


@pytest.mark.parametrize(("remaining", "words"), [
    (timedelta(minutes=5), "5 分钟"),
    (timedelta(minutes=4, seconds=59), "4 分 59 秒"),
    (timedelta(minutes=4, seconds=58, microseconds=1), "4 分 59 秒"),
    (timedelta(seconds=60), "1 分钟"),
    (timedelta(seconds=59, microseconds=999_999), "1 分钟"),
    (timedelta(seconds=59), "59 秒"),
    (timedelta(microseconds=1), "1 秒"),
])
def test_the_wording_at_its_edges(remaining, words):
    assert wait_words(remaining) == words


def _run(attempts: int) -> list[Event]:
    """Wrong passwords a second apart, refused unseen while the name is locked."""
    state, events = Attempts(), []
    for second in range(attempts):
        moment = NOW + timedelta(seconds=second)
        state, event = state.refuse() if state.locked(moment) else state.fail(moment)
        events.append(event)
    return events


def test_five_wrong_lock_and_only_the_turning_points_are_audited():
    events = _run(12)
    assert events[:MAX_FAILED_LOGINS] == [Event.FIRST_FAILURE] + [Event.FAILURE] * 3 \
        + [Event.LOCKED_OUT]
    assert events[5:] == [Event.REFUSED_FIRST] + [Event.REFUSED] * 6
    assert [e for e in events if e.audited] == [Event.FIRST_FAILURE, Event.LOCKED_OUT,
                                                 Event.REFUSED_FIRST]


def test_a_lock_ends_on_time_and_a_new_streak_starts():
    state = Attempts()
    for second in range(MAX_FAILED_LOGINS):
        state, _ = state.fail(NOW + timedelta(seconds=second))
    locked_at = NOW + timedelta(seconds=MAX_FAILED_LOGINS - 1)
    assert state.locked(locked_at + LOCKOUT - timedelta(microseconds=1))
    assert "请 5 分钟后再试" in locked_message(state, locked_at)
    assert "请 1 秒后再试" in locked_message(state, locked_at + LOCKOUT - timedelta(milliseconds=1))
    after = locked_at + LOCKOUT
    assert not state.locked(after) and state.stale(after)
    assert state.fail(after) == (Attempts(1, after), Event.FIRST_FAILURE)


def test_failures_further_apart_than_a_streak_do_not_add_up():
    state = Attempts()
    for step in range(3 * MAX_FAILED_LOGINS):
        state, event = state.fail(NOW + step * (STREAK + timedelta(seconds=1)))
        assert event is Event.FIRST_FAILURE and not state.locked(NOW + step * STREAK)
