"""The printed 值班工作月报: the period's 信息报送考核 figures in tables, with ReportLab's own
charts (incidents per month by category, on-time rate per month, arrival rate per
department) drawn in the same embedded CJK font as the text, so the page prints the same
on any desk."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable

from dutyroom.domain.deadlines import KIND_LABELS, DeadlineKind
from dutyroom.domain.incidents import LEVEL_SHORT, Level
from dutyroom.domain.statistics import RELAY_HEADERS, Statistics, Tally, rate_text, relay_row
from dutyroom.domain.warnings import COLOUR_NAMES
from dutyroom.reports import layout
from dutyroom.reports.content import Document
from dutyroom.reports.layout import Styles

# Tell categories apart on a black-and-white printer too: dark to light.
PALETTE = (colors.Color(0.15, 0.35, 0.6), colors.Color(0.45, 0.65, 0.35), colors.Color(0.85, 0.55, 0.2),
           colors.Color(0.6, 0.6, 0.6))
TALLY_HEADERS = ("项目", "应报", "按时", "迟报", "超时未报", "漏报", "按时率")


def _tally_row(label: str, t: Tally) -> tuple[str, ...]:
    return (label, str(t.due), str(t.on_time), str(t.late), str(t.overdue), str(t.missing),
            rate_text(t.rate))


def _bars(width: float, height: float, title: str, font: str, labels: list[str],
          series: list[tuple[str, list[float]]], top: float | None, stacked: bool = False,
          horizontal: bool = False) -> Drawing:
    drawing = Drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    left = 150 if horizontal else 40
    chart.x, chart.y = left, 40
    chart.width, chart.height = width - left - 20, height - 80
    chart.data = [values or [0.0] for _, values in series] or [[0.0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    highest = max((sum(v[i] for _, v in series if i < len(v)) if stacked else max(
        (v[i] for _, v in series if i < len(v)), default=0.0)) for i in range(len(labels))) if labels else 1.0
    chart.valueAxis.valueMax = top if top is not None else max(1.0, highest)
    chart.valueAxis.valueStep = (top / 5) if top else max(1.0, float(round(max(1.0, highest) / 5)))
    chart.valueAxis.labelTextFormat = "%d"
    if stacked:
        chart.categoryAxis.style = "stacked"
    for index in range(len(series)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    drawing.add(String(width / 2, height - 16, title, fontName=font, fontSize=10, textAnchor="middle"))
    if stacked or len(series) > 1:
        legend = Legend()
        legend.x, legend.y = left, 14
        legend.fontName, legend.fontSize = font, 8
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dx = legend.dy = 7
        legend.deltax = 70
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], name) for i, (name, _) in enumerate(series)]
        drawing.add(legend)
    return drawing


def _relay(stats: Statistics, st: Styles, width: float) -> list[Flowable]:
    """四、预警叫应: the notices received and how the relay went, per village and colour."""
    w, t = stats.warnings, stats.warnings.relay
    colours = "、".join(f"{COLOUR_NAMES.get(c, c)} {n} 条" for c, n in w.by_colour.items())
    flow: list[Flowable] = layout.heading("四、预警叫应", st)
    flow.append(layout.text(
        f"收到预警 {w.received} 条（{colours or '无'}），解除通知 {w.cancelled} 条；需逐人叫应 "
        f"{w.with_list} 条，全部叫应到位 {w.complete} 条。应叫应 {t.to_reach} 人次：时限内应答 "
        f"{t.in_time}，超时应答 {t.late}，未叫醒 {t.never}，时限未到 {t.pending}；叫应完成率 "
        f"{rate_text(t.completion_rate)}，时限内叫应率 {rate_text(t.on_time_rate)}。", st.body))
    tallies = [*w.by_village, *((f"{COLOUR_NAMES.get(c, c)}预警", x)
                                for c, x in w.relay_by_colour.items())]
    if tallies:
        tallies.append(("合计", t))
        flow.append(layout.table(("村(社区)", *RELAY_HEADERS),
                                 [tuple(str(c) for c in relay_row(v, x)) for v, x in tallies],
                                 (2.2, 1.4, 1.4, 1.2, 1, 1.2, 1.4, 1.6), st, width=width,
                                 alerts=[x.never > 0 for _, x in tallies]))
    return flow


def _months(stats: Statistics) -> list[str]:
    """Every month of the period as YYYY-MM, those without an incident too."""
    found, year, month = [], stats.first.year, stats.first.month
    while (year, month) <= (stats.last.year, stats.last.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def monthly_report_pdf(stats: Statistics, trend: Statistics, unit: str, title: str,
                       printed: str) -> Document:
    """`stats` for the period the report is about; `trend` for the months its charts show
    (the twelve months up to it)."""
    def story(st: Styles, width: float) -> list[Flowable]:
        font = st.body.fontName
        r = stats.reports
        flow: list[Flowable] = [
            layout.text(unit, st.subtitle),
            layout.text("值班工作月报", st.title),
            layout.text(f"{title}（{stats.first:%Y-%m-%d} 至 {stats.last:%Y-%m-%d}）", st.subtitle),
        ]
        flow += layout.heading("一、信息报送", st)
        flow.append(layout.text(
            f"应报 {r.due} 次，按时 {r.on_time} 次，迟报 {r.late} 次，超时未报 {r.overdue} 次，"
            f"按时率 {rate_text(r.rate)}；漏报事件 {stats.missing_incidents} 起。", st.body))
        rows = [_tally_row("合计", r)]
        rows += [_tally_row(KIND_LABELS[DeadlineKind(k)], t) for k, t in stats.by_stage.items()]
        rows += [_tally_row(LEVEL_SHORT[Level(k)], t) for k, t in stats.by_level.items()]
        flow.append(layout.table(TALLY_HEADERS, rows, (3, 1, 1, 1, 1.3, 1, 1.3), st, width=width,
                                 alerts=[t.late + t.overdue + t.missing > 0 for t in
                                         (r, *stats.by_stage.values(), *stats.by_level.values())]))
        flow += layout.heading("二、派单到场", st)
        if stats.by_department:
            flow.append(layout.table(
                ("单位", "应到", "按时", "迟到", "未到", "按时率"),
                [(d.department or "合计", str(d.due), str(d.on_time), str(d.late), str(d.not_arrived),
                  rate_text(d.rate)) for d in (*stats.by_department, stats.dispatch)],
                (4, 1, 1, 1, 1, 1.3), st, width=width))
        else:
            flow.append(layout.text("本期无派单。", st.body))
        flow += layout.heading("三、值班纪律", st)
        s, p = stats.sign_ins, stats.presence
        flow.append(layout.text(
            f"接班签到应签 {s.due} 次，按时 {s.on_time} 次，迟签 {s.late} 次，未签 {s.missed} 次；"
            f"在岗确认应确认 {p.due} 次，按时 {p.on_time} 次，超时 {p.late} 次，未确认 {p.missed} 次；"
            f"上级查岗 {stats.spot_checks} 次，按规定应答 {stats.spot_within_rule} 次。"
            f"收到领导批示 {stats.instructions.given} 件，按时办结 {stats.instructions.done_on_time} 件，"
            f"超期办结 {stats.instructions.done_late} 件，超期未办结 {stats.instructions.overdue} 件，"
            f"办理中 {stats.instructions.open} 件。", st.body))
        if stats.people:
            flow.append(layout.table(
                ("姓名", "值班（次）", "应签到", "按时", "迟签", "未签到"),
                [(x.name, str(x.duties), str(x.sign_ins.due), str(x.sign_ins.on_time),
                  str(x.sign_ins.late), str(x.sign_ins.missed)) for x in stats.people],
                (2, 1, 1, 1, 1, 1), st, width=width, alerts=[x.sign_ins.missed > 0 for x in stats.people]))
        flow += _relay(stats, st, width)
        flow += layout.heading("五、图表", st)
        months = _months(trend)
        categories = sorted({c for counts in trend.incidents_by_month.values() for c in counts})
        flow.append(_bars(width, 200, "近十二个月事件数（按类别）", font, [m[2:] for m in months],
                          [(c, [float(trend.incidents_by_month.get(m, {}).get(c, 0)) for m in months])
                           for c in categories], None, stacked=True))
        rate_months = [m for m in months if m in trend.on_time_by_month and trend.on_time_by_month[m].due]
        flow.append(_bars(width, 180, "近十二个月报送按时率（%）", font, [m[2:] for m in rate_months],
                          [("按时率", [100.0 * (trend.on_time_by_month[m].rate or 0.0)
                                       for m in rate_months])], 100.0))
        departments = [d for d in stats.by_department if d.due][:10]
        if departments:
            flow.append(_bars(width, 60 + 22 * len(departments), "各单位按时到场率（%）", font,
                              [d.department for d in departments],
                              [("按时到场率", [100.0 * (d.rate or 0.0) for d in departments])], 100.0,
                              horizontal=True))
        flow.append(layout.spacer(6))
        flow.append(layout.signatures(("制表人", "审核人"), st, width))
        return flow

    return layout.render(story, title=f"{unit}值班工作月报", printed=printed,
                         running=f"{unit} · 值班工作月报 · {title}")
