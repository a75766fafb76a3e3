"""The main window: left navigation, a header with the desk and the time, one page at a time."""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.local_time import utc_clock
from dutyroom.domain.roles import NOBODY, Actor
from dutyroom.services import settings_service
from dutyroom.services.alert_service import Watch
from dutyroom.services.setup_service import Storage
from dutyroom.services.uow import Changes, UnitOfWork
from dutyroom.ui import input_guard
from dutyroom.ui.acting import Acting, ActsForDesk
from dutyroom.ui.alert_banner import AlertBanner
from dutyroom.ui.alert_center import AlertCenter, Notifier, summary
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.icons import ON_DARK, icon
from dutyroom.ui.live_feed import LiveFeed
from dutyroom.ui.lock_screen import LockScreen
from dutyroom.ui.notifier import DesktopNotifier
from dutyroom.ui.pages.base import Page
from dutyroom.ui.quitting import confirm_quit
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import button, weekday_name

if TYPE_CHECKING:
    from dutyroom.ui.dialogs.help_dialog import HelpDialog
    from dutyroom.ui.pages.contacts import ContactsPage
    from dutyroom.ui.pages.data_page import DataPage
    from dutyroom.ui.pages.handover_page import HandoverPage
    from dutyroom.ui.pages.log_page import LogPage
    from dutyroom.ui.pages.roster_page import RosterPage
    from dutyroom.ui.pages.settings_page import SettingsPage
    from dutyroom.ui.pages.statistics_page import StatisticsPage
    from dutyroom.ui.pages.today_page import TodayPage
    from dutyroom.ui.pages.warning_page import WarningPage

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                          QEvent.Type.MouseMove, QEvent.Type.Wheel})
BACKUP_CHECK_MS = 60 * 60 * 1000  # is the daily automatic backup due?
CLOSE_LISTS = 5  # alerts named in the question at close; the rest are counted
log = logging.getLogger("dutyroom.ui")


@dataclass(frozen=True)
class NavEntry:
    """A page of the window: adding a page is adding one of these to NAVIGATION.

    Its place in the list is its place in the navigation and its Ctrl+number; `build` makes
    it for a window (from the window's unit of work, runner, clock...), and is called when
    the page is first opened (most shifts never open 设置 or 数据), so the page's module is
    imported then too; the title and icon are here so the navigation can be drawn before
    that. tests/ui/test_main_window.py checks they agree with the page class."""

    title: str
    icon: str
    module: str  # under dutyroom.ui.pages
    name: str
    build: Callable[[MainWindow, Any], Page]  # (the window, the page class) -> the page

    def page_class(self) -> Any:
        return getattr(importlib.import_module(f"dutyroom.ui.pages.{self.module}"), self.name)


NAVIGATION = [
    NavEntry(tr("今日值班"), "today", "today_page", "TodayPage",
             lambda w, cls: cls(w.acting, w.runner, w.center, w.now)),
    NavEntry(tr("排班"), "roster", "roster_page", "RosterPage",
             lambda w, cls: cls(w.acting, w.runner, w.desk_today)),
    NavEntry(tr("值班日志"), "log", "log_page", "LogPage",
             lambda w, cls: cls(w.acting, w.runner, w.now)),
    NavEntry(tr("预警"), "warning", "warning_page", "WarningPage",
             lambda w, cls: cls(w.acting, w.runner, w.now)),
    NavEntry(tr("交接班"), "handover", "handover_page", "HandoverPage",
             lambda w, cls: cls(w.acting, w.runner, w.now)),
    NavEntry(tr("通讯录"), "contacts", "contacts", "ContactsPage",
             lambda w, cls: cls(w.acting, w.runner, w.desk_today)),
    NavEntry(tr("设置"), "settings", "settings_page", "SettingsPage",
             lambda w, cls: cls(w.acting, w.runner, w.layout_store)),
    NavEntry(tr("数据"), "database", "data_page", "DataPage",
             lambda w, cls: cls(w.acting, w.runner, w.storage, w.settings.timezone,
                                w.about_database, w.now)),
    NavEntry(tr("统计"), "bar-chart", "statistics_page", "StatisticsPage",
             lambda w, cls: cls(w.acting, w.runner, w.now)),
]


