"""playbooks: the desk's own 处置要点 list per incident subtype

Until now every desk used the shipped lists (domain/playbooks.py). A desk that edits a
subtype's list keeps it here, one row per subtype with its steps in order; a subtype
without a row keeps the shipped list. Ticks on incidents are kept by the step's text, so
an edited list never rewrites what was ticked on past incidents.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dutyroom.db.types import UTCDateTime

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "playbooks",
        sa.Column("subtype", sa.String(length=32), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("subtype", name=op.f("pk_playbooks")),
    )


def downgrade() -> None:
    op.drop_table("playbooks")
