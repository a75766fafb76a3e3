"""The desk's own 处置要点 lists: per incident subtype, the first-hour steps in order.

An office head picks a subtype on the left and edits its steps on the right: add (Insert,
type and press Enter), change (double-click or F2), remove (Delete), move up and down (Ctrl+↑/↓),
or go back to the shipped list. Each subtype changed is saved (audited) with 保存; ticks
already recorded on incidents keep their text, so nothing done is rewritten.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from dutyroom.services import playbook_service
from dutyroom.services.errors import InputError, ServiceError
from dutyroom.services.playbook_service import PlaybookList
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import action_row, button, fit_to_screen, hint_label, show_error

SUBTYPE = Qt.ItemDataRole.UserRole


class PlaybookDialog(QDialog):
    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner, lists: list[PlaybookList],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.uow, self.runner = uow, runner
        self.setWindowTitle(tr("处置要点清单"))
        self.lists = {p.subtype: p for p in lists}
        self.pending: dict[str, list[str]] = {}  # edited, not yet saved
        self.changes = Changes()
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(tr(
            "每个事件子类一张清单，是接报后第一个小时值班室要做的事；事件详情按清单逐项勾选，未勾选的"
            "写入交接班记录。修改清单不会改动已登记事件上的勾选记录。")))
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(tr("事件子类")))
        self.subtypes = QListWidget()
        self.subtypes.setMinimumWidth(280)
        for item in lists:
            row = QListWidgetItem()
            row.setData(SUBTYPE, item.subtype)
            self.subtypes.addItem(row)
        left.addWidget(self.subtypes, 1)
        body.addLayout(left)
        right = QVBoxLayout()
        self.heading = QLabel()
        right.addWidget(self.heading)
        self.steps = QListWidget()
        self.steps.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.steps.setWordWrap(True)
        self.steps.model().rowsMoved.connect(lambda *_: self._edited())
        self.steps.itemChanged.connect(lambda _item: self._edited())
        right.addWidget(self.steps, 1)
        entry = QHBoxLayout()
        self.new_step = QLineEdit()
        self.new_step.setPlaceholderText(tr("输入新步骤，回车添加到选中步骤之后（在清单上按 Insert 到这里）"))
        self.new_step.returnPressed.connect(self.add_step)
        entry.addWidget(self.new_step, 1)
        self.add_button = button(tr("添加"), "add")
        self.add_button.clicked.connect(self.add_step)
        entry.addWidget(self.add_button)
        right.addLayout(entry)
        tools = QHBoxLayout()
        self.up_button = button(tr("上移"), "chevron-up", tooltip="Ctrl+↑")
        self.down_button = button(tr("下移"), "chevron-down", tooltip="Ctrl+↓")
        self.remove_button = button(tr("删除步骤"), "x-circle", tooltip="Delete")
        self.reset_button = button(tr("恢复默认清单"), "undo")
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.remove_button.clicked.connect(self.remove_step)
        self.reset_button.clicked.connect(self.reset)
        for widget in (self.up_button, self.down_button, self.remove_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.reset_button)
        right.addLayout(tools)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)
        box, self.save_button = action_row(tr("保存"), "save", self.save, self.reject, tr("关闭"))
        self.save_button.setToolTip("Ctrl+S")
        layout.addWidget(box)
        for keys, act in (("Ctrl+Up", lambda: self.move_step(-1)),
                          ("Ctrl+Down", lambda: self.move_step(1)), ("Delete", self.remove_step),
                          ("Insert", self.new_step.setFocus)):
            shortcut = QShortcut(QKeySequence(keys), self.steps, act)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # not while typing a step
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.subtypes.currentItemChanged.connect(lambda current, previous: self._show(current, previous))
        self._label_subtypes()
        self.subtypes.setCurrentRow(0)
        fit_to_screen(self, 980, 620)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter adds a step (or ends editing one): it never saves; 保存 or Ctrl+S does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)

    # --- what is shown ------------------------------------------------------------------------

    def current_subtype(self) -> str:
        item = self.subtypes.currentItem()
        return str(item.data(SUBTYPE)) if item is not None else ""

    def steps_shown(self) -> list[str]:
        return [self.steps.item(i).text() for i in range(self.steps.count())]

    def _steps_of(self, subtype: str) -> list[str]:
        return self.pending.get(subtype, list(self.lists[subtype].steps))

    def _label_subtypes(self) -> None:
        for i in range(self.subtypes.count()):
            item = self.subtypes.item(i)
            subtype = str(item.data(SUBTYPE))
            known = self.lists[subtype]
            steps = self._steps_of(subtype)
            text = tr("{0} · {1}（{2} 步）").format(tr_label(known.category), tr_label(subtype), len(steps))
            if subtype in self.pending:
                text += " " + tr("未保存")
            elif known.edited:
                text += " " + tr("本台修改")
            item.setText(text)

    def _show(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        del previous  # its edits are already kept in `pending`
        if current is None:
            return
        subtype = str(current.data(SUBTYPE))
        self.heading.setText(tr("「{0}」的处置要点（按顺序）").format(tr_label(subtype)))
        self._fill(self._steps_of(subtype))

    def _fill(self, steps: list[str]) -> None:
        self.steps.blockSignals(True)
        self.steps.clear()
        for text in steps:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.steps.addItem(item)
        self.steps.blockSignals(False)

    def _edited(self) -> None:
        subtype = self.current_subtype()
        if not subtype:
            return
        steps = self.steps_shown()
        if steps == list(self.lists[subtype].steps):
            self.pending.pop(subtype, None)
        else:
            self.pending[subtype] = steps
        self._label_subtypes()

    # --- editing ------------------------------------------------------------------------------

    def add_step(self) -> None:
        text = " ".join(self.new_step.text().split())
        if not text:
            self.new_step.setFocus()
            return
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        row = self.steps.currentRow() + 1 if self.steps.currentRow() >= 0 else self.steps.count()
        self.steps.blockSignals(True)
        self.steps.insertItem(row, item)
        self.steps.blockSignals(False)
        self.steps.setCurrentRow(row)
        self.new_step.clear()
        self._edited()

    def remove_step(self) -> None:
        row = self.steps.currentRow()
        if row < 0:
            return
        self.steps.blockSignals(True)
        self.steps.takeItem(row)
        self.steps.blockSignals(False)
        self.steps.setCurrentRow(min(row, self.steps.count() - 1))
        self._edited()

    def move_step(self, by: int) -> None:
        row = self.steps.currentRow()
        target = row + by
        if row < 0 or not 0 <= target < self.steps.count():
            return
        self.steps.blockSignals(True)
        item = self.steps.takeItem(row)
        self.steps.insertItem(target, item)
        self.steps.blockSignals(False)
        self.steps.setCurrentRow(target)
        self._edited()

    def reset(self) -> None:
        subtype = self.current_subtype()
        if subtype:
            self._fill(list(self.lists[subtype].shipped))
            self._edited()

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        """Save every subtype edited, all or none, one audited change each."""
        if not self.pending:
            self.accept()
            return
        self.save_button.setEnabled(False)
        read = {subtype: self.lists[subtype].steps for subtype in self.pending}
        Op(self, self.runner, playbook_service.save_playbooks, self.uow, dict(self.pending), None,
           read).outcome(self._saved).failure(self._failed, shown=True).run_in_background()

    def _saved(self, outcome: Outcome[list[PlaybookList]]) -> None:
        self.save_button.setEnabled(True)
        for saved in outcome.value:
            self.lists[saved.subtype] = saved
        self.pending.clear()
        self.changes = outcome.changes
        self._label_subtypes()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        """A refusal is shown with the list it is about selected (a fault was reported)."""
        self.save_button.setEnabled(True)
        if isinstance(error, InputError) and error.problems and error.problems[0].field in self.lists:
            self._select(str(error.problems[0].field))
        if isinstance(error, ServiceError):
            show_error(self, tr("处置要点未保存"), error)

    def _select(self, subtype: str) -> None:
        for i in range(self.subtypes.count()):
            if self.subtypes.item(i).data(SUBTYPE) == subtype:
                self.subtypes.setCurrentRow(i)
                return

    def reject(self) -> None:
        if self.pending and QMessageBox.question(
                self, tr("处置要点清单"), tr("有 {0} 个子类的修改尚未保存，放弃这些修改吗？").format(
                    len(self.pending))) != QMessageBox.StandardButton.Yes:
            return
        super().reject()
