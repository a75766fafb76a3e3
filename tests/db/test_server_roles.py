"""Several desks on one PostgreSQL server: what the server itself refuses.

Every case connects as the desk role that `dutyroom server setup` made, the way a
workstation does, and tries with plain SQL what the application would never do: rewrite or
delete an audit entry, make itself administrator, change the schema. Each must fail in the
server, and the desk's own work must still go through.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from dutyroom.cli import main

pytestmark = pytest.mark.postgresql
PASSWORD = "县应急值班2026年"
ADMIN = {"DUTYROOM_USER": "admin", "DUTYROOM_PASSWORD": PASSWORD}


@pytest.fixture
def desk(desk_role, monkeypatch, capsys) -> Iterator[tuple[str, str]]:
    """A server desk with an administrator, an officer and one audited person."""
    owner, desk_url = desk_role
    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", PASSWORD)
    assert main(["init", "--db", owner, "--admin", "admin", "--name", "县管理员"]) == 0
    for name, value in ADMIN.items():
        monkeypatch.setenv(name, value)
    assert main(["user", "add", "zhang", "--name", "张三", "--role", "officer", "--db", owner]) == 0
    capsys.readouterr()
    yield owner, desk_url


@pytest.fixture
def as_desk(desk) -> Iterator[Engine]:
    engine = create_engine(desk[1])
    yield engine
    engine.dispose()


def refused(engine: Engine, statement: str) -> str:
    """Run `statement` as the desk role; it must be refused, and change nothing."""
    with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
        connection.execute(text(statement))
    return str(caught.value.orig)


ATTACKS = [
    "UPDATE audit_entries SET actor = '别人'",
    "DELETE FROM audit_entries",
    "TRUNCATE audit_entries",
    "ALTER TABLE audit_entries DISABLE TRIGGER USER",
    "DROP TRIGGER audit_entries_no_rewrite ON audit_entries",
    "UPDATE users SET role = 'admin' WHERE username = 'zhang'",
    "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'zhang')"
    " WHERE username = 'admin'",
    "UPDATE users SET active = true",
    "INSERT INTO users (username, display_name, role, password_hash, active, created_at)"
    " SELECT 'evil', '坏人', 'admin', password_hash, true, now() FROM users"
    " WHERE username = 'zhang'",
    "DELETE FROM users WHERE username = 'admin'",
    "UPDATE alembic_version SET version_num = '0001'",
    "CREATE TABLE mine (id integer)",
    "CREATE SCHEMA mine",
    "ALTER TABLE incidents ADD COLUMN x integer",
    "DROP TABLE staff",
    "ALTER ROLE CURRENT_USER CREATEROLE",
    "SET ROLE dutyroom",
]


@pytest.mark.parametrize("statement", ATTACKS, ids=lambda s: s[:40])
def test_the_desk_role_cannot_rewrite_history_or_raise_itself(desk, as_desk, statement):
    owner = create_engine(desk[0])
    try:
        with owner.connect() as connection:
            before = connection.execute(text(
                "SELECT (SELECT json_agg(a ORDER BY id) FROM audit_entries a)::text,"
                " (SELECT json_agg(u ORDER BY id) FROM users u)::text")).one()
        refused(as_desk, statement)
        with owner.connect() as connection:
            after = connection.execute(text(
                "SELECT (SELECT json_agg(a ORDER BY id) FROM audit_entries a)::text,"
                " (SELECT json_agg(u ORDER BY id) FROM users u)::text")).one()
        assert after == before
    finally:
        owner.dispose()


def test_even_the_owner_cannot_update_or_delete_an_audit_entry(desk):
    owner = create_engine(desk[0])
    try:
        for statement in ("UPDATE audit_entries SET actor = '别人' WHERE id = 1",
                          "DELETE FROM audit_entries WHERE id = 1", "TRUNCATE audit_entries"):
            assert "append-only" in refused(owner, statement)
    finally:
        owner.dispose()


def test_a_workstation_does_its_work_and_logs_in_as_the_desk_role(desk, as_desk, capsys,
                                                                  monkeypatch, tmp_path):
    desk_url = desk[1]
    people = tmp_path / "staff.csv"
    people.write_text("姓名,值班层级,手机\n李四,值班员,13800000001\n", encoding="utf-8")
    assert main(["staff", "import", str(people), "--db", desk_url]) == 0
    assert main(["period", "add", "--name", "两会", "--from", "2026-03-01", "--to", "2026-03-10",
                 "--db", desk_url]) == 0
    monkeypatch.setenv("DUTYROOM_PASSWORD", "不是这个密码啊")
    assert main(["staff", "list", "--db", desk_url]) == 2  # the counter is the desk's to keep
    monkeypatch.setenv("DUTYROOM_PASSWORD", PASSWORD)
    capsys.readouterr()
    assert main(["check", "--json", "--db", desk_url]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    with as_desk.connect() as connection:
        actors = connection.execute(text("SELECT actor, action FROM audit_entries")).all()
    assert ("县管理员(admin)", "login_failed") not in actors  # recorded under the login name
    assert ("admin", "login_failed") in actors
    assert ("县管理员(admin)", "create") in actors


def test_accounts_are_managed_over_the_owner_connection_only(desk, capsys):
    owner, desk_url = desk
    code = main(["user", "add", "li", "--name", "李四", "--role", "admin", "--db", desk_url])
    err = capsys.readouterr().err
    assert code == 2 and "值班席位角色不能修改账户" in err and "所有者" in err
    assert main(["user", "add", "li", "--name", "李四", "--role", "leader", "--db", owner]) == 0
    capsys.readouterr()
    assert main(["user", "list", "--json", "--db", desk_url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(u["login"], u["role"]) for u in listed] == [
        ("admin", "admin"), ("zhang", "officer"), ("li", "leader")]


def test_setting_up_again_keeps_the_role_and_refuses_a_powerful_one(desk_role, capsys,
                                                                    monkeypatch):
    owner, desk_url = desk_role
    name = desk_url.split("://", 1)[1].split(":", 1)[0]
    assert main(["server", "setup", "--json", "--db", owner, "--desk-user", name]) == 0
    assert json.loads(capsys.readouterr().out) == {"desk_user": name, "created": False}
    assert main(["server", "setup", "--db", owner, "--desk-user", "dutyroom"]) == 2
    assert "不能作为值班席位角色" in capsys.readouterr().err
    assert main(["server", "setup", "--db", owner, "--desk-user", "Bad-Name"]) == 2
    assert "--desk-user" in capsys.readouterr().err
    assert main(["server", "setup", "--db", owner, "--desk-user", "desk_without_password"]) == 2
    assert "DUTYROOM_DESK_PASSWORD" in capsys.readouterr().err


def test_a_desk_cannot_upgrade_the_schema_and_says_who_can(desk_role, capsys):
    owner, desk_url = desk_role
    engine = create_engine(owner)
    try:
        with engine.begin() as connection:  # as if this Dutyroom were newer than the schema
            connection.execute(text("UPDATE alembic_version SET version_num = '0010'"))
    finally:
        engine.dispose()
    code = main(["staff", "list", "--db", desk_url])
    err = capsys.readouterr().err
    assert code == 2 and "由 0010 升级到" in err and "所有者的连接运行 dutyroom init" in err


def test_defaults_the_desk_role_stores_for_itself_do_not_take_the_desks_down(desk, as_desk,
                                                                             capsys):
    """PostgreSQL lets any role `ALTER ROLE CURRENT_USER SET …`: one officer with psql could
    make every workstation's next connection read-only, time out at once, miss its tables or
    garble Chinese. Each connection states its own session at startup instead."""
    from sqlalchemy.engine import make_url

    from dutyroom.services.live import ChangeWatch

    with as_desk.begin() as connection:
        for setting in ("default_transaction_read_only = on", "statement_timeout = 1",
                        "search_path = pg_temp", "client_encoding = 'LATIN1'",
                        "idle_session_timeout = 1", "DateStyle = 'German, DMY'"):
            connection.execute(text(f"ALTER ROLE CURRENT_USER SET {setting}"))
    desk_url = desk[1]
    watch = ChangeWatch(make_url(desk_url), own_too=True)
    try:
        assert main(["period", "add", "--name", "两会", "--from", "2026-03-01", "--to",
                     "2026-03-10", "--db", desk_url]) == 0
        assert watch.wait(5).roster
        capsys.readouterr()
        assert main(["staff", "list", "--json", "--db", desk_url]) == 0
        assert json.loads(capsys.readouterr().out) == []
    finally:
        watch.close()
    owner = create_engine(desk[0])
    try:
        with owner.connect() as connection:
            assert connection.execute(text("SELECT name FROM sensitive_periods")).scalars() \
                .all() == ["两会"]
    finally:
        owner.dispose()


def test_a_desk_role_cannot_make_the_workstations_commits_undurable(desk, as_desk):
    """`ALTER ROLE CURRENT_USER SET synchronous_commit = off` breaks nothing anyone sees: every
    save still says it is saved, but a server crash then loses the last saves of every desk
    after they were reported done. A workstation's connection states it back to on."""
    from sqlalchemy.engine import make_url

    from dutyroom.db.engine import make_engine

    with as_desk.begin() as connection:
        connection.execute(text("ALTER ROLE CURRENT_USER SET synchronous_commit = off"))
    workstation = make_engine(make_url(desk[1]))
    try:
        with workstation.connect() as connection:
            assert connection.execute(text("SHOW synchronous_commit")).scalar_one() == "on"
    finally:
        workstation.dispose()


