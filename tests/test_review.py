"""Editors' review: corrections in the import preview, the summary after saving, the review queue."""

import datetime
import re
from pathlib import Path

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from events.models import Basis, Evidence, Meeting, Source
from people.models import Person
from tests.ingest_helpers import import_text, people_of

IMPORT = reverse("admin:events_source_import")
QUEUE = reverse("review-queue")
TWO_CONTACTS = (
    " date 2023-05-15 MOSCOW, May 15. /TASS/. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign "
    "Minister Murat Nurtleu in Moscow on Monday. Kazakh Ambassador Yermek Kosherbayev took part in the talks.\n\n"
    "The ministers discussed transit and energy.\n\n"
    "On May 12, Russian Deputy Foreign Minister Mikhail Galuzin spoke by telephone with Kazakh Deputy Foreign "
    "Minister Roman Vassilenko."
)


def preview_data(response):
    """Everything the preview page's form would send, as the editor found it."""
    data = {}
    forms = [response.context["form"]] + [form for _, form, *_ in response.context["events"]]
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            key = form.add_prefix(name)
            if isinstance(value, list):
                data[key] = value
            elif value is True:
                data[key] = "on"
            elif value not in (None, False):
                data[key] = str(value)
    return data


def test_the_editor_saves_exactly_what_they_left_in_the_preview(client, editor):
    preview = client.post(IMPORT, {"text": TWO_CONTACTS, "preview": "Preview"})
    assert len(preview.context["events"]) == 2
    data = preview_data(preview)
    assert len(data["event1-participants"]) == 3
    kosherbayev = str(Person.objects.get(slug="yermek-kosherbayev").pk)
    data["event1-participants"] = [key for key in data["event1-participants"] if key != kosherbayev]
    data["event1-kind"] = Meeting.Kind.CONSULTATIONS
    del data["event2-keep"]  # the phone call is not kept
    response = client.post(IMPORT, data | {"confirm": "Confirm import"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:events_source_imported")

    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.CONSULTATIONS
    assert meeting.locked_fields == ["kind"]
    assert people_of(meeting) == {"sergey-lavrov", "murat-nurtleu"}
    assert meeting.date == datetime.date(2023, 5, 15) and meeting.place.name == "Moscow"
    evidence = Evidence.objects.filter(content_type=ContentType.objects.get_for_model(Meeting), object_id=meeting.pk)
    assert {e.field for e in evidence} >= {"date", "place"} and "kind" not in {e.field for e in evidence}

    summary = client.get(response["Location"]).content.decode()
    assert reverse("admin:events_meeting_change", args=[meeting.pk]) in summary
    assert reverse("admin:events_source_change", args=[Source.objects.get().pk]) in summary

    again = client.post(IMPORT, data | {"confirm": "Confirm import"})
    assert again.status_code == 302
    assert Meeting.objects.count() == 1 and Source.objects.count() == 1
    assert people_of(Meeting.objects.get()) == {"sergey-lavrov", "murat-nurtleu"}


def test_an_editor_sets_the_date_and_place_adds_a_person_and_marks_it_reviewed(client, editor):
    preview = client.post(IMPORT, {"text": TWO_CONTACTS, "preview": "Preview"})
    data = preview_data(preview)
    del data["event1-keep"]
    astana = preview.context["events"][1][1].fields["place"].queryset.get(name="Astana")
    karasin = Person.objects.get(slug="grigory-karasin")
    data |= {"event2-date": "2023-05", "event2-place": str(astana.pk), "event2-add_person": str(karasin.pk)}
    data["event2-status"] = Meeting.Status.REVIEWED
    client.post(IMPORT, data | {"confirm": "Confirm import"})
    meeting = Meeting.objects.get()
    assert (meeting.date, meeting.date_precision, meeting.date_basis) == (datetime.date(2023, 5, 1), "month", "editor")
    assert (meeting.place, meeting.place_basis) == (astana, Basis.EDITOR)
    assert meeting.status == Meeting.Status.REVIEWED
    assert set(meeting.locked_fields) == {"date", "place", "country"}
    assert people_of(meeting) == {"mikhail-galuzin", "roman-vassilenko", "grigory-karasin"}


def test_a_wrong_date_in_the_preview_is_a_form_error_and_saves_nothing(client, editor):
    data = preview_data(client.post(IMPORT, {"text": TWO_CONTACTS, "preview": "Preview"}))
    response = client.post(IMPORT, data | {"event1-date": "15.05.2023", "confirm": "Confirm import"})
    assert response.status_code == 200
    assert "Give a date as YYYY-MM-DD" in response.content.decode()
    assert not Source.objects.exists() and not Meeting.objects.exists()


def test_the_editor_can_refuse_the_proposed_merge(client, editor):
    import_text(TWO_CONTACTS.replace(" date 2023-05-15 ", " date 2023-05-16 ").replace("transit", "transit routes"))
    assert Meeting.objects.count() == 2
    preview = client.post(IMPORT, {"text": TWO_CONTACTS, "preview": "Preview"})
    assert "Proposed: merge into the existing meeting" in preview.content.decode()
    data = preview_data(preview) | {"event1-target": "new", "event2-target": "new"}
    client.post(IMPORT, data | {"confirm": "Confirm import"})
    assert Meeting.objects.count() == 4


def test_the_merge_note_is_readable():
    """WCAG AA: text at least 4.5 times as light as its background, or the reverse."""
    template = Path(__file__).resolve().parent.parent / "templates" / "admin" / "events" / "import_article.html"
    rule = re.search(r"\.merge-note, \.new-note \{([^}]*)\}", template.read_text()).group(1)
    colours = dict(re.findall(r"(?<![-\w])(background|color): (#[0-9a-f]{6})", rule))

    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(colours["background"]), luminance(colours["color"])), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


def test_the_source_text_is_read_only_once_imported(client, editor, django_user_model):
    import_text(TWO_CONTACTS)
    source = Source.objects.get()
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-test-password")
    client.force_login(chief)
    page = client.get(reverse("admin:events_source_change", args=[source.pk]))
    assert "text" not in page.context["adminform"].form.fields
    assert "Russian Foreign Minister Sergey Lavrov" in page.content.decode()


# --- the queue ------------------------------------------------------------------------------------------------


def two_reports_that_disagree():
    import_text(
        " date 2019-04-03 ASTANA, April 2. /TASS/. Russian Foreign Minister Sergey Lavrov and Kazakh Foreign Minister "
        "Beibut Atamkulov held talks in Astana on Tuesday."
    )
    second = import_text(
        "NUR-SULTAN, April 3, 2019. KAZINFORM - Foreign Minister Beibut Atamkulov received Russian Foreign Minister "
        "Sergey Lavrov, the ministry said."
    )
    assert second.status == "merged"
    return second.merged[0]


def test_the_queue_shows_a_meeting_whose_sources_disagree_on_the_date_with_both_quotes(client, editor):
    meeting = two_reports_that_disagree()
    page = client.get(QUEUE + "?reason=disagree").content.decode()
    assert "sources disagree" in page
    assert "held talks in Astana on Tuesday" in page and "NUR-SULTAN, April 3, 2019" in page
    assert "Sources disagree: 1" in page
    response = client.post(QUEUE, {"kind": "meeting", "id": meeting.pk, "next": QUEUE + "?reason=disagree"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REVIEWED
    assert f'data-meeting="{meeting.pk}"' not in client.get(QUEUE).content.decode()


def test_the_queue_lists_new_people_and_each_row_says_why(client, editor):
    import_text(
        " date 2022-02-01 Russian Foreign Minister Sergey Lavrov held talks with Kazakh Deputy Foreign Minister "
        "Akylbek Kamaldinov in Moscow."
    )
    page = client.get(QUEUE).content.decode()
    assert "Akylbek Kamaldinov" in page and "created from an article" in page
    assert "imported, not yet reviewed" in page
    person = Person.objects.get(name="Akylbek Kamaldinov")
    public = client.get(person.get_absolute_url()).content.decode()
    assert "unconfirmed" in public and "Deputy Minister of Foreign Affairs of Kazakhstan" in public
    client.post(QUEUE, {"kind": "person", "id": person.pk})
    assert not Person.objects.get(pk=person.pk).needs_review


def test_the_admin_index_leads_to_the_queue(client, editor):
    assert QUEUE in client.get(reverse("admin:index")).content.decode()


def test_a_bad_queue_request_is_a_400(client, editor):
    assert client.get(QUEUE + "?reason=nonsense").status_code == 400
    assert client.post(QUEUE, {"kind": "meeting", "id": "x"}).status_code == 400


def test_without_the_import_permission_the_queue_and_its_actions_are_refused(client, reference):
    meeting = two_reports_that_disagree()
    user = User.objects.create_user("reader", "reader@example.org", "a-long-test-password", is_staff=True)
    client.force_login(user)
    assert client.get(QUEUE).status_code == 403
    assert client.post(QUEUE, {"kind": "meeting", "id": meeting.pk}).status_code == 403
    assert client.post(IMPORT, {"text": TWO_CONTACTS, "preview": "Preview"}).status_code == 403
    assert Meeting.objects.get().status == Meeting.Status.UNREVIEWED


def test_two_names_of_one_city_are_not_a_disagreement(client, editor):
    import_text(
        " date 2019-04-03 Russian Foreign Minister Sergey Lavrov and Kazakh Foreign Minister Beibut Atamkulov held "
        "talks in Astana on April 2."
    )
    import_text(
        " date 2019-04-03 Foreign Minister Beibut Atamkulov received Russian Foreign Minister Sergey Lavrov in "
        "Nur-Sultan on April 2, the ministry said."
    )
    assert Meeting.objects.count() == 1
    assert "Sources disagree: 0" in client.get(QUEUE).content.decode()
