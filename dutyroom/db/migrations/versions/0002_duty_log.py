"""duty log: level history, revision notes, search indexes; revisions move to the audit chain

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

incident_revisions was never written by any release: each revision of a log entry is now a
link of the audit chain (hash-chained, compared by `dutyroom check`), so the table goes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dutyroom.db import search_index

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("incident_revisions")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("level_changes", sa.Text(), nullable=False,
                                      server_default="[]"))
        batch_op.add_column(sa.Column("casualties_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("change_note", sa.Text(), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False,
                                      server_default=sa.func.current_timestamp()))
        batch_op.add_column(sa.Column("updated_by", sa.String(length=64), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("register_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_note", sa.Text(), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False,
                                      server_default=sa.func.current_timestamp()))
        batch_op.add_column(sa.Column("updated_by", sa.String(length=64), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("upward_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False,
                                      server_default=sa.func.current_timestamp()))
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_status", ["status"], unique=False)
    connection = op.get_bind()
    for table in search_index.TABLES:
        search_index.create(connection, table)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for table in search_index.TABLES:
            op.execute(f"DROP TABLE IF EXISTS {table.name}")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_status")
    with op.batch_alter_table("upward_reports", schema=None) as batch_op:
        batch_op.drop_column("recorded_at")
    with op.batch_alter_table("register_entries", schema=None) as batch_op:
        for column in ("updated_by", "updated_at", "change_note"):
            batch_op.drop_column(column)
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        for column in ("updated_by", "updated_at", "change_note", "closed_at",
                       "casualties_changed_at", "level_changes"):
            batch_op.drop_column(column)
    op.create_table(
        "incident_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_incident_revisions_incident_id_incidents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_revisions")),
        sa.UniqueConstraint("incident_id", "number", name="number"),
    )
