"""A 责任人 import row's village that is probably a typo of one the desk has: the same name
with another suffix, or one character off, never a difference of number or direction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutyroom.domain.responsible import looks_the_same, probable_typo, shown, village_core

KNOWN = ("青山村", "东岭一村", "石门社区", "上庄村", "东村", "西村", "新华")


@pytest.mark.parametrize(("typed", "meant"), [
    ("清山村", "青山村"),  # one character typed wrong
    ("青山社区", "青山村"),  # 村 vs 社区
    ("石门村", "石门社区"),
    ("石门", "石门社区"),  # suffix left out
    ("新华村", "新华"),
    ("青村", None),  # 青山 → 青: a core of one character is too short to guess from
    ("东岭二村", None),  # a number tells villages apart
    ("下庄村", None),  # so does a direction word
    ("南村", None),  # 东村, 西村, 南村 are three villages
    ("青山村", None),  # known
    ("白沙村", None),  # nothing like it
    ("东岭一村委会", "东岭一村"),
    ("青山山村", "青山村"),  # a character typed twice
    ("东村社区", "东村"),  # a suffix added to the whole name
    ("东", "东村"),
    ("青山村\u200b", "青山村"),  # a zero-width space pasted from a web page: reads the same
    ("东\u3000村", "东村"),  # a full-width space inside a name of one character and a suffix
    ("东 村", "东村"),
    ("新华\u2060", "新华"),  # a word joiner
    ("ｘ", None),
])
def test_probable_typo(typed, meant):
    assert probable_typo(typed, KNOWN) == meant


def test_village_core():
    assert [village_core(v) for v in ("青山村", "石门社区", "新华", "村", "东岭村委会")] == [
        "青山", "石门", "新华", "村", "东岭"]


@given(st.text(alphabet="青山石门东西村社区一二", min_size=1, max_size=6))
def test_a_known_name_is_never_a_typo_and_a_guess_is_always_known(name):
    assert probable_typo(KNOWN[0], KNOWN) is None
    guess = probable_typo(name, KNOWN)
    assert guess is None or (guess in KNOWN and name not in KNOWN)


def test_a_name_that_reads_the_same_is_told_apart_and_shown():
    assert looks_the_same("青山村\u200b", "青山村") and looks_the_same("ＡＢ村", "AB村")
    assert not looks_the_same("青山村", "青山村") and not looks_the_same("清山村", "青山村")
    assert shown("青山村\u200b") == "青山村<U+200B>" and shown("东\u3000村") == "东<U+3000>村"
    assert shown("青山村") == "青山村"
