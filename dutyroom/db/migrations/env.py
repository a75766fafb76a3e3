"""Alembic environment: always online, on the connection db/migrate.py hands in."""

from alembic import context

from dutyroom.db import search_index
from dutyroom.db.models import Base


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """The FTS5 search tables are SQLite-only and made by hand, not from the models."""
    return not (type_ == "table" and search_index.is_search_table(name))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
