"""Who a command acts as: a signed-in user once the program has accounts, else the director.

- No account yet (a new program): commands act as director, audited as "command line", so the first
  director's account can be made with ``famdesk add-user NAME --role director``.
- Accounts exist: every command signs in with ``--user NAME`` (or ``FAMDESK_USER``) and the password
  (``FAMDESK_PASSWORD``, or asked on the terminal without echo; never read from a pipe) through
  ``services.accounts.login``: the same check, lock-out delays and audit entries as the window. The
  command then acts with that user's role; the services refuse what the role may not do.
- An encrypted database: the director's password that unlocked it signs in as that director; ``--user``
  chooses which director (the password must then be theirs).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from famdesk.domain.errors import PasswordNeeded, PermissionDenied
from famdesk.domain.roles import COMMAND_LINE, Actor
from famdesk.i18n import _
from famdesk.services import accounts

USER_ENV = "FAMDESK_USER"
PASSWORD_ENV = "FAMDESK_PASSWORD"


def ask_password(prompt: str, needed: str, env: str = PASSWORD_ENV) -> str:
    """The variable ``env`` (FAMDESK_PASSWORD), else asked on the terminal without echo; never read from a
    pipe. ``needed`` is the sentence said when there is no terminal to ask on."""
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise PasswordNeeded(needed)
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise PasswordNeeded(_("No password was given; nothing was done.")) from None


def user_name(args: argparse.Namespace) -> str:
    """The account a command signs in as: ``--user``, else ``encrypt --user``, else FAMDESK_USER."""
    given = (getattr(args, "user", None) or "").strip()
    for_encrypt = (getattr(args, "encrypt_user", None) or "").strip()
    if given and for_encrypt and given.lower() != for_encrypt.lower():
        raise PermissionDenied(_("--user is given twice with two different names; give it once. "
                                 "Nothing was done."))
    return given or for_encrypt or os.environ.get(USER_ENV, "").strip()


def acting_actor(args: argparse.Namespace, opened: Any, unlock_password: str | None) -> Actor:
    """Sign the command in (see the module docstring); sets ``opened.password`` to the password used."""
    ctx = opened.ctx
    name = user_name(args)
    if opened.unlocked is not None and unlock_password is not None:
        opened.password = unlock_password
        if not name:
            from famdesk.services import encryption

            return encryption.sign_in_director(ctx, opened.unlocked, unlock_password)
        return accounts.login(ctx, name, unlock_password)
    if not accounts.has_users(ctx):
        if name:
            raise PermissionDenied(_("This program has no accounts yet, so nobody can sign in as “{name}”. "
                                     "Run the command without --user (it acts as the director), or make the "
                                     "first director's account: famdesk add-user NAME --role director")
                                   .format(name=name))
        return COMMAND_LINE
    if not name:
        raise PermissionDenied(_("This program has accounts: sign in with --user NAME (or set FAMDESK_USER). "
                                 "Nothing was done."))
    password = ask_password(
        _("Password for {name}: ").format(name=name),
        _("A password is needed to sign in as “{name}”: run the command in a terminal to be asked for it, "
          "or set FAMDESK_PASSWORD for a script. Nothing was done.").format(name=name))
    opened.password = password
    return accounts.login(ctx, name, password)
