"""handover: one record per shift

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

Nothing before this release wrote handover records, so the index can become unique as is.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handovers_shift_date"))
        batch_op.create_index(batch_op.f("ix_handovers_shift_date"), ["shift_date"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handovers_shift_date"))
        batch_op.create_index(batch_op.f("ix_handovers_shift_date"), ["shift_date"], unique=False)
