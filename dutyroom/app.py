"""The composition root: builds the engine, sessions, services and (for the GUI) the window.

Nothing else in Dutyroom creates an engine or a session factory; the CLI and the GUI both
come through here, so they share one way of opening, creating and upgrading a database.
"""

from __future__ import annotations

import getpass
import logging
import os
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from dutyroom.db.engine import (
    default_database_path,
    make_engine,
    make_session_factory,
    resolve_target,
    sqlite_path,
)
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.setup_service import SchemaReport, prepare_database
from dutyroom.services.uow import UnitOfWork

log = logging.getLogger("dutyroom")


@dataclass
class Backend:
    url: URL
    engine: Engine
    uow: UnitOfWork
    schema: SchemaReport | None

    def close(self) -> None:
        self.engine.dispose()


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def open_backend(target: str | os.PathLike[str] | None, actor: str, *,
                 prepare: bool = True, must_exist: bool = True) -> Backend:
    """Open the desk database; with `prepare`, create or upgrade it first (backing it up).

    Without `prepare` (for `check`, which must not change anything) a missing SQLite file
    is an error rather than a new empty database, unless `must_exist` is off (a restore
    onto a machine that has no database yet).
    """
    url = resolve_target(target)
    path = sqlite_path(url)
    if not prepare and must_exist and path is not None and not path.exists():
        raise InputError([Problem("数据库文件不存在，请先运行 dutyroom init", field="db")],
                         source=str(path))
    engine = make_engine(url)
    try:
        schema = prepare_database(engine, url) if prepare else None
    except BaseException:
        engine.dispose()
        raise
    return Backend(url, engine, UnitOfWork(make_session_factory(engine), actor), schema)


def configure_logging() -> Path:
    """Tracebacks go to a log file for whoever supports the desk, never to the officer."""
    folder = Path(platformdirs.user_log_dir("Dutyroom", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(folder / "dutyroom.log", maxBytes=2_000_000, backupCount=3,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return folder / "dutyroom.log"


def demo_target(target: str | os.PathLike[str] | None) -> Path:
    """Where the first-run wizard puts the sample town: a file of its own beside the desk's
    database (or, for a server, in the user-data folder), never inside the desk's own."""
    path = sqlite_path(resolve_target(target))
    if path is None:
        return default_database_path().with_name("dutyroom-demo.sqlite3")
    return path.with_name(f"{path.stem}-demo{path.suffix or '.sqlite3'}")


def run_gui(target: str | os.PathLike[str] | None, *, selftest: bool = False) -> int:
    # Qt is loaded only when a window is wanted, and the application (with its language)
    # is made before the window modules load.
    from dutyroom.ui.application import application

    application()
    from dutyroom.ui.launch import launch

    return launch(lambda: open_backend(target, os_user()), selftest=selftest,
                  open_demo=lambda: open_backend(demo_target(target), os_user()))
