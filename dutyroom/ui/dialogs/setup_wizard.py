"""First run: set the desk up in a minute (unit, handover time, administrator, staff).

A town office has no IT staff, so the first start walks through what the desk cannot work
without: whose desk it is and when shifts change (printouts and the duty clock use them),
the administrator who adds everyone else, and where the staff list comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from dutyroom.domain import settings as registry
from dutyroom.domain.accounts import PASSWORD_MIN, check_display_name, check_password, check_username
from dutyroom.domain.errors import FieldError
from dutyroom.domain.roles import Actor
from dutyroom.services import demo, settings_service, user_service
from dutyroom.services.uow import UnitOfWork
from dutyroom.ui.i18n import tr, tr_text
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import error_text, hint_label

STAFF_IMPORT, STAFF_DEMO, STAFF_LATER = "import", "demo", "later"


class _Page(QWizardPage):
    """A page whose fields are checked by the domain's own rules before going on."""

    def __init__(self, title: str, hint: str) -> None:
        super().__init__()
        self.setTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(hint))
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def refuse(self, error: FieldError) -> bool:
        self.error.setText(tr_text(error.message))
        return False


class UnitPage(_Page):
    def __init__(self) -> None:
        super().__init__(tr("本值班室"), tr("单位名称印在每份打印件的标题上；交接班时间决定每个值班日从几点开"
                                            "始。"
                         "以后都可在「设置」中修改。"))
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText(tr("例如：某某镇人民政府"))
        self.desk_name = QLineEdit(tr("总值班室"))
        self.handover_time = QTimeEdit(QTime(8, 30))
        self.handover_time.setDisplayFormat("HH:mm")
        self.form.addRow(tr("单位名称 *："), self.unit_name)
        self.form.addRow(tr("值班室名称 *："), self.desk_name)
        self.form.addRow(tr("交接班时间："), self.handover_time)

    def values(self) -> dict[str, Any]:
        return {"unit_name": self.unit_name.text(), "desk_name": self.desk_name.text(),
                "handover_time": self.handover_time.time().toString("HH:mm")}

    def validatePage(self) -> bool:
        try:
            if not self.unit_name.text().strip():
                raise FieldError("unit_name", tr("请填写单位名称"))
            for key, value in self.values().items():
                registry.definition(key).parse(value)
        except FieldError as error:
            return self.refuse(error)
        self.error.clear()
        return True


