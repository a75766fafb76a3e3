"""The schema: one typed model per thing the desk keeps.

Every timestamp is aware UTC (`UTCDateTime`). Log entries that may travel between a field
laptop and the desk carry a UUID. Rows that two desks may edit at once carry a `version`
column that SQLAlchemy checks on update (optimistic locking). Nothing is deleted: people
and departments are deactivated, log entries are voided with a reason.
Schema changes go through Alembic (db/migrations); never edit a released migration.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from dutyroom.db.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def record_snapshot(row: Any) -> dict[str, Any]:
    """Every column but the key and lock counter, as JSON values (times in UTC ISO form).

    Log entries are audited whole, so a later revision shows exactly what changed and a
    row edited behind the app's back no longer matches its last audited state.
    """
    values: dict[str, Any] = {}
    for column in row.__table__.columns:
        if column.key in ("id", "version"):
            continue
        value = getattr(row, column.key)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat()
        elif isinstance(value, date):
            value = value.isoformat()
        values[column.key] = value
    return values


def audit_key(row: Any) -> str:
    """The id a record's audit entries are filed under: its primary key as text (a setting's
    key, a calendar day's date)."""
    values = [getattr(row, c.key) for c in row.__table__.primary_key.columns]
    return "/".join(v.isoformat() if isinstance(v, date) else str(v) for v in values)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}
    # Columns added to an audited table after its first release. Entries written before
    # have no such key, so `check` compares these only when they hold something other than
    # their empty default (a migration adding one to an audited table lists it here).
    added_later: ClassVar[frozenset[str]] = frozenset()

    def snapshot(self) -> dict[str, Any]:
        """The audited state of this record: what `dutyroom check` compares."""
        return record_snapshot(self)


class Versioned:
    """Optimistic locking: a stale edit from another desk fails instead of overwriting."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # Runs on each mapped subclass, which has its __table__ by then; the mixin has none.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def _uuid_column() -> Mapped[str]:
    return mapped_column(String(36), unique=True, nullable=False, default=new_uuid)


# --- people and partners -------------------------------------------------------------


class Staff(Versioned, Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), index=True)
    tier: Mapped[str] = mapped_column(String(8))
    mobile: Mapped[str] = mapped_column(String(11), index=True)
    office_phone: Mapped[str] = mapped_column(String(32), default="")
    department: Mapped[str] = mapped_column(String(64), default="")
    position: Mapped[str] = mapped_column(String(64), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def snapshot(self) -> dict[str, Any]:
        """The audited state of this person (what `dutyroom check` compares)."""
        return {
            "name": self.name, "tier": self.tier, "mobile": self.mobile,
            "office_phone": self.office_phone, "department": self.department,
            "position": self.position, "active": self.active,
        }


class Department(Versioned, Base):
    """A partner department (联动单位) the desk dispatches to."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    duty_phone: Mapped[str] = mapped_column(String(32))
    liaison_name: Mapped[str] = mapped_column(String(32), default="")
    liaison_mobile: Mapped[str] = mapped_column(String(11), default="")
    liaison_position: Mapped[str] = mapped_column(String(64), default="")
    first_line: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # The office number rung in working hours (schema 0012); duty_phone is the 24-hour one.
    office_phone: Mapped[str] = mapped_column(String(32), default="")
    added_later: ClassVar[frozenset[str]] = frozenset({"office_phone"})

    def snapshot(self) -> dict[str, Any]:
        return {
            "name": self.name, "duty_phone": self.duty_phone,
            "liaison_name": self.liaison_name, "liaison_mobile": self.liaison_mobile,
            "liaison_position": self.liaison_position, "first_line": self.first_line,
            "notes": self.notes, "active": self.active, "office_phone": self.office_phone,
        }


