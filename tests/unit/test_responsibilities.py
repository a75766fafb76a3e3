"""职责分工: checking a line of the table, and which line an incident's proposal comes from."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import SUBTYPES, Category
from dutyroom.domain.responsibilities import DEFAULT_DUTIES, duty_line, propose, split_names

KNOWN = {"镇应急管理办公室", "青山消防救援站", "青山镇卫生院", "县交警大队青山中队"}


def test_a_line_names_known_departments_and_a_subtype_of_its_category():
    line = duty_line(category="事故灾难", subtype="危化品泄漏", lead="镇应急管理办公室",
                     support="青山消防救援站、青山镇卫生院, 青山消防救援站", departments=KNOWN)
    assert line.category == Category.ACCIDENT
    assert line.support == ("青山消防救援站", "青山镇卫生院")


@pytest.mark.parametrize(("change", "field"), [
    ({"subtype": "山洪"}, "subtype"),  # a natural disaster, not an accident
    ({"category": "天灾"}, "category"),
    ({"lead": ""}, "lead"),
    ({"lead": "燃气公司"}, "lead"),
    ({"support": "青山镇卫生院、燃气公司"}, "support"),
    ({"support": "镇应急管理办公室"}, "support"),
])
def test_a_bad_line_names_its_field(change, field):
    values = {"category": "accident", "subtype": "危化品泄漏", "lead": "镇应急管理办公室",
              "support": "青山镇卫生院", **change}
    with pytest.raises(FieldError) as caught:
        duty_line(**values, departments=KNOWN)
    assert caught.value.field == field


def test_split_names_reads_the_separators_people_type():
    assert split_names("消防、卫生院，派出所;  司法所") == ["消防", "卫生院", "派出所", "司法所"]
    assert split_names("") == []


keys = st.sets(st.sampled_from([(c.value, s) for c in Category for s in ("", *SUBTYPES[c])]))


@given(keys, st.sampled_from(list(Category)), st.data())
def test_the_subtype_line_wins_else_the_category_line_else_nothing(lines, category, data):
    subtype = data.draw(st.sampled_from(("", *SUBTYPES[category])))
    found = propose(category, subtype, lines)
    if (category.value, subtype) in lines:
        assert found == (category.value, subtype)
    elif (category.value, "") in lines:
        assert found == (category.value, "")
    else:
        assert found is None


def test_the_default_table_reads_back_and_covers_ten_subtypes():
    names = {d for _, _, lead, support in DEFAULT_DUTIES for d in (lead, *support)}
    for category, subtype, lead, support in DEFAULT_DUTIES:
        duty_line(category=category, subtype=subtype, lead=lead, support=support,
                  departments=names)
    assert sum(1 for _, subtype, _, _ in DEFAULT_DUTIES if subtype) >= 10
