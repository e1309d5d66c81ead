"""Compare and merge: two meetings side by side, field by field with their sources, merged with one choice per
field."""

import datetime

from django.urls import reverse

from events.models import Meeting, MeetingRedirect
from people.models import Person
from tests.factories import MeetingFactory, ParticipantFactory
from tests.ingest_helpers import import_text, people_of

COMPARE = reverse("review-compare")
QUEUE = reverse("review-queue")


def two_reports_of_one_contact():
    """The same talks told twice, a day apart, with different places: two meetings that look alike."""
    first = import_text(
        " date 2019-04-03 ASTANA, April 2. /TASS/. Russian Foreign Minister Sergey Lavrov and Kazakh Foreign Minister "
        "Beibut Atamkulov held talks in Astana on Tuesday."
    ).created[0]
    second = MeetingFactory(
        title="Talks in Almaty", date=datetime.date(2019, 4, 3), kind="consultations", place__name="Almaty town"
    )
    for slug in ("sergey-lavrov", "beibut-atamkulov"):
        ParticipantFactory(meeting=second, person=Person.objects.get(slug=slug))
    return first, second


def test_the_queue_links_a_lookalike_to_the_comparison(client, editor):
    first, second = two_reports_of_one_contact()
    page = client.get(QUEUE).content.decode()
    assert f"{COMPARE}?ids={first.pk},{second.pk}" in page or f"{COMPARE}?ids={second.pk},{first.pk}" in page


def test_the_comparison_shows_each_field_side_by_side_with_its_quotes(client, editor):
    first, second = two_reports_of_one_contact()
    response = client.get(COMPARE, {"ids": f"{first.pk},{second.pk}"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "2 April 2019" in text and "3 April 2019" in text
    assert "held talks in Astana on Tuesday" in text  # the quote behind the first's date and place
    assert text.count('name="choose-date"') == 2 and text.count('name="survivor"') == 2
    rows = dict((name, differ) for name, _, differ, _ in response.context["rows"])
    assert rows["date"] and rows["kind"] and rows["place"] and not rows["stage"]


def test_merging_keeps_the_value_chosen_for_each_field(client, editor):
    first, second = two_reports_of_one_contact()
    data = {
        "ids": f"{first.pk},{second.pk}",
        "survivor": str(first.pk),
        "choose-title": str(first.pk),
        "choose-date": str(second.pk),
        "choose-kind": str(first.pk),
        "choose-stage": str(first.pk),
        "choose-place": str(second.pk),
        "choose-country": str(first.pk),
        "choose-status": str(first.pk),
    }
    response = client.post(COMPARE, data)
    assert response.status_code == 302
    merged = Meeting.objects.get()
    assert merged.pk == first.pk
    assert merged.date == datetime.date(2019, 4, 3) and merged.kind == "talks" and merged.place.name == "Almaty town"
    assert {"date", "kind", "place"} <= set(merged.locked_fields)
    assert people_of(merged) == {"sergey-lavrov", "beibut-atamkulov"}
    assert MeetingRedirect.objects.filter(old_id=second.pk, meeting=merged).exists()


def test_a_merge_without_a_choice_for_each_field_merges_nothing(client, editor):
    first, second = two_reports_of_one_contact()
    response = client.post(COMPARE, {"ids": f"{first.pk},{second.pk}", "survivor": str(first.pk)})
    assert response.status_code == 400 and "Choose one value for" in response.content.decode()
    assert Meeting.objects.count() == 2


def test_a_bad_comparison_is_a_400_and_outsiders_are_refused(client, editor, django_user_model):
    first, second = two_reports_of_one_contact()
    assert client.get(COMPARE, {"ids": f"{first.pk}"}).status_code == 400
    assert client.get(COMPARE, {"ids": f"{first.pk},x"}).status_code == 400
    assert client.get(COMPARE, {"ids": f"{first.pk},999999"}).status_code == 400
    reader = django_user_model.objects.create_user("reader", "r@example.org", "a-long-test-password", is_staff=True)
    client.force_login(reader)
    assert client.get(COMPARE, {"ids": f"{first.pk},{second.pk}"}).status_code == 403
