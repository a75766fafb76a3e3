from PySide6.QtCore import Qt

from dutyroom.services import demo, settings_service
from dutyroom.ui.main_window import MainWindow

PAGES = ["今日值班", "排班", "值班日志", "交接班", "通讯录", "设置", "数据"]


def test_every_page_opens_from_the_navigation(window, qtbot):
    assert [p.title for p in window.pages] == PAGES
    for index, title in enumerate(PAGES):
        window.nav.setCurrentRow(index)
        assert window.current_page().title == title
        assert window.current_page().isVisible()


def test_keyboard_shortcuts_switch_pages(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().title == "通讯录"


def test_a_real_desk_shows_no_demo_banner(window):
    assert window.demo_banner.isHidden()
    assert "未设置单位名称" in window.unit_label.text()


def test_the_demo_desk_is_clearly_marked(qtbot, sqlite_backend, runner):
    demo.seed_demo(sqlite_backend.uow)
    settings = settings_service.load_settings(sqlite_backend.uow)
    main = MainWindow(sqlite_backend.uow, runner, "demo.sqlite3", "0001", settings)
    qtbot.addWidget(main)
    main.show()
    assert main.demo_banner.isVisible()
    assert "示例" in main.demo_banner.text()
    assert "示例" in main.unit_label.text()
    main.show_page(4)
    assert main.contacts.staff.proxy.rowCount() == 30
