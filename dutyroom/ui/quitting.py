"""How Dutyroom ends: asked, when a person may not mean it; orderly, when the system asks.

A desk left without its window misses its alerts, so a person quitting is asked first (the
login cancelled, the window closed with alerts pending). SIGTERM (a shutdown, `kill`) and
Ctrl+C in the terminal that started it end it as closing the window does, without asking:
the layout saved, the exit backup made. Qt's event loop runs in C++ and would hold a Python
signal handler back until the next Python call, so the signal's number is written to a
socket (signal.set_wakeup_fd) that Qt watches, and the handler runs from the event loop.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from dutyroom.ui.i18n import tr

STOP_SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


def confirm_quit(parent: QWidget | None, title: str, text: str, stay: str) -> bool:
    """Ask before quitting; staying is the default answer (Enter, Esc)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    leave = box.addButton(tr("退出"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is leave


class StopSignals(QObject):
    """Delivers SIGTERM and SIGINT as the `received` signal, on the UI thread, from Qt's
    event loop; `close()` puts the previous handlers back."""

    received = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        # The handler only has to exist (the default would kill or raise KeyboardInterrupt
        # at a random line); the signal's number reaches `_drain` through the socket.
        self._previous: dict[int, Callable[..., object] | int | None] = {
            number: signal.signal(number, lambda *_: None) for number in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self.requested = False

    def _drain(self) -> None:
        try:
            numbers = self._read.recv(64)
        except BlockingIOError:
            return
        for number in numbers:
            if number in STOP_SIGNALS:
                self.requested = True
                self.received.emit(number)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        self._read.close()
        self._write.close()
