"""附件 and 应急预案 in the window: adding by the file dialog and by dropping a file,
opening (a PDF in the app's viewer, anything else in the system's), removing with a reason,
filing a plan in 设置 and opening it from an incident of its subtype."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dutyroom.services import attachment_service, incident_service, plan_service, warning_service
from dutyroom.ui.dialogs.attachment_viewer import PdfViewer
from dutyroom.ui.main_window import WARNINGS

Z = UTC


def _pdf(path: Path, pages: int = 2) -> Path:
    from reportlab.pdfgen import canvas

    drawing = canvas.Canvas(str(path))
    for n in range(pages):
        drawing.drawString(72, 720, f"page {n + 1}")
        drawing.showPage()
    drawing.save()
    return path


@pytest.fixture
def log(window):
    window.show_page(2)
    return window.log


def _incident(backend, subtype="危化品泄漏") -> int:
    received = (datetime.now(Z) - timedelta(minutes=20)).astimezone().strftime("%Y-%m-%dT%H:%M")
    return incident_service.add_incident(backend.uow, {
        "received_at": received, "title": "化工厂储罐泄漏", "category": "accident",
        "subtype": subtype, "level": "III"}).value.id


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    """What the system viewer was asked to open (nothing is really opened)."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def _drop(widget, paths: list[str], urls: list[QUrl] | None = None) -> QDropEvent:
    data = QMimeData()
    data.setUrls(urls if urls is not None else [QUrl.fromLocalFile(p) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return event


def test_add_by_dialog_list_and_open_with_the_system_viewer(log, sqlite_backend, tmp_path,
                                                            monkeypatch, opened):
    incident = _incident(sqlite_backend)
    log.reload()
    log.open_incident(incident)
    panel = log.incident_files
    assert panel.owner_id == incident and panel.add_button.isEnabled()
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(40_000))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    announced = []
    log.runner.bus.changed.connect(lambda changes, origin: announced.append(changes))
    panel.add_button.click()
    assert [c.incidents for c in announced] == [True]  # the window's other pages refresh
    assert panel.tree.topLevelItemCount() == 1
    row = panel.tree.topLevelItem(0)
    assert [row.text(i) for i in range(3)] == ["现场照片.jpg", "39.1 KB", "tester"]
    assert "附件" in panel.heading.text() and "1" in panel.heading.text()
    panel.tree.setCurrentItem(row)
    panel.open_button.click()
    assert len(opened) == 1
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "现场照片.jpg" and copy.read_bytes() == photo.read_bytes()


def test_dropping_files_adds_each_and_refuses_the_bad_one_with_a_sentence(
        log, sqlite_backend, tmp_path, monkeypatch):
    incident = _incident(sqlite_backend)
    log.reload()
    log.open_incident(incident)
    panel = log.incident_files
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    fax = tmp_path / "传真.tif"
    fax.write_bytes(os.urandom(3000))
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    event = _drop(panel, [str(fax), str(empty), str(tmp_path)])
    assert event.isAccepted()
    names = [a.name for a in attachment_service.list_attachments(sqlite_backend.uow, "incident",
                                                                   incident)]
    assert names == ["传真.tif"]
    assert panel.tree.topLevelItemCount() == 1
    assert len(warnings) == 2 and "空文件" in warnings[0] and "是文件夹" in warnings[1]
    assert not any("Traceback" in w or "内部错误" in w for w in warnings)
    web = _drop(panel, [], [QUrl("https://example.com/x.pdf")])  # not a file on this computer
    assert not web.isAccepted()


def test_a_pdf_opens_in_the_app_and_a_removal_asks_why(log, sqlite_backend, tmp_path,
                                                       monkeypatch, opened):
    incident = _incident(sqlite_backend)
    pdf = _pdf(tmp_path / "县应急局来文.pdf", pages=3)
    attachment_service.add_attachment(sqlite_backend.uow, "incident", incident, pdf)
    log.reload()
    log.open_incident(incident)
    panel = log.incident_files
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.open_button.click()
    assert opened == []  # not the system viewer
    viewer = panel.viewer
    assert isinstance(viewer, PdfViewer) and viewer.loaded and viewer.pdf.pageCount() == 3
    viewer.system_button.click()
    assert len(opened) == 1
    viewer.reject()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    panel.remove_selected(ask=lambda _w, _n: ("", True))  # no reason: refused, still listed
    assert panel.tree.topLevelItemCount() == 1 and "须写明原因" in warnings[0]
    panel.remove_selected(ask=lambda _w, name: (f"{name} 传错了", True))
    assert panel.tree.topLevelItemCount() == 0
    kept = attachment_service.list_attachments(sqlite_backend.uow, "incident", incident, True)
    assert kept[0].removal_reason == "县应急局来文.pdf 传错了"


def test_register_entries_and_voided_incidents(log, sqlite_backend, tmp_path):
    incident = _incident(sqlite_backend)
    incident_service.void_incident(sqlite_backend.uow, incident, None, "重复录入")
    log.include_voided.setChecked(True)
    log.reload()
    log.open_incident(incident)
    assert log.incident_files.owner_id == incident
    assert not log.incident_files.add_button.isEnabled()  # a voided record takes no more
    assert not _drop(log.incident_files, [str(_pdf(tmp_path / "a.pdf"))]).isAccepted()
    assert log.entry_files.kind == "register_entry"


def test_a_plan_filed_in_settings_opens_from_an_incident_of_its_subtype(
        window, sqlite_backend, tmp_path, monkeypatch, on_dialog, opened):
    pdf = _pdf(tmp_path / "危化品预案.pdf")
    window.show_page(window.pages.index(window.settings_page))
    page = window.settings_page

    def fill(dialog):
        dialog.title.setText("青山镇危险化学品事故应急预案")
        for i in range(dialog.subtypes.count()):
            if dialog.subtypes.item(i).data(Qt.ItemDataRole.UserRole) in ("危化品泄漏", "火灾"):
                dialog.subtypes.item(i).setCheckState(Qt.CheckState.Checked)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pdf), ""))
        dialog.choose_file()
        dialog.submit()

    on_dialog(fill)
    page.add_plan_button.click()
    from PySide6.QtWidgets import QApplication

    deadline = datetime.now() + timedelta(seconds=5)
    while page.plan_list.topLevelItemCount() == 0 and datetime.now() < deadline:
        QApplication.processEvents()
    assert page.plan_list.topLevelItem(0).text(0) == "青山镇危险化学品事故应急预案"
    assert page.plan_list.topLevelItem(0).text(1) == "危化品泄漏、火灾"
    incident = _incident(sqlite_backend)
    window.show_page(2)
    window.log.reload()
    window.log.open_incident(incident)
    button = window.log.plans_button
    assert button.isEnabled() and "（1）" in button.text()
    window.log.plans_menu.actions()[0].trigger()
    assert window.log.viewer.loaded and window.log.viewer.pdf.pageCount() == 2
    other = _incident(sqlite_backend, subtype="溺水")
    window.log.open_incident(other)
    assert not window.log.plans_button.isEnabled()
    assert plan_service.plans_for(sqlite_backend.uow, "火灾")[0].file.name == "危化品预案.pdf"


