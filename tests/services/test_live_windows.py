"""Every window live: a second window on the same database hears of a first window's save
within seconds (LISTEN/NOTIFY on a server, PRAGMA data_version on a file) and then shows
its incident and its alert."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.app import open_backend
from dutyroom.db.change_feed import EVERYTHING, read_payload
from dutyroom.services import alert_service, incident_service
from dutyroom.services.errors import InputError
from dutyroom.services.live import ChangeWatch, changes_in
from dutyroom.services.uow import Changes

RECEIVED = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
LEVEL_ONE = {"received_at": "2026-07-01T10:00", "title": "某化工厂爆炸", "category": "accident",
             "level": "I", "deaths": 12}


def heard(watch: ChangeWatch, seconds: float) -> Changes:
    """Everything `watch` hears within `seconds` (a file is looked at every 50 ms)."""
    found, end = Changes(), time.monotonic() + seconds
    while time.monotonic() < end:
        found = found | watch.wait(0.05)
    return found


def test_a_second_window_sees_a_level_one_incident_and_its_alert(db_target):
    desk_a = open_backend(db_target, "desk A")
    desk_b = open_backend(db_target, "desk B")
    watch = ChangeWatch(desk_b.url, own_too=True)  # both windows live in this one process
    try:
        assert not heard(watch, 0.3)
        saved = incident_service.add_incident(desk_a.uow, LEVEL_ONE, now=RECEIVED).value
        started = time.monotonic()
        changes = Changes()
        while not changes.incidents and time.monotonic() - started < 5:
            changes = changes | watch.wait(0.05)
        assert changes.incidents and changes.clock, changes
        assert time.monotonic() - started < 5
        overdue = alert_service.alerts_at(desk_b.uow, RECEIVED + timedelta(hours=2))
        assert any(a.ref == saved.id and a.state.value == "overdue" for a in overdue)

        with pytest.raises(InputError):  # a refused save is no news
            incident_service.add_incident(desk_a.uow, {**LEVEL_ONE, "level": "V"}, now=RECEIVED)
        assert not heard(watch, 0.5).incidents
    finally:
        watch.close()
        desk_a.close()
        desk_b.close()


@pytest.mark.postgresql
@pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)
def test_a_window_does_not_hear_its_own_saves_but_hears_every_other(db_target):
    desk = open_backend(db_target, "desk")
    own = ChangeWatch(desk.url)
    try:
        incident_service.add_incident(desk.uow, LEVEL_ONE, now=RECEIVED)
        assert not heard(own, 0.5)
    finally:
        own.close()
        desk.close()


def test_tables_map_to_the_pages_that_show_them():
    assert changes_in({"incidents"}) == Changes(incidents=True, clock=True)
    assert changes_in({"audit_entries"}) == Changes()
    assert changes_in({"a_table_of_a_later_schema"}) == changes_in({"*"})
    assert all(vars(changes_in({"*"})).values())


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner))


@given(st.one_of(st.text(), JSON.map(json.dumps),
                 st.dictionaries(st.sampled_from(["origin", "tables"]), JSON).map(json.dumps)))
def test_any_payload_on_the_channel_means_a_change_never_an_error(payload):
    """Anyone with the desks' role can NOTIFY: whatever it sends, a window refreshes
    rather than failing (a failure reads as a lost connection in every window)."""
    tables = read_payload(payload, ignore="me")
    assert tables is None or (tables and all(isinstance(t, str) for t in tables))
    for hostile in ('{"tables": null}', '{"tables": 5}', '{"tables": true}', "[1]", "null"):
        assert read_payload(hostile) == {EVERYTHING}
