"""Tampering with the file behind the app's back is found by the audit chain and `check`."""

import json

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.services import department_service, integrity_service, staff_service


def owner_tampers(connection) -> None:
    """Tampering as the server's owner would do it on purpose: past the trigger that keeps
    audit_entries append-only (migration 0014), which only the owner may disable."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER USER"))


def _add_people(backend, count=3):
    for i in range(count):
        staff_service.add_staff(backend.uow, {"name": f"值班员{i}", "tier": "officer",
                                              "mobile": f"1380013800{i}"})


def test_an_untouched_desk_passes(backend):
    _add_people(backend)
    department_service.add_department(backend.uow, {"name": "派出所", "duty_phone": "110"})
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert report.ok, report.problems
    assert report.audit_entries == 4


def test_each_link_covers_the_previous_one(backend):
    _add_people(backend, 2)
    with Session(backend.engine) as session:
        rows = session.execute(text(
            "SELECT prev_hash, hash FROM audit_entries ORDER BY id")).all()
    assert rows[0][0] == audit.GENESIS
    assert rows[1][0] == rows[0][1]


@pytest.mark.owner  # the desk role cannot edit an audit entry at all (test_server_roles.py)
def test_an_edited_audit_entry_breaks_the_chain(backend):
    _add_people(backend)
    with backend.engine.begin() as connection:
        owner_tampers(connection)
        payload = json.loads(connection.execute(
            text("SELECT payload FROM audit_entries WHERE id = 2")).scalar_one())
        payload["mobile"] = "13999999999"
        connection.execute(text("UPDATE audit_entries SET payload = :p WHERE id = 2"),
                           {"p": audit.canonical(payload)})
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert not report.ok
    assert any("审计链第 2 条" in p for p in report.problems)


@pytest.mark.owner
def test_a_deleted_audit_entry_breaks_the_chain(backend):
    _add_people(backend)
    with backend.engine.begin() as connection:
        owner_tampers(connection)
        connection.execute(text("DELETE FROM audit_entries WHERE id = 2"))
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert any("审计链第 3 条" in p and "删除" in p for p in report.problems)


def test_a_record_edited_directly_in_the_file_is_found(backend):
    _add_people(backend)
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE staff SET mobile = '13911112222' WHERE name = '值班员1'"))
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert report.problems == ["人员「值班员1」(#2) 与最后一次审计记录不一致，可能被直接改动"]


def test_a_record_inserted_or_deleted_directly_is_found(backend):
    _add_people(backend)
    with backend.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO staff (name, tier, mobile, office_phone, department, position, active,"
            " created_at, updated_at, version) VALUES ('影子', 'officer', '13700000000', '', '',"
            " '', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"))
        connection.execute(text("DELETE FROM staff WHERE name = '值班员0'"))
    problems = integrity_service.run_check(backend.uow, backend.engine).problems
    assert any("影子" in p and "没有审计记录" in p for p in problems)
    assert any("#1 有审计记录但已不在数据库中" in p for p in problems)


def test_a_rolled_back_change_leaves_no_stale_link(backend):
    _add_people(backend, 1)
    with backend.uow.read() as session:
        try:
            with session.begin():
                audit.append(session, actor="t", entity="x", entity_id=1, action="create",
                             payload={"n": 1})
                raise RuntimeError("power cut")
        except RuntimeError:
            pass
        with session.begin():
            audit.append(session, actor="t", entity="x", entity_id=2, action="create",
                         payload={"n": 2})
    report = integrity_service.run_check(backend.uow, backend.engine)
    assert report.ok, report.problems
    assert report.audit_entries == 2
