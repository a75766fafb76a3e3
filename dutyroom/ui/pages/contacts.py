"""通讯录: the people on the rota, the partner departments, the villages' responsible people,
the 职责分工 table and the 应急资源 (teams, supplies, shelters), searchable as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.incidents import Category
from dutyroom.domain.resources import KIND_LABELS, ResourceKind
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    department_service,
    playbook_service,
    resource_service,
    responsibility_service,
    responsible_service,
    staff_service,
)
from dutyroom.services.department_service import DepartmentView
from dutyroom.services.playbook_service import PlaybookList
from dutyroom.services.resource_service import ResourceView
from dutyroom.services.responsibility_service import DutyView
from dutyroom.services.responsible_service import ResponsibleView
from dutyroom.services.staff_service import StaffView
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.ui.acting import Acting, ActsForDesk
from dutyroom.ui.dialogs.contact_dialogs import DepartmentDialog, ResponsibleDialog, StaffDialog
from dutyroom.ui.dialogs.import_dialog import ImportResponsibleDialog, ImportStaffDialog
from dutyroom.ui.dialogs.partner_dialogs import DutyDialog, PartnerRosterDialog
from dutyroom.ui.dialogs.playbook_dialog import PlaybookDialog
from dutyroom.ui.dialogs.resource_dialogs import ImportResourcesDialog, ResourceDialog
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.icons import icon
from dutyroom.ui.pages.base import Page
from dutyroom.ui.table_models import Column, RecordFilterProxy, RecordTableModel
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import PAGE_MARGINS, button, title_label

STAFF_COLUMNS: list[Column[StaffView]] = [
    Column(tr("姓名"), lambda p: p.name),
    Column(tr("值班层级"), lambda p: list(Tier).index(p.tier), text=lambda p: tr_label(p.tier_label)),
    Column(tr("手机"), lambda p: p.mobile),
    Column(tr("办公电话"), lambda p: p.office_phone),
    Column(tr("部门"), lambda p: p.department),
    Column(tr("职务"), lambda p: p.position),
    Column(tr("状态"), lambda p: not p.active, text=lambda p: tr("在岗") if p.active else tr("已停用")),
]
DEPARTMENT_COLUMNS: list[Column[DepartmentView]] = [
    Column(tr("单位名称"), lambda d: d.name),
    Column(tr("24 小时值班电话"), lambda d: d.duty_phone),
    Column(tr("办公室电话"), lambda d: d.office_phone),
    Column(tr("联络员"), lambda d: d.liaison_name),
    Column(tr("联络员手机"), lambda d: d.liaison_mobile),
    Column(tr("联络员职务"), lambda d: d.liaison_position),
    Column(tr("响应类别"), lambda d: not d.first_line,
           text=lambda d: tr("一线（30 分钟）") if d.first_line else tr("其他（40 分钟）")),
    Column(tr("状态"), lambda d: not d.active, text=lambda d: tr("启用") if d.active else tr("已停用")),
]



def _contact_table(model: QAbstractItemModel, resize: QHeaderView.ResizeMode,
                   edit: Callable[[], object]) -> QTableView:
    """A list of the address book: sorted by a click on a heading (unsorted at first, as
    read), one whole row selected, opened for editing by a double click or Enter."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(34)
    header = table.horizontalHeader()
    header.setSectionResizeMode(resize)
    header.setStretchLastSection(True)
    table.doubleClicked.connect(lambda _index: edit())
    QShortcut(QKeySequence(Qt.Key.Key_Return), table, edit)
    return table

