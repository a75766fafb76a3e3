"""数据: backups and restoring one, field packages out and back, and the desk's accounts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
)

from dutyroom.domain.anchors import parse_anchor
from dutyroom.domain.errors import FieldError
from dutyroom.domain.local_time import utc_clock
from dutyroom.domain.roles import Permission
from dutyroom.services import backup_service, field_service, integrity_service, staff_service, user_service
from dutyroom.services.backup_service import BackupInfo
from dutyroom.services.field_service import OUTCOME_LABELS, FieldOrigin, MergeReport, PackageReport
from dutyroom.services.setup_service import Storage
from dutyroom.services.uow import Changes, UnitOfWork
from dutyroom.services.user_service import UserView
from dutyroom.ui.acting import Acting
from dutyroom.ui.dialogs.account_dialogs import PasswordDialog, UserDialog, clean
from dutyroom.ui.dialogs.range_dialog import RangeDialog
from dutyroom.ui.i18n import tr, tr_label, tr_text
from dutyroom.ui.pages.base import Page
from dutyroom.ui.table_models import Column, RecordTableModel
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import (
    PAGE_MARGINS,
    button,
    card,
    hint_label,
    scrolling_cards,
    table_view,
    title_label,
)

EVERYTHING = Changes(staff=True, departments=True, settings=True, roster=True, incidents=True,
                     register=True, clock=True, handover=True, responsible=True,
                     warnings=True)
PACKAGE_FILTER = tr("外勤包 (*.dutyroom *.sqlite3);;所有文件 (*)")
DATABASE_FILTER = tr("Dutyroom 数据库 (*.sqlite3 *.dutyroom);;所有文件 (*)")


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} KB"


class DataPage(Page):
    title = tr("数据")
    error_title = tr("操作未完成")
    icon_name = "database"
    help_topic = "data"

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner, storage: Storage | None,
                 zone: str = "Asia/Shanghai", about: str = "",
                 now: Callable[[], datetime] = utc_clock) -> None:
        super().__init__()
        self.acting, self.runner, self.storage, self.about = Acting.of(uow), runner, storage, about
        self.now = now
        self.zone = ZoneInfo(zone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(14)
        layout.addWidget(title_label(tr("数据与账户")))
        self.origin_banner = QLabel()
        self.origin_banner.setObjectName("demoBanner")
        self.origin_banner.setWordWrap(True)
        self.origin_banner.hide()
        layout.addWidget(self.origin_banner)
        layout.addWidget(scrolling_cards([self._check_card(), self._backup_card(),
                                          self._field_card(), self._user_card()]), 1)

    # --- layout -------------------------------------------------------------------------------

    def _check_card(self) -> QFrame:
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>检查数据</b>")))
        inner.addWidget(hint_label(
            tr("检查数据库完整性、审计链，以及每条记录与其最后一次审计记录是否一致。交接班记录打印件末尾印有"
               "「审计链锚点」（条数和校验码）：填入后还会核对数据库中的审计链是否仍含这一条，可发现整体改写、"
               "删去末尾记录或换成旧备份。")))
        row = QHBoxLayout()
        self.anchor_edit = QLineEdit()
        self.anchor_edit.setPlaceholderText(tr("纸面锚点（可选），例如 1234:3F9A-C210-7B4E-55D1"))
        self.anchor_edit.setAccessibleName(tr("审计链锚点"))
        self.check_button = button(tr("立即检查"), "check", primary=True)
        self.check_button.clicked.connect(self.run_check)
        self.anchor_edit.returnPressed.connect(self.run_check)
        row.addWidget(self.anchor_edit, 1)
        row.addWidget(self.check_button)
        inner.addLayout(row)
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.check_result)
        return frame

    def _backup_card(self) -> QFrame:
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>备份</b>")))
        if self.about:  # which database this desk works on, and its schema version
            inner.addWidget(hint_label(self.about))
        self.backup_hint = hint_label("")
        inner.addWidget(self.backup_hint)
        self.backups: RecordTableModel[BackupInfo] = RecordTableModel([
            Column(tr("备份时间"), lambda b: b.at,
                   text=lambda b: f"{b.at.astimezone(self.zone):%Y-%m-%d %H:%M}"),
            Column(tr("类型"), lambda b: b.kind),
            Column(tr("大小"), lambda b: b.size, text=lambda b: _size(b.size)),
            Column(tr("文件"), lambda b: b.path.name),
        ])
        self.backup_table = self._table(self.backups, 200)
        inner.addWidget(self.backup_table)
        row = QHBoxLayout()
        self.backup_button = button(tr("立即备份"), "save", primary=True)
        self.backup_button.clicked.connect(self.back_up)
        self.save_copy_button = button(tr("另存备份…"), "download")
        self.save_copy_button.clicked.connect(self.save_copy)
        self.restore_button = button(tr("恢复所选…"), "undo")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = button(tr("从文件恢复…"), "upload")
        self.restore_file_button.clicked.connect(self.restore_file)
        for widget in (self.backup_button, self.save_copy_button, self.restore_button,
                       self.restore_file_button):
            row.addWidget(widget)
        row.addStretch(1)
        inner.addLayout(row)
        return frame

    def _field_card(self) -> QFrame:
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>外勤包</b>")))
        inner.addWidget(hint_label(
            tr("外出带笔记本时，导出一段时间的外勤包（值班表、通讯录、未办结事件）；在笔记本上"
            "用「从文件恢复…」载入。回来后在笔记本上「另存备份…」，再在这里「合并外勤数据…」："
            "新登记的事件、报送、派单和来电按编号并入；双方都改过的记录两份都保留为修订；"
            "同一文件合并两次不会重复。")))
        row = QHBoxLayout()
        self.export_button = button(tr("导出外勤包…"), "download")
        self.export_button.clicked.connect(self.export_package)
        self.merge_button = button(tr("合并外勤数据…"), "upload")
        self.merge_button.clicked.connect(self.merge_package)
        row.addWidget(self.export_button)
        row.addWidget(self.merge_button)
        row.addStretch(1)
        inner.addLayout(row)
        self.field_result = QLabel()
        self.field_result.setWordWrap(True)
        inner.addWidget(self.field_result)
        return frame

    def _user_card(self) -> QFrame:
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>用户和权限</b>")))
        self.user_hint = hint_label("")
        inner.addWidget(self.user_hint)
        self.users: RecordTableModel[UserView] = RecordTableModel([
            Column(tr("用户名"), lambda u: u.username),
            Column(tr("姓名"), lambda u: u.display_name),
            Column(tr("角色"), lambda u: tr_label(u.role_label)),
            Column(tr("对应值班人员"), lambda u: u.staff_name),
            Column(tr("状态"), lambda u: not u.active,
                   text=lambda u: tr("可登录") if u.active else tr("已停用")),
            Column(tr("最后登录"), lambda u: u.last_login_at or datetime.min.replace(tzinfo=UTC),
                   text=lambda u: f"{u.last_login_at.astimezone(self.zone):%Y-%m-%d %H:%M}"
                   if u.last_login_at else tr("从未")),
        ], lambda u: u.active)
        self.user_table = self._table(self.users, 180)
        self.user_table.doubleClicked.connect(lambda _: self.edit_user())
        inner.addWidget(self.user_table)
        row = QHBoxLayout()
        self.add_user_button = button(tr("新增用户…"), "add")
        self.add_user_button.clicked.connect(self.add_user)
        self.edit_user_button = button(tr("修改…"), "edit")
        self.edit_user_button.clicked.connect(self.edit_user)
        self.reset_button = button(tr("重置密码…"), "lock")
        self.reset_button.clicked.connect(self.reset_password)
        self.own_password_button = button(tr("修改我的密码…"), "user")
        self.own_password_button.clicked.connect(self.change_own_password)
        for widget in (self.add_user_button, self.edit_user_button, self.reset_button,
                       self.own_password_button):
            row.addWidget(widget)
        row.addStretch(1)
        inner.addLayout(row)
        return frame

    @staticmethod
    def _table(model: RecordTableModel[Any], height: int) -> QTableView:
        view = table_view(model)
        view.setMinimumHeight(height)
        return view

    # --- refreshing ---------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        server = self.storage is None or self.storage.url.get_backend_name() != "sqlite"
        for widget in (self.backup_button, self.save_copy_button, self.restore_button,
                       self.restore_file_button):
            widget.setEnabled(not server)
        self.restore_button.setEnabled(not server and self.uow.user.may(Permission.RESTORE))
        self.restore_file_button.setEnabled(not server and self.uow.user.may(Permission.RESTORE))
        if changes is not None and not changes.settings:
            return  # backups, accounts and the package's origin change only through this page
        if server:
            self.backup_hint.setText(tr("本值班台连接的是服务器数据库（PostgreSQL），"
                                     "由服务器管理员用 pg_dump 定期备份，不在值班台上备份。"))
            self.backups.set_records([])
        else:
            folder = (self.storage.url.database or "") if self.storage else ""
            self.backup_hint.setText(
                tr("每次启动、运行中每天一次和退出时自动备份到 {0}，保留最近 7 天每天一份、最近 4 周每周一份"
                   "；手动备份和恢复前保留的副本不会自动删除。恢复前会先校验备份文件（完整性、版本、审计链）"
                   "，并保留被替换的数据库。").format(Path(folder).parent / 'backups'))
            (self.op(backup_service.list_backups, self.storage.url)  # type: ignore[union-attr]
             .success(self.backups.set_records).run_in_background())
        admin = self.uow.user.may(Permission.USERS)
        for widget in (self.add_user_button, self.edit_user_button, self.reset_button):
            widget.setEnabled(admin)
        self.own_password_button.setEnabled(self.uow.user.user_id is not None)
        self.user_hint.setText(tr("当前登录：{0}（{1}）。").format(
                                      self.uow.user.name, tr_label(self.uow.user.role_label))
                               + ("" if admin else tr("用户由管理员管理。")))
        (self.op(user_service.list_users, self.uow)
         .success(self.users.set_records).run_in_background())
        self.op(field_service.field_origin, self.uow).success(self._show_origin).run_in_background()

    def _show_origin(self, origin: FieldOrigin | None) -> None:
        self.origin_banner.setVisible(origin is not None)
        if origin is not None:
            self.origin_banner.setText(
                tr("本机数据来自{0}的外勤包（{1}—{2}，{3} 于 {4:%Y-%m-%d %H:%M} 导出）。回到值班台后，请用「"
                   "另存备份…」把本机数据交值班台合并。").format(
                       origin.desk_name, origin.start, origin.end, origin.exported_by,
                       origin.exported_at.astimezone(self.zone)))

    def _selected(self, view: QTableView, model: RecordTableModel[Any]) -> Any | None:
        rows = view.selectionModel().selectedRows()
        return model.record(rows[0].row()) if rows else None

    # --- checking -----------------------------------------------------------------------------

    def run_check(self) -> None:
        if self.storage is None:
            return
        text = self.anchor_edit.text().strip()
        try:
            anchors = (parse_anchor(text),) if text else ()
        except FieldError as error:
            self.check_result.setText(tr_text(error.message))
            return
        storage = self.storage
        self.check_result.setText(tr("正在检查…"))
        (self.op(lambda: integrity_service.run_check(self.uow, storage.engine, anchors))
         .success(self._checked).run_in_background())

    def _checked(self, report: integrity_service.CheckReport) -> None:
        head = tr("审计链现有 {0}").format(tr_text(report.head.readable())) if report.head \
            else tr("审计链为空")
        if report.ok:
            self.check_result.setText(tr("检查通过：数据库完好，审计链和每条记录都与审计记录一致。{0}。")
                                      .format(head))
            return
        shown = report.problems[:12]
        more = len(report.problems) - len(shown)
        self.check_result.setText(
            tr("发现 {0} 个问题：").format(len(report.problems)) + "\n"
            + "\n".join(f"· {tr_text(p)}" for p in shown)
            + (("\n" + tr("……另有 {0} 个").format(more)) if more else "") + "\n" + head)

    # --- backups ------------------------------------------------------------------------------

    def back_up(self) -> None:
        if self.storage is None:
            return
        (self.op(backup_service.backup_to, self.storage.url)
         .success(lambda path: self._backed_up(path)).run_in_background())

    def _backed_up(self, path: Path) -> None:
        QMessageBox.information(self, tr("已备份"), tr("已备份到：\n{0}").format(path))
        self.refresh(None)

    def save_copy(self) -> None:
        if self.storage is None:
            return
        stamp = self.now().astimezone(self.zone).strftime("%Y%m%d-%H%M")
        suggested = Path.home() / tr("值班室数据-{0}.sqlite3").format(stamp)
        name, _ = QFileDialog.getSaveFileName(self, tr("另存备份"), str(suggested), DATABASE_FILTER)
        if name:
            (self.op(backup_service.backup_to, self.storage.url, Path(name))
             .success(self._backed_up).run_in_background())

    def restore_selected(self) -> None:
        chosen = self._selected(self.backup_table, self.backups)
        if chosen is None:
            QMessageBox.information(self, tr("恢复备份"), tr("请先在列表中选择一份备份。"))
            return
        self.restore_from(chosen.path)

    def restore_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("从文件恢复"), str(Path.home()), DATABASE_FILTER)
        if name:
            self.restore_from(Path(name))

    def restore_from(self, path: Path) -> None:
        """Check the file in full first; then ask, saying what fails and what would be lost."""
        if self.storage is None:
            return
        storage = self.storage
        (self.op(lambda: backup_service.plan_restore(self.uow, storage.url, path))
         .success(lambda plan: self._confirm_restore(path, plan)).run_in_background())

    def _confirm_restore(self, path: Path, plan: backup_service.RestorePlan) -> None:
        text = tr("用下面的备份替换当前数据库？\n{0}\n\n当前数据库会先另存为「恢复前自动保留」的备份，"
                  "可以再恢复回来。").format(path)
        if plan.lost:
            text += "\n\n" + tr("注意：{0}。").format(tr_text(plan.lost))
        override = ""
        if plan.problems:
            listed = "\n".join(f"· {tr_text(p)}" for p in plan.problems[:8])
            reason, ok = QInputDialog.getText(
                self, tr("备份未通过检查"),
                tr("这个备份未通过完整性检查：\n{0}\n\n确需恢复，请写明原因（记入审计链）：").format(listed))
            if not ok or not reason.strip():
                return
            override = reason.strip()
        answer = QMessageBox.question(self, tr("恢复备份"), text)
        if answer != QMessageBox.StandardButton.Yes:
            return
        storage = self.storage
        assert storage is not None
        (self.op(lambda: backup_service.restore(self.uow, storage.engine, storage.url, path,
                                                accept_loss=bool(plan.lost), override=override))
         .success(self._restored).run_in_background())

    def _restored(self, report: backup_service.RestoreReport) -> None:
        QMessageBox.information(self, tr("已恢复"), tr("已从 {0} 恢复。\n被替换的数据库保留为：{1}").format(
                                                           report.source.name, report.kept or tr('（无）')))
        self.broadcast(EVERYTHING)
        self.refresh(None)

    # --- field packages -----------------------------------------------------------------------

    def export_package(self) -> None:
        today = self.now().astimezone(self.zone).date()
        accounts = [(u.username, tr("{0}（{1}，{2}）").format(u.display_name, u.username,
                                                             tr_label(u.role_label)),
                     u.id == self.uow.user.user_id) for u in self.users.records() if u.active]
        dialog = RangeDialog(tr("导出外勤包"), tr("导出…"), "download", today,
                             today + timedelta(days=6), self, accounts=accounts)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        first, last = dialog.dates()
        users = dialog.chosen_accounts()
        name, _ = QFileDialog.getSaveFileName(
            self, tr("导出外勤包"), str(Path.home() / tr("外勤包-{0:%m%d}-{1:%m%d}.dutyroom").format(
                                                             first, last)),
            PACKAGE_FILTER)
        if name:
            (self.op(field_service.export_package, self.uow, first, last, Path(name), users)
             .success(self._exported).run_in_background())

    def _exported(self, report: PackageReport) -> None:
        self.field_result.setText(
            tr("已导出外勤包 {0}：{1}—{2}，人员 {3} 人，值班 {4} 天，未办结事件 {5} 件，"
               "预警通知 {6} 条。").format(
                   report.out, report.start, report.end, report.staff, report.duty_days, report.incidents,
                   report.warnings)
            + " " + tr("带出附件 {0} 个，共 {1}（含未办结事件、预警的附件和在用的应急预案）。").format(
                report.attachments, report.attachment_size)
            + " " + (tr("带出的账户：{0}；其他账户未带出。").format(tr("、").join(report.users))
                     if report.users else tr("没有带出任何账户：笔记本上首次打开时须新建管理员。")))

    def merge_package(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("合并外勤数据"), str(Path.home()), PACKAGE_FILTER)
        if name:
            (self.op(field_service.merge_package, self.uow, Path(name))
             .success(self._merged).run_in_background())

    def _merged(self, report: MergeReport) -> None:
        counts = tr("，").join(tr("{0} {1} 条").format(tr_label(text), report.counts.get(key, 0))
                          for key, text in OUTCOME_LABELS.items())
        text = tr("已合并 {0}：{1}。").format(report.package, counts)
        if report.note:
            text += " " + tr_text(report.note)
        if report.conflicts:
            text += (tr(" 以下记录在外勤和值班台都改过，值班台的版本保持有效，外勤的版本已另存为修订（见事件"
                        "的修订记录），请核对：{0}").format(tr('、').join(report.conflicts)))
        if report.remarks:
            text += " " + tr("请留意：{0}").format(tr("；").join(tr_text(r) for r in report.remarks))
        self.field_result.setText(text)

    # --- accounts -----------------------------------------------------------------------------

    def _with_people(self, then: Callable[[list[staff_service.StaffView]], object]) -> None:
        """The staff an account may be linked to, read on the runner, then `then`."""
        self.op(staff_service.list_staff, self.uow, False).success(then).run_in_background()

    def _account_dialog(self, dialog: QDialog) -> None:
        if dialog.exec():
            self.refresh(Changes(settings=True))

    def add_user(self) -> None:
        self._with_people(lambda people: self._account_dialog(UserDialog(
            self.runner, lambda v: user_service.add_user(self.uow, clean(v)), people,
            parent=self)))

    def edit_user(self) -> None:
        user = self._selected(self.user_table, self.users)
        if user is None or not self.uow.user.may(Permission.USERS):
            return
        self._with_people(lambda people: self._account_dialog(UserDialog(
            self.runner, lambda v: user_service.update_user(self.uow, user.id, clean(v)),
            people, user, parent=self)))

    def reset_password(self) -> None:
        user = self._selected(self.user_table, self.users)
        if user is None:
            QMessageBox.information(self, tr("重置密码"), tr("请先在列表中选择一位用户。"))
            return
        self._account_dialog(PasswordDialog(
            self.runner, lambda v: user_service.reset_password(self.uow, user.id, v["password"],
                                                               v["confirm"]),
            own=False, who=user.display_name, parent=self))

    def change_own_password(self) -> None:
        self._account_dialog(PasswordDialog(
            self.runner, lambda v: user_service.change_own_password(
                self.uow, v["old"], v["password"], v["confirm"]),
            own=True, who=self.uow.user.name, parent=self))
