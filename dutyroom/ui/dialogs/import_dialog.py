"""Importing a file with a preview: choose it, see every row as it will be taken (the bad
ones marked), import only a file with no errors. The staff list and the holiday schedule
are imported this way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

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

from dutyroom.domain.calendar import DayKind
from dutyroom.services import import_export, responsible_service, roster_files
from dutyroom.services.errors import Problem
from dutyroom.services.import_export import StaffPreview, StaffRow
from dutyroom.services.responsible_service import ImportPreview, ImportRow
from dutyroom.services.roster_files import CalendarPreview
from dutyroom.services.uow import Outcome, UnitOfWork
from dutyroom.ui.i18n import tr, tr_label, tr_text
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import (
    action_row,
    button,
    error_text,
    fit_to_screen,
    hint_label,
    weekday_name,
)

BAD_ROW = QColor("#fdecea")
CHANGED_ROW = QColor("#fff4e0")
COLUMNS_HELP = (tr("表头需包含：姓名、值班层级（主要领导 / 带班领导 / 值班员）、手机（11 位）；"
                "可选：部门、职务、办公电话。支持 .xlsx 和 .csv（UTF-8 或 GBK）。"
                "任何一行有误则整个文件不导入。"))
CALENDAR_HELP = tr("国务院每年公布的节假日安排：CSV（列 date,kind,name，kind 为 holiday 或 "
                   "adjusted_workday，格式见 resources/samples/节假日导入格式样例-2026.csv），"
                   "或节假日日历 .ics（每个全天事件为放假，标题含「班」的为调休上班）。"
                   "导入后这些日子以本室设定为准；任何一行有误则整个文件不导入。")

RESPONSIBLE_HELP = tr("表头需包含：村(社区)、岗位、姓名、手机（11 位）；可选：AB角（文件中或名单中"
                      "另一人的姓名）、备注。支持 .xlsx 和 .csv（UTF-8 或 GBK）。")
Row = TypeVar("Row")


def problems_by_row(problems: Sequence[Problem]) -> dict[int, str]:
    """Each row's problems as one line for the preview's 问题 column."""
    found: dict[int, str] = {}
    for problem in problems:
        if problem.row is not None:
            text = tr_text(replace(problem, row=None).describe())  # the row is the table's
            found[problem.row] = tr("；").join(filter(None, [found.get(problem.row), text]))
    return found


class FileImportDialog(QDialog, Generic[Row]):
    """The shared shape: hint, file chooser, preview table, summary, 导入 / 取消.

    A subclass names its columns, how to read a file into rows (off the UI thread) and
    how to import it."""

    title = ""
    help = ""
    file_filter = ""

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner, columns: list[Column[Row]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.title)
        fit_to_screen(self, 900, 560)
        self._uow, self._runner = uow, runner
        self.path: Path | None = None
        self.preview: Any = None
        self.imported = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(hint_label(self.help))
        chooser = QHBoxLayout()
        self.choose = button(tr("选择文件…"), "file")
        self.choose.clicked.connect(self._choose)
        self.file_label = QLabel(tr("尚未选择文件"))
        chooser.addWidget(self.choose)
        chooser.addWidget(self.file_label, 1)
        layout.addLayout(chooser)

        self.model: RecordTableModel[Row] = RecordTableModel(columns, tint=self.tint)
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

    # what each import does differently ---------------------------------------------------

    def tint(self, row: Row) -> QColor | None:
        return None

    def read(self, path: Path) -> Any:
        raise NotImplementedError

    def store(self, path: Path) -> Outcome[int]:
        raise NotImplementedError

    def show_preview(self, preview: Any) -> None:
        raise NotImplementedError

    # the shared steps ----------------------------------------------------------------------

    def show_checked(self, preview: Any, ok_text: str) -> None:
        """A preview whose rows were checked one by one: each row's problems beside it, then
        `ok_text` or every problem; 导入 only when nothing is wrong."""
        self._problems = problems_by_row(preview.problems)
        self.model.set_records(preview.rows)
        if preview.ok:
            self.say(ok_text)
        else:
            self.refuse(preview.problems)
        self.confirm.setEnabled(preview.ok)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.title, "", self.file_filter)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read and check the file off the UI thread, then show what would be imported."""
        self.path = path
        self.file_label.setText(str(path))
        self.confirm.setEnabled(False)
        self.summary.setText(tr("正在读取…"))
        Op(self, self._runner, self.read, path).success(self._show) \
            .failure(self._unreadable, shown=True).run_in_background()

    def _show(self, preview: Any) -> None:
        self.preview = preview
        self.show_preview(preview)

    def say(self, text: str, *, bad: bool = False) -> None:
        self.summary.setStyleSheet("color: #c0392b;" if bad else "")
        self.summary.setText(text)

    def refuse(self, problems: Sequence[Problem]) -> None:
        """The file's errors, the first few listed: nothing will be imported."""
        listed = "\n".join(tr_text(p.describe()) for p in problems[:8])
        more = len(problems) - 8
        self.say(tr("发现 {0} 处错误，整个文件不会导入，请改正后重新选择：\n{1}").format(
                     len(problems), listed) + (tr("\n……另有 {0} 处").format(more) if more > 0 else ""),
                 bad=True)
        self.confirm.setEnabled(False)

    def _unreadable(self, error: BaseException) -> None:
        self.preview = None
        self.model.set_records([])
        problems = getattr(error, "problems", None)
        if problems and any(p.row is not None for p in problems):  # the file's rows are wrong
            self.refuse(problems)
        else:
            self.say(tr("无法导入：{0}").format(error_text(error)), bad=True)

    def _import(self) -> None:
        if self.path is None:
            return
        self.confirm.setEnabled(False)
        Op(self, self._runner, self.store, self.path).success(self._imported) \
            .failure(self._unreadable, shown=True).run_in_background()

    def _imported(self, count: int) -> None:
        self.imported = count
        self.accept()


