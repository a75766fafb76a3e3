"""Whom to call at a partner department: the office in working hours, at night and on
holidays the duty person of its 值班备勤表, then the 24-hour phone and the liaison."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.errors import FieldError
from dutyroom.domain.partner_duty import (
    CallSource,
    OfficeHours,
    PartnerPhones,
    RosterEntry,
    missing_rosters,
    roster_entry,
    roster_expected,
    whom_to_call,
)

HOURS = OfficeHours(time(8, 30), time(17, 30))
PHONES = PartnerPhones(office_phone="0731-86210001", duty_phone="0731-86210119",
                       liaison_name="田振华", liaison_mobile="13707310102")
ENTRY = RosterEntry(date(2026, 10, 1), "王建国", "13807310001", "李局", "13807310002")


def test_at_three_in_the_morning_the_duty_person_is_rung_not_the_office():
    calls = whom_to_call(datetime(2026, 12, 2, 3, 10), True, HOURS, PHONES, ENTRY)
    assert [(c.person, c.source) for c in calls] == [
        ("王建国", CallSource.ROSTER), ("李局", CallSource.ROSTER),
        ("值班室", CallSource.DUTY_PHONE), ("田振华", CallSource.LIAISON)]


def test_in_working_hours_the_office_comes_first():
    calls = whom_to_call(datetime(2026, 12, 2, 10, 0), True, HOURS, PHONES, ENTRY)
    assert calls[0].source == CallSource.OFFICE and calls[0].phone == "0731-86210001"
    assert calls[1].person == "王建国"


def test_on_a_holiday_at_noon_the_office_is_empty():
    calls = whom_to_call(datetime(2026, 10, 1, 10, 0), False, HOURS, PHONES, ENTRY)
    assert calls[0].source == CallSource.ROSTER


def test_the_office_closes_at_the_end_of_working_hours():
    assert whom_to_call(datetime(2026, 12, 2, 17, 29), True, HOURS, PHONES, None)[0].source \
        == CallSource.OFFICE
    assert whom_to_call(datetime(2026, 12, 2, 17, 30), True, HOURS, PHONES, None)[0].source \
        == CallSource.DUTY_PHONE


def test_without_a_roster_or_a_duty_phone_the_liaison_is_left():
    phones = PartnerPhones(liaison_name="田振华", liaison_mobile="13707310102")
    calls = whom_to_call(datetime(2026, 12, 2, 3, 10), True, HOURS, phones, None)
    assert [(c.person, c.source) for c in calls] == [("田振华", CallSource.LIAISON)]


def test_a_roster_line_needs_a_person_and_an_eleven_digit_mobile():
    with pytest.raises(FieldError) as caught:
        roster_entry(duty_date=date(2026, 10, 1), person="", mobile="13807310001")
    assert caught.value.field == "person"
    with pytest.raises(FieldError) as caught:
        roster_entry(duty_date=date(2026, 10, 1), person="王建国", mobile="8621")
    assert caught.value.field == "mobile"
    with pytest.raises(FieldError) as caught:
        roster_entry(duty_date=date(2026, 10, 1), person="王建国", mobile="13807310001",
                     leader_mobile="13807310002")
    assert caught.value.field == "leader"
    assert roster_entry(duty_date=date(2026, 10, 1), person=" 王建国 ",
                        mobile=13807310001.0).mobile == "13807310001"


# --- properties, against an answer worked out the other way round ------------------------

phones = st.builds(PartnerPhones,
                   office_phone=st.sampled_from(["", "0731-86210001"]),
                   duty_phone=st.sampled_from(["", "0731-86210119"]),
                   liaison_name=st.just("田振华"),
                   liaison_mobile=st.sampled_from(["", "13707310102"]))
entries = st.none() | st.builds(RosterEntry, duty_date=st.just(date(2026, 10, 1)),
                                person=st.just("王建国"), mobile=st.just("13807310001"),
                                leader=st.sampled_from(["", "李局"]),
                                leader_mobile=st.sampled_from(["", "13807310002"]))
moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31))
hours = st.tuples(st.integers(0, 23 * 60), st.integers(1, 60 * 10)).map(
    lambda t: OfficeHours(time(t[0] // 60, t[0] % 60),
                          (datetime(2000, 1, 1) + timedelta(minutes=min(t[0] + t[1], 24 * 60 - 1))
                           ).time()))


def _expected(local: datetime, working: bool, office: OfficeHours, p: PartnerPhones,
              entry: RosterEntry | None) -> list[CallSource]:
    minutes = local.hour * 60 + local.minute
    start = office.start.hour * 60 + office.start.minute
    end = office.end.hour * 60 + office.end.minute
    staffed = working and start <= minutes < end
    order = []
    if staffed and p.office_phone:
        order.append(CallSource.OFFICE)
    if entry:
        order.append(CallSource.ROSTER)
        if entry.leader and entry.leader_mobile:
            order.append(CallSource.ROSTER)
    if p.duty_phone:
        order.append(CallSource.DUTY_PHONE)
    if p.liaison_mobile:
        order.append(CallSource.LIAISON)
    return order


@given(moments.map(lambda m: m.replace(second=0, microsecond=0)), st.booleans(), hours, phones,
       entries)
def test_the_order_of_calls_matches_the_rule_stated_the_other_way(local, working, office, p,
                                                                   entry):
    calls = whom_to_call(local, working, office, p, entry)
    assert [c.source for c in calls] == _expected(local, working, office, p, entry)
    assert all(c.phone for c in calls), "every number listed can be dialled"


@given(moments, hours, phones, entries)
def test_the_office_is_never_rung_outside_working_days(local, office, p, entry):
    calls = whom_to_call(local, False, office, p, entry)
    assert CallSource.OFFICE not in [c.source for c in calls]
    if entry is not None:
        assert calls[0].person == entry.person and calls[0].phone == entry.mobile


def test_who_is_expected_to_send_a_holiday_roster():
    assert roster_expected(True, False) and roster_expected(False, True) and roster_expected(True, True)
    assert not roster_expected(False, False)


@given(covered=st.dictionaries(st.sampled_from(["消防", "水司", "供电"]),
                               st.sets(st.dates(date(2026, 12, 28), date(2027, 1, 6)))),
       first=st.dates(date(2026, 12, 30), date(2027, 1, 2)), length=st.integers(0, 3))
def test_a_roster_is_missing_unless_it_covers_every_holiday_day(covered, first, length):
    last = first + timedelta(days=length)
    names = ["消防", "水司", "供电"]
    late = missing_rosters(names, covered, first, last)
    for name in names:  # day by day, the other way round
        day, whole = first, True
        while day <= last:
            whole = whole and day in covered.get(name, set())
            day += timedelta(days=1)
        assert (name in late) == (not whole)
    assert late == [n for n in names if n in late]  # in the directory's order
