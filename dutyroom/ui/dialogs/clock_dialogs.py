"""Dialogs of the duty clock: 接班签到 and 上级查岗."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from dutyroom.domain.tiers import Tier
from dutyroom.services.clock_service import SPOT_CHANNELS, SPOT_OUTCOMES, SlotView
from dutyroom.services.staff_service import StaffView
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save, combo_box, text_box, time_editor
from dutyroom.ui.tasks import Runner, SyncRunner


class CheckInDialog(RecordDialog):
    """Sign in for a tier of the shift; choosing someone else records a substitution."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, slots: Sequence[SlotView],
                 staff: Sequence[StaffView], parent: QWidget | None = None) -> None:
        super().__init__("接班签到", runner, save, parent)
        self.slots = {s.tier: s for s in slots if s.must_check_in and s.checkin is None}
        self.staff = [p for p in staff if p.active]
        self.tier = QComboBox()
        for slot in self.slots.values():
            self.tier.addItem(slot.tier.label, slot.tier.value)
        self.add_field("tier", "签到岗位", self.tier, True)
        self.person = QComboBox()
        self.add_field("staff_id", "签到人", self.person, True)
        self.rostered = QLabel()
        self.rostered.setObjectName("hint")
        self.form.addRow("", self.rostered)
        self.add_field("note", "备注", QLineEdit())
        self.fields["note"].setPlaceholderText("替班时请写明原因，例如：与张三调班")
        self.tier.currentIndexChanged.connect(self._tier_changed)
        self.person.currentIndexChanged.connect(self._person_changed)
        self._tier_changed()

    def _tier_changed(self) -> None:
        self.person.blockSignals(True)
        self.person.clear()
        slot = self.slots.get(Tier(self.tier.currentData())) if self.tier.count() else None
        tier = slot.tier if slot else None
        # The rostered person first, then the same tier, then everyone else.
        ordered = sorted(self.staff, key=lambda p: (
            not (slot and slot.staff and p.id == slot.staff.id), p.tier != tier, p.name))
        for person in ordered:
            self.person.addItem(f"{person.name}（{Tier(person.tier).label}）", person.id)
        self.person.blockSignals(False)
        self._person_changed()

    def _person_changed(self) -> None:
        slot = self.slots.get(Tier(self.tier.currentData())) if self.tier.count() else None
        rostered = slot.staff if slot else None
        if rostered is None:
            self.rostered.setText("本岗位今日未排班，签到人将记为值守人员。")
        elif self.person.currentData() == rostered.id:
            self.rostered.setText(f"排班：{rostered.name}　{rostered.mobile}")
        else:
            self.rostered.setText(f"排班为 {rostered.name}，将记录为替班。")


class SpotCheckDialog(RecordDialog):
    """上级查岗: one form, filled in while the phone is still warm."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, zone: tzinfo,
                 people: Sequence[str], now: datetime, parent: QWidget | None = None) -> None:
        super().__init__("记录上级查岗", runner, save, parent)
        self.add_field("at", "查岗时间", time_editor(now, zone), True)
        checker = QLineEdit()
        checker.setPlaceholderText("例如：县应急管理局值班室 王科长")
        self.add_field("checker", "查岗单位/人员", checker, True)
        self.add_field("channel", "查岗方式", combo_box(list((v, k) for k, v in SPOT_CHANNELS.items())))
        answered = QComboBox()
        answered.setEditable(True)
        answered.addItems(list(people))
        self.add_field("answered_by", "接听/应答人", answered)
        within = QCheckBox("按规定及时应答（电话响铃三声内接听）")
        within.setChecked(True)
        self.add_field("within_rule", "应答", within)
        outcome = combo_box(list((v, k) for k, v in SPOT_OUTCOMES.items()))
        self.add_field("outcome", "查岗结果", outcome)
        self.add_field("result", "情况说明", text_box())
        outcome.currentIndexChanged.connect(
            lambda _: within.setChecked(outcome.currentData() == "ok"))

    def values(self) -> dict[str, object]:
        values = super().values()
        combo = self.fields["answered_by"]
        assert isinstance(combo, QComboBox)
        values["answered_by"] = combo.currentText()
        return values
