"""Several desks on one PostgreSQL server: the limited role the workstations connect with.

The database's owner (the county IT person's connection) runs migrations and manages
accounts. The workstations connect as a desk role that the server itself limits: it reads
and writes the desk's records but cannot change the schema, cannot UPDATE or DELETE an
audit entry (the 0014 trigger refuses that to the owner too), and cannot change an account
— not its role, its password hash or whether it is active. It may keep only the records
of logging in: an account's last login, and `login_attempts` (the lockout rule's counts
for every name typed; not audited, and no right in it). So holding a workstation's connection
details is not enough to make oneself administrator or to rewrite history; see README
「多席位服务器」 for why accounts are managed over the owner's connection rather than
through per-account server logins.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, text

from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# The only columns of `users` a desk writes: what logging in itself records. (It writes
# `login_attempts` whole, as any desk table: the grant on ALL TABLES below.)
LOGIN_COLUMNS = ("last_login_at",)
APPEND_ONLY = "audit_entries"
OWNER_ONLY = ("users", "alembic_version")


def check_role_name(raw: str) -> str:
    name = (raw or "").strip()
    if not _ROLE_NAME.fullmatch(name) or name.startswith("pg_"):
        raise InputError.simple(sentence(
            "角色名应为小写字母、数字或下划线，以字母开头，最多 63 位（例如 dutyroom_desk）"), "desk_user")
    return name


def _literal(value: str) -> str:
    """A string constant in a role statement, which takes no bound parameters."""
    return "'" + value.replace("'", "''") + "'"


def setup_desk_role(engine: Engine, desk_user: str, password: str | None) -> bool:
    """Create the desk role (or bring an existing one's rights up to date) and return
    whether it was created. The caller's connection must own the database's tables."""
    if engine.dialect.name != "postgresql":
        raise InputError.simple(sentence("server setup 只用于 PostgreSQL 服务器（--db postgresql+psycopg://…）"),
                                "db")
    name = check_role_name(desk_user)
    with engine.begin() as connection:
        # Powerful: an attribute beyond logging in, or membership of any role at all (the
        # owner's, to SET ROLE to it; pg_write_all_data, which writes past every grant).
        found = connection.execute(text(
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication"
            " OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid)"
            " FROM pg_roles r WHERE rolname = :n"), {"n": name}).first()
        owner, may_create = connection.execute(text(
            "SELECT current_user, rolsuper OR rolcreaterole FROM pg_roles"
            " WHERE rolname = current_user")).one()
        if name == owner or (found is not None and found[0]):
            raise InputError.simple(sentence(
                "角色 {0} 是数据库所有者、有管理权限或属于其他角色，不能作为值班席位角色", name),
                "desk_user")
        if not may_create and (found is None or password):
            # The owner as README「多席位服务器」 makes it may not create or change roles
            # (CREATEROLE is nearly a superuser): the server's administrator makes the role.
            raise InputError.simple(sentence(
                "数据库所有者 {0} 无权{1}角色：请由服务器管理员（postgres）在 psql 中运行"
                " CREATE ROLE {2} LOGIN PASSWORD '…'（或 ALTER ROLE … PASSWORD），再运行本命令"
                "并且不设 $DUTYROOM_DESK_PASSWORD：本命令只授予权限", owner,
                "建立" if found is None else "修改", name), "desk_user")
        if found is None and not password:
            raise InputError.simple(sentence("新角色的密码须放在环境变量 $DUTYROOM_DESK_PASSWORD 中"),
                                    "DUTYROOM_DESK_PASSWORD")
        role = f'"{name}"'
        if may_create:
            verb = "CREATE" if found is None else "ALTER"
            secret = f" PASSWORD {_literal(password)}" if password else ""
            connection.exec_driver_sql(f"{verb} ROLE {role} LOGIN NOSUPERUSER NOCREATEDB"
                                       f" NOCREATEROLE NOREPLICATION NOBYPASSRLS{secret}")
        _grant(connection, role, owner)
    return found is None


def _grant(connection: Connection, role: str, owner: str) -> None:
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    run = connection.exec_driver_sql
    run(f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC')
    run(f'GRANT CONNECT ON DATABASE "{database}" TO {role}')
    run("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    run(f"REVOKE ALL ON SCHEMA public FROM {role}")
    run(f"GRANT USAGE ON SCHEMA public TO {role}")
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}")
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}")
    run(f"REVOKE INSERT, UPDATE, DELETE ON {', '.join((*OWNER_ONLY, APPEND_ONLY))} FROM {role}")
    run(f"GRANT INSERT ON {APPEND_ONLY} TO {role}")
    run(f"GRANT UPDATE ({', '.join(LOGIN_COLUMNS)}) ON users TO {role}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    # Tables a later upgrade adds are the desks' to use too (the owner runs upgrades).
    run(f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public'
        f" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}")
    run(f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public'
        f" GRANT USAGE, SELECT ON SEQUENCES TO {role}")
