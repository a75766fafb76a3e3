"""The handover record (交接班记录): what one shift leaves to the next, assembled from the
shift's facts so that nothing the officer would have to remember is left to memory.

The record is a document, not a live view: every cell is text in the desk's local time, so
the record accepted at 08:30 reads the same in the binder years later, whatever happens to
the incidents afterwards. Each row keeps a stable key, so two records can be compared
("what changed since the last handover") without parsing their text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, tzinfo

from dutyroom.domain.deadlines import Deadline
from dutyroom.domain.incidents import CATEGORY_LABELS, LEVEL_SHORT, STATUS_LABELS, Category, Level, Status
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.roster import Seat, ordinal
from dutyroom.domain.tiers import Tier

MAX_NOTES = 2000
PERIOD_JOIN = " 至 "  # between the first and the last minute of a shift in `period`
NAMES_JOIN = "、"  # between the names of two officers of one shift
SIGNERS = ("交班人", "接班人", "带班领导")


# --- the facts a shift leaves behind (the service reads them from the database) ----------


@dataclass(frozen=True)
class SignIn:
    """A seat's 接班签到 (a tier; each officer of a two-officer day): who was rostered and
    who signed in, if anyone."""

    seat: Seat
    rostered: str
    due: datetime
    signed_by: str = ""
    signed_at: datetime | None = None


@dataclass(frozen=True)
class Prompt:
    """A presence prompt (在岗确认) and its answer."""

    asked_at: datetime
    due: datetime
    confirmed_by: str = ""
    confirmed_at: datetime | None = None


@dataclass(frozen=True)
class SpotCheckFact:
    at: datetime
    checker: str
    channel: str  # already a label: 电话 / 视频 / 现场
    answered_by: str
    within_rule: bool
    outcome: str  # label
    result: str


@dataclass(frozen=True)
class ReportFact:
    stage: str  # label: 首报 / 续报 / 终报
    channel: str  # label: 电话 / 书面
    sent_at: datetime
    late: bool
    recorded_at: datetime | None = None  # set for a 补录: recorded long after `sent_at`


@dataclass(frozen=True)
class DispatchFact:
    id: int
    department: str
    contact: str
    ordered_at: datetime
    due: datetime
    arrived_at: datetime | None
    closed_at: datetime | None
    last_feedback: str


@dataclass(frozen=True)
class IncidentFact:
    id: int
    received_at: datetime
    title: str
    category: Category
    level: Level
    status: Status
    reports: tuple[ReportFact, ...]
    deadlines: tuple[Deadline, ...]  # report deadlines, met or not
    dispatches: tuple[DispatchFact, ...]
    received_note: str = ""  # the received time changed after a report existed, both times
    unticked: tuple[str, ...] = ()  # 处置要点 not yet ticked, carried to the next shift


@dataclass(frozen=True)
class EntryFact:
    """A call or document of the register (来电来文)."""

    id: int
    received_at: datetime
    kind: str  # label
    source: str  # unit and person
    title: str
    instruction: str  # 领导批示
    passed_to: str


@dataclass(frozen=True)
class TaskFact:
    """A duty task not yet done (值班表报备, 值班日报)."""

    key: str
    label: str
    subject: str
    due: datetime


@dataclass(frozen=True)
class WarningFact:
    """A warning in force at the handover, with whom it has not yet reached (未叫醒)."""

    id: int
    title: str
    relay_due: datetime | None
    valid_until: datetime | None
    reached: int
    to_reach: int
    unreached: tuple[str, ...]  # 村(社区) 岗位 姓名


@dataclass(frozen=True)
class InstructionFact:
    """A 领导批示 task (督办), with its latest 落实情况 as of the record's moment."""

    id: int
    leader: str
    text: str
    assignee: str
    subject: str
    given: datetime
    due: datetime
    done: datetime | None  # done by `as_of`, else None
    latest: str  # the latest feedback, empty when none yet


