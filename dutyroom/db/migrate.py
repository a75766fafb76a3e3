"""Create or upgrade a database to the schema this version of Dutyroom needs."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine


class SchemaTooNew(RuntimeError):
    """The file was written by a newer Dutyroom; upgrading this app is the only safe way."""


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(str(files("dutyroom.db.migrations")))))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def needs_upgrade(engine: Engine) -> bool:
    current = current_revision(engine)
    if current is None:
        return True
    if current not in known_revisions():
        raise SchemaTooNew(f"数据库结构版本 {current} 比本程序新，请先升级 Dutyroom")
    return current != head_revision()


def upgrade(engine: Engine) -> str:
    """Bring the schema to head in one transaction and return the head revision."""
    needs_upgrade(engine)  # refuses a newer schema before touching anything
    with engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    return head_revision()