class AdminPage(_Page):
    def __init__(self) -> None:
        super().__init__(tr("管理员账户"), tr("管理员负责设置、用户和发布值班表，并为每位值班员、带班领导添加"
                         "各自的账户。请记住密码。"))
        self.username = QLineEdit()
        self.username.setPlaceholderText(tr("例如 admin 或姓名拼音"))
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(tr("例如 王主任"))
        self.password = QLineEdit()
        self.password.setPlaceholderText(tr("至少 {0} 位").format(PASSWORD_MIN))
        self.confirm = QLineEdit()
        for edit in (self.password, self.confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(tr("用户名 *："), self.username)
        self.form.addRow(tr("姓名 *："), self.display_name)
        self.form.addRow(tr("密码 *："), self.password)
        self.form.addRow(tr("确认密码 *："), self.confirm)

    def values(self) -> dict[str, Any]:
        return {"username": self.username.text(), "display_name": self.display_name.text(),
                "password": self.password.text(), "confirm": self.confirm.text()}

    def validatePage(self) -> bool:
        try:
            check_username(self.username.text())
            check_display_name(self.display_name.text())
            check_password(self.password.text(), self.confirm.text())
        except FieldError as error:
            return self.refuse(error)
        self.error.clear()
        return True


class StaffPage(_Page):
    def __init__(self, demo_possible: bool) -> None:
        super().__init__(tr("值班人员"), tr("排班、签到和交接班都要用到值班人员名单。"))
        self.choices = QButtonGroup(self)
        for key, text, note in (
                (STAFF_IMPORT, tr("从 Excel 或 CSV 人员表导入"), tr("完成后选择文件，导入前逐行预览。")),
                (STAFF_DEMO, tr("先打开示例乡镇试用"),
                 tr("示例放在单独的示例数据库中，不写入本值班室的数据库；人员、电话均为虚构，"
                    "界面有明显提示。")),
                (STAFF_LATER, tr("稍后在「通讯录」中逐个添加"), "")):
            radio = QRadioButton(text)
            radio.setProperty("choice", key)
            radio.setEnabled(key != STAFF_DEMO or demo_possible)
            self.choices.addButton(radio)
            self.form.addRow(radio)
            if note:
                explained = hint_label(note)
                explained.setContentsMargins(24, 0, 0, 6)
                self.form.addRow(explained)
        self.choices.buttons()[0].setChecked(True)

    def choice(self) -> str:
        checked = self.choices.checkedButton()
        return str(checked.property("choice")) if checked is not None else ""


class SetupWizard(QWizard):
    """Unit, administrator and staff; the unit and the administrator always go into the
    desk's database. The sample town never does: chosen here, it is opened in a database of
    its own (`open_demo`), with the same administrator, and the app runs on it this time."""

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner,
                 open_demo: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.uow, self.runner, self.open_demo = uow, runner, open_demo
        self.demo: Any = None  # the sample town's backend, once opened
        self.actor: Actor | None = None  # the administrator, once made
        self.setWindowTitle(tr("首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(620, 440)
        self.unit, self.admin = UnitPage(), AdminPage()
        self.staff = StaffPage(open_demo is not None)
        for page in (self.unit, self.admin, self.staff):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("取消"))

    def accept(self) -> None:
        """Write it all on the background runner; close once it is saved."""
        unit, admin, choice = self.unit.values(), self.admin.values(), self.staff.choice()

        def set_up() -> Any:
            # The administrator and the unit's settings in one transaction (a refusal leaves
            # nothing made); the sample town, in a database of its own, after them. The
            # runner does one job at a time, so a retry sees what an earlier try made.
            if self.actor is None:
                self.actor = user_service.set_up_desk(self.uow, admin, unit).value
            if settings_service.snapshot(self.uow).demo_data:
                return None  # this database is the sample town already (make demo)
            if choice == STAFF_DEMO and self.open_demo is not None:
                return open_sample_town(self.open_demo, admin)
            return None

        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        if choice == STAFF_DEMO:
            self.staff.error.setText(tr("正在建立示例数据库…"))
        Op(self, self.runner, set_up).success(self._done).failure(self._failed, shown=True) \
            .run_in_background()

    def _done(self, demo: Any) -> None:
        self.demo = demo
        if demo is not None:
            QMessageBox.information(self, tr("示例乡镇"), tr(
                "示例乡镇已在单独的示例数据库中打开：\n{0}\n\n本值班室的数据库中没有写入任何示例数据，"
                "只保存了单位名称和管理员账户。下次启动 Dutyroom 即打开本值班室；"
                "想再看示例，可运行 dutyroom --db \"{0}\"。").format(demo.url.database))
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.staff.error.setText(tr("未能完成设置：{0}").format(error_text(error)))

    @property
    def wants_import(self) -> bool:
        return self.staff.choice() == STAFF_IMPORT


def open_sample_town(open_demo: Callable[[], Any], admin: dict[str, Any]) -> Any:
    """The sample town in its own database, with the administrator just made (or, if it was
    opened before, logged in as them), ready to use."""
    backend = open_demo()
    try:
        if user_service.has_users(backend.uow):
            actor = user_service.login(backend.uow, admin["username"], admin["password"])
        else:
            actor = user_service.create_first_admin(backend.uow, admin).value
        backend.uow = backend.uow.for_actor(actor)
        demo.seed_demo(backend.uow)
    except BaseException:
        backend.close()
        raise
    return backend
