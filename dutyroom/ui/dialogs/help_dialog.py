"""In-app help (F1): the daily routine and setting a desk up, opened at the page's topic."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from dutyroom.ui.i18n import current_language, tr
from dutyroom.ui.widgets import fit_to_screen


def help_html(language: str | None = None) -> str:
    """The help in the interface language, or in Chinese when it has none of its own."""
    folder = files("dutyroom.resources") / "help"
    page = folder / f"{language or current_language()}.html"
    return (page if page.is_file() else folder / "zh_CN.html").read_text(encoding="utf-8")


class HelpDialog(QDialog):
    """Not modal: an officer reads it beside the form they are filling in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("帮助"))
        fit_to_screen(self, 760, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html())
        layout.addWidget(self.browser)

    def show_topic(self, topic: str) -> None:
        self.show()
        self.raise_()
        self.browser.scrollToAnchor(topic)
