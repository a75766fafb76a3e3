"""The form for an 应急资源 (a team, a stock of supplies, a shelter) and its import preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from dutyroom.domain.resources import ALL_SUBTYPES, KIND_LABELS, ResourceKind
from dutyroom.services import resource_service
from dutyroom.services.resource_service import ImportPreview, ImportRow, ResourceView
from dutyroom.services.uow import Outcome, UnitOfWork
from dutyroom.ui.dialogs.contact_dialogs import _line
from dutyroom.ui.dialogs.import_dialog import BAD_ROW, CHANGED_ROW, FileImportDialog
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save, combo_box
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.table_models import Column
from dutyroom.ui.tasks import Runner, SyncRunner

RESOURCES_HELP = tr("表头需包含：类型（队伍 / 物资 / 避难场所）、名称、数量或容量（如 30 人、2000 条）、"
                    "位置、负责人、电话、适用子类（多个用、分隔）；可选：备注。"
                    "支持 .xlsx 和 .csv（UTF-8 或 GBK）。"
                    "与通讯录中类型、名称、位置都相同的资源按文件更新；任何一行有误则整个文件不导入。")


class ResourceDialog(RecordDialog):
    """A team, a stock or a shelter: what and where, who keeps it and their phone, and the
    kinds of incident it serves (ticked in a list, space to tick)."""

    def __init__(self, runner: Runner | SyncRunner, save: Save,
                 resource: ResourceView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("编辑应急资源") if resource else tr("新增应急资源"), runner, save, parent)
        r = resource
        self.kind = combo_box([(tr_label(KIND_LABELS[k]), k.value) for k in ResourceKind],
                              r.kind.value if r else None)
        self.add_field("kind", tr("类型"), self.kind, required=True)
        self.add_field("name", tr("名称"), _line(r.name if r else "",
                                               tr("如 民兵应急分队、沙袋、中心学校")), required=True)
        self.add_field("quantity", tr("数量或容量"), _line(
            r.amount if r else "", tr("队伍填人数，物资填数量和单位，避难场所填可容纳人数"), 24))
        self.add_field("location", tr("位置"), _line(r.location if r else "",
                                                   tr("驻地、存放地点或地址"), 128))
        self.add_field("keeper", tr("负责人"), _line(r.keeper if r else "", tr("队长或保管人"), 32),
                       required=True)
        self.add_field("phone", tr("电话"), _line(r.phone if r else "", tr("手机或座机，夜间能接通"), 32),
                       required=True)
        self.subtypes = QListWidget()
        self.subtypes.setMaximumHeight(170)
        self.subtypes.setToolTip(tr("勾选此资源适用的事件子类（空格键勾选）；这些子类的事件详情中会列出它"))
        chosen = set(r.subtypes) if r else set()
        for subtype in ALL_SUBTYPES:
            item = QListWidgetItem(tr_label(subtype))
            item.setData(Qt.ItemDataRole.UserRole, subtype)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if subtype in chosen else Qt.CheckState.Unchecked)
            self.subtypes.addItem(item)
        self.add_field("subtypes", tr("适用子类"), self.subtypes, required=True)
        self.add_field("notes", tr("备注"), _line(r.notes if r else "", max_length=500))

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["subtypes"] = [item.data(Qt.ItemDataRole.UserRole)
                              for item in (self.subtypes.item(i) for i in range(self.subtypes.count()))
                              if item.checkState() == Qt.CheckState.Checked]
        return values


def _cell(key: str) -> Column[ImportRow]:
    labels = {"kind": tr("类型"), "name": tr("名称"), "quantity": tr("数量或容量"),
              "location": tr("位置"), "keeper": tr("负责人"), "phone": tr("电话"),
              "subtypes": tr("适用子类"), "notes": tr("备注")}
    return Column(labels[key], lambda row: row.cells.get(key, ""))


class ImportResourcesDialog(FileImportDialog[ImportRow]):
    """Teams, supplies and shelters from Excel or CSV, every row checked before anything is
    imported; a row the desk already has is marked as an update."""

    title = tr("导入应急资源")
    help = RESOURCES_HELP
    file_filter = tr("表格文件 (*.xlsx *.csv);;所有文件 (*)")

    def __init__(self, uow: UnitOfWork, runner: Runner | SyncRunner,
                 parent: QWidget | None = None) -> None:
        self._problems: dict[int, str] = {}
        super().__init__(uow, runner, [
            Column(tr("行"), lambda r: r.row),
            *(_cell(key) for key in ("kind", "name", "quantity", "location", "keeper", "phone",
                                     "subtypes")),
            Column(tr("导入后"), lambda r: tr("更新") if r.updates else tr("新增") if r.fields else ""),
            Column(tr("问题"), lambda r: self._problems.get(r.row, "")),
        ], parent)

    def tint(self, row: ImportRow) -> QColor | None:
        if row.row in self._problems:
            return BAD_ROW
        return CHANGED_ROW if row.updates else None

    def read(self, path: Path) -> ImportPreview:
        return resource_service.preview_file(self._uow, path)

    def store(self, path: Path) -> Outcome[int]:
        return resource_service.import_file(self._uow, path)

    def show_preview(self, preview: ImportPreview) -> None:
        updates = sum(1 for r in preview.rows if r.updates)
        self.show_checked(preview, tr("共 {0} 条，检查无误（其中 {1} 条更新通讯录中已有的资源）。"
                                      "点击「导入」保存。").format(len(preview.rows), updates))
