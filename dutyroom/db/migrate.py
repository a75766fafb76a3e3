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
    """Bring the schema to head in one transaction and return the head revision."""
    from alembic import command

    needs_upgrade(engine)  # refuses a newer schema before touching anything
    with engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    return head_revision()
