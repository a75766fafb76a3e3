"""领导批示 督办: a leader's instruction on a call, a document, an incident or a warning
becomes a task that someone must carry out by a time and feed back on (落实情况).

The rules an officer can say in one sentence each:

- An instruction is about a register entry, an incident or a warning, says what the leader
  asked, who gave it, who must act and by when; it falls due after it was given.
- Feedback (落实情况) goes on a task that is not done; marking it done needs the final
  feedback, which cannot be empty or earlier than the instruction.
- Reopening a done task needs a reason.
- A task not done by its due time is overdue (an alert of kind `instruction`); one done
  after it was due was done late. Statistics count the two apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import sentence

TEXT_MAX = 4000
FEEDBACK_MAX = 4000
PARTY_MAX = 64


class SubjectKind(StrEnum):
    REGISTER = "register"
    INCIDENT = "incident"
    WARNING = "warning"


SUBJECT_LABELS = {SubjectKind.REGISTER: "来电来文", SubjectKind.INCIDENT: "事件",
                  SubjectKind.WARNING: "预警"}


class Standing(StrEnum):
    """Where a task stands at a moment, as the 督办 list filters it."""

    OPEN = "open"  # not done, not yet due
    OVERDUE = "overdue"  # not done, past its due time
    DONE = "done"  # done on time
    DONE_LATE = "done_late"  # done after its due time
    WITHDRAWN = "withdrawn"  # not done when the record it was on was voided (作废)


STANDING_LABELS = {Standing.OPEN: "办理中", Standing.OVERDUE: "已超期",
                   Standing.DONE: "已办结", Standing.DONE_LATE: "超期办结",
                   Standing.WITHDRAWN: "已撤销（事项已作废）"}


def parse_subject_kind(raw: object) -> SubjectKind:
    try:
        return SubjectKind(str(raw or "").strip())
    except ValueError:
        raise FieldError("subject", sentence("领导批示只能针对来电来文、事件或预警")) from None


def check_due_after_given(given_at: datetime, due_at: datetime) -> None:
    """The time limit of a task falls after the instruction was given."""
    if due_at <= given_at:
        raise FieldError("due_at", sentence("办理时限必须晚于批示时间"))


def check_given_after_subject(given_at: datetime, subject_at: datetime) -> None:
    """A leader instructs on something the desk has already received."""
    if given_at < subject_at:
        raise FieldError("given_at", sentence("批示时间不能早于所批示事项的接收时间"))


def check_feedback(done: bool, given_at: datetime, at: datetime, text: str) -> None:
    """落实情况 goes on a task not done, is not empty, and does not predate the instruction."""
    if done:
        raise FieldError("text", sentence("该批示已办结，不能再登记落实情况；如需继续办理请先重新打开"))
    if not text.strip():
        raise FieldError("text", sentence("落实情况不能为空"))
    if at < given_at:
        raise FieldError("at", sentence("落实时间不能早于批示时间"))


def check_done(done: bool, given_at: datetime, at: datetime, final_text: str,
               last_event: datetime | None = None) -> None:
    """办结 needs the final feedback, on a task not already done, and happens after what the
    record already says happened (`last_event`: the latest 落实情况 or reopening), so a task
    done late and reopened cannot be back-dated into one done on time."""
    if done:
        raise FieldError("id", sentence("该批示已经办结"))
    if not final_text.strip():
        raise FieldError("text", sentence("办结须填写最终落实情况"))
    if at < given_at:
        raise FieldError("at", sentence("办结时间不能早于批示时间"))
    if last_event is not None and at < last_event:
        raise FieldError("at", sentence("办结时间不能早于已登记的落实情况或重新打开的时间"))


def check_reopen(done: bool, reason: str) -> None:
    """Only a done task is reopened, and only with a reason the record keeps."""
    if not done:
        raise FieldError("id", sentence("该批示尚未办结，无需重新打开"))
    if not reason.strip():
        raise FieldError("reason", sentence("重新打开已办结的批示须说明原因"))


def check_party(leader: str, assignee: str) -> None:
    """Who gave it and who must act are both named."""
    if not leader.strip():
        raise FieldError("leader", sentence("请填写作出批示的领导"))
    if not assignee.strip():
        raise FieldError("assignee", sentence("请选择或填写承办单位或承办人"))


@dataclass(frozen=True)
class TaskTimes:
    given_at: datetime
    due_at: datetime
    done_at: datetime | None
    # When the record the instruction is on was voided (作废), if it was: an instruction on
    # a 误报 or a 重复登记 has nothing left to carry out, so the task ends with the void.
    voided_at: datetime | None = None


def standing(task: TaskTimes, at: datetime) -> Standing:
    """Open, overdue, done or done late, at `at` (a task done after `at` is not done yet);
    withdrawn from the moment its record was voided, unless it was done by then (a task
    done stays done: what was carried out was carried out)."""
    if task.done_at is not None and task.done_at <= at:
        return Standing.DONE_LATE if task.done_at > task.due_at else Standing.DONE
    if task.voided_at is not None and task.voided_at <= at:
        return Standing.WITHDRAWN
    return Standing.OVERDUE if at >= task.due_at else Standing.OPEN


def check_not_withdrawn(withdrawn: bool) -> None:
    """A task withdrawn with its voided record takes no more 落实情况, 办结 or reopening."""
    if withdrawn:
        raise FieldError("id", sentence(
            "该批示所针对的记录已作废，批示随之撤销，不能再登记落实情况、办结或重新打开"))


def alert_opens(task: TaskTimes, warning: timedelta) -> datetime:
    """When the task starts showing as upcoming: the desk's warning before it is due, never
    before the instruction was given."""
    return max(task.given_at, task.due_at - warning)


@dataclass(frozen=True)
class PeriodCounts:
    """Instructions given in a period and where they stand (statistics)."""

    given: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0  # not done and past due
    open: int = 0  # not done, not yet due

    def as_dict(self) -> dict[str, int]:
        return {"given": self.given, "done_on_time": self.done_on_time,
                "done_late": self.done_late, "overdue": self.overdue, "open": self.open}


def count_in_period(tasks: Sequence[TaskTimes], as_of: datetime) -> PeriodCounts:
    """How the tasks given in a period stand at `as_of`, like every other statistic: done
    on time, done late, overdue, or still open within their time limit. A task on a record
    since voided is not counted at all, as the voided record itself is not."""
    counted = [t for t in tasks if t.voided_at is None]
    tally = dict.fromkeys(Standing, 0)
    for task in counted:
        tally[standing(task, as_of)] += 1
    return PeriodCounts(len(counted), tally[Standing.DONE], tally[Standing.DONE_LATE],
                        tally[Standing.OVERDUE], tally[Standing.OPEN])
