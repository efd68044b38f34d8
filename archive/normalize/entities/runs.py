"""The rules that type one name run or acronym of a chunk: a person (a title, a role, speech, a first name,
an age or an apposition around it), an organization (a noun before it, an acronym's cues) or an untyped run
for the tagger. Mixed into :class:`archive.normalize.entities.segment.Segmenter`, whose text, tokens,
language, speakers and emitters (``_add``, ``_title``, ``_common``) they read.
"""

from __future__ import annotations

import re

from archive.normalize import lexicon as shared_lexicon
from archive.normalize.entities import gazetteer, lexicon, organizations as orgs, people
from archive.normalize.entities.tokens import Chunk, Token, tokenize
from archive.normalize.entities.wordlists import EN_WORDS

# Words that, right before an all-caps token, make it an organization ("pihak KPK", "anggota DPR").
_ACRONYM_CUES = frozenset(
    "pihak lembaga instansi kantor gedung markas anggota kader fraksi partai aliansi organisasi badan komisi "
    "perusahaan maskapai klub grup kelompok koalisi serikat asosiasi kementerian institusi universitas operator "
    "produsen pabrikan emiten oleh "
    "agency company firm group alliance organization organisation party union bloc network broadcaster carrier "
    "maker lender regulator watchdog league club militia insurer airline automaker retailer".split())

# Academic and professional degrees written after a name ("Wismandari Wisnu SpPD-KEMD", "Andi SH").
_DEGREE = re.compile(r"^(?:Sp[A-Z][\w-]*|S\.?(?:H|E|T|Sos|Kom|Pd|Ked|IP|KM)|M\.?(?:H|Si|M|Pd|Kes|Kn|Hum|BA)|PhD|MBA|MPH)$")

# Nouns that end the names of events, places and things named after people ("Davis Cup", "Grant Park").
_NOT_SURNAMES = frozenset(
    "cup trophy prize award awards open games festival street avenue road boulevard square park bridge hall "
    "center centre tower island islands river lake mountain valley bay beach day week bowl series act law "
    "foundation institute museum library stadium arena airport station theater theatre church school college "
    "university hospital memorial hotel restaurant pavilion amphitheatre auditorium door".split())

# Titles after which a capitalized run is a name even when its words are ordinary ones (lexicon/data/id/name_titles.txt).
_NAME_TITLES = shared_lexicon.words("name_titles", ("id",))


def _nouns(name: str) -> dict[str, frozenset[tuple[str, ...]]]:
    """A list of nouns (one or two words a line, "_" joining two) by language, each as its words:
    lexicon/data/<lang>/<name>.txt ("grup_musik" is ("grup", "musik"))."""
    return {lang: frozenset(tuple(" ".join(entry).split()) for entry in shared_lexicon.entries(lang, name))
            for lang in shared_lexicon.LANGUAGES}


# Lower-case nouns before a name that make it an organization's ("band Gigi", "the airline Garuda").
_ORG_NOUNS = _nouns("org_nouns")
_ORG_NOUN_ENDS = frozenset(entry[-1] for nouns in _ORG_NOUNS.values() for entry in nouns)  # a cheap pre-check
# Lower-case nouns before a name that make it a work's title or a product's name, no entity ("film Laskar
# Pelangi", "merek Aspira Premio"); a quote mark may stand between noun and title.
_WORK_NOUNS = _nouns("work_nouns")
# Quote marks that open a title ("The Prince of Tennis" in quotes is a work, not a band).
OPENING_QUOTES = frozenset(('"', "\u201c", "'", "\u2018"))
_SPACE = frozenset((" ",))
_WORK_GAPS = _SPACE | {" " + q for q in OPENING_QUOTES}

_APPOSITION = re.compile(r",\s+(?:(?:mantan|eks|former|the|sang)\s+)?")

