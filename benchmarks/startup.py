"""Start-up and memory with ten years of a busy desk (the data set of duty_log.py).

1. From launching a fresh process to a usable 今日值班 page: Python starts, Dutyroom and Qt
   load, the database opens (already at the current schema), the main window is built and
   shown, and every query the first pages ask for has come back (target ≤ 1.0 s).
   Logging in is left out: it waits for a person. Beside each start, a bare PySide6
   window with one label is started the same way, and the ratio of the medians is printed
   (target ≤ 5×), so the figure reads the same on a slower or a busier machine. A third
   process, the same bare window after loading SQLAlchemy and mapping Dutyroom's tables
   (what any query needs before it can run), shows how much of the ratio that floor is.
2. Memory while scrolling the whole 值班日志 (200,000 incidents, 100 rows a page) to its end
   and back to the top: the process's peak resident size (target ≤ 250 MB).

Each start is a new process, timed from the parent, five times (median and worst).
`--start-only` skips the memory run.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).parent
STARTS = 5


def child(database: str, scroll: bool) -> int:
    """The measured process: what `launch` does, minus the login, then (optionally) scroll."""
    from dutyroom.app import open_backend
    from dutyroom.ui.application import application

    app = application()  # as `run_gui`: named, with its translations, before the window modules

    from dutyroom.services import settings_service
    from dutyroom.services.setup_service import Storage
    from dutyroom.ui.main_window import MainWindow
    from dutyroom.ui.tasks import Runner
    from dutyroom.ui.theme import apply_theme

    backend = open_backend(database, "bench")
    settings = settings_service.load_settings(backend.uow)
    apply_theme(app, settings["font_scale"])
    runner = Runner()
    window = MainWindow(backend.uow, runner, database, "", settings,
                        storage=Storage(backend.url, backend.engine))
    window.show()

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
    window.storage = None  # no exit backup of the 490 MB benchmark file
    window.close()
    runner.shutdown()
    backend.close()
    return 0


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
                               text=True, env=env)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    elapsed = time.perf_counter() - started
    process.wait()
    assert line == "ready", line
    return elapsed


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
    times, bare_times, floor_times = [], [], []
    for _ in range(STARTS):  # side by side, so a busy moment slows both
        times.append(_start(["--child", str(duty_log.DATA)], env))
        bare_times.append(_start(["--bare"], env))
        floor_times.append(_start(["--floor"], env))
    median, bare_median = statistics.median(times), statistics.median(bare_times)
    floor_median = statistics.median(floor_times)
    print(f"start to a usable 今日值班 with {duty_log.INCIDENTS:,} incidents and "
          f"{duty_log.REGISTER:,} calls ({size:.0f} MB): {median:.2f} s median of "
          f"{STARTS}, worst {max(times):.2f} s (target <= 1.0 s)")
    print(f"a bare PySide6 window with one label: {bare_median:.2f} s median; Dutyroom takes "
          f"{median / bare_median:.1f}x that (target <= 5x)")
    print(f"the same window after loading SQLAlchemy and mapping the tables: {floor_median:.2f} s "
          f"median, {floor_median / bare_median:.1f}x the bare window")
    if "--start-only" in sys.argv:
        return 0
    scrolled = subprocess.run([sys.executable, __file__, "--child", str(duty_log.DATA), "--scroll"],
                              capture_output=True, text=True, check=True, env=env
                              ).stdout.splitlines()[-1]
    _, rows, peak = scrolled.split()
    print(f"peak memory scrolling the whole 值班日志 ({int(rows):,} rows): {peak} MB "
          "(target <= 250 MB)")
    return 0


if __name__ == "__main__":
    if "--bare" in sys.argv:
        sys.exit(bare())
    if "--floor" in sys.argv:
        sys.exit(floor())
    if "--child" in sys.argv:
        sys.exit(child(sys.argv[sys.argv.index("--child") + 1], "--scroll" in sys.argv))
    sys.exit(main())
