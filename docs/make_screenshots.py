"""Screenshots of every page for the README, taken on a fresh demo database.

Run under Xvfb (`make screenshots`) so Qt draws with a real window system:
    xvfb-run -a python docs/make_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from dutyroom.app import open_backend
from dutyroom.services import demo, settings_service
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.tasks import SyncRunner
from dutyroom.ui.theme import apply_theme

OUT = Path(__file__).parent / "screenshots"
SHOTS = {"contacts": 4, "contacts-departments": 4, "settings": 5, "today": 0}


def main() -> int:
    app = QApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        backend = open_backend(Path(folder) / "demo.sqlite3", "screenshot")
        demo.seed_demo(backend.uow)
        settings = settings_service.load_settings(backend.uow)
        apply_theme(app, settings["font_scale"])
        window = MainWindow(backend.uow, SyncRunner(), "~/.local/share/Dutyroom/dutyroom.sqlite3",
                            backend.schema.schema if backend.schema else "", settings)
        window.resize(1366, 800)
        window.show()
        for name, index in SHOTS.items():
            window.show_page(index)
            window.contacts.tabs.setCurrentIndex(1 if name.endswith("departments") else 0)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        window.close()
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