def _place(module: str) -> int:
    return next(i for i, entry in enumerate(NAVIGATION) if entry.module == module)


# Where each page sits, by name (for the window's own actions and the tests).
TODAY, ROSTER, LOG, WARNINGS, HANDOVER, CONTACTS, SETTINGS, DATA, STATISTICS = (
    _place(m) for m in ("today_page", "roster_page", "log_page", "warning_page", "handover_page",
                        "contacts", "settings_page", "data_page", "statistics_page"))


def page_class(index: int) -> Any:
    return NAVIGATION[index].page_class()


def _alerts_may_change(changes: Changes) -> bool:
    """Whether what changed can start, end or move an alert: a deadline (incidents), a
    leader's instruction (on an incident, a call or document, a warning: voiding the record
    withdraws it), a relay, a check-in or rota task, a partner's roster, or the rules."""
    return (changes.incidents or changes.register or changes.warnings or changes.clock
            or changes.roster or changes.departments or changes.settings)


def _slot() -> QWidget:
    """Where a page goes in the stack once it is built."""
    slot = QWidget()
    layout = QVBoxLayout(slot)
    layout.setContentsMargins(0, 0, 0, 0)
    return slot


class MainWindow(ActsForDesk, QMainWindow):
    """The composition root of the window: it holds who is logged in (`acting`) and is the
    only place that changes it, at lock and unlock; the pages read it through `uow`."""

    # What a page's `build` (NAVIGATION) may take from the window.
    acting: Acting
    runner: Runner | SyncRunner
    now: Callable[[], datetime]
    storage: Storage | None
    layout_store: QSettings | None
    settings: DeskSettings
    about_database: str
    center: AlertCenter

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner, database: str,
                 schema: str, settings: DeskSettings | Mapping[str, Any], *,
                 now: Callable[[], datetime] = utc_clock, notifier: Notifier | None = None,
                 storage: Storage | None = None, layout: QSettings | None = None) -> None:
        super().__init__()
        self.runner, self.now, self.storage = runner, now, storage
        acting = self.acting = Acting(uow)
        self.layout_store = layout
        self.idle_clock: Callable[[], float] = time.monotonic  # tests drive it
        self._asking = True  # whether a person closing the window is asked first
        self._last_input = self.idle_clock()
        self.settings = DeskSettings.of(settings)
        self.resize(1280, 800)
        self.setMinimumSize(1024, 640)

        # Built without the input guard: no person can turn a wheel in a window not shown yet.
        with input_guard.set_aside(_application()):
            self.notifier = notifier or DesktopNotifier(self)
            self.center = AlertCenter(acting, runner, self.notifier, now, parent=self)
            # The first page is built now; the others when first opened (building them all made
            # every start wait for pages the officer may not open that shift).
            self.about_database = tr("数据库：{0}　结构版本：{1}").format(database, schema)
            self.today = cast("TodayPage", self._build(TODAY))
            self.today.open_incident.connect(self.open_incident)
            self.today.open_warning.connect(self.open_warning)
            self.today.open_partners.connect(self.open_partners)
            self.today.wants_rota.connect(self.plan_rota)
            runner.bus.changed.connect(self._changed)
            self._built: dict[int, Page] = {TODAY: self.today}
            self._stale: dict[Page, Changes | None] = {}  # built but hidden pages owed a refresh

            central = QWidget()
            outer = QHBoxLayout(central)
            outer.setContentsMargins(0, 0, 0, 0)
            outer.setSpacing(0)
            self.nav = QListWidget()
            self.nav.setObjectName("nav")
            self.nav.setFixedWidth(176)
            self.nav.setIconSize(QSize(20, 20))
            self.stack = QStackedWidget()
            for number, entry in enumerate(NAVIGATION, 1):
                item = QListWidgetItem(icon(entry.icon, ON_DARK), f"  {entry.title}")
                item.setToolTip(tr("{0}（Ctrl+{1}）").format(entry.title, number))
                item.setSizeHint(QSize(176, 46))
                self.nav.addItem(item)
                self.stack.addWidget(self.today if number - 1 == TODAY else _slot())
                QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                          lambda n=number - 1: self.show_page(n))
            self.nav.currentRowChanged.connect(self._go_to)
            outer.addWidget(self.nav)

            right = QVBoxLayout()
            right.setContentsMargins(0, 0, 0, 0)
            right.setSpacing(0)
            right.addWidget(self._build_header())
            self.demo_banner = QLabel(
                tr("示例数据：当前数据库是演示用的示例乡镇（人员、电话均为虚构），请勿用于实际值班。"))
            self.demo_banner.setObjectName("demoBanner")
            self.demo_banner.setWordWrap(True)
            right.addWidget(self.demo_banner)
            self.alert_banner = AlertBanner()
            self.alert_banner.show_button.clicked.connect(lambda: self.show_page(0))
            self.alert_banner.ack_button.clicked.connect(self.today.acknowledge_pressing)
            self.alert_banner.presence_button.clicked.connect(self.today.confirm_presence)
            right.addWidget(self.alert_banner)
            right.addWidget(self.stack, 1)
            outer.addLayout(right, 1)
            self.lock_screen = LockScreen(uow.for_actor(NOBODY), runner)  # logs in; acts for nobody
            self.lock_screen.unlocked.connect(self.unlock)
            self.frames = QStackedWidget()  # the workspace, or the locked screen over it
            self.frames.addWidget(central)
            self.frames.addWidget(self.lock_screen)
            self.setCentralWidget(self.frames)
            QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
            # The frequent actions work from every page: at 3 a.m. nobody should first have to
            # find the right page. Pages keep only the shortcuts that act on what they show.
            for keys, action in (("Ctrl+N", self.new_item), ("Ctrl+Shift+N", self.new_call),
                                 ("Ctrl+K", self.check_in), ("Ctrl+Shift+K", self.spot_check),
                                 ("Ctrl+Shift+P", self.confirm_presence),
                                 ("Ctrl+Shift+D", self.daily_report),
                                 ("Ctrl+Shift+I", self.instructions)):
                QShortcut(QKeySequence(keys), self, action)
            self.help: HelpDialog | None = None
            QShortcut(QKeySequence.StandardKey.HelpContents, self, self.show_help)

            # Where the data lives (about_database, above) is on the 数据 page and over the desk's
            # name; the status bar shows only passing messages, so a 720-pixel screen keeps that
            # line for the page.
            status = self.statusBar()
            status.messageChanged.connect(lambda text: status.setVisible(bool(text)))
            status.hide()
            QShortcut(QKeySequence.StandardKey.Refresh, self, lambda: self.refresh_all(None))
            self._clock_timer = QTimer(self)
            self._clock_timer.timeout.connect(self._tick)
            self._clock_timer.start(1000)
            self._apply_settings(self.settings)
            self.center.updated.connect(self._show_alerts)
            self.center.updated.connect(self.lock_screen.show_watch)
            self.show_page(0)
            self._refresh_pages(None)  # (the settings were read just now, to build the window)
            self.center.start()
            self._show_user()
            self.restore_layout()
        _application().installEventFilter(self)
        self._idle_timer = QTimer(self)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start(15_000)
        self._backup_timer = QTimer(self)
        self._backup_timer.timeout.connect(self.daily_backup)
        self._backup_timer.start(BACKUP_CHECK_MS)

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(24, 6, 24, 6)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.unit_label = QLabel()
        self.unit_label.setObjectName("unitName")
        self.desk_label = QLabel()
        self.desk_label.setObjectName("deskName")
        names.addWidget(self.unit_label)
        names.addWidget(self.desk_label)
        layout.addLayout(names, 1)
        self.user_label = QLabel()
        self.user_label.setObjectName("deskName")
        layout.addWidget(self.user_label)
        self.lock_button = button(tr("锁定"), "lock", tooltip=tr("锁定屏幕（Ctrl+L）"))
        layout.addWidget(self.lock_button)
        self.lock_button.clicked.connect(self.lock)
        layout.addSpacing(16)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.clock)
        return header

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def _go_to(self, index: int) -> None:
        page = self.page(index)
        self.stack.setCurrentIndex(index)
        if page in self._stale:
            page.refresh(self._stale.pop(page))

    # --- the pages, built on first use ---------------------------------------------------------

    def page(self, index: int) -> Page:
        """The page at `index` in the navigation, built and filled the first time it is asked for."""
        page = self._built.get(index)
        if page is None:
            page = self._build(index)
            self._built[index] = page
            slot = self.stack.widget(index)
            holder = slot.layout() if slot is not None else None
            assert holder is not None  # every slot was made by _slot(), with its layout
            holder.addWidget(page)
            self._restore_splitters(page)
            page.refresh(None)
        return page

    def _build(self, index: int) -> Page:
        entry = NAVIGATION[index]
        page = entry.build(self, entry.page_class())
        page.apply_settings(self.settings)
        return page

    @property
    def pages(self) -> list[Page]:
        """Every page (building those not opened yet): for the self-test and the tests."""
        return [self.page(index) for index in range(len(NAVIGATION))]

    @property
    def roster(self) -> RosterPage:
        return cast("RosterPage", self.page(ROSTER))

    @property
    def log(self) -> LogPage:
        return cast("LogPage", self.page(LOG))

    @property
    def handover(self) -> HandoverPage:
        return cast("HandoverPage", self.page(HANDOVER))

    @property
    def contacts(self) -> ContactsPage:
        return cast("ContactsPage", self.page(CONTACTS))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.page(SETTINGS))

    @property
    def warnings(self) -> WarningPage:
        return cast("WarningPage", self.page(WARNINGS))

    @property
    def data_page(self) -> DataPage:
        return cast("DataPage", self.page(DATA))

    @property
    def statistics_page(self) -> StatisticsPage:
        return cast("StatisticsPage", self.page(STATISTICS))

    # --- the frequent actions, from any page -------------------------------------------------

    def new_item(self) -> None:
        """Ctrl+N: 接报登记; on 通讯录 it adds to the list shown there instead, on 预警 it
        records a received warning."""
        if self.stack.currentIndex() == CONTACTS:
            self.contacts.add()
            return
        if self.stack.currentIndex() == WARNINGS:
            self.warnings.new_warning()
            return
        self.show_page(LOG)
        self.log.new_incident()

    def new_call(self) -> None:
        self.show_page(LOG)
        self.log.new_entry()

    def check_in(self) -> None:
        self.show_page(TODAY)
        self.today.check_in()

    def spot_check(self) -> None:
        self.show_page(TODAY)
        self.today.record_spot_check()

    def daily_report(self) -> None:
        self.show_page(TODAY)
        self.today.open_daily_report()

    def confirm_presence(self) -> None:
        self.today.confirm_presence()

    def instructions(self) -> None:
        """领导批示督办 from any page: the list of every instruction task."""
        self.show_page(TODAY)
        self.today.open_instructions()

    def plan_rota(self) -> None:
        """先排班 on 今日值班: the rota page, with 自动排班 open on the month shown."""
        self.show_page(ROSTER)
        self.roster.open_generate()

    def open_incident(self, incident_id: int) -> None:
        self.show_page(LOG)
        self.log.open_incident(incident_id)

    def open_warning(self, warning_id: int) -> None:
        self.show_page(WARNINGS)
        self.warnings.open_warning(warning_id)

    def open_partners(self) -> None:
        """通讯录 → 联动单位, where a department's 值班备勤表 is entered or imported."""
        self.show_page(CONTACTS)
        self.contacts.tabs.setCurrentWidget(self.contacts.departments)

    def _show_alerts(self, watch: Watch) -> None:
        self.alert_banner.show_watch(watch)
        pressing = len(watch.pressing)
        item = self.nav.item(0)
        item.setText(f"  {self.today.title}" + (tr("（{0}）").format(pressing) if pressing else ""))

    def current_page(self) -> Page:
        return self.page(self.stack.currentIndex())

    def refresh_all(self, changes: Changes | None, *, skip: Page | None = None) -> None:
        """Read the settings again if they may have changed, then refresh the page in view
        now and the others when they are next shown, and the alert list.

        The settings are read once, here, and handed to every page (`Page.apply_settings`);
        the worker runs in order, so they arrive before any page's rows."""
        if changes is None or changes.settings:
            Op(self, self.runner, settings_service.snapshot, self.uow, title=tr("读取设置失败")) \
                .success(self._apply_settings).run_in_background()
        self._refresh_pages(changes, skip)
        if changes is None or _alerts_may_change(changes):
            self.center.refresh()  # whichever page is in view: the banner and chime are the window's

    def _refresh_pages(self, changes: Changes | None, skip: Page | None = None) -> None:
        """The page in view now, the others when they are next shown: reading every page
        at once made the start wait for the handover record, the log and the roster behind
        the 今日值班 page the officer is looking at."""
        current = self.current_page()
        for page in self._built.values():
            if page is skip:
                continue
            if page is current:
                page.refresh(changes)
            elif page in self._stale:
                pending = self._stale[page]
                self._stale[page] = None if pending is None or changes is None else pending | changes
            else:
                self._stale[page] = changes

    def listen(self, feed: LiveFeed) -> None:
        """Stay live: refresh what another window saved, and say when the database is lost."""
        feed.changed.connect(self.heard)
        feed.connected.connect(self._connection)

    def heard(self, changes: Changes) -> None:
        """Another window or desk saved `changes`: the pages that show them, and the alert
        schedule (a new Ⅰ级 incident's deadlines ring here too)."""
        self.refresh_all(changes)

    def _connection(self, connected: bool) -> None:
        if connected:
            self.statusBar().showMessage(tr("已重新连接数据库，内容已刷新"), 8000)
        else:
            self.statusBar().showMessage(
                tr("与数据库的连接中断，正在重试…（已填写的内容仍在窗口中，连上后再保存）"))

    def _changed(self, changes: Changes, origin: QObject | None) -> None:
        """An operation changed data (on the runner's bus): refresh the pages, except the
        one it was made on, which has refreshed itself."""
        while origin is not None and not isinstance(origin, Page):
            origin = origin.parent()
        self.refresh_all(changes, skip=origin)

    def _apply_settings(self, settings: DeskSettings) -> None:
        self.settings = settings
        unit = settings.unit_name or tr("（未设置单位名称，请在「设置」中填写）")
        self.unit_label.setText(unit)
        self.desk_label.setText(tr("{0}　·　交接班时间 {1}").format(
                                       settings.desk_name, settings.handover_time))
        self.desk_label.setToolTip(self.about_database)
        # Qt adds the application's name (application.py) to every window title.
        self.setWindowTitle(settings.unit_title)
        self.demo_banner.setVisible(settings.demo_data)
        self._tick()
        for page in self._built.values():
            page.apply_settings(settings)

    def desk_today(self) -> date:
        """Today where the desk is (its zone setting, not the computer's), by the window's clock."""
        return self.now().astimezone(self.settings.zone).date()

    def _tick(self) -> None:
        now = self.now().astimezone(self.settings.zone)
        self.clock.setText(tr("{0:%Y年%m月%d日} {1}　{2:%H:%M:%S}").format(now, weekday_name(now), now))

    def show_help(self) -> None:
        """F1: the help, opened at what the current page is for."""
        if self.help is None:
            from dutyroom.ui.dialogs.help_dialog import HelpDialog  # on the first F1

            self.help = HelpDialog(self)
        self.help.show_topic(self.current_page().help_topic)

    # --- the window as the desk left it ------------------------------------------------------

    def restore_layout(self) -> None:
        """Size, position, the page and the list/detail splits of the last run."""
        store = self.layout_store
        if store is None:
            return
        geometry = store.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        page = store.value("window/page")
        if page is not None and 0 <= int(page) < len(NAVIGATION):
            self.show_page(int(page))
        for built in self._built.values():
            self._restore_splitters(built)

    def _restore_splitters(self, page: Page) -> None:
        if self.layout_store is None:
            return
        for splitter in page.findChildren(QSplitter):
            state = self.layout_store.value(f"splitters/{splitter.objectName()}")
            if splitter.objectName() and state is not None:
                splitter.restoreState(state)

    def save_layout(self) -> None:
        store = self.layout_store
        if store is None:
            return
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/page", self.stack.currentIndex())
        for splitter in self.findChildren(QSplitter):
            if splitter.objectName():
                store.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        store.sync()

    # --- who is at the keyboard ---------------------------------------------------------------

    def _show_user(self) -> None:
        user = self.uow.user
        self.user_label.setText(tr("{0}（{1}）").format(user.name, tr_label(user.role_label)))

    @property
    def locked(self) -> bool:
        return self.frames.currentIndex() == 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last_input = self.idle_clock()
        return False

    def check_idle(self) -> None:
        minutes = self.settings.lock_minutes
        if minutes and not self.locked and self.idle_clock() - self._last_input >= minutes * 60:
            self.lock()

    def lock(self) -> None:
        """Hide the desk behind a login; alerts go on ringing and are counted on the lock.

        The logout is queued behind any save still under way, which finishes as the person
        who started it; nobody acts once it is recorded."""
        if self.locked:
            return
        previous = self.uow

        def left(_: object = None) -> None:
            self.acting.swap(previous.for_actor(NOBODY))

        def not_recorded(error: BaseException) -> None:
            log.warning("lock not recorded: %s", error)
            left()

        from dutyroom.services import user_service  # (accounts load with the first lock)

        self.runner.run(user_service.logout, previous, "lock", done=left, failed=not_recorded)
        self.lock_screen.lock(previous.user, self.unit_label.text())
        self.frames.setCurrentIndex(1)

    def unlock(self, actor: Actor) -> None:
        """Whoever logged in at the lock acts from now on (the next officer, at handover)."""
        self.acting.swap(self.uow.for_actor(actor))
        self._last_input = self.idle_clock()
        self.frames.setCurrentIndex(0)
        self._show_user()
        self.refresh_all(None)

    # --- automatic backups --------------------------------------------------------------------
    # backup_service (with the integrity check it runs on a copy) loads with the first backup,
    # after the window is up: it is not needed to show 今日值班.

    def start_backup(self) -> None:
        """The routine copy at start, off the UI thread (a pending upgrade was backed up
        before it ran)."""
        if self.storage is not None:
            from dutyroom.services import backup_service

            storage, zone = self.storage, self.settings.timezone
            Op(self, self.runner, backup_service.auto_backup, storage.url, zone,
               title=tr("自动备份失败")).success(lambda _: self._refresh_built(DATA)) \
                .run_in_background()

    def _refresh_built(self, index: int) -> None:
        """A page not built yet reads everything when it is."""
        page = self._built.get(index)
        if page is not None:
            page.refresh(None)

    def daily_backup(self) -> None:
        from dutyroom.services import backup_service

        if self.storage is not None and backup_service.daily_due(self.storage.url):
            self.start_backup()

    def may_close(self) -> bool:
        """Closed by a person with alerts pending: ask, naming them. Once closed nothing
        rings until Dutyroom is opened again."""
        pending = self.center.pressing()
        if not pending:
            return True
        return confirm_quit(
            self, tr("仍有提醒未处理"),
            tr("以下 {0} 项提醒已到期，尚未处理：\n{1}\n\n退出后不再响铃提醒，直到再次打开 Dutyroom。"
               "仍要退出吗？").format(len(pending), summary(pending, CLOSE_LISTS)), tr("继续值班"))

    def close_without_asking(self) -> None:
        """Close as the officer would, without the question (SIGTERM, Ctrl+C)."""
        self._asking = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only a person closing the window (the window system's close: the title bar's ×,
        # Alt+F4) is asked; the program closing it (the self-test, a signal) is not.
        if self._asking and event.spontaneous() and not self.may_close():
            event.ignore()
            return
        self.save_layout()
        self._clock_timer.stop()
        self._idle_timer.stop()
        self._backup_timer.stop()
        _application().removeEventFilter(self)
        if self.storage is not None:
            from dutyroom.services import backup_service

            try:  # the exit copy: quick, and nothing else is running now
                backup_service.auto_backup(self.storage.url, self.settings.timezone)
            except Exception:
                log.exception("backup at exit failed")
        self.center.stop()
        if isinstance(self.notifier, DesktopNotifier):
            self.notifier.hide()
        super().closeEvent(event)


def _application() -> QCoreApplication:
    """The running application: a window exists only inside one."""
    app = QApplication.instance()
    assert app is not None
    return app
