"""Adding and correcting by hand in the admin: generated slugs, regions as choices, the exact source first, and
what the public pages say of a meeting an editor made."""

import datetime

from django.urls import reverse

from events.models import Meeting, Source
from people.models import Country, Person
from tests.factories import MeetingFactory, SourceFactory
from tests.test_admin import change, form_data

ADD = reverse("admin:events_meeting_add")


def add_meeting(client, **changes):
    data = form_data(client.get(ADD))
    lavrov, nurtleu = Person.objects.get(slug="sergey-lavrov"), Person.objects.get(slug="murat-nurtleu")
    data |= {
        "title": "Лавров и Нуртлеу: переговоры",
        "date": "2023-05-14",
        "date_precision": "day",
        "kind": "talks",
        "stage": "held",
        "status": "unreviewed",
        "participants-TOTAL_FORMS": "2",
        "participants-0-person": str(lavrov.pk),
        "participants-0-role": "participant",
        "participants-1-person": str(nurtleu.pk),
        "participants-1-role": "participant",
    }
    return client.post(ADD, data | changes)


def test_a_meeting_added_in_the_admin_gets_its_slug_and_says_it_was_set_by_an_editor(client, editor):
    page = client.get(ADD).content.decode()
    assert 'name="slug"' not in page
    response = add_meeting(client)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get()
    assert meeting.slug and meeting.origin == Meeting.Origin.EDITOR and meeting.participants.count() == 2
    public = client.get(meeting.get_absolute_url()).content.decode()
    assert "Set by an editor." in public and "Extracted automatically" not in public


def test_regions_are_chosen_from_a_list_or_typed_not_written_as_json(client, editor):
    page = client.get(ADD).content.decode()
    assert 'type="checkbox" name="regions" value="Syria"' in page and '<textarea name="regions"' not in page
    add_meeting(client, regions=["Syria", "Central Asia"], more_regions="Arctic,  Caspian Sea ")
    assert Meeting.objects.get().regions == ["Syria", "Central Asia", "Arctic", "Caspian Sea"]


def test_correcting_an_extracted_meeting_makes_it_set_by_an_editor(client, editor):
    meeting = MeetingFactory(origin=Meeting.Origin.EXTRACTED, date=datetime.date(2021, 4, 8))
    assert change(client, meeting, date="2021-04-09").status_code == 302
    meeting.refresh_from_db()
    assert meeting.origin == Meeting.Origin.EDITOR and "date" in meeting.locked_fields
    untouched = MeetingFactory(origin=Meeting.Origin.EXTRACTED)
    change(client, untouched, status="reviewed")
    untouched.refresh_from_db()
    assert untouched.origin == Meeting.Origin.EXTRACTED


def test_a_person_added_without_a_slug_gets_one(client, editor, django_user_model):
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-test-password")
    client.force_login(chief)
    url = reverse("admin:people_person_add")
    data = {
        "name": "Sergey Lavrov",
        "slug": "",
        "country": str(Country.objects.get(code="RU").pk),
        "names-TOTAL_FORMS": "0",
        "names-INITIAL_FORMS": "0",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Person.objects.filter(name="Sergey Lavrov").exclude(slug="sergey-lavrov").get().slug == "sergey-lavrov-2"


def test_searching_sources_lists_the_exact_title_first(client, editor):
    for title in [
        "Talks in Astana: Lavrov and Nurtleu agree on water",
        "Why the talks in Astana matter",
        "Talks in Astana",
    ]:
        SourceFactory(title=title, published=datetime.date(2023, 5, 15))
    SourceFactory(title="Other", text="talks in astana", published=datetime.date(2024, 1, 1))
    page = client.get(reverse("admin:events_source_changelist") + "?q=Talks+in+Astana")
    shown = [source.title for source in page.context["cl"].result_list]
    assert shown[0] == "Talks in Astana" and shown[1].startswith("Talks in Astana:") and shown[-1] == "Other"
    found = client.get(
        reverse("admin:autocomplete"),
        {"term": "talks in astana", "app_label": "events", "model_name": "meeting_sources", "field_name": "source"},
    )
    assert found.status_code == 200, found.content[:300]
    assert found.json()["results"][0]["text"] == str(Source.objects.get(title="Talks in Astana"))
