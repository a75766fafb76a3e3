"""The look: calm colours, readable Chinese text, level colours used the same everywhere.

One stylesheet for the whole application, so a field, a button or a list looks and behaves
the same on every page and in every dialog: text fields, spin boxes, date and time fields
and combo boxes share one height, one border and one focus ring; combo boxes and spin boxes
draw their arrows from the app's own icon set; a popup list shows its current item. Message
boxes and button boxes take their icons from the same set (`DeskStyle`), never Qt's stock
ones. `apply_theme` also installs the input guard (ui/input_guard.py): what the wheel and a
click do to fields is part of how the desk feels.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from dutyroom.ui import input_guard

# The pages import the colours from here too.
from dutyroom.ui.colours import DANGER as DANGER
from dutyroom.ui.colours import LEVEL_COLOURS as LEVEL_COLOURS
from dutyroom.ui.colours import MUTED as MUTED
from dutyroom.ui.icons import icon

NAVY = "#17324d"
ACCENT = "#1f6fb2"
ACCENT_DARK = "#0b3d66"
WARNING_BG = "#fff4e0"
WARNING_FG = "#8a5300"
BORDER = "#c5cfda"
SELECTION = "#d6e6f5"
SELECTION_TEXT = "#10202f"

BASE_POINT_SIZE = 10.5
FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei", "sans-serif"]

# Every one-line field: the same padding and border give them all one height.
FIELDS = "QLineEdit, QComboBox, QAbstractSpinBox"
FOCUSED = "QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QPlainTextEdit:focus, " \
          "QTextEdit:focus"


def _icon_url(name: str) -> str:
    """A stylesheet url() of one of the app's icons (stylesheets read files, not QIcons)."""
    path = files("dutyroom.resources") / "icons" / f"{name}.svg"
    return str(path).replace("\\", "/")


