"""The 责任人 directory and the warning relay, on SQLite and PostgreSQL: imports whole or
not at all, whom a warning reaches, every attempt recorded, alerts until all answered."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import update

from dutyroom.app import open_backend
from dutyroom.db.models import WarningAttempt
from dutyroom.domain.warnings import Action, Colour, RowState, Status
from dutyroom.services import (
    alert_service,
    integrity_service,
    responsible_service,
    settings_service,
    warning_service,
)
from dutyroom.services.errors import InputError

HEADER = ["村(社区)", "岗位", "姓名", "手机", "AB角", "备注"]
GOOD = [
    ["东村", "村(社区)书记", "张建国", "13800000001", "李秀英", ""],
    ["东村", "网格员", "李秀英", "13800000002", "张建国", ""],
    ["东村", "山洪预警员", "陈大勇", "13800000003", "张建国", "住村口"],
    ["西村", "村(社区)书记", "王德明", "13800000004", "", ""],
    ["西村", "村(社区)主任", "刘桂兰", "13800000005", "王德明", ""],
]
NOW = datetime(2026, 7, 1, 18, 40, tzinfo=UTC)  # 02:40 at the desk


def write(tmp_path: Path, rows: list[list[object]], kind: str = "csv", header=HEADER) -> Path:
    if kind == "xlsx":
        path = tmp_path / "责任人.xlsx"
        book = Workbook()
        book.active.append(header)
        for row in rows:
            book.active.append(row)
        book.save(path)
        return path
    path = tmp_path / "责任人.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def red(**extra: object) -> dict[str, object]:
    return {"issuer": "县气象台", "type": "暴雨", "colour": "red", "issued_at": "2026-07-02T02:30",
            "valid_until": "2026-07-02T20:00", "villages": ["全镇"], "text": "暴雨红色预警",
            **extra}


@pytest.fixture
def desk(backend, tmp_path):
    responsible_service.import_file(backend.uow, write(tmp_path, GOOD))
    return backend


def ids(desk) -> dict[str, int]:
    return {p.name: p.id for p in responsible_service.directory(desk.uow).people}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_good_file_is_imported_with_its_backups(backend, tmp_path, kind):
    assert responsible_service.import_file(backend.uow, write(tmp_path, GOOD, kind)).value == 5
    found = responsible_service.directory(backend.uow)
    by_name = {p.name: p for p in found.people}
    assert by_name["张建国"].backup_name == "李秀英"
    assert by_name["陈大勇"].backup_mobile == "13800000001"
    assert by_name["王德明"].backup_id is None
    assert found.villages == ("东村", "西村")


BAD_ROWS = [
    ("missing village", ["", "网格员", "赵强", "13800000009", "", ""], "村(社区)", "不能为空"),
    ("ten-digit mobile", ["西村", "网格员", "赵强", "1380000000", "", ""], "手机", "不是 11 位手机号"),
    ("unknown backup", ["西村", "网格员", "赵强", "13800000009", "钱多多", ""], "AB角",
     "不在文件或责任人名单中"),
    ("duplicate person", ["东村", "网格员", "李秀英", "13800000002", "", ""], "姓名", "与第 3 行重复"),
    ("shared mobile", ["西村", "网格员", "赵强", "13800000001", "", ""], "手机", "与第 2 行重复"),
    ("unknown role", ["西村", "村长助理", "赵强", "13800000009", "", ""], "岗位", "不是本镇设定的责任人岗位"),
]


def test_a_village_with_an_unseen_character_is_flagged_with_it_written_out(backend, tmp_path):
    """「东村」 with a zero-width space reads exactly like 东村: imported as it is, it would be
    a second 东村 that a warning for 东村 never reaches. The preview says so and shows it."""
    responsible_service.import_file(backend.uow, write(tmp_path, GOOD))
    preview = responsible_service.preview_file(backend.uow, write(
        tmp_path, [["东村\u200b", "网格员", "赵强", "13800000009", "", ""]]))
    assert preview.ok and len(preview.notices) == 1
    assert "「东村<U+200B>」与本镇的「东村」看起来相同" in preview.notices[0].message


@pytest.mark.parametrize(("case", "row", "column", "message"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_one_bad_row_rejects_the_whole_file(backend, tmp_path, case, row, column, message):
    path = write(tmp_path, [*GOOD, row])
    preview = responsible_service.preview_file(backend.uow, path)
    assert not preview.ok and len(preview.rows) == 6
    with pytest.raises(InputError) as caught:
        responsible_service.import_file(backend.uow, path)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (7, column)
    assert message in problem.message
    assert "第 7 行" in caught.value.one_line() and path.name in caught.value.one_line()
    assert responsible_service.directory(backend.uow).people == []


def test_a_person_already_in_the_directory_is_a_duplicate(desk, tmp_path):
    path = write(tmp_path, [["东村", "网格员", "李秀英", "13800000002", "", ""]])
    with pytest.raises(InputError, match="已有东村网格员「李秀英」"):
        responsible_service.import_file(desk.uow, path)
    # an AB角 already in the directory is fine
    path = write(tmp_path, [["西村", "网格员", "赵强", "13800000009", "王德明", ""]])
    assert responsible_service.import_file(desk.uow, path).value == 1
    assert {p.name: p for p in responsible_service.directory(desk.uow).people}[
        "赵强"].backup_name == "王德明"


def test_directory_edits_are_audited_and_checked(desk):
    person = responsible_service.add_person(desk.uow, {
        "name": "孙丽", "village": "南村", "role": "网格员", "mobile": "13900000001",
        "backup_id": ids(desk)["张建国"]}).value
    changed = responsible_service.update_person(desk.uow, person.id, {
        "name": "孙丽", "village": "南村", "role": "网格员", "mobile": "13900000002",
        "backup_id": None}, person.version).value
    assert changed.mobile == "13900000002" and changed.backup_id is None
    with pytest.raises(InputError, match="不能是本人"):
        responsible_service.update_person(desk.uow, person.id, {
            "name": "孙丽", "village": "南村", "role": "网格员", "mobile": "13900000002",
            "backup_id": person.id})
    responsible_service.set_person_active(desk.uow, person.id, False)
    assert "南村" not in responsible_service.directory(desk.uow).villages
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def test_a_red_warning_reaches_everyone_in_the_area_by_five_minutes(desk):
    added = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value
    assert [t.name for t in added.targets] == ["张建国", "李秀英", "陈大勇"]
    assert added.warning.relay_due == NOW + timedelta(minutes=5)
    yellow = warning_service.add_warning(desk.uow, red(colour="yellow"), now=NOW).value
    assert [t.name for t in yellow.targets] == ["张建国", "李秀英", "王德明", "刘桂兰"]
    assert yellow.warning.relay_due == NOW + timedelta(minutes=30)
    blue = warning_service.add_warning(desk.uow, red(colour="蓝色"), now=NOW).value
    assert blue.targets == [] and blue.warning.relay_due is None and blue.warning.done


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"valid_until": "2026-07-02T02:00"}, "valid_until", "有效期至应晚于发布时间"),
    ({"colour": "purple"}, "colour", "不是预警颜色"),
    ({"type": "地震"}, "type", "不是已知的预警类型"),
    ({"villages": ["东村", "月亮村"]}, "villages", "本镇没有村(社区)「月亮村」"),
    ({"villages": [{"a": 1}]}, "villages", "应为名称的列表"),
    ({"issued_at": "昨天"}, "issued_at", "不是有效的时间"),
    ({"supersedes": 99}, "supersedes", "没有编号为 99 的预警"),
])
def test_bad_warnings_change_nothing(desk, values, field, message):
    with pytest.raises(InputError) as caught:
        warning_service.add_warning(desk.uow, red(**values), now=NOW)
    assert caught.value.problems[0].field == field and message in caught.value.one_line()
    assert warning_service.list_warnings(desk.uow, at=NOW) == []


@pytest.mark.parametrize(("values", "message"), [
    ({"action": "cancle"}, "「cancle」不是通知类别"),
    ({"action": "upgrade"}, "通知类别写的是「升级」，但按颜色和它所跟随的通知应为「更新」"),
    ({"action": "upgrade", "colour": "orange"}, "写的是「升级」，但按颜色和它所跟随的通知应为「降级」"),
])
def test_a_later_notice_that_misnames_what_it_is_changes_nothing(desk, values, message):
    """A misspelt cancellation in a hand-written file must not become an update that keeps
    the warning in force and starts its relay again."""
    first = warning_service.add_warning(desk.uow, red(), now=NOW).value.warning
    values = {"supersedes": first.id, "issued_at": "2026-07-02T03:00", **values}
    with pytest.raises(InputError) as caught:
        warning_service.add_warning(desk.uow, values, now=NOW + timedelta(minutes=30))
    assert caught.value.problems[0].field == "action" and message in caught.value.one_line()
    assert [w.id for w in warning_service.list_warnings(desk.uow, at=NOW + timedelta(hours=1))] \
        == [first.id]
    assert warning_service.board(desk.uow, first.id, NOW + timedelta(hours=1)).warning.status \
        == Status.ACTIVE


@pytest.mark.parametrize(("values", "field", "said", "fixed"), [
    ({"action": "解除", "colour": colour}, "colour", "解除的是红色预警", {"colour": "红色"})
    for colour in ("yellow", "蓝色", "橙")] + [
    ({"action": action, "type": "台风预警"}, "type", "这是暴雨预警的后续通知", {"type": "暴雨预警"})
    for action in ("update", "解除")])
def test_a_later_notice_of_another_colour_or_type_than_it_may_have_changes_nothing(
        desk, values, field, said, fixed):
    """A 解除 in a hand-written file whose colour is not the warning's (a red warning
    "cancelled" as yellow) was recorded in that colour, showing a yellow warning lifted that
    was never issued; a later notice of another type (台风 after a 暴雨 warning) turned the
    暴雨 warning into a 台风 one, calling whoever 台风 narrows to, or lifted it by a 台风
    解除. Which one the county meant cannot be known: refused naming the field, nothing
    recorded; naming the warning's own colour and type (or leaving them out) goes through."""
    first = warning_service.add_warning(desk.uow, red(), now=NOW).value.warning
    values = {"supersedes": first.id, "issued_at": "2026-07-02T03:00", **values}
    with pytest.raises(InputError) as caught:
        warning_service.add_warning(desk.uow, values, now=NOW + timedelta(minutes=30))
    assert caught.value.problems[0].field == field and said in caught.value.one_line()
    assert warning_service.board(desk.uow, first.id, NOW + timedelta(hours=1)).warning.status \
        == Status.ACTIVE
    later = warning_service.add_warning(desk.uow, {**values, **fixed},
                                        now=NOW + timedelta(minutes=31)).value.warning
    assert (later.type, later.colour, later.thread_id) == ("暴雨", Colour.RED, first.thread_id)
    assert later.action == (Action.CANCEL if values["action"] == "解除" else Action.UPDATE)


