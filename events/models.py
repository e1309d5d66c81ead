import datetime
import json
import re

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear, Left, RowNumber
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from diplotrack.links import link
from events.dates import Precision, fits_precision, format_partial
from events.lookups import InSmallSet
from people.models import Country, Person, Position
from people.text import normalize_name

MIN_TERM, MAX_TERMS = 2, 5


def search_terms(text):
    """The words a search looks for: distinct (whatever their case), of two letters or digits or more, the first five.
    A one-letter word matches almost everything and costs a scan of every text for nothing; "/{" has no word in it."""
    found = {}
    for word in text.split():
        word = word.strip(".,;:!?\"'«»“”()[]")
        if len(re.findall(r"\w", word)) >= MIN_TERM:
            found.setdefault(word.casefold(), word)
    return list(found.values())[:MAX_TERMS]


class Basis(models.TextChoices):
    """How a value was obtained; a stated value beats an inferred one when sources are merged."""

    EDITOR = "editor", "set by an editor"
    COMPILED = "compiled", "compiled from sources"
    STATED = "stated", "stated in the text"
    DATELINE = "dateline", "from the dateline"
    INFERRED = "inferred", "inferred from the text"
    PUBLICATION = "publication", "publication date stands in"


BASIS_RANK = {
    Basis.PUBLICATION: 0,
    Basis.INFERRED: 1,
    Basis.DATELINE: 2,
    Basis.STATED: 3,
    Basis.COMPILED: 4,
    Basis.EDITOR: 5,
}


class PlaceQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def public(self):
        """Places of the reference data, and those an import created that a public meeting is held at: not a place
        known only from drafts."""
        held = Meeting.objects.filter(place=OuterRef("pk")).exclude(status=Meeting.Status.DRAFT)
        return self.filter(Q(needs_review=False) | Exists(held))

    def named(self, name, on=None):
        """Places called ``name`` (current, former or variant name), valid on the date ``on`` if given."""
        names = PlaceName.objects.filter(normalized=normalize_name(name))
        if on is not None:
            names = names.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=on)
            )
        return self.filter(Q(names__in=names) | Q(name__iexact=name)).distinct()


