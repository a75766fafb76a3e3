"""Attachments and 应急预案 through the services, on SQLite and PostgreSQL (bytea): kept
whole with their SHA-256 audited, bad files refused with nothing saved, soft removal,
a copy for the viewer, `check` naming a swapped file, and backup/restore carrying them."""

from __future__ import annotations

import hashlib
import os
import pathlib
import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text

from dutyroom.db.models import Attachment, AttachmentBlob, AuditEntry
from dutyroom.domain.roles import ROLE_PERMISSIONS, Actor, Role
from dutyroom.services import (
    attachment_service,
    backup_service,
    incident_service,
    integrity_service,
    plan_service,
    register_service,
    settings_service,
)
from dutyroom.services.errors import InputError, PermissionDenied

Z = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 1, 3, 20, tzinfo=Z)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _incident(backend) -> int:
    return incident_service.add_incident(backend.uow, {
        "received_at": "2026-07-01T03:10", "title": "化工厂储罐泄漏", "category": "accident",
        "subtype": "危化品泄漏", "level": "III"}, now=NOW).value.id


def _counts(backend) -> tuple[int, int, int]:
    with backend.uow.read() as session:
        return (session.scalar(select(func.count()).select_from(Attachment)) or 0,
                session.scalar(select(func.count()).select_from(AttachmentBlob)) or 0,
                session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_a_file_is_kept_whole_with_its_hash_audited_and_opens_as_a_copy(backend, tmp_path):
    incident = _incident(backend)
    data = os.urandom(3 * 1024 * 1024 + 17)  # several read pieces, not a round number
    scan = tmp_path / "来文扫描件.pdf"
    scan.write_bytes(b"%PDF-1.7\n" + data)
    added = attachment_service.add_attachment(backend.uow, "incident", incident, scan, now=NOW)
    assert added.changes.incidents
    view = added.value
    whole = scan.read_bytes()
    assert (view.name, view.size, view.sha256, view.added_by, view.is_pdf) == (
        "来文扫描件.pdf", len(whole), hashlib.sha256(whole).hexdigest(), "tester", True)
    with backend.uow.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "attachment")).one()
    assert view.sha256 in entry.payload  # the hash is in the chain
    listed = attachment_service.list_attachments(backend.uow, "incident", incident)
    assert [a.id for a in listed] == [view.id]
    copy = attachment_service.write_copy(backend.uow, view.id, tmp_path / "open")
    assert copy.name == "来文扫描件.pdf" and copy.read_bytes() == whole
    again = attachment_service.write_copy(backend.uow, view.id, tmp_path / "open")  # reopen
    assert again == copy and again.read_bytes() == whole
    assert integrity_service.run_check(backend.uow, backend.engine).ok


@pytest.mark.parametrize("case", ["missing", "folder", "empty", "too big", "fifo"])
def test_bad_files_are_refused_with_a_sentence_and_nothing_saved(backend, tmp_path, case):
    incident = _incident(backend)
    settings_service.save_settings(backend.uow, {"attachment_limit_mb": 1})
    target = tmp_path / "x.jpg"
    expected = {"missing": "找不到文件", "folder": "是文件夹", "empty": "空文件",
                "too big": "超过每个附件 1 MB 的上限", "fifo": "不是普通文件"}[case]
    if case == "folder":
        target.mkdir()
    elif case == "empty":
        target.write_bytes(b"")
    elif case == "too big":
        target.write_bytes(b"\xff" * (1024 * 1024 + 1))
    elif case == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(target)
    before = _counts(backend)
    with pytest.raises(InputError) as caught:
        attachment_service.add_attachment(backend.uow, "incident", incident, target)
    assert expected in str(caught.value) and "Traceback" not in str(caught.value)
    assert _counts(backend) == before


def test_an_unreadable_file_is_refused(backend, tmp_path, monkeypatch):
    incident = _incident(backend)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(PDF)
    locked.chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root reads anything: refuse as a lock would
        real_open = pathlib.Path.open

        def refuse(self, *args, **kwargs):
            if self == locked:
                raise PermissionError(13, "Permission denied")
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", refuse)
    before = _counts(backend)
    with pytest.raises(InputError, match="无法读取"):
        attachment_service.add_attachment(backend.uow, "incident", incident, locked)
    assert _counts(backend) == before


