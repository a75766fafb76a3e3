"""Filing an 应急预案: its name, the incident subtypes it covers, and its PDF (a new plan);
or renaming it, changing its subtypes, taking it out of force (a filed one)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from dutyroom.services.plan_service import KNOWN_SUBTYPES, PlanView
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import button


class PlanDialog(RecordDialog):
    def __init__(self, runner: Runner | SyncRunner, save: Save, plan: PlanView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("修改应急预案") if plan else tr("归档应急预案"), runner, save, parent,
                         action=tr("保存") if plan else tr("归档"))
        self.title = QLineEdit(plan.title if plan else "")
        self.title.setPlaceholderText(tr("例如：青山镇危险化学品事故应急预案"))
        self.add_field("title", tr("预案名称"), self.title, required=True)
        self.subtypes = QListWidget()
        self.subtypes.setMinimumHeight(160)
        chosen = set(plan.subtypes) if plan else set()
        for name in KNOWN_SUBTYPES:
            item = QListWidgetItem(tr_label(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.subtypes.addItem(item)
        self.subtypes.setToolTip(tr("勾选适用的事件子类（空格键勾选）；这些子类的事件详情中列出本预案"))
        self.add_field("subtypes", tr("适用事件子类"), self.subtypes, required=True)
        self.path = QLineEdit()
        if plan is None:
            self.path.setPlaceholderText(tr("选择预案的 PDF 文件"))
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(self.path, 1)
            browse = button(tr("浏览…"))
            browse.clicked.connect(self.choose_file)
            line.addWidget(browse)
            self.add_field("file", tr("PDF 文件"), row, required=True)
            self.fields["file"] = self.path
        else:
            self.active = QCheckBox(tr("在用（取消勾选即停用，事件中不再列出）"))
            self.active.setChecked(plan.active)
            self.add_field("active", tr("状态"), self.active)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择预案 PDF"), "",
                                              tr("PDF 文件") + " (*.pdf)")
        if path:
            self.path.setText(path)

    def checked_subtypes(self) -> list[str]:
        return [self.subtypes.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.subtypes.count())
                if self.subtypes.item(i).checkState() == Qt.CheckState.Checked]

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["subtypes"] = self.checked_subtypes()
        return values
