"""Field packages: a laptop taken out with the desk's rota, contacts and open incidents, and
what it recorded merged back on return.

A package is itself a Dutyroom database (so the laptop simply opens it, or restores it as
its database) that also remembers how each log entry looked when it left: its baseline.
On return the laptop's file is merged entry by entry, matched by UUID:
- an entry only the laptop has is added;
- an entry only the laptop changed takes the laptop's version;
- an entry changed on both sides keeps the desk's version as the live one and the laptop's
  as a revision in the audit chain, so neither is overwritten and the officer can reconcile;
- every merged state is noted (FieldMerge), so merging the same file twice adds nothing.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from dutyroom.db import audit, migrate, search_index
from dutyroom.db.backup import backup_file
from dutyroom.db.engine import make_engine, make_session_factory
from dutyroom.db.models import (
    CalendarDay,
    Department,
    Dispatch,
    DispatchFeedback,
    DutyAssignment,
    DutyDay,
    FieldBaseline,
    FieldMerge,
    FieldPackage,
    Incident,
    Leave,
    RegisterEntry,
    SensitivePeriod,
    Setting,
    Staff,
    UpwardReport,
    User,
    audit_key,
    record_snapshot,
)
from dutyroom.domain.incidents import Status
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services import backup_service, roster_service
from dutyroom.services.check_service import AUDITED
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.settings_service import load_settings_in
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

EXPORTED = "field_export"
OUTCOME_LABELS = {"added": "新增", "updated": "采用外勤修改", "conflict": "双方都改，另存为修订",
                  "same": "无变化"}
CHANGED = Changes(incidents=True, register=True, departments=True)


@dataclass(frozen=True)
class PackageReport:
    out: Path
    start: date
    end: date
    staff: int
    duty_days: int
    incidents: int


@dataclass(frozen=True)
class MergeReport:
    package: str
    counts: dict[str, int]  # outcome → entries
    conflicts: list[str] = field(default_factory=list)  # what needs a person's look

    @property
    def added(self) -> int:
        return self.counts.get("added", 0)


# --- what identifies an entry wherever it lives ----------------------------------------------


class _Refs:
    """Ids are local to one database; UUIDs and department names are not."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[tuple[type, int], str] = {}

    def uuid(self, model: type, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        key = (model, row_id)
        if key not in self._cache:
            self._cache[key] = self.session.scalar(
                select(model.uuid if model is not Department else Department.name)  # type: ignore[attr-defined]
                .where(model.id == row_id))  # type: ignore[attr-defined]
        return self._cache[key]


_FOREIGN = {  # model → column → the model it points at
    UpwardReport: {"incident_id": Incident}, Dispatch: {"incident_id": Incident,
                                                       "department_id": Department},
    DispatchFeedback: {"dispatch_id": Dispatch}, RegisterEntry: {"incident_id": Incident},
}
_ENTITIES = {Incident: "incident", RegisterEntry: "register_entry", Dispatch: "dispatch",
             UpwardReport: "upward_report", DispatchFeedback: "dispatch_feedback"}
_ORDER = (Incident, RegisterEntry, Dispatch, UpwardReport, DispatchFeedback)  # parents first


def portable(row: Any, refs: _Refs) -> dict[str, Any]:
    """The entry's state with its references as UUIDs, comparable across databases."""
    state = record_snapshot(row)
    state.pop("uuid", None)
    for column, target in _FOREIGN.get(type(row), {}).items():
        state[column] = refs.uuid(target, state[column])
    return state


def fingerprint(state: dict[str, Any]) -> str:
    return hashlib.sha256(audit.canonical(state).encode("utf-8")).hexdigest()


def key_of(row: Any, refs: _Refs) -> str:
    """The entry's UUID; dispatch feedback has none, so its content names it."""
    if isinstance(row, DispatchFeedback):
        return "fb-" + fingerprint(portable(row, refs))[:33]
    return row.uuid


# --- export ----------------------------------------------------------------------------------


def _copy(source: Session, target: Session, table: Table, where: Any = None) -> int:
    query = select(table) if where is None else select(table).where(where)
    rows = [dict(r._mapping) for r in source.execute(query)]
    if rows:
        target.execute(table.insert(), rows)
    return len(rows)


def export_package(uow: UnitOfWork, start: object, end: object, out: Path,
                   now: datetime | None = None) -> Outcome[PackageReport]:
    """Write the package for the period: settings, accounts, staff, departments, calendar,
    the rota of the period, leave, and every open incident with its reports and dispatches."""
    uow.require(Permission.LOG)
    first, last = roster_service.parse_range(start, end)
    moment = utc_now(now)
    out = out.expanduser().resolve()
    partial = out.with_name(out.name + ".building")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
    except OSError as error:
        raise InputError.simple(sentence("无法写入 {0}：{1}", out, error.strerror or error), "out") from None
    engine = make_engine(URL.create("sqlite", database=str(partial)))
    try:
        migrate.upgrade(engine)
        with uow.read() as desk, make_session_factory(engine)() as package:
            report = _fill(desk, package, first, last, moment, uow.actor, out)
            package.commit()
            with engine.begin() as connection:
                for table in search_index.TABLES:
                    search_index.rebuild(connection, table)
    finally:
        engine.dispose()
    backup_file(partial, out)  # one self-contained file, no WAL beside it
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink(missing_ok=True)
    return Outcome(report, Changes())


def _fill(desk: Session, package: Session, first: date, last: date, moment: datetime,
          actor: str, out: Path) -> PackageReport:
    tables = {m: m.__table__ for m in (Setting, User, Staff, Department, CalendarDay,
                                       SensitivePeriod, DutyDay, DutyAssignment, Leave, Incident,
                                       UpwardReport, Dispatch, DispatchFeedback)}
    for model in (Setting, User, Staff, Department, CalendarDay, SensitivePeriod):
        _copy(desk, package, tables[model])
    days = _copy(desk, package, tables[DutyDay], DutyDay.day.between(first, last))
    day_ids = select(DutyDay.id).where(DutyDay.day.between(first, last))
    _copy(desk, package, tables[DutyAssignment], DutyAssignment.duty_day_id.in_(day_ids))
    _copy(desk, package, tables[Leave], (Leave.end_date >= first) & (Leave.start_date <= last))
    open_ids = select(Incident.id).where(Incident.status != Status.CLOSED.value,
                                         Incident.voided.is_(False))
    incidents = _copy(desk, package, tables[Incident], Incident.id.in_(open_ids))
    _copy(desk, package, tables[UpwardReport], UpwardReport.incident_id.in_(open_ids))
    _copy(desk, package, tables[Dispatch], Dispatch.incident_id.in_(open_ids))
    _copy(desk, package, tables[DispatchFeedback], DispatchFeedback.dispatch_id.in_(
        select(Dispatch.id).where(Dispatch.incident_id.in_(open_ids))))
    package.flush()
    # A fresh audit chain: every copied record's state as it left the desk.
    for entity, model, _label in AUDITED:
        for row in package.scalars(select(model).order_by(*model.__table__.primary_key.columns)):
            audit.append(package, actor=actor, entity=entity, entity_id=audit_key(row),
                         action=EXPORTED, payload=row.snapshot(), at=moment)
    refs = _Refs(package)
    for model in _ORDER:
        for row in package.scalars(select(model)):
            package.add(FieldBaseline(record_uuid=key_of(row, refs), entity=_ENTITIES[model],
                                      fingerprint=fingerprint(portable(row, refs))))
    settings = load_settings_in(package)
    package.add(FieldPackage(desk_name=settings["desk_name"], start_date=first, end_date=last,
                             exported_at=moment, exported_by=actor))
    staff = package.query(Staff).count()
    return PackageReport(out, first, last, staff, days, incidents)


@dataclass(frozen=True)
class FieldOrigin:
    desk_name: str
    start: date
    end: date
    exported_at: datetime
    exported_by: str


def field_origin(uow: UnitOfWork) -> FieldOrigin | None:
    """Whether this database is a field package, and whose (for the laptop's banner)."""
    with uow.read() as session:
        row = session.scalars(select(FieldPackage)).first()
        return None if row is None else FieldOrigin(row.desk_name, row.start_date, row.end_date,
                                                    row.exported_at, row.exported_by)


# --- merge -----------------------------------------------------------------------------------


def merge_package(uow: UnitOfWork, path: Path, now: datetime | None = None) -> Outcome[MergeReport]:
    """Merge a field laptop's database back into this one (see the module's note)."""
    uow.require(Permission.LOG)
    path = path.expanduser().resolve()
    problems = backup_service.verify(path)
    if problems:
        raise InputError([Problem(p, field="file") for p in problems], source=str(path))
    moment = utc_now(now)
    with tempfile.TemporaryDirectory(prefix="dutyroom-merge-") as folder:
        copy = backup_file(path, Path(folder) / "field.sqlite3")  # never touch the original
        engine = make_engine(URL.create("sqlite", database=str(copy)))
        try:
            migrate.upgrade(engine)  # a package from an older Dutyroom reads like a new one
            with make_session_factory(engine)() as laptop, uow.write(Permission.LOG) as desk:
                report = _merge(laptop, desk, uow.actor, moment, path.name)
        finally:
            engine.dispose()
    changed = report.counts.get("added", 0) + report.counts.get("updated", 0) \
        + report.counts.get("conflict", 0)
    return Outcome(report, CHANGED if changed else Changes())


def _merge(laptop: Session, desk: Session, actor: str, moment: datetime,
           name: str) -> MergeReport:
    origin = laptop.scalars(select(FieldPackage)).first()
    if origin is None:
        raise InputError.simple(sentence("这个文件不是外勤包（没有外勤包记录），不能合并"), "file")
    baselines = {b.record_uuid: b.fingerprint for b in laptop.scalars(select(FieldBaseline))}
    laptop_refs, desk_refs = _Refs(laptop), _Refs(desk)
    counts: dict[str, int] = {}
    conflicts: list[str] = []
    for model in _ORDER:
        for row in laptop.scalars(select(model).order_by(model.id)):
            state = portable(row, laptop_refs)
            key, print_ = key_of(row, laptop_refs), fingerprint(state)
            if desk.scalar(select(FieldMerge.id).where(FieldMerge.record_uuid == key,
                                                       FieldMerge.fingerprint == print_)):
                continue  # this very state was merged before
            outcome = _merge_one(desk, desk_refs, model, row, state, key,
                                 _common_state(desk, key, baselines.get(key)), actor, moment)
            if outcome == "conflict":
                conflicts.append(_describe(model, row))
            counts[outcome] = counts.get(outcome, 0) + 1
            desk.add(FieldMerge(package_uuid=origin.uuid, entity=_ENTITIES[model], record_uuid=key,
                                fingerprint=print_, outcome=outcome, merged_at=moment,
                                merged_by=actor))
            desk.flush()
    return MergeReport(name, counts, conflicts)


def _common_state(desk: Session, key: str, baseline: str | None) -> str | None:
    """The last state both sides agreed on: what the desk last took from the laptop, else
    the entry as it left in the package (a conflict leaves the sides apart)."""
    taken = desk.scalar(select(FieldMerge.fingerprint).where(
        FieldMerge.record_uuid == key, FieldMerge.outcome != "conflict")
        .order_by(FieldMerge.id.desc()).limit(1))
    return taken or baseline


_KIND_LABELS = {Dispatch: "派单", UpwardReport: "报送", DispatchFeedback: "派单反馈"}


def _describe(model: type, row: Any) -> str:
    if isinstance(row, Incident | RegisterEntry):
        return f"「{row.title}」"
    return f"{_KIND_LABELS[model]}（编号 {getattr(row, 'uuid', '')[:8]}）"


def _find(desk: Session, model: type, key: str, refs: _Refs, state: dict[str, Any]) -> Any:
    if model is DispatchFeedback:
        dispatch = _resolve(desk, Dispatch, state["dispatch_id"])
        if dispatch is None:
            return None
        for answer in desk.scalars(select(DispatchFeedback).where(
                DispatchFeedback.dispatch_id == dispatch.id)):
            if key_of(answer, refs) == key:
                return answer
        return None
    return desk.scalar(select(model).where(model.uuid == key))  # type: ignore[attr-defined]


def _resolve(desk: Session, model: type, reference: str | None) -> Any:
    if reference is None:
        return None
    if model is Department:
        return desk.scalar(select(Department).where(Department.name == reference))
    return desk.scalar(select(model).where(model.uuid == reference))  # type: ignore[attr-defined]


def _merge_one(desk: Session, refs: _Refs, model: type, row: Any, state: dict[str, Any], key: str,
               baseline: str | None, actor: str, moment: datetime) -> str:
    current = _find(desk, model, key, refs, state)
    entity = _ENTITIES[model]
    if current is None:
        added = model(**_values(desk, model, row, state, actor, moment))
        desk.add(added)
        desk.flush()
        _index(desk, added)
        audit_change(desk, added, actor, entity, "field_add", moment)
        return "added"
    here = fingerprint(portable(current, refs))
    there = fingerprint(state)
    if here == there or there == baseline:
        return "same"  # identical, or only the desk changed it since the package left
    if here == baseline:
        old_text = _text(current)
        for column, value in _values(desk, model, row, state, actor, moment).items():
            setattr(current, column, value)
        desk.flush()
        _index(desk, current, old_text)
        audit_change(desk, current, actor, entity, "field_update", moment)
        return "updated"
    # Both sides changed it: the laptop's version becomes a revision, the desk's stays live.
    laptop_version = {**current.snapshot(), **{k: v for k, v in record_snapshot(row).items()
                                              if k not in _FOREIGN.get(model, {})}}
    audit.append(desk, actor=actor, entity=entity, entity_id=current.id, action="field_revision",
                 payload=laptop_version, at=moment)
    audit_change(desk, current, actor, entity, "field_keep", moment)
    return "conflict"


def _values(desk: Session, model: type, row: Any, state: dict[str, Any], actor: str,
            moment: datetime) -> dict[str, Any]:
    """The laptop row's column values, its references turned into this database's ids."""
    values = {c.key: getattr(row, c.key) for c in model.__table__.columns  # type: ignore[attr-defined]
              if c.key not in ("id", "version")}
    for column, target in _FOREIGN.get(model, {}).items():
        reference = state[column]
        found = _resolve(desk, target, reference)
        if found is None and reference is not None:
            if target is not Department:
                raise InputError.simple(sentence("外勤包中的记录引用了本库没有的记录（{0}）",
                                                 reference), "file")
            found = _new_department(desk, row, reference, actor, moment)
        values[column] = found.id if found is not None else None
    return values


def _new_department(desk: Session, row: Any, name: str, actor: str,
                    moment: datetime) -> Department:
    """A partner department first contacted in the field joins the desk's list."""
    laptop_department = Session.object_session(row).scalar(  # type: ignore[union-attr]
        select(Department).where(Department.name == name))
    values = {c.key: getattr(laptop_department, c.key) for c in Department.__table__.columns
              if c.key not in ("id", "version")}
    added = Department(**values)
    desk.add(added)
    desk.flush()
    audit_change(desk, added, actor, "department", "field_add", moment)
    return added


def _text(row: Any) -> str | None:
    table = _search_table(row)
    return None if table is None else search_index.body(row, table)


def _search_table(row: Any) -> search_index.SearchTable | None:
    if isinstance(row, Incident):
        return search_index.INCIDENTS
    if isinstance(row, RegisterEntry):
        return search_index.REGISTER
    return None


def _index(desk: Session, row: Any, old: str | None = None) -> None:
    table = _search_table(row)
    if table is not None:
        search_index.put(desk, table, row.id, search_index.body(row, table), old)