def stylesheet() -> str:
    down, up = _icon_url("chevron-down"), _icon_url("chevron-up")
    return f"""
QMainWindow, QDialog {{ background: #f4f6f9; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QListWidget#nav {{
    background: {NAVY}; color: #e8eef6; border: none; outline: none; padding-top: 8px;
}}
QListWidget#nav::item {{ padding-left: 14px; border-left: 4px solid transparent; }}
QListWidget#nav::item:selected {{
    background: #24476b; color: white; border-left: 4px solid #5dade2;
}}
QListWidget#nav::item:hover:!selected {{ background: #1f3e5e; }}
QFrame#header {{ background: white; border-bottom: 1px solid #dde3ea; }}
QLabel#unitName {{ font-size: 14pt; font-weight: 600; color: {NAVY}; }}
QLabel#deskName {{ color: {MUTED}; }}
QLabel#clock {{ font-size: 14pt; font-weight: 600; color: {NAVY}; }}
QLabel#pageTitle {{ font-size: 16pt; font-weight: 600; color: {NAVY}; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#error {{ color: {DANGER}; }}
QLabel#demoBanner {{
    background: {WARNING_BG}; color: {WARNING_FG}; padding: 5px 14px;
    border-bottom: 1px solid #f0d9a8;
}}
QFrame#guide {{ background: {WARNING_BG}; border: 1px solid #f0d9a8; border-radius: 6px; }}
QFrame#alertBanner {{ background: {DANGER}; }}
QLabel#alertBannerText {{ color: white; font-size: 12pt; font-weight: 600; }}
QFrame#card {{ background: white; border: 1px solid #dde3ea; border-radius: 6px; }}
QTableView, QTableWidget {{
    background: white; alternate-background-color: #f3f6fa; gridline-color: #e4e9ef;
    selection-background-color: {SELECTION}; selection-color: {SELECTION_TEXT};
    border: 1px solid #dde3ea;
}}
QHeaderView::section {{
    background: #eef2f6; color: #33475b; padding: 6px 8px; border: none;
    border-right: 1px solid #dde3ea; border-bottom: 1px solid #dde3ea; font-weight: 600;
}}
QPushButton {{
    padding: 6px 14px; border: 1px solid {BORDER}; border-radius: 4px; background: white;
}}
QPushButton:hover {{ background: #eef4fa; }}
QPushButton:disabled {{ color: #a0a8b2; }}
QPushButton:focus {{
    border: 2px solid {ACCENT}; padding: 5px 13px;
}}
QPushButton#primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton#primary:hover {{ background: #1a5f99; }}
QPushButton#primary:focus {{ border: 2px solid {ACCENT_DARK}; background: #1a5f99; }}
QPushButton#primary:disabled {{ background: #9dbcd8; border-color: #9dbcd8; }}
QPushButton[menu="true"] {{ padding-right: 26px; }}
QPushButton[menu="true"]:focus {{ padding-right: 25px; }}
QPushButton::menu-indicator {{
    image: url({down}); width: 12px; height: 12px;
    subcontrol-origin: padding; subcontrol-position: center right; right: -18px;
}}
{FIELDS} {{
    padding: 5px 6px; border: 1px solid {BORDER}; border-radius: 4px; background: white;
    min-height: 1.2em; selection-background-color: {SELECTION}; selection-color: {SELECTION_TEXT};
}}
QLineEdit:disabled, QComboBox:disabled, QAbstractSpinBox:disabled {{
    background: #f1f3f6; color: #8a96a3;
}}
{FOCUSED} {{ border: 2px solid {ACCENT}; padding: 4px 5px; }}
QPlainTextEdit, QTextEdit {{ border: 1px solid {BORDER}; border-radius: 4px; background: white; }}
QComboBox {{ padding-right: 26px; }}
QComboBox:focus {{ padding-right: 25px; }}
QComboBox::drop-down, QDateTimeEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 24px;
    border: none; border-left: 1px solid #e1e7ee;
}}
QComboBox::down-arrow, QDateTimeEdit::down-arrow {{ image: url({down}); width: 16px; height: 16px; }}
QComboBox QAbstractItemView {{
    background: white; color: {SELECTION_TEXT}; border: 1px solid {BORDER}; outline: none;
    selection-background-color: {SELECTION}; selection-color: {SELECTION_TEXT};
}}
QAbstractSpinBox {{ padding: 4px 24px 3px 6px; }}
QAbstractSpinBox:focus {{ padding: 3px 23px 2px 5px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: border; width: 22px; border: none; border-left: 1px solid #e1e7ee;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-arrow {{ image: url({up}); width: 11px; height: 11px; }}
QAbstractSpinBox::down-arrow {{ image: url({down}); width: 11px; height: 11px; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off,
QAbstractSpinBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:off {{ image: none; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QAbstractSpinBox[invalid="true"],
QPlainTextEdit[invalid="true"] {{ border: 2px solid {DANGER}; }}
QCheckBox:focus, QRadioButton:focus {{ color: {ACCENT}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 8px 18px; }}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; }}
QTabBar::tab:focus {{ text-decoration: underline; }}
"""


# The app's own icon for each kind of message box, in the colour of what it says.
MESSAGE_ICONS = {
    QStyle.StandardPixmap.SP_MessageBoxInformation: ("info", ACCENT),
    QStyle.StandardPixmap.SP_MessageBoxWarning: ("alert", "#d35400"),
    QStyle.StandardPixmap.SP_MessageBoxCritical: ("x-circle", DANGER),
    QStyle.StandardPixmap.SP_MessageBoxQuestion: ("help-circle", ACCENT),
}


class DeskStyle(QProxyStyle):
    """Fusion, with the icons of message boxes from the app's own set. (Dialog buttons carry
    none of Qt's stock icons: the stylesheet says so, where Qt asks without calling Python,
    rather than an override of `styleHint`, which Qt asks thousands of times at
    start-up and at every repaint.)"""

    def standardIcon(self, standard: QStyle.StandardPixmap, option: QStyleOption | None = None,
                     widget: QWidget | None = None) -> QIcon:
        if standard in MESSAGE_ICONS:
            name, colour = MESSAGE_ICONS[standard]
            return icon(name, colour, 96)
        return super().standardIcon(standard, option, widget)


def apply_theme(app: QApplication, font_scale: int) -> None:
    """Set the style, the stylesheet, the font size (设置 → 字体缩放) and the input guard."""
    app.setStyle(DeskStyle("Fusion"))
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BASE_POINT_SIZE * font_scale / 100)
    app.setFont(font)
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(icon("bell", ACCENT, 128))  # the tray shows the same bell
    input_guard.install(app)
