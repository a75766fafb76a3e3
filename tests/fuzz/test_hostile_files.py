"""The named attacks of issue 17: hostile files and values, formula injection, streaming
limits and killed backups. Each refused case must be a clear one-line Chinese message with
every table unchanged; none may crash, and no database error text may reach the person."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from dutyroom.db.backup import backup_folder
from dutyroom.services import (
    backup_service,
    department_service,
    import_export,
    incident_service,
    incident_views,
    register_service,
    roster_calendar,
    roster_files,
    roster_service,
    settings_service,
    staff_service,
    user_service,
)
from dutyroom.services.errors import InputError
from tests.fuzz.tables import contents

BASE = {"received_at": "2026-07-01T10:00", "title": "河堤管涌", "category": "natural_disaster"}
# The "billion laughs": nine levels of ten, 10^9 copies of "lol" if expanded.
BOMB = (b'<!DOCTYPE worksheet [<!ENTITY a "lol">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([c]), (b"&" + bytes([c - 1]) + b";") * 10)
                   for c in range(ord("b"), ord("j")))
        + b"]>")


def refused_in_chinese(backend, count_case, action, *words: str) -> str:
    """As `refused`, and the line holds no library's English reason: a file's fault is told
    in the desk's words."""
    line = refused(backend, count_case, action, *words)
    assert not english(line), line
    return line


def refused(backend, count_case, action, *words: str) -> str:
    """The action is refused in one Chinese line naming the problem, and nothing changed."""
    count_case()
    before = contents(backend.engine)
    with pytest.raises(InputError) as caught:
        action()
    line = caught.value.one_line()
    assert "\n" not in line and "Traceback" not in line and "SELECT" not in line.upper()
    for word in words:
        assert word in line, line
    assert contents(backend.engine) == before
    return line


# Words a Chinese message may carry: formats and encodings by their names, and the command.
ALLOWED_WORDS = {"xlsx", "csv", "json", "ics", "icalendar", "utf", "gbk", "dutyroom", "init", "date",
                 "kind", "name"}


def english(line: str) -> list[str]:
    """Runs of Latin letters that are neither a file name nor an allowed word: a library's
    own (English) reason leaking through."""
    without_files = re.sub(r"[\w./-]+\.(xlsx|csv|json|ics|sqlite3)\b", "", line)
    return [w for w in re.findall(r"[A-Za-z]{3,}", without_files) if w.lower() not in ALLOWED_WORDS]


def _staff_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in [["姓名", "值班层级", "手机"], *rows]:
        book.active.append(row)
    book.save(path)
    return path


def _rewrite_sheet(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name in original.namelist():
            data = original.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = change(data)
            out.writestr(name, data)
    return target


@pytest.fixture
def desk(backend):
    staff_service.add_staff(backend.uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    return backend


# --- values, on SQLite and PostgreSQL -----------------------------------------------------------

HOSTILE_INCIDENTS = [
    ({"received_at": "0001-01-01T00:00"}, "年份"),
    ({"received_at": "9999-12-31T23:59"}, "年份"),
    ({"occurred_at": "1899-12-31T23:00"}, "年份"),
    ({"economic_loss": 10**20}, "直接经济损失"),
    ({"deaths": 10**12}, "死亡"),
    ({"injured": "1" * 5000}, "受伤"),
    ({"title": "化工\udc80泄漏"}, "代理字符"),
    ({"title": "化工\x00泄漏"}, "控制字符"),
    ({"reporter": "张\x1b[31m三"}, "控制字符"),
    ({"title": "\u202e\u200b"}, "控制字符"),
    ({"title": "\u200b\u200c\u2060"}, "看不见"),
    ({"location": "\u202egnp.exe"}, "方向"),
    ({"title": '["a", {"b": 1}]'}, "JSON"),
    ({"title": '{"title": "x"}'}, "JSON"),
    ({"level": "V"}, "级别"),
]


@pytest.mark.parametrize(("change", "word"), HOSTILE_INCIDENTS)
def test_hostile_incident_values(desk, count_case, change, word):
    refused(desk, count_case, lambda: incident_service.add_incident(desk.uow, {**BASE, **change}),
            word)


@pytest.mark.owner  # it makes an account too: over the owner's connection on a server
@pytest.mark.parametrize("name", ["张\x00三", "\u202e三张", "\u200b", "李\ud800四", "王\x07五"])
def test_hostile_names_of_people_departments_and_accounts(desk, count_case, name):
    refused(desk, count_case, lambda: staff_service.add_staff(
        desk.uow, {"name": name, "tier": "值班员", "mobile": "13800000009"}), "姓名")
    refused(desk, count_case, lambda: department_service.add_department(
        desk.uow, {"name": name, "duty_phone": "110"}), "单位名称")
    refused(desk, count_case, lambda: user_service.add_user(desk.uow, {
        "username": "wang", "display_name": name, "role": "officer", "password": "Duty-2026!",
        "confirm": "Duty-2026!"}), "姓名")
    refused(desk, count_case, lambda: settings_service.save_settings(desk.uow, {"unit_name": name}))
    refused(desk, count_case, lambda: register_service.add_entry(desk.uow, {
        "kind": "call", "received_at": "2026-07-01T10:00", "from_unit": name, "title": "来电"}))


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "0001-01-02"), ("2026-01-01", "9999-12-31"),
                                            ("1899-01-01", "1899-01-31")])
