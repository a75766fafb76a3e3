"""duty clock: who recorded a check-in, spot-check outcomes, holiday report tasks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Nothing before this release wrote check-ins or spot checks, so the new columns only need
defaults for the (empty) tables.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_by", sa.String(length=64), nullable=False,
                                      server_default=""))
        batch_op.create_unique_constraint("uq_checkins_kind", ["kind", "day", "tier", "due_at"])
    with op.batch_alter_table("spot_checks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=12), nullable=False,
                                      server_default="ok"))
        batch_op.add_column(sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False,
                                      server_default=sa.func.current_timestamp()))
    op.create_table(
        "duty_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_tasks")),
        sa.UniqueConstraint("kind", "day", name=op.f("uq_duty_tasks_kind")),
        sa.UniqueConstraint("uuid", name=op.f("uq_duty_tasks_uuid")),
    )


def downgrade() -> None:
    op.drop_table("duty_tasks")
    with op.batch_alter_table("spot_checks", schema=None) as batch_op:
        batch_op.drop_column("recorded_at")
        batch_op.drop_column("outcome")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_constraint("uq_checkins_kind", type_="unique")
        batch_op.drop_column("recorded_by")
