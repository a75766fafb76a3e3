"""今日值班: who is on duty and signed in, what is due next with live countdowns, the open
incidents, presence confirmations and spot checks of the shift — the page a duty officer
keeps open all night."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.deadlines import KIND_LABELS, AlertState, DeadlineKind
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.duty_clock import TaskKind
from dutyroom.domain.incidents import LEVEL_SHORT, Level
from dutyroom.domain.local_time import utc_clock
from dutyroom.domain.tiers import Tier
from dutyroom.domain.warnings import COLOUR_LABELS
from dutyroom.services import (
    incident_views,
    instruction_service,
    shift_service,
    staff_service,
    warning_service,
)
from dutyroom.services.alert_service import Alert, Watch
from dutyroom.services.incident_views import IncidentQuery, IncidentRow
from dutyroom.services.shift_records import CheckInView, ShiftView, SlotView
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.services.warning_readers import WarningView
from dutyroom.ui.acting import Acting
from dutyroom.ui.alert_center import AlertCenter
from dutyroom.ui.i18n import tr, tr_label, tr_noted, tr_text
from dutyroom.ui.pages.base import Page
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.theme import DANGER, LEVEL_COLOURS, MUTED
from dutyroom.ui.widgets import PAGE_MARGINS, button, card, table_view, title_label, weekday_name

# The page's two lists fit their columns to the rows on screen: they are read again after
# every change at any desk, and with a few hundred open deadlines measuring a hundred rows
# of each was most of the work of showing the page.
ON_SCREEN = 0
OK_GREEN = "#1e7e34"
AMBER = "#b9770e"
STATE_COLOURS = {AlertState.UPCOMING: AMBER, AlertState.DUE: "#d35400",
                 AlertState.OVERDUE: DANGER}


def remaining(due: datetime, now: datetime) -> str:
    """"还剩 12:05" counting down, "超时 1 小时 5 分" once past: to the second when close."""
    seconds = int((due - now).total_seconds())
    if seconds > 0:
        hours, rest = divmod(seconds, 3600)
        if hours >= 24:
            return tr("还剩 {0} 天 {1} 小时").format(hours // 24, hours % 24)
        return tr("还剩 {0}:{1:02d}:{2:02d}").format(hours, rest // 60, rest % 60) if hours else \
            tr("还剩 {0:02d}:{1:02d}").format(rest // 60, rest % 60)
    late = -seconds // 60
    if late < 1:
        return tr("刚到期")
    hours, minutes = divmod(late, 60)
    if hours >= 24:
        return tr("超时 {0} 天 {1} 小时").format(hours // 24, hours % 24)
    return tr("超时 {0} 小时 {1} 分").format(hours, minutes) if hours else tr("超时 {0} 分钟").format(minutes)


def _grid_label(text: str, colour: str | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text)
    style = (f"color: {colour};" if colour else "") + ("font-weight: 600;" if bold else "")
    if style:
        label.setStyleSheet(style)
    return label


class TodayPage(Page):
    title = tr("今日值班")
    icon_name = "today"
    help_topic = "checkin"
    open_incident = Signal(int)
    open_warning = Signal(int)  # a warning's relay board, from a warning_relay alert
    open_partners = Signal()  # 通讯录 → 联动单位, from a holiday roster not yet in
    wants_rota = Signal()  # 先排班: the rota page, ready to generate

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner, center: AlertCenter,
                 now: Callable[[], datetime] = utc_clock) -> None:
        super().__init__()
        self.acting, self.runner, self.center, self.now = Acting.of(uow), runner, center, now
        self.zone = ZoneInfo("Asia/Shanghai")
        self.shift: ShiftView | None = None
        self.alerts: list[Alert] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(12)
        head = QHBoxLayout()
        head.addWidget(title_label(tr("今日值班")))
        self.shift_label = QLabel()
        self.shift_label.setObjectName("hint")
        self.shift_label.setWordWrap(True)  # two lines rather than a page wider than the screen
        head.addWidget(self.shift_label, 1)
        self.daily_button = button(tr("值班日报"), "file", tooltip="Ctrl+Shift+D")
        self.daily_button.clicked.connect(lambda: self.open_daily_report())
        self.spot_button = button(tr("记录查岗"), "phone", tooltip="Ctrl+Shift+K")
        self.spot_button.clicked.connect(self.record_spot_check)
        self.presence_button = button(tr("在岗确认"), "check", tooltip="Ctrl+Shift+P")
        self.presence_button.clicked.connect(self.confirm_presence)
        self.checkin_button = button(tr("接班签到"), "user-check", primary=True, tooltip="Ctrl+K")
        self.checkin_button.clicked.connect(self.check_in)
        for widget in (self.daily_button, self.spot_button, self.presence_button, self.checkin_button):
            head.addWidget(widget)
        layout.addLayout(head)
        layout.addWidget(self._guide())

        body = QHBoxLayout()
        body.setSpacing(14)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self._people_card())
        presence, self.presence_label = self._text_card(tr("在岗确认"))
        spots, self.spot_label = self._text_card(tr("上级查岗"))
        left.addWidget(presence)
        left.addWidget(spots, 1)
        holder = QWidget()
        holder.setLayout(left)
        holder.setMinimumWidth(420)
        holder.setMaximumWidth(460)
        body.addWidget(holder, 2)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self._alert_card(), 3)
        right.addWidget(self._incident_card(), 2)
        body.addLayout(right, 5)
        layout.addLayout(body, 1)

        center.updated.connect(self._show_alerts)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()

    # --- layout ---------------------------------------------------------------------------

    def _guide(self) -> QFrame:
        """Shown while nobody is on the rota for this shift (a new desk): what to do first,
        instead of alarms for sign-ins nobody was asked to make."""
        self.guide = QFrame()
        self.guide.setObjectName("guide")
        row = QHBoxLayout(self.guide)
        row.setContentsMargins(16, 10, 12, 10)
        text = QLabel(tr("<b>先排班</b>：本班次还没有人值班。排好值班表后，这里显示值班人员，"
                         "接班签到和在岗确认按值班表提醒。"))
        text.setWordWrap(True)
        row.addWidget(text, 1)
        self.plan_button = button(tr("去排班…"), "roster", primary=True)
        self.plan_button.clicked.connect(self.wants_rota)
        row.addWidget(self.plan_button)
        self.guide.hide()
        return self.guide

    def _people_card(self) -> QWidget:
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>值班人员</b>")))
        self.people_grid = QGridLayout()
        self.people_grid.setHorizontalSpacing(14)
        self.people_grid.setVerticalSpacing(8)
        inner.addLayout(self.people_grid)
        self.checkin_hint = QLabel()
        self.checkin_hint.setObjectName("hint")
        self.checkin_hint.setWordWrap(True)
        inner.addWidget(self.checkin_hint)
        return frame

    @staticmethod
    def _text_card(title: str) -> tuple[QWidget, QLabel]:
        frame, inner = card()
        inner.addWidget(QLabel(f"<b>{title}</b>"))
        text = QLabel()
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setAlignment(Qt.AlignmentFlag.AlignTop)
        inner.addWidget(text, 1)
        return frame, text

    def _alert_card(self) -> QWidget:
        frame, inner = card()
        head = QHBoxLayout()
        self.alert_title = QLabel(tr("<b>提醒</b>"))
        head.addWidget(self.alert_title)
        head.addStretch(1)
        self.ack_button = button(tr("确认提醒"), "bell", tooltip=tr("表示已知晓并在处理；事项完成前仍保留在列"
                                                                    "表中"))
        self.ack_button.clicked.connect(self.acknowledge)
        self.done_button = button(tr("记为已报送"), "check")
        self.done_button.clicked.connect(self.complete_task)
        self.go_button = button(tr("查看"), "eye", tooltip=tr("打开提醒所涉及的事件或签到（双击亦可）"))
        self.go_button.clicked.connect(self.go_to_selected)
        for widget in (self.ack_button, self.done_button, self.go_button):
            head.addWidget(widget)
        inner.addLayout(head)
        self.alert_model: RecordTableModel[Alert] = RecordTableModel(self._alert_columns())
        self.alert_view = table_view(self.alert_model, stretch=3, fit_rows=ON_SCREEN)
        self.alert_view.doubleClicked.connect(lambda _: self.go_to_selected())
        self.alert_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        inner.addWidget(self.alert_view, 1)
        self.alert_empty = QLabel(tr("没有即将到期或超时的事项。"))
        self.alert_empty.setObjectName("hint")
        inner.addWidget(self.alert_empty)
        return frame

    def _alert_columns(self) -> list[Column[Alert]]:
        def what(alert: Alert) -> str:
            text = tr("{0} — {1}").format(tr_noted(alert.label), tr_text(alert.subject))
            if alert.acknowledged_at:  # who took it on, and when
                text += tr("（{0} {1:%H:%M} 已确认）").format(
                    alert.acknowledged_by, alert.acknowledged_at.astimezone(self.zone))
            return text

        return [
            Column(tr("状态"), lambda a: a.state.value, text=lambda a: tr_label(a.state_label)
                   + (tr("·已确认") if a.acknowledged_by else ""),
                   colour=lambda a: STATE_COLOURS.get(a.state)),
            Column(tr("到期时间"), lambda a: a.due,
                   text=lambda a: f"{a.due.astimezone(self.zone):%m-%d %H:%M}"),
            Column(tr("倒计时"), lambda a: a.due, text=lambda a: remaining(a.due, self.now()),
                   colour=lambda a: DANGER if a.due <= self.now() else None),
            Column(tr("提醒"), what),
        ]

    def _incident_card(self) -> QWidget:
        frame, inner = card()
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("<b>未办结事件</b>")))
        head.addStretch(1)
        # 领导批示督办 beside the open incidents: the other thing not yet done.
        self.instructions_button = button(tr("批示督办"), "log", tooltip="Ctrl+Shift+I")
        self.instructions_button.clicked.connect(lambda: self.open_instructions())
        head.addWidget(self.instructions_button)
        inner.addLayout(head)
        # Warnings in force with their relay progress; a click opens the relay board.
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.RichText)
        self.warning_label.linkActivated.connect(lambda ref: self.open_warning.emit(int(ref)))
        self.warning_label.hide()
        inner.addWidget(self.warning_label)
        self.incident_model: RecordTableModel[IncidentRow] = RecordTableModel(
            self._incident_columns())
        self.incident_view = table_view(self.incident_model, stretch=1, fit_rows=ON_SCREEN)
        self.incident_view.doubleClicked.connect(self._incident_clicked)
        inner.addWidget(self.incident_view, 1)
        return frame

    def _incident_columns(self) -> list[Column[IncidentRow]]:
        def next_due(row: IncidentRow) -> str:
            d = row.next_deadline
            if d is None:
                return "—"
            due = d.due.astimezone(self.zone)
            when = f"{due:%H:%M}" if due.date() == self.now().astimezone(self.zone).date() \
                else f"{due:%m-%d %H:%M}"
            return f"{tr_label(KIND_LABELS[DeadlineKind(d.kind)])} {when}"  # the department: in 提醒

        # What the officer needs at a glance: which incident, and how long is left. The
        # time of receipt and the status (接报 or 处置中: all are open) are in the log;
        # leaving them out gives the title its room.
        return [
            Column(tr("级别"), lambda r: r.level, text=lambda r: tr_label(LEVEL_SHORT[Level(r.level)]),
                   colour=lambda r: LEVEL_COLOURS[r.level]),
            Column(tr("标题"), lambda r: r.title),
            Column(tr("下一时限"), lambda r: r.next_deadline.due if r.next_deadline else None,
                   text=next_due),
            Column(tr("倒计时"), lambda r: r.next_deadline.due if r.next_deadline else None,
                   text=lambda r: remaining(r.next_deadline.due, self.now())
                   if r.next_deadline else "",
                   colour=lambda r: DANGER if r.next_deadline
                   and r.next_deadline.due <= self.now() else None),
        ]

    # --- loading ----------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is None or changes.roster or changes.clock or changes.settings \
                or changes.staff:
            (self.op(shift_service.shift_view, self.uow, self.now())
             .success(self._show_shift).run_in_background())
        if changes is None or changes.incidents or changes.settings:
            (self.op(incident_views.list_incidents, self.uow, IncidentQuery(open_only=True), None, 200)
             .success(lambda page: self.incident_model.set_records(page.rows)).run_in_background())
        if changes is None or changes.warnings or changes.responsible or changes.settings:
            (self.op(warning_service.list_warnings, self.uow, True, self.now())
             .success(self._show_warnings).run_in_background())
        if changes is None or changes.clock or changes.incidents or changes.register \
                or changes.warnings:  # (voiding a record withdraws its instructions)
            (self.op(instruction_service.open_count, self.uow, self.now())
             .success(self._show_instruction_count).run_in_background())
        # (The alert list is the window's: MainWindow.refresh_all re-reads it once per change.)

    def _show_warnings(self, warnings: list[WarningView]) -> None:
        parts = []
        for w in warnings:
            title = tr("{0}{1}预警").format(tr_label(w.type), tr_label(COLOUR_LABELS[w.colour]))
            progress = (tr("叫应 {0}/{1}").format(w.reached, w.to_reach) if w.to_reach
                        else tr("无需叫应"))
            colour = "" if w.done else f' style="color:{DANGER}"'
            parts.append(f'<a href="{w.id}">{html.escape(title)}</a> <span{colour}>{progress}</span>')
        self.warning_label.setText(tr("生效预警：{0}").format(tr("；").join(parts)))
        self.warning_label.setVisible(bool(warnings))

    def apply_settings(self, settings: DeskSettings) -> None:
        self.zone = settings.zone

    def _show_shift(self, shift: ShiftView) -> None:
        self.shift = shift
        start = shift.start.astimezone(self.zone)
        end = shift.end.astimezone(self.zone)
        kind = shift.info.name or tr_label(shift.info.kind.label)
        periods = tr("　敏感时期：{0}").format(tr('、').join(shift.periods)) if shift.periods else ""
        self.shift_label.setText(
            tr("　{0:%Y年%m月%d日} {1}（{2}）　班次 {3:%m-%d %H:%M} — {4:%m-%d %H:%M}{5}").format(
                   shift.day, weekday_name(shift.day), kind, start, end, periods))
        self.guide.setVisible(not any(slot.staff for slot in shift.slots))
        self._fill_people(shift)
        self._fill_presence(shift)
        self._fill_spots(shift)
        self._enable()

    def _fill_people(self, shift: ShiftView) -> None:
        while self.people_grid.count():
            item = self.people_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for column, header in enumerate((tr("岗位"), tr("姓名"), tr("手机"), tr("签到"))):
            self.people_grid.addWidget(_grid_label(header, MUTED), 0, column)
        self.slot_states: list[tuple[SlotView, QLabel]] = []
        for row, slot in enumerate(shift.slots, 1):
            self.people_grid.addWidget(_grid_label(tr_label(slot.seat.label), bold=True), row, 0)
            name = slot.staff.name if slot.staff else tr("未排班")
            self.people_grid.addWidget(_grid_label(name, None if slot.staff else DANGER,
                                                   bold=True), row, 1)
            self.people_grid.addWidget(_grid_label(slot.staff.mobile if slot.staff else ""),
                                       row, 2)
            state = QLabel()
            state.setTextFormat(Qt.TextFormat.RichText)
            self.people_grid.addWidget(state, row, 3)
            self.slot_states.append((slot, state))
        self.people_grid.setColumnStretch(3, 1)
        opens = shift.slots[0].opens.astimezone(self.zone) if shift.slots else None
        due = shift.slots[0].due.astimezone(self.zone) if shift.slots else None
        self.checkin_hint.setText(tr("签到时间 {0:%H:%M} — {1:%H:%M}（Ctrl+K）").format(opens, due)
                                  if opens and due else "")
        self._paint_slots()

    def _paint_slots(self) -> None:
        now = self.now()
        for slot, label in getattr(self, "slot_states", []):
            label.setText(self._slot_text(slot, now))

    def _slot_text(self, slot: SlotView, now: datetime) -> str:
        if slot.checkin is not None:
            c = slot.checkin
            text = tr("✓ {0:%H:%M} 已签到").format(c.confirmed_at.astimezone(self.zone))
            if c.substitute:
                text += tr("（{0} 替班）").format(c.staff_name)
            colour = AMBER if c.late or c.substitute else OK_GREEN
            return f"<span style='color:{colour}'>{text}{tr('，迟签') if c.late else ''}</span>"
        if not slot.must_check_in:
            return tr("<span style='color:{0}'>无需签到</span>").format(MUTED)
        state = slot.state(now)
        if state is None:
            return tr("<span style='color:{0}'>{1:%H:%M} 起签到</span>").format(
                          MUTED, slot.opens.astimezone(self.zone))
        if state == AlertState.UPCOMING:
            return tr("<span style='color:{0}'>待签到（{1:%H:%M} 前）</span>").format(
                          AMBER, slot.due.astimezone(self.zone))
        return tr("<span style='color:{0}; font-weight:600'>未签到</span>").format(DANGER)

    def _fill_presence(self, shift: ShiftView) -> None:
        if not shift.prompts:
            self.presence_label.setText(tr("<span style='color:{0}'>本值班室未设置在岗确认。</span>").format(
                                               MUTED))
            return
        now = self.now()
        parts = []
        for prompt in shift.prompts:
            asked = prompt.asked_at.astimezone(self.zone)
            if prompt.confirmation is not None:
                c = prompt.confirmation
                late = tr("，超时确认") if c.late else ""
                parts.append(f"<span style='color:{AMBER if late else OK_GREEN}'>{asked:%H:%M} ✓ "
                             f"{c.confirmed_at.astimezone(self.zone):%H:%M} {c.staff_name}{late}</span>")
            elif prompt.due <= now:
                parts.append(tr("<span style='color:{0}; font-weight:600'>{1:%H:%M} 未确认</span>").format(
                                    DANGER, asked))
            elif prompt.asked_at <= now:
                parts.append(tr("<span style='color:{0}; font-weight:600'>{1:%H:%M} 请确认（{2:%H:%M} 前）</s"
                                "pan>").format(AMBER, asked, prompt.due.astimezone(self.zone)))
            else:
                parts.append(f"<span style='color:{MUTED}'>{asked:%H:%M}</span>")
        self.presence_label.setText(tr("　").join(parts))

    def _fill_spots(self, shift: ShiftView) -> None:
        if not shift.spot_checks:
            self.spot_label.setText(tr("<span style='color:{0}'>本班次尚无上级查岗记录。接到查岗电话后按 Ctrl"
                                       "+Shift+K 记录。</span>").format(MUTED))
            return
        lines = []
        for s in shift.spot_checks:
            colour = OK_GREEN if s.outcome == "ok" and s.within_rule else DANGER
            answered = tr("，{0}应答").format(s.answered_by) if s.answered_by else ""
            rule = "" if s.within_rule else tr("，未按规定及时应答")
            lines.append(tr("<p style='margin:2px 0'>{0:%H:%M} {1}（{2}）"
                            "<span style='color:{3}'>{4}{5}{6}</span></p>").format(
                                s.at.astimezone(self.zone), s.checker, tr_label(s.channel_label), colour,
                                tr_label(s.outcome_label), answered, rule))
        self.spot_label.setText("".join(lines))

    def _show_alerts(self, watch: Watch) -> None:
        selected = self.selected_alert()
        self.alerts = watch.alerts
        self.alert_model.set_records(watch.alerts)
        self.alert_empty.setVisible(not watch.alerts)
        pressing = len(watch.pressing)
        self.alert_title.setText(tr("<b>提醒</b>　<span style='color:{0}'>{1} 项待处理</span>").format(
                                        DANGER, pressing)
                                 if pressing else tr("<b>提醒</b>"))
        if selected is not None:
            for row, alert in enumerate(watch.alerts):
                if alert.key == selected.key:
                    self.alert_view.selectRow(row)
        if self.shift is not None:
            self._fill_presence(self.shift)
            self._paint_slots()
        self._enable()

    def tick(self) -> None:
        """Once a second: the countdowns move; states themselves change by the alert timer.

        The rows on screen are repainted, which reads their countdowns again; the records
        have not changed, so the models do not say so: a `dataChanged` made the header
        measure a hundred rows of the column again every second, most of the page's work
        with a few hundred open deadlines. A countdown grows as it runs late (还剩 05:00,
        then 超时 1 小时 5 分), so the columns are fitted again to the rows on screen, which
        reads no more than the repaint does."""
        for view in (self.alert_view, self.incident_view):
            view.viewport().update()
            view.horizontalHeader().resizeSections()

    # --- actions ----------------------------------------------------------------------------

    def selected_alert(self) -> Alert | None:
        index = self.alert_view.currentIndex()
        if not index.isValid() or not self.alert_view.selectionModel().hasSelection():
            return None
        return self.alert_model.record(index.row())

    def _enable(self) -> None:
        alert = self.selected_alert()
        self.ack_button.setEnabled(alert is not None and not alert.acknowledged_by)
        self.done_button.setEnabled(alert is not None and alert.target == "task")
        self.go_button.setEnabled(alert is not None)
        shift = self.shift
        now = self.now()
        self.checkin_button.setEnabled(shift is not None and any(
            s.must_check_in and s.checkin is None for s in shift.slots))
        asked = [p for p in (shift.prompts if shift else []) if p.asked_at <= now]
        # A confirmation answers the latest prompt only (shift_service.confirm_presence).
        self.presence_button.setEnabled(shift is not None and now < shift.end and bool(asked)
                                        and asked[-1].confirmation is None)

    def _after(self, outcome: Outcome[Any]) -> None:
        if outcome.changes:  # (the dialog's operation told the other pages)
            self.refresh(outcome.changes)

    def check_in(self) -> None:
        shift = self.shift
        if shift is None or not any(s.must_check_in and s.checkin is None for s in shift.slots):
            QMessageBox.information(self, tr("接班签到"), tr("本班次需要签到的人员都已签到。"))
            return
        (self.op(staff_service.list_staff, self.uow, False)
         .success(lambda staff: self._check_in_with(shift, staff)).run_in_background())

    def _check_in_with(self, shift: ShiftView, staff: list[Any]) -> None:
        from dutyroom.ui.dialogs.shift_dialogs import CheckInDialog, key_seat  # on first use

        def save(values: dict[str, Any]) -> Outcome[Any]:
            seat = key_seat(values["tier"])
            return shift_service.check_in(self.uow, seat.tier.value, values["staff_id"],
                                          slot=seat.index, at=self.now(), note=values["note"])

        dialog = CheckInDialog(self.runner, save, shift.slots, staff, self)
        if dialog.exec() and dialog.outcome is not None:
            self._after(dialog.outcome)

    def confirm_presence(self) -> None:
        """Ctrl+Shift+P: confirm for the officer at the desk when that is who is logged in;
        otherwise ask who is confirming (the record must name the person, not assume it)."""
        user, officers = self.uow.user, self._officers()
        # The first officer leads the list; the hint names both of a two-officer shift.
        officer = (officers[0][0], tr("、").join(name for _id, name in officers)) if officers \
            else None
        if user.role is None:  # the self-test and scripts act for the desk as before
            self._confirm(None)
        elif user.staff_id in {staff_id for staff_id, _name in officers}:
            self._confirm(user.staff_id)
        else:
            (self.op(staff_service.list_staff, self.uow, False)
             .success(lambda staff: self._ask_who(staff, officer)).run_in_background())

    def _officers(self) -> list[tuple[int, str]]:
        """The officers at the desk this shift, seat by seat (two on a two-officer day):
        who signed in, else who is on the rota."""
        out = []
        for slot in self.shift.slots if self.shift else []:
            if slot.tier == Tier.OFFICER and slot.checkin and slot.checkin.staff_id:
                out.append((slot.checkin.staff_id, slot.checkin.staff_name))
            elif slot.tier == Tier.OFFICER and slot.staff:
                out.append((slot.staff.id, slot.staff.name))
        return out

    def _ask_who(self, staff: list[Any], officer: tuple[int, str] | None) -> None:
        from dutyroom.ui.dialogs.shift_dialogs import PresenceDialog  # on first use

        moment = self.now()

        def save(values: dict[str, Any]) -> Outcome[Any]:
            return shift_service.confirm_presence(self.uow, values["staff_id"], at=moment)

        user = self.uow.user
        dialog = PresenceDialog(self.runner, save, staff, officer, user.display_name,
                                user.staff_id, self)
        if dialog.exec() and dialog.outcome is not None:
            self._presence_shown(dialog.outcome.value)
            self._after(dialog.outcome)

    def _confirm(self, staff_id: int | None) -> None:
        moment = self.now()
        (Op(self, self.runner, lambda: shift_service.confirm_presence(self.uow, staff_id, at=moment),
            title=tr("在岗确认"))
         .changed(self.refresh).success(self._presence_shown).run_in_background())

    def _presence_shown(self, view: CheckInView) -> None:
        late = tr("（已超过确认时限，记为超时确认）") if view.late else ""
        window = self.window()
        assert isinstance(window, QMainWindow)  # the page lives in the main window
        window.statusBar().showMessage(
            tr("已确认在岗：{0} {1:%H:%M}{2}").format(
                   view.staff_name, view.confirmed_at.astimezone(self.zone), late),
            10_000)

    def record_spot_check(self) -> None:
        from dutyroom.ui.dialogs.shift_dialogs import SpotCheckDialog  # on first use

        names = [slot.checkin.staff_name if slot.checkin else slot.staff.name if slot.staff else ""
                 for slot in (self.shift.slots if self.shift else [])
                 if slot.checkin or slot.staff]

        def save(values: dict[str, Any]) -> Outcome[Any]:
            return shift_service.record_spot_check(self.uow, values, now=self.now())

        dialog = SpotCheckDialog(self.runner, save, self.zone, names, self.now(), self)
        if dialog.exec() and dialog.outcome is not None:
            self._after(dialog.outcome)

    def open_daily_report(self, day: date | None = None) -> None:
        """值班日报 of `day`, by default of the shift on now: assembled, to reword and send."""
        # Loaded when first opened: it brings the handover's modules, which the first page
        # does not need at start (tests/unit/test_architecture.py).
        from dutyroom.ui.dialogs.daily_report_dialog import DailyReportDialog

        day = day or (self.shift.day if self.shift else None)
        if day is None:
            return
        dialog = DailyReportDialog(self.uow, self.runner, day, self.zone, self.now, self)
        self.daily_dialog = dialog
        dialog.exec()
        if dialog.outcome is not None:
            self._after(dialog.outcome)

    def open_instructions(self, select: int | None = None) -> None:
        """领导批示督办: every task, the open ones first (`select`: the one an alert is about)."""
        from dutyroom.ui.dialogs.instruction_dialogs import open_instructions  # on first use

        changes = open_instructions(self, self.uow, self.runner, self.zone, self.now,
                                    select=select)
        if changes:  # (each of the dialog's operations told the other pages)
            self.refresh(changes)

    def _show_instruction_count(self, counts: tuple[int, int]) -> None:
        open_, overdue = counts
        text = tr("批示督办")
        if open_:
            text = (tr("批示督办（{0}，超期 {1}）").format(open_, overdue) if overdue
                    else tr("批示督办（{0}）").format(open_))
        self.instructions_button.setText(text)

    def acknowledge(self) -> None:
        alert = self.selected_alert()
        if alert is None:
            return
        self._acknowledge(alert.key)

    def _acknowledge(self, key: str) -> None:
        moment = self.now()
        (self.op(lambda: shift_service.acknowledge(self.uow, key, at=moment))
         .changed(self.refresh).run_in_background())

    def acknowledge_pressing(self) -> None:
        """The banner's button: take on everything that rings, one audited entry each."""
        for alert in self.center.pressing():
            self._acknowledge(alert.key)

    def complete_task(self) -> None:
        alert = self.selected_alert()
        if alert is None or alert.target != "task" or alert.day is None:
            return
        if alert.kind == TaskKind.DAILY_REPORT:  # sent as written: the report is kept
            self.open_daily_report(alert.day)
            return
        answer = QMessageBox.question(self, tr_noted(alert.label),
                                      tr("确认「{0}」已经报送？\n将记录报送人和时间。").format(tr_text(alert.subject)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        kind, day, moment = alert.kind, alert.day, self.now()
        (self.op(lambda: shift_service.complete_task(self.uow, kind, day, at=moment))
         .changed(self.refresh).run_in_background())

    def go_to_selected(self) -> None:
        alert = self.selected_alert()
        if alert is None:
            return
        if alert.target == "incident":
            self.open_incident.emit(alert.ref)
        elif alert.target == "warning":
            self.open_warning.emit(alert.ref)
        elif alert.target == "partner":
            self.open_partners.emit()
        elif alert.target == "instruction":
            self.open_instructions(alert.ref)
        elif alert.kind == "presence":
            self.confirm_presence()
        elif alert.kind == "checkin":
            self.check_in()
        else:
            self.complete_task()

    def _incident_clicked(self) -> None:
        index = self.incident_view.currentIndex()
        if index.isValid():
            self.open_incident.emit(self.incident_model.record(index.row()).id)
