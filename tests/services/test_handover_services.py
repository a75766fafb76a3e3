"""Handover through its services, on SQLite and PostgreSQL: the live draft, the incoming
officer's acceptance that locks it, corrections as revisions, and the printout."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from dutyroom.db.models import AuditEntry
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    handover_service,
    incident_service,
    integrity_service,
    roster_service,
    shift_service,
    staff_service,
    upward_reports,
)
from dutyroom.services.errors import ConflictError, InputError

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


@pytest.fixture
def desk(backend):
    people = {}
    for name, tier, mobile in (("王海涛", "leader", "13907311000"), ("胡斌", "officer", "13907312002"),
                               ("邓洁", "officer", "13907312003"), ("周敏", "officer", "13907312004")):
        people[name] = staff_service.add_staff(backend.uow, {"name": name, "tier": tier,
                                                             "mobile": mobile}).value.id
    for day, officer in ((DAY, "胡斌"), (DAY + timedelta(days=1), "邓洁")):
        roster_service.assign(backend.uow, day, Tier.LEADER, people["王海涛"])
        roster_service.assign(backend.uow, day, Tier.OFFICER, people[officer])
    shift_service.check_in(backend.uow, "officer", people["胡斌"], at=at("2026-11-23T08:25"))
    leak = incident_service.add_incident(backend.uow, {
        "received_at": "2026-11-23T16:37", "title": "青山化工园区储罐泄漏", "category": "accident",
        "level": "III"}, now=at("2026-11-23T16:38")).value.id
    upward_reports.record_report(backend.uow, leak, "first", "phone", sent_at=at("2026-11-23T16:52"),
                                   now=at("2026-11-23T16:52"))
    people["leak"] = leak
    return people


def section(view, key):
    return view.record.section(key).lines


def test_the_draft_is_read_live_from_the_shift(backend, desk):
    view = handover_service.handover_view(backend.uow, DAY, at("2026-11-23T18:00"))
    assert view.stored is None and not view.final
    assert (view.record.outgoing, view.record.incoming, view.record.leader) == ("胡斌", "邓洁", "王海涛")
    (incident,) = section(view, "incidents")
    assert incident.cells[4] == "电话首报 16:52"
    assert "书面报告 11-23 17:37 前" in incident.cells[5] and incident.alert
    assert view.accept_from == at("2026-11-24T08:15")
    assert view.incoming_id == desk["邓洁"]
    assert handover_service.handover_day(backend.uow, at("2026-11-24T08:20")) == DAY


def test_a_report_sent_after_the_shift_does_not_change_a_past_shift(backend, desk):
    upward_reports.record_report(backend.uow, desk["leak"], "first", "written",
                                   sent_at=at("2026-11-24T09:00"), now=at("2026-11-24T09:00"))
    view = handover_service.handover_view(backend.uow, DAY, at("2026-11-24T10:00"))
    (incident,) = section(view, "incidents")
    assert incident.cells[4] == "电话首报 16:52"
    assert view.record.assembled_at == "2026-11-24 08:30"


def test_acceptance_locks_the_record_as_it_stood(backend, desk):
    handover_service.save_draft(backend.uow, DAY, notes="东岭村险情请继续跟进", equipment="传真机缺纸",
                                at=at("2026-11-24T08:00"))
    with pytest.raises(InputError, match="接班签到开始（11-24 08:15）后才能接班确认"):
        handover_service.accept(backend.uow, DAY, desk["邓洁"], notes="", equipment="",
                                at=at("2026-11-24T08:10"))
    view = handover_service.handover_view(backend.uow, DAY, at("2026-11-24T08:20"))
    saved = handover_service.accept(backend.uow, DAY, desk["邓洁"], notes=view.stored.notes,
                                    equipment=view.stored.equipment, version=view.stored.version,
                                    at=at("2026-11-24T08:20")).value
    assert saved.final and saved.accepted_by == "邓洁" and saved.revision == 1
    # What happens afterwards does not alter the accepted record.
    upward_reports.record_report(backend.uow, desk["leak"], "first", "written",
                                   sent_at=at("2026-11-24T08:40"), now=at("2026-11-24T08:40"))
    locked = handover_service.handover_view(backend.uow, DAY, at("2026-11-24T12:00"))
    assert locked.final and locked.record.accepted_at == "2026-11-24 08:20"
    assert locked.record.notes == "东岭村险情请继续跟进"
    assert section(locked, "incidents")[0].cells[4] == "电话首报 16:52"
    with pytest.raises(InputError, match="已由邓洁接班确认并锁定"):
        handover_service.save_draft(backend.uow, DAY, notes="改", equipment="", at=at("2026-11-24T09:00"))
    with pytest.raises(InputError, match="已由邓洁接班确认并锁定"):
        handover_service.accept(backend.uow, DAY, desk["邓洁"], notes="", equipment="",
                                at=at("2026-11-24T09:00"))
    summary = handover_service.list_handovers(backend.uow)[0]
    assert (summary.day, summary.status_label, summary.incoming) == (DAY, "已接班", "邓洁")


def test_someone_other_than_the_rostered_officer_is_recorded_as_a_substitute(backend, desk):
    handover_service.accept(backend.uow, DAY, desk["周敏"], notes="", equipment="",
                            at=at("2026-11-24T08:20"))
    record = handover_service.handover_view(backend.uow, DAY, at("2026-11-24T09:00")).record
    assert record.incoming == "周敏（替 邓洁）"


def test_a_correction_is_a_new_revision_in_the_audit_chain(backend, desk):
    handover_service.accept(backend.uow, DAY, desk["邓洁"], notes="无", equipment="正常",
                            at=at("2026-11-24T08:20"))
    stored = handover_service.handover_view(backend.uow, DAY, at("2026-11-24T09:00")).stored
    with pytest.raises(InputError, match="更正原因"):
        handover_service.correct(backend.uow, DAY, notes="无", equipment="传真机缺纸", reason=" ",
                                 version=stored.version, at=at("2026-11-24T09:00"))
    with pytest.raises(InputError, match="与原记录相同"):
        handover_service.correct(backend.uow, DAY, notes="无", equipment="正常", reason="补记",
                                 version=stored.version, at=at("2026-11-24T09:00"))
    fixed = handover_service.correct(backend.uow, DAY, notes="无", equipment="传真机缺纸",
                                     reason="漏记设备故障", version=stored.version,
                                     at=at("2026-11-24T09:00")).value
    assert fixed.revision == 2
    record = handover_service.handover_view(backend.uow, DAY, at("2026-11-24T09:30")).record
    assert record.equipment == "传真机缺纸"
    assert [(c.at, c.by, c.reason) for c in record.corrections] == [
        ("2026-11-24 09:00", "tester", "漏记设备故障")]
    with pytest.raises(ConflictError):  # made on the copy from before the correction
        handover_service.correct(backend.uow, DAY, notes="又改", equipment="", reason="再改",
                                 version=stored.version, at=at("2026-11-24T10:00"))
    with backend.uow.read() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "handover")
                                       .order_by(AuditEntry.id)))
    assert actions == ["finalize", "revise"]
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_a_stale_draft_is_refused(backend, desk):
    first = handover_service.save_draft(backend.uow, DAY, notes="一", equipment="",
                                        at=at("2026-11-23T20:00")).value
    handover_service.save_draft(backend.uow, DAY, notes="二", equipment="", version=first.version,
                                at=at("2026-11-23T20:01"))
    with pytest.raises(ConflictError):
        handover_service.save_draft(backend.uow, DAY, notes="三", equipment="", version=first.version,
                                    at=at("2026-11-23T20:02"))
    with pytest.raises(InputError, match="其他交代事项"):
        handover_service.save_draft(backend.uow, DAY, notes="长" * 2001, equipment="",
                                    at=at("2026-11-23T20:03"))


def test_changes_since_the_previous_shift(backend, desk):
    view = handover_service.handover_view(backend.uow, DAY + timedelta(days=1), at("2026-11-24T20:00"))
    assert view.previous_day == DAY
    kinds = {(c.section, c.kind) for c in view.changes}
    assert ("突发事件", "变化") not in kinds  # the leak is carried in, unchanged
    incident_service.add_incident(backend.uow, {
        "received_at": "2026-11-24T19:00", "title": "东岭村山体滑坡", "category": "natural_disaster"},
        now=at("2026-11-24T19:01"))
    view = handover_service.handover_view(backend.uow, DAY + timedelta(days=1), at("2026-11-24T20:00"))
    assert any(c.kind == "新增" and "东岭村山体滑坡" in c.text for c in view.changes)


def test_the_printout(backend, desk, tmp_path):
    document = handover_service.handover_document(backend.uow, DAY, at("2026-11-23T18:00"))
    reader = PdfReader(__import__("io").BytesIO(document.data))
    assert len(reader.pages) == document.pages
    text = "".join(page.extract_text() for page in reader.pages)
    assert "交接班记录" in text and "青山化工园区储罐泄漏" in text
    assert f"第 1 页 共 {document.pages} 页" in text and "打印时间：2026-11-23 18:00" in text
