"""Dialogs of the 排班 page: change a slot, generate a range, leave, sensitive periods,
statistics. Each saves through roster_service and shows what it refused, in Chinese."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, cast

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.roster import LEAVE_LABELS, TIER_ORDER, Category, Method, Seat
from dutyroom.domain.rota_solver import Cancelled, SolveControl
from dutyroom.domain.tiers import Tier
from dutyroom.services import leave_service, roster_calendar, roster_files, roster_service
from dutyroom.services.leave_service import LeaveView
from dutyroom.services.roster_calendar import PeriodView
from dutyroom.services.roster_records import StaffBrief
from dutyroom.services.roster_service import ChangeView, DutyCounts, GenerationReport
from dutyroom.services.staff_service import StaffView
from dutyroom.services.uow import Outcome, UnitOfWork
from dutyroom.ui.i18n import tr, tr_label, tr_text
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import (
    action_row,
    button,
    close_row,
    error_text,
    fit_to_screen,
    hint_label,
    table_view,
)

AnyRunner = Runner | SyncRunner


def date_edit(day: date) -> QDateEdit:
    widget = QDateEdit(QDate(day.year, day.month, day.day))
    widget.setCalendarPopup(True)
    widget.setDisplayFormat("yyyy-MM-dd")
    return widget


def picked(widget: QDateEdit) -> date:
    return cast(date, widget.date().toPython())


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    return label


class SlotDialog(QDialog):
    """Assign, substitute (代班) or swap (换班) one slot, recording who asked and why."""

    MODES: ClassVar[list[tuple[str, str]]] = [
        ("assign", tr("安排 / 更换")), ("substitute", tr("代班（他人代值此班）")),
        ("swap", tr("换班（与另一天对调）")), ("clear", tr("取消此班次"))]

    def __init__(self, uow: UnitOfWork, runner: AnyRunner, day: date, seat: Seat,
                 current: StaffBrief | None, people: list[StaffView], chief_may_lead: bool,
                 parent: QWidget | None = None, others: list[int] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("{0}月{1}日 {2}").format(day.month, day.day, tr_label(seat.label)))
        self.setMinimumWidth(480)
        self.uow, self.runner, self.day, self.seat = uow, runner, day, seat
        tier = seat.tier
        self.warnings: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.addWidget(QLabel(tr("当前：{0} {1}").format(current.name, current.mobile) if current
                                else tr("当前：未安排")))
        form = QFormLayout()
        self.mode = QComboBox()
        for key, label in self.MODES:
            self.mode.addItem(label, key)
        if current is None:  # nobody to stand in for, nothing to clear (roster.check_substitute)
            items = self.mode.model()
            for key in ("substitute", "clear"):
                items.item(self.mode.findData(key)).setEnabled(False)  # type: ignore[attr-defined]
        form.addRow(tr("变更类型："), self.mode)
        self.person = QComboBox()
        busy = set(others or ())  # on duty in another seat that day: one seat a day each
        for p in people:
            if p.active and p.id not in busy and (p.tier is tier or (
                    chief_may_lead and tier is Tier.LEADER and p.tier is Tier.CHIEF)):
                self.person.addItem(tr("{0}（{1}）{2}").format(p.name, tr_label(p.tier_label), p.mobile),
                                    p.id)
        if current is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(current.id)))
        form.addRow(tr("值班人员："), self.person)
        self.other_day = date_edit(day)
        form.addRow(tr("对调的日期："), self.other_day)
        self.requested_by = QLineEdit()
        self.requested_by.setPlaceholderText(tr("提出调整的人"))
        # The approver is the account logged in (its right checked as stored when saving),
        # never a name typed in; the service refuses one approving their own swap.
        self.approver = tr("{0}（当前登录的账户）").format(uow.actor)
        self.approved_by = QLabel(self.approver)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("换班、代班须填写"))
        form.addRow(tr("申请人："), self.requested_by)
        form.addRow(tr("批准人："), self.approved_by)
        form.addRow(tr("原因："), self.reason)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        actions, self.save = action_row(tr("保存"), "save", self.submit, self.reject)
        layout.addWidget(actions)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.person.setEnabled(mode in ("assign", "substitute"))
        self.other_day.setEnabled(mode == "swap")
        # Only a swap or a substitute is approved (and records an approver).
        self.approved_by.setText(self.approver if mode in ("swap", "substitute")
                                 else tr("不需要（安排、更换、取消不经批准）"))

    def submit(self) -> None:
        mode = self.mode.currentData()
        details: dict[str, Any] = {"requested_by": self.requested_by.text(),
                                   "reason": self.reason.text()}
        details["slot"] = self.seat.index
        if mode == "swap":
            call: Any = (roster_service.swap, self.uow, self.day, picked(self.other_day),
                         self.seat.tier)
        else:
            staff_id = None if mode == "clear" else self.person.currentData()
            if mode != "clear" and staff_id is None:
                self.error.setText(tr("没有可安排的{0}").format(tr_label(self.seat.tier.label)))
                return
            call = (roster_service.assign, self.uow, self.day, self.seat.tier, staff_id)
            details["kind"] = "assign" if mode == "clear" else mode
        fn, *args = call
        self.save.setEnabled(False)
        Op(self, self.runner, lambda: fn(*args, **details)).success(self._saved) \
            .failure(self._failed, shown=True).run_in_background()

    def _saved(self, warnings: list[str]) -> None:
        self.save.setEnabled(True)
        self.warnings = warnings
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save.setEnabled(True)
        self.error.setText(error_text(error))


FAIRNESS_COLUMNS: list[Column[DutyCounts]] = [
    Column(tr("姓名"), lambda r: r.staff.name),
    Column(tr("层级"), lambda r: TIER_ORDER.index(r.staff.tier), text=lambda r: tr_label(r.staff.tier.label)),
    Column(tr("工作日"), lambda r: r.workday),
    Column(tr("周末"), lambda r: r.weekend),
    Column(tr("节假日"), lambda r: r.holiday),
    Column(tr("合计"), lambda r: r.total),
    Column(tr("加权工作量（含前一年）"), lambda r: r.load),
]
STAGE_LABELS = {"fewest_empty": tr("求最少空班"), "fewest_second": tr("求双人值班空缺最少"),
                "balance": tr("均衡各类班次"),
                "load": tr("均衡加权工作量"), "requests": tr("照顾个人请求"),
                "rotation": tr("保持轮换顺序")}
PROVEN_LABELS = {"fewest_empty": tr("空班最少"), "fewest_second": tr("双人值班空缺最少"),
                 "balance": tr("同类班次最均衡"),
                 "load": tr("加权工作量最均衡")}
PROGRESS_AFTER_MS = 400  # a preview quicker than this shows no progress at all


class GenerateDialog(QDialog):
    """Preview a generated rota and its fairness table before anything is saved.

    The search runs on the task runner; past a moment a progress bar with the step and the
    time used appears, with a button that stops it. What is saved is exactly the preview.
    """

    def __init__(self, uow: UnitOfWork, runner: AnyRunner, start: date, end: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("自动排班"))
        fit_to_screen(self, 860, 660)
        self.uow, self.runner = uow, runner
        self.report: GenerationReport | None = None
        self.control: SolveControl | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.addWidget(hint_label(
            tr("只填补范围内尚未安排的班次；手工安排、换班和已排的班次保持不变。"
               "先求空班最少，再求公平（同类班次和加权工作量，计入此前一年），再照顾个人的尽量不排请求。"
               "先预览，确认后保存的就是预览的排班。")))
        bar = QHBoxLayout()
        self.start, self.end = date_edit(start), date_edit(end)
        bar.addWidget(QLabel(tr("从")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(tr("至")))
        bar.addWidget(self.end)
        self.preview_button = button(tr("预览"), "roster")
        self.preview_button.clicked.connect(self.preview)
        bar.addWidget(self.preview_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        progress = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        self.cancel_button = button(tr("停止"), "power", tooltip=tr("停止计算，不生成排班"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.progress, self.progress_text, self.cancel_button):
            progress.addWidget(widget)
        self.progress_row = QWidget()
        self.progress_row.setLayout(progress)
        progress.setContentsMargins(0, 0, 0, 0)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)
        self.timer = QTimer(self)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self._tick)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.unfilled = QListWidget()
        self.unfilled.setWordWrap(True)
        self.unfilled.setStyleSheet("color: #c0392b;")
        self.unfilled.hide()
        layout.addWidget(self.unfilled)
        layout.addWidget(QLabel(tr("<b>公平性</b>（范围内每人班次，含已安排的；加权工作量含此前一年，"
                                   "权重见设置，默认工作日 1、周末 2、节假日 3）")))
        self.model: RecordTableModel[DutyCounts] = RecordTableModel(FAIRNESS_COLUMNS)
        layout.addWidget(table_view(self.model), 1)
        self.error = error_label()
        layout.addWidget(self.error)
        actions, self.save = action_row(tr("保存排班"), "save", self.apply, self.reject)
        self.save.setEnabled(False)
        layout.addWidget(actions)

    def _range(self) -> tuple[date, date]:
        return picked(self.start), picked(self.end)

    def preview(self) -> None:
        self.error.clear()
        self.save.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.report = None
        self.control = SolveControl()
        self.timer.start()
        Op(self, self.runner, _preview, self.uow, *self._range(), self.control) \
            .success(self._show).failure(self._failed, shown=True).run_in_background()

    def _tick(self) -> None:
        control = self.control
        if control is None or control.elapsed * 1000 < PROGRESS_AFTER_MS:
            return
        self.progress_row.show()
        self.progress.setValue(min(1000, int(1000 * control.elapsed / max(control.limit, 0.1))))
        step = STAGE_LABELS.get(control.stage, tr("读取值班表"))
        self.progress_text.setText(tr("第 {0}/{1} 步：{2}（已用 {3:.0f} 秒，时限 {4:.0f} 秒）").format(
            max(control.step, 1), len(STAGE_LABELS), step, control.elapsed, control.limit))

    def _finished(self) -> None:
        self.timer.stop()
        self.control = None
        self.progress_row.hide()
        self.preview_button.setEnabled(True)

    def cancel(self) -> None:
        if self.control is not None:
            self.control.cancel()
            self.progress_text.setText(tr("正在停止…"))

    def reject(self) -> None:
        self.cancel()  # closing the window stops the search too
        super().reject()

    def _show(self, report: GenerationReport | None) -> None:
        self._finished()
        if report is None:
            self.error.setText(tr("已停止，没有生成排班。"))
            return
        self.report = report
        if not report.assignments and not report.unfilled:
            self.summary.setText(tr("{0} 至 {1} 的 {2} 个班次都已安排，没有需要新排的班次：自动排班只填补空"
                                    "班次，已有的安排保持不变。要重排某一天，请在月历上点击该班次修改。").format(
                                        report.start, report.end, report.kept))
            self.model.set_records(report.fairness)
            self.unfilled.hide()
            self.save.setEnabled(False)
            return
        self.summary.setText(summary_text(report))
        self.unfilled.clear()
        self.unfilled.addItems([tr_text(u.describe()) for u in report.unfilled])
        self.unfilled.setVisible(bool(report.unfilled))
        # About as tall as its few entries need, each of which may wrap onto a second line
        # (the fairness table gets the rest), at most 130 px.
        line = self.unfilled.fontMetrics().lineSpacing()
        self.unfilled.setFixedHeight(min(130, 2 * line * min(self.unfilled.count(), 3)
                                         + 2 * self.unfilled.frameWidth() + 8))
        self.model.set_records(report.fairness)
        self.save.setEnabled(bool(report.assignments))

    def apply(self) -> None:
        if self.report is None:
            return
        self.save.setEnabled(False)
        Op(self, self.runner, roster_service.apply_generation, self.uow, self.report) \
            .success(self._saved).failure(self._failed, shown=True).run_in_background()

    def _saved(self, report: GenerationReport) -> None:
        self.report = report
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._finished()
        self.error.setText(error_text(error))


def _preview(uow: UnitOfWork, start: date, end: date, control: SolveControl
             ) -> GenerationReport | None:
    """The preview, or None when the person stopped it (stopping is no error to report)."""
    try:
        return roster_service.preview_generation(uow, start, end, control)
    except Cancelled:
        return None


def summary_text(report: GenerationReport) -> str:
    """What the preview promises, and no more than was proven."""
    lines = [tr("将新排 {0} 个班次（已安排的 {1} 个保持不变）。").format(len(report.assignments),
                                                                 report.kept)]
    gaps = len(report.unfilled)
    seconds = sum(1 for u in report.unfilled if u.seat.index)
    proven = report.min_empty == gaps - seconds and (not seconds or report.min_second == seconds)
    if not gaps:
        lines.append(tr("所有班次均可排上。"))
    elif proven and not seconds:
        lines.append(tr("有 {0} 个班次排不上（见下，红色）；已证明任何排法都至少空 {0} 个。").format(gaps))
    elif proven:
        lines.append(tr("有 {0} 个班次排不上（见下，红色），其中 {1} 个是双人值班的第二名值班员；"
                        "已证明先保证每天都有人值班、再排第二名值班员，不能更少。").format(gaps, seconds))
    else:
        lines.append(tr("有 {0} 个班次排不上（见下，红色）；未证明不能更少。").format(gaps))
    if report.method is Method.OPTIMAL:
        lines.append(tr("已证明最优：空班最少，其次同类班次最均衡，再次加权工作量最均衡。"))
    elif report.method is Method.BEST_FOUND:
        goals = [PROVEN_LABELS[s] for s in report.proven if s in PROVEN_LABELS]
        if goals:
            lines.append(tr("这是限时内找到的最佳排班，未证明最优（已证明：{0}）。").format(
                tr("、").join(goals)))
        else:
            lines.append(tr("这是限时内找到的最佳排班，未证明最优。"))
    else:
        lines.append(tr_text(report.note))
    worst = max(report.spreads.values(), default=0)
    unfair = [tr("{0}{1}相差 {2}").format(tr_label(t.label), tr_label(c.label), n)
              for (t, c), n in report.spreads.items() if n > 1]
    lines.append(tr("同层级同类班次（计入此前一年）最多相差 {0} 次。").format(worst) if not unfair
                 else tr("注意：计入此前一年，") + tr("，").join(unfair) + tr("（受请假、轮休或人数所限）。"))
    if report.load_spreads:
        lines.append(tr("加权工作量（计入此前一年）同层级相差：{0}。").format(tr("，").join(
            f"{tr_label(t.label)} {n}" for t, n in report.load_spreads.items())))
    if report.unhonoured:
        lines.append(tr("未能照顾的尽量不排请求：{0}（照顾会多空班或更不公平）。").format(tr("，").join(
            f"{person.name} {day:%m-%d}" for day, person in report.unhonoured)))
    if report.assumed_holidays:
        years = sorted({d.day.year for d in report.assumed_holidays})
        lines.append(tr("⚠ 范围内有 {0} 个推定的法定节假日（{1} 年尚无国务院通知，按放假办法推定）；"
                        "通知公布后请核对调休和连休。").format(len(report.assumed_holidays),
                                                  tr("、").join(map(str, years))))
    return "\n".join(lines)


class _ListEditor(QDialog):
    """A list with an add form under it and a remove button: leave and periods."""

    def __init__(self, title: str, uow: UnitOfWork, runner: AnyRunner,
                 remove: Callable[[UnitOfWork, int], Outcome[None]],
                 columns: list[Column[Any]], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.uow, self.runner, self.remove = uow, runner, remove
        self.model: RecordTableModel[Any] = RecordTableModel(columns)
        self.setWindowTitle(title)
        fit_to_screen(self, 760, 520)
        self.changed = False
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(22, 18, 22, 16)
        self.form = QHBoxLayout()
        self.error = error_label()

    def finish(self, view: QTableView, add_label: str) -> None:
        self.table = view
        self.layout_.addWidget(view, 1)
        remove = button(tr("删除所选"), "power")
        remove.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(remove)
        self.layout_.insertLayout(0, top)
        self.layout_.addWidget(QLabel(f"<b>{add_label}</b>"))
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(close_row(self.accept))

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.op(self.remove, self.uow, self.model.record(row).id).success(self.done_change) \
                .run_in_background()

    def op(self, fn: Callable[..., Any], *args: Any) -> Op:
        """`fn(*args)` on the runner; a refusal is shown under the form."""
        return Op(self, self.runner, fn, *args).failure(self.failed, shown=True)

    def done_change(self, _value: object = None) -> None:
        self.changed = True
        self.error.clear()
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def failed(self, error: BaseException) -> None:
        self.error.setText(error_text(error))


LEAVE_COLUMNS: list[Column[LeaveView]] = [
    Column(tr("姓名"), lambda x: x.staff.name),
    Column(tr("层级"), lambda x: TIER_ORDER.index(x.staff.tier), text=lambda x: tr_label(x.staff.tier.label)),
    Column(tr("类型"), lambda x: tr_label(x.kind_label)),
    Column(tr("开始"), lambda x: x.start.isoformat()),
    Column(tr("结束"), lambda x: x.end.isoformat()),
    Column(tr("事由"), lambda x: x.reason),
]


class LeaveDialog(_ListEditor):
    """请假、出差、培训: nobody is rostered while away."""

    def __init__(self, uow: UnitOfWork, runner: AnyRunner, start: date, end: date,
                 people: list[StaffView], parent: QWidget | None = None) -> None:
        super().__init__(tr("请假、出差、培训登记"), uow, runner, leave_service.remove_leave,
                         LEAVE_COLUMNS, parent)
        self.start, self.end = start, end
        self.layout_.addWidget(hint_label(tr(
            "{0} 至 {1} 期间的记录；请假、出差、培训排班时自动避开。「尽量不排」是个人希望不值班的日子"
            "（如孩子考试），在不多空班、不失公平时照顾，照顾不了的在排班预览中列出。").format(start, end)))
        self.person = QComboBox()
        for p in people:
            if p.active:
                self.person.addItem(tr("{0}（{1}）").format(p.name, tr_label(p.tier_label)), p.id)
        self.kind = QComboBox()
        for key, text in LEAVE_LABELS.items():
            self.kind.addItem(tr_label(text), key)
        self.first, self.last = date_edit(start), date_edit(start)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("事由"))
        self.reason.setMinimumWidth(160)
        fit_to_screen(self, 920, 540)
        add = button(tr("添加"), "add", primary=True)
        add.clicked.connect(self.add)
        for widget in (self.person, self.kind, self.first, QLabel(tr("至")), self.last, self.reason,
                       add):
            self.form.addWidget(widget)
        self.finish(table_view(self.model), tr("新增"))
        self.reload()

    def reload(self) -> None:
        self.op(leave_service.list_leaves, self.uow, self.start, self.end) \
            .success(self.model.set_records).run_in_background()

    def add(self) -> None:
        if self.person.currentData() is None:
            self.error.setText(tr("请先在通讯录中添加人员"))
            return
        self.op(leave_service.add_leave, self.uow, self.person.currentData(),
                self.kind.currentData(), picked(self.first), picked(self.last),
                self.reason.text()).success(self.done_change).run_in_background()


PERIOD_COLUMNS: list[Column[PeriodView]] = [
    Column(tr("名称"), lambda x: x.name),
    Column(tr("开始"), lambda x: x.start.isoformat()),
    Column(tr("结束"), lambda x: x.end.isoformat()),
]


class PeriodsDialog(_ListEditor):
    """特殊敏感时期: days that need holiday-level (三级) duty."""

    def __init__(self, uow: UnitOfWork, runner: AnyRunner, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("特殊敏感时期"), uow, runner, roster_calendar.remove_period,
                         PERIOD_COLUMNS, parent)
        self.layout_.addWidget(hint_label(tr("如重要会议、防汛关键期：这些日子按节假日标准三级值班。")))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("名称，如：防汛关键期"))
        self.first, self.last = date_edit(today), date_edit(today)
        add = button(tr("添加"), "add", primary=True)
        add.clicked.connect(self.add)
        for widget in (self.name, self.first, QLabel(tr("至")), self.last, add):
            self.form.addWidget(widget)
        self.finish(table_view(self.model), tr("新增敏感时期"))
        self.reload()

    def reload(self) -> None:
        self.op(roster_calendar.list_periods, self.uow).success(self.model.set_records) \
            .run_in_background()

    def add(self) -> None:
        self.op(roster_calendar.add_period, self.uow, self.name.text(), picked(self.first),
                picked(self.last)).success(self.done_change).run_in_background()


def stats_columns() -> list[Column[DutyCounts]]:
    """Made when the dialog opens, in the window's language (every heading translated)."""
    return [
        Column(tr("姓名"), lambda r: r.staff.name),
        Column(tr("层级"), lambda r: TIER_ORDER.index(r.staff.tier),
               text=lambda r: tr_label(r.staff.tier.label)),
        Column(tr("手机"), lambda r: r.staff.mobile),
        Column(tr_label(Category.WORKDAY.label), lambda r: r.workday),
        Column(tr_label(Category.WEEKEND.label), lambda r: r.weekend),
        Column(tr_label(Category.HOLIDAY.label), lambda r: r.holiday),
        Column(tr("合计"), lambda r: r.total),
        Column(tr("应补休（天）"), lambda r: r.comp_days),
    ]


