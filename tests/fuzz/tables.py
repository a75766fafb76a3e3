"""A database's whole content, so a refused case can be shown to have changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, MetaData, select


def contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: what "nothing changed" compares."""
    metadata = MetaData()
    metadata.reflect(engine)
    found: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            rows = connection.execute(select(table)).all()
            found[name] = sorted((tuple(row) for row in rows), key=repr)
    return found
