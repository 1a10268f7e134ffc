"""audit: a seal (keyed MAC) on each entry, the anchor of the chain outside the database

Revision ID: 0012_audit_seal
Revises: 0011_versions
Create Date: 2026-12-08 02:30:00

Entries written before this revision keep a NULL seal: ``famdesk check`` counts them as legacy entries
from before anchoring (still chained by SHA-256), not as tampering. See famdesk/db/audit_anchor.py.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_audit_seal"
down_revision = "0011_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_entry", sa.Column("seal", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_column("seal")
