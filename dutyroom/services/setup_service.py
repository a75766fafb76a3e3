"""Creating and upgrading a desk's database, with a backup before any upgrade."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from dutyroom.db import migrate
from dutyroom.db.backup import backup_file, backup_folder, timestamped_name
from dutyroom.db.engine import describe, make_engine, resolve_target, sqlite_path
from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError, Problem, ServiceError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Storage:
    """Where the desk's data lives: what backups, restores and the 数据 page work on. It is
    here, with opening a database, so that the window holds it without loading backups."""

    url: URL
    engine: Engine


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


def _bad_target(problem: str) -> InputError:
    return InputError([Problem(problem, field="db")])


def _not_created(url: URL) -> InputError:
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return _bad_target(sentence("数据库文件 {0} 不存在（新建数据库请运行 dutyroom init）", str(path)))
    return _bad_target(sentence("{0} 中还没有 Dutyroom 数据库（新建数据库请运行 dutyroom init）",
                                describe(url)))


def database_url(target: str | os.PathLike[str] | None) -> URL:
    """The URL of `--db` (a path or a URL), `$DUTYROOM_DB` or the default file; a URL that
    cannot be read is bad input naming the field."""
    try:
        url = resolve_target(target)
    except (ArgumentError, ValueError):
        raise _bad_target(sentence("无法识别的数据库地址：应为文件路径，或 postgresql+psycopg://用户@主机/数据库")
                          ) from None
    path = sqlite_path(url)
    try:
        if path is not None:
            path.exists()  # a name the system refuses (too long, a NUL) fails here, not later
    except (OSError, ValueError):
        shown = str(path) if len(str(path)) <= 80 else str(path)[:77] + "…"
        raise _bad_target(sentence("数据库文件路径无法使用（过长或含有系统不允许的字符）：{0}",
                                   shown)) from None
    return url


def names_a_file(target: str | os.PathLike[str] | None) -> bool:
    """Whether `--db` names a file that is there (`check` reports one holding no database as
    damage, where a path with nothing at it is a mistyped --db)."""
    try:
        path = sqlite_path(database_url(target))
        return path is not None and path.exists() and not path.is_dir()
    except (InputError, OSError, ValueError):
        return False


def connect(url: URL, *, create: bool = True) -> Engine:
    """An engine for `url`. Without `create`, an SQLite file that does not exist (or holds
    nothing) is refused before anything is made, so a mistyped path leaves no file or folder
    behind. A
    database kind Dutyroom does not speak, or a driver that is not installed, is bad
    input with advice rather than an internal error."""
    path = sqlite_path(url)
    if not create and path is not None and (not path.exists() or path.stat().st_size == 0):
        raise _not_created(url)  # before connecting: that alone would write a header
    try:
        return make_engine(url)
    except ImportError as error:  # the driver: psycopg without the [postgresql] extra
        if url.get_backend_name() == "postgresql":
            raise _bad_target(sentence(
                "未安装 PostgreSQL 驱动 {0}：请安装 dutyroom[postgresql]"
                "（pip install \"dutyroom[postgresql]\"），地址写作 postgresql+psycopg://用户@主机/数据库",
                error.name or url.get_driver_name())) from None
        raise _bad_target(sentence("不支持的数据库 {0}：请用 SQLite 文件路径或 PostgreSQL"
                                   "（postgresql+psycopg://用户@主机/数据库）", url.drivername)) from None
    except (ArgumentError, ValueError):  # an unknown scheme; a port that is not a number
        raise _bad_target(sentence("不支持的数据库地址 {0}：请用 SQLite 文件路径或 PostgreSQL"
                                   "（postgresql+psycopg://用户@主机/数据库）", describe(url))) from None


def _may_change_schema(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.execute(text("SELECT has_schema_privilege('public', 'CREATE')"))
                    .scalar())


def prepare_database(engine: Engine, url: URL, *, create: bool = True) -> SchemaReport:
    """Create the schema on a new database, or upgrade an older one after backing it up.

    A file that holds tables but is not a Dutyroom database is refused untouched, as is a
    database written by a newer Dutyroom. Without `create`, an empty database (a server's
    new one, a file of no bytes) is refused: only `dutyroom init` and the first-run
    window make a desk's database.
    """
    try:
        current = migrate.current_revision(engine)
        if current is None and inspect(engine).get_table_names():
            raise _not_a_database(url, "文件中已有其他数据表")
        if current is None and not create:
            raise _not_created(url)
        if not migrate.needs_upgrade(engine):
            return SchemaReport(describe(url), current or "", False, None, None)
        if engine.dialect.name == "postgresql" and not _may_change_schema(engine):
            # The desks' limited role (`server setup`) cannot; the owner upgrades.
            raise InputError([Problem(sentence(
                "数据库结构须由 {0} 升级到 {1}：请管理员用数据库所有者的连接运行 dutyroom init",
                current or "（空）", migrate.HEAD), field="db")], source=describe(url))
        backup = None
        path = sqlite_path(url)
        if current is not None and path is not None:
            backup = backup_file(path, backup_folder(path)
                                 / timestamped_name(path, f"before-upgrade-{current}"))
        head = migrate.upgrade(engine)
    except migrate.SchemaTooNew as error:
        raise InputError([Problem(str(error), field="db")], source=describe(url)) from None
    except OperationalError as error:
        # The driver's text is English and may name the server's internals: it goes to the log.
        log.warning("cannot open %s: %s", describe(url), error.orig)
        raise ServiceError(sentence("无法打开或连接数据库 {0}：请检查文件是否可读，或服务器地址、端口、"
                                    "用户名和密码是否正确、服务器是否已启动", describe(url))) from None
    except DatabaseError as error:
        log.warning("not a database %s: %s", describe(url), error.orig)
        raise _not_a_database(url, "文件已损坏或不是数据库文件") from None
    return SchemaReport(describe(url), head, current is None, current, backup)
