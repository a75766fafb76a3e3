"""The duty log's forms: intake (接报登记), reports upward, dispatch, feedback, the calls and
documents register. Each is keyboard-first (Tab order follows the phone call) and saves
through a service that names any refused field, which the form marks in red."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from dutyroom.domain.deadlines import CHANNEL_LABELS, STAGE_LABELS
from dutyroom.domain.incident_rules import FEEDBACK_LABELS, REGISTER_LABELS
from dutyroom.domain.incidents import (
    CATEGORY_LABELS,
    LEVEL_LABELS,
    MASS_INCIDENT,
    RECEIVED_VIA,
    SUBTYPES,
    Category,
    Level,
    mass_incident_command,
    suggest_level,
)
from dutyroom.domain.partner_duty import SOURCE_LABELS
from dutyroom.domain.responsibilities import propose
from dutyroom.services import register_service
from dutyroom.services.department_service import DepartmentView
from dutyroom.services.incident_views import DispatchView
from dutyroom.services.partner_records import OnDuty
from dutyroom.services.responsibility_service import DutyView, ProposalView
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save, combo_box, text_box, time_editor
from dutyroom.ui.i18n import tr, tr_label, tr_text
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.theme import ACCENT, LEVEL_COLOURS


def _count(value: int = 0, maximum: int = 1_000_000) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setValue(value)
    return box


def _categories() -> list[tuple[str, str]]:
    return [(tr("请选择"), "")] + [(tr_label(CATEGORY_LABELS[c]), c.value) for c in Category]


class IncidentDialog(RecordDialog):
    """接报登记 and corrections: the facts of an incident, with the suggested level beside."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, zone: tzinfo,
                 facts: dict[str, Any] | None = None, mass_limits: tuple[int, int] = (100, 500),
                 editing: bool = False, duties: Sequence[DutyView] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("修改事件") if editing else tr("接报登记"), runner, save, parent)
        self.setMinimumWidth(980)
        self.mass_limits = mass_limits
        self.duties = {(d.category.value, d.subtype): d for d in duties}
        values = facts or {}
        columns = QHBoxLayout()
        columns.setSpacing(24)
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setVerticalSpacing(8)
            columns.addLayout(form, 1)
        self.form.addRow(columns)

        level = values.get("level", Level.UNRATED.value)
        self.received_at = time_editor(values.get("received_at"), zone, seconds=level == "I")
        self.add_field("received_at", tr("接报时间"), self.received_at, True, left)
        via = QComboBox()
        via.setEditable(True)
        via.addItems(RECEIVED_VIA)
        via.setCurrentText(values.get("received_via") or RECEIVED_VIA[0])
        self.add_field("received_via", tr("接报方式"), via, form=left)
        for key, label in (("reporter_unit", tr("报告人单位")), ("reporter", tr("报告人")),
                           ("reporter_post", tr("职务")), ("reporter_phone", tr("联系电话"))):
            self.add_field(key, label, QLineEdit(values.get(key, "")), form=left)
        occurred = values.get("occurred_at")
        self.occurred_at = time_editor(occurred or values.get("received_at"), zone)
        self.occurred_at.setEnabled(occurred is not None)
        self.occurred_known = QCheckBox(tr("已知"))
        self.occurred_known.setChecked(occurred is not None)
        self.occurred_known.toggled.connect(self.occurred_at.setEnabled)
        occurred_row = QHBoxLayout()
        occurred_row.addWidget(self.occurred_known)
        occurred_row.addWidget(self.occurred_at, 1)
        self.fields["occurred_at"] = self.occurred_at
        left.addRow(tr("发生时间："), occurred_row)
        self.add_field("location", tr("地点"), QLineEdit(values.get("location", "")), form=left)

        self.title_edit = QLineEdit(values.get("title", ""))
        self.title_edit.setPlaceholderText(tr("例如：青山村化工厂储罐泄漏"))
        self.add_field("title", tr("标题"), self.title_edit, True, right)
        self.category = combo_box(_categories(), values.get("category", ""))
        self.add_field("category", tr("类别"), self.category, True, right)
        self.subtype = QComboBox()
        self.add_field("subtype", tr("子类"), self.subtype, form=right)
        self.category.currentIndexChanged.connect(self._fill_subtypes)
        self._fill_subtypes()
        index = self.subtype.findData(values.get("subtype", ""))
        self.subtype.setCurrentIndex(max(index, 0))
        self.level = combo_box([(tr_label(LEVEL_LABELS[lv]), lv.value) for lv in Level], level)
        self.add_field("level", tr("级别"), self.level, form=right)
        counts = QHBoxLayout()
        counts.setSpacing(6)
        self.counts: dict[str, QSpinBox] = {}
        for key, label in (("deaths", tr("死亡")), ("injured", tr("受伤")), ("missing", tr("失踪")),
                           ("trapped", tr("被困"))):
            box = _count(values.get(key, 0))
            box.setMaximumWidth(96)  # four to a row: the form stays narrower than the screen
            self.counts[key] = box
            self.fields[key] = box
            counts.addWidget(QLabel(label))
            counts.addWidget(box)
        counts.addStretch(1)
        right.addRow(tr("伤亡（人）："), counts)
        self.people = _count(values.get("people_involved", 0))
        self.add_field("people_involved", tr("涉及人数"), self.people, form=right)
        # 万元, as the level thresholds, the detail pane and the reports say it.
        self.loss = QDoubleSpinBox()
        self.loss.setRange(0, 200_000)
        self.loss.setDecimals(2)
        self.loss.setSuffix(tr(" 万元"))
        self.loss.setGroupSeparatorShown(True)
        self.loss.setValue(values.get("economic_loss", 0) / 10_000)
        right.addRow(tr("直接经济损失："), self.loss)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        right.addRow("", self.suggestion)
        self.proposal = QLabel()  # who handles this kind of incident, from 职责分工
        self.proposal.setWordWrap(True)
        self.proposal.setStyleSheet(f"color: {ACCENT}")
        right.addRow("", self.proposal)
        for box in (*self.counts.values(), self.people):
            box.valueChanged.connect(self._suggest)
        self.loss.valueChanged.connect(self._suggest)
        self.subtype.currentIndexChanged.connect(self._suggest)
        self.subtype.currentIndexChanged.connect(self._propose)
        self.level.currentIndexChanged.connect(self._level_changed)

        self.add_field("summary", tr("事件概要"), text_box(values.get("summary", ""), 90))
        self.add_field("actions_taken", tr("已采取措施"), text_box(values.get("actions_taken", "")))
        self.add_field("informed", tr("已知情领导和单位"), QLineEdit(values.get("informed", "")))
        if editing:
            self.note = QLineEdit()
            self.note.setPlaceholderText(tr("例如：核实后伤亡人数变化"))
            self.add_field("note", tr("修改说明"), self.note)
        self._suggest()
        self._propose()
        self.title_edit.setFocus()

    def _fill_subtypes(self) -> None:
        self.subtype.clear()
        self.subtype.addItem(tr("（未定）"), "")
        category = self.category.currentData()
        if category:
            for name in SUBTYPES[Category(category)]:
                self.subtype.addItem(name, name)

    def _propose(self) -> None:
        """The departments 职责分工 names for this kind of incident: shown, not ordered;
        派单 ticks them in advance and the officer decides there."""
        category = self.category.currentData()
        key = propose(category, self.subtype.currentData() or "", self.duties) if category else None
        line = self.duties.get(key) if key else None
        self.proposal.setText("" if line is None else tr("建议派单：牵头 {0}；配合 {1}（派单时核定）").format(
            line.lead, tr("、").join(line.support) or tr("无")))

    def _level_changed(self) -> None:
        # I-level events are logged to the second (docs/rules.md).
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm:ss" if self.level.currentData() == "I"
                                          else "yyyy-MM-dd HH:mm")

    def _suggest(self) -> None:
        advice = suggest_level(self.counts["deaths"].value(), self.counts["injured"].value(),
                               self.loss_yuan())
        text = tr_text(advice.describe())
        if self.subtype.currentData() == MASS_INCIDENT:
            text += "<br>" + tr_text(mass_incident_command(self.people.value(), *self.mass_limits))
        colour = LEVEL_COLOURS[advice.level.value]
        self.suggestion.setText(f"<span style='color:{colour}'>{text}</span>")

    def loss_yuan(self) -> int:
        return round(self.loss.value() * 10_000)

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["economic_loss"] = self.loss_yuan()
        return values


