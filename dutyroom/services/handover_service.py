"""Shift handover (交接班): the record assembled from the shift, the outgoing officer's notes,
the incoming officer's acceptance that locks it, and corrections as new revisions.

Until it is accepted the record is read live from the database each time it is shown, so it
never goes stale; on acceptance the assembled record is stored whole (`content`) and every
later reading and printout shows exactly what was accepted. The shift's facts are gathered by
shift_facts.py, which the daily report reads too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.db.models import Handover, Staff
from dutyroom.domain import duty_clock
from dutyroom.domain.anchors import Anchor, parse_anchor
from dutyroom.domain.handover import (
    MAX_NOTES,
    NAMES_JOIN,
    Change,
    Correction,
    HandoverRecord,
    assemble,
    changes_since,
)
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.reports.content import Document
from dutyroom.services.conflicts import stale_edit
from dutyroom.services.errors import ConflictError, InputError, Problem
from dutyroom.services.records import audit_change, text_input, utc_now
from dutyroom.services.settings_service import Desk, desk
from dutyroom.services.shift_facts import shift_facts_in
from dutyroom.services.shift_records import shift_officers
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "handover"
CHANGED = Changes(handover=True)
DRAFT, FINAL = "draft", "final"
HISTORY = 90  # records the page lists
MAX_EQUIPMENT = 500


@dataclass(frozen=True)
class Stored:
    """The row behind a record: what the officers wrote and whether it is locked."""

    id: int
    version: int
    status: str
    revision: int
    accepted_by: str
    finalized_at: datetime | None
    notes: str
    equipment: str

    @property
    def final(self) -> bool:
        return self.status == FINAL


@dataclass(frozen=True)
class HandoverView:
    day: date
    record: HandoverRecord
    stored: Stored | None
    changes: list[Change]  # since the last handover
    previous_day: date
    accept_from: datetime  # the next shift's sign-in opens: acceptance is possible from then
    incoming_id: int | None  # the incoming officer as rostered or signed in

    @property
    def final(self) -> bool:
        return self.stored is not None and self.stored.final


@dataclass(frozen=True)
class HandoverSummary:
    day: date
    status: str
    revision: int
    outgoing: str
    incoming: str
    accepted_by: str
    finalized_at: datetime | None

    @property
    def status_label(self) -> str:
        if self.status != FINAL:
            return sentence("草稿")
        return sentence("已接班") if self.revision == 1 else sentence("已接班（第 {0} 版）", self.revision)


# --- reading ----------------------------------------------------------------------------------


def _stored(row: Handover) -> Stored:
    return Stored(row.id, row.version, row.status, row.revision, row.accepted_by, row.finalized_at,
                  row.notes, row.equipment_status)


def _row(session: Session, day: date) -> Handover | None:
    return session.scalars(select(Handover).where(Handover.shift_date == day)).first()


def record_in(session: Session, day: date, at: datetime,
              ctx: Desk | None = None) -> tuple[HandoverRecord, Handover | None]:
    """The accepted record as stored, or the live one with the notes written so far."""
    row = _row(session, day)
    if row is not None and row.status == FINAL:
        return HandoverRecord.from_json(row.content), row
    record = assemble(shift_facts_in(session, day, at, ctx),
                      equipment=row.equipment_status if row else "", notes=row.notes if row else "")
    return record, row


def handover_day(uow: UnitOfWork, at: datetime | None = None) -> date:
    """The shift to hand over at `at`: the one running then (at 08:20 still yesterday's)."""
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        return duty_clock.duty_day_of(moment, ctx.clock, ctx.zone)


def handover_view(uow: UnitOfWork, day: date, at: datetime | None = None) -> HandoverView:
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        record, row = record_in(session, day, moment, ctx)
        # The last handover is the shift before: as accepted, or as it stood at its end.
        previous_day = day - timedelta(days=1)
        previous, _ = record_in(session, previous_day, moment, ctx)
        accept_from, _ = duty_clock.checkin_window(day + timedelta(days=1), ctx.clock, ctx.zone)
        incoming = shift_officers(session, day + timedelta(days=1))
        mine = uow.user.staff_id
        incoming_id = mine if mine in incoming else (incoming[0] if incoming else None)
    return HandoverView(day, record, _stored(row) if row else None, changes_since(previous, record),
                        previous_day, accept_from, incoming_id)


def list_handovers(uow: UnitOfWork, limit: int = HISTORY) -> list[HandoverSummary]:
    """Stored records, newest shift first."""
    with uow.read() as session:
        rows = session.scalars(select(Handover).order_by(Handover.shift_date.desc()).limit(limit))
        result = []
        for row in rows:
            outgoing = incoming = ""
            if row.content:
                record = HandoverRecord.from_json(row.content)
                outgoing, incoming = record.outgoing, record.incoming
            result.append(HandoverSummary(row.shift_date, row.status, row.revision, outgoing, incoming,
                                          row.accepted_by, row.finalized_at))
        return result


def handover_document(uow: UnitOfWork, day: date, at: datetime | None = None) -> Document:
    """The printout: the accepted record, or the draft as it stands now."""
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        record, _ = record_in(session, day, moment, ctx)
        head = chain_anchor(session)
    from dutyroom.reports.handover_pdf import (
        handover_pdf,  # ReportLab loads on the first printout, not at start
    )

    return handover_pdf(record, minute_text(moment, ctx.zone), head.readable() if head else "")


def newest_anchor(session: Session) -> tuple[date, Anchor] | None:
    """The chain head stored in the latest accepted handover: the newest one on paper."""
    for row in session.scalars(select(Handover).where(Handover.status == FINAL)
                               .order_by(Handover.finalized_at.desc()).limit(20)):
        anchor = HandoverRecord.from_json(row.content).anchor
        if anchor:
            return row.shift_date, parse_anchor(anchor)
    return None


def chain_anchor(session: Session) -> Anchor | None:
    """The audit chain's head now, as it goes on a printout (None while the chain is empty)."""
    count, last = audit.head(session)
    return Anchor.of(count, last) if count else None


# --- writing ----------------------------------------------------------------------------------


def _editable(session: Session, day: date, version: int | None) -> Handover:
    row = _row(session, day)
    if row is None:
        row = Handover(shift_date=day, notes="", equipment_status="", content="", status=DRAFT)
        session.add(row)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError:
            raise ConflictError(sentence("另一台电脑刚刚保存了这一班的交接班记录，请刷新后再改。")) from None
        return row
    if version is not None and row.version != version:
        raise stale_edit(session, row, ENTITY, sentence("这一班的交接班记录"))
    if row.status == FINAL:
        raise InputError([Problem(
            sentence("{0:%m月%d日}的交接班记录已由{1}接班确认并锁定，只能「更正」",
                     day, row.accepted_by), field="notes")])
    return row


def save_draft(uow: UnitOfWork, day: date, *, notes: str, equipment: str, version: int | None = None,
               at: datetime | None = None) -> Outcome[Stored]:
    """The outgoing officer's notes and equipment status, kept until the handover."""
    moment = utc_now(at)
    notes = text_input(notes, "notes", "其他交代事项", MAX_NOTES)
    equipment = text_input(equipment, "equipment", "设备和电话状态", MAX_EQUIPMENT)
    with uow.write(Permission.HANDOVER) as session:
        row = _editable(session, day, version)
        row.notes, row.equipment_status = notes, equipment
        audit_change(session, row, uow.actor, ENTITY, "update", moment)
        return Outcome(_stored(row), CHANGED)


def accept(uow: UnitOfWork, day: date, incoming_staff_id: int, *, notes: str, equipment: str,
           version: int | None = None, at: datetime | None = None) -> Outcome[Stored]:
    """接班确认: the incoming officer takes the desk; the record is stored whole and locked.

    The incoming officer confirms under their own login; a leader may confirm for them.
    """
    moment = utc_now(at)
    notes = text_input(notes, "notes", "其他交代事项", MAX_NOTES)
    equipment = text_input(equipment, "equipment", "设备和电话状态", MAX_EQUIPMENT)
    with uow.write(Permission.HANDOVER) as session:
        ctx = desk(session)
        opens, _ = duty_clock.checkin_window(day + timedelta(days=1), ctx.clock, ctx.zone)
        if moment < opens:
            raise InputError([Problem(
                sentence("接班签到开始（{0:%m-%d %H:%M}）后才能接班确认",
                         opens.astimezone(ctx.zone)), field="at")])
        person = session.get(Staff, incoming_staff_id)
        if person is None or not person.active:
            raise InputError([Problem(sentence("请选择在岗的接班人"), field="incoming")])
        if person.id != uow.user.staff_id:
            uow.require(Permission.FINALIZE_HANDOVER)  # only a leader confirms for someone else
        row = _editable(session, day, version)
        facts = shift_facts_in(session, day, moment, ctx)
        record = assemble(facts, equipment=equipment, notes=notes)
        local = minute_text(moment, ctx.zone)
        head = chain_anchor(session)
        record = replace(record, incoming=accepted_by(person.name, facts.incoming),
                         accepted_at=local, anchor=str(head) if head else "")
        row.notes, row.equipment_status = notes, equipment
        row.incoming_staff_id = person.id
        row.content, row.status = record.to_json(), FINAL
        row.finalized_at, row.accepted_by, row.revision = moment, person.name, 1
        audit_change(session, row, uow.actor, ENTITY, "finalize", moment)
        return Outcome(_stored(row), CHANGED)


def accepted_by(name: str, incoming: tuple[str, ...]) -> str:
    """The incoming officers as the accepted record names them: as rostered when one of them
    accepts; someone else accepting stands in for the first (张三（替 李四）、王五)."""
    if not incoming or name in incoming:
        return NAMES_JOIN.join(incoming) or name
    return NAMES_JOIN.join((f"{name}（替 {incoming[0]}）", *incoming[1:]))


def correct(uow: UnitOfWork, day: date, *, notes: str, equipment: str, reason: str,
            version: int | None = None, at: datetime | None = None) -> Outcome[Stored]:
    """A correction of an accepted record: a new revision naming who corrected it and why;
    the earlier revision stays in the audit chain."""
    moment = utc_now(at)
    notes = text_input(notes, "notes", "其他交代事项", MAX_NOTES)
    equipment = text_input(equipment, "equipment", "设备和电话状态", MAX_EQUIPMENT)
    reason = text_input(reason, "reason", "更正原因", 200, required=True)
    with uow.write(Permission.FINALIZE_HANDOVER) as session:
        ctx = desk(session)
        row = _row(session, day)
        if row is None or row.status != FINAL:
            raise InputError([Problem(sentence("只有已接班确认的记录需要更正；草稿可直接修改后保存"),
                                      field="reason")])
        if version is not None and row.version != version:
            raise stale_edit(session, row, ENTITY, sentence("这一班的交接班记录"))
        if notes == row.notes and equipment == row.equipment_status:
            raise InputError([Problem(sentence("更正后的内容与原记录相同"), field="notes")])
        record = HandoverRecord.from_json(row.content)
        local = minute_text(moment, ctx.zone)
        record = replace(record, notes=notes, equipment=equipment,
                         corrections=(*record.corrections, Correction(local, uow.actor, reason)))
        row.notes, row.equipment_status, row.content = notes, equipment, record.to_json()
        row.revision += 1
        audit_change(session, row, uow.actor, ENTITY, "revise", moment)
        return Outcome(_stored(row), CHANGED)
