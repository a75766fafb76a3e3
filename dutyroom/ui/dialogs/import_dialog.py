"""Import staff from Excel or CSV: preview every row, import only a file with no errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutyroom.services import import_export
from dutyroom.services.import_export import StaffPreview, StaffRow
from dutyroom.services.uow import Outcome, UnitOfWork
from dutyroom.ui.i18n import tr, tr_label, tr_text
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import action_row, button, error_text, fit_to_screen, hint_label

BAD_ROW = QColor("#fdecea")
COLUMNS_HELP = (tr("表头需包含：姓名、值班层级（主要领导 / 带班领导 / 值班员）、手机（11 位）；"
                "可选：部门、职务、办公电话。支持 .xlsx 和 .csv（UTF-8 或 GBK）。"
                "任何一行有误则整个文件不导入。"))


class ImportStaffDialog(QDialog):
    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("导入人员"))
        fit_to_screen(self, 900, 560)
        self._uow, self._runner = uow, runner
        self.path: Path | None = None
        self.preview: StaffPreview | None = None
        self.imported = 0
        self._problems: dict[int, str] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(hint_label(COLUMNS_HELP))
        chooser = QHBoxLayout()
        self.choose = button(tr("选择文件…"), "file")
        self.choose.clicked.connect(self._choose)
        self.file_label = QLabel(tr("尚未选择文件"))
        chooser.addWidget(self.choose)
        chooser.addWidget(self.file_label, 1)
        layout.addLayout(chooser)

        self.model: RecordTableModel[StaffRow] = RecordTableModel(
            [
                Column(tr("行"), lambda r: r.row),
                Column(tr("姓名"), lambda r: r.cells.get("name", "")),
                Column(tr("值班层级"), lambda r: tr_label(r.fields.tier.label) if r.fields
                       else r.cells.get("tier", "")),
                Column(tr("手机"), lambda r: r.cells.get("mobile", "")),
                Column(tr("部门"), lambda r: r.cells.get("department", "")),
                Column(tr("职务"), lambda r: r.cells.get("position", "")),
                Column(tr("办公电话"), lambda r: r.cells.get("office_phone", "")),
                Column(tr("问题"), lambda r: self._problems.get(r.row, "")),
            ],
            tint=lambda r: BAD_ROW if r.row in self._problems else None,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        actions, self.confirm = action_row(tr("导入"), "import", self._import, self.reject)
        self.confirm.setEnabled(False)
        layout.addWidget(actions)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("选择人员表"), "",
                                              tr("表格文件 (*.xlsx *.csv);;所有文件 (*)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read and check the file off the UI thread, then show what would be imported."""
        self.path = path
        self.file_label.setText(str(path))
        self.confirm.setEnabled(False)
        self.summary.setText(tr("正在读取…"))
        self._runner.run(import_export.preview_staff_file, self._uow, path,
                         done=self._show, failed=self._unreadable)

    def _show(self, preview: StaffPreview) -> None:
        self.preview = preview
        self._problems = {}
        for problem in preview.problems:
            if problem.row is not None:
                text = tr_text(replace(problem, row=None).describe())  # the row is the table's
                self._problems[problem.row] = tr("；").join(
                    filter(None, [self._problems.get(problem.row), text]))
        self.model.set_records(preview.rows)
        if preview.ok:
            self.summary.setStyleSheet("")
            self.summary.setText(tr("共 {0} 人，检查无误。点击「导入」加入通讯录。").format(
                                        len(preview.rows)))
        else:
            self.summary.setStyleSheet("color: #c0392b;")
            listed = "\n".join(tr_text(p.describe()) for p in preview.problems[:8])
            more = len(preview.problems) - 8
            self.summary.setText(
                tr("发现 {0} 处错误，整个文件不会导入，请改正后重新选择：\n{1}").format(
                       len(preview.problems), listed)
                + (tr("\n……另有 {0} 处").format(more) if more > 0 else ""))
        self.confirm.setEnabled(preview.ok)

    def _unreadable(self, error: BaseException) -> None:
        self.preview = None
        self.model.set_records([])
        self.summary.setStyleSheet("color: #c0392b;")
        self.summary.setText(tr("无法导入：{0}").format(error_text(error)))

    def _import(self) -> None:
        if self.path is None:
            return
        self.confirm.setEnabled(False)
        self._runner.run(import_export.import_staff_file, self._uow, self.path,
                         done=self._imported, failed=self._unreadable)

    def _imported(self, outcome: Outcome[int]) -> None:
        self.imported = outcome.value
        self.accept()
