"""Create or upgrade a database to the schema this version of Dutyroom needs.

Alembic is loaded only when there is migrating to do. Every start reads the file's
revision with one query and compares it with HEAD; loading Alembic and its scripts just to
learn that nothing needs doing cost about 130 ms of each start.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from dutyroom.domain.text import sentence

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in migrations/versions; tests/db/test_schema.py checks they agree.
HEAD = "0020"
VERSION_TABLE = "alembic_version"


class SchemaTooNew(RuntimeError):
    """The file was written by a newer Dutyroom; upgrading this app is the only safe way."""


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(str(files("dutyroom.db.migrations")))))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def needs_upgrade(engine: Engine) -> bool:
    current = current_revision(engine)
    if current == HEAD:
        return False
    if current is None:
        return True
    if current not in known_revisions():
        raise SchemaTooNew(sentence("数据库结构版本 {0} 比本程序新，请先升级 Dutyroom", current))
    return current != head_revision()


def upgrade(engine: Engine) -> str:
    """Bring the schema to head in one transaction and return the head revision.

    The derived rows (each incident's kept report deadlines) are rewritten in the same
    transaction with this version's rules: migrations only shape tables, so an old file
    upgraded in one step or in several ends with the same rows as a new desk's."""
    from alembic import command

    from dutyroom.db import deadline_store  # the models load only when there is upgrading

    if not needs_upgrade(engine):  # also refuses a newer schema before touching anything
        return HEAD
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # (before the transaction: SQLite ignores the switch inside one)
            _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                command.upgrade(_config(connection), "head")
                deadline_store.rebuild(connection)
        finally:
            if sqlite:
                _foreign_keys(connection, on=True)
    return head_revision()


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    """SQLite alters a table by making a new one and dropping the old (Alembic's batch
    mode); with foreign keys enforced, dropping `incidents` fails as soon as one report or
    dispatch points at it, so a desk with records could not upgrade. SQLite's own
    procedure for altering a table is to switch them off meanwhile; `check` still runs
    SQLite's foreign key check on the result."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
