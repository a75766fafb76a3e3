"""What the main window expects of a page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.services.uow import Changes
from dutyroom.ui.acting import ActsForDesk
from dutyroom.ui.tasks import Op, Runner, SyncRunner


class Page(ActsForDesk, QWidget):
    """A page in the left navigation; refreshes itself when what it shows has changed, and
    acts as whoever is logged in now (`self.uow`, ui/acting.py).

    Its service calls go through `op` (ui/tasks.py): what they change goes out on the
    runner's bus, which the main window listens to (the page is not told of its own changes
    again), and their errors reach the officer one way."""

    title = ""
    icon_name = ""
    help_topic = "routine"  # where F1 opens the help on this page
    error_title: str | None = None  # the title of an error's dialog, if not the page's
    runner: Runner | SyncRunner

    def refresh(self, changes: Changes | None = None) -> None:
        """Reload what the page shows; `None` means everything."""

    def apply_settings(self, settings: DeskSettings) -> None:
        """The desk's settings as the window last read them: handed over when the page is
        built and after every change, before the page's own rows are read again, so no
        page reads them for itself."""

    def op(self, fn: Callable[..., Any], *args: Any) -> Op:
        """`fn(*args)` on the runner, as an operation of this page."""
        return Op(self, self.runner, fn, *args, title=self.error_title or self.title)

    def broadcast(self, changes: Changes) -> None:
        """What changed that no operation announced (a restored backup changes everything),
        to the other pages. Not after a dialog's save: its `Op` has announced it already."""
        self.runner.bus.broadcast(changes, self)