def test_a_lock_held_by_the_desk_role_is_a_refusal_not_an_endless_hang(desk, as_desk, capsys,
                                                                       monkeypatch):
    """Anyone with the desk role can take the audit chain's advisory lock in psql and keep
    the session open: every workstation's next save then waited for ever (lock_timeout 0),
    the window busy and nothing said. The wait is bounded and the save refused in words."""
    import threading

    from dutyroom.db import audit, engine

    assert engine.LOCK_WAIT_SECONDS == 30 and ("lock_timeout", "30s") in engine.SERVER_SESSION
    monkeypatch.setattr(engine, "SERVER_SESSION", tuple(
        (name, "2s" if name == "lock_timeout" else value) for name, value in engine.SERVER_SESSION))
    holder = as_desk.connect()
    try:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": audit._PG_LOCK_KEY})
        holder.commit()
        done: list[int] = []
        save = threading.Thread(target=lambda: done.append(main(
            ["period", "add", "--name", "两会", "--from", "2026-03-01", "--to", "2026-03-10",
             "--db", desk[1]])), daemon=True)
        save.start()
        save.join(20)
        assert done and done[0] != 0, "the save still waits for the lock"
        assert "数据库被另一个连接占用" in capsys.readouterr().err
    finally:
        holder.invalidate()  # ends the session, and its lock, at once
    owner = create_engine(desk[0])
    try:
        with owner.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM sensitive_periods")).scalar() == 0
    finally:
        owner.dispose()