def test_a_relay_worked_through_with_the_backup(desk):
    people = ids(desk)
    w = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value.warning
    for minute in range(3):
        done = warning_service.record_attempt(
            desk.uow, w.id, people["陈大勇"], "phone", False, at=NOW + timedelta(minutes=minute),
            now=NOW + timedelta(minutes=4)).value
    assert done.target.state_label == "未接通 3 次" and done.target.row.offer_backup
    assert done.target.backup_name == "张建国"
    # bulk: a text to everyone not reached records the channel, answers nobody
    sent = warning_service.mark_sent(desk.uow, w.id, "sms", now=NOW + timedelta(minutes=4)).value
    assert sent == 3
    board = warning_service.board(desk.uow, w.id, at=NOW + timedelta(minutes=4))
    assert board.warning.reached == 0
    assert [t.row.state for t in board.targets] == [RowState.NOT_CONTACTED, RowState.NOT_CONTACTED,
                                                    RowState.NO_ANSWER]
    # the AB角 (张建国) answers for 陈大勇 — by name, as the command line may give it;
    # 张建国 is on the list himself, so his own row is what a call to him records
    warning_service.record_attempt(desk.uow, w.id, "张建国", "phone", True, now=NOW + timedelta(minutes=4))
    warning_service.record_attempt(desk.uow, w.id, people["李秀英"], "visit", True,
                                   now=NOW + timedelta(minutes=4))
    board = warning_service.board(desk.uow, w.id, at=NOW + timedelta(minutes=4))
    assert [t.name for t in board.unreached] == ["陈大勇"]
    with pytest.raises(InputError, match="王德明 不在该预警的叫应名单中"):
        warning_service.record_attempt(desk.uow, w.id, people["王德明"], "phone", True, now=NOW)


