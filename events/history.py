"""The compiled record: contacts of the two foreign ministries, one YAML file a year in ``fixtures/history/``, each
with the sources it rests on; and the officials who took part, with their tenures, in
``fixtures/reference/officials.yaml``. Read, checked and loaded here; the commands ``load_history`` and
``check_history`` only report."""

import calendar
import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from events.dates import Precision
from events.models import Agreement, Basis, Meeting, Organization, Participant, Place, Source
from people.models import Country, Person, PersonName, Position

HISTORY_DIR = Path(settings.BASE_DIR) / "fixtures" / "history"
OFFICIALS = Path(settings.BASE_DIR) / "fixtures" / "reference" / "officials.yaml"
FIRST_DAY = datetime.date(1992, 10, 22)  # diplomatic relations established
LANGUAGES = {"en", "ru", "kk"}
PAIR = {"KZ", "RU"}
RECORD_FIELDS = {
    "key", "title", "date", "end_date", "kind", "stage", "place", "country", "participants", "forum",
    "organizations", "agreements", "note", "sources",
}  # fmt: skip
SOURCE_FIELDS = {"url", "outlet", "published", "language", "title"}


@dataclass
class Entry:
    """One item of a data file, with where it stands, for messages that name the file and line."""

    path: Path
    line: int
    data: dict

    @property
    def where(self):
        return f"{self.path.name}:{self.line}"


class HistoryError(Exception):
    pass


