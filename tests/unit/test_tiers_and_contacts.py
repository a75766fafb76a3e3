import pytest

from dutyroom.domain.contacts import (
    normalize_mobile,
    normalize_phone,
    validate_department,
    validate_staff,
)
from dutyroom.domain.errors import FieldError
from dutyroom.domain.tiers import Tier, parse_tier


@pytest.mark.parametrize(("text", "tier"), [
    ("主要领导", Tier.CHIEF), ("总值班", Tier.CHIEF), ("带班领导", Tier.LEADER),
    ("值班员", Tier.OFFICER), ("值班人员", Tier.OFFICER), ("leader", Tier.LEADER),
    (" Officer ", Tier.OFFICER), ("chief", Tier.CHIEF),
])
def test_tiers_read_as_offices_write_them(text, tier):
    assert parse_tier(text) == tier


@pytest.mark.parametrize("text", ["", None, "领导", "boss"])
def test_unknown_tier_names_the_accepted_values(text):
    with pytest.raises(FieldError) as caught:
        parse_tier(text)
    assert caught.value.field == "tier"


@pytest.mark.parametrize(("raw", "mobile"), [
    ("13800138000", "13800138000"), (13800138000, "13800138000"),
    (13800138000.0, "13800138000"), ("138 0013 8000", "13800138000"),
    ("138-0013-8000", "13800138000"), ("+8613800138000", "13800138000"),
])
def test_mobiles_from_spreadsheets(raw, mobile):
    assert normalize_mobile(raw) == mobile


@pytest.mark.parametrize("raw", ["1380013800", "138001380000", "12800138000", "1380013800a",
                                 "", None, 13800138000.5])
def test_bad_mobiles_are_refused(raw):
    with pytest.raises(FieldError) as caught:
        normalize_mobile(raw)
    assert caught.value.field == "mobile"


def test_optional_mobile_may_be_empty():
    assert normalize_mobile("", "liaison_mobile", required=False) == ""


@pytest.mark.parametrize("raw", ["0731-86210110", "110", "12345", "(0731)86210110",
                                 "0731-86210110转801", "13800138000"])
def test_phone_numbers_a_desk_dials(raw):
    assert normalize_phone(raw, "duty_phone") == raw


@pytest.mark.parametrize("raw", ["abc", "12", "电话", "0731-862101100000000000000000"])
def test_undialable_phone_numbers(raw):
    with pytest.raises(FieldError):
        normalize_phone(raw, "duty_phone")


def test_validate_staff_trims_and_requires():
    person = validate_staff(name=" 张三 ", tier="值班员", mobile="13800138000",
                            department=" 党政办 ")
    assert (person.name, person.tier, person.department) == ("张三", Tier.OFFICER, "党政办")
    with pytest.raises(FieldError) as caught:
        validate_staff(name=" ", tier="值班员", mobile="13800138000")
    assert caught.value.field == "name"
    with pytest.raises(FieldError) as caught:
        validate_staff(name="张" * 33, tier="值班员", mobile="13800138000")
    assert caught.value.field == "name"


def test_department_needs_a_duty_phone_and_a_named_liaison():
    with pytest.raises(FieldError) as caught:
        validate_department(name="派出所", duty_phone="")
    assert caught.value.field == "duty_phone"
    with pytest.raises(FieldError) as caught:
        validate_department(name="派出所", duty_phone="110", liaison_mobile="13800138000")
    assert caught.value.field == "liaison_name"
    ok = validate_department(name="派出所", duty_phone="110", liaison_name="李四",
                             liaison_mobile="13800138000", first_line=True)
    assert ok.first_line and ok.liaison_mobile == "13800138000"


@pytest.mark.parametrize("value", [{"a": 1}, ["x"], True, False, ("x",)])
def test_a_list_a_mapping_or_true_false_is_not_text(value):
    """From a JSON file: stored as Python's text form, {'a': 1} would pass as a title."""
    from dutyroom.domain.contacts import clean_text

    with pytest.raises(FieldError, match="应为文字"):
        clean_text(value, "title", "标题")
    assert clean_text(13800000001, "mobile", "手机") == "13800000001"  # a spreadsheet's number
