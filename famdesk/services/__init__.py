"""The service layer: every read and write of famdesk goes through here (no Qt, no printing UI).

Each function takes a ServiceContext (the database and who is acting), owns its transaction, validates
its input and raises famdesk.domain.errors with a message a director can act on.
"""

from famdesk.services.context import ServiceContext

__all__ = ["ServiceContext"]
