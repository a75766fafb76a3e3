"""Attachments (附件) on incidents, register entries, warnings and 应急预案.

A file is read once, checked (a file, readable, not empty, within the desk's limit), and
kept inside the database with its SHA-256 in the audit chain, in the same transaction as
the row that lists it: a backup or the server carries it, and `check` finds one swapped
behind the app's back. Lists read only the `attachments` table, never the bytes.
Opening writes a copy into a temporary folder for the system viewer or the PDF viewer.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db import blobs
from dutyroom.db.models import (
    Attachment,
    AttachmentBlob,
    EmergencyPlan,
    Incident,
    RegisterEntry,
    Warning,
)
from dutyroom.domain import attachments as rules
from dutyroom.domain.attachments import OwnerKind
from dutyroom.domain.errors import FieldError
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services import settings_service
from dutyroom.services.errors import InputError
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "attachment"
_OWNERS = {OwnerKind.INCIDENT: Incident, OwnerKind.REGISTER: RegisterEntry,
           OwnerKind.WARNING: Warning, OwnerKind.PLAN: EmergencyPlan}
_CHANGES = {OwnerKind.INCIDENT: Changes(incidents=True), OwnerKind.REGISTER: Changes(register=True),
            OwnerKind.WARNING: Changes(warnings=True), OwnerKind.PLAN: Changes(settings=True)}
_PERMISSION = {OwnerKind.INCIDENT: Permission.LOG, OwnerKind.REGISTER: Permission.LOG,
               OwnerKind.WARNING: Permission.LOG, OwnerKind.PLAN: Permission.SETTINGS}


@dataclass(frozen=True)
class AttachmentView:
    id: int
    owner_kind: str
    owner_id: int
    name: str
    size: int
    sha256: str
    media_type: str
    added_by: str
    added_at: datetime
    removed_at: datetime | None
    removed_by: str
    removal_reason: str

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"

    @property
    def readable_size(self) -> str:
        return rules.readable_size(self.size)


@dataclass(frozen=True)
class FileContent:
    """A file read from disk and found fit to keep."""

    name: str
    data: bytes
    media_type: str


def view_of(row: Attachment) -> AttachmentView:
    return AttachmentView(row.id, row.owner_kind, row.owner_id, row.name, row.size, row.sha256,
                          row.media_type, row.added_by, row.added_at, row.removed_at,
                          row.removed_by, row.removal_reason)


def owner_kind(raw: str) -> OwnerKind:
    try:
        return OwnerKind(raw)
    except ValueError:
        raise InputError.simple(sentence("「{0}」不是可以加附件的记录种类", Verbatim(raw)),
                                "kind") from None


def read_file(path: str | os.PathLike[str], limit_mb: int) -> FileContent:
    """The file at `path`, refused with one clear sentence when it is not a readable,
    non-empty regular file within `limit_mb` (its size is checked before it is read, and
    again after, as a file may still be growing)."""
    where = Path(path)
    shown = Verbatim(str(path))
    try:
        info = where.stat()
    except FileNotFoundError:
        raise InputError.simple(sentence("找不到文件「{0}」", shown), "file") from None
    except OSError:
        raise InputError.simple(sentence("无法读取「{0}」：没有权限或路径无效", shown),
                                "file") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError.simple(sentence("「{0}」是文件夹，不是文件；请选择文件夹里的文件", shown),
                                "file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError.simple(sentence("「{0}」不是普通文件，不能作为附件", shown), "file")
    name = rules.clean_name(where.name)
    try:
        rules.check_size(name, info.st_size, limit_mb)
        with where.open("rb") as handle:
            data = handle.read(rules.limit_bytes(limit_mb) + 1)
        rules.check_size(name, len(data), limit_mb)
    except FieldError as error:
        raise InputError.from_field(error) from None
    except OSError:
        raise InputError.simple(sentence("无法读取「{0}」：没有读取权限，或文件正被其他程序占用", shown),
                                "file") from None
    return FileContent(name, data, rules.media_type(name, data[:1024]))


def _owner(session: Session, kind: OwnerKind, owner_id: int) -> None:
    row = session.get(_OWNERS[kind], owner_id)
    if row is None:
        raise InputError.simple(sentence("没有编号为 {0} 的{1}", owner_id, rules.OWNER_LABELS[kind]),
                                "id")
    if getattr(row, "voided", False):
        raise InputError.simple(sentence("该{0}已作废，不能再添加附件", rules.OWNER_LABELS[kind]), "id")


def keep(session: Session, kind: OwnerKind, owner_id: int, content: FileContent, actor: str,
         at: datetime) -> Attachment:
    """Store a file with its owner, in the caller's transaction, audited with its SHA-256."""
    row = Attachment(owner_kind=kind.value, owner_id=owner_id, name=content.name,
                     size=len(content.data), sha256=hashlib.sha256(content.data).hexdigest(),
                     media_type=content.media_type, added_by=actor, added_at=at)
    session.add(row)
    session.flush()
    session.add(AttachmentBlob(attachment_id=row.id, data=content.data))
    audit_change(session, row, actor, ENTITY, "create", at)
    return row


