"""Split each capitalized chunk of a string into titles, places, organizations and name runs."""

from __future__ import annotations

import re

from archive.normalize import lexicon as shared_lexicon
from archive.normalize.entities import gazetteer, lexicon, organizations as orgs, people, schools
from archive.normalize.entities.gazetteer import Place
from archive.normalize.entities.items import Item
from archive.normalize.entities.heads import with_heads
from archive.normalize.entities.lists import with_lists
from archive.normalize.entities.nicknames import with_nicknames
from archive.normalize.entities.refine import refine
from archive.normalize.entities.tokens import Chunk, Token, chunks, tokenize
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

# Connectors inside a name that opens with an English head: "Securities and Exchange Commission".
_INNER_CONNECTORS = lexicon.ORG_CONNECTORS - {"of", "for"}

_SCHOOL_WORDS = schools.first_words()
# Norms of the tokens at which :meth:`Segmenter._title` can find a title: first words of titles,
# one-word roles (before a first name) and "H" (Haji).
_TITLE_OPENERS = lexicon.TITLE_FIRST_WORDS | {r[0] for r in lexicon.ROLES if len(r) == 1} | {gazetteer.norm("H")}

# Titles after which a capitalized run is a name even when its words are ordinary ones (lexicon/data/id/name_titles.txt).
_NAME_TITLES = shared_lexicon.words("name_titles", ("id",))
# Lower-case nouns before a name that make it an organization's ("band Gigi", "the airline Garuda"), by language.
_ORG_NOUNS = {lang: frozenset(shared_lexicon.entries(lang, "org_nouns")) for lang in shared_lexicon.LANGUAGES}
_ORG_NOUN_ENDS = frozenset(entry[-1] for nouns in _ORG_NOUNS.values() for entry in nouns)  # a cheap pre-check

_APPOSITION = re.compile(r",\s+(?:(?:mantan|eks|former|the|sang)\s+)?")


