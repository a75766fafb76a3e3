"""What the warning use cases read: the area a warning reaches and the notices as they stand.

Recording and relaying warnings, the handover record, the alerts, the statistics and the
laptop's field copy all need the same things: the desk's villages and the roles called,
each notice's status (in force, superseded, cancelled, expired) with its relay progress,
the lists of those in force and whom they must still reach by when. They live here once,
as session-level readers taking an open session, so no use-case module borrows another's
private helpers. (warning_record.py is the relay record printout, not a reader.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from dutyroom.db.models import ResponsiblePerson, Warning, WarningAttempt, WarningTarget
from dutyroom.domain import warnings as rules
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.domain.warnings import Action, Channel, Colour, Row, Status
from dutyroom.services import settings_service

# --- the area a warning reaches -------------------------------------------------------------


def roles_in(session: Session) -> tuple[str, ...]:
    return tuple(settings_service.desk(session).responsible_roles.split("、"))


def villages_in(session: Session) -> tuple[str, ...]:
    """The desk's villages: its list in settings, then any other village of an active
    责任人 in the order first added."""
    listed = [v for v in settings_service.desk(session).villages.split("、") if v]
    for village in session.scalars(select(ResponsiblePerson.village).where(
            ResponsiblePerson.active.is_(True)).order_by(ResponsiblePerson.id)):
        if village not in listed:
            listed.append(village)
    return tuple(listed)


# --- notices and their lists ----------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One person on a warning's list, with where they stand."""

    person_id: int
    name: str
    village: str
    role: str
    mobile: str
    backup_id: int | None
    backup_name: str
    backup_mobile: str
    row: Row
    attempts: tuple[rules.Attempt, ...]

    @property
    def reached(self) -> bool:
        return rules.reached(self.row)

    @property
    def state_label(self) -> str:
        return rules.row_label(self.row)


@dataclass(frozen=True)
class WarningView:
    id: int
    thread_id: int
    action: Action
    issuer: str
    type: str
    colour: Colour
    issued_at: datetime
    valid_until: datetime | None
    received_at: datetime
    villages: tuple[str, ...]
    text: str
    measures: str
    relay_due: datetime | None
    status: Status
    reached: int
    to_reach: int
    created_by: str

    @property
    def title(self) -> str:
        return rules.title(self.type, self.colour)

    @property
    def done(self) -> bool:
        return self.reached == self.to_reach


def _superseded(session: Session, thread_ids: Sequence[int]) -> dict[int, tuple[int, Action]]:
    """The newest notice of each thread with its action: every earlier one is superseded
    by it (cancelled, if it is the cancellation)."""
    latest: dict[int, tuple[int, Action]] = {}
    for thread_id, notice_id, action in session.execute(
            select(Warning.thread_id, Warning.id, Warning.action).where(
                Warning.thread_id.in_(thread_ids))):
        if thread_id is not None and notice_id > latest.get(thread_id, (0, Action.ISSUE))[0]:
            latest[thread_id] = (notice_id, Action(action))
    return latest


def _targets(session: Session, warning_ids: Sequence[int], relay_open: Mapping[int, bool],
             limit: int) -> dict[int, list[Target]]:
    rows = list(session.scalars(select(WarningTarget).where(
        WarningTarget.warning_id.in_(warning_ids)).order_by(WarningTarget.id)))
    tries: dict[int, list[rules.Attempt]] = {}
    if rows:
        for target_id, person_id, at, channel, outcome, via in session.execute(
                select(WarningAttempt.target_id, WarningTarget.person_id, WarningAttempt.at,
                       WarningAttempt.channel, WarningAttempt.outcome, WarningAttempt.via_backup)
                .join(WarningTarget, WarningTarget.id == WarningAttempt.target_id)
                .where(WarningTarget.warning_id.in_(warning_ids))):
            tries.setdefault(target_id, []).append(
                rules.Attempt(person_id, at, Channel(channel), rules.Outcome(outcome), via))
    result: dict[int, list[Target]] = {w: [] for w in warning_ids}
    for t in rows:
        attempts = tuple(sorted(tries.get(t.id, []), key=lambda a: a.at))
        row = rules.row_of(attempts, limit, relay_open[t.warning_id], t.backup_id is not None)
        result[t.warning_id].append(Target(
            t.person_id, t.name, t.village, t.role, t.mobile, t.backup_id, t.backup_name,
            t.backup_mobile, row, attempts))
    return result