@dataclass(frozen=True)
class ShiftFacts:
    unit: str
    desk: str
    day: date
    start: datetime
    end: datetime
    zone: tzinfo
    as_of: datetime  # the moment the record describes: the handover, or now if earlier
    # Who is on duty in the shift, per tier and seat by seat (signed in, else rostered):
    # two officers on a two-officer day.
    people: dict[Tier, tuple[str, ...]]
    incoming: tuple[str, ...]  # the next shift's officers
    sign_ins: tuple[SignIn, ...]
    prompts: tuple[Prompt, ...]
    spot_checks: tuple[SpotCheckFact, ...]
    incidents: tuple[IncidentFact, ...]  # received in the shift, or still open
    entries: tuple[EntryFact, ...]  # received in the shift
    tasks: tuple[TaskFact, ...]
    warnings: tuple[WarningFact, ...] = ()  # in force at `as_of`
    instructions: tuple[InstructionFact, ...] = ()  # not done at `as_of`
    instructions_given: tuple[InstructionFact, ...] = ()  # given in the shift by `as_of`


# --- the record -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    key: str
    cells: tuple[str, ...]
    alert: bool = False  # missed, late or overdue: printed in bold, shown in red


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # relative column widths for the printout
    lines: tuple[Line, ...]
    empty: str  # what the section says when it has no line
    compared: bool = False  # carried from shift to shift, so compared with the last record


@dataclass(frozen=True)
class Correction:
    at: str
    by: str
    reason: str


NOT_WRITTEN = "（未填写）"


@dataclass(frozen=True)
class HandoverRecord:
    unit: str
    desk: str
    day: date
    period: str
    outgoing: str
    incoming: str
    leader: str
    chief: str
    sections: tuple[Section, ...]
    equipment: str = ""
    notes: str = ""
    assembled_at: str = ""
    accepted_at: str = ""
    corrections: tuple[Correction, ...] = field(default=())
    # The audit chain's head when the record was accepted ("1234:3F9AC2107B4E55D1",
    # domain/anchors.py): printed on the signed paper, so the file can be checked against it.
    anchor: str = ""
    # Who signs the paper, as the lines are labelled: 交班人, 接班人 and 带班领导, a line for
    # each officer where two hand over or take over. Empty in records accepted before.
    signers: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.unit}{self.desk}交接班记录"

    @property
    def period_bounds(self) -> tuple[str, str]:
        """The shift's first and last minute as `period` states them ("… 至 …"), for a
        window that words the span in its own language."""
        start, _, end = self.period.partition(PERIOD_JOIN)
        return start, end

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def written(self) -> tuple[tuple[str, str], ...]:
        """What the outgoing officer wrote, as the record states it. A signed record says
        nothing nobody entered: a field left empty reads 未填写, never 正常 or 无."""
        return (("设备和电话状态", self.equipment.strip() or NOT_WRITTEN),
                ("其他交代事项", self.notes.strip() or NOT_WRITTEN))

    def to_json(self) -> str:
        data = asdict(self)
        data["day"] = self.day.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> HandoverRecord:
        data = json.loads(text)
        sections = tuple(
            Section(**{**s, "headers": tuple(s["headers"]), "widths": tuple(s["widths"]),
                       "lines": tuple(Line(ln["key"], tuple(ln["cells"]), ln["alert"])
                                      for ln in s["lines"])})
            for s in data.pop("sections"))
        corrections = tuple(Correction(**c) for c in data.pop("corrections"))
        day = date.fromisoformat(data.pop("day"))
        signers = tuple(data.pop("signers", ()))
        return cls(day=day, sections=sections, corrections=corrections, signers=signers, **data)

    @property
    def signature_lines(self) -> tuple[str, ...]:
        return self.signers or SIGNERS


# --- assembling ------------------------------------------------------------------------------


def _local(moment: datetime | None, zone: tzinfo, pattern: str = "%m-%d %H:%M") -> str:
    return moment.astimezone(zone).strftime(pattern) if moment is not None else ""