def test_the_backup_answers_for_a_person_not_on_the_list(desk):
    people = ids(desk)
    w = warning_service.add_warning(desk.uow, red(villages=["西村"], colour="yellow"),
                                    now=NOW).value.warning
    settings_service.save_settings(desk.uow, {"relay_roles_yellow": "村(社区)主任"})
    # 刘桂兰's AB角 is 王德明, also on this list (yellow: 书记 and 主任): both rows separate
    relayed = warning_service.record_attempt(desk.uow, w.id, people["刘桂兰"], "phone", True,
                                             now=NOW).value
    assert relayed.target.row.state == RowState.ANSWERED and relayed.warning.reached == 1
    only_director = warning_service.add_warning(desk.uow, red(villages=["西村"], colour="yellow"),
                                                now=NOW).value
    assert [t.name for t in only_director.targets] == ["刘桂兰"]
    via = warning_service.record_attempt(desk.uow, only_director.warning.id, people["王德明"],
                                         "phone", True, now=NOW).value
    assert via.target.name == "刘桂兰" and via.target.row.state == RowState.BACKUP
    assert via.warning.done and via.next == []


def test_the_backup_on_the_list_answers_for_the_row_the_officer_chose(desk):
    people = ids(desk)
    w = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value.warning
    # 陈大勇's AB角 张建国 is on the list himself: the board says which row the call is for
    relayed = warning_service.record_attempt(desk.uow, w.id, people["陈大勇"], "phone", True,
                                             now=NOW, backup=True).value
    assert relayed.target.name == "陈大勇" and relayed.target.row.state == RowState.BACKUP
    assert [t.name for t in relayed.next] == ["张建国", "李秀英"]
    with pytest.raises(InputError, match="王德明 没有登记 AB角"):
        west = warning_service.add_warning(desk.uow, red(villages=["西村"]), now=NOW).value
        warning_service.record_attempt(desk.uow, west.warning.id, people["王德明"], "phone", True,
                                       now=NOW, backup=True)


