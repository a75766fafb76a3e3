"""partner departments' duty rosters, the 职责分工 table and 处置要点 ticks

A partner department's office number (rung in working hours), its 值班备勤表 (who is on
duty there each day, and their leader), and the table saying which department leads and
which support for each kind of incident, and the steps of an incident's 处置要点 ticked.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dutyroom.db.types import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("departments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office_phone", sa.String(length=32), nullable=False,
                                      server_default=""))
    op.create_table(
        "partner_duties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("duty_date", sa.Date(), nullable=False),
        sa.Column("person", sa.String(length=32), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("leader", sa.String(length=32), nullable=False),
        sa.Column("leader_mobile", sa.String(length=11), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"],
                                name=op.f("fk_partner_duties_department_id_departments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_duties")),
        sa.UniqueConstraint("department_id", "duty_date",
                            name=op.f("uq_partner_duties_department_id")),
    )
    with op.batch_alter_table("partner_duties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_duties_department_id"), ["department_id"])
        batch_op.create_index(batch_op.f("ix_partner_duties_duty_date"), ["duty_date"])
    op.create_table(
        "responsibilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("subtype", sa.String(length=32), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("support_ids", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["lead_id"], ["departments.id"],
                                name=op.f("fk_responsibilities_lead_id_departments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsibilities")),
        sa.UniqueConstraint("category", "subtype", name=op.f("uq_responsibilities_category")),
    )


    op.create_table(
        "playbook_ticks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=200), nullable=False),
        sa.Column("ticked_at", UTCDateTime(), nullable=False),
        sa.Column("ticked_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_playbook_ticks_incident_id_incidents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playbook_ticks")),
        sa.UniqueConstraint("incident_id", "step", name=op.f("uq_playbook_ticks_incident_id")),
    )
    with op.batch_alter_table("playbook_ticks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_playbook_ticks_incident_id"), ["incident_id"])


def downgrade() -> None:
    with op.batch_alter_table("playbook_ticks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_playbook_ticks_incident_id"))
    op.drop_table("playbook_ticks")
    op.drop_table("responsibilities")
    with op.batch_alter_table("partner_duties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_duties_duty_date"))
        batch_op.drop_index(batch_op.f("ix_partner_duties_department_id"))
    op.drop_table("partner_duties")
    with op.batch_alter_table("departments", schema=None) as batch_op:
        batch_op.drop_column("office_phone")
