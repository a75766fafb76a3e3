"""A database's whole content, so a refused case can be shown to have changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from dutyroom.db.models import Base


def contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the schema, in a stable order: what "nothing changed"
    compares (the search index is derived from these and left out)."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = connection.execute(select(table)).all()
            found[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return found