class StatsDialog(QDialog):
    """Duties per person and comp days earned, exportable for duty allowances."""

    def __init__(self, uow: UnitOfWork, runner: AnyRunner, start: date, end: date, unit: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("值班统计"))
        fit_to_screen(self, 780, 560)
        self.uow, self.runner, self.unit = uow, runner, unit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        bar = QHBoxLayout()
        self.start, self.end = date_edit(start), date_edit(end)
        count = button(tr("统计"), "roster", primary=True)
        count.clicked.connect(self.reload)
        self.export_button = button(tr("导出 Excel…"), "import")
        self.export_button.clicked.connect(self.export)
        for widget in (QLabel(tr("从")), self.start, QLabel(tr("至")), self.end, count):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.model: RecordTableModel[DutyCounts] = RecordTableModel(stats_columns())
        view = table_view(self.model)
        view.setSortingEnabled(False)
        layout.addWidget(view, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        self.reload()

    def reload(self) -> None:
        self.error.clear()
        Op(self, self.runner, roster_service.statistics, self.uow, picked(self.start),
           picked(self.end)).success(self.model.set_records) \
            .failure(self._failed, shown=True).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_text(error))

    def export(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, tr("导出值班统计"), tr("值班统计.xlsx"),
                                                  tr("Excel 工作簿 (*.xlsx)"))
            if not name:
                return
            path = Path(name)
        Op(self, self.runner, roster_files.export_statistics, self.model.records(),
           picked(self.start), picked(self.end), self.unit, path) \
            .success(lambda out: QMessageBox.information(
                self, tr("已导出"), tr("已保存到 {0}").format(out))) \
            .failure(self._failed, shown=True).run_in_background()


