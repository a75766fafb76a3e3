"""设置: the desk's settings, each shown with where its default comes from."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QSettings, QTime
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain import settings as registry
from dutyroom.domain.deadlines import PRESETS, PRESETS_BY_KEY, RULE_GROUPS
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.roster import TIER_ORDER
from dutyroom.services import attachment_service, plan_service, settings_service
from dutyroom.services.errors import InputError
from dutyroom.services.plan_service import PlanView
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.ui.acting import Acting
from dutyroom.ui.attachments import open_copy
from dutyroom.ui.dialogs.plan_dialog import PlanDialog
from dutyroom.ui.i18n import LANGUAGES, save_language, saved_language, tr, tr_label
from dutyroom.ui.pages.base import Page
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import (
    PAGE_MARGINS,
    button,
    card,
    error_text,
    hint_label,
    scrolling_cards,
    title_label,
)

COMMON_ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei"]


class TierChoice(QWidget):
    """A choice of duty tiers (需签到的层级): one box per tier, in rank order."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        self.boxes = {tier: QCheckBox(tr_label(tier.label)) for tier in TIER_ORDER}
        for box in self.boxes.values():
            row.addWidget(box)
        self.setFocusProxy(self.boxes[TIER_ORDER[0]])

    def value(self) -> str:
        return ",".join(tier.value for tier, box in self.boxes.items() if box.isChecked())

    def set_value(self, value: str) -> None:
        chosen = {part for part in str(value).split(",") if part}
        for tier, box in self.boxes.items():
            box.setChecked(tier.value in chosen)


def editor_for(definition: registry.SettingDef) -> QWidget:
    """The editor for a setting's kind of value, the same wherever that kind appears."""
    editor: QWidget
    if definition.kind == "time":
        editor = QTimeEdit()
        editor.setDisplayFormat("HH:mm")
    elif definition.kind == "tiers":
        return TierChoice()
    elif definition.kind == "flag":
        return QCheckBox(tr("是"))
    elif definition.kind == "integer":
        editor = QSpinBox()
        editor.setRange(0, 1_000_000)
    else:
        editor = QLineEdit()
    editor.setMaximumWidth(220)
    return editor


def show_value(editor: QWidget, value: Any) -> None:
    if isinstance(editor, QTimeEdit):
        hours, minutes = (int(x) for x in str(value).split(":"))
        editor.setTime(QTime(hours, minutes))
    elif isinstance(editor, TierChoice):
        editor.set_value(str(value))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QSpinBox):
        editor.setValue(int(value))
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value))


def read_value(editor: QWidget) -> Any:
    if isinstance(editor, QTimeEdit):
        return editor.time().toString("HH:mm")
    if isinstance(editor, TierChoice):
        return editor.value()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QLineEdit):
        return editor.text()
    raise TypeError(f"no value in {type(editor).__name__}")


