"""Start-up and memory with ten years of a busy desk (the data set of duty_log.py).

1. From launching a fresh process to a usable 今日值班 page: Python starts, Dutyroom and Qt
   load, the database opens (already at the current schema), the main window is built and
   shown, and every query the first pages ask for has come back (target ≤ 1.0 s).
   Logging in is left out: it waits for a person. Beside each start, a bare PySide6
   window with one label is started the same way, and the ratio of the medians is printed
   (target ≤ 5×), so the figure reads the same on a slower or a busier machine. A third
   process, the same bare window after loading SQLAlchemy and mapping Dutyroom's tables
   (what any query needs before it can run), shows how much of the ratio that floor is.
   A fourth, `dutyroom gui` itself on a desk with an account, times what a person waits
   for first: the login dialog, shown and waiting.
2. Memory while scrolling the whole 值班日志 (200,000 incidents, 100 rows a page) to its end
   and back to the top: the process's peak resident size (target ≤ 250 MB). Then one full
   collection of Python's cycle collector, with the start set apart (gc.freeze, as the
   window does half a second after it is shown) and without: the window answers nothing
   while it runs.

Each start is a new process, timed from the parent, five times (median and worst).
`--start-only` skips the memory run.
"""

from __future__ import annotations

import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).parent
STARTS = 5


def child(database: str, scroll: bool) -> int:
    """The measured process: what `dutyroom gui` does, minus the login, then (optionally)
    scroll and time one full collection of Python's cycle collector."""
    gc.disable()  # as cli/gui.py: nothing is collected while the modules load

    from dutyroom.app import open_backend
    from dutyroom.ui.application import application

    app = application()  # as `run_gui`: named, with its translations, before the window modules

    from dutyroom.services import settings_service
    from dutyroom.services.setup_service import Storage
    from dutyroom.ui.collector import UiThreadCollector
    from dutyroom.ui.main_window import MainWindow
    from dutyroom.ui.tasks import Runner
    from dutyroom.ui.theme import apply_theme

    collector = UiThreadCollector()  # as `launch`, from before the database opens

    backend = open_backend(database, "bench")
    settings = settings_service.load_settings(backend.uow)
    apply_theme(app, settings["font_scale"])
    runner = Runner()
    window = MainWindow(backend.uow, runner, database, "", settings,
                        storage=Storage(backend.url, backend.engine))
    window.show()
    collector.started()

    def settle() -> None:
        app.processEvents()
        while runner.pending:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()

    settle()
    print("ready", flush=True)
    if scroll:
        log = window.log
        window.show_page(window.pages.index(log))
        settle()
        while log.incidents.canFetchMore():
            log.incident_view.scrollToBottom()
            settle()
        rows = log.incidents.rowCount()
        log.incident_view.scrollToTop()  # back to the top: its page is read again
        settle()
        assert log.incidents.record(0) is not None
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"scrolled {rows} {peak:.0f}", flush=True)
        while not gc.get_freeze_count():  # the collector's check after the start
            app.processEvents()
            time.sleep(0.01)
        set_apart = _full_collection()
        gc.unfreeze()  # as if the start had not been set apart
        walked = _full_collection()
        print(f"collected {set_apart * 1000:.1f} {walked * 1000:.1f}", flush=True)
    window.storage = None  # no exit backup of the 490 MB benchmark file
    window.close()
    runner.shutdown()
    backend.close()
    collector.stop()
    return 0


def _full_collection() -> float:
    """Seconds of one full collection: the window answers nothing meanwhile."""
    started = time.perf_counter()
    gc.collect()
    return time.perf_counter() - started


def to_login(database: str) -> int:
    """The measured process of the real start: `dutyroom --db DB gui`, up to its login
    dialog shown and waiting for a person (the first turn of the dialog's event loop)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from dutyroom.cli import main as dutyroom
    from dutyroom.ui.application import application

    app = application()  # `run_gui` uses this one: the timer below is already waiting

    def shown() -> None:
        if any(type(widget).__name__ == "LoginDialog" and widget.isVisible()
               for widget in QApplication.topLevelWidgets()):
            print("ready", flush=True)
            os._exit(0)  # nobody will log in: the figure is taken
        QTimer.singleShot(1, shown)

    QTimer.singleShot(0, shown)
    del app
    return dutyroom(["--db", database, "gui"])


def bare() -> int:
    """The baseline process: Python, Qt and one window with a label, shown."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    label = QLabel("今日值班")
    label.show()
    app.processEvents()
    print("ready", flush=True)
    return 0


