"""What every printout shares: A4, the unit's title, bordered tables whose header repeats
on each page, Chinese text wrapped anywhere, "第 N 页 共 M 页", the time of printing and
the signature lines. One look for all documents, so a binder reads as one record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from dutyroom.reports.content import Document
from dutyroom.reports.fonts import cjk_font

MARGIN = 18 * mm
GRID = colors.black
HEADER_FILL = colors.Color(0.90, 0.90, 0.90)
ALERT_FILL = colors.Color(0.96, 0.88, 0.88)  # still readable on a black-and-white printer
RED = colors.Color(0.78, 0.05, 0.05)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    head_cell: ParagraphStyle
    small: ParagraphStyle


def styles() -> Styles:
    font = cjk_font().name
    base = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, wordWrap="CJK",
                          alignment=TA_LEFT)
    return Styles(
        title=ParagraphStyle("title", parent=base, fontSize=20, leading=28, alignment=TA_CENTER,
                             spaceAfter=2 * mm),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=15,
                                alignment=TA_CENTER, spaceAfter=3 * mm),
        heading=ParagraphStyle("heading", parent=base, fontSize=13, leading=19, spaceBefore=4 * mm,
                               spaceAfter=1.5 * mm),
        body=base,
        cell=ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5),
        head_cell=ParagraphStyle("head_cell", parent=base, fontSize=9.5, leading=12.5,
                                 alignment=TA_CENTER),
        small=ParagraphStyle("small", parent=base, fontSize=9, leading=13),
    )


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: markup characters are escaped, line breaks kept."""
    return Paragraph(escape(value).replace("\n", "<br/>"), style)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
          st: Styles, *, alerts: Sequence[bool] = (), width: float) -> Table:
    """A bordered table whose header row repeats after every page break; a row taller than
    what is left of a page is split inside, so no text is ever cut off."""
    total = sum(widths)
    col_widths = [width * w / total for w in widths]
    data = [[text(h, st.head_cell) for h in headers]]
    data += [[text(c, st.cell) for c in row] for row in rows]
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, alert in enumerate(alerts, start=1):
        if alert:
            style.append(("BACKGROUND", (0, i), (-1, i), ALERT_FILL))
    return Table(data, colWidths=col_widths, repeatRows=1, splitInRow=1, style=TableStyle(style),
                 hAlign="LEFT")


def fields(pairs: Sequence[tuple[str, str]], st: Styles, width: float, columns: int = 2) -> Table:
    """Label-value pairs in a bordered grid (时间 … 地点 …), `columns` pairs to a row."""
    cells: list[list[Paragraph]] = []
    row: list[Paragraph] = []
    for label, value in pairs:
        row += [text(label, st.head_cell), text(value, st.cell)]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        row += [text("", st.cell)] * (2 * columns - len(row))
        cells.append(row)
    label_width = 24 * mm
    value_width = (width - columns * label_width) / columns
    return Table(cells, colWidths=[label_width, value_width] * columns, splitInRow=1,
                 style=TableStyle([
                     ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
                     ("GRID", (0, 0), (-1, -1), 0.6, GRID),
                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                     *[("BACKGROUND", (2 * c, 0), (2 * c, -1), HEADER_FILL) for c in range(columns)],
                 ]), hAlign="LEFT")


def signatures(labels: Sequence[str], st: Styles, width: float) -> Table:
    """Signature lines, each with room for a name and the date, ready for a pen; the label
    column as wide as its longest label (交班人（二）（签名）：) on one line."""
    words = [f"{label}（签名）：" for label in labels]
    need = max(stringWidth(w, st.body.fontName, st.body.fontSize) for w in words) + 16
    first = max(width * 0.26, need)
    cells = [[text(w, st.body), "", text("时间：", st.body), ""] for w in words]
    return Table(cells, colWidths=[first, width * 0.58 - first, width * 0.1, width * 0.32],
                 rowHeights=[13 * mm] * len(labels), style=TableStyle([
                     ("FONTNAME", (0, 0), (-1, -1), st.body.fontName),
                     ("LINEBELOW", (1, 0), (1, -1), 0.6, GRID),
                     ("LINEBELOW", (3, 0), (3, -1), 0.6, GRID),
                     ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                 ]), hAlign="LEFT")


def heading(value: str, st: Styles) -> list[Flowable]:
    """A section heading that never stands alone at the foot of a page."""
    return [CondPageBreak(40 * mm), text(value, st.heading)]


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


def _numbered(running: str, printed: str, font: str) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each can say 共 M 页."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, _ = self._pagesize
            self.setFont(font, 9)
            self.setFillColor(colors.black)
            self.drawCentredString(width / 2, 10 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
            self.drawRightString(width - MARGIN, 10 * mm, f"打印时间：{printed}")
            if self._pageNumber > 1:
                self.drawString(MARGIN, self._pagesize[1] - 11 * mm, running)
                self.setLineWidth(0.4)
                self.line(MARGIN, self._pagesize[1] - 12.5 * mm, width - MARGIN,
                          self._pagesize[1] - 12.5 * mm)

    return NumberedCanvas


def render(story: Callable[[Styles, float], list[Flowable]], *, title: str, running: str,
           printed: str, wide: bool = False) -> Document:
    """Lays the story out on A4 (landscape when `wide`) and returns the PDF."""
    st = styles()
    size = landscape(A4) if wide else A4
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=16 * mm, bottomMargin=17 * mm, title=title,
                            author="Dutyroom 值班室", creator="Dutyroom", subject=running,
                            initialFontName=st.body.fontName, invariant=True)
    canvas = _numbered(running, printed, st.body.fontName)
    doc.build(story(st, doc.width), canvasmaker=canvas)
    return Document(buffer.getvalue(), doc.page)
