"""Choosing a period of days (a printout's, a field package's), and for a field package the
accounts that go out with it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutyroom.ui.i18n import tr
from dutyroom.ui.widgets import action_row, to_date


class RangeDialog(QDialog):
    def __init__(self, title: str, action: str, icon_name: str, first: date, last: date,
                 parent: QWidget | None = None,
                 accounts: list[tuple[str, str, bool]] | None = None) -> None:
        """`accounts`: (login, shown name, ticked) to choose from, for a field package."""
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
        self.accounts: QListWidget | None = None
        if accounts is not None:
            self.accounts = QListWidget()
            self.accounts.setAccessibleName(tr("带出的账户"))
            for login, shown, ticked in accounts:
                item = QListWidgetItem(shown)
                item.setData(Qt.ItemDataRole.UserRole, login)
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                self.accounts.addItem(item)
            self.accounts.setMaximumHeight(160)
            form.addRow(tr("带出的账户"), self.accounts)
        layout.addLayout(form)
        row, _ = action_row(action, icon_name, self.accept, self.reject)
        layout.addWidget(row)

    def dates(self) -> tuple[date, date]:
        return to_date(self.start.date()), to_date(self.end.date())

    def chosen_accounts(self) -> list[str]:
        """The login names ticked (only these accounts' password hashes leave the desk)."""
        if self.accounts is None:
            return []
        items = (self.accounts.item(n) for n in range(self.accounts.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items
                if i.checkState() == Qt.CheckState.Checked]
