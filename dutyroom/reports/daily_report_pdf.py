"""The printed 值班日报 in the layout desks send upward: the title, the sending unit and date
over a red rule (the 红头 of an information bulletin), the numbered paragraphs, and the
lines for who drafted, checked and signed it off."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Table, TableStyle

from dutyroom.domain.daily_report import DailyReport
from dutyroom.reports import layout
from dutyroom.reports.content import Document
from dutyroom.reports.layout import RED, Styles


def daily_report_pdf(report: DailyReport, printed: str, desk_phone: str = "") -> Document:
    def story(st: Styles, width: float) -> list[Flowable]:
        red_title = ParagraphStyle("red_title", parent=st.title, fontSize=24, leading=34,
                                   textColor=RED)
        body = ParagraphStyle("daily_body", parent=st.body, fontSize=12, leading=21,
                              firstLineIndent=24)
        state = f"报送时间：{report.sent_at}" if report.sent_at else f"草稿，截至 {report.assembled_at}"
        right = ParagraphStyle("right", parent=st.body, alignment=TA_RIGHT)
        masthead = Table([[layout.text(f"{report.unit}{report.desk}", st.body),
                           layout.text(report.date_line, right)]],
                         colWidths=[width * 0.65, width * 0.35],
                         style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        flow: list[Flowable] = [
            layout.text("值班日报", red_title),
            masthead,
            HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=1 * mm, spaceAfter=4 * mm),
            layout.text(f"值班时段：{report.period}", st.small),
            layout.text("值班人员：" + "；".join(x for x in (
                f"主要领导 {report.chief}" if report.chief else "",
                f"带班领导 {report.leader or '（未排班）'}",
                f"值班员 {report.officers or '（未排班）'}") if x), st.small),
            layout.spacer(4),
        ]
        flow += [layout.text(line, body) for line in report.numbered()]
        flow.append(layout.spacer(8))
        sign = Table([[layout.text("签发：", st.body), layout.text("审核：", st.body),
                       layout.text(f"填报：{report.sent_by or report.officers}", st.body)],
                      [layout.text(f"值班电话：{desk_phone or '—'}", st.small), "",
                       layout.text(state, st.small)]],
                     colWidths=[width / 3] * 3, rowHeights=[12 * mm, 8 * mm],
                     style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                       ("LINEABOVE", (0, 0), (-1, 0), 0.6, RED),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        flow.append(KeepTogether([sign]))
        return flow

    return layout.render(story, title=report.title,
                         running=f"{report.unit}{report.desk} · 值班日报 · {report.day:%Y-%m-%d}",
                         printed=printed)
