"""Generated news articles in the styles the importer reads, each with the contact it reports.

Used by the import benchmark, in English and in Russian; deterministic for a given seed.
"""

import datetime
import random
import re
from dataclasses import dataclass

from people.models import Country, PersonName, Position

CYRILLIC = re.compile(r"[А-Яа-яЁё]")

OUTLETS = [
    "{CITY}, {Month} {day} /TASS/. ",
    "{CITY}, {Month} {day} (Interfax) - ",
    "{City}, {day} {Month} {year} (TDI): ",
    "{CITY}. KAZINFORM – ",
    "{CITY} – ",
    "",
]
PLACES = {"KZ": ["Astana", "Almaty"], "RU": ["Moscow", "Sochi", "Saint Petersburg"]}
TOPICS = [
    "trade and economic cooperation",
    "the situation in Afghanistan",
    "cooperation within the CSTO and the CIS",
    "interregional and cross-border cooperation",
    "energy and transport projects",
    "the lease of the Baikonur cosmodrome",
    "cultural and humanitarian ties",
]
LEADS = {
    "talks": "{A_title} {A} held talks with {B_title} {B} in {place} on {when}.",
    "working_visit": "{A_title} {A} paid a working visit to {place} on {when}, where he met with {B_title} {B}.",
    "official_visit": "{A_title} {A} arrived in {place} on {when} for an official visit and held talks with {B}.",
    "phone_call": "{A_title} {A} had a telephone conversation with {B_title} {B} on {when}.",
    "consultations": "{A_title} {A} and {B_title} {B} held consultations in {place} on {when}.",
}
OTHER_PAIR = "{A_title} {A} held talks with Uzbek Foreign Minister Bakhtiyor Saidov in {place} on {when}."


@dataclass
class SyntheticArticle:
    text: str
    date: datetime.date | None
    kind: str | None
    place: str | None
    people: frozenset


def generate(count, seed=7, language="en"):
    if language == "ru":
        return generate_russian(count, seed)
    rng = random.Random(seed)
    ministers = _ministers()
    kz, ru = Country.objects.get(code="KZ"), Country.objects.get(code="RU")
    articles = []
    for n in range(count):
        day = datetime.date(2004, 6, 1) + datetime.timedelta(days=rng.randrange(0, 21 * 365))
        a = _holder(ministers, "RU", day)
        b = _holder(ministers, "KZ", day)
        if rng.random() < 0.5:
            a, b = b, a
        kind = rng.choice(list(LEADS))
        host = rng.choice(["KZ", "RU"])
        place = rng.choice(PLACES[host])
        published = day + datetime.timedelta(days=rng.choice([0, 1]))
        when = rng.choice([f"{day:%B} {day.day}", f"{day.day} {day:%B}", day.strftime("%A")])
        template = OTHER_PAIR if n % 10 == 9 else LEADS[kind]
        values = {
            "A": a[0],
            "A_title": _adjective(a[1], kz, ru) + " Foreign Minister",
            "B": b[0],
            "B_title": _adjective(b[1], kz, ru) + " Foreign Minister",
            "place": place,
            "when": when,
        }
        lead = template.format(**values)
        dateline = rng.choice(OUTLETS).format(
            CITY=place.upper(), City=place, Month=day.strftime("%B"), day=day.day, year=day.year
        )
        body = " ".join(
            [
                f"The ministers discussed {rng.choice(TOPICS)} and {rng.choice(TOPICS)}.",
                f"They also exchanged views on {rng.choice(TOPICS)}.",
                f"Article number {n} in this collection.",
            ]
        )
        text = f" date {published.isoformat()} {dateline}{lead}\n\n{body}\n"
        if template is OTHER_PAIR:
            articles.append(SyntheticArticle(text, None, None, None, frozenset()))
        else:
            stated_place = None if kind == "phone_call" else place
            articles.append(SyntheticArticle(text, day, kind, stated_place, frozenset({a[2], b[2]})))
    return articles


