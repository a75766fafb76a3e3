"""The chain's head on the signed handover, and restores that are checked in full: a file
failing `check` needs a recorded reason, one older than the newest anchor says what it loses."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from dutyroom.db.models import AuditEntry
from dutyroom.domain.anchors import parse_anchor
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    backup_service,
    handover_service,
    integrity_service,
    shift_service,
    staff_service,
    user_service,
)
from dutyroom.services.errors import InputError

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=Z)


def _accepted_shift(backend):
    uow = backend.uow
    officer = staff_service.add_staff(uow, {"name": "胡斌", "tier": "officer", "mobile": "13907312002"}).value
    nxt = staff_service.add_staff(uow, {"name": "邓洁", "tier": "officer", "mobile": "13907312003"}).value
    from dutyroom.services import roster_service

    roster_service.assign(uow, DAY, Tier.OFFICER, officer.id)
    roster_service.assign(uow, DAY + timedelta(days=1), Tier.OFFICER, nxt.id)
    shift_service.check_in(uow, "officer", officer.id, at=at("2026-11-23T08:25"))
    before = integrity_service.run_check(uow, backend.engine).head
    handover_service.accept(uow, DAY, nxt.id, notes="", equipment="", at=at("2026-11-24T08:20"))
    return before


def test_the_accepted_handover_keeps_the_chain_head_and_prints_it(backend):
    before = _accepted_shift(backend)
    view = handover_service.handover_view(backend.uow, DAY, at("2026-11-24T09:00"))
    anchor = parse_anchor(view.record.anchor)
    assert anchor == before  # the head just before the acceptance was chained
    assert integrity_service.run_check(backend.uow, backend.engine, (anchor,)).ok
    document = handover_service.handover_document(backend.uow, DAY, at("2026-11-24T09:00"))
    text = "".join(page.extract_text() for page in PdfReader(_pdf(document)).pages)
    printed_now = integrity_service.run_check(backend.uow, backend.engine).head
    assert anchor.readable() in text.replace("\n", "") or anchor.digest[:4] in text
    assert f"第 {printed_now.position} 条" in text and "check --anchor" in text


def _pdf(document):
    import io

    return io.BytesIO(document.data)


def test_a_restore_runs_the_full_check_and_needs_a_recorded_reason(sqlite_backend, tmp_path):
    uow = sqlite_backend.uow
    staff_service.add_staff(uow, {"name": "张三", "tier": "值班员", "mobile": "13800138000"})
    planted = backup_service.backup_to(sqlite_backend.url, tmp_path / "planted.sqlite3")
    with sqlite3.connect(planted) as raw:  # an administrator written straight into the file
        raw.execute("INSERT INTO users (username, display_name, role, password_hash, active, created_at)"
                    " VALUES ('mole', '内鬼', 'admin', 'x', 1, '2026-01-01 00:00:00')")
    with pytest.raises(InputError, match=r"未通过完整性检查.*用户「内鬼」"):
        backup_service.restore(uow, sqlite_backend.engine, sqlite_backend.url, planted)
    assert [p.name for p in staff_service.list_staff(uow)] == ["张三"]
    assert not any(u.username == "mole" for u in user_service.list_users(uow))
    report = backup_service.restore(uow, sqlite_backend.engine, sqlite_backend.url, planted,
                                    override="县局要求按此备份恢复，待核查")
    assert report.overridden and any("内鬼" in p for p in report.overridden)
    with uow.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.action == "restore_override"
    assert json.loads(last.payload)["reason"] == "县局要求按此备份恢复，待核查"


def test_restoring_a_backup_older_than_the_newest_anchor_says_what_is_lost(sqlite_backend, tmp_path):
    uow = sqlite_backend.uow
    staff_service.add_staff(uow, {"name": "张三", "tier": "值班员", "mobile": "13800138000"})
    older = backup_service.backup_to(sqlite_backend.url, tmp_path / "older.sqlite3")
    _accepted_shift(sqlite_backend)  # signed on paper after the backup was taken
    plan = backup_service.plan_restore(uow, sqlite_backend.url, older)
    assert not plan.problems and "早于本库 2026-11-23 班次接班确认" in plan.lost
    assert "交接班记录 1 条" in plan.lost and "人员 2 条" in plan.lost
    with pytest.raises(InputError, match="恢复后将失去"):
        backup_service.restore(uow, sqlite_backend.engine, sqlite_backend.url, older)
    assert len(staff_service.list_staff(uow)) == 3
    report = backup_service.restore(uow, sqlite_backend.engine, sqlite_backend.url, older,
                                    accept_loss=True)
    assert report.lost and [p.name for p in staff_service.list_staff(uow)] == ["张三"]
    newer = backup_service.backup_to(sqlite_backend.url, tmp_path / "newer.sqlite3")
    assert backup_service.plan_restore(uow, sqlite_backend.url, newer).lost == ""
