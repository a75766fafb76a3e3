"""处置要点: the shipped checklists and what the handover carries."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import SUBTYPES
from dutyroom.domain.playbooks import (
    DEFAULT_PLAYBOOKS,
    MAX_STEP_LENGTH,
    MAX_STEPS,
    account_labels,
    check_field_tick,
    clean_steps,
    field_tick_first,
    steps_for,
    ticked_by_one_of,
    unticked,
)

ASKED = ("危化品泄漏", "道路交通事故", "山洪", "地质灾害", "火灾", "溺水", "群体性事件", "食物中毒",
         "停水停电", "森林火情")


def test_the_ten_asked_for_subtypes_have_checklists_a_desk_can_use():
    known = {s for subtypes in SUBTYPES.values() for s in subtypes}
    assert set(ASKED) <= set(DEFAULT_PLAYBOOKS) <= known
    for subtype, steps in DEFAULT_PLAYBOOKS.items():
        assert 4 <= len(steps) <= 8, subtype  # a card by the phone, not a manual
        assert len(set(steps)) == len(steps) and all(0 < len(s) <= 200 for s in steps)
    assert any("首报" in step for step in steps_for("危化品泄漏"))


def test_unticked_keeps_the_order_and_ignores_steps_of_other_lists():
    steps = steps_for("火灾")
    assert unticked(steps, {steps[0], "别的事"}) == steps[1:]
    assert unticked(steps, set(steps)) == ()
    assert steps_for("未知子类") == ()


def test_the_desk_s_own_list_wins_and_others_keep_the_shipped_one():
    own = {"火灾": ("问清地点", "通知消防救援站")}
    assert steps_for("火灾", own) == own["火灾"]
    assert steps_for(" 火灾 ", own) == own["火灾"]
    assert steps_for("溺水", own) == DEFAULT_PLAYBOOKS["溺水"]
    assert steps_for("火灾", {"火灾": ()}) == ()  # a desk may keep no checklist at all


@given(st.lists(st.text(min_size=1, max_size=40), max_size=MAX_STEPS))
def test_a_cleaned_list_is_one_line_per_step_each_once_in_the_given_order(raw):
    try:
        steps = clean_steps(raw)
    except FieldError:
        return  # refused: an empty, doubled, too long or unprintable step
    readable = ("".join(c for c in item if unicodedata.category(c) != "Cf") for item in raw)
    expected = [" ".join(item.split()) for item in readable]
    assert list(steps) == expected  # nothing reordered, nothing dropped but invisible marks
    assert len(set(steps)) == len(steps) and all(s and "\n" not in s for s in steps)


def test_bad_lists_are_refused_naming_the_step():
    for raw, words in (([" a ", "a"], "第 2 步与第 1 步相同"), (["a", ""], "第 2 步不能为空"),
                       (["x" * (MAX_STEP_LENGTH + 1)], "过长"), ("abc", "列表"),
                       ([1], "应为文字"), ([f"s{n}" for n in range(MAX_STEPS + 1)], "最多")):
        with pytest.raises(FieldError, match=words):
            clean_steps(raw)


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u00ad", "\u200d", "\u2060"])
def test_steps_that_read_the_same_are_the_same_step(invisible):
    """A tick names its step by its text: two steps that look identical to the officer (one
    with an invisible format character) would leave one always unticked, carried to every
    next shift. The character is dropped; the second step is then refused as a repeat."""
    assert clean_steps(["通知消防" + invisible + "救援站"]) == ("通知消防救援站",)
    with pytest.raises(FieldError) as refused:
        clean_steps(["通知消防救援站", "通知消防" + invisible + "救援站"])
    assert "第 2 步与第 1 步相同" in str(refused.value.message)


# --- ticks from a field laptop -------------------------------------------------------------

T = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)


LABELS = account_labels([("王五", "wang"), ("老王", "wang"), ("李四", "li")])  # wang renamed


@pytest.mark.parametrize(("ticked_by", "taken"), [
    ("王五(wang)", True), ("老王(wang)", True), ("李四(li)", True),  # each name the account had
    ("镇长签批(wang)", False), ("王五(li)", False),  # a made-up name before a real login name
    ("赵六(zhao)", False), ("wang", False), ("(wang)", False), ("王五(wang) ", False),
    ("王五(xwang)", False), ("王五(wan)", False), ("", False)])
def test_a_field_tick_is_by_one_of_the_laptop_s_accounts_as_the_app_names_it(ticked_by, taken):
    assert ticked_by_one_of(ticked_by, LABELS) is taken
    assert LABELS.get(ticked_by) == ({"李四(li)": "li"}.get(ticked_by, "wang") if taken else None)


def test_a_field_tick_the_app_could_not_have_recorded_is_refused_naming_why():
    offered = {"问清位置", "通知消防"}
    wang = account_labels([("王五", "wang")])
    check_field_tick("问清位置", offered, "王五(wang)", wang, T, T, UTC)  # fine
    check_field_tick("问清位置", offered, "王五(wang)", wang, T - timedelta(minutes=4), T, UTC)
    for args, words in ((("顺便买包烟", offered, "王五(wang)", wang, T, T), "不是这起事件的处置要点"),
                        (("问清位置", offered, "赵六(zhao)", wang, T, T), "不是外勤包带出的账户"),
                        (("问清位置", offered, "镇长签批(wang)", wang, T, T), "不是外勤包带出的账户"),
                        (("问清位置", offered, "王五(wang)", {}, T, T), "不是外勤包带出的账户"),
                        (("问清位置", offered, "王五(wang)", wang, T - timedelta(minutes=6), T),
                         "早于事件的接报时间")):
        with pytest.raises(FieldError, match=words):
            check_field_tick(*args, UTC)


@given(st.integers(-10_000, 10_000), st.integers(-10_000, 10_000))
def test_of_two_ticks_of_one_step_the_earlier_stands_whichever_side_made_it(desk, field):
    desk_at, field_at = T + timedelta(minutes=desk), T + timedelta(minutes=field)
    kept = field_at if field_tick_first(desk_at, field_at) else desk_at
    assert kept == min(desk_at, field_at)
    assert not field_tick_first(desk_at, desk_at)  # the same time: the desk's stays, nothing moves
    # a tick that left the desk and comes back changed never replaces the desk's own
    assert not field_tick_first(desk_at, field_at, left_the_desk=True)
