"""Person evidence: known first names, roles and speech verbs around a capitalized name run."""

from __future__ import annotations

import re
from functools import lru_cache

from archive.normalize.entities import lexicon
from archive.normalize.entities.tokens import Token
from archive.normalize.entities.wordlists import CENSUS_FIRST_NAMES, EN_WORDS

# A modest list of first names common in Indonesian and international news. A run that starts with
# one of them and has at least two words is taken as a person without further evidence.
FIRST_NAMES_ID = lexicon._words(
    # Indonesian / Malay / Arabic
    "Abdul Abdullah Abu Achmad Ade Adi Aditya Agus Agung Ahmad Akbar Ali Amien Anang Andi Andre Andri "
    "Angelina Anies Anjani Arief Arif Aris Asep Bagus Bambang Basuki Bayu Benny Bima Budi Cahyo Chandra "
    "Dahlan Dani Dede Dedi Dewi Dian Dimas Djoko Dodi Dwi Edi Edy Eko Eka Endang Erick Evi Fadli Fahri "
    "Faisal Fajar Fery Ferry Firman Ganjar Gatot Gita Hadi Hari Hasan Hendra Hendro Heru Ida Ikhsan Iman "
    "Imam Indah Indra Irfan Irwan Iwan Jokowi Joko Jusuf Kiki Komang Kurniawan Lia Listyo Luhut Made "
    "Mahfud Mahmud Maria Megawati Muhammad Mohammad Mohamad Muhaimin Nadiem Nanang Nur Nurul Prabowo "
    "Puan Putu Rahmat Ratna Retno Ridwan Rini Risma Rizal Rizky Rudi Rudy Sandiaga Setya Siti Slamet Sri "
    "Sugeng Suharso Susi Susilo Syahrul Taufik Teguh Teuku Tito Tjahjo Tri Wahyu Wayan Wicky Wiranto "
    "Yasonna Yudi Yusuf Zulkifli Zainal Hidayat Samsul Yusak Johannes Sukhdev Brandon Michelle Taylor "
    "Selena Mark Raoul Yuddy Helen Charlotte Dejan Milomir Alessandro Majid Ahmet Mehmet Osman Mustafa "
)
FIRST_NAMES_INTL = lexicon._words(
    # International
    "Aaron Adam Alan Albert Alex Alexander Alexei Alexey Alice Amanda Amy Andrew Andrei Andrey Angela Ann "
    "Anna Anne Anthony Antonio Antony Ashley Barack Ben Benjamin Bernie Beth Bill Bob Boris Brian Bruce "
    "Carlos Carl Catherine Charles Chris Christian Christine Christopher Chuck Claire Daniel Dave David "
    "Dmitry Dmitri Donald Douglas Ed Edward Elizabeth Elon Emily Emma Emmanuel Eric Erdogan Fernando Frank "
    "Gary George Gordon Greg Hannah Harry Henry Hillary Hugh Ian Ivan Jack Jacob Jake James Jane Janet "
    "Jason Jean Jeff Jennifer Jens Jeremy Jessica Jim Joe John Jonathan Jose Joseph Josh Juan Julia Julie "
    "Justin Kamala Karen Kassym-Jomart Kate Katherine Keir Kevin Kim Kevin Kristalina Larry Laura Lee Linda "
    "Lisa Liz Lloyd Louis Luis Marco Margaret Maria Marie Mario Martin Mary Matt Matthew Michael Mike "
    "Mitch Mohammed Nancy Narendra Nick Nicolas Nicola Olaf Oleg Olivia Pablo Patrick Paul Pedro Peter "
    "Philip Rachel Ray Recep Richard Rishi Rob Robert Roger Ron Ronald Rudy Ryan Sam Samuel Sarah Scott "
    "Sean Sergei Sergey Shinzo Sophie Stephen Steve Steven Susan Theresa Thomas Tim Tom Tony Ursula "
    "Viktor Vladimir Volodymyr William Xi Yoshihide Yuri Zelensky Jacinda Justin Boris Fumio Moon Yoon "
    "Kishida Anwar Mahathir Najib Lee Hun Rodrigo Ferdinand Jair Lula Javier Gustavo Abiy Cyril Bola "
    "Pope Ebrahim Hassan Ayatollah Benjamin Naftali Yair Mahmoud Ismail Bashar Jeffrey Kenneth Jerome "
    "Sergio Diego Luca Giorgio Francesco Matteo Pierre Jacques Francois Hans Klaus Jurgen Sven Lars "
    "Anders Mikhail Vitaly"
) | frozenset(n.casefold() for n in CENSUS_FIRST_NAMES)
FIRST_NAMES = FIRST_NAMES_ID | FIRST_NAMES_INTL

