"""Organization evidence: head words, legal suffixes, known names and acronyms."""

from __future__ import annotations

import re
from dataclasses import replace

from archive.normalize import lexicon as shared_lexicon
from archive.normalize.entities import lexicon
from archive.normalize.entities.items import Item
from archive.normalize.entities.tokens import Token

# Indonesian names put the head first ("Kementerian Luar Negeri", "Polda Lampung", "PT PLN").
HEAD_INITIAL = lexicon._words(
    "Kementerian Kemenkeu Kemenlu Kemendagri Kemenkes Kemendikbud Kemenpan Kemenag Kemenhan Kemenkumham "
    "Partai Organisasi Badan Komisi Lembaga Dewan Majelis Mahkamah Pengadilan Kejaksaan Kejari Kejati "
    "Kepolisian Polda Polres Polresta Polrestabes Polsek Kodim Kodam Korem Koramil Pemkot Pemkab Pemprov "
    "DPRD Dinas Universitas Institut Sekolah Akademi Politeknik Yayasan Perusahaan Persatuan "
    "Ikatan Asosiasi Himpunan Gabungan Federasi Serikat Koperasi Bank Bursa PT CV Perum Rumah RSUD "
    "Bandara Bandar Direktorat Ditreskrimum Ditreskrimsus Satreskrim Inspektorat Sekretariat Angkatan Komando "
    "Kedutaan Konsulat Fraksi Klub Grup Kesatuan Tentara Kantor Radio Pemda"
)
# English names put it last ("Labour Party", "Defense Ministry") or first before "of"/"for".
HEAD_FINAL = lexicon.ORG_WORDS - HEAD_INITIAL | lexicon._words("Bank Group Club")
# In English text only English heads count ("Tim Cook" is a name, not an Indonesian team).
HEAD_FINAL_EN = lexicon.ORG_WORDS_EN | lexicon._words("Bank Group Club")
# After "Rumah" only "Sakit" makes an organization ("Rumah Sakit Cipto"), after "Bandar" only "Udara"
# ("Bandar Udara Sentani": an airport; "Bandar Lampung" is a city).
_NEEDS_NEXT = {"rumah": "sakit", "bandar": "udara"}

_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")


def is_head_initial(tokens: list[Token], i: int, end: int, language: str | None = None) -> bool:
    """An Indonesian head word at ``i`` followed by at least one capitalized word in the chunk."""
    tok = tokens[i]
    if tok.norm not in HEAD_INITIAL or i + 1 >= end:
        return False
    if language == "en" and tok.norm not in lexicon.ORG_WORDS_EN:
        return False
    need = _NEEDS_NEXT.get(tok.norm)
    nxt = tokens[i + 1]
    if need is not None:
        return nxt.norm == need and i + 2 < end
    if tok.norm in HEAD_FINAL and tok.norm not in ("bank", "pt", "grup"):
        return nxt.norm in ("of", "for")
    return nxt.cap or nxt.norm in ("of", "for")


def is_head_final(tok: Token, language: str | None = None) -> bool:
    """An English head word ending a name ("Party", "University", "Inc")."""
    return tok.cap and tok.norm in (HEAD_FINAL_EN if language == "en" else HEAD_FINAL)


def is_suffix(tok: Token) -> bool:
    """Legal-form suffix that closes a name ("Tbk", "Inc", "Ltd")."""
    return tok.norm in lexicon.ORG_SUFFIXES


def is_acronym(tok: Token) -> bool:
    """An all-caps token that can name an organization (not a numeral, unit or common-noun acronym)."""
    if not tok.upper:
        return False  # the pattern below asks for two or more letters, all capitals
    word = tok.text.replace(".", "")
    if not _ACRONYM.match(word) or word.casefold() in lexicon.NON_ORG_ACRONYMS:
        return False
    if _ROMAN.match(word) or word.isdigit():
        return False
    return sum(c.isalpha() for c in word) >= 2


def known_org(tokens: list[Token], i: int, end: int) -> int:
    """Length of the longest known organization name at ``i`` (0 if none)."""
    if tokens[i].norm not in KNOWN_FIRST_WORDS:
        return 0
    for n in range(min(4, end - i), 0, -1):
        if tuple(t.norm for t in tokens[i:i + n]) in _KNOWN_NORMS:
            return n
    return 0


def _known_norms() -> frozenset[tuple[str, ...]]:
    from archive.normalize.entities.gazetteer import norm

    return frozenset(tuple(norm(" ".join(p)).split()) for p in lexicon.KNOWN_ORGS)


_KNOWN_NORMS = _known_norms()
KNOWN_FIRST_WORDS = frozenset(p[0] for p in _KNOWN_NORMS)  # a cheap pre-check (the segmenter reads it too)


