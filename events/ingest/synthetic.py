"""Generated news articles in the styles the importer reads, each with the contact it reports.

Used by the import benchmark; deterministic for a given seed.
"""

import datetime
import random
from dataclasses import dataclass

from people.models import Country, Position

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


def generate(count, seed=7):
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
