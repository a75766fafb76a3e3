"""处置要点 on an incident through the services, on SQLite and PostgreSQL: ticking audited,
unticking, refusals, tampering found by check, and the handover carrying what is left."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from dutyroom.domain.playbooks import steps_for
from dutyroom.services import handover_service, incident_service, integrity_service, playbook_service
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 1, 3, 20, tzinfo=Z)


def _leak(backend) -> int:
    return incident_service.add_incident(backend.uow, {
        "received_at": "2026-07-01T03:10", "title": "化工厂储罐泄漏", "category": "accident",
        "subtype": "危化品泄漏", "level": "III"}, now=NOW).value.id


def test_a_tick_records_who_and_when_and_the_handover_carries_the_rest(backend):
    incident = _leak(backend)
    steps = steps_for("危化品泄漏")
    after = playbook_service.set_step(backend.uow, incident, steps[1], True,
                                      now=NOW + timedelta(minutes=5))
    assert after.changes.incidents
    ticked = [s for s in after.value if s.done]
    assert [(s.text, s.ticked_by) for s in ticked] == [(steps[1], "tester")]
    assert ticked[0].ticked_at == NOW + timedelta(minutes=5)
    again = playbook_service.set_step(backend.uow, incident, steps[1], True)
    assert not again.changes  # ticking twice records nothing new
    view = handover_service.handover_view(backend.uow, date(2026, 6, 30), NOW + timedelta(hours=1))
    open_items = next(s for s in view.record.sections if s.key == "open_items")
    carried = [line for line in open_items.lines if line.key == f"playbook/{incident}"]
    assert len(carried) == 1
    assert steps[0] in carried[0].cells[1] and steps[1] not in carried[0].cells[1]
    assert carried[0].cells[3] == f"{len(steps) - 1} 项未勾选"
    # as the record stood before the tick, the step was still open
    before = handover_service.handover_view(backend.uow, date(2026, 6, 30),
                                            NOW + timedelta(minutes=2))
    line = next(line for s in before.record.sections for line in s.lines
                if line.key == f"playbook/{incident}")
    assert steps[1] in line.cells[1]
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_unticking_and_refusals(backend):
    incident = _leak(backend)
    step = steps_for("危化品泄漏")[0]
    playbook_service.set_step(backend.uow, incident, step, True, now=NOW)
    off = playbook_service.set_step(backend.uow, incident, step, False, now=NOW)
    assert off.changes and not any(s.done for s in off.value)
    with pytest.raises(InputError) as caught:
        playbook_service.set_step(backend.uow, incident, "顺便买包烟", True)
    assert caught.value.problems[0].field == "step"
    with pytest.raises(InputError):
        playbook_service.set_step(backend.uow, 9999, step, True)
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_check_notices_a_tick_moved_behind_the_app(backend):
    incident = _leak(backend)
    playbook_service.set_step(backend.uow, incident, steps_for("危化品泄漏")[0], True, now=NOW)
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE playbook_ticks SET ticked_by = 'someone else'"))
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert not report.ok and any("处置要点" in p for p in report.problems)


# --- the desk's own lists ------------------------------------------------------------------


def _lists(backend) -> dict[str, playbook_service.PlaybookList]:
    return {p.subtype: p for p in playbook_service.playbook_lists(backend.uow)}


def _audit_count(backend) -> int:
    with backend.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM audit_entries")).scalar_one()


def test_a_desk_edits_its_list_and_what_was_ticked_on_past_incidents_stays(backend):
    shipped = steps_for("危化品泄漏")
    past = _leak(backend)
    playbook_service.set_step(backend.uow, past, shipped[1], True, now=NOW)
    mine = [shipped[2], shipped[0], "通知化工园区管委会启动园区预案"]  # reordered, one gone, one new
    saved = playbook_service.save_playbooks(backend.uow, {"危化品泄漏": mine}, now=NOW)
    assert saved.changes.incidents and saved.changes.departments
    assert saved.value[0].steps == tuple(mine) and saved.value[0].edited
    assert _lists(backend)["危化品泄漏"].shipped == shipped
    assert not _lists(backend)["火灾"].edited  # only the one edited
    # the past incident: the new list in its order, and the tick under the old one kept
    listed = playbook_service.checklist(backend.uow, past)
    assert [s.text for s in listed] == [*mine, shipped[1]]
    assert [(s.text, s.ticked_by) for s in listed if s.done] == [(shipped[1], "tester")]
    # a new step can be ticked; a step no longer on the list cannot be ticked anew
    playbook_service.set_step(backend.uow, past, mine[2], True, now=NOW)
    with pytest.raises(InputError):
        playbook_service.set_step(backend.uow, past, shipped[3], True, now=NOW)
    # the handover carries what is left of the desk's own list
    view = handover_service.handover_view(backend.uow, date(2026, 6, 30), NOW + timedelta(hours=1))
    line = next(line for s in view.record.sections for line in s.lines if line.key == f"playbook/{past}")
    assert mine[0] in line.cells[1] and shipped[3] not in line.cells[1]
    with backend.uow.read() as session:
        payloads = [json.loads(p) for (p,) in session.execute(text(
            "SELECT payload FROM audit_entries WHERE entity = 'playbook' ORDER BY id"))]
    assert json.loads(payloads[-1]["steps"]) == mine
    assert integrity_service.run_check(backend.uow, backend.engine).ok
    before = _audit_count(backend)
    assert not playbook_service.save_playbooks(backend.uow, {"危化品泄漏": mine}).changes  # same again
    assert _audit_count(backend) == before
    back = playbook_service.save_playbooks(backend.uow, {"危化品泄漏": list(shipped)}, now=NOW)
    assert back.changes and not back.value[0].edited
    assert [s.text for s in playbook_service.checklist(backend.uow, past)][:len(shipped)] == list(shipped)


BAD_LISTS = [
    ({"不存在的子类": ["问清情况"]}, "不是已知的事件子类"),
    ({"火灾": ["问清情况", " 问清情况 "]}, "第 2 步与第 1 步相同"),
    ({"火灾": ["问清情况", "   "]}, "第 2 步不能为空"),
    ({"火灾": ["长" * 101]}, "过长"),
    ({"火灾": [f"第{n}步" for n in range(31)]}, "最多 30 步"),
    ({"火灾": "问清情况"}, "步骤的列表"),
    ({"火灾": ["问清\x07情况"]}, "控制字符"),
    ({"火灾": ["问清情况"], "溺水": [3]}, "第 1 步应为文字"),  # all or none
]


@pytest.mark.parametrize(("lists", "message"), BAD_LISTS)
def test_a_bad_list_is_refused_with_one_sentence_and_nothing_saved(backend, lists, message):
    before = (_audit_count(backend), _lists(backend))
    with pytest.raises(InputError, match=message):
        playbook_service.save_playbooks(backend.uow, lists, now=NOW)
    assert (_audit_count(backend), _lists(backend)) == before


def test_a_list_edited_behind_the_app_is_found_by_check_and_the_shipped_list_serves(backend):
    playbook_service.save_playbooks(backend.uow, {"火灾": ["问清地点", "通知消防救援站"]}, now=NOW)
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE playbooks SET steps = '[\"删掉了\", \"删掉了\"]'"))
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert any("处置要点清单" in p for p in report.problems), report.problems
    assert _lists(backend)["火灾"].steps == steps_for("火灾")  # an unreadable list is not used


def test_two_seats_editing_one_list_never_undo_each_other(backend):
    """Both seats opened the editor on the shipped 火灾 list; the first saves. The second's
    save would silently put back the steps the first removed: it is refused, naming the
    list, and nothing of it is saved (its other lists neither: all or none)."""
    from dutyroom.services.errors import ConflictError

    shipped = steps_for("火灾")
    read = {"火灾": shipped, "溺水": steps_for("溺水")}
    playbook_service.save_playbooks(backend.uow, {"火灾": list(shipped[1:])}, now=NOW,
                                    read={"火灾": shipped})
    before = _audit_count(backend)
    with pytest.raises(ConflictError) as refused:
        playbook_service.save_playbooks(
            backend.uow, {"火灾": [*shipped, "通知供电所断电"], "溺水": ["打捞"]}, now=NOW, read=read)
    assert "「火灾」" in refused.value.message and "未保存" in refused.value.message
    assert _lists(backend)["火灾"].steps == shipped[1:] and not _lists(backend)["溺水"].edited
    assert _audit_count(backend) == before
    # Seen again, it saves over the latest.
    again = playbook_service.save_playbooks(backend.uow, {"火灾": [*shipped[1:], "通知供电所断电"]},
                                            now=NOW, read={"火灾": shipped[1:]})
    assert again.value[0].steps[-1] == "通知供电所断电"
