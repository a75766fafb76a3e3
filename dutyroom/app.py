"""The composition root: builds the engine, sessions, services and (for the GUI) the window.

Nothing else in Dutyroom creates an engine or a session factory; the CLI and the GUI both
come through here, so they share one way of opening, creating and upgrading a database.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from dutyroom.db.engine import default_database_path, make_session_factory, sqlite_path
from dutyroom.services.setup_service import SchemaReport, connect, database_url, prepare_database
from dutyroom.services.uow import UnitOfWork

if TYPE_CHECKING:
    from dutyroom.ui.application import NoWindow


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
                 create: bool = True, prepare: bool = True) -> Backend:
    """Open the desk database; with `prepare`, create or upgrade it first (backing it up).

    Without `create` a database is only opened, never made: a path holding no database is
    an error naming --db (a command other than `init`, whose --db may be mistyped).
    Without `prepare` (for `check`, which must not change anything) the schema is left as
    it is.
    """
    url = database_url(target)
    engine = connect(url, create=create)
    try:
        schema = prepare_database(engine, url, create=create) if prepare else None
    except BaseException:
        engine.dispose()
        raise
    return Backend(url, engine, UnitOfWork(make_session_factory(engine), actor), schema)


def demo_target(target: str | os.PathLike[str] | None) -> Path:
    """Where the first-run wizard puts the sample town: a file of its own beside the desk's
    database (or, for a server, in the user-data folder), never inside the desk's own."""
    path = sqlite_path(database_url(target))
    if path is None:
        return default_database_path().with_name("dutyroom-demo.sqlite3")
    return path.with_name(f"{path.stem}-demo{path.suffix or '.sqlite3'}")


def run_gui(target: str | os.PathLike[str] | None, *, selftest: bool = False,
            no_window: NoWindow | None = None) -> int:
    # Qt is loaded only when a window is wanted, and the application (with its language)
    # is made before the window modules load.
    from dutyroom.ui.application import application

    application(no_window)
    from dutyroom.ui.launch import launch

    return launch(lambda: open_backend(target, os_user()), selftest=selftest,
                  open_demo=lambda: open_backend(demo_target(target), os_user()))