class ReportDialog(RecordDialog):
    """Record a report sent upward. The text starts as a draft of the facts for the stage,
    made as the form opens (the help says so); it follows a change of stage until the
    officer edits it, and 重新生成草稿 starts it again. 报送人 is whoever is logged in."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, zone: tzinfo,
                 draft: Callable[[str], str], suggested_stage: str = "first",
                 sender: str = "", parent: QWidget | None = None) -> None:
        super().__init__(tr("记录报送"), runner, save, parent, action=tr("记录报送"),
                         action_icon="log")
        self.setMinimumWidth(720)
        self._draft = draft
        self._drafted = ""
        self.stage = combo_box([(tr_label(v), k.value) for k, v in STAGE_LABELS.items()], suggested_stage)
        self.add_field("stage", tr("阶段"), self.stage, True)
        self.channel = combo_box([(tr_label(v), k.value) for k, v in CHANNEL_LABELS.items()], "phone")
        self.add_field("channel", tr("方式"), self.channel, True)
        self.add_field("sent_at", tr("报送时间"), time_editor(None, zone), True)
        recipient = QLineEdit()
        recipient.setPlaceholderText(tr("例如：县委县政府总值班室"))
        self.add_field("recipient", tr("报送对象"), recipient)
        self.sender_box = QLineEdit(sender)
        self.add_field("sent_by", tr("报送人"), self.sender_box)
        reason = QLineEdit()
        reason.setPlaceholderText(
            tr("报送时间早于现在超过补录界限（设置，默认 30 分钟）时必填，例如：现场无法登记"))
        self.add_field("entry_reason", tr("补录原因"), reason)
        self.text = text_box("", 220)
        self.add_field("text", tr("报告内容"), self.text)
        draft_button = QPushButton(tr("重新生成草稿"))
        draft_button.setToolTip(tr("按事件当前信息和所选阶段重新生成报告内容"))
        draft_button.clicked.connect(self.fill_draft)
        self.form.addRow("", draft_button)
        self.stage.currentIndexChanged.connect(self._stage_changed)
        self.fill_draft()

    def _stage_changed(self) -> None:
        if self.text.toPlainText() == self._drafted:  # not edited: the draft follows the stage
            self.fill_draft()

    def fill_draft(self) -> None:
        self._drafted = self._draft(self.stage.currentData())
        self.text.setPlainText(self._drafted)


class DispatchDialog(RecordDialog):
    """联动派单: the departments in a table, found by typing; tick the ones to order and say
    what each is asked to do. Each order gets its 30- or 40-minute arrival deadline.

    The departments the 职责分工 table names for this kind of incident come first, ticked
    and marked 建议 牵头/配合 (proposed): the officer decides. Beside each, whom to call now (the
    office in working hours, else today's duty person from the department's 值班备勤表);
    the officer overwrites it with whoever actually answered."""

    COLUMNS = (tr("派单"), tr("联动单位"), tr("建议"), tr("联系人"), tr("电话"), tr("依据"),
               tr("到达时限"), tr("要求"))
    PICK, NAME, DUTY, CONTACT, PHONE, SOURCE, LIMIT, ASK = range(8)

    def __init__(self, runner: Runner | SyncRunner, save: Save, zone: tzinfo,
                 departments: Sequence[DepartmentView],
                 on_duty: Mapping[int, OnDuty] | None = None,
                 proposal: ProposalView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("联动派单"), runner, save, parent, action=tr("派单"),
                         action_icon="department")
        self.setMinimumWidth(1180)
        calls = on_duty or {}
        roles = _proposed_roles(proposal)
        if proposal is not None and roles:
            advice = QLabel(tr("{0}建议：牵头 {1}；配合 {2}。已预先勾选，请核定。").format(
                tr_text(proposal.basis), proposal.lead, tr("、").join(proposal.support) or tr("无")))
            advice.setWordWrap(True)
            advice.setObjectName("proposal")
            advice.setStyleSheet(f"color: {ACCENT}")
            self.form.addRow(advice)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("输入单位、联系人或电话查找"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.form.addRow(tr("查找："), self.search)
        self.ids: list[int] = []
        self.asks: list[QLineEdit] = []
        self.contacts: list[QLineEdit] = []
        self.phones: list[QLineEdit] = []
        order = {department_id: index for index, department_id in enumerate(roles)}
        active = sorted((d for d in departments if d.active),
                        key=lambda d: order.get(d.id, len(order)))
        self.table = QTableWidget(len(active), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(300)
        for row, department in enumerate(active):
            self._fill_row(row, department, calls.get(department.id), roles.get(department.id))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((self.CONTACT, 110), (self.PHONE, 130)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(self.ASK, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.asks[0].sizeHint().height() + 4
                                                          if self.asks else 36)
        self.table.cellClicked.connect(self._clicked)
        self.fields["departments"] = self.table
        self.form.addRow(tr("联动单位 *："), self.table)
        self.add_field("ordered_at", tr("派单时间"), time_editor(None, zone), True)
        self.search.setFocus()

    def _fill_row(self, row: int, department: DepartmentView, calls: OnDuty | None,
                  role: str | None) -> None:
        pick = QTableWidgetItem()
        pick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        pick.setCheckState(Qt.CheckState.Checked if role else Qt.CheckState.Unchecked)
        self.table.setItem(row, self.PICK, pick)
        best = calls.best if calls is not None else None
        minutes = 30 if department.first_line else 40
        source = QTableWidgetItem(tr_label(SOURCE_LABELS[best.source]) if best else "")
        if calls is not None and len(calls.callees) > 1:
            source.setToolTip(tr("也可拨打：") + "\n".join(
                tr("{0}（{1}）{2}").format(c.person, tr_label(c.role), c.phone)
                for c in calls.callees[1:]))
        duty = QTableWidgetItem(role or "")
        if role:
            duty.setForeground(QColor(ACCENT))
            duty.setToolTip(tr("按职责分工建议，由值班员核定"))
        for column, item in ((self.NAME, QTableWidgetItem(department.name)), (self.DUTY, duty),
                             (self.SOURCE, source),
                             (self.LIMIT, QTableWidgetItem(tr("{0} 分钟").format(minutes)))):
            self.table.setItem(row, column, item)
        contact = QLineEdit(best.person if best else tr("值班室"))
        phone = QLineEdit(best.phone if best else department.duty_phone)
        contact.setToolTip(tr("实际联系上的人，可改写"))
        phone.setToolTip(tr("实际拨打的号码，可改写"))
        self.table.setCellWidget(row, self.CONTACT, contact)
        self.table.setCellWidget(row, self.PHONE, phone)
        ask = QLineEdit()
        ask.setPlaceholderText(tr("例如：赶赴现场处置"))
        ask.textEdited.connect(lambda text, r=row: self._asked(r, text))
        self.table.setCellWidget(row, self.ASK, ask)
        self.contacts.append(contact)
        self.phones.append(phone)
        self.asks.append(ask)
        self.ids.append(department.id)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # every cell was filled when the table was built
        return item

    def _filter(self, text: str) -> None:
        words = text.strip().lower().split()
        for row in range(self.table.rowCount()):
            cells = " ".join([*(self._cell(row, c).text() for c in
                                (self.NAME, self.DUTY, self.SOURCE)),
                              self.contacts[row].text(), self.phones[row].text()]).lower()
            self.table.setRowHidden(row, not all(w in cells for w in words))

    def _clicked(self, row: int, column: int) -> None:
        """A click anywhere on a department's row but its request ticks or unticks it."""
        if column != self.PICK:
            item = self._cell(row, self.PICK)
            item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)

    def _asked(self, row: int, text: str) -> None:
        """Saying what a department is to do orders it."""
        if text.strip():
            self._cell(row, self.PICK).setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[int]:
        return [self.ids[row] for row in range(self.table.rowCount())
                if self._cell(row, self.PICK).checkState() == Qt.CheckState.Checked]

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["departments"] = self.chosen()
        rows = [row for row in range(self.table.rowCount())
                if self.ids[row] in values["departments"]]
        values["instructions"] = {self.ids[row]: self.asks[row].text() for row in rows}
        values["reached"] = {self.ids[row]: (self.contacts[row].text(), self.phones[row].text())
                             for row in rows}
        return values