class ImportStaffDialog(FileImportDialog[StaffRow]):
    """The staff list from Excel or CSV, every row checked before anything is imported."""

    title = tr("导入人员")
    help = COLUMNS_HELP
    file_filter = tr("表格文件 (*.xlsx *.csv);;所有文件 (*)")

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner,
                 parent: QWidget | None = None) -> None:
        self._problems: dict[int, str] = {}
        super().__init__(uow, runner, [
            Column(tr("行"), lambda r: r.row),
            Column(tr("姓名"), lambda r: r.cells.get("name", "")),
            Column(tr("值班层级"), lambda r: tr_label(r.fields.tier.label) if r.fields
                   else r.cells.get("tier", "")),
            Column(tr("手机"), lambda r: r.cells.get("mobile", "")),
            Column(tr("部门"), lambda r: r.cells.get("department", "")),
            Column(tr("职务"), lambda r: r.cells.get("position", "")),
            Column(tr("办公电话"), lambda r: r.cells.get("office_phone", "")),
            Column(tr("问题"), lambda r: self._problems.get(r.row, "")),
        ], parent)

    def tint(self, row: StaffRow) -> QColor | None:
        return BAD_ROW if row.row in self._problems else None

    def read(self, path: Path) -> StaffPreview:
        return import_export.preview_staff_file(self._uow, path)

    def store(self, path: Path) -> Outcome[int]:
        return import_export.import_staff_file(self._uow, path)

    def show_preview(self, preview: StaffPreview) -> None:
        self.show_checked(preview, tr("共 {0} 人，检查无误。点击「导入」加入通讯录。").format(
            len(preview.rows)))


def _cell(key: str) -> Callable[[ImportRow], str]:
    """A column showing the text of `key` as the file had it."""
    return lambda row: row.cells.get(key, "")


