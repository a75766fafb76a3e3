"""The month calendar grid of the 排班 page: a model of weeks and a delegate that draws a day.

Each cell shows the date, its kind (holiday shading, a 班 mark on adjusted workdays, a
yellow edge in sensitive periods), who is on duty per tier with mobiles, and in red any
required slot left empty or any rule broken.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from dutyroom.domain.calendar import DayKind
from dutyroom.domain.roster import TIER_ORDER
from dutyroom.domain.tiers import Tier
from dutyroom.services.roster_service import DayView
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.widgets import weekday_name

DAY_ROLE = Qt.ItemDataRole.UserRole + 10
WEEKDAY_HEADERS = [tr("一", "weekday"), tr("二", "weekday"), tr("三", "weekday"),
                   tr("四", "weekday"), tr("五", "weekday"), tr("六", "weekday"),
                   tr("日", "weekday")]
SHORT_TIER = {Tier.CHIEF: tr("主", "tier"), Tier.LEADER: tr("带", "tier"),
              Tier.OFFICER: tr("值", "tier")}
Index = QModelIndex | QPersistentModelIndex
# A line of a day's cell: its glyphs centred on the line, drawn whole though the line is set
# tighter than the font's own line height.
LINE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip

HOLIDAY_BG = QColor("#fdecec")
WEEKEND_BG = QColor("#f5f8fc")
ADJUSTED_BG = QColor("#f3f3f3")
OUTSIDE_BG = QColor("#fafafa")
SENSITIVE_EDGE = QColor("#e0a800")
RED = QColor("#c0392b")
INK = QColor("#1f2d3d")
MUTED = QColor("#8a96a3")


def month_start(day: date) -> date:
    return day.replace(day=1)


def grid_range(first: date) -> tuple[date, date]:
    """The Monday before the 1st to the Sunday six weeks later: the days the grid shows."""
    start = first - timedelta(days=first.weekday())
    return start, start + timedelta(days=41)


def weeks(first: date) -> int:
    """The rows the month needs (four to six): a row more than that is height a short screen
    takes from every day's cell."""
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return -(-(first.weekday() + (following - first).days) // 7)


class MonthModel(QAbstractTableModel):
    def __init__(self, month: date) -> None:
        """`month`: any day of the month shown first (the desk's today, not the computer's)."""
        super().__init__()
        self.month = month_start(month)
        self._days: dict[date, DayView] = {}

    def set_month(self, first: date, days: list[DayView]) -> None:
        self.beginResetModel()
        self.month = first
        self._days = {d.info.day: d for d in days}
        self.endResetModel()

    def day_at(self, index: Index) -> date:
        start, _ = grid_range(self.month)
        return start + timedelta(days=index.row() * 7 + index.column())

    def index_of(self, day: date) -> QModelIndex:
        start, _ = grid_range(self.month)
        offset = (day - start).days
        return self.index(offset // 7, offset % 7) if 0 <= offset < 7 * weeks(self.month) \
            else QModelIndex()

    def view(self, day: date) -> DayView | None:
        return self._days.get(day)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else weeks(self.month)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        day = self.day_at(index)
        if role == DAY_ROLE:
            return day
        view = self._days.get(day)
        if role == Qt.ItemDataRole.DisplayRole:
            return tr("{0}月{1}日").format(day.month, day.day)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(day, view)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < 7):
            return tr("星期{0}").format(WEEKDAY_HEADERS[section])
        return None


def describe(day: date, view: DayView | None) -> str:
    if view is None:
        return tr("{0}（不在本月）").format(day.isoformat())
    info = view.info
    lines = [f"{day.isoformat()} {weekday_name(day)} {tr_label(info.kind.label)}"
             + (tr("（{0}）").format(info.name) if info.name else "")]
    if view.periods:
        lines.append(tr("特殊敏感时期：") + tr("、").join(view.periods))
    for seat in view.shown():
        person = view.slots.get(seat)
        if person is not None:
            lines.append(tr("{0}：{1} {2}").format(tr_label(seat.label), person.name, person.mobile))
        else:
            lines.append(tr("{0}：未安排").format(tr_label(seat.label)))
    lines += [f"⚠ {b}" for b in view.breaks]
    return "\n".join(lines)


class DayDelegate(QStyledItemDelegate):
    """Draws one day; everything it shows is also in the tooltip for screen readers."""

    def __init__(self, model: MonthModel) -> None:
        super().__init__()
        self._model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        day = index.data(DAY_ROLE)
        view = self._model.view(day)
        rect: QRect = option.rect.adjusted(1, 1, -1, -1)
        painter.save()
        painter.setClipRect(option.rect)
        painter.fillRect(rect, self._background(day, view))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        outside = view is None or day.month != self._model.month.month
        if view is not None and view.periods:
            painter.setPen(QPen(SENSITIVE_EDGE, 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        if view is not None and view.breaks and not outside:
            painter.setPen(QPen(RED, 2))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        if selected:
            painter.setPen(QPen(QColor("#1f6fb2"), 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))

        lines = self._tier_lines(view, outside) if view is not None else []
        base, bold, line = self._fonts(option.font, rect.height() - 4, 1 + len(lines))
        x, y, width = rect.left() + 5, rect.top() + 2, rect.width() - 10
        painter.setFont(bold)
        painter.setPen(MUTED if outside else (RED if view and view.info.kind is DayKind.HOLIDAY
                                              else INK))
        painter.drawText(QRect(x, y, width, line), LINE, str(day.day))
        if view is None:
            painter.restore()
            return
        number = painter.fontMetrics().horizontalAdvance(f"{day.day} ")
        painter.setFont(base)
        tag = self._tag(view)
        if tag:
            painter.setPen(RED if view.info.kind is DayKind.HOLIDAY else MUTED)
            painter.drawText(QRect(x + number, y, width - number, line),
                             LINE ^ Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight,
                             painter.fontMetrics().elidedText(tag, Qt.TextElideMode.ElideRight,
                                                              width - number))
        y += line
        for text, missing in lines:
            painter.setPen(RED if missing else (MUTED if outside else INK))
            painter.drawText(QRect(x, y, width, line), LINE,
                             self._fitted(painter.fontMetrics(), text, width))
            y += line
        painter.restore()

    @staticmethod
    def _tier_lines(view: DayView, outside: bool) -> list[tuple[str, bool]]:
        """One line per tier on duty or required: "带 李红梅 13907311009", or 未安排 in red;
        two officers share their line ("值 胡斌、周敏"; the mobiles are beside the grid)."""
        lines = []
        for tier in TIER_ORDER:
            seats = [s for s in view.shown() if s.tier is tier]
            people = [view.slots[s] for s in seats if s in view.slots]
            missing = 0 if outside else len(seats) - len(people)
            if not people and not missing:
                continue
            if len(people) == 1 and not missing:
                lines.append((f"{SHORT_TIER[tier]} {people[0].name} {people[0].mobile}", False))
                continue
            names = [p.name for p in people] + [tr("未安排")] * missing
            lines.append((f"{SHORT_TIER[tier]} {tr('、').join(names)}", bool(missing)))
        return lines

    @staticmethod
    def _fonts(font: QFont, height: int, count: int) -> tuple[QFont, QFont, int]:
        """The fonts and line height that fit `count` lines in `height`: the usual size
        where there is room, smaller on a short screen, so no tier is ever left out (on a
        holiday, 主, 带 and 值 all show). Lines are set at 1.25 times the font's size, not at
        the CJK font's generous line height, which would take a fifth of a cell for air."""
        base = QFont(font)
        base.setPointSizeF(font.pointSizeF() * 0.92)

        def spacing(of: QFont) -> int:
            return min(QFontMetrics(of).height() + 1, math.ceil(QFontInfo(of).pixelSize() * 1.25))

        while spacing(base) * count > height and base.pointSizeF() > 6.5:
            base.setPointSizeF(base.pointSizeF() - 0.25)
        bold = QFont(base)
        bold.setBold(True)
        return base, bold, spacing(base)

    @staticmethod
    def _fitted(metrics: QFontMetrics, text: str, width: int) -> str:
        """The whole line if it fits; else without the mobile (shown beside the grid), and
        only then cut."""
        if metrics.horizontalAdvance(text) <= width:
            return text
        parts = text.split(" ")
        if len(parts) == 3 and metrics.horizontalAdvance(" ".join(parts[:2])) <= width:
            return " ".join(parts[:2])
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    @staticmethod
    def _background(day: date, view: DayView | None) -> QColor:
        if view is None:
            return OUTSIDE_BG
        kind = view.info.kind
        if kind is DayKind.HOLIDAY:
            return HOLIDAY_BG
        if kind is DayKind.ADJUSTED_WORKDAY:
            return ADJUSTED_BG
        if kind is DayKind.WEEKEND:
            return WEEKEND_BG
        return QColor("white")

    @staticmethod
    def _tag(view: DayView) -> str:
        info = view.info
        parts = []
        if info.kind is DayKind.HOLIDAY:
            parts.append(info.name or tr("休"))
        elif info.kind is DayKind.ADJUSTED_WORKDAY:
            parts.append(tr("班"))
        if view.periods:
            parts.append(view.periods[0])
        if info.source.value == "assumed":
            parts.append(tr("推定"))
        return " · ".join(parts)