# Football clubs: "FC Porto", "AC Milan", "Real Madrid", "Bayern Munich"; "Manchester United".
_CLUB_CODES = lexicon._words("FC AFC AC SC CF FK SK CD UD SSC KV")
_CLUB_WORDS = lexicon._words("Real Inter Atletico Atlético Sporting Borussia Bayern Olympique Dynamo Dinamo Spartak "
                             "Lokomotiv Shakhtar Zenit Racing Deportivo Union")
# Words after a city's name that make it a club's: "Manchester United", "Leicester City", "Ipswich Town". (A
# city whose own name ends in "City" or "Town", "Mexico City", "Cape Town", is the gazetteer's longer match.)
CLUB_AFTER = lexicon._words("United Hotspur Rovers Wanderers Athletic Albion FC AFC CF City Town")


# Clubs known by name (lexicon/data/*/clubs.txt), as tuples of their words.
_CLUBS = frozenset(tuple(" ".join(entry).split()) for entry in
                   shared_lexicon.entries("id", "clubs") + shared_lexicon.entries("en", "clubs"))
_CLUB_FIRST = frozenset(name[0] for name in _CLUBS)
# Norms at which :func:`club` can find a club (its own tests, read by the segmenter before calling it).
CLUB_OPENERS = _CLUB_FIRST | _CLUB_CODES | _CLUB_WORDS


def club(tokens: list[Token], i: int, end: int) -> int:
    """Width of a club name at ``i`` (0 if none): a known club with the city written after it
    ("Persib Bandung", "PSMS Medan", "Ajax"), or a club code or word before a name ("FC Porto")."""
    tok = tokens[i]
    if tok.norm in _CLUB_FIRST:
        width = _known_club(tokens, i, end)
        if width:
            return width
    if i + 1 >= end or not tokens[i + 1].cap or tokens[i + 1].start - tok.end != 1:
        return 0
    if tok.norm in _CLUB_CODES and tok.upper:
        nxt = tokens[i + 1]
        if nxt.norm in _CLUB_WORDS and i + 2 < end and tokens[i + 2].cap:
            return 3  # "FC Bayern Munich"
        return 2
    if tok.norm in _CLUB_WORDS or _club_prefix(tok):
        from archive.normalize.entities.gazetteer import get

        place = get().phrases.get(tokens[i + 1].norm)
        if place is not None and place.kind in ("city", "province"):
            return 2
    return 0


# Indonesian clubs are "Pers-" (Persatuan Sepak Bola) and their town's letters: "Persikoba", "Persibat".
CLUB_PREFIX = "pers"


def _club_prefix(tok: Token) -> bool:
    """An Indonesian club's name (:data:`CLUB_PREFIX`), written before the town ("Persibat Batang");
    not a word of the language ("persen")."""
    if not tok.norm.startswith(CLUB_PREFIX) or len(tok.norm) < 6 or tok.upper:
        return False
    from archive.normalize.entities import people

    return not people.is_ordinary_word(tok.text, "id")


def _known_club(tokens: list[Token], i: int, end: int) -> int:
    """Width of a known club's name at ``i`` with the city or sponsor name written after it
    ("Persib Bandung", "Arema Cronus"), 0 if none."""
    for n in range(min(4, end - i), 0, -1):
        if tuple(t.norm for t in tokens[i:i + n]) in _CLUBS:
            j = i + n
            if j < end and tokens[j].cap and tokens[j].start - tokens[j - 1].end == 1:
                from archive.normalize.entities import people
                from archive.normalize.entities.gazetteer import get

                hit = get().lookup(tokens, j, None)
                if hit:
                    return n + hit[0]
                word = tokens[j].text
                if not (people.is_first_name(word) or people.is_ordinary_word(word, None)
                        or (tokens[j].norm,) in lexicon.TITLES):
                    return n + 1
            return n
    return 0


def with_place_names(text: str, items: list[Item]) -> list[Item]:
    """An acronym right before a town's or a province's name, one space apart, names a local body, a
    school or a club ("YPI Serang", "STMIK Serang", "UPN Jogjakarta", "PSMS Medan"): one organization,
    not an organization and a place. (A name of words before a country's name is too often a place,
    a cup or a person to join: "Hindia Belanda", "Coppa Italia".)"""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if prev is not None and item.kind == "place" and item.place is not None and \
                item.place.kind in ("city", "province") and prev.kind in ("org", "acro") and prev.size == 1 \
                and prev.surface.isupper() and text[prev.end:item.start] == " ":
            out[-1] = replace(prev, kind="org", end=item.end, surface=text[prev.start:item.end],
                              size=prev.size + item.size, paren=False)
            continue
        out.append(item)
    return out
