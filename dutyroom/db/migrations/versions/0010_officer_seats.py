"""roster_changes and checkins: the seat (two officers on a sensitive day)

A day may need more than one officer (值班员), each a seat of its own, as duty_assignments
already allowed with its `slot`. A roster change names the seat it changed, and each
officer signs in for their own seat, so the sign-in key takes the seat too.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("roster_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slot", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slot", sa.Integer(), nullable=False, server_default="0"))
        batch_op.drop_constraint("uq_checkins_kind", type_="unique")
        batch_op.create_unique_constraint("uq_checkins_kind",
                                          ["kind", "day", "tier", "slot", "due_at"])


def downgrade() -> None:
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_constraint("uq_checkins_kind", type_="unique")
        batch_op.create_unique_constraint("uq_checkins_kind", ["kind", "day", "tier", "due_at"])
        batch_op.drop_column("slot")
    with op.batch_alter_table("roster_changes", schema=None) as batch_op:
        batch_op.drop_column("slot")
