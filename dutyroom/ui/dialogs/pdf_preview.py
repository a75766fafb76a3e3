"""Print preview inside the app (QtPdf): the exact PDF that will be printed or saved, so
what the officer sees is what goes into the binder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from dutyroom.reports.content import Document
from dutyroom.ui.i18n import tr
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import button, fit_to_screen

PRINT_DPI = 300  # sharp on paper without building a 140 MB page image at 600 dpi


class PdfPreview(QDialog):
    def __init__(self, document: Document, title: str, filename: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.filename = document, filename
        self.setWindowTitle(tr("打印预览 — {0}").format(title))
        fit_to_screen(self, 980, 900)
        self._bytes = QByteArray(document.data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        heading = QLabel(tr("<b>{0}</b>　共 {1} 页").format(title, document.pages))
        bar.addWidget(heading)
        bar.addStretch(1)
        self.fit_button = button(tr("整页"))
        self.fit_button.setCheckable(True)
        self.fit_button.toggled.connect(self._fit)
        self.save_button = button(tr("另存为 PDF…"), "save", tooltip="Ctrl+S")
        self.save_button.clicked.connect(lambda: self.save_as())
        self.print_button = button(tr("打印…"), "printer", primary=True, tooltip="Ctrl+P")
        self.print_button.clicked.connect(self.print_dialog)
        close = button(tr("关闭"))
        close.clicked.connect(self.reject)
        for widget in (self.fit_button, self.save_button, self.print_button, close):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_dialog)
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self.save_as())

    def _fit(self, whole_page: bool) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if whole_page
                              else QPdfView.ZoomMode.FitToWidth)

    def save_as(self, path: str | None = None) -> bool:
        if path is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            path, _ = QFileDialog.getSaveFileName(self, tr("另存为 PDF"), str(Path(folder) / self.filename),
                                                  tr("PDF 文件 (*.pdf)"))
            if not path:
                return False
        try:
            Path(path).write_bytes(self.document.data)
        except OSError as error:
            QMessageBox.warning(self, tr("未能保存"),
                                tr("无法写入 {0}：{1}").format(path, error.strerror or error))
            return False
        return True

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.filename)
        self._orient(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.pdf.pageCount()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _orient(self, printer: QPrinter) -> None:
        size = self.pdf.pagePointSize(0)
        landscape = size.width() > size.height()
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                   else QPageLayout.Orientation.Portrait)

    def print_to(self, printer: QPrinter, progress: Callable[[int], None] | None = None) -> int:
        """Prints the chosen pages, each scaled to the paper keeping its proportions; returns
        the number of pages sent."""
        first, last = printer.fromPage(), printer.toPage()
        pages = range((first or 1) - 1, (last or self.pdf.pageCount()))
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, tr("未能打印"), tr("打印机无法开始打印，请检查打印机是否连接。"))
            return 0
        sent = 0
        try:
            for n, index in enumerate(pages):
                if n:
                    printer.newPage()
                target = self._target(painter.viewport(), self.pdf.pagePointSize(index).toSize())
                dpi = min(printer.resolution(), PRINT_DPI)
                points = self.pdf.pagePointSize(index)
                image = self.pdf.render(index, QSize(round(points.width() / 72 * dpi),
                                                     round(points.height() / 72 * dpi)))
                painter.drawImage(target, image)
                sent += 1
                if progress:
                    progress(sent)
        finally:
            painter.end()
        return sent

    @staticmethod
    def _target(area: QRect, page: QSize) -> QRect:
        scaled = page.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect(area.x() + (area.width() - scaled.width()) // 2,
                     area.y() + (area.height() - scaled.height()) // 2, scaled.width(), scaled.height())


def preview_later(parent: QWidget, runner: Runner | SyncRunner, build: Callable[[], Document],
                  title: str, filename: str) -> None:
    """Builds the PDF off the UI thread, then opens the preview; the page keeps it as
    `parent.preview` (the last one opened)."""

    def show(document: Document) -> None:
        preview = PdfPreview(document, title, filename, parent)
        parent.preview = preview  # type: ignore[attr-defined]
        preview.open()

    Op(parent, runner, build, title=tr("打印")).success(show).run_in_background()
