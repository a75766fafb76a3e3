"""交接班 from the page: the live draft, notes saved, 接班确认 locking it, a correction, the
print preview (QtPdf) printing to a file, and the rota and report printouts of other pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from dutyroom.domain.tiers import Tier
from dutyroom.services import incident_service, roster_service, settings_service, staff_service
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.pages.handover_page import AcceptDialog, ReasonDialog

Z = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 23)


class Clock:
    def __init__(self, text: str) -> None:
        self.moment = datetime.fromisoformat(text).replace(tzinfo=Z)

    def __call__(self) -> datetime:
        return self.moment


class Quiet:
    def notify(self, title: str, text: str, *, loud: bool) -> None:
        """Alerts are tested on 今日值班."""


@pytest.fixture
def clock():
    return Clock("2026-11-23T18:00")


@pytest.fixture
def main(qtbot, sqlite_backend, runner, clock):
    people = {}
    for name, tier, mobile in (("王海涛", "leader", "13907311000"), ("胡斌", "officer", "13907312002"),
                               ("邓洁", "officer", "13907312003")):
        people[name] = staff_service.add_staff(sqlite_backend.uow, {
            "name": name, "tier": tier, "mobile": mobile}).value.id
    for day, officer in ((DAY, "胡斌"), (DAY + timedelta(days=1), "邓洁")):
        roster_service.assign(sqlite_backend.uow, day, Tier.LEADER, people["王海涛"])
        roster_service.assign(sqlite_backend.uow, day, Tier.OFFICER, people[officer])
    incident_service.add_incident(sqlite_backend.uow, {
        "received_at": "2026-11-23T16:37", "title": "青山化工园区储罐泄漏", "category": "accident",
        "level": "III"}, now=clock())
    settings = settings_service.load_settings(sqlite_backend.uow)
    window = MainWindow(sqlite_backend.uow, runner, "test.sqlite3", "0004", settings, now=clock,
                        notifier=Quiet())
    qtbot.addWidget(window)
    window.show()
    window.show_page(4)
    return window


def test_the_draft_shows_the_shift_and_keeps_the_notes(main):
    page = main.handover
    assert page.day == DAY and not page.view.final
    html = page.browser.toPlainText()
    assert "青山化工园区储罐泄漏" in html and "交班人 胡斌" in html and "接班人 邓洁" in html
    assert "草稿" in page.state_label.text()
    assert not page.accept_button.isHidden() and page.correct_button.isHidden()
    page.notes.setPlainText("东岭村险情请继续跟进")
    page.equipment.setPlainText("传真机缺纸")
    page.save_button.click()
    assert page.view.stored.notes == "东岭村险情请继续跟进"
    assert "传真机缺纸" in page.browser.toPlainText()


def test_accepting_locks_and_a_correction_adds_a_revision(main, clock, monkeypatch):
    page = main.handover
    clock.moment = datetime(2026, 11, 24, 8, 20, tzinfo=Z)
    page.show_day(DAY)
    chosen = {}

    def accept(dialog: AcceptDialog) -> int:
        chosen["name"] = dialog.person.currentText()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AcceptDialog, "exec", accept)
    page.equipment.setPlainText("正常")
    page.accept_button.click()
    assert chosen["name"] == "邓洁（值班员）"  # the rostered incoming officer is proposed
    assert page.view.final and "已由 邓洁 接班确认" in page.state_label.text()
    assert not page.accept_button.isEnabled() and not page.correct_button.isHidden()
    assert [h.status_label for h in page.history.records()] == ["已接班"]

    def give_reason(dialog: ReasonDialog) -> int:
        dialog.reason.setText("漏记传真机故障")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReasonDialog, "exec", give_reason)
    page.equipment.setPlainText("传真机缺纸")
    page.correct_button.click()
    assert "第 2 版" in page.state_label.text()
    assert "漏记传真机故障" in page.browser.toPlainText()


def test_the_preview_prints_and_saves_the_same_pdf(main, tmp_path, qtbot):
    page = main.handover
    page.print_record()
    preview = page.preview
    qtbot.waitUntil(lambda: preview.pdf.pageCount() == preview.document.pages)
    assert preview.save_as(str(tmp_path / "saved.pdf"))
    assert (tmp_path / "saved.pdf").read_bytes() == preview.document.data
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == preview.document.pages
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == preview.document.pages
    preview.close()


def test_the_roster_and_the_log_open_their_printouts(main, qtbot):
    main.show_page(1)
    roster = main.roster
    roster.show_month(date(2026, 11, 1))
    roster._fill_files_menu()
    labels = [a.text() for a in roster.files_menu.actions() if a.text()]
    assert labels[:2] == ["打印11月值班表（月历）…", "打印11月值班表（报备名单，含手机）…"]
    assert "导入值班表 Excel…" in labels
    _, first, last, layout = roster.print_choices()[1]
    roster.print_rota(first, last, layout)
    assert roster.preview.document.pages >= 1
    roster.preview.close()
    main.show_page(2)
    log = main.log
    log.incident_view.selectRow(0)
    assert log.more_button.isEnabled() and all(a.isEnabled() for a in log.print_actions)
    log.print_report("first")
    assert "信息报告（首报）" in log.preview.windowTitle()
    log.preview.close()