def _overdue_text(due: datetime, as_of: datetime) -> str:
    minutes = int((as_of - due).total_seconds() // 60)
    if minutes < 1:
        return "到期"
    hours, rest = divmod(minutes, 60)
    return f"已超时 {hours} 小时 {rest} 分" if hours else f"已超时 {rest} 分钟"


def _sign_in_lines(facts: ShiftFacts) -> list[Line]:
    lines = []
    for s in facts.sign_ins:
        key = f"signin/{s.seat.tier.value}" + (f"/{s.seat.index}" if s.seat.index else "")
        who = s.signed_by or s.rostered or "（未排班）"
        if s.signed_by and s.rostered and s.signed_by != s.rostered:
            who = f"{s.signed_by}（替 {s.rostered}）"
        if s.signed_at is not None:
            late = s.signed_at > s.due
            state, alert = (f"{_local(s.signed_at, facts.zone, '%H:%M')} 签到"
                            + ("，迟签" if late else ""), late)
        elif facts.as_of > s.due:
            state, alert = "未签到", True
        else:
            state, alert = "待签到", False
        lines.append(Line(key, (f"接班签到 · {s.seat.label}",
                          f"{_local(s.due, facts.zone, '%H:%M')} 前", who, state), alert))
    for p in facts.prompts:
        if p.confirmed_at is not None:
            state, alert, who = f"{_local(p.confirmed_at, facts.zone, '%H:%M')} 确认", False, \
                p.confirmed_by
        elif facts.as_of > p.due:
            state, alert, who = "未确认", True, ""
        elif facts.as_of >= p.asked_at:
            state, alert, who = "待确认", False, ""
        else:
            state, alert, who = "未到时间", False, ""
        lines.append(Line(f"presence/{_local(p.asked_at, facts.zone, '%H%M')}",
                          (f"在岗确认 · {_local(p.asked_at, facts.zone, '%H:%M')}",
                           f"{_local(p.due, facts.zone, '%H:%M')} 前", who, state), alert))
    return lines


def _spot_lines(facts: ShiftFacts) -> list[Line]:
    return [Line(f"spot/{_local(s.at, facts.zone, '%Y%m%d%H%M%S')}",
                 (_local(s.at, facts.zone), s.checker, s.channel, s.answered_by,
                  "是" if s.within_rule else "否", "；".join(x for x in (s.outcome, s.result) if x)),
                 not s.within_rule or s.outcome != "在岗正常")
            for s in facts.spot_checks]


def _still_due(incident: IncidentFact, as_of: datetime, zone: tzinfo) -> list[tuple[Deadline, str]]:
    return [(d, f"{d.label()} {_local(d.due, zone)} 前"
             + (f"（{_overdue_text(d.due, as_of)}）" if as_of >= d.due else ""))
            for d in incident.deadlines if d.met_at is None]


def _incident_lines(facts: ShiftFacts) -> list[Line]:
    lines = []
    for i in sorted(facts.incidents, key=lambda i: i.received_at):
        sent = "、".join(f"{r.channel}{r.stage} {_local(r.sent_at, facts.zone, '%H:%M')}"
                        + ("（迟报）" if r.late else "")
                        + (f"（补录，登记 {_local(r.recorded_at, facts.zone)}）" if r.recorded_at else "")
                        for r in i.reports) or "未报送"
        pending = _still_due(i, facts.as_of, facts.zone) if i.status != Status.CLOSED else []
        origin = "本班接报" if i.received_at >= facts.start else "前班转入"
        lines.append(Line(
            f"incident/{i.id}",
            (f"{_local(i.received_at, facts.zone)}\n{origin}",
             f"{i.title}（{CATEGORY_LABELS[i.category]}）"
             + (f"\n{i.received_note}" if i.received_note else ""),
             LEVEL_SHORT[i.level], STATUS_LABELS[i.status], sent,
             "；".join(text for _, text in pending) or "无"),
            any(r.late or r.recorded_at for r in i.reports) or bool(i.received_note)
            or any(d.due <= facts.as_of for d, _ in pending)))
    return lines


def _dispatch_lines(facts: ShiftFacts) -> list[Line]:
    lines = []
    for i in facts.incidents:
        for d in i.dispatches:
            if d.closed_at is not None:
                continue
            if d.arrived_at is not None:
                arrival, alert = f"{_local(d.arrived_at, facts.zone, '%H:%M')} 到达" + (
                    "（迟到）" if d.arrived_at > d.due else ""), d.arrived_at > d.due
            elif facts.as_of > d.due:
                arrival, alert = f"未到达（{_overdue_text(d.due, facts.as_of)}）", True
            else:
                arrival, alert = "未到达", False
            lines.append(Line(f"dispatch/{d.id}", (
                d.department + (f"（{d.contact}）" if d.contact else ""), i.title,
                _local(d.ordered_at, facts.zone), f"{_local(d.due, facts.zone, '%H:%M')} 前到达",
                arrival, d.last_feedback or "尚无反馈"), alert))
    return lines


def _entry_lines(facts: ShiftFacts) -> list[Line]:
    return [Line(f"entry/{e.id}", (_local(e.received_at, facts.zone), e.kind, e.source, e.title,
                                   e.instruction or "—", e.passed_to or "—"))
            for e in sorted(facts.entries, key=lambda e: e.received_at)]


def _open_lines(facts: ShiftFacts) -> list[Line]:
    items: list[tuple[datetime, Line]] = []
    for i in facts.incidents:
        if i.status == Status.CLOSED:
            continue
        for d, _ in _still_due(i, facts.as_of, facts.zone):
            late = facts.as_of >= d.due
            items.append((d.due, Line(
                f"deadline/{i.id}/{d.kind.value}/{_local(d.due, facts.zone, '%Y%m%d%H%M')}",
                (d.label(), i.title, f"{_local(d.due, facts.zone)} 前",
                 _overdue_text(d.due, facts.as_of) if late else "未到期"), late)))
        for dispatch in i.dispatches:
            if dispatch.arrived_at is None and dispatch.closed_at is None:
                late = facts.as_of >= dispatch.due
                items.append((dispatch.due, Line(
                    f"arrival/{dispatch.id}", ("派单到场", f"{dispatch.department} · {i.title}",
                                               f"{_local(dispatch.due, facts.zone)} 前",
                                               _overdue_text(dispatch.due, facts.as_of)
                                               if late else "未到期"), late)))
        if i.unticked:
            items.append((i.received_at, Line(
                f"playbook/{i.id}", ("处置要点未完成", f"{i.title}：" + "；".join(i.unticked), "—",
                                     f"{len(i.unticked)} 项未勾选"), False)))
    for t in facts.tasks:
        late = facts.as_of >= t.due
        items.append((t.due, Line(f"task/{t.key}", (t.label, t.subject, f"{_local(t.due, facts.zone)} 前",
                                                    _overdue_text(t.due, facts.as_of)
                                                    if late else "未到期"), late)))
    for w in facts.warnings:
        due = w.relay_due or w.valid_until or facts.as_of
        late = bool(w.unreached) and w.relay_due is not None and facts.as_of >= w.relay_due
        subject = f"{w.title}：已叫应 {w.reached}/{w.to_reach}" if w.to_reach else f"{w.title}（登记转发）"
        if w.unreached:
            subject += "；未叫醒：" + "、".join(w.unreached)
        until = f"有效期至 {_local(w.valid_until, facts.zone)}" if w.valid_until else "有效期未注明"
        state = (_overdue_text(w.relay_due, facts.as_of) if late and w.relay_due
                 else "叫应中" if w.unreached else "已全部叫应")
        items.append((due, Line(f"warning/{w.id}", ("预警叫应", subject,
                                                    f"{_local(w.relay_due, facts.zone)} 前\n{until}"
                                                    if w.relay_due else until, state), late)))
    for n in facts.instructions:
        late = facts.as_of >= n.due
        subject = f"{n.leader}批示：{n.text}（{n.subject}；承办：{n.assignee}）"
        subject += f"；最新落实：{n.latest}" if n.latest else "；尚无落实情况反馈"
        items.append((n.due, Line(f"instruction/{n.id}", (
            "领导批示督办", subject, f"{_local(n.due, facts.zone)} 前",
            _overdue_text(n.due, facts.as_of) if late else "办理中"), late)))
    return [line for _, line in sorted(items, key=lambda item: item[0])]


def assemble(facts: ShiftFacts, *, equipment: str = "", notes: str = "") -> HandoverRecord:
    """The record of the shift as it stands at `facts.as_of`."""
    zone = facts.zone
    sections = (
        Section("checkins", "接班签到和在岗确认", ("事项", "时限", "人员", "情况"), (3, 2, 3, 3),
                tuple(_sign_in_lines(facts)), "本班无签到和在岗确认要求"),
        Section("spot_checks", "上级查岗", ("时间", "查岗单位或人员", "方式", "应答人", "三声内接听", "结果"),
                (2, 3, 1, 2, 2, 4), tuple(_spot_lines(facts)), "本班无上级查岗"),
        Section("incidents", "突发事件", ("接报时间", "事件", "级别", "状态", "已报送", "尚需报送"),
                (2, 5, 1.2, 1.4, 3, 4), tuple(_incident_lines(facts)),
                "本班无突发事件接报，无前班转入的未办结事件", compared=True),
        Section("dispatches", "派单待反馈", ("单位", "事件", "派单时间", "到场时限", "到场", "最新反馈"),
                (3, 4, 2, 2, 2, 3), tuple(_dispatch_lines(facts)), "无待反馈的派单", compared=True),
        Section("entries", "来电来文及领导批示", ("时间", "类别", "来自", "内容", "领导批示", "批转"),
                (2, 1.4, 3, 4, 3, 2), tuple(_entry_lines(facts)), "本班无来电来文登记"),
        Section("open_items", "未办结事项（移交下一班）", ("事项", "涉及", "时限", "状态"), (2, 6, 2, 2),
                tuple(_open_lines(facts)), "无未办结事项", compared=True),
    )
    return HandoverRecord(
        unit=facts.unit, desk=facts.desk, day=facts.day,
        period=f"{minute_text(facts.start, zone)}{PERIOD_JOIN}{minute_text(facts.end, zone)}",
        outgoing=NAMES_JOIN.join(facts.people.get(Tier.OFFICER, ())),
        incoming=NAMES_JOIN.join(facts.incoming),
        leader=NAMES_JOIN.join(facts.people.get(Tier.LEADER, ())),
        chief=NAMES_JOIN.join(facts.people.get(Tier.CHIEF, ())),
        sections=sections, equipment=equipment, notes=notes,
        assembled_at=minute_text(facts.as_of, zone),
        signers=signers(len(facts.people.get(Tier.OFFICER, ())), len(facts.incoming)))


def signers(outgoing: int, incoming: int) -> tuple[str, ...]:
    """The signature lines: each officer handing over and taking over signs (two on a
    two-officer day), then the leader on duty."""
    def lines(role: str, count: int) -> list[str]:
        return [f"{role}（{ordinal(i)}）" for i in range(count)] if count > 1 else [role]

    return (*lines("交班人", outgoing), *lines("接班人", incoming), "带班领导")


# --- comparing two records -------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    section: str
    kind: str  # 新增 / 已办结 / 变化
    text: str


# Columns whose text moves with the clock ("已超时 12 分钟") or with the shift it is read in
# (本班接报 / 前班转入), not with what happened.
VOLATILE = {"incidents": ("接报时间", "尚需报送"), "dispatches": ("到场",), "open_items": ("状态",)}


def _describe(line: Line) -> str:
    return " · ".join(c.replace("\n", " ") for c in line.cells[:2] if c)


def changes_since(previous: HandoverRecord | None, current: HandoverRecord) -> list[Change]:
    """What the incoming officer should look at first: incidents, dispatches and open
    items that appeared, went away or changed since the last handover, and equipment."""
    if previous is None:
        return []
    changes: list[Change] = []
    for section in current.sections:
        if not section.compared:
            continue
        before = {ln.key: ln for ln in _section_lines(previous, section.key)}
        now = {ln.key: ln for ln in section.lines}
        volatile = VOLATILE.get(section.key, ())
        for key, line in now.items():
            if key not in before:
                changes.append(Change(section.title, "新增", _describe(line)))
                continue
            diff = [f"{h}：{a or '—'} → {b or '—'}" for h, a, b in
                    zip(section.headers, before[key].cells, line.cells, strict=True)
                    if a != b and h not in volatile]
            if diff:
                changes.append(Change(section.title, "变化", f"{_describe(line)}（{'；'.join(diff)}）"))
        for key, line in before.items():
            if key not in now:
                changes.append(Change(section.title, "已办结", _describe(line)))
    if previous.equipment.strip() != current.equipment.strip() and current.equipment.strip():
        changes.append(Change("设备和电话状态", "变化", current.equipment.strip()))
    return changes


def _section_lines(record: HandoverRecord, key: str) -> Sequence[Line]:
    found = [s for s in record.sections if s.key == key]
    return found[0].lines if found else ()
