"""Python's cycle collector runs on the UI thread only, while the window is up.

Why: a Qt widget whose Python side is kept alive only by a reference cycle (the staff import
dialog, whose table columns are lambdas over the dialog) is destroyed when Python's cycle
collector next runs. The interpreter runs it in whichever thread happens to allocate past
its threshold, and while the first-run window opened that was the runner's worker, reading
the duty clock: the dialog's C++ side was deleted off the UI thread and the process died
with a segmentation fault (issue 16). Qt objects must be destroyed on the thread they belong
to, so automatic collection is switched off and a timer on the UI thread collects instead,
generation by generation when the interpreter would have (gc.get_count() against
gc.get_threshold()), so memory behaves as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(CHECK_MS)

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold, as the
        interpreter does; returns the generation collected, or -1 for none."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return generation
        return -1

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()  # on this thread, before anything else may run it
        if self._was_enabled:
            gc.enable()


@contextmanager
def collecting_on_ui_thread() -> Iterator[UiThreadCollector]:
    collector = UiThreadCollector()
    try:
        yield collector
    finally:
        collector.stop()
