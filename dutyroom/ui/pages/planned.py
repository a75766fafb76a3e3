"""Pages whose capability arrives in a later release: they say plainly what they will hold.

No sample or fake data is shown here; a duty officer must never mistake a mock-up for
the real rota or log.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from dutyroom.ui.pages.base import Page
from dutyroom.ui.widgets import card, hint_label, title_label


class PlannedPage(Page):
    def __init__(self, title: str, icon_name: str, summary: str, items: list[str]) -> None:
        super().__init__()
        self.title, self.icon_name = title, icon_name
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(14)
        layout.addWidget(title_label(title))
        frame, inner = card()
        notice = QLabel("此功能正在开发中，将在后续版本提供。")
        notice.setStyleSheet("font-weight: 600;")
        inner.addWidget(notice)
        inner.addWidget(hint_label(summary))
        bullets = QLabel("".join(f"<p style='margin:4px 0'>• {item}</p>" for item in items))
        bullets.setTextFormat(Qt.TextFormat.RichText)
        bullets.setWordWrap(True)
        inner.addWidget(bullets)
        layout.addWidget(frame)
        layout.addStretch(1)


def handover_page() -> PlannedPage:
    return PlannedPage(
        "交接班", "handover",
        "自动汇总本班次情况，生成交接班记录，接班人确认后锁定并打印签字。",
        ["本班次的签到、在岗确认、上级查岗、事件及报送、待反馈派单、来电来文",
         "未办结事项及时限、设备和电话状态、备注",
         "接班人登录确认后定稿；此后的更正作为新的修订保存",
         "打印预览、打印、另存为 PDF（含交班人、接班人、带班领导签字栏）"])
