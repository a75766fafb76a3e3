"""The main window: left navigation, a header with the desk and the time, one page at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dutyroom.alerts.scheduler import utc_clock
from dutyroom.services import settings_service
from dutyroom.services.alert_service import Watch
from dutyroom.services.uow import Changes, UnitOfWork
from dutyroom.ui.alert_banner import AlertBanner
from dutyroom.ui.alert_center import AlertCenter, Notifier
from dutyroom.ui.icons import ON_DARK, icon
from dutyroom.ui.notifier import DesktopNotifier
from dutyroom.ui.pages.base import Page
from dutyroom.ui.pages.contacts import ContactsPage
from dutyroom.ui.pages.handover_page import HandoverPage
from dutyroom.ui.pages.log_page import LogPage
from dutyroom.ui.pages.roster_page import RosterPage
from dutyroom.ui.pages.settings_page import SettingsPage
from dutyroom.ui.pages.today_page import TodayPage
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import show_error

WEEKDAYS = "一二三四五六日"


class MainWindow(QMainWindow):
    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner, database: str,
                 schema: str, settings: dict[str, Any], *,
                 now: Callable[[], datetime] = utc_clock, notifier: Notifier | None = None
                 ) -> None:
        super().__init__()
        self.uow, self.runner, self.now = uow, runner, now
        self.settings = settings
        self.resize(1280, 800)
        self.setMinimumSize(1024, 640)

        self.notifier = notifier or DesktopNotifier(self)
        self.center = AlertCenter(uow, runner, self.notifier, now, parent=self)
        self.today = TodayPage(uow, runner, self.center, now)
        self.roster = RosterPage(uow, runner)
        self.log = LogPage(uow, runner)
        self.handover = HandoverPage(uow, runner, now)
        self.contacts = ContactsPage(uow, runner)
        self.settings_page = SettingsPage(uow, runner)
        self.pages: list[Page] = [self.today, self.roster, self.log, self.handover,
                                  self.contacts, self.settings_page]
        for page in (self.today, self.roster, self.log, self.handover, self.contacts,
                     self.settings_page):
            page.changed.connect(self._changed)
        self.today.open_incident.connect(self.open_incident)

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(176)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        for number, page in enumerate(self.pages, 1):
            item = QListWidgetItem(icon(page.icon_name, ON_DARK), f"  {page.title}")
            item.setToolTip(f"{page.title}（Ctrl+{number}）")
            item.setSizeHint(QSize(176, 46))
            self.nav.addItem(item)
            self.stack.addWidget(page)
            QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                      lambda n=number - 1: self.show_page(n))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        outer.addWidget(self.nav)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self._build_header())
        self.demo_banner = QLabel(
            "示例数据：当前数据库是演示用的示例乡镇（人员、电话均为虚构），请勿用于实际值班。")
        self.demo_banner.setObjectName("demoBanner")
        right.addWidget(self.demo_banner)
        self.alert_banner = AlertBanner()
        self.alert_banner.show_button.clicked.connect(lambda: self.show_page(0))
        self.alert_banner.ack_button.clicked.connect(self.today.acknowledge_pressing)
        self.alert_banner.presence_button.clicked.connect(self.today.confirm_presence)
        right.addWidget(self.alert_banner)
        right.addWidget(self.stack, 1)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)

        self.statusBar().showMessage(f"数据库：{database}　结构版本：{schema}")
        QShortcut(QKeySequence.StandardKey.Refresh, self, lambda: self.refresh_all(None))
        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start(1000)
        self._apply_settings(settings)
        self.center.updated.connect(self._show_alerts)
        self.show_page(0)
        self.center.start()
        self.refresh_all(None)

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(24, 10, 24, 10)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.unit_label = QLabel()
        self.unit_label.setObjectName("unitName")
        self.desk_label = QLabel()
        self.desk_label.setObjectName("deskName")
        names.addWidget(self.unit_label)
        names.addWidget(self.desk_label)
        layout.addLayout(names, 1)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.clock)
        return header

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def open_incident(self, incident_id: int) -> None:
        self.show_page(self.pages.index(self.log))
        self.log.open_incident(incident_id)

    def _show_alerts(self, watch: Watch) -> None:
        self.alert_banner.show_watch(watch)
        pressing = len(watch.pressing)
        item = self.nav.item(0)
        item.setText(f"  {self.today.title}" + (f"（{pressing}）" if pressing else ""))

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def refresh_all(self, changes: Changes | None, *, skip: Page | None = None) -> None:
        for page in self.pages:
            if page is not skip:
                page.refresh(changes)
        if changes is None or changes.settings:
            self.runner.run(settings_service.load_settings, self.uow,
                            done=self._apply_settings,
                            failed=lambda e: show_error(self, "读取设置失败", e))

    def _changed(self, changes: Changes) -> None:
        """Another page changed data: refresh the others; the sender has refreshed itself."""
        sender = self.sender()
        self.refresh_all(changes, skip=sender if isinstance(sender, Page) else None)

    def _apply_settings(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        unit = settings["unit_name"] or "（未设置单位名称，请在「设置」中填写）"
        self.unit_label.setText(unit)
        self.desk_label.setText(f"{settings['desk_name']}　·　交接班时间 {settings['handover_time']}")
        self.setWindowTitle(f"Dutyroom 值班室 — {settings['unit_name'] or settings['desk_name']}")
        self.demo_banner.setVisible(bool(settings["demo_data"]))
        self._tick()

    def _tick(self) -> None:
        now = datetime.now(ZoneInfo(self.settings["timezone"]))
        self.clock.setText(f"{now:%Y年%m月%d日} 星期{WEEKDAYS[now.weekday()]}　{now:%H:%M:%S}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock_timer.stop()
        self.center.stop()
        if isinstance(self.notifier, DesktopNotifier):
            self.notifier.hide()
        super().closeEvent(event)
