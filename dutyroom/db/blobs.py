"""Reading an attachment's bytes a piece at a time.

A desk may keep a gigabyte of scans. `check` hashes every one and opening a file writes a
copy; neither should hold a whole file in memory, nor read it twice. SQLite reads a blob
incrementally through its blob API (`Connection.blobopen`, on the row whose rowid is the
attachment's id); PostgreSQL returns slices of a bytea with `substring`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dutyroom.db.models import AttachmentBlob

CHUNK = 1024 * 1024


def exists(session: Session, attachment_id: int) -> bool:
    return session.scalar(select(AttachmentBlob.attachment_id)
                          .where(AttachmentBlob.attachment_id == attachment_id)) is not None


def chunks(session: Session, attachment_id: int, size: int = CHUNK) -> Iterator[bytes]:
    """The attachment's bytes in pieces of at most `size` (nothing for a missing blob)."""
    if session.get_bind().dialect.name == "sqlite":
        raw: Any = session.connection().connection.driver_connection
        if not exists(session, attachment_id):
            return
        with raw.blobopen("attachment_blobs", "data", attachment_id, readonly=True) as blob:
            while piece := blob.read(size):
                yield piece
        return
    total = session.scalar(select(func.length(AttachmentBlob.data))
                           .where(AttachmentBlob.attachment_id == attachment_id))
    position = 1
    while total is not None and position <= total:
        piece = session.scalar(select(func.substring(AttachmentBlob.data, position, size))
                               .where(AttachmentBlob.attachment_id == attachment_id))
        if not piece:
            return
        yield bytes(piece)
        position += len(piece)


def sha256(session: Session, attachment_id: int) -> str | None:
    """The SHA-256 of the stored bytes, None when the blob is missing."""
    if not exists(session, attachment_id):
        return None
    digest = hashlib.sha256()
    for piece in chunks(session, attachment_id):
        digest.update(piece)
    return digest.hexdigest()
