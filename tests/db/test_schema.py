"""The schema, its migrations and the storage settings, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from dutyroom.db import migrate, search_index
from dutyroom.db.models import Base, Incident, Staff

MODEL_TABLES = set(Base.metadata.tables)


def test_migrations_create_every_model_table(backend):
    tables = set(inspect(backend.engine).get_table_names())
    assert tables >= MODEL_TABLES
    assert {"staff", "departments", "calendar_days", "sensitive_periods", "duty_days",
            "duty_assignments", "leaves", "incidents", "dispatches",
            "upward_reports", "register_entries", "checkins", "spot_checks", "alert_acks",
            "handovers", "users", "settings", "audit_entries", "roster_changes"} <= tables
    assert migrate.current_revision(backend.engine) == migrate.head_revision()


def test_the_start_up_shortcut_names_the_newest_migration():
    """migrate.HEAD spares each start loading Alembic; a new migration must move it on."""
    assert migrate.head_revision() == migrate.HEAD


def test_models_and_migrations_agree(backend):
    """A model change without a migration (or the reverse) fails here."""
    with backend.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True,
            "include_name": lambda name, type_, _: not (
                type_ == "table" and search_index.is_search_table(name)),
        })
        assert compare_metadata(context, Base.metadata) == []


def test_timestamps_come_back_aware_in_utc(backend):
    beijing = timezone(timedelta(hours=8))
    received = datetime(2026, 7, 1, 3, 10, 42, tzinfo=beijing)
    with Session(backend.engine) as session:
        session.add(Incident(received_at=received, title="化工厂泄漏", category="accident"))
        session.commit()
    with Session(backend.engine) as session:
        stored = session.scalars(select(Incident)).one().received_at
    assert stored == received
    assert stored.utcoffset() == timedelta(0)
    assert stored.hour == 19  # 03:10 in Beijing is 19:10 UTC the day before


def test_naive_timestamps_are_refused(backend):
    with Session(backend.engine) as session:
        session.add(Incident(received_at=datetime(2026, 7, 1, 3, 10), title="x",
                             category="accident"))
        with pytest.raises(Exception, match="naive"):
            session.commit()


def test_optimistic_locking_refuses_a_stale_edit(backend):
    with Session(backend.engine) as session:
        session.add(Staff(name="张三", tier="officer", mobile="13800138000"))
        session.commit()
    first = Session(backend.engine, expire_on_commit=False)
    second = Session(backend.engine, expire_on_commit=False)
    try:
        b = second.scalars(select(Staff)).one()
        second.commit()  # the form is open on desk B; no transaction is held meanwhile
        a = first.scalars(select(Staff)).one()
        a.mobile = "13900139000"
        first.commit()
        b.mobile = "13700137000"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with Session(backend.engine) as session:
        assert session.scalars(select(Staff)).one().mobile == "13900139000"


def test_sqlite_is_tuned_for_a_log_that_must_survive(sqlite_backend):
    with sqlite_backend.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000


def test_sqlite_enforces_foreign_keys(sqlite_backend):
    from dutyroom.db.models import Leave

    with Session(sqlite_backend.engine) as session:
        session.add(Leave(staff_id=999, kind="leave", start_date=datetime.now(UTC).date(),
                          end_date=datetime.now(UTC).date()))
        with pytest.raises(Exception, match="FOREIGN KEY"):
            session.commit()
