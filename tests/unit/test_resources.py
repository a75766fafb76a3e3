"""应急资源 as typed or imported: kind, amount, keeper's phone and the subtypes it serves."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import SUBTYPES
from dutyroom.domain.resources import (
    ALL_SUBTYPES,
    QUANTITY_MAX,
    ResourceKind,
    parse_kind,
    parse_quantity,
    parse_subtypes,
    resource_errors,
    serving,
    validate_resource,
)

SANDBAGS = {"kind": "物资", "name": "编织袋", "quantity": "3000 条", "location": "镇防汛仓库",
            "keeper": "范立新", "phone": "13707310109", "subtypes": "山洪、水旱灾害"}


def test_a_stock_of_sandbags_reads_as_a_desk_writes_it():
    fields = validate_resource(**SANDBAGS)
    assert (fields.kind, fields.quantity, fields.unit) == (ResourceKind.SUPPLY, 3000, "条")
    assert fields.subtypes == ("山洪", "水旱灾害")
    assert fields.key == ("supply", "编织袋", "镇防汛仓库")


@pytest.mark.parametrize(("raw", "kind"), [("队伍", ResourceKind.TEAM), ("应急队伍", ResourceKind.TEAM),
                                           ("Team", ResourceKind.TEAM), ("物资", ResourceKind.SUPPLY),
                                           ("避难所", ResourceKind.SHELTER),
                                           (" 避难场所 ", ResourceKind.SHELTER)])
def test_kinds_in_chinese_or_english(raw, kind):
    assert parse_kind(raw) == kind


@pytest.mark.parametrize(("raw", "kind", "expected"), [
    (30, ResourceKind.TEAM, (30, "人")), (30.0, ResourceKind.TEAM, (30, "人")),
    ("800人", ResourceKind.SHELTER, (800, "人")), ("2 艘", ResourceKind.SUPPLY, (2, "艘")),
    ("120", ResourceKind.SUPPLY, (120, "")), ("", ResourceKind.TEAM, (None, "")),
    (None, ResourceKind.SHELTER, (None, "")), ("0 件", ResourceKind.SUPPLY, (0, "件")),
])
def test_amounts_as_spreadsheets_hold_them(raw, kind, expected):
    assert parse_quantity(raw, kind) == expected


@pytest.mark.parametrize("raw", ["-5", "2.5", 2.5, "很多", "三十人", True, [3], "1 2",
                                 "30 人人人人人人人人人", str(QUANTITY_MAX + 1)])
def test_an_amount_that_is_not_a_count_is_refused(raw):
    with pytest.raises(FieldError) as caught:
        parse_quantity(raw, ResourceKind.SUPPLY)
    assert caught.value.field == "quantity"


def test_supplies_need_an_amount_but_a_team_may_not_know_its_headcount():
    with pytest.raises(FieldError, match="物资须填写数量"):
        parse_quantity("", ResourceKind.SUPPLY)
    assert validate_resource(**{**SANDBAGS, "kind": "队伍", "quantity": "", "location": ""}).quantity is None


def test_an_unknown_subtype_is_named_and_none_at_all_is_refused():
    with pytest.raises(FieldError, match="「沉船」不是事件子类") as caught:
        parse_subtypes("山洪、沉船")
    assert caught.value.field == "subtypes"
    with pytest.raises(FieldError, match="适用子类不能为空"):
        parse_subtypes(" 、 ")
    assert parse_subtypes(["山洪", "山洪", "溺水"]) == ("山洪", "溺水")
    assert parse_subtypes("山洪，溺水;火灾") == ("山洪", "溺水", "火灾")


def test_every_wrong_field_of_a_row_is_named():
    fields, errors = resource_errors(kind="车辆", name="", quantity="x", location="",
                                     keeper="", phone="电话", subtypes="沉船")
    assert fields is None
    assert {e.field for e in errors} == {"kind", "name", "keeper", "phone", "subtypes"}
    fields, errors = resource_errors(**{**SANDBAGS, "location": "", "quantity": "很多"})
    assert {e.field for e in errors} == {"location", "quantity"}


def test_a_shelter_needs_a_place_a_team_does_not():
    with pytest.raises(FieldError) as caught:
        validate_resource(**{**SANDBAGS, "kind": "避难场所", "location": " "})
    assert caught.value.field == "location"
    assert validate_resource(**{**SANDBAGS, "kind": "队伍", "location": ""}).location == ""


def test_an_incident_lists_the_resources_tagged_with_its_subtype():
    tagged = [(1, ("山洪", "溺水")), (2, ("火灾",)), (3, ("溺水",))]
    assert serving("溺水", tagged) == [1, 3]
    assert serving(" 火灾 ", tagged) == [2]
    assert serving("", tagged) == []
    assert serving("地震灾害", tagged) == []


def test_the_subtypes_offered_are_the_incident_lists():
    assert set(ALL_SUBTYPES) == {s for group in SUBTYPES.values() for s in group}
    assert len(ALL_SUBTYPES) == len(set(ALL_SUBTYPES))


cells = st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9), st.floats(allow_nan=True),
                  st.text(max_size=40), st.lists(st.text(max_size=5), max_size=3),
                  st.sampled_from(["队伍", "物资", "避难场所", "山洪", "13707310109", "0731-86210109",
                                   "\x00", "=cmd|' /C calc'!A0", "２０００条", "\u202e反转"]))


@given(kind=cells, name=cells, quantity=cells, location=cells, keeper=cells, phone=cells,
       subtypes=cells)
def test_a_hostile_row_is_either_a_clean_resource_or_named_errors(kind, name, quantity, location,
                                                                  keeper, phone, subtypes):
    fields, errors = resource_errors(kind=kind, name=name, quantity=quantity, location=location,
                                     keeper=keeper, phone=phone, subtypes=subtypes)
    assert (fields is None) == bool(errors)
    assert all(e.field in {"kind", "name", "quantity", "location", "keeper", "phone", "subtypes"}
               and str(e.message) for e in errors)
    if fields is not None:  # what was taken is what a desk can use at night
        assert fields.name and fields.keeper and fields.phone and fields.subtypes
        assert set(fields.subtypes) <= set(ALL_SUBTYPES)
        assert fields.quantity is None or 0 <= fields.quantity <= QUANTITY_MAX
        assert "\x00" not in fields.name + fields.location + fields.keeper


@given(amount=st.integers(0, QUANTITY_MAX), unit=st.sampled_from(["", "条", "件", "人", "艘", "台"]),
       space=st.sampled_from(["", " "]))
def test_any_count_with_a_unit_reads_back(amount, unit, space):
    got = parse_quantity(f"{amount}{space}{unit}", ResourceKind.SUPPLY)
    assert got == (amount, unit)
