"""Reports upward (报送): recording one against the deadline it meets, its draft, its printout.

A report keeps the deadline it met (or missed) when it was recorded: a late report stays
late, whatever the rules say later. Each report is one link of the audit chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from dutyroom.db.models import Incident, UpwardReport
from dutyroom.domain import deadlines as rules_module
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.deadlines import Channel, Stage
from dutyroom.domain.incidents import parse_enum
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.report_text import draft_report
from dutyroom.domain.report_times import is_late_entry
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.reports.content import Document, WrittenReport
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.incident_records import (
    CHANGED,
    DeadlineView,
    all_deadlines,
    deadline_views,
    dispatches_of,
    facts_of,
    late_entry_note,
    load_incident,
    match_reports,
    stated_time,
)
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.settings_service import desk
from dutyroom.services.uow import Outcome, UnitOfWork


@dataclass(frozen=True)
class ReportSaved:
    id: int
    report_id: int
    due_at: datetime | None
    late: bool
    deadlines: tuple[DeadlineView, ...]


def record_report(uow: UnitOfWork, incident_id: int, stage: str, channel: str, *,
                  sent_at: Any = None, recipient: str = "", sent_by: str = "", text: str = "",
                  entry_reason: str = "", unexplained: str = "",
                  now: datetime | None = None) -> Outcome[ReportSaved]:
    """Record a report sent upward against the deadline it meets; after it, it is late.

    The sent time is the officer's claim; one more than the desk's margin before now is a
    补录 and needs `entry_reason` (domain/report_times.py). A caller that may not ask for one
    (the command line, whose contract records past reports without it) passes `unexplained`,
    the words stored instead, so the 补录 still shows as one without a reason given."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        row = load_incident(session, incident_id, None)
        the_stage = parse_enum(Stage, rules_module.STAGE_LABELS, stage, "stage", "报送阶段")
        the_channel = parse_enum(Channel, rules_module.CHANNEL_LABELS, channel, "channel", "报送方式")
        when = stated_time(sent_at, d.zone, moment, "sent_at", "报送时间", row.received_at, "接报时间")
        who = clean_text(recipient, "recipient", "报送对象", max_length=64)
        by = clean_text(sent_by or uow.actor, "sent_by", "报送人", max_length=64)
        body = clean_text(text, "text", "报告内容", max_length=50_000)
        reason = clean_text(entry_reason, "entry_reason", "补录原因", max_length=500)
        margin = int(d.late_entry_minutes)
        if is_late_entry(when, moment, margin) and not reason and unexplained:
            reason = unexplained
        elif is_late_entry(when, moment, margin) and not reason:
            raise InputError.simple(sentence(
                "报送时间比现在早 {0} 分钟以上，是补录：请写明补录原因（将与报送时间、登记时间一并显示）",
                margin), "entry_reason")
        report = UpwardReport(incident_id=row.id, stage=the_stage.value,
                              channel=the_channel.value, sent_at=when, recipient=who,
                              sent_by=by, text=body, due_at=None, late=False, recorded_at=moment,
                              entry_reason=reason)
        session.add(report)
        match_reports(session, row, d, uow.actor, moment, fresh=report)  # a 补录 moves the rest on
        audit_change(session, report, uow.actor, "upward_report", "create", moment)
        views = deadline_views(row, all_deadlines(session, row, d))
        return Outcome(ReportSaved(row.id, report.id, report.due_at, report.late, views), CHANGED)


def draft_text(uow: UnitOfWork, incident_id: int, stage: str, now: datetime | None = None) -> str:
    with uow.read() as session:
        d = desk(session)
        row = session.get(Incident, incident_id)
        if row is None:
            raise InputError([Problem(sentence("没有编号为 {0} 的事件", incident_id), field="id")])
        the_stage = parse_enum(Stage, rules_module.STAGE_LABELS, stage, "stage", "报送阶段")
        departments = [name for _, name in dispatches_of(session, [row.id])[row.id]]
        return draft_report(facts_of(row), the_stage, unit=d.unit_name,
                            desk=d.desk_name, zone=d.zone, now=utc_now(now),
                            dispatched=list(dict.fromkeys(departments)))


def report_document(uow: UnitOfWork, incident_id: int, stage: str,
                    at: datetime | None = None) -> Document:
    """The written report of `stage` as sent (the latest one recorded), or the draft."""
    moment = utc_now(at)
    with uow.read() as session:
        d = desk(session)
        the_stage = parse_enum(Stage, rules_module.STAGE_LABELS, stage, "stage", "报送阶段")
        sent = session.scalars(select(UpwardReport).where(
            UpwardReport.incident_id == incident_id, UpwardReport.stage == the_stage.value)
            .order_by(UpwardReport.sent_at.desc(), UpwardReport.id.desc())).first()
    recorded = late = ""
    if sent is not None and sent.text.strip():
        text, sent_at = sent.text, minute_text(sent.sent_at, d.zone)
        recipient, by = sent.recipient, sent.sent_by
        recorded, late = minute_text(sent.recorded_at, d.zone), late_entry_note(sent, d)
    else:
        text, sent_at, recipient, by = draft_text(uow, incident_id, stage, moment), "", "", ""
    report = WrittenReport(d.unit_name, d.desk_name,
                           rules_module.STAGE_LABELS[the_stage], text, sent_at, recipient, by,
                           d.desk_phone, recorded, late)
    from dutyroom.reports.incident_pdf import (
        incident_report_pdf,  # ReportLab loads on the first printout, not at start
    )

    return incident_report_pdf(report, minute_text(moment, d.zone))