def relay_attempts_in(session: Session) -> int:
    return settings_service.desk(session).relay_attempts


def statuses_in(session: Session, notices: Sequence[Warning], at: datetime) -> dict[int, Status]:
    latest = _superseded(session, [n.thread_id or n.id for n in notices])
    statuses = {}
    for n in notices:
        newest, action = latest.get(n.thread_id or n.id, (n.id, Action(n.action)))
        statuses[n.id] = rules.status_of(Action(n.action), action if newest != n.id else None,
                                         n.valid_until, at)
    return statuses


def _progress(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(reached, to reach) of each notice, counted in the database: a person is reached
    once any attempt on their row was answered (domain/warnings.row_of), so a list of
    warnings needs no row of any list read and built (a season of them was read whole at
    every refresh of the 预警 page)."""
    listed = dict(session.execute(
        select(WarningTarget.warning_id, func.count()).where(WarningTarget.warning_id.in_(ids))
        .group_by(WarningTarget.warning_id)).all())
    reached = dict(session.execute(
        select(WarningTarget.warning_id, func.count(distinct(WarningAttempt.target_id)))
        .join(WarningTarget, WarningTarget.id == WarningAttempt.target_id)
        .where(WarningTarget.warning_id.in_(ids),
               WarningAttempt.outcome == rules.Outcome.ANSWERED.value)
        .group_by(WarningTarget.warning_id)).all())
    return {i: (reached.get(i, 0), listed.get(i, 0)) for i in ids}


def views_in(session: Session, notices: Sequence[Warning], at: datetime,
          with_targets: bool = False) -> tuple[list[WarningView], dict[int, list[Target]]]:
    statuses = statuses_in(session, notices, at)
    ids = [n.id for n in notices]
    targets: dict[int, list[Target]] = {}
    if with_targets:
        targets = _targets(session, ids, {i: statuses[i] == Status.ACTIVE for i in ids},
                           relay_attempts_in(session))
        progress = {i: (sum(1 for t in listed if t.reached), len(listed))
                    for i, listed in targets.items()}
    else:
        progress = _progress(session, ids)
    views = []
    for n in notices:
        views.append(WarningView(
            n.id, n.thread_id or n.id, Action(n.action), n.issuer, n.type, Colour(n.colour),
            n.issued_at, n.valid_until, n.received_at, tuple(json.loads(n.villages)), n.text,
            n.measures, n.relay_due, statuses[n.id], *progress[n.id], n.created_by))
    return views, targets


def in_force_in(session: Session, at: datetime) -> list[tuple[WarningView, list[Target]]]:
    """The warnings in force at `at` with their lists, oldest first (for the handover)."""
    notices = list(session.scalars(select(Warning).where(
        Warning.action != Action.CANCEL.value, Warning.received_at <= at).where(
        (Warning.valid_until.is_(None)) | (Warning.valid_until > at)).order_by(Warning.id)))
    views, targets = views_in(session, notices, at, with_targets=True)
    return [(v, targets[v.id]) for v in views if v.status == Status.ACTIVE]


# --- relay deadlines ------------------------------------------------------------------------


@dataclass(frozen=True)
class RelayDeadline:
    """A person a warning in force must reach by its relay deadline (an alert)."""

    warning_id: int
    person_id: int
    subject: str
    opens: datetime
    due: datetime
    reached_at: datetime | None
    expires: datetime | None


def relay_deadlines_in(session: Session, at: datetime) -> list[RelayDeadline]:
    """Every person on the list of a warning in force that has a relay deadline; alerts
    are derived from these every time, so a restart loses none."""
    notices = list(session.scalars(select(Warning).where(
        Warning.relay_due.is_not(None), Warning.action != Action.CANCEL.value,
        Warning.received_at <= at)))
    views, targets = views_in(session, notices, at, with_targets=True)
    result = []
    for view in views:
        if view.status != Status.ACTIVE or view.relay_due is None:
            continue
        for t in targets[view.id]:
            result.append(RelayDeadline(
                view.id, t.person_id,
                sentence("{0}：{1} {2} {3}", view.title, Verbatim(t.village), Verbatim(t.role),
                         Verbatim(t.name)),
                view.received_at, view.relay_due, t.row.reached_at, view.valid_until))
    return result
