"""值班日志 → 来电来文: the calls and documents register, newest first, and the selected
entry's steps (批示督办, 转为事件, 修改, 作废)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QInputDialog, QTextBrowser, QVBoxLayout

from dutyroom.domain.attachments import OwnerKind
from dutyroom.services import register_service
from dutyroom.services.register_service import EntryView, RegisterQuery
from dutyroom.services.uow import Outcome, UnitOfWork
from dutyroom.ui import log_detail
from dutyroom.ui.acting import Acting
from dutyroom.ui.attachments import AttachmentPanel
from dutyroom.ui.dialogs.log_dialogs import PromoteDialog, RegisterDialog
from dutyroom.ui.dialogs.record_dialog import RecordDialog
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.paged_model import PagedTableModel
from dutyroom.ui.pages.log_incidents import WORDS
from dutyroom.ui.pages.record_tab import LogDesk, RecordTab, list_and_detail, on_latest
from dutyroom.ui.table_models import Column
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import button

local = log_detail.local


def register_columns(zone: ZoneInfo) -> list[Column[EntryView]]:
    return [
        Column(tr("时间"), lambda e: e.received_at, text=lambda e: local(e.received_at, zone)),
        Column(tr("类型"), lambda e: e.kind, text=lambda e: tr_label(e.kind_label)),
        Column(tr("来电（文）单位"), lambda e: e.from_unit),
        Column(tr("姓名"), lambda e: e.from_name),
        Column(tr("标题"), lambda e: e.title,
               text=lambda e: (tr("【已作废】") if e.voided else "") + e.title),
        Column(tr("领导批示"), lambda e: e.leader_instruction),
        Column(tr("事件"), lambda e: e.incident_id, text=lambda e: f"#{e.incident_id}"
               if e.incident_id else ""),
    ]


class RegisterTab(RecordTab):
    """The register tab of the 值班日志 page (`desk`); `promoted` shows the incident an entry
    became."""

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner, desk: LogDesk,
                 promoted: Callable[[int], object]) -> None:
        super().__init__(uow, runner, desk, register_service.list_entries,
                         register_columns(desk.zone), stretch=5)  # 领导批示 can run long
        self.promoted = promoted
        self.entry: EntryView | None = None
        self.shown = RegisterQuery()
        self.entries: PagedTableModel[EntryView] = self.model
        self.entry_view = self.view
        self.entry_view.selectionModel().currentRowChanged.connect(self._selected)
        self.entry_view.doubleClicked.connect(lambda _: self.edit_entry())
        self.promote_button = button(tr("转为事件"), "alert")
        self.promote_button.clicked.connect(self.promote_entry)
        self.edit_entry_button = button(tr("修改"), "edit")
        self.edit_entry_button.clicked.connect(self.edit_entry)
        self.void_entry_button = button(tr("作废"))
        self.void_entry_button.clicked.connect(self.void_entry)
        self.entry_instruction_button = button(tr("批示督办"), "log",
                                               tooltip=tr("登记和督办领导批示（Ctrl+I）"))
        self.entry_text = QTextBrowser()
        self.entry_files = AttachmentPanel(self.acting, self.runner, OwnerKind.REGISTER.value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(list_and_detail(
            "registerSplit", self.entry_view, self.entry_text,
            [self.entry_instruction_button, self.promote_button, self.edit_entry_button,
             self.void_entry_button],
            below=self.entry_files))
        self.show_entry(None)

    def set_zone(self, zone: ZoneInfo) -> None:
        self.entries.columns = register_columns(zone)
        self.entry_files.zone = zone

    def shown_id(self) -> int | None:
        return self.entry.id if self.entry else None

    # --- the selected entry -------------------------------------------------------------

    def _selected(self) -> None:
        index = self.entry_view.currentIndex()
        self.show_entry(self.entries.record(index.row()) if index.isValid() else None)

    def show_entry(self, entry: EntryView | None) -> None:
        self.entry = entry
        usable = entry is not None and not entry.voided
        self.entry_files.show_owner(entry.id if entry else None, usable)
        for widget in (self.edit_entry_button, self.void_entry_button, self.entry_instruction_button):
            widget.setEnabled(usable)
        self.promote_button.setEnabled(usable and entry is not None and entry.incident_id is None)
        self.entry_text.setHtml(log_detail.no_entry(WORDS) if entry is None
                                else log_detail.entry_html(entry, self.desk.zone, WORDS))

    # --- actions ----------------------------------------------------------------------------

    def _saved(self, dialog: RecordDialog) -> None:
        if dialog.exec() and dialog.outcome is not None:
            self.after(dialog.outcome)

    def after(self, outcome: Outcome[Any]) -> None:
        """Saved (the dialog's operation told the other pages): the list in view read again."""
        if outcome.changes:
            self.desk.reload()

    def new_entry(self) -> None:
        dialog = RegisterDialog(self.runner,
                                lambda v: register_service.add_entry(self.uow, v), self.desk.zone,
                                parent=self)
        if dialog.exec() and dialog.outcome is not None:
            self.desk.tabs.setCurrentWidget(self)
            self.after(dialog.outcome)

    def edit_entry(self) -> None:
        entry = self.entry
        if entry is None or entry.voided:
            return

        save = on_latest(lambda version, values, note: register_service.update_entry(
            self.uow, entry.id, version, values, note), entry.version)
        dialog = RegisterDialog(self.runner, save, self.desk.zone, entry, self)
        dialog.send_only_changes()
        self._saved(dialog)

    def void_entry(self) -> None:
        entry = self.entry
        if entry is None or entry.voided:
            return
        reason, ok = QInputDialog.getMultiLineText(self, tr("作废登记"), tr("作废原因："))
        if ok:
            self.op(register_service.void_entry, self.uow, entry.id, entry.version, reason) \
                .changed(lambda _: self.desk.reload()).run_in_background()

    def promote_entry(self) -> None:
        entry = self.entry
        if entry is None or entry.incident_id is not None:
            return
        dialog = PromoteDialog(self.runner,
                               lambda v: register_service.promote(self.uow, entry.id, v), self)
        if dialog.exec() and dialog.outcome is not None:
            self.promoted(dialog.outcome.value.id)
