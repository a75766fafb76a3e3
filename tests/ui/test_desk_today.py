"""Dates offered by the window are the desk's (its zone and the window's clock), never the
computer's `date.today()` (issue 19, item 5)."""

from datetime import UTC, date, datetime

from dutyroom.domain.contacts import validate_department
from dutyroom.services import department_service, partner_duty_service, settings_service
from dutyroom.ui.dialogs.partner_dialogs import PartnerRosterDialog
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.month_grid import MonthModel

# 2031-03-31 23:30 in UTC is already 1 April in Beijing, and a date no computer running the
# test has as its own today.
LATE = datetime(2031, 3, 31, 16, 30, tzinfo=UTC)


def test_the_month_grid_opens_on_the_month_it_is_given():
    assert MonthModel(date(2031, 4, 1)).month == date(2031, 4, 1)


def test_the_rota_and_the_partner_roster_offer_the_desk_s_today(qtbot, sqlite_backend, runner):
    uow = sqlite_backend.uow
    fields = validate_department(name="县水利局", duty_phone="0731-86210119", liaison_name="田振华",
                                 liaison_mobile="13707310102", first_line=False)
    department = department_service.add_department(uow, fields.__dict__).value
    partner_duty_service.put_entry(uow, department.id, {"duty_date": "2031-04-01", "person": "王五",
                                                        "mobile": "13800000005"})
    window = MainWindow(uow, runner, "test.sqlite3", "0001", settings_service.snapshot(uow),
                        now=lambda: LATE)
    qtbot.addWidget(window)
    assert window.desk_today() == date(2031, 4, 1)
    assert window.roster.model.month == date(2031, 4, 1)
    dialog = PartnerRosterDialog(uow, runner, department, window.desk_today, window)
    qtbot.addWidget(dialog)
    assert dialog.day.date().toPython() == date(2031, 4, 1)
    assert dialog.table.selectedItems()[0].text() == "2031-04-01"  # today's line, selected
