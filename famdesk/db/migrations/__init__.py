"""Alembic environment and revisions (run from famdesk.db.migrate, no alembic.ini needed)."""
