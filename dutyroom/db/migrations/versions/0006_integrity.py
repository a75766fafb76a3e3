"""integrity: desk identity, field exports and their base, late-entry reasons; every audited
table compared by check (the rows of the newly compared tables attested as found)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.db.types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables `check` compares from this version on, and the entity their entries are filed under.
# Their rows were audited before only as events (a generated range, a diff of settings);
# each row's state as found at the upgrade becomes its first full audited state.
ATTESTED = (("settings", "setting"), ("calendar_days", "calendar_day"),
            ("sensitive_periods", "period"), ("duty_days", "duty_day"),
            ("duty_assignments", "duty_slot"), ("roster_changes", "roster_change"),
            ("leaves", "leave"))
ACTOR = "升级到 0006"


def upgrade() -> None:
    with op.batch_alter_table("upward_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entry_reason", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("field_packages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("desk_uuid", sa.String(length=36), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("field_merges", schema=None) as batch_op:
        batch_op.drop_constraint("uq_field_merges_record_uuid", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_field_merges_package_uuid"),
                                          ["package_uuid", "record_uuid", "fingerprint"])
    op.create_table(
        "desk_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_identity")),
        sa.UniqueConstraint("uuid", name=op.f("uq_desk_identity_uuid")),
    )
    op.create_table(
        "field_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("users", sa.Text(), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("exported_by", sa.String(length=64), nullable=False),
        sa.Column("chain_count", sa.Integer(), nullable=False),
        sa.Column("chain_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_exports")),
        sa.UniqueConstraint("uuid", name=op.f("uq_field_exports_uuid")),
    )
    op.create_table(
        "field_export_entries",
        sa.Column("package_uuid", sa.String(length=36), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("package_uuid", "record_uuid", name=op.f("pk_field_export_entries")),
    )
    op.create_table(
        "field_line_hashes",
        sa.Column("package_uuid", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("package_uuid", "position", name=op.f("pk_field_line_hashes")),
    )
    connection = op.get_bind()
    now = datetime.now(UTC)
    connection.execute(sa.text("INSERT INTO desk_identity (id, uuid, created_at) VALUES (1, :u, :t)"),
                       {"u": str(uuid.uuid4()), "t": now if connection.dialect.name != "sqlite"
                        else now.replace(tzinfo=None)})
    session = Session(bind=connection)
    for table_name, entity in ATTESTED:
        _attest(session, table_name, entity, now)
    session.flush()


def _attest(session: Session, table_name: str, entity: str, now: datetime) -> None:
    """Chain each row's state as found, in the form models.record_snapshot gives it."""
    table = sa.Table(table_name, sa.MetaData(), autoload_with=session.connection())
    for column in table.columns:  # read times as the models do: aware UTC
        if isinstance(column.type, sa.DateTime):
            column.type = UTCDateTime()
    keys = [c.key for c in table.primary_key.columns]
    for row in session.execute(sa.select(table).order_by(*table.primary_key.columns)).mappings():
        state: dict[str, Any] = {}
        for column in table.columns:
            if column.key in ("id", "version"):
                continue
            value = row[column.key]
            if isinstance(value, datetime):
                value = value.astimezone(UTC).isoformat()
            elif isinstance(value, date):
                value = value.isoformat()
            state[column.key] = value
        key = "/".join(row[k].isoformat() if isinstance(row[k], date) else str(row[k]) for k in keys)
        audit.append(session, actor=ACTOR, entity=entity, entity_id=key, action="attest",
                     payload=state, at=now)


def downgrade() -> None:
    op.drop_table("field_line_hashes")
    op.drop_table("field_export_entries")
    op.drop_table("field_exports")
    op.drop_table("desk_identity")
    with op.batch_alter_table("field_merges", schema=None) as batch_op:
        batch_op.drop_constraint("uq_field_merges_package_uuid", type_="unique")
        batch_op.create_unique_constraint("uq_field_merges_record_uuid", ["record_uuid", "fingerprint"])
    with op.batch_alter_table("field_packages", schema=None) as batch_op:
        batch_op.drop_column("desk_uuid")
    with op.batch_alter_table("upward_reports", schema=None) as batch_op:
        batch_op.drop_column("entry_reason")
