"""Attachments in the field package: the files of the open incidents and the desk's plans go
out (with the desk's own 处置要点 lists); a photo attached on the laptop comes back once, on
the right record; a removal marked in the field stands; a package whose file bytes do not
match the SHA-256 its audit chain recorded is refused whole (desk on SQLite or PostgreSQL,
the laptop an SQLite file)."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text

from dutyroom.app import open_backend
from dutyroom.db import audit
from dutyroom.db.models import Attachment, AuditEntry, audit_key
from dutyroom.domain.roles import Actor, Role
from dutyroom.services import (
    attachment_service,
    field_service,
    incident_service,
    incident_views,
    integrity_service,
    plan_service,
    playbook_service,
    register_service,
)
from dutyroom.services.errors import InputError
from tests.fuzz.tables import contents

NOW = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
DAY = date(2026, 7, 1)
FIELD = Actor.user(9, "wang", "王五", Role.OFFICER, None)
PLAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _at(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


def _incident(uow, title, minutes=0):
    return incident_service.add_incident(uow, {"received_at": _at(minutes).isoformat(), "title": title,
                                               "category": "natural_disaster", "subtype": "地质灾害"},
                                         now=_at(minutes)).value


def _file(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _by_title(uow, title):
    return next(r for r in incident_views.list_incidents(uow, incident_views.IncidentQuery()).rows
                if r.title == title)


def _bytes(uow, attachment_id, tmp_path):
    return attachment_service.write_copy(uow, attachment_id, tmp_path / "copies").read_bytes()


def _export(desk, path):
    return field_service.export_package(desk.uow, DAY, DAY + timedelta(days=6), path, now=NOW).value


def _laptop(path):
    laptop = open_backend(path, "tester")
    laptop.uow = laptop.uow.for_actor(FIELD)
    return laptop


def _merge(desk, path, hours=5):
    return field_service.merge_package(desk.uow, path, now=NOW + timedelta(hours=hours))


@pytest.fixture
def desk(backend, tmp_path):
    slide = _incident(backend.uow, "山体滑坡")
    attachment_service.add_attachment(backend.uow, "incident", slide.id,
                                      _file(tmp_path, "来文.pdf", PLAN + b"scan"), now=_at(1))
    plan_service.add_plan(backend.uow, "地质灾害应急预案", "地质灾害", _file(tmp_path, "预案.pdf", PLAN))
    return backend


def test_files_go_out_and_a_field_photo_comes_back_once(desk, tmp_path):
    playbook_service.save_playbooks(desk.uow, {"地质灾害": ["问清位置", "撤离危险区人员"]})
    package = tmp_path / "field.dutyroom"
    made = _export(desk, package)
    assert (made.attachments, made.attachment_bytes) == (2, 2 * len(PLAN) + 4)

    laptop = _laptop(package)
    assert integrity_service.run_check(laptop.uow, laptop.engine).ok
    slide = _by_title(laptop.uow, "山体滑坡")
    [scan] = attachment_service.list_attachments(laptop.uow, "incident", slide.id)
    assert _bytes(laptop.uow, scan.id, tmp_path / "l") == PLAN + b"scan"  # the file travelled
    [plan] = plan_service.plans_for(laptop.uow, "地质灾害")
    assert plan.title == "地质灾害应急预案"  # and the plan, to read at the scene
    steps = playbook_service.checklist(laptop.uow, slide.id)
    assert [s.text for s in steps] == ["问清位置", "撤离危险区人员"]  # the desk's own checklist
    photo = os.urandom(300_000)
    attachment_service.add_attachment(laptop.uow, "incident", slide.id,
                                      _file(tmp_path, "现场照片.jpg", photo), now=_at(40))
    laptop.close()

    first = _merge(desk, package)
    assert first.value.counts == {"added": 1, "same": 2}  # the photo; the incident, the scan
    assert first.changes.incidents
    desk_slide = _by_title(desk.uow, "山体滑坡")
    listed = attachment_service.list_attachments(desk.uow, "incident", desk_slide.id)
    assert [(a.name, a.added_by) for a in listed] == [("来文.pdf", "tester"), ("现场照片.jpg", "王五(wang)")]
    assert listed[1].sha256 == hashlib.sha256(photo).hexdigest()
    assert listed[1].added_at == _at(40)  # when it was attached in the field, not merged
    assert _bytes(desk.uow, listed[1].id, tmp_path / "d") == photo
    assert integrity_service.run_check(desk.uow, desk.engine).ok

    before = contents(desk.engine)
    again = _merge(desk, package, hours=6)
    assert again.value.counts == {} and not again.changes  # merging twice adds nothing
    assert contents(desk.engine) == before


def test_files_on_records_made_in_the_field_land_on_those_records(desk, tmp_path):
    package = tmp_path / "field.dutyroom"
    _export(desk, package)
    _incident(desk.uow, "道路塌方", minutes=20)  # takes at the desk the id the laptop gives next
    laptop = _laptop(package)
    trapped = _incident(laptop.uow, "村民被困", minutes=30)
    call = register_service.add_entry(laptop.uow, {"kind": "call", "received_at": _at(31).isoformat(),
                                                   "from_unit": "东岭村", "title": "请求送沙袋"},
                                      now=_at(31)).value
    attachment_service.add_attachment(laptop.uow, "incident", trapped.id,
                                      _file(tmp_path, "被困位置.png", b"\x89PNG\r\n" + os.urandom(999)),
                                      now=_at(32))
    attachment_service.add_attachment(laptop.uow, "register_entry", call.id,
                                      _file(tmp_path, "传真.tif", os.urandom(2048)), now=_at(33))
    laptop.close()

    report = _merge(desk, package).value
    assert report.counts["added"] == 4  # the incident, the call and their two files
    road, trapped_here = _by_title(desk.uow, "道路塌方"), _by_title(desk.uow, "村民被困")
    assert attachment_service.list_attachments(desk.uow, "incident", road.id) == []
    [picture] = attachment_service.list_attachments(desk.uow, "incident", trapped_here.id)
    assert (picture.name, picture.media_type) == ("被困位置.png", "image/png")
    with desk.uow.read() as session:
        fax = session.scalars(select(Attachment).where(Attachment.name == "传真.tif")).one()
        assert fax.owner_kind == "register_entry"
        owner = session.execute(text("SELECT title FROM register_entries WHERE id = :i"),
                                {"i": fax.owner_id}).scalar()
    assert owner == "请求送沙袋"
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    assert _merge(desk, package, hours=6).value.counts == {}


def test_a_removal_marked_in_the_field_stands_at_the_desk(desk, tmp_path):
    package = tmp_path / "field.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    [scan] = attachment_service.list_attachments(laptop.uow, "incident", _by_title(laptop.uow, "山体滑坡").id)
    attachment_service.remove_attachment(laptop.uow, scan.id, "传错了文件", now=_at(50))
    laptop.close()
    assert _merge(desk, package).value.counts == {"updated": 1, "same": 1}
    slide = _by_title(desk.uow, "山体滑坡")
    assert attachment_service.list_attachments(desk.uow, "incident", slide.id) == []
    [kept] = attachment_service.list_attachments(desk.uow, "incident", slide.id, include_removed=True)
    assert (kept.removed_by, kept.removal_reason, kept.removed_at) == ("王五(wang)", "传错了文件", _at(50))
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def _tamper(path, statements, recompute):
    """Edit the package as an SQLite editor would; with `recompute`, also append the
    attachments' new states to the (unkeyed) chain so the package passes its own check."""
    laptop = open_backend(path, "tester")
    try:
        with laptop.uow.write(None) as session:
            for statement, values in statements:
                session.execute(text(statement), values)
            session.flush()
            if recompute:
                for row in session.scalars(select(Attachment)):
                    audit.append(session, actor="王五(wang)", entity="attachment",
                                 entity_id=audit_key(row), action="update", payload=row.snapshot())
        assert integrity_service.run_check(laptop.uow, laptop.engine).ok is recompute
    finally:
        laptop.close()