class Place(models.Model):
    name = models.CharField("current name", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="places")
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    needs_review = models.BooleanField(
        default=False, help_text="Created by the importer from a name it did not know; check and confirm."
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:place-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def display_as(self, written):
        """'Nur-Sultan (now Astana)' when the text used a name that is no longer current."""
        if not written or written == self.name:
            return self.name
        key = normalize_name(written)
        if key != normalize_name(self.name):
            # Reads the (usually prefetched) names rather than querying once per meeting shown.
            if any(n.normalized == key and n.kind == PlaceName.Kind.FORMER for n in self.names.all()):
                return f"{written} (now {self.name})"
        return self.name


class PlaceNameQuerySet(models.QuerySet):
    def get_by_natural_key(self, place_slug, name):
        return self.get(place__slug=place_slug, name=name)


class PlaceName(models.Model):
    class Kind(models.TextChoices):
        CURRENT = "current", "current name"
        FORMER = "former", "former name"
        VARIANT = "variant", "spelling variant"
        NATIVE = "native", "native script"
        LANDMARK = "landmark", "landmark in this place"

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.VARIANT)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    objects = PlaceNameQuerySet.as_manager()

    class Meta:
        ordering = ["place", "valid_from", "name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="unique_place_name"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="place_name_valid_to_after_from",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.place.slug, self.name)

    natural_key.dependencies = ["events.place"]


class OrganizationQuerySet(models.QuerySet):
    def get_by_natural_key(self, acronym):
        return self.get(acronym=acronym)


class Organization(models.Model):
    acronym = models.CharField(max_length=30, unique=True)
    name = models.CharField("full name", max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names and acronyms seen in the news.")
    members = models.ManyToManyField(Country, blank=True, related_name="organizations")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("events:organization-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.acronym,)


SEARCHED_CHARACTERS = 200_000  # of a source's text, for full-text search on PostgreSQL


class OutletManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Outlet(models.Model):
    """A news agency, newspaper or ministry site, with the ways articles name it: the markers of its datelines
    ('/TASS/', 'KAZINFORM', '(Xinhua)') and the domains its pages are served from."""

    name = models.CharField(max_length=100, unique=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="outlets")
    language = models.CharField(max_length=8, blank=True, help_text="Its main language (ISO 639-1).")
    homepage = models.URLField(max_length=300, blank=True)
    domains = models.JSONField(
        default=list,
        blank=True,
        help_text="Host names its pages come from, without 'www.': 'tass.com' covers 'en.tass.com' too; a path may "
        "follow ('gov.kz/memleket/entities/mfa') where one domain serves several outlets.",
    )
    markers = models.JSONField(
        default=list, blank=True, help_text="How datelines and bylines name it: 'KAZINFORM', 'ТАСС', 'Xinhua'."
    )

    objects = OutletManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class FeedManager(models.Manager):
    def get_by_natural_key(self, url):
        return self.get(url=url)


class Feed(models.Model):
    """A news feed (RSS or Atom) whose new entries are imported by address when feeds are polled."""

    url = models.URLField("address", max_length=500, unique=True)
    name = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="The language of its articles, if one.")
    active = models.BooleanField(default=True, help_text="Polled by poll_feeds.")
    last_checked = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    modified = models.CharField(max_length=100, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    objects = FeedManager()

    class Meta:
        ordering = ["name", "url"]

    def __str__(self):
        return self.name or self.url

    def natural_key(self):
        return (self.url,)


class FeedEntry(models.Model):
    """An entry of a feed that was fetched, by its address: imported (whatever the import made of it), or failed
    and tried again an hour later, then a day later, then given up (listed in the admin for an editor to look at)."""

    class State(models.TextChoices):
        DONE = "done", "imported"
        RETRY = "retry", "failed, to be tried again"
        GIVEN_UP = "given_up", "failed, given up"

    feed = models.ForeignKey(
        Feed, on_delete=models.CASCADE, related_name="entries", help_text="The feed that carried it first."
    )
    url = models.URLField("address", max_length=2000, unique=True)
    state = models.CharField(max_length=10, choices=State.choices)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt = models.DateTimeField()
    retry_after = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-last_attempt"]
        verbose_name_plural = "feed entries"

    def __str__(self):
        return self.url


class SourceQuerySet(models.QuerySet):
    def public(self):
        """Sources that report a public meeting, or none at all (kept for the record): not those told only in
        drafts."""
        reported = Meeting.objects.filter(sources=OuterRef("pk"))
        return self.filter(Exists(reported.exclude(status=Meeting.Status.DRAFT)) | ~Exists(reported))

    def matching(self, text):
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            # The expression of the index (migration 0008): a text vector is limited to 1 MB.
            vector = SearchVector("title", Left("text", SEARCHED_CHARACTERS), config="simple")
            return self.annotate(document=vector).filter(document=SearchQuery(text, config="simple"))
        matches = self
        for word in text.split()[:10]:
            matches = matches.filter(Q(text__icontains=word) | Q(title__icontains=word))
        return matches


class Source(models.Model):
    outlet = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    dateline = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1 code of the article's language.")
    url = models.URLField(max_length=500, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    text = models.TextField(help_text="The cleaned article text; evidence offsets point into it.")
    content_hash = models.CharField(max_length=64, unique=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "id"]

    LANGUAGES = {"en": "English", "ru": "Russian"}
    UNKNOWN_OUTLET = "outlet unknown"  # the one wording, on the pages and in the exports

    def __str__(self):
        """By outlet and title, never by file name."""
        label = self.title or (f"article of {self.published}" if self.published else f"article {self.pk}")
        return f"{self.outlet}: {label}" if self.outlet else label

    def get_absolute_url(self):
        return reverse("events:source-detail", kwargs={"pk": self.pk})

    @property
    def language_name(self):
        return self.LANGUAGES.get(self.language, self.language)

    @property
    def outlet_display(self):
        return self.outlet or self.UNKNOWN_OUTLET

    @property
    def original_url(self):
        """The address of the original, when it is a web address (never a script's)."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""


class Evidence(models.Model):
    """One extracted value and the quote of the source it came from."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=50)
    value = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="evidence")
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["source", "start"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="evidence_end_after_start"),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "value", "source", "start"], name="unique_evidence"
            ),
        ]

    def __str__(self):
        return f"{self.field}: {self.quote[:60]}"