class RecordList(ActsForDesk, QWidget):
    """A searchable table with add / edit / deactivate, shared by both tabs."""


    def __init__(self, runner: Runner | SyncRunner, columns: Sequence[Column[Any]],
                 noun: str, search_hint: str) -> None:
        super().__init__()
        self.runner = runner
        self.noun = noun
        self.model: RecordTableModel[Any] = RecordTableModel(columns, lambda r: r.active)
        self.proxy = RecordFilterProxy(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        self.toolbar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_changed)
        self.toolbar.addWidget(self.search, 1)
        self.show_inactive = QCheckBox(tr("显示已停用"))
        self.show_inactive.toggled.connect(self._show_inactive)
        self.toolbar.addWidget(self.show_inactive)
        self.add_button = button(tr("新增{0}").format(noun), "add", primary=True, tooltip="Ctrl+N")
        self.edit_button = button(tr("编辑"), "edit", tooltip=tr("回车 或 双击"))
        self.toggle_button = button(tr("停用"), "power")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.toggle_button.clicked.connect(self.toggle_active)
        for widget in (self.add_button, self.edit_button, self.toggle_button):
            self.toolbar.addWidget(widget)
        layout.addLayout(self.toolbar)

        self.table = _contact_table(self.proxy, QHeaderView.ResizeMode.Interactive, self.edit)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        self.count.setObjectName("hint")
        layout.addWidget(self.count)
        self._selection_changed()

    # what each list does differently -------------------------------------------------

    def load(self) -> list[Any]:
        raise NotImplementedError

    def dialog(self, record: Any | None) -> Any:
        raise NotImplementedError

    def set_active(self, record: Any, active: bool) -> Outcome[Any]:
        raise NotImplementedError

    def deactivate_question(self, record: Any) -> str:
        return tr("停用「{0}」后不再参与排班和派单，历史记录保留。确定停用吗？").format(record.name)

    def describe_count(self, shown: int, records: list[Any]) -> str:
        active = sum(1 for r in records if r.active)
        return tr("显示 {0} 条，共 {1} 条（启用 {2}）").format(shown, len(records), active)

    # shared behaviour -----------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        """Reload the list, keeping the selection (or selecting `select` once loaded)."""
        if select is None and (current := self.selected()) is not None:
            select = current.id
        (Op(self, self.runner, self.load, title=tr("读取失败"))
         .success(lambda records: self._loaded(records, select)).run_in_background())

    def _loaded(self, records: list[Any], select: int | None) -> None:
        self.model.set_records(records)
        self.table.resizeColumnsToContents()
        if select is not None:
            self.select_id(select)
        self._update_count()

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def select_id(self, record_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.record(self.proxy.mapToSource(index).row()).id == record_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _show_inactive(self, show: bool) -> None:
        self.proxy.set_show_inactive(show)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.describe_count(self.proxy.rowCount(), self.model.records()))
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        record = self.selected()
        self.edit_button.setEnabled(record is not None)
        self.toggle_button.setEnabled(record is not None)
        self.toggle_button.setText(tr("启用") if record is not None and not record.active else tr("停用"))

    def add(self) -> None:
        self._run_dialog(None)

    def edit(self) -> None:
        record = self.selected()
        if record is not None:
            self._run_dialog(record)

    def _run_dialog(self, record: Any | None) -> None:
        dialog = self.dialog(record)
        if dialog.exec() and dialog.outcome is not None:
            self._after(dialog.outcome)

    def toggle_active(self) -> None:
        record = self.selected()
        if record is None:
            return
        if record.active:
            answer = QMessageBox.question(self, tr("停用{0}").format(self.noun),
                                          self.deactivate_question(record))
            if answer != QMessageBox.StandardButton.Yes:
                return
        (Op(self, self.runner, self.set_active, record, not record.active, title=tr("操作未完成"))
         .success(lambda saved: self.refresh(select=saved.id)).run_in_background())

    def _after(self, outcome: Outcome[Any]) -> None:  # (the dialog's operation told the pages)
        self.refresh(select=outcome.value.id)


