"""instructions, instruction_feedback: 领导批示 督办 — a leader's instruction as a task

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "instructions",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("subject_kind", sa.String(length=12), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=True),
        sa.Column("leader_name", sa.String(length=64), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("assignee", sa.String(length=64), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=False),
        sa.Column("reopen_reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_id"], ["staff.id"],
                                name=op.f("fk_instructions_leader_id_staff")),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"],
                                name=op.f("fk_instructions_department_id_departments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instructions")),
        sa.UniqueConstraint("uuid", name=op.f("uq_instructions_uuid")),
    )
    op.create_index(op.f("ix_instructions_given_at"), "instructions", ["given_at"])
    op.create_index(op.f("ix_instructions_done_at"), "instructions", ["done_at"])
    op.create_table(
        "instruction_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("instruction_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("final", sa.Boolean(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["instruction_id"], ["instructions.id"],
                                name=op.f("fk_instruction_feedback_instruction_id_instructions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instruction_feedback")),
        sa.UniqueConstraint("uuid", name=op.f("uq_instruction_feedback_uuid")),
    )
    op.create_index(op.f("ix_instruction_feedback_instruction_id"), "instruction_feedback",
                    ["instruction_id"])


def downgrade() -> None:
    op.drop_table("instruction_feedback")
    op.drop_table("instructions")