SPEAKER_AGE = re.compile(r"\s*\(\d{1,3}(?:\s*(?:tahun|th|thn))?\)")


def lowercase_role_before(text: str, tokens: list[Token], index: int) -> bool:
    """True when one or two lower-case role words sit right before token ``index``."""
    if index == 0 or tokens[index - 1].norm not in lexicon.ROLE_LAST_WORDS:
        return False  # no role ends right before the name
    for width in (2, 1):
        lo = index - width
        if lo < 0:
            continue
        words = tokens[lo:index]
        if any(t.cap and not t.sentence_start for t in words):
            continue
        if not all(text[a.end:b.start] == " " for a, b in zip(words, tokens[lo + 1:index + 1])):
            continue
        if tuple(t.norm for t in words) in lexicon.ROLES:
            return True
    return False


def speech_before(text: str, tokens: list[Token], index: int) -> bool:
    """"kata Putin", "ujar Yasir", "said Johnson": a speech verb right before the name."""
    if index == 0:
        return False
    prev = tokens[index - 1]
    if prev.cap or text[prev.end:tokens[index].start].strip(" ,") != "":
        return False
    word = prev.norm
    for suffix in ("nya",):
        if word.endswith(suffix) and word[: -len(suffix)] in lexicon.SPEECH_BEFORE:
            return False  # "katanya Putin" is rare; "katanya" ends the quote
    return word in lexicon.SPEECH_BEFORE


def speech_after(text: str, tokens: list[Token], last: int) -> bool:
    """"Johnson said", "Tokayev mengatakan": a speech verb right after the name."""
    if last + 1 >= len(tokens):
        return False
    nxt = tokens[last + 1]
    return not nxt.cap and text[tokens[last].end:nxt.start].strip(" ,") == "" and nxt.norm in lexicon.SPEECH_AFTER


def apposition_role(text: str, end: int) -> bool:
    """", the former special envoy", ", a planetary scientist": a role noun phrase right after the name."""
    m = _APPOSITIVE_ROLE.match(text, end)
    if not m:
        return False
    words = m.group(1).casefold().split()
    return any((w,) in lexicon.ROLES or (w,) in lexicon.TITLES for w in words) or any(
        pair in lexicon.ROLES for pair in zip(words, words[1:]))


_APPOSITIVE_ROLE = re.compile(r",\s+(?:the|a|an|sang|seorang)\s+((?:[a-z-]+\s+){0,3}[a-z-]+)")


def age_after(text: str, end: int) -> bool:
    """Indonesian reports give a person's age in brackets: "Faisal (37)"."""
    return SPEAKER_AGE.match(text, end) is not None


@lru_cache(maxsize=1 << 14)
def is_first_name(word: str, language: str | None = None) -> bool:
    """Known first name (casefolded lookup) that is not an ordinary word of the text's language.

    The international and census names do not count in Indonesian text when they are Indonesian
    words ("Tim" is a team there); Indonesian names always count.
    """
    w = word.casefold()
    if w in FIRST_NAMES_ID:
        return True
    if w not in FIRST_NAMES_INTL:
        return False
    return language == "en" or not lexicon.is_indonesian_word(word)


def is_ordinary_word(word: str, language: str | None) -> bool:
    """A word of the text's language used as a common noun/verb (English dictionary or Indonesian roots)."""
    w = word.casefold()
    if language == "en":
        return w in EN_WORDS
    return lexicon.is_indonesian_word(word)


def speaker_match(surface: str, speakers: frozenset[str]) -> bool:
    """The run is a speaker's name, or the last part of it."""
    s = " ".join(surface.casefold().split())
    if s in speakers:
        return True
    tail = " " + s
    # only a name with the same last word can end with the run
    return any(sp.endswith(tail) for sp in _by_last_word(speakers).get(s.rsplit(" ", 1)[-1], ()))


@lru_cache(maxsize=64)
def _by_last_word(speakers: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The speakers' names by their last word (one article's set, asked for name after name)."""
    out: dict[str, list[str]] = {}
    for sp in speakers:
        out.setdefault(sp.rsplit(" ", 1)[-1], []).append(sp)
    return {word: tuple(names) for word, names in out.items()}
