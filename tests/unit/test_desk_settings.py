"""The typed snapshot and the registry cannot drift apart (issue 19, item 5)."""

import typing
from dataclasses import FrozenInstanceError, fields
from zoneinfo import ZoneInfo

import pytest

from dutyroom.domain import deadlines, duty_clock, roster, settings
from dutyroom.domain.desk_settings import DeskSettings


def test_every_registry_setting_is_a_field_of_its_type_and_nothing_else():
    hints = typing.get_type_hints(DeskSettings)
    names = [f.name for f in fields(DeskSettings)]
    assert names == [d.key for d in settings.SETTINGS]  # same names, same order
    for d in settings.SETTINGS:
        assert hints[d.key] is type(d.default), d.key  # bool is not int here


def test_the_defaults_make_a_snapshot_and_a_name_not_in_the_registry_is_refused():
    desk = DeskSettings.of(settings.resolve({}))
    assert desk.timezone == "Asia/Shanghai" and desk.lock_minutes == 15
    assert desk == DeskSettings.of({})  # the registry's defaults fill what is not given
    with pytest.raises(KeyError, match="lock_minute"):
        DeskSettings.of({"lock_minute": 5})  # a typo is refused, not ignored
    with pytest.raises(FrozenInstanceError):
        desk.lock_minutes = 0  # type: ignore[misc]
    assert desk.as_dict() == settings.resolve({})


def test_the_views_are_the_rules_the_domain_builds_from_the_same_values():
    values = settings.resolve({"timezone": "Asia/Urumqi", "final_report_days": 5,
                               "handover_time": "09:00", "officers_sensitive": 3})
    desk = DeskSettings.of(values)
    assert desk.zone == ZoneInfo("Asia/Urumqi")
    assert desk.rules == deadlines.rules_from_settings(values) and desk.rules.final_days == 5
    assert desk.clock == duty_clock.rules_from_settings(values)
    assert desk.roster == roster.rules_from_settings(values) and desk.roster.officers_sensitive == 3
    assert desk.handover == settings.handover_clock(values)
    assert desk.unit_title == "总值班室"
