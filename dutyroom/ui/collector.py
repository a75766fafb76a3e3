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

Why the start is set apart: what the start makes (the modules, their classes, the window
and its pages, about 115,000 objects) lives as long as the process, so collecting while it
is made finds next to nothing and cost 0.12–0.15 s of each start, and every later full
collection walked it all again: about 0.1 s in which the window did not answer. So
`dutyroom gui` starts with automatic collection off (cli/gui.py), and once the window is
shown (`started`), the next check, half a second later, after the first page's reads, is
one full collection followed by gc.freeze: what is left is set aside for good, and each
later collection walks only what the desk has made since (benchmarks/startup.py measures
both).
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
        self._set_start_apart = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(CHECK_MS)

    def started(self) -> None:
        """The window is shown: the next check, a whole interval from now, collects once
        and sets everything that is left aside (gc.freeze)."""
        self._set_start_apart = True
        self._timer.start(CHECK_MS)  # restarted: the first page's reads come first

    def check(self) -> None:
        if self._set_start_apart:
            self._set_start_apart = False
            gc.collect()
            gc.freeze()
        else:
            self.collect_due()

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
        gc.unfreeze()  # what the start made may go now, like anything else
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
