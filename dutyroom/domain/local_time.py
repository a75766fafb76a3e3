"""Reading the times people type, in the desk's local time (docs/cli.md: ISO 8601, local
where no offset is given), and the local day as a span of aware instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import check_year
from dutyroom.domain.text import sentence


def utc_clock() -> datetime:
    """Now, as an aware UTC instant: the clock pages and the alert timer read unless a test
    hands them its own."""
    return datetime.now(UTC)


def parse_local_time(raw: object, zone: tzinfo, field: str, label: str) -> datetime | None:
    """An aware datetime from an aware datetime, or from ISO text (local unless it has an
    offset); empty gives None."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime):
        value = raw
    else:
        try:
            value = datetime.fromisoformat(str(raw).strip())
        except ValueError:
            raise FieldError(field, sentence(
                "{0}「{1}」不是有效的时间，应为 2026-07-01T03:10 或 2026-07-01 03:10", label, raw)) from None
    check_year(value, field, label)  # before any arithmetic: year 1 or 9999 overflows it
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def clock_time(text: object) -> time:
    """A time of day as the settings store it ("08:30"), already checked by the registry."""
    hours, minutes = str(text).split(":")
    return time(int(hours), int(minutes))


def minute_text(moment: datetime, zone: tzinfo) -> str:
    """A moment as records and printouts show it: local, to the minute (2026-11-24 08:20)."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def timeline_text(moments: list[datetime], zone: tzinfo) -> list[str]:
    """A list of moments as a log shows them: to the minute, and to the second wherever two
    fall in the same minute, so their order can be seen."""
    minutes = [minute_text(m, zone) for m in moments]
    shared = {m for m in minutes if minutes.count(m) > 1}
    return [m + moment.astimezone(zone).strftime(":%S") if m in shared else m
            for m, moment in zip(minutes, moments, strict=True)]


def day_start(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def day_span(first: date, last: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """From local midnight of `first` up to (not including) local midnight after `last`."""
    return day_start(first, zone), day_start(last + timedelta(days=1), zone)


def parse_month_day(raw: object, key: str, label: str) -> tuple[int, int] | None:
    """"06-01" → (6, 1); empty → None. Any real day of a leap year (02-29 too)."""
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        month, day = (int(x) for x in text.split("-"))
        date(2024, month, day)
    except ValueError:
        raise FieldError(key, sentence("{0}应为 月-日，例如 06-01", label)) from None
    return month, day