def floor() -> int:
    """The bare window, after SQLAlchemy and the mapping of every table: the part of the
    start that no lazy import can skip while the first page queries through the ORM."""
    from sqlalchemy.orm import configure_mappers

    import dutyroom.db.models  # noqa: F401 - mapped on import

    configure_mappers()
    return bare()


def _start(arguments: list[str], env: dict[str, str]) -> float:
    """Seconds from launching a process to its "ready"."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, *arguments], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    elapsed = time.perf_counter() - started
    _, said = process.communicate()  # (the offscreen platform's remarks on dialogs)
    assert line == "ready", said
    return elapsed


def _desk_with_an_account(folder: str, env: dict[str, str]) -> str:
    """A new desk with its administrator, as the first-run wizard leaves it: the next
    start asks for a login."""
    database = os.path.join(folder, "login.sqlite3")
    subprocess.run([sys.executable, "-m", "dutyroom", "--db", database, "init", "--admin", "admin",
                    "--name", "管理员"], env={**env, "DUTYROOM_NEW_PASSWORD": "Duty-2026-desk"},
                   stdout=subprocess.DEVNULL, check=True)
    return database


def main() -> int:
    sys.path.insert(0, str(HERE))
    import duty_log  # the ten-year data set and its builder

    from dutyroom.app import open_backend

    if not duty_log.DATA.exists():
        duty_log.build(duty_log.DATA)
    open_backend(duty_log.DATA, "bench").close()  # bring it to the current schema first
    size = duty_log.DATA.stat().st_size / 1e6
    # A desk's Python keeps the compiled bytecode of Dutyroom (and the standalone build ships
    # it); a development shell may forbid writing it (PYTHONDONTWRITEBYTECODE), which would
    # time compiling every module from source. So the measured processes may write it, and
    # a first start, not counted, makes it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, __file__, "--child", str(duty_log.DATA)], env=env,
                   stdout=subprocess.DEVNULL, check=True)
    _start(["--bare"], env)
    folder = tempfile.mkdtemp(prefix="dutyroom-startup-")
    desk = _desk_with_an_account(folder, env)
    _start(["--login", desk], env)
    times, bare_times, floor_times, login_times = [], [], [], []
    for _ in range(STARTS):  # side by side, so a busy moment slows both
        times.append(_start(["--child", str(duty_log.DATA)], env))
        bare_times.append(_start(["--bare"], env))
        floor_times.append(_start(["--floor"], env))
        login_times.append(_start(["--login", desk], env))
    shutil.rmtree(folder)
    median, bare_median = statistics.median(times), statistics.median(bare_times)
    floor_median, login_median = statistics.median(floor_times), statistics.median(login_times)
    print(f"start to a usable 今日值班 with {duty_log.INCIDENTS:,} incidents and "
          f"{duty_log.REGISTER:,} calls ({size:.0f} MB): {median:.2f} s median of "
          f"{STARTS}, worst {max(times):.2f} s (target <= 1.0 s)")
    print(f"a bare PySide6 window with one label: {bare_median:.2f} s median; Dutyroom takes "
          f"{median / bare_median:.1f}x that (target <= 5x)")
    print(f"the same window after loading SQLAlchemy and mapping the tables: {floor_median:.2f} s "
          f"median, {floor_median / bare_median:.1f}x the bare window")
    print(f"`dutyroom gui` to its login dialog, waiting for a person: {login_median:.2f} s median, "
          f"worst {max(login_times):.2f} s, {login_median / bare_median:.1f}x the bare window")
    if "--start-only" in sys.argv:
        return 0
    said = subprocess.run([sys.executable, __file__, "--child", str(duty_log.DATA), "--scroll"],
                          capture_output=True, text=True, check=True, env=env).stdout.splitlines()
    _, rows, peak = said[-2].split()
    _, set_apart, walked = said[-1].split()
    print(f"peak memory scrolling the whole 值班日志 ({int(rows):,} rows): {peak} MB "
          "(target <= 250 MB)")
    print(f"then one full collection of Python's cycle collector, during which the window "
          f"answers nothing: {set_apart} ms, with what the start made set aside (gc.freeze); "
          f"{walked} ms walking it too")
    return 0


if __name__ == "__main__":
    if "--bare" in sys.argv:
        sys.exit(bare())
    if "--login" in sys.argv:
        sys.exit(to_login(sys.argv[sys.argv.index("--login") + 1]))
    if "--floor" in sys.argv:
        sys.exit(floor())
    if "--child" in sys.argv:
        sys.exit(child(sys.argv[sys.argv.index("--child") + 1], "--scroll" in sys.argv))
    sys.exit(main())
