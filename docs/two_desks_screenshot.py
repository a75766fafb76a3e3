"""Two desks on one PostgreSQL server, side by side (issue 23, every window live).

Desk A (left, 张三 logged in) saves a Ⅰ级 incident; desk B (right, 李四), with its own
connection and its own live feed, shows the alert banner for it without anyone pressing
F5. Both windows are drawn at 1280×720 and put side by side in docs/screenshots/two-desks.png.

Both desks run in this one process so that one picture can hold them; desk B's feed is
therefore told to hear this process's saves too (a real second window is another process
and hears them anyway: tests/ui/test_live_window_feed.py, benchmarks/live_windows.py).

    xvfb-run -a -s "-screen 0 2600x800x24" python docs/two_desks_screenshot.py \\
        --db postgresql+psycopg://OWNER@127.0.0.1/EMPTY_DATABASE
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
PASSWORD = "青山镇值班2026!"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="an empty PostgreSQL database (owner's URL)")
    parser.add_argument("--out", type=Path, default=HERE / "screenshots" / "two-desks.png")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from dutyroom.app import open_backend
    from dutyroom.services import incident_service, settings_service, user_service
    from dutyroom.services.live import ChangeWatch
    from dutyroom.services.setup_service import Storage
    from dutyroom.ui import i18n
    from dutyroom.ui.live_feed import LiveFeed
    from dutyroom.ui.main_window import MainWindow
    from dutyroom.ui.tasks import SyncRunner
    from dutyroom.ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    setup = open_backend(args.db, "setup")
    user_service.create_first_admin(setup.uow, {"username": "admin", "display_name": "王主任",
                                                "password": PASSWORD})
    for login, name in (("zhangsan", "张三"), ("lisi", "李四")):
        user_service.add_user(setup.uow, {"username": login, "display_name": name,
                                          "role": "officer", "password": PASSWORD})
    settings_service.save_settings(setup.uow, {"unit_name": "青山镇人民政府"})
    setup.close()

    windows = []
    for login in ("zhangsan", "lisi"):
        backend = open_backend(args.db, login, create=False)
        user_service.login(backend.uow, login, PASSWORD)
        settings = settings_service.load_settings(backend.uow)
        apply_theme(app, settings["font_scale"])
        window = MainWindow(backend.uow, SyncRunner(), args.db.split("@")[-1], "", settings,
                            storage=Storage(backend.url, backend.engine))
        window.resize(1280, 720)
        window.move(len(windows) * 1290, 0)
        window.show()
        windows.append((window, backend))
    (desk_a, a), (desk_b, b) = windows
    feed = LiveFeed(lambda: ChangeWatch(b.url, own_too=True), parent=desk_b)
    desk_b.listen(feed)
    feed.start()
    _settle(app, 2)

    local = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")) - timedelta(minutes=45)
    saved = incident_service.add_incident(a.uow, {
        "received_at": local.strftime("%Y-%m-%dT%H:%M"), "title": "某化工厂发生爆炸",
        "category": "accident", "level": "I", "location": "青山镇工业园",
        "summary": "厂区东侧仓库爆炸起火，现场有人员被困。"})
    desk_a.refresh_all(saved.changes)  # desk A's own window, as after its save
    desk_a.show_page(2)  # 值班日志, the incident just saved
    deadline = time.monotonic() + 15
    while not desk_b.alert_banner.isVisible() and time.monotonic() < deadline:
        _settle(app, 0.1)
    _settle(app, 1)
    if not desk_b.alert_banner.isVisible():
        print("desk B's banner did not appear", file=sys.stderr)
        return 1
    left, right = desk_a.grab(), desk_b.grab()
    picture = QPixmap(left.width() + 10 + right.width(), max(left.height(), right.height()))
    picture.fill()
    painter = QPainter(picture)
    painter.drawPixmap(0, 0, left)
    painter.drawPixmap(left.width() + 10, 0, right)
    painter.end()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    picture.save(str(args.out))
    print(args.out)
    feed.stop()
    for window, backend in windows:
        window.close_without_asking()
        backend.close()
    return 0


def _settle(app: object, seconds: float) -> None:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


if __name__ == "__main__":
    sys.exit(main())