# Russian: names and places in the nominative where the templates allow, the case forms a place takes otherwise.
OUTLETS_RU = [
    "{CITY}, {day} {month}. /ТАСС/. ",
    "{CITY}, {day} {month} — Sputnik. ",
    "{City}. {day} {month}. ИНТЕРФАКС-КАЗАХСТАН - ",
    "",
]
PLACES_RU = {  # Latin name: (nominative, after "в" of place, after "в" of direction)
    "Astana": ("Астана", "Астане", "Астану"),
    "Almaty": ("Алматы", "Алматы", "Алматы"),
    "Moscow": ("Москва", "Москве", "Москву"),
    "Sochi": ("Сочи", "Сочи", "Сочи"),
    "Saint Petersburg": ("Санкт-Петербург", "Санкт-Петербурге", "Санкт-Петербург"),
}
MONTHS_RU = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
TITLES_RU = {"KZ": "Министр иностранных дел Казахстана", "RU": "Министр иностранных дел России"}
LEADS_RU = {
    "talks": "{A_title} {A} и {B_title} {B} провели переговоры в {place_in} {when}.",
    "official_visit": "В ходе официального визита в {place_to} {when} {A_title} {A} и {B_title} {B} провели "
    "переговоры.",
    "phone_call": "{A_title} {A} и {B_title} {B} {when} провели телефонный разговор.",
    "consultations": "{A_title} {A} и {B_title} {B} провели консультации в {place_in} {when}.",
}
TOPICS_RU = [
    "торгово-экономическое сотрудничество",
    "ситуацию в Афганистане",
    "взаимодействие в рамках ОДКБ и СНГ",
    "межрегиональное и приграничное сотрудничество",
    "аренду комплекса Байконур",
]


def generate_russian(count, seed=7):
    rng = random.Random(seed)
    ministers = _ministers()
    cyrillic = _cyrillic_names()
    articles = []
    for n in range(count):
        day = datetime.date(2004, 6, 1) + datetime.timedelta(days=rng.randrange(0, 21 * 365))
        a, b = _holder(ministers, "RU", day), _holder(ministers, "KZ", day)
        if rng.random() < 0.5:
            a, b = b, a
        kind = rng.choice(list(LEADS_RU))
        host = rng.choice(["KZ", "RU"])
        place = rng.choice(PLACES[host])
        nominative, place_in, place_to = PLACES_RU[place]
        published = day + datetime.timedelta(days=rng.choice([0, 1]))
        when = f"{day.day} {MONTHS_RU[day.month - 1]}"
        lead = LEADS_RU[kind].format(
            A=cyrillic[a[2]], A_title=TITLES_RU[a[1]], B=cyrillic[b[2]], B_title=TITLES_RU[b[1]],
            place_in=place_in, place_to=place_to, when=when,
        )  # fmt: skip
        dateline = rng.choice(OUTLETS_RU).format(
            CITY=nominative.upper(), City=nominative, day=day.day, month=MONTHS_RU[day.month - 1]
        )
        body = f"Министры обсудили {rng.choice(TOPICS_RU)} и {rng.choice(TOPICS_RU)}. Статья номер {n} этого собрания."
        text = f" date {published.isoformat()} {dateline}{lead}\n\n{body}\n"
        stated_place = None if kind == "phone_call" else place
        articles.append(SyntheticArticle(text, day, kind, stated_place, frozenset({a[2], b[2]})))
    return articles


def _cyrillic_names():
    """Each person's full name in Cyrillic, as the reference data spells it."""
    names = {}
    for alias in PersonName.objects.select_related("person").order_by("id"):
        if CYRILLIC.search(alias.name) and " " in alias.name:
            names.setdefault(alias.person.slug, alias.name)
    return names


def _ministers():
    positions = Position.objects.filter(office=Position.Office.FOREIGN_MINISTER).select_related("person", "country")
    return [(p.person.name, p.country.code, p.person.slug, p.start, p.end) for p in positions]


def _holder(ministers, country, day):
    for name, code, slug, start, end in ministers:
        if code == country and (start is None or start <= day) and (end is None or end >= day):
            return name, code, slug
    raise LookupError(f"no foreign minister of {country} on {day}")


def _adjective(code, kz, ru):
    return kz.adjective if code == "KZ" else ru.adjective
