"""Shared by the partnership printables: PFCE area and goal status names in the handouts domain."""

from __future__ import annotations

from collections.abc import Callable

from famdesk.domain.partnership import GoalArea, GoalStatus, Tone
from famdesk.domain.printables import PrintResult
from famdesk.i18n import N_, normalize_language
from famdesk.printing.handouts import Tr

AREAS = {
    GoalArea.WELL_BEING: N_("Family well-being"),
    GoalArea.PARENT_CHILD: N_("Positive parent-child relationships"),
    GoalArea.LIFELONG_EDUCATORS: N_("Families as lifelong educators"),
    GoalArea.LEARNERS: N_("Families as learners"),
    GoalArea.TRANSITIONS: N_("Family engagement in transitions"),
    GoalArea.PEERS_COMMUNITY: N_("Family connections to peers and community"),
    GoalArea.ADVOCATES_LEADERS: N_("Families as advocates and leaders"),
}
STATUSES = {GoalStatus.IN_PROGRESS: N_("In progress"), GoalStatus.ON_HOLD: N_("On hold"),
            GoalStatus.ACHIEVED: N_("Achieved"), GoalStatus.CLOSED: N_("Closed")}
TONES = {Tone.POSITIVE: N_("Positive"), Tone.NEUTRAL: N_("Neutral"), Tone.CONCERN: N_("Concern")}


def render_translated(make: Callable[[Tr], bytes], locale: str, what: str) -> PrintResult:
    """Render in ``locale``; if any fixed text lacks a translation, print it in English and say so."""
    t = Tr(normalize_language(locale))
    pdf = make(t)
    if t.missing:
        return PrintResult(make(Tr("en")), 1, [f"{what}: no {t.language} translation for "
                                                f"{len(set(t.missing))} message(s); printed in English"])
    return PrintResult(pdf, 1, [])


def own_direction(text: str) -> str:
    """Free text typed by staff or the family keeps its own direction: English stays left-to-right
    inside an Arabic page (its full stop at the end), Arabic text flows with the page."""
    from famdesk.printing.text import ltr

    if any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in text):
        return text
    return ltr(text) if text else text