def test_a_warning_keeps_its_notice(window, sqlite_backend, tmp_path):
    now = datetime(2026, 7, 1, 18, 40, tzinfo=UTC)
    added = warning_service.add_warning(sqlite_backend.uow, {
        "issuer": "县气象台", "type": "暴雨", "colour": "blue", "issued_at": "2026-07-02T02:30",
        "villages": ["全镇"]}, now=now).value.warning
    window.now = lambda: now + timedelta(minutes=5)
    window.show_page(WARNINGS)
    page = window.warnings
    page.now = window.now
    page.open_warning(added.id)
    assert page.files.owner_id == added.id and page.files.add_button.isEnabled()
    scan = tmp_path / "预警短信截图.png"
    scan.write_bytes(b"\x89PNG\r\n" + os.urandom(800))
    _drop(page.files, [str(scan)])
    assert page.files.tree.topLevelItem(0).text(0) == "预警短信截图.png"


@pytest.mark.parametrize("name", ["现场照片.jpg.exe", "照片.lnk", "处置.bat", "说明.hta", "链接.url",
                                  "a.scr", "b.js", "c.vbs", "d.cmd", "e.ps1", "f.msi"])
def test_a_program_attached_is_shown_in_its_folder_never_run(qtbot, monkeypatch, tmp_path, name):
    """A field package or a fax may bring in 现场照片.jpg.exe; on Windows the system's opener
    would run it. Only its folder is opened, with a warning naming it."""
    from PySide6.QtWidgets import QWidget

    from dutyroom.ui.attachments import open_copy

    opened: list[str] = []
    warned: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)
    path = tmp_path / name
    path.write_bytes(b"MZ\x90\x00")
    open_copy(parent, path, False)
    assert opened == [str(tmp_path)] and name in warned[0] and "不直接打开" in warned[0]