def test_cancellation_and_expiry_end_the_relay(desk):
    people = ids(desk)
    first = warning_service.add_warning(desk.uow, red(colour="yellow"), now=NOW).value.warning
    up = warning_service.add_warning(desk.uow, {**red(), "supersedes": first.id},
                                     now=NOW + timedelta(minutes=1)).value.warning
    assert up.action == "upgrade" and up.thread_id == first.id and up.to_reach == 5
    with pytest.raises(InputError, match="已更新，不能再记录叫应"):
        warning_service.record_attempt(desk.uow, first.id, people["张建国"], "phone", True, now=NOW)
    cancel = warning_service.add_warning(desk.uow, {"supersedes": up.id, "action": "cancel",
                                                    "issued_at": "2026-07-02T03:00"},
                                         now=NOW + timedelta(minutes=30)).value.warning
    assert cancel.status == Status.CANCELLED and cancel.type == "暴雨"
    board = warning_service.board(desk.uow, up.id, at=NOW + timedelta(minutes=31))
    assert board.warning.status == Status.CANCELLED
    assert {t.row.state for t in board.targets} == {RowState.NOT_NEEDED}
    assert [v.action for v in board.thread] == ["issue", "upgrade", "cancel"]
    with pytest.raises(InputError, match="不能再记录叫应"):
        warning_service.record_attempt(desk.uow, up.id, people["张建国"], "phone", True,
                                       now=NOW + timedelta(minutes=31))
    with pytest.raises(InputError, match="已解除，不能再更新"):
        warning_service.add_warning(desk.uow, {**red(), "supersedes": cancel.id}, now=NOW)
    assert warning_service.list_warnings(desk.uow, active=True, at=NOW + timedelta(hours=1)) == []
    # a warning past its validity closes itself but keeps its record
    short = warning_service.add_warning(desk.uow, red(valid_until="2026-07-02T04:00"),
                                        now=NOW + timedelta(hours=1)).value.warning
    later = NOW + timedelta(hours=3)
    assert [w.id for w in warning_service.list_warnings(desk.uow, active=True,
                                                        at=NOW + timedelta(hours=1))] == [short.id]
    listed = {w.id: w.status for w in warning_service.list_warnings(desk.uow, at=later)}
    assert listed[short.id] == Status.EXPIRED


