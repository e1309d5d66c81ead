import datetime
import hashlib
import json
import random
import time
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from events import facets, search
from events.models import (
    Agreement,
    Evidence,
    Forum,
    Meeting,
    MeetingText,
    Organization,
    Participant,
    Place,
    PlaceName,
    Source,
)
from people.models import Country, Person, PersonName, Position

REGIONS = ["Central Asia", "Afghanistan", "Syria", "Ukraine", "Middle East", "South Caucasus"]
TOPICS = [
    "trade-economic", "security", "cultural-humanitarian", "interregional cooperation", "energy", "transport",
    "space", "education and science", "integration", "WWII memory", "border security", "transport-logistics",
    "migration", "water", "Caspian", "military-technical", "consular", "health", "agriculture",
    "nuclear non-proliferation",
]  # fmt: skip
FIRST = ["Aidar", "Nurlan", "Yerlan", "Daulet", "Askar", "Ivan", "Pavel", "Oleg", "Dmitry", "Andrei", "Marat", "Timur"]
LAST = ["Abenov", "Serikov", "Zhanov", "Petrov", "Sokolov", "Volkov", "Karimov", "Nazarov", "Orlov", "Belov"]
BATCH = 20_000  # meetings generated between two writes
AGREEMENT_KINDS = [Agreement.Kind.PLAN, Agreement.Kind.MEMORANDUM, Agreement.Kind.AGREEMENT, Agreement.Kind.PROTOCOL]


