"""Lock and unlock change who acts by swapping the window's unit of work (ui/acting.py):
work queued before the lock finishes as the person who queued it, and after another person
unlocks, what the pages do is recorded under them (issue 19, item 3)."""

from collections import deque

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from dutyroom.db.models import AuditEntry
from dutyroom.domain.roles import NOBODY
from dutyroom.services import settings_service, staff_service, user_service
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.tasks import ChangeBus

ADMIN = {"username": "admin", "display_name": "王主任", "password": "desk-2026!"}


class QueuedRunner:
    """One worker, first in first out, as `tasks.Runner`; the test says when it works."""

    def __init__(self) -> None:
        self.jobs: deque = deque()
        self.bus = ChangeBus()

    @property
    def pending(self) -> int:
        return len(self.jobs)

    def run(self, fn, *args, done, failed) -> None:
        self.jobs.append((fn, args, done, failed))

    def drain(self) -> None:
        while self.jobs:
            fn, args, done, failed = self.jobs.popleft()
            try:
                result = fn(*args)
            except Exception as error:
                failed(error)
            else:
                done(result)

    def shutdown(self) -> None:
        self.jobs.clear()


@pytest.fixture
def desk(qtbot, sqlite_backend, monkeypatch):
    admin = user_service.create_first_admin(sqlite_backend.uow, ADMIN).value
    as_admin = sqlite_backend.uow.for_actor(admin)
    user_service.add_user(as_admin, {"username": "li", "display_name": "李四", "role": "管理员",
                                     "password": "pass-word-1"})
    staff_service.add_staff(as_admin, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    runner = QueuedRunner()
    window = MainWindow(as_admin, runner, "test.sqlite3", "0001",
                        settings_service.load_settings(as_admin))
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.pages.index(window.contacts))
    runner.drain()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return window, runner, sqlite_backend.uow


def _staff_audit(uow) -> list[tuple[str, str]]:
    with uow.read() as session:
        return [tuple(row) for row in session.execute(
            select(AuditEntry.action, AuditEntry.actor).where(AuditEntry.entity == "staff")
            .order_by(AuditEntry.id))]


def test_work_queued_before_the_lock_finishes_as_who_queued_it(desk):
    window, runner, uow = desk
    staff = window.contacts.staff
    staff.table.selectRow(0)
    staff.toggle_button.click()  # queued: not yet run
    window.lock()
    assert window.locked and runner.pending
    runner.drain()
    assert _staff_audit(uow)[-1] == ("deactivate", "王主任(admin)")
    with uow.read() as session:
        last = session.scalars(select(AuditEntry).where(AuditEntry.entity == "session")
                               .order_by(AuditEntry.id.desc())).first()
    assert (last.action, last.actor) == ("lock", "王主任(admin)")  # recorded after the save
    assert window.uow.user is NOBODY


def test_after_another_person_unlocks_the_pages_act_as_them(desk):
    window, runner, uow = desk
    window.lock()
    runner.drain()
    before = window.uow
    screen = window.lock_screen
    screen.username.setText("li")
    screen.password.setText("pass-word-1")
    screen.submit()
    runner.drain()
    assert not window.locked and window.uow.actor == "李四(li)"
    assert before.user is NOBODY  # the locked desk's unit of work was replaced, not changed
    staff = window.contacts.staff
    runner.drain()
    staff.table.selectRow(0)
    staff.toggle_button.click()
    runner.drain()
    assert _staff_audit(uow)[-1] == ("deactivate", "李四(li)")
    assert "李四(li)" in window.user_label.text()