def limit_mb(session: Session) -> int:
    return settings_service.desk(session).attachment_limit_mb


def add_attachment(uow: UnitOfWork, kind: str, owner_id: int, path: str | os.PathLike[str],
                   now: datetime | None = None) -> Outcome[AttachmentView]:
    """Attach the file at `path` to a record, as the person logged in."""
    which = owner_kind(kind)
    moment = utc_now(now)
    with uow.read() as session:
        limit = limit_mb(session)
        _owner(session, which, owner_id)
    content = read_file(path, limit)  # outside the transaction: a slow disk holds no lock
    with uow.write(_PERMISSION[which]) as session:
        _owner(session, which, owner_id)
        row = keep(session, which, owner_id, content, uow.actor, moment)
        return Outcome(view_of(row), _CHANGES[which])


def list_attachments(uow: UnitOfWork, kind: str, owner_id: int,
                     include_removed: bool = False) -> list[AttachmentView]:
    which = owner_kind(kind)
    with uow.read() as session:
        return listed(session, which, [owner_id], include_removed).get(owner_id, [])


def listed(session: Session, kind: OwnerKind, owner_ids: list[int],
           include_removed: bool = False) -> dict[int, list[AttachmentView]]:
    """The attachments of several records of one kind, oldest first (no blob is read)."""
    found: dict[int, list[AttachmentView]] = {}
    if not owner_ids:
        return found
    query = (select(Attachment).where(Attachment.owner_kind == kind.value,
                                      Attachment.owner_id.in_(owner_ids))
             .order_by(Attachment.added_at, Attachment.id))
    if not include_removed:
        query = query.where(Attachment.removed_at.is_(None))
    for row in session.scalars(query):
        found.setdefault(row.owner_id, []).append(view_of(row))
    return found


def _load(session: Session, attachment_id: int) -> Attachment:
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise InputError.simple(sentence("没有编号为 {0} 的附件", attachment_id), "id")
    return row


def remove_attachment(uow: UnitOfWork, attachment_id: int, reason: str,
                      now: datetime | None = None) -> Outcome[AttachmentView]:
    """Take an attachment off its record's list, saying why. The file stays in the
    database and in the audit chain: the log is evidence."""
    moment = utc_now(now)
    try:
        why = rules.check_reason(reason)
    except FieldError as error:
        raise InputError.from_field(error) from None
    with uow.read() as session:
        kind = owner_kind(_load(session, attachment_id).owner_kind)
    with uow.write(_PERMISSION[kind]) as session:
        row = _load(session, attachment_id)
        if row.removed_at is not None:
            raise InputError.simple(sentence("附件「{0}」已经移除", Verbatim(row.name)), "id")
        row.removed_at, row.removed_by, row.removal_reason = moment, uow.actor, why
        audit_change(session, row, uow.actor, ENTITY, "remove_mark", moment)
        return Outcome(view_of(row), _CHANGES[kind])


def copy_folder() -> Path:
    """Where opened attachments are written: a folder of this user's temporary files."""
    return Path(tempfile.gettempdir()) / "dutyroom-attachments"


def write_copy(uow: UnitOfWork, attachment_id: int, folder: Path | None = None) -> Path:
    """A copy of the attachment on disk, for a viewer: written piece by piece from the
    database into `<folder>/<id>/<name>`, read-only, and checked against its SHA-256 so a
    viewer never shows a file that differs from the one recorded."""
    target_folder = (folder or copy_folder()) / str(attachment_id)
    with uow.read() as session:
        row = _load(session, attachment_id)
        target = target_folder / row.name
        target_folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        partial = target.with_name(target.name + ".partial")
        try:
            if target.exists():
                target.chmod(0o600)
            with partial.open("wb") as handle:
                for piece in blobs.chunks(session, attachment_id):
                    digest.update(piece)
                    handle.write(piece)
            if digest.hexdigest() != row.sha256:
                partial.unlink(missing_ok=True)
                raise InputError.simple(sentence(
                    "附件「{0}」的内容与登记时的 SHA-256 不符，可能被替换过；请运行 数据 → 检查",
                    Verbatim(row.name)), "id")
            partial.replace(target)
            target.chmod(0o400)
        except OSError:
            partial.unlink(missing_ok=True)
            raise InputError.simple(sentence("无法在临时文件夹写入附件「{0}」的副本：{1}",
                                             Verbatim(row.name), Verbatim(str(target_folder))),
                                    "file") from None
    return target
