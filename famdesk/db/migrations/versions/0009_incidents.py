"""behaviour incidents and legal holds

Revision ID: 0009_incidents
Revises: 0008_handouts
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_incidents"
down_revision = "0008_handouts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "legal_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_on", sa.Date(), nullable=False),
        sa.Column("placed_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], name=op.f("fk_legal_hold_family_id_family"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_hold")),
    )
    with op.batch_alter_table("legal_hold", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_legal_hold_family_id"), ["family_id"], unique=False)

    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("antecedent", sa.Text(), nullable=False),
        sa.Column("behavior", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("family_informed", sa.Boolean(), nullable=False),
        sa.Column("family_informed_at", sa.DateTime(), nullable=True),
        sa.Column("family_informed_how",
                  sa.Enum("in_person", "phone", "text", "email", "written_note", "other", name="informedhow",
                          native_enum=False, length=32),
                  nullable=True),
        sa.Column("staff_informed", sa.Text(), nullable=False),
        sa.Column("author_staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_staff_id"], ["staff_member.id"],
                                name=op.f("fk_incident_author_staff_id_staff_member"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_incident_child_id_child"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["classroom_id"], ["classroom.id"],
                                name=op.f("fk_incident_classroom_id_classroom"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incident_classroom_id"), ["classroom_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incident_occurred_at"), ["occurred_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_incident_classroom_id"))
        batch_op.drop_index(batch_op.f("ix_incident_child_id"))
    op.drop_table("incident")
    with op.batch_alter_table("legal_hold", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_hold_family_id"))
    op.drop_table("legal_hold")
