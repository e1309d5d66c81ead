"""Drafts stay hidden everywhere: a walk over every public address, with a draft and everything known only through
it present, finds none of it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from taggit.models import Tag

from events.models import Agreement, Forum, Meeting, Organization, Place, Source
from people.models import Person
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, PlaceFactory, SourceFactory
from tests.ingest_helpers import SEEDS, import_files

pytestmark = pytest.mark.usefixtures("reference")

SECRETS = ["Secretdraft", "Zebulon Hiddenperson", "zebulon-hiddenperson", "Hiddenville", "hiddenville",
           "Secret accord", "Secret source article", "Hidden Summit", "secrettopic"]  # fmt: skip


@pytest.fixture
def draft_world(db):
    import_files(*sorted(SEEDS.glob("*.txt")))
    public = Meeting.objects.public().order_by("date").first()
    hidden_place = PlaceFactory(name="Hiddenville", slug="hiddenville", needs_review=True)
    draft = MeetingFactory(
        status=Meeting.Status.DRAFT, title="Secretdraft talks", slug="secretdraft-talks", place=hidden_place
    )
    person = PersonFactory(name="Zebulon Hiddenperson", slug="zebulon-hiddenperson", needs_review=True)
    ParticipantFactory(meeting=draft, person=person, name_as_written=person.name)
    draft.topics.add("secrettopic")
    forum = Forum.objects.create(series="Hidden Summit", edition=1, place=hidden_place)
    draft.forums_discussed.add(forum)
    Agreement.objects.create(title="Secret accord", slug="secret-accord", meeting=draft)
    source = SourceFactory(title="Secret source article", text="Secretdraft talks were held.")
    draft.sources.add(source)
    MeetingFactory(status=Meeting.Status.DRAFT, title="Secretdraft side meeting", parent=public)
    MeetingFactory(title="A public side meeting", parent=draft)
    return draft


def patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith("admin"):
                yield from patterns(entry, route)
        elif isinstance(entry, URLPattern) and not route.startswith("admin/"):
            yield route


def addresses(draft):
    """Every public address, its parameters filled with public objects and with those known only through drafts."""
    values = {
        "meetings/<int:pk>-<slug:slug>/": [m.get_absolute_url() for m in Meeting.objects.all()],
        "meetings/<int:pk>/": [f"/meetings/{m.pk}/" for m in Meeting.objects.all()],
        "places/<slug:slug>/": [f"/places/{p.slug}/" for p in Place.objects.filter(meetings__isnull=False).distinct()],
        "organizations/<slug:slug>/": [f"/organizations/{o.slug}/" for o in Organization.objects.all()],
        "sources/<int:pk>/": [f"/sources/{s.pk}/" for s in Source.objects.all()],
        "agreements/<slug:slug>/": [f"/agreements/{a.slug}/" for a in Agreement.objects.all()],
        "forums/<int:pk>/": [f"/forums/{f.pk}/" for f in Forum.objects.all()],
        "people/<slug:slug>/": [
            *(f"/people/{p.slug}/" for p in Person.objects.filter(participations__isnull=False)),
            "/people/hiddenperson/",  # a draft's person by another name: no redirect to them
        ],
        "api/meetings/<meeting_id>": [f"/api/meetings/{m.pk}" for m in Meeting.objects.all()],
        "api/people/<slug>": [f"/api/people/{p.slug}" for p in Person.objects.filter(participations__isnull=False)],
    }
    queries = [
        "",
        "?q=held",
        "?q=Secretdraft",
        "?person=zebulon-hiddenperson",
        "?topic=secrettopic",
        "?place=hiddenville",
    ]
    for route in patterns():
        if route in values:
            yield from values[route]
        elif "<" not in route:
            yield from (f"/{route}{query}" for query in queries)
        else:
            raise AssertionError(f"a public address this test does not know how to fill: {route}")


def test_no_public_address_shows_a_draft_or_what_only_a_draft_tells(client, draft_world):
    assert Tag.objects.filter(name="secrettopic").exists()
    seen = 0
    for address in addresses(draft_world):
        response = client.get(address)
        assert response.status_code in (200, 301, 400, 404), address
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        # What the address itself asks for may be echoed (the search box, "not one of the choices"): not a leak.
        found = [secret for secret in SECRETS if secret in body and secret.lower() not in address.lower()]
        assert not found, (address, found)
        assert f"/meetings/{draft_world.pk}-" not in body, address
        seen += 1
    assert seen > 60
