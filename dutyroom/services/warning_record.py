"""The relay record of one warning (预警信息接收及叫应记录) as a printout and as an Excel
workbook for the county: the same rows, read once from the relay board."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

from dutyroom.domain.local_time import minute_text
from dutyroom.domain.warnings import ACTION_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, STATUS_LABELS
from dutyroom.formats.warning_xlsx import relay_workbook
from dutyroom.reports.content import Document, LogRow, RelayRecord
from dutyroom.services import settings_service, warning_service
from dutyroom.services.errors import file_error
from dutyroom.services.records import utc_now
from dutyroom.services.uow import UnitOfWork
from dutyroom.services.warning_readers import Target


def _attempts(target: Target, zone: tzinfo) -> str:
    lines = []
    for a in target.attempts:
        # On a line of its own: run on, the narrow column broke it after the bracket.
        who = "\n（AB角 " + target.backup_name + "）" if a.via_backup else ""
        lines.append(f"{a.at.astimezone(zone):%m-%d %H:%M:%S} {CHANNEL_LABELS[a.channel]} "
                     f"{OUTCOME_LABELS[a.outcome]}{who}")
    return "\n".join(lines) or "未联系"


def relay_record(uow: UnitOfWork, warning_id: int, at: datetime | None = None) -> RelayRecord:
    moment = utc_now(at)
    board = warning_service.board(uow, warning_id, moment)
    with uow.read() as session:
        desk = settings_service.desk(session)
    zone = desk.zone
    w = board.warning

    def when(value: datetime | None) -> str:
        return minute_text(value, zone) if value is not None else "未注明"

    thread = " → ".join(f"{ACTION_LABELS[v.action]} {minute_text(v.received_at, zone)}"
                        for v in board.thread)
    facts = (("发布单位", w.issuer), ("状态", STATUS_LABELS[w.status]),
             ("发布时间", when(w.issued_at)), ("有效期至", when(w.valid_until)),
             ("接收时间", when(w.received_at)),
             ("叫应时限", when(w.relay_due) if w.relay_due else "不要求逐人叫应"),
             ("涉及村(社区)", "、".join(w.villages)), ("登记人", w.created_by),
             ("通知经过", thread))
    people = tuple(LogRow((t.village, t.role, t.name, t.mobile,
                           f"{t.backup_name} {t.backup_mobile}".strip(), _attempts(t, zone),
                           t.state_label), not t.reached) for t in board.targets)
    unreached = tuple(LogRow((t.village, t.role, t.name, t.mobile,
                              f"{t.backup_name} {t.backup_mobile}".strip(), f"{t.row.failed} 次"))
                      for t in board.unreached)
    return RelayRecord(desk.unit_name, desk.desk_name, w.title, facts, w.text,
                       w.measures, people, unreached)


def relay_document(uow: UnitOfWork, warning_id: int, at: datetime | None = None) -> Document:
    """The printout, A4 with the embedded font like every other printout."""
    moment = utc_now(at)
    record = relay_record(uow, warning_id, moment)
    with uow.read() as session:
        zone = settings_service.desk(session).zone
    from dutyroom.reports.warning_pdf import relay_record_pdf  # ReportLab on first use

    return relay_record_pdf(record, minute_text(moment, zone))


def export_relay(uow: UnitOfWork, warning_id: int, out: Path, at: datetime | None = None) -> Path:
    """The same record as an .xlsx (formats/warning_xlsx.py): a sheet of every person and
    attempt, one of 未叫醒."""
    from dutyroom.reports.warning_pdf import PEOPLE, UNREACHED

    record = relay_record(uow, warning_id, at)
    # The warning's own words as the printout has them: the county reads what was relayed.
    data = relay_workbook(f"{record.unit}{record.desk} 预警信息接收及叫应记录：{record.title}",
                          (*record.facts, ("预警内容", record.text), ("防御措施要求", record.measures)),
                          PEOPLE, [row.cells for row in record.people],
                          UNREACHED, [row.cells for row in record.unreached])
    try:
        out.write_bytes(data)
    except OSError as error:
        raise file_error(out, error, writing=True) from None
    return out
