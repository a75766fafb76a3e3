"""The English interface, for the README: 今日值班 and 值班日志 of the demo town.

A script of its own because the language is chosen before any window module loads (as in
the app, `dutyroom.ui.application`). Run under Xvfb with `make screenshots`.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from dutyroom.ui import i18n

OUT = Path(__file__).parent / "screenshots"


def main() -> int:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "en")

    from dutyroom.app import open_backend
    from dutyroom.services import demo, roster_service, settings_service
    from dutyroom.ui.main_window import LOG, TODAY, MainWindow
    from dutyroom.ui.tasks import SyncRunner
    from dutyroom.ui.theme import apply_theme

    with tempfile.TemporaryDirectory() as folder:
        backend = open_backend(Path(folder) / "demo.sqlite3", "screenshot")
        demo.seed_demo(backend.uow)
        today = date.today()
        roster_service.generate(backend.uow, today - timedelta(days=7), today + timedelta(days=7))
        settings = settings_service.load_settings(backend.uow)
        apply_theme(app, settings["font_scale"])
        window = MainWindow(backend.uow, SyncRunner(), "demo.sqlite3",
                            backend.schema.schema if backend.schema else "", settings)
        window.resize(1600, 900)
        window.show()
        for name, index in (("today-en", TODAY), ("log-en", LOG)):
            window.show_page(index)
            if index == LOG:
                window.log.incident_view.selectRow(0)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        window.close()
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