# Administrative heads of units below a regency (villages, hamlets, districts): the gazetteer does not
# know their names, and a title ending with one ("Kepala Desa") is followed by the unit's name far more
# often than by the office holder's. (Towns, regencies and provinces are in the gazetteer, and
# "Wali Kota Risma" is the mayor, so "kota" is not one of them.)
_LOCAL_UNIT_HEADS = gazetteer.admin_heads() - gazetteer.polity_heads() - frozenset(
    ("kota", "kotamadya", "kabupaten", "provinsi"))


class RunRules:
    """Typing a name run or an acronym (see the module docstring)."""

    text: str
    tokens: list[Token]
    language: str | None
    speakers: frozenset[str]

    def _first_name_evidence(self, tok: Token) -> bool:
        """A known first name; in English not when it opens the sentence and is an ordinary word ("Will")."""
        if not people.is_first_name(tok.text, self.language):
            return False
        return not (tok.sentence_start and self.language == "en" and tok.norm in EN_WORDS)

    @staticmethod
    def _lone_word(t: Token) -> bool:
        """A capitalized word that may be a name though it is also an ordinary word: no acronym, function
        word, month or head word (heads.py and the organization rules read those)."""
        return t.cap and not t.upper and t.norm not in lexicon.stop_or_calendar_words() and \
            t.norm not in gazetteer.place_heads() and t.norm not in orgs.HEAD_INITIAL

    def _run(self, chunk: Chunk, lo: int, hi: int, title_live: bool, first_run: bool,
             title_start: int | None, restricted: bool) -> bool:
        """Classify a name run; True when it consumed the pending title."""
        toks = chunk.tokens
        lo0, hi0 = lo, hi
        if title_live and not restricted and self._unit_after_title(toks, lo, hi, title_start):
            return False  # the title is still to be given: "Kepala Desa Suren, Sutarno, mengatakan"
        # after "Mas", "Raden", "Sultan" comes a name, even one made of ordinary words ("Mas Agung")
        named = title_live and title_start is not None and self.language != "en" and \
            toks[title_start].norm in _NAME_TITLES
        # Leading common words are not names ("Keuangan Sri Mulyani", "Pendayagunaan Aparatur ...").
        while lo < hi and not people.is_first_name(toks[lo].text, self.language) and (
                not named and self._common(toks[lo]) or not toks[lo].cap):
            lo += 1
        while hi > lo and (not toks[hi - 1].cap or _DEGREE.match(toks[hi - 1].text)):
            hi -= 1
        if lo >= hi:
            if not (restricted or title_live or self.language == "en" or toks[lo0].sentence_start) and \
                    all(self._lone_word(t) for t in toks[lo0:hi0]):
                # Indonesian names are often ordinary words ("Gigi" is a band, "Dara" a singer); written
                # with a capital inside a sentence such a word may be a name: the tagger decides.
                if self._org_noun_before(chunk.index + lo0):
                    self._add("org", toks[lo0], toks[hi0 - 1], size=hi0 - lo0)
                elif not self._work_noun_before(chunk.index + lo0):
                    self._add("run", toks[lo0], toks[hi0 - 1], size=hi0 - lo0)
            return False
        # acronyms stand apart from the words around them ("KPK Agus Rahardjo")
        if orgs.is_acronym(toks[lo]) and not restricted:
            self._acronym(toks[lo])
            return self._run(chunk, lo + 1, hi, title_live, first_run, title_start, restricted) if hi > lo + 1 \
                else False
        words = toks[lo:hi]
        if any(orgs.is_acronym(t) for t in words[1:]) and not restricted:
            k = next(k for k, t in enumerate(words[1:], 1) if orgs.is_acronym(t))
            used = self._run(chunk, lo, lo + k, title_live, first_run, title_start, restricted)
            self._run(chunk, lo + k, hi, title_live and not used, False, title_start, restricted)
            return used
        if title_live and not restricted:
            # after a title the name is the part from a known first name on ("Lhoksukon Teuku Rahmatsyah")
            k = 0 if people.is_first_name(words[0].text, self.language) else next(
                (k for k, t in enumerate(words[1:], 1) if people.is_first_name(t.text, self.language)), 0)
            if k:
                words, lo = words[k:], lo + k
            # Indonesian: a run with common words after a title is the office, not a name
            if self.language != "en" and not named and not people.is_first_name(words[0].text, self.language) and any(
                    self._common(t) for t in words):
                return False
        first, last = words[0], words[-1]
        text, all_tokens = self.text, self.tokens
        gi, gl = chunk.index + lo, chunk.index + hi - 1  # positions of first and last in self.tokens
        evidence = False
        if not restricted:
            evidence = (
                title_live
                or (first_run and lo == 0 and (people.lowercase_role_before(text, all_tokens, gi)
                                               or people.speech_before(text, all_tokens, gi)))
                or (first_run and people.lowercase_role_before(text, all_tokens, chunk.index))
                or (len(words) >= 2 and self._first_name_evidence(first) and last.norm not in _NOT_SURNAMES)
                or people.age_after(text, last.end)
                or (hi == len(toks) and (len(words) >= 2 or not first.sentence_start)
                    and people.speech_after(text, all_tokens, gl))
                or people.apposition_role(text, last.end)
                or self._apposition(last.end)
            )
        if evidence and len(words) >= 2 and self.language == "en" and \
                not self._first_name_evidence(first) and all(t.norm in EN_WORDS for t in words):
            evidence = False  # ordinary words only: "Big Machine", "Human Rights", "Science Mission Directorate"
        if self.speakers and people.speaker_match(text[first.start:last.end], self.speakers):
            evidence = True
        alias = None
        if evidence and title_live and title_start is not None:
            alias = text[toks[title_start].start:last.end]
        if not (restricted or title_live) and self._org_noun_before(gi):
            # "maskapai Susi Air": the noun before the name says what it names, whatever its first word is
            self._add("org", first, last, size=len(words))
            return False
        if not (restricted or title_live or evidence) and self._work_noun_before(chunk.index + lo0):
            return False  # "album Yureru Omoi", "film You Only Live Twice": a title, no entity
        self._add("person" if evidence else "run", first, last, alias=alias, size=len(words))
        return evidence and title_live

    def _unit_after_title(self, toks: list[Token], lo: int, hi: int, title_start: int | None) -> bool:
        """One word after a title that ends with a local unit's head ("Kepala Desa Suren", "Kepala
        Dusun Kleben") names the unit, unless it is a known first name: a place with its head ("Desa
        Suren", as the head rules write it), added here. The office holder comes after it, often in
        apposition ("Kepala Desa Suren, Sutarno, mengatakan"), and keeps the title."""
        if title_start is None or self.language == "en":
            return False
        if hi - lo == 2:
            head, word = toks[lo], toks[lo + 1]  # the title is "Kepala", the run "Dusun Kleben"
        elif hi - lo == 1 and lo - 1 > title_start:
            head, word = toks[lo - 1], toks[lo]  # the title is "Kepala Desa", the run "Suren"
        else:
            return False
        if head.norm not in _LOCAL_UNIT_HEADS or self.text[head.end:word.start] != " " or word.upper or \
                people.is_first_name(word.text, self.language):
            return False
        if self._common(word) and self.text[word.end:word.end + 2] != ", ":
            return False  # an ordinary word ("Kepala Desa Setempat") names a village only before an apposition
        self._add("place", head, word, place=gazetteer.place_for(self.text[head.start:word.end]), size=2)
        return True

    def _org_noun_before(self, k: int) -> bool:
        """Token ``k`` follows a lower-case noun that makes a name an organization's ("band Gigi")."""
        return k >= 1 and self.tokens[k - 1].norm in _ORG_NOUN_ENDS and self._noun_before(k, _ORG_NOUNS, _SPACE)

    def _work_noun_before(self, k: int) -> bool:
        """Token ``k`` follows a noun that makes a name a work's title or a product's name ("film Laskar
        Pelangi", "album \"Yureru Omoi\"", "merek Aspira Premio"; "Album" may open the sentence)."""
        if not self._noun_before(k, _WORK_NOUNS, _WORK_GAPS, opening=True):
            return False
        # "sutradara film Joko Anwar", "pemain film X": a role with its field, the name a person's
        return not (k >= 2 and people.lowercase_role_before(self.text, self.tokens, k - 1))

    def _noun_before(self, k: int, nouns: dict[str, frozenset[tuple[str, ...]]], gaps: frozenset[str],
                     opening: bool = False) -> bool:
        """Token ``k`` follows a lower-case noun of ``nouns`` (by language; one word, or two with the
        first lower-case too) with one of ``gaps`` between; with ``opening`` the noun may also be the
        sentence's capitalized first word."""
        toks = self.tokens
        if k < 1:
            return False
        noun = toks[k - 1]
        if noun.cap and not (opening and noun.sentence_start) or self.text[noun.end:toks[k].start] not in gaps:
            return False
        table = nouns.get(self.language or "id", nouns["id"])
        return (noun.norm,) in table or k >= 2 and not toks[k - 2].cap and (toks[k - 2].norm, noun.norm) in table

    def _acronym(self, tok: Token) -> None:
        """An all-caps token: an organization with evidence, else a candidate ("acro") that only an
        organization of the article whose initials it spells can claim ("MA" for "Mahkamah Agung")."""
        paren = self.text[tok.start - 1:tok.start] == "(" and self.text[tok.end:tok.end + 1] == ")"
        word = tok.text.replace(".", "")
        if len(word) >= 3 and people.is_ordinary_word(word, self.language) or word.casefold() in EN_WORDS \
                and len(word) >= 3:
            return  # an ordinary word in capitals ("BIG", "BUILD", "HARI"), not an acronym
        if paren:
            self._add("org", tok, tok, paren=True)
            return
        self._add("org" if self._acronym_evidence(tok) else "acro", tok, tok)

    def _acronym_evidence(self, tok: Token) -> bool:
        """A technical acronym ("SLS", "GSM") is no organization without a sign that it acts as one:
        a speech verb after it, a title or role before it, an organization word right before it,
        or being a quote's speaker."""
        if self.speakers and people.speaker_match(tok.text, self.speakers):
            return True
        k = self._index(tok)
        toks = self.tokens
        if k + 1 < len(toks) and not toks[k + 1].cap and toks[k + 1].norm in lexicon.SPEECH_AFTER and \
                self.text[tok.end:toks[k + 1].start].strip(" ,") == "":
            return True
        if k + 1 < len(toks) and toks[k + 1].cap and self.text[tok.end:toks[k + 1].start] in (" ", "'s ", "’s ") \
                and self._title(toks, k + 1):
            return True  # "ECB President Christine Lagarde", "NASA's Administrator"
        if k > 0:
            prev = toks[k - 1]
            if self.text[prev.end:tok.start] == " " and ((prev.norm,) in lexicon.TITLES or (prev.norm,) in lexicon.ROLES
                                                         or prev.norm in _ACRONYM_CUES):
                return True
        return False

    def _index(self, tok: Token) -> int:
        lo, hi = 0, len(self.tokens)
        while lo < hi:  # tokens are ordered by offset
            mid = (lo + hi) // 2
            if self.tokens[mid].start < tok.start:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _apposition(self, end: int) -> bool:
        m = _APPOSITION.match(self.text, end)
        if not m or not self.text[m.end():m.end() + 1].isupper():
            return False  # no capitalized word right after the comma
        rest = tokenize(self.text[m.end():m.end() + 40])
        return bool(rest) and rest[0].cap and self._title(rest, 0) > 0 and rest[0].start == 0
