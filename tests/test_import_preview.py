"""The import preview saves what it shows: where each meeting goes, the values the editor corrected, and why not
when it cannot."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.ingest.store import _shown
from events.models import Basis, Meeting, Source
from people.models import Country, Person
from tests.ingest_helpers import import_text, people_of
from tests.test_review import TWO_CONTACTS, preview_data

IMPORT = reverse("admin:events_source_import")
# The same two contacts, told a day later by another text: the preview proposes to merge into them.
EARLIER = TWO_CONTACTS.replace(" date 2023-05-15 ", " date 2023-05-16 ").replace("transit", "transit routes")


def preview(client, text=TWO_CONTACTS, **extra):
    return client.post(IMPORT, {"text": text, "preview": "Preview", **extra})


def confirm(client, data):
    return client.post(IMPORT, data | {"confirm": "Confirm import"})


@pytest.mark.parametrize("edited", [False, True], ids=["unedited", "date-edited"])
@pytest.mark.parametrize("target", ["new", "proposed", "other"])
def test_save_as_is_followed_whether_or_not_values_were_edited(client, editor, target, edited):
    import_text(EARLIER)
    talks, call = Meeting.objects.order_by("kind")  # phone_call < talks
    talks, call = (talks, call) if talks.kind == "talks" else (call, talks)
    before = {m.pk: _shown(m) for m in Meeting.objects.all()}
    page = preview(client)
    match, form, shown_target, changes = page.context["events"][0]
    assert match[1] == talks and form.initial["target"] == "proposed"
    data = preview_data(page) | {"event1-target": target, "event2-keep": ""}
    del data["event2-keep"]
    if target == "other":
        data["event1-other"] = str(call.pk)
    if edited:
        data["event1-date"] = "2023-05-13"
    if target != "proposed" or edited:  # what the form shows for the choice made: a second preview
        page = preview(client, **{k: v for k, v in data.items() if k != "preview"})
        match, form, shown_target, changes = page.context["events"][0]
    response = confirm(client, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    if target == "new":
        assert shown_target is None and Meeting.objects.count() == 3
        new = Meeting.objects.exclude(pk__in=before).get()
        expected = datetime.date(2023, 5, 13) if edited else datetime.date(2023, 5, 15)
        assert new.date == expected and new.kind == "talks"
        assert people_of(new) == {"sergey-lavrov", "murat-nurtleu", "yermek-kosherbayev"}
        for meeting in Meeting.objects.filter(pk__in=before):  # the others untouched
            assert _shown(meeting) == before[meeting.pk]
    else:
        chosen = talks if target == "proposed" else call
        assert shown_target == chosen and Meeting.objects.count() == 2
        chosen.refresh_from_db()
        expected = dict(before[chosen.pk]) | {name: after for name, _, after in changes}
        assert _shown(chosen) == expected
        assert Source.objects.latest("pk") in chosen.sources.all()
        if edited:
            assert ("date", before[chosen.pk]["date"], "13 May 2023") in changes
            assert chosen.date == datetime.date(2023, 5, 13) and chosen.date_basis == Basis.EDITOR
            assert "date" in chosen.locked_fields
        other = call if chosen == talks else talks
        assert _shown(other) == before[other.pk]


def test_a_merge_into_a_meeting_that_is_gone_is_refused_and_saves_nothing(client, editor):
    import_text(EARLIER)
    page = preview(client)
    data = preview_data(page)
    Meeting.objects.filter(pk=data["event1-proposed"]).delete()
    response = confirm(client, data)
    assert response.status_code == 200
    assert "no longer exists" in response.content.decode()
    assert Source.objects.count() == 1 and Meeting.objects.count() == 1


def test_the_preview_says_what_a_merge_changes(client, editor):
    import_text(EARLIER)
    page = preview(client)
    _, _, target, changes = page.context["events"][0]
    assert target is not None
    text = page.content.decode()
    assert f"Saving it into number {target.pk}" in text
    for name, before, after in changes:
        assert f"{name}: {before} → <strong>{after}</strong>" in text


def test_a_new_meeting_with_a_typed_date_stays_new_even_when_that_date_matches_another(client, editor):
    import_text(EARLIER.replace(" date 2023-05-16 ", " date 2023-06-20 ").replace("on Monday", "on Tuesday"))
    kept = {m.pk: _shown(m) for m in Meeting.objects.all()}
    page = preview(client)
    assert page.context["events"][0][0][1] is None  # nothing proposed: a new meeting
    data = preview_data(page) | {"event1-date": "2023-06-20"}
    del data["event2-keep"]
    assert confirm(client, data).status_code == 302
    assert Meeting.objects.count() == 3
    created = Meeting.objects.exclude(pk__in=kept).get()
    assert created.date == datetime.date(2023, 6, 20) and created.date_basis == Basis.EDITOR
    assert all(_shown(m) == kept[m.pk] for m in Meeting.objects.filter(pk__in=kept))


# --- a second preview ---------------------------------------------------------------------------------------------


def test_pressing_preview_again_keeps_the_editors_corrections(client, editor):
    data = preview_data(preview(client)) | {"event1-date": "2023-05-14", "event1-kind": "consultations"}
    del data["event2-keep"]
    again = preview(client, **{k: v for k, v in data.items() if k != "preview"})
    (_, first, *_), (_, second, *_) = again.context["events"]
    assert first["date"].value() == "2023-05-14" and first["kind"].value() == "consultations"
    assert not second["keep"].value()
    text = again.content.decode()
    assert 'value="2023-05-14"' in text and "set aside" not in text
    assert confirm(client, preview_data_of_bound(again)).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.date, meeting.kind) == (datetime.date(2023, 5, 14), "consultations")


def test_a_second_preview_of_a_changed_text_says_the_corrections_were_set_aside(client, editor):
    data = preview_data(preview(client)) | {"event1-date": "2023-05-14"}
    data["text"] = TWO_CONTACTS.split("\n\nOn May 12")[0]  # the phone call taken out
    again = preview(client, **{k: v for k, v in data.items() if k != "preview"})
    text = again.content.decode()
    assert "the corrections made on the previous preview were set aside" in text and "1 meeting found" in text
    ((_, form, *_),) = again.context["events"]
    assert form["date"].value() == "2023-05-15"


def preview_data_of_bound(response):
    """What the page's forms send as they stand: the article's as filled, the meetings' as the editor left them."""
    data = {k: v for k, v in preview_data(response).items() if not k.startswith("event")}
    for _, form, *_ in response.context["events"]:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, list):
                data[key] = value
            elif value is True:
                data[key] = "on"
            elif value not in (None, False, ""):
                data[key] = str(value)
    return data


