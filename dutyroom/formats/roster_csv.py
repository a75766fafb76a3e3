"""The rota as CSV: a row per person on duty, the column names in English for other
programs, every cell safe to open in a spreadsheet (formats/spreadsheet_cells.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from dutyroom.formats.rota_days import DutyDay
from dutyroom.formats.spreadsheet_cells import csv_row

HEADERS = ["date", "weekday", "kind", "holiday", "tier", "tier_label", "name", "phone"]


def rota_csv(days: Sequence[DutyDay]) -> bytes:
    """UTF-8 with a BOM, so Excel on a Chinese Windows reads the names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for day in days:
        for seat in day.shown():
            person = day.slots.get(seat)
            if person is None:
                continue
            writer.writerow(csv_row([day.info.day.isoformat(), day.info.weekday_label,
                             day.info.kind.value, day.info.name, seat.tier.value, seat.label,
                             person.name, person.mobile]))
    return buffer.getvalue().encode("utf-8-sig")
