"""A laptop taken into the field and merged back: the desk on SQLite or PostgreSQL, the
laptop always an SQLite file (the package)."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from dutyroom.app import open_backend
from dutyroom.db.models import AuditEntry
from dutyroom.domain.roles import Actor, Role
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    backup_service,
    department_service,
    dispatch_service,
    field_service,
    incident_service,
    incident_views,
    integrity_service,
    register_service,
    roster_service,
    staff_service,
    upward_reports,
)
from dutyroom.services.errors import InputError
from dutyroom.services.incident_views import IncidentQuery

NOW = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
DAY = date(2026, 7, 1)


def _incident(uow, title, minutes=0):
    at = (NOW + timedelta(minutes=minutes)).isoformat()
    return incident_service.add_incident(uow, {"received_at": at, "title": title,
                                               "category": "natural_disaster"},
                                         now=NOW + timedelta(minutes=minutes)).value


def _titles(uow):
    return sorted(r.title for r in incident_views.list_incidents(uow, IncidentQuery()).rows)


@pytest.fixture
def desk(backend):
    uow = backend.uow
    officer = staff_service.add_staff(uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    roster_service.assign(uow, DAY, Tier.OFFICER, officer.value.id)
    department_service.add_department(uow, {"name": "应急管理办", "duty_phone": "0731-1"})
    return backend


def test_out_and_back(desk, tmp_path):
    uow = desk.uow
    flood = _incident(uow, "河堤管涌")
    road = _incident(uow, "道路塌方")
    quiet = _incident(uow, "停电")
    package = tmp_path / "field.dutyroom"
    made = field_service.export_package(uow, DAY, DAY + timedelta(days=6), package, now=NOW).value
    assert (made.incidents, made.staff, made.duty_days) == (3, 1, 1)

    laptop = open_backend(package, "tester")
    laptop.uow = laptop.uow.for_actor(Actor.user(9, "wang", "王五", Role.OFFICER, None))
    assert integrity_service.run_check(laptop.uow, laptop.engine).ok  # its own, fresh chain
    assert field_service.field_origin(laptop.uow).start == DAY
    assert _titles(laptop.uow) == ["停电", "河堤管涌", "道路塌方"]
    assert [r.title for r in incident_views.list_incidents(
        laptop.uow, IncidentQuery(text="管涌")).rows] == ["河堤管涌"]  # the search index came along
    new = _incident(laptop.uow, "村民被困", minutes=30)
    department_id = department_service.list_departments(laptop.uow)[0].id
    dispatch_service.dispatch(laptop.uow, new.id, [department_id], ordered_at=NOW + timedelta(minutes=35),
                              now=NOW + timedelta(minutes=35))
    upward_reports.record_report(laptop.uow, flood.id, "first", "phone",
                                   sent_at=NOW + timedelta(minutes=20), recipient="县应急局",
                                   sent_by="王五", now=NOW + timedelta(minutes=20))
    incident_service.change_status(laptop.uow, flood.id, None, "handling")
    incident_service.update_incident(laptop.uow, road.id, None, {"injured": 3}, "现场核实")
    register_service.add_entry(laptop.uow, {"kind": "call", "received_at": NOW.isoformat(),
                                            "from_unit": "东岭村", "title": "请求送沙袋"}, now=NOW)
    laptop.close()

    incident_service.update_incident(uow, road.id, None, {"deaths": 1}, "医院通报")  # both changed
    incident_service.update_incident(uow, quiet.id, None, {"location": "二组"})  # only the desk

    first = field_service.merge_package(uow, package, now=NOW + timedelta(hours=5)).value
    # added: the new incident, its dispatch, the report and the call; the report's incident
    # taken as the laptop changed it; the road changed on both sides; the rest unchanged.
    assert first.counts == {"added": 4, "updated": 1, "conflict": 1, "same": 1}
    assert first.conflicts == ["「道路塌方」"]
    assert _titles(uow) == ["停电", "村民被困", "河堤管涌", "道路塌方"]
    road_now = incident_views.get_incident(uow, road.id)
    assert (road_now.facts.deaths, road_now.facts.injured) == (1, 0)  # the desk's stays live
    with uow.read() as session:
        revisions = [(e.action, json.loads(e.payload)["injured"]) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "incident",
                                     AuditEntry.entity_id == str(road.id)).order_by(AuditEntry.id))]
    assert revisions[-2:] == [("field_revision", 3), ("field_keep", 0)]  # the laptop's kept too
    flood_now = incident_views.get_incident(uow, flood.id)
    assert [r.sent_by for r in flood_now.reports] == ["王五"] and flood_now.status == "handling"
    assert incident_views.get_incident(uow, quiet.id).facts.location == "二组"
    assert integrity_service.run_check(uow, desk.engine).ok

    again = field_service.merge_package(uow, package, now=NOW + timedelta(hours=6))
    assert again.value.counts == {} and not again.changes  # merging twice adds nothing
    assert _titles(uow) == ["停电", "村民被困", "河堤管涌", "道路塌方"]

    laptop = open_backend(package, "tester")  # the laptop goes on working, then comes back
    trapped = next(r for r in incident_views.list_incidents(laptop.uow, IncidentQuery()).rows
                   if r.title == "村民被困")
    incident_service.update_incident(laptop.uow, trapped.id, None, {"trapped": 2})
    laptop.close()
    later = field_service.merge_package(uow, package, now=NOW + timedelta(hours=7)).value
    assert later.counts == {"updated": 1}
    assert integrity_service.run_check(uow, desk.engine).ok


def test_what_cannot_be_merged_is_refused_and_changes_nothing(desk, tmp_path):
    _incident(desk.uow, "河堤管涌")
    garbage = tmp_path / "garbage.dutyroom"
    garbage.write_bytes(b"\x00" * 4096)
    with pytest.raises(InputError):
        field_service.merge_package(desk.uow, garbage)
    with pytest.raises(InputError, match="不存在"):
        field_service.merge_package(desk.uow, tmp_path / "missing.dutyroom")
    if desk.url.get_backend_name() == "sqlite":
        plain = backup_service.backup_to(desk.url, tmp_path / "plain.sqlite3")
        with pytest.raises(InputError, match="不是外勤包"):
            field_service.merge_package(desk.uow, plain)
    with pytest.raises(InputError):
        field_service.export_package(desk.uow, "2026-07-09", "2026-07-01", tmp_path / "x.dutyroom")
    assert _titles(desk.uow) == ["河堤管涌"]
    assert integrity_service.run_check(desk.uow, desk.engine).ok
