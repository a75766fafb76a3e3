"""The detail of an incident and of a register entry, as the 值班日志 shows them, in HTML.

Built from plain values (the service's frozen views, the desk's zone, the moment it is)
with no widget and no Qt, so what the officer reads is unit-tested on its own
(tests/unit/test_log_detail.py). The words go through `Words`: the page passes the
interface's translators (ui/i18n.py); without them the HTML is the Chinese source. The
`tr("…")` calls stay literal, so lupdate collects them from here as from any UI module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from html import escape

from dutyroom.domain.deadlines import (
    ALERT_STATE_LABELS,
    CHANNEL_LABELS,
    STAGE_LABELS,
    AlertState,
    Channel,
    Stage,
    alert_state,
)
from dutyroom.domain.incidents import CATEGORY_LABELS, LEVEL_LABELS, STATUS_LABELS, Level, Status
from dutyroom.domain.local_time import timeline_text
from dutyroom.services.incident_views import IncidentDetail
from dutyroom.services.register_service import EntryView
from dutyroom.services.resource_service import ResourceView
from dutyroom.ui.colours import DANGER, DONE, LEVEL_COLOURS, MUTED, UPCOMING

STATE_COLOURS = {AlertState.UPCOMING: UPCOMING, AlertState.DUE: DANGER,
                 AlertState.OVERDUE: DANGER, AlertState.DONE: DONE}


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Words:
    """How the detail's words reach the interface language (ui/i18n.py's functions)."""

    tr: Callable[[str], str] = _same  # a phrase of the interface
    label: Callable[[str], str] = _same  # a domain label (tr_label)
    text: Callable[[object], str] = str  # a rule's or a service's message (tr_text)
    noted: Callable[[str], str] = _same  # a label with a note in brackets (tr_noted)


SOURCE = Words()  # the Chinese source, as the tests read it


def local(moment: datetime | None, zone: tzinfo, seconds: bool = False) -> str:
    """A stored moment at the desk, to the minute (to the second for a Ⅰ级 incident)."""
    if moment is None:
        return ""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def no_incident(words: Words = SOURCE) -> str:
    tr = words.tr
    return tr("<p style='color:{0}'>选择左侧的事件查看详情、时限和处理经过。</p><p st"
              "yle='color:{1}'>新接报请按 Ctrl+N。</p>").format(MUTED, MUTED)


def incident_html(d: IncidentDetail, zone: tzinfo, now: datetime, warning: timedelta,
                  resources: Sequence[ResourceView] = (), words: Words = SOURCE) -> str:
    """The incident as the officer works on it: what it is, then what is due (the next
    step, so it sits near the top), then the facts, the 应急资源 at hand, the orders, the
    reports and 处理经过. `now` colours the deadlines; `warning` is how long before one it
    turns amber."""
    tr, tr_label, tr_text = words.tr, words.label, words.text
    f = d.facts
    seconds = f.level == Level.I
    colour = LEVEL_COLOURS[f.level.value]
    parts = [f"<h3 style='margin:0'>{escape(f.title)}</h3>",
             tr("<p><b style='color:{0}'>{1}</b>　{2}{3}　<b>{4}</b>").format(
                 colour, tr_label(LEVEL_LABELS[f.level]), tr_label(CATEGORY_LABELS[f.category]),
                 "·" + f.subtype if f.subtype else "", tr_label(STATUS_LABELS[Status(d.status)]))
             + (tr("　<b style='color:{0}'>已作废：{1}</b>").format(DANGER, escape(d.void_reason))
                if d.voided else "") + "</p>"]
    parts.append(deadlines_html(d, zone, now, warning, words))
    rows = [(tr("接报"), tr("{0}（{1}）").format(
                                local(f.received_at, zone, seconds), escape(f.received_via))),
            (tr("报告人"), escape(" ".join(x for x in (f.reporter_unit, f.reporter, f.reporter_post,
                                                    f.reporter_phone) if x))),
            (tr("发生"), local(f.occurred_at, zone, seconds)), (tr("地点"), escape(f.location)),
            (tr("伤亡"), tr("死亡 {0}，受伤 {1}，失踪 {2}，被困 {3}；"
                           "涉及 {4} 人；损失 {5:g} 万元").format(
                f.deaths, f.injured, f.missing, f.trapped, f.people_involved,
                f.economic_loss / 10_000)),
            (tr("概要"), escape(f.summary).replace("\n", "<br>")),
            (tr("措施"), escape(f.actions_taken).replace("\n", "<br>")),
            (tr("已知情"), escape(f.informed))]
    if d.register_entry_id:
        rows.append((tr("来源"), tr("来电来文登记 #{0}").format(d.register_entry_id)))
    parts.append("<table cellspacing=0 cellpadding=3>" + "".join(
        f"<tr><td style='color:{MUTED}' valign=top>{k}</td><td>{v}</td></tr>"
        for k, v in rows if v) + "</table>")
    parts.append(f"<p style='color:{MUTED}'>{escape(tr_text(d.suggestion.describe()))}"
                 + (f"<br>{escape(tr_text(d.command))}" if d.command else "") + "</p>")
    parts.append(resources_html(d, resources, words))
    if d.dispatches:
        parts.append(tr("<h4>派单</h4><table cellspacing=0 cellpadding=3>"))
        for x in d.dispatches:
            arrival = (tr("到达 {0}").format(local(x.arrived_at, zone)) if x.arrived_at
                       else tr("应于 {0} 前到达").format(local(x.due, zone)))
            closed = tr("，办结 {0}").format(local(x.closed_at, zone)) if x.closed_at else ""
            asked = (f"<br><span style='color:{MUTED}'>{tr('要求：')}</span>"
                     f"{escape(x.instruction)}" if x.instruction else "")
            parts.append(f"<tr><td valign=top>{escape(x.department)}</td><td valign=top>"
                         f"{escape(x.contact_name)} {escape(x.contact_phone)}</td>"
                         f"<td valign=top>{arrival}{closed}{asked}</td></tr>")
        parts.append("</table>")
    if d.reports:
        parts.append(tr("<h4>报送记录</h4>"))
        for r in d.reports:
            late = tr("<span style='color:{0}'>（迟报）</span>").format(DANGER) if r.late else ""
            parts.append(tr("<p style='margin:2px 0'>{0} {1}{2}{3} → {4}（{5}，登记 {6}）</p>").format(
                local(r.sent_at, zone), tr_label(CHANNEL_LABELS[Channel(r.channel)]),
                tr_label(STAGE_LABELS[Stage(r.stage)]), late, escape(r.recipient or tr("上级")),
                escape(r.sent_by), local(r.recorded_at, zone)))
            if r.late_entry:
                parts.append(f"<p style='margin:0 0 2px 16px;color:{DANGER}'>"
                             f"{escape(tr_text(r.late_entry))}</p>")
    parts.append(tr("<h4>处理经过</h4>"))
    moments = timeline_text([entry.at for entry in d.timeline], zone)
    for entry, moment in zip(d.timeline, moments, strict=True):
        parts.append(f"<p style='margin:2px 0'><span style='color:{MUTED}'>"
                     f"{moment} {escape(entry.by)}</span> "
                     f"<b>{escape(tr_text(entry.what))}</b> {escape(tr_text(entry.detail))}</p>")
    return "".join(parts)


def deadlines_html(d: IncidentDetail, zone: tzinfo, now: datetime, warning: timedelta,
                   words: Words = SOURCE) -> str:
    """报送和到场时限: each deadline with its state at `now`."""
    tr, tr_label, tr_noted = words.tr, words.label, words.noted
    parts = [tr("<h4>报送和到场时限</h4><table cellspacing=0 cellpadding=3>")]
    for deadline in d.deadlines:
        state = alert_state(deadline.due, deadline.met_at, now, warning)
        if deadline.met_at:
            status = (tr("<span style='color:{0}'>迟报（{1}）</span>").format(
                             DANGER, local(deadline.met_at, zone))
                      if deadline.late else
                      tr("<span style='color:#1e7e34'>已完成（{0}）</span>").format(
                             local(deadline.met_at, zone)))
        elif state is None:
            status = tr("未到期")
        else:
            status = (f"<span style='color:{STATE_COLOURS[state]}'>"
                      f"{tr_label(ALERT_STATE_LABELS[state])}</span>")
        parts.append(tr("<tr><td>{0}</td><td>{1} 前</td><td>{2}</td></tr>").format(
                            escape(tr_noted(deadline.label)), local(deadline.due, zone), status))
    parts.append("</table>")
    return "".join(parts)


def resources_html(d: IncidentDetail, resources: Sequence[ResourceView],
                   words: Words = SOURCE) -> str:
    """可调用的应急资源: each team, stock and shelter tagged for the subtype, with its
    keeper's phone (so the officer rings them from the detail)."""
    if not resources:
        return ""
    tr, tr_label = words.tr, words.label
    parts = ["<a name='resources'></a>" + tr(
        "<h4>可调用的应急资源（{0}）</h4><table cellspacing=0 cellpadding=3>").format(
        escape(tr_label(d.facts.subtype)))]
    for r in resources:
        parts.append(f"<tr><td valign=top style='color:{MUTED}'>{escape(tr_label(r.kind_label))}"
                     f"</td><td valign=top><b>{escape(r.name)}</b> {escape(r.amount)}"
                     + (f"<br><span style='color:{MUTED}'>{escape(r.location)}</span>"
                        if r.location else "")
                     + f"</td><td valign=top>{escape(r.keeper)} <b>{escape(r.phone)}</b></td></tr>")
    parts.append("</table>")
    return "".join(parts)


