"""The draft of a written report (信息报告) in the usual wording, from an incident's facts.

At 04:00 an officer should edit a draft, not face a blank page; the draft follows the
structure upper levels expect (time, place, what happened, casualties, measures, next
steps) and leaves a visible gap where a fact is still unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from dutyroom.domain.deadlines import STAGE_LABELS, Stage
from dutyroom.domain.incidents import CATEGORY_LABELS, LEVEL_LABELS, IncidentFacts, Level

UNKNOWN = "（待核实）"


def chinese_time(moment: datetime, zone: tzinfo, *, with_date: bool = True,
                 seconds: bool = False) -> str:
    local = moment.astimezone(zone)
    clock = f"{local.hour}时{local.minute:02d}分" + (f"{local.second:02d}秒" if seconds else "")
    return f"{local.year}年{local.month}月{local.day}日{clock}" if with_date else clock


def casualty_sentence(facts: IncidentFacts) -> str:
    parts = [f"{n}人{word}" for n, word in ((facts.deaths, "死亡"), (facts.injured, "受伤"),
                                           (facts.missing, "失踪"), (facts.trapped, "被困")) if n]
    loss = (f"，直接经济损失约{facts.economic_loss / 10_000:g}万元"
            if facts.economic_loss else "")
    if not parts:
        return f"暂无人员伤亡报告{loss}。"
    return f"已造成{'、'.join(parts)}{loss}。"


_NEXT_STEPS = {
    Stage.FIRST: "我们将密切关注事态发展，全力做好处置工作，有关情况及时续报。",
    Stage.UPDATE: "我们将继续跟踪处置进展，有关情况及时续报。",
    Stage.FINAL: "事件已处置完毕，善后工作正在进行中。此为终报。",
}


def draft_report(facts: IncidentFacts, stage: Stage, *, unit: str, desk: str, zone: tzinfo,
                 now: datetime, dispatched: Sequence[str] = ()) -> str:
    """A 信息报告 draft; the officer edits it before sending."""
    seconds = facts.level == Level.I
    sender = f"{unit}{desk}" if unit else desk
    source = facts.reporter_unit + facts.reporter if (facts.reporter_unit or facts.reporter) \
        else "有关方面"
    via = facts.received_via or "电话"
    occurred = f"{chinese_time(facts.occurred_at, zone, seconds=seconds)}，" if facts.occurred_at \
        else ""
    level = "" if facts.level == Level.UNRATED else f"（初判为{LEVEL_LABELS[facts.level]}）"
    # The event is named by its kind: the title is the desk's own label for the entry
    # ("…泄漏致2人受伤") and reads wrong pasted in as if it were what happened.
    kind = facts.subtype or CATEGORY_LABELS[facts.category]
    measures = facts.actions_taken.strip() or UNKNOWN
    if dispatched:
        measures = measures.rstrip("。") + f"。已通知{'、'.join(dispatched)}赶赴现场处置。" \
            if facts.actions_taken.strip() else f"已通知{'、'.join(dispatched)}赶赴现场处置。"
    lines = [
        f"关于{facts.title}的信息报告（{STAGE_LABELS[stage]}）",
        "",
        f"　　{chinese_time(facts.received_at, zone, seconds=seconds)}，{sender}接{source}{via}报告："
        f"{occurred}{facts.location or UNKNOWN}发生一起{kind}{level}。",
        "",
        "　　一、基本情况",
        f"　　{facts.summary.strip() or UNKNOWN}",
        "　　二、人员伤亡和损失情况",
        f"　　截至{chinese_time(now, zone)}，{casualty_sentence(facts)}",
        "　　三、已采取的措施",
        f"　　{measures}",
        "　　四、下一步工作",
        f"　　{_NEXT_STEPS[stage]}",
        "",
        f"　　{sender}",
        f"　　{chinese_time(now, zone)}",
    ]
    return "\n".join(lines)
