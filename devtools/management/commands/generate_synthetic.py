import datetime
import hashlib
import random

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from events import facets, search
from events.models import Agreement, Evidence, Forum, Meeting, Organization, Participant, Place, Source
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
BATCH = 5000
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
        if not connection.features.can_return_rows_from_bulk_insert:
            # Rows are linked by the ids bulk inserts return: PostgreSQL, and SQLite from 3.35, give them.
            raise CommandError("This database does not return ids from bulk inserts; use PostgreSQL or SQLite 3.35+.")
        rng = random.Random(seed)
        with transaction.atomic():
            people = self.people(rng)
            places = list(Place.objects.all())
            orgs = list(Organization.objects.all())
            tags = [Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TOPICS]
            forums = self.forums(rng, places)
        self.meetings(rng, meetings, people, places, orgs, tags, forums)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # As after any bulk load: fresh planner statistics and visibility map, or the first plans are poor.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        facets.warm()
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
        kinds = [k for k, _ in Meeting.Kind.choices]
        start = datetime.date(1992, 1, 1)
        span = (datetime.date(2026, 6, 30) - start).days
        meeting_type = ContentType.objects.get_for_model(Meeting)
        titles = dict(Position.objects.filter(person__in=people).values_list("person_id", "title"))
        parties = list(Country.objects.filter(code__in=["KZ", "RU"]))
        for offset in range(0, count, BATCH):
            size = min(BATCH, count - offset)
            sources, meetings = [], []
            for n in range(offset, offset + size):
                day = start + datetime.timedelta(days=rng.randrange(span))
                precision = rng.choices(["day", "month", "year"], weights=[85, 10, 5])[0]
                if precision == "month":
                    day = day.replace(day=1)
                elif precision == "year":
                    day = day.replace(month=1, day=1)
                kind = rng.choice(kinds)
                place = None if kind == "phone_call" else rng.choice(places)
                group = rng.sample(people, 3)
                title = f"{Meeting.Kind(kind).label.capitalize()} between {group[0].name} and {group[1].name}"
                text = (
                    f"{place.name if place else 'By phone'}, {day:%d %B %Y}. {group[0].name} held "
                    f"{Meeting.Kind(kind).label} with {group[1].name} and {group[2].name}. They discussed "
                    f"{rng.choice(TOPICS)} and {rng.choice(TOPICS)}. Synthetic article number {n}."
                )
                sources.append(
                    Source(
                        outlet=rng.choice(["TASS", "Kazinform", "Interfax", "The Astana Times"]),
                        language=rng.choice(["en", "en", "ru"]),
                        title=title,
                        published=day,
                        text=text,
                        content_hash=hashlib.sha256(f"synthetic-{n}-{text}".encode()).hexdigest(),
                    )
                )
                meetings.append(
                    (
                        Meeting(
                            title=title,
                            slug=slugify(title)[:200],
                            date=day,
                            date_precision=precision,
                            date_basis=rng.choice(["stated", "dateline", "publication"]),
                            kind=kind,
                            place=place,
                            place_as_written=place.name if place else "",
                            place_basis="stated" if place else "",
                            country=place.country if place else None,
                            status=rng.choices(["unreviewed", "reviewed", "draft"], weights=[70, 28, 2])[0],
                            regions=rng.sample(REGIONS, rng.choice([0, 0, 0, 1, 2])),
                        ),
                        group,
                        rng.sample(tags, rng.randint(1, 4)),
                        rng.sample(orgs, rng.randint(0, 2)),
                        rng.choice(forums) if rng.random() < 0.05 else None,
                    )
                )
            # One transaction a batch: on SQLite the write lock is held for a batch, not for the whole run.
            with transaction.atomic():
                Source.objects.bulk_create(sources, batch_size=BATCH)
                Meeting.objects.bulk_create([m for m, *_ in meetings], batch_size=BATCH)
                participants, evidence, tagged, links, org_links, forum_links = [], [], [], [], [], []
                for (meeting, group, topics, meeting_orgs, forum), source in zip(meetings, sources, strict=True):
                    source_id = source.pk
                    links.append(Meeting.sources.through(meeting_id=meeting.pk, source_id=source_id))
                    for person in group:
                        participants.append(
                            Participant(
                                meeting_id=meeting.pk,
                                person=person,
                                name_as_written=person.name,
                                role="participant",
                                title=titles.get(person.pk, ""),
                            )
                        )
                    evidence.append(
                        Evidence(
                            content_type=meeting_type,
                            object_id=meeting.pk,
                            field="date",
                            value=str(meeting.date),
                            source_id=source_id,
                            quote=source.text[:80],
                            start=0,
                            end=min(80, len(source.text)),
                        )
                    )
                    tagged.extend(
                        TaggedItem(content_type=meeting_type, object_id=meeting.pk, tag=tag) for tag in topics
                    )
                    org_links.extend(
                        Meeting.organizations.through(meeting_id=meeting.pk, organization_id=o.pk) for o in meeting_orgs
                    )
                    if forum:
                        forum_links.append(Meeting.forums_discussed.through(meeting_id=meeting.pk, forum_id=forum.pk))
                Meeting.sources.through.objects.bulk_create(links, batch_size=BATCH)
                Participant.objects.bulk_create(participants, batch_size=BATCH)
                Evidence.objects.bulk_create(evidence, batch_size=BATCH)
                TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)
                Meeting.organizations.through.objects.bulk_create(org_links, batch_size=BATCH)
                Meeting.forums_discussed.through.objects.bulk_create(forum_links, batch_size=BATCH)
                # About one meeting in fifty signs something, between the two countries.
                signing = [meeting for meeting, *_ in meetings if rng.random() < 0.02]
                agreements = Agreement.objects.bulk_create(
                    [
                        Agreement(
                            title=f"{kind.label.capitalize()} of cooperation no. {meeting.pk}",
                            slug=f"synthetic-{kind.value}-{meeting.pk}",
                            kind=kind,
                            meeting_id=meeting.pk,
                            signed_on=meeting.date,
                            signed_precision=meeting.date_precision,
                            period_start=meeting.date.year if kind == Agreement.Kind.PLAN else None,
                            period_end=meeting.date.year + 2 if kind == Agreement.Kind.PLAN else None,
                        )
                        for meeting, kind in ((m, rng.choice(AGREEMENT_KINDS)) for m in signing)
                    ],
                    batch_size=BATCH,
                )
                Agreement.parties.through.objects.bulk_create(
                    [
                        Agreement.parties.through(agreement_id=a.pk, country_id=c.pk)
                        for a in agreements
                        for c in parties
                    ],
                    batch_size=BATCH,
                )
            search.refresh(m.pk for m, *_ in meetings)  # the text each is found by, as an import writes it
            self.stdout.write(f"  {offset + size} meetings")
