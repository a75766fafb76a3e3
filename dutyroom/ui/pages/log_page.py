"""值班日志: incidents and the calls and documents register, searchable, newest first.

The page holds what both tabs share (the search and filters, the count, the desk's rules
it read) and the steps that cross between them; each tab is a module of its own
(log_incidents.py, log_register.py) and the detail they show is built without Qt
(ui/log_detail.py). The lists fetch a page at a time as they scroll, so ten years of a busy
desk opens as fast as one week.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
)

from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.incidents import CATEGORY_LABELS, LEVEL_LABELS, STATUS_LABELS, Category, Level, Status
from dutyroom.domain.local_time import utc_clock
from dutyroom.services.incident_views import IncidentDetail, IncidentQuery
from dutyroom.services.register_service import EntryView, RegisterQuery
from dutyroom.services.uow import Changes, UnitOfWork
from dutyroom.ui.acting import Acting
from dutyroom.ui.dialogs.instruction_dialogs import open_instructions
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.icons import icon
from dutyroom.ui.pages.base import Page
from dutyroom.ui.pages.log_incidents import IncidentTab
from dutyroom.ui.pages.log_register import RegisterTab
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import PAGE_MARGINS, button, title_label, to_date


class LogPage(Page):
    title = tr("值班日志")
    icon_name = "log"
    help_topic = "intake"

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner,
                 now: Callable[[], datetime] = utc_clock) -> None:
        super().__init__()
        self.acting, self.runner, self.now = Acting.of(uow), runner, now
        self.zone = ZoneInfo("Asia/Shanghai")
        self.mass_limits = (100, 500)
        self.warning = timedelta(minutes=10)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(10)
        head = QHBoxLayout()
        head.addWidget(title_label(tr("值班日志")))
        head.addStretch(1)
        self.new_call_button = button(tr("来电来文登记"), "file", tooltip="Ctrl+Shift+N")
        self.new_call_button.clicked.connect(self.new_entry)
        self.new_incident_button = button(tr("接报登记"), "add", primary=True, tooltip="Ctrl+N")
        self.new_incident_button.clicked.connect(self.new_incident)
        head.addWidget(self.new_call_button)
        head.addWidget(self.new_incident_button)
        layout.addLayout(head)

        layout.addLayout(self._filters())
        self.tabs = QTabWidget()
        self.incident_tab = IncidentTab(self.acting, runner, self)
        self.register_tab = RegisterTab(self.acting, runner, self, self._promoted)
        self.incident_tab.instruction_action.triggered.connect(self.incident_instructions)
        self.register_tab.entry_instruction_button.clicked.connect(self.entry_instructions)
        self.tabs.addTab(self.incident_tab, icon("alert"), tr("事件"))
        self.tabs.addTab(self.register_tab, icon("file"), tr("来电来文"))
        self.tabs.currentChanged.connect(lambda _: self.reload())
        layout.addWidget(self.tabs, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        layout.addWidget(self.count_label)
        # What the window, the keyboard and the tests reach through the page.
        t, r = self.incident_tab, self.register_tab
        self.incidents, self.incident_view, self.incident_text = t.incidents, t.incident_view, t.incident_text
        self.incident_files, self.steps, self.plans_button, self.plans_menu = (
            t.incident_files, t.steps, t.plans_button, t.plans_menu)
        self.report_button, self.dispatch_button, self.feedback_button = (
            t.report_button, t.dispatch_button, t.feedback_button)
        self.status_button, self.edit_button = t.status_button, t.edit_button
        self.more_button, self.more_menu, self.print_actions = t.more_button, t.more_menu, t.print_actions
        self.instruction_action, self.void_action = t.instruction_action, t.void_action
        self.entries, self.entry_view, self.entry_text, self.entry_files = (
            r.entries, r.entry_view, r.entry_text, r.entry_files)
        self.promote_button, self.entry_instruction_button = r.promote_button, r.entry_instruction_button
        self.edit_entry_button, self.void_entry_button = r.edit_entry_button, r.void_entry_button
        self.record_report, self.print_report, self.open_plan = t.record_report, t.print_report, t.open_plan
        self.edit_incident, self.dispatch, self.feedback = t.edit_incident, t.dispatch, t.feedback
        self.toggle_closed, self.void_incident = t.toggle_closed, t.void_incident
        self.edit_entry, self.void_entry, self.promote_entry = r.edit_entry, r.void_entry, r.promote_entry

        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+R"), self, self.record_report)
        QShortcut(QKeySequence("Ctrl+I"), self, self.instructions_here)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)  # search once typing pauses, not per keystroke
        self._search_timer.timeout.connect(self.reload)

    @property
    def detail(self) -> IncidentDetail | None:
        """The incident shown."""
        return self.incident_tab.detail

    @property
    def viewer(self) -> Any:
        """The 应急预案 last opened in the app's PDF viewer (attachments.open_copy)."""
        return getattr(self.incident_tab, "viewer", None)

    @property
    def preview(self) -> Any:
        """The 信息报告 printout last previewed (pdf_preview.preview_later)."""
        return getattr(self.incident_tab, "preview", None)

    @property
    def entry(self) -> EntryView | None:
        """The register entry shown."""
        return self.register_tab.entry

    # --- layout -------------------------------------------------------------------------

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索标题、概要、地点、报告人，例如「化工」"))
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.setMinimumWidth(200)
        row.addWidget(self.search, 2)
        self.use_dates = QCheckBox(tr("日期"))
        self.start = QDateEdit(QDate.currentDate().addMonths(-1))
        self.end = QDateEdit(QDate.currentDate())
        for editor in (self.start, self.end):
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            editor.setEnabled(False)
            editor.dateChanged.connect(lambda _: self.reload())
        self.use_dates.toggled.connect(self._dates_toggled)
        self.until = QLabel(tr("至"))
        row.addWidget(self.use_dates)
        for widget in (self.start, self.until, self.end):
            row.addWidget(widget)
            widget.hide()
        self.category = self._filter_combo(tr("全部类别"), [(tr_label(CATEGORY_LABELS[c]), c.value)
                                                     for c in Category])
        self.level = self._filter_combo(tr("全部级别"), [(tr_label(LEVEL_LABELS[lv]), lv.value)
                                                     for lv in Level])
        self.status = self._filter_combo(tr("全部状态"), [(tr_label(STATUS_LABELS[s]), s.value)
                                                      for s in Status])
        for combo in (self.category, self.level, self.status):
            row.addWidget(combo)
        self.include_voided = QCheckBox(tr("含作废"))
        self.include_voided.toggled.connect(lambda _: self.reload())
        row.addWidget(self.include_voided)
        return row

    def _filter_combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        # As wide as "全部类别", not as the longest category: the list opens wider.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(len(everything))
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 40)
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _: self.reload())
        return combo

    def _dates_toggled(self, on: bool) -> None:
        # Shown only while they filter: two idle date fields took the search field's room.
        for widget in (self.start, self.until, self.end):
            widget.setVisible(on)
            widget.setEnabled(on)
        self.reload()

    # --- loading ------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is None or changes.incidents or changes.register or changes.settings:
            self.reload()

    def apply_settings(self, settings: DeskSettings) -> None:
        self.zone = settings.zone
        self.mass_limits = (settings.mass_county_over, settings.mass_city_from)
        self.warning = timedelta(minutes=settings.alert_warning_minutes)
        self.incident_tab.set_zone(self.zone)
        self.register_tab.set_zone(self.zone)

    def incident_query(self) -> IncidentQuery:
        start, end = self._dates()
        return IncidentQuery(start=start, end=end, category=self.category.currentData(),
                             level=self.level.currentData(), status=self.status.currentData(),
                             text=self.search.text(),
                             include_voided=self.include_voided.isChecked())

    def register_query(self) -> RegisterQuery:
        start, end = self._dates()
        return RegisterQuery(start=start, end=end, text=self.search.text(),
                             include_voided=self.include_voided.isChecked())

    def _dates(self) -> tuple[date | None, date | None]:
        if not self.use_dates.isChecked():
            return None, None
        return to_date(self.start.date()), to_date(self.end.date())

    def reload(self) -> None:
        on_register = self.tabs.currentIndex() == 1
        for widget in (self.category, self.level, self.status):
            widget.setEnabled(not on_register)
        if on_register:
            self.register_tab.load(self.register_query())
        else:
            self.incident_tab.load(self.incident_query())

    def count(self, shown: int, more: bool) -> None:
        self.count_label.setText(tr("已显示 {0} 条").format(
                                        shown) + (tr("，向下滚动加载更多") if more else "")
                                 if shown else tr("没有符合条件的记录"))

    def cancel_loading(self) -> None:
        self.incidents.cancel_loading()
        self.entries.cancel_loading()

    # --- what crosses the tabs ------------------------------------------------------------

    def open_incident(self, incident_id: int) -> None:
        """Show one incident (from 今日值班): selected in the list if it is there."""
        self.tabs.setCurrentIndex(0)
        self.incident_tab.open_incident(incident_id)

    def new_incident(self) -> None:
        self.incident_tab.new_incident()

    def new_entry(self) -> None:
        self.register_tab.new_entry()

    def _promoted(self, incident_id: int) -> None:
        """An entry became an incident: the incident, in view."""
        self.tabs.setCurrentIndex(0)
        self.incident_tab.show_incident(incident_id)

    # --- 领导批示 督办 -------------------------------------------------------------------------

    def instructions_here(self) -> None:
        """Ctrl+I: the instructions of the incident or the register entry shown."""
        if self.tabs.currentIndex() == 0:
            self.incident_instructions()
        else:
            self.entry_instructions()

    def incident_instructions(self) -> None:
        d = self.detail
        if d is not None and not d.voided:
            self._instructions(("incident", d.id, d.facts.title))

    def entry_instructions(self) -> None:
        entry = self.entry
        if entry is not None and not entry.voided:
            self._instructions(("register", entry.id, entry.title or entry.from_unit
                                or tr_label(entry.kind_label)))

    def _instructions(self, subject: tuple[str, int, str]) -> None:
        changes = open_instructions(self, self.uow, self.runner, self.zone, self.now, subject)
        if changes:  # (each of the dialog's operations told the other pages)
            self.reload()
