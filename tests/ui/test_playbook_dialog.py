"""通讯录 → 职责分工 → 处置要点清单…: an office head edits a subtype's first-hour steps, by
keyboard alone; a refused list leaves the dialog open with nothing saved; closing with
unsaved edits asks first."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from dutyroom.domain.playbooks import steps_for
from dutyroom.services import incident_service, playbook_service
from dutyroom.ui.dialogs.playbook_dialog import PlaybookDialog

FIRE = steps_for("火灾")


def _open(window):
    window.show_page(5)
    page = window.contacts
    page.tabs.setCurrentWidget(page.duties)
    return page.duties


def _lists(backend):
    return {p.subtype: p.steps for p in playbook_service.playbook_lists(backend.uow)}


def _choose(dialog, qtbot, subtype):
    """Walk the subtype list with the arrow keys, as a person would, to `subtype`."""
    dialog.subtypes.setFocus()
    qtbot.keyClick(dialog.subtypes, Qt.Key.Key_Home)
    for _ in range(dialog.subtypes.count()):
        if dialog.current_subtype() == subtype:
            return
        qtbot.keyClick(dialog.subtypes, Qt.Key.Key_Down)
    raise AssertionError(f"{subtype} not in the list")


def _dialog(window, qtbot, backend):
    dialog = PlaybookDialog(backend.uow, window.runner, playbook_service.playbook_lists(backend.uow),
                            window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_button_beside_the_duties_table_opens_the_lists(window, qtbot, on_dialog):
    duties = _open(window)
    seen = []

    def close(dialog):
        seen.append(isinstance(dialog, PlaybookDialog) and dialog.subtypes.count())
        dialog.reject()

    on_dialog(close)
    qtbot.mouseClick(duties.playbook_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0] >= 10


def _modal(on_dialog, duties, qtbot, act):
    """Open the dialog as the page does (modal, so it is the active window and keys reach
    its focused widget) and run `act` on it; a failed check closes it rather than hang."""
    failures = []

    def guarded(dialog):
        try:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
            act(dialog)
        except BaseException as error:  # re-raised below, once the dialog is closed
            failures.append(error)
            dialog.done(0)

    on_dialog(guarded)
    qtbot.mouseClick(duties.playbook_button, Qt.MouseButton.LeftButton)
    if failures:
        raise failures[0]


def test_an_office_head_edits_a_list_by_keyboard(window, qtbot, on_dialog, sqlite_backend):
    incident = incident_service.add_incident(sqlite_backend.uow, {
        "received_at": "2026-07-01T03:10", "title": "仓库起火", "category": "accident",
        "subtype": "火灾"}, now=datetime(2026, 7, 1, 3, 20, tzinfo=UTC)).value.id
    playbook_service.set_step(sqlite_backend.uow, incident, FIRE[5], True)
    duties = _open(window)
    expected = [FIRE[1], "Call the power station", FIRE[0], *FIRE[2:5]]
    seen = {}

    def edit(dialog):
        _choose(dialog, qtbot, "火灾")
        assert dialog.steps_shown() == list(FIRE)
        qtbot.keyClick(dialog.subtypes, Qt.Key.Key_Tab)  # from the subtypes to the steps
        assert dialog.steps.hasFocus()
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Home)
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Down)  # the second step …
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # … first
        qtbot.keyClick(dialog.steps, Qt.Key.Key_End)
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Delete)  # the last step goes
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Home)
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Insert)  # to the new step's line
        assert dialog.new_step.hasFocus()
        qtbot.keyClicks(dialog.new_step, "Call the power station")
        qtbot.keyClick(dialog.new_step, Qt.Key.Key_Delete)  # typing: does not remove a step
        qtbot.keyClick(dialog.new_step, Qt.Key.Key_Return)  # after the selected (first) step
        assert dialog.steps_shown() == expected
        assert "未保存" in dialog.subtypes.currentItem().text()
        seen["changes"] = dialog
        qtbot.keyClick(dialog.new_step, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    _modal(on_dialog, duties, qtbot, edit)
    assert seen["changes"].result() == 1 and seen["changes"].changes.incidents
    assert list(_lists(sqlite_backend)["火灾"]) == expected
    # the incident ticked under the shipped list keeps its tick
    listed = playbook_service.checklist(sqlite_backend.uow, incident)
    assert [(s.text, s.done) for s in listed if s.done] == [(FIRE[5], True)]

    def look(dialog):
        _choose(dialog, qtbot, "火灾")
        seen["again"] = (dialog.steps_shown(), dialog.subtypes.currentItem().text())
        qtbot.keyClick(dialog.subtypes, Qt.Key.Key_Escape)

    _modal(on_dialog, duties, qtbot, look)
    assert seen["again"][0] == expected and "本台修改" in seen["again"][1]


def test_back_to_the_shipped_list_and_a_refused_list_saves_nothing(window, qtbot, on_dialog,
                                                                    sqlite_backend, monkeypatch):
    playbook_service.save_playbooks(sqlite_backend.uow, {"溺水": ["问清地点", "通知派出所"]})
    duties = _open(window)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    seen = {}

    def edit(dialog):
        _choose(dialog, qtbot, "溺水")
        qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
        assert dialog.steps_shown() == list(steps_for("溺水"))
        _choose(dialog, qtbot, "火灾")
        dialog.steps.setCurrentRow(0)
        dialog.new_step.setText(FIRE[0])  # the same step twice
        qtbot.keyClick(dialog.new_step, Qt.Key.Key_Return)
        _choose(dialog, qtbot, "溺水")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and warned and "第 2 步与第 1 步相同" in warned[0]
        assert dialog.current_subtype() == "火灾"  # the refusal brings the refused list into view
        seen["drowning"] = _lists(sqlite_backend)["溺水"]  # all or none: not saved either
        dialog.steps.setFocus()
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Delete)  # the doubled step goes again
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    _modal(on_dialog, duties, qtbot, edit)
    assert seen["drowning"] == ("问清地点", "通知派出所")
    lists = _lists(sqlite_backend)
    assert lists["溺水"] == steps_for("溺水") and lists["火灾"] == FIRE


def test_closing_with_unsaved_edits_asks_first(window, qtbot, sqlite_backend, monkeypatch):
    dialog = PlaybookDialog(sqlite_backend.uow, window.runner,
                            playbook_service.playbook_lists(sqlite_backend.uow), window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._select("火灾")
    dialog.steps.setCurrentRow(0)
    dialog.remove_step()
    assert dialog.pending == {"火灾": list(FIRE[1:])}
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: answers.pop(0))
    dialog.reject()
    assert dialog.isVisible()  # kept open: the edit is still there
    dialog.reject()
    assert not dialog.isVisible()
    assert _lists(sqlite_backend) == {p.subtype: p.shipped for p in
                                      playbook_service.playbook_lists(sqlite_backend.uow)}
    QApplication.processEvents()