class Command(BaseCommand):
    help = (
        "Fill the database with realistic synthetic data for benchmarks: people with positions and aliases, "
        "meetings with about three participants, sources with text and evidence, topics, agreements and forums. "
        "Deterministic for a given --seed. Refuses to run on a database that already has meetings, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="Add to a database that already has meetings.")

    def handle(self, *args, meetings, seed, force, **options):
        if Meeting.objects.exists() and not force:
            raise CommandError("The database already has meetings; use --force to add synthetic ones anyway.")
        if not Country.objects.filter(code__in=["KZ", "RU"]).count() == 2:
            raise CommandError("Load the reference data first: python manage.py load_reference")
        rng = random.Random(seed)
        with transaction.atomic():
            people = self.people(rng)
            places = list(Place.objects.all())
            orgs = list(Organization.objects.all())
            tags = [Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TOPICS]
            forums = self.forums(rng, places)
        started = time.perf_counter()
        self.meetings(rng, meetings, people, places, orgs, tags, forums)
        self.stdout.write(f"  written and indexed in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # As after any bulk load: fresh planner statistics and visibility map, or the first plans are poor.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        counting = time.perf_counter()
        facets.warm()
        self.stdout.write(
            f"  the lists' counts and the overview pages' figures made again in {time.perf_counter() - counting:.1f} s"
        )
        self.stdout.write(
            self.style.SUCCESS(f"Generated {meetings} meetings ({Participant.objects.count()} participations).")
        )

    def people(self, rng):
        kz, ru = Country.objects.get(code="KZ"), Country.objects.get(code="RU")
        created = []
        for n in range(300):
            country = kz if n % 2 else ru
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}"
            created.append(Person(name=name, slug=f"synthetic-{n}-{slugify(name)}", country=country))
        Person.objects.bulk_create(created, batch_size=BATCH)
        created = list(Person.objects.filter(slug__startswith="synthetic-"))
        names, positions = [], []
        for person in created:
            names.append(
                PersonName(person=person, name=person.name, normalized=person.name.casefold(), kind="canonical")
            )
            alias = person.name.replace("ov ", "off ")
            if alias != person.name:
                names.append(PersonName(person=person, name=alias, normalized=alias.casefold(), kind="transliteration"))
            start = datetime.date(1992, 1, 1) + datetime.timedelta(days=rng.randrange(0, 30 * 365))
            positions.append(
                Position(
                    person=person,
                    office=Position.Office.DEPUTY_FOREIGN_MINISTER,
                    title=f"Deputy Minister of Foreign Affairs of {person.country.name}",
                    country=person.country,
                    start=start,
                    end=start + datetime.timedelta(days=rng.randrange(300, 3000)),
                )
            )
        PersonName.objects.bulk_create(names, batch_size=BATCH)
        Position.objects.bulk_create(positions, batch_size=BATCH)
        return created + list(Person.objects.filter(positions__office=Position.Office.FOREIGN_MINISTER).distinct())

    def forums(self, rng, places):
        series = "Forum of Interregional Cooperation of Kazakhstan and Russia"
        existing = set(Forum.objects.filter(series=series).values_list("edition", flat=True))
        forums = [
            Forum(
                series=series,
                edition=n,
                date=datetime.date(2003 + n, 9, 1),
                date_precision="month",
                place=rng.choice(places),
            )
            for n in range(1, 23)
            if n not in existing
        ]
        Forum.objects.bulk_create(forums)
        return list(Forum.objects.filter(series=series))

    def meetings(self, rng, count, people, places, orgs, tags, forums):
        """The meetings and everything of theirs, written with plain multi-row inserts in large batches, ids given
        here; the full-text index is built once at the end rather than row by row (see ``index_deferred``)."""
        kinds = [(k, Meeting.Kind(k).label) for k, _ in Meeting.Kind.choices]
        start = datetime.date(1992, 1, 1)
        span = (datetime.date(2026, 6, 30) - start).days
        meeting_type = ContentType.objects.get_for_model(Meeting).pk
        titles = dict(Position.objects.filter(person__in=people).values_list("person_id", "title"))
        parties = list(Country.objects.filter(code__in=["KZ", "RU"]).values_list("pk", flat=True))
        aliases = {}
        for person_id, name in (
            PersonName.objects.filter(person__in=people).order_by("id").values_list("person_id", "name")
        ):
            aliases.setdefault(person_id, []).append(name)
        place_names = {}
        for place_id, name in PlaceName.objects.order_by("id").values_list("place_id", "name"):
            place_names.setdefault(place_id, []).append(name)
        # What each row needs of a person and a place, looked up once.
        people = [(p.pk, p.name, titles.get(p.pk, ""), aliases.get(p.pk, [])) for p in people]
        places = [(p.pk, p.name, p.country_id, place_names.get(p.pk, [])) for p in places]
        org_ids = [o.pk for o in orgs]
        tag_ids = [t.pk for t in tags]
        forum_ids = [f.pk for f in forums]
        started = time.perf_counter()
        # One transaction: the ids counted on from the highest are nobody else's, and a failure leaves nothing.
        with transaction.atomic(), connection.cursor() as cursor, index_deferred(cursor):
            if connection.vendor == "sqlite":
                # A page cache large enough for the indexes being written, for this connection: with the default
                # 2 MB, pages of the indexes go to the file and back many times over within the one transaction.
                cursor.execute("PRAGMA cache_size = -262144")
            tables = {
                name: Rows(model, columns)
                for name, model, columns in [
                    ("source", Source, ["outlet", "language", "title", "published", "text", "content_hash"]),
                    ("meeting", Meeting, ["title", "slug", "date", "date_precision", "date_basis", "kind", "place_id",
                                          "place_as_written", "place_basis", "country_id", "status", "regions"]),
                    ("link", Meeting.sources.through, ["meeting_id", "source_id"]),
                    ("participant", Participant, ["meeting_id", "person_id", "name_as_written", "role", "title"]),
                    ("evidence", Evidence, ["content_type_id", "object_id", "field", "value", "source_id", "quote",
                                            "start", "end"]),
                    ("topic", TaggedItem, ["content_type_id", "object_id", "tag_id"]),
                    ("organization", Meeting.organizations.through, ["meeting_id", "organization_id"]),
                    ("forum", Meeting.forums_discussed.through, ["meeting_id", "forum_id"]),
                    ("agreement", Agreement, ["title", "slug", "kind", "meeting_id", "signed_on", "signed_precision",
                                              "period_start", "period_end"]),
                    ("party", Agreement.parties.through, ["agreement_id", "country_id"]),
                    ("text", MeetingText, ["meeting_id", "body"]),
                ]
            }  # fmt: skip
            source, meeting, link, participant, evidence, topic, organization, forum, agreement, party, text_row = (
                tables.values()
            )
            for n in range(count):
                day = start + datetime.timedelta(days=rng.randrange(span))
                precision = rng.choices(["day", "month", "year"], weights=[85, 10, 5])[0]
                if precision == "month":
                    day = day.replace(day=1)
                elif precision == "year":
                    day = day.replace(month=1, day=1)
                kind, label = rng.choice(kinds)
                place = None if kind == "phone_call" else rng.choice(places)
                group = rng.sample(people, 3)
                title = f"{label.capitalize()} between {group[0][1]} and {group[1][1]}"
                text = (
                    f"{place[1] if place else 'By phone'}, {day:%d %B %Y}. {group[0][1]} held {label} with "
                    f"{group[1][1]} and {group[2][1]}. They discussed {rng.choice(TOPICS)} and {rng.choice(TOPICS)}. "
                    f"Synthetic article number {n}."
                )
                iso = day.isoformat()
                source_id = source.add(
                    rng.choice(["TASS", "Kazinform", "Interfax", "The Astana Times"]),
                    rng.choice(["en", "en", "ru"]),
                    title,
                    iso,
                    text,
                    hashlib.sha256(f"synthetic-{n}-{text}".encode()).hexdigest(),
                )
                meeting_id = meeting.add(
                    title,
                    slugify(title)[:200],
                    iso,
                    precision,
                    rng.choice(["stated", "dateline", "publication"]),
                    kind,
                    place[0] if place else None,
                    place[1] if place else "",
                    "stated" if place else "",
                    place[2] if place else None,
                    rng.choices(["unreviewed", "reviewed", "draft"], weights=[70, 28, 2])[0],
                    json.dumps(rng.sample(REGIONS, rng.choice([0, 0, 0, 1, 2]))),
                )
                link.add(meeting_id, source_id)
                names = []
                for person_id, name, held, _ in group:
                    participant.add(meeting_id, person_id, name, "participant", held)
                    names.append(name)
                for *_, spellings in group:
                    names += spellings
                evidence.add(meeting_type, meeting_id, "date", iso, source_id, text[:80], 0, min(80, len(text)))
                for tag_id in rng.sample(tag_ids, rng.randint(1, 4)):
                    topic.add(meeting_type, meeting_id, tag_id)
                for org_id in rng.sample(org_ids, rng.randint(0, 2)):
                    organization.add(meeting_id, org_id)
                if rng.random() < 0.05:
                    forum.add(meeting_id, rng.choice(forum_ids))
                if rng.random() < 0.02:  # about one meeting in fifty signs something, between the two countries
                    signed = rng.choice(AGREEMENT_KINDS)
                    plan = signed == Agreement.Kind.PLAN
                    agreement_id = agreement.add(
                        f"{signed.label.capitalize()} of cooperation no. {meeting_id}",
                        f"synthetic-{signed.value}-{meeting_id}",
                        signed.value,
                        meeting_id,
                        iso,
                        precision,
                        day.year if plan else None,
                        day.year + 2 if plan else None,
                    )
                    for country_id in parties:
                        party.add(agreement_id, country_id)
                # The text it is found by, made as events/search.py makes it (articles, own words, then names).
                text_row.add(
                    meeting_id, search.compose([title, ""], names + (place[3] if place else []), [title, text])
                )
                if (n + 1) % BATCH == 0 or n + 1 == count:
                    for rows in tables.values():
                        rows.write(cursor)
                    self.stdout.write(f"  {n + 1} meetings")
            reset_sequences(cursor, [rows.model for rows in tables.values()])
            self.stdout.write(f"  rows written in {time.perf_counter() - started:.1f} s; the search index next")


class Rows:
    """Rows of one table, written with one multi-row statement per batch; ids are counted on from the highest (the
    caller holds the transaction, so no one else writes meanwhile). Columns not given take their field's default."""

    def __init__(self, model, columns):
        self.model = model
        meta = model._meta
        self.auto = meta.pk.attname not in columns
        now = timezone.now()
        others = [f for f in meta.local_concrete_fields if f.attname not in columns and f is not meta.pk]
        defaults = []
        for field in others:
            value = now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) else None
            defaults.append(field.get_db_prep_save(value if value else field.get_default(), connection))
        self.defaults = tuple(defaults)
        names = ([meta.pk.column] if self.auto else []) + [meta.get_field(c).column for c in columns]
        names += [f.column for f in others]
        self.sql = f"INSERT INTO {meta.db_table} ({', '.join(connection.ops.quote_name(c) for c in names)}) VALUES "
        self.width = len(names)
        if self.auto:
            top = model.objects.aggregate(top=Max("pk"))["top"]
            self.next_id = (top or 0) + 1
        self.rows = []

    def add(self, *values):
        """Add a row; returns its id."""
        if not self.auto:
            self.rows.append(values + self.defaults)
            return None
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values, *self.defaults))
        return pk

    def write(self, cursor):
        # Multi-row VALUES, a few hundred rows a statement, within SQLite's limit of 32,766 parameters: on
        # PostgreSQL far fewer round trips than executemany's one per row, and on SQLite about twice as fast as
        # executemany (measured: 1.3 s against 2.7 s for 20,000 meetings' rows).
        template = "(" + ", ".join(["%s"] * self.width) + ")"
        per = max(1, 30_000 // self.width)
        for at in range(0, len(self.rows), per):
            chunk = self.rows[at : at + per]
            cursor.execute(self.sql + ", ".join([template] * len(chunk)), [v for row in chunk for v in row])
        self.rows.clear()


@contextmanager
def index_deferred(cursor):
    """The full-text index left aside while the texts are written and built once at the end: SQLite's FTS5 table
    filled from its content table in one pass, PostgreSQL's GIN index made again. Inside the caller's transaction,
    so a failure leaves the index as it was."""
    if connection.vendor == "sqlite":
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_meetingtext_ai'")
        trigger = cursor.fetchone()
        if trigger:
            cursor.execute("DROP TRIGGER events_meetingtext_ai")
        yield
        if trigger:
            cursor.execute(trigger[0])
            cursor.execute(f"INSERT INTO {MeetingText.FTS_TABLE}({MeetingText.FTS_TABLE}) VALUES ('rebuild')")
    elif connection.vendor == "postgresql":
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_meetingtext_fts'")
        index = cursor.fetchone()
        if index:
            cursor.execute("DROP INDEX events_meetingtext_fts")
        yield
        if index:
            # The foreign keys' deferred checks made now: an index cannot be made on a table with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(index[0])
    else:
        yield


def reset_sequences(cursor, models):
    """After rows written with their ids: PostgreSQL's sequences moved past them (SQLite needs nothing)."""
    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        cursor.execute(statement)