def test_owners_must_exist_and_not_be_void_and_the_kind_be_known(backend, tmp_path):
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + os.urandom(100))
    with pytest.raises(InputError, match="没有编号为 999 的事件"):
        attachment_service.add_attachment(backend.uow, "incident", 999, photo)
    with pytest.raises(InputError, match="不是可以加附件"):
        attachment_service.add_attachment(backend.uow, "staff", 1, photo)
    entry = register_service.add_entry(backend.uow, {
        "kind": "fax", "received_at": "2026-07-01T03:05", "from_unit": "县应急局",
        "title": "关于做好防汛工作的通知"}, now=NOW).value
    added = attachment_service.add_attachment(backend.uow, "register_entry", entry.id, photo)
    assert added.changes.register and added.value.media_type == "image/jpeg"
    register_service.void_entry(backend.uow, entry.id, None, "重复登记")
    with pytest.raises(InputError, match="已作废"):
        attachment_service.add_attachment(backend.uow, "register_entry", entry.id, photo)


def test_removal_is_marked_audited_and_keeps_the_file(backend, tmp_path):
    incident = _incident(backend)
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG" + os.urandom(500))
    view = attachment_service.add_attachment(backend.uow, "incident", incident, photo).value
    with pytest.raises(InputError, match="须写明原因"):
        attachment_service.remove_attachment(backend.uow, view.id, "  ")
    removed = attachment_service.remove_attachment(backend.uow, view.id, "传错了照片", now=NOW).value
    assert removed.removed and removed.removed_by == "tester" and removed.removal_reason == "传错了照片"
    assert attachment_service.list_attachments(backend.uow, "incident", incident) == []
    kept = attachment_service.list_attachments(backend.uow, "incident", incident,
                                               include_removed=True)
    assert [a.id for a in kept] == [view.id]
    assert attachment_service.write_copy(backend.uow, view.id, tmp_path / "o").read_bytes() \
        == photo.read_bytes()  # the evidence stays
    with pytest.raises(InputError, match="已经移除"):
        attachment_service.remove_attachment(backend.uow, view.id, "再移除一次")
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_an_officer_may_attach_but_not_file_plans(backend, tmp_path):
    incident = _incident(backend)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(PDF)
    backend.uow = backend.uow.for_actor(Actor("值班员甲", ROLE_PERMISSIONS[Role.OFFICER]))
    attachment_service.add_attachment(backend.uow, "incident", incident, pdf)
    with pytest.raises(PermissionDenied):
        plan_service.add_plan(backend.uow, "危化品事故应急预案", "危化品泄漏", pdf)


@pytest.mark.owner
def test_plans_are_filed_linked_to_subtypes_and_listed_for_an_incident(backend, tmp_path):
    pdf = tmp_path / "危化品.pdf"
    pdf.write_bytes(PDF)
    plan = plan_service.add_plan(backend.uow, "危险化学品事故应急预案", "危化品泄漏、火灾", pdf,
                                 now=NOW).value
    assert plan.subtypes == ("危化品泄漏", "火灾") and plan.file is not None and plan.file.is_pdf
    assert [p.id for p in plan_service.plans_for(backend.uow, "火灾")] == [plan.id]
    assert plan_service.plans_for(backend.uow, "山洪") == []
    not_pdf = tmp_path / "plan.docx"
    not_pdf.write_bytes(b"PK\x03\x04" + os.urandom(64))
    with pytest.raises(InputError, match="不是 PDF"):
        plan_service.add_plan(backend.uow, "防汛预案", "山洪", not_pdf)
    with pytest.raises(InputError, match="不是已知的事件子类"):
        plan_service.add_plan(backend.uow, "防汛预案", "山洪、外星人入侵", pdf)
    plan_service.update_plan(backend.uow, plan.id, "危险化学品事故应急预案（2026 修订）",
                             ["危化品泄漏"], active=False)
    assert plan_service.plans_for(backend.uow, "危化品泄漏") == []
    assert [p.title for p in plan_service.list_plans(backend.uow)] == ["危险化学品事故应急预案（2026 修订）"]
    assert integrity_service.run_check(backend.uow, backend.engine).ok
    with backend.engine.begin() as connection:  # put it back in force behind the app's back
        connection.execute(text("UPDATE emergency_plans SET active = :on"), {"on": True})
    problems = integrity_service.run_check(backend.uow, backend.engine).problems
    assert any(p.startswith("应急预案「危险化学品事故应急预案（2026 修订）」") for p in problems), problems


