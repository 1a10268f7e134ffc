"""famdesk: the family partnership desk for small early-childhood programs."""

__version__ = "0.1.0"
APP_ID = "famdesk"
APP_NAME = "famdesk"
