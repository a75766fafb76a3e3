"""值班日志: incidents and the calls and documents register, searchable, newest first.

The list fetches a page at a time as it scrolls, so ten years of a busy desk opens as fast
as one week. Selecting an incident shows its facts, every deadline with its state, the
reports, dispatches and the timeline of revisions; the actions beside it are the officer's
next steps (报送, 派单, 反馈, 办结).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.attachments import OwnerKind
from dutyroom.domain.clock import timeline_text, utc_clock
from dutyroom.domain.deadlines import (
    ALERT_STATE_LABELS,
    CHANNEL_LABELS,
    STAGE_LABELS,
    AlertState,
    Channel,
    Stage,
    alert_state,
)
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.incidents import (
    CATEGORY_LABELS,
    LEVEL_LABELS,
    LEVEL_SHORT,
    STATUS_LABELS,
    Category,
    Level,
    Status,
)
from dutyroom.services import (
    attachment_service,
    dispatch_service,
    incident_service,
    incident_views,
    plan_service,
    playbook_service,
    register_service,
    resource_service,
    responsibility_service,
    settings_service,
    upward_reports,
)
from dutyroom.services.dispatch_service import DispatchChoices
from dutyroom.services.errors import ConflictError
from dutyroom.services.incident_views import IncidentDetail, IncidentQuery, IncidentRow
from dutyroom.services.plan_service import PlanView
from dutyroom.services.playbook_service import StepView
from dutyroom.services.register_service import EntryView, RegisterQuery
from dutyroom.services.resource_service import ResourceView
from dutyroom.services.responsibility_service import DutyView
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.ui.acting import Acting
from dutyroom.ui.attachments import AttachmentPanel, open_copy
from dutyroom.ui.dialogs.instruction_dialogs import open_instructions
from dutyroom.ui.dialogs.log_dialogs import (
    DispatchDialog,
    FeedbackDialog,
    IncidentDialog,
    PromoteDialog,
    RegisterDialog,
    ReportDialog,
)
from dutyroom.ui.dialogs.pdf_preview import preview_later
from dutyroom.ui.dialogs.record_dialog import RecordDialog
from dutyroom.ui.i18n import tr, tr_label, tr_noted, tr_text
from dutyroom.ui.icons import icon
from dutyroom.ui.paged_model import Deliver, Key, PagedTableModel
from dutyroom.ui.pages.base import Page
from dutyroom.ui.table_models import Column
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.theme import DANGER, LEVEL_COLOURS, MUTED
from dutyroom.ui.widgets import (
    PAGE_MARGINS,
    button,
    menu_button,
    show_error,
    table_view,
    title_label,
    to_date,
)

PAGE_SIZE = 100
TITLE_COLUMN = 2  # of incident_columns
STATE_COLOURS = {AlertState.UPCOMING: "#b9770e", AlertState.DUE: DANGER,
                 AlertState.OVERDUE: DANGER, AlertState.DONE: "#1e7e34"}


def _local(moment: datetime | None, zone: ZoneInfo, seconds: bool = False) -> str:
    if moment is None:
        return ""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def incident_columns(zone: ZoneInfo) -> list[Column[IncidentRow]]:
    def next_due(row: IncidentRow) -> str:
        d = row.next_deadline
        return f"{tr_noted(d.label)} {d.due.astimezone(zone):%m-%d %H:%M}" if d else ""

    def due_colour(row: IncidentRow) -> str | None:
        d = row.next_deadline
        return DANGER if d is not None and d.due <= datetime.now(zone) else None

    return [
        Column(tr("接报时间"), lambda r: r.received_at,
               text=lambda r: _local(r.received_at, zone, r.level == "I")),
        Column(tr("级别"), lambda r: r.level, text=lambda r: tr_label(LEVEL_SHORT[Level(r.level)]),
               colour=lambda r: LEVEL_COLOURS[r.level]),
        Column(tr("标题"), lambda r: r.title,
               text=lambda r: (tr("【已作废】") if r.voided else "") + r.title),
        Column(tr("类别"), lambda r: r.category,
               text=lambda r: r.subtype or tr_label(CATEGORY_LABELS[Category(r.category)])),
        Column(tr("地点"), lambda r: r.location),
        Column(tr("状态"), lambda r: r.status, text=lambda r: tr_label(STATUS_LABELS[Status(r.status)])),
        Column(tr("下一时限"), lambda r: r.next_deadline.due if r.next_deadline else None,
               text=next_due, colour=due_colour),
    ]


def register_columns(zone: ZoneInfo) -> list[Column[EntryView]]:
    return [
        Column(tr("时间"), lambda e: e.received_at, text=lambda e: _local(e.received_at, zone)),
        Column(tr("类型"), lambda e: e.kind, text=lambda e: tr_label(e.kind_label)),
        Column(tr("来电（文）单位"), lambda e: e.from_unit),
        Column(tr("姓名"), lambda e: e.from_name),
        Column(tr("标题"), lambda e: e.title,
               text=lambda e: (tr("【已作废】") if e.voided else "") + e.title),
        Column(tr("领导批示"), lambda e: e.leader_instruction),
        Column(tr("事件"), lambda e: e.incident_id, text=lambda e: f"#{e.incident_id}"
               if e.incident_id else ""),
    ]


def _list_and_detail(name: str, view: QTableView, detail: QTextBrowser,
                     actions: list[QPushButton], extra: QWidget | None = None,
                     below: QWidget | None = None) -> QSplitter:
    """A tab of the log: the list on the left; the selected record's actions and details
    on the right (with `extra` between them: an incident's 处置要点; `below` them, its 附件)."""
    side = QWidget()
    side_layout = QVBoxLayout(side)
    side_layout.setContentsMargins(8, 0, 0, 0)
    row = QHBoxLayout()
    for widget in actions:
        row.addWidget(widget)
    row.addStretch(1)
    side_layout.addLayout(row)
    if extra is not None:
        side_layout.addWidget(extra)
    if below is None:
        side_layout.addWidget(detail, 1)
    else:  # beside the detail in a tab: on a 1280×720 screen both could not keep their height
        tabs = QTabWidget()
        tabs.setObjectName(f"{name}Tabs")
        tabs.addTab(detail, tr("详情"))
        tabs.addTab(below, tr("附件"))
        if isinstance(below, AttachmentPanel):
            below.counted.connect(lambda n: tabs.setTabText(
                1, tr("附件（{0}）").format(n) if n else tr("附件")))
        side_layout.addWidget(tabs, 1)
    splitter = QSplitter()
    splitter.setObjectName(name)  # its sizes are remembered between runs by this name
    splitter.addWidget(view)
    splitter.addWidget(side)
    splitter.setSizes([640, 520])
    return splitter


class LogPage(Page):
    title = tr("值班日志")
    icon_name = "log"
    help_topic = "intake"
    changed = Signal(object)

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner) -> None:
        super().__init__()
        self.acting, self.runner = Acting.of(uow), runner
        self.zone = ZoneInfo("Asia/Shanghai")
        self.mass_limits = (100, 500)
        self.warning = timedelta(minutes=10)
        self.detail: IncidentDetail | None = None
        self.entry: EntryView | None = None
        # the 应急资源 tagged for the shown incident's subtype, by incident id
        self.resources: tuple[int, list[ResourceView]] | None = None
        self.shown_incidents, self.shown_register = IncidentQuery(), RegisterQuery()

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
        self.tabs.addTab(self._incident_tab(), icon("alert"), tr("事件"))
        self.tabs.addTab(self._register_tab(), icon("file"), tr("来电来文"))
        self.tabs.currentChanged.connect(lambda _: self.reload())
        layout.addWidget(self.tabs, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        layout.addWidget(self.count_label)

        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)  # search once typing pauses, not per keystroke
        self._search_timer.timeout.connect(self.reload)

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

    def _incident_tab(self) -> QWidget:
        self.incidents: PagedTableModel[IncidentRow] = PagedTableModel(
            incident_columns(self.zone), self._load_incidents, PAGE_SIZE, lambda r: not r.voided)
        self.incident_view = table_view(self.incidents)
        # The title, second, keeps a width of its own: fitted columns beside a stretching one
        # left it two characters wide on a 1280-pixel screen.
        self.incident_view.horizontalHeader().setSectionResizeMode(
            TITLE_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.incident_view.horizontalHeader().resizeSection(TITLE_COLUMN, 240)
        self.incident_view.horizontalHeader().setStretchLastSection(False)
        self.incident_view.selectionModel().currentRowChanged.connect(self._incident_selected)
        self.incident_view.doubleClicked.connect(lambda _: self.edit_incident())
        self.report_button = button(tr("报送"), "log", tooltip=tr("记录向上级的首报、续报或终报（Ctrl+R）"))
        self.report_button.clicked.connect(self.record_report)
        self.dispatch_button = button(tr("派单"), "department")
        self.dispatch_button.clicked.connect(self.dispatch)
        self.feedback_button = button(tr("反馈"))
        self.feedback_button.clicked.connect(self.feedback)
        self.status_button = button(tr("办结"))
        self.status_button.clicked.connect(self.toggle_closed)
        self.edit_button = button(tr("修改"), "edit")
        self.edit_button.clicked.connect(self.edit_incident)
        # The rarer steps, one click away: a 1280-pixel screen has no room for all beside the
        # detail in English.
        self.more_button, self.more_menu = menu_button(tr("更多"), "more-horizontal")
        self.print_actions: list[QAction] = []
        for stage, text in STAGE_LABELS.items():
            action = QAction(icon("printer"), tr("打印信息报告（{0}）…").format(tr_label(text)),
                             self.more_menu)
            action.triggered.connect(lambda _=False, s=stage.value: self.print_report(s))
            self.more_menu.addAction(action)
            self.print_actions.append(action)
        self.more_menu.addSeparator()
        self.instruction_action = QAction(icon("log"), tr("领导批示督办…（Ctrl+I）"), self.more_menu)
        self.instruction_action.triggered.connect(self.incident_instructions)
        self.more_menu.addAction(self.instruction_action)
        self.void_action = QAction(tr("作废…"), self.more_menu)
        self.void_action.triggered.connect(self.void_incident)
        self.more_menu.addAction(self.void_action)
        self.incident_text = QTextBrowser()
        self.incident_text.setOpenLinks(False)
        self.steps = QListWidget()
        self.steps.setObjectName("playbook")
        self.steps.setMaximumHeight(150)
        self.steps.setWordWrap(True)  # a step with who and when stays readable beside the list
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setToolTip(tr("处置要点：勾选即记下是谁、何时完成（空格键勾选）；未勾选的写入交接班记录"))
        self.steps.itemChanged.connect(self._step_changed)
        self.steps.hide()
        self.incident_files = AttachmentPanel(self.acting, self.runner, OwnerKind.INCIDENT.value)
        self.plans_button, self.plans_menu = menu_button(tr("应急预案"), "file")
        self.plans_button.setToolTip(tr("与本事件子类关联的应急预案（在 设置 → 应急预案 中归档）"))
        self.incident_files.extra.addWidget(self.plans_button)
        self.plans: list[PlanView] = []
        splitter = _list_and_detail(
            "incidentSplit", self.incident_view, self.incident_text,
            [self.report_button, self.dispatch_button, self.feedback_button,
             self.status_button, self.edit_button, self.more_button], self.steps,
            self.incident_files)
        QShortcut(QKeySequence("Ctrl+R"), self, self.record_report)
        QShortcut(QKeySequence("Ctrl+I"), self, self.instructions_here)
        self._show_incident(None)
        return splitter

    def _register_tab(self) -> QWidget:
        self.entries: PagedTableModel[EntryView] = PagedTableModel(
            register_columns(self.zone), self._load_entries, PAGE_SIZE, lambda e: not e.voided)
        self.entry_view = table_view(self.entries, stretch=5)  # 领导批示 can run long
        self.entry_view.selectionModel().currentRowChanged.connect(self._entry_selected)
        self.entry_view.doubleClicked.connect(lambda _: self.edit_entry())
        self.promote_button = button(tr("转为事件"), "alert")
        self.promote_button.clicked.connect(self.promote_entry)
        self.edit_entry_button = button(tr("修改"), "edit")
        self.edit_entry_button.clicked.connect(self.edit_entry)
        self.void_entry_button = button(tr("作废"))
        self.void_entry_button.clicked.connect(self.void_entry)
        self.entry_instruction_button = button(tr("批示督办"), "log",
                                               tooltip=tr("登记和督办领导批示（Ctrl+I）"))
        self.entry_instruction_button.clicked.connect(self.entry_instructions)
        self.entry_text = QTextBrowser()
        self.entry_files = AttachmentPanel(self.acting, self.runner, OwnerKind.REGISTER.value)
        splitter = _list_and_detail(
            "registerSplit", self.entry_view, self.entry_text,
            [self.entry_instruction_button, self.promote_button, self.edit_entry_button,
             self.void_entry_button],
            below=self.entry_files)
        self._show_entry(None)
        return splitter

    # --- loading ------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is None or changes.settings:
            self.runner.run(settings_service.snapshot, self.uow, done=self._settings,
                            failed=self._failed)
        if changes is None or changes.incidents or changes.register or changes.settings:
            self.reload()

    def _settings(self, settings: DeskSettings) -> None:
        self.zone = settings.zone
        self.mass_limits = (settings.mass_county_over, settings.mass_city_from)
        self.warning = timedelta(minutes=settings.alert_warning_minutes)
        self.incidents.columns = incident_columns(self.zone)
        self.entries.columns = register_columns(self.zone)
        self.incident_files.zone = self.entry_files.zone = self.zone

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
        # Later pages are read with the filters the list was made with, not half-typed ones.
        if on_register:
            self.shown_register = self.register_query()
            self.runner.run(register_service.list_entries, self.uow, self.shown_register,
                            None, PAGE_SIZE, done=self._entries_loaded, failed=self._failed)
        else:
            self.shown_incidents = self.incident_query()
            self.runner.run(incident_views.list_incidents, self.uow, self.shown_incidents,
                            None, PAGE_SIZE, done=self._incidents_loaded, failed=self._failed)

    def _incidents_loaded(self, page: incident_views.IncidentPage) -> None:
        selected = self.detail.id if self.detail else None
        self.incidents.set_page(page.rows, page.more)
        self._count(self.incidents.rowCount(), page.more)
        self._reselect(self.incident_view, self.incidents, selected)

    def _entries_loaded(self, page: register_service.EntryPage) -> None:
        selected = self.entry.id if self.entry else None
        self.entries.set_page(page.rows, page.more)
        self._count(self.entries.rowCount(), page.more)
        self._reselect(self.entry_view, self.entries, selected)

    def _reselect(self, view: QTableView, model: PagedTableModel[Any], record_id: int | None
                  ) -> None:
        row = model.row_of(record_id) if record_id is not None else None
        if row is not None:
            view.selectRow(row)
        elif record_id is not None:
            view.clearSelection()

    def _count(self, shown: int, more: bool) -> None:
        self.count_label.setText(tr("已显示 {0} 条").format(
                                        shown) + (tr("，向下滚动加载更多") if more else "")
                                 if shown else tr("没有符合条件的记录"))

    def _load_incidents(self, after: Key | None, limit: int, deliver: Deliver) -> None:
        def done(page: incident_views.IncidentPage) -> None:
            deliver(page.rows, page.more)
            self._count(self.incidents.rowCount(), self.incidents.more)

        self.runner.run(incident_views.list_incidents, self.uow, self.shown_incidents, after,
                        limit, done=done, failed=self._failed)

    def _load_entries(self, after: Key | None, limit: int, deliver: Deliver) -> None:
        def done(page: register_service.EntryPage) -> None:
            deliver(page.rows, page.more)
            self._count(self.entries.rowCount(), self.entries.more)

        self.runner.run(register_service.list_entries, self.uow, self.shown_register, after,
                        limit, done=done, failed=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.incidents.cancel_loading()
        self.entries.cancel_loading()
        show_error(self, tr("值班日志"), error)

    # --- the selected incident ----------------------------------------------------------

    def open_incident(self, incident_id: int) -> None:
        """Show one incident (from 今日值班): selected in the list if it is there."""
        self.tabs.setCurrentIndex(0)
        row = self.incidents.row_of(incident_id)
        if row is not None:
            self.incident_view.selectRow(row)
            return
        self.incident_view.clearSelection()
        self.runner.run(incident_views.get_incident, self.uow, incident_id,
                        done=self._show_incident, failed=self._failed)

    def _incident_selected(self) -> None:
        index = self.incident_view.currentIndex()
        if not index.isValid():
            self._show_incident(None)
            return
        row = self.incidents.key(index.row())
        if row is None:
            self._show_incident(None)
            return
        self.runner.run(incident_views.get_incident, self.uow, row[1],
                        done=self._show_incident, failed=self._failed)

    def _show_incident(self, detail: IncidentDetail | None) -> None:
        previous, self.detail = self.detail, detail
        usable = detail is not None and not detail.voided
        is_open = detail is not None and detail.open
        switched: list[QAction | QWidget] = [self.report_button, self.edit_button, self.more_button,
                                             self.void_action, self.instruction_action,
                                             *self.print_actions]
        for widget in switched:
            widget.setEnabled(usable)
        self.dispatch_button.setEnabled(is_open)
        self.feedback_button.setEnabled(is_open and detail is not None and any(
            d.closed_at is None for d in detail.dispatches))
        self.status_button.setEnabled(usable)
        self.status_button.setText(tr("重新打开") if detail and detail.status == Status.CLOSED
                                   else tr("办结"))
        same = previous is not None and detail is not None and previous.id == detail.id
        bar = self.incident_text.verticalScrollBar()
        position = bar.value()
        self.incident_text.setHtml(self.incident_html(detail) if detail else
                                   tr("<p style='color:{0}'>选择左侧的事件查看详情、时限和处理经过。</p><p st"
                                      "yle='color:{1}'>新接报请按 Ctrl+N。</p>").format(MUTED, MUTED))
        if same:  # saved or refreshed: the officer stays where they were reading
            bar.setValue(position)
        if detail is not None and detail.facts.subtype and not detail.voided:
            self.runner.run(playbook_service.checklist, self.uow, detail.id,
                            done=self._show_steps, failed=self._failed)
            shown = detail.id
            self.runner.run(resource_service.for_subtype, self.uow, detail.facts.subtype,
                            done=lambda found: self._show_resources(shown, found),
                            failed=self._failed)
        else:
            self._show_steps([])
        self.incident_files.show_owner(detail.id if detail else None, usable)
        if detail is not None and detail.facts.subtype:
            self.runner.run(plan_service.plans_for, self.uow, detail.facts.subtype,
                            done=self._show_plans, failed=self._failed)
        else:
            self._show_plans([])

    def _show_plans(self, plans: list[PlanView]) -> None:
        """The 应急预案 filed for this incident's subtype, each a click from the PDF viewer."""
        self.plans = [p for p in plans if p.file is not None]
        self.plans_menu.clear()
        for plan in self.plans:
            action = self.plans_menu.addAction(icon("file"), plan.title)
            action.triggered.connect(lambda _=False, p=plan: self.open_plan(p))
        self.plans_button.setEnabled(bool(self.plans))
        self.plans_button.setText(tr("应急预案（{0}）").format(len(self.plans)) if self.plans
                                  else tr("应急预案"))

    def open_plan(self, plan: PlanView) -> None:
        if plan.file is None:
            return
        self.runner.run(attachment_service.write_copy, self.uow, plan.file.id,
                        done=lambda path: open_copy(self, path, True),
                        failed=lambda error: show_error(self, tr("应急预案"), error))

    def _show_resources(self, incident_id: int, found: list[ResourceView]) -> None:
        """The resources for the incident's subtype, once read, into its detail."""
        d = self.detail
        if d is None or d.id != incident_id or self.resources == (incident_id, found):
            return
        self.resources = (incident_id, found)
        bar = self.incident_text.verticalScrollBar()
        position = bar.value()
        self.incident_text.setHtml(self.incident_html(d))
        bar.setValue(position)

    def _resources_html(self, d: IncidentDetail) -> str:
        """可调用的应急资源: each team, stock and shelter tagged for the subtype, with its
        keeper's phone (so the officer rings them from the detail)."""
        if self.resources is None or self.resources[0] != d.id or not self.resources[1]:
            return ""
        parts = ["<a name='resources'></a>" + tr(
            "<h4>可调用的应急资源（{0}）</h4><table cellspacing=0 cellpadding=3>").format(
            escape(tr_label(d.facts.subtype)))]
        for r in self.resources[1]:
            parts.append(f"<tr><td valign=top style='color:{MUTED}'>{escape(tr_label(r.kind_label))}"
                         f"</td><td valign=top><b>{escape(r.name)}</b> {escape(r.amount)}"
                         + (f"<br><span style='color:{MUTED}'>{escape(r.location)}</span>"
                            if r.location else "")
                         + f"</td><td valign=top>{escape(r.keeper)} <b>{escape(r.phone)}</b></td></tr>")
        parts.append("</table>")
        return "".join(parts)

    def _show_steps(self, steps: list[StepView]) -> None:
        """The incident's 处置要点, each ticked one with who and when."""
        self.steps.blockSignals(True)
        self.steps.clear()
        for step in steps:
            text = step.text if not step.done or step.ticked_at is None else tr(
                "{0}（{1} {2:%H:%M}）").format(step.text, step.ticked_by,
                                              step.ticked_at.astimezone(self.zone))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, step.text)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if step.done else Qt.CheckState.Unchecked)
            self.steps.addItem(item)
        self.steps.blockSignals(False)
        self.steps.setVisible(bool(steps))

    def _step_changed(self, item: QListWidgetItem) -> None:
        d = self.detail
        if d is None:
            return
        done = item.checkState() == Qt.CheckState.Checked
        self.runner.run(playbook_service.set_step, self.uow, d.id,
                        item.data(Qt.ItemDataRole.UserRole), done,
                        done=self._step_saved, failed=self._step_failed)

    def _step_saved(self, outcome: Outcome[list[StepView]]) -> None:
        self._show_steps(outcome.value)
        if outcome.changes:
            self.changed.emit(outcome.changes)
            if self.detail is not None:
                self.runner.run(incident_views.get_incident, self.uow, self.detail.id,
                                done=self._show_incident, failed=self._failed)

    def _step_failed(self, error: BaseException) -> None:
        self._failed(error)
        if self.detail is not None:
            self.runner.run(playbook_service.checklist, self.uow, self.detail.id,
                            done=self._show_steps, failed=self._failed)

    def incident_html(self, d: IncidentDetail) -> str:
        """The incident as the officer works on it: what it is, then what is due (the next
        step, so it sits near the top), then the facts, the orders, the reports and 处理经过."""
        f = d.facts
        zone = self.zone
        seconds = f.level == Level.I
        colour = LEVEL_COLOURS[f.level.value]
        parts = [f"<h3 style='margin:0'>{escape(f.title)}</h3>",
                 tr("<p><b style='color:{0}'>{1}</b>　{2}{3}　<b>{4}</b>").format(
                     colour, tr_label(LEVEL_LABELS[f.level]), tr_label(CATEGORY_LABELS[f.category]),
                     "·" + f.subtype if f.subtype else "", tr_label(STATUS_LABELS[Status(d.status)]))
                 + (tr("　<b style='color:{0}'>已作废：{1}</b>").format(DANGER, escape(d.void_reason))
                    if d.voided else "") + "</p>"]
        parts.append(self._deadlines_html(d))
        rows = [(tr("接报"), tr("{0}（{1}）").format(
                                    _local(f.received_at, zone, seconds), escape(f.received_via))),
                (tr("报告人"), escape(" ".join(x for x in (f.reporter_unit, f.reporter, f.reporter_post,
                                                        f.reporter_phone) if x))),
                (tr("发生"), _local(f.occurred_at, zone, seconds)), (tr("地点"), escape(f.location)),
                (tr("伤亡"), tr("死亡 {0}，受伤 {1}，失踪 {2}，被困 {3}；"
                               "涉及 {4} 人；损失 {5:g} 万元").format(
                    f.deaths, f.injured, f.missing, f.trapped, f.people_involved,
                    f.economic_loss / 10_000)),
                (tr("概要"), escape(f.summary).replace("\n", "<br>")),
                (tr("措施"), escape(f.actions_taken).replace("\n", "<br>")),
                (tr("已知情"), escape(f.informed))]
        if d.register_entry_id:
            rows.append((tr("来源"), tr("来电来文登记 #{0}").format(d.register_entry_id)))
        parts.append("<table cellspacing=0 cellpadding=3>" + "".join(
            f"<tr><td style='color:{MUTED}' valign=top>{k}</td><td>{v}</td></tr>"
            for k, v in rows if v) + "</table>")
        parts.append(f"<p style='color:{MUTED}'>{escape(tr_text(d.suggestion.describe()))}"
                     + (f"<br>{escape(tr_text(d.command))}" if d.command else "") + "</p>")
        parts.append(self._resources_html(d))
        if d.dispatches:
            parts.append(tr("<h4>派单</h4><table cellspacing=0 cellpadding=3>"))
            for x in d.dispatches:
                arrival = (tr("到达 {0}").format(_local(x.arrived_at, zone)) if x.arrived_at
                           else tr("应于 {0} 前到达").format(_local(x.due, zone)))
                closed = tr("，办结 {0}").format(_local(x.closed_at, zone)) if x.closed_at else ""
                asked = (f"<br><span style='color:{MUTED}'>{tr('要求：')}</span>"
                         f"{escape(x.instruction)}" if x.instruction else "")
                parts.append(f"<tr><td valign=top>{escape(x.department)}</td><td valign=top>"
                             f"{escape(x.contact_name)} {escape(x.contact_phone)}</td>"
                             f"<td valign=top>{arrival}{closed}{asked}</td></tr>")
            parts.append("</table>")
        if d.reports:
            parts.append(tr("<h4>报送记录</h4>"))
            for r in d.reports:
                late = tr("<span style='color:{0}'>（迟报）</span>").format(DANGER) if r.late else ""
                parts.append(tr("<p style='margin:2px 0'>{0} {1}{2}{3} → {4}（{5}，登记 {6}）</p>").format(
                    _local(r.sent_at, zone), tr_label(CHANNEL_LABELS[Channel(r.channel)]),
                    tr_label(STAGE_LABELS[Stage(r.stage)]), late, escape(r.recipient or tr("上级")),
                    escape(r.sent_by), _local(r.recorded_at, zone)))
                if r.late_entry:
                    parts.append(f"<p style='margin:0 0 2px 16px;color:{DANGER}'>"
                                 f"{escape(tr_text(r.late_entry))}</p>")
        parts.append(tr("<h4>处理经过</h4>"))
        moments = timeline_text([entry.at for entry in d.timeline], zone)
        for entry, moment in zip(d.timeline, moments, strict=True):
            parts.append(f"<p style='margin:2px 0'><span style='color:{MUTED}'>"
                         f"{moment} {escape(entry.by)}</span> "
                         f"<b>{escape(tr_text(entry.what))}</b> {escape(tr_text(entry.detail))}</p>")
        return "".join(parts)

    def _deadlines_html(self, d: IncidentDetail) -> str:
        zone, now = self.zone, datetime.now(self.zone)
        parts = [tr("<h4>报送和到场时限</h4><table cellspacing=0 cellpadding=3>")]
        for deadline in d.deadlines:
            state = alert_state(deadline.due, deadline.met_at, now, self.warning)
            if deadline.met_at:
                status = (tr("<span style='color:{0}'>迟报（{1}）</span>").format(
                                 DANGER, _local(deadline.met_at, zone))
                          if deadline.late else
                          tr("<span style='color:#1e7e34'>已完成（{0}）</span>").format(
                                 _local(deadline.met_at, zone)))
            elif state is None:
                status = tr("未到期")
            else:
                status = (f"<span style='color:{STATE_COLOURS[state]}'>"
                          f"{tr_label(ALERT_STATE_LABELS[state])}</span>")
            parts.append(tr("<tr><td>{0}</td><td>{1} 前</td><td>{2}</td></tr>").format(
                                escape(tr_noted(deadline.label)), _local(deadline.due, zone), status))
        parts.append("</table>")
        return "".join(parts)

    # --- incident actions ------------------------------------------------------------------

    def _run_dialog(self, dialog: RecordDialog) -> None:
        if dialog.exec() and dialog.outcome is not None:
            self._after(dialog.outcome)

    def _after(self, outcome: Outcome[Any]) -> None:
        if outcome.changes:
            self.changed.emit(outcome.changes)
            self.reload()
        if self.detail is not None and self.tabs.currentIndex() == 0:
            self.runner.run(incident_views.get_incident, self.uow, self.detail.id,
                            done=self._show_incident, failed=self._failed)

    def new_incident(self) -> None:
        """接报登记, with the 职责分工 table at hand to propose departments as the kind of
        incident is chosen (without it, if it cannot be read: intake never waits)."""
        self.runner.run(responsibility_service.list_duties, self.uow, done=self._intake,
                        failed=lambda _error: self._intake([]))

    def _intake(self, duties: list[DutyView]) -> None:
        dialog = IncidentDialog(self.runner, lambda v: incident_service.add_incident(self.uow, v),
                                self.zone, mass_limits=self.mass_limits, duties=duties,
                                parent=self)
        if dialog.exec() and dialog.outcome is not None:
            self.detail = None
            self.tabs.setCurrentIndex(0)
            self.changed.emit(dialog.outcome.changes)
            self.runner.run(incident_views.get_incident, self.uow, dialog.outcome.value.id,
                            done=self._show_incident, failed=self._failed)
            self.reload()

    def edit_incident(self) -> None:
        d = self.detail
        if d is None or d.voided:
            return

        save = _on_latest(lambda version, values, note: incident_service.update_incident(
            self.uow, d.id, version, values, note), d.version)
        dialog = IncidentDialog(self.runner, save, self.zone, d.facts.as_dict(), self.mass_limits,
                                editing=True, parent=self)
        dialog.send_only_changes()
        self._run_dialog(dialog)

    def record_report(self) -> None:
        d = self.detail
        if d is None or d.voided:
            return
        stage = "final" if d.status == Status.CLOSED else (
            "update" if any(r.stage == "first" for r in d.reports) else "first")

        def save(values: dict[str, Any]) -> Outcome[Any]:
            return upward_reports.record_report(
                self.uow, d.id, values["stage"], values["channel"], sent_at=values["sent_at"],
                recipient=values["recipient"], sent_by=values["sent_by"], text=values["text"],
                entry_reason=values["entry_reason"])

        user = self.uow.user
        dialog = ReportDialog(self.runner, save, self.zone,
                              lambda s: upward_reports.draft_text(self.uow, d.id, s),
                              stage, sender=user.display_name if user.role else "", parent=self)
        if dialog.exec() and dialog.outcome is not None:
            saved = dialog.outcome.value
            if saved.late:
                QMessageBox.information(self, tr("已记录为迟报"), tr("报送已记录。该报送晚于时限 {0}，已如实"
                                                                     "记为迟报。").format(
                                                                         _local(saved.due_at, self.zone)))
            self._after(dialog.outcome)

    def print_report(self, stage: str) -> None:
        """The written report as sent (or, before it is sent, the draft) for the binder."""
        d = self.detail
        if d is None or d.voided:
            return
        label = tr_label(STAGE_LABELS[Stage(stage)])
        preview_later(self, self.runner,
                      lambda: upward_reports.report_document(self.uow, d.id, stage),
                      tr("{0} 信息报告（{1}）").format(d.facts.title, label),
                      tr("信息报告-{0}-{1}.pdf").format(label, d.id))

    def dispatch(self) -> None:
        d = self.detail
        if d is None or not d.open:
            return
        self.runner.run(dispatch_service.dispatch_choices, self.uow, d.facts.category,
                        d.facts.subtype, done=self._dispatch_to, failed=self._failed)

    def _dispatch_to(self, choices: DispatchChoices) -> None:
        d = self.detail
        if d is None:
            return
        if not choices.departments:
            QMessageBox.information(self, tr("联动派单"), tr("通讯录中还没有联动单位，请先在「通讯录」中添加"
                                                             "。"))
            return

        def save(values: dict[str, Any]) -> Outcome[Any]:
            return dispatch_service.dispatch(self.uow, d.id, values["departments"],
                                             ordered_at=values["ordered_at"],
                                             instructions=values["instructions"],
                                             reached=values["reached"])

        self._run_dialog(DispatchDialog(self.runner, save, self.zone, choices.departments,
                                        choices.on_duty, choices.proposal, self))

    def feedback(self) -> None:
        d = self.detail
        if d is None:
            return

        def save(values: dict[str, Any]) -> Outcome[Any]:
            return dispatch_service.record_feedback(self.uow, values["dispatch"], values["kind"],
                                                    at=values["at"], text=values["text"])

        self._run_dialog(FeedbackDialog(self.runner, save, self.zone, d.dispatches, self))

    def toggle_closed(self) -> None:
        d = self.detail
        if d is None or d.voided:
            return
        if d.status == Status.CLOSED:
            note, ok = QInputDialog.getText(self, tr("重新打开"), tr("重新打开的原因："))
            if not ok:
                return
            target = Status.HANDLING.value
        else:
            note, target = "", Status.CLOSED.value
        self.runner.run(incident_service.change_status, self.uow, d.id, d.version, target, note,
                        done=self._after, failed=self._failed)

    def void_incident(self) -> None:
        d = self.detail
        if d is None or d.voided:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, tr("作废事件"), tr("作废「{0}」的原因（记录保留，标记为作废）：").format(d.facts.title))
        if ok:
            self.runner.run(incident_service.void_incident, self.uow, d.id, d.version, reason,
                            done=self._after, failed=self._failed)

    # --- the register -------------------------------------------------------------------------

    def _entry_selected(self) -> None:
        index = self.entry_view.currentIndex()
        self._show_entry(self.entries.record(index.row()) if index.isValid() else None)

    def _show_entry(self, entry: EntryView | None) -> None:
        self.entry = entry
        usable = entry is not None and not entry.voided
        self.entry_files.show_owner(entry.id if entry else None, usable)
        for widget in (self.edit_entry_button, self.void_entry_button, self.entry_instruction_button):
            widget.setEnabled(usable)
        self.promote_button.setEnabled(usable and entry is not None and entry.incident_id is None)
        if entry is None:
            self.entry_text.setHtml(tr("<p style='color:{0}'>选择左侧的登记查看详情。新来电请按 Ctrl+Shift+N"
                                       "。</p>").format(MUTED))
            return
        rows = [(tr("时间"), _local(entry.received_at, self.zone)), (tr("类型"), tr_label(entry.kind_label)),
                (tr("来电（文）"), " ".join(x for x in (entry.from_unit, entry.from_name,
                                                   entry.from_post, entry.from_phone) if x)),
                (tr("文号"), entry.doc_number), (tr("紧急程度"), entry.urgency), (tr("内容"), entry.content),
                (tr("领导批示"), entry.leader_instruction), (tr("批转"), entry.passed_to),
                (tr("处理情况"), entry.handling), (tr("已告知"), entry.informed),
                (tr("记录"), f"{entry.recorded_by} {_local(entry.recorded_at, self.zone)}"),
                (tr("事件"), tr("已转为事件 #{0}").format(entry.incident_id) if entry.incident_id else ""),
                (tr("作废"), entry.void_reason if entry.voided else "")]
        self.entry_text.setHtml(f"<h3>{escape(entry.title)}</h3><table cellpadding=3>" + "".join(
            f"<tr><td style='color:{MUTED}' valign=top>{k}</td>"
            f"<td>{escape(v).replace(chr(10), '<br>')}</td></tr>" for k, v in rows if v)
            + "</table>")

    def new_entry(self) -> None:
        dialog = RegisterDialog(self.runner,
                                lambda v: register_service.add_entry(self.uow, v), self.zone,
                                parent=self)
        if dialog.exec() and dialog.outcome is not None:
            self.tabs.setCurrentIndex(1)
            self._after(dialog.outcome)

    def edit_entry(self) -> None:
        entry = self.entry
        if entry is None or entry.voided:
            return

        save = _on_latest(lambda version, values, note: register_service.update_entry(
            self.uow, entry.id, version, values, note), entry.version)
        dialog = RegisterDialog(self.runner, save, self.zone, entry, self)
        dialog.send_only_changes()
        self._run_dialog(dialog)

    def void_entry(self) -> None:
        entry = self.entry
        if entry is None or entry.voided:
            return
        reason, ok = QInputDialog.getMultiLineText(self, tr("作废登记"), tr("作废原因："))
        if ok:
            self.runner.run(register_service.void_entry, self.uow, entry.id, entry.version,
                            reason, done=self._after, failed=self._failed)

    def promote_entry(self) -> None:
        entry = self.entry
        if entry is None or entry.incident_id is not None:
            return
        dialog = PromoteDialog(self.runner,
                               lambda v: register_service.promote(self.uow, entry.id, v), self)
        if dialog.exec() and dialog.outcome is not None:
            self.changed.emit(dialog.outcome.changes)
            self.tabs.setCurrentIndex(0)
            self.runner.run(incident_views.get_incident, self.uow, dialog.outcome.value.id,
                            done=self._show_incident, failed=self._failed)


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
        changes = open_instructions(self, self.uow, self.runner, self.zone, utc_clock, subject)
        if changes:
            self.changed.emit(changes)
            self.reload()


def _on_latest(update: Callable[[int, dict[str, Any], str], Outcome[Any]],
               version: int) -> Callable[[dict[str, Any]], Outcome[Any]]:
    """An edit's save: refused once if another desk saved first (the dialog then shows
    their change), and on the next try laid over the version now stored."""
    seen = [version]

    def save(values: dict[str, Any]) -> Outcome[Any]:
        note = values.pop("note", "")
        try:
            return update(seen[0], values, note)
        except ConflictError as error:
            if error.current_version is not None:
                seen[0] = error.current_version
            raise

    return save
