"""Storage: engine set-up, the SQLAlchemy model, migrations and backups."""
