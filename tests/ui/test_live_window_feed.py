"""Two windows on one database: desk A's Ⅰ级 incident reaches desk B's open window (its
log and its alert banner) within seconds, with no F5; a lost database shows in the status
bar and is retried."""

from __future__ import annotations

from datetime import UTC, datetime

from dutyroom.app import open_backend
from dutyroom.services import incident_service
from dutyroom.services.live import ChangeWatch
from dutyroom.ui.live_feed import LiveFeed

LEVEL_ONE = {"received_at": "2026-07-01T10:00", "title": "某化工厂爆炸", "category": "accident",
             "level": "I"}


def test_desk_b_shows_desk_a_incident_and_its_alert(qtbot, window, sqlite_backend):
    window.now = window.center.now = lambda: datetime(2026, 7, 1, 4, 0, tzinfo=UTC)
    assert not window.alert_banner.isVisible()
    feed = LiveFeed(lambda: ChangeWatch(sqlite_backend.url), parent=window)
    window.listen(feed)
    feed.start()
    try:
        desk_a = open_backend(sqlite_backend.url.database, "desk A")
        try:  # desk A: another program on the same file, as another window would be
            incident_service.add_incident(desk_a.uow, LEVEL_ONE,
                                          now=datetime(2026, 7, 1, 2, 0, tzinfo=UTC))
        finally:
            desk_a.close()
        qtbot.waitUntil(lambda: window.alert_banner.isVisible(), timeout=5000)
        assert "某化工厂爆炸" in window.alert_banner.text.text()
    finally:
        feed.stop()


def test_a_lost_database_is_shown_and_retried(qtbot, window):
    attempts = []

    def unreachable() -> ChangeWatch:
        attempts.append(1)
        raise OSError("server closed the connection")

    feed = LiveFeed(unreachable, parent=window, retry_seconds=0.05)
    window.listen(feed)
    feed.start()
    try:
        qtbot.waitUntil(lambda: "连接中断" in window.statusBar().currentMessage(), timeout=5000)
        qtbot.waitUntil(lambda: len(attempts) >= 3, timeout=5000)
    finally:
        feed.stop()
    assert not feed._thread.is_alive()


def test_back_online_the_window_says_so_rereads_and_keeps_what_was_typed(qtbot, window,
                                                                        sqlite_backend):
    """The server goes away twice, then answers: the status bar says it is back, every page
    is read again (notifications sent meanwhile were lost), and the search typed before the
    loss is still there."""
    from dutyroom.services.uow import Changes

    window.now = window.center.now = lambda: datetime(2026, 7, 1, 4, 0, tzinfo=UTC)
    log = window.log
    log.search.setText("化工")
    attempts: list[int] = []
    heard: list[Changes] = []

    def flaky() -> ChangeWatch:
        attempts.append(1)
        if len(attempts) <= 2:
            raise OSError("server closed the connection")
        return ChangeWatch(sqlite_backend.url)

    feed = LiveFeed(flaky, parent=window, retry_seconds=0.05)
    window.listen(feed)
    feed.changed.connect(heard.append)
    desk_a = open_backend(sqlite_backend.url.database, "desk A")
    try:  # saved while this window was cut off: no notification will ever tell of it
        incident_service.add_incident(desk_a.uow, LEVEL_ONE,
                                      now=datetime(2026, 7, 1, 2, 0, tzinfo=UTC))
    finally:
        desk_a.close()
    feed.start()
    try:
        qtbot.waitUntil(lambda: "已重新连接" in window.statusBar().currentMessage(), timeout=5000)
        qtbot.waitUntil(lambda: window.alert_banner.isVisible(), timeout=5000)
    finally:
        feed.stop()
    assert len(attempts) == 3 and heard and all(vars(heard[0]).values())  # everything again
    assert log.search.text() == "化工"
    assert "某化工厂爆炸" in window.alert_banner.text.text()
