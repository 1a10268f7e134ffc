"""Warnings the director reads when something printed in another language (interface language, not the
family's: the director sees them on screen)."""

from __future__ import annotations

from famdesk.formatting import language_name
from famdesk.i18n import _, ngettext, ui_language


def _lang(code: str) -> str:
    return language_name(code, ui_language()) or code


def custom_fallback(title: str, wanted: str, used: str) -> str:
    return _("“{title}” has no {wanted} version yet; printed in {used}.").format(
        title=title, wanted=_lang(wanted), used=_lang(used))


def builtin_fallback(title: str, wanted: str, missing: int) -> str:
    return ngettext("“{title}”: {n} message has no {wanted} translation; printed in {used}.",
                    "“{title}”: {n} messages have no {wanted} translation; printed in {used}.", missing).format(
        title=_(title), n=missing, wanted=_lang(wanted), used=_lang("en"))
