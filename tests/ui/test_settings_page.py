from PySide6.QtCore import QTime
from PySide6.QtWidgets import QScrollArea, QTimeEdit

from dutyroom.domain import settings as registry
from dutyroom.domain.tiers import Tier
from dutyroom.services import settings_service
from dutyroom.ui.pages.settings_page import SettingsPage


def shown(window) -> SettingsPage:
    """The page as the officer opens it (a hidden page reads its data when shown)."""
    window.show_page(window.pages.index(window.settings_page))
    return window.settings_page


def test_save_settings_updates_the_header(window, qtbot, sqlite_backend):
    page = shown(window)
    page.unit_name.setText("青山镇人民政府")
    page.handover_time.setTime(QTime(9, 0))
    page.save()
    assert page.status.text() == "已保存。"
    values = settings_service.load_settings(sqlite_backend.uow)
    assert (values["unit_name"], values["handover_time"]) == ("青山镇人民政府", "09:00")
    assert window.unit_label.text() == "青山镇人民政府"
    assert "09:00" in window.desk_label.text()
    assert "青山镇人民政府" in window.windowTitle()


def test_a_bad_setting_is_refused_and_nothing_saved(window, sqlite_backend):
    page = shown(window)
    page.unit_name.setText("新名字")
    page.desk_name.setText("  ")
    page.timezone.setCurrentText("Mars/Base")
    page.save()
    assert page.status.text().startswith("未保存")
    assert "值班室名称不能为空" in page.status.text() and "时区" in page.status.text()
    assert settings_service.load_settings(sqlite_backend.uow)["unit_name"] == ""


def test_revert_restores_the_saved_values(window):
    page = shown(window)
    page.desk_name.setText("临时")
    page.revert()
    assert page.desk_name.text() == "总值班室"


def test_a_provincial_preset_fills_the_deadline_rules(window, sqlite_backend):
    page = shown(window)
    page.preset.setCurrentIndex(page.preset.findData("henan"))
    page.preset.activated.emit(page.preset.currentIndex())
    assert page.rule_editors["report_phone_major"].value() == 15
    assert "河南" in page.preset_source.text()
    page.other_editors["update_times_other"].setText("16:00")
    page.save()
    values = settings_service.load_settings(sqlite_backend.uow)
    assert (values["report_phone_major"], values["report_written_major"],
            values["report_written_general"]) == (15, 35, 360)
    assert values["update_times_other"] == "16:00"


def test_bad_update_times_are_refused(window, sqlite_backend):
    page = shown(window)
    page.other_editors["update_times_major"].setText("8点")
    page.save()
    assert page.status.text().startswith("未保存") and "时:分" in page.status.text()
    assert settings_service.load_settings(sqlite_backend.uow)["update_times_major"] == \
        "08:00,17:00"


def test_the_duty_clock_settings_save_and_contradictions_are_refused(window, sqlite_backend):
    page = shown(window)
    tiers = page.other_editors["checkin_tiers"]
    assert [box.text() for box in tiers.boxes.values() if box.isChecked()] == ["带班领导", "值班员"]
    page.other_editors["presence_interval_minutes"].setValue(60)
    page.other_editors["presence_window_minutes"].setValue(90)
    page.save()
    assert page.status.text().startswith("未保存") and "重叠" in page.status.text()
    assert settings_service.load_settings(sqlite_backend.uow)["presence_interval_minutes"] == 120
    page.other_editors["presence_window_minutes"].setValue(5)
    tiers.boxes[Tier.LEADER].setChecked(False)
    page.save()
    assert page.status.text() == "已保存。"
    values = settings_service.load_settings(sqlite_backend.uow)
    assert (values["presence_interval_minutes"], values["checkin_tiers"]) == (60, "officer")
    tiers.boxes[Tier.OFFICER].setChecked(False)
    page.save()
    assert page.status.text().startswith("未保存") and "至少要有一个" in page.status.text()
    assert settings_service.load_settings(sqlite_backend.uow)["checkin_tiers"] == "officer"


def test_every_time_of_day_is_a_time_editor_and_saves_as_typed(window, sqlite_backend):
    """在岗确认开始 and the other clock times are edited like 交接班时间, not typed as text."""
    page = shown(window)
    times = [key for key, editor in page.editors.items()
             if registry.definition(key).kind == "time"]
    assert set(times) >= {"handover_time", "presence_start", "presence_end", "rota_report_time",
                          "daily_report_time"}
    assert all(isinstance(page.editors[key], QTimeEdit) for key in times)
    page.other_editors["presence_start"].setTime(QTime(21, 30))
    page.save()
    assert page.status.text() == "已保存。"
    assert settings_service.load_settings(sqlite_backend.uow)["presence_start"] == "21:30"


def test_scrolling_the_page_over_the_time_zone_changes_nothing(themed, window, qtbot):
    """The wheel over 时区 (an unfocused combo box) scrolls 设置; the zone stays."""
    from tests.ui.test_theme import wheel

    page = shown(window)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: page.timezone.count() > 100)
    scroll = page.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(0)
    wheel(page.timezone)
    wheel(page.other_editors["presence_start"])
    wheel(page.font_scale)
    assert page.timezone.currentText() == "Asia/Shanghai"
    assert page.other_editors["presence_start"].time() == QTime(22, 0)
    assert page.font_scale.value() == 100
    assert scroll.verticalScrollBar().value() > 0


def test_the_rota_weights_and_time_limit_save_and_bad_ones_are_refused(window, sqlite_backend):
    page = shown(window)
    assert page.other_editors["weight_holiday"].value() == 3
    page.other_editors["weight_weekend"].setValue(0)
    page.save()
    assert page.status.text().startswith("未保存") and "1 到 10" in page.status.text()
    assert settings_service.load_settings(sqlite_backend.uow)["weight_weekend"] == 2
    page.other_editors["weight_weekend"].setValue(3)
    page.other_editors["roster_seconds"].setValue(60)
    page.save()
    assert page.status.text() == "已保存。"
    values = settings_service.load_settings(sqlite_backend.uow)
    assert (values["weight_weekend"], values["roster_seconds"]) == (3, 60)


def test_the_relay_settings_change_whom_a_yellow_warning_reaches(window, sqlite_backend):
    from dutyroom.services import responsible_service, warning_service

    page = shown(window)
    assert page.other_editors["relay_minutes_yellow"].value() == 30
    page.other_editors["relay_roles_yellow"].setText("网格员")
    page.other_editors["relay_minutes_yellow"].setValue(20)
    page.other_editors["villages"].setText("东村，西村")
    page.save()
    assert page.status.text() == "已保存。"
    values = settings_service.load_settings(sqlite_backend.uow)
    assert (values["relay_roles_yellow"], values["villages"]) == ("网格员", "东村、西村")
    uow = sqlite_backend.uow
    for name, role, mobile in (("甲", "村(社区)书记", "13900000001"), ("乙", "网格员", "13900000002")):
        responsible_service.add_person(uow, {"name": name, "village": "西村", "role": role,
                                             "mobile": mobile})
    added = warning_service.add_warning(uow, {"issuer": "县气象台", "type": "大雾", "colour": "yellow",
                                              "issued_at": "2026-07-01T08:00", "villages": ["西村"]},
                                        ).value
    assert [t.name for t in added.targets] == ["乙"]
    assert (added.warning.relay_due - added.warning.received_at).total_seconds() == 20 * 60
    page.other_editors["relay_roles_yellow"].setText("")
    page.save()
    assert page.status.text().startswith("未保存")
