"""Creating and upgrading a desk's database, with a backup before any upgrade."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError

from dutyroom.db import migrate
from dutyroom.db.backup import backup_file, backup_folder, timestamped_name
from dutyroom.db.engine import describe, sqlite_path
from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError, Problem, ServiceError


@dataclass(frozen=True)
class SchemaReport:
    db: str
    schema: str
    created: bool
    upgraded_from: str | None
    backup: Path | None


def _not_a_database(url: URL, detail: object) -> InputError:
    return InputError([Problem(sentence("无法作为 Dutyroom 数据库打开（{0}）", detail), field="db")],
                      source=describe(url))


def prepare_database(engine: Engine, url: URL) -> SchemaReport:
    """Create the schema on a new database, or upgrade an older one after backing it up.

    A file that holds tables but is not a Dutyroom database is refused untouched, as is a
    database written by a newer Dutyroom.
    """
    try:
        current = migrate.current_revision(engine)
        if current is None and inspect(engine).get_table_names():
            raise _not_a_database(url, "文件中已有其他数据表")
        if not migrate.needs_upgrade(engine):
            return SchemaReport(describe(url), current or "", False, None, None)
        backup = None
        path = sqlite_path(url)
        if current is not None and path is not None:
            backup = backup_file(path, backup_folder(path)
                                 / timestamped_name(path, f"before-upgrade-{current}"))
        head = migrate.upgrade(engine)
    except migrate.SchemaTooNew as error:
        raise InputError([Problem(str(error), field="db")], source=describe(url)) from None
    except OperationalError as error:
        raise ServiceError(sentence("无法打开或连接数据库 {0}：{1}", describe(url), error.orig)) from None
    except DatabaseError as error:
        raise _not_a_database(url, error.orig) from None
    return SchemaReport(describe(url), head, current is None, current, backup)