@pytest.mark.owner
def test_check_names_an_attachment_whose_bytes_were_swapped(backend, tmp_path):
    incident = _incident(backend)
    scan = tmp_path / "传真.tif"
    scan.write_bytes(os.urandom(2048))
    view = attachment_service.add_attachment(backend.uow, "incident", incident, scan).value
    assert integrity_service.run_check(backend.uow, backend.engine).ok
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE attachment_blobs SET data = :d WHERE attachment_id = :i"),
                           {"d": os.urandom(2048), "i": view.id})
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert not report.ok
    assert any("传真.tif" in p and "SHA-256 不符" in p for p in report.problems), report.problems
    with pytest.raises(InputError, match="SHA-256 不符"):  # never shown as if it were the file
        attachment_service.write_copy(backend.uow, view.id, tmp_path / "o")


@pytest.mark.owner
def test_check_names_a_recorded_hash_changed_to_match_a_swapped_file(backend, tmp_path):
    incident = _incident(backend)
    scan = tmp_path / "来文.pdf"
    scan.write_bytes(PDF)
    view = attachment_service.add_attachment(backend.uow, "incident", incident, scan).value
    other = b"%PDF-1.4 forged"
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE attachment_blobs SET data = :d WHERE attachment_id = :i"),
                           {"d": other, "i": view.id})
        connection.execute(text("UPDATE attachments SET sha256 = :h, size = :s WHERE id = :i"),
                           {"h": hashlib.sha256(other).hexdigest(), "s": len(other), "i": view.id})
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert any("附件「来文.pdf」" in p and "最后一次审计记录不一致" in p for p in report.problems), \
        report.problems


def test_backup_and_restore_carry_attachments(sqlite_backend, tmp_path):
    incident = _incident(sqlite_backend)
    first = tmp_path / "一.jpg"
    first.write_bytes(os.urandom(2 * 1024 * 1024))
    kept = attachment_service.add_attachment(sqlite_backend.uow, "incident", incident, first).value
    copy = backup_service.backup_to(sqlite_backend.url, tmp_path / "copy.sqlite3")
    assert backup_service.verify(copy) == []
    with sqlite3.connect(copy) as raw:
        (stored,) = raw.execute("SELECT data FROM attachment_blobs").fetchone()
    assert hashlib.sha256(stored).hexdigest() == kept.sha256
    second = tmp_path / "二.jpg"
    second.write_bytes(os.urandom(1000))
    attachment_service.add_attachment(sqlite_backend.uow, "incident", incident, second)
    backup_service.restore(sqlite_backend.uow, sqlite_backend.engine, sqlite_backend.url, copy)
    names = [a.name for a in attachment_service.list_attachments(sqlite_backend.uow, "incident",
                                                                  incident)]
    assert names == ["一.jpg"]
    assert attachment_service.write_copy(sqlite_backend.uow, kept.id, tmp_path / "o").read_bytes() \
        == first.read_bytes()
    assert integrity_service.run_check(sqlite_backend.uow, sqlite_backend.engine).ok


def test_listing_never_reads_a_blob(sqlite_backend, tmp_path):
    incident = _incident(sqlite_backend)
    scan = tmp_path / "a.pdf"
    scan.write_bytes(PDF)
    attachment_service.add_attachment(sqlite_backend.uow, "incident", incident, scan)
    statements: list[str] = []
    from sqlalchemy import event

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(sqlite_backend.engine, "before_cursor_execute", seen)
    try:
        attachment_service.list_attachments(sqlite_backend.uow, "incident", incident)
    finally:
        event.remove(sqlite_backend.engine, "before_cursor_execute", seen)
    assert statements and not any("attachment_blobs" in s for s in statements)
