"""The forms for a person and for a partner department."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from dutyroom.domain.tiers import Tier
from dutyroom.services.department_service import DepartmentView
from dutyroom.services.responsible_service import Directory, ResponsibleView
from dutyroom.services.staff_service import StaffView
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.tasks import Runner, SyncRunner


def _line(text: str = "", placeholder: str = "", max_length: int = 64) -> QLineEdit:
    widget = QLineEdit(text)
    widget.setPlaceholderText(placeholder)
    widget.setMaxLength(max_length)
    return widget


class StaffDialog(RecordDialog):
    def __init__(self, runner: Runner | SyncRunner, save: Save, person: StaffView | None = None,
                 departments: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("编辑人员") if person else tr("新增人员"), runner, save, parent)
        self.add_field("name", tr("姓名"), _line(person.name if person else "", max_length=32),
                       required=True)
        tier = QComboBox()
        for value in Tier:
            tier.addItem(tr_label(value.label), value.value)
        tier.setCurrentIndex(list(Tier).index(person.tier if person else Tier.OFFICER))
        self.add_field("tier", tr("值班层级"), tier, required=True)
        self.add_field("mobile", tr("手机"), _line(person.mobile if person else "", tr("11 位手机号"),
                                                max_length=20), required=True)
        self.add_field("office_phone", tr("办公电话"),
                       _line(person.office_phone if person else "", tr("例如 0731-86210000")))
        department = QComboBox()
        department.setEditable(True)
        department.addItems(sorted(set(departments or [])))
        department.setCurrentText(person.department if person else "")
        self.add_field("department", tr("部门"), department)
        self.add_field("position", tr("职务"), _line(person.position if person else ""))


class DepartmentDialog(RecordDialog):
    def __init__(self, runner: Runner | SyncRunner, save: Save,
                 department: DepartmentView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("编辑联动单位") if department else tr("新增联动单位"), runner, save, parent)
        d = department
        self.add_field("name", tr("单位名称"), _line(d.name if d else ""), required=True)
        self.add_field("duty_phone", tr("24 小时值班电话"),
                       _line(d.duty_phone if d else "", tr("例如 0731-86210110")), required=True)
        self.add_field("office_phone", tr("办公室电话"),
                       _line(d.office_phone if d else "", tr("上班时间派单拨打")))
        self.add_field("liaison_name", tr("联络员"), _line(d.liaison_name if d else "", max_length=32))
        self.add_field("liaison_mobile", tr("联络员手机"),
                       _line(d.liaison_mobile if d else "", tr("11 位手机号"), max_length=20))
        self.add_field("liaison_position", tr("联络员职务"), _line(d.liaison_position if d else ""))
        first_line = QCheckBox(tr("一线联动单位（派单后 30 分钟内到达，其他单位 40 分钟）"))
        first_line.setChecked(bool(d and d.first_line))
        self.add_field("first_line", tr("响应类别"), first_line)
        self.add_field("notes", tr("备注"), _line(d.notes if d else "", max_length=500))


class ResponsibleDialog(RecordDialog):
    """A 基层责任人: village, role, mobile and the AB角 chosen from the directory."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, directory: Directory,
                 person: ResponsibleView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("编辑责任人") if person else tr("新增责任人"), runner, save, parent)
        p = person
        self.add_field("name", tr("姓名"), _line(p.name if p else "", max_length=32), required=True)
        village = QComboBox()
        village.setEditable(True)
        village.addItems(list(directory.villages))
        village.setCurrentText(p.village if p else "")
        self.add_field("village", tr("村(社区)"), village, required=True)
        role = QComboBox()
        for name in directory.roles:
            role.addItem(tr_label(name), name)
        role.setCurrentIndex(max(role.findData(p.role), 0) if p else 0)
        self.add_field("role", tr("岗位"), role, required=True)
        self.add_field("mobile", tr("手机"), _line(p.mobile if p else "", tr("11 位手机号"),
                                                max_length=20), required=True)
        backup = QComboBox()
        backup.addItem(tr("（无）"), 0)
        for other in directory.people:
            if other.active and (p is None or other.id != p.id):
                backup.addItem(tr("{0}（{1} {2}）").format(other.name, other.village,
                                                       tr_label(other.role)), other.id)
        backup.setCurrentIndex(max(backup.findData(p.backup_id), 0) if p and p.backup_id else 0)
        self.add_field("backup_id", tr("AB角"), backup)
        self.add_field("notes", tr("备注"), _line(p.notes if p else "", max_length=500))
