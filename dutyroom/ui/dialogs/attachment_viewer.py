"""An attachment or a filed 预案 in the app's own PDF viewer (QtPdf), so a plan opens the
same on every desk, with or without a PDF reader installed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dutyroom.ui.i18n import tr
from dutyroom.ui.widgets import button, fit_to_screen


class PdfViewer(QDialog):
    """Shows the copy at `path`; `loaded` is False when QtPdf cannot read it (the caller
    then hands it to the system's viewer)."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(tr("查看 — {0}").format(path.name))
        fit_to_screen(self, 980, 900)
        self.pdf = QPdfDocument(self)
        self.loaded = self.pdf.load(str(path)) == QPdfDocument.Error.None_
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        heading = QLabel(tr("<b>{0}</b>　共 {1} 页").format(path.name, self.pdf.pageCount()))
        heading.setWordWrap(True)
        bar.addWidget(heading, 1)
        self.fit_button = button(tr("整页"))
        self.fit_button.setCheckable(True)
        self.fit_button.toggled.connect(self._fit)
        self.system_button = button(tr("用系统程序打开"), tooltip=tr("用本机的 PDF 阅读器打开（可打印）"))
        self.system_button.clicked.connect(self._open_with_system)
        close = button(tr("关闭"))
        close.clicked.connect(self.reject)
        for widget in (self.fit_button, self.system_button, close):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Close, self, self.reject)

    def _fit(self, whole_page: bool) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if whole_page
                              else QPdfView.ZoomMode.FitToWidth)

    def _open_with_system(self) -> None:
        from dutyroom.ui.attachments import open_with_system

        open_with_system(self, self.path)
