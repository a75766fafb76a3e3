"""领导批示 督办 in the window: recording an instruction on a call, an incident or a
warning, and the 督办 list where tasks are fed back on (落实情况), done and reopened.

The list is one dialog opened from 今日值班, an incident, a register entry and a warning,
so the officer works the same list wherever the instruction came from; opened from a record
it shows that record's instructions and can add one to it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.instructions import Standing
from dutyroom.services import instruction_service
from dutyroom.services.instruction_records import InstructionView
from dutyroom.services.instruction_service import Choices
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save, text_box, time_editor
from dutyroom.ui.i18n import tr, tr_label, tr_text
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.theme import DANGER
from dutyroom.ui.widgets import button, fit_to_screen, hint_label, table_view

STANDING_COLOURS = {Standing.OVERDUE: DANGER, Standing.DONE_LATE: "#d35400"}


class InstructionDialog(RecordDialog):
    """登记领导批示: the leader and who must act are chosen from the lists or typed (a
    county leader, a person); the time limit starts a day on, to be set as the leader said."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, choices: Choices,
                 subject: str, zone: tzinfo, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("登记领导批示"), runner, save, parent, action=tr("保存批示"))
        self.setMinimumWidth(600)  # the typed leader's hint stays whole
        self.column.insertWidget(0, hint_label(tr("批示事项：{0}").format(subject)))
        self.add_field("given_at", tr("批示时间"), time_editor(now, zone), True)
        self.leader = QComboBox()
        self.leader.setEditable(True)
        for person in choices.leaders:
            self.leader.addItem(person.label, person.id)
        self.leader.setCurrentIndex(-1)
        _placeholder(self.leader, tr("选择领导，或直接填写（如：县长 赵刚）"))
        self.add_field("leader", tr("批示领导"), self.leader, True)
        text = text_box(height=70)
        text.setPlaceholderText(tr("领导批示原文"))
        self.add_field("text", tr("批示内容"), text, True)
        self.assignee = QComboBox()
        self.assignee.setEditable(True)
        for department in choices.departments:
            self.assignee.addItem(department.label, department.id)
        self.assignee.setCurrentIndex(-1)
        _placeholder(self.assignee, tr("选择联动单位，或填写承办人"))
        self.add_field("assignee", tr("承办单位/人"), self.assignee, True)
        self.add_field("due_at", tr("办理时限"), time_editor(now + timedelta(days=1), zone), True)

    @staticmethod
    def _chosen(combo: QComboBox) -> tuple[Any, str]:
        """The id of the item chosen from the list, else the text typed."""
        typed = combo.currentText().strip()
        index = combo.currentIndex()
        if index >= 0 and combo.itemText(index) == typed:
            return combo.itemData(index), ""
        return None, typed

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["leader_id"], values["leader"] = self._chosen(self.leader)
        values["department_id"], values["assignee"] = self._chosen(self.assignee)
        return values


def _placeholder(combo: QComboBox, text: str) -> None:
    """The hint inside an editable list's typing field, shown until something is chosen."""
    edit = combo.lineEdit()
    if edit is not None:
        edit.setPlaceholderText(text)