class ForumQuerySet(models.QuerySet):
    def public(self):
        """Forums discussed at a public meeting, or at none: not those known only from drafts."""
        discussed = Meeting.objects.filter(forums_discussed=OuterRef("pk"))
        return self.filter(Exists(discussed.exclude(status=Meeting.Status.DRAFT)) | ~Exists(discussed))


class Forum(models.Model):
    series = models.CharField(max_length=200)
    edition = models.PositiveSmallIntegerField()
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="forums")
    side_events = models.JSONField(default=list, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="forums")
    evidence = GenericRelation(Evidence)
    history = HistoricalRecords()

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["series", "edition"]
        constraints = [models.UniqueConstraint(fields=["series", "edition"], name="unique_forum_edition")]

    def __str__(self):
        return f"{ordinal(self.edition)} {self.series}"

    def get_absolute_url(self):
        return reverse("events:forum-detail", kwargs={"pk": self.pk})

    @property
    def date_display(self):
        return format_partial(self.date, self.date_precision)


class AgreementQuerySet(models.QuerySet):
    def public(self):
        """Agreements not signed at a draft meeting: what a draft says is not shown anywhere public."""
        return self.filter(Q(meeting__isnull=True) | ~Q(meeting__status=Meeting.Status.DRAFT))


class Agreement(models.Model):
    class Kind(models.TextChoices):
        AGREEMENT = "agreement", "agreement"
        TREATY = "treaty", "treaty"
        PLAN = "plan", "plan"
        PROGRAMME = "programme", "programme"
        MEMORANDUM = "memorandum", "memorandum"
        PROTOCOL = "protocol", "protocol"
        DECLARATION = "declaration", "declaration or statement"
        OTHER = "other", "other"

    title = models.CharField(max_length=400)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AGREEMENT)
    signed_on = models.DateField(null=True, blank=True)
    signed_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    parties = models.ManyToManyField(Country, blank=True, related_name="agreements")
    signatories = models.ManyToManyField(Person, blank=True, related_name="agreements_signed")
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements_signed",
        help_text="The meeting where it was signed.",
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements_signed",
        help_text="The forum on whose sidelines it was signed.",
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="agreements")
    evidence = GenericRelation(Evidence)
    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="agreement_period_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:agreement-detail", kwargs={"slug": self.slug})

    @property
    def signed_display(self):
        return format_partial(self.signed_on, self.signed_precision)


class MeetingQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Meeting.Status.DRAFT)

    def involving(self, *people):
        """Meetings with every one of ``people``; a subquery per person keeps the set free of joins and duplicates."""
        for person in people:
            self = self.filter(pk__in_small_set=Participant.objects.filter(person=person).values("meeting_id"))
        return self

    def in_period(self, start=None, end=None):
        """Meetings whose period overlaps [start, end]: a meeting known only as "2024" is in any part of 2024."""
        if start:
            self = self.filter(
                Q(end_date__gte=start)
                | Q(end_date__isnull=True, date_precision=Precision.DAY, date__gte=start)
                | Q(date_precision=Precision.MONTH, date__gte=start.replace(day=1))
                | Q(date_precision=Precision.YEAR, date__gte=start.replace(month=1, day=1))
            )
        if end:
            self = self.filter(date__lte=end)
        return self

    def in_year(self, year):
        # Partial dates are stored inside their period (1 January, the 1st of the month), so a plain date range
        # finds them, and can use the date index; meetings running into the year from the one before are added.
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.filter(Q(date__range=(start, end)) | Q(date__lt=start, end_date__gte=start))

    def held_in(self, country):
        return self.filter(Q(place__country=country) | Q(place__isnull=True, country=country))

    HOSTS = {"kz": "in Kazakhstan", "ru": "in Russia", "elsewhere": "elsewhere", "remote": "by phone or video"}

    def hosted(self, where):
        """Where the contact took place: "kz", "ru" (the place's country, or the host's where no place is known),
        "elsewhere" (a third country), "remote" (a phone or video call)."""
        return self.filter(host_condition(where))

    def at_place(self, name):
        """At the place called ``name`` now or formerly, or with that slug."""
        places = Place.objects.filter(Q(slug=name) | Q(pk__in=Place.objects.named(name).values("pk")))
        return self.filter(place__in=places)

    def in_region(self, name):
        """Meetings where the region or conflict ``name`` was discussed (as the importer's list names it)."""
        # The list is stored as JSON text; a quoted element matches one name whole, not a part of another.
        return self.filter(regions__icontains=json.dumps(name, ensure_ascii=connection.vendor != "postgresql"))

    def reported_by(self, outlet=None, language=None):
        """Meetings with a source from ``outlet`` and/or in ``language``."""
        sources = Meeting.sources.through.objects.filter(meeting=OuterRef("pk"))
        if outlet:
            sources = sources.filter(source__outlet=outlet)
        if language:
            sources = sources.filter(source__language=language)
        return self.filter(Exists(sources))

    LEVELS = {
        "presidents": "presidents and prime ministers",
        "ministers": "foreign ministers",
        "deputies": "deputy foreign ministers",
        "ambassadors": "ambassadors and consuls",
    }

    def at_level(self, level):
        """Meetings where someone held an office of ``level`` (a key of LEVELS) on the day."""
        return self.filter(level_condition(level))

    def with_agreement(self, present=True):
        signed = Agreement.objects.filter(meeting=OuterRef("pk"))
        return self.filter(Exists(signed) if present else ~Exists(signed))

    def search(self, text):
        """Free text over titles, summaries, participants' names and aliases, places and the sources' text: the
        database's full-text index (MeetingText, written by events/search.py), every word matched by its beginning."""
        words = search_terms(text)
        if not words:
            return self
        # The index names the meetings, asked once: the page, its count and every facet then fetch them by key,
        # rather than each asking the index again (or walking the date order to probe it for each row).
        return self.filter(pk__in_small_set=MeetingText.among(MeetingText.ids_matching(words)))

    def by_relevance(self, text):
        """For a search: first the meetings whose title has every word, then those where someone of that name took
        part, then those whose articles alone mention it; newest first within each."""
        words = search_terms(text)
        if not words:
            return self.newest_first()
        in_title = Q()
        for word in words:
            # SQLite compares letters beyond ASCII by case: the word as typed, and with a capital, as names are.
            in_title &= Q(title__icontains=word) | Q(title__icontains=word[:1].upper() + word[1:])
        named = Person.objects.all()
        for word in words:
            named = named.filter(pk__in=Person.objects.matching(word).values("pk"))
        taking_part = Exists(Participant.objects.filter(meeting=OuterRef("pk"), person__in=named.values("pk")))
        relevance = Case(When(in_title, then=2), When(taking_part, then=1), default=0)
        return self.order_by(relevance.desc(), F("date").desc(nulls_last=True), "-id")

    def held_in_the_future(self):
        """Contacts reported as held but dated after today: a wrong date, for an editor to look at."""
        return self.filter(stage=Meeting.Stage.HELD, date__gt=timezone.localdate())

    def held(self):
        return self.filter(stage=Meeting.Stage.HELD)

    def undated(self):
        return self.filter(date__isnull=True)

    def newest_first(self):
        return self.chronological(descending=True)

    def chronological(self, descending=False):
        """(date, id), up or down; meetings of unknown date come last either way."""
        if descending:
            return self.order_by(F("date").desc(nulls_last=True), "-id")
        return self.order_by(F("date").asc(nulls_last=True), "id")

    def before(self, meeting):
        """Meetings that come before ``meeting`` in (date, id) order, nearest first."""
        if meeting.date is None:
            return self.none()
        # "date <= d and not (date = d and id >= pk)": one range over the (date, id) index, unlike an OR.
        return (
            self.filter(date__lte=meeting.date).exclude(date=meeting.date, pk__gte=meeting.pk).order_by("-date", "-pk")
        )

    def after(self, meeting):
        if meeting.date is None:
            return self.none()
        return self.filter(date__gte=meeting.date).exclude(date=meeting.date, pk__lte=meeting.pk).order_by("date", "pk")

    def counts_by_year_and_kind(self):
        rows = (
            self.held()
            .filter(date__isnull=False)
            .order_by()
            .annotate(year=ExtractYear("date"))
            .values("year", "kind")
            .annotate(n=Count("pk"))
        )
        return list(rows.order_by("year", "kind"))

    def latest_of_each_year(self, count):
        """Ids of the ``count`` latest meetings of every year, in one query (a window function)."""
        rank = Window(RowNumber(), partition_by=[ExtractYear("date")], order_by=[F("date").desc(), F("pk").desc()])
        return list(
            self.held()
            .filter(date__isnull=False)
            .order_by()
            .annotate(rank=rank)
            .filter(rank__lte=count)
            .values_list("pk", flat=True)
        )

    def related_to(self, meeting, count=5):
        """The meetings sharing most people with ``meeting``, latest first among equals (undated last). Never every
        meeting of its people, which for a minister are hundreds: those that share two people or more are few, found
        from the participations' index alone; of those that share one, only the latest can be among the first, read
        newest first along the dates' index."""
        people = [p.person_id for p in meeting.participants.all() if p.person_id]
        if not people:
            return []
        theirs = Participant.objects.filter(person_id__in=people).exclude(meeting=meeting.pk)
        several = (
            self.filter(pk__in=theirs.values("meeting").annotate(n=Count("meeting")).filter(n__gte=2).values("meeting"))
            .annotate(shared=Count("participants", filter=Q(participants__person_id__in=people)))
            .values_list("pk", "date", "shared")
        )
        newest = (F("date").desc(nulls_last=True), F("id").desc())
        latest = (
            self.exclude(pk=meeting.pk)
            .filter(Exists(theirs.filter(meeting=OuterRef("pk"))))
            .order_by(*newest)
            .values_list("pk", "date")[:count]
        )
        candidates = {pk: (date, 1) for pk, date in latest}
        candidates.update({pk: (date, shared) for pk, date, shared in several})

        def rank(pk):
            date, shared = candidates[pk]
            return (-shared, date is None, -(date.toordinal() if date else 0), -pk)

        order = sorted(candidates, key=rank)[:count]
        found = {m.pk: m for m in self.filter(pk__in=order)}
        return [found[pk] for pk in order if pk in found]

    def similar_to(self, meeting, days=3):
        """Meetings that look like ``meeting``: the same people (two, or all if fewer) within a few days."""
        people = [p.person_id for p in meeting.participants.all() if p.person_id]
        if not people or meeting.date is None:
            return self.none()
        needed = min(2, len(people))
        window = datetime.timedelta(days=days)
        return (
            self.exclude(pk=meeting.pk)
            .filter(date__gte=meeting.date - window, date__lte=meeting.date + window)
            .annotate(shared=Count("participants", filter=Q(participants__person__in=people)))
            .filter(shared__gte=needed)
            .order_by("date")
        )

    def with_list_data(self):
        """What a row of a meeting list shows: the place as written (its former names), the country, and who took
        part, with their countries."""
        people = Participant.objects.select_related("person__country").order_by("id")
        return self.select_related("place__country", "country").prefetch_related(
            "place__names", Prefetch("participants", queryset=people)
        )


