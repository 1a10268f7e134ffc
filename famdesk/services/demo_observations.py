"""`famdesk demo`: observation notes in the teachers' own words, across the ELOF domains.

Each teacher writes about children of their own classroom over the last ten weeks: short, warm,
concrete notes as written between activities. Carlos Mendoza, who is bilingual, writes some of his in
Spanish; a few English notes carry a Spanish translation for the family, ready for take-home notes.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from famdesk.db import models as m
from famdesk.domain.enums import StaffRole
from famdesk.services.door import internal
from famdesk.services.frameworks import BUILTIN_FRAMEWORK, BUILTIN_KEY, read_framework_file, store_framework
from famdesk.services.observations import search_text_for

# (sub-domain key, where, note). {name} is the child's first name; notes avoid pronouns on purpose.
_NOTES_EN = [
    (
        "atl_emotional_behavioral_self_regulation",
        "Circle time",
        "{name} waited for a turn with the talking stick and passed it on with a smile.",
    ),
    (
        "atl_cognitive_self_regulation",
        "Block corner",
        '{name}\'s tower fell twice; the third time {name} built a wider base first. "Now it stays!"',
    ),
    (
        "atl_initiative_curiosity",
        "Garden",
        "{name} found a snail under the planter and asked where it sleeps. We looked it up together.",
    ),
    (
        "atl_creativity",
        "Art table",
        '{name} mixed blue and yellow, gasped at the green, then painted a whole "jungle".',
    ),
    (
        "sed_relationships_adults",
        "Arrival",
        "{name} showed me a new pair of shoes and told me grandma chose them. Big hug at drop-off.",
    ),
    (
        "sed_relationships_children",
        "Dramatic play",
        "{name} invited a new friend to be the doctor and handed over the stethoscope.",
    ),
    (
        "sed_emotional_functioning",
        "Outdoor play",
        "When a friend fell, {name} ran over, patted a shoulder and said \"you're okay, I'm here\".",
    ),
    (
        "sed_identity_belonging",
        "Family wall",
        "{name} pointed to the family photo and named everyone, proudly, in two languages.",
    ),
    (
        "lang_attending_understanding",
        "Story time",
        '{name} followed the two-step direction "hang your coat, then wash hands" without a reminder.',
    ),
    (
        "lang_communicating_speaking",
        "Lunch",
        "{name} told the table a long story about the bus ride, with a beginning, a middle and an end.",
    ),
    (
        "lang_vocabulary",
        "Science table",
        '{name} used the word "enormous" for the pumpkin, then "tiny" for the seeds.',
    ),
    (
        "lit_phonological_awareness",
        "Circle time",
        '{name} clapped the syllables in every friend\'s name: "Ma-ri-a-na, four claps!"',
    ),
    (
        "lit_print_alphabet",
        "Writing center",
        "{name} found the first letter of their name on three different signs around the room.",
    ),
    (
        "lit_comprehension_text",
        "Story time",
        "{name} guessed what the caterpillar would turn into before we turned the page.",
    ),
    (
        "lit_writing",
        "Writing center",
        "{name} wrote a grocery list for the pretend store: scribbles, an M and a big smiley face.",
    ),
    (
        "math_counting_cardinality",
        "Snack",
        '{name} counted out crackers for the table, one for each friend, and said "six, that\'s everybody".',
    ),
    (
        "math_operations_algebraic",
        "Block corner",
        "{name} made a pattern with the blocks: red, blue, red, blue, and knew what came next.",
    ),
    (
        "math_measurement",
        "Sand table",
        "{name} compared two cups and said the tall one holds more. Then tested it. It didn't!",
    ),
    (
        "math_geometry_spatial",
        "Puzzles",
        "{name} turned a puzzle piece around until it fit, then did the next one on the first try.",
    ),
    (
        "sci_inquiry",
        "Water table",
        "{name} predicted the cork would float and the key would sink, then checked both.",
    ),
    (
        "sci_reasoning_problem_solving",
        "Outdoor play",
        "The ball was stuck in the bush; {name} fetched a long stick and got it out.",
    ),
    (
        "pmp_gross_motor",
        "Playground",
        "{name} climbed to the top of the climber and came down the ladder, feet first, carefully.",
    ),
    (
        "pmp_fine_motor",
        "Art table",
        "{name} cut along a curvy line with the scissors and glued the pieces into a fish.",
    ),
    (
        "pmp_health_safety_nutrition",
        "Lunch",
        "{name} tried the green beans for the first time and asked for more.",
    ),
]

# For the infant-toddler rooms: sub-domains the ELOF names for children under three.
_NOTES_TODDLER = [
    (
        "cog_exploration_discovery",
        "Sensory bin",
        "{name} filled the cup with rice, poured it out, and did it again and again, watching it fall.",
    ),
    (
        "cog_memory",
        "Clean-up",
        "{name} remembered where the ball lives and put it back in the basket without being asked.",
    ),
    (
        "cog_reasoning_problem_solving_it",
        "Shape sorter",
        "{name} tried the star in three holes, then turned it and pushed it through. Big grin!",
    ),
    (
        "cog_emergent_math",
        "Snack",
        '{name} held up two fingers and said "two!" when asking for more crackers.',
    ),
    (
        "pmp_perception",
        "Music time",
        "{name} turned toward the shaker every time it played behind the shelf.",
    ),
    (
        "lang_emergent_literacy",
        "Book corner",
        '{name} brought me the duck book, turned the pages and said "quack" on every page.',
    ),
    ("lang_vocabulary", "Outdoor play", '{name} pointed at the sky and said "plane!" and then "up, up!"'),
    (
        "sed_relationships_children",
        "Play mat",
        "{name} handed a block to a friend and waited to get it back.",
    ),
    ("sed_relationships_adults", "Arrival", "{name} ran to me at drop-off, then waved bye-bye to dad."),
    (
        "atl_emotional_behavioral_self_regulation",
        "Nap time",
        "{name} found the blanket from home, hugged it, and settled down to rest.",
    ),
    ("pmp_gross_motor", "Playground", "{name} walked up the little ramp holding the rail, then down again."),
    (
        "pmp_fine_motor",
        "Art table",
        "{name} held the fat crayon in a fist and made big circles on the paper.",
    ),
]

_NOTES_ES = [
    (
        "atl_initiative_curiosity",
        "Jardín",
        "{name} encontró una lombriz y quiso saber qué come. La buscamos juntos en un libro.",
    ),
    (
        "sed_relationships_children",
        "Rincón de casita",
        "{name} compartió la cocinita con dos amigos y repartió los platos para todos.",
    ),
    (
        "sed_emotional_functioning",
        "Llegada",
        "{name} estaba triste al despedirse, respiró hondo conmigo y luego fue a jugar con alegría.",
    ),
    (
        "lang_communicating_speaking",
        "Círculo",
        "{name} contó en español y en inglés lo que hizo el fin de semana. ¡Todos escucharon!",
    ),
    (
        "lit_writing",
        "Centro de escritura",
        "{name} escribió su nombre solo, letra por letra, y me lo mostró muy orgulloso.",
    ),
    (
        "math_counting_cardinality",
        "Merienda",
        "{name} contó las manzanas hasta diez y dijo: «hay una para cada amigo».",
    ),
    (
        "pmp_gross_motor",
        "Patio",
        "{name} saltó en un pie cinco veces seguidas y luego enseñó a otro niño cómo hacerlo.",
    ),
    (
        "atl_creativity",
        "Mesa de arte",
        "{name} hizo un cohete con cajas y tubos y le puso nombre: «El Veloz».",
    ),
]

_TRANSLATIONS_ES = {
    "pmp_health_safety_nutrition": "{name} probó los ejotes por primera vez y pidió más.",
    "math_counting_cardinality": "{name} contó galletas para la mesa, una para cada amigo, y dijo "
    "«seis, ya estamos todos».",
    "atl_creativity": "{name} mezcló azul y amarillo, se sorprendió con el verde y pintó toda una «selva».",
}


@internal("a step of the demo's one transaction")
def create(s: Session, rng: random.Random, today: dt.date) -> None:
    fw = s.scalar(select(m.Framework).where(m.Framework.key == BUILTIN_KEY))
    if fw is None:
        fw = store_framework(s, read_framework_file(BUILTIN_FRAMEWORK))
    subs = {sub.key: sub for dom in fw.domains for sub in dom.subdomains}
    teachers = [
        t
        for t in s.scalars(select(m.StaffMember).order_by(m.StaffMember.id))
        if t.role in (StaffRole.TEACHER, StaffRole.ASSISTANT_TEACHER) and t.classrooms
    ]
    for teacher in teachers:
        spanish = "es" in (teacher.languages or [])
        for room in teacher.classrooms:
            toddlers = "month" in (room.age_group or "")
            kids = list(
                s.scalars(
                    select(m.Child)
                    .where(m.Child.classroom_id == room.id, m.Child.exited_on.is_(None))
                    .order_by(m.Child.id)
                )
            )
            for kid in kids:
                for _n in range(rng.randint(3, 7)):
                    _note(s, rng, today, teacher, [kid], subs, spanish and not toddlers, toddlers)
            if len(kids) >= 2:  # a few notes about two children playing together
                for _n in range(2):
                    _note(
                        s, rng, today, teacher, rng.sample(kids, 2), subs, spanish and not toddlers, toddlers
                    )
    s.flush()


def _note(
    s: Session,
    rng: random.Random,
    today: dt.date,
    teacher: m.StaffMember,
    kids: list[m.Child],
    subs: dict[str, m.FrameworkSubdomain],
    spanish: bool,
    toddlers: bool = False,
) -> None:
    family_reads_spanish = kids[0].family.preferred_language == "es"
    in_spanish = spanish and (family_reads_spanish or rng.random() < 0.3)
    key, where, text = rng.choice(_NOTES_TODDLER if toddlers else _NOTES_ES if in_spanish else _NOTES_EN)
    name = " " + ("y" if in_spanish else "and") + " "
    names = name.join(k.preferred_name or k.first_name for k in kids)
    text = text.format(name=names)
    translation = translation_language = ""
    if not in_spanish and family_reads_spanish and key in _TRANSLATIONS_ES:
        translation, translation_language = _TRANSLATIONS_ES[key].format(name=names), "es"
    when = dt.datetime.combine(
        today - dt.timedelta(days=rng.randint(0, 70)),
        dt.time(rng.randint(8, 15), rng.choice((0, 10, 20, 30, 40, 50))),
    )
    sub = subs[key]
    s.add(
        m.Observation(
            author_id=teacher.id,
            observed_at=when,
            context=where,
            text=text,
            shareable_with_family=rng.random() < 0.6,
            translation=translation,
            translation_language=translation_language,
            search_text=search_text_for(text, translation, where),
            children=list(kids),
            domains=[sub.domain],
            subdomains=[sub],
        )
    )
