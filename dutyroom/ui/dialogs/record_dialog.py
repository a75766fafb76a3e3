"""A form dialog that saves through a service and marks the field the service refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dutyroom.services.errors import InputError
from dutyroom.services.uow import Outcome
from dutyroom.ui.i18n import tr
from dutyroom.ui.icons import ON_DARK, icon
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import FittingScroll, error_text, fit_to_screen

Save = Callable[[dict[str, Any]], Outcome[Any]]


def time_editor(value: datetime | None, zone: tzinfo, seconds: bool = False) -> QDateTimeEdit:
    """A date-time field showing the desk's local time (the service reads it as such)."""
    editor = QDateTimeEdit()
    editor.setCalendarPopup(True)
    editor.setDisplayFormat("yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm")
    local = (value or datetime.now(zone)).astimezone(zone).replace(tzinfo=None)
    if not seconds:
        local = local.replace(second=0, microsecond=0)
    editor.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                 QTime(local.hour, local.minute, local.second)))
    return editor


def combo_box(items: Sequence[tuple[str, Any]], current: Any = None) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    if current is not None:
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
    return combo


def text_box(value: str = "", height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(value)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class RecordDialog(QDialog):
    """The form in a scroll area that shows it whole when the screen is tall enough (a long
    form on a 1280×720 screen scrolls instead of running off the screen), the refusal under
    it, and the buttons by role: the primary action named for what it does, and 取消."""

    def __init__(self, title: str, runner: Runner | SyncRunner, save: Save,
                 parent: QWidget | None = None, *, action: str | None = None,
                 action_icon: str | None = "save") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._runner, self._save = runner, save
        self.fields: dict[str, QWidget] = {}
        self.outcome: Outcome[Any] | None = None
        self._baseline: dict[str, Any] | None = None

        layout = self.column = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        body = QWidget()
        self.form = QFormLayout(body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(10)
        self.body_scroll = FittingScroll(body)
        layout.addWidget(self.body_scroll, 1)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("primary")
        self.set_action(action or tr("保存"), action_icon)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def set_action(self, text: str, icon_name: str | None) -> None:
        """Name the primary button for what it does (保存, 登录, 派单 …), with its icon or none."""
        primary = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        primary.setText(text)
        primary.setIcon(icon(icon_name, ON_DARK) if icon_name else QIcon())

    def showEvent(self, event: QShowEvent) -> None:
        hint = self.sizeHint()
        fit_to_screen(self, max(self.width(), hint.width()), hint.height())
        super().showEvent(event)

    def add_field(self, key: str, label: str, widget: QWidget, required: bool = False,
                  form: QFormLayout | None = None) -> None:
        self.fields[key] = widget
        (form or self.form).addRow(tr("{0}{1}：").format(label, ' *' if required else ''), widget)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                values[key] = widget.text()
            elif isinstance(widget, QCheckBox):
                values[key] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                data = widget.currentData()
                values[key] = data if data is not None else widget.currentText()
            elif isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText()
            elif isinstance(widget, QSpinBox):
                values[key] = widget.value()
            elif isinstance(widget, QDateTimeEdit):
                # An optional time is a disabled editor: unknown, not "now".
                values[key] = widget.dateTime().toPython() if widget.isEnabled() else None
        return values

    def send_only_changes(self) -> None:
        """From now on save only the fields the person changed.

        An edit then never writes back a stale value of a field someone else changed
        meanwhile (on another desk): after a refused save, saving again lays exactly the
        person's own changes over the latest version.
        """
        self._baseline = self.values()

    def submit(self) -> None:
        self._clear_marks()
        self.buttons.setEnabled(False)
        values = self.values()
        if self._baseline is not None:
            values = {k: v for k, v in values.items() if self._baseline.get(k) != v}
        Op(self, self._runner, self._save, values).outcome(self._saved) \
            .failure(self._failed, shown=True).run_in_background()

    def _saved(self, outcome: Outcome[Any]) -> None:
        self.buttons.setEnabled(True)
        self.outcome = outcome
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(error))
        self.error.show()
        if isinstance(error, InputError):
            for problem in error.problems:
                widget = self.fields.get(problem.field or "")
                if widget is not None:
                    self._mark(widget, True)
                    widget.setFocus()

    def _clear_marks(self) -> None:
        self.error.hide()
        for widget in self.fields.values():
            self._mark(widget, False)

    @staticmethod
    def _mark(widget: QWidget, invalid: bool) -> None:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
