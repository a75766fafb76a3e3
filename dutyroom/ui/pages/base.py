"""What the main window expects of a page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from dutyroom.services.uow import Changes
from dutyroom.ui.acting import ActsForDesk


class Page(ActsForDesk, QWidget):
    """A page in the left navigation; refreshes itself when what it shows has changed, and
    acts as whoever is logged in now (`self.uow`, ui/acting.py)."""

    changed = Signal(object)  # Changes, after an operation on the page went through
    title = ""
    icon_name = ""
    help_topic = "routine"  # where F1 opens the help on this page

    def refresh(self, changes: Changes | None = None) -> None:
        """Reload what the page shows; `None` means everything."""
