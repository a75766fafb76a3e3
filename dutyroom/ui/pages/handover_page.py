"""交接班: the shift's handover record as it stands, the outgoing officer's notes, the
incoming officer's acceptance that locks it, corrections, printing, and past handovers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.handover import HandoverRecord
from dutyroom.domain.local_time import utc_clock
from dutyroom.services import clock_log_service, handover_service, staff_service
from dutyroom.services.handover_service import HandoverSummary, HandoverView
from dutyroom.services.uow import Changes, UnitOfWork
from dutyroom.ui.acting import Acting
from dutyroom.ui.dialogs.pdf_preview import PdfPreview, preview_later
from dutyroom.ui.dialogs.range_dialog import RangeDialog
from dutyroom.ui.i18n import tr, tr_label, tr_text
from dutyroom.ui.pages.base import Page
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import (
    PAGE_MARGINS,
    action_row,
    button,
    card,
    hint_label,
    menu_button,
    scrolling_cards,
    table_view,
    title_label,
)

ALERT_FILL = "#fbe3e3"


def _lines(box: QPlainTextEdit, count: int) -> int:
    """The height that shows `count` lines of a text box."""
    return box.fontMetrics().lineSpacing() * count + 14


def record_html(record: HandoverRecord) -> str:
    """The record as the page shows it: the same sections and rows as the printout."""
    nobody = tr("（未排班）")
    people = (tr("交班人 <b>{0}</b>　接班人 <b>{1}</b>　带班领导 <b>{2}</b>").format(
                  escape(record.outgoing or nobody), escape(record.incoming or nobody),
                  escape(record.leader or nobody))
              + (tr("　主要领导 <b>{0}</b>").format(escape(record.chief)) if record.chief else ""))
    parts = [f"<h2 style='margin:0'>{escape(record.title)}</h2>",
             tr("<p>值班时段 {0} 至 {1}　记录截至 {2}</p>").format(
                    *map(escape, (*record.period_bounds, record.assembled_at))),
             f"<p>{people}</p>"]
    for number, section in enumerate(record.sections, start=1):
        parts.append(f"<h3>{number}. {escape(section.title)}</h3>")
        if not section.lines:
            parts.append(f"<p style='color:#666'>{escape(section.empty)}</p>")
            continue
        head = "".join(f"<th align='left'>{escape(h)}</th>" for h in section.headers)
        rows = "".join(
            f"<tr{' bgcolor=' + chr(39) + ALERT_FILL + chr(39) if line.alert else ''}>"
            + "".join(f"<td>{escape(c)}</td>" for c in line.cells) + "</tr>"
            for line in section.lines)
        parts.append("<table border='1' cellspacing='0' cellpadding='4' width='100%' "
                     f"style='border-color:#999'><tr bgcolor='#eeeeee'>{head}</tr>{rows}</table>")
    for label, value in record.written:
        parts.append(f"<h3>{escape(label)}</h3><p>{escape(value).replace(chr(10), '<br>')}</p>")
    for c in record.corrections:
        parts.append(tr("<p style='color:#666'>更正：{0} {1}：{2}</p>").format(
                            escape(c.at), escape(c.by), escape(c.reason)))
    return "".join(parts)


class AcceptDialog(QDialog):
    """接班确认: the incoming officer names themself and takes the desk."""

    def __init__(self, people: list[tuple[int, str]], incoming_id: int | None, day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("接班确认"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(
            tr("确认接班后，{0:%m月%d日}班次的交接班记录即锁定并存档，以后只能更正（留痕）。请接班人核对记录中的未办结事项后确认。").format(day)))
        form = QFormLayout()
        self.person = QComboBox()
        for staff_id, name in people:
            self.person.addItem(name, staff_id)
        if incoming_id is not None and self.person.findData(incoming_id) >= 0:
            self.person.setCurrentIndex(self.person.findData(incoming_id))
        form.addRow(tr("接班人"), self.person)
        layout.addLayout(form)
        row, self.ok_button = action_row(tr("确认接班"), "user-check", self.accept, self.reject)
        layout.addWidget(row)

    def staff_id(self) -> int:
        return int(self.person.currentData())


class ReasonDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("更正交接班记录"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(tr("已接班确认的记录不能直接修改。更正会保存为新的一版，"
                                    "记下更正人、时间和原因，原来的版本保留在审计记录中。")))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("更正原因（必填）"))
        layout.addWidget(self.reason)
        row, _ = action_row(tr("保存更正"), "save", self.accept, self.reject)
        layout.addWidget(row)


class HandoverPage(Page):
    title = tr("交接班")
    icon_name = "handover"
    help_topic = "handover"

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner,
                 now: Callable[[], datetime] = utc_clock) -> None:
        super().__init__()
        self.acting, self.runner, self.now = Acting.of(uow), runner, now
        self.day: date | None = None
        self.view: HandoverView | None = None
        self.preview: PdfPreview | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(12)
        head = QHBoxLayout()
        head.addWidget(title_label(tr("交接班")))
        head.addSpacing(12)
        self.prev_button = button(tr("◀ 前一班"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.current_button = button(tr("本班"))
        self.current_button.clicked.connect(lambda: self.show_day(None))
        self.next_button = button(tr("后一班 ▶"))
        self.next_button.clicked.connect(lambda: self.step(1))
        for widget in (self.prev_button, self.current_button, self.next_button):
            head.addWidget(widget)
        head.addStretch(1)
        self.print_button, print_menu = menu_button(tr("打印"), "printer")
        for text, action in ((tr("交接班记录（预览打印，Ctrl+P）…"), self.print_record),
                             (tr("签到、在岗确认和查岗记录…"), self.print_clock_log)):
            item = QAction(text, print_menu)
            item.triggered.connect(lambda _=False, run=action: run())
            print_menu.addAction(item)
        self.accept_button = button(tr("接班确认"), "user-check", primary=True)
        self.accept_button.clicked.connect(self.accept_handover)
        head.addWidget(self.print_button)
        head.addWidget(self.accept_button)
        layout.addLayout(head)
        self.state_label = QLabel()
        self.state_label.setObjectName("hint")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("handoverSplit")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        split.addWidget(self.browser)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 0, 0, 0)
        side_layout.addWidget(self._notes_card(), 3)
        side_layout.addWidget(self._looking_back(), 2)
        side.setMinimumWidth(340)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_record)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)

    def _notes_card(self) -> QWidget:
        """What only the outgoing officer can say: equipment and what to pass on."""
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>设备和电话状态</b>")))
        self.equipment = QPlainTextEdit()
        self.equipment.setPlaceholderText(tr("例如：值班电话、传真、对讲机、卫星电话正常；打印机缺纸"))
        self.equipment.setMinimumHeight(_lines(self.equipment, 2))
        inner.addWidget(self.equipment, 1)
        inner.addWidget(QLabel(tr("<b>其他交代事项</b>")))
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(tr("需要下一班注意或继续办理的事项"))
        self.notes.setMinimumHeight(_lines(self.notes, 3))
        inner.addWidget(self.notes, 2)
        row = QHBoxLayout()
        row.addStretch(1)
        self.correct_button = button(tr("更正…"), "edit")
        self.correct_button.clicked.connect(self.correct)
        self.save_button = button(tr("保存"), "save", tooltip="Ctrl+S")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.correct_button)
        row.addWidget(self.save_button)
        inner.addLayout(row)
        return frame

    def _looking_back(self) -> QTabWidget:
        """与上一班相比 and the past records, one tab each, under the notes."""
        tabs = QTabWidget()
        self.changes_label = QLabel()
        self.changes_label.setWordWrap(True)
        self.changes_label.setTextFormat(Qt.TextFormat.RichText)
        self.changes_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.changes_label.setContentsMargins(8, 8, 8, 8)
        tabs.addTab(scrolling_cards([self.changes_label]), tr("与上一班相比"))
        self.history: RecordTableModel[HandoverSummary] = RecordTableModel([
            Column(tr("班次"), lambda h: h.day.isoformat()),
            Column(tr("交班人"), lambda h: h.outgoing),
            Column(tr("接班人"), lambda h: h.accepted_by or h.incoming),
            Column(tr("状态"), lambda h: tr_text(h.status_label)),
        ])
        self.history_view = table_view(self.history)
        self.history_view.setToolTip(tr("双击打开"))
        self.history_view.doubleClicked.connect(self._open_history)
        tabs.addTab(self.history_view, tr("历史交接班记录"))
        return tabs

    # --- reading ------------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is not None and not (changes.handover or changes.incidents or changes.clock
                                        or changes.register or changes.roster or changes.settings):
            return
        self.show_day(self.day)
        (self.op(lambda: handover_service.list_handovers(self.uow))
         .success(self._show_history).run_in_background())

    def show_day(self, day: date | None) -> None:
        def load() -> HandoverView:
            at = self.now()
            return handover_service.handover_view(
                self.uow, day or handover_service.handover_day(self.uow, at), at)

        self.op(load).success(self._show).run_in_background()

    def step(self, days: int) -> None:
        if self.day is not None:
            self.show_day(self.day + timedelta(days=days))

    def _show(self, view: HandoverView) -> None:
        self.view, self.day = view, view.day
        self.browser.setHtml(record_html(view.record))
        stored = view.stored
        if view.final and stored is not None:
            state = tr("已由 {0} 接班确认，记录已锁定").format(stored.accepted_by)
            if stored.revision > 1:
                state += tr("（第 {0} 版）").format(stored.revision)
        else:
            state = tr("草稿：记录随值班情况自动更新，接班人确认后锁定")
        self.state_label.setText(tr("{0:%Y-%m-%d} 班次　{1}").format(view.day, state))
        if not self.notes.hasFocus() and not self.equipment.hasFocus():
            self.notes.setPlainText(stored.notes if stored else "")
            self.equipment.setPlainText(stored.equipment if stored else "")
        self.accept_button.setEnabled(not view.final)
        self.correct_button.setVisible(view.final)
        self.save_button.setVisible(not view.final)
        if view.changes:
            self.changes_label.setText("".join(
                tr("<p style='margin:2px 0'><b>{0}</b>　{1}：{2}</p>").format(
                       escape(c.kind), escape(c.section), escape(c.text)) for c in view.changes))
        else:
            self.changes_label.setText(tr("<span style='color:#666'>与 {0:%m月%d日}班次相比没有新增或办结的事"
                                          "项</span>").format(view.previous_day))

    def _show_history(self, rows: list[HandoverSummary]) -> None:
        self.history.set_records(rows)

    def _open_history(self) -> None:
        index = self.history_view.currentIndex()
        if index.isValid():
            self.show_day(self.history.record(index.row()).day)

    # --- writing --------------------------------------------------------------------------------

    def _done(self, _saved: object) -> None:
        self.refresh(None)

    def save(self) -> None:
        if self.view is None or self.view.final:
            return
        view, notes, equipment = self.view, self.notes.toPlainText(), self.equipment.toPlainText()
        version = view.stored.version if view.stored else None
        (self.op(lambda: handover_service.save_draft(
            self.uow, view.day, notes=notes, equipment=equipment, version=version, at=self.now()))
         .success(self._done).run_in_background())

    def accept_handover(self) -> None:
        """接班确认: who takes over is chosen from the staff, read on the runner."""
        if self.view is None or self.view.final:
            return
        view = self.view
        self.op(staff_service.list_staff, self.uow, False).success(
            lambda staff: self._accept(view, staff)).run_in_background()

    def _accept(self, view: HandoverView, staff: list[staff_service.StaffView]) -> None:
        people = [(s.id, tr("{0}（{1}）").format(s.name, tr_label(s.tier.label))) for s in staff]
        dialog = AcceptDialog(people, view.incoming_id, view.day, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        staff_id, notes = dialog.staff_id(), self.notes.toPlainText()
        equipment = self.equipment.toPlainText()
        version = view.stored.version if view.stored else None
        (self.op(lambda: handover_service.accept(
            self.uow, view.day, staff_id, notes=notes, equipment=equipment, version=version,
            at=self.now()))
         .success(self._done).run_in_background())

    def correct(self) -> None:
        if self.view is None or not self.view.final or self.view.stored is None:
            return
        view, stored = self.view, self.view.stored
        dialog = ReasonDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason, notes = dialog.reason.text(), self.notes.toPlainText()
        equipment = self.equipment.toPlainText()
        (self.op(lambda: handover_service.correct(
            self.uow, view.day, notes=notes, equipment=equipment, reason=reason,
            version=stored.version, at=self.now()))
         .success(self._done).run_in_background())

    # --- printing -------------------------------------------------------------------------------

    def print_record(self) -> None:
        if self.day is None:
            return
        day = self.day
        preview_later(self, self.runner,
                      lambda: handover_service.handover_document(self.uow, day, self.now()),
                      tr("{0:%Y-%m-%d} 交接班记录").format(day), tr("交接班记录-{0:%Y%m%d}.pdf").format(day))

    def print_clock_log(self) -> None:
        today = self.day or self.now().date()
        dialog = RangeDialog(tr("签到和查岗记录"), tr("预览"), "eye", today.replace(day=1), today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        first, last = dialog.dates()
        preview_later(self, self.runner,
                      lambda: clock_log_service.clock_log_document(self.uow, first, last, self.now()),
                      tr("签到和查岗记录 {0:%m-%d} 至 {1:%m-%d}").format(first, last),
                      tr("签到查岗记录-{0:%Y%m%d}-{1:%Y%m%d}.pdf").format(first, last))