def test_unreached_people_ring_until_answered_and_survive_a_restart(db_target, tmp_path):
    desk = open_backend(db_target, "tester")
    try:
        responsible_service.import_file(desk.uow, write(tmp_path, GOOD))
        people = ids(desk)
        w = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value.warning
        assert alert_service.alerts_at(desk.uow, NOW + timedelta(minutes=4)) == []
        warning_service.record_attempt(desk.uow, w.id, people["张建国"], "phone", True,
                                       now=NOW + timedelta(minutes=2))
    finally:
        desk.close()
    desk = open_backend(db_target, "tester")
    try:
        due = [a for a in alert_service.alerts_at(desk.uow, NOW + timedelta(minutes=6))
               if a.kind == "warning_relay"]
        assert sorted(a.subject.split()[-1] for a in due) == ["李秀英", "陈大勇"]
        assert all(a.pressing and a.ref == w.id for a in due)
        for name in ("李秀英", "陈大勇"):
            warning_service.record_attempt(desk.uow, w.id, people[name], "phone", True,
                                           now=NOW + timedelta(minutes=7))
        assert [a for a in alert_service.alerts_at(desk.uow, NOW + timedelta(minutes=8))
                if a.kind == "warning_relay"] == []
    finally:
        desk.close()


def test_an_attempt_edited_behind_the_apps_back_is_found(desk):
    people = ids(desk)
    w = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value.warning
    warning_service.record_attempt(desk.uow, w.id, people["张建国"], "phone", False, now=NOW)
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    with desk.engine.begin() as connection:
        connection.execute(update(WarningAttempt).values(outcome="answered"))
    report = integrity_service.run_check(desk.uow, desk.engine)
    assert not report.ok and any("叫应记录" in p for p in report.problems)


def test_the_relay_record_printed_and_exported(desk, tmp_path):
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from dutyroom.services import warning_record

    people = ids(desk)
    w = warning_service.add_warning(desk.uow, red(villages=["东村"], measures="转移低洼群众"),
                                    now=NOW).value.warning
    warning_service.record_attempt(desk.uow, w.id, people["张建国"], "phone", True,
                                   at=NOW + timedelta(seconds=50), now=NOW + timedelta(minutes=1))
    warning_service.record_attempt(desk.uow, w.id, people["陈大勇"], "phone", False,
                                   at=NOW + timedelta(seconds=70), now=NOW + timedelta(minutes=1))
    document = warning_record.relay_document(desk.uow, w.id, NOW + timedelta(minutes=9))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(document.data)).pages)
    for expected in ("预警信息接收及叫应记录", "暴雨红色预警", "转移低洼群众", "02:40:50 电话 已应答",
                     "02:41:10 电话 未接通", "三、未叫醒名单"):
        assert expected in text.replace("\n", " ").replace("  ", " ") or expected in text
    unreached = text.split("三、未叫醒名单")[1]
    assert "李秀英" in unreached and "陈大勇" in unreached
    assert unreached.split("值班员")[0].count("东村") == 2  # 张建国, reached, only as an AB角
    out = warning_record.export_relay(desk.uow, w.id, tmp_path / "叫应.xlsx", NOW + timedelta(minutes=9))
    book = load_workbook(out)
    rows = [[c for c in row] for row in book["叫应记录"].iter_rows(values_only=True)]
    assert rows[[r[0] for r in rows].index("防御措施要求")][:2] == ["防御措施要求", "转移低洼群众"]
    assert rows[[r[0] for r in rows].index("预警内容")][1] == "暴雨红色预警"
    people_rows = rows[rows.index(next(r for r in rows if r[0] == "村(社区)")) + 1:]
    assert [r[2] for r in people_rows] == ["张建国", "李秀英", "陈大勇"]
    assert "已应答" in people_rows[0][5] and people_rows[1][5] == "未联系"
    assert [r[2] for r in book["未叫醒名单"].iter_rows(min_row=2, values_only=True)] == \
        ["李秀英", "陈大勇"]


