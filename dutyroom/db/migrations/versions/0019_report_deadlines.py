"""report deadlines kept: each incident's report deadlines, as the desk's rules give them,
in `report_deadlines`, so the statistics count them in SQL; the period's incidents counted
per month and category from an index of their own.

Only the table and the indexes: the rows are derived, and `migrate.upgrade` fills them
after every upgrade (db/deadline_store.py `rebuild`) with the rules of the version that
runs, so this migration never depends on code that later versions change.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dutyroom.db.types import UTCDateTime

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_deadlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("met_at", UTCDateTime(), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_report_deadlines_incident_id_incidents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_deadlines")),
    )
    op.create_index(op.f("ix_report_deadlines_incident_id"), "report_deadlines", ["incident_id"],
                    unique=False)
    op.create_index("ix_report_deadlines_period", "report_deadlines",
                    ["received_at", "kind", "level", "closed", "due_at", "met_at", "incident_id"],
                    unique=False)
    op.create_index("ix_incidents_period", "incidents", ["received_at", "voided", "category"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_incidents_period", table_name="incidents")
    op.drop_index("ix_report_deadlines_period", table_name="report_deadlines")
    op.drop_index(op.f("ix_report_deadlines_incident_id"), table_name="report_deadlines")
    op.drop_table("report_deadlines")
