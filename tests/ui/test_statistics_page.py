"""统计 from the keyboard: Ctrl+9 opens it on this month; a custom period shows the same
counts the service gives, in the tables and the charts; the workbook is exported; a period
that ends before it starts says so."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from dutyroom.services import incident_service, settings_service, statistics_service, upward_reports
from dutyroom.ui.main_window import STATISTICS, MainWindow

Z = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 20, 12, 0, tzinfo=Z)


@pytest.fixture
def main(qtbot, sqlite_backend, runner):
    uow = sqlite_backend.uow
    for day, category, sent in ((1, "accident", "09:20"), (3, "natural_disaster", "10:40"),
                                (3, "accident", None)):
        incident = incident_service.add_incident(uow, {
            "received_at": f"2026-07-0{day}T09:00", "title": f"事件{day}{category}", "category": category,
            "level": "III"}, now=datetime(2026, 7, day, 9, 1, tzinfo=Z)).value.id
        if sent:
            upward_reports.record_report(uow, incident, "first", "phone",
                                         sent_at=f"2026-07-0{day}T{sent}",
                                         now=datetime.fromisoformat(f"2026-07-0{day}T{sent}").replace(tzinfo=Z))
    window = MainWindow(uow, runner, "test.sqlite3", "0013", settings_service.load_settings(uow),
                        now=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    return window


def test_custom_period_tables_charts_and_export(main, qtbot, sqlite_backend, tmp_path):
    qtbot.keyClick(main, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert main.current_page() is main.page(STATISTICS)
    page = main.statistics_page
    page.kind.setFocus()
    page.kind.setCurrentIndex(page.kind.findData("custom"))
    assert page.last.isEnabled()
    page.first.setDate(QDate(2026, 7, 1))
    page.last.setDate(QDate(2026, 7, 31))
    expected = statistics_service.period_statistics(sqlite_backend.uow, date(2026, 7, 1),
                                                    date(2026, 7, 31), NOW)
    assert page.stats == expected
    total = page.report_model.records()[0][1]
    assert (total.on_time, total.late) == (1, 1) and total.due == expected.reports.due
    assert f"漏报事件 {expected.missing_incidents} 起" in page.summary.text()
    incidents = page.incident_chart.series()[0]
    assert sorted(s.label() for s in incidents.barSets()) == ["事故灾难", "自然灾害"]
    assert sum(s.sum() for s in incidents.barSets()) == 3
    out = tmp_path / "七月.xlsx"
    page.export(str(out))
    assert load_workbook(out).sheetnames[0] == "信息报送"
    assert "已导出" in page.summary.text()


def test_a_month_picks_its_bounds_and_a_backwards_period_says_so(main, monkeypatch):
    page = main.statistics_page
    page.kind.setCurrentIndex(page.kind.findData("quarter"))
    page.first.setDate(QDate(2026, 8, 15))
    assert page.period() == (date(2026, 7, 1), date(2026, 9, 30))
    errors = []
    monkeypatch.setattr("dutyroom.ui.tasks.report_error",
                        lambda parent, title, error: errors.append(str(error)))
    page.kind.setCurrentIndex(page.kind.findData("custom"))
    page.last.setDate(QDate(2026, 6, 1))
    assert errors and "早于开始日期" in errors[-1]


def test_the_monthly_report_opens_in_the_preview(main):
    page = main.statistics_page
    page.kind.setCurrentIndex(page.kind.findData("month"))
    page.first.setDate(QDate(2026, 7, 9))
    page.print_button.click()
    assert page.preview.document.pages >= 1
    assert page.preview.filename == "值班工作月报-20260701-20260731.pdf"
    page.preview.reject()


def test_the_warning_tab_shows_the_relay_per_village(main, qtbot, sqlite_backend, tmp_path):
    from dutyroom.services import responsible_service, warning_service
    from tests.services.test_warning_services import GOOD, write

    uow = sqlite_backend.uow
    responsible_service.import_file(uow, write(tmp_path, GOOD))
    received = datetime(2026, 7, 10, 2, 40, tzinfo=Z)
    warning = warning_service.add_warning(uow, {
        "issuer": "县气象台", "type": "暴雨", "colour": "red", "issued_at": "2026-07-10T02:30",
        "villages": ["东村"]}, now=received).value.warning.id
    warning_service.record_attempt(uow, warning, "张建国", "phone", True,
                                   at=received.replace(minute=43), now=received.replace(minute=43))
    qtbot.keyClick(main, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    page = main.statistics_page
    page.kind.setCurrentIndex(page.kind.findData("month"))
    page.first.setDate(QDate(2026, 7, 1))  # the month of 1 July
    tab = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "预警叫应")
    page.tabs.setCurrentIndex(tab)
    rows = {name: t for name, t in page.relay_model.records()}
    assert (rows["东村"].to_reach, rows["东村"].in_time, rows["东村"].never) == (3, 1, 2)
    assert rows["合计"] == page.stats.warnings.relay
    assert "收到预警 1 条（红色 1 条）" in page.relay_label.text()
    assert "叫应完成率 33.3%" in page.relay_label.text()
