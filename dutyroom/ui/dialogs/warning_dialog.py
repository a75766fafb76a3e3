"""The form for a received warning, or a later notice of one (更新、升级、降级、解除)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QListView, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from dutyroom.domain.warnings import COLOUR_LABELS, ISSUERS, TOWN, WARNING_TYPES, Colour
from dutyroom.services.warning_readers import WarningView
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save, combo_box, text_box, time_editor
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.tasks import Runner, SyncRunner


class WarningDialog(RecordDialog):
    """Fast to fill at 3 a.m.: the type, colour and area first; times default to now and
    24 hours on; a later notice starts from the one it follows."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, villages: tuple[str, ...],
                 zone: tzinfo, now: datetime, previous: WarningView | None = None,
                 cancel: bool = False, parent: QWidget | None = None) -> None:
        title = (tr("解除预警") if cancel else tr("登记后续通知（更新、升级或降级）") if previous
                 else tr("登记收到的预警"))
        super().__init__(title, runner, save, parent, action=tr("保存并生成叫应名单")
                         if not cancel else tr("解除预警"))
        self.previous, self.cancel = previous, cancel
        p = previous
        issuer = QComboBox()
        issuer.setEditable(True)
        issuer.addItems(list(ISSUERS))  # data for the record, kept in Chinese
        issuer.setCurrentText(p.issuer if p else ISSUERS[0])
        self.add_field("issuer", tr("发布单位"), issuer, required=True)
        if not cancel:
            self.add_field("type", tr("预警类型"), combo_box(
                [(tr_label(t), t) for t in WARNING_TYPES], p.type if p else None), required=True)
            # A later notice is of the warning's own type: another hazard is another warning.
            self.fields["type"].setEnabled(p is None)
            self.add_field("colour", tr("预警级别"), combo_box(
                [(tr_label(COLOUR_LABELS[c]), c.value) for c in reversed(Colour)],
                p.colour.value if p else Colour.YELLOW.value), required=True)
        self.add_field("issued_at", tr("发布时间"), time_editor(now, zone), required=True)
        if not cancel:
            self.add_field("valid_until", tr("有效期至"),
                           time_editor(p.valid_until if p and p.valid_until
                                       else now + timedelta(hours=24), zone))
            self.villages = QListWidget()
            self.villages.setFlow(QListView.Flow.LeftToRight)  # in columns: a dozen fit at once
            self.villages.setWrapping(True)
            self.villages.setResizeMode(QListView.ResizeMode.Adjust)
            self.villages.setGridSize(QSize(104, 26))
            self.villages.setMinimumSize(430, 140)
            chosen = set(p.villages) if p else set()
            for name in (TOWN, *villages):
                item = QListWidgetItem(tr_label(name) if name == TOWN else name)
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                whole = p is not None and chosen == set(villages)
                on = (name == TOWN and whole) or (name in chosen and not whole)
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.villages.addItem(item)
            self.villages.installEventFilter(self)
            self.add_field("villages", tr("涉及村(社区)"), self.villages, required=True)
        self.add_field("text", tr("预警内容") if not cancel else tr("解除通知内容"),
                       text_box(height=60))
        if not cancel:
            self.add_field("measures", tr("防御措施要求"), text_box(height=50))
        for box in self.findChildren(QPlainTextEdit):
            box.setMaximumHeight(90)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter ticks the village under the cursor (as Space does) instead of saving the
        form half filled: the list works from the keyboard."""
        if (watched is self.villages and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            item = self.villages.currentItem()
            if item is not None:
                on = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)
            return True
        return super().eventFilter(watched, event)

    def values(self) -> dict[str, Any]:
        values = super().values()
        if not self.cancel:
            values["villages"] = [
                self.villages.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.villages.count())
                if self.villages.item(i).checkState() == Qt.CheckState.Checked]
        if self.previous is not None:
            values["supersedes"] = self.previous.id
        if self.cancel:
            values["action"] = "cancel"
        return values
