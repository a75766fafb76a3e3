"""Making an alert heard when the officer is looking elsewhere: a tray message, the chime,
and the taskbar entry flashing until the window is looked at."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from dutyroom.ui.i18n import tr
from dutyroom.ui.icons import icon
from dutyroom.ui.sound import play_chime

MESSAGE_MS = 20_000


class DesktopNotifier:
    def __init__(self, window: QWidget, play: Callable[[], None] = play_chime) -> None:
        self.window, self.play = window, play
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon("bell"), window)
            self.tray.setToolTip(tr("Dutyroom 值班室"))
            self.tray.activated.connect(lambda _: self._bring_up())
            self.tray.messageClicked.connect(self._bring_up)
            self.tray.show()

    def _bring_up(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def notify(self, title: str, text: str, *, loud: bool) -> None:
        if self.tray is not None:
            level = (QSystemTrayIcon.MessageIcon.Critical if loud
                     else QSystemTrayIcon.MessageIcon.Information)
            self.tray.showMessage(title, text, level, MESSAGE_MS)
        if loud:
            self.play()
            QApplication.alert(self.window, 0)

    def hide(self) -> None:
        if self.tray is not None:
            self.tray.hide()
