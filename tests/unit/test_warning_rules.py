"""The warning and 叫应 rules (domain/warnings.py), each checked against an independent
answer written out longhand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.errors import FieldError
from dutyroom.domain.warnings import (
    DEFAULT_ROLES,
    DEFAULT_RULES,
    TOWN,
    Action,
    Attempt,
    Channel,
    Colour,
    Outcome,
    Person,
    RowState,
    Status,
    action_for,
    area_villages,
    check_can_relay,
    check_cancel_colour,
    check_declared_action,
    check_follow_up_type,
    check_validity,
    parse_action,
    parse_channel,
    parse_colour,
    parse_type,
    relay_complete,
    relay_due,
    row_label,
    row_of,
    status_of,
    to_reach,
)

T0 = datetime(2026, 6, 1, 2, 40, tzinfo=UTC)
VILLAGES = ("东村", "西村", "南村", "北村")

people = st.lists(
    st.builds(Person, id=st.integers(1, 10_000), name=st.sampled_from("甲乙丙丁戊己"),
              village=st.sampled_from(VILLAGES), role=st.sampled_from(DEFAULT_ROLES)),
    max_size=40, unique_by=lambda p: p.id)


@given(people, st.lists(st.sampled_from(VILLAGES), min_size=1, unique=True),
       st.sampled_from(list(Colour)))
def test_who_is_reached_by_colour(directory: list[Person], area: list[str], colour: Colour) -> None:
    villages = area_villages(area, VILLAGES)
    chosen = to_reach(directory, villages, colour, DEFAULT_RULES)
    if colour == Colour.BLUE:
        expected = set()
    elif colour in (Colour.RED, Colour.ORANGE):
        expected = {p.id for p in directory if p.village in area}
    else:
        expected = {p.id for p in directory if p.village in area
                    and p.role in ("村(社区)书记", "村(社区)主任", "网格员")}
    assert {p.id for p in chosen} == expected
    assert len(chosen) == len(expected)
    # grouped by village in the desk's order
    order = [VILLAGES.index(p.village) for p in chosen]
    assert order == sorted(order)


def test_town_means_every_village_and_unknown_is_refused() -> None:
    assert area_villages([TOWN], VILLAGES) == VILLAGES
    assert area_villages(["北村", "东村"], VILLAGES) == ("东村", "北村")
    with pytest.raises(FieldError, match="本镇没有村\\(社区\\)「月亮村」"):
        area_villages(["东村", "月亮村"], VILLAGES)
    with pytest.raises(FieldError) as error:
        area_villages([" "], VILLAGES)
    assert error.value.field == "villages"


@pytest.mark.parametrize(("colour", "minutes"), [(Colour.RED, 5), (Colour.ORANGE, 5),
                                                 (Colour.YELLOW, 30), (Colour.BLUE, None)])
def test_relay_deadline_per_colour(colour: Colour, minutes: int | None) -> None:
    due = relay_due(T0, colour, DEFAULT_RULES)
    assert due == (None if minutes is None else T0 + timedelta(minutes=minutes))


def test_parsing_words() -> None:
    assert parse_colour("红色") == parse_colour("red") == parse_colour("红") == Colour.RED
    assert parse_type("暴雨预警") == "暴雨"
    assert parse_channel("短信") == parse_channel("sms") == Channel.SMS
    for bad, parse in (("紫色", parse_colour), ("地震", parse_type), ("飞鸽", parse_channel)):
        with pytest.raises(FieldError):
            parse(bad)
    with pytest.raises(FieldError, match="有效期至应晚于发布时间"):
        check_validity(T0, T0 - timedelta(minutes=1))
    check_validity(T0, None)


@pytest.mark.parametrize(("raw", "said"), [(None, "请填写"), ("  ", "请填写"), (["red"], "应为文字"),
                                           ({"c": "red"}, "应为文字"), (4, "应为文字")])
def test_a_missing_or_listed_colour_or_type_is_named_not_echoed_as_python(raw, said) -> None:
    """A hand-written warning file with "type": null or "colour": ["red"] is told what is
    wrong in words, never 「None」 or 「['red']」."""
    for parse, field, label in ((parse_colour, "colour", "预警颜色"), (parse_type, "type", "预警类型")):
        with pytest.raises(FieldError) as caught:
            parse(raw)
        assert caught.value.field == field and label in str(caught.value) and said in str(caught.value)
        assert "None" not in str(caught.value) and "[" not in str(caught.value)


def test_a_notice_s_own_word_for_what_it_is_must_be_known_and_agree_with_its_colour() -> None:
    assert parse_action(None) is None and parse_action(" ") is None
    assert parse_action("解除") == parse_action("cancel") == Action.CANCEL
    assert parse_action("升级") == Action.UPGRADE
    for typo in ("cancle", "撤销"):
        with pytest.raises(FieldError, match="不是通知类别") as caught:
            parse_action(typo)
        assert caught.value.field == "action"
    for listed in (["cancel"], {"action": "cancel"}, 1, True):  # said in words, not as Python
        with pytest.raises(FieldError, match="通知类别应为文字") as caught:
            parse_action(listed)
        assert caught.value.field == "action" and "[" not in str(caught.value)
    check_declared_action(None, Action.UPDATE)
    check_declared_action(Action.UPGRADE, action_for(Colour.YELLOW, Colour.RED, False))
    with pytest.raises(FieldError, match="通知类别写的是「升级」，但按颜色和它所跟随的通知应为「降级」"):
        check_declared_action(Action.UPGRADE, action_for(Colour.RED, Colour.YELLOW, False))


def test_actions_follow_the_colour() -> None:
    assert action_for(None, Colour.YELLOW, False) == Action.ISSUE
    assert action_for(Colour.YELLOW, Colour.RED, False) == Action.UPGRADE
    assert action_for(Colour.RED, Colour.ORANGE, False) == Action.DOWNGRADE
    assert action_for(Colour.RED, Colour.RED, False) == Action.UPDATE
    assert action_for(Colour.RED, Colour.RED, True) == Action.CANCEL


attempts = st.lists(st.builds(
    Attempt, person_id=st.just(1),
    at=st.integers(0, 600).map(lambda s: T0 + timedelta(seconds=s)),
    channel=st.sampled_from(list(Channel)),
    outcome=st.sampled_from(list(Outcome)), via_backup=st.booleans()), max_size=8)


@given(attempts, st.integers(1, 5), st.booleans(), st.booleans())
def test_row_state_from_attempts(tries: list[Attempt], limit: int, relay_open: bool,
                                 has_backup: bool) -> None:
    row = row_of(reversed(tries), limit, relay_open, has_backup)
    answers = sorted((a for a in tries if a.outcome == Outcome.ANSWERED),
                     key=lambda a: (a.at, a.via_backup))
    failed = len([a for a in tries if a.outcome == Outcome.NO_ANSWER])
    assert row.failed == failed
    if answers:
        assert row.reached_at == answers[0].at
        assert row.state == (RowState.BACKUP if answers[0].via_backup else RowState.ANSWERED)
        assert not row.offer_backup
    elif not relay_open:
        assert row.state == RowState.NOT_NEEDED
    else:
        assert row.state == (RowState.NO_ANSWER if failed else RowState.NOT_CONTACTED)
        assert row.offer_backup == (has_backup and failed >= limit)
    # a one-way message alone never reaches anyone nor counts as a failed call
    sent_only = [a for a in tries if a.outcome == Outcome.SENT]
    assert row_of(sent_only, limit, True, has_backup).state == RowState.NOT_CONTACTED


def test_backup_is_offered_after_three_unanswered_calls() -> None:
    calls = [Attempt(1, T0 + timedelta(minutes=i), Channel.PHONE, Outcome.NO_ANSWER)
             for i in range(3)]
    assert not row_of(calls[:2], 3, True, True).offer_backup
    row = row_of(calls, 3, True, True)
    assert row.offer_backup and row_label(row) == "未接通 3 次"
    assert not row_of(calls, 3, True, False).offer_backup  # nobody to fall back to
    by_backup = [*calls, Attempt(1, T0 + timedelta(minutes=4), Channel.PHONE, Outcome.ANSWERED,
                                 via_backup=True)]
    assert row_of(by_backup, 3, True, True).state == RowState.BACKUP


def test_completion_and_cancellation() -> None:
    done = row_of([Attempt(1, T0, Channel.PHONE, Outcome.ANSWERED)], 3, True, False)
    waiting = row_of([], 3, True, False)
    assert relay_complete([done]) and relay_complete([])
    assert not relay_complete([done, waiting])
    assert status_of(Action.ISSUE, None, T0 + timedelta(hours=6), T0) == Status.ACTIVE
    assert status_of(Action.ISSUE, Action.UPGRADE, None, T0) == Status.SUPERSEDED
    assert status_of(Action.UPGRADE, Action.CANCEL, None, T0) == Status.CANCELLED
    assert status_of(Action.CANCEL, None, None, T0) == Status.CANCELLED
    assert status_of(Action.UPGRADE, None, T0, T0) == Status.EXPIRED
    check_can_relay(Status.ACTIVE)
    for closed in (Status.SUPERSEDED, Status.CANCELLED, Status.EXPIRED):
        with pytest.raises(FieldError, match="不能再记录叫应"):
            check_can_relay(closed)


def test_a_notice_s_standing_at_a_past_moment_counts_only_the_notices_received_by_then():
    from dutyroom.domain.warnings import Action, Status, status_then

    t0 = datetime(2026, 7, 1, 18, 40, tzinfo=UTC)
    later = [(t0 + timedelta(minutes=30), Action.UPGRADE), (t0 + timedelta(minutes=60), Action.CANCEL)]
    assert status_then(Action.ISSUE, later, None, t0 + timedelta(minutes=29)) == Status.ACTIVE
    assert status_then(Action.ISSUE, later, None, t0 + timedelta(minutes=30)) == Status.SUPERSEDED
    assert status_then(Action.ISSUE, later, None, t0 + timedelta(minutes=61)) == Status.CANCELLED
    assert status_then(Action.ISSUE, [], t0 + timedelta(hours=1), t0 + timedelta(hours=2)) == \
        Status.EXPIRED
    # a cancellation among the arrived notices cancels, whatever came after it
    assert status_then(Action.ISSUE, [(t0, Action.CANCEL), (t0, Action.UPDATE)], None, t0) == \
        Status.CANCELLED


# --- narrowing the roles called per warning type ----------------------------------------


def test_type_roles_parse_and_refuse_what_cannot_be_meant():
    from dutyroom.domain.warnings import format_type_roles, parse_type_roles
    parsed = parse_type_roles("山洪灾害：山洪预警员、村(社区)书记;地质灾害气象风险:地灾群测群防员\n")
    assert parsed == {"山洪灾害": ("山洪预警员", "村(社区)书记"), "地质灾害气象风险": ("地灾群测群防员",)}
    assert parse_type_roles(format_type_roles(parsed)) == parsed
    assert parse_type_roles("") == {} and parse_type_roles(None) == {}
    for bad, words in [("山洪灾害", "应写成"), ("地震：网格员", "不是已知的预警类型"),
                       ("山洪灾害：网格员；山洪灾害：村(社区)书记", "写了两次"),
                       ("山洪灾害：、", "没有岗位")]:
        with pytest.raises(FieldError, match=words):
            parse_type_roles(bad)


ROLE_POOL = DEFAULT_ROLES[:5]


@given(st.lists(st.tuples(st.sampled_from(["东村", "西村"]), st.sampled_from(ROLE_POOL)),
                min_size=1, max_size=12),
       st.sets(st.sampled_from(ROLE_POOL), min_size=1),
       st.sampled_from([Colour.RED, Colour.ORANGE, Colour.YELLOW]))
def test_a_narrowed_type_calls_exactly_its_roles_among_the_colour_s(people, narrow, colour):
    """Against the longhand answer: the people the colour alone would call, keeping those
    whose role the type's narrowing names; any other type is called as before."""
    from dataclasses import replace
    directory = [Person(i, f"人{i}", village, role) for i, (village, role) in enumerate(people)]
    rules = replace(DEFAULT_RULES, by_type={"山洪灾害": tuple(sorted(narrow))})
    plain = to_reach(directory, ("东村", "西村"), colour, rules)
    narrowed = to_reach(directory, ("东村", "西村"), colour, rules, type_="山洪灾害")
    assert narrowed == [p for p in plain if p.role in narrow]
    assert to_reach(directory, ("东村", "西村"), colour, rules, type_="暴雨") == plain


