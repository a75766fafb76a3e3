"""A partner department's 值班备勤表, and the 职责分工 line editor.

The roster is kept a day at a time as the department sends it (typed in, or its own
Excel/CSV imported all or nothing); the dispatch dialog reads it to say whom to ring.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.incidents import CATEGORY_LABELS, SUBTYPES, Category
from dutyroom.services import partner_duty_service
from dutyroom.services.department_service import DepartmentView
from dutyroom.services.partner_duty_service import PartnerDutyView
from dutyroom.services.responsibility_service import DutyView
from dutyroom.services.uow import UnitOfWork
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save, combo_box
from dutyroom.ui.dialogs.roster_dialogs import date_edit, picked
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import button

ROSTER_FILTER = "Excel / CSV (*.xlsx *.csv)"


class PartnerRosterDialog(QDialog):
    """值班备勤表 of one department: the days it sent, a line to type or correct one day,
    and its own file imported. Each save is announced as it is made (`Op`), so 今日值班's
    reminder of a missing holiday roster goes while the dialog is still open."""

    HEADERS = (tr("日期"), tr("值班人员"), tr("手机"), tr("带班领导"), tr("带班领导手机"))

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner, department: DepartmentView,
                 today: Callable[[], date], parent: QWidget | None = None) -> None:
        """`today`: the desk's date (its zone, the window's clock), for the line offered."""
        super().__init__(parent)
        self.uow, self.runner, self.department, self.today = uow, runner, department, today
        self.entries: list[PartnerDutyView] = []
        self._shown = False  # the first load selects today's line; later ones keep the form
        self.setWindowTitle(tr("值班备勤表 — {0}").format(department.name))
        self.setMinimumSize(820, 520)
        layout = QVBoxLayout(self)
        hint = QLabel(tr("联动单位报来的每日值班人员。夜间和节假日派单时按此表找当天值班人员；"
                         "没有报来的日期打 24 小时值班电话 {0}。").format(department.duty_phone))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._picked)
        layout.addWidget(self.table, 1)

        line = QHBoxLayout()
        self.day = date_edit(today())
        self.person, self.mobile = QLineEdit(), QLineEdit()
        self.leader, self.leader_mobile = QLineEdit(), QLineEdit()
        for edit, hint_text in ((self.person, tr("值班人员")), (self.mobile, tr("手机")),
                                (self.leader, tr("带班领导")), (self.leader_mobile, tr("带班领导手机"))):
            edit.setPlaceholderText(hint_text)
        self.inputs = {"duty_date": self.day, "person": self.person, "mobile": self.mobile,
                       "leader": self.leader, "leader_mobile": self.leader_mobile}
        for widget in self.inputs.values():
            line.addWidget(widget, 1)
        self.save_button = button(tr("保存此日"), "save", primary=True)
        self.save_button.clicked.connect(self.save_day)
        self.save_button.setDefault(True)  # Enter in any box of the line saves the day
        line.addWidget(self.save_button)
        layout.addLayout(line)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QDialogButtonBox()
        self.remove_button = button(tr("删除此日"), "x-circle")
        self.remove_button.clicked.connect(self.remove_day)
        self.import_button = button(tr("从 Excel/CSV 导入…"), "import")
        self.import_button.setToolTip(tr("列：日期、值班人员、手机、带班领导、带班领导手机；"
                                         "有一行不对则整个文件不导入"))
        self.import_button.clicked.connect(self.choose_file)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.person.setFocus()
        self.refresh()

    def refresh(self) -> None:
        (Op(self, self.runner, partner_duty_service.roster_of, self.uow, self.department.id,
            title=tr("读取失败")).success(self._loaded).run_in_background())

    def _loaded(self, entries: list[PartnerDutyView]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate((entry.duty_date.isoformat(), entry.person, entry.mobile,
                                           entry.leader, entry.leader_mobile)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if entry.duty_date == self.today() and not self._shown:
                self.table.selectRow(row)  # on opening: today's line, ready to correct
        self._shown = True
        self.remove_button.setEnabled(bool(entries))

    def _selected(self) -> PartnerDutyView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _picked(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        day = entry.duty_date
        self.day.setDate(QDate(day.year, day.month, day.day))
        for key in ("person", "mobile", "leader", "leader_mobile"):
            self.inputs[key].setText(getattr(entry, key))  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        return {"duty_date": picked(self.day), "person": self.person.text(),
                "mobile": self.mobile.text(), "leader": self.leader.text(),
                "leader_mobile": self.leader_mobile.text()}

    def save_day(self) -> None:
        (Op(self, self.runner, partner_duty_service.put_entry, self.uow, self.department.id,
            self.values(), title=tr("未保存")).success(self._saved).run_in_background())

    def _saved(self, entry: PartnerDutyView) -> None:
        self.status.setText(tr("已保存 {0} 的值班人员。").format(entry.duty_date.isoformat()))
        for key in ("person", "mobile", "leader", "leader_mobile"):
            self.inputs[key].clear()  # type: ignore[attr-defined]
        self.day.setDate(self.day.date().addDays(1))  # the next day, as a roster is typed
        self.person.setFocus()
        self.refresh()

    def remove_day(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        (Op(self, self.runner, partner_duty_service.remove_entry, self.uow, entry.id,
            title=tr("未删除")).success(lambda _: self.refresh()).run_in_background())

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("导入值班备勤表"), "", ROSTER_FILTER)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        (Op(self, self.runner, partner_duty_service.import_roster_file, self.uow,
            self.department.id, path, title=tr("导入未完成，没有保存任何内容"))
         .success(self._imported).run_in_background())

    def _imported(self, days: int) -> None:
        self.status.setText(tr("已导入 {0} 天的值班人员。").format(days))
        self.refresh()


class DutyDialog(RecordDialog):
    """One line of 职责分工: a kind of incident, the lead department, those supporting."""

    def __init__(self, runner: Runner | SyncRunner, save: Save,
                 departments: Sequence[DepartmentView], line: DutyView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("编辑职责分工") if line else tr("新增职责分工"), runner, save, parent)
        self.setMinimumWidth(560)
        self.category = combo_box([(tr_label(CATEGORY_LABELS[c]), c.value) for c in Category],
                                  line.category.value if line else None)
        self.add_field("category", tr("类别"), self.category, True)
        self.subtype = combo_box([])
        self.add_field("subtype", tr("子类"), self.subtype)
        self.category.currentIndexChanged.connect(self._fill_subtypes)
        self._fill_subtypes()
        if line is not None:
            self.subtype.setCurrentIndex(max(self.subtype.findData(line.subtype), 0))
            self.category.setEnabled(False)
            self.subtype.setEnabled(False)
        names = [d.name for d in departments if d.active]
        self.lead = combo_box([(n, n) for n in names], line.lead if line else None)
        self.add_field("lead", tr("牵头单位"), self.lead, True)
        self.support = QListWidget()
        self.support.setMinimumHeight(220)
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if line and name in line.support
                               else Qt.CheckState.Unchecked)
            self.support.addItem(item)
        self.add_field("support", tr("配合单位"), self.support)

    def _fill_subtypes(self) -> None:
        self.subtype.clear()
        self.subtype.addItem(tr("（整个类别）"), "")
        for name in SUBTYPES[Category(self.category.currentData())]:
            self.subtype.addItem(name, name)

    def values(self) -> dict[str, Any]:
        chosen = [self.support.item(i).text() for i in range(self.support.count())
                  if self.support.item(i).checkState() == Qt.CheckState.Checked]
        return {"category": self.category.currentData(), "subtype": self.subtype.currentData(),
                "lead": self.lead.currentData(), "support": chosen}
