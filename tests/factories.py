import datetime

import factory

from events.models import Meeting, Organization, Participant, Place, Source
from people.models import Country, Person, Position


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"Country {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")
    country = factory.SubFactory(CountryFactory)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    office = Position.Office.FOREIGN_MINISTER
    title = "Foreign Minister"
    country = factory.SelfAttribute("person.country")
    start = datetime.date(2000, 1, 1)
    end = None


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Town {n}")
    country = factory.SubFactory(CountryFactory)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    acronym = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"org{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    outlet = "Example News"
    title = factory.Sequence(lambda n: f"Article {n}")
    published = datetime.date(2021, 4, 8)
    text = factory.Sequence(lambda n: f"Text of article {n}.")
    content_hash = factory.Sequence(lambda n: f"{n:064d}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Talks number {n}")
    date = datetime.date(2021, 4, 8)
    kind = Meeting.Kind.TALKS
    place = factory.SubFactory(PlaceFactory)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
