"""Choosing a period of days (a printout's, a field package's)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QVBoxLayout, QWidget

from dutyroom.ui.i18n import tr
from dutyroom.ui.widgets import action_row


class RangeDialog(QDialog):
    def __init__(self, title: str, action: str, icon_name: str, first: date, last: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit, value in ((self.start, first), (self.end, last)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(value.year, value.month, value.day))
        form.addRow(tr("从"), self.start)
        form.addRow(tr("到"), self.end)
        layout.addLayout(form)
        row, _ = action_row(action, icon_name, self.accept, self.reject)
        layout.addWidget(row)

    def dates(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()
