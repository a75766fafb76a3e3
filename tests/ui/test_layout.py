"""Every page and dialog at 1280×720, in Chinese and in English: no label, button, tab or
column heading loses part of its text, every window fits the screen, and each page keeps
what matters in view (tests/ui/layout_probe.py says how each is measured)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("layout_probe.py")


def probe(language: str, size: str = "1280x720") -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, str(PROBE), "--language", language, "--size", size],
                         capture_output=True, text=True, env=env, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page_and_dialog_fits_a_1280_by_720_screen(language):
    found = probe(language)
    assert len(found["pages"]) >= 14 and len(found["dialogs"]) >= 34  # all were opened
    assert found["problems"] == []


def test_the_probe_sees_a_cut_label_a_squeezed_button_and_a_narrow_heading(qtbot):
    """The measure itself: each kind of clipping it is there to catch is caught."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

    sys.path.insert(0, str(PROBE.parent))
    from layout_probe import problems_in

    class Headings(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008
            return 1

        def columnCount(self, parent=QModelIndex()):  # noqa: B008
            return 2

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return "x" if role == Qt.ItemDataRole.DisplayRole else None

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
            return "接报时间很长的标题" if role == Qt.ItemDataRole.DisplayRole else None

    window = QWidget()
    layout = QVBoxLayout(window)
    label, fine = QLabel("青山化工园区储罐泄漏（未发布）"), QLabel("短")
    squeezed = QPushButton("自动排班…")
    table = QTableView()
    model = Headings()
    table.setModel(model)
    for widget in (label, fine, squeezed, table):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    label.setFixedWidth(60)
    squeezed.setFixedWidth(40)
    table.horizontalHeader().resizeSection(0, 30)
    found = "\n".join(problems_in(window, "test"))
    assert "青山化工园区储罐泄漏" in found and "«短»" not in found
    assert "自动排班…" in found and "接报时间很长的标题" in found
