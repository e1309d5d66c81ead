"""Editors at work in the admin: import, review, correct, merge, and what they may not do."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from events.models import Meeting, MeetingRedirect, Place, Source
from people.models import Person
from tests.factories import MeetingFactory, ParticipantFactory

IMPORT = reverse("admin:events_source_import")
ARTICLE = """ date 2018-05-15 MOSCOW, May 14 (Interfax) - Russian Foreign Minister Sergei Lavrov held talks with
Kazakh Foreign Minister Kairat Abdrakhmanov in Moscow on Monday.

The ministers discussed the Caspian and cooperation within the EAEU."""


def form_data(response):
    """The POST data of an admin change form as it stands, to edit a field or two and submit."""
    data = {}

    def put(form, name):
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(value, (list, tuple)):
            data[key] = [str(v) for v in value]
        elif value is True:
            data[key] = "on"
        elif value not in (None, False):
            data[key] = str(value)

    form = response.context["adminform"].form
    for name in form.fields:
        put(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                put(subform, name)
    return data


def change(client, meeting, **changes):
    url = reverse("admin:events_meeting_change", args=[meeting.pk])
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_pasting_an_article_shows_a_preview_then_creates_an_unreviewed_meeting(client, editor):
    preview = client.post(IMPORT, {"text": ARTICLE, "preview": "Preview"})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Proposed: a new meeting" in page
    assert "Kairat Abdrakhmanov" in page and "<mark" in page
    assert Meeting.objects.count() == 0  # nothing saved by a preview

    confirmed = client.post(IMPORT, {"text": ARTICLE, "confirm": "Confirm import"})
    assert confirmed.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.UNREVIEWED
    assert meeting.sources.get().filename == "pasted in the admin"
    public = client.get(meeting.get_absolute_url()).content.decode()
    assert "Extracted automatically, not yet reviewed." in public


def test_an_uploaded_file_is_previewed_like_pasted_text(client, editor, tmp_path):
    upload = tmp_path / "article.txt"
    upload.write_text(ARTICLE, encoding="utf-8")
    with upload.open("rb") as handle:
        response = client.post(IMPORT, {"upload": handle, "preview": "Preview"})
    assert "Kairat Abdrakhmanov" in response.content.decode()


def test_the_preview_names_the_meeting_an_article_would_merge_into(client, editor):
    client.post(IMPORT, {"text": ARTICLE, "confirm": "Confirm import"})
    other = ARTICLE.replace("(Interfax)", "(TASS)").replace("the Caspian", "the Caspian Sea")
    page = client.post(IMPORT, {"text": other, "preview": "Preview"}).content.decode()
    assert "Proposed: merge into the existing meeting" in page


def test_unknown_people_are_created_for_review_not_dropped(client, editor):
    text = ARTICLE.replace(
        "Kazakh Foreign Minister Kairat Abdrakhmanov", "Kazakh Deputy Foreign Minister Akylbek Kamaldinov"
    )
    client.post(IMPORT, {"text": text, "confirm": "Confirm import"})
    person = Person.objects.get(name="Akylbek Kamaldinov")
    assert person.needs_review


def test_pasted_text_with_a_nul_character_or_over_the_limit_gets_a_form_error_that_says_so(client, editor, settings):
    response = client.post(IMPORT, {"text": "Lavrov met Nurtleu.\x00\x01", "preview": "Preview"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "contains a NUL character" in body and "paste its text" not in body
    settings.DIPLOTRACK_MAX_ARTICLE_BYTES = 1_000
    response = client.post(IMPORT, {"text": "Лавров встретился с Нуртлеу. " * 40, "preview": "Preview"})
    assert response.status_code == 200
    assert "larger than 1,000 bytes, the limit for one article" in response.content.decode()
    assert Source.objects.count() == 0


def test_a_refused_or_missing_page_is_not_logged_as_an_error(client, editor, caplog):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get("/no-such-page/").status_code == 404
    assert not [record for record in caplog.records if record.name == "django.request"]


def test_bad_article_text_gives_a_form_error(client, editor):
    response = client.post(IMPORT, {"text": "   ", "preview": "Preview"})
    assert "or paste its text" in response.content.decode()
    response = client.post(IMPORT, {"text": " date 2024-13-45 Lavrov met Nurtleu.", "preview": "Preview"})
    assert "is not a valid date" in response.content.decode()
    assert Source.objects.count() == 0


def test_a_corrected_place_survives_reimporting(client, editor):
    client.post(IMPORT, {"text": ARTICLE, "confirm": "Confirm import"})
    meeting = Meeting.objects.get()
    sochi = Place.objects.get(slug="sochi")
    response = change(client, meeting, place=str(sochi.pk), place_as_written="Sochi")
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.place == sochi and "place" in meeting.locked_fields and meeting.place_basis == "editor"

    assert client.post(IMPORT, {"text": ARTICLE, "confirm": "Confirm import"}).status_code == 302  # unchanged
    follow_up = ARTICLE + "\n\nLavrov said the talks in Moscow had been useful."
    client.post(IMPORT, {"text": follow_up, "confirm": "Confirm import"})
    meeting.refresh_from_db()
    assert meeting.place == sochi
    assert meeting.sources.count() == 2


def test_marking_reviewed_is_recorded_in_the_history(client, editor):
    meeting = MeetingFactory()
    client.post(
        reverse("admin:events_meeting_changelist"), {"action": "mark_reviewed", "_selected_action": [meeting.pk]}
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REVIEWED
    last = meeting.history.first()
    assert last.history_user == editor and last.status == "reviewed"
    assert client.get(reverse("admin:events_meeting_history", args=[meeting.pk])).status_code == 200


def test_merging_moves_everything_and_the_old_address_redirects(client, editor, reference):
    lavrov, tleuberdi = Person.objects.get(slug="sergey-lavrov"), Person.objects.get(slug="mukhtar-tleuberdi")
    keep = MeetingFactory(date=datetime.date(2021, 4, 8))
    drop = MeetingFactory(date=datetime.date(2021, 4, 9))
    for meeting in (keep, drop):
        ParticipantFactory(meeting=meeting, person=lavrov)
        ParticipantFactory(meeting=meeting, person=tleuberdi)
    drop.topics.add("space")
    old_url = drop.get_absolute_url()
    response = client.post(
        reverse("admin:events_meeting_changelist"),
        {"action": "merge_selected", "_selected_action": [keep.pk, drop.pk]},
    )
    assert response.status_code == 302
    assert Meeting.objects.count() == 1
    survivor = Meeting.objects.get()
    assert survivor.participants.count() == 2
    assert "space" in survivor.topics.names()
    assert MeetingRedirect.objects.get(old_id=drop.pk).meeting == survivor
    moved = client.get(old_url)
    assert moved.status_code == 301 and moved["Location"] == survivor.get_absolute_url()


def test_saving_a_meeting_like_another_warns_of_a_duplicate(client, editor, reference):
    lavrov, nurtleu = Person.objects.get(slug="sergey-lavrov"), Person.objects.get(slug="murat-nurtleu")
    first, second = MeetingFactory(date=datetime.date(2024, 3, 1)), MeetingFactory(date=datetime.date(2024, 3, 2))
    for meeting in (first, second):
        ParticipantFactory(meeting=meeting, person=lavrov)
        ParticipantFactory(meeting=meeting, person=nurtleu)
    response = change(client, second, summary="Checked against the ministry's release.")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("looks like" in m and first.title in m for m in messages)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "2021-04-01"}, "end date cannot be before"),
        ({"date_precision": "year"}, "year-precise one 1 January"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_invalid_meetings_get_form_errors(client, editor, changes, message):
    meeting = MeetingFactory(date=datetime.date(2021, 4, 8))
    response = change(client, meeting, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_participant_listed_twice_is_a_form_error(client, editor, reference):
    lavrov = Person.objects.get(slug="sergey-lavrov")
    meeting = MeetingFactory()
    ParticipantFactory(meeting=meeting, person=lavrov)
    url = reverse("admin:events_meeting_change", args=[meeting.pk])
    data = form_data(client.get(url))
    data.update(
        {
            "participants-TOTAL_FORMS": "2",
            "participants-1-person": str(lavrov.pk),
            "participants-1-role": "participant",
            "participants-1-meeting": str(meeting.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "listed twice" in response.content.decode() or "already exists" in response.content.decode()


def test_editors_cannot_delete_sources_or_manage_users(client, editor, reference):
    source = Source.objects.create(text="x", content_hash="f" * 64)
    assert client.post(reverse("admin:events_source_delete", args=[source.pk]), {"post": "yes"}).status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_people_outside_the_staff_cannot_reach_the_admin(client, reference):
    user = User.objects.create_user("reader", "reader@example.org", "a-long-test-password")
    client.force_login(user)
    for url in [reverse("admin:index"), IMPORT, reverse("admin:events_meeting_changelist")]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.logout()
    assert client.post(IMPORT, {"text": ARTICLE, "confirm": "1"}).status_code == 302
    assert Source.objects.count() == 0


def test_admin_change_lists_run_a_fixed_number_of_queries(client, editor, django_assert_max_num_queries):
    for _ in range(30):
        meeting = MeetingFactory()
        ParticipantFactory(meeting=meeting)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("admin:events_meeting_changelist")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("admin:people_person_changelist")).status_code == 200
