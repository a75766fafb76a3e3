"""预警: warnings received, and the relay board where the officer works through the list of
people to reach, one key per call.

The board is built for speed at night: the keys act on the selected row (A answered,
N no answer, B the AB角 answered, S / W a text or a group post to the whole village) and
the selection then moves to the next person still to be reached; the countdown to the
relay deadline is always in view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.attachments import OwnerKind
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.warnings import (
    ACTION_LABELS,
    CHANNEL_LABELS,
    COLOUR_LABELS,
    STATUS_LABELS,
    Channel,
    Colour,
    RowState,
    Status,
)
from dutyroom.services import warning_record, warning_service
from dutyroom.services.uow import Changes, UnitOfWork
from dutyroom.services.warning_readers import Target, WarningView
from dutyroom.services.warning_service import Board
from dutyroom.ui.acting import Acting
from dutyroom.ui.attachments import AttachmentPanel
from dutyroom.ui.dialogs.instruction_dialogs import open_instructions
from dutyroom.ui.dialogs.pdf_preview import preview_later
from dutyroom.ui.dialogs.warning_dialog import WarningDialog
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.pages.base import Page
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.theme import DANGER, MUTED
from dutyroom.ui.widgets import (
    PAGE_MARGINS,
    button,
    hint_label,
    menu_button,
    table_view,
    title_label,
)

COLOUR_INK = {Colour.RED: "#c0392b", Colour.ORANGE: "#d35400", Colour.YELLOW: "#9a7d0a",
              Colour.BLUE: "#2e86c1"}
REACHED = "#1e8449"
UNREACHED_ROW = QColor("#fdecea")
LIST_WIDTH, LIST_WIDTH_MAX = 310, 480  # the list of warnings beside the board


def _title(w: WarningView) -> str:
    return tr("{0}{1}预警").format(tr_label(w.type), tr_label(COLOUR_LABELS[w.colour]))


def _progress(w: WarningView) -> str:
    if w.to_reach == 0:
        return tr("无需叫应")
    return tr("{0}/{1}").format(w.reached, w.to_reach)


def _clock(seconds: float) -> str:
    seconds = int(abs(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class WarningPage(Page):
    title = tr("预警")
    icon_name = "warning"
    help_topic = "warnings"

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner,
                 now: Callable[[], datetime]) -> None:
        super().__init__()
        self.acting, self.runner, self.now = Acting.of(uow), runner, now
        self.zone = ZoneInfo("Asia/Shanghai")
        self.villages: tuple[str, ...] = ()
        self.board: Board | None = None
        self._pending_select: int | None = None
        self._quiet = False  # a selection the page makes itself reads no board

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        top = QHBoxLayout()
        top.addWidget(title_label(tr("预警信息接收与叫应")))
        top.addStretch(1)
        self.show_closed = QCheckBox(tr("显示已结束"))
        self.show_closed.toggled.connect(lambda _on: self.refresh(Changes(warnings=True)))
        self.add_button = button(tr("登记预警"), "add", primary=True, tooltip="Ctrl+N")
        self.follow_button = button(tr("后续通知"), "edit", tooltip=tr("更新、升级或降级"))
        self.cancel_button = button(tr("解除预警"), "x-circle")
        self.print_button, menu = menu_button(tr("打印/导出"), "printer")
        menu.addAction(tr("预警信息接收及叫应记录…"), self.print_record)
        menu.addAction(tr("导出 Excel（报县）…"), self.export_record)
        self.add_button.clicked.connect(self.new_warning)
        self.follow_button.clicked.connect(lambda: self._follow_up(False))
        self.cancel_button.clicked.connect(lambda: self._follow_up(True))
        for widget in (self.show_closed, self.add_button, self.follow_button, self.cancel_button,
                       self.print_button):
            top.addWidget(widget)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.list_model: RecordTableModel[WarningView] = RecordTableModel([
            Column(tr("预警名称"), lambda w: w.id, text=_title,
                   colour=lambda w: COLOUR_INK[w.colour]),
            Column(tr("状态"), lambda w: w.status.value,
                   text=lambda w: tr_label(STATUS_LABELS[w.status])
                   if w.action.value != "cancel" else tr_label(ACTION_LABELS[w.action])),
            Column(tr("叫应"), lambda w: w.reached, text=_progress,
                   colour=lambda w: None if w.done else DANGER),
            Column(tr("收到"), lambda w: w.received_at,
                   text=lambda w: f"{w.received_at.astimezone(self.zone):%m-%d %H:%M}"),
        ], lambda w: w.status == Status.ACTIVE)
        self.list_view = table_view(self.list_model, stretch=0)
        self.list_view.selectionModel().selectionChanged.connect(self._list_selected)
        self.list_view.setMinimumWidth(300)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_view, 1)
        # The notice itself (a fax, a screenshot of the 预警 text) kept with the warning.
        self.files = AttachmentPanel(self.acting, self.runner, OwnerKind.WARNING.value,
                                     narrow=True)
        left_layout.addWidget(self.files)
        splitter.addWidget(left)

        right = QWidget()
        board = QVBoxLayout(right)
        board.setContentsMargins(12, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("cardTitle")
        self.heading.setWordWrap(True)
        # The leaders' instructions on the warning shown, beside its name.
        self.instruction_button = button(tr("批示督办"), "log", tooltip=tr("登记和督办领导批示（Ctrl+I）"))
        self.instruction_button.clicked.connect(self.instructions)
        QShortcut(QKeySequence("Ctrl+I"), self, self.instructions)
        named = QHBoxLayout()
        named.addWidget(self.heading, 1)
        named.addWidget(self.instruction_button)
        board.addLayout(named)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setObjectName("hint")
        board.addWidget(self.details)
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        board.addWidget(self.countdown)
        self.model: RecordTableModel[Target] = RecordTableModel([
            Column(tr("村(社区)"), lambda t: t.village),
            Column(tr("岗位"), lambda t: t.role, text=lambda t: tr_label(t.role)),
            Column(tr("姓名"), lambda t: t.name),
            Column(tr("手机"), lambda t: t.mobile),
            Column(tr("AB角"), lambda t: t.backup_name,
                   text=lambda t: f"{t.backup_name} {t.backup_mobile}".strip()),
            Column(tr("状态"), lambda t: t.row.state.value, text=self._state_text,
                   colour=lambda t: REACHED if t.reached else DANGER),
            Column(tr("最近联系"), lambda t: t.attempts[-1].at if t.attempts else None,
                   text=self._last_attempt),
        ], tint=self._tint)
        self.table = table_view(self.model, stretch=5)
        self.table.setSortingEnabled(False)
        # Fitted once per warning shown, not on every key press: measuring 180 rows at
        # each change of selection was most of the time an attempt took to show.
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != 5:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._fitted_for: int | None = None
        board.addWidget(self.table, 1)

        keys = QHBoxLayout()
        self.channel = QComboBox()
        for channel in (Channel.PHONE, Channel.VISIT, Channel.BROADCAST):
            self.channel.addItem(tr_label(CHANNEL_LABELS[channel]), channel.value)
        self.channel.setToolTip(tr("联系方式（默认电话）"))
        keys.addWidget(self.channel)
        self.answered_button = button(tr("已应答 A"), "check", primary=True,
                                      tooltip=tr("所选责任人已接听并确认（按 A）"))
        self.no_answer_button = button(tr("未接通 N"), "phone", tooltip=tr("呼叫未接通（按 N）"))
        self.backup_button = button(tr("AB角应答 B"), "user-check",
                                    tooltip=tr("所选责任人的 AB角已接听并确认（按 B）"))
        self.sms_button = button(tr("短信已发 S"),
                                 tooltip=tr("所选村(社区)未叫应的人均已发短信，不算应答（按 S）"))
        self.wechat_button = button(tr("微信已发 W"),
                                    tooltip=tr("所选村(社区)的微信工作群已发，不算应答（按 W）"))
        self.answered_button.clicked.connect(lambda: self.record(True))
        self.no_answer_button.clicked.connect(lambda: self.record(False))
        self.backup_button.clicked.connect(lambda: self.record(True, backup=True))
        self.sms_button.clicked.connect(lambda: self.mark_village(Channel.SMS))
        self.wechat_button.clicked.connect(lambda: self.mark_village(Channel.WECHAT))
        for widget in (self.answered_button, self.no_answer_button, self.backup_button,
                       self.sms_button, self.wechat_button):
            keys.addWidget(widget)
        keys.addStretch(1)
        board.addLayout(keys)
        self.unreached = hint_label("")
        board.addWidget(self.unreached)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([LIST_WIDTH, 900])
        self.splitter = splitter
        self._split_by_hand = False  # once the officer drags the divider, it stays put
        splitter.splitterMoved.connect(lambda *_: setattr(self, "_split_by_hand", True))
        layout.addWidget(splitter, 1)

        # One key a call, read before the table's type-to-search takes the letter.
        self.keys: dict[int, Callable[[], None]] = {
            Qt.Key.Key_A: lambda: self.record(True),
            Qt.Key.Key_N: lambda: self.record(False),
            Qt.Key.Key_B: lambda: self.record(True, backup=True),
            Qt.Key.Key_S: lambda: self.mark_village(Channel.SMS),
            Qt.Key.Key_W: lambda: self.mark_village(Channel.WECHAT),
        }
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._row_selected)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._show_board(None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A wider screen widens the list of warnings too (a quarter of the width), so a long
        name such as 地质灾害气象风险黄色预警 is read whole instead of the board's 状态 column
        taking every spare pixel; on a 1280×720 screen the list keeps its 310."""
        super().resizeEvent(event)
        self._share_width()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._share_width()  # a page in the main window's stack is sized while hidden

    def _share_width(self) -> None:
        """From the page's own width (the splitter's is not laid out while the page is
        hidden), less its margins and the divider."""
        left_margin, _top, right_margin, _bottom = PAGE_MARGINS
        total = self.width() - left_margin - right_margin - self.splitter.handleWidth()
        if not self._split_by_hand and total > LIST_WIDTH:
            left = min(max(LIST_WIDTH, total // 4), LIST_WIDTH_MAX)
            self.splitter.setSizes([left, total - left])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            action = self.keys.get(event.key())
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    # --- reading -----------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is not None and not (changes.warnings or changes.responsible
                                        or changes.settings):
            return
        active = not self.show_closed.isChecked()
        moment = self.now()

        def load() -> tuple[list[WarningView], tuple[str, ...]]:
            from dutyroom.services import responsible_service

            villages = responsible_service.directory(self.uow, include_inactive=False).villages
            return warning_service.list_warnings(self.uow, active, moment), villages

        Op(self, self.runner, load, title=tr("读取失败")).success(self._listed).run_in_background()

    def apply_settings(self, settings: DeskSettings) -> None:
        self.zone = self.files.zone = settings.zone

    def _listed(self, loaded: tuple[list[WarningView], tuple[str, ...]]) -> None:
        warnings, self.villages = loaded
        current = self._pending_select or (self.board.warning.id if self.board else None)
        self._pending_select = None
        self.list_model.set_records(warnings)
        ids = [w.id for w in warnings]
        row = ids.index(current) if current in ids else (0 if ids else -1)
        if row >= 0:
            self._quiet = True  # the board is read once, below
            self.list_view.selectRow(row)
            self._quiet = False
            self._load_board(ids[row])
        else:
            self._show_board(None)

    def open_warning(self, warning_id: int) -> None:
        """From an alert: the board of that warning, the focus on its first unreached row."""
        self._pending_select = warning_id
        if self.show_closed.isChecked() is False:
            self.show_closed.setChecked(True)  # a closed one still opens
        self.refresh(None)

    def _list_selected(self, *_args: object) -> None:
        if self._quiet:
            return
        rows = self.list_view.selectionModel().selectedRows()
        if rows:
            chosen = self.list_model.record(rows[0].row())
            if self.board is None or self.board.warning.id != chosen.id:
                self._load_board(chosen.id)

    def _load_board(self, warning_id: int, focus_person: int | None = None) -> None:
        moment = self.now()
        (Op(self, self.runner, warning_service.board, self.uow, warning_id, moment, title=tr("读取失败"))
         .success(lambda b: self._show_board(b, focus_person)).run_in_background())

    def _show_board(self, board: Board | None, after_person: int | None = None) -> None:
        shown = self.board.warning.id if self.board else None
        self.board = board
        if board is None or board.warning.id != shown:
            self.files.show_owner(board.warning.id if board else None, board is not None)
        if board is None:
            self.heading.setText(tr("没有生效中的预警"))
            self.details.setText(tr("收到预警后按 Ctrl+N 登记，系统按村(社区)和岗位生成叫应名单。"))
            self.model.set_records([])
        else:
            w = board.warning
            thread = tr(" → ").join(tr_label(ACTION_LABELS[v.action]) + f"#{v.id}"
                                    for v in board.thread)
            self.heading.setText(tr("{0}（{1}）").format(_title(w), tr_label(STATUS_LABELS[w.status])))
            self.heading.setStyleSheet(f"color: {COLOUR_INK[w.colour]};")
            valid = (f"{w.valid_until.astimezone(self.zone):%m-%d %H:%M}" if w.valid_until
                     else tr("未注明"))
            villages = (tr("全镇（{0} 个村(社区)）").format(len(w.villages))
                        if w.villages and set(w.villages) == set(self.villages)
                        else tr("、").join(w.villages))
            self.details.setText(tr("{0} {1} 发布，有效期至 {2}；涉及：{3}；通知：{4}").format(
                w.issuer, f"{w.issued_at.astimezone(self.zone):%m-%d %H:%M}", valid, villages,
                thread))
            previous = self._selected_target()
            self.model.set_records(board.targets)
            if self._fitted_for != w.id:
                for column in range(self.model.columnCount()):
                    if column != 5:
                        self.table.resizeColumnToContents(column)
                self._fitted_for = w.id
            if after_person is not None:
                self._select_next(after_person, skip_current=True)
            else:
                self._select_next(previous.person_id if previous else None, skip_current=False)
        self._update_controls()
        self._tick()

    def _tint(self, target: Target) -> QColor | None:
        late = (self.board is not None and self.board.warning.relay_due is not None
                and self.now() >= self.board.warning.relay_due)
        return UNREACHED_ROW if late and not target.reached and target.row.state != RowState.NOT_NEEDED \
            else None

    def _state_text(self, target: Target) -> str:
        row = target.row
        if row.state == RowState.NO_ANSWER:
            text = tr("未接通 {0} 次").format(row.failed)
            return text + (tr("，请叫 AB角") if row.offer_backup else "")
        text = tr_label(target.state_label)
        sent = [a for a in target.attempts if a.outcome.value == "sent"]
        if sent and not target.reached:
            text += tr("（{0}已发）").format(tr("、").join(
                dict.fromkeys(tr_label(CHANNEL_LABELS[a.channel]) for a in sent)))
        return text

    def _last_attempt(self, target: Target) -> str:
        if not target.attempts:
            return ""
        last = target.attempts[-1]
        return f"{last.at.astimezone(self.zone):%H:%M:%S} {tr_label(CHANNEL_LABELS[last.channel])}"

    def _tick(self) -> None:
        board = self.board
        relay_due = board.warning.relay_due if board is not None else None
        if board is None or relay_due is None or board.warning.status != Status.ACTIVE:
            self.countdown.setText("" if board is None else
                                   tr("无需逐人叫应") if board.warning.to_reach == 0 else "")
            self.countdown.setStyleSheet("")
            return
        w = board.warning
        left = (relay_due - self.now()).total_seconds()
        due = f"{relay_due.astimezone(self.zone):%H:%M}"
        if w.done:
            text, colour = tr("已全部叫应：{0}/{1}").format(w.reached, w.to_reach), REACHED
        elif left >= 0:
            text = tr("叫应时限 {0}，还剩 {1}；已叫应 {2}/{3}").format(due, _clock(left), w.reached,
                                                                 w.to_reach)
            colour = MUTED if left > 60 else DANGER
        else:
            text = tr("已超过叫应时限 {0}（超时 {1}）；已叫应 {2}/{3}").format(due, _clock(left),
                                                                     w.reached, w.to_reach)
            colour = DANGER
        self.countdown.setText(text)
        self.countdown.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: 15px;")

    # --- selection ---------------------------------------------------------------------

    def _selected_target(self) -> Target | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _select_next(self, person_id: int | None, skip_current: bool) -> None:
        """Select the next person still to be reached after `person_id` (wrapping round);
        with nobody left, stay where the officer was."""
        targets = self.model.records()
        if not targets:
            return
        start = next((i for i, t in enumerate(targets) if t.person_id == person_id), 0)
        order = list(range(start + (1 if skip_current else 0), len(targets))) + list(range(0, start + 1))
        chosen = next((i for i in order if not targets[i].reached), start)
        self.table.selectRow(chosen)
        self.table.scrollTo(self.model.index(chosen, 0))

    def _row_selected(self, *_args: object) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        board = self.board
        open_ = board is not None and board.warning.status == Status.ACTIVE
        target = self._selected_target()
        for widget in (self.answered_button, self.no_answer_button, self.sms_button,
                       self.wechat_button):
            widget.setEnabled(open_ and target is not None)
        self.backup_button.setEnabled(open_ and target is not None and target.backup_id is not None)
        self.backup_button.setProperty("primary", bool(target and target.row.offer_backup))
        self.follow_button.setEnabled(open_)
        self.cancel_button.setEnabled(open_)
        self.print_button.setEnabled(board is not None)
        self.instruction_button.setEnabled(board is not None)
        if board is None:
            self.unreached.setText("")
        else:
            names = [f"{t.village} {t.name}" for t in board.unreached]
            self.unreached.setText(
                tr("未叫醒（{0} 人）：{1}").format(len(names), tr("、").join(names[:12])
                                               + (tr(" 等") if len(names) > 12 else ""))
                if names and board.warning.to_reach else tr("按键：A 已应答　N 未接通　B AB角已应答　"
                                                           "S 本村短信已发　W 本村微信工作群已发"))

    def instructions(self) -> None:
        """领导批示 on the warning shown: record one, feed back, mark done."""
        if self.board is None:
            return
        w = self.board.warning
        # (each of the dialog's operations tells the other pages what it changed)
        open_instructions(self, self.uow, self.runner, self.zone, self.now,
                          ("warning", w.id, f"{w.issuer}{_title(w)}"))

    # --- recording ---------------------------------------------------------------------

    def record(self, answered: bool, backup: bool = False) -> None:
        board, target = self.board, self._selected_target()
        if board is None or target is None or board.warning.status != Status.ACTIVE:
            return
        if backup and target.backup_id is None:
            return
        person = target.person_id
        warning_id, channel, moment = board.warning.id, self.channel.currentData(), self.now()
        (Op(self, self.runner, lambda: warning_service.record_attempt(
            self.uow, warning_id, person, channel, answered, now=moment, backup=backup),
            title=tr("未能记录"))
         .success(lambda value: self._recorded(value, target.person_id)).run_in_background())

    def mark_village(self, channel: Channel) -> None:
        board, target = self.board, self._selected_target()
        if board is None or target is None or board.warning.status != Status.ACTIVE:
            return
        warning_id, village, moment = board.warning.id, target.village, self.now()
        (Op(self, self.runner, lambda: warning_service.mark_sent(
            self.uow, warning_id, channel.value, village, now=moment), title=tr("未能记录"))
         .success(lambda value: self._recorded(value, None)).run_in_background())

    def _recorded(self, value: Any, person_id: int | None) -> None:
        """Show the board the service returned (one read, not two), with the selection on
        the next person to reach; the warning's progress in the list follows."""
        if isinstance(value, warning_service.Relayed):
            self._show_board(value.board, person_id)
            self._relist(value.board.warning)
        elif self.board is not None:
            self._load_board(self.board.warning.id)

    def _relist(self, warning: WarningView) -> None:
        records = [warning if w.id == warning.id else w for w in self.list_model.records()]
        ids = [w.id for w in records]
        self._quiet = True  # the board on screen is already this warning's
        self.list_model.set_records(records)
        if warning.id in ids:
            self.list_view.selectRow(ids.index(warning.id))
        self._quiet = False
        self.table.setFocus()

    # --- printout and export -----------------------------------------------------------

    def print_record(self) -> None:
        if self.board is None:
            return
        warning_id, moment, title = self.board.warning.id, self.now(), _title(self.board.warning)
        preview_later(self, self.runner,
                      lambda: warning_record.relay_document(self.uow, warning_id, moment),
                      tr("{0}叫应记录").format(title),
                      tr("叫应记录-{0}-{1:%Y%m%d}.pdf").format(warning_id, moment.astimezone(self.zone)))

    def export_record(self) -> None:
        if self.board is None:
            return
        warning_id, moment = self.board.warning.id, self.now()
        name = tr("叫应记录-{0}-{1:%Y%m%d}.xlsx").format(warning_id, moment.astimezone(self.zone))
        path, _ = QFileDialog.getSaveFileName(self, tr("导出叫应记录"), name,
                                              tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        (Op(self, self.runner, lambda: warning_record.export_relay(self.uow, warning_id, Path(path), moment),
            title=tr("导出失败"))
         .success(lambda out: QMessageBox.information(self, tr("导出完成"), tr("已导出到 {0}").format(out)))
         .run_in_background())

    # --- notices -----------------------------------------------------------------------

    def new_warning(self) -> None:
        self._open_dialog(None, False)

    def _follow_up(self, cancel: bool) -> None:
        if self.board is not None:
            self._open_dialog(self.board.warning, cancel)

    def _open_dialog(self, previous: WarningView | None, cancel: bool) -> None:
        dialog = WarningDialog(
            self.runner, lambda v: warning_service.add_warning(self.uow, v, now=self.now()),
            self.villages, self.zone, self.now(), previous, cancel, self)
        if dialog.exec() and dialog.outcome is not None:
            added = dialog.outcome.value
            self._pending_select = None if cancel else added.warning.id
            self.refresh(None)
            self.table.setFocus()
