"""应急预案: the desk's filed plans (PDF), each linked to the incident subtypes it covers.

A plan is a record of its own in the audit chain (title, subtypes, whether in force); its
PDF is an attachment of kind "plan", kept and checked like any other. From an incident,
the plans in force for its subtype are listed to open in the app's PDF viewer.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import EmergencyPlan
from dutyroom.domain import attachments as rules
from dutyroom.domain.attachments import OwnerKind
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import SUBTYPES
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services import attachment_service
from dutyroom.services.attachment_service import AttachmentView
from dutyroom.services.errors import InputError
from dutyroom.services.records import audit_change, text_input, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "plan"
KNOWN_SUBTYPES = tuple(s for names in SUBTYPES.values() for s in names)


@dataclass(frozen=True)
class PlanView:
    id: int
    title: str
    subtypes: tuple[str, ...]
    active: bool
    file: AttachmentView | None  # its PDF (None only for a file removed behind the app)


def _views(session: Session, rows: list[EmergencyPlan]) -> list[PlanView]:
    files = attachment_service.listed(session, OwnerKind.PLAN, [r.id for r in rows])
    return [PlanView(r.id, r.title, tuple(json.loads(r.subtypes)), r.active,
                     files[r.id][-1] if files.get(r.id) else None) for r in rows]


def _subtypes(raw: Any) -> tuple[str, ...]:
    try:
        return rules.plan_subtypes(raw, KNOWN_SUBTYPES)
    except FieldError as error:
        raise InputError.from_field(error) from None


def list_plans(uow: UnitOfWork, include_inactive: bool = True) -> list[PlanView]:
    with uow.read() as session:
        query = select(EmergencyPlan).order_by(EmergencyPlan.title, EmergencyPlan.id)
        if not include_inactive:
            query = query.where(EmergencyPlan.active.is_(True))
        return _views(session, list(session.scalars(query)))


def plans_for(uow: UnitOfWork, subtype: str) -> list[PlanView]:
    """The plans in force for an incident subtype."""
    if not subtype:
        return []
    return [p for p in list_plans(uow, include_inactive=False) if subtype in p.subtypes]


def add_plan(uow: UnitOfWork, title: str, subtypes: Any, path: str | os.PathLike[str],
             now: datetime | None = None) -> Outcome[PlanView]:
    """File a plan: its title, the subtypes it covers and its PDF, in one transaction."""
    moment = utc_now(now)
    name = text_input(title, "title", "预案名称", 100, required=True)
    chosen = _subtypes(subtypes)
    with uow.read() as session:
        limit = attachment_service.limit_mb(session)
    content = attachment_service.read_file(path, limit)
    try:
        rules.check_plan_file(content.name, content.data[:1024])
    except FieldError as error:
        raise InputError.from_field(error) from None
    with uow.write(Permission.SETTINGS) as session:
        row = file_plan(session, name, chosen, content, uow.actor, moment)
        return Outcome(_views(session, [row])[0], Changes(settings=True))


def file_plan(session: Session, title: str, subtypes: tuple[str, ...],
              content: attachment_service.FileContent, actor: str, at: datetime) -> EmergencyPlan:
    """Store a checked plan and its PDF in the caller's transaction, both audited."""
    row = EmergencyPlan(title=title, subtypes=json.dumps(list(subtypes), ensure_ascii=False),
                        active=True, updated_at=at, updated_by=actor)
    session.add(row)
    audit_change(session, row, actor, ENTITY, "create", at)
    attachment_service.keep(session, OwnerKind.PLAN, row.id, content, actor, at)
    return row


def update_plan(uow: UnitOfWork, plan_id: int, title: str, subtypes: Any, active: bool,
                now: datetime | None = None) -> Outcome[PlanView]:
    """Rename a plan, change the subtypes it covers, or take it out of force (a plan is
    never deleted: an incident handled under it still names it)."""
    moment = utc_now(now)
    name = text_input(title, "title", "预案名称", 100, required=True)
    chosen = _subtypes(subtypes)
    with uow.write(Permission.SETTINGS) as session:
        row = session.get(EmergencyPlan, plan_id)
        if row is None:
            raise InputError.simple(sentence("没有编号为 {0} 的应急预案", plan_id), "id")
        row.title, row.active = name, bool(active)
        row.subtypes = json.dumps(list(chosen), ensure_ascii=False)
        row.updated_at, row.updated_by = moment, uow.actor
        audit_change(session, row, uow.actor, ENTITY, "update", moment)
        return Outcome(_views(session, [row])[0], Changes(settings=True))