def no_entry(words: Words = SOURCE) -> str:
    tr = words.tr
    return tr("<p style='color:{0}'>选择左侧的登记查看详情。新来电请按 Ctrl+Shift+N"
              "。</p>").format(MUTED)


def entry_html(entry: EntryView, zone: tzinfo, words: Words = SOURCE) -> str:
    """A call or document as registered: who, what, the leader's instruction, what was done."""
    tr, tr_label = words.tr, words.label
    rows = [(tr("时间"), local(entry.received_at, zone)), (tr("类型"), tr_label(entry.kind_label)),
            (tr("来电（文）"), " ".join(x for x in (entry.from_unit, entry.from_name,
                                               entry.from_post, entry.from_phone) if x)),
            (tr("文号"), entry.doc_number), (tr("紧急程度"), entry.urgency), (tr("内容"), entry.content),
            (tr("领导批示"), entry.leader_instruction), (tr("批转"), entry.passed_to),
            (tr("处理情况"), entry.handling), (tr("已告知"), entry.informed),
            (tr("记录"), f"{entry.recorded_by} {local(entry.recorded_at, zone)}"),
            (tr("事件"), tr("已转为事件 #{0}").format(entry.incident_id) if entry.incident_id else ""),
            (tr("作废"), entry.void_reason if entry.voided else "")]
    return (f"<h3>{escape(entry.title)}</h3><table cellpadding=3>" + "".join(
        f"<tr><td style='color:{MUTED}' valign=top>{k}</td>"
        f"<td>{escape(v).replace(chr(10), '<br>')}</td></tr>" for k, v in rows if v)
        + "</table>")
