"""预警信息接收及叫应记录: the proof of who was reached when, for the file or the county."""

from __future__ import annotations

from reportlab.platypus import Flowable

from dutyroom.reports import layout
from dutyroom.reports.content import Document, RelayRecord
from dutyroom.reports.layout import Styles

PEOPLE = ("村(社区)", "岗位", "姓名", "手机", "AB角", "联系记录（时间 方式 结果）", "结果")
UNREACHED = ("村(社区)", "岗位", "姓名", "手机", "AB角", "未接通")


def relay_record_pdf(record: RelayRecord, printed: str) -> Document:
    def story(st: Styles, width: float) -> list[Flowable]:
        reached = len(record.people) - len(record.unreached)
        parts: list[Flowable] = [
            layout.text(record.unit + record.desk, st.subtitle),
            layout.text("预警信息接收及叫应记录", st.title),
            layout.text(f"{record.title}　　应叫应 {len(record.people)} 人，已叫应 {reached} 人，"
                        f"未叫醒 {len(record.unreached)} 人", st.subtitle),
            *layout.heading("一、预警信息", st),
            layout.fields(record.facts, st, width),
        ]
        if record.text:
            parts += [layout.spacer(2), layout.text("预警内容：" + record.text, st.body)]
        if record.measures:
            parts += [layout.text("防御措施要求：" + record.measures, st.body)]
        parts += [*layout.heading("二、叫应记录", st)]
        parts.append(layout.table(PEOPLE, [r.cells for r in record.people],
                                  (1.6, 1.9, 1.3, 2.1, 3.1, 4.2, 1.4), st,
                                  alerts=[r.alert for r in record.people], width=width)
                     if record.people else layout.text("本预警不要求逐人叫应（登记转发）", st.body))
        parts += [*layout.heading("三、未叫醒名单", st)]
        parts.append(layout.table(UNREACHED, [r.cells for r in record.unreached],
                                  (1.6, 1.9, 1.3, 2.1, 3.1, 1.2), st, width=width)
                     if record.unreached else layout.text("无：应叫应人员均已应答", st.body))
        parts += [layout.spacer(8), layout.signatures(("值班员", "带班领导"), st, width)]
        return parts

    return layout.render(story, title=f"{record.title}叫应记录",
                         running=f"{record.unit}{record.desk} · 预警信息接收及叫应记录 · {record.title}",
                         printed=printed)