def _proposed_roles(proposal: ProposalView | None) -> dict[int, str]:
    """Department id -> 牵头 / 配合 (translated), lead first, as the table lists them."""
    if proposal is None:
        return {}
    roles = {proposal.lead_id: tr("牵头")} if proposal.lead_id is not None else {}
    for department_id in proposal.support_ids:
        roles.setdefault(department_id, tr("配合"))
    return roles


class FeedbackDialog(RecordDialog):
    """处置反馈 from a department: arrived, handling, closed."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, zone: tzinfo,
                 dispatches: Sequence[DispatchView], parent: QWidget | None = None) -> None:
        super().__init__(tr("派单反馈"), runner, save, parent)
        self.setMinimumWidth(560)
        self.add_field("dispatch", tr("派单"), combo_box(
            [(tr("{0}（{1}）").format(d.department, d.contact_name), d.id) for d in dispatches
             if d.closed_at is None]), True)
        self.add_field("kind", tr("反馈"),
                       combo_box([(tr_label(v), k) for k, v in FEEDBACK_LABELS.items()]), True)
        self.add_field("at", tr("时间"), time_editor(None, zone), True)
        self.add_field("text", tr("内容"), text_box())


class RegisterDialog(RecordDialog):
    """来电来文登记: a call, fax, document or visit, with the leader's instruction."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, zone: tzinfo,
                 entry: register_service.EntryView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("修改来电来文登记") if entry else tr("来电来文登记"), runner, save, parent)
        self.setMinimumWidth(900)
        values = entry.as_values() if entry else {}
        columns = QHBoxLayout()
        columns.setSpacing(24)
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            columns.addLayout(form, 1)
        self.form.addRow(columns)
        self.add_field("kind", tr("类型"), combo_box(
            [(tr_label(v), k) for k, v in REGISTER_LABELS.items()], values.get("kind")), True, left)
        self.add_field("received_at", tr("时间"), time_editor(values.get("received_at"), zone), True,
                       left)
        for key, label in (("from_unit", tr("来电（文）单位")), ("from_name", tr("姓名")),
                           ("from_post", tr("职务")), ("from_phone", tr("电话"))):
            self.add_field(key, label, QLineEdit(values.get(key, "")), form=left)
        self.title_edit = QLineEdit(values.get("title", ""))
        self.add_field("title", tr("标题"), self.title_edit, True, right)
        self.add_field("doc_number", tr("文号"), QLineEdit(values.get("doc_number", "")), form=right)
        self.add_field("urgency", tr("紧急程度"), combo_box(
            [(u or tr("（无）"), u) for u in register_service.URGENCIES], values.get("urgency", "")),
            form=right)
        self.add_field("passed_to", tr("批转"), QLineEdit(values.get("passed_to", "")), form=right)
        self.add_field("informed", tr("已告知"), QLineEdit(values.get("informed", "")), form=right)
        self.add_field("content", tr("内容"), text_box(values.get("content", ""), 100))
        self.add_field("leader_instruction", tr("领导批示"),
                       text_box(values.get("leader_instruction", "")))
        self.add_field("handling", tr("处理情况"), text_box(values.get("handling", "")))
        if entry:
            self.note = QLineEdit()
            self.add_field("note", tr("修改说明"), self.note)
        self.title_edit.setFocus()


class PromoteDialog(RecordDialog):
    """转为事件: what the register does not know about an incident."""

    def __init__(self, runner: Runner | SyncRunner, save: Save,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("转为事件"), runner, save, parent)
        self.category = combo_box(_categories())
        self.add_field("category", tr("类别"), self.category, True)
        self.add_field("level", tr("级别"), combo_box(
            [(tr_label(LEVEL_LABELS[lv]), lv.value) for lv in Level], Level.UNRATED.value))
        self.add_field("location", tr("地点"), QLineEdit())
