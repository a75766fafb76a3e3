"""The red banner under the header: what is due or overdue and not yet taken on, seen from
every page, with the two things an officer does about it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from dutyroom.domain.deadlines import AlertState
from dutyroom.services.alert_service import Watch
from dutyroom.ui.i18n import tr, tr_noted, tr_text
from dutyroom.ui.widgets import button


class AlertBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 4, 24, 4)
        self.text = QLabel()
        self.text.setObjectName("alertBannerText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.presence_button = button(tr("确认在岗"), "check")
        self.show_button = button(tr("查看"), "eye")
        self.ack_button = button(tr("确认提醒"), "bell",
                                 tooltip=tr("已知晓并在处理：停止响铃，事项完成前仍保留在列表中"))
        for widget in (self.presence_button, self.show_button, self.ack_button):
            layout.addWidget(widget)
        self.hide()

    def show_watch(self, watch: Watch) -> None:
        pressing = watch.pressing
        # Only the prompt a confirmation would answer: an earlier one missed stays in the
        # list as missed, but asking to confirm it would ask for the impossible.
        asking = [watch.asking] if watch.asking is not None else []
        if not pressing and not asking:
            self.hide()
            return
        overdue = sum(1 for a in pressing if a.state == AlertState.OVERDUE)
        due = len(pressing) - overdue
        counts = tr("、").join(part for part in (tr("已超时 {0} 项").format(overdue) if overdue else "",
                                             tr("已到期 {0} 项").format(due) if due else "") if part)
        first = (pressing or asking)[0]
        more = tr("，另有 {0} 项").format(len(pressing) - 1) if len(pressing) > 1 else ""
        lead = tr("⚠ {0}：").format(counts) if counts else "⚠ "
        self.text.setText(f"{lead}{tr_noted(first.label)} — {tr_text(first.subject)}{more}"
                          + (tr("　请点「确认在岗」") if asking else ""))
        self.presence_button.setVisible(bool(asking))
        self.ack_button.setVisible(bool(pressing))
        self.show()
