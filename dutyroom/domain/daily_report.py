"""The 值班日报 ("有事报事、无事报平安"): one duty day told in a few numbered paragraphs, the
way a town's desk writes it to the county every holiday, sensitive-period and flood-season
day.

It is written from the same facts as the handover record (domain/handover.ShiftFacts), so
the two never disagree about a day. The officer may reword any paragraph before sending;
what was sent is kept whole and never re-assembled, like an accepted handover.

The 平安 sentence ("全天无重大突发事件，值班秩序正常") is a statement the desk signs: it is
written only when it is true — no incident received or still open, and no missed sign-in,
unanswered presence prompt or failed spot check.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime

from dutyroom.domain.errors import FieldError
from dutyroom.domain.handover import IncidentFact, ShiftFacts
from dutyroom.domain.incidents import CATEGORY_LABELS, LEVEL_SHORT, STATUS_LABELS, Status
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.text import sentence
from dutyroom.domain.tiers import Tier

QUIET = "全天无重大突发事件，值班秩序正常。"
NO_MAJOR = "全天无重大突发事件"
NAMES_JOIN = "、"
MAX_PARAGRAPH = 2000
NUMERALS = "一二三四五六七八九十"
# The paragraphs of a report, in order: key → heading (the county reads every heading).
PARAGRAPH_TITLES = {"duty": "值班情况", "incidents": "突发事件", "reports": "信息报送",
                    "spot_checks": "上级查岗", "entries": "来电来文及领导批示", "summary": "总体情况"}


@dataclass(frozen=True)
class Paragraph:
    key: str  # duty / incidents / reports / spot_checks / entries / summary
    title: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.title}：{self.text}"


@dataclass(frozen=True)
class DailyReport:
    unit: str
    desk: str
    day: date
    period: str  # the duty day's first and last minute
    chief: str
    leader: str
    officers: str
    paragraphs: tuple[Paragraph, ...]
    quiet: bool  # nothing happened: the 平安 sentence was written
    assembled_at: str  # local minute the facts were read
    sent_at: str = ""  # local minute it was recorded as sent; "" while a draft
    sent_by: str = ""

    @property
    def title(self) -> str:
        return f"{self.unit}值班日报"

    @property
    def date_line(self) -> str:
        return f"{self.day.year}年{self.day.month}月{self.day.day}日"

    def numbered(self) -> list[str]:
        """The paragraphs as the report prints them: 一、值班情况：…"""
        return [f"{NUMERALS[i] if i < len(NUMERALS) else i + 1}、{p.line}"
                for i, p in enumerate(self.paragraphs)]

    def plain_text(self) -> str:
        """The report to paste into 政务微信 or an OA system: no layout, every fact."""
        head = [self.title, f"（{self.date_line}）", "",
                f"报送单位：{self.unit}{self.desk}",
                f"值班时段：{self.period}",
                "值班人员：" + "；".join(x for x in (
                    f"主要领导 {self.chief}" if self.chief else "",
                    f"带班领导 {self.leader or '（未排班）'}",
                    f"值班员 {self.officers or '（未排班）'}") if x), ""]
        tail = ["", f"报送时间：{self.sent_at}" if self.sent_at else f"截至：{self.assembled_at}"]
        return "\n".join([*head, *self.numbered(), *tail]) + "\n"

    def edited(self, texts: Mapping[str, str]) -> DailyReport:
        """The report with the officer's wording for the paragraphs named in `texts`; a
        paragraph left empty is refused, since the county reads every heading."""
        known = {p.key for p in self.paragraphs}
        for key in texts:
            if key not in known:
                raise FieldError(key, sentence("值班日报没有「{0}」这一段", key))
        paragraphs = []
        for p in self.paragraphs:
            text = " ".join(str(texts.get(p.key, p.text)).split())
            if not text:
                raise FieldError(p.key, sentence("「{0}」一段不能为空", p.title))
            if len(text) > MAX_PARAGRAPH:
                raise FieldError(p.key, sentence("「{0}」一段不能超过 {1} 字", p.title, MAX_PARAGRAPH))
            paragraphs.append(Paragraph(p.key, p.title, text))
        return DailyReport(**{**asdict(self), "paragraphs": tuple(paragraphs)})

    def to_json(self) -> str:
        data = asdict(self)
        data["day"] = self.day.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DailyReport:
        data = json.loads(text)
        paragraphs = tuple(Paragraph(**p) for p in data.pop("paragraphs"))
        return cls(day=date.fromisoformat(data.pop("day")), paragraphs=paragraphs, **data)


# --- assembling ------------------------------------------------------------------------------


def _hm(moment: datetime, facts: ShiftFacts) -> str:
    """A time of the duty day: 次日 after midnight, so 04:27 is not read as the morning before."""
    local = moment.astimezone(facts.zone)
    return ("次日" if local.date() > facts.day else "") + local.strftime("%H:%M")


def lapses(facts: ShiftFacts) -> list[str]:
    """What went wrong with the duty itself: missed or late sign-ins, presence prompts not
    confirmed in time, spot checks not answered by the rule."""
    found = []
    for s in facts.sign_ins:
        if s.signed_at is None and facts.as_of > s.due:
            found.append(f"{s.seat.label}未按时签到")
        elif s.signed_at is not None and s.signed_at > s.due:
            found.append(f"{s.seat.label}{s.signed_by}迟签到")
    missed = [p for p in facts.prompts if p.confirmed_at is None and facts.as_of > p.due]
    late = [p for p in facts.prompts if p.confirmed_at is not None and p.confirmed_at > p.due]
    if missed:
        found.append(f"在岗确认 {len(missed)} 次未确认")
    if late:
        found.append(f"在岗确认 {len(late)} 次超时确认")
    failed = [s for s in facts.spot_checks if not s.within_rule or s.outcome != "在岗正常"]
    if failed:
        found.append(f"上级查岗 {len(failed)} 次未按规定应答")
    return found


def _duty(facts: ShiftFacts) -> str:
    people = [f"主要领导{NAMES_JOIN.join(facts.people[Tier.CHIEF])}总值班"] \
        if facts.people.get(Tier.CHIEF) else []
    people.append(f"带班领导{NAMES_JOIN.join(facts.people.get(Tier.LEADER, ())) or '（未排班）'}")
    people.append(f"值班员{NAMES_JOIN.join(facts.people.get(Tier.OFFICER, ())) or '（未排班）'}")
    text = "，".join(people) + "，24小时在岗值班"
    asked = [p for p in facts.prompts if p.asked_at <= facts.as_of]
    confirmed = [p for p in asked if p.confirmed_at is not None]
    if asked:
        text += f"；在岗确认 {len(asked)} 次，已确认 {len(confirmed)} 次"
    problems = lapses(facts)
    return text + ("；" + "，".join(problems) if problems else "，通讯畅通") + "。"


def _incident_sentence(i: IncidentFact, facts: ShiftFacts) -> str:
    zone = facts.zone
    when = (f"{_hm(i.received_at, facts)}接报" if i.received_at >= facts.start
            else f"{i.received_at.astimezone(zone):%m月%d日}接报（前期转入）")
    sent = "、".join(f"{r.channel}{r.stage}" + ("（迟报）" if r.late else "") for r in i.reports)
    pending = [d for d in i.deadlines if d.met_at is None] if i.status != Status.CLOSED else []
    overdue = [d for d in pending if d.due <= facts.as_of]
    parts = [f"{when}「{i.title}」（{CATEGORY_LABELS[i.category]}，{LEVEL_SHORT[i.level]}），"
             f"{STATUS_LABELS[i.status]}",
             f"已{sent}" if sent else "尚未向上级报送"]
    if overdue:
        parts.append("超时未报：" + NAMES_JOIN.join(d.label() for d in overdue))
    elif pending:
        parts.append("待报：" + NAMES_JOIN.join(f"{d.label()}（{_hm(d.due, facts)}前）" for d in pending))
    return "，".join(parts)


def _incidents(facts: ShiftFacts) -> str:
    if not facts.incidents:
        return "无突发事件接报，无前期未办结事件。"
    new = [i for i in facts.incidents if i.received_at >= facts.start]
    head = f"接报突发事件 {len(new)} 起" if new else "无新接报突发事件"
    carried = len(facts.incidents) - len(new)
    if carried:
        head += f"，前期转入未办结事件 {carried} 起"
    lines = [_incident_sentence(i, facts) for i in sorted(facts.incidents, key=lambda i: i.received_at)]
    return head + "：" + "；".join(lines) + "。"


def _reports(facts: ShiftFacts) -> str:
    sent = [r for i in facts.incidents for r in i.reports if facts.start <= r.sent_at <= facts.as_of]
    if not sent:
        text = "本日未向上级报送事件信息"
    else:
        stages: dict[str, int] = {}
        for r in sent:
            stages[r.stage] = stages.get(r.stage, 0) + 1
        late = sum(1 for r in sent if r.late)
        text = (f"向上级报送事件信息 {len(sent)} 次（"
                + "、".join(f"{stage} {n} 次" for stage, n in stages.items()) + "）"
                + (f"，其中迟报 {late} 次" if late else "，均在时限内报送"))
    open_deadlines = [d for i in facts.incidents if i.status != Status.CLOSED
                      for d in i.deadlines if d.met_at is None]
    overdue = sum(1 for d in open_deadlines if d.due <= facts.as_of)
    if open_deadlines:
        text += f"；尚有 {len(open_deadlines)} 项待报" + (f"，其中 {overdue} 项已超时" if overdue else "")
    return text + "。"


def _spot_checks(facts: ShiftFacts) -> str:
    if not facts.spot_checks:
        return "无上级查岗。"
    failed = [s for s in facts.spot_checks if not s.within_rule or s.outcome != "在岗正常"]
    text = "，".join(f"{_hm(s.at, facts)} {s.checker}{s.channel}查岗" for s in facts.spot_checks)
    return (f"接受上级查岗 {len(facts.spot_checks)} 次（{text}），"
            + (f"{len(failed)} 次未按规定应答。" if failed else "均按规定及时应答。"))


def _entries(facts: ShiftFacts) -> str:
    instructed = [e for e in facts.entries if e.instruction]
    given = facts.instructions_given
    if not facts.entries and not given:
        return "无来电来文登记，无领导批示。"
    text = f"登记来电来文 {len(facts.entries)} 件" if facts.entries else "无来电来文登记"
    if instructed:
        text += "，领导批示：" + "；".join(f"「{e.title}」：{e.instruction}" for e in instructed)
    if given:
        done = sum(1 for n in given if n.done is not None)
        text += (f"；收到领导批示 {len(given)} 件（已办结 {done} 件）：" + "；".join(
            f"{n.leader}批示{n.subject}：{n.text}，由{n.assignee}于"
            f"{n.due.astimezone(facts.zone):%m-%d %H:%M}前办理"
            + ("，已办结" if n.done is not None else "") for n in given))
    elif not instructed:
        text += "，无领导批示"
    return text + "。"


def _summary(facts: ShiftFacts) -> tuple[str, bool]:
    if facts.incidents:
        closed = sum(1 for i in facts.incidents if i.status == Status.CLOSED)
        return (f"全天共涉及突发事件 {len(facts.incidents)} 起，已办结 {closed} 起，"
                f"正在处置 {len(facts.incidents) - closed} 起，将持续跟踪并按时续报。", False)
    if lapses(facts):
        return NO_MAJOR + "，值班中存在的问题见上文。", False
    return QUIET, True


def assemble(facts: ShiftFacts) -> DailyReport:
    """The day's report as its facts stand at `facts.as_of`."""
    summary, quiet = _summary(facts)
    texts = {"duty": _duty(facts), "incidents": _incidents(facts), "reports": _reports(facts),
             "spot_checks": _spot_checks(facts), "entries": _entries(facts), "summary": summary}
    paragraphs = tuple(Paragraph(key, title, texts[key]) for key, title in PARAGRAPH_TITLES.items())
    return DailyReport(
        unit=facts.unit, desk=facts.desk, day=facts.day,
        period=f"{minute_text(facts.start, facts.zone)} 至 {minute_text(facts.end, facts.zone)}",
        chief=NAMES_JOIN.join(facts.people.get(Tier.CHIEF, ())),
        leader=NAMES_JOIN.join(facts.people.get(Tier.LEADER, ())),
        officers=NAMES_JOIN.join(facts.people.get(Tier.OFFICER, ())),
        paragraphs=paragraphs, quiet=quiet, assembled_at=minute_text(facts.as_of, facts.zone))