# --- the place ----------------------------------------------------------------------------------------------------


def test_place_not_stated_saves_no_country_and_no_host(client, editor):
    page = preview(client)
    assert page.context["events"][0][1].initial["place"] is not None  # Moscow, found
    data = preview_data(page) | {"event1-place": ""}
    del data["event2-keep"]
    assert confirm(client, data).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.place is None and meeting.country is None and meeting.direction == ""
    assert {"place", "country"} <= set(meeting.locked_fields)
    assert (
        not Meeting.objects.hosted("ru").exists()
        and not Meeting.objects.held_in(Country.objects.get(code="RU")).exists()
    )


def test_a_city_not_in_the_list_is_created_from_the_preview_with_its_country(client, editor):
    data = preview_data(preview(client)) | {"event1-place": "", "event1-new_place": "Ohrid"}
    del data["event2-keep"]
    response = confirm(client, data)
    assert response.status_code == 200 and "Give the country of Ohrid" in response.content.decode()
    assert not Source.objects.exists()
    macedonia = Country.objects.get(code="MK")
    assert confirm(client, data | {"event1-country": str(macedonia.pk)}).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.place.name, meeting.place.country, meeting.country) == ("Ohrid", macedonia, macedonia)
    assert meeting.place.needs_review and meeting.place_basis == Basis.EDITOR
    assert meeting.direction == "in North Macedonia"


def test_a_city_and_a_country_that_disagree_are_a_form_error(client, editor):
    page = preview(client)
    data = preview_data(page) | {"event1-country": str(Country.objects.get(code="KZ").pk)}
    response = confirm(client, data)
    assert "Moscow is in Russia" in response.content.decode()
    assert not Source.objects.exists()


def test_the_country_alone_is_saved_when_the_city_is_not_known(client, editor):
    data = preview_data(preview(client)) | {
        "event1-place": "",
        "event1-country": str(Country.objects.get(code="KZ").pk),
    }
    del data["event2-keep"]
    confirm(client, data)
    meeting = Meeting.objects.get()
    assert meeting.place is None and meeting.country.code == "KZ" and meeting.direction == "in Kazakhstan"


# --- dates after today --------------------------------------------------------------------------------------------


def test_a_held_contact_after_today_is_a_form_error_and_a_planned_one_is_saved(client, editor):
    future = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    data = preview_data(preview(client)) | {"event1-date": future}
    del data["event2-keep"]
    response = confirm(client, data)
    assert response.status_code == 200 and "A held contact cannot be after today" in response.content.decode()
    assert not Source.objects.exists()
    assert confirm(client, data | {"event1-stage": "planned"}).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.stage == "planned" and meeting.date.isoformat() == future and "stage" in meeting.locked_fields


