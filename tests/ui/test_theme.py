"""The one look and feel: fields that keep their value under the wheel, arrows, popups that
show their current item, visible focus, one field height, dialog buttons by role, the app's
own message icons and window titles without the app's name twice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QProxyStyle,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyleFactory,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from dutyroom.ui import input_guard, theme


def wheel(widget: QWidget, steps: int = -3) -> None:
    """Turn the wheel over the middle of `widget`, as the window system delivers it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def long_form(qtbot) -> tuple[QScrollArea, dict[str, QWidget]]:
    """A page of fields taller than its window, as 设置 is."""
    content = QWidget()
    form = QFormLayout(content)
    combo = QComboBox()
    combo.addItems(["Asia/Shanghai", "Africa/Blantyre", "Asia/Urumqi"])
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setValue(50)
    fields: dict[str, QWidget] = {"combo": combo, "spin": spin, "time": QTimeEdit(),
                                  "date": QDateEdit()}
    for name, field in fields.items():
        form.addRow(name, field)
    for n in range(40):
        form.addRow(f"row {n}", QLineEdit())
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(content)
    scroll.resize(400, 300)
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    return scroll, fields


def test_an_unfocused_field_leaves_the_wheel_to_the_page(themed, qtbot):
    scroll, fields = long_form(qtbot)
    before = {name: field.text() if not isinstance(field, QComboBox) else field.currentText()
              for name, field in fields.items()}
    for field in fields.values():
        scroll.verticalScrollBar().setValue(0)
        wheel(field)
        assert scroll.verticalScrollBar().value() > 0, type(field).__name__
    after = {name: field.text() if not isinstance(field, QComboBox) else field.currentText()
             for name, field in fields.items()}
    assert after == before


def test_the_field_being_edited_still_takes_the_wheel(themed, qtbot):
    scroll, fields = long_form(qtbot)
    combo, spin = fields["combo"], fields["spin"]
    scroll.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(lambda: input_guard.has_focus(combo))
    wheel(combo, -1)
    assert combo.currentText() == "Africa/Blantyre"
    spin.setFocus()
    qtbot.waitUntil(lambda: input_guard.has_focus(spin))
    wheel(spin, 1)
    assert spin.value() == 51


def _spin_turns(spin: QSpinBox) -> bool:
    """Whether a wheel over the unfocused spin box changes it (no guard) or not (the guard)."""
    before = spin.value()
    wheel(spin, 1)
    turned = spin.value() != before
    spin.setValue(before)
    return turned


def test_the_guard_is_set_aside_only_while_a_window_is_built(themed, qtbot):
    _, fields = long_form(qtbot)
    spin = fields["spin"]
    assert not _spin_turns(spin)
    with input_guard.set_aside(themed):
        assert _spin_turns(spin)  # aside: the block really ran without it
    assert not _spin_turns(spin)
    with pytest.raises(RuntimeError), input_guard.set_aside(themed):
        raise RuntimeError("a page failed to build")
    assert not _spin_turns(spin)  # back after a failure too
    assert len(themed.findChildren(input_guard.InputGuard)) == 1


def test_the_guard_covers_every_window_once(themed):
    theme.apply_theme(themed, 100)
    assert len(themed.findChildren(input_guard.InputGuard)) == 1


def test_an_editable_combo_box_opens_on_a_click(themed, qtbot):
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(["Asia/Shanghai", "Asia/Urumqi"])
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    qtbot.mouseClick(combo.lineEdit(), Qt.MouseButton.LeftButton)
    assert combo.view().isVisible()
    combo.hidePopup()


def dark_pixels(image: QImage, left: int, top: int, width: int, height: int) -> int:
    return sum(1 for x in range(max(left, 0), min(left + width, image.width()))
               for y in range(max(top, 0), min(top + height, image.height()))
               if QColor(image.pixel(x, y)).lightness() < 170)


def test_combo_and_spin_boxes_draw_their_arrows(themed, qtbot):
    combo, spin = QComboBox(), QSpinBox()
    combo.addItem("值班员")
    spin.setRange(0, 10)
    spin.setValue(5)
    for widget in (combo, spin):
        qtbot.addWidget(widget)
        widget.resize(200, widget.sizeHint().height())
        widget.show()
        qtbot.waitExposed(widget)
        image = widget.grab().toImage()
        # inside the border, where the arrow is; the stylesheet once drew none there
        assert dark_pixels(image, image.width() - 20, 4, 16, image.height() - 8) > 6, \
            type(widget).__name__


def test_a_popup_shows_its_current_item(themed, qtbot):
    combo = QComboBox()
    combo.addItems(["工作日", "周末", "法定节假日"])
    combo.setCurrentIndex(1)
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    combo.showPopup()
    view = combo.view()
    qtbot.waitExposed(view)
    assert view.currentIndex().row() == 1
    row = view.visualRect(view.currentIndex()).adjusted(4, 4, -4, -4)  # the text, not a frame
    image = view.viewport().grab().toImage()
    assert dark_pixels(image, row.left(), row.top(), row.width(), row.height()) > 60
    combo.hidePopup()


