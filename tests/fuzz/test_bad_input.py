"""Bad input everywhere: malformed CSV, XLSX, ICS and JSON files and out-of-range values fed to
every importer and service. Each case must end in success or a clear InputError (a Chinese
message), never another exception, and a refused case must leave the database as it was.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    backup_service,
    department_service,
    field_service,
    import_export,
    incident_service,
    leave_service,
    responsible_service,
    roster_calendar,
    roster_files,
    roster_service,
    settings_service,
    shift_service,
    staff_service,
    upward_reports,
    user_service,
    warning_service,
)
from dutyroom.services.errors import InputError
from tests.fuzz.tables import contents

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Cells as people and spreadsheets produce them: names, tiers, phone-like text, numbers,
# dates, blanks, very long and control-character text.
CELL = st.one_of(
    st.sampled_from(["张三", "值班员", "带班领导", "主要领导", "officer", "13800138000", "1380013800",
                     "2026-10-01", "10月1日", "holiday", "调休上班", "国庆节", "姓名", "手机", "", " "]),
    st.text(max_size=40), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
    st.dates(min_value=date(1900, 1, 1)), st.none(), st.text(min_size=300, max_size=2000),
)
HEADERS = st.lists(st.sampled_from(["姓名", "值班层级", "手机", "部门", "职务", "办公电话", "name",
                                    "tier", "mobile", "date", "kind", "", "备注"]),
                   min_size=0, max_size=7)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)
INCIDENT_KEYS = ["received_at", "title", "category", "level", "location", "reporter", "reporter_phone",
                 "occurred_at", "deaths", "injured", "missing", "trapped", "people_involved",
                 "summary", "actions_taken", "unknown_field"]


def _attempt(backend, action: Callable[[], Any]) -> None:
    """Success, or a refusal with a message that changed nothing: every table's rows are
    compared, not only counted, so a refused case that edited a row is caught too."""
    before = contents(backend.engine)
    try:
        action()
    except InputError as error:
        assert error.problems and all(p.message for p in error.problems)
        assert "Traceback" not in error.one_line()
        assert contents(backend.engine) == before, f"refused but changed: {error.one_line()}"


def _csv_bytes(rows: list[list[Any]], encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([["" if c is None else c for c in row] for row in rows])
    return out.getvalue().encode(encoding, errors="replace")


def _xlsx_bytes(rows: list[list[Any]], path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    book.save(path)


@pytest.fixture
def people(sqlite_backend):
    uow = sqlite_backend.uow
    staff_service.add_staff(uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    staff_service.add_staff(uow, {"name": "李四", "tier": "带班领导", "mobile": "13800000002"})
    return sqlite_backend


ROWS = st.lists(st.lists(CELL, max_size=7), max_size=8)


@FUZZ
@given(headers=HEADERS, rows=ROWS, encoding=st.sampled_from(["utf-8", "gbk", "utf-16"]),
       prefix=st.binary(max_size=8))
def test_staff_csv(people, tmp_path, count_case, headers, rows, encoding, prefix):
    count_case()
    path = tmp_path / "staff.csv"
    path.write_bytes(prefix + _csv_bytes([headers, *rows], encoding))
    _attempt(people, lambda: import_export.import_staff_file(people.uow, path))


@FUZZ
@given(headers=HEADERS, rows=ROWS)
def test_staff_xlsx(people, tmp_path, count_case, headers, rows):
    count_case()
    path = tmp_path / "staff.xlsx"
    _xlsx_bytes([headers, *rows], path)
    _attempt(people, lambda: import_export.import_staff_file(people.uow, path))


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".xlsx", ".csv", ".ics", ".json"]))
def test_any_bytes_to_every_file_importer(people, tmp_path, count_case, data, suffix):
    count_case()
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    uow = people.uow
    for action in (lambda: import_export.import_staff_file(uow, path),
                   lambda: roster_files.import_calendar(uow, path),
                   lambda: roster_files.import_roster(uow, path),
                   lambda: import_export.read_json_object(path),
                   lambda: field_service.merge_package(uow, path),
                   lambda: backup_service.verify(path) or None):
        _attempt(people, action)


@FUZZ
@given(rows=ROWS, headers=st.sampled_from([["date", "kind", "name"], ["date", "kind"], ["日期"]]))
def test_calendar_csv(people, tmp_path, count_case, rows, headers):
    count_case()
    path = tmp_path / "holidays.csv"
    path.write_bytes(_csv_bytes([headers, *rows], "utf-8"))
    _attempt(people, lambda: roster_files.import_calendar(people.uow, path))


EVENT = st.fixed_dictionaries({
    "start": st.one_of(st.dates(min_value=date(1900, 1, 1)).map(lambda d: d.strftime("%Y%m%d")),
                       st.text(max_size=12)),
    "end": st.one_of(st.dates(min_value=date(1900, 1, 1)).map(lambda d: d.strftime("%Y%m%d")),
                     st.text(max_size=12), st.none()),
    "summary": st.one_of(st.sampled_from(["国庆节 休", "国庆节 班", "春节", ""]), st.text(max_size=20)),
    "value_date": st.booleans(),
})


@FUZZ
@given(events=st.lists(EVENT, max_size=5), truncate=st.integers(0, 400))
def test_calendar_ics(people, tmp_path, count_case, events, truncate):
    count_case()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//CN"]
    for n, event in enumerate(events):
        kind = ";VALUE=DATE" if event["value_date"] else ""
        lines += ["BEGIN:VEVENT", f"UID:{n}", f"DTSTART{kind}:{event['start']}"]
        if event["end"] is not None:
            lines.append(f"DTEND{kind}:{event['end']}")
        lines += [f"SUMMARY:{event['summary']}".replace("\n", " ").replace("\r", " "), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    document = "\r\n".join(lines)
    if truncate:
        document = document[:-truncate]
    path = tmp_path / "holidays.ics"
    path.write_text(document, encoding="utf-8")
    _attempt(people, lambda: roster_files.import_calendar(people.uow, path))


@FUZZ
@given(rows=st.lists(st.lists(st.one_of(CELL, st.sampled_from(["2026年10月值班表", "日期", "带班领导",
                                                                "值班员", "张三", "李四", "10月1日"])),
                              max_size=6), max_size=10))
def test_roster_xlsx(people, tmp_path, count_case, rows):
    count_case()
    path = tmp_path / "rota.xlsx"
    _xlsx_bytes(rows, path)
    _attempt(people, lambda: roster_files.import_roster(people.uow, path))


@FUZZ
@given(document=st.one_of(JSON, st.dictionaries(st.sampled_from(INCIDENT_KEYS), JSON, max_size=10),
                          st.fixed_dictionaries({"received_at": CELL, "title": CELL, "category": CELL},
                                                optional={"deaths": CELL, "level": CELL,
                                                          "occurred_at": CELL})))
def test_incident_json(people, tmp_path, count_case, document):
    count_case()
    path = tmp_path / "incident.json"
    path.write_text(json.dumps(document, ensure_ascii=False, default=str), encoding="utf-8")

    def add() -> None:
        values = import_export.read_json_object(path)
        incident_service.add_incident(people.uow, values)

    _attempt(people, add)


VALUE = st.one_of(CELL, JSON)


@FUZZ
@given(values=st.dictionaries(st.sampled_from(["unit_name", "desk_name", "handover_time", "timezone",
                                               "font_scale", "lock_minutes", "min_rest_days",
                                               "presence_interval_minutes", "checkin_tiers",
                                               "update_times_major", "no_such_setting"]),
                              VALUE, max_size=4))
def test_settings_values(people, count_case, values):
    count_case()
    _attempt(people, lambda: settings_service.save_settings(people.uow, values))


@FUZZ
@given(person=st.fixed_dictionaries({"name": CELL, "tier": CELL, "mobile": CELL},
                                    optional={"department": CELL, "office_phone": CELL}),
       department=st.fixed_dictionaries({"name": CELL, "duty_phone": CELL},
                                        optional={"liaison_mobile": CELL, "first_line": VALUE}),
       account=st.fixed_dictionaries({"username": CELL, "display_name": CELL, "role": CELL,
                                      "password": CELL, "confirm": CELL}))
def test_people_departments_and_accounts(people, count_case, person, department, account):
    count_case()
    _attempt(people, lambda: staff_service.add_staff(people.uow, person))
    _attempt(people, lambda: department_service.add_department(people.uow, department))
    _attempt(people, lambda: user_service.add_user(people.uow, account))


@FUZZ
@given(start=VALUE, end=VALUE, name=CELL, stage=CELL, channel=CELL, sent_at=CELL, tier=CELL,
       spot=st.dictionaries(st.sampled_from(["at", "checker", "channel", "answered_by", "outcome"]),
                            CELL, max_size=5))
def test_out_of_range_values_to_services(people, count_case, start, end, name, stage, channel,
                                         sent_at, tier, spot):
    count_case()
    uow = people.uow
    saved = incident_service.add_incident(uow, {"received_at": "2026-07-01T10:00", "title": "测试",
                                                "category": "accident"}).value
    _attempt(people, lambda: roster_calendar.add_period(uow, str(name), start, end))
    _attempt(people, lambda: leave_service.add_leave(uow, 1, str(name), start, end))
    _attempt(people, lambda: roster_service.generate(uow, *roster_calendar.parse_range(start, end)))
    _attempt(people, lambda: upward_reports.record_report(uow, saved.id, str(stage), str(channel),
                                                            sent_at=sent_at))
    _attempt(people, lambda: shift_service.check_in(uow, str(tier), 1))
    _attempt(people, lambda: shift_service.record_spot_check(uow, spot))
    _attempt(people, lambda: field_service.export_package(uow, start, end, Path("/nonexistent-dir") / "x"))
    _attempt(people, lambda: roster_service.assign(uow, date(2026, 7, 1), Tier.OFFICER, 99999))


RESPONSIBLE_HEADERS = st.lists(st.sampled_from(["村(社区)", "岗位", "姓名", "手机", "AB角", "备注",
                                                "village", "role", "", "姓名"]), max_size=7)
RESPONSIBLE_CELL = st.one_of(CELL, st.sampled_from(["东村", "网格员", "村(社区)书记", "李四", "全镇"]))


@FUZZ
@given(headers=RESPONSIBLE_HEADERS,
       rows=st.lists(st.lists(RESPONSIBLE_CELL, max_size=7), max_size=8),
       kind=st.sampled_from(["csv", "xlsx"]))
def test_responsible_files(people, tmp_path, count_case, headers, rows, kind):
    count_case()
    path = tmp_path / f"责任人.{kind}"
    if kind == "csv":
        path.write_bytes(_csv_bytes([headers, *rows], "utf-8"))
    else:
        _xlsx_bytes([headers, *rows], path)
    _attempt(people, lambda: responsible_service.import_file(people.uow, path))


WARNING_KEYS = ["issuer", "type", "colour", "issued_at", "valid_until", "villages", "text",
                "measures", "supersedes", "action", "received_at", "unknown"]


@FUZZ
@given(document=st.one_of(
    st.dictionaries(st.sampled_from(WARNING_KEYS), VALUE, max_size=10),
    st.fixed_dictionaries({"issuer": CELL, "type": st.sampled_from(["暴雨", "台风", "地震", ""]),
                           "colour": st.sampled_from(["red", "黄色", "purple", "IV", ""]),
                           "issued_at": CELL, "villages": st.one_of(JSON, st.just(["全镇"]))},
                          optional={"valid_until": CELL, "supersedes": VALUE, "action": VALUE})),
       person=VALUE, channel=VALUE, answered=st.booleans(), at=CELL)
def test_warnings_and_relays(people, tmp_path, count_case, document, person, channel, answered, at):
    count_case()
    uow = people.uow
    if not responsible_service.directory(uow).people:
        responsible_service.add_person(uow, {"name": "李四", "village": "东村", "role": "网格员",
                                             "mobile": "13900000001"})
    path = tmp_path / "warning.json"
    path.write_text(json.dumps(document, ensure_ascii=False, default=str), encoding="utf-8")
    _attempt(people, lambda: warning_service.add_warning(uow, import_export.read_json_object(path)))
    for warning in warning_service.list_warnings(uow)[:2]:
        _attempt(people, lambda w=warning: warning_service.record_attempt(
            uow, w.id, person, channel, answered, at=at))
        _attempt(people, lambda w=warning: warning_service.mark_sent(uow, w.id, channel, at=at))