class StaffList(RecordList):
    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner) -> None:
        super().__init__(runner, STAFF_COLUMNS, tr("人员"), tr("搜索姓名、手机、部门、职务…（Ctrl+F）"))
        self.acting = Acting.of(uow)
        self.tier = QComboBox()
        self.tier.addItem(tr("全部层级"), None)
        for value in Tier:
            self.tier.addItem(tr_label(value.label), value.value)
        self.tier.currentIndexChanged.connect(self._tier_changed)
        self.toolbar.insertWidget(1, self.tier)
        self.import_button = button(tr("从 Excel/CSV 导入…"), "import")
        self.import_button.clicked.connect(self.import_file)
        self.toolbar.addWidget(self.import_button)

    def load(self) -> list[StaffView]:
        return staff_service.list_staff(self.uow)

    def dialog(self, record: StaffView | None) -> StaffDialog:
        departments = [p.department for p in self.model.records() if p.department]
        if record is None:
            return StaffDialog(self.runner, lambda v: staff_service.add_staff(self.uow, v),
                               None, departments, self)
        return StaffDialog(
            self.runner,
            lambda v: staff_service.update_staff(self.uow, record.id, v, record.version),
            record, departments, self)

    def set_active(self, record: StaffView, active: bool) -> Outcome[StaffView]:
        return staff_service.set_staff_active(self.uow, record.id, active)

    def describe_count(self, shown: int, records: list[StaffView]) -> str:
        active = [r for r in records if r.active]
        by_tier = tr("，").join(f"{tr_label(t.label)} {sum(1 for r in active if r.tier == t)}" for t in Tier)
        return tr("显示 {0} 人；在岗 {1} 人（{2}），已停用 {3} 人").format(
                      shown, len(active), by_tier, len(records) - len(active))

    def _tier_changed(self) -> None:
        tier = self.tier.currentData()
        self.proxy.set_extra(None if tier is None else (lambda p: p.tier.value == tier))
        self._update_count()

    def import_file(self) -> None:
        dialog = ImportStaffDialog(self.uow, self.runner, self)
        if dialog.exec() and dialog.imported:
            QMessageBox.information(self, tr("导入完成"), tr("已导入 {0} 名人员。").format(dialog.imported))
            self.refresh()


class DepartmentList(RecordList):
    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner,
                 today: Callable[[], date]) -> None:
        super().__init__(runner, DEPARTMENT_COLUMNS, tr("联动单位"), tr("搜索单位、电话、联络员…（Ctrl+F）"))
        self.acting, self.today = Acting.of(uow), today
        self.roster_button = button(tr("值班备勤表…"), "roster",
                                    tooltip=tr("该单位报来的每日值班人员（Ctrl+B）"))
        self.roster_button.clicked.connect(self.open_roster)
        self.toolbar.addWidget(self.roster_button)
        QShortcut(QKeySequence("Ctrl+B"), self, self.open_roster)
        self._selection_changed()

    def _selection_changed(self, *args: object) -> None:
        super()._selection_changed(*args)
        if hasattr(self, "roster_button"):
            self.roster_button.setEnabled(self.selected() is not None)

    def open_roster(self) -> None:
        record = self.selected()
        if record is None:
            return
        PartnerRosterDialog(self.uow, self.runner, record, self.today, self).exec()

    def load(self) -> list[DepartmentView]:
        return department_service.list_departments(self.uow)

    def dialog(self, record: DepartmentView | None) -> DepartmentDialog:
        if record is None:
            return DepartmentDialog(
                self.runner, lambda v: department_service.add_department(self.uow, v), None, self)
        return DepartmentDialog(
            self.runner,
            lambda v: department_service.update_department(self.uow, record.id, v,
                                                           record.version),
            record, self)

    def set_active(self, record: DepartmentView, active: bool) -> Outcome[DepartmentView]:
        return department_service.set_department_active(self.uow, record.id, active)


RESPONSIBLE_COLUMNS: list[Column[ResponsibleView]] = [
    Column(tr("村(社区)"), lambda p: p.village),
    Column(tr("岗位"), lambda p: p.role, text=lambda p: tr_label(p.role)),
    Column(tr("姓名"), lambda p: p.name),
    Column(tr("手机"), lambda p: p.mobile),
    Column(tr("AB角"), lambda p: p.backup_name,
           text=lambda p: f"{p.backup_name} {p.backup_mobile}".strip()),
    Column(tr("备注"), lambda p: p.notes),
    Column(tr("状态"), lambda p: not p.active, text=lambda p: tr("在岗") if p.active else tr("已停用")),
]


