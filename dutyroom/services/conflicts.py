"""What changed between two saved states of a record, in words, and telling a person whose
save was refused what the other desk changed.

Two desks on one server may open the same incident; the second save is refused
(optimistic locking) and must not leave the person guessing. The audit chain holds every
saved state, so the last change can be shown field by field: who, when, old → new. The
incident's history (修订记录) is told the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import AuditEntry
from dutyroom.domain.incidents import (
    CATEGORY_LABELS,
    COUNT_LABELS,
    LEVEL_SHORT,
    STATUS_LABELS,
    TEXTS,
    Category,
    Level,
    Status,
)
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services.errors import ConflictError
from dutyroom.services.settings_service import desk as settings_desk

SHOWN = 6  # fields listed before "等 n 项"
_VALUES: dict[str, Mapping[str, str]] = {
    "level": {k.value: v for k, v in LEVEL_SHORT.items() if isinstance(k, Level)},
    "status": {k.value: v for k, v in STATUS_LABELS.items() if isinstance(k, Status)},
    "category": {k.value: v for k, v in CATEGORY_LABELS.items() if isinstance(k, Category)},
    "voided": {"True": "已作废", "False": "有效"},
}
FIELD_LABELS: dict[str, str] = {
    **{key: label for key, (label, *_rest) in TEXTS.items()}, **COUNT_LABELS,
    "level": "级别", "status": "状态", "category": "类别", "received_at": "接报时间",
    "occurred_at": "发生时间", "economic_loss": "直接经济损失", "voided": "作废",
    "void_reason": "作废原因", "change_note": "修改说明", "kind": "类型", "urgency": "紧急程度",
    "from_unit": "来电（文）单位", "from_name": "姓名", "from_post": "职务", "from_phone": "电话",
    "doc_number": "文号", "content": "内容", "leader_instruction": "领导批示", "passed_to": "批转",
    "handling": "处理情况", "notes": "其他交代事项", "equipment_status": "设备和电话状态",
    "name": "名称", "duty_phone": "值班电话", "liaison_name": "联络人",
    "liaison_mobile": "联络人手机", "mobile": "手机", "tier": "值班层级", "department": "部门",
    "position": "职务", "office_phone": "办公电话", "active": "在用",
}

_TIMES = {"received_at", "occurred_at"}
_PEOPLE = {"deaths", "injured", "missing", "trapped", "people_involved"}
# Said separately (修改说明 as the reason of a change), or not a fact of the record.
_NOT_FACTS = {"change_note"}
EMPTY = "（空）"


def shown_value(key: str, value: Any, zone: tzinfo) -> str:
    """A stored value as a person reads it: labels for codes, local times, people counted,
    money in 万元 (as the form takes it), long text cut."""
    text = "" if value is None else str(value)
    if key in _TIMES and text:
        return minute_text(datetime.fromisoformat(text), zone)
    if key in _PEOPLE and text:
        return sentence("{0}人", int(text))
    if key == "economic_loss" and text:
        return sentence("{0:g} 万元", int(text) / 10_000)
    text = _VALUES.get(key, {}).get(text, text)
    if not text:
        return sentence(EMPTY)
    return text if len(text) <= 40 else text[:40] + "…"


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any], zone: tzinfo) -> list[str]:
    """What a person would call the change, field by field and in words: "级别由 Ⅳ级 改为 Ⅲ级",
    "填写了地点：东岭村三组", "删去了概要（原为 …）" (never an arrow from （空）)."""
    said: list[str] = []
    for key, label in FIELD_LABELS.items():
        if key in _NOT_FACTS or before.get(key) == after.get(key) or not (key in before
                                                                          or key in after):
            continue
        old, new = shown_value(key, before.get(key), zone), shown_value(key, after.get(key), zone)
        if old == EMPTY:
            said.append(sentence("填写了{0}：{1}", label, new))
        elif new == EMPTY:
            said.append(sentence("删去了{0}（原为 {1}）", label, old))
        else:
            said.append(sentence("{0}由 {1} 改为 {2}", label, old, new))
    return said


def stale_edit(session: Session, row: Any, entity: str, what: str) -> ConflictError:
    """The refusal of a save made on a stale copy, naming the other change."""
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == str(row.id))
        .order_by(AuditEntry.id.desc()).limit(2)).all()
    head = sentence("{0}已被他人修改（例如另一值班台）", what)
    details: list[str] = []
    if entries:
        zone = settings_desk(session).zone
        head = sentence("{0}已被他人修改：{1} 于 {2}（可能在另一值班台）改了", what,
                        Verbatim(entries[0].actor), minute_text(entries[0].at, zone))
        before = json.loads(entries[1].payload) if len(entries) > 1 else {}
        after = json.loads(entries[0].payload)
        details = changed_fields(before, after, zone)
        if after.get("change_note") and after.get("change_note") != before.get("change_note"):
            details.append(sentence("修改说明：{0}", Verbatim(after["change_note"])))
    if len(details) > SHOWN:
        details = [*details[:SHOWN], sentence("等共 {0} 项", len(details))]
    body: str = ""
    for line in details:
        body = sentence("{0}\n  · {1}", body, line)
    return ConflictError(sentence("{0}：{1}\n您的这次保存没有写入，填写的内容仍在窗口中。再次保存将只把您改动"
                                  "的内容写到最新版本上。", head, body), current_version=row.version)
