"""The labels the domain and the services define, which the interface shows through `tr_label()`.

They are written in Chinese once, in the tables that give them their meaning; the
translation script reads this list into the catalogue, so a new tier or status cannot
reach an English screen untranslated without the translation check failing.

Left out on purpose: what the officer types or picks as data and what goes into the
record in Chinese (the incident subtypes, how a report came in, holiday names), and the
printouts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dutyroom.domain import (
    calendar,
    daily_report,
    deadlines,
    duty_clock,
    incident_rules,
    incidents,
    instructions,
    partner_duty,
    resources,
    roles,
    roster,
    settings,
    tiers,
    warnings,
)
from dutyroom.services import (
    backup_service,
    field_service,
    register_service,
)

TABLES: list[Mapping[object, str] | Iterable[str]] = [
    tiers.TIER_LABELS, roles.ROLE_LABELS, [roles.Actor.system("").role_label],
    incidents.CATEGORY_LABELS, incidents.LEVEL_LABELS, incidents.LEVEL_SHORT,
    incidents.STATUS_LABELS,
    deadlines.KIND_LABELS, deadlines.STAGE_LABELS, deadlines.CHANNEL_LABELS,
    deadlines.ALERT_STATE_LABELS,
    calendar.KIND_LABELS, [c.label for c in roster.Category], roster.SEAT_LABELS,
    duty_clock.TASK_LABELS, daily_report.PARAGRAPH_TITLES,
    incident_rules.REGISTER_LABELS, [u for u in register_service.URGENCIES if u],
    incident_rules.FEEDBACK_LABELS,
    partner_duty.SOURCE_LABELS, partner_duty.CALLEE_ROLES, [partner_duty.LATE_ROSTER_LABEL],
    roster.LEAVE_LABELS, roster.CHANGE_LABELS,
    duty_clock.SPOT_CHANNEL_LABELS, duty_clock.SPOT_OUTCOME_LABELS,
    backup_service.LABELS, field_service.OUTCOME_LABELS,
    [d.label for d in settings.SETTINGS if d.visible], [p.label for p in deadlines.PRESETS],
    [d.source for d in settings.SETTINGS if d.visible], [p.source for p in deadlines.PRESETS],
    [label for _, label in deadlines.RULE_GROUPS],
    warnings.COLOUR_LABELS, warnings.ACTION_LABELS, warnings.CHANNEL_LABELS,
    warnings.OUTCOME_LABELS, warnings.ROW_STATE_LABELS, warnings.STATUS_LABELS,
    warnings.WARNING_TYPES, warnings.DEFAULT_ROLES, [warnings.TOWN],
    resources.KIND_LABELS, resources.QUANTITY_LABELS,
    instructions.SUBJECT_LABELS, instructions.STANDING_LABELS,
]


def labels() -> list[str]:
    found: dict[str, None] = {}
    for table in TABLES:
        values = table.values() if isinstance(table, Mapping) else table
        for value in values:
            found[value] = None
    return list(found)
