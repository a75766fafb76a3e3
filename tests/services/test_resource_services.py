"""The 应急资源 directory: kept like staff, imported whole or not at all, listed on an
incident of a subtype it serves, and checked against its audit trail."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from dutyroom.domain.resources import ResourceKind
from dutyroom.services import demo, integrity_service, resource_service
from dutyroom.services.errors import ConflictError, InputError

BOATS = {"kind": "物资", "name": "冲锋舟", "quantity": "2 艘", "location": "青山水库管理站",
         "keeper": "龚德明", "phone": "0731-86210238", "subtypes": ["山洪", "溺水"]}
MILITIA = {"kind": "team", "name": "民兵应急分队", "quantity": 30, "location": "镇武装部",
           "keeper": "张明远", "phone": "13907311002", "subtypes": "山洪、森林火情"}
HEADER = ["类型", "名称", "数量或容量", "位置", "负责人", "电话", "适用子类"]


def _csv(path: Path, rows: list[list[object]], header: list[str] = HEADER,
         encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_add_edit_deactivate_each_audited(backend):
    uow = backend.uow
    boats = resource_service.add_resource(uow, BOATS)
    assert boats.changes.resources and boats.value.kind == ResourceKind.SUPPLY
    assert (boats.value.quantity, boats.value.unit, boats.value.amount) == (2, "艘", "2 艘")
    edited = resource_service.update_resource(uow, boats.value.id, {**BOATS, "quantity": "3 艘"},
                                              version=boats.value.version)
    assert edited.value.quantity == 3 and edited.value.version == 2
    same = resource_service.update_resource(uow, boats.value.id, {**BOATS, "quantity": "3 艘"})
    assert not same.changes
    off = resource_service.set_resource_active(uow, boats.value.id, False)
    assert not off.value.active and off.changes.resources
    assert resource_service.for_subtype(uow, "溺水") == []
    assert [r.name for r in resource_service.list_resources(uow)] == ["冲锋舟"]
    assert integrity_service.run_check(uow, backend.engine).audit_entries == 3


def test_the_same_resource_twice_is_refused_but_another_store_is_not(backend):
    resource_service.add_resource(backend.uow, BOATS)
    with pytest.raises(InputError, match="应急资源中已有物资「冲锋舟」") as caught:
        resource_service.add_resource(backend.uow, {**BOATS, "quantity": "5 艘"})
    assert caught.value.problems[0].field == "name"
    resource_service.add_resource(backend.uow, {**BOATS, "location": "镇防汛仓库"})
    assert len(resource_service.list_resources(backend.uow)) == 2


def test_bad_fields_and_stale_edits_change_nothing(backend):
    with pytest.raises(InputError) as caught:
        resource_service.add_resource(backend.uow, {**BOATS, "phone": "", "subtypes": ["沉船"]})
    assert {p.field for p in caught.value.problems} == {"phone", "subtypes"}
    assert resource_service.list_resources(backend.uow) == []
    boats = resource_service.add_resource(backend.uow, BOATS).value
    resource_service.update_resource(backend.uow, boats.id, {**BOATS, "keeper": "王五"},
                                     version=boats.version)
    with pytest.raises(ConflictError):
        resource_service.update_resource(backend.uow, boats.id, {**BOATS, "keeper": "赵六"},
                                         version=boats.version)
    assert resource_service.list_resources(backend.uow)[0].keeper == "王五"


def test_an_incident_of_a_subtype_lists_what_is_tagged_for_it(backend):
    resource_service.add_resource(backend.uow, BOATS)
    resource_service.add_resource(backend.uow, MILITIA)
    assert [r.name for r in resource_service.for_subtype(backend.uow, "山洪")] == [
        "民兵应急分队", "冲锋舟"]  # teams first
    assert [r.name for r in resource_service.for_subtype(backend.uow, "森林火情")] == ["民兵应急分队"]
    assert resource_service.for_subtype(backend.uow, "火灾") == []


def test_an_xlsx_and_a_gbk_csv_import(backend, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["队伍", "民兵应急分队", 30, "镇武装部", "张明远", 13907311002, "山洪、森林火情"])
    sheet.append(["避难场所", "青山镇中心学校", 800, "学府路 8 号", "刘校长", "0731-86210301", "山洪"])
    book.save(tmp_path / "资源.xlsx")
    assert resource_service.import_file(backend.uow, tmp_path / "资源.xlsx").value == 2
    gbk = _csv(tmp_path / "物资.csv", [["物资", "救生衣", "120件", "镇防汛仓库", "范立新", "13707310109",
                                       "溺水、山洪"]], encoding="gbk")
    assert resource_service.import_file(backend.uow, gbk).value == 1
    found = {r.name: r for r in resource_service.list_resources(backend.uow)}
    assert found["民兵应急分队"].phone == "13907311002" and found["民兵应急分队"].amount == "30 人"
    assert found["救生衣"].subtypes == ("溺水", "山洪")
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_english_headers_and_a_reimport_updates_the_stock(backend, tmp_path):
    english = ["kind", "name", "quantity", "location", "keeper", "phone", "subtypes"]
    first = _csv(tmp_path / "a.csv", [["supply", "沙袋", "3000 条", "镇防汛仓库", "范立新",
                                       "13707310109", "山洪"]], english)
    resource_service.import_file(backend.uow, first)
    preview = resource_service.preview_file(backend.uow, _csv(tmp_path / "b.csv", [
        ["物资", "沙袋", "2500 条", "镇防汛仓库", "范立新", "13707310109", "山洪"],
        ["物资", "沙袋", "500 条", "东岭村委会", "李村长", "13707310199", "山洪"]]))
    assert preview.ok and [r.updates for r in preview.rows] == [True, False]
    resource_service.import_file(backend.uow, tmp_path / "b.csv")
    stocks = {r.location: r.quantity for r in resource_service.list_resources(backend.uow)}
    assert stocks == {"镇防汛仓库": 2500, "东岭村委会": 500}
    again = integrity_service.run_check(backend.uow, backend.engine)
    resource_service.import_file(backend.uow, tmp_path / "b.csv")  # nothing new: no new links
    assert integrity_service.run_check(backend.uow, backend.engine).audit_entries == again.audit_entries


@pytest.mark.parametrize(("row", "column", "words"), [
    (["物资", "沙袋", "3000 条", "仓库", "范立新", "13707310109", "沉船"], "适用子类", "沉船"),
    (["车辆", "皮卡", "2", "仓库", "范立新", "13707310109", "山洪"], "类型", "车辆"),
    (["物资", "沙袋", "很多", "仓库", "范立新", "13707310109", "山洪"], "数量或容量", "很多"),
    (["物资", "沙袋", "3000", "仓库", "范立新", "打电话", "山洪"], "电话", "打电话"),
    (["避难场所", "学校", "800", "", "刘校长", "13707310109", "山洪"], "位置", "位置"),
    (["队伍", "民兵", "30", "", "", "13707310109", "山洪"], "负责人", "负责人"),
    (["物资", "救生衣", "120 件", "仓库", "范立新", "13707310109", "溺水"], "名称", "第 2 行"),
])
def test_one_bad_row_rejects_the_file_naming_row_and_column(backend, tmp_path, row, column, words):
    good = ["物资", "救生衣", "120 件", "仓库", "范立新", "13707310109", "溺水"]
    path = _csv(tmp_path / "r.csv", [good, row])
    with pytest.raises(InputError) as caught:
        resource_service.import_file(backend.uow, path)
    problem = caught.value.problems[0]
    assert (problem.row, str(problem.column)) == (3, column)
    assert words in str(caught.value)
    assert resource_service.list_resources(backend.uow) == []


def test_a_file_without_the_columns_or_rows_is_refused(backend, tmp_path):
    with pytest.raises(InputError, match="缺少必需的列「适用子类」"):
        resource_service.import_file(backend.uow, _csv(tmp_path / "a.csv", [], HEADER[:-1]))
    with pytest.raises(InputError, match="没有应急资源数据"):
        resource_service.import_file(backend.uow, _csv(tmp_path / "b.csv", []))


def test_check_finds_a_resource_changed_behind_the_app(backend):
    boats = resource_service.add_resource(backend.uow, BOATS).value
    assert integrity_service.run_check(backend.uow, backend.engine).ok
    with backend.engine.begin() as connection:
        assert connection.execute(text("UPDATE resources SET phone = '13900000000' WHERE id = :id"),
                                  {"id": boats.id}).rowcount == 1
    problems = integrity_service.run_check(backend.uow, backend.engine).problems
    assert any(p.startswith("应急资源「冲锋舟」") and "直接改动" in p for p in problems), problems


def test_check_finds_a_resource_slipped_in_behind_the_app(backend):
    resource_service.add_resource(backend.uow, BOATS)
    with backend.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO resources (kind, name, quantity, unit, location, keeper, phone, subtypes,"
            " notes, active, created_at, updated_at, version) VALUES ('team', '假队伍', 5, '人', '',"
            " '某人', '13900000000', '山洪', '', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"))
    problems = integrity_service.run_check(backend.uow, backend.engine).problems
    assert any("假队伍" in p and "没有审计记录" in p for p in problems), problems


def test_the_demo_town_has_its_teams_stocks_and_shelters(backend):
    demo.seed_demo(backend.uow)
    listed = resource_service.list_resources(backend.uow)
    kinds = {r.kind for r in listed}
    assert kinds == set(ResourceKind)
    names = {r.name for r in listed}
    assert {"青山镇民兵应急分队", "冲锋舟", "救生衣", "青山镇中心学校", "东岭村文化礼堂"} <= names
    assert "冲锋舟" in {r.name for r in resource_service.for_subtype(backend.uow, "山洪")}


@pytest.mark.parametrize(("name", "data", "words"), [
    ("renamed.xlsx", "这其实是一个文本文件".encode(), "renamed.xlsx"),
    ("nul.csv", ("类型,名称,数量或容量,位置,负责人,电话,适用子类\n"
                 "物资,沙\x00袋,3000,仓库,范立新,13707310109,山洪\n").encode(), "第 2 行"),
    ("latin.csv", bytes(range(128, 256)) * 4, "latin.csv"),
], ids=["not-a-zip", "nul", "no-encoding"])
def test_a_hostile_file_is_refused_in_chinese_and_saves_nothing(backend, tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        resource_service.import_file(backend.uow, path)
    said = str(caught.value)
    assert words in said and "Traceback" not in said and any("\u4e00" <= c <= "\u9fff" for c in said)
    assert resource_service.list_resources(backend.uow) == []


def test_a_reimport_without_a_notes_column_keeps_the_notes_it_does_not_mention(backend, tmp_path):
    with_notes = _csv(tmp_path / "a.csv", [["物资", "沙袋", "3000 条", "镇防汛仓库", "范立新",
                                           "13707310109", "山洪", "钥匙在门卫室"]], [*HEADER, "备注"])
    resource_service.import_file(backend.uow, with_notes)
    counts_only = _csv(tmp_path / "b.csv", [["物资", "沙袋", "2000 条", "镇防汛仓库", "范立新",
                                             "13707310109", "山洪"]])
    preview = resource_service.preview_file(backend.uow, counts_only)
    assert [r.fields.notes for r in preview.rows if r.fields] == ["钥匙在门卫室"]
    resource_service.import_file(backend.uow, counts_only)
    (sandbags,) = resource_service.list_resources(backend.uow)
    assert (sandbags.quantity, sandbags.notes) == (2000, "钥匙在门卫室")
    cleared = _csv(tmp_path / "c.csv", [["物资", "沙袋", "2000 条", "镇防汛仓库", "范立新",
                                         "13707310109", "山洪", ""]], [*HEADER, "备注"])
    resource_service.import_file(backend.uow, cleared)  # an empty 备注 cell does clear them
    assert resource_service.list_resources(backend.uow)[0].notes == ""
    assert integrity_service.run_check(backend.uow, backend.engine).ok
