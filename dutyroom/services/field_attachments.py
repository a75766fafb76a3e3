"""Attachments in a field package: what goes out with the laptop, and what comes back.

Out go the files of what the package carries: the open incidents, the warnings in force and
the desk's active 应急预案 (an officer at a landslide wants the scene photos already taken
and the plan for 地质灾害). A file removed from its record stays at the desk.

Back come the files the laptop added to incidents, register entries and warnings, and the
removals it marked. A package is input, not a record: a file is taken only when its bytes
hash to the SHA-256 the laptop's audit chain recorded when it was added, and a file that
left the desk must come back exactly as it left (an attachment is never edited in the app,
only marked removed). Plans stay the desk's: the laptop's changes to them are not merged.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from dutyroom.db import blobs
from dutyroom.db.models import (
    Attachment,
    AttachmentBlob,
    AuditEntry,
    EmergencyPlan,
    Incident,
    RegisterEntry,
    Warning,
    record_snapshot,
)
from dutyroom.domain import attachments as rules
from dutyroom.domain.attachments import OwnerKind
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import searchable
from dutyroom.domain.incidents import FUTURE_TOLERANCE
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services import attachment_service, field_rules
from dutyroom.services.records import audit_change
from dutyroom.services.settings_service import Desk

# The records whose files come back, and the class each kind names.
OWNERS: dict[str, type[Incident | RegisterEntry | Warning]] = {
    OwnerKind.INCIDENT.value: Incident, OwnerKind.REGISTER.value: RegisterEntry,
    OwnerKind.WARNING.value: Warning}
# Set when a file is added; the app never changes them afterwards.
CREATION = ("owner_kind", "owner_id", "name", "size", "sha256", "media_type", "added_by", "added_at")


def carried(incidents: Any, warnings: Any) -> Select[Attachment]:
    """The attachments a package takes out: those (not removed) of the open incidents and
    warnings it carries (`incidents`, `warnings`: selects of their ids) and of the active
    plans."""
    plans = select(EmergencyPlan.id).where(EmergencyPlan.active.is_(True))
    return select(Attachment).where(Attachment.removed_at.is_(None), (
        ((Attachment.owner_kind == OwnerKind.INCIDENT.value) & Attachment.owner_id.in_(incidents))
        | ((Attachment.owner_kind == OwnerKind.WARNING.value) & Attachment.owner_id.in_(warnings))
        | ((Attachment.owner_kind == OwnerKind.PLAN.value) & Attachment.owner_id.in_(plans))))


def copy_out(desk: Session, package: Session, incidents: Any, warnings: Any) -> tuple[int, int]:
    """Copy the carried plans and attachments into the package, one file's bytes at a time
    (a desk may keep a gigabyte of scans): (files, bytes)."""
    for plan in desk.scalars(select(EmergencyPlan).where(EmergencyPlan.active.is_(True))):
        package.add(EmergencyPlan(**{c.key: getattr(plan, c.key) for c in EmergencyPlan.__table__.columns}))
    files = size = 0
    for row in desk.scalars(carried(incidents, warnings).order_by(Attachment.id)):
        package.add(Attachment(**{c.key: getattr(row, c.key) for c in Attachment.__table__.columns}))
        package.flush()
        package.add(AttachmentBlob(attachment_id=row.id, data=b"".join(blobs.chunks(desk, row.id))))
        package.flush()
        package.expunge_all()  # the bytes are written: do not keep them in memory
        files, size = files + 1, size + row.size
    return files, size


def merged_kinds() -> Any:
    """The laptop's attachments the merge looks at: a plan's PDF is the desk's own."""
    return Attachment.owner_kind.in_(list(OWNERS))


def owner_ref(session: Session, row: Attachment) -> str | None:
    """The owner's UUID, which names it in any database (ids are local)."""
    model = OWNERS.get(row.owner_kind)
    if model is None:
        return None
    return session.scalar(select(model.uuid).where(model.id == row.owner_id))


def describe(row: Attachment) -> str:
    return sentence("附件「{0}」", Verbatim(searchable(str(row.name))[:60]))


def take(desk: Session, d: Desk, row: Attachment, state: dict[str, Any], current: Attachment | None,
         exported_at: datetime, actor: str, moment: datetime) -> tuple[str, str]:
    """Merge one of the laptop's attachments: ("added" | "updated" | "same" | "conflict",
    the conflict's reason). Raises field_rules.Refused for what the app could not have
    written: a file whose bytes or recorded facts were changed in the package."""
    laptop = Session.object_session(row)
    assert laptop is not None
    _check_chain(laptop, row)
    if current is not None:
        return _known(desk, row, state, current, exported_at, actor, moment), ""
    model = OWNERS[row.owner_kind]
    owner: Any = desk.scalar(select(model).where(model.uuid == state["owner_id"]))
    if owner is None:  # e.g. a notice the desk kept apart: the file cannot be listed anywhere
        return "conflict", sentence("它所属的记录没有并入值班台，这个附件也未并入")
    limit = attachment_service.limit_mb(desk)
    if isinstance(row.size, int) and row.size > rules.limit_bytes(limit):
        # Larger than the desk takes from anyone: kept out, its bytes never read, the rest merges.
        field_rules.keep_apart(desk, attachment_service.ENTITY, state, str(row.uuid), actor, moment)
        return "conflict", sentence("文件大小 {0}，超过值班台每个附件 {1} MB 的上限，未并入；"
                                    "如需保存请压缩或分拆后在值班台添加", rules.readable_size(row.size),
                                    limit)
    try:
        values = _admitted(desk, d, row, exported_at, moment)
    except FieldError as error:
        raise field_rules.Refused(error.message) from None
    data = _verified_bytes(laptop, row)
    added = Attachment(owner_kind=row.owner_kind, owner_id=owner.id, uuid=str(row.uuid), **values)
    desk.add(added)
    desk.flush()
    desk.add(AttachmentBlob(attachment_id=added.id, data=data))
    audit_change(desk, added, actor, attachment_service.ENTITY, "field_add", moment)
    return "added", ""