def test_focus_is_visible_on_text_fields_and_the_primary_button(themed, qtbot):
    holder = QWidget()
    layout = QVBoxLayout(holder)
    edit, other = QLineEdit("刘洋"), QLineEdit()
    primary = QPushButton("保存")
    primary.setObjectName("primary")
    for widget in (edit, other, primary):
        layout.addWidget(widget)
    qtbot.addWidget(holder)
    holder.show()
    holder.activateWindow()
    qtbot.waitExposed(holder)
    for widget in (edit, primary):
        other.setFocus()
        qtbot.waitUntil(other.hasFocus)
        resting = widget.grab().toImage()
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        assert widget.grab().toImage() != resting, widget.text()


@pytest.mark.parametrize("themed", [80, 100, 150, 200], indirect=True)
def test_every_one_line_field_has_the_height_of_a_text_field(themed, qtbot):
    holder = QWidget()
    form = QFormLayout(holder)
    editable = QComboBox()
    editable.setEditable(True)
    popup_date = QDateEdit()
    popup_date.setCalendarPopup(True)
    fields = [QLineEdit("08:30"), QComboBox(), editable, QSpinBox(), QDoubleSpinBox(),
              QDateEdit(), popup_date, QTimeEdit(), QDateTimeEdit()]
    for field in fields:
        form.addRow(type(field).__name__, field)
    qtbot.addWidget(holder)
    holder.show()
    holder.resize(holder.sizeHint())  # room for every row, whatever the test screen's size
    qtbot.waitExposed(holder)
    heights = {f"{type(f).__name__} {i}": (f.sizeHint().height(), f.height())
               for i, f in enumerate(fields)}
    assert len(set(heights.values())) == 1, heights


def test_message_boxes_use_the_app_s_own_icons(themed, qtbot):
    fusion = QStyleFactory.create("Fusion")
    for kind, standard in ((QMessageBox.Icon.Warning, QStyle.StandardPixmap.SP_MessageBoxWarning),
                           (QMessageBox.Icon.Information,
                            QStyle.StandardPixmap.SP_MessageBoxInformation),
                           (QMessageBox.Icon.Question, QStyle.StandardPixmap.SP_MessageBoxQuestion),
                           (QMessageBox.Icon.Critical, QStyle.StandardPixmap.SP_MessageBoxCritical)):
        box = QMessageBox(kind, "标题", "内容")
        qtbot.addWidget(box)
        shown = box.iconPixmap().toImage()
        size = shown.width()
        ours = theme.DeskStyle("Fusion").standardIcon(standard).pixmap(size, size).toImage()
        stock = fusion.standardIcon(standard).pixmap(size, size).toImage()
        assert shown == ours.convertToFormat(shown.format())
        assert shown != stock.convertToFormat(shown.format())


class IconsOnButtons(QProxyStyle):
    """A platform whose style puts stock icons on dialog buttons, as GNOME's and KDE's do."""

    def styleHint(self, hint, option=None, widget=None, data=None):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


def test_dialog_button_boxes_carry_no_stock_icons(themed, qtbot):
    boxes = []

    def ok_cancel() -> QDialogButtonBox:
        boxes.append(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                      | QDialogButtonBox.StandardButton.Cancel))
        qtbot.addWidget(boxes[-1])
        return boxes[-1]

    assert all(button.icon().isNull() for button in ok_cancel().buttons())
    stylesheet = themed.styleSheet()
    themed.setStyle(IconsOnButtons(QStyleFactory.create("Fusion")))
    themed.setStyleSheet("")
    assert not any(button.icon().isNull() for button in ok_cancel().buttons())  # would show
    themed.setStyleSheet(stylesheet)
    assert all(button.icon().isNull() for button in ok_cancel().buttons())  # the theme's rule


def test_buttons_are_named_for_what_they_do_with_their_own_icon(qtbot):
    """登录 is not a save: no floppy on it; a form's 保存 keeps its icon."""
    from dutyroom.ui.dialogs.account_dialogs import LoginDialog
    from dutyroom.ui.dialogs.record_dialog import RecordDialog
    from dutyroom.ui.icons import ON_DARK, icon
    from dutyroom.ui.tasks import SyncRunner

    login = LoginDialog(SyncRunner(), lambda v: v, "青山镇人民政府")
    form = RecordDialog("新增人员", SyncRunner(), lambda v: v)
    for dialog in (login, form):
        qtbot.addWidget(dialog)
    saving = icon("save", ON_DARK).cacheKey()
    primary = login.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert primary.text() == "登录" and primary.icon().cacheKey() != saving
    assert form.buttons.button(QDialogButtonBox.StandardButton.Save).icon().cacheKey() == saving
    assert "Dutyroom" not in login.windowTitle()
