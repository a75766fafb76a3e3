"""The statistics as an Excel workbook: one sheet per table, headings in bold, every text
cell typed as text (formats/spreadsheet_cells.py), so a department named "=…" stays a name."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from dutyroom.domain.deadlines import KIND_LABELS, DeadlineKind
from dutyroom.domain.duty_clock import SPOT_OUTCOME_LABELS
from dutyroom.domain.incidents import LEVEL_SHORT, Level
from dutyroom.domain.statistics import RELAY_HEADERS, Statistics, Tally, rate_text, relay_row
from dutyroom.domain.text import label_of
from dutyroom.domain.warnings import COLOUR_NAMES
from dutyroom.formats.spreadsheet_cells import append_text_row

TALLY_HEADERS = ("应报", "按时", "迟报", "超时未报", "漏报", "按时率")




def _tally_row(label: str, t: Tally) -> list[Any]:
    return [label, t.due, t.on_time, t.late, t.overdue, t.missing, rate_text(t.rate)]


def warning_rows(stats: Statistics) -> list[list[Any]]:
    """预警叫应: notices received by colour, then the relay per village, per colour and in all."""
    w = stats.warnings
    rows: list[list[Any]] = [["收到预警（条）", w.received], ["其中解除通知（条）", w.cancelled]]
    rows += [[f"  {COLOUR_NAMES.get(c, c)}预警", n] for c, n in w.by_colour.items()]
    rows += [["需逐人叫应的预警（条）", w.with_list], ["全部叫应到位（条）", w.complete], [],
             ["村(社区)", *RELAY_HEADERS]]
    rows += [relay_row(v, t) for v, t in w.by_village]
    rows += [relay_row(f"{COLOUR_NAMES.get(c, c)}预警", t) for c, t in w.relay_by_colour.items()]
    rows.append(relay_row("合计", w.relay))
    return rows


def workbook_bytes(stats: Statistics, unit: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.worksheets[0])  # every sheet below is named for its table
    period = f"{stats.first:%Y-%m-%d} 至 {stats.last:%Y-%m-%d}"

    def sheet(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
              widths: Sequence[int]) -> None:
        ws = book.create_sheet(title)
        append_text_row(ws, [f"{unit}{title}（{period}）"])
        ws["A1"].font = Font(size=13, bold=True)
        append_text_row(ws, list(headers))
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in rows:
            append_text_row(ws, list(row))
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width

    widths = (16, 8, 8, 8, 10, 8, 10)
    sheet("信息报送", ("", *TALLY_HEADERS),
          [_tally_row("合计", stats.reports),
           *[_tally_row(KIND_LABELS[DeadlineKind(k)], t) for k, t in stats.by_stage.items()],
           *[_tally_row(LEVEL_SHORT[Level(k)], t) for k, t in stats.by_level.items()],
           ["漏报事件（起）", stats.missing_incidents]], widths)
    sheet("派单到场", ("单位", "应到", "按时", "迟到", "未到", "按时率"),
          [[d.department or "合计", d.due, d.on_time, d.late, d.not_arrived, rate_text(d.rate)]
           for d in (*stats.by_department, stats.dispatch)], (24, 8, 8, 8, 8, 10))
    sheet("接班签到", ("姓名", "值班（次）", "应签到", "按时", "迟签", "未签到"),
          [[p.name, p.duties, p.sign_ins.due, p.sign_ins.on_time, p.sign_ins.late, p.sign_ins.missed]
           for p in stats.people]
          + [["合计", sum(p.duties for p in stats.people), stats.sign_ins.due, stats.sign_ins.on_time,
              stats.sign_ins.late, stats.sign_ins.missed]], (14, 10, 8, 8, 8, 8))
    sheet("在岗确认", ("应确认", "按时确认", "超时确认", "未确认"),
          [[stats.presence.due, stats.presence.on_time, stats.presence.late, stats.presence.missed]],
          (10, 10, 10, 10))
    sheet("上级查岗", ("结果", "次数"),
          [[label_of(SPOT_OUTCOME_LABELS, k), n] for k, n in stats.spot_outcomes.items()]
          + [["合计", stats.spot_checks], ["按规定应答", stats.spot_within_rule]], (18, 8))
    categories = sorted({c for month in stats.incidents_by_month.values() for c in month})
    sheet("月度事件", ("月份", *categories, "合计"),
          [[month, *[counts.get(c, 0) for c in categories], sum(counts.values())]
           for month, counts in stats.incidents_by_month.items()], (10, *[14] * len(categories), 8))
    sheet("月度按时率", ("月份", *TALLY_HEADERS),
          [_tally_row(month, t) for month, t in stats.on_time_by_month.items()], widths)
    sheet("预警叫应", ("", "数量"), warning_rows(stats), (22, 12, 10, 10, 8, 8, 10, 12))
    i = stats.instructions
    sheet("领导批示督办", ("批示（件）", "按时办结", "超期办结", "超期未办结", "办理中"),
          [[i.given, i.done_on_time, i.done_late, i.overdue, i.open]], (12, 10, 10, 12, 10))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