def test_a_narrowing_that_leaves_a_colour_nobody_is_refused_when_saved():
    from dutyroom.domain.settings import resolve
    from dutyroom.domain.warnings import check_type_roles
    values = {**resolve({}), "relay_roles_by_type": "山洪灾害：山洪预警员"}
    problems = check_type_roles(values)  # yellow calls 书记, 主任, 网格员 only
    assert [p.field for p in problems] == ["relay_roles_by_type"]
    assert "黄色预警收窄后没有要叫应的岗位" in problems[0].message
    assert check_type_roles({**values, "relay_roles_by_type": "山洪灾害：山洪预警员、网格员"}) == []
    unknown = check_type_roles({**values, "relay_roles_by_type": "山洪灾害：护林员"})
    assert "不在责任人岗位中" in unknown[0].message


def test_a_cancellation_names_the_colour_of_the_warning_it_lifts() -> None:
    check_cancel_colour(Colour.RED, Colour.RED)
    with pytest.raises(FieldError, match="解除的是红色预警，通知写的颜色是黄色") as caught:
        check_cancel_colour(Colour.RED, Colour.YELLOW)
    assert caught.value.field == "colour"


def test_a_later_notice_is_of_the_warning_s_own_type() -> None:
    check_follow_up_type("暴雨", "暴雨")
    with pytest.raises(FieldError, match="这是暴雨预警的后续通知，类型却写的是台风") as caught:
        check_follow_up_type("暴雨", "台风")
    assert caught.value.field == "type"
