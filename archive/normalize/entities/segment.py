"""Split each capitalized chunk of a string into titles, places, organizations and name runs."""

from __future__ import annotations

from archive.normalize.entities import gazetteer, lexicon, organizations as orgs, people, schools
from archive.normalize.entities.gazetteer import Place
from archive.normalize.entities.items import Item
from archive.normalize.entities.heads import with_heads
from archive.normalize.entities.lists import with_lists
from archive.normalize.entities.nicknames import with_nicknames
from archive.normalize.entities.refine import refine
from archive.normalize.entities.runs import OPENING_QUOTES, RunRules
from archive.normalize.entities.tokens import Chunk, Token, chunks, tokenize


# Connectors inside a name that opens with an English head: "Securities and Exchange Commission".
_INNER_CONNECTORS = lexicon.ORG_CONNECTORS - {"of", "for"}

_SCHOOL_WORDS = schools.first_words()
# Norms of the tokens at which :meth:`Segmenter._title` can find a title: first words of titles,
# one-word roles (before a first name) and "H" (Haji).
_TITLE_OPENERS = lexicon.TITLE_FIRST_WORDS | {r[0] for r in lexicon.ROLES if len(r) == 1} | {gazetteer.norm("H")}


class Segmenter(RunRules):
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
                self.head_seen = (k > 0 and tokens[k - 1].norm in heads) or any(t.norm in heads for t in chunk.tokens)
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
            width = orgs.club(toks, i, n) if t.norm in orgs.CLUB_OPENERS or \
                t.norm.startswith(orgs.CLUB_PREFIX) and self.language != "en" else 0
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
            if t.text == "The" and self.language != "en" and not restricted and i + 1 < n and toks[i + 1].cap:
                # An English name in Indonesian text ("The Virgin", "The Walt Disney Company"): a band, a
                # company, a school. In quote marks or after a work's noun it is a title, no entity.
                flush()
                if not (self.text[t.start - 1:t.start] in OPENING_QUOTES or self._work_noun_before(chunk.index + i)):
                    self._add("org", t, toks[n - 1], size=n - i)
                i = n
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
                if n == 1 and i + 1 < len(toks) and (t.norm, toks[i + 1].norm) in lexicon.NOT_TITLES:
                    return 0  # "Ibu Kota Kerajaan Banggai": the capital, not Mrs Kota
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
    if not restricted:
        items = orgs.with_place_names(text, items)
    if learned and not restricted and segmenter.untyped_seen:
        items = refine(text, segmenter.tokens, items, language)
    if not restricted and segmenter.untyped_seen:
        items = with_lists(text, items, language)
    return items
