"""The printed handover record (交接班记录) that goes into the binder, signed by both
officers and the leader on duty."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from dutyroom.domain.anchors import parse_anchor
from dutyroom.domain.handover import HandoverRecord
from dutyroom.reports import layout
from dutyroom.reports.content import Document
from dutyroom.reports.layout import Styles


def handover_pdf(record: HandoverRecord, printed: str, chain_head: str = "") -> Document:
    """The record as printed at `printed`; `chain_head` is the audit chain's head then
    (readable, from domain/anchors.py). Both heads go on the paper under the signatures: the
    binder then holds what `dutyroom check --anchor` proves the file still contains."""
    def story(st: Styles, width: float) -> list[Flowable]:
        status = f"{record.accepted_at} 接班确认" if record.accepted_at else "草稿（尚未接班确认）"
        if record.corrections:
            status += f"，第 {len(record.corrections) + 1} 版"
        flow: list[Flowable] = [
            layout.text(record.unit + record.desk, st.subtitle),
            layout.text("交接班记录", st.title),
            layout.text(f"值班时段：{record.period}　　状态：{status}", st.subtitle),
            layout.fields([("交班人", record.outgoing or "（未排班）"),
                           ("接班人", record.incoming or "（未排班）"),
                           ("带班领导", record.leader or "（未排班）"),
                           ("主要领导", record.chief or "—"),
                           ("记录截至", record.assembled_at),
                           ("接班时间", record.accepted_at or "—")], st, width),
        ]
        for number, section in enumerate(record.sections, start=1):
            flow.extend(layout.heading(f"{_numeral(number)}、{section.title}", st))
            if section.lines:
                flow.append(layout.table(section.headers, [ln.cells for ln in section.lines],
                                         section.widths, st, alerts=[ln.alert for ln in section.lines],
                                         width=width))
            else:
                flow.append(layout.text(section.empty, st.body))
        n = len(record.sections)
        for label, text in record.written:
            n += 1
            flow.extend(layout.heading(f"{_numeral(n)}、{label}", st))
            flow.append(layout.text(text, st.body))
        if record.corrections:
            flow.extend(layout.heading(f"{_numeral(n + 1)}、更正记录", st))
            flow.append(layout.table(("时间", "更正人", "原因"),
                                     [(c.at, c.by, c.reason) for c in record.corrections],
                                     (2, 2, 8), st, width=width))
        flow.append(layout.spacer(6))
        anchors = [layout.signatures(record.signature_lines, st, width)]
        heads = []
        if record.anchor:
            heads.append(f"接班确认时 {parse_anchor(record.anchor).readable()}")
        if chain_head:
            heads.append(f"打印时 {chain_head}")
        if heads:
            anchors.append(layout.spacer(4))
            anchors.append(layout.text("审计链锚点：" + "；".join(heads)
                                       + "（核对：dutyroom check --anchor 条数:校验码）", st.small))
        flow.append(KeepTogether(anchors))
        return flow

    return layout.render(story, title=record.title,
                         running=f"{record.unit}{record.desk} · 交接班记录 · {record.day:%Y-%m-%d}",
                         printed=printed)


NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    return NUMERALS[n - 1] if n <= 10 else f"十{NUMERALS[n - 11]}"
