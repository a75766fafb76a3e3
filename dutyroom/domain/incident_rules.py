"""What a duty officer may do with an incident, each rule one function that raises.

The services read the rows and ask these; they say no with a FieldError naming the field
a form marks, in the sentence the officer reads. Kept apart from domain/incidents.py (what
an incident *is*) because these are about what may *happen* to one:

- A received time is not after the incident was recorded, and once a report exists a new
  one needs a reason.
- 办结 needs a final report (终报) first; reopening a closed incident needs a reason.
- 派单 only while the incident is open, to at least one department, and not again to a
  department whose earlier order is not yet closed. The first order moves 接报 to 处置中.
- A department's feedback is one of three kinds; any of them means it has arrived, and
  办结 closes its order, after which it takes no more.
- A register entry (值班登记) is a call, a fax, a document or a visit.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import FUTURE_TOLERANCE, Status
from dutyroom.domain.text import Verbatim, sentence


class FeedbackKind(StrEnum):
    ARRIVED = "arrived"
    HANDLING = "handling"
    CLOSED = "closed"


FEEDBACK_LABELS = {FeedbackKind.ARRIVED: "到达现场", FeedbackKind.HANDLING: "处置中",
                   FeedbackKind.CLOSED: "办结"}
ORDERED = "ordered"  # a dispatch's status before any feedback


class RegisterKind(StrEnum):
    CALL = "call"
    FAX = "fax"
    DOCUMENT = "document"
    VISIT = "visit"


REGISTER_LABELS = {RegisterKind.CALL: "电话记录", RegisterKind.FAX: "传真",
                   RegisterKind.DOCUMENT: "来文", RegisterKind.VISIT: "来访"}


def _listed(labels: Mapping[Any, str]) -> Verbatim:
    """"arrived（到达现场）、…": every value with its label, as a refusal names them."""
    return Verbatim("、".join(f"{k}（{v}）" for k, v in labels.items()))


def check_received_change(received: datetime, recorded: datetime, recorded_text: str, *,
                          reported: bool, note: str) -> None:
    """A received time cannot be after the incident was recorded (`recorded_text`, as the
    desk reads it; nobody records a call before it comes in), and once a report exists a
    change needs a reason: it moves every deadline that report was measured against."""
    if received > recorded + FUTURE_TOLERANCE:
        raise FieldError("received_at", sentence("接报时间不能晚于这起事件的登记时间（{0}）",
                                                 recorded_text))
    if reported and not note.strip():
        raise FieldError("note", sentence("已有报送记录，更改接报时间须写明原因"))


def check_status_change(current: Status, target: Status, *, has_final_report: bool,
                        note: str) -> None:
    """接报 → 处置中 → 已办结: closing needs a final report, reopening a reason."""
    if target == Status.CLOSED and current != Status.CLOSED and not has_final_report:
        raise FieldError("status", sentence("办结前必须先报送终报"))
    if current == Status.CLOSED and target != Status.CLOSED and not note.strip():
        raise FieldError("note", sentence("重新打开已办结的事件须说明原因"))


def check_can_dispatch(is_open: bool, department_ids: object) -> None:
    """Departments are ordered out only for an open incident, and at least one is chosen."""
    if not is_open:
        raise FieldError("status", sentence("事件已办结，不能再派单；如需继续处置请先重新打开"))
    if not department_ids:
        raise FieldError("departments", sentence("请至少选择一个联动单位"))


def check_not_dispatched(department_id: int, busy: Mapping[int, str]) -> None:
    """A department whose earlier order is still open is not ordered again (`busy`: their
    names by id)."""
    if department_id in busy:
        raise FieldError("departments", sentence("已向「{0}」派单且尚未办结，不必重复派单",
                                                 busy[department_id]))


def status_after_dispatch(status: Status) -> Status:
    """The first dispatch moves a received incident into handling; later ones change nothing."""
    return Status.HANDLING if status == Status.RECEIVED else status


def parse_feedback_kind(raw: object) -> FeedbackKind:
    """The kind of a department's feedback, by its value (arrived, handling, closed)."""
    try:
        return FeedbackKind(str(raw))
    except ValueError:
        raise FieldError("kind", sentence("未知的反馈类型「{0}」，应为 {1}", raw,
                                          _listed(FEEDBACK_LABELS))) from None


def check_feedback_open(order_closed: bool) -> None:
    """A closed order takes no more feedback."""
    if order_closed:
        raise FieldError("kind", sentence("该派单已办结"))


def parse_register_kind(raw: object) -> RegisterKind:
    """The kind of a register entry; none given is a phone call."""
    text = str(raw or RegisterKind.CALL)
    try:
        return RegisterKind(text)
    except ValueError:
        raise FieldError("kind", sentence("未知的登记类型「{0}」，应为 {1}", text,
                                          _listed(REGISTER_LABELS))) from None
