"""Link the spans of one article into canonical entities: short names to full names, acronyms to
the names they abbreviate, countries to ISO keys."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from archive.normalize.entities.gazetteer import norm
from archive.normalize.entities.heads import unit_name
from archive.normalize.entities.names import (
    core, is_acronym, name_set, name_words, norm_words, org_key, person_key)
from archive.normalize.entities.segment import Item
from archive.normalize.model import Entity, Mention

_INITIAL_SKIP = {"of", "for", "and", "dan", "the", "&", "pt", "tbk", "inc", "ltd", "co", "corp"}


@dataclass
class Located:
    """An item with where it was found: field and paragraph."""

    item: Item
    field: str
    paragraph: int | None


@dataclass
class _Draft:
    key: str
    type: str
    name: str
    surfaces: list[str] = field(default_factory=list)
    mentions: list[Located] = field(default_factory=list)
    abbreviation_only: bool = False


_FIELD_ORDER = {"title": 0, "dateline": 1}  # then the body paragraphs


def _org_cores(located: list[Located]) -> dict[str, Item]:
    """The article's organizations (not acronyms) by their core name ("astra otoparts"), first one kept."""
    out: dict[str, Item] = {}
    for loc in located:
        item = loc.item
        if item.kind == "org" and not item.paren and not is_acronym(item.surface):
            out.setdefault(core(item.surface), item)
    return out


def _places_by_name(body: list[Located]) -> dict[str, Item]:
    """The article's places by their name without an administrative head ("kedungbulus" for "Desa
    Kedungbulus"), the first of each."""
    out: dict[str, Item] = {}
    for loc in body:
        if loc.item.kind == "place" and loc.item.place is not None:
            out.setdefault(norm(unit_name(loc.item.surface)), loc.item)
    return out


def _names_by_word(people: dict[str, str]) -> dict[str, list[str]]:
    """Each word of the article's names of two words or more -> those names, in order.

    Built once per article: looking every place mention up among all the names made a long
    text quadratic (places × people).
    """
    named: dict[str, dict[str, None]] = {}
    for name in people.values():
        words = name.casefold().split()
        if len(words) > 1:
            for word in words:
                named.setdefault(word, {})[name] = None
    return {word: list(names) for word, names in named.items()}


# Entities and mentions are frozen dataclasses, whose generated __init__ sets each field through
# object.__setattr__; an article makes dozens, so they are built here with their fields set at once:
# the same objects (same fields, same order: tests/normalize/test_entities.py checks it).
_new_object = object.__new__


def _new_entity(key: str, name: str, type_: str, aliases: tuple[str, ...]) -> Entity:
    entity = _new_object(Entity)
    entity.__dict__.update(key=key, name=name, type=type_, aliases=aliases)
    return entity


def _new_mention(entity_key: str, paragraph: int | None, start: int, end: int, surface: str, field_: str) -> Mention:
    mention = _new_object(Mention)
    mention.__dict__.update(entity_key=entity_key, paragraph=paragraph, start=start, end=end, surface=surface,
                            field=field_)
    return mention


def _display(surface: str) -> str:
    if surface.isupper() and len(surface.split()) > 1:
        return " ".join(w.capitalize() for w in surface.split())
    return surface


