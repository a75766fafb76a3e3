"""The rota on paper: the month grid that hangs by the desk, and the holiday list with
mobiles that is reported upward before a holiday (值班表报备)."""

from __future__ import annotations

import calendar as month_calendar

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from dutyroom.domain.roster import SEAT_LABELS
from dutyroom.reports import layout
from dutyroom.reports.content import Document, RotaDay, RotaSheet
from dutyroom.reports.layout import GRID, HEADER_FILL, Styles

HOLIDAY_FILL = colors.Color(0.99, 0.90, 0.88)
WEEKDAYS = "一二三四五六日"
GRID_CELL = ParagraphStyle("grid_cell", fontSize=10.5, leading=14, wordWrap="CJK")


def _running(sheet: RotaSheet) -> str:
    return f"{sheet.unit}{sheet.desk} · {sheet.title}值班表"


SHORT_TIER = {"主要领导": "主要", "带班领导": "带班", "值班员": "值班"}


SEAT_ORDER = ("主要领导", "带班领导", "值班员", *SEAT_LABELS)


def _tier_of(seat: str) -> str:
    """The tier of a seat's label: 值班员（二） is an 值班员."""
    return seat.partition("（")[0]


def _lines(day: RotaDay) -> list[str]:
    mark = {"holiday": "休", "adjusted_workday": "班"}.get(day.kind, "")
    head = f"{day.day.day}" + (f"　{mark}" if mark else "") + (f" {day.name}" if day.name else "")
    lines = [head]
    # A line per tier: two officers of a sensitive day share theirs (值班 张三、李四).
    for tier in SHORT_TIER:
        names = [d.name for d in day.duties if d.tier == tier]
        names += ["未排"] * sum(1 for label in day.missing if _tier_of(label) == tier)
        if names:
            lines.append(f"{SHORT_TIER[tier]} {'、'.join(names)}")
    if day.periods:
        lines.append("、".join(day.periods))
    return lines


def _cell_style(st: Styles, height: float, most: int) -> ParagraphStyle:
    """The grid's type, smaller where a six-week month's row must hold a day of a
    sensitive holiday (the date, three tiers, the period's name): no line runs into the
    next week."""
    leading = min(GRID_CELL.leading, (height - 5) / max(most, 1))
    return GRID_CELL.clone("grid_cell", fontName=st.cell.fontName, leading=leading,
                           fontSize=min(GRID_CELL.fontSize, leading * 0.75))


def _month(sheet: RotaSheet, year: int, month: int, st: Styles, width: float) -> list[Flowable]:
    by_day = {d.day: d for d in sheet.days}
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    data: list[list[object]] = [[layout.text(f"星期{w}", st.head_cell) for w in WEEKDAYS]]
    style: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
    ]
    # Landscape: the page's short side less margins, title, subtitle and the weekday row.
    height = (A4[0] - 75 * mm) / len(weeks)
    lines = {day: _lines(info) for day, info in by_day.items() if day.month == month}
    cell = _cell_style(st, height, max((len(x) for x in lines.values()), default=1))
    for r, week in enumerate(weeks, start=1):
        row: list[object] = []
        for c, day in enumerate(week):
            info = by_day.get(day) if day.month == month else None
            row.append([layout.text("\n".join(lines[day]), cell)] if info is not None else [])
            if info is not None and info.kind == "holiday":
                style.append(("BACKGROUND", (c, r), (c, r), HOLIDAY_FILL))
            if info is not None and (info.missing or info.periods):
                style.append(("BOX", (c, r), (c, r), 1.6, GRID))
        data.append(row)
    return [layout.text(f"{sheet.unit}{sheet.desk}{year}年{month}月值班表", st.title),
            layout.text(f"值班电话：{sheet.desk_phone or '＿＿＿＿＿＿'}　　底纹为法定节假日，"
                        "粗框为特殊敏感时期或缺人的日子", st.subtitle),
            Table(data, colWidths=[width / 7] * 7, rowHeights=[7 * mm] + [height] * len(weeks),
                  style=TableStyle(style), repeatRows=1)]


def month_grid_pdf(sheet: RotaSheet, printed: str) -> Document:
    """One landscape page per month of the sheet."""
    months = sorted({(d.day.year, d.day.month) for d in sheet.days})

    def story(st: Styles, width: float) -> list[Flowable]:
        flow: list[Flowable] = []
        for i, (year, month) in enumerate(months):
            if i:
                flow.append(PageBreak())
            flow += _month(sheet, year, month, st, width)
        return flow

    return layout.render(story, title=f"{sheet.title}值班表", running=_running(sheet),
                         printed=printed, wide=True)


def rota_list_pdf(sheet: RotaSheet, printed: str) -> Document:
    """The list reported upward: each day with every seat's name, position and mobile (a
    column pair for the second officer where any day has two)."""
    used = {d.seat_label for day in sheet.days for d in day.duties}
    used |= {label for day in sheet.days for label in day.missing}
    tiers = [label for label in SEAT_ORDER if label in used]

    def story(st: Styles, width: float) -> list[Flowable]:
        headers = ["日期", "星期"]
        for tier in tiers:
            headers += [tier, "手机"]
        rows, alerts = [], []
        for day in sheet.days:
            duties = {d.seat_label: d for d in day.duties}
            row = [f"{day.day:%m月%d日}" + (f"\n{day.name}" if day.name else ""),
                   f"星期{WEEKDAYS[day.day.weekday()]}"]
            for tier in tiers:
                duty = duties.get(tier)
                if duty is None:
                    row += ["未排" if tier in day.missing else "—", ""]
                else:
                    row += [duty.name + (f"\n{duty.position}" if duty.position else ""), duty.mobile]
            rows.append(row)
            alerts.append(bool(day.missing))
        return [
            layout.text(sheet.unit + sheet.desk, st.subtitle),
            layout.text(f"{sheet.title}值班表", st.title),
            layout.text(f"值班电话：{sheet.desk_phone or '＿＿＿＿＿＿'}", st.subtitle),
            layout.table(headers, rows, [2.2, 1.5, *[2.2, 2.6] * len(tiers)], st, alerts=alerts,
                         width=width),
            layout.spacer(4),
            layout.text("值班人员 24 小时保持通讯畅通；带班领导在岗带班，值班员在值班室值守。", st.small),
            *([layout.text("联动单位值班备勤表尚未报来：" + "、".join(sheet.late_rosters), st.small)]
              if sheet.late_rosters else []),
            layout.spacer(6),
            layout.signatures(("填报人", "审核人"), st, width),
        ]

    return layout.render(story, title=f"{sheet.title}值班表", running=_running(sheet),
                         printed=printed)