def _swap(name, forged, recompute):
    statements = [("UPDATE attachment_blobs SET data = :d WHERE attachment_id = "
                   "(SELECT id FROM attachments WHERE name = :n)", {"d": forged, "n": name})]
    if recompute:
        statements.append(("UPDATE attachments SET sha256 = :h, size = :s WHERE name = :n",
                           {"h": hashlib.sha256(forged).hexdigest(), "s": len(forged), "n": name}))
    return statements


@pytest.mark.parametrize("name", ["来文.pdf", "现场照片.jpg"])  # exported by the desk; added in the field
@pytest.mark.parametrize("recompute", [False, True])
def test_a_package_whose_file_bytes_do_not_match_its_chain_is_refused_whole(desk, tmp_path, name,
                                                                             recompute):
    package = tmp_path / "field.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    slide = _by_title(laptop.uow, "山体滑坡")
    attachment_service.add_attachment(laptop.uow, "incident", slide.id,
                                      _file(tmp_path, "现场照片.jpg", os.urandom(5000)), now=_at(40))
    _incident(laptop.uow, "村民被困", minutes=45)
    laptop.close()
    _tamper(package, _swap(name, b"%PDF-1.4 forged " + os.urandom(64), recompute), recompute)
    before = contents(desk.engine)
    with pytest.raises(InputError, match="SHA-256") as refused:
        _merge(desk, package)
    assert f"附件「{name}」" in str(refused.value)
    assert contents(desk.engine) == before  # not even the genuine new incident
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def test_a_file_moved_to_another_record_in_the_package_is_refused(desk, tmp_path):
    package = tmp_path / "field.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    other = _incident(laptop.uow, "村民被困", minutes=45)
    laptop.close()
    _tamper(package, [("UPDATE attachments SET owner_id = :o WHERE name = '来文.pdf'",
                       {"o": other.id})], recompute=True)
    before = contents(desk.engine)
    with pytest.raises(InputError, match=re.escape("附件「来文.pdf」")):
        _merge(desk, package)
    assert contents(desk.engine) == before


