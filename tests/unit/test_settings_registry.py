from datetime import time

import pytest

from dutyroom.domain import settings
from dutyroom.domain.errors import FieldError


def test_defaults_come_from_the_domain_rules():
    values = settings.resolve({})
    assert values["handover_time"] == "08:30"
    assert values["timezone"] == "Asia/Shanghai"
    assert values["demo_data"] is False
    assert settings.handover_clock(values) == time(8, 30)


def test_every_setting_names_its_source():
    for definition in settings.SETTINGS:
        assert definition.label and definition.source


@pytest.mark.parametrize(("raw", "value"), [("8:30", "08:30"), ("08:30", "08:30"),
                                            ("23:59", "23:59"), (time(7, 5), "07:05")])
def test_handover_time(raw, value):
    assert settings.definition("handover_time").parse(raw) == value


@pytest.mark.parametrize(("key", "raw"), [
    ("handover_time", "24:00"), ("handover_time", "8.30"), ("timezone", "Mars/Olympus"),
    ("timezone", ""), ("font_scale", 300), ("font_scale", "大"), ("desk_name", ""),
    ("unit_name", "长" * 41), ("demo_data", "yes"),
])
def test_bad_values_name_the_setting(key, raw):
    with pytest.raises(FieldError) as caught:
        settings.definition(key).parse(raw)
    assert caught.value.field == key


def test_a_corrupt_stored_value_falls_back_to_the_default():
    values = settings.resolve({"handover_time": "garbage", "desk_name": "应急值班室"})
    assert values["handover_time"] == "08:30"
    assert values["desk_name"] == "应急值班室"


def test_unknown_setting():
    with pytest.raises(FieldError):
        settings.definition("nope")
