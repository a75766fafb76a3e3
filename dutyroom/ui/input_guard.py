"""What the wheel and a click do to a field, the same in every window.

A settings page or a long form scrolls under the wheel. Qt lets any spin box, date or time
field and combo box under the pointer take the wheel even when it is not the field being
edited, so scrolling past 时区 once changed Asia/Shanghai to Africa/Blantyre. One event
filter on the application decides it for every such field, wherever it was made: a field
without keyboard focus leaves the wheel to the page around it. The same filter lets an
editable combo box (时区, 接报方式, 部门 …) open its list on the first click, as a plain one
does, instead of only on F4.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

VALUE_FIELDS = (QAbstractSpinBox, QComboBox)  # date and time fields are spin boxes


def has_focus(field: QWidget) -> bool:
    """The field, or a part of it (a combo box's text, a spin box's editor), has focus."""
    focus = QApplication.focusWidget()
    return field.hasFocus() or (focus is not None and field.isAncestorOf(focus))


def _editable_combo(widget: QObject) -> QComboBox | None:
    parent = widget.parent()
    if isinstance(parent, QComboBox) and parent.isEditable() and parent.lineEdit() is widget:
        return parent
    return None


class InputGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(watched, VALUE_FIELDS):
            if has_focus(watched) or not isinstance(event, QWheelEvent):
                return False
            self._pass_on(watched, event)
            return True
        if kind == QEvent.Type.MouseButtonPress:
            combo = _editable_combo(watched)
            if combo is not None and combo.isEnabled() and not has_focus(combo):
                combo.setFocus()
                combo.showPopup()
                return True
        return False

    @staticmethod
    def _pass_on(field: QWidget, event: QWheelEvent) -> None:
        """The same turn of the wheel, offered to each widget around the field in turn until
        one takes it (a scroll area does), as Qt itself passes on a wheel nobody took."""
        position = event.position()
        widget: QWidget | None = field
        while widget is not None and not widget.isWindow():
            position = QPointF(widget.mapToParent(position.toPoint()))
            widget = widget.parentWidget()
            if widget is None:
                break
            copy = QWheelEvent(position, event.globalPosition(), event.pixelDelta(),
                               event.angleDelta(), event.buttons(), event.modifiers(),
                               event.phase(), event.inverted(), event.source())
            copy.setAccepted(False)
            QApplication.sendEvent(widget, copy)
            if copy.isAccepted():
                break
        event.accept()  # taken care of: Qt must not hand it on a second time


def install(app: QApplication) -> InputGuard:
    """Once per application; the guard lives as long as the application."""
    existing = app.findChild(InputGuard)
    if existing is not None:
        return existing
    guard = InputGuard(app)
    app.installEventFilter(guard)
    return guard


@contextmanager
def set_aside(app: QCoreApplication) -> Iterator[None]:
    """Without the guard while a window or a page is being built. Qt hands every event to a
    Python filter through a call into Python, and building a page sends thousands of them
    (children added, polished, laid out) where no person can turn a wheel; this spared the
    first window about a quarter of its building time. The guard is installed again when
    the block ends, however it ends; Qt asks the filter installed last first, so the block
    should not install filters of its own."""
    guard = app.findChild(InputGuard)
    if guard is None:
        yield
        return
    app.removeEventFilter(guard)
    try:
        yield
    finally:
        app.installEventFilter(guard)
