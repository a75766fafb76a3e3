"""The look: calm colours, readable Chinese text, level colours used the same everywhere."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

NAVY = "#17324d"
ACCENT = "#1f6fb2"
DANGER = "#c0392b"
WARNING_BG = "#fff4e0"
WARNING_FG = "#8a5300"
MUTED = "#6b7785"
# Incident levels (DESIGN.md): I red, II orange, III yellow, IV blue.
LEVEL_COLOURS = {"I": "#c0392b", "II": "#e67e22", "III": "#b7950b", "IV": "#2e86c1",
                 "unrated": "#7f8c8d"}

BASE_POINT_SIZE = 10.5
FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei", "sans-serif"]

STYLESHEET = f"""
QMainWindow, QDialog {{ background: #f4f6f9; }}
QListWidget#nav {{
    background: {NAVY}; color: #e8eef6; border: none; outline: none; padding-top: 8px;
}}
QListWidget#nav::item {{ padding-left: 14px; border-left: 4px solid transparent; }}
QListWidget#nav::item:selected {{
    background: #24476b; color: white; border-left: 4px solid #5dade2;
}}
QListWidget#nav::item:hover:!selected {{ background: #1f3e5e; }}
QFrame#header {{ background: white; border-bottom: 1px solid #dde3ea; }}
QLabel#unitName {{ font-size: 15pt; font-weight: 600; color: {NAVY}; }}
QLabel#deskName {{ color: {MUTED}; }}
QLabel#clock {{ font-size: 15pt; font-weight: 600; color: {NAVY}; }}
QLabel#pageTitle {{ font-size: 16pt; font-weight: 600; color: {NAVY}; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#error {{ color: {DANGER}; }}
QLabel#demoBanner {{
    background: {WARNING_BG}; color: {WARNING_FG}; padding: 6px 14px;
    border-bottom: 1px solid #f0d9a8;
}}
QFrame#alertBanner {{ background: {DANGER}; }}
QLabel#alertBannerText {{ color: white; font-size: 12pt; font-weight: 600; }}
QFrame#card {{ background: white; border: 1px solid #dde3ea; border-radius: 6px; }}
QTableView {{
    background: white; alternate-background-color: #f3f6fa; gridline-color: #e4e9ef;
    selection-background-color: #d6e6f5; selection-color: #10202f; border: 1px solid #dde3ea;
}}
QHeaderView::section {{
    background: #eef2f6; color: #33475b; padding: 6px 8px; border: none;
    border-right: 1px solid #dde3ea; border-bottom: 1px solid #dde3ea; font-weight: 600;
}}
QPushButton {{
    padding: 6px 14px; border: 1px solid #c5cfda; border-radius: 4px; background: white;
}}
QPushButton:hover {{ background: #eef4fa; }}
QPushButton:disabled {{ color: #a0a8b2; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton#primary:hover {{ background: #1a5f99; }}
QPushButton#primary:disabled {{ background: #9dbcd8; border-color: #9dbcd8; }}
QLineEdit, QComboBox {{
    padding: 5px 6px; border: 1px solid #c5cfda; border-radius: 4px; background: white;
}}
QComboBox::drop-down {{ border: none; width: 22px; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 2px solid {DANGER}; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 8px 18px; }}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; }}
"""


def apply_theme(app: QApplication, font_scale: int) -> None:
    """Set the palette, the stylesheet and the font size (设置 → 字体缩放)."""
    app.setStyle("Fusion")
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BASE_POINT_SIZE * font_scale / 100)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