class ResponsibleList(RecordList):
    """基层责任人 by village and role, each with an AB角: whom a warning is relayed to."""

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner) -> None:
        super().__init__(runner, RESPONSIBLE_COLUMNS, tr("责任人"),
                         tr("搜索村(社区)、姓名、手机…（Ctrl+F）"))
        self.acting = Acting.of(uow)
        self.directory = responsible_service.Directory([], (), ())
        self.village = QComboBox()
        self.role = QComboBox()
        for combo in (self.village, self.role):
            combo.currentIndexChanged.connect(self._narrow)
            combo.setMinimumContentsLength(6)
        self.toolbar.insertWidget(1, self.village)
        self.toolbar.insertWidget(2, self.role)
        self.import_button = button(tr("导入…"), "import", tooltip=tr("从 Excel/CSV 导入"))
        self.import_button.clicked.connect(self.import_file)
        self.toolbar.addWidget(self.import_button)

    def load(self) -> responsible_service.Directory:  # type: ignore[override]
        return responsible_service.directory(self.uow)

    def _loaded(self, records: Any, select: int | None) -> None:
        self.directory = records
        for combo, everything, items in ((self.village, tr("全部村(社区)"), records.villages),
                                         (self.role, tr("全部岗位"), records.roles)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for item in items:
                combo.addItem(tr_label(item), item)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.blockSignals(False)
        self._narrow()
        super()._loaded(records.people, select)

    def _narrow(self) -> None:
        village, role = self.village.currentData(), self.role.currentData()
        self.proxy.set_extra(None if village is None and role is None else (
            lambda p: (village is None or p.village == village) and (role is None or p.role == role)))
        self._update_count()

    def dialog(self, record: ResponsibleView | None) -> ResponsibleDialog:
        if record is None:
            return ResponsibleDialog(self.runner, lambda v: responsible_service.add_person(
                self.uow, v), self.directory, None, self)
        return ResponsibleDialog(
            self.runner,
            lambda v: responsible_service.update_person(self.uow, record.id, v, record.version),
            self.directory, record, self)

    def set_active(self, record: ResponsibleView, active: bool) -> Outcome[ResponsibleView]:
        return responsible_service.set_person_active(self.uow, record.id, active)

    def deactivate_question(self, record: ResponsibleView) -> str:
        """Deactivating someone's AB角 leaves that person without a backup on every new
        warning: the question names whom, so the officer can set another first."""
        backed = [p for p in self.directory.people if p.active and p.backup_id == record.id]
        text = tr("停用「{0}」后不再列入新预警的叫应名单，已有的叫应记录保留。").format(record.name)
        if backed:
            text += tr("\n\n「{0}」是以下 {1} 人的 AB角：{2}。停用后他们没有可用的 AB角，叫应板上不再"
                       "提供，请另为他们指定 AB角。").format(
                record.name, len(backed),
                tr("、").join(tr("{0}（{1} {2}）").format(p.name, p.village, tr_label(p.role))
                             for p in backed))
        return text + tr("\n\n确定停用吗？")

    def describe_count(self, shown: int, records: list[ResponsibleView]) -> str:
        active = [r for r in records if r.active]
        villages = len({r.village for r in active})
        return tr("显示 {0} 人；在岗 {1} 人，{2} 个村(社区)").format(shown, len(active), villages)

    def import_file(self) -> None:
        dialog = ImportResponsibleDialog(self.uow, self.runner, self)
        if dialog.exec() and dialog.imported:
            QMessageBox.information(self, tr("导入完成"), tr("已导入 {0} 名责任人。").format(dialog.imported))
            self.refresh()
RESOURCE_COLUMNS: list[Column[ResourceView]] = [
    Column(tr("类型"), lambda r: list(ResourceKind).index(r.kind),
           text=lambda r: tr_label(r.kind_label)),
    Column(tr("名称"), lambda r: r.name),
    Column(tr("数量或容量"), lambda r: r.quantity if r.quantity is not None else -1,
           text=lambda r: r.amount),
    Column(tr("位置"), lambda r: r.location),
    Column(tr("负责人"), lambda r: r.keeper),
    Column(tr("电话"), lambda r: r.phone),
    Column(tr("状态"), lambda r: not r.active, text=lambda r: tr("在用") if r.active else tr("已停用")),
    Column(tr("适用子类"), lambda r: tr("、").join(tr_label(s) for s in r.subtypes)),
]


class ResourceList(RecordList):
    """应急资源: teams, supplies and shelters with their keepers' phones, each tagged with the
    incident subtypes it serves (an incident of that subtype lists it)."""

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner) -> None:
        super().__init__(runner, RESOURCE_COLUMNS, tr("资源"),
                         tr("搜索名称、位置、负责人、电话、子类…（Ctrl+F）"))
        self.acting = Acting.of(uow)
        self.kind = QComboBox()
        self.kind.addItem(tr("全部类型"), None)
        for value in ResourceKind:
            self.kind.addItem(tr_label(KIND_LABELS[value]), value.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.toolbar.insertWidget(1, self.kind)
        self.import_button = button(tr("导入…"), "import", tooltip=tr("从 Excel/CSV 导入"))
        self.import_button.clicked.connect(self.import_file)
        self.toolbar.addWidget(self.import_button)

    def load(self) -> list[ResourceView]:
        return resource_service.list_resources(self.uow)

    def dialog(self, record: ResourceView | None) -> ResourceDialog:
        if record is None:
            return ResourceDialog(self.runner, lambda v: resource_service.add_resource(self.uow, v),
                                  None, self)
        return ResourceDialog(
            self.runner,
            lambda v: resource_service.update_resource(self.uow, record.id, v, record.version),
            record, self)

    def set_active(self, record: ResourceView, active: bool) -> Outcome[ResourceView]:
        return resource_service.set_resource_active(self.uow, record.id, active)

    def deactivate_question(self, record: ResourceView) -> str:
        return tr("停用「{0}」后不再在事件详情中列出，历史记录保留。确定停用吗？").format(record.name)

    def describe_count(self, shown: int, records: list[ResourceView]) -> str:
        active = [r for r in records if r.active]
        by_kind = tr("，").join(f"{tr_label(KIND_LABELS[k])} {sum(1 for r in active if r.kind == k)}"
                               for k in ResourceKind)
        return tr("显示 {0} 条；在用 {1} 条（{2}）").format(shown, len(active), by_kind)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.proxy.set_extra(None if kind is None else (lambda r: r.kind.value == kind))
        self._update_count()

    def import_file(self) -> None:
        dialog = ImportResourcesDialog(self.uow, self.runner, self)
        if dialog.exec() and dialog.imported:
            QMessageBox.information(self, tr("导入完成"),
                                    tr("已导入 {0} 条应急资源。").format(dialog.imported))
            self.refresh()


DUTY_COLUMNS: list[Column[DutyView]] = [
    Column(tr("类别"), lambda d: list(Category).index(d.category),
           text=lambda d: tr_label(d.category_label)),
    Column(tr("子类"), lambda d: d.subtype, text=lambda d: d.subtype or tr("（整个类别）")),
    Column(tr("牵头单位"), lambda d: d.lead),
    Column(tr("配合单位"), lambda d: tr("、").join(d.support)),
]


class DutyList(ActsForDesk, QWidget):
    """职责分工: which department leads and which support, per kind of incident; the
    dispatch dialog proposes from it."""


    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner) -> None:
        super().__init__()
        self.acting, self.runner = Acting.of(uow), runner
        self.model: RecordTableModel[DutyView] = RecordTableModel(DUTY_COLUMNS, lambda r: True)
        self.proxy = RecordFilterProxy(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        toolbar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索类别、子类、单位…（Ctrl+F）"))
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        toolbar.addWidget(self.search, 1)
        self.add_button = button(tr("新增职责分工"), "add", primary=True, tooltip="Ctrl+N")
        self.edit_button = button(tr("编辑"), "edit", tooltip=tr("回车 或 双击"))
        self.remove_button = button(tr("删除"), "x-circle")
        self.import_button = button(tr("从 Excel/CSV 导入…"), "import")
        self.import_button.setToolTip(tr("列：类别、子类、牵头单位、配合单位（多个用、分隔）；"
                                         "有一行不对则整个文件不导入"))
        self.playbook_button = button(tr("处置要点清单…"), "check")
        self.playbook_button.setToolTip(tr("每个事件子类接报后第一个小时要做的事：增删步骤、调整顺序"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.import_button.clicked.connect(self.choose_file)
        self.playbook_button.clicked.connect(self.edit_playbooks)
        for widget in (self.add_button, self.edit_button, self.remove_button, self.import_button,
                       self.playbook_button):
            toolbar.addWidget(widget)
        layout.addLayout(toolbar)
        self.table = _contact_table(self.proxy, QHeaderView.ResizeMode.ResizeToContents, self.edit)
        layout.addWidget(self.table, 1)
        hint = QLabel(tr("接报和派单时，按事件子类（没有子类的按类别）建议牵头和配合单位，由值班员核定。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.departments: list[DepartmentView] = []

    def refresh(self) -> None:
        (Op(self, self.runner, lambda: (responsibility_service.list_duties(self.uow),
                                        department_service.list_departments(self.uow, False)),
            title=tr("读取失败"))
         .success(self._loaded).run_in_background())

    def _loaded(self, loaded: tuple[list[DutyView], list[DepartmentView]]) -> None:
        lines, self.departments = loaded
        self.model.set_records(lines)

    def selected(self) -> DutyView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        line = self.selected()
        if line is not None:
            self._open(line)

    def _open(self, line: DutyView | None) -> None:
        if not self.departments:
            QMessageBox.information(self, tr("职责分工"), tr("请先在「联动单位」中添加单位。"))
            return
        dialog = DutyDialog(self.runner, lambda v: responsibility_service.put_duty(self.uow, v),
                            self.departments, line, self)
        if dialog.exec() and dialog.outcome is not None:
            self._after(dialog.outcome)

    def remove(self) -> None:
        line = self.selected()
        if line is None:
            return
        if QMessageBox.question(self, tr("删除职责分工"), tr("删除「{0}」这一条职责分工吗？").format(
                line.subtype or tr_label(line.category_label))) != QMessageBox.StandardButton.Yes:
            return
        (Op(self, self.runner, responsibility_service.remove_duty, self.uow, line.id,
            title=tr("操作未完成"))
         .success(lambda _removed: self.refresh()).run_in_background())

    def edit_playbooks(self) -> None:
        (Op(self, self.runner, playbook_service.playbook_lists, self.uow, title=tr("读取失败"))
         .success(self._open_playbooks).run_in_background())

    def _open_playbooks(self, lists: list[PlaybookList]) -> None:
        dialog = PlaybookDialog(self.uow, self.runner, lists, self)
        dialog.exec()  # (each save in it told the other pages)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("导入职责分工"), "",
                                              "Excel / CSV (*.xlsx *.csv)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        (Op(self, self.runner, responsibility_service.import_duties_file, self.uow, path,
            title=tr("导入未完成，没有保存任何内容"))
         .success(self._imported).run_in_background())

    def _imported(self, count: int) -> None:
        QMessageBox.information(self, tr("导入完成"), tr("已导入 {0} 条职责分工。").format(count))
        self.refresh()

    def _after(self, outcome: Outcome[Any]) -> None:  # (the dialog's operation told the pages)
        self.refresh()


class ContactsPage(Page):
    title = tr("通讯录")
    icon_name = "contacts"

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner,
                 today: Callable[[], date]) -> None:
        """`today`: the desk's date (its zone, the window's clock)."""
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(title_label(tr("通讯录")))
        self.tabs = QTabWidget()
        acting = Acting.of(uow)
        self.staff = StaffList(acting, runner)
        self.departments = DepartmentList(acting, runner, today)
        self.responsible = ResponsibleList(acting, runner)
        self.duties = DutyList(acting, runner)
        self.resources = ResourceList(acting, runner)
        self.tabs.addTab(self.staff, icon("contacts"), tr("值班人员"))
        self.tabs.addTab(self.departments, icon("department"), tr("联动单位"))
        self.tabs.addTab(self.responsible, icon("warning"), tr("基层责任人"))
        self.tabs.addTab(self.duties, icon("log"), tr("职责分工"))
        self.tabs.addTab(self.resources, icon("database"), tr("应急资源"))
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)

    def current_list(self) -> RecordList | DutyList:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, RecordList | DutyList)
        return widget

    def _focus_search(self) -> None:
        self.current_list().search.setFocus()
        self.current_list().search.selectAll()

    def add(self) -> None:
        self.current_list().add()

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is None or changes.staff:
            self.staff.refresh()
        if changes is None or changes.departments:
            self.departments.refresh()
            self.duties.refresh()
        if changes is None or changes.responsible or changes.settings:
            self.responsible.refresh()
        if changes is None or changes.resources:
            self.resources.refresh()