def test_years_outside_1900_to_2100(desk, count_case, start, end):
    refused(desk, count_case, lambda: roster_calendar.add_period(desk.uow, "两会", start, end), "年份")


def test_search_text_with_a_nul_is_no_database_error(desk, count_case):
    count_case()
    incident_service.add_incident(desk.uow, BASE)
    page = incident_views.list_incidents(desk.uow, incident_views.IncidentQuery(text="管\x00涌"))
    assert [r.title for r in page.rows] == ["河堤管涌"]  # what no record can hold is not searched


# --- files --------------------------------------------------------------------------------------


def test_json_nested_100000_deep(desk, count_case, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    refused_in_chinese(desk, count_case, lambda: import_export.read_json_object(path), "嵌套")
    path.write_text('{"a": ' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    refused_in_chinese(desk, count_case, lambda: import_export.read_json_object(path), "嵌套")


@pytest.fixture
def good_xlsx(tmp_path):
    return _staff_xlsx(tmp_path / "good.xlsx", [["李四", "值班员", "13800000002"]])


@pytest.mark.parametrize("importer", ["staff", "rota"])
def test_truncated_xlsx_xml(desk, count_case, tmp_path, good_xlsx, importer):
    broken = _rewrite_sheet(good_xlsx, tmp_path / "broken.xlsx", lambda d: d[: len(d) // 2])
    action = (import_export.import_staff_file if importer == "staff" else roster_files.import_roster)
    refused_in_chinese(desk, count_case, lambda: action(desk.uow, broken), "broken.xlsx", "损坏")


@pytest.mark.parametrize("importer", ["staff", "rota"])
def test_xml_entity_bomb_in_xlsx(desk, count_case, tmp_path, good_xlsx, importer):
    bomb = _rewrite_sheet(good_xlsx, tmp_path / "bomb.xlsx", lambda d: d.replace(
        b"<worksheet", BOMB + b"<worksheet", 1).replace(b"<v>", b"<v>&i;", 1))
    action = (import_export.import_staff_file if importer == "staff" else roster_files.import_roster)
    refused_in_chinese(desk, count_case, lambda: action(desk.uow, bomb), "bomb.xlsx", "损坏")  # not expanded


@pytest.mark.parametrize(("name", "data"), [
    ("renamed.xlsx", "这其实是一个文本文件".encode()),
    ("quote.csv", '姓名,值班层级,手机\n"李四,值班员,13800000002\n'.encode()),
    ("nul.csv", "姓名,值班层级,手机\n李\x00四,值班员,13800000002\n".encode()),
    ("latin.csv", bytes(range(128, 256)) * 4),
], ids=["not-a-zip", "open-quote", "nul", "no-encoding"])
def test_a_broken_table_is_refused_in_chinese(desk, count_case, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    line = refused_in_chinese(desk, count_case, lambda: import_export.import_staff_file(desk.uow, path), name)
    assert "（" in line or "编码" in line, line


@pytest.mark.parametrize("text", ['{"title": 河堤}', '{"title": "河堤"', "{'title': 1}", '{"a": 1} x'])
def test_broken_json_is_refused_in_chinese(desk, count_case, tmp_path, text):
    path = tmp_path / "incident.json"
    path.write_text(text, encoding="utf-8")
    refused_in_chinese(desk, count_case, lambda: import_export.read_json_object(path), "JSON", "第 1 行")


@pytest.mark.parametrize("data", [b"BEGIN:VCALENDAR\r\nnot a line\r\n", b"\x00\x01garbage",
                                  b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2027x\r\n"
                                  b"SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"])
def test_a_broken_calendar_is_refused_in_chinese(desk, count_case, tmp_path, data):
    path = tmp_path / "holidays.ics"
    path.write_bytes(data)
    refused_in_chinese(desk, count_case, lambda: roster_files.import_calendar(desk.uow, path))


def test_ics_date_99991231(desk, count_case, tmp_path):
    path = tmp_path / "holidays.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//CN\r\nBEGIN:VEVENT\r\nUID:1\r\n"
                    "DTSTART;VALUE=DATE:99991231\r\nSUMMARY:元旦 休\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                    encoding="utf-8")
    refused_in_chinese(desk, count_case, lambda: roster_files.import_calendar(desk.uow, path), "年份 9999")


def test_calendar_csv_name_with_control_characters(desk, count_case, tmp_path):
    path = tmp_path / "holidays.csv"
    path.write_text("date,kind,name\n2027-01-01,holiday,元旦\x1b\n", encoding="utf-8")
    refused(desk, count_case, lambda: roster_files.import_calendar(desk.uow, path), "控制字符")


def test_a_100_mb_csv_is_refused_before_it_is_read(desk, count_case, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write("姓名,值班层级,手机\n".encode())
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    refused(desk, count_case, lambda: import_export.import_staff_file(desk.uow, path), "文件过大")


def test_rows_are_counted_while_streaming(desk, count_case, tmp_path):
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "值班层级", "手机"])
        writer.writerows([f"人{n}", "值班员", "13800000000"] for n in range(200_000))
    refused(desk, count_case, lambda: import_export.import_staff_file(desk.uow, path), "行数超过")
    rows = tmp_path / "many.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["姓名", "值班层级", "手机"])
    for n in range(30_000):
        sheet.append([None, None, None] if n % 2 else [f"人{n}", "值班员", "13800000000"])
    book.save(rows)
    refused(desk, count_case, lambda: import_export.import_staff_file(desk.uow, rows), "行数超过")


def test_an_xlsx_that_unpacks_to_a_giant_sheet_is_refused_unread(desk, count_case, tmp_path, good_xlsx):
    bomb = _rewrite_sheet(good_xlsx, tmp_path / "zipbomb.xlsx",
                          lambda d: d.replace(b"<sheetData>", b"<sheetData>" + b" " * 70_000_000, 1))
    assert bomb.stat().st_size < 1_000_000
    refused(desk, count_case, lambda: import_export.import_staff_file(desk.uow, bomb), "解压后过大")


# --- formula injection ------------------------------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "+李四", "-2+3", "@SUM(1+1)"]


def test_formulas_in_names_are_exported_as_text(backend, tmp_path):
    uow = backend.uow
    for n, name in enumerate(FORMULAS):
        person = staff_service.add_staff(uow, {"name": name, "tier": "值班员",
                                               "mobile": f"1380000001{n}"}).value
        roster_service.assign(uow, roster_calendar.parse_range("2026-07-01", "2026-07-01")[0]
                              .replace(day=1 + n), roster_service.Tier.OFFICER, person.id)
    xlsx = roster_files.export_roster(uow, *roster_calendar.parse_range("2026-07-01", "2026-07-31"),
                                      "xlsx", tmp_path / "rota.xlsx")
    sheet = load_workbook(xlsx).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value in FORMULAS]
    assert len(cells) == len(FORMULAS) and {c.data_type for c in cells} == {"s"}
    with zipfile.ZipFile(xlsx) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")  # no formula element
    text = roster_files.export_roster(uow, *roster_calendar.parse_range("2026-07-01", "2026-07-31"),
                                      "csv", tmp_path / "rota.csv").read_text(encoding="utf-8-sig")
    names = [row[6] for row in csv.reader(io.StringIO(text))][1:]
    assert names == ["'" + f for f in FORMULAS]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in csv.reader(io.StringIO(text))
               for cell in row)


# --- killed backups ------------------------------------------------------------------------------


def test_a_killed_backup_leaves_no_partial_file_behind(sqlite_backend, tmp_path):
    folder = backup_folder(tmp_path / "desk.sqlite3")
    folder.mkdir(parents=True, exist_ok=True)
    killed = folder / "desk-auto-20260701T000000Z.sqlite3.partial"
    killed.write_bytes(b"half a copy")
    old = time.time() - 3600
    os.utime(killed, (old, old))
    fresh = folder / "desk-manual-20260701T000001Z.sqlite3.partial"  # another copy, still running
    fresh.write_bytes(b"being written")
    backup_service.auto_backup(sqlite_backend.url, "Asia/Shanghai")
    assert not killed.exists() and fresh.exists()
    target = tmp_path / "out" / "copy.sqlite3"
    target.parent.mkdir()
    (target.parent / "copy.sqlite3.partial").write_bytes(b"killed before")
    backup_service.backup_to(sqlite_backend.url, target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]


def test_the_contents_reader_sees_an_edited_row(desk):
    """The fuzz suite compares rows, not counts: an edit that keeps every count is seen."""
    before = contents(desk.engine)
    with desk.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE staff SET mobile = '13999999999'")
    assert contents(desk.engine) != before
    assert json.dumps(sorted(before)) == json.dumps(sorted(contents(desk.engine)))
