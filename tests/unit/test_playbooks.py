"""处置要点: the shipped checklists and what the handover carries."""

from __future__ import annotations

from dutyroom.domain.incidents import SUBTYPES
from dutyroom.domain.playbooks import DEFAULT_PLAYBOOKS, steps_for, unticked

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