def test_a_publication_date_after_today_is_a_form_error(client, editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(IMPORT, {"text": TWO_CONTACTS, "published": tomorrow.isoformat(), "preview": "Preview"})
    assert "is after today" in response.content.decode() and "events" not in response.context


def test_a_held_contact_dated_after_today_is_flagged_in_the_review_queue(client, editor):
    import_text(TWO_CONTACTS)
    meeting = Meeting.objects.get(kind="talks")
    Meeting.objects.filter(pk=meeting.pk).update(date=datetime.date(2031, 5, 15))
    planned = Meeting.objects.get(kind="phone_call")
    Meeting.objects.filter(pk=planned.pk).update(date=datetime.date(2031, 5, 12), stage="planned")
    page = client.get(reverse("review-queue") + "?reason=future")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Held, dated after today: 1" in text
    assert f'data-meeting="{meeting.pk}"' in text and f'data-meeting="{planned.pk}"' not in text
    assert "held, dated after today" in text


def test_the_admin_refuses_a_held_meeting_after_today(client, editor):
    meeting = Meeting(title="Talks", kind="talks", date=datetime.date(2031, 1, 1), stage="held")
    with pytest.raises(ValidationError) as error:
        meeting.clean()
    assert "cannot be after today" in str(error.value)
    meeting.stage = "planned"
    meeting.clean()


# --- a contact the importer missed --------------------------------------------------------------------------------

NO_CONTACT = (
    " date 2023-05-15 MOSCOW, May 15. /TASS/. The heads of the two foreign services compared notes on the Caspian "
    "agenda by telephone, a source told the agency.\n\nThe two countries share the longest land border in the world."
)


def test_a_missed_contact_is_added_from_the_preview_by_picking_people_by_name(client, editor):
    page = preview(client, NO_CONTACT)
    assert page.context["events"] == []
    text = page.content.decode()
    assert "Add the contact the importer missed" in text and ">Sergey Lavrov (Russia)</option>" in text
    lavrov, nurtleu = Person.objects.get(slug="sergey-lavrov"), Person.objects.get(slug="murat-nurtleu")
    data = preview_data(page) | {
        "missed-add": "on",
        "missed-date": "2023-05-14",
        "missed-kind": "phone_call",
        "missed-stage": "held",
        "missed-status": "unreviewed",
        "missed-target": "new",
        "missed-people": [str(lavrov.pk), str(nurtleu.pk)],
    }
    response = confirm(client, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get()
    assert (meeting.date, meeting.kind, meeting.date_basis) == (datetime.date(2023, 5, 14), "phone_call", "editor")
    assert people_of(meeting) == {"sergey-lavrov", "murat-nurtleu"}
    assert meeting.origin == Meeting.Origin.EDITOR and list(meeting.sources.all()) == [Source.objects.get()]
    titles = {p.person.slug: p.title_then for p in meeting.participants.select_related("person")}
    assert "Minister" in titles["sergey-lavrov"]
    public = client.get(meeting.get_absolute_url()).content.decode()
    assert "Set by an editor." in public and "Extracted automatically" not in public


def test_a_missed_contact_needs_someone_from_each_country_or_saves_nothing(client, editor):
    page = preview(client, NO_CONTACT)
    lavrov = Person.objects.get(slug="sergey-lavrov")
    data = preview_data(page) | {"missed-add": "on", "missed-people": [str(lavrov.pk)], "missed-target": "new"}
    response = confirm(client, data)
    assert response.status_code == 200
    assert "someone from Kazakhstan and someone from Russia" in response.content.decode()
    assert not Source.objects.exists() and not Meeting.objects.exists()


def test_a_missed_contact_left_unticked_adds_nothing(client, editor):
    page = preview(client, NO_CONTACT)
    lavrov = Person.objects.get(slug="sergey-lavrov")
    assert confirm(client, preview_data(page) | {"missed-people": [str(lavrov.pk)]}).status_code == 302
    assert Source.objects.count() == 1 and not Meeting.objects.exists()


# --- languages not read yet ---------------------------------------------------------------------------------------

KAZAKH = (
    " date 2023-05-15 Қазақстан Республикасының Сыртқы істер министрі Мұрат Нұртілеу Мәскеуде Ресей Федерациясының "
    "Сыртқы істер министрі Сергей Лавровпен келіссөздер жүргізді. Тараптар екіжақты ынтымақтастықтың өзекті "
    "мәселелерін талқылады."
)


def test_an_article_in_kazakh_is_recognised_and_the_editor_told_it_is_not_read_yet(client, editor):
    page = preview(client, KAZAKH).content.decode()
    assert "the article is in Kazakh, which the importer does not read yet" in page
    assert 'name="confirm"' not in page
    result = import_text(KAZAKH)
    assert result.status == "failed" and "Kazakh" in result.message
    assert not Source.objects.exists() and not Meeting.objects.exists()


def test_a_russian_article_naming_a_kazakh_in_his_own_spelling_is_still_russian():
    from events.ingest.lang import detect

    text = "Министр иностранных дел России Сергей Лавров провёл переговоры с Мұратом Нұртілеу в Москве."
    assert detect(text) == "ru"
    assert detect(KAZAKH) == "kk"
    assert detect("Міністр закордонних справ України провів переговори у Києві з іноземними колегами.") == "ru"


def test_an_undated_meeting_is_shown_as_date_unknown_without_an_empty_basis(client, editor, reference):
    page = preview(
        client,
        "Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister Murat Nurtleu in Astana.",
    )
    found = page.content.decode().split('class="found">', 1)[1].split("</p>", 1)[0]
    assert found.startswith("Found: date unknown ·")
    assert "()" not in found
