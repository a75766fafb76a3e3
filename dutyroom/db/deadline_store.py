"""Each incident's report deadlines, worked out by domain/deadlines.py and kept as rows.

Statistics over ten years must count reports on time, late and missing without working
out 200,000 incidents' deadlines in Python each time they are asked. The deadlines are a
pure function of an incident's stored facts, its reports and the desk's rules, so they are
computed once when those are written and kept in `report_deadlines`; the count is then a
GROUP BY. This module is the one place that turns stored rows into the domain's
`IncidentClock` (what the alerts, the incident view and the handover use too) and the one
place that writes the derived rows: the unit of work calls `refresh` before each write
commits, `migrate.upgrade` calls `rebuild` after every upgrade (a new version may bring new
rules, and a migration must never compute derived rows with the code of a later version),
and `check` calls `differences` to prove the kept rows are still what the rules give.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, tzinfo
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, delete, event, insert, select, text
from sqlalchemy.orm import Session

from dutyroom.db.models import Incident, ReportDeadline, Setting, UpwardReport
from dutyroom.domain import deadlines as rules_module
from dutyroom.domain import settings as registry
from dutyroom.domain.deadlines import (
    RULE_SETTING_KEYS,
    Channel,
    Deadline,
    IncidentClock,
    ReportRules,
    SentReport,
    Stage,
    rules_from_settings,
)
from dutyroom.domain.incidents import Level, Status, level_history_or_start

_TOUCHED = "dutyroom_deadlines_touched"
EVERY = 0  # in the touched set: the rules changed, every incident's deadlines are rewritten
BATCH = 2000  # incidents worked out per round trip (well under any bind-parameter limit)

# What a kept deadline row holds, compared as a whole: (kind, due, met, and the incident's
# received time, level and whether it is closed).
Row = tuple[str, datetime, datetime | None, datetime, str, bool]


class IncidentTimes(Protocol):
    """The columns of an incident the deadline rules read (an ORM row or a selected row)."""

    @property
    def voided(self) -> bool: ...
    @property
    def status(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def level_changes(self) -> str: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def closed_at(self) -> datetime | None: ...
    @property
    def casualties_changed_at(self) -> datetime | None: ...


class ReportTimes(Protocol):
    @property
    def stage(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def sent_at(self) -> datetime: ...


def level_changes(row: IncidentTimes) -> tuple[tuple[datetime, Level], ...]:
    """The incident's level history; one that does not read (a time without a UTC offset,
    an unknown level, out of order: written behind the app's back, named by `check`) counts
    as the level it has now since it was received, so no page or count fails on it."""
    return level_history_or_start(row.level_changes, row.received_at, row.level)


def levels_until(row: IncidentTimes, moment: datetime) -> tuple[tuple[datetime, Level], ...]:
    """The level changes made up to `moment` (at least the level it was received at)."""
    changes = level_changes(row)
    return tuple(c for c in changes if c[0] <= moment) or changes[:1]


def report_deadlines_of(row: IncidentTimes, reports: Sequence[ReportTimes], rules: ReportRules,
                        zone: tzinfo, as_of: datetime | None = None) -> list[Deadline]:
    """The incident's report deadlines; with `as_of`, as they stood then (reports sent and
    levels set later ignored), which is how a past shift's handover record reads. A voided
    incident has none."""
    if row.voided:
        return []
    levels = level_changes(row)
    open_now = row.status != Status.CLOSED
    casualties = row.casualties_changed_at
    if as_of is not None:
        if casualties is not None and casualties > as_of:
            casualties = None
        reports = [r for r in reports if r.sent_at <= as_of]
        levels = levels_until(row, as_of)
        open_now = open_now or (row.closed_at is not None and row.closed_at > as_of)
    clock = IncidentClock(
        received_at=row.received_at, level_changes=levels, open=open_now,
        casualties_changed_at=casualties,
        reports=tuple(SentReport(Stage(r.stage), Channel(r.channel), r.sent_at) for r in reports),
    )
    return rules_module.report_deadlines(clock, rules, zone)


@event.listens_for(Session, "after_flush")
def _note_touched(session: Session, _context: Any) -> None:
    """Remember which incidents a write changed (itself or its reports), or that it changed
    the rules, whichever use case or merge wrote them: `take_touched` hands them to the
    unit of work before it commits."""
    touched: set[int] = session.info.setdefault(_TOUCHED, set())
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, Incident):
            touched.add(row.id)
        elif isinstance(row, UpwardReport):
            touched.add(row.incident_id)
        elif isinstance(row, Setting) and row.key in RULE_SETTING_KEYS:
            touched.add(EVERY)


def take_touched(session: Session) -> set[int] | None:
    """The incidents whose deadlines the write in `session` may have changed (None: every
    incident, after a change of the rules), forgotten once taken; an empty set: none."""
    touched: set[int] = session.info.pop(_TOUCHED, set())
    return None if EVERY in touched else touched


def _batches(session: Session, incident_ids: Iterable[int] | None) -> Iterator[list[int]]:
    if incident_ids is None:
        ids = list(session.scalars(select(Incident.id).order_by(Incident.id)))
    else:
        ids = sorted(set(incident_ids))
    for i in range(0, len(ids), BATCH):
        yield ids[i:i + BATCH]


# The columns of an incident that `report_deadlines_of` reads, selected as a plain row: many
# incidents at once (the rewrite here, the alert list's open incidents) then cost no ORM
# objects, which is most of the time of reading them.
INCIDENT_TIMES = (Incident.id, Incident.voided, Incident.status, Incident.level,
                  Incident.level_changes, Incident.received_at, Incident.closed_at,
                  Incident.casualties_changed_at)


def report_times(session: Session, ids: Sequence[int]) -> dict[int, list[Any]]:
    """The reports of each incident of `ids` as plain rows (`ReportTimes`), in the order
    they were sent."""
    reports: dict[int, list[Any]] = {i: [] for i in ids}
    if ids:
        for report in session.execute(
                select(UpwardReport.incident_id, UpwardReport.stage, UpwardReport.channel,
                       UpwardReport.sent_at)
                .where(UpwardReport.incident_id.in_(ids))
                .order_by(UpwardReport.sent_at, UpwardReport.id)):
            reports[report.incident_id].append(report)
    return reports


def _computed(session: Session, ids: Sequence[int], rules: ReportRules, zone: tzinfo
              ) -> dict[int, list[Row]]:
    """The deadlines the rules give each incident of `ids` (read as plain columns)."""
    reports = report_times(session, ids)
    found: dict[int, list[Row]] = {}
    for row in session.execute(select(*INCIDENT_TIMES).where(Incident.id.in_(ids))):
        closed = row.status == Status.CLOSED
        found[row.id] = [(d.kind.value, d.due, d.met_at, row.received_at, row.level, closed)
                         for d in report_deadlines_of(row, reports[row.id], rules, zone)]
    return found


def _stored(session: Session, ids: Sequence[int]) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = {i: [] for i in ids}
    for r in session.execute(
            select(ReportDeadline.incident_id, ReportDeadline.kind, ReportDeadline.due_at,
                   ReportDeadline.met_at, ReportDeadline.received_at, ReportDeadline.level,
                   ReportDeadline.closed).where(ReportDeadline.incident_id.in_(ids))):
        found[r.incident_id].append((r.kind, r.due_at, r.met_at, r.received_at, r.level,
                                     bool(r.closed)))
    return found


def lock(session: Session, incident_ids: Iterable[int] | None) -> None:
    """Hold these incidents (None: all) until the write commits, before the rules and the
    reports are read: on a server, a change of the rules at one desk and a report added at
    another then rewrite an incident's deadlines one after the other, the later one from
    what the earlier committed, never both from what they saw before (SQLite has one writer
    at a time anyway)."""
    query = select(Incident.id).order_by(Incident.id).with_for_update()
    if incident_ids is None:
        session.execute(query).all()
        return
    for ids in _batches(session, incident_ids):
        session.execute(query.where(Incident.id.in_(ids))).all()


def refresh(session: Session, incident_ids: Iterable[int] | None, rules: ReportRules,
            zone: tzinfo) -> int:
    """Rewrite the kept deadlines of these incidents (None: of every incident) from the
    rules; return how many incidents were worked out."""
    done = 0
    for ids in _batches(session, incident_ids):
        computed = _computed(session, ids, rules, zone)
        session.execute(delete(ReportDeadline).where(ReportDeadline.incident_id.in_(ids)))
        rows = [{"incident_id": incident_id, "kind": kind, "due_at": due, "met_at": met,
                 "received_at": received, "level": level, "closed": closed}
                for incident_id, found in computed.items()
                for kind, due, met, received, level, closed in found]
        if rows:
            session.execute(insert(ReportDeadline), rows)
        done += len(ids)
    return done


def rebuild(connection: Connection) -> int:
    """Rewrite every incident's kept deadlines from the rules this version of Dutyroom
    holds and the settings stored in the database, inside the caller's transaction.

    Run after every upgrade of the schema: the deadline rules live in code, so a new version
    that changes them ships a migration, and the rows its predecessor kept are rewritten
    here with the new rules. It reads the settings with plain SQL, since it runs before
    any unit of work exists for the upgraded database."""
    stored = {key: json.loads(value) for key, value in connection.execute(
        text("SELECT key, value FROM settings"))}
    values = registry.resolve(stored)
    session = Session(bind=connection)
    done = refresh(session, None, rules_from_settings(values), ZoneInfo(values["timezone"]))
    session.flush()
    return done


def _ordered(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r[0], r[1], r[2] is not None, r[2] or r[1], *r[3:]))


def differences(session: Session, rules: ReportRules, zone: tzinfo) -> Iterator[int]:
    """The incidents whose kept deadlines are not what the rules give now (an incident, a
    report or a kept deadline edited behind the app's back), in id order."""
    for ids in _batches(session, None):
        computed, stored = _computed(session, ids, rules, zone), _stored(session, ids)
        for incident_id in ids:
            if _ordered(computed.get(incident_id, [])) != _ordered(stored[incident_id]):
                yield incident_id
