"""The Qt front end: the only package allowed to import PySide6."""
