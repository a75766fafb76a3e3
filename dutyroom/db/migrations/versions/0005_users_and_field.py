"""users: login lockout; field packages: what left the desk and what came back

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "field_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("desk_name", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("exported_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_packages")),
        sa.UniqueConstraint("uuid", name=op.f("uq_field_packages_uuid")),
    )
    op.create_table(
        "field_baselines",
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("record_uuid", name=op.f("pk_field_baselines")),
    )
    op.create_table(
        "field_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_uuid", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("merged_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_merges")),
        sa.UniqueConstraint("record_uuid", "fingerprint",
                            name=op.f("uq_field_merges_record_uuid")),
    )
    with op.batch_alter_table("field_merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_field_merges_package_uuid"), ["package_uuid"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("field_merges")
    op.drop_table("field_baselines")
    op.drop_table("field_packages")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
