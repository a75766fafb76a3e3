"""值班日志 → 事件: the incidents, newest first, and the selected one's next steps.

The list fetches a page at a time as it scrolls. Selecting an incident shows its detail
(log_detail.py), its 处置要点 to tick, its files and the 应急预案 for its subtype; the
actions beside it are the officer's next steps (报送, 派单, 反馈, 办结, and more).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.attachments import OwnerKind
from dutyroom.domain.deadlines import STAGE_LABELS, Stage
from dutyroom.domain.incidents import CATEGORY_LABELS, LEVEL_SHORT, STATUS_LABELS, Category, Level, Status
from dutyroom.services import (
    attachment_service,
    dispatch_service,
    incident_service,
    incident_views,
    plan_service,
    playbook_service,
    resource_service,
    responsibility_service,
    upward_reports,
)
from dutyroom.services.dispatch_service import DispatchChoices
from dutyroom.services.incident_views import IncidentDetail, IncidentQuery, IncidentRow
from dutyroom.services.plan_service import PlanView
from dutyroom.services.playbook_service import StepView
from dutyroom.services.resource_service import ResourceView
from dutyroom.services.responsibility_service import DutyView
from dutyroom.services.uow import Outcome, UnitOfWork
from dutyroom.ui import log_detail
from dutyroom.ui.acting import Acting
from dutyroom.ui.attachments import AttachmentPanel, open_copy
from dutyroom.ui.dialogs.log_dialogs import DispatchDialog, FeedbackDialog, IncidentDialog, ReportDialog
from dutyroom.ui.dialogs.pdf_preview import preview_later
from dutyroom.ui.dialogs.record_dialog import RecordDialog
from dutyroom.ui.i18n import tr, tr_label, tr_noted, tr_text
from dutyroom.ui.icons import icon
from dutyroom.ui.paged_model import PagedTableModel
from dutyroom.ui.pages.record_tab import LogDesk, RecordTab, list_and_detail, on_latest
from dutyroom.ui.table_models import Column
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.theme import DANGER, LEVEL_COLOURS
from dutyroom.ui.widgets import button, menu_button

TITLE_COLUMN = 2  # of incident_columns
WORDS = log_detail.Words(tr, tr_label, tr_text, tr_noted)  # the detail in the interface language
local = log_detail.local


def incident_columns(zone: ZoneInfo, now: Callable[[], datetime]) -> list[Column[IncidentRow]]:
    def next_due(row: IncidentRow) -> str:
        d = row.next_deadline
        return f"{tr_noted(d.label)} {d.due.astimezone(zone):%m-%d %H:%M}" if d else ""

    def due_colour(row: IncidentRow) -> str | None:
        d = row.next_deadline
        return DANGER if d is not None and d.due <= now() else None

    return [
        Column(tr("接报时间"), lambda r: r.received_at,
               text=lambda r: local(r.received_at, zone, r.level == "I")),
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


class IncidentTab(RecordTab):
    """The incidents tab of the 值班日志 page (`desk`)."""

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner, desk: LogDesk) -> None:
        super().__init__(uow, runner, desk, incident_views.list_incidents,
                         incident_columns(desk.zone, desk.now))
        self.detail: IncidentDetail | None = None
        # the 应急资源 tagged for the shown incident's subtype, by incident id
        self.resources: tuple[int, list[ResourceView]] | None = None
        self.shown = IncidentQuery()
        self.incidents: PagedTableModel[IncidentRow] = self.model
        self.incident_view = self.view
        # The title, second, keeps a width of its own: fitted columns beside a stretching one
        # left it two characters wide on a 1280-pixel screen.
        self.incident_view.horizontalHeader().setSectionResizeMode(
            TITLE_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.incident_view.horizontalHeader().resizeSection(TITLE_COLUMN, 240)
        self.incident_view.horizontalHeader().setStretchLastSection(False)
        self.incident_view.selectionModel().currentRowChanged.connect(self._selected)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(list_and_detail(
            "incidentSplit", self.incident_view, self.incident_text,
            [self.report_button, self.dispatch_button, self.feedback_button,
             self.status_button, self.edit_button, self.more_button], self.steps,
            self.incident_files))
        self._show(None)

    def set_zone(self, zone: ZoneInfo) -> None:
        self.incidents.columns = incident_columns(zone, self.desk.now)
        self.incident_files.zone = zone

    def shown_id(self) -> int | None:
        return self.detail.id if self.detail else None

    # --- the selected incident ----------------------------------------------------------

    def open_incident(self, incident_id: int) -> None:
        """Show one incident: selected in the list if it is there."""
        row = self.incidents.row_of(incident_id)
        if row is not None:
            self.incident_view.selectRow(row)
            return
        self.incident_view.clearSelection()
        self.show_incident(incident_id)

    def show_incident(self, incident_id: int) -> None:
        """Read the incident again and show it."""
        self.op(incident_views.get_incident, self.uow, incident_id).success(self._show) \
            .run_in_background()

    def _selected(self) -> None:
        index = self.incident_view.currentIndex()
        row = self.incidents.key(index.row()) if index.isValid() else None
        if row is None:
            self._show(None)
            return
        self.show_incident(row[1])

    def _show(self, detail: IncidentDetail | None) -> None:
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
        self._render(keep_place=same)
        if detail is not None and detail.facts.subtype and not detail.voided:
            self.op(playbook_service.checklist, self.uow, detail.id) \
                .success(self._show_steps).run_in_background()
            shown = detail.id
            self.op(resource_service.for_subtype, self.uow, detail.facts.subtype) \
                .success(lambda found: self._show_resources(shown, found)).run_in_background()
        else:
            self._show_steps([])
        self.incident_files.show_owner(detail.id if detail else None, usable)
        if detail is not None and detail.facts.subtype:
            self.op(plan_service.plans_for, self.uow, detail.facts.subtype) \
                .success(self._show_plans).run_in_background()
        else:
            self._show_plans([])

    def _render(self, keep_place: bool) -> None:
        """The detail of the incident shown; saved or refreshed (`keep_place`), the officer
        stays where they were reading."""
        d = self.detail
        bar = self.incident_text.verticalScrollBar()
        position = bar.value()
        if d is None:
            self.incident_text.setHtml(log_detail.no_incident(WORDS))
        else:
            found = self.resources[1] if self.resources and self.resources[0] == d.id else []
            zone = self.desk.zone
            self.incident_text.setHtml(log_detail.incident_html(
                d, zone, self.desk.now().astimezone(zone), self.desk.warning, found, WORDS))
        if keep_place:
            bar.setValue(position)

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
        Op(self, self.runner, attachment_service.write_copy, self.uow, plan.file.id,
           title=tr("应急预案")).success(lambda path: open_copy(self, path, True)).run_in_background()

    def _show_resources(self, incident_id: int, found: list[ResourceView]) -> None:
        """The resources for the incident's subtype, once read, into its detail."""
        d = self.detail
        if d is None or d.id != incident_id or self.resources == (incident_id, found):
            return
        self.resources = (incident_id, found)
        self._render(keep_place=True)

    def _show_steps(self, steps: list[StepView]) -> None:
        """The incident's 处置要点, each ticked one with who and when."""
        self.steps.blockSignals(True)
        self.steps.clear()
        for step in steps:
            text = step.text if not step.done or step.ticked_at is None else tr(
                "{0}（{1} {2:%H:%M}）").format(step.text, step.ticked_by,
                                              step.ticked_at.astimezone(self.desk.zone))
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
        self.op(playbook_service.set_step, self.uow, d.id, item.data(Qt.ItemDataRole.UserRole),
                 done).changed(lambda _: self._read_again()).success(self._show_steps) \
            .failure(lambda _error: self._steps_again()).run_in_background()

    def _read_again(self) -> None:
        if self.detail is not None:
            self.show_incident(self.detail.id)

    def _steps_again(self) -> None:
        """A tick not saved: the list as stored."""
        self.desk.cancel_loading()
        if self.detail is not None:
            self.op(playbook_service.checklist, self.uow, self.detail.id) \
                .success(self._show_steps).run_in_background()

    # --- actions ----------------------------------------------------------------------------

    def _run_dialog(self, dialog: RecordDialog) -> None:
        if dialog.exec() and dialog.outcome is not None:  # (its operation told the other pages)
            self._after_change(bool(dialog.outcome.changes))

    def _after_change(self, changed: bool = True) -> None:
        """Saved: the list again (if anything changed) and the incident as stored now."""
        if changed:
            self.desk.reload()
        if self.detail is not None and self.desk.tabs.currentWidget() is self:
            self.show_incident(self.detail.id)

    def _run(self, fn: Any, *args: Any) -> None:
        """A step on the incident shown, then the list and the incident again."""
        self.op(fn, *args).changed(lambda _: self.desk.reload()) \
            .success(lambda _: self._after_change(False)).run_in_background()

    def new_incident(self) -> None:
        """接报登记, with the 职责分工 table at hand to propose departments as the kind of
        incident is chosen (without it, if it cannot be read: intake never waits)."""
        self.op(responsibility_service.list_duties, self.uow).success(self._intake) \
            .failure(lambda _error: self._intake([]), shown=True).run_in_background()

    def _intake(self, duties: list[DutyView]) -> None:
        dialog = IncidentDialog(self.runner, lambda v: incident_service.add_incident(self.uow, v),
                                self.desk.zone, mass_limits=self.desk.mass_limits, duties=duties,
                                parent=self)
        if dialog.exec() and dialog.outcome is not None:
            self.detail = None
            self.intake_saved(dialog.outcome)

    def intake_saved(self, outcome: Outcome[Any]) -> None:
        """A new incident: in view, shown, and the list read again."""
        self.desk.tabs.setCurrentIndex(0)
        self.show_incident(outcome.value.id)
        self.desk.reload()

    def edit_incident(self) -> None:
        d = self.detail
        if d is None or d.voided:
            return

        save = on_latest(lambda version, values, note: incident_service.update_incident(
            self.uow, d.id, version, values, note), d.version)
        dialog = IncidentDialog(self.runner, save, self.desk.zone, d.facts.as_dict(),
                                self.desk.mass_limits, editing=True, parent=self)
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
        dialog = ReportDialog(self.runner, save, self.desk.zone,
                              lambda s: upward_reports.draft_text(self.uow, d.id, s),
                              stage, sender=user.display_name if user.role else "", parent=self)
        if dialog.exec() and dialog.outcome is not None:
            saved = dialog.outcome.value
            if saved.late:
                QMessageBox.information(self, tr("已记录为迟报"), tr("报送已记录。该报送晚于时限 {0}，已如实"
                                                                     "记为迟报。").format(
                                                                         local(saved.due_at, self.desk.zone)))
            self._after_change(bool(dialog.outcome.changes))

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
        self.op(dispatch_service.dispatch_choices, self.uow, d.facts.category, d.facts.subtype) \
            .success(self._dispatch_to).run_in_background()

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

        self._run_dialog(DispatchDialog(self.runner, save, self.desk.zone, choices.departments,
                                        choices.on_duty, choices.proposal, self))

    def feedback(self) -> None:
        d = self.detail
        if d is None:
            return

        def save(values: dict[str, Any]) -> Outcome[Any]:
            return dispatch_service.record_feedback(self.uow, values["dispatch"], values["kind"],
                                                    at=values["at"], text=values["text"])

        self._run_dialog(FeedbackDialog(self.runner, save, self.desk.zone, d.dispatches, self))

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
        self._run(incident_service.change_status, self.uow, d.id, d.version, target, note)

    def void_incident(self) -> None:
        d = self.detail
        if d is None or d.voided:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, tr("作废事件"), tr("作废「{0}」的原因（记录保留，标记为作废）：").format(d.facts.title))
        if ok:
            self._run(incident_service.void_incident, self.uow, d.id, d.version, reason)

