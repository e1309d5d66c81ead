from django.db import models
from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from diplotrack.links import link
from people.text import normalize_name


class CountryQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(models.Model):
    code = models.CharField("ISO code", max_length=2, unique=True)
    name = models.CharField(max_length=100, unique=True)
    adjective = models.CharField(max_length=100, blank=True, help_text="Demonym used in news text, e.g. 'Kazakh'.")
    aliases = models.JSONField(default=list, blank=True, help_text="Other names, e.g. 'Russian Federation'.")

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class PersonQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def named(self, name):
        """People known by ``name``: canonical or any alias, ignoring case and accents."""
        key = normalize_name(name)
        return self.filter(Q(names__normalized=key)).distinct()

    def holding(self, office, country, on):
        """People who held ``office`` for ``country`` on the date ``on``."""
        positions = Position.objects.held_on(on).filter(office=office, country=country)
        return self.filter(positions__in=positions).distinct()

    def needing_review(self):
        return self.filter(needs_review=True)

    def matching(self, typed):
        """People whose name or any spelling of it contains ``typed``, whatever the case."""
        key = normalize_name(typed)
        spelled = PersonName.objects.filter(normalized__contains=key).values("person_id")
        return self.filter(Q(pk__in=spelled) | Q(name__icontains=typed))

    def known_as(self, slug):
        """The one person one of whose names, written as an address, is ``slug`` ("sergei-lavrov" for Sergey
        Lavrov, spelled Sergei), or None when no one or several are."""
        found = list(self.filter(names__normalized=normalize_name(slug)).distinct()[:2])
        return found[0] if len(found) == 1 else None


class Person(models.Model):
    name = models.CharField("canonical name", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="people", null=True, blank=True)
    needs_review = models.BooleanField(
        default=False, help_text="Created by the importer from an unknown name; check and confirm."
    )
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.name)[:190] or "person"
            self.slug, counter = base, 2
            while Person.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
                self.slug, counter = f"{base}-{counter}", counter + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("people:person-detail", slug=self.slug)

    def natural_key(self):
        return (self.slug,)

    def position_on(self, date):
        """The position held on ``date`` (the most recently started one if several)."""
        return self.positions.held_on(date).order_by("-start").first()


class PersonNameQuerySet(models.QuerySet):
    def get_by_natural_key(self, person_slug, name):
        return self.get(person__slug=person_slug, name=name)


class PersonName(models.Model):
    class Kind(models.TextChoices):
        CANONICAL = "canonical", "canonical"
        TRANSLITERATION = "transliteration", "transliteration"
        SPELLING = "spelling", "spelling variant"
        NATIVE = "native", "native script"
        SURNAME = "surname", "surname alone"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SPELLING)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    objects = PersonNameQuerySet.as_manager()

    class Meta:
        ordering = ["person", "name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="unique_person_alias"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="person_name_valid_to_after_from",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.person.slug, self.name)

    natural_key.dependencies = ["people.person"]


class PositionQuerySet(models.QuerySet):
    def get_by_natural_key(self, person_slug, title, start):
        return self.get(person__slug=person_slug, title=title, start=start)

    def held_on(self, date):
        return self.filter(Q(start__lte=date) | Q(start__isnull=True)).filter(Q(end__gte=date) | Q(end__isnull=True))

    def current(self):
        return self.filter(end__isnull=True)


class Position(models.Model):
    class Office(models.TextChoices):
        PRESIDENT = "president", "President"
        PRIME_MINISTER = "prime_minister", "Prime Minister"
        FOREIGN_MINISTER = "foreign_minister", "Foreign Minister"
        DEPUTY_FOREIGN_MINISTER = "deputy_foreign_minister", "Deputy Foreign Minister"
        AMBASSADOR = "ambassador", "Ambassador"
        CONSUL = "consul", "Consul"  # the head of a consulate: a post of the foreign ministry too
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    office = models.CharField(max_length=30, choices=Office.choices, default=Office.OTHER)
    title = models.CharField(max_length=200)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="positions")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True, help_text="Empty while still in office.")
    source_url = models.URLField("source", max_length=500, blank=True, help_text="A report of the appointment.")
    dates_from_reports = models.BooleanField(
        default=False,
        help_text="Start and end are the first and last reports found naming the office, not the appointment.",
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["person", "start"]
        constraints = [
            models.UniqueConstraint(fields=["person", "title", "start"], name="unique_position"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="position_end_after_start",
            ),
        ]

    def __str__(self):
        end = self.end.isoformat() if self.end else "present"
        start = self.start.isoformat() if self.start else "?"
        return f"{self.person}: {self.title} ({start} – {end})"

    def natural_key(self):
        return (self.person.slug, self.title, self.start)

    natural_key.dependencies = ["people.person"]


@receiver(pre_save, sender=PersonName)
def _normalize_alias(sender, instance, **kwargs):
    # A signal rather than save(): fixtures are saved raw and bypass Model.save().
    instance.normalized = normalize_name(instance.name)


@receiver(post_save, sender=Person)
def _ensure_canonical_alias(sender, instance, raw=False, **kwargs):
    # Every person is findable by their canonical name through the same alias lookup. Fixtures and backups
    # (raw saves) carry their aliases themselves.
    if raw:
        return
    instance.names.get_or_create(name=instance.name, defaults={"kind": PersonName.Kind.CANONICAL})