class Segmenter:
    """Runs the chunk rules over one string (a paragraph, the title or the dateline)."""

    def __init__(self, text: str, language: str | None, speakers: frozenset[str], restricted: bool):
        self.text = text
        self.language = language
        self.speakers = speakers
        self.restricted = restricted  # title/dateline: capitals prove nothing there
        self.tokens = tokenize(text)
        self.gaz = gazetteer.get()
        self.items: list[Item] = []
        self.head_seen = False  # a place head word before a capitalized word (see heads.with_heads)
        self.school_seen = False  # a word that may open a school name (see schools.with_schools)
        self.untyped_seen = False  # a name the rules could not type

    def run(self) -> list[Item]:
        carry_title = False
        heads, tokens = gazetteer.place_heads(), self.tokens
        look = self.language != "en"  # the place heads are Indonesian words
        for chunk in chunks(self.text, tokens):
            # a place head opening the chunk or right before it ("Kabupaten Bogor", "desa Suren")
            k = chunk.index
            if look and not self.head_seen:
                self.head_seen = tokens[k].norm in heads or (k > 0 and tokens[k - 1].norm in heads)
            carry_title = self._chunk(chunk, carry_title)
        return self.items

    # -- chunk scan -------------------------------------------------------------------------------
    def _chunk(self, chunk: Chunk, carry_title: bool) -> bool:
        toks = chunk.tokens
        n = len(toks)
        restricted = self.restricted or (n >= 2 and all(t.upper for t in toks))
        school_words = _SCHOOL_WORDS
        pending: list[tuple[str, int, int, Place | None]] = []
        title_start: int | None = None
        title_live = carry_title  # a title not yet given to a name
        first_run = True
        i = 0

        def flush(before_title: bool = False) -> None:
            nonlocal title_live, first_run, title_start
            if not pending:
                return
            lang = self.language
            for k, (kind, lo, hi, place) in enumerate(pending):
                if kind != "place":
                    continue
                nxt = pending[k + 1] if k + 1 < len(pending) and pending[k + 1][0] == "word" else None
                prv = pending[k - 1] if k > 0 and pending[k - 1][0] == "word" else None
                single = hi - lo == 1
                if nxt is not None and single and place.kind in ("city", "province") and \
                        people.is_first_name(toks[lo].text, lang):
                    pending[k] = ("word", lo, hi, None)  # a first name that geonames lists as a city
                elif nxt is not None and not (title_live or before_title or toks[lo].upper
                                              or people.is_first_name(toks[nxt[1]].text, lang)):
                    # a place followed by other capitalized words is part of a longer name:
                    # "China Grove", "Toulouse Street", "London Love Story", "Brent Sherwood"
                    pending[k] = ("word", lo, hi, None)
                elif prv is not None and single and not title_live and \
                        people.is_first_name(toks[prv[1]].text, lang) and prv[1] + 1 == lo:
                    pending[k] = ("word", lo, hi, None)  # a surname that is a place: "Michael Jordan"
            k = 0
            while k < len(pending):
                kind, lo, hi, place = pending[k]
                if kind == "place":
                    self._place(toks, lo, hi, place, n)
                    k += 1
                    continue
                if kind == "conn":
                    k += 1
                    continue
                m = k
                while m + 1 < len(pending) and pending[m + 1][0] == "word":
                    m += 1
                run_lo, run_hi = pending[k][1], pending[m][2]
                used = self._run(chunk, run_lo, run_hi, title_live, first_run, title_start, restricted)
                if used:
                    title_live = False
                    title_start = None
                first_run = False
                k = m + 1
            pending.clear()

        while i < n:
            t = toks[i]
            if not t.cap:
                if t.norm in lexicon.NAME_PARTICLES and pending and pending[-1][0] == "word":
                    pending.append(("word", i, i + 1, None))
                elif t.norm in lexicon.ORG_CONNECTORS and pending:
                    pending.append(("conn", i, i + 1, None))  # "Securities and Exchange Commission"
                else:
                    flush()
                i += 1
                continue
            if t.norm in school_words:
                self.school_seen = self.language != "en"  # see schools.with_schools
            # (each rule below is called only for a token that can open what it looks for: the
            # pre-checks are the rules' own first tests, read here without a call per token)
            width = 0 if restricted or t.norm not in _TITLE_OPENERS else self._title(toks, i)
            if width:
                flush(True)
                title_start, title_live = i, True
                i += width
                continue
            if i == 0 and not restricted and self._state_after_city(t):
                i += 1
                continue
            # capitalized particles inside a name: "James Van Der Beek", "Angel Di Maria"
            if (t.norm in lexicon.CAP_PARTICLES or t.norm == "di" and self.language == "en") and i + 1 < n \
                    and toks[i + 1].cap and not t.upper and (
                    (pending and pending[-1][0] == "word") or toks[i + 1].norm in lexicon.CAP_PARTICLES) and \
                    not self._long_place(toks, i):
                pending.append(("word", i, i + 1, None))
                i += 1
                continue
            width = orgs.club(toks, i, n) if t.norm in orgs.CLUB_OPENERS else 0
            if width and not restricted:
                flush()
                self._add("org", toks[i], toks[i + width - 1], size=width)
                i += width
                continue
            width = orgs.known_org(toks, i, n) if t.norm in orgs.KNOWN_FIRST_WORDS else 0
            if width and width == 1 and i + 1 < n and toks[i + 1].cap and orgs.is_head_final(t, self.language) \
                    and not self._title(toks, i + 1):
                width = 0  # "Senate Judiciary Committee": the known head starts a longer name
            if width and width == 1 and t.upper and self.text[t.start - 1:t.start] == "(" and \
                    self.text[t.end:t.end + 1] == ")":
                flush()  # "Komisi Pemberantasan Korupsi (KPK)": an alias of the name before it
                self._add("org", t, t, paren=True)
                i += 1
                continue
            if width:  # "Nissan North America Inc.", "Microsoft Corp.": a known name opening a longer one
                j = i + width
                while j < n and j < i + width + 4 and toks[j].cap and not self._title(toks, j):
                    if orgs.is_suffix(toks[j]):
                        width = j + 1 - i
                        break
                    j += 1
            if width and not (t.sentence_start and width == 1 and self._common(t) and not t.upper):
                flush()
                self._add("org", toks[i], toks[i + width - 1], size=width)
                i += width
                continue
            if not restricted and t.norm in orgs.HEAD_INITIAL and orgs.is_head_initial(toks, i, n, self.language) and not (
                    t.norm in orgs.HEAD_FINAL and i + 1 < n and toks[i + 1].norm not in ("of", "for")
                    and self.language == "en"):
                flush()
                j = self._org_end(toks, i + 1, n)
                self._add("org", toks[i], toks[j - 1], size=j - i)
                i = j
                continue
            if "-" in t.text and not restricted and self.language != "en":
                pair = self._hyphened_places(t)
                # "rute Sumenep-Surabaya", "perang Soviet-Afganistan": places joined by a hyphen. (In
                # English such pairs modify a noun, "US-China trade", and the English gold leaves them out.)
                if pair:
                    flush()
                    for part, place in pair:
                        self._add("place", part, part, place=place)
                    i += 1
                    continue
            hit = self.gaz.lookup(toks, i, self.language) if t.norm in self.gaz.openers else None
            if hit and i + hit[0] < n and toks[i + hit[0]].norm in orgs.CLUB_AFTER and not restricted:
                flush()  # "Manchester United", "Bali United": a club named after its city
                self._add("org", toks[i], toks[i + hit[0]], size=hit[0] + 1)
                i += hit[0] + 1
                continue
            if hit and not (hit[0] == 1 and t.norm in lexicon.EN_COMMON_PLACE_NAMES):
                pending.append(("place", i, i + hit[0], hit[1]))
                i += hit[0]
                continue
            if (t.sentence_start or restricted) and self._common(t) and not people.is_first_name(t.text, self.language):
                flush()
                i += 1
                continue
            if t.norm in lexicon.stop_or_calendar_words():
                flush()
                i += 1
                continue
            if not restricted and orgs.is_head_final(t, self.language):
                if not pending and i + 1 < n and toks[i + 1].norm in _INNER_CONNECTORS:
                    pending.append(("word", i, i + 1, None))  # "Securities and Exchange Commission"
                    i += 1
                    continue
                if pending:
                    lo = pending[0][1]
                    j = i + 1
                    while j < n and orgs.is_head_final(toks[j], self.language) and toks[j].start - toks[j - 1].end == 1:
                        j += 1  # "Michoud Assembly Facility"
                    if j + 1 < n and toks[j].norm in ("of", "for") and toks[j + 1].cap:
                        j = self._org_end(toks, j + 1, n)
                    pending.clear()
                    self._add("org", toks[lo], toks[j - 1], size=j - lo)
                    i = j
                    continue
                if i + 2 < n and toks[i + 1].norm in ("of", "for"):
                    j = self._org_end(toks, i + 2, n)
                    self._add("org", toks[i], toks[j - 1], size=j - i)
                    i = j
                    continue
                if i + 1 < n and toks[i + 1].cap and not self._title(toks, i + 1):
                    pending.append(("word", i, i + 1, None))  # "Senate Judiciary Committee"
                    i += 1
                    continue
                i += 1
                continue
            pending.append(("word", i, i + 1, None))
            i += 1
        flush()
        # "Presiden Kazakhstan, Kassym-Jomart Tokayev": the title passes over the comma
        last = toks[-1]
        return title_live and self.text[last.end:last.end + 2] == ", "

    def _title(self, toks: list[Token], i: int) -> int:
        t = toks[i]
        if t.norm in lexicon.TITLE_FIRST_WORDS:
            for n in range(min(4, len(toks) - i), 0, -1):
                if tuple(x.norm for x in toks[i:i + n]) in lexicon.TITLES:
                    if n == 1 and t.upper and len(t.text) > 3 and t.norm not in ("akbp",):
                        return 0  # all-caps words are acronyms, not titles (except police ranks)
                    return n
        if i + 1 < len(toks) and toks[i + 1].cap and toks[i + 1].start - t.end == 1:
            if t.text == "H" and self.language != "en":
                return 1  # "H Sofrayani": Haji
            if not t.upper and (t.norm,) in lexicon.ROLES and people.is_first_name(toks[i + 1].text, self.language):
                return 1  # a capitalized role before a first name: "Administrator Jim Bridenstine"
        return 0

    def _first_name_evidence(self, tok: Token) -> bool:
        """A known first name; in English not when it opens the sentence and is an ordinary word ("Will")."""
        if not people.is_first_name(tok.text, self.language):
            return False
        return not (tok.sentence_start and self.language == "en" and tok.norm in EN_WORDS)

    def _long_place(self, toks: list[Token], i: int) -> bool:
        """A gazetteer place of two or more words starts at ``i`` ("El Salvador", "La Paz")."""
        hit = self.gaz.lookup(toks, i, self.language)
        return bool(hit) and hit[0] >= 2

    def _hyphened_places(self, tok: Token) -> list[tuple[Token, Place]]:
        """Each part of a hyphenated word with its place, when every part is a capitalized one-word place
        of the gazetteer (a route or a pair of countries); else empty."""
        out: list[tuple[Token, Place]] = []
        at = tok.start
        for piece in tok.text.split("-"):
            if not piece[:1].isupper():
                return []
            part = Token(at, at + len(piece), piece, gazetteer.norm(piece), True, piece.isupper(), False)
            hit = self.gaz.lookup([part], 0, self.language)
            if hit is None:
                return []
            out.append((part, hit[1]))
            at += len(piece) + 1
        return out

    def _state_after_city(self, tok: Token) -> bool:
        """"West Palm Beach, FL", "Columbia, S.C.", "Houston, Texas": a US state code after a city."""
        if not self.items or self.items[-1].kind != "place" or self.text[self.items[-1].end:tok.start] != ", ":
            return False
        code = tok.text.replace(".", "")
        place = None
        if tok.upper or "." in tok.text:
            place = self.gaz.us_states.get(code) if code != "DC" else None  # "Washington, DC" is the city
        if place is None and self.text[tok.end:tok.end + 1] == ".":
            place = self.gaz.us_states.get(gazetteer.AP_STATES.get(code, ""))
        if place is None:
            return False
        self._add("place", tok, tok, place=place)
        return True

    def _org_end(self, toks: list[Token], j: int, n: int) -> int:
        """Where an organization name that runs rightwards stops: before a title or a person's name."""
        start = j
        while j < n:
            t = toks[j]
            if orgs.is_suffix(t):
                return j + 1
            if t.cap and self._title(toks, j) and j > start:
                break
            if t.cap and people.is_first_name(t.text, self.language) and j > start and j + 1 < n and toks[j + 1].cap:
                break
            if not t.cap and (j + 1 >= n or orgs.is_head_initial(toks, j + 1, n, self.language) or toks[j + 1].upper
                              or orgs.known_org(toks, j + 1, n)):
                break  # "Kementerian Keuangan dan CSTO": two names, not one
            j += 1
        while j > start and not toks[j - 1].cap:
            j -= 1
        return j

    @staticmethod
    def _lone_word(t: Token) -> bool:
        """A capitalized word that may be a name though it is also an ordinary word: no acronym, function
        word, month or head word (heads.py and the organization rules read those)."""
        return t.cap and not t.upper and t.norm not in lexicon.stop_or_calendar_words() and \
            t.norm not in gazetteer.place_heads() and t.norm not in orgs.HEAD_INITIAL

    def _common(self, t: Token) -> bool:
        if t.norm in lexicon.stop_or_calendar_words():
            return True
        return self.language != "en" and lexicon.is_indonesian_word(t.text)

    # -- emitters ---------------------------------------------------------------------------------
    def _add(self, kind: str, first: Token, last: Token, *, place: Place | None = None, alias: str | None = None,
             paren: bool = False, size: int = 1) -> Item:
        item = Item(kind, first.start, last.end, self.text[first.start:last.end], place, alias, paren,
                    first.sentence_start, size)
        self.items.append(item)
        if kind == "run" or kind == "acro":
            self.untyped_seen = True  # something for the tagger (see refine.refine)
        return item

    def _place(self, toks: list[Token], lo: int, hi: int, place: Place, n: int) -> None:
        first = toks[lo]
        if place.kind not in ("country", "region") and hi - lo == 1:
            if first.sentence_start and self._common(first):
                return  # "Kota terbesar di ...": a common word opening the sentence
            if self.restricted and self._common(first):
                return
        self._add("place", first, toks[hi - 1], place=place, size=hi - lo)

    def _run(self, chunk: Chunk, lo: int, hi: int, title_live: bool, first_run: bool,
             title_start: int | None, restricted: bool) -> bool:
        """Classify a name run; True when it consumed the pending title."""
        toks = chunk.tokens
        lo0, hi0 = lo, hi
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
                kind = "org" if self._org_noun_before(chunk.index + lo0) else "run"
                self._add(kind, toks[lo0], toks[hi0 - 1], size=hi0 - lo0)
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
        self._add("person" if evidence else "run", first, last, alias=alias, size=len(words))
        return evidence and title_live

    def _org_noun_before(self, k: int) -> bool:
        """Token ``k`` follows a lower-case noun that makes a name an organization's ("band Gigi")."""
        toks, text = self.tokens, self.text
        if k < 1 or toks[k - 1].norm not in _ORG_NOUN_ENDS:
            return False
        nouns = _ORG_NOUNS.get(self.language or "id", _ORG_NOUNS["id"])
        for n in (1, 2):
            if k - n < 0 or any(t.cap for t in toks[k - n:k]):
                return False
            if text[toks[k - 1].end:toks[k].start] == " " and tuple(t.norm for t in toks[k - n:k]) in nouns:
                return True
        return False

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


def segment(text: str, language: str | None, speakers: frozenset[str] = frozenset(),
            restricted: bool = False, learned: bool = True) -> list[Item]:
    """Typed spans of ``text`` (see :class:`Item`): the rules' spans, and in text that is not English
    (unless ``learned`` is off) the tagger's for the runs the rules left unsure."""
    segmenter = Segmenter(text, language, speakers, restricted)
    items = segmenter.run()
    if not restricted and len(items) > 1:
        items = with_nicknames(text, items)
    if language == "en":
        return items
    if segmenter.school_seen and not restricted:
        items = schools.with_schools(text, segmenter.tokens, items)
    if segmenter.head_seen:
        items = with_heads(text, segmenter.tokens, items)
    if learned and not restricted and segmenter.untyped_seen:
        items = refine(text, segmenter.tokens, items, language)
    if not restricted and segmenter.untyped_seen:
        items = with_lists(text, items, language)
    return items
