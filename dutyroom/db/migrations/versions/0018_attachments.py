"""attachments: files kept with incidents, register entries, warnings and 应急预案

`attachments` holds what a file is (name, size, SHA-256, who added it, a removal marked
with who and why) and `attachment_blobs` its bytes, one row each, so listing attachments,
start-up and search never read a blob. `emergency_plans` holds the desk's plans and the
incident subtypes each applies to; a plan's PDF is an attachment of kind "plan".

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dutyroom.db.types import UTCDateTime

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("owner_kind", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.Column("removed_by", sa.String(length=64), nullable=False),
        sa.Column("removal_reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("uuid", name=op.f("uq_attachments_uuid")),
    )
    op.create_index("ix_attachments_owner", "attachments", ["owner_kind", "owner_id"])
    op.create_table(
        "attachment_blobs",
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["attachment_id"], ["attachments.id"],
                                name=op.f("fk_attachment_blobs_attachment_id_attachments")),
        sa.PrimaryKeyConstraint("attachment_id", name=op.f("pk_attachment_blobs")),
    )
    op.create_table(
        "emergency_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("subtypes", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_plans")),
    )


def downgrade() -> None:
    op.drop_table("emergency_plans")
    op.drop_table("attachment_blobs")
    op.drop_index("ix_attachments_owner", table_name="attachments")
    op.drop_table("attachments")
