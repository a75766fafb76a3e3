"""The check-in and spot-check log (签到和查岗记录) for a period: the evidence that the desk
was staffed, for the file or for an inspection."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from dutyroom.reports import layout
from dutyroom.reports.content import ClockLog, Document, LogRow
from dutyroom.reports.layout import Styles


def clock_log_pdf(log: ClockLog, printed: str) -> Document:
    def story(st: Styles, width: float) -> list[Flowable]:
        def block(headers: Sequence[str], rows: Sequence[LogRow], widths: Sequence[float],
                  empty: str) -> Flowable:
            if not rows:
                return layout.text(empty, st.body)
            return layout.table(headers, [r.cells for r in rows], widths, st,
                                alerts=[r.alert for r in rows], width=width)

        missed = sum(r.alert for r in log.days)
        return [
            layout.text(log.unit + log.desk, st.subtitle),
            layout.text("接班签到和上级查岗记录", st.title),
            layout.text(f"{log.title}　　共 {len(log.days)} 个班次，{missed} 个班次有未签到、迟签或"
                        f"未确认；上级查岗 {len(log.spot_checks)} 次", st.subtitle),
            *layout.heading("一、接班签到和在岗确认", st),
            block(("班次", *(f"{t}签到" for t in log.tiers), "在岗确认"), log.days,
                  (1.6, *[2.6] * len(log.tiers), 3.4), "本期无班次"),
            *layout.heading("二、上级查岗", st),
            block(("时间", "查岗单位或人员", "方式", "应答人", "三声内接听", "结果", "登记人"),
                  log.spot_checks, (2, 3, 1, 1.6, 1.4, 3.4, 1.6), "本期无上级查岗"),
            layout.spacer(8),
            layout.signatures(("核对人",), st, width),
        ]

    return layout.render(story, title=f"{log.title}接班签到和上级查岗记录",
                         running=f"{log.unit}{log.desk} · 接班签到和上级查岗记录 · {log.title}",
                         printed=printed)