class FeedbackDialog(RecordDialog):
    """落实情况, 办结 (with the final 落实情况) or 重新打开 (with the reason) of one task."""

    def __init__(self, title: str, action: str, label: str, runner: Runner | SyncRunner,
                 save: Save, task: InstructionView, zone: tzinfo, now: datetime,
                 with_time: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(title, runner, save, parent, action=action, action_icon="check")
        self.column.insertWidget(0, hint_label(tr("{0}批示：{1}（承办：{2}）").format(
            task.leader_name, task.text, task.assignee)))
        if with_time:
            self.add_field("at", tr("时间"), time_editor(now, zone), True)
        self.add_field("text", label, text_box(height=90), True)


class InstructionsDialog(QDialog):
    """督办: the instruction tasks, open first, with their feedback; the buttons work the
    selected one. Ctrl+N adds (when opened from a record), Ctrl+E feeds back, Ctrl+D is
    办结, Ctrl+R reads the list again."""

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner, zone: tzinfo,
                 now: Callable[[], datetime], subject: tuple[str, int, str] | None = None,
                 select: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.uow, self.runner, self.zone, self.now = uow, runner, zone, now
        self.subject, self._select = subject, select
        self.changes = Changes()
        self.setWindowTitle(tr("领导批示督办") if subject is None
                            else tr("领导批示督办 — {0}").format(subject[2]))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("显示：")))
        self.show_box = QComboBox()  # what a duty officer asks for, the open ones first
        for key, label in (("open", tr("未办结")), ("overdue", tr("已超期")), ("done", tr("已办结")),
                           ("all", tr("全部"))):
            self.show_box.addItem(label, key)
        if subject is not None or select is not None:
            self.show_box.setCurrentIndex(self.show_box.count() - 1)  # a record's own: all
        self.show_box.currentIndexChanged.connect(lambda _: self.reload())
        head.addWidget(self.show_box)
        self.count = QLabel()
        self.count.setObjectName("hint")
        head.addWidget(self.count, 1)
        self.add_button = button(tr("登记批示"), "add", primary=True, tooltip="Ctrl+N")
        self.add_button.clicked.connect(self.add)
        self.add_button.setVisible(subject is not None)
        self.feedback_button = button(tr("落实情况"), "edit", tooltip="Ctrl+E")
        self.feedback_button.clicked.connect(self.feedback)
        self.done_button = button(tr("办结", "instruction"), "check", tooltip="Ctrl+D")
        self.done_button.clicked.connect(self.finish)
        self.reopen_button = button(tr("重新打开"), "undo")
        self.reopen_button.clicked.connect(self.reopen)
        for widget in (self.add_button, self.feedback_button, self.done_button, self.reopen_button):
            head.addWidget(widget)
        layout.addLayout(head)

        self.model: RecordTableModel[InstructionView] = RecordTableModel(self._columns())
        self.view = table_view(self.model, stretch=3)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.view.doubleClicked.connect(lambda _: self.feedback())
        self.detail = QTextBrowser()  # a long history of 落实情况 scrolls
        self.detail.setMinimumHeight(90)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        close = button(tr("关闭"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        for keys, action in (("Ctrl+N", self.add), ("Ctrl+E", self.feedback),
                             ("Ctrl+D", self.finish), ("Ctrl+R", self.reload)):
            QShortcut(QKeySequence(keys), self, action)
        self._enable()
        self.reload()

    def showEvent(self, event: Any) -> None:
        fit_to_screen(self, 1100, 620)
        super().showEvent(event)

    def _columns(self) -> list[Column[InstructionView]]:
        def local(moment: datetime | None) -> str:
            return f"{moment.astimezone(self.zone):%m-%d %H:%M}" if moment else ""

        return [
            Column(tr("状态"), lambda v: v.standing.value, text=lambda v: tr_label(v.standing_label),
                   colour=lambda v: STANDING_COLOURS.get(v.standing)),
            Column(tr("办理时限"), lambda v: v.due_at, text=lambda v: local(v.due_at)),
            Column(tr("批示领导"), lambda v: v.leader_name),
            Column(tr("批示内容"), lambda v: v.text),
            Column(tr("承办"), lambda v: v.assignee),
            Column(tr("批示事项"), lambda v: tr_text(v.subject)),
            Column(tr("落实"), lambda v: len(v.feedback),
                   text=lambda v: tr("{0} 条").format(len(v.feedback))),
        ]

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        show = self.show_box.currentData()
        subject = (self.subject[0], self.subject[1]) if self.subject else None
        self.op(instruction_service.list_instructions, self.uow, show, subject, self.now()) \
            .success(self._loaded).run_in_background()

    def op(self, fn: Callable[..., Any], *args: Any) -> Op:
        """`fn(*args)` on the runner; a refusal is shown in a box titled 领导批示督办."""
        return Op(self, self.runner, fn, *args, title=tr("领导批示督办"))

    def _loaded(self, views: list[InstructionView]) -> None:
        shown = self.current()
        keep = self._select if self._select is not None else (shown.id if shown else None)
        self.model.set_records(views)
        overdue = sum(1 for v in views if v.standing == Standing.OVERDUE)
        self.count.setText(tr("共 {0} 件，超期 {1} 件").format(len(views), overdue))
        rows = [i for i, v in enumerate(views) if v.id == keep]
        if views:
            self.view.selectRow(rows[0] if rows else 0)
        self._select = None
        self._selected()

    def current(self) -> InstructionView | None:
        index = self.view.currentIndex()
        rows = self.view.selectionModel().selectedRows()
        if not rows or not index.isValid():
            return None
        return self.model.record(rows[0].row())

    def _selected(self) -> None:
        task = self.current()
        if task is None:
            self.detail.setHtml(tr("没有符合条件的领导批示。"))
        else:
            lines = [tr("<b>{0}</b> 批示（{1}）：{2}").format(
                html.escape(task.leader_name), f"{task.given_at.astimezone(self.zone):%m-%d %H:%M}",
                html.escape(task.text))]
            lines.append(tr("承办：{0}　办理时限：{1}").format(
                html.escape(task.assignee), f"{task.due_at.astimezone(self.zone):%m-%d %H:%M}"))
            if task.reopen_reason and not task.done:
                lines.append(tr("重新打开原因：{0}").format(html.escape(task.reopen_reason)))
            for f in task.feedback:
                mark = tr("【办结】") if f.final else ""
                lines.append(tr("{0} {1}：{2}{3}").format(
                    f"{f.at.astimezone(self.zone):%m-%d %H:%M}", html.escape(f.by), mark,
                    html.escape(f.text)))
            if not task.feedback:
                lines.append(tr("尚无落实情况反馈。"))
            self.detail.setHtml("<br>".join(lines))
        self._enable()

    def _enable(self) -> None:
        task = self.current()
        self.feedback_button.setEnabled(task is not None and not task.done)
        self.done_button.setEnabled(task is not None and not task.done)
        self.reopen_button.setEnabled(task is not None and task.done)

    def _after(self, outcome: Outcome[Any]) -> None:
        self.changes = self.changes | outcome.changes
        self._select = outcome.value
        self.reload()

    # --- actions --------------------------------------------------------------------------------

    def add(self) -> None:
        if self.subject is None:
            return
        self.op(instruction_service.choices, self.uow).success(self._add_with).run_in_background()

    def _add_with(self, choices: Choices) -> None:
        assert self.subject is not None
        kind, subject_id, title = self.subject
        moment = self.now()

        def save(values: dict[str, Any]) -> Outcome[int]:
            # the clock when saving: a form left open while the officer phones around must
            # still take the time it is saved at (the service refuses times past "now")
            return instruction_service.add_instruction(
                self.uow, {**values, "subject_kind": kind, "subject_id": subject_id},
                now=self.now())

        dialog = InstructionDialog(self.runner, save, choices, title, self.zone, moment, self)
        self.add_dialog = dialog
        if dialog.exec() and dialog.outcome is not None:
            self._after(dialog.outcome)

    def _work(self, title: str, action: str, label: str,
              call: Callable[[InstructionView, dict[str, Any], datetime], Outcome[int]],
              with_time: bool = True) -> None:
        task = self.current()
        if task is None:
            return
        moment = self.now()
        dialog = FeedbackDialog(title, action, label, self.runner,
                                lambda values: call(task, values, self.now()), task, self.zone,
                                moment, with_time, self)
        self.work_dialog = dialog
        if dialog.exec() and dialog.outcome is not None:
            self._after(dialog.outcome)

    def feedback(self) -> None:
        task = self.current()
        if task is None or task.done:
            return
        self._work(tr("登记落实情况"), tr("保存"), tr("落实情况"), lambda t, v, m:
                   instruction_service.add_feedback(self.uow, t.id, v["text"], at=v["at"], now=m))

    def finish(self) -> None:
        task = self.current()
        if task is None or task.done:
            return
        self._work(tr("办结领导批示"), tr("办结", "instruction"), tr("最终落实情况"), lambda t, v, m:
                   instruction_service.mark_done(self.uow, t.id, v["text"], at=v["at"], now=m))

    def reopen(self) -> None:
        task = self.current()
        if task is None or not task.done:
            return
        self._work(tr("重新打开领导批示"), tr("重新打开"), tr("原因"), lambda t, v, m:
                   instruction_service.reopen(self.uow, t.id, v["text"], now=m), with_time=False)


def open_instructions(parent: QWidget, uow: UnitOfWork, runner: Runner | SyncRunner,
                      zone: tzinfo, now: Callable[[], datetime],
                      subject: tuple[str, int, str] | None = None,
                      select: int | None = None) -> Changes:
    """The 督办 list, modal; what was changed in it, for the page to pass on."""
    dialog = InstructionsDialog(uow, runner, zone, now, subject, select, parent)
    parent.instructions_dialog = dialog  # type: ignore[attr-defined]  # tests reach it here
    dialog.exec()
    return dialog.changes
