"""Attachments (附件): the rules for a file the desk keeps with a record.

A scanned 来文, a fax, a photo from the scene or a filed 预案 is evidence: it is kept inside
the database (so a backup or the server carries it), whole, with its SHA-256 in the audit
chain. These rules decide what may be kept and under what name, without touching a file.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from collections.abc import Collection
from enum import StrEnum

from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import sentence


class OwnerKind(StrEnum):
    """What an attachment belongs to (stored in the database: never rename a value)."""

    INCIDENT = "incident"
    REGISTER = "register_entry"
    WARNING = "warning"
    PLAN = "plan"  # an 应急预案's own PDF


OWNER_LABELS = {OwnerKind.INCIDENT: "事件", OwnerKind.REGISTER: "来电来文登记",
                OwnerKind.WARNING: "预警", OwnerKind.PLAN: "应急预案"}

MAX_NAME = 120  # characters kept of a file's name; the extension is always kept
FALLBACK_NAME = "附件"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_MEGABYTE = 1024 * 1024


def clean_name(raw: str) -> str:
    """The name an attachment is listed and saved under: the file's own name without any
    folder ('../../x' is 'x'), without characters a file system refuses, at most MAX_NAME
    characters with its extension kept, never empty."""
    base = re.split(r"[/\\]", str(raw))[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))
    base = _UNSAFE.sub("_", base).strip(" .\u3000")
    if not base.strip("_ "):
        return FALLBACK_NAME
    if len(base) > MAX_NAME:
        stem, dot, extension = base.rpartition(".")
        if dot and 0 < len(extension) <= 10 and stem:
            base = stem[:MAX_NAME - len(extension) - 1].rstrip() + "." + extension
        else:
            base = base[:MAX_NAME].rstrip()
    return base


def readable_size(size: int) -> str:
    """A size as a person reads it: 812 B, 35.2 KB, 4.8 MB."""
    if size < 1024:
        return f"{size} B"
    if size < _MEGABYTE:
        return f"{size / 1024:.1f} KB"
    if size < 1024 * _MEGABYTE:
        return f"{size / _MEGABYTE:.1f} MB"
    return f"{size / (1024 * _MEGABYTE):.2f} GB"


def limit_bytes(limit_mb: int) -> int:
    return limit_mb * _MEGABYTE


def check_size(name: str, size: int, limit_mb: int) -> None:
    """Refuse an empty file and one above the desk's limit per attachment (a setting)."""
    if size <= 0:
        raise FieldError("file", sentence("「{0}」是空文件（0 字节），没有保存", name))
    if size > limit_bytes(limit_mb):
        raise FieldError("file", sentence(
            "「{0}」有 {1}，超过每个附件 {2} MB 的上限，没有保存。请压缩或分拆后再添加，"
            "或由管理员在 设置 中调整附件大小上限", name, readable_size(size), limit_mb))


def media_type(name: str, head: bytes = b"") -> str:
    """The kind of file, from its first bytes when they say (a PDF named .jpg is a PDF),
    else from its extension."""
    if is_pdf(head):
        return "application/pdf"
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


# What the computer's own viewer may open directly: documents, pictures, recordings. Anything
# else — a program, a script, a shortcut, an archive, a document with macros — is only shown
# in its folder: an attachment may come from outside (a field laptop, a faxed-in file), and
# on Windows "opening" 现场照片.jpg.exe runs it.
VIEWABLE = frozenset({
    "pdf", "ofd", "txt", "csv", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et",
    "dps", "odt", "ods", "odp", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "heic",
    "mp3", "wav", "amr", "m4a", "mp4", "mov", "avi", "wmv", "3gp"})


def viewable(name: str) -> bool:
    """Whether the system's viewer may open the file by itself (VIEWABLE); judged by the
    last extension only, as Windows does (现场照片.jpg.exe is a program)."""
    stem, dot, extension = name.rpartition(".")
    return bool(dot and stem) and extension.lower() in VIEWABLE


def is_pdf(head: bytes) -> bool:
    return head.lstrip(b"\r\n\t ").startswith(b"%PDF-")


def check_reason(reason: str) -> str:
    """Removing an attachment says why: the log is evidence and a removal is part of it."""
    text = " ".join(str(reason or "").split())
    if not text:
        raise FieldError("reason", sentence("移除附件须写明原因"))
    if len(text) > 200:
        raise FieldError("reason", sentence("移除原因最多 200 字"))
    return text


def plan_subtypes(raw: object, known: Collection[str]) -> tuple[str, ...]:
    """The incident subtypes an 应急预案 applies to: a list, or text split by 、，,；; each a
    subtype the desk knows, each once, at least one."""
    items = raw if isinstance(raw, list | tuple) else re.split(r"[、，,；;\s]+", str(raw or ""))
    chosen: list[str] = []
    for item in (str(i).strip() for i in items):
        if not item or item in chosen:
            continue
        if item not in known:
            raise FieldError("subtypes", sentence("「{0}」不是已知的事件子类", item))
        chosen.append(item)
    if not chosen:
        raise FieldError("subtypes", sentence("预案至少要关联一个事件子类"))
    return tuple(chosen)


def check_plan_file(name: str, head: bytes) -> None:
    """A plan is filed as a PDF, so every desk can open it in the app's own viewer."""
    if not is_pdf(head):
        raise FieldError("file", sentence(
            "「{0}」不是 PDF 文件；预案请以 PDF 归档（可用 WPS 或 Word 另存为 PDF）", name))
