"""Every page and every dialog on a small office screen, in one interface language: does any
label, button, tab or column heading lose part of its text, and does every window fit?

Run in a process of its own, because the language is chosen before the window modules load
(as the app does):

    python tests/ui/layout_probe.py --language en --size 1280x720 [--shots FOLDER]

It prints one JSON document: the problems found (empty when every text fits) and the
windows it opened; with --shots it also saves a picture of each. tests/ui/test_layout.py
runs it for both languages; docs/make_screenshots.py takes the README's pictures with it.

A text is clipped when the room its widget has is less than the room the text needs:
the font's advance of the text (rich text laid out by QTextDocument) against the label's
contents width, or the style's size hint of a button against its width, or a heading's
text with the header's padding against its section's width.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MAIN_TITLE_BAR = 40  # the window's title bar: the main window's client area is this much shorter


def configure_screen(width: int, height: int) -> None:
    """The offscreen platform with one screen of the size asked for (unless a real display
    was chosen, as for the README's screenshots under Xvfb)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
        config = Path(tempfile.mkdtemp()) / "screen.json"
        config.write_text(json.dumps({"screens": [{
            "name": "office", "x": 0, "y": 0, "width": width, "height": height,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


# --- measuring ---------------------------------------------------------------------------------


def _label_need(label: Any) -> tuple[int, int] | None:
    """(needed, available) for a label whose text does not fit, else None."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui
    from PySide6.QtGui import QTextDocument

    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect()
    if label.wordWrap():
        need = label.heightForWidth(label.width())  # the whole label, margins included
        return (need, label.height()) if need > label.height() + 1 else None
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        need = int(document.idealWidth() + 0.5)
    else:
        metrics = label.fontMetrics()
        need = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [""])
    return (need, room.width()) if need > room.width() + 1 else None


def _header_needs(view: Any) -> Iterator[tuple[str, int, int]]:
    """Headings narrower than their text (which Qt then cuts with an ellipsis)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontMetrics

    header = view.horizontalHeader()
    model = view.model()
    if header.isHidden() or model is None:
        return
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)  # the stylesheet's 600
    metrics = QFontMetrics(bold)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        need = metrics.horizontalAdvance(text) + 2 * 8 + 2  # padding 6px 8px, a border
        have = header.sectionSize(section)
        if text and have < need:
            yield text, need, have


def _clipped_by_parent(widget: Any) -> bool:
    """Part of the widget lies outside its parent (and not because the parent scrolls)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return False
    grand = parent.parentWidget()
    if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
        return False  # content of a scroll area: it scrolls
    area = parent.rect()
    geometry = widget.geometry()
    return not area.contains(geometry) and area.intersects(geometry) and geometry.width() > 0


def problems_in(window: Any, name: str) -> list[str]:
    """Every text of a shown window that does not fit, and whether the window fits its screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QDialogButtonBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QScrollArea,
        QTabBar,
        QTableView,
        QTextEdit,
        QWidget,
    )

    from dutyroom.ui.i18n import tr

    found: list[str] = []
    app_name = tr("Dutyroom 值班室")
    if "Dutyroom" in window.windowTitle() or app_name in window.windowTitle():
        found.append(f"{name}: the title «{window.windowTitle()}» names the app, which Qt adds "
                     "to every title")
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if frame.width() > screen.width() or frame.height() > screen.height():
        found.append(f"{name}: the window is {frame.width()}×{frame.height()}, larger than the "
                     f"{screen.width()}×{screen.height()} screen")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        what = f"{name}: {type(widget).__name__}"
        if isinstance(widget, QLabel):
            need = _label_need(widget)
            if need:
                found.append(f"{what} «{widget.text()[:60]}» needs {need[0]} px, has {need[1]}")
        elif isinstance(widget, QAbstractButton) and widget.text() and not isinstance(
                widget.parentWidget(), QTabBar):
            if widget.text() == tr("取消") and not isinstance(
                    widget.parentWidget(), QDialogButtonBox) and not widget.window().inherits(
                    "QWizard"):
                found.append(f"{what} «取消» is not in a QDialogButtonBox: its place would not "
                             "follow the platform's order")
            hint = widget.sizeHint()
            if hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1:
                found.append(f"{what} «{widget.text()}» needs {hint.width()}×{hint.height()} "
                             f"px, has {widget.width()}×{widget.height()}")
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            need = widget.fontMetrics().horizontalAdvance(widget.placeholderText()[:6]) + 40
            if widget.width() < need:
                found.append(f"{what} «{widget.placeholderText()}»: {widget.width()} px shows "
                             f"too little of its hint")
        elif isinstance(widget, QComboBox) and widget.currentText():
            need = widget.fontMetrics().horizontalAdvance(widget.currentText()) + 26 + 14
            if need > widget.width() + 1:
                found.append(f"{what} «{widget.currentText()}» needs {need} px, has {widget.width()}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                text = widget.tabText(index)
                need = widget.fontMetrics().horizontalAdvance(text) + 2 * 18 + (
                    widget.iconSize().width() + 4 if not widget.tabIcon(index).isNull() else 0)
                if widget.tabRect(index).width() < need:
                    found.append(f"{what} tab «{text}» needs {need} px, has "
                                 f"{widget.tabRect(index).width()}")
        elif isinstance(widget, QTableView):
            for text, need, have in _header_needs(widget):
                found.append(f"{what} heading «{text}» needs {need} px, has {have}")
        elif isinstance(widget, QAbstractItemView | QPlainTextEdit | QTextEdit) and not isinstance(
                widget, QHeaderView):
            line = widget.fontMetrics().lineSpacing()
            if widget.viewport().height() < 2 * line:
                found.append(f"{what}: {widget.viewport().height()} px high, less than two lines")
        if isinstance(widget, QScrollArea) and widget.widget() is not None and \
                widget.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff and \
                widget.widget().width() > widget.viewport().width() + 1:
            found.append(f"{what}: its content is {widget.widget().width()} px wide in "
                         f"{widget.viewport().width()} px that do not scroll sideways")
        if _clipped_by_parent(widget) and not isinstance(widget, QTabBar):
            found.append(f"{what} «{getattr(widget, 'text', lambda: '')()}» runs outside "
                         f"{type(widget.parentWidget()).__name__}")
    return found + [f"{name}: {problem}" for problem in what_matters(window, name)]


def what_matters(window: Any, name: str) -> Iterator[str]:
    """What each page must keep in view, beyond whole texts: the incident's title and its
    countdown on 今日值班, every tier of a day in the rota, room to write the handover notes."""
    from dutyroom.ui.i18n import tr
    from dutyroom.ui.main_window import MainWindow
    from dutyroom.ui.month_grid import DayDelegate

    if not isinstance(window, MainWindow):
        return

    if name == "today":
        view = window.today.incident_view
        header, model = view.horizontalHeader(), view.model()
        titles = [c.header for c in model.columns]
        title, countdown = titles.index(tr("标题")), len(titles) - 1
        wanted = view.fontMetrics().horizontalAdvance("青山化工园区储罐泄漏")
        if header.sectionSize(title) < wanted:
            yield (f"未办结事件: the title column is {header.sectionSize(title)} px, "
                   f"less than ten characters ({wanted} px)")
        right = header.sectionViewportPosition(countdown) + header.sectionSize(countdown)
        if right > view.viewport().width():
            yield "未办结事件: the countdown is out of view"
    if name.startswith("roster"):
        grid = window.roster.grid
        height = grid.rowHeight(0) - 6
        base, _, _ = DayDelegate._fonts(grid.font(), height, 4)
        if base.pointSizeF() < 7.5:
            yield (f"month grid: a day {height} px high shows its four lines only at "
                   f"{base.pointSizeF():.1f} pt")
    if name == "roster-sensitive":
        from dutyroom.domain.roster import Seat
        from dutyroom.domain.tiers import Tier

        for index in (0, 1):
            if not window.roster.slot_buttons[Seat(Tier.OFFICER, index)].isVisible():
                yield f"roster: the panel of a two-officer day hides officer seat {index + 1}"
    if name == "handover":
        for box in (window.handover.equipment, window.handover.notes):
            if box.viewport().height() < 2 * box.fontMetrics().lineSpacing():
                yield f"handover: a note box is {box.viewport().height()} px high"


# --- the desk to look at -----------------------------------------------------------------------


def sample_desk(folder: Path) -> Any:
    """The demo town with a rota around today, a holiday month and a sensitive period,
    accounts, and backups: every page has something to show."""
    from dutyroom.app import open_backend
    from dutyroom.services import (
        backup_service,
        demo,
        roster_calendar,
        roster_service,
        staff_service,
        user_service,
    )

    backend = open_backend(folder / "demo.sqlite3", "probe")
    demo.seed_demo(backend.uow)
    roster_service.generate(backend.uow, date(2026, 10, 1), date(2026, 10, 31))
    roster_calendar.add_period(backend.uow, "全国两会", "2026-03-04", "2026-03-11")
    roster_service.generate(backend.uow, date(2026, 3, 1), date(2026, 3, 31))  # two officers
    admin = {"username": "admin", "display_name": "王主任", "password": "desk-2026!",
             "confirm": "desk-2026!"}
    backend.uow = backend.uow.for_actor(user_service.create_first_admin(backend.uow, admin).value)
    people = {p.name: p.id for p in staff_service.list_staff(backend.uow)}
    for username, name, role in (("zhoujun", "周立新", "带班领导"), ("liuyang", "杨帆", "值班员")):
        user_service.add_user(backend.uow, {
            "username": username, "display_name": name, "role": role, "password": "pass-word-1",
            "confirm": "pass-word-1", "staff_id": people.get(name)})
    for days in (2, 1):
        backup_service.auto_backup(backend.url, "Asia/Shanghai",
                                   datetime.now(UTC) - timedelta(days=days))
    _attachments(backend, folder)
    _hard_relay(backend)
    return backend


def _hard_relay(backend: Any) -> None:
    """The widest states of the relay board beside the demo's: three unanswered calls (the
    row offers the AB角), and one answered by the AB角 after them."""
    from dutyroom.services import warning_service

    in_force = warning_service.list_warnings(backend.uow, active=True)[0]
    pending = [t for t in warning_service.board(backend.uow, in_force.id).targets
               if not t.attempts and t.backup_id is not None]
    moment = datetime.now(UTC) - timedelta(minutes=2)
    for index, target in enumerate(pending[:3]):
        for retry in range(3):
            warning_service.record_attempt(backend.uow, in_force.id, target.person_id, "phone",
                                           False, at=moment + timedelta(seconds=retry),
                                           now=moment + timedelta(seconds=5))
        if index == 0:
            warning_service.record_attempt(backend.uow, in_force.id, target.person_id, "phone",
                                           True, at=moment + timedelta(seconds=9),
                                           now=moment + timedelta(seconds=10), backup=True)


def _attachments(backend: Any, folder: Path) -> None:
    """A filed plan for the tank leak's subtype, and a scan and a photo on the leak itself."""
    from reportlab.pdfgen import canvas

    from dutyroom.services import attachment_service, incident_views, plan_service

    plan = folder / "青山镇危险化学品事故应急预案.pdf"
    drawing = canvas.Canvas(str(plan))
    drawing.drawString(72, 720, "Qingshan hazardous chemicals plan")
    drawing.showPage()
    drawing.save()
    plan_service.add_plan(backend.uow, "青山镇危险化学品事故应急预案", "危化品泄漏、火灾", plan)
    rows = incident_views.list_incidents(backend.uow, incident_views.IncidentQuery()).rows
    leak = next(r.id for r in rows if "泄漏" in r.title)
    photo = folder / "现场照片（储罐东侧）.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 600)
    for path in (plan, photo):
        attachment_service.add_attachment(backend.uow, "incident", leak, path)


def settle(app: Any, rounds: int = 6) -> None:
    for _ in range(rounds):
        app.processEvents()


# --- the tour ----------------------------------------------------------------------------------


def page_states(window: Any) -> Iterator[str]:
    """Each page, and each state of it worth a look; yields its name when it is on screen."""
    from dutyroom.ui.main_window import (
        CONTACTS,
        DATA,
        HANDOVER,
        LOG,
        ROSTER,
        SETTINGS,
        STATISTICS,
        TODAY,
        WARNINGS,
    )

    window.show_page(TODAY)
    yield "today"
    window.show_page(ROSTER)
    yield "roster"
    window.roster.show_month(date(2026, 10, 1))
    yield "roster-holidays"
    window.roster.show_month(date(2027, 1, 1))
    yield "roster-2027"
    window.roster.show_month(date(2026, 3, 1))
    window.roster.grid.setCurrentIndex(window.roster.model.index_of(date(2026, 3, 5)))
    yield "roster-sensitive"  # the day panel with both officers of a two-officer day
    window.roster.show_month(date.today().replace(day=1))
    window.show_page(LOG)
    window.log.tabs.setCurrentIndex(0)
    window.log.incident_view.selectRow(1)
    yield "log"
    window.log.incident_view.selectRow(0)  # the landslide: the resources tagged 地质灾害
    window.log.incident_text.scrollToAnchor("resources")
    yield "log-resources"
    window.log.incident_view.selectRow(1)
    window.log.use_dates.setChecked(True)
    yield "log-dates"
    window.log.use_dates.setChecked(False)
    window.log.tabs.setCurrentIndex(1)
    window.log.entry_view.selectRow(0)
    yield "log-register"
    window.log.tabs.setCurrentIndex(0)
    window.show_page(WARNINGS)
    yield "warnings"  # the yellow warning in force, partly relayed
    window.warnings.show_closed.setChecked(True)
    window.warnings.list_view.selectRow(window.warnings.list_model.rowCount() - 1)
    yield "warnings-cancelled"
    window.warnings.show_closed.setChecked(False)
    window.show_page(HANDOVER)
    yield "handover"
    window.show_page(CONTACTS)
    window.contacts.tabs.setCurrentIndex(0)
    yield "contacts"
    window.contacts.tabs.setCurrentIndex(1)
    yield "contacts-departments"
    window.contacts.tabs.setCurrentIndex(2)
    yield "contacts-responsible"
    window.contacts.tabs.setCurrentIndex(3)
    yield "contacts-duties"
    window.contacts.tabs.setCurrentIndex(4)
    yield "contacts-resources"
    window.contacts.tabs.setCurrentIndex(0)
    window.show_page(SETTINGS)
    yield "settings"
    window.settings_page.findChild(_scroll_area()).verticalScrollBar().setValue(10_000)
    yield "settings-end"
    window.show_page(DATA)
    yield "data"
    window.show_page(STATISTICS)
    stats = window.statistics_page
    stats.kind.setCurrentIndex(stats.kind.findData("year"))
    yield "stats-page"  # the charts of the demo town's year
    for tab in range(1, stats.tabs.count()):
        stats.tabs.setCurrentIndex(tab)
        yield f"stats-page-{tab}"
    stats.tabs.setCurrentIndex(0)
    window.show_page(TODAY)


def _scroll_area() -> Any:
    from PySide6.QtWidgets import QScrollArea

    return QScrollArea


def dialogs(window: Any, backend: Any, folder: Path) -> Iterator[tuple[str, Callable[[], Any]]]:
    """Every dialog of the app, made as its page makes it, with the demo's data in it."""
    from zoneinfo import ZoneInfo

    from dutyroom.domain.roster import Seat
    from dutyroom.domain.tiers import Tier
    from dutyroom.services import (
        department_service,
        dispatch_service,
        handover_service,
        incident_service,
        incident_views,
        instruction_service,
        register_service,
        resource_service,
        responsibility_service,
        responsible_service,
        shift_service,
        staff_service,
        upward_reports,
        user_service,
        warning_service,
    )
    from dutyroom.services.incident_views import IncidentQuery
    from dutyroom.services.register_service import RegisterQuery
    from dutyroom.ui.dialogs.account_dialogs import LoginDialog, PasswordDialog, UserDialog
    from dutyroom.ui.dialogs.contact_dialogs import DepartmentDialog, ResponsibleDialog, StaffDialog
    from dutyroom.ui.dialogs.daily_report_dialog import DailyReportDialog
    from dutyroom.ui.dialogs.help_dialog import HelpDialog
    from dutyroom.ui.dialogs.import_dialog import (
        ImportCalendarDialog,
        ImportResponsibleDialog,
        ImportStaffDialog,
    )
    from dutyroom.ui.dialogs.instruction_dialogs import (
        FeedbackDialog as InstructionFeedbackDialog,
    )
    from dutyroom.ui.dialogs.instruction_dialogs import InstructionDialog, InstructionsDialog
    from dutyroom.ui.dialogs.log_dialogs import (
        DispatchDialog,
        FeedbackDialog,
        IncidentDialog,
        PromoteDialog,
        RegisterDialog,
        ReportDialog,
    )
    from dutyroom.ui.dialogs.partner_dialogs import DutyDialog, PartnerRosterDialog
    from dutyroom.ui.dialogs.pdf_preview import PdfPreview
    from dutyroom.ui.dialogs.range_dialog import RangeDialog
    from dutyroom.ui.dialogs.resource_dialogs import ImportResourcesDialog, ResourceDialog
    from dutyroom.ui.dialogs.roster_dialogs import (
        ChangesDialog,
        GenerateDialog,
        LeaveDialog,
        PeriodsDialog,
        SlotDialog,
        StatsDialog,
    )
    from dutyroom.ui.dialogs.setup_wizard import SetupWizard
    from dutyroom.ui.dialogs.shift_dialogs import CheckInDialog, PresenceDialog, SpotCheckDialog
    from dutyroom.ui.dialogs.warning_dialog import WarningDialog
    from dutyroom.ui.i18n import tr
    from dutyroom.ui.pages.handover_page import AcceptDialog, ReasonDialog

    uow, runner = backend.uow, window.runner
    zone = ZoneInfo("Asia/Shanghai")
    today = date.today()
    month = (today.replace(day=1), (today.replace(day=28) + timedelta(days=4)).replace(day=1)
             - timedelta(days=1))
    staff = staff_service.list_staff(uow)
    departments = department_service.list_departments(uow)
    leak = incident_views.list_incidents(uow, IncidentQuery(text="储罐")).rows[0].id
    detail = incident_views.get_incident(uow, leak)
    entry = register_service.list_entries(uow, RegisterQuery()).rows[0]
    shift = shift_service.shift_view(uow, datetime.now(UTC))
    users = user_service.list_users(uow)
    nothing: Callable[[dict[str, Any]], Any] = lambda values: values  # noqa: E731
    staff_file = folder / "人员名单.csv"
    staff_file.write_text("姓名,值班层级,手机,部门\n刘洋,值班员,13907319999,党政办\n"
                          "孙悦,组长,13907319998,党政办\n,值班员,1390731999,党政办\n",
                          encoding="utf-8")
    holidays = folder / "节假日-2027.csv"
    holidays.write_text("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n"
                        "2027-02-07,adjusted_workday,春节\n", encoding="utf-8")

    directory = responsible_service.directory(uow)
    in_force = warning_service.list_warnings(uow, active=True)[0]
    responsible_file = folder / "责任人.csv"
    responsible_file.write_text("村(社区),岗位,姓名,手机,AB角,备注\n青山村,网格员,刘洋,13907319999,王大,\n"
                                "石门村,组长,孙悦,13907319998,,\n,网格员,赵六,1390731999,,\n",
                                encoding="utf-8")

    resources = resource_service.list_resources(uow)
    resources_file = folder / "应急资源.csv"
    resources_file.write_text("类型,名称,数量或容量,位置,负责人,电话,适用子类\n"
                              "物资,救生衣,150 件,镇防汛物资仓库（镇政府后院）,范立新,13707310109,"
                              "溺水、山洪\n"
                              "队伍,青山镇蓝天救援队,25 人,青山镇综合服务中心,黎明,13707310188,溺水\n"
                              "物资,沙袋,很多,仓库,范立新,电话,沉船\n", encoding="utf-8")

    def resources_import() -> Any:
        dialog = ImportResourcesDialog(uow, runner, window)
        dialog.load(resources_file)
        return dialog

    def responsible_import() -> Any:
        dialog = ImportResponsibleDialog(uow, runner, window)
        dialog.load(responsible_file)
        return dialog

    def staff_import() -> Any:
        dialog = ImportStaffDialog(uow, runner, window)
        dialog.load(staff_file)
        return dialog

    def calendar_import() -> Any:
        dialog = ImportCalendarDialog(uow, runner, window)
        dialog.load(holidays)
        return dialog

    def generate() -> Any:
        dialog = GenerateDialog(uow, runner, *month, window)
        dialog.preview()
        return dialog

    def intake_refused() -> Any:
        dialog = IncidentDialog(runner, lambda v: incident_service.add_incident(uow, v), zone,
                                parent=window)
        dialog.title_edit.setText("青山镇自来水厂停电")
        dialog.counts["deaths"].setValue(3)
        dialog.submit()  # no category: refused, the field marked
        return dialog

    def preview() -> Any:
        document = handover_service.handover_document(uow, today, datetime.now(UTC))
        return PdfPreview(document, f"{today:%Y-%m-%d} 交接班记录", "x.pdf", window)

    def wizard(page: int) -> Callable[[], Any]:
        def make() -> Any:
            made = SetupWizard(uow, runner, lambda: None)
            made.setStartId(made.pageIds()[page])
            return made
        return make

    yield "intake", lambda: IncidentDialog(runner, nothing, zone, parent=window)
    yield "intake-refused", intake_refused
    yield "incident-edit", lambda: IncidentDialog(runner, nothing, zone, detail.facts.as_dict(),
                                                  editing=True, parent=window)
    yield "report", lambda: ReportDialog(
        runner, nothing, zone, lambda stage: upward_reports.draft_text(uow, leak, stage),
        "update", sender="王主任", parent=window)
    night = datetime(2026, 12, 2, 3, 10, tzinfo=zone)
    choices = dispatch_service.dispatch_choices(uow, "accident", "危化品泄漏", night)
    yield "dispatch", lambda: DispatchDialog(runner, nothing, zone, choices.departments,
                                             choices.on_duty, choices.proposal, window)
    yield "partner-roster", lambda: PartnerRosterDialog(uow, runner, departments[0],
                                                        window.desk_today, window)
    duties = responsibility_service.list_duties(uow)
    yield "duty-line", lambda: DutyDialog(runner, nothing, departments, duties[0], window)
    yield "feedback", lambda: FeedbackDialog(runner, nothing, zone, detail.dispatches, window)
    yield "register", lambda: RegisterDialog(runner, nothing, zone, entry, window)
    yield "promote", lambda: PromoteDialog(runner, nothing, window)
    yield "check-in", lambda: CheckInDialog(runner, nothing, shift.slots, staff, window)
    yield "spot-check", lambda: SpotCheckDialog(runner, nothing, zone, ["杨帆"],
                                                datetime.now(UTC), window)
    yield "presence", lambda: PresenceDialog(runner, nothing, staff, (staff[0].id, staff[0].name),
                                             "周立新", None, window)
    yield "staff", lambda: StaffDialog(runner, nothing, staff[-1], ["党政办"], window)
    yield "department", lambda: DepartmentDialog(runner, nothing, departments[0], window)
    yield "staff-import", staff_import
    yield "responsible", lambda: ResponsibleDialog(runner, nothing, directory, directory.people[1],
                                                   window)
    yield "responsible-import", responsible_import
    yield "resource", lambda: ResourceDialog(runner, nothing, resources[0], window)
    yield "resource-import", resources_import
    yield "warning-new", lambda: WarningDialog(runner, nothing, directory.villages, zone,
                                               datetime.now(UTC), parent=window)
    yield "warning-follow-up", lambda: WarningDialog(runner, nothing, directory.villages, zone,
                                                     datetime.now(UTC), in_force, parent=window)
    yield "warning-cancel", lambda: WarningDialog(runner, nothing, directory.villages, zone,
                                                  datetime.now(UTC), in_force, True, window)
    yield "calendar-import", calendar_import
    order = instruction_service.list_instructions(uow, "open")[0]
    yield "instructions", lambda: InstructionsDialog(uow, runner, zone, lambda: datetime.now(UTC),
                                                     ("incident", leak, detail.facts.title),
                                                     parent=window)
    yield "instructions-all", lambda: InstructionsDialog(uow, runner, zone,
                                                         lambda: datetime.now(UTC), parent=window)
    yield "instruction-new", lambda: InstructionDialog(
        runner, nothing, instruction_service.choices(uow), detail.facts.title, zone,
        datetime.now(UTC), window)
    yield "instruction-feedback", lambda: InstructionFeedbackDialog(
        tr("登记落实情况"), tr("保存"), tr("落实情况"), runner, nothing, order, zone, datetime.now(UTC),
        parent=window)
    yield "user-new", lambda: UserDialog(runner, nothing, staff, parent=window)
    yield "user-edit", lambda: UserDialog(runner, nothing, staff, users[-1], parent=window)
    yield "password-own", lambda: PasswordDialog(runner, nothing, True, "王主任", window)
    yield "password-reset", lambda: PasswordDialog(runner, nothing, False, "杨帆", window)
    yield "login", lambda: LoginDialog(runner, nothing, "青山镇人民政府（示例）", window)
    yield "slot", lambda: SlotDialog(uow, runner, today, Seat(Tier.LEADER), None, staff, False, window)
    yield "generate", generate
    yield "leave", lambda: LeaveDialog(uow, runner, *month, staff, window)
    yield "periods", lambda: PeriodsDialog(uow, runner, today, window)
    yield "statistics", lambda: StatsDialog(uow, runner, today.replace(month=1, day=1), month[1],
                                            "青山镇人民政府", window)
    yield "roster-changes", lambda: ChangesDialog(uow, runner, *month, window)
    yield "accept-handover", lambda: AcceptDialog([(p.id, p.name) for p in staff], None, today,
                                                  window)
    yield "correct-handover", lambda: ReasonDialog(window)
    yield "daily-report", lambda: DailyReportDialog(
        uow, runner, date(2026, 10, 2), zone, lambda: datetime(2026, 10, 2, 14, 50, tzinfo=zone), window)
    yield "range", lambda: RangeDialog("签到和查岗记录", "预览", "eye", today, today, window)
    yield "print-preview", preview
    yield "help", lambda: HelpDialog(window)
    for page in range(3):
        yield f"setup-{page + 1}", wizard(page)
    from dutyroom.services.plan_service import PlanView
    from dutyroom.ui.dialogs.attachment_viewer import PdfViewer
    from dutyroom.ui.dialogs.plan_dialog import PlanDialog

    plan = PlanView(1, "青山镇危险化学品事故应急预案", ("危化品泄漏", "火灾"), True, None)
    yield "plan-new", lambda: PlanDialog(runner, nothing, None, window)
    yield "plan-edit", lambda: PlanDialog(runner, nothing, plan, window)
    from dutyroom.services import playbook_service
    from dutyroom.ui.dialogs.playbook_dialog import PlaybookDialog

    yield "playbooks", lambda: PlaybookDialog(uow, runner, playbook_service.playbook_lists(uow), window)

    def viewer() -> Any:
        from reportlab.pdfgen import canvas

        path = folder / "青山镇防汛应急预案（2026 年修订）.pdf"
        drawing = canvas.Canvas(str(path))
        drawing.drawString(72, 720, "Qingshan flood plan")
        drawing.showPage()
        drawing.save()
        return PdfViewer(path, window)

    yield "attachment-viewer", viewer


def tour(app: Any, window: Any, backend: Any, folder: Path,
         look: Callable[[Any, str], None]) -> tuple[list[str], list[str]]:
    """Show every page state and dialog, calling `look(window, name)` on each; the names
    of the pages' states and of the dialogs."""
    pages, names = [], []
    for name in page_states(window):
        settle(app)
        look(window, name)
        pages.append(name)
    for name, make in dialogs(window, backend, folder):
        dialog = make()
        dialog.show()
        settle(app, 10)
        if hasattr(dialog, "pdf"):  # the print preview draws its pages in a worker thread
            for _ in range(40):
                app.processEvents()
                time.sleep(0.05)
        look(dialog, name)
        names.append(name)
        dialog.hide()  # not close(): closing the login asks whether to quit Dutyroom
        dialog.deleteLater()
    window.lock()
    settle(app)
    look(window, "locked")
    pages.append("locked")
    return pages, names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--shots", type=Path)
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    configure_screen(width, height)
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from dutyroom.ui import i18n

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Dutyroom-probe")
    i18n.install(app, args.language)
    app.setApplicationDisplayName(i18n.tr("Dutyroom 值班室"))

    from dutyroom.services import settings_service
    from dutyroom.services.setup_service import Storage
    from dutyroom.ui.main_window import MainWindow
    from dutyroom.ui.tasks import SyncRunner
    from dutyroom.ui.theme import apply_theme

    found: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        backend = sample_desk(folder)
        settings = settings_service.load_settings(backend.uow)
        apply_theme(app, settings["font_scale"])
        window = MainWindow(backend.uow, SyncRunner(), "~/.local/share/Dutyroom/dutyroom.sqlite3",
                            backend.schema.schema if backend.schema else "", settings,
                            storage=Storage(backend.url, backend.engine))
        window.show()
        settle(app)
        extra = window.frameGeometry().size() - window.size()  # the platform's own frame
        window.resize(width - extra.width(), height - MAIN_TITLE_BAR - extra.height())
        settle(app)
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)

        def look(shown: Any, name: str) -> None:
            found.extend(f"[{args.language} {args.size}] {line}" for line in problems_in(shown, name))
            if args.shots:
                shown.grab().save(str(args.shots / f"{name}.png"))

        pages, dialogs_seen = tour(app, window, backend, folder, look)
        window.close()
        backend.close()
    print(json.dumps({"problems": found, "pages": pages, "dialogs": dialogs_seen},
                     ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
