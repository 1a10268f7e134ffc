"""Commands for data safety: backup, restore, audit; `famdesk check` verifies the audit chain."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from famdesk.cli.sign_in import ask_password
from famdesk.domain.roles import Role
from famdesk.i18n import _
from famdesk.services import accounts, audit, backups

PASSWORD_ENV = "FAMDESK_BACKUP_PASSWORD"


def register(sub: Any) -> None:
    b = sub.add_parser("backup", help=_("make a verified backup of the database"))
    b.add_argument("-o", "--output", metavar="FILE", type=Path, help=_("write the backup to FILE"))
    b.add_argument("--encrypt", action="store_true",
                   help=_("protect the backup with a password (asked, or FAMDESK_BACKUP_PASSWORD)"))
    b.set_defaults(handler=_backup)

    r = sub.add_parser("restore",
                       help=_("replace the database with a backup (the current state is backed up)"))
    r.add_argument("file", type=Path, metavar="FILE")
    r.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    r.set_defaults(handler=_restore)

    a = sub.add_parser("audit", help=_("show the newest audit log entries"))
    a.add_argument("--limit", type=int, default=50)
    a.set_defaults(handler=_audit)

    u = sub.add_parser("add-user", help=_("add a user account"))
    u.add_argument("username")
    u.add_argument("--role", choices=[x.value for x in Role], default=Role.OFFICE.value)
    u.add_argument("--staff-id", type=int)
    u.set_defaults(handler=_add_user)

    p = sub.add_parser("reset-password", help=_("set a new password for an account (director)"))
    p.add_argument("username")
    p.set_defaults(handler=_reset_password)


NEW_PASSWORD_ENV = "FAMDESK_NEW_USER_PASSWORD"


def _new_password(prompt: str) -> str:
    """FAMDESK_NEW_USER_PASSWORD, else asked on the terminal without echo; never read from a pipe."""
    return ask_password(prompt, _("A new password is needed: run the command in a terminal to be asked for "
                                  "it, or set FAMDESK_NEW_USER_PASSWORD for a script. Nothing was done."),
                        env=NEW_PASSWORD_ENV)


def _password(confirm: bool) -> str:
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    first = ask_password(_("Password: "), _("A password for the backup is needed: run the command in a "
                                            "terminal to be asked for it, or set FAMDESK_BACKUP_PASSWORD for "
                                            "a script."), env=PASSWORD_ENV)
    if confirm and getpass.getpass(_("Again: ")) != first:
        raise SystemExit(_("The passwords differ."))
    return first


def _backup(args: argparse.Namespace, opened: Any) -> int:
    password = _password(confirm=True) if args.encrypt else None
    path = backups.take_backup(opened.ctx, opened.paths.backups, output=args.output, password=password)
    print(_("Backup written and verified: {path}").format(path=path))
    if opened.ctx.db.key is not None:
        from famdesk.db.keyring import keys_file

        print(_("The backup is encrypted like the database; keep {keys} with it (a director's password and "
                "that key file open it).").format(keys=keys_file(path).name))
    return 0


def _restore(args: argparse.Namespace, opened: Any) -> int:
    from famdesk.cli.encryption import director_password
    from famdesk.db.backup_files import BackupKeyNeeded, is_encrypted

    password = _password(confirm=False) if args.file.is_file() and is_encrypted(args.file) else None
    director = None
    try:
        info = backups.inspect_backup(opened.ctx, args.file, password)
    except BackupKeyNeeded:  # an encrypted database's backup under another key: its directors' passwords
        director = director_password(_("Password of a director at the time of the backup: "))
        info = backups.inspect_backup(opened.ctx, args.file, password, director)
    print(_("Backup: {path}").format(path=info.path))
    print(_("Taken: {when}").format(when=info.taken_at or "?"))
    print(_("Schema revision: {revision}").format(revision=info.revision or "?"))
    for table in ("family", "caregiver", "child", "staff_member", "classroom"):
        if table in info.counts:
            print(f"  {table:<14} {info.counts[table]:>8}")
    if info.problems:
        print(_("This backup is damaged: {problem}").format(problem=info.problems[0]), file=sys.stderr)
        return 1
    question = _("Replace the current database with this backup? [y/N] ")
    if not args.yes and input(question).strip().lower() != "y":
        print(_("Nothing was changed."))
        return 1
    from famdesk.db.location import InstanceLock

    with InstanceLock(opened.paths.data):  # never pull the database from under an open window
        safety = backups.restore(opened.ctx, args.file, opened.paths.backups, password, director)
    print(_("Restored. The state before the restore was saved to {path}").format(path=safety))
    return 0


def _audit(args: argparse.Namespace, opened: Any) -> int:
    for e in audit.entries(opened.ctx, limit=args.limit):
        print(f"{e.id:>7}  {e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<14} {e.action:<14} {e.kind:<14} "
              f"{e.record_id if e.record_id is not None else '':>7}  {e.detail}")
    return 0


def _add_user(args: argparse.Namespace, opened: Any) -> int:
    no_account_yet = opened.ctx.actor.user_id is None  # else a signed-in user: the service decides
    if no_account_yet and Role(args.role) is not Role.DIRECTOR:
        print(_("famdesk: the program's first account must be a director's (who can then add the others): "
                "famdesk add-user NAME --role director"), file=sys.stderr)
        return 1
    password = _new_password(_("Password for the new user: "))
    user = accounts.add_user(opened.ctx, args.username, password, Role(args.role), args.staff_id)
    print(_("Account {id} added.").format(id=user.id))
    return 0


def _reset_password(args: argparse.Namespace, opened: Any) -> int:
    users = {u.username: u for u in accounts.list_users(opened.ctx)}
    user = users.get(args.username.strip().lower())
    if user is None or user.id is None:
        print(_("There is no account called “{name}”.").format(name=args.username), file=sys.stderr)
        return 1
    password = _new_password(_("New password: "))
    accounts.reset_password(opened.ctx, user.id, password)
    print(_("Password changed; the account is unlocked."))
    return 0
