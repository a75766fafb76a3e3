"""Dialogs of the duty clock: 接班签到 and 上级查岗."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import cast

from PySide6.QtWidgets import QBoxLayout, QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from dutyroom.domain.duty_clock import SPOT_CHANNEL_LABELS, SPOT_OUTCOME_LABELS
from dutyroom.domain.roster import Seat
from dutyroom.domain.tiers import Tier
from dutyroom.services.shift_records import SlotView
from dutyroom.services.staff_service import StaffView
from dutyroom.ui.dialogs.record_dialog import RecordDialog, Save, combo_box, text_box, time_editor
from dutyroom.ui.i18n import tr, tr_label
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.widgets import hint_label


def seat_key(seat: Seat) -> str:
    """A seat as a choice in a list: "officer/1" is the second officer."""
    return f"{seat.tier.value}/{seat.index}"


def key_seat(key: str) -> Seat:
    tier, _, index = key.partition("/")
    return Seat(Tier(tier), int(index or 0))


class CheckInDialog(RecordDialog):
    """Sign in for a seat of the shift (each officer of a two-officer day for their own);
    choosing someone else records a substitution."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, slots: Sequence[SlotView],
                 staff: Sequence[StaffView], parent: QWidget | None = None) -> None:
        super().__init__(tr("接班签到"), runner, save, parent)
        self.slots = {seat_key(s.seat): s for s in slots if s.must_check_in and s.checkin is None}
        signed = {s.checkin.staff_id for s in slots if s.checkin is not None}
        self.staff = [p for p in staff if p.active and p.id not in signed]
        self.tier = QComboBox()
        for key, slot in self.slots.items():
            self.tier.addItem(tr_label(slot.seat.label), key)
        self.add_field("tier", tr("签到岗位"), self.tier, True)
        self.person = QComboBox()
        self.add_field("staff_id", tr("签到人"), self.person, True)
        self.rostered = QLabel()
        self.rostered.setObjectName("hint")
        self.form.addRow("", self.rostered)
        note = QLineEdit()
        note.setPlaceholderText(tr("替班时请写明原因，例如：与张三调班"))
        self.add_field("note", tr("备注"), note)
        self.tier.currentIndexChanged.connect(self._tier_changed)
        self.person.currentIndexChanged.connect(self._person_changed)
        self._tier_changed()

    def _tier_changed(self) -> None:
        self.person.blockSignals(True)
        self.person.clear()
        slot = self.slots.get(self.tier.currentData()) if self.tier.count() else None
        tier = slot.tier if slot else None
        # The rostered person first, then the same tier, then everyone else.
        ordered = sorted(self.staff, key=lambda p: (
            not (slot and slot.staff and p.id == slot.staff.id), p.tier != tier, p.name))
        for person in ordered:
            self.person.addItem(tr("{0}（{1}）").format(person.name, tr_label(Tier(person.tier).label)),
                                person.id)
        self.person.blockSignals(False)
        self._person_changed()

    def _person_changed(self) -> None:
        slot = self.slots.get(self.tier.currentData()) if self.tier.count() else None
        rostered = slot.staff if slot else None
        if rostered is None:
            self.rostered.setText(tr("本岗位今日未排班，签到人将记为值守人员。"))
        elif self.person.currentData() == rostered.id:
            self.rostered.setText(tr("排班：{0}　{1}").format(rostered.name, rostered.mobile))
        else:
            self.rostered.setText(tr("排班为 {0}，将记录为替班。").format(rostered.name))


class PresenceDialog(RecordDialog):
    """在岗确认 when the person at the keyboard is not the officer on the rota: who is
    confirming is asked, never assumed (the record names the person at the desk)."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, staff: Sequence[StaffView],
                 officer: tuple[int, str] | None, user: str, preferred: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("在岗确认"), runner, save, parent, action=tr("确认在岗"),
                         action_icon="check")
        rostered = tr("本班值班员是 {0}").format(officer[1]) if officer else \
            tr("本班没有排值班员")
        self.hint = hint_label(tr("当前登录的是 {0}，{1}。请选择在值班室确认在岗的人。").format(
            user, rostered))
        cast(QBoxLayout, self.layout()).insertWidget(0, self.hint)
        self.person = QComboBox()
        first = preferred if preferred is not None else officer[0] if officer else None
        people = sorted((p for p in staff if p.active), key=lambda p: (
            p.id != first, p.tier != Tier.OFFICER, p.name))
        for person in people:
            self.person.addItem(tr("{0}（{1}）").format(person.name, tr_label(Tier(person.tier).label)),
                                person.id)
        self.add_field("staff_id", tr("确认人"), self.person, True)


class SpotCheckDialog(RecordDialog):
    """上级查岗: one form, filled in while the phone is still warm."""

    def __init__(self, runner: Runner | SyncRunner, save: Save, zone: tzinfo,
                 people: Sequence[str], now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(tr("记录上级查岗"), runner, save, parent)
        self.add_field("at", tr("查岗时间"), time_editor(now, zone), True)
        checker = QLineEdit()
        checker.setPlaceholderText(tr("例如：县应急管理局值班室 王科长"))
        self.add_field("checker", tr("查岗单位/人员"), checker, True)
        self.add_field("channel", tr("查岗方式"),
                       combo_box([(tr_label(v), k) for k, v in SPOT_CHANNEL_LABELS.items()]))
        answered = QComboBox()
        answered.setEditable(True)
        answered.addItems(list(people))
        self.add_field("answered_by", tr("接听/应答人"), answered)
        within = QCheckBox(tr("按规定及时应答（电话响铃三声内接听）"))
        within.setChecked(True)
        self.add_field("within_rule", tr("应答"), within)
        outcome = combo_box(list((tr_label(v), k) for k, v in SPOT_OUTCOME_LABELS.items()))
        self.add_field("outcome", tr("查岗结果"), outcome)
        self.add_field("result", tr("情况说明"), text_box())
        outcome.currentIndexChanged.connect(
            lambda _: within.setChecked(outcome.currentData() == "ok"))

    def values(self) -> dict[str, object]:
        values = super().values()
        combo = self.fields["answered_by"]
        assert isinstance(combo, QComboBox)
        values["answered_by"] = combo.currentText()
        return values
