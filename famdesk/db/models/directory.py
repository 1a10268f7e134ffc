"""Indexes the family directory adds to the core tables (the list sorts by name on every keystroke).

The SQLite full-text index ``family_fts`` (trigram, over ``family.search_text``) is created by the
0007_directory migration only: it is SQLite-specific and kept in sync by triggers, not by the ORM.
"""

from __future__ import annotations

from sqlalchemy import Index

from famdesk.db.models.core import Family

ix_family_name = Index("ix_family_name", Family.name)
# The daily list: families not archived, by name (also answers its count from the index alone).
ix_family_active_name = Index("ix_family_active_name", Family.archived_at, Family.name)

FTS_TABLE = "family_fts"  # trigram: substrings of 3+ characters
WORDS_TABLE = "family_words"  # unicode61 with prefix indexes: word prefixes of 1-2 characters
FTS_TRIGGERS = ("family_fts_ai", "family_fts_ad", "family_fts_au")