def test_an_answer_by_the_ab_jiao_is_a_line_of_its_own_in_the_record(desk):
    """In the record's narrow 联系记录 column a run-on 「已应答（AB角 …）」 broke after the
    bracket: the AB角 who answered is named on the next line."""
    from dutyroom.services import warning_record

    people = ids(desk)
    w = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value.warning
    warning_service.record_attempt(desk.uow, w.id, people["李秀英"], "phone", True,
                                   at=NOW + timedelta(seconds=30), now=NOW + timedelta(minutes=1),
                                   backup=True)
    record = warning_record.relay_record(desk.uow, w.id, NOW + timedelta(minutes=2))
    cells = {row.cells[2]: row.cells[5] for row in record.people}
    assert cells["李秀英"] == "07-02 02:40:30 电话 已应答\n（AB角 张建国）"


def test_the_demo_town_has_its_villages_a_cancelled_relay_done_and_a_yellow_one_under_way(backend):
    from dutyroom.services import demo_warnings

    seeded = NOW + timedelta(microseconds=54321)
    added = demo_warnings.seed_warnings(backend.uow, seeded)
    found = responsible_service.directory(backend.uow)
    assert len(found.villages) == 12 and added == len(found.people) > 36
    assert all(p.backup_id is not None for p in found.people)  # each with an AB角
    newest, cancellation, first = warning_service.list_warnings(backend.uow, at=seeded)
    assert (first.status, cancellation.status) == (Status.CANCELLED, Status.CANCELLED)
    assert first.to_reach > 0 and first.done  # fully relayed before the 解除
    board = warning_service.board(backend.uow, first.id, seeded)
    assert any(t.row.state == RowState.BACKUP for t in board.targets)  # one by the AB角
    assert (newest.colour.value, newest.status) == ("yellow", Status.ACTIVE)
    assert 0 < newest.reached < newest.to_reach  # partly relayed
    assert all(t.microsecond == 0 for w in (newest, first) for t in (w.issued_at, w.received_at))


def test_the_list_counts_progress_as_the_board_does_whatever_the_attempts(desk):
    """The list of warnings counts 已叫应 in the database; the board counts it from every
    attempt by the domain's rule. Seeded random attempts (answered, not, by the AB角, texts,
    on warnings later superseded or cancelled) must give both the same figures."""
    import random

    people = ids(desk)
    chance = random.Random(20)
    later = NOW + timedelta(hours=2)
    made = []
    for n in range(6):
        w = warning_service.add_warning(desk.uow, red(
            colour=chance.choice(["red", "yellow"]), villages=chance.choice([["全镇"], ["东村"]])),
            now=NOW + timedelta(minutes=n)).value
        made.append(w.warning.id)
        for target in w.targets:
            for k in range(chance.randint(0, 3)):
                channel, answered = chance.choice([("phone", True), ("phone", False), ("sms", False),
                                                   ("visit", True)])
                warning_service.record_attempt(
                    desk.uow, w.warning.id, target.person_id, channel, answered,
                    now=NOW + timedelta(minutes=n, seconds=10 + k),
                    backup=answered and target.backup_id is not None and chance.random() < 0.3)
    warning_service.add_warning(desk.uow, {"supersedes": made[0], "action": "cancel",
                                           "issued_at": "2026-07-02T03:00"}, now=NOW + timedelta(hours=1))
    listed = {w.id: (w.reached, w.to_reach) for w in warning_service.list_warnings(desk.uow, at=later)}
    for warning_id in made:
        board = warning_service.board(desk.uow, warning_id, later)
        assert listed[warning_id] == (board.warning.reached, board.warning.to_reach) == (
            sum(1 for t in board.targets if t.reached), len(board.targets))
    assert any(0 < r < t for r, t in listed.values())  # the seed reaches some, not all
    assert people  # the directory the warnings were built on


