"""`famdesk encrypt` / `famdesk decrypt`, and the director's password an encrypted database needs first.

On an encrypted database every command runs only after a director's password (asked on the terminal,
or FAMDESK_PASSWORD for scripts) and acts as that director (``famdesk.cli.sign_in``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from famdesk.cli.sign_in import PASSWORD_ENV as PASSWORD_ENV
from famdesk.cli.sign_in import ask_password
from famdesk.db import keyring
from famdesk.domain.errors import StorageError, ValidationError
from famdesk.domain.roles import Role
from famdesk.i18n import _
from famdesk.services import accounts, encryption


def director_password(prompt: str | None = None) -> str:
    """FAMDESK_PASSWORD, else asked on the terminal without echo; never read from a pipe."""
    return ask_password(prompt or _("Director's password: "),
                        _("A director's password is needed: run the command in a terminal to be asked "
                          "for it, or set FAMDESK_PASSWORD for a script."))


class TerminalUnlock:
    """``open_database``'s unlocker for the command line; remembers the password to sign in with it."""

    def __init__(self) -> None:
        self.password: str | None = None

    def __call__(self, database: Path) -> keyring.Unlocked:
        self.password = director_password(_("This database is encrypted. Director's password: "))
        return keyring.unlock_database(database, self.password)


def register(sub: Any) -> None:
    e = sub.add_parser("encrypt", help=_("encrypt the database file; a director's password will unlock it"))
    e.add_argument("--user", metavar="NAME", dest="encrypt_user",
                   help=_("the director whose password is given (the same as famdesk --user NAME encrypt)"))
    e.add_argument("--keep-plain-backups", action="store_true",
                   help=_("leave the existing unencrypted backups as they are"))
    e.set_defaults(handler=_encrypt)
    d = sub.add_parser("decrypt", help=_("store the database unencrypted again"))
    d.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    d.set_defaults(handler=_decrypt)


def _only_director(ctx: Any) -> str:
    names = [u.username for u in accounts.list_users(ctx) if u.role is Role.DIRECTOR and u.active]
    if not names:
        raise ValidationError(_("There is no director's account yet. Create one first: "
                                "famdesk add-user NAME --role director"))
    if len(names) > 1:
        raise ValidationError(_("There are several directors; say whose password you give with --user NAME."))
    return names[0]


def _encrypt(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.db.location import InstanceLock

    ctx = opened.ctx
    encryption._live(ctx)  # PostgreSQL: refused before any password is asked
    if encryption.is_encrypted(ctx):
        print(_("This database is already encrypted."))
        return 0
    if not encryption.available():
        raise StorageError(encryption.missing_package_message())
    if ctx.actor.user_id is None:  # no account yet: there is no director whose password could unlock it
        username, password = _only_director(ctx), director_password()
    else:  # the signed-in director's password will unlock it
        username, password = ctx.actor.label, opened.password or director_password()
    with InstanceLock(opened.paths.data):  # never swap the file under an open window
        result = encryption.encrypt_database(ctx, password, opened.paths.backups,
                                             encrypt_backups=not args.keep_plain_backups, username=username)
    print(_("The database is now encrypted. The password of {name} unlocks it; every other director's does "
            "from their next sign-in.").format(name=username))
    print(_("Backup taken first: {path}").format(path=result.safety_backup))
    if result.converted_backups:
        print(_("{count} earlier backup(s) were encrypted too.").format(count=len(result.converted_backups)))
    for path in result.left_plain:
        print(_("Not encrypted (check it, then delete it): {path}").format(path=path), file=sys.stderr)
    print(_("Keep the key file {name} with the database: without it nobody can open it.").format(
        name=keyring.keys_file(Path(ctx.db.sqlite_path)).name))
    return 0


def _decrypt(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.db.location import InstanceLock

    ctx = opened.ctx
    encryption._live(ctx)
    if not encryption.is_encrypted(ctx):
        print(_("This database is not encrypted."))
        return 0
    if not args.yes and input(_("Store the database unencrypted, readable by anyone with the file? [y/N] ")) \
            .strip().lower() != "y":
        print(_("Nothing was changed."))
        return 1
    password = director_password(_("Your password, to confirm: "))
    with InstanceLock(opened.paths.data):
        safety = encryption.decrypt_database(ctx, password, opened.paths.backups)
    print(_("The database is no longer encrypted. Backup taken first (encrypted): {path}").format(
        path=safety))
    return 0
