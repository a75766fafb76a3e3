"""Logging in, and the administrator's account forms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QLineEdit, QWidget

from dutyroom.domain.accounts import PASSWORD_MIN
from dutyroom.domain.roles import ROLE_LABELS, Role
from dutyroom.services.staff_service import StaffView
from dutyroom.services.user_service import UserView
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save, combo_box
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.quitting import confirm_quit
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import hint_label


def _line(placeholder: str = "", *, secret: bool = False, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(128 if secret else 32)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _primary_text(dialog: RecordDialog, text: str) -> None:
    dialog.set_action(text, "log-in")


class LoginDialog(RecordDialog):
    """Who is at the keyboard: asked at start.

    Typing goes where it is meant: the cursor waits in the first empty field (the user
    name that last logged in on this computer is filled in), Enter in the user name goes on
    to the password and Enter there logs in. Cancelling quits Dutyroom, so it asks first.
    """

    def __init__(self, runner: Runner | SyncRunner, save: Save, unit: str,
                 last_username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(tr("登录"), runner, save, parent)
        heading = QLabel(f"<b>{unit or tr('Dutyroom 值班室')}</b>")
        self.column.insertWidget(0, heading)
        self.username = _line(tr("用户名"), text=last_username)
        self.password = _line(tr("密码"), secret=True)
        self.add_field("username", tr("用户名"), self.username)
        self.add_field("password", tr("密码"), self.password)
        _primary_text(self, tr("登录"))
        login = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("退出"))
        for button in (login, cancel):  # Enter belongs to the field it is typed in
            button.setAutoDefault(False)
            button.setDefault(False)
        QWidget.setTabOrder(self.username, self.password)
        QWidget.setTabOrder(self.password, login)
        QWidget.setTabOrder(login, cancel)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        (self.password if last_username else self.username).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # the field it was typed in has acted on it (no login with half a form)
        super().keyPressEvent(event)

    def reject(self) -> None:
        if confirm_quit(self, tr("退出 Dutyroom"),
                        tr("不登录就退出 Dutyroom 值班室吗？\n退出后提醒不再响铃，直到再次打开。"),
                        tr("返回登录")):
            super().reject()


class UserDialog(RecordDialog):
    """Add an account, or change one's name, role, linked person or whether it may log in."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, people: Sequence[StaffView],
                 user: UserView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新增用户") if user is None else tr("修改用户 {0}").format(
                                                                    user.username), runner, save,
                         parent)
        if user is None:
            self.add_field("username", tr("用户名"), _line(tr("字母、数字，例如 zhangsan")), required=True)
        self.add_field("display_name", tr("姓名"), _line(text=user.display_name if user else ""),
                       required=True)
        self.add_field("role", tr("角色"), combo_box(
            [(tr_label(text), role.value) for role, text in ROLE_LABELS.items()],
            user.role.value if user else Role.OFFICER.value), required=True)
        self.add_field("staff_id", tr("对应值班人员"), combo_box(
            [(tr("（无）"), 0)] + [(tr("{0}（{1}）").format(p.name, tr_label(p.tier_label)), p.id)
                                 for p in people if p.active],
            user.staff_id or 0 if user else 0))
        if user is None:
            self.add_field("password", tr("初始密码"), _line(tr("至少 {0} 位").format(
                                                                    PASSWORD_MIN), secret=True),
                           required=True)
            self.add_field("confirm", tr("确认密码"), _line(secret=True), required=True)
        else:
            active = QCheckBox(tr("可以登录"))
            active.setChecked(user.active)
            self.add_field("active", tr("状态"), active)
        self.column.insertWidget(1, hint_label(
            tr("值班员：登记、报送、交接班；带班领导：另可批准换班、代为确认交接班；"
            "管理员：另可修改设置、管理用户、发布值班表、恢复备份。关联值班人员后，"
            "本人登录即可确认自己的接班。")))


class PasswordDialog(RecordDialog):
    """A new password: one's own (with the old one), or reset by the administrator."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, own: bool, who: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("修改我的密码") if own else tr("重置 {0} 的密码").format(
                                                               who), runner, save, parent)
        if own:
            self.add_field("old", tr("原密码"), _line(secret=True), required=True)
        self.add_field("password", tr("新密码"), _line(tr("至少 {0} 位").format(PASSWORD_MIN), secret=True),
                       required=True)
        self.add_field("confirm", tr("确认新密码"), _line(secret=True), required=True)


def clean(values: dict[str, Any]) -> dict[str, Any]:
    """Combo boxes give 0 for "none"; services take None."""
    return {k: (None if k == "staff_id" and not v else v) for k, v in values.items()}
