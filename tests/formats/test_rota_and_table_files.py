"""formats/ on its own: plain values in, bytes or rows out, faults in Chinese, no database."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from dutyroom.domain.calendar import DayInfo, DayKind, Source
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.roster import Seat
from dutyroom.domain.tiers import Tier
from dutyroom.formats.faults import FormatFault
from dutyroom.formats.roster_csv import rota_csv
from dutyroom.formats.roster_ics import holiday_entries, rota_calendar
from dutyroom.formats.table_files import MAX_ROWS, read_table


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    mobile: str


@dataclass(frozen=True)
class Day:  # not the services' DayView: any day with these members will do
    info: DayInfo
    periods: tuple[str, ...]
    slots: dict[Seat, Person]

    def shown(self) -> list[Seat]:
        return sorted(self.slots, key=lambda s: (s.tier != Tier.LEADER, s.index))


def test_the_rota_csv_keeps_a_hostile_name_as_text_and_skips_empty_seats():
    day = Day(DayInfo(date(2026, 10, 1), DayKind.HOLIDAY, "国庆节", Source.BUILTIN), (),
              {Seat(Tier.LEADER): Person(1, "=cmd|' /C calc'!A0", "13800000001"),
               Seat(Tier.OFFICER): Person(2, "李四", "13800000002")})
    data = rota_csv([day])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["date", "weekday", "kind", "holiday", "tier", "tier_label", "name", "phone"]
    assert [r[6] for r in rows[1:]] == ["'=cmd|' /C calc'!A0", "李四"]
    assert rows[1][:4] == ["2026-10-01", "星期四", "holiday", "国庆节"]


def test_a_holiday_calendar_that_is_not_one_is_refused_in_chinese():
    with pytest.raises(FormatFault) as caught:
        holiday_entries(b"BEGIN:VCALENDAR\nthis is not a calendar")
    assert caught.value.messages == ["不是有效的 iCalendar（.ics）日历文件，或文件已损坏"]
    assert caught.value.source is None  # the bytes have no name: the service names the file


def test_every_bad_event_of_a_holiday_calendar_is_named():
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\n{start}\r\nEND:VEVENT\r\n"
        for n, (summary, start) in enumerate([("国庆节 休", "DTSTART;VALUE=DATE:20261001"),
                                              ("会议", "DTSTART:20261002T090000Z"),
                                              ("远年", "DTSTART;VALUE=DATE:99990101")], 1))
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//ZH\r\n{events}END:VCALENDAR\r\n".encode()
    with pytest.raises(FormatFault) as caught:
        holiday_entries(data)
    assert len(caught.value.messages) == 2
    assert caught.value.messages[0].startswith("第 2 个事件（会议）应为全天事件")
    assert "年份 9999" in caught.value.messages[1]
    assert holiday_entries(data.replace(b"DTSTART:20261002T090000Z", b"DTSTART;VALUE=DATE:20261002")
                           .replace(b"99990101", b"20261003")) == [
        (date(2026, 10, 1), DayKind.HOLIDAY, "国庆节"), (date(2026, 10, 2), DayKind.HOLIDAY, "会议"),
        (date(2026, 10, 3), DayKind.HOLIDAY, "远年")]


def test_a_table_of_another_kind_or_too_many_rows_is_refused(tmp_path: Path):
    text = tmp_path / "名单.txt"
    text.write_text("姓名\n张三\n", encoding="utf-8")
    with pytest.raises(FormatFault) as caught:
        read_table(text)
    assert caught.value.messages == ["只能导入 .xlsx 或 .csv 文件"]
    assert caught.value.source == str(text)
    long = tmp_path / "名单.csv"
    long.write_text("姓名\n" + "张三\n" * (MAX_ROWS + 1), encoding="utf-8")
    with pytest.raises(FormatFault) as caught:
        read_table(long)
    assert caught.value.messages == [f"行数超过 {MAX_ROWS} 行，请检查是否选错了文件"]
    assert caught.value.source == "名单.csv"
    with pytest.raises(FileNotFoundError):  # the service names a missing file (file_error)
        read_table(tmp_path / "没有.csv")


def test_a_gbk_csv_reads_with_rows_numbered_as_a_spreadsheet_shows_them(tmp_path: Path):
    path = tmp_path / "名单.csv"
    path.write_bytes("\n姓名,手机\n\n张三,13800000001\n".encode("gbk"))
    table = read_table(path)
    assert (table.header_row, table.headers) == (2, ["姓名", "手机"])
    assert table.rows == [(4, ["张三", "13800000001"])]


def test_the_rota_calendar_keeps_one_persons_duties_stamped_with_the_moment_given():
    import icalendar

    settings = DeskSettings.of({"handover_time": "08:30"})
    day = Day(DayInfo(date(2026, 10, 1), DayKind.HOLIDAY, "国庆节", Source.BUILTIN), (),
              {Seat(Tier.LEADER): Person(1, "张三", "13800000001"),
               Seat(Tier.OFFICER): Person(2, "李四", "13800000002")})
    stamp = datetime(2026, 9, 30, 1, 2, 3, tzinfo=UTC)
    events = list(icalendar.Calendar.from_ical(rota_calendar([day], settings, 2, stamp)).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["值班：值班员 李四"]
    assert events[0].decoded("DTSTAMP") == stamp
    begin = events[0].decoded("DTSTART")
    assert (begin.hour, begin.minute, str(begin.tzinfo)) == (8, 30, settings.timezone)
