"""Staff files are imported whole or not at all; every bad row is named by row and column."""

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from dutyroom.services import import_export, staff_service
from dutyroom.services.errors import InputError

HEADER = ["姓名", "值班层级", "手机", "部门", "职务", "办公电话"]
GOOD = [
    ["周立新", "主要领导", "13907310000", "镇党委", "党委书记", "0731-86210000"],
    ["王海涛", "带班领导", "13907311000", "镇政府", "副镇长", ""],
    ["杨帆", "值班员", "13907312000", "党政办", "科员", ""],
]


def write(tmp_path: Path, kind: str, rows: list[list[object]], header=HEADER) -> Path:
    if kind == "xlsx":
        path = tmp_path / "人员.xlsx"
        book = Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        book.save(path)
        return path
    path = tmp_path / "人员.csv"
    encoding = {"csv-utf8": "utf-8-sig", "csv-gbk": "gbk"}[kind]
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


KINDS = ["csv-utf8", "csv-gbk", "xlsx"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_good_file_is_imported(backend, tmp_path, kind):
    path = write(tmp_path, kind, GOOD)
    outcome = import_export.import_staff_file(backend.uow, path)
    assert outcome.value == 3 and outcome.changes.staff
    people = staff_service.list_staff(backend.uow)
    assert [(p.name, p.tier.value, p.mobile) for p in people] == [
        ("周立新", "chief", "13907310000"), ("王海涛", "leader", "13907311000"),
        ("杨帆", "officer", "13907312000")]
    assert people[0].office_phone == "0731-86210000"


def test_numeric_mobiles_from_excel(backend, tmp_path):
    path = write(tmp_path, "xlsx", [["杨帆", "值班员", 13907312000, "党政办", "科员", None]])
    assert import_export.import_staff_file(backend.uow, path).value == 1
    assert staff_service.list_staff(backend.uow)[0].mobile == "13907312000"


def test_english_headers(backend, tmp_path):
    path = write(tmp_path, "csv-utf8", [["Li Si", "leader", "13800138000", "", "", ""]],
                 header=["name", "tier", "mobile", "department", "position", "office_phone"])
    assert import_export.import_staff_file(backend.uow, path).value == 1


BAD_ROWS = [
    ("missing name", ["", "值班员", "13907312001", "", "", ""], "姓名", "姓名不能为空"),
    ("unknown tier", ["朱婷", "值班长", "13907312001", "", "", ""], "值班层级", "不是值班层级"),
    ("short mobile", ["朱婷", "值班员", "1390731200", "", "", ""], "手机", "不是 11 位手机号"),
    ("duplicate name", ["杨帆", "值班员", "13907312001", "", "", ""], "姓名", "与第 4 行重复"),
    ("duplicate mobile", ["朱婷", "值班员", "13907312000", "", "", ""], "手机", "与第 4 行重复"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("case", "row", "column", "message"), BAD_ROWS,
                         ids=[b[0] for b in BAD_ROWS])
def test_one_bad_row_rejects_the_whole_file(backend, tmp_path, kind, case, row, column, message):
    staff_service.add_staff(backend.uow, {"name": "原有", "tier": "值班员",
                                          "mobile": "13600136000"})
    path = write(tmp_path, kind, [*GOOD, row])
    with pytest.raises(InputError) as caught:
        import_export.import_staff_file(backend.uow, path)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (5, column)
    assert message in problem.message
    line = caught.value.one_line()
    assert path.name in line and "第 5 行" in line and f"列「{column}」" in line
    assert [p.name for p in staff_service.list_staff(backend.uow)] == ["原有"]


def test_a_person_already_on_the_desk_is_a_duplicate(backend, tmp_path):
    staff_service.add_staff(backend.uow, {"name": "杨帆", "tier": "值班员",
                                          "mobile": "13600136000"})
    with pytest.raises(InputError) as caught:
        import_export.import_staff_file(backend.uow, write(tmp_path, "csv-utf8", GOOD))
    assert (caught.value.problems[0].row, caught.value.problems[0].column) == (4, "姓名")
    assert len(staff_service.list_staff(backend.uow)) == 1


def test_the_preview_lists_every_problem_without_importing(backend, tmp_path):
    rows = [*GOOD, ["", "值班员", "13907312001", "", "", ""], ["朱婷", "x", "1", "", "", ""]]
    preview = import_export.preview_staff_file(backend.uow, write(tmp_path, "xlsx", rows))
    assert not preview.ok
    assert [p.row for p in preview.problems] == [5, 6, 6]  # row 6: its tier and its mobile
    assert len(preview.rows) == 5 and len(preview.people) == 3
    assert staff_service.list_staff(backend.uow) == []


@pytest.mark.parametrize(("content", "message"), [
    (b"", "空"),
    ("姓名,手机\n张三,13800138000\n".encode(), "缺少必需的列「值班层级」"),
    ("姓名,值班层级,手机\n".encode(), "没有人员数据"),
    (b"\xff\xfe\x00garbage\x81\x82", "编码"),
])
def test_unusable_csv_files(sqlite_backend, tmp_path, content, message):
    path = tmp_path / "staff.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        import_export.import_staff_file(sqlite_backend.uow, path)


def test_unreadable_or_wrong_files(sqlite_backend, tmp_path):
    with pytest.raises(InputError, match=r"missing\.csv：文件不存在"):
        import_export.import_staff_file(sqlite_backend.uow, tmp_path / "missing.csv")
    fake = tmp_path / "staff.xlsx"
    fake.write_text("not a workbook")
    with pytest.raises(InputError, match="损坏"):
        import_export.import_staff_file(sqlite_backend.uow, fake)
    with pytest.raises(InputError, match=r"\.xlsx 或 \.csv"):
        import_export.import_staff_file(sqlite_backend.uow, tmp_path / "staff.doc")


def test_every_bad_field_of_a_row_is_named(sqlite_backend, tmp_path):
    path = write(tmp_path, "csv-utf8", [["", "组长", "1390731", "", "", "电话"]])
    preview = import_export.preview_staff_file(sqlite_backend.uow, path)
    assert [(p.row, p.column) for p in preview.problems] == [
        (2, "姓名"), (2, "值班层级"), (2, "手机"), (2, "办公电话")]