def test_the_handover_hands_over_warnings_in_force_and_the_unreached(desk):
    from datetime import date

    from dutyroom.services import handover_service

    people = ids(desk)
    w = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value.warning
    warning_service.record_attempt(desk.uow, w.id, people["张建国"], "phone", True, now=NOW)
    at = NOW + timedelta(minutes=20)  # 03:00 at the desk, the shift of 07-01
    view = handover_service.handover_view(desk.uow, date(2026, 7, 1), at)
    items = next(s for s in view.record.sections if s.key == "open_items")
    line = next(x for x in items.lines if x.key == f"warning/{w.id}")
    assert line.alert and line.cells[0] == "预警叫应"
    assert "已叫应 1/3" in line.cells[1] and "东村 网格员 李秀英" in line.cells[1]
    assert "东村 村(社区)书记 张建国" not in line.cells[1]
    for name in ("李秀英", "陈大勇"):
        warning_service.record_attempt(desk.uow, w.id, people[name], "phone", True, now=at)
    view = handover_service.handover_view(desk.uow, date(2026, 7, 1), at)
    items = next(s for s in view.record.sections if s.key == "open_items")
    line = next(x for x in items.lines if x.key == f"warning/{w.id}")
    assert not line.alert and line.cells[3] == "已全部叫应"
    # cancelled: no longer handed over
    warning_service.add_warning(desk.uow, {"supersedes": w.id, "action": "cancel",
                                           "issued_at": "2026-07-02T03:01"}, now=at)
    view = handover_service.handover_view(desk.uow, date(2026, 7, 1), at + timedelta(minutes=1))
    items = next(s for s in view.record.sections if s.key == "open_items")
    assert not [x for x in items.lines if x.key.startswith("warning/")]


# --- a thread, a receipt and a list that cannot lie (red team, issue 20) --------------------


def test_a_later_notice_follows_the_newest_and_a_cancelled_thread_takes_no_more(desk):
    """An update to the yellow notice after it was raised to red would have rebuilt the
    warning as yellow for one village; after the 解除 an update would have revived it."""
    yellow = warning_service.add_warning(desk.uow, red(colour="yellow", villages=["东村"]),
                                         now=NOW).value.warning
    upgraded = warning_service.add_warning(desk.uow, red(supersedes=yellow.id, villages=["东村", "西村"]),
                                           now=NOW + timedelta(minutes=1)).value.warning
    before = warning_service.board(desk.uow, upgraded.id, NOW + timedelta(minutes=2))
    with pytest.raises(InputError, match=f"最新的通知 #{upgraded.id}") as stale:
        warning_service.add_warning(desk.uow, red(supersedes=yellow.id, text="旧通知的更新"),
                                    now=NOW + timedelta(minutes=2))
    assert stale.value.problems[0].field == "supersedes"
    after = warning_service.board(desk.uow, upgraded.id, NOW + timedelta(minutes=2))
    assert after.warning.status == before.warning.status and len(after.targets) == len(before.targets)
    cancelled = warning_service.add_warning(desk.uow, {"supersedes": upgraded.id, "action": "cancel",
                                                       "issued_at": "2026-07-02T02:42"},
                                            now=NOW + timedelta(minutes=3)).value.warning
    for follows in (yellow.id, upgraded.id, cancelled.id):
        with pytest.raises(InputError, match="已解除"):
            warning_service.add_warning(desk.uow, red(supersedes=follows, colour="orange"),
                                        now=NOW + timedelta(minutes=4))
    assert warning_service.list_warnings(desk.uow, active=True, at=NOW + timedelta(minutes=5)) == []


def test_a_warning_nobody_can_be_called_for_is_refused_and_a_blue_one_is_not(desk):
    """东村 keeps only its 山洪预警员: a yellow warning (书记, 主任, 网格员) has nobody to
    call there and would count as done the moment it was saved."""
    people = ids(desk)
    for name in ("张建国", "李秀英"):
        responsible_service.set_person_active(desk.uow, people[name], False)
    with pytest.raises(InputError, match="东村没有需要叫应的在岗责任人") as refused:
        warning_service.add_warning(desk.uow, red(colour="yellow", villages=["东村"]), now=NOW)
    assert refused.value.problems[0].field == "villages"
    assert warning_service.list_warnings(desk.uow, at=NOW) == []
    reds = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value
    assert [t.name for t in reds.targets] == ["陈大勇"]
    blue = warning_service.add_warning(desk.uow, red(colour="blue", villages=["东村"]), now=NOW).value
    assert blue.targets == []  # recorded without calls, as the rules say


def test_an_inactive_backup_is_never_offered(desk):
    people = ids(desk)
    responsible_service.set_person_active(desk.uow, people["李秀英"], False)  # 张建国's AB角
    added = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value
    row = next(t for t in added.targets if t.name == "张建国")
    assert row.backup_name == "" and row.backup_id is None


