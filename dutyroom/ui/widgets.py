"""Small pieces every page uses: page titles, cards, primary buttons, error messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dutyroom.services.errors import ConflictError, InputError, ServiceError
from dutyroom.ui.i18n import tr, tr_text
from dutyroom.ui.icons import ON_DARK, icon

# Around every page: enough to breathe, little enough that a 720-pixel screen keeps its height
# for the page's content.
PAGE_MARGINS = (24, 14, 24, 12)


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    return label


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 16, 18, 16)
    layout.setSpacing(10)
    return frame, layout


def scrolling_cards(frames: list[QWidget]) -> QScrollArea:
    """Cards stacked in a scroll area, so a page's title and actions stay in view."""
    content = QWidget()
    cards = QVBoxLayout(content)
    cards.setContentsMargins(0, 0, 8, 0)
    cards.setSpacing(14)
    for frame in frames:
        cards.addWidget(frame)
    cards.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def to_date(value: QDate) -> date:
    """A picked QDate as a date (PySide's toPython is typed as returning any object)."""
    return date(value.year(), value.month(), value.day())


class FittingScroll(QScrollArea):
    """A scroll area as large as what it holds, so a window sizes itself to show it whole
    when the screen allows, and scrolls when it does not."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = content
        self.setWidget(content)  # the area then filters the content's events (below)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A scroll area does not pass its content's new size up: when the content grows (a
        # second officer's seat appears) the layout around must ask this area again.
        if watched is self._content and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        inner = self._content.sizeHint()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(), inner.height())

    def minimumSizeHint(self) -> QSize:
        inner = self._content.minimumSizeHint()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(),
                     min(inner.height(), 120))


def button(text: str, icon_name: str | None = None, *, primary: bool = False,
           tooltip: str = "") -> QPushButton:
    widget = QPushButton(text)
    if primary:
        widget.setObjectName("primary")
    if icon_name:
        widget.setIcon(icon(icon_name, ON_DARK) if primary else icon(icon_name))
    if tooltip:
        widget.setToolTip(tooltip)
    return widget


def action_row(primary_text: str, primary_icon: str | None, on_primary: Callable[[], None],
               on_cancel: Callable[[], None], cancel_text: str | None = None
               ) -> tuple[QDialogButtonBox, QPushButton]:
    """The bottom row of a dialog: the primary action and cancel, in the order and place the
    platform puts them (a QDialogButtonBox by role), as in every other dialog of the app."""
    box = QDialogButtonBox()
    primary = box.addButton(primary_text, QDialogButtonBox.ButtonRole.AcceptRole)
    primary.setObjectName("primary")
    if primary_icon:
        primary.setIcon(icon(primary_icon, ON_DARK))
    cancel = box.addButton(cancel_text or tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
    primary.clicked.connect(on_primary)
    cancel.clicked.connect(on_cancel)
    return box, primary


def close_row(on_close: Callable[[], None]) -> QDialogButtonBox:
    """The bottom row of a dialog that only shows something: 关闭, where the platform puts it."""
    box = QDialogButtonBox()
    close = box.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
    close.clicked.connect(on_close)
    return box


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a window as asked, but never larger than the screen it opens on (a 1280×720
    office screen keeps its taskbar): what does not fit scrolls inside the window."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - 40)
        height = min(height, area.height() - 60)  # the title bar
    window.resize(width, height)


def menu_button(text: str, icon_name: str | None = None) -> tuple[QPushButton, QMenu]:
    """A button that opens a menu (打印/导出, 更多 …), with room for the arrow it shows."""
    widget = button(text, icon_name)
    widget.setProperty("menu", True)
    menu = QMenu(widget)
    widget.setMenu(menu)
    return widget, menu


FIT_ROWS = 100


def weekday_name(day: date) -> str:
    """Looked up when called, so it follows the interface language whenever this module
    was loaded."""
    return (tr("星期一"), tr("星期二"), tr("星期三"), tr("星期四"), tr("星期五"), tr("星期六"),
            tr("星期日"))[day.weekday()]


def table_view(model: QAbstractItemModel, stretch: int | None = None,
               fit_rows: int = FIT_ROWS) -> QTableView:
    """A read-only list, one row selected at a time, columns fitted to the contents of the
    first `fit_rows` rows (0: the rows on screen); the `stretch` column (else the last)
    takes the remaining width."""
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Fit to the first rows only: Qt's default measures 1,000 rows on every change, which
    # with a few hundred open deadlines was most of the time it took to open the window.
    header.setResizeContentsPrecision(fit_rows)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def error_text(error: BaseException) -> str:
    """The sentence a duty officer reads for an error; never a traceback."""
    if isinstance(error, InputError):
        return "\n".join(tr_text(p.describe()) for p in error.problems) or tr_text(error.message)
    if isinstance(error, ConflictError | ServiceError):
        return tr_text(error.message)
    return tr("操作未完成：发生了内部错误（{0}）。详情已写入日志，请联系维护人员。").format(
                  type(error).__name__)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    QMessageBox.warning(parent, title, error_text(error))
