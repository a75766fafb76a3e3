"""Two desks on one database (PostgreSQL in CI; the same code on one SQLite file)."""

import threading
from datetime import UTC, datetime

import pytest

from dutyroom.app import open_backend
from dutyroom.domain.roles import Actor, Role
from dutyroom.services import incident_service, incident_views, integrity_service
from dutyroom.services.errors import ConflictError

INCIDENT = {"received_at": "2026-07-01T10:00", "title": "某村山体滑坡", "category": "natural_disaster",
            "level": "IV"}
NOW = datetime(2026, 7, 1, 2, 30, tzinfo=UTC)


@pytest.fixture
def desks(db_target):
    first = open_backend(db_target, "tester")
    second = open_backend(db_target, "tester")
    first.uow = first.uow.for_actor(Actor.user(1, "zhang", "张三", Role.OFFICER, None))
    second.uow = second.uow.for_actor(Actor.user(2, "li", "李四", Role.OFFICER, None))
    yield first, second
    first.close()
    second.close()


def test_the_second_save_is_refused_showing_the_first_and_then_lands_on_top(desks):
    a, b = desks
    saved = incident_service.add_incident(a.uow, INCIDENT, now=NOW).value
    seen_by_b = incident_views.get_incident(b.uow, saved.id)
    incident_service.update_incident(a.uow, saved.id, saved.version, {"level": "III"}, "伤情加重",
                                     now=NOW)
    with pytest.raises(ConflictError) as refused:
        incident_service.update_incident(b.uow, saved.id, seen_by_b.version, {"injured": 4},
                                         now=NOW)
    message = refused.value.message
    assert "张三(zhang)" in message and "级别由 Ⅳ级 改为 Ⅲ级" in message
    assert "修改说明：伤情加重" in message and "（空）" not in message
    assert refused.value.current_version == seen_by_b.version + 1
    # B saw the change; saving its own field on the latest version keeps both.
    incident_service.update_incident(b.uow, saved.id, refused.value.current_version, {"injured": 4},
                                     now=NOW)
    final = incident_views.get_incident(a.uow, saved.id)
    assert final.facts.level.value == "III" and final.facts.injured == 4
    assert integrity_service.run_check(a.uow, a.engine).ok


def test_two_saves_at_the_same_moment_one_wins_and_the_other_is_told(desks):
    a, b = desks
    saved = incident_service.add_incident(a.uow, INCIDENT, now=NOW).value
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def save(name, backend, change):
        start.wait()
        try:
            results[name] = incident_service.update_incident(backend.uow, saved.id, saved.version,
                                                             change, now=NOW).value.version
        except ConflictError as error:
            results[name] = error

    threads = [threading.Thread(target=save, args=("a", a, {"deaths": 1})),
               threading.Thread(target=save, args=("b", b, {"missing": 2}))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = [r for r in results.values() if isinstance(r, ConflictError)]
    assert len(refused) == 1 and "已被他人修改" in refused[0].message
    final = incident_views.get_incident(a.uow, saved.id)
    assert (final.facts.deaths, final.facts.missing) in ((1, 0), (0, 2))
    assert integrity_service.run_check(a.uow, a.engine).ok