def test_a_forged_notification_on_the_channel_is_news_not_a_lost_connection(desk, as_desk):
    """Anyone with the desks' role may NOTIFY on the channel the windows listen on: a
    payload they would not write ("tables": null) makes a window refresh, not fail."""
    from sqlalchemy.engine import make_url

    from dutyroom.db.change_feed import CHANNEL
    from dutyroom.services.live import EVERYTHING, ChangeWatch

    watch = ChangeWatch(make_url(desk[1]))
    try:
        for payload in ('{"tables": null}', '{"origin": "x", "tables": 7}', "not json"):
            with as_desk.begin() as connection:
                connection.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": payload})
            assert watch.wait(5) == EVERYTHING
    finally:
        watch.close()


@pytest.fixture
def plain_owner(desk_role, capsys, monkeypatch) -> Iterator[tuple[str, str, Engine]]:
    """A database owned by a role made as README「多席位服务器」 step 1 makes it: it may log
    in and nothing more (no CREATEROLE), with its first administrator. Yields (owner URL,
    a desk role name not made yet, the superuser's engine)."""
    import uuid

    from sqlalchemy.engine import make_url

    admin_url = make_url(desk_role[0])  # the test server's superuser
    tag = uuid.uuid4().hex[:10]
    owner, database, desk_name = f"owner_{tag}", f"{admin_url.database}_{tag}", f"desk_{tag}"
    superuser = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with superuser.connect() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {owner} LOGIN PASSWORD 'owner-pass-2026'")
        connection.exec_driver_sql(f"CREATE DATABASE {database} OWNER {owner}")
    owner_url = admin_url.set(username=owner, password="owner-pass-2026", database=database) \
        .render_as_string(hide_password=False)
    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", PASSWORD)
    assert main(["init", "--db", owner_url, "--admin", "admin", "--name", "县管理员"]) == 0
    capsys.readouterr()
    try:
        yield owner_url, desk_name, superuser
    finally:
        with superuser.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {desk_name}")
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {owner}")
        superuser.dispose()


def test_the_readme_setup_works_with_an_owner_that_may_not_create_roles(plain_owner, capsys,
                                                                       monkeypatch):
    """Until now `server setup` by such an owner ended in an internal error: it tried to
    CREATE ROLE. It now says who makes the role, then grants; and it refuses a role that is
    a member of another (pg_write_all_data writes past every grant)."""
    from sqlalchemy.engine import make_url

    owner_url, desk_name, superuser = plain_owner
    monkeypatch.setenv("DUTYROOM_DESK_PASSWORD", "desk-pass-2026")
    assert main(["server", "setup", "--db", owner_url, "--desk-user", desk_name]) == 2
    err = capsys.readouterr().err
    assert f"CREATE ROLE {desk_name} LOGIN PASSWORD" in err and "postgres" in err
    with superuser.connect() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {desk_name} LOGIN PASSWORD 'desk-pass-2026'")
        connection.exec_driver_sql(f"GRANT pg_write_all_data TO {desk_name}")
    monkeypatch.delenv("DUTYROOM_DESK_PASSWORD")
    assert main(["server", "setup", "--db", owner_url, "--desk-user", desk_name]) == 2
    assert "属于其他角色" in capsys.readouterr().err
    with superuser.connect() as connection:
        connection.exec_driver_sql(f"REVOKE pg_write_all_data FROM {desk_name}")
    assert main(["server", "setup", "--db", owner_url, "--desk-user", desk_name]) == 0
    desk_url = make_url(owner_url).set(username=desk_name, password="desk-pass-2026")
    as_desk = create_engine(desk_url)
    try:
        for statement in ("DELETE FROM audit_entries", "UPDATE users SET role = 'admin'"):
            assert "permission denied" in refused(as_desk, statement)
    finally:
        as_desk.dispose()
    monkeypatch.setenv("DUTYROOM_USER", "admin")
    monkeypatch.setenv("DUTYROOM_PASSWORD", PASSWORD)
    assert main(["period", "add", "--name", "两会", "--from", "2026-03-01", "--to",
                 "2026-03-10", "--db", desk_url.render_as_string(hide_password=False)]) == 0