class TextDates(yaml.SafeLoader):
    """YAML as written by people: a date stays text until checked, so that 2024-13-01 is a message, not a crash."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def read_entries(path):
    """The items of a YAML list, each with its line; a file that is not a list of mappings is an error."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=TextDates)
        values = yaml.load(text, Loader=TextDates)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise HistoryError(f"{Path(path).name}{line}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if values is None:
        return []
    if not isinstance(values, list) or root is None:
        raise HistoryError(f"{Path(path).name}:1: expected a list of records")
    entries = []
    for node, value in zip(root.value, values, strict=True):
        if not isinstance(value, dict):
            raise HistoryError(f"{Path(path).name}:{node.start_mark.line + 1}: expected a record (key: value lines)")
        entries.append(Entry(Path(path), node.start_mark.line + 1, value))
    return entries


def read_gaps(folder=HISTORY_DIR):
    """What was searched for the years and ministers the record says little or nothing about (``_gaps*.yaml``)."""
    notes = []
    for path in sorted(Path(folder).glob("_gaps*.yaml")):
        try:
            notes.extend(entry.data for entry in read_entries(path))
        except HistoryError:
            continue
    return sorted(notes, key=lambda note: str(note.get("year", "")))


def record_files(folder=HISTORY_DIR):
    return sorted(p for p in Path(folder).glob("*.yaml") if not p.name.startswith("_"))


def read_records(folder=HISTORY_DIR):
    entries = []
    for path in record_files(folder):
        entries.extend(read_entries(path))
    return entries


def partial_date(value):
    """(first day, precision) of 2017-01-16, "2017-01" or 2017; raises ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value, Precision.DAY
    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 1 and text.isdigit() and len(text) == 4:
            return datetime.date(int(text), 1, 1), Precision.YEAR
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            return datetime.date(int(parts[0]), int(parts[1]), 1), Precision.MONTH
        if len(parts) == 3:
            return datetime.date.fromisoformat(text), Precision.DAY
    except ValueError as error:
        raise ValueError(f"{value!r} is not a date ({error})") from None
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def last_day(first, precision):
    if precision == Precision.YEAR:
        return datetime.date(first.year, 12, 31)
    if precision == Precision.MONTH:
        return datetime.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first


# --- officials ---------------------------------------------------------------------------------------------------


def load_officials(path=OFFICIALS):
    """People and their tenures from the officials file: matched by slug, positions by (person, title, start);
    safe to run again."""
    if not Path(path).is_file():
        return 0
    countries = {c.code: c for c in Country.objects.all()}
    count = 0
    for entry in read_entries(path):
        data = entry.data
        try:
            country = countries[data["country"]]
            person, _ = Person.objects.get_or_create(
                slug=data["slug"], defaults={"name": data["name"], "country": country, "needs_review": False}
            )
            for name in data.get("names") or []:
                kind = PersonName.Kind.NATIVE if any("а" <= ch.lower() <= "я" for ch in name) else None
                defaults = {"kind": kind} if kind else {}
                PersonName.objects.get_or_create(person=person, name=name, defaults=defaults)
            for term in data.get("positions") or []:
                start = partial_date(term["start"])[0] if term.get("start") else None
                # A tenure that ends in a month or a year lasts to the end of it.
                end = last_day(*partial_date(term["end"])) if term.get("end") else None
                Position.objects.update_or_create(
                    person=person,
                    title=term["title"],
                    start=start,
                    defaults={
                        "office": term.get("office") or Position.Office.OTHER,
                        "country": countries[term.get("country", data["country"])],
                        "end": end,
                        "source_url": term.get("source") or "",
                        "dates_from_reports": bool(term.get("from_reports")),
                    },
                )
                count += 1
        except (KeyError, TypeError, ValueError) as error:
            raise HistoryError(f"{entry.where}: {type(error).__name__}: {error}") from None
    return count


# --- checking ----------------------------------------------------------------------------------------------------


class Checker:
    """Proves every record: its fields well formed, both countries present, each participant in office that day
    (by the Positions), its date in range, its sources well formed, and no contact recorded twice."""

    def __init__(self, today=None):
        self.today = today or datetime.date.today()
        self.people = {p.slug: p for p in Person.objects.select_related("country")}
        self.positions = {}
        for position in Position.objects.all():
            self.positions.setdefault(position.person_id, []).append(position)
        self.places = {name.casefold() for name in Place.objects.values_list("name", flat=True)}
        self.countries = set(Country.objects.values_list("code", flat=True))
        self.organizations = set(Organization.objects.values_list("acronym", flat=True))
        self.url = URLValidator(schemes=["http", "https"])

    def check(self, entries):
        problems, seen_keys, contacts = [], {}, {}
        for entry in entries:
            found = self.check_one(entry)
            problems.extend(f"{entry.where}: {message}" for message in found)
            key = entry.data.get("key")
            if key in seen_keys:
                problems.append(f"{entry.where}: key {key!r} already used at {seen_keys[key]}")
            seen_keys.setdefault(key, entry.where)
            if not found:
                signature = self.signature(entry.data)
                if signature in contacts:
                    problems.append(f"{entry.where}: the same contact as {contacts[signature]} (date, kind, people)")
                contacts.setdefault(signature, entry.where)
        return problems

    def signature(self, data):
        return (str(data["date"]), data["kind"], frozenset(data["participants"]))

    def check_one(self, entry):
        data, problems = entry.data, []
        unknown = set(data) - RECORD_FIELDS
        if unknown:
            problems.append(f"unknown fields: {', '.join(sorted(unknown))}")
        for name in ("key", "title", "date", "kind", "participants", "sources"):
            if not data.get(name):
                problems.append(f"{name} is missing")
        if problems:
            return problems
        if data["kind"] not in Meeting.Kind.values:
            problems.append(f"kind {data['kind']!r} is not one of {', '.join(Meeting.Kind.values)}")
        if data.get("stage", "held") not in Meeting.Stage.values:
            problems.append(f"stage {data['stage']!r} is not held or planned")
        try:
            first, precision = partial_date(data["date"])
        except ValueError as error:
            return [*problems, str(error)]
        last = last_day(first, precision)
        if first < FIRST_DAY:
            problems.append(f"date {data['date']} is before diplomatic relations ({FIRST_DAY})")
        if data.get("stage", "held") == "held" and first > self.today:
            problems.append(f"date {data['date']} is after today, yet the contact is recorded as held")
        if data.get("end_date"):
            try:
                end = partial_date(data["end_date"])[0]
                if end < first:
                    problems.append("end_date is before date")
                last = end
            except ValueError as error:
                problems.append(f"end_date: {error}")
        # A démarche takes place at the ministry that summons: its country is the other side.
        host = data.get("country") if data["kind"] == Meeting.Kind.DEMARCHE else None
        problems.extend(self.check_people(data["participants"], first, last, host))
        if data.get("place") and data["place"].casefold() not in self.places and not data.get("country"):
            problems.append(f"place {data['place']!r} is not in the reference data: give its country too")
        if data.get("country") and data["country"] not in self.countries:
            problems.append(f"country {data['country']!r} is not a known country code")
        for acronym in data.get("organizations") or []:
            if acronym not in self.organizations:
                problems.append(f"organization {acronym!r} is not in the reference data")
        for number, source in enumerate(data["sources"], start=1):
            problems.extend(f"source {number}: {message}" for message in self.check_source(source))
        return problems

    def check_people(self, slugs, first, last, host=None):
        problems, countries = [], {host}
        if not isinstance(slugs, list):
            return ["participants must be a list of person slugs"]
        for slug in slugs:
            person = self.people.get(slug)
            if person is None:
                problems.append(f"participant {slug!r} is not in the reference data")
                continue
            countries.add(person.country.code if person.country else "")
            held = [
                p
                for p in self.positions.get(person.pk, [])
                if (p.start is None or p.start <= last) and (p.end is None or p.end >= first)
            ]
            if not held:
                problems.append(f"participant {slug!r} held no office on record between {first} and {last}")
        if not problems and not PAIR <= countries:
            problems.append("participants must include someone from Kazakhstan and someone from Russia")
        return problems

    def check_source(self, source):
        if not isinstance(source, dict):
            return ["expected url, outlet, language"]
        problems = []
        unknown = set(source) - SOURCE_FIELDS
        if unknown:
            problems.append(f"unknown fields: {', '.join(sorted(unknown))}")
        try:
            self.url(str(source.get("url", "")))
        except ValidationError:
            problems.append(f"url {source.get('url')!r} is not a well-formed http(s) address")
        if not str(source.get("outlet") or "").strip():
            problems.append("outlet is missing")
        if source.get("language") not in LANGUAGES:
            problems.append(f"language {source.get('language')!r} is not one of {', '.join(sorted(LANGUAGES))}")
        if source.get("published"):
            try:
                published = partial_date(source["published"])[0]
                if published > self.today:
                    problems.append("published is after today")
            except ValueError as error:
                problems.append(f"published: {error}")
        return problems


def check(folder=HISTORY_DIR, today=None):
    """Every problem of the record, each naming its file and line; an empty list when all is well."""
    try:
        entries = read_records(folder)
    except HistoryError as error:
        return [str(error)]
    return Checker(today).check(entries)


# --- loading -----------------------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def source_hash(url):
    return hashlib.sha256(f"compiled-source:{url}".encode()).hexdigest()


class Loader:
    """Writes the records as meetings of origin "compiled": matched by their key, so that loading again changes
    nothing and an edited line updates its meeting; a field an editor changed since is left as the editor set it."""

    def __init__(self):
        self.people = {p.slug: p for p in Person.objects.all()}
        self.countries = {c.code: c for c in Country.objects.all()}
        self.places = {p.name.casefold(): p for p in Place.objects.all()}
        self.organizations = {o.acronym: o for o in Organization.objects.all()}

    def values(self, data):
        first, precision = partial_date(data["date"])
        place = self.place(data)
        country = self.countries.get(data.get("country") or "") or (place.country if place else None)
        return {
            "title": data["title"].strip(),
            "date": first.isoformat(),
            "date_precision": precision,
            "end_date": partial_date(data["end_date"])[0].isoformat() if data.get("end_date") else None,
            "kind": data["kind"],
            "stage": data.get("stage", "held"),
            "place": place.pk if place else None,
            "country": country.code if country else None,
            "participants": sorted(data["participants"]),
            "summary": (data.get("note") or "").strip(),
        }

    def place(self, data):
        name = (data.get("place") or "").strip()
        if not name:
            return None
        place = self.places.get(name.casefold())
        if place is None:
            place = Place.objects.create(
                name=name, slug=slugify(name) or "place", country=self.countries[data["country"]], needs_review=True
            )
            self.places[name.casefold()] = place
        return place

    def load(self, entries):
        result = LoadResult()
        with transaction.atomic():
            for entry in entries:
                outcome = self.load_one(entry.data)
                setattr(result, outcome, getattr(result, outcome) + 1)
        return result

    def load_one(self, data):
        values = self.values(data)
        meeting = Meeting.objects.filter(record_key=data["key"]).first()
        if meeting is None:
            meeting = Meeting(record_key=data["key"], origin=Meeting.Origin.COMPILED, status=Meeting.Status.REVIEWED)
            self.apply(meeting, values, values.keys())
            meeting.compiled_values = values
            meeting.save()
            self.set_people(meeting, values)
            outcome = "created"
        else:
            before = meeting.compiled_values or {}
            # A field still as the record last set it follows the record; one changed since is an editor's.
            fields = [f for f in values if values[f] != before.get(f) and self.current(meeting, f) == before.get(f)]
            fields = [f for f in fields if f not in meeting.locked_fields]
            if fields or values != before:
                self.apply(meeting, values, fields)
                meeting.compiled_values = values
                meeting.save()
                if "participants" in fields:
                    self.set_people(meeting, values)
            outcome = "updated" if fields else "unchanged"
        self.link(meeting, data)
        return outcome

    def current(self, meeting, field):
        if field == "participants":
            return sorted(meeting.participants.filter(person__isnull=False).values_list("person__slug", flat=True))
        if field in ("place", "country"):
            related = getattr(meeting, field)
            return (related.pk if field == "place" else related.code) if related else None
        value = getattr(meeting, field)
        return value.isoformat() if isinstance(value, datetime.date) else value

    def apply(self, meeting, values, fields):
        for field in fields:
            value = values[field]
            if field == "participants":
                continue
            if field == "place":
                meeting.place = Place.objects.get(pk=value) if value else None
                meeting.place_as_written = meeting.place.name if meeting.place else ""
                meeting.place_basis = Basis.COMPILED if value else ""
            elif field == "country":
                meeting.country = self.countries.get(value) if value else None
            elif field in ("date", "end_date"):
                setattr(meeting, field, datetime.date.fromisoformat(value) if value else None)
                if field == "date":
                    meeting.date_basis = Basis.COMPILED
            else:
                setattr(meeting, field, value)

    def set_people(self, meeting, values):
        meeting.participants.all().delete()
        day = meeting.date
        rows = []
        for slug in values["participants"]:
            person = self.people[slug]
            position = person.position_on(day) if day else None
            rows.append(Participant(meeting=meeting, person=person, title=position.title if position else ""))
        Participant.objects.bulk_create(rows)

    def link(self, meeting, data):
        for item in data["sources"]:
            published = partial_date(item["published"])[0] if item.get("published") else None
            source, _ = Source.objects.update_or_create(
                content_hash=source_hash(item["url"]),
                defaults={
                    "url": item["url"],
                    "outlet": item["outlet"],
                    "language": item["language"],
                    "published": published,
                    "title": (item.get("title") or "")[:500],
                    "text": "",
                },
            )
            meeting.sources.add(source)
        organizations = [self.organizations[a] for a in data.get("organizations") or [] if a in self.organizations]
        if organizations:
            meeting.organizations.add(*organizations)
        for title in data.get("agreements") or []:
            slug = slugify(title)[:200] or "agreement"
            agreement, _ = Agreement.objects.get_or_create(
                slug=slug, defaults={"title": title[:400], "signed_on": meeting.date, "meeting": meeting}
            )
            if agreement.meeting_id is None:
                agreement.meeting = meeting
                agreement.save(update_fields=["meeting"])
            agreement.parties.add(*[c for code, c in self.countries.items() if code in PAIR])


def load(folder=HISTORY_DIR):
    return Loader().load(read_records(folder))
