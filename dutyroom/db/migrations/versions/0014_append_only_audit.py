"""audit_entries: append-only, enforced by the database itself

The audit chain already makes a rewritten entry detectable (`dutyroom check`). A trigger
now refuses UPDATE and DELETE on audit_entries outright (and TRUNCATE on PostgreSQL), for
every connection — the desks' limited role and the owner alike — so a slip in psql or a
hand-written repair script cannot destroy history in the first place. Someone who truly
must remove the table (dropping a test database) drops it whole; the owner may also
disable the trigger on purpose, which PostgreSQL records in the catalogue.

A local SQLite file gets no trigger: whoever holds the file can drop any trigger in it, so
there the hash chain (`dutyroom check`) and the paper anchor are the protection.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "audit_entries is append-only"
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION dutyroom_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_PG_FUNCTION)
    op.execute("CREATE TRIGGER audit_entries_no_rewrite BEFORE UPDATE OR DELETE ON audit_entries"
               " FOR EACH ROW EXECUTE FUNCTION dutyroom_audit_append_only()")
    op.execute("CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries"
               " FOR EACH STATEMENT EXECUTE FUNCTION dutyroom_audit_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries")
    op.execute("DROP TRIGGER IF EXISTS audit_entries_no_rewrite ON audit_entries")
    op.execute("DROP FUNCTION IF EXISTS dutyroom_audit_append_only()")