class ImportResponsibleDialog(FileImportDialog[ImportRow]):
    """The 基层责任人 list from Excel or CSV, every row checked before anything is imported."""

    title = tr("导入基层责任人")
    help = RESPONSIBLE_HELP
    file_filter = tr("表格文件 (*.xlsx *.csv);;所有文件 (*)")

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner,
                 parent: QWidget | None = None) -> None:
        self._problems: dict[int, str] = {}
        self._notices: dict[int, str] = {}  # rows to check that do not stop the import
        super().__init__(uow, runner, [
            Column(tr("行"), lambda r: r.row),
            *(Column(label, _cell(key)) for key, label in (
                ("village", tr("村(社区)")), ("role", tr("岗位")), ("name", tr("姓名")),
                ("mobile", tr("手机")), ("backup", tr("AB角")), ("notes", tr("备注")))),
            Column(tr("问题"), lambda r: self._problems.get(r.row, self._notices.get(r.row, ""))),
        ], parent)

    def tint(self, row: ImportRow) -> QColor | None:
        if row.row in self._problems:
            return BAD_ROW
        return CHANGED_ROW if row.row in self._notices else None

    def read(self, path: Path) -> ImportPreview:
        return responsible_service.preview_file(self._uow, path)

    def store(self, path: Path) -> Outcome[int]:
        return responsible_service.import_file(self._uow, path)

    def show_preview(self, preview: ImportPreview) -> None:
        self._problems = problems_by_row(preview.problems)
        self._notices = problems_by_row(preview.notices)
        self.model.set_records(preview.rows)
        if preview.ok and preview.notices:
            self.say(tr("共 {0} 人，没有错误，但有 {1} 行请核对（底色标出）：\n{2}\n"
                        "核对无误后点击「导入」。").format(
                len(preview.rows), len(preview.notices),
                "\n".join(tr_text(p.describe()) for p in preview.notices[:5])))
        elif preview.ok:
            self.say(tr("共 {0} 人，检查无误。点击「导入」加入责任人名单。").format(len(preview.rows)))
        else:
            self.refuse(preview.problems)
        self.confirm.setEnabled(preview.ok)


CalendarRow = tuple[date, DayKind, str]


class ImportCalendarDialog(FileImportDialog[CalendarRow]):
    """A year's holiday schedule (CSV or .ics) onto the rota's calendar, the days that will
    change shown before anything is written."""

    title = tr("导入节假日安排")
    help = CALENDAR_HELP
    file_filter = tr("节假日安排 (*.csv *.xlsx *.ics);;所有文件 (*)")

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner,
                 parent: QWidget | None = None) -> None:
        self._now: dict[date, str] = {}
        super().__init__(uow, runner, [
            Column(tr("日期"), lambda r: r[0], text=lambda r: r[0].isoformat()),
            Column(tr("星期"), lambda r: r[0].weekday(), text=lambda r: weekday_name(r[0])),
            Column(tr("现为"), lambda r: self._now.get(r[0], "")),
            Column(tr("导入后"), lambda r: r[1].value, text=lambda r: tr_label(r[1].label)),
            Column(tr("名称"), lambda r: r[2]),
        ], parent)

    def tint(self, row: CalendarRow) -> QColor | None:
        preview = self.preview
        if not isinstance(preview, CalendarPreview):
            return None
        info = preview.current.get(row[0])
        return CHANGED_ROW if info is None or info.kind != row[1] else None

    def read(self, path: Path) -> CalendarPreview:
        return roster_files.preview_calendar(self._uow, path)

    def store(self, path: Path) -> Outcome[int]:
        return roster_files.import_calendar(self._uow, path)

    def show_preview(self, preview: CalendarPreview) -> None:
        self._now = {day: tr_label(info.kind.label) + (tr("（推定）") if info.source.value ==
                                                        "assumed" else "")
                     for day, info in preview.current.items()}
        self.model.set_records(preview.entries)
        first, last = preview.entries[0][0], preview.entries[-1][0]
        self.say(tr("共 {0} 天（{1} 至 {2}），其中 {3} 天与现在不同（底色标出）。点击「导入」后，"
                    "排班按导入的安排计算。").format(len(preview.entries), first, last, preview.changes))
        self.confirm.setEnabled(True)

