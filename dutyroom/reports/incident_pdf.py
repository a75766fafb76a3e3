"""An incident's written report (信息报告) in the layout offices send upward: the red
masthead, who signs it off, the title, the body, to whom it goes and whom to call back."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Table, TableStyle

from dutyroom.reports import layout
from dutyroom.reports.content import Document, WrittenReport
from dutyroom.reports.layout import RED, Styles


def incident_report_pdf(report: WrittenReport, printed: str) -> Document:
    lines = report.text.strip("\n").split("\n")
    title, body = (lines[0].strip(), lines[1:]) if lines else ("", [])

    def story(st: Styles, width: float) -> list[Flowable]:
        mast = st.title.clone("mast", fontSize=30, leading=40, textColor=RED)
        stage = st.subtitle.clone("stage", fontSize=13, leading=18)
        para = st.body.clone("report_body", fontSize=12.5, leading=22)
        meta = Table([[layout.text(f"{report.unit}{report.desk}", st.body),
                       layout.text(f"签发人：{'　' * 6}", st.body)]],
                     colWidths=[width * 0.6, width * 0.4],
                     style=TableStyle([("FONTNAME", (0, 0), (-1, -1), st.body.fontName),
                                       ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
        flow: list[Flowable] = [
            layout.text("信 息 报 告", mast),
            layout.text(f"（{report.stage}）", stage),
            meta,
            HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=1 * mm, spaceAfter=6 * mm),
            layout.text(title, st.title.clone("report_title", fontSize=17, leading=26,
                                              alignment=TA_CENTER)),
            layout.spacer(3),
        ]
        indent = para.clone("indent", firstLineIndent=2 * para.fontSize)
        closing = para.clone("closing", alignment=TA_RIGHT)
        sign_off = _sign_off(body)
        for i, line in enumerate(body):
            if not line.strip():
                flow.append(layout.spacer(2))
            elif i >= sign_off:
                flow.append(layout.text(line.strip() + "　　", closing))
            else:
                flow.append(layout.text(line.strip(), indent if line.startswith(("　", " ")) else para))
        flow += [
            layout.spacer(6),
            HRFlowable(width="100%", thickness=0.8, color=RED, spaceAfter=2 * mm),
            layout.fields([("报送", report.recipient or "＿＿＿＿＿＿"),
                           ("报送时间", report.sent_at or "尚未报送（草稿）"),
                           ("联系人", report.sent_by or "＿＿＿＿"),
                           ("值班电话", report.desk_phone or "＿＿＿＿＿＿"),
                           *([("登记时间", report.recorded_at)] if report.recorded_at else [])],
                          st, width),
        ]
        if report.late_entry:
            flow += [layout.spacer(3), layout.text(report.late_entry, st.small)]
        return flow

    return layout.render(story, title=title or "信息报告",
                         running=f"{report.unit}{report.desk} · 信息报告（{report.stage}）",
                         printed=printed)


def _sign_off(body: list[str]) -> int:
    """Where the closing (sender and date, set flush right) starts: the short last lines
    after the final blank line, as the draft writes them."""
    last_blank = max((i for i, line in enumerate(body) if not line.strip()), default=-1)
    tail = [line for line in body[last_blank + 1:] if line.strip()]
    if 0 < len(tail) <= 2 and all(len(line.strip()) <= 30 for line in tail):
        return last_blank + 1
    return len(body)