CHANGE_COLUMNS: list[Column[ChangeView]] = [
    Column(tr("日期"), lambda c: c.day.isoformat()),
    Column(tr("岗位"), lambda c: TIER_ORDER.index(c.seat.tier) * 10 + c.seat.index,
           text=lambda c: tr_label(c.seat.label)),
    Column(tr("类型"), lambda c: c.kind),
    Column(tr("原值班人"), lambda c: c.old),
    Column(tr("现值班人"), lambda c: c.new),
    Column(tr("申请人"), lambda c: c.requested_by),
    Column(tr("批准人"), lambda c: c.approved_by),
    Column(tr("原因"), lambda c: c.reason),
    Column(tr("记录时间"), lambda c: c.at, text=lambda c: f"{c.at:%Y-%m-%d %H:%M} UTC"),
    Column(tr("记录人"), lambda c: c.recorded_by),
]


class ChangesDialog(QDialog):
    """Every hand change to the rota in a range: who asked, who approved, when and why."""

    def __init__(self, uow: UnitOfWork, runner: AnyRunner, start: date, end: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("排班调整记录（{0} 至 {1}）").format(start, end))
        fit_to_screen(self, 1000, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        self.model: RecordTableModel[ChangeView] = RecordTableModel(CHANGE_COLUMNS)
        layout.addWidget(table_view(self.model), 1)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(close_row(self.accept))
        Op(self, runner, roster_service.changes, uow, start, end) \
            .success(self.model.set_records) \
            .failure(lambda e: self.error.setText(error_text(e)), shown=True).run_in_background()
