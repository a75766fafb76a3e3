"""排班: the month rota at a glance, with generation, hand edits, leave, periods and files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain import duty_clock
from dutyroom.domain.calendar import DayKind
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.roster import MAX_OFFICERS, TIER_ORDER, Seat
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    roster_calendar,
    roster_files,
    roster_service,
    staff_service,
)
from dutyroom.services.roster_service import RosterView
from dutyroom.services.uow import Changes, UnitOfWork
from dutyroom.ui.acting import Acting
from dutyroom.ui.dialogs.import_dialog import ImportCalendarDialog
from dutyroom.ui.dialogs.pdf_preview import preview_later
from dutyroom.ui.dialogs.roster_dialogs import (
    ChangesDialog,
    GenerateDialog,
    LeaveDialog,
    PeriodsDialog,
    SlotDialog,
    StatsDialog,
)
from dutyroom.ui.i18n import tr, tr_label, tr_text
from dutyroom.ui.icons import icon
from dutyroom.ui.month_grid import DayDelegate, MonthModel, grid_range, month_start
from dutyroom.ui.pages.base import Page
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import (
    PAGE_MARGINS,
    FittingScroll,
    button,
    card,
    error_text,
    menu_button,
    weekday_name,
)

KIND_CHOICES = [(None, tr("按国务院安排")), (DayKind.WORKDAY, tr("工作日")), (DayKind.WEEKEND, tr("周末")),
                (DayKind.HOLIDAY, tr("法定节假日")), (DayKind.ADJUSTED_WORKDAY, tr("调休上班"))]
EXPORTS = [("xlsx", tr("值班表 Excel（.xlsx）"), tr("Excel 工作簿 (*.xlsx)")),
           ("csv", tr("CSV（.csv）"), tr("CSV 文件 (*.csv)")),
           ("ics", tr("手机日历（.ics，全体）"), "iCalendar (*.ics)")]


def _next_month(first: date, step: int) -> date:
    month = first.month - 1 + step
    return date(first.year + month // 12, month % 12 + 1, 1)


class RosterPage(Page):
    title = tr("排班")
    icon_name = "roster"
    help_topic = "setup"

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner,
                 today: Callable[[], date]) -> None:
        super().__init__()
        self.acting, self.runner, self.today = Acting.of(uow), runner, today
        self.view: RosterView | None = None
        self.people: list[Any] = []
        self.settings = DeskSettings.of({})  # the defaults until the window hands its own
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(10)

        # The month shown is the page's title: a title 排班 beside it left no room on a
        # 1280-pixel screen for the month's status and its actions.
        top = QHBoxLayout()
        self.prev_button = button("◀", tooltip=tr("上个月（PageUp）"))
        self.next_button = button("▶", tooltip=tr("下个月（PageDown）"))
        self.today_button = button(tr("本月"))
        self.month_label = QLabel()
        self.month_label.setObjectName("pageTitle")
        self.prev_button.clicked.connect(lambda: self.show_month(_next_month(self.month, -1)))
        self.next_button.clicked.connect(lambda: self.show_month(_next_month(self.month, 1)))
        self.today_button.clicked.connect(lambda: self.show_month(month_start(self.today())))
        for widget in (self.prev_button, self.month_label, self.next_button, self.today_button):
            top.addWidget(widget)
        top.addStretch(1)
        self.generate_button = button(tr("自动排班…"), "roster", primary=True, tooltip="Ctrl+G")
        self.generate_button.clicked.connect(self.open_generate)
        self.publish_button = button(tr("发布本月"), "check", tooltip=tr("检查无误后发布本月值班表"))
        self.publish_button.clicked.connect(self.publish)
        self.files_button, self.files_menu = menu_button(tr("打印/导出"), "printer")
        self.files_menu.aboutToShow.connect(self._fill_files_menu)
        # The rest of the month's work, one click away: a 1280-pixel screen has no room for
        # a button each beside the month and its status.
        self.more_button, self.more_menu = menu_button(tr("更多"), "more-horizontal")
        for text, icon_name, slot in (
                (tr("请假登记…"), "contacts", self.open_leave),
                (tr("敏感时期…"), "alert", self.open_periods),
                (tr("值班统计…"), "log", self.open_stats),
                (tr("导入节假日安排…"), "calendar", lambda: self.import_calendar()),
                (tr("本月调整记录…"), "edit", self.open_changes)):
            action = QAction(icon(icon_name), text, self.more_menu)
            action.triggered.connect(lambda _=False, run=slot: run())
            self.more_menu.addAction(action)
        for widget in (self.generate_button, self.publish_button, self.files_button,
                       self.more_button):
            top.addWidget(widget)
        layout.addLayout(top)

        self.warning = QFrame()
        self.warning.setObjectName("guide")
        warning_row = QHBoxLayout(self.warning)
        warning_row.setContentsMargins(14, 6, 8, 6)
        self.warning_text = QLabel()
        self.warning_text.setWordWrap(True)
        warning_row.addWidget(self.warning_text, 1)
        calendar_button = button(tr("导入节假日安排…"), "calendar")
        calendar_button.clicked.connect(lambda: self.import_calendar())
        warning_row.addWidget(calendar_button)
        self.warning.hide()
        layout.addWidget(self.warning)

        body = QHBoxLayout()
        self.model = MonthModel(self.today())
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(DayDelegate(self.model))
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().hide()
        self.grid.setShowGrid(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.selectionModel().currentChanged.connect(self._day_changed)
        self.grid.doubleClicked.connect(lambda _i: self.edit_slot(Seat(Tier.LEADER)))
        body.addWidget(self.grid, 1)
        body.addWidget(self._build_detail())
        layout.addLayout(body, 1)
        self.grid.setToolTip(tr("方向键选日，回车安排，PageUp / PageDown 翻月"))
        self.legend = QLabel(
            tr("<span style='color:#f4b6b6'>■</span> 法定节假日　"
            "<span style='color:#cfcfcf'>■</span> 调休上班（班）　"
            "<span style='color:#dce6f2'>■</span> 周末　"
            "<span style='color:#e0a800'>□</span> 特殊敏感时期　"
            "<span style='color:#c0392b'>红色：未安排或违反规则</span>　"
            "主 / 带 / 值：主要领导 / 带班领导 / 值班员"))
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)

        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self,
                  lambda: self.show_month(_next_month(self.month, -1)))
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self,
                  lambda: self.show_month(_next_month(self.month, 1)))
        QShortcut(QKeySequence("Ctrl+G"), self, self.open_generate)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.grid, lambda: self.edit_slot(None))
        self.month: date = month_start(self.today())

    def _build_detail(self) -> QWidget:
        """The selected day's panel; on a short screen (a banner above, three tiers on a
        holiday) it scrolls rather than squeezing its buttons and title."""
        frame, inner = card()
        self.day_title = QLabel()
        self.day_title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        inner.addWidget(self.day_title)
        # Each seat's name beside the person on duty, a row each: a day of a sensitive
        # period with three tiers and two officers still fits a 720-pixel screen with the
        # alert banner showing. The second (third) officer's seat shows on days needing one.
        self.slot_buttons: dict[Seat, QPushButton] = {}
        self.slot_labels: dict[Seat, QLabel] = {}
        seats = [Seat(tier) for tier in TIER_ORDER]
        seats += [Seat(Tier.OFFICER, index) for index in range(1, MAX_OFFICERS)]
        rows = QGridLayout()
        rows.setHorizontalSpacing(6)
        rows.setVerticalSpacing(6)
        rows.setColumnStretch(1, 1)
        for row, seat in enumerate(seats):
            label = QLabel(tr_label(seat.label))
            label.setObjectName("hint")
            widget = QPushButton()
            widget.setStyleSheet("text-align: left; padding: 6px 8px;")
            widget.clicked.connect(lambda _=False, s=seat: self.edit_slot(s))
            label.setBuddy(widget)
            self.slot_labels[seat], self.slot_buttons[seat] = label, widget
            rows.addWidget(label, row, 0)
            rows.addWidget(widget, row, 1)
        inner.addLayout(rows)
        self.breaks = QLabel()
        self.breaks.setObjectName("error")
        self.breaks.setWordWrap(True)
        inner.addWidget(self.breaks)
        inner.addStretch(1)
        # The day's kind, set by hand for a year without a schedule: two rows, so a short
        # screen keeps its room for the people on duty above.
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(tr("日期类型：")))
        self.kind = QComboBox()
        for kind, text in KIND_CHOICES:
            self.kind.addItem(text, kind)
        kind_row.addWidget(self.kind, 1)
        inner.addLayout(kind_row)
        name_row = QHBoxLayout()
        self.kind_name = QLineEdit()
        self.kind_name.setPlaceholderText(tr("节日名称（可选）"))
        save_kind = button(tr("保存"), "save", tooltip=tr("保存这一天的日期类型"))
        save_kind.clicked.connect(self.save_kind)
        name_row.addWidget(self.kind_name, 1)
        name_row.addWidget(save_kind)
        inner.addLayout(name_row)
        panel = FittingScroll(frame)
        panel.setMinimumWidth(240)
        panel.setMaximumWidth(340)
        return panel

    # --- loading ---------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is None or changes.roster or changes.staff or changes.settings:
            self.show_month(self.month)

    def print_choices(self) -> list[tuple[str, date, date, str]]:
        """What 打印 offers: this month as a grid and as the list reported upward, and each
        holiday in view as its 报备 list."""
        last = _next_month(self.month, 1) - timedelta(days=1)
        choices = [(tr("{0}月值班表（月历）…").format(self.month.month), self.month, last, "grid"),
                   (tr("{0}月值班表（报备名单，含手机）…").format(
                           self.month.month), self.month, last, "list")]
        days = [d.info for d in self.view.days] if self.view is not None else []
        names = {d.day: d.name for d in days}
        for first, end in duty_clock.holiday_blocks(days):
            name = names.get(first) or tr("节假日")
            choices.append((tr("{0}值班表报备（{1:%m-%d} 至 {2:%m-%d}）…").format(
                                   name, first, end), first, end, "list"))
        return choices

    def _fill_files_menu(self) -> None:
        """Printouts first (they depend on the month shown), then exports and the import."""
        menu = self.files_menu
        menu.clear()
        for label, first, last, layout in self.print_choices():
            action = QAction(tr("打印{0}").format(label), menu)
            action.triggered.connect(lambda _=False, f=first, t=last, k=layout: self.print_rota(f, t, k))
            menu.addAction(action)
        menu.addSeparator()
        for fmt, label, _ in EXPORTS:
            action = QAction(tr("导出{0}…").format(label), menu)
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            menu.addAction(action)
        menu.addSeparator()
        action = QAction(tr("导入值班表 Excel…"), menu)
        action.triggered.connect(lambda _=False: self.import_roster())
        menu.addAction(action)

    def print_rota(self, first: date, last: date, layout: str) -> None:
        title = tr("值班表 {0:%Y-%m-%d} 至 {1:%Y-%m-%d}").format(first, last)
        preview_later(self, self.runner,
                      lambda: roster_files.rota_document(self.uow, first, last, layout),
                      title, tr("值班表-{0:%Y%m%d}-{1:%Y%m%d}.pdf").format(first, last))

    def show_month(self, first: date) -> None:
        self.month = first
        start, end = grid_range(first)
        self.month_label.setText(tr("{0}年{1}月").format(first.year, first.month))

        def load() -> tuple[RosterView, list[Any], set[date]]:
            return (roster_service.roster_view(self.uow, start, end),
                    staff_service.list_staff(self.uow),
                    roster_service.published_days(self.uow, *self.month_range()))

        Op(self, self.runner, load, title=tr("读取失败")).success(self._loaded).run_in_background()

    def apply_settings(self, settings: DeskSettings) -> None:
        self.settings = settings

    def _loaded(self, loaded: tuple[RosterView, list[Any], set[date]]) -> None:
        self.view, self.people, published = loaded
        selected = self.selected_day()
        self.model.set_month(self.month, self.view.days)
        if self.view.assumed_years:
            years = tr("、").join(str(y) for y in self.view.assumed_years)
            self.warning_text.setText(
                tr("⚠ {0} 年尚未载入国务院节假日安排：法定节假日按《全国年节及纪念日放假办法》推定并已标出，"
                   "连休和调休上班待通知。请导入正式安排（或在右侧逐日设定）。").format(years))
        self.warning.setVisible(bool(self.view.assumed_years))
        month_days = [d for d in self.view.days if d.info.day.month == self.month.month]
        gaps = sum(len(d.empty()) for d in month_days)
        broken = sum(1 for d in month_days if d.breaks)
        status = (tr("（{0} 个班次未安排）").format(
                         gaps) if gaps else tr("（{0} 天有问题）").format(broken) if broken
                  else tr("（已发布）") if len(published) == len(month_days) else tr("（未发布）"))
        self.month_label.setText(tr("{0}年{1}月{2}").format(self.month.year, self.month.month, status))
        target = selected if selected and selected.month == self.month.month else (
            self.today() if month_start(self.today()) == self.month else self.month)
        index = self.model.index_of(target)
        self.grid.setCurrentIndex(index)
        self._day_changed(index)

    # --- the selected day -------------------------------------------------------------------

    def selected_day(self) -> date | None:
        index = self.grid.currentIndex()
        return self.model.day_at(index) if index.isValid() else None

    def _day_changed(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if not index.isValid():
            return
        day = self.model.day_at(index)
        view = self.model.view(day)
        kind = (tr_label(view.info.kind.label) + (tr("（{0}）").format(view.info.name)
                                                  if view.info.name else "")) if view else ""
        self.day_title.setText(f"{day.isoformat()} {weekday_name(day)}\n{kind}")
        for seat, widget in self.slot_buttons.items():
            person = view.slots.get(seat) if view else None
            required = view is not None and seat in view.seats
            widget.setVisible(person is not None or required)
            self.slot_labels[seat].setVisible(person is not None or required)
            widget.setText(f"{person.name}  {person.mobile}" if person else tr("未安排（点击安排）"))
            widget.setToolTip(tr("安排、代班或换班{0}").format(tr_label(seat.label)))
            widget.setAccessibleName(tr_label(seat.label))
            widget.setStyleSheet("text-align: left; padding: 6px 8px;"
                                 + ("" if person else "color: #c0392b;"))
        self.breaks.setText("\n".join(f"⚠ {tr_text(b)}" for b in view.breaks) if view else "")
        if view is not None:
            source = view.info.source.value
            self.kind.setCurrentIndex(0 if source != "user" else next(
                i for i, (k, _) in enumerate(KIND_CHOICES) if k is view.info.kind))
            self.kind_name.setText(view.info.name if source == "user" else "")

    def edit_slot(self, seat: Seat | None) -> None:
        day = self.selected_day()
        view = self.model.view(day) if day else None
        if day is None or view is None:
            return
        if seat is None:  # Enter: the first empty seat the day needs, else the leader's
            seat = next(iter(view.empty()), Seat(Tier.LEADER))
        dialog = SlotDialog(self.uow, self.runner, day, seat, view.slots.get(seat), self.people,
                            self.settings.chief_may_lead, self,
                            others=[p.id for s, p in view.slots.items() if s != seat])
        if dialog.exec():
            if dialog.warnings:
                QMessageBox.warning(self, tr("已保存，但请注意"),
                                    "\n".join(tr_text(w) for w in dialog.warnings))
            self._changed()

    def save_kind(self) -> None:
        day = self.selected_day()
        if day is None:
            return
        data = self.kind.currentData()  # Qt hands an enum back as its plain value
        (Op(self, self.runner, roster_calendar.set_calendar_day, self.uow, day,
            DayKind(data) if data else None, self.kind_name.text(), title=tr("未保存"))
         .success(lambda _o: self.show_month(self.month)).run_in_background())

    def _changed(self) -> None:
        """A dialog saved: the month again (the dialog's operation told the other pages)."""
        self.show_month(self.month)

    # --- dialogs and files ------------------------------------------------------------------

    def month_range(self) -> tuple[date, date]:
        return self.month, _next_month(self.month, 1) - timedelta(days=1)

    def open_generate(self) -> None:
        dialog = GenerateDialog(self.uow, self.runner, *self.month_range(), parent=self)
        if dialog.exec() and dialog.report is not None:
            report = dialog.report
            if report.unfilled:
                QMessageBox.warning(self, tr("部分班次未能排上"), "\n".join(
                    tr_text(u.describe()) for u in report.unfilled[:20]))
            self._changed()

    def publish(self) -> None:
        start, end = self.month_range()
        Op(self, self.runner, roster_service.publish, self.uow, start, end) \
            .success(lambda days: self._published(days, start)) \
            .failure(lambda e: QMessageBox.warning(
                self, tr("不能发布"), tr("值班表还有以下问题，请先处理：\n")
                + "\n".join(error_text(e).splitlines()[:25])), shown=True).run_in_background()

    def _published(self, days: int, start: date) -> None:
        QMessageBox.information(self, tr("已发布"),
                                tr("{0}年{1}月值班表已通过检查并发布（{2} 天）。").format(
                                       start.year, start.month, days))
        self.show_month(self.month)

    def open_changes(self) -> None:
        ChangesDialog(self.uow, self.runner, *self.month_range(), self).exec()

    def open_leave(self) -> None:
        dialog = LeaveDialog(self.uow, self.runner, *self.month_range(), self.people, self)
        dialog.exec()
        if dialog.changed:
            self._changed()

    def open_periods(self) -> None:
        dialog = PeriodsDialog(self.uow, self.runner, self.selected_day() or self.month, self)
        dialog.exec()
        if dialog.changed:
            self._changed()

    def open_stats(self) -> None:
        start = date(self.month.year, 1, 1)
        unit = self.settings.unit_title
        StatsDialog(self.uow, self.runner, start, self.month_range()[1], unit, self).exec()

    def export(self, fmt: str, path: Path | None = None) -> None:
        start, end = self.month_range()
        if path is None:
            _, label, pattern = next(e for e in EXPORTS if e[0] == fmt)
            name, _ = QFileDialog.getSaveFileName(
                self, tr("导出{0}").format(label), tr("值班表-{0:%Y年%m月}.{1}").format(start, fmt), pattern)
            if not name:
                return
            path = Path(name)
        (Op(self, self.runner, roster_files.export_roster, self.uow, start, end, fmt, path,
            title=tr("导出失败"))
         .success(lambda out: QMessageBox.information(self, tr("已导出"), tr("已保存到 {0}").format(out)))
         .run_in_background())

    def import_roster(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, tr("导入值班表"), "", tr("Excel 工作簿 (*.xlsx)"))
            if not name:
                return
            path = Path(name)
        Op(self, self.runner, roster_files.import_roster, self.uow, path).success(self._imported) \
            .failure(lambda e: QMessageBox.warning(
                self, tr("值班表未导入"), tr("整个文件未导入：\n{0}").format(error_text(e))),
                shown=True).run_in_background()

    def import_calendar(self, path: Path | None = None) -> ImportCalendarDialog:
        """导入节假日安排: a year's schedule (CSV or .ics), previewed before it is written."""
        dialog = ImportCalendarDialog(self.uow, self.runner, self)
        if path is not None:
            dialog.load(path)
        if dialog.exec() and dialog.imported:
            self._changed()
        return dialog

    def _imported(self, shifts: int) -> None:
        QMessageBox.information(self, tr("导入完成"), tr("已导入 {0} 个班次。").format(shifts))
        self.show_month(self.month)