def _check_chain(laptop: Session, row: Attachment) -> None:
    """Every state the laptop's audit chain holds for the file names the same file: the app
    records a file's SHA-256 once, when it is added, and never changes it."""
    facts = {k: v for k, v in record_snapshot(row).items() if k in CREATION}
    for (payload,) in laptop.execute(select(AuditEntry.payload).where(
            AuditEntry.entity == attachment_service.ENTITY, AuditEntry.entity_id == str(row.id))):
        try:
            recorded = json.loads(payload)
        except (ValueError, RecursionError):
            recorded = None
        if not isinstance(recorded, dict) or any(recorded.get(k) != v for k, v in facts.items()):
            raise field_rules.Refused(sentence(
                "附件在外勤包中被改动（与外勤包审计链中记录的 SHA-256 等登记信息不符），外勤包可能被改动过"))


def _verified_bytes(laptop: Session, row: Attachment) -> bytes:
    """The file's bytes, read no further than its recorded size (a blob larger than its
    record says is not read to its end)."""
    pieces: list[bytes] = []
    read = 0
    for piece in blobs.chunks(laptop, row.id):
        pieces.append(piece)
        read += len(piece)
        if read > row.size:
            break
    data = b"".join(pieces)
    if len(data) != row.size or hashlib.sha256(data).hexdigest() != row.sha256:
        raise field_rules.Refused(sentence(
            "附件的内容与外勤包审计链中记录的 SHA-256 不符，外勤包可能被改动过"))
    return data


def _known(desk: Session, row: Attachment, state: dict[str, Any], current: Attachment,
           exported_at: datetime, actor: str, moment: datetime) -> str:
    """A file the desk has too: it must be the very same file; a removal marked on either
    side stands (a removal is kept with who and why, the file never deleted)."""
    desk_state = record_snapshot(current)
    desk_state["owner_id"] = owner_ref(desk, current)
    if any(state.get(k) != desk_state.get(k) for k in CREATION):
        raise field_rules.Refused(sentence(
            "已登记的附件在外勤包中被改动（附件添加后不能修改），外勤包可能被改动过"))
    if row.removed_at is None or current.removed_at is not None:
        return "same"
    try:
        removal = _removal(row, moment, exported_at)
    except FieldError as error:
        raise field_rules.Refused(error.message) from None
    current.removed_at, current.removed_by, current.removal_reason = removal
    desk.flush()
    audit_change(desk, current, actor, attachment_service.ENTITY, "field_update", moment)
    return "updated"


def _admitted(desk: Session, d: Desk, row: Attachment, exported_at: datetime,
              moment: datetime) -> dict[str, Any]:
    """The facts of a file the laptop added, as the desk's own attachment service would
    have recorded them."""
    name = rules.clean_name(str(row.name))
    if name != row.name:
        raise FieldError("name", sentence("附件名「{0}」不是本程序会保存的文件名，外勤包可能被改动过",
                                          Verbatim(name)))
    if not isinstance(row.size, int):
        raise FieldError("size", sentence("附件大小无效，外勤包可能被改动过"))
    rules.check_size(name, row.size, attachment_service.limit_mb(desk))
    field_rules.written_in_the_field(Attachment, {"added_at": row.added_at}, exported_at, moment,
                                     d.zone)
    laptop = Session.object_session(row)
    assert laptop is not None
    head = next(blobs.chunks(laptop, row.id, 1024), b"")
    values = {"name": name, "size": row.size, "sha256": str(row.sha256),
              "media_type": rules.media_type(name, head),
              "added_by": clean_text(row.added_by, "added_by", "添加人", max_length=64, required=True),
              "added_at": row.added_at, "removed_at": None, "removed_by": "", "removal_reason": ""}
    if row.removed_at is not None:
        values["removed_at"], values["removed_by"], values["removal_reason"] = _removal(
            row, moment, exported_at)
    return values


def _removal(row: Attachment, moment: datetime, exported_at: datetime) -> tuple[datetime, str, str]:
    """Who removed the file in the field, when and why: after it was added and after the
    package left the desk (a removal dated earlier would rewrite the desk's own record)."""
    assert row.removed_at is not None
    if (row.removed_at < row.added_at or row.removed_at > moment + FUTURE_TOLERANCE
            or row.removed_at < exported_at - field_rules.CLOCK_BEHIND):
        raise FieldError("removed_at", sentence("附件的移除时间无效，外勤包可能被改动过"))
    return (row.removed_at,
            clean_text(row.removed_by, "removed_by", "移除人", max_length=64, required=True),
            rules.check_reason(row.removal_reason))
