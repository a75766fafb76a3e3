"""The locked screen: nothing of the log shows, alerts still do, anyone on duty may log in.

The desk locks when left idle (设置 → 无操作自动锁屏) or at 锁定 (Ctrl+L). Unlocking is a
login: the same person, or the next officer taking over the keyboard at handover.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dutyroom.domain.roles import Actor
from dutyroom.services.alert_service import Watch
from dutyroom.services.uow import UnitOfWork
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import button, card, error_text, hint_label


class LockScreen(QWidget):
    unlocked = Signal(object)  # the Actor now at the keyboard

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner) -> None:
        super().__init__()
        self.uow, self.runner = uow, runner
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        frame, inner = card()
        frame.setFixedWidth(460)  # a fixed width lets the wrapped lines take their full height
        self.unit = QLabel()
        self.unit.setObjectName("deskName")
        inner.addWidget(self.unit)
        title = QLabel(tr("屏幕已锁定"))
        title.setObjectName("pageTitle")
        inner.addWidget(title)
        self.who = hint_label("")
        inner.addWidget(self.who)
        self.pending = QLabel()
        self.pending.setObjectName("lockAlerts")
        self.pending.setWordWrap(True)
        inner.addWidget(self.pending)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setPlaceholderText(tr("用户名"))
        self.password = QLineEdit()
        self.password.setPlaceholderText(tr("密码"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        form.addRow(tr("用户名："), self.username)
        form.addRow(tr("密码："), self.password)
        inner.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        inner.addWidget(self.error)
        self.unlock_button = button(tr("登录解锁"), "check", primary=True)
        self.unlock_button.clicked.connect(self.submit)
        inner.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)
        inner.addWidget(hint_label(tr("交接班时，接班人可直接用自己的账户登录。")))
        outer.addWidget(frame, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def lock(self, previous: Actor, unit: str) -> None:
        self.unit.setText(unit)
        self.who.setText(tr("锁定前登录的是 {0}（{1}）").format(previous.name, tr_label(previous.role_label)))
        self.username.setText(previous.username)
        self.password.clear()
        self.error.clear()
        self.password.setFocus()

    def show_watch(self, watch: Watch) -> None:
        pressing = len(watch.pressing)
        self.pending.setText(tr("有 {0} 项提醒需要处理，请登录后查看。").format(pressing) if pressing
                             else tr("暂无需要处理的提醒。"))
        self.pending.setStyleSheet("color: #c0392b; font-weight: bold;" if pressing else "")

    def submit(self) -> None:
        from dutyroom.services import user_service  # (argon2 loads with the first lock)

        self.unlock_button.setEnabled(False)
        Op(self, self.runner, user_service.login, self.uow, self.username.text(),
           self.password.text()).success(self._done).failure(self._failed, shown=True) \
            .run_in_background()

    def _done(self, actor: Actor) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.unlocked.emit(actor)

    def _failed(self, error: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.error.setText(error_text(error))
        self.password.selectAll()
        self.password.setFocus()
