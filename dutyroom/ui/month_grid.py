"""The month calendar grid of the 排班 page: a model of weeks and a delegate that draws a day.

Each cell shows the date, its kind (holiday shading, a 班 mark on adjusted workdays, a
yellow edge in sensitive periods), who is on duty per tier with mobiles, and in red any
required slot left empty or any rule broken.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
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


class MonthModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.month = month_start(date.today())
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
        return self.index(offset // 7, offset % 7) if 0 <= offset < 42 else QModelIndex()

    def view(self, day: date) -> DayView | None:
        return self._days.get(day)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

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
    for tier in TIER_ORDER:
        person = view.slots.get(tier)
        if person is not None:
            lines.append(tr("{0}：{1} {2}").format(tr_label(tier.label), person.name, person.mobile))
        elif tier in view.required:
            lines.append(tr("{0}：未安排").format(tr_label(tier.label)))
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

        bold = QFont(option.font)
        bold.setBold(True)
        base = QFont(option.font)
        base.setPointSizeF(option.font.pointSizeF() * 0.92)
        painter.setFont(base)
        line = painter.fontMetrics().height() + 1
        x, y = rect.left() + 5, rect.top() + 3
        painter.setFont(bold)
        painter.setPen(MUTED if outside else (RED if view and view.info.kind is
                                              DayKind.HOLIDAY else INK))
        painter.drawText(QRect(x, y, rect.width() - 12, line), Qt.AlignmentFlag.AlignLeft,
                         str(day.day))
        if view is not None:
            painter.setFont(base)
            tag = self._tag(view)
            if tag:
                painter.setPen(RED if view.info.kind is DayKind.HOLIDAY else MUTED)
                painter.drawText(QRect(x, y, rect.width() - 12, line),
                                 Qt.AlignmentFlag.AlignRight, tag)
            y += line + 2
            for tier in TIER_ORDER:
                person = view.slots.get(tier)
                if person is None and (tier not in view.required or outside):
                    continue
                if person is None:
                    painter.setPen(RED)
                    text = tr("{0} 未安排").format(SHORT_TIER[tier])
                else:
                    painter.setPen(MUTED if outside else INK)
                    text = f"{SHORT_TIER[tier]} {person.name} {person.mobile}"
                painter.drawText(QRect(x, y, rect.width() - 8, line),
                                 Qt.AlignmentFlag.AlignLeft, painter.fontMetrics().elidedText(
                                     text, Qt.TextElideMode.ElideRight, rect.width() - 8))
                y += line
        painter.restore()

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