class PartnerDuty(Base):
    """One day of a partner department's 值班备勤表: who is on duty there, and their leader."""

    __tablename__ = "partner_duties"
    __table_args__ = (UniqueConstraint("department_id", "duty_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    duty_date: Mapped[date] = mapped_column(Date, index=True)
    person: Mapped[str] = mapped_column(String(32))
    mobile: Mapped[str] = mapped_column(String(11))
    leader: Mapped[str] = mapped_column(String(32), default="")
    leader_mobile: Mapped[str] = mapped_column(String(11), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    def snapshot(self) -> dict[str, Any]:
        return {"department_id": self.department_id, "duty_date": self.duty_date.isoformat(),
                "person": self.person, "mobile": self.mobile, "leader": self.leader,
                "leader_mobile": self.leader_mobile}


class PlaybookTick(Base):
    """A step of an incident's 处置要点 done: which step, when, by whom."""

    __tablename__ = "playbook_ticks"
    __table_args__ = (UniqueConstraint("incident_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    step: Mapped[str] = mapped_column(String(200))
    ticked_at: Mapped[datetime]
    ticked_by: Mapped[str] = mapped_column(String(64), default="")


class Playbook(Base):
    """The desk's own 处置要点 list for one incident subtype (a subtype without a row keeps
    the shipped list in domain/playbooks.py)."""

    __tablename__ = "playbooks"

    subtype: Mapped[str] = mapped_column(String(32), primary_key=True)
    steps: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, in order
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    def snapshot(self) -> dict[str, Any]:
        return {"subtype": self.subtype, "steps": self.steps}


class Responsibility(Base):
    """A line of the 职责分工 table: who leads and who supports for a kind of incident
    (subtype "" stands for the whole category)."""

    __tablename__ = "responsibilities"
    __table_args__ = (UniqueConstraint("category", "subtype"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(20))
    subtype: Mapped[str] = mapped_column(String(32), default="")
    lead_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    support_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of department ids
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    def snapshot(self) -> dict[str, Any]:
        return {"category": self.category, "subtype": self.subtype, "lead_id": self.lead_id,
                "support_ids": self.support_ids}


class Resource(Versioned, Base):
    """An 应急资源: a team, a stock of supplies or a shelter, with its keeper's phone and the
    incident subtypes it serves (joined by 、)."""

    __tablename__ = "resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    quantity: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(8), default="")
    location: Mapped[str] = mapped_column(String(128), default="")
    keeper: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(32))
    subtypes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def snapshot(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "name": self.name, "quantity": self.quantity, "unit": self.unit,
            "location": self.location, "keeper": self.keeper, "phone": self.phone,
            "subtypes": self.subtypes, "notes": self.notes, "active": self.active,
        }


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    def snapshot(self) -> dict[str, Any]:
        """The audited account: a role or password changed in the file directly shows."""
        return {
            "username": self.username, "display_name": self.display_name,
            "staff_id": self.staff_id, "role": self.role, "password_hash": self.password_hash,
            "active": self.active,
        }


class LoginAttempt(Base):
    """What the lockout rule (domain/login_attempts.py) remembers about one name typed at
    the login, an account's or any other: every workstation on a server sees the same
    lock. Kept out of the audit chain (which keeps only a streak's turning points), and
    forgotten once it can no longer change an answer, so nobody can fill it for good."""

    __tablename__ = "login_attempts"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)  # as typed, lower-case
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failed_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]
    refused: Mapped[int] = mapped_column(Integer, default=0)  # attempts while locked
    audited_at: Mapped[datetime | None]  # its last entry in the audit chain


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


# --- calendar and roster -------------------------------------------------------------


class CalendarDay(Base):
    """A day whose kind is known from an official source or set by the desk."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(32), default="")
    source: Mapped[str] = mapped_column(String(8))  # builtin | user
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SensitivePeriod(Base):
    __tablename__ = "sensitive_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DutyDay(Base):
    __tablename__ = "duty_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None]


class DutyAssignment(Base):
    __tablename__ = "duty_assignments"
    __table_args__ = (UniqueConstraint("duty_day_id", "tier", "slot", name="slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    duty_day_id: Mapped[int] = mapped_column(ForeignKey("duty_days.id"), index=True)
    tier: Mapped[str] = mapped_column(String(8))
    slot: Mapped[int] = mapped_column(Integer, default=0)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    source: Mapped[str] = mapped_column(String(12))  # manual | generated | swap | import
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")


class RosterChange(Base):
    """History of every roster change, swaps and substitutions (换班/代班) included."""

    __tablename__ = "roster_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    tier: Mapped[str] = mapped_column(String(8))
    slot: Mapped[int] = mapped_column(Integer, default=0)  # which officer of the day: 0, 1…
    kind: Mapped[str] = mapped_column(String(12))  # assign | swap | substitute | clear
    old_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    new_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    requested_by: Mapped[str] = mapped_column(String(64), default="")
    approved_by: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    added_later: ClassVar[frozenset[str]] = frozenset({"slot"})  # schema 0010


class Leave(Base):
    """Leave or unavailability (请假, 出差, 培训): nobody is rostered during it."""

    __tablename__ = "leaves"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- the duty log --------------------------------------------------------------------


class Incident(Versioned, Base):
    __tablename__ = "incidents"
    # The statistics count a period's incidents per month and category from this index alone.
    __table_args__ = (Index("ix_incidents_period", "received_at", "voided", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    received_at: Mapped[datetime] = mapped_column(index=True)
    received_via: Mapped[str] = mapped_column(String(16), default="")
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))
    subtype: Mapped[str] = mapped_column(String(32), default="")
    level: Mapped[str] = mapped_column(String(8), default="unrated")
    status: Mapped[str] = mapped_column(String(12), default="received", index=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    reporter: Mapped[str] = mapped_column(String(64), default="")
    reporter_unit: Mapped[str] = mapped_column(String(64), default="")
    reporter_post: Mapped[str] = mapped_column(String(64), default="")
    reporter_phone: Mapped[str] = mapped_column(String(32), default="")
    occurred_at: Mapped[datetime | None]
    deaths: Mapped[int] = mapped_column(Integer, default=0)
    injured: Mapped[int] = mapped_column(Integer, default=0)
    missing: Mapped[int] = mapped_column(Integer, default=0)
    trapped: Mapped[int] = mapped_column(Integer, default=0)
    people_involved: Mapped[int] = mapped_column(Integer, default=0)
    economic_loss: Mapped[int] = mapped_column(BigInteger, default=0)  # yuan
    summary: Mapped[str] = mapped_column(Text, default="")
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    informed: Mapped[str] = mapped_column(Text, default="")
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    # JSON list of [ISO time, level], oldest first: deadlines missed under an earlier level
    # stay missed (domain/deadlines.py), so the history of levels is part of the record.
    level_changes: Mapped[str] = mapped_column(Text, default="[]")
    casualties_changed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    change_note: Mapped[str] = mapped_column(Text, default="")  # why the latest revision was made
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class Dispatch(Base):
    """An order to a partner department (联动派单)."""

    __tablename__ = "dispatches"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    contact_name: Mapped[str] = mapped_column(String(32), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    ordered_at: Mapped[datetime]
    arrival_minutes: Mapped[int] = mapped_column(Integer)
    arrived_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(12), default="ordered")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    instruction: Mapped[str] = mapped_column(Text, default="")  # what the order asks for
    added_later: ClassVar[frozenset[str]] = frozenset({"instruction"})  # schema 0009


class DispatchFeedback(Base):
    __tablename__ = "dispatch_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispatch_id: Mapped[int] = mapped_column(ForeignKey("dispatches.id"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(12))  # arrived | handling | closed
    text: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(64), default="")


class UpwardReport(Base):
    """A report sent upward (首报 / 续报 / 终报) and whether it met its deadline."""

    __tablename__ = "upward_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    stage: Mapped[str] = mapped_column(String(8))  # first | update | final
    channel: Mapped[str] = mapped_column(String(8))  # phone | written
    sent_at: Mapped[datetime]
    recipient: Mapped[str] = mapped_column(String(64), default="")
    sent_by: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    due_at: Mapped[datetime | None]
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Why a report was recorded long after it was sent (补录): domain/report_times.py.
    entry_reason: Mapped[str] = mapped_column(Text, default="")
    added_later: ClassVar[frozenset[str]] = frozenset({"entry_reason"})


class ReportDeadline(Base):
    """A report deadline of an incident (电话报告, 书面报告, 续报, 终报) as domain/deadlines.py
    computes it under the desk's current rules, with when the report meeting it was sent
    (a voided incident has none).

    Derived, never typed: the unit of work rewrites an incident's rows whenever the incident
    or its reports are written, and all of them when the reporting rules change (db/
    deadline_store.py), so the statistics count deadlines with one GROUP BY instead of
    working them out per incident. `check` recomputes them and names any that differ.
    """

    __tablename__ = "report_deadlines"
    # A period's deadlines are read from this index alone (what the statistics group by).
    __table_args__ = (Index("ix_report_deadlines_period", "received_at", "kind", "level", "closed",
                            "due_at", "met_at", "incident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # phone_report | written_report | ...
    due_at: Mapped[datetime]
    met_at: Mapped[datetime | None]
    # The incident's, copied when its deadlines are written, so a period is counted from
    # this table alone: when it was received, its level now and whether it is closed.
    received_at: Mapped[datetime]
    level: Mapped[str] = mapped_column(String(8))
    closed: Mapped[bool] = mapped_column(Boolean)


class RegisterEntry(Versioned, Base):
    """The calls and documents register (来电来文登记)."""

    __tablename__ = "register_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    kind: Mapped[str] = mapped_column(String(12))  # call | fax | document | visit
    received_at: Mapped[datetime] = mapped_column(index=True)
    from_unit: Mapped[str] = mapped_column(String(64), default="")
    from_name: Mapped[str] = mapped_column(String(32), default="")
    from_post: Mapped[str] = mapped_column(String(64), default="")
    from_phone: Mapped[str] = mapped_column(String(32), default="")
    doc_number: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(12), default="")
    leader_instruction: Mapped[str] = mapped_column(Text, default="")
    passed_to: Mapped[str] = mapped_column(Text, default="")
    handling: Mapped[str] = mapped_column(Text, default="")
    informed: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    change_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


# --- early warnings and 叫应 ------------------------------------------------------------


class ResponsiblePerson(Versioned, Base):
    """A 基层责任人: who is called for a warning in a village, in a role, with an AB角."""

    __tablename__ = "responsible_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), index=True)
    village: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(64))
    mobile: Mapped[str] = mapped_column(String(11))
    backup_id: Mapped[int | None] = mapped_column(ForeignKey("responsible_people.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def snapshot(self) -> dict[str, Any]:
        return {
            "name": self.name, "village": self.village, "role": self.role,
            "mobile": self.mobile, "backup_id": self.backup_id, "notes": self.notes,
            "active": self.active,
        }


class Warning(Base):
    """A received early warning (预警) notice. Updates, upgrades, downgrades and the
    cancellation are notices of their own in the thread of the first one (`thread_id`)."""

    __tablename__ = "warnings"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("warnings.id"), index=True)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("warnings.id"))
    action: Mapped[str] = mapped_column(String(12))  # domain.warnings.Action
    issuer: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32))
    colour: Mapped[str] = mapped_column(String(8))
    issued_at: Mapped[datetime]
    valid_until: Mapped[datetime | None]
    received_at: Mapped[datetime] = mapped_column(index=True)
    villages: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, in the desk's order
    text: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    relay_due: Mapped[datetime | None]
    created_by: Mapped[str] = mapped_column(String(64), default="")

    def snapshot(self) -> dict[str, Any]:
        """The notice with its list of people to reach (warning_targets): the list is part
        of what the notice proves, so an edit to it behind the app shows in `check`."""
        from sqlalchemy import select
        from sqlalchemy.orm import object_session

        state = record_snapshot(self)
        session = object_session(self)
        targets: list[WarningTarget] = [] if session is None else list(session.scalars(
            select(WarningTarget).where(WarningTarget.warning_id == self.id)
            .order_by(WarningTarget.id)))
        state["targets"] = [record_snapshot(t) for t in targets]
        return state


class WarningTarget(Base):
    """One person the warning must reach, as the directory said when it arrived: the proof
    of whom the desk called does not change when a number is corrected later."""

    __tablename__ = "warning_targets"
    __table_args__ = (UniqueConstraint("warning_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    warning_id: Mapped[int] = mapped_column(ForeignKey("warnings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("responsible_people.id"))
    name: Mapped[str] = mapped_column(String(32))
    village: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(64))
    mobile: Mapped[str] = mapped_column(String(11))
    backup_id: Mapped[int | None] = mapped_column(ForeignKey("responsible_people.id"))
    backup_name: Mapped[str] = mapped_column(String(32), default="")
    backup_mobile: Mapped[str] = mapped_column(String(11), default="")


class WarningAttempt(Base):
    """One contact attempt for a person on a warning's list (叫应记录)."""

    __tablename__ = "warning_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    target_id: Mapped[int] = mapped_column(ForeignKey("warning_targets.id"), index=True)
    at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(12))
    outcome: Mapped[str] = mapped_column(String(12))  # answered | no_answer | sent
    via_backup: Mapped[bool] = mapped_column(Boolean, default=False)
    by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- 领导批示 督办 ------------------------------------------------------------------------


class Instruction(Versioned, Base):
    """A leader's instruction (领导批示) on a register entry, an incident or a warning, and
    the task it makes: who must act, by when, done or not (domain/instructions.py)."""

    __tablename__ = "instructions"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    subject_kind: Mapped[str] = mapped_column(String(12))  # register | incident | warning
    subject_id: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    leader_name: Mapped[str] = mapped_column(String(64))  # as given, kept if staff changes
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    assignee: Mapped[str] = mapped_column(String(64))  # the department's name or a person
    given_at: Mapped[datetime] = mapped_column(index=True)
    due_at: Mapped[datetime]
    done_at: Mapped[datetime | None] = mapped_column(index=True)
    done_by: Mapped[str] = mapped_column(String(64), default="")
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InstructionFeedback(Base):
    """One entry of 落实情况 on an instruction task; `final` is the one it was done with."""

    __tablename__ = "instruction_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    instruction_id: Mapped[int] = mapped_column(ForeignKey("instructions.id"), index=True)
    at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    final: Mapped[bool] = mapped_column(Boolean, default=False)
    by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- the duty clock ------------------------------------------------------------------


class CheckIn(Base):
    """A shift check-in (接班签到) or presence confirmation (在岗确认).

    A row is a confirmation. A missed one is the absence of a row once its due time has
    passed; the schedule it was due by is computed from the settings (domain/duty_clock),
    so a night with the app closed is still shown as missed. `staff_id` differing from
    `rostered_staff_id` records a substitution.
    """

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("kind", "day", "tier", "slot", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    kind: Mapped[str] = mapped_column(String(12))  # shift | presence
    day: Mapped[date] = mapped_column(Date, index=True)
    tier: Mapped[str] = mapped_column(String(8))
    slot: Mapped[int] = mapped_column(Integer, default=0)  # the seat signed for (two officers)
    due_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    rostered_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    added_later: ClassVar[frozenset[str]] = frozenset({"slot"})  # schema 0010


class SpotCheck(Base):
    """An upper-level spot check (上级查岗)."""

    __tablename__ = "spot_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    at: Mapped[datetime] = mapped_column(index=True)
    checker: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(12))  # phone | video | on_site
    answered_by: Mapped[str] = mapped_column(String(32), default="")
    within_rule: Mapped[bool] = mapped_column(Boolean, default=True)
    outcome: Mapped[str] = mapped_column(String(12), default="ok")
    result: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class DutyTask(Base):
    """A desk duty done once by a due time: the holiday rota report (值班表报备) for the
    holiday starting on `day`, or the daily holiday report (值班日报) of `day`."""

    __tablename__ = "duty_tasks"
    __table_args__ = (UniqueConstraint("kind", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    kind: Mapped[str] = mapped_column(String(16))  # rota_report | daily_report
    day: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime]
    done_at: Mapped[datetime]
    done_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class AlertAck(Base):
    """Someone saw an alert and took it on: it stops ringing but stays listed until done."""

    __tablename__ = "alert_acks"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_key: Mapped[str] = mapped_column(String(128), index=True)
    acknowledged_at: Mapped[datetime]
    acknowledged_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class Handover(Versioned, Base):
    """The shift handover record (交接班记录); locked once the incoming officer accepts."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    shift_date: Mapped[date] = mapped_column(Date, index=True, unique=True)  # one record a shift
    outgoing_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    incoming_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    leader_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    equipment_status: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text, default="")  # JSON, the assembled record
    status: Mapped[str] = mapped_column(String(8), default="draft")  # draft | final
    finalized_at: Mapped[datetime | None]
    accepted_by: Mapped[str] = mapped_column(String(64), default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)


class DailyReportRow(Versioned, Base):
    """A 值班日报 as sent (报送): the report whole, in the wording the officer sent, locked.
    A day with no row has not been sent; its report is assembled live from the day."""

    __tablename__ = "daily_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    day: Mapped[date] = mapped_column(Date, unique=True)  # one report a duty day
    content: Mapped[str] = mapped_column(Text)  # JSON, domain/daily_report.DailyReport
    sent_at: Mapped[datetime]
    sent_by: Mapped[str] = mapped_column(String(64))


# --- field packages -----------------------------------------------------------------


class FieldPackage(Base):
    """On a field laptop: the package its database was made from (one row)."""

    __tablename__ = "field_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    desk_uuid: Mapped[str] = mapped_column(String(36), default="")  # the desk it came from
    desk_name: Mapped[str] = mapped_column(String(64), default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    exported_at: Mapped[datetime]
    exported_by: Mapped[str] = mapped_column(String(64), default="")


class FieldBaseline(Base):
    """On a field laptop: each log entry's state as it left the desk, to tell who changed it."""

    __tablename__ = "field_baselines"

    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))


class FieldMerge(Base):
    """At the desk: one state of one entry already taken from one package's line, so merging
    twice adds nothing and each package is merged against its own base."""

    __tablename__ = "field_merges"
    __table_args__ = (UniqueConstraint("package_uuid", "record_uuid", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    package_uuid: Mapped[str] = mapped_column(String(36), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    record_uuid: Mapped[str] = mapped_column(String(36))
    fingerprint: Mapped[str] = mapped_column(String(64))
    # added | updated | conflict | same, after "b:" when it came from a branch (a fork)
    outcome: Mapped[str] = mapped_column(String(12))
    merged_at: Mapped[datetime]
    merged_by: Mapped[str] = mapped_column(String(64), default="")


class FieldExport(Base):
    """At the desk: a package it exported, so only its own packages merge back, each
    against what it had when it left (`FieldExportEntry`), with the accounts it carried."""

    __tablename__ = "field_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    users: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of login names
    exported_at: Mapped[datetime]
    exported_by: Mapped[str] = mapped_column(String(64), default="")
    chain_count: Mapped[int] = mapped_column(Integer, default=0)  # the package's chain head
    chain_hash: Mapped[str] = mapped_column(String(64), default="")  # when it left


class FieldExportEntry(Base):
    """At the desk: one log entry's state as it left in a package (the merge's base)."""

    __tablename__ = "field_export_entries"

    package_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))


class FieldLineHash(Base):
    """At the desk: the audit chain of a package's laptop as far as it was merged, so an
    older copy of the same laptop is known for what it is and adds nothing."""

    __tablename__ = "field_line_hashes"

    package_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(String(64))


class DeskIdentity(Base):
    """Which desk this database is (one row, made when the database is created): a field
    package names it, and a package from another desk is refused."""

    __tablename__ = "desk_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- attachments and 应急预案 -------------------------------------------------------------


class Attachment(Base):
    """A file kept with a record (an incident, a register entry, a warning, a plan): what it
    is called, how big, its SHA-256, who added it and when. The bytes are in
    `attachment_blobs`, so listing attachments, start-up and search never read them.
    Nothing is deleted: a removal is marked with who, when and why, the file kept."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_kind", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_column()
    owner_kind: Mapped[str] = mapped_column(String(16))  # domain.attachments.OwnerKind
    owner_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    added_by: Mapped[str] = mapped_column(String(64), default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]
    removed_by: Mapped[str] = mapped_column(String(64), default="")
    removal_reason: Mapped[str] = mapped_column(Text, default="")


class AttachmentBlob(Base):
    """An attachment's bytes, one row each, read only to open a file or to `check` it."""

    __tablename__ = "attachment_blobs"

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class EmergencyPlan(Base):
    """An 应急预案 the desk has filed (its PDF is an attachment of kind "plan") and the
    incident subtypes it applies to."""

    __tablename__ = "emergency_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    subtypes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of subtype names
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    def snapshot(self) -> dict[str, Any]:
        return {"title": self.title, "subtypes": self.subtypes, "active": self.active}


# --- the audit chain -----------------------------------------------------------------


class AuditEntry(Base):
    """One link of the tamper-evident chain: each hash covers its content and the last hash."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
