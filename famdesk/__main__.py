"""Allow ``python -m famdesk``."""

from famdesk.app import main

raise SystemExit(main())
