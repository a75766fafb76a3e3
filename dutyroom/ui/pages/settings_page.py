"""设置: the desk's settings, each shown with where its default comes from."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain import settings as registry
from dutyroom.services import settings_service
from dutyroom.services.errors import InputError
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.ui.pages.base import Page
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import button, card, error_text, hint_label, title_label

COMMON_ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei"]


class SettingsPage(Page):
    title = "设置"
    icon_name = "settings"
    changed = Signal(object)

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner) -> None:
        super().__init__()
        self.uow, self.runner = uow, runner
        self.saved: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(14)
        layout.addWidget(title_label("设置"))

        frame, inner = card()
        inner.addWidget(QLabel("<b>本值班室</b>"))
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText("例如：某某镇人民政府")
        self.desk_name = QLineEdit()
        self.handover_time = QTimeEdit()
        self.handover_time.setDisplayFormat("HH:mm")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(COMMON_ZONES + sorted(available_timezones() - set(COMMON_ZONES)))
        self.font_scale = QSpinBox()
        self.font_scale.setRange(80, 200)
        self.font_scale.setSingleStep(10)
        self.font_scale.setSuffix(" %")
        self.editors: dict[str, QWidget] = {
            "unit_name": self.unit_name, "desk_name": self.desk_name,
            "handover_time": self.handover_time, "timezone": self.timezone,
            "font_scale": self.font_scale,
        }
        for key, editor in self.editors.items():
            definition = registry.definition(key)
            editor.setMinimumWidth(320)
            editor.setMaximumWidth(480)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(hint_label(definition.source))
            holder = QWidget()
            holder.setLayout(column)
            form.addRow(f"{definition.label}：", holder)
        inner.addLayout(form)
        inner.addWidget(hint_label("字体缩放在下次启动时生效。"))
        layout.addWidget(frame)

        actions = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        self.revert_button = button("还原", "undo")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = button("保存", "save", primary=True, tooltip="Ctrl+S")
        self.save_button.clicked.connect(self.save)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        layout.addLayout(actions)
        layout.addStretch(1)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is None or changes.settings:
            self.runner.run(settings_service.load_settings, self.uow, done=self._show,
                            failed=self._failed)

    def _show(self, values: dict[str, Any]) -> None:
        self.saved = values
        self.revert()

    def revert(self) -> None:
        values = self.saved
        if not values:
            return
        self.unit_name.setText(values["unit_name"])
        self.desk_name.setText(values["desk_name"])
        hours, minutes = (int(x) for x in values["handover_time"].split(":"))
        self.handover_time.setTime(QTime(hours, minutes))
        self.timezone.setCurrentText(values["timezone"])
        self.font_scale.setValue(values["font_scale"])
        self.status.clear()

    def values(self) -> dict[str, Any]:
        return {
            "unit_name": self.unit_name.text(),
            "desk_name": self.desk_name.text(),
            "handover_time": self.handover_time.time().toString("HH:mm"),
            "timezone": self.timezone.currentText(),
            "font_scale": self.font_scale.value(),
        }

    def save(self) -> None:
        self.save_button.setEnabled(False)
        self.runner.run(settings_service.save_settings, self.uow, self.values(),
                        done=self._saved, failed=self._failed)

    def _saved(self, outcome: Outcome[dict[str, Any]]) -> None:
        self.save_button.setEnabled(True)
        self.saved = outcome.value
        self.status.setStyleSheet("color: #1e7e34;")
        self.status.setText("已保存。" if outcome.changes else "没有改动。")
        if outcome.changes:
            self.changed.emit(outcome.changes)

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(f"未保存：{error_text(error)}")
        if isinstance(error, InputError):
            for problem in error.problems:
                editor = self.editors.get(problem.field or "")
                if editor is not None:
                    editor.setFocus()
