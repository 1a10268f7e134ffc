"""The Qt front end: the only package allowed to import PySide6.

Importing this package first loads the Qt-free modules the first window needs. PySide6 reads the source
of every Python module imported after it (for its ``__feature__`` switches: about 0.1 ms a module), and
the services, the models and their libraries are a few hundred modules: loaded before Qt, they skip
that, and famdesk starts ~40 ms sooner. Then it guards against a PySide6 defect (``pyside_fixes``).
"""

from famdesk import formatting  # noqa: F401
from famdesk.gui.pyside_fixes import protect_none  # noqa: I001 (after the services, on purpose)
from famdesk.services import accounts, classrooms, families  # noqa: F401

protect_none()
