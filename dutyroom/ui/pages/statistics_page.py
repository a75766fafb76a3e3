"""统计: what the office is judged on (信息报送考核) for a month, a quarter, a year or any
period — reports on time or late per stage and level, 漏报, arrivals per department,
check-ins per person, presence prompts, spot checks — in tables and charts (QtCharts), and
as an Excel workbook. Duty counts and comp days stay on the roster page (a button opens them)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.deadlines import KIND_LABELS, DeadlineKind
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.incidents import LEVEL_SHORT, Level
from dutyroom.domain.local_time import utc_clock
from dutyroom.domain.statistics import (
    ArrivalTally,
    PersonTally,
    RelayTally,
    Statistics,
    Tally,
    rate_text,
)
from dutyroom.domain.warnings import COLOUR_NAMES
from dutyroom.services import statistics_service
from dutyroom.services.uow import Changes, UnitOfWork
from dutyroom.ui.acting import Acting
from dutyroom.ui.dialogs.pdf_preview import preview_later
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.pages.base import Page
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import PAGE_MARGINS, button, hint_label, table_view, title_label

PERIODS = {"month": statistics_service.month_bounds, "quarter": statistics_service.quarter_bounds,
           "year": statistics_service.year_bounds}


def _tally_columns() -> list[Column[tuple[str, Tally]]]:
    return [Column(tr("项目"), lambda r: r[0]),
            Column(tr("应报"), lambda r: r[1].due), Column(tr("按时"), lambda r: r[1].on_time),
            Column(tr("迟报"), lambda r: r[1].late), Column(tr("超时未报"), lambda r: r[1].overdue),
            Column(tr("漏报"), lambda r: r[1].missing),
            Column(tr("按时率"), lambda r: r[1].rate, text=lambda r: rate_text(r[1].rate))]


def _day(edit: QDateEdit) -> date:
    picked = edit.date()
    return date(picked.year(), picked.month(), picked.day())


def chart_view() -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(200)
    return view


def bar_chart(title: str, series: Any, labels: list[str], top: float | None,
              horizontal: bool = False) -> QChart:
    """A chart of one bar series over named categories; values from 0 to `top` (a rate's
    100), else to the largest bar, with whole-number ticks."""
    chart = QChart()
    chart.setTitle(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setVisible(len(series.barSets()) > 1)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(labels or [""])
    values = QValueAxis()
    values.setLabelFormat("%d")
    highest = top if top is not None else max(
        [sum(s.at(i) for s in series.barSets()) for i in range(len(labels))] or [1.0])
    step = max(1, math.ceil(highest / 5))
    values.setRange(0, max(step, math.ceil(highest / step) * step))
    values.setTickType(QValueAxis.TickType.TicksDynamic)
    values.setTickAnchor(0)
    values.setTickInterval(step)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    series.attachAxis(values)
    return chart


class StatisticsPage(Page):
    title = tr("统计")
    icon_name = "bar-chart"
    help_topic = "routine"

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner,
                 now: Callable[[], datetime] = utc_clock) -> None:
        super().__init__()
        self.acting, self.runner, self.now = Acting.of(uow), runner, now
        self.stats: Statistics | None = None
        self.unit = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(10)
        head = QHBoxLayout()
        head.addWidget(title_label(tr("统计")))
        head.addSpacing(12)
        self.kind = QComboBox()
        for key, label in (("month", tr("按月")), ("quarter", tr("按季度")), ("year", tr("按年")),
                           ("custom", tr("自定义"))):
            self.kind.addItem(label, key)
        head.addWidget(self.kind)
        today = QDate.currentDate()
        self.first, self.last = QDateEdit(today), QDateEdit(today)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        head.addWidget(self.first)
        head.addWidget(QLabel(tr("至")))
        head.addWidget(self.last)
        head.addStretch(1)
        self.duty_button = button(tr("值班次数和补休…"), "roster",
                                  tooltip=tr("每人值班次数和应补休天数（同排班页「值班统计」）"))
        self.duty_button.clicked.connect(self.open_duty_counts)
        self.export_button = button(tr("导出 Excel…"), "download")
        self.export_button.clicked.connect(lambda: self.export())
        self.print_button = button(tr("打印月报…"), "printer",
                                   tooltip=tr("值班工作月报：本期各表和近十二个月的图表（PDF）"))
        self.print_button.clicked.connect(self.print_report)
        for widget in (self.duty_button, self.export_button, self.print_button):
            head.addWidget(widget)
        layout.addLayout(head)
        self.summary = hint_label("")
        layout.addWidget(self.summary)

        self.tabs = QTabWidget()
        self.report_model: RecordTableModel[tuple[str, Tally]] = RecordTableModel(_tally_columns())
        self.arrival_model: RecordTableModel[ArrivalTally] = RecordTableModel([
            Column(tr("单位"), lambda d: d.department or tr("合计")),
            Column(tr("应到"), lambda d: d.due), Column(tr("按时"), lambda d: d.on_time),
            Column(tr("迟到"), lambda d: d.late), Column(tr("未到"), lambda d: d.not_arrived),
            Column(tr("按时率"), lambda d: d.rate, text=lambda d: rate_text(d.rate))])
        self.people_model: RecordTableModel[PersonTally] = RecordTableModel([
            Column(tr("姓名"), lambda p: p.name), Column(tr("值班（次）"), lambda p: p.duties),
            Column(tr("应签到"), lambda p: p.sign_ins.due), Column(tr("按时"), lambda p: p.sign_ins.on_time),
            Column(tr("迟签"), lambda p: p.sign_ins.late), Column(tr("未签到"), lambda p: p.sign_ins.missed)])
        self.relay_model: RecordTableModel[tuple[str, RelayTally]] = RecordTableModel([
            Column(tr("村(社区)"), lambda r: r[0]), Column(tr("应叫应"), lambda r: r[1].to_reach),
            Column(tr("时限内应答"), lambda r: r[1].in_time), Column(tr("超时应答"), lambda r: r[1].late),
            Column(tr("未叫醒"), lambda r: r[1].never), Column(tr("时限未到"), lambda r: r[1].pending),
            Column(tr("叫应完成率"), lambda r: r[1].completion_rate,
                   text=lambda r: rate_text(r[1].completion_rate)),
            Column(tr("时限内叫应率"), lambda r: r[1].on_time_rate,
                   text=lambda r: rate_text(r[1].on_time_rate))])
        self.tabs.addTab(self._charts_tab(), tr("图表"))
        self.tabs.addTab(table_view(self.report_model, stretch=0), tr("信息报送"))
        self.tabs.addTab(self._arrivals_tab(), tr("派单到场"))
        self.tabs.addTab(self._people_tab(), tr("签到和查岗"))
        self.tabs.addTab(self._relay_tab(), tr("预警叫应"))
        layout.addWidget(self.tabs, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.first.dateChanged.connect(self._first_changed)
        self.last.dateChanged.connect(lambda _: self._load_if_custom())
        self._kind_changed()

    # --- layout -------------------------------------------------------------------------

    def _charts_tab(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 8, 0, 0)
        self.incident_view, self.rate_view = chart_view(), chart_view()
        row.addWidget(self.incident_view, 1)
        row.addWidget(self.rate_view, 1)
        return holder

    def _arrivals_tab(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 8, 0, 0)
        row.addWidget(table_view(self.arrival_model, stretch=0), 1)
        self.arrival_view = chart_view()
        row.addWidget(self.arrival_view, 1)
        return holder

    def _people_tab(self) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(table_view(self.people_model, stretch=0), 1)
        self.clock_label = QLabel()
        self.clock_label.setWordWrap(True)
        column.addWidget(self.clock_label)
        return holder

    def _relay_tab(self) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 8, 0, 0)
        self.relay_label = QLabel()
        self.relay_label.setWordWrap(True)
        column.addWidget(self.relay_label)
        column.addWidget(table_view(self.relay_model, stretch=0), 1)
        return holder

    # --- the period ---------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        return _day(self.first), _day(self.last)

    def _kind_changed(self) -> None:
        custom = self.kind.currentData() == "custom"
        self.last.setEnabled(custom)
        self._first_changed()

    def _first_changed(self) -> None:
        bounds = PERIODS.get(self.kind.currentData())
        if bounds is not None:
            first, last = bounds(_day(self.first))
            for edit, day in ((self.first, first), (self.last, last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self.load()

    def _load_if_custom(self) -> None:
        if self.kind.currentData() == "custom":
            self.load()

    # --- loading ------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is None or changes.incidents or changes.clock or changes.roster or changes.warnings:
            self.load()

    def apply_settings(self, settings: DeskSettings) -> None:
        self.unit = f"{settings.unit_name}{settings.desk_name}"

    def load(self) -> None:
        first, last = self.period()
        (self.op(statistics_service.period_statistics, self.uow, first, last, self.now())
         .success(self.show_stats).run_in_background())

    def show_stats(self, stats: Statistics) -> None:
        self.stats = stats
        r = stats.reports
        self.summary.setText(tr("信息报送 应报 {0}、按时 {1}、迟报 {2}、超时未报 {3}，按时率 {4}；"
                                "漏报事件 {5} 起。派单到场 应到 {6}、按时 {7}。").format(
            r.due, r.on_time, r.late, r.overdue, rate_text(r.rate), stats.missing_incidents,
            stats.dispatch.due, stats.dispatch.on_time)
            + tr("领导批示 {0} 件：按时办结 {1}、超期办结 {2}、超期未办结 {3}、办理中 {4}。").format(
                stats.instructions.given, stats.instructions.done_on_time,
                stats.instructions.done_late, stats.instructions.overdue, stats.instructions.open))
        rows = [(tr("合计"), r)]
        rows += [(tr_label(KIND_LABELS[DeadlineKind(k)]), t) for k, t in stats.by_stage.items()]
        rows += [(tr_label(LEVEL_SHORT[Level(k)]), t) for k, t in stats.by_level.items()]
        self.report_model.set_records(rows)
        self.arrival_model.set_records([*stats.by_department, stats.dispatch])
        self.people_model.set_records(list(stats.people))
        p = stats.presence
        self.clock_label.setText(tr("接班签到 应签 {0}、按时 {1}、迟签 {2}、未签 {3}；在岗确认 应确认 "
                                    "{4}、按时 {5}、超时 {6}、未确认 {7}；上级查岗 {8} 次，按规定应答 "
                                    "{9} 次。").format(
            stats.sign_ins.due, stats.sign_ins.on_time, stats.sign_ins.late, stats.sign_ins.missed,
            p.due, p.on_time, p.late, p.missed, stats.spot_checks, stats.spot_within_rule))
        self._show_relay(stats)
        self._draw_charts(stats)

    def _show_relay(self, stats: Statistics) -> None:
        w = stats.warnings
        colours = tr("、").join(tr("{0} {1} 条").format(tr_label(COLOUR_NAMES.get(c, c)), n)
                               for c, n in w.by_colour.items())
        self.relay_label.setText(tr(
            "收到预警 {0} 条（{1}），解除通知 {2} 条；需逐人叫应 {3} 条，全部叫应到位 {4} 条。"
            "应叫应 {5} 人次：时限内应答 {6}，超时应答 {7}，未叫醒 {8}，时限未到 {9}；"
            "叫应完成率 {10}，时限内叫应率 {11}。").format(
            w.received, colours or tr("无"), w.cancelled, w.with_list, w.complete, w.relay.to_reach,
            w.relay.in_time, w.relay.late, w.relay.never, w.relay.pending,
            rate_text(w.relay.completion_rate), rate_text(w.relay.on_time_rate)))
        rows = list(w.by_village)
        rows += [(tr("{0}预警").format(tr_label(COLOUR_NAMES.get(c, c))), t)
                 for c, t in w.relay_by_colour.items()]
        self.relay_model.set_records([*rows, (tr("合计"), w.relay)] if rows else [])

    def _draw_charts(self, stats: Statistics) -> None:
        months = list(stats.incidents_by_month)
        categories = sorted({c for counts in stats.incidents_by_month.values() for c in counts})
        stacked = QStackedBarSeries()
        for category in categories:
            bar = QBarSet(tr_label(category))
            bar.append([float(stats.incidents_by_month[m].get(category, 0)) for m in months])
            stacked.append(bar)
        self._show(self.incident_view, bar_chart(tr("每月事件数（按类别）"), stacked, months, None))
        rate_months = [m for m, t in stats.on_time_by_month.items() if t.due]
        rates = QBarSet(tr("按时率"))
        rates.append([100.0 * (stats.on_time_by_month[m].rate or 0.0) for m in rate_months])
        series = QBarSeries()
        series.append(rates)
        self._show(self.rate_view, bar_chart(tr("每月报送按时率（%）"), series, rate_months, 100.0))
        departments = [d for d in stats.by_department if d.due][:12]
        arrival = QBarSet(tr("按时到场率"))
        arrival.append([100.0 * (d.rate or 0.0) for d in departments])
        horizontal = QHorizontalBarSeries()
        horizontal.append(arrival)
        self._show(self.arrival_view, bar_chart(tr("各单位按时到场率（%）"), horizontal,
                                                [d.department for d in departments], 100.0, True))

    @staticmethod
    def _show(view: QChartView, chart: QChart) -> None:
        """A new chart for each period (the view does not delete the one it replaces)."""
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    @property
    def incident_chart(self) -> QChart:
        return self.incident_view.chart()

    # --- actions ------------------------------------------------------------------------

    def export(self, path: str | None = None) -> None:
        first, last = self.period()
        if path is None:
            suggested = f"{tr('统计')}-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
            path, _ = QFileDialog.getSaveFileName(self, tr("导出统计"), suggested,
                                                  tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        out = Path(path)
        (self.op(statistics_service.export_workbook, self.uow, first, last, out, self.now())
         .success(lambda _: self.summary.setText(tr("已导出：{0}").format(out))).run_in_background())

    def print_report(self) -> None:
        first, last, moment = *self.period(), self.now()
        preview_later(self, self.runner,
                      lambda: statistics_service.monthly_document(self.uow, first, last, moment),
                      tr("值班工作月报"), f"{tr('值班工作月报')}-{first:%Y%m%d}-{last:%Y%m%d}.pdf")

    def open_duty_counts(self) -> None:
        from dutyroom.ui.dialogs.roster_dialogs import StatsDialog

        first, last = self.period()
        self.duty_dialog = StatsDialog(self.uow, self.runner, first, last, self.unit, self)
        self.duty_dialog.open()
