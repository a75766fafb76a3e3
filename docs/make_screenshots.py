"""Screenshots of every page for the README, taken on a fresh demo database.

Run under Xvfb (`make screenshots`) so Qt draws with a real window system:
    xvfb-run -a python docs/make_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication

from dutyroom.app import open_backend
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    backup_service,
    demo,
    incident_service,
    roster_service,
    settings_service,
    staff_service,
    user_service,
)
from dutyroom.services.backup_service import Storage
from dutyroom.services.incident_service import IncidentQuery
from dutyroom.ui.dialogs.contact_dialogs import StaffDialog
from dutyroom.ui.dialogs.import_dialog import ImportStaffDialog
from dutyroom.ui.dialogs.log_dialogs import IncidentDialog, ReportDialog
from dutyroom.ui.dialogs.roster_dialogs import GenerateDialog, SlotDialog
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.tasks import SyncRunner
from dutyroom.ui.theme import apply_theme

OUT = Path(__file__).parent / "screenshots"
SHOTS = {"roster": 1, "log": 2, "log-register": 2, "contacts": 4, "contacts-departments": 4,
         "settings": 5, "today": 0, "handover": 3, "data": 6}


def _dialogs(app: QApplication, backend, window: MainWindow, folder: Path) -> None:
    """The staff form refusing a bad mobile, and the import preview of a file with bad rows."""
    runner = SyncRunner()
    form = StaffDialog(runner, lambda v: staff_service.add_staff(backend.uow, v), None,
                       ["党政办"], window)
    form.fields["name"].setText("刘洋")
    form.fields["mobile"].setText("1390731")
    form.show()
    form.submit()
    app.processEvents()
    form.grab().save(str(OUT / "staff-dialog-error.png"))
    form.close()
    bad = folder / "人员名单.csv"
    bad.write_text("姓名,值班层级,手机,部门\n刘洋,值班员,13907319999,党政办\n"
                   "孙悦,组长,13907319998,党政办\n杨帆,值班员,13907319997,应急办\n"
                   ",值班员,1390731999,党政办\n", encoding="utf-8")
    preview = ImportStaffDialog(backend.uow, runner, window)
    preview.show()
    preview.load(bad)
    app.processEvents()
    preview.grab().save(str(OUT / "import-preview-errors.png"))
    preview.close()
    generate = GenerateDialog(backend.uow, runner, date(2026, 4, 1), date(2026, 4, 30), window)
    generate.show()
    generate.preview()
    app.processEvents()
    generate.grab().save(str(OUT / "roster-generate-preview.png"))
    generate.close()
    slot = SlotDialog(backend.uow, runner, date(2026, 2, 17), Tier.LEADER, None,
                      staff_service.list_staff(backend.uow), False, window)
    slot.mode.setCurrentIndex(1)
    slot.show()
    slot.submit()
    app.processEvents()
    slot.grab().save(str(OUT / "roster-slot-dialog.png"))
    slot.close()
    zone = ZoneInfo("Asia/Shanghai")
    intake = IncidentDialog(runner, lambda v: incident_service.add_incident(backend.uow, v),
                            zone, parent=window)
    intake.title_edit.setText("青山镇自来水厂停电")
    intake.counts["deaths"].setValue(3)
    intake.show()
    intake.submit()  # no category chosen: refused, the field marked
    app.processEvents()
    intake.grab().save(str(OUT / "log-intake-error.png"))
    intake.close()
    leak = incident_service.list_incidents(backend.uow, IncidentQuery(text="储罐")).rows[0].id
    report = ReportDialog(runner, lambda v: v, zone,
                          lambda stage: incident_service.draft_text(backend.uow, leak, stage),
                          "first", window)
    report.channel.setCurrentIndex(1)
    report.show()
    app.processEvents()
    report.grab().save(str(OUT / "log-report-draft.png"))
    report.close()
    window.show_page(3)
    window.handover.print_record()
    preview = window.handover.preview
    preview.resize(1000, 900)
    for _ in range(30):  # QPdfView renders its pages in a worker thread
        app.processEvents()
        time.sleep(0.1)
    preview.grab().save(str(OUT / "handover-preview.png"))
    preview.close()


def _accounts(backend) -> None:
    """The administrator, a leader and two officers, and a few backups to list."""
    admin = {"username": "admin", "display_name": "王主任", "password": "desk-2026!",
             "confirm": "desk-2026!"}
    user_service.create_first_admin(backend.uow, admin)
    people = {p.name: p.id for p in staff_service.list_staff(backend.uow)}
    for username, name, role in (("zhoujun", "周军", "带班领导"), ("liuyang", "刘洋", "值班员"),
                                 ("chenjing", "陈静", "值班员")):
        user_service.add_user(backend.uow, {
            "username": username, "display_name": name, "role": role, "password": "pass-word-1",
            "confirm": "pass-word-1", "staff_id": people.get(name)})
    user_service.login(backend.uow, "liuyang", "pass-word-1")
    user_service.login(backend.uow, "admin", "desk-2026!")
    for days in (3, 2, 1):
        backup_service.auto_backup(backend.url, "Asia/Shanghai",
                                   datetime.now(UTC) - timedelta(days=days))
    backup_service.backup_to(backend.url)


def main() -> int:
    app = QApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        backend = open_backend(Path(folder) / "demo.sqlite3", "screenshot")
        demo.seed_demo(backend.uow)
        roster_service.add_period(backend.uow, "全国两会", "2026-03-04", "2026-03-11")
        roster_service.generate(backend.uow, date(2026, 2, 1), date(2026, 3, 31))
        _accounts(backend)
        settings = settings_service.load_settings(backend.uow)
        apply_theme(app, settings["font_scale"])
        window = MainWindow(backend.uow, SyncRunner(), "~/.local/share/Dutyroom/dutyroom.sqlite3",
                            backend.schema.schema if backend.schema else "", settings,
                            storage=Storage(backend.url, backend.engine))
        window.resize(1600, 900)
        window.show()
        window.roster.show_month(date(2026, 2, 1))
        for name, index in SHOTS.items():
            window.show_page(index)
            window.contacts.tabs.setCurrentIndex(1 if name.endswith("departments") else 0)
            window.log.tabs.setCurrentIndex(1 if name == "log-register" else 0)
            if name == "log":
                window.log.incident_view.selectRow(1)  # the open leak, deadlines running
            if name == "log-register":
                window.log.entry_view.selectRow(0)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        _dialogs(app, backend, window, Path(folder))
        window.lock()
        window.lock_screen.password.setText("secret")
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(OUT / "locked.png"))
        window.close()
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