@pytest.mark.parametrize(("received", "message"), [("2026-07-02T02:10", "接收时间不能早于发布时间")])
def test_a_receipt_before_the_issue_is_refused(desk, received, message):
    with pytest.raises(InputError, match=message):
        warning_service.add_warning(desk.uow, red(received_at=received), now=NOW)


def test_a_receipt_a_few_minutes_ahead_is_taken_as_now_and_listed(desk):
    ahead = (NOW + timedelta(minutes=4)).isoformat()
    added = warning_service.add_warning(desk.uow, red(received_at=ahead, issued_at=ahead),
                                        now=NOW).value.warning
    assert added.received_at == NOW
    assert [w.id for w in warning_service.list_warnings(desk.uow, active=True, at=NOW)] == [added.id]


@pytest.mark.parametrize("huge", [10**23, "99999999999999999999999", "1e999", "abc"])
def test_an_id_no_row_can_have_is_bad_input_naming_its_field(desk, huge):
    w = warning_service.add_warning(desk.uow, red(villages=["东村"]), now=NOW).value.warning
    with pytest.raises(InputError) as follows:
        warning_service.add_warning(desk.uow, red(supersedes=huge), now=NOW)
    assert follows.value.problems[0].field == "supersedes"
    with pytest.raises(InputError):
        warning_service.record_attempt(desk.uow, huge, "张建国", "phone", True, now=NOW)
    with pytest.raises(InputError, match="不在该预警的叫应名单中"):
        warning_service.record_attempt(desk.uow, w.id, huge, "phone", True, now=NOW)


def test_an_ab_name_two_people_share_is_a_row_error_not_a_silent_pick(backend, tmp_path):
    rows = [["东村", "网格员", "王五", "13800000011", "", ""],
            ["西村", "网格员", "王五", "13800000012", "", ""],
            ["南村", "村(社区)书记", "赵六", "13800000013", "王五", ""],
            ["东村", "村(社区)书记", "钱七", "13800000014", "王五", ""]]  # his own village's 王五
    with pytest.raises(InputError) as refused:
        responsible_service.import_file(backend.uow, write(tmp_path, rows))
    problems = refused.value.problems
    assert [(p.row, "重名" in p.message, "东村、西村" in p.message) for p in problems] == [(4, True, True)]
    assert responsible_service.directory(backend.uow).people == []


def test_a_desk_narrows_the_roles_called_for_one_type_of_warning(desk):
    """docs/rules.md: "a desk may narrow this per warning type" — a 山洪 warning goes to the
    山洪预警员 and the 书记 only; a 暴雨 warning of the same colour still goes to everyone."""
    settings_service.save_settings(desk.uow, {
        "relay_roles_by_type": "山洪灾害：山洪预警员、村(社区)书记、村(社区)主任"})
    flood = warning_service.add_warning(desk.uow, red(type="山洪灾害"), now=NOW).value
    assert [t.name for t in flood.targets] == ["张建国", "陈大勇", "王德明", "刘桂兰"]
    rain = warning_service.add_warning(desk.uow, red(), now=NOW).value
    assert len(rain.targets) == len(GOOD)
    yellow = warning_service.add_warning(desk.uow, red(type="山洪灾害", colour="yellow"),
                                         now=NOW).value
    assert [t.name for t in yellow.targets] == ["张建国", "王德明", "刘桂兰"]  # 书记、主任


def test_a_narrowing_that_would_leave_nobody_to_call_is_refused_and_nothing_changes(desk):
    before = settings_service.load_settings(desk.uow)
    for bad in ("山洪灾害：山洪预警员", "山洪灾害：护林员、网格员", "地震：网格员", "山洪灾害"):
        with pytest.raises(InputError) as caught:
            settings_service.save_settings(desk.uow, {"relay_roles_by_type": bad})
        assert caught.value.problems[0].field == "relay_roles_by_type"
    assert settings_service.load_settings(desk.uow) == before
    settings_service.save_settings(desk.uow, {"relay_roles_by_type": "山洪灾害：山洪预警员、网格员"})
    with pytest.raises(InputError, match="不在责任人岗位中"):  # a role used there stays
        settings_service.save_settings(desk.uow, {"responsible_roles": "村(社区)书记、网格员"})
