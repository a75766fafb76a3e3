"""值班日报 in one click: the day's report as assembled, each paragraph open to rewording,
then copied as text, printed, or recorded as sent (which locks it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dutyroom.services import daily_report_service
from dutyroom.services.daily_report_service import DailyView
from dutyroom.services.uow import Outcome, UnitOfWork
from dutyroom.ui.dialogs.pdf_preview import preview_later
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import button, fit_to_screen, hint_label

EDIT_HEIGHT = 64  # three lines of a paragraph; longer ones scroll inside their box


class DailyReportDialog(QDialog):
    """Opened from 今日值班 (button or Ctrl+Shift+D) and from the day's 值班日报 alert."""

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner, day: date, zone: ZoneInfo,
                 now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.uow, self.runner, self.day, self.zone, self.now = uow, runner, day, zone, now
        self.view: DailyView | None = None
        self.outcome: Outcome[DailyView] | None = None
        self.edits: dict[str, QPlainTextEdit] = {}
        self.setWindowTitle(tr("值班日报 — {0:%Y-%m-%d}").format(day))
        fit_to_screen(self, 860, 660)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.state = hint_label("")
        layout.addWidget(self.state)
        holder = QWidget()
        self.form = QFormLayout(holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        bar = QHBoxLayout()
        self.copy_button = button(tr("复制文本"), "file",
                                  tooltip=tr("复制为纯文本，可粘贴到政务微信或 OA 系统"))
        self.copy_button.clicked.connect(self.copy_text)
        self.print_button = button(tr("打印预览…"), "printer")
        self.print_button.clicked.connect(self.preview)
        self.send_button = button(tr("记为已报送"), "check", primary=True,
                                  tooltip=tr("保存并锁定所报送的日报，记录报送人和时间"))
        self.send_button.clicked.connect(self.send)
        close = button(tr("关闭"))
        close.clicked.connect(self.reject)
        bar.addStretch(1)
        for widget in (self.copy_button, self.print_button, self.send_button, close):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.load()

    def load(self) -> None:
        self.op(daily_report_service.daily_view, self.uow, self.day, self.now()) \
            .success(self._show).run_in_background()

    def op(self, fn: Callable[..., Any], *args: Any) -> Op:
        """`fn(*args)` on the runner; a refusal is shown in a box titled 值班日报."""
        return Op(self, self.runner, fn, *args, title=tr("值班日报"))

    def _show(self, view: DailyView) -> None:
        self.view = view
        report = view.report
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits = {}
        self.heading.setText(tr("<b>{0}</b>　{1}　值班时段 {2}").format(
            report.title, report.date_line, report.period))
        if view.sent:
            self.state.setText(tr("已于 {0} 由 {1} 报送并锁定，内容不能再改。").format(
                report.sent_at, report.sent_by))
        else:
            due = view.due.astimezone(self.zone)
            self.state.setText(tr("草稿：按 {0} 的值班情况生成，可直接修改措辞；应于 {1:%m-%d %H:%M} 前报送。"
                                  "报送后锁定。").format(report.assembled_at, due))
        for paragraph in report.paragraphs:
            edit = QPlainTextEdit(paragraph.text)
            edit.setTabChangesFocus(True)
            edit.setReadOnly(view.sent)
            edit.setFixedHeight(EDIT_HEIGHT)
            self.edits[paragraph.key] = edit
            self.form.addRow(tr_label(paragraph.title), edit)
        self.send_button.setEnabled(not view.sent)
        first = next(iter(self.edits.values()), None)
        if first is not None and not view.sent:
            first.setFocus()

    def texts(self) -> dict[str, str]:
        """The paragraphs the officer changed, by key."""
        if self.view is None or self.view.sent:
            return {}
        original = {p.key: p.text for p in self.view.report.paragraphs}
        return {key: edit.toPlainText() for key, edit in self.edits.items()
                if edit.toPlainText() != original[key]}

    def copy_text(self) -> None:
        texts, moment = self.texts(), self.now()

        def copied(text: str) -> None:
            clipboard = QGuiApplication.clipboard()
            if clipboard is not None:
                clipboard.setText(text)
            self.copied = text
            self.state.setText(tr("已复制日报全文，可粘贴到政务微信或 OA 系统。"))

        self.op(daily_report_service.daily_text, self.uow, self.day, moment, texts) \
            .success(copied).run_in_background()

    def preview(self) -> None:
        texts, moment = self.texts(), self.now()
        preview_later(self, self.runner,
                      lambda: daily_report_service.daily_document(self.uow, self.day, moment, texts),
                      tr("值班日报"), f"{tr('值班日报')}-{self.day:%Y%m%d}.pdf")

    def send(self) -> None:
        if self.view is None or self.view.sent:
            return
        answer = QMessageBox.question(self, tr("值班日报"),
                                      tr("确认{0:%m月%d日}的值班日报已经报送？\n将按当前内容保存并锁定，"
                                         "记录报送人和时间。").format(self.day))
        if answer != QMessageBox.StandardButton.Yes:
            return
        texts, moment = self.texts(), self.now()

        def sent(outcome: Outcome[DailyView]) -> None:
            self.outcome = outcome
            self._show(outcome.value)

        self.op(lambda: daily_report_service.send(self.uow, self.day, texts, at=moment)) \
            .outcome(sent).run_in_background()