def test_a_file_larger_than_the_desk_takes_is_a_conflict_line_and_the_rest_merges(desk, tmp_path):
    """The laptop attached a 1.5 MB recording; the desk's limit is now 1 MB. It is not taken
    (its bytes never stored), the merge report names it with its size, and the incident and
    the photo recorded beside it merge; merging again adds nothing."""
    from dutyroom.services import settings_service

    package = tmp_path / "field.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    slide = _by_title(laptop.uow, "山体滑坡")
    recording = os.urandom(1_572_864)
    attachment_service.add_attachment(laptop.uow, "incident", slide.id,
                                      _file(tmp_path, "现场录音.m4a", recording), now=_at(40))
    attachment_service.add_attachment(laptop.uow, "incident", slide.id,
                                      _file(tmp_path, "现场照片.jpg", os.urandom(4000)), now=_at(41))
    _incident(laptop.uow, "村民被困", minutes=45)
    laptop.close()
    settings_service.save_settings(desk.uow, {"attachment_limit_mb": 1})

    merged = _merge(desk, package).value
    assert merged.counts == {"added": 2, "conflict": 1, "same": 2}, merged
    [line] = merged.conflicts
    assert line.startswith("附件「现场录音.m4a」") and "1.5 MB" in line and "1 MB 的上限" in line, line
    listed = attachment_service.list_attachments(desk.uow, "incident", _by_title(desk.uow, "山体滑坡").id,
                                                 include_removed=True)
    assert [a.name for a in listed] == ["来文.pdf", "现场照片.jpg"]
    assert _by_title(desk.uow, "村民被困")
    with desk.uow.read() as session:  # the laptop's record of it is kept, not its bytes
        kept = session.scalars(select(AuditEntry.payload).where(AuditEntry.entity == "field_unmerged")).all()
    assert len(kept) == 1 and "现场录音.m4a" in kept[0]
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    before = contents(desk.engine)
    assert _merge(desk, package, hours=6).value.counts == {}
    assert contents(desk.engine) == before


def test_a_removal_in_the_field_of_a_file_the_desk_sent_comes_back_audited_once(desk, tmp_path):
    """The desk's scan, removed on the laptop: removed at the desk with who, when and why,
    chained into the audit trail; it never comes back as a new file, and a second merge of a
    newer copy of the laptop changes nothing more."""
    package = tmp_path / "field.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    slide = _by_title(laptop.uow, "山体滑坡")
    [scan] = attachment_service.list_attachments(laptop.uow, "incident", slide.id)
    attachment_service.remove_attachment(laptop.uow, scan.id, "扫描件不清晰", now=_at(50))
    laptop.close()
    merged = _merge(desk, package).value
    assert merged.counts == {"updated": 1, "same": 1} and merged.conflicts == []
    desk_slide = _by_title(desk.uow, "山体滑坡")
    [kept] = attachment_service.list_attachments(desk.uow, "incident", desk_slide.id, include_removed=True)
    assert (kept.name, kept.removed_by, kept.removal_reason, kept.removed_at) == \
        ("来文.pdf", "王五(wang)", "扫描件不清晰", _at(50))
    with desk.uow.read() as session:
        actions = session.execute(text("SELECT action, actor FROM audit_entries WHERE entity = 'attachment'"
                                       " AND entity_id = :i ORDER BY id"), {"i": str(kept.id)}).all()
    assert [tuple(a) for a in actions][-1] == ("field_update", "tester")
    laptop = _laptop(package)  # the laptop goes on: a new incident, merged again
    _incident(laptop.uow, "村民被困", minutes=70)
    laptop.close()
    again = _merge(desk, package, hours=6).value
    assert again.counts == {"added": 1}, again
    assert len(attachment_service.list_attachments(desk.uow, "incident", desk_slide.id,
                                                   include_removed=True)) == 1
    assert integrity_service.run_check(desk.uow, desk.engine).ok


@pytest.mark.parametrize("removed_at", ["2026-07-01 02:30:00.000000",  # added 02:01, left 04:00
                                        "2099-01-01 00:00:00.000000"])
def test_a_removal_dated_outside_the_field_trip_is_refused(desk, tmp_path, removed_at):
    """A removal the laptop can only have marked after the package left at 04:00: one dated
    02:30 would rewrite the desk's own record of the file (removed before anyone saw it)."""
    package = tmp_path / "field.dutyroom"
    field_service.export_package(desk.uow, DAY, DAY + timedelta(days=6), package, now=_at(120))
    laptop = _laptop(package)
    [scan] = attachment_service.list_attachments(laptop.uow, "incident", _by_title(laptop.uow, "山体滑坡").id)
    attachment_service.remove_attachment(laptop.uow, scan.id, "传错了文件", now=_at(150))
    laptop.close()
    _tamper(package, [("UPDATE attachments SET removed_at = :t WHERE name = '来文.pdf'",
                       {"t": removed_at})], recompute=True)
    before = contents(desk.engine)
    with pytest.raises(InputError, match="移除时间无效"):
        _merge(desk, package)
    assert contents(desk.engine) == before