def host_condition(where):
    """The condition of MeetingQuerySet.hosted, for filters and counts alike."""
    remote = Q(kind=Meeting.Kind.PHONE_CALL)
    country = Q(place__country__code__in=["KZ", "RU"]) | Q(place__isnull=True, country__code__in=["KZ", "RU"])
    if where in ("kz", "ru"):
        code = where.upper()
        return ~remote & (Q(place__country__code=code) | Q(place__isnull=True, country__code=code))
    if where == "elsewhere":
        return ~remote & ~country & (Q(place__isnull=False) | Q(country__isnull=False))
    return remote


LEVEL_OFFICES = {
    "presidents": [Position.Office.PRESIDENT, Position.Office.PRIME_MINISTER],
    "ministers": [Position.Office.FOREIGN_MINISTER],
    "deputies": [Position.Office.DEPUTY_FOREIGN_MINISTER],
    "ambassadors": [Position.Office.AMBASSADOR, Position.Office.CONSUL],
}


def level_condition(level):
    """The condition of MeetingQuerySet.at_level: a participant held one of the level's offices on the meeting's date
    (by the reference data's positions; a position without dates counts always)."""
    day = OuterRef("date")
    held = Participant.objects.filter(
        Q(person__positions__start__lte=day) | Q(person__positions__start__isnull=True),
        Q(person__positions__end__gte=day) | Q(person__positions__end__isnull=True),
        meeting=OuterRef("pk"),
        person__positions__office__in=LEVEL_OFFICES[level],
    )
    return Exists(held)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        STATE_VISIT = "state_visit", "state visit"
        OFFICIAL_VISIT = "official_visit", "official visit"
        WORKING_VISIT = "working_visit", "working visit"
        TALKS = "talks", "talks"
        PHONE_CALL = "phone_call", "phone call"
        CONSULTATIONS = "consultations", "consultations"
        MULTILATERAL = "multilateral", "multilateral meeting"
        CEREMONY = "ceremony", "ceremony"
        MESSAGE = "message", "message"
        DEMARCHE = "demarche", "démarche"

    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        UNREVIEWED = "unreviewed", "unreviewed"
        REVIEWED = "reviewed", "reviewed"

    class Stage(models.TextChoices):
        HELD = "held", "held"
        PLANNED = "planned", "planned"

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "extracted automatically"
        COMPILED = "compiled", "compiled from sources"
        EDITOR = "editor", "set by an editor"

    # What a compiled record states; an article merged into it adds sources and evidence, never these.
    COMPILED_FIELDS = frozenset({"title", "date", "kind", "stage", "place", "country", "participants"})

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200)
    date = models.DateField(null=True, blank=True, help_text="Empty when no text fixes the date.")
    date_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    date_basis = models.CharField(max_length=12, choices=Basis.choices, default=Basis.STATED)
    end_date = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TALKS)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings")
    place_as_written = models.CharField(max_length=200, blank=True)
    place_basis = models.CharField(max_length=12, choices=Basis.choices, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_hosted",
        help_text="Where it took place, when the text names the country but not the city.",
    )
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UNREVIEWED)
    stage = models.CharField(
        max_length=8, choices=Stage.choices, default=Stage.HELD, help_text="Planned: announced, not yet reported held."
    )
    topics = TaggableManager(blank=True)
    regions = models.JSONField(default=list, blank=True, help_text="Regions and conflicts discussed.")
    organizations = models.ManyToManyField(Organization, blank=True, related_name="meetings")
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="side_meetings",
        help_text="The larger event on whose sidelines this took place.",
    )
    forums_discussed = models.ManyToManyField(Forum, blank=True, related_name="meetings")
    agreements_discussed = models.ManyToManyField(Agreement, blank=True, related_name="discussed_at")
    sources = models.ManyToManyField(Source, blank=True, related_name="meetings")
    locked_fields = models.JSONField(
        default=list, blank=True, help_text="Fields corrected by hand; imports leave them alone."
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    record_key = models.CharField(
        max_length=120, blank=True, help_text="The key of the compiled record (fixtures/history/) this meeting is."
    )
    compiled_values = models.JSONField(
        default=dict, blank=True, editable=False, help_text="What the compiled record last set, to tell an edit."
    )
    evidence = GenericRelation(Evidence)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = [F("date").asc(nulls_last=True), "id"]
        indexes = [
            models.Index(fields=["date", "id"], name="meeting_date_id"),
            models.Index(fields=["status", "date"], name="meeting_status_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")), name="meeting_end_after_start"
            ),
            models.UniqueConstraint(fields=["record_key"], condition=~Q(record_key=""), name="unique_record_key"),
        ]

    def __str__(self):
        return f"{self.date_display}: {self.title}"

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:200] or "meeting"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("events:meeting-detail", pk=self.pk, slug=self.slug)

    def clean(self):
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = "The end date cannot be before the start date."
        if not fits_precision(self.date, self.date_precision):
            errors["date_precision"] = (
                "A month-precise date must be the 1st of the month; a year-precise one 1 January."
            )
        if self.stage == Meeting.Stage.HELD and self.date and self.date > timezone.localdate():
            errors["date"] = "A held contact cannot be after today: correct the date, or set the stage to planned."
        if errors:
            raise ValidationError(errors)

    @property
    def date_display(self):
        if self.date is None:
            return "date unknown"
        text = format_partial(self.date, self.date_precision)
        if self.end_date and self.end_date != self.date:
            text += f" – {format_partial(self.end_date, Precision.DAY)}"
        return text

    @property
    def kept_fields(self):
        """Fields an import leaves alone: those an editor corrected, and what a compiled record states."""
        kept = set(self.locked_fields)
        if self.origin == Meeting.Origin.COMPILED:
            kept |= Meeting.COMPILED_FIELDS
        return kept

    @property
    def kind_label(self):
        """The kind's label: what get_kind_display gives, without rebuilding the choices on every call."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def place_display(self):
        if self.place:
            return self.place.display_as(self.place_as_written)
        return self.country.name if self.country else ""

    @property
    def direction(self):
        """Where it took place, as the list says it: "in Kazakhstan", "in Russia", "in China", "by phone"; "" when
        unknown."""
        if self.kind == Meeting.Kind.PHONE_CALL:
            return "by phone"
        country = self.place.country if self.place_id and self.place.country_id else self.country
        return f"in {country.name}" if country else ""


Meeting._meta.pk.register_lookup(InSmallSet)
KIND_LABELS = dict(Meeting.Kind.choices)


def words_of(terms):
    """The search terms as the index keeps words: letters and digits only, each term possibly several words."""
    return [word for term in terms for word in re.findall(r"\w+", term)]


class MeetingText(models.Model):
    """The text a meeting is found by in a free-text search, kept in step with it by events/search.py."""

    FTS_TABLE = "events_meetingtext_fts"  # SQLite's full-text index of the bodies (migration 0010)

    meeting = models.OneToOneField(Meeting, primary_key=True, on_delete=models.CASCADE, related_name="search_text")
    body = models.TextField()

    def __str__(self):
        return f"search text of meeting {self.meeting_id}"

    @classmethod
    def matching(cls, terms):
        """A condition for ``pk__in``: the meetings whose text has every one of ``terms`` (as word beginnings)."""
        words = words_of(terms)
        if connection.vendor == "postgresql":
            query = " & ".join(f"{word}:*" for word in words)
            return RawSQL(
                f"SELECT meeting_id FROM {cls._meta.db_table} WHERE to_tsvector('simple', body) @@ "
                "to_tsquery('simple', %s)",
                [query],
            )
        query = " AND ".join('"' + word.replace('"', '""') + '"*' for word in words)
        return RawSQL(f"SELECT rowid FROM {cls.FTS_TABLE} WHERE {cls.FTS_TABLE} MATCH %s", [query])

    @classmethod
    def ids_matching(cls, terms):
        """The ids of the meetings whose text has every one of ``terms``, from one query of the index."""
        condition = cls.matching(terms)
        with connection.cursor() as cursor:
            cursor.execute(condition.sql, condition.params)
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def among(ids):
        """A condition for ``pk__in``: these ids, as one parameter however many they are."""
        if connection.vendor == "postgresql":
            return RawSQL("SELECT unnest(%s::bigint[])", ["{" + ",".join(str(int(pk)) for pk in ids) + "}"])
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))])


class MeetingRedirect(models.Model):
    """The address of a meeting merged into another keeps working: it redirects to the survivor."""

    old_id = models.PositiveBigIntegerField(unique=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self):
        return f"{self.old_id} → {self.meeting_id}"


class ParticipantQuerySet(models.QuerySet):
    def counterparts_of(self, person, count=20):
        """(person id, number of public meetings shared with ``person``), most shared first."""
        return (
            self.filter(meeting__participants__person=person, person__isnull=False)
            .exclude(person=person)
            .exclude(meeting__status=Meeting.Status.DRAFT)
            .values("person")
            .annotate(n=Count("meeting", distinct=True))
            .order_by("-n", "person")[:count]
        )


class Participant(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", "participant"
        HOST = "host", "host"
        GUEST = "guest", "guest"
        HEAD_OF_DELEGATION = "head", "head of delegation"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="participations")
    name_as_written = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    title = models.CharField("title held then", max_length=300, blank=True)
    evidence = GenericRelation(Evidence)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False), name="one_participant_per_person"
            ),
            models.UniqueConstraint(
                fields=["meeting", "name_as_written"],
                condition=Q(person__isnull=True),
                name="one_unresolved_participant_per_name",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name_as_written=""), name="participant_has_person_or_name"
            ),
        ]
        indexes = [
            # A person's meetings read from the index alone: person pages, "involving", counterparts, related
            # meetings and the people facet.
            models.Index(fields=["person", "meeting"], name="participant_person_meeting"),
        ]

    def __str__(self):
        return str(self.person or self.name_as_written)

    def save(self, *args, **kwargs):
        # Pages and exports show the title held on the day; when the source gives none, the office held then.
        if not self.title and self.person_id and self.meeting_id and self.meeting.date:
            position = self.person.position_on(self.meeting.date)
            if position:
                self.title = position.title
        super().save(*args, **kwargs)

    @property
    def title_then(self):
        """The title as the source wrote it, or else the position the person held on the meeting's date."""
        day = self.meeting.date
        if self.title or not self.person or day is None:
            return self.title
        held = [p for p in self.person.positions.all() if (p.start or day) <= day <= (p.end or day)]
        return held[-1].title if held else ""


def public_people(people=None):
    """People who took part in a public meeting, or in none (reference data): not those known only from drafts.
    Which people are public follows from the meetings, so the rule lives here, not with the people."""
    people = Person.objects.all() if people is None else people
    taken = Participant.objects.filter(person=OuterRef("pk"))
    return people.filter(Exists(taken.exclude(meeting__status=Meeting.Status.DRAFT)) | ~Exists(taken))


def ordinal(number):
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@receiver(pre_save, sender=PlaceName)
def _normalize_place_name(sender, instance, **kwargs):
    # A signal rather than save(): fixtures are saved raw and bypass Model.save().
    instance.normalized = normalize_name(instance.name)


@receiver(post_save, sender=Place)
def _ensure_current_name(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures and backups carry the names themselves
        return
    instance.names.get_or_create(name=instance.name, defaults={"kind": PlaceName.Kind.CURRENT})
