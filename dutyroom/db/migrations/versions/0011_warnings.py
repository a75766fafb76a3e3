"""responsible_people, warnings, warning_targets, warning_attempts: early warnings and 叫应

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-12
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "responsible_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("village", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("backup_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["backup_id"], ["responsible_people.id"],
                                name=op.f("fk_responsible_people_backup_id_responsible_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsible_people")),
    )
    op.create_index(op.f("ix_responsible_people_name"), "responsible_people", ["name"])
    op.create_index(op.f("ix_responsible_people_village"), "responsible_people", ["village"])
    op.create_table(
        "warnings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("issuer", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("colour", sa.String(length=8), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("villages", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("relay_due", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["thread_id"], ["warnings.id"],
                                name=op.f("fk_warnings_thread_id_warnings")),
        sa.ForeignKeyConstraint(["supersedes_id"], ["warnings.id"],
                                name=op.f("fk_warnings_supersedes_id_warnings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warnings")),
        sa.UniqueConstraint("uuid", name=op.f("uq_warnings_uuid")),
    )
    op.create_index(op.f("ix_warnings_thread_id"), "warnings", ["thread_id"])
    op.create_index(op.f("ix_warnings_received_at"), "warnings", ["received_at"])
    op.create_table(
        "warning_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("warning_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("village", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("backup_id", sa.Integer(), nullable=True),
        sa.Column("backup_name", sa.String(length=32), nullable=False),
        sa.Column("backup_mobile", sa.String(length=11), nullable=False),
        sa.ForeignKeyConstraint(["warning_id"], ["warnings.id"],
                                name=op.f("fk_warning_targets_warning_id_warnings")),
        sa.ForeignKeyConstraint(["person_id"], ["responsible_people.id"],
                                name=op.f("fk_warning_targets_person_id_responsible_people")),
        sa.ForeignKeyConstraint(["backup_id"], ["responsible_people.id"],
                                name=op.f("fk_warning_targets_backup_id_responsible_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_targets")),
        sa.UniqueConstraint("warning_id", "person_id", name=op.f("uq_warning_targets_warning_id")),
    )
    op.create_index(op.f("ix_warning_targets_warning_id"), "warning_targets", ["warning_id"])
    op.create_table(
        "warning_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("via_backup", sa.Boolean(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["target_id"], ["warning_targets.id"],
                                name=op.f("fk_warning_attempts_target_id_warning_targets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_attempts")),
        sa.UniqueConstraint("uuid", name=op.f("uq_warning_attempts_uuid")),
    )
    op.create_index(op.f("ix_warning_attempts_target_id"), "warning_attempts", ["target_id"])


def downgrade() -> None:
    op.drop_table("warning_attempts")
    op.drop_table("warning_targets")
    op.drop_table("warnings")
    op.drop_table("responsible_people")