class Resolver:
    """Collects located items of one article and returns entities and mentions."""

    def __init__(self, language: str | None):
        self.language = language if language in ("id", "en") else "id"
        self.drafts: dict[str, _Draft] = {}
        self.order: list[str] = []
        self.nicknames: dict[str, tuple[str, str]] = {}  # person key of an alias -> (the alias, the full name)
        self.org_cores: dict[str, Item] = {}  # the article's organizations by core name (see _org_cores)

    def _draft(self, key: str, type_: str, name: str) -> _Draft:
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = _Draft(key, type_, name)
            self.order.append(key)
        return draft

    def _mention(self, draft: _Draft, loc: Located, surface: str | None = None) -> None:
        draft.mentions.append(loc)
        draft.surfaces.append(surface or loc.item.surface)

    def resolve(self, body: list[Located], extra: list[Located]) -> tuple[list[Entity], list[Mention]]:
        """Body items make entities; title/dateline items only add places, known names and links."""
        self.org_cores = _org_cores(body + extra)
        people = self._people(body)
        self.people = people
        named = _names_by_word(people)
        places: dict[str, Item] | None = None  # built on the first untyped run that needs it
        acronyms: list[Located] = []
        for loc in body + extra:
            item = loc.item
            if item.kind == "place":
                if not self._place_in_name(loc, named):
                    self._place(loc)
            elif item.kind == "acro" or item.kind == "org" and not item.paren and is_acronym(item.surface):
                acronyms.append(loc)  # after the names they may abbreviate
            elif item.kind == "org":
                if not item.paren:
                    self._org(loc)
            elif item.kind in ("person", "run") and not item.alias and self._org_named(loc):
                continue  # "Astra Otoparts" where the article names "PT Astra Otoparts Tbk"
            elif item.kind in ("person", "run"):
                person = self._link(item.surface, people) if loc.field != "paragraph" or item.kind == "run" \
                    else people.get(person_key(item.surface)) or self._link(item.surface, people)
                person = person or self._nickname(item.surface, people)
                if person is not None:
                    draft = self._draft(person_key(person), "person", person)
                    self._mention(draft, loc)
                    if item.alias:
                        draft.surfaces.append(item.alias)
                elif item.kind == "run":
                    if places is None:
                        places = _places_by_name(body)
                    self._place_alias(loc, places)
        self._brackets(body)
        # (each pass below only adds the acronym it looks at, so what was claimed before it stays valid)
        claimed = self._claimed()
        for loc in acronyms:
            if id(loc) in claimed:
                continue  # claimed by a bracketed definition
            owner = self._acronym_owner(loc.item.surface)
            if owner is not None:
                self._mention(owner, loc)
            elif loc.item.kind == "org":
                self._org(loc)
        # a candidate acronym counts once the same acronym has shown itself an organization elsewhere
        claimed = self._claimed()
        for loc in acronyms:
            if loc.item.kind == "acro" and id(loc) not in claimed:
                draft = self.drafts.get(org_key(loc.item.surface))
                if draft is not None:
                    self._mention(draft, loc)
        self._merge_org_tails()
        return self._finish()

    def _claimed(self) -> set[int]:
        """Identities of the located items that some entity already mentions."""
        return {id(m) for d in self.drafts.values() for m in d.mentions}

    def _place_in_name(self, loc: Located, named: dict[str, list[str]]) -> bool:
        """"Brandon", "Jordan", "Charlotte" alone in an article about a person of that name is the person."""
        surface = loc.item.surface
        if " " in surface or surface.isupper():
            return False
        hits = named.get(surface.casefold(), [])
        if len(hits) != 1:
            return False
        draft = self._draft(person_key(hits[0]), "person", hits[0])
        self._mention(draft, loc)
        return True

    def _acronym_owner(self, surface: str) -> _Draft | None:
        """The organization of the article whose initials the acronym spells ("MA" for "Mahkamah Agung",
        "CDC" inside "Chinese Center for Disease Control and Prevention")."""
        word = surface.replace(".", "")
        hits = []
        for draft in self.drafts.values():
            if draft.type != "organization" or draft.name == surface:
                continue
            words = [w for w in draft.name.replace("-", " ").split() if w.casefold() not in _INITIAL_SKIP]
            if len(words) < 2:
                continue
            initials = "".join(w[0] for w in words).upper()
            if initials == word or len(word) >= 3 and word in initials:
                hits.append(draft)
        return hits[0] if len(hits) == 1 else None

    def _merge_org_tails(self) -> None:
        """"Security Council" after "UN Security Council": a name of two or more words that ends a longer
        organization name of the article is that organization."""
        orgs = [d for d in self.drafts.values() if d.type == "organization"]
        for short in orgs:
            words = norm_words(short.name)
            if len(words) < 2:
                continue
            longer = [d for d in orgs if d is not short and len(norm_words(d.name)) > len(words)
                      and norm_words(d.name)[-len(words):] == words]
            if len(longer) == 1 and short.key in self.drafts:
                target = longer[0]
                target.mentions.extend(short.mentions)
                target.surfaces.extend(short.surfaces)
                del self.drafts[short.key]
                self.order.remove(short.key)

    # -- people ------------------------------------------------------------------------------------
    def _people(self, body: list[Located]) -> dict[str, str]:
        """Full names with evidence: key -> display name; a name inside a longer one folds into it. The
        names given as another name of someone ("X alias Y") go to ``self.nicknames`` instead."""
        names = [loc.item.surface for loc in body if loc.item.kind == "person" and not loc.item.refers
                 and (loc.item.alias or core(loc.item.surface) not in self.org_cores)]
        names.sort(key=lambda s: -len(s.split()))
        out: dict[str, str] = {}
        for name in names:
            if self._link(name, out) is None:
                out[person_key(name)] = _display(name)
        for loc in body:
            refers = loc.item.refers
            if refers:
                target = out.get(person_key(refers)) or self._link(refers, out)
                if target is not None:
                    self.nicknames.setdefault(person_key(loc.item.surface), (loc.item.surface, target))
        return out

    def _nickname(self, surface: str, people: dict[str, str]) -> str | None:
        """The person a name given as an alias stands for: the alias itself, or part of it ("Choel" for
        "Choel Mallarangeng") when no other name of the article has those words."""
        if not self.nicknames:
            return None
        exact = self.nicknames.get(person_key(surface))
        if exact is not None:
            return exact[1]
        wanted = name_set(surface)
        if not wanted or any(wanted & name_set(name) for name in people.values()):
            return None
        hits = {target for alias, target in self.nicknames.values() if wanted <= name_set(alias)}
        return hits.pop() if len(hits) == 1 else None

    @staticmethod
    def _link(surface: str, people: dict[str, str]) -> str | None:
        """The full name whose words contain all of ``surface``'s (Putin -> Vladimir Putin)."""
        words = name_words(surface)
        if not words:
            return None
        wanted = frozenset(words)
        hits = [name for name in people.values() if wanted <= name_set(name)]
        if len(hits) == 1:
            return hits[0]
        if hits:  # prefer the one matching by surname
            last = [h for h in hits if h.casefold().split()[-1] == words[-1]]
            return last[0] if len(last) == 1 else None
        if len(words) >= 2:  # a shortened name: "Dian Sastro" for "Dian Sastrowardoyo"
            for name in people.values():
                full = name_words(name)
                if len(full) == len(words) and full[0] == words[0] and all(
                        f.startswith(w) and len(w) >= 4 for f, w in zip(full[1:], words[1:])):
                    hits.append(name)
            return hits[0] if len(hits) == 1 else None
        return None

    # -- places ------------------------------------------------------------------------------------
    def _place(self, loc: Located) -> None:
        item = loc.item
        place = item.place
        abbreviation = item.surface.replace(".", "").isupper() and len(item.surface) <= 5
        official = place.names.get(self.language) or place.names.get("en") or item.surface
        surface = unit_name(item.surface)  # "Kabupaten Bogor" is Bogor
        name = official if abbreviation else (surface.title() if surface.isupper() else surface)
        draft = self.drafts.get(place.key)
        if draft is None:
            draft = self._draft(place.key, "place", name)
            draft.abbreviation_only = abbreviation
        elif draft.abbreviation_only and not abbreviation:
            draft.name, draft.abbreviation_only = name, False
        self._mention(draft, loc)

    # -- organizations -----------------------------------------------------------------------------
    def _org(self, loc: Located) -> None:
        surface = loc.item.surface
        self._mention(self._draft(org_key(surface), "organization", _display(surface)), loc)

    def _org_named(self, loc: Located) -> bool:
        """A name without a title that the article also writes as an organization's, with or without
        its legal form ("Astra Otoparts", "PT Astra Otoparts Tbk"), is that organization, whatever the
        tagger made of it here: one name is one thing within an article."""
        org = self.org_cores.get(core(loc.item.surface))
        if org is None:
            return False
        self._mention(self._draft(org_key(org.surface), "organization", _display(org.surface)), loc)
        return True

    def _place_alias(self, loc: Located, places: dict[str, Item]) -> None:
        """A run equal to the name of a place the article names elsewhere with a head word or a clear context
        ("Mukomuko" after "Kabupaten Mukomuko"): the same place."""
        known = places.get(norm(loc.item.surface))
        if known is not None:
            self._place(Located(replace(loc.item, kind="place", place=known.place), loc.field, loc.paragraph))

    def _brackets(self, body: list[Located]) -> None:
        """"Bandara Internasional Lombok (BIL)": the acronym is an alias of the name before it."""
        for k, loc in enumerate(body):
            item = loc.item
            if item.kind != "org" or not item.paren or k == 0:
                continue
            prev = body[k - 1]
            if prev.paragraph != loc.paragraph or item.start - prev.item.end > 3:
                continue
            owner = next((d for d in self.drafts.values() if any(m is prev for m in d.mentions)), None)
            if owner is not None and owner.type in ("organization", "place"):
                self._mention(owner, loc)
                for other in body[k + 1:]:  # later bare uses of the acronym
                    if other.item.kind in ("org", "run", "acro") and other.item.surface == item.surface:
                        self._drop(other)
                        self._mention(owner, other)

    def _drop(self, loc: Located) -> None:
        for key in list(self.order):
            draft = self.drafts[key]
            if any(m is loc for m in draft.mentions):
                idx = [i for i, m in enumerate(draft.mentions) if m is loc][0]
                draft.mentions.pop(idx)
                draft.surfaces.pop(idx)
                if not draft.mentions:
                    del self.drafts[key]
                    self.order.remove(key)

    # -- output ------------------------------------------------------------------------------------
    def _finish(self) -> tuple[list[Entity], list[Mention]]:
        entities: list[Entity] = []
        mentions: list[Mention] = []
        for key in self.order:
            draft = self.drafts[key]
            if not draft.mentions:
                continue
            seen = {draft.name.casefold()}
            aliases = []
            surfaces = list(draft.surfaces)
            if draft.type == "person" and len(draft.name.split()) > 1:
                surfaces.append(draft.name.split()[-1])  # the surname is how later text refers to them
            for s in surfaces:
                if s.casefold() not in seen:
                    seen.add(s.casefold())
                    aliases.append(s)
            entities.append(_new_entity(key, draft.name, draft.type, tuple(aliases)))
            for loc in draft.mentions:
                it = loc.item
                mentions.append(_new_mention(key, loc.paragraph, it.start, it.end, it.surface, loc.field))
        mentions.sort(key=lambda m: (_FIELD_ORDER.get(m.field, 2), m.paragraph or 0, m.start))
        return entities, mentions
