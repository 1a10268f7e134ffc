"""Name sources for demo households, by home language, with real diacritics and scripts.

Faker covers most cultures; for languages Faker lacks (Somali, Haitian Creole) and for the Latin
spellings many Arabic- and Chinese-speaking US families use on forms, small lists are kept here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker

_SOMALI_F = ["Hodan", "Faadumo", "Sahra", "Ayaan", "Hibo", "Nasteexo", "Ubah", "Ifrah", "Sagal", "Deeqa"]
_SOMALI_M = ["Abdirahman", "Mohamed", "Abdiwali", "Liban", "Guled", "Yuusuf", "Cabdi", "Bashiir", "Axmed"]
_SOMALI_L = ["Warsame", "Cali", "Jaamac", "Faarax", "Xasan", "Yuusuf", "Aadan", "Cumar", "Samatar", "Nuur"]
_HAITIAN_F = ["Widline", "Mirlande", "Nadège", "Fabienne", "Rose-Andrée", "Guerline", "Jésula", "Marjorie"]
_HAITIAN_M = ["Jean-Robert", "Wilner", "Frantz", "Jacquelin", "Réginald", "Dieudonné", "Stanley", "Ketly"]
_HAITIAN_L = ["Joseph", "Pierre", "Jean-Baptiste", "Désir", "Louis", "Célestin", "Étienne", "Dorvil", "Saint-Fleur"]
_ARABIC_LATIN_F = ["Fatima", "Aisha", "Mariam", "Noor", "Layla", "Huda", "Rania", "Yasmin", "Salma"]
_ARABIC_LATIN_M = ["Omar", "Youssef", "Ahmad", "Khaled", "Hassan", "Tariq", "Samir", "Ali", "Mustafa"]
_ARABIC_LATIN_L = ["Al-Sayed", "Haddad", "Khoury", "Mansour", "Nasser", "Al-Amin", "Saleh", "Aziz", "Darwish"]
_CHINESE_LATIN_F = ["Mei", "Xiaoling", "Yan", "Jing", "Lihua", "Wenjun", "Ying"]
_CHINESE_LATIN_M = ["Wei", "Jun", "Hao", "Zhiqiang", "Ming", "Lei", "Bo"]
_CHINESE_LATIN_L = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu"]


@dataclass(frozen=True)
class Culture:
    language: str         # the family's home / preferred language
    faker_locale: str | None
    weight: int           # share of demo families
    latin_lists: tuple[list[str], list[str], list[str]] | None = None  # (female, male, last) spellings
    native_share: float = 1.0  # share of families whose names are recorded in their own script


CULTURES: tuple[Culture, ...] = (
    Culture("es", "es_MX", 30),
    Culture("en", "en_US", 22),
    Culture("ar", "ar_AA", 7, (_ARABIC_LATIN_F, _ARABIC_LATIN_M, _ARABIC_LATIN_L), native_share=0.4),
    Culture("zh", "zh_CN", 6, (_CHINESE_LATIN_F, _CHINESE_LATIN_M, _CHINESE_LATIN_L), native_share=0.5),
    Culture("vi", "vi_VN", 6),
    Culture("so", None, 5, (_SOMALI_F, _SOMALI_M, _SOMALI_L), native_share=0.0),
    Culture("ht", None, 5, (_HAITIAN_F, _HAITIAN_M, _HAITIAN_L), native_share=0.0),
    Culture("pt", "pt_BR", 4),
    Culture("ru", "ru_RU", 3),
    Culture("ne", "ne_NP", 3),
    Culture("fr", "fr_FR", 2),
    Culture("ko", "ko_KR", 2),
    Culture("am", "am_ET", 1, None),
    Culture("uk", "uk_UA", 1),
    Culture("fa", "fa_IR", 1),
    Culture("tl", "tl_PH", 2),
)


class FakerPool:
    """One seeded Faker per locale for one demo run (Faker instances are slow to create)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._fakers: dict[str, Faker] = {}

    def get(self, locale: str) -> Faker:
        if locale not in self._fakers:
            fake = Faker(locale)
            fake.seed_instance(self.seed)
            self._fakers[locale] = fake
        return self._fakers[locale]


class NameMaker:
    """Gives consistent names for one household of a culture."""

    def __init__(self, culture: Culture, rng: random.Random, fakers: FakerPool) -> None:
        self.rng = rng
        self.native = culture.latin_lists is None or rng.random() < culture.native_share
        self.lists = culture.latin_lists
        self.fake = fakers.get(culture.faker_locale) if culture.faker_locale and self.native else None
        if self.fake is None and self.lists is None:  # e.g. Amharic: Faker's am_ET gives English names
            self.fake = fakers.get("en_US")

    def first(self, female: bool) -> str:
        if self.fake is not None:
            return self.fake.first_name_female() if female else self.fake.first_name_male()
        assert self.lists is not None
        return self.rng.choice(self.lists[0] if female else self.lists[1])

    def last(self, female: bool = False) -> str:
        if self.fake is not None:
            gendered = getattr(self.fake, "last_name_female" if female else "last_name_male", None)
            return gendered() if gendered else self.fake.last_name()
        assert self.lists is not None
        return self.rng.choice(self.lists[2])