class SettingsPage(Page):
    title = tr("设置")
    icon_name = "settings"
    help_topic = "setup"

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner,
                 local: QSettings | None = None) -> None:
        super().__init__()
        self.acting, self.runner, self.local = Acting.of(uow), runner, local
        self.saved: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(14)
        layout.addWidget(title_label(tr("设置")))

        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>本值班室</b>")))
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText(tr("例如：某某镇人民政府"))
        self.desk_name = QLineEdit()
        self.handover_time = QTimeEdit()
        self.handover_time.setDisplayFormat("HH:mm")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.addItems(COMMON_ZONES)  # the other 600 on first show: reading them slows the start
        self.font_scale = QSpinBox()
        self.font_scale.setRange(80, 200)
        self.font_scale.setSingleStep(10)
        self.font_scale.setSuffix(" %")
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(tr(" 分钟"))
        self.lock_minutes.setSpecialValueText(tr("不自动锁屏"))
        self.editors: dict[str, QWidget] = {
            "unit_name": self.unit_name, "desk_name": self.desk_name,
            "handover_time": self.handover_time, "timezone": self.timezone,
            "font_scale": self.font_scale, "lock_minutes": self.lock_minutes,
        }
        for key, editor in self.editors.items():
            definition = registry.definition(key)
            editor.setMinimumWidth(320)
            editor.setMaximumWidth(480)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(hint_label(tr_label(definition.source)))
            holder = QWidget()
            holder.setLayout(column)
            form.addRow(tr("{0}：").format(tr_label(definition.label)), holder)
        inner.addLayout(form)
        inner.addWidget(hint_label(tr("字体缩放在下次启动时生效。")))
        # The cards scroll; the title and the save row stay in view.
        layout.addWidget(scrolling_cards([frame, self._deadline_card(), self._clock_card(),
                                          self._warning_card(), self._roster_card(),
                                          self._plan_card(), self._computer_card()]), 1)

        actions = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        self.revert_button = button(tr("还原"), "undo")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = button(tr("保存"), "save", primary=True, tooltip="Ctrl+S")
        self.save_button.clicked.connect(self.save)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        layout.addLayout(actions)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    def _deadline_card(self) -> QWidget:
        """信息报送时限: the rule table, with the national and provincial presets."""
        frame, inner = card()
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("<b>信息报送时限</b>")))
        head.addStretch(1)
        head.addWidget(QLabel(tr("套用：")))
        self.preset = QComboBox()
        self.preset.addItem(tr("（选择预设）"), None)
        for preset in PRESETS:
            self.preset.addItem(tr_label(preset.label), preset.key)
        self.preset.activated.connect(self._apply_preset)
        head.addWidget(self.preset)
        inner.addLayout(head)
        self.preset_source = hint_label(tr_label(PRESETS[0].source))
        inner.addWidget(self.preset_source)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(QLabel(tr("级别")), 0, 0)
        grid.addWidget(QLabel(tr("电话报告（分钟，0 为不要求）")), 0, 1)
        grid.addWidget(QLabel(tr("书面报告（分钟）")), 0, 2)
        grid.setColumnStretch(3, 1)
        self.rule_editors: dict[str, QSpinBox] = {}
        for row, (group, label) in enumerate(RULE_GROUPS, 1):
            grid.addWidget(QLabel(tr_label(label)), row, 0)
            for column, channel in ((1, "phone"), (2, "written")):
                box = QSpinBox()
                box.setRange(0 if channel == "phone" else 1, 24 * 60)
                box.setSuffix(tr(" 分钟"))
                box.setMaximumWidth(160)
                key = f"report_{channel}_{group}"
                self.rule_editors[key] = box
                self.editors[key] = box
                grid.addWidget(box, row, column)
        inner.addLayout(grid)
        self.other_editors: dict[str, QWidget] = {}
        inner.addLayout(self._setting_rows(
            ("update_times_major", "update_times_other", "final_report_days",
             "late_entry_minutes", "alert_warning_minutes", "mass_county_over", "mass_city_from")))
        return frame

    def _setting_rows(self, keys: tuple[str, ...]) -> QFormLayout:
        """One row per setting: the editor its kind of value calls for, its source beside it."""
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        for key in keys:
            definition = registry.definition(key)
            editor = editor_for(definition)
            self.other_editors[key] = editor
            self.editors[key] = editor
            row = QHBoxLayout()
            row.addWidget(editor)
            row.addWidget(hint_label(tr_label(definition.source)), 1)
            form.addRow(tr("{0}：").format(tr_label(definition.label)), row)
        return form

    def _computer_card(self) -> QWidget:
        """本机: what belongs to this computer rather than to the desk's database."""
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>本机</b>")))
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("界面语言：")))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        if self.local is not None:
            self.language.setCurrentIndex(self.language.findData(saved_language(self.local)))
        self.language.setEnabled(self.local is not None)
        self.language.currentIndexChanged.connect(self._language_chosen)
        row.addWidget(self.language)
        row.addStretch(1)
        inner.addLayout(row)
        self.language_note = hint_label(tr("界面语言只对这台电脑有效，重新启动 Dutyroom 后生效；"
                                           "打印件和记录内容始终为中文。"))
        inner.addWidget(self.language_note)
        return frame

    def _language_chosen(self) -> None:
        if self.local is None:
            return
        save_language(self.local, self.language.currentData())
        self.language_note.setText(tr("已选择「{0}」，重新启动 Dutyroom 后生效。").format(
            self.language.currentText()))

    def _clock_card(self) -> QWidget:
        """值班时钟: sign-in window, presence schedule, holiday report times."""
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>签到、在岗确认和节假日报送</b>")))
        inner.addLayout(self._setting_rows(
            ("checkin_before_minutes", "checkin_after_minutes", "checkin_tiers",
             "presence_start", "presence_end", "presence_interval_minutes",
             "presence_window_minutes", "rota_report_days", "rota_report_time",
             "daily_report_time", "daily_report_periods", "flood_season_start",
             "flood_season_end")))
        inner.addWidget(hint_label(
            tr("在岗确认按间隔从开始时间排到结束时间（可跨零点）；确认时限不能长于间隔，否则前后两次会"
               "重叠。提前提醒不能长于最短的时限。")))
        return frame

    def _warning_card(self) -> QWidget:
        """预警和叫应: the villages and roles, whom each colour reaches and by when."""
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>预警和叫应</b>")))
        inner.addLayout(self._setting_rows(
            ("villages", "responsible_roles", "relay_roles_red", "relay_roles_yellow",
             "relay_roles_by_type", "relay_minutes_red", "relay_minutes_orange", "relay_minutes_yellow",
             "relay_minutes_blue", "relay_attempts")))
        inner.addWidget(hint_label(tr("名单用「、」分隔。叫应名单在登记预警时按当时的设置和通讯录生成，"
                                      "改设置不影响已登记的预警。")))
        return frame

    def _roster_card(self) -> QWidget:
        """排班: officers a day, rest between duties, the weights fairness compares, the
        generation time limit."""
        frame, inner = card()
        inner.addWidget(QLabel(tr("<b>排班</b>")))
        inner.addLayout(self._setting_rows(
            ("officers_workday", "officers_weekend", "officers_holiday", "officers_sensitive",
             "min_rest_days", "weight_workday", "weight_weekend", "weight_holiday",
             "roster_seconds", "comp_days_per_holiday")))
        return frame

    def _apply_preset(self) -> None:
        key = self.preset.currentData()
        if key is None:
            return
        preset = PRESETS_BY_KEY[key]
        for name, value in preset.values.items():
            self.rule_editors[name].setValue(value)
        self.preset_source.setText(tr_label(preset.source))
        self.status.setStyleSheet("")
        self.status.setText(tr("已填入「{0}」的时限，保存后生效。").format(tr_label(preset.label)))

    def _plan_card(self) -> QWidget:
        """应急预案 and 附件: the plans the desk has filed, each linked to incident subtypes,
        and the limit on an attachment's size."""
        frame, inner = card()
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("<b>应急预案和附件</b>")))
        head.addStretch(1)
        self.add_plan_button = button(tr("归档预案…"), "add")
        self.add_plan_button.clicked.connect(self.add_plan)
        self.edit_plan_button = button(tr("修改…"), "edit")
        self.edit_plan_button.clicked.connect(self.edit_plan)
        self.view_plan_button = button(tr("查看"))
        self.view_plan_button.clicked.connect(self.view_plan)
        for widget in (self.add_plan_button, self.edit_plan_button, self.view_plan_button):
            head.addWidget(widget)
        inner.addLayout(head)
        self.plan_list = QTreeWidget()
        self.plan_list.setRootIsDecorated(False)
        self.plan_list.setHeaderLabels([tr("预案名称"), tr("适用事件子类"), tr("状态"), tr("文件")])
        self.plan_list.setMinimumHeight(140)
        self.plan_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.plan_list.itemDoubleClicked.connect(lambda *_: self.view_plan())
        self.plan_list.currentItemChanged.connect(lambda *_: self._plan_buttons())
        inner.addWidget(self.plan_list)
        inner.addWidget(hint_label(tr("预案以 PDF 归档，存入数据库并随备份保存；在事件详情的「应急预案」中"
                                      "列出与事件子类关联的预案，在程序内查看。")))
        inner.addLayout(self._setting_rows(("attachment_limit_mb",)))
        self.plans: list[PlanView] = []
        self._plan_buttons()
        return frame

    def _show_plans(self, plans: list[PlanView]) -> None:
        self.plans = plans
        self.plan_list.clear()
        for plan in plans:
            item = QTreeWidgetItem([plan.title, tr("、").join(tr_label(s) for s in plan.subtypes),
                                    tr("在用") if plan.active else tr("已停用"),
                                    plan.file.readable_size if plan.file else tr("（缺失）")])
            self.plan_list.addTopLevelItem(item)
        self._plan_buttons()

    def selected_plan(self) -> PlanView | None:
        item = self.plan_list.currentItem()
        index = self.plan_list.indexOfTopLevelItem(item) if item is not None else -1
        return self.plans[index] if 0 <= index < len(self.plans) else None

    def _plan_buttons(self) -> None:
        plan = self.selected_plan()
        self.edit_plan_button.setEnabled(plan is not None)
        self.view_plan_button.setEnabled(plan is not None and plan.file is not None)

    def add_plan(self) -> None:
        self._plan_dialog(PlanDialog(self.runner, lambda v: plan_service.add_plan(
            self.uow, v.get("title", ""), v.get("subtypes", []), v.get("file", "")), None, self))

    def edit_plan(self) -> None:
        plan = self.selected_plan()
        if plan is None:
            return
        self._plan_dialog(PlanDialog(self.runner, lambda v: plan_service.update_plan(
            self.uow, plan.id, v.get("title", ""), v.get("subtypes", []),
            v.get("active", True)), plan, self))

    def _plan_dialog(self, dialog: PlanDialog) -> None:
        self.plan_dialog = dialog
        dialog.accepted.connect(lambda: self._plan_saved(dialog))
        dialog.open()

    def _plan_saved(self, dialog: PlanDialog) -> None:
        self._load_plans()  # (the dialog's operation told the other pages)

    def view_plan(self) -> None:
        plan = self.selected_plan()
        if plan is None or plan.file is None:
            return
        (Op(self, self.runner, attachment_service.write_copy, self.uow, plan.file.id,
            title=tr("应急预案"))
         .success(lambda path: open_copy(self, path, True)).run_in_background())

    def _load_plans(self) -> None:
        (Op(self, self.runner, plan_service.list_plans, self.uow, title=tr("应急预案"))
         .success(self._show_plans).run_in_background())

    def showEvent(self, event: QShowEvent) -> None:
        if self.timezone.count() == len(COMMON_ZONES):
            typed = self.timezone.currentText()
            self.timezone.addItems(sorted(available_timezones() - set(COMMON_ZONES)))
            self.timezone.setCurrentText(typed)
        super().showEvent(event)

    def refresh(self, changes: Changes | None = None) -> None:
        if changes is None or changes.settings:
            self.op(settings_service.load_settings, self.uow).success(self._show) \
                .failure(self._failed, shown=True).run_in_background()
            self._load_plans()

    def _show(self, values: dict[str, Any]) -> None:
        self.saved = values
        self.revert()

    def revert(self) -> None:
        values = self.saved
        if not values:
            return
        desk = DeskSettings.of(values)  # the registry-keyed editors below read `values`
        self.unit_name.setText(desk.unit_name)
        self.desk_name.setText(desk.desk_name)
        show_value(self.handover_time, desk.handover_time)
        self.timezone.setCurrentText(desk.timezone)
        self.font_scale.setValue(desk.font_scale)
        self.lock_minutes.setValue(desk.lock_minutes)
        for key, box in self.rule_editors.items():
            box.setValue(values[key])
        for key, editor in self.other_editors.items():
            show_value(editor, values[key])
        self.status.clear()

    def values(self) -> dict[str, Any]:
        return {
            "unit_name": self.unit_name.text(),
            "desk_name": self.desk_name.text(),
            "handover_time": read_value(self.handover_time),
            "timezone": self.timezone.currentText(),
            "font_scale": self.font_scale.value(),
            "lock_minutes": self.lock_minutes.value(),
            **{key: box.value() for key, box in self.rule_editors.items()},
            **{key: read_value(editor) for key, editor in self.other_editors.items()},
        }

    def save(self) -> None:
        self.save_button.setEnabled(False)
        self.op(settings_service.save_settings, self.uow, self.values()).outcome(self._saved) \
            .failure(self._failed, shown=True).run_in_background()

    def _saved(self, outcome: Outcome[dict[str, Any]]) -> None:
        self.save_button.setEnabled(True)
        self.saved = outcome.value
        self.status.setStyleSheet("color: #1e7e34;")
        self.status.setText(tr("已保存。") if outcome.changes else tr("没有改动。"))

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(tr("未保存：{0}").format(error_text(error)))
        if isinstance(error, InputError):
            for problem in error.problems:
                editor = self.editors.get(problem.field or "")
                if editor is not None:
                    editor.setFocus()
