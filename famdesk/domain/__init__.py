"""Plain data, enums, rules and errors: no SQLAlchemy, no Qt."""
