"""Known names (people, places, organizations, countries) and a fast matcher over article text.

The gazetteer is read from the database once per import run; matching an article is then a single
pass over its tokens, looking up each token in a dictionary of name prefixes.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from events.ingest.lang import en, ru
from events.models import Organization, PlaceName
from people.models import Country, PersonName, Position
from people.text import normalize_name

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
CAPITALS = {"KZ": "Astana", "RU": "Moscow"}
ASTANA_CAPITAL_SINCE = datetime.date(1997, 12, 10)
INITIALS = re.compile(
    r"(?<!\w)([A-ZА-ЯЁ])\.\s?(?:[A-ZА-ЯЁ]\.\s?)?(?P<surname>[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?)"
)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    norm: str
    capital: bool
    keys: frozenset


@lru_cache(maxsize=65536)
def token_keys(word):
    """How a word is looked up: Russian words by every dictionary form (names and places decline), others as they
    are, with case and accents folded, and by the key on which their romanisations agree."""
    if CYRILLIC.search(word):
        # And by the key of their Latin spelling, so that a name on record only as an English text wrote it
        # ("Alexei Polishchuk") is found in a Russian one ("Алексеем Полищуком").
        forms = ru.lemmas(word)
        return forms | {en.spelling_key(_normalized(ru.transliterate(form))) for form in forms}
    return frozenset((en.spelling_key(_normalized(word)),))


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    payload: object


def tokenize(text):
    tokens = []
    for match in TOKEN.finditer(text):
        word = match.group(0)
        tokens.append(Token(match.start(), match.end(), _normalized(word), word[0].isupper(), token_keys(word)))
    return tokens


@lru_cache(maxsize=65536)
def _normalized(word):
    return normalize_name(word)


class PhraseMatcher:
    """Longest-match lookup of multi-word phrases over tokens; case-insensitive, accents folded."""

    def __init__(self):
        self._by_first = defaultdict(list)

    def add(self, phrase, payload, exact_case=False):
        tokens = tuple(t.keys for t in tokenize(phrase))
        if tokens:
            entry = (tokens, payload, phrase if exact_case else None)
            for key in tokens[0]:
                self._by_first[key].append(entry)

    def finalize(self):
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        return self

    def find(self, text, tokens=None):
        tokens = tokenize(text) if tokens is None else tokens
        found, i = [], 0
        while i < len(tokens):
            match = self._match_at(text, tokens, i)
            if match:
                found.append(match[0])
                i += match[1]
            else:
                i += 1
        return found

    def _match_at(self, text, tokens, i):
        if not tokens[i].capital:
            return None
        candidates = []
        for key in tokens[i].keys:
            candidates.extend(self._by_first.get(key, ()))
        if len(tokens[i].keys) > 1:
            candidates.sort(key=lambda entry: -len(entry[0]))
        for phrase, payload, exact in candidates:
            n = len(phrase)
            if i + n > len(tokens):
                continue
            if all(tokens[i + k].keys & phrase[k] for k in range(n)):
                start, end = tokens[i].start, tokens[i + n - 1].end
                if exact is not None and text[start:end] != exact:
                    continue
                return Match(start, end, text[start:end], payload), n
        return None


@dataclass(frozen=True)
class PersonRef:
    person_id: int
    name: str
    country: str
    surname_only: bool


@dataclass(frozen=True)
class PlaceRef:
    place_id: int
    name: str
    country: str
    kind: str
    valid_from: object
    valid_to: object


@dataclass(frozen=True)
class OfficeTerm:
    person_id: int
    office: str
    country: str
    title: str
    start: object
    end: object


@dataclass
class Gazetteer:
    people: PhraseMatcher
    places: PhraseMatcher
    organizations: PhraseMatcher
    countries: PhraseMatcher
    person_names: dict
    person_country: dict
    surnames: dict
    first_names: dict
    terms: list = field(default_factory=list)
    org_members: dict = field(default_factory=dict)
    by_surname: dict = field(default_factory=dict)  # surname key → {(person_id, first initial)}, in both scripts
    listed: set = field(default_factory=set)  # every person name as the reference data writes it, normalised
    spellings: dict = field(default_factory=dict)  # person id → the names the reference data writes, surnames too
    acronyms: dict = field(default_factory=dict)  # organization id → its acronym in Latin letters ("SCO" for "ШОС")

    @classmethod
    def load(cls):
        people = PhraseMatcher()
        person_names, person_country = {}, {}
        surnames, first_names, by_surname, listed = {}, defaultdict(set), defaultdict(set), set()
        spellings = {}
        aliases = list(PersonName.objects.select_related("person__country").order_by("person_id", "id"))
        surname_aliases = _derived_surnames(aliases)
        for alias in aliases:
            person = alias.person
            code = person.country.code if person.country else ""
            person_names[person.pk] = person.name
            person_country[person.pk] = code
            surname_only = alias.kind == PersonName.Kind.SURNAME
            people.add(alias.name, PersonRef(person.pk, person.name, code, surname_only))
            listed.add(_normalized(alias.name))
            spellings.setdefault(person.pk, []).append(alias.name)
            for surname in surname_aliases.get(alias.pk, ()):
                people.add(surname, PersonRef(person.pk, person.name, code, True))
                listed.add(_normalized(surname))
                spellings[person.pk].append(surname)
            words = alias.normalized.split()
            written = alias.name.split()
            if not surname_only and len(written) >= 2:
                for key in token_keys(written[-1]):
                    by_surname[key].add((person.pk, written[0][0].upper()))
            if not surname_only and len(words) >= 2 and re.fullmatch(r"[a-z ]+", alias.normalized):
                surnames.setdefault(words[-1], person.pk)
                first_names[person.pk].add(words[0])

        places = PhraseMatcher()
        for name in PlaceName.objects.select_related("place__country"):
            place = name.place
            places.add(
                name.name,
                PlaceRef(place.pk, place.name, place.country.code, name.kind, name.valid_from, name.valid_to),
            )

        organizations, members, acronyms = PhraseMatcher(), {}, {}
        for org in Organization.objects.prefetch_related("members"):
            acronyms[org.pk] = org.acronym
            organizations.add(org.acronym, org.pk, exact_case=True)
            for alias in org.aliases:
                organizations.add(alias, org.pk, exact_case=alias.isupper())
            members[org.pk] = {c.code for c in org.members.all()}

        countries = PhraseMatcher()
        for country in Country.objects.all():
            for name in [country.name, country.adjective, *country.aliases]:
                if name:
                    countries.add(name, country.code)

        terms = [
            OfficeTerm(p.person_id, p.office, p.country.code, p.title, p.start, p.end)
            for p in Position.objects.select_related("country")
        ]
        return cls(
            people=people.finalize(),
            places=places.finalize(),
            organizations=organizations.finalize(),
            countries=countries.finalize(),
            person_names=person_names,
            person_country=person_country,
            surnames=surnames,
            first_names=dict(first_names),
            terms=terms,
            org_members=members,
            acronyms=acronyms,
            by_surname=dict(by_surname),
            listed=listed,
            spellings=spellings,
        )

    def is_listed(self, name):
        """Whether a name is written exactly as one of the reference data's names (in Russian: the nominative)."""
        return _normalized(name) in self.listed

    def capital_of(self, country, day=None):
        """The capital of Kazakhstan or Russia on a day (Almaty until December 1997), as a place the text named."""
        name = CAPITALS.get(country)
        if country == "KZ" and day is not None and day < ASTANA_CAPITAL_SINCE:
            name = "Almaty"
        found = self.places.find(name) if name else []
        return found[0].payload if found else None

    def find_by_initials(self, text):
        """'S.V. Lavrov', 'К.К.Абдрахмановым': a surname after initials is a full name when the first initial is the
        person's; the matches carry ``surname_only=False``."""
        found = []
        for match in INITIALS.finditer(text):
            surname = match.group("surname")
            keys = token_keys(surname)
            people = {pid for key in keys for pid, initial in self.by_surname.get(key, ()) if initial == match.group(1)}
            if len(people) == 1:
                person_id = people.pop()
                ref = PersonRef(person_id, self.person_names[person_id], self.person_country[person_id], False)
                found.append(Match(match.start(), match.end(), match.group(0), ref))
        return found

    def office_holder(self, office, country, on):
        for term in self.terms:
            if term.office == office and term.country == country and _in_term(term, on):
                return term.person_id
        return None

    def first_name_is(self, person_id, word):
        """Whether ``word`` (in any case form or spelling) is the first name of the person."""
        keys = token_keys(word)
        return any(keys & token_keys(name.split()[0]) for name in self.spellings.get(person_id, ()) if name.strip())

    def dictionary_form(self, person_id, text, lang):
        """A known person's name as ``text`` writes it, in its dictionary form: the reference data's spelling that
        the words stand for ('Муратом Нуртлеу' → 'Мурат Нуртлеу'), else each word in the nominative."""
        if initials := INITIALS.fullmatch(text):  # 'С.В.Лаврова' → 'С.В.Лавров'
            return text[: initials.start("surname")] + lang.nominative(initials.group("surname"))
        words = text.split()
        cyrillic = bool(CYRILLIC.search(text))
        for name in self.spellings.get(person_id, ()):
            if bool(CYRILLIC.search(name)) != cyrillic:
                continue  # in the script the text writes it in
            parts = name.split()
            if len(parts) == len(words) and all(
                token_keys(a) & token_keys(b) for a, b in zip(parts, words, strict=True)
            ):
                return name
        return lang.nominative_name(" ".join(words))

    def position_on(self, person_id, on):
        best = None
        for term in self.terms:
            if term.person_id == person_id and _in_term(term, on):
                if best is None or (term.start or on) > (best.start or on):
                    best = term
        return best

    def active_on(self, person_id, on):
        return self.position_on(person_id, on) is not None

    def add_person(self, person_id, name, country):
        """Make a person created during this run findable by later articles of the same run."""
        self.person_names[person_id] = name
        self.person_country[person_id] = country
        self.people.add(name, PersonRef(person_id, name, country, False))
        self.listed.add(_normalized(name))
        self.people.finalize()


def _derived_surnames(aliases):
    """The surname alone, in each script a person's full names are written in ("Назарбаевым" after "Нурсултан
    Назарбаев"), for the aliases that do not list it: {alias id: [surname]}. A surname two people share is left out;
    surnames alone are matched only where the text names the person in full or the person is in office that day."""
    owners, explicit = defaultdict(set), set()
    for alias in aliases:
        words = alias.name.split()
        if alias.kind == PersonName.Kind.SURNAME:
            explicit.update(token_keys(alias.name))
        if words:
            owners[normalize_name(words[-1])].add(alias.person_id)
    derived = {}
    for alias in aliases:
        words = alias.name.split()
        if alias.kind == PersonName.Kind.SURNAME or len(words) < 2 or "." in alias.name:
            continue
        surname = words[-1]
        if len(owners[normalize_name(surname)]) == 1 and not token_keys(surname) & explicit:
            derived[alias.pk] = [surname]
            explicit.update(token_keys(surname))
    return derived


def _in_term(term, on):
    return (term.start is None or term.start <= on) and (term.end is None or term.end >= on)
