"""Browser tests of the import preview: what an editor sees is what is saved.

Playwright driving the system's chromium, as tests/test_browser.py does; they skip, saying why, without them.
"""

import datetime

import pytest

from tests import test_browser
from tests.test_browser import log_in_as_chief, shot

# The same browser and logged-out page as the other browser tests: chromium once per module, the seeds imported.
browser, page = test_browser.browser, test_browser.page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMPORT = "/admin/events/source/import/"


def paste_and_preview(page, text):
    page.fill("#id_text", text)
    preview_again(page)


def preview_again(page):
    """Press Preview and wait for the page it gives, not the one it replaces."""
    with page.expect_navigation():
        page.click("input[name=preview]")


def values(meeting):
    from events.ingest.store import _shown

    return _shown(meeting)


@pytest.mark.parametrize("edited", [False, True], ids=["unedited", "date-edited"])
@pytest.mark.parametrize("target", ["new", "other"], ids=["new-meeting", "merge-into-number"])
def test_save_as_saves_exactly_what_the_form_shows(page, django_user_model, target, edited):
    from events.models import Meeting, Source
    from tests.ingest_helpers import import_text
    from tests.test_import_preview import EARLIER
    from tests.test_review import TWO_CONTACTS

    import_text(EARLIER)
    talks = Meeting.objects.filter(kind="talks", sources__text__contains="transit routes").get()
    before = {m.pk: values(m) for m in Meeting.objects.all()}
    log_in_as_chief(page, django_user_model, IMPORT)
    paste_and_preview(page, TWO_CONTACTS)
    page.uncheck("#id_event2-keep")
    page.check(f"input[name=event1-target][value={target}]")
    if target == "other":
        page.fill("#id_event1-other", str(talks.pk))
    if edited:
        page.fill("#id_event1-date", "2023-05-13")
    preview_again(page)  # the form again, saying what saving does
    assert page.locator("#id_event1-date").input_value() == ("2023-05-13" if edited else "2023-05-15")
    plan = page.locator("#event-1 .plan")
    if target == "other":
        assert f"Saving it into number {talks.pk}" in plan.inner_text()
        if edited:
            assert f"date: {before[talks.pk]['date']} → 13 May 2023" in plan.inner_text()
        else:
            assert "date:" not in plan.inner_text()
    else:
        assert plan.count() == 0
    shot(page, f"admin-import-save-as-{target}-{'edited' if edited else 'unedited'}")
    page.click("input[name=confirm]")
    assert "Imported" in page.locator("h1").inner_text() or "Meetings" in page.content()

    source = Source.objects.latest("pk")
    if target == "new":
        created = Meeting.objects.exclude(pk__in=before).get()
        assert created.date == datetime.date(2023, 5, 13 if edited else 15)
        assert list(created.sources.all()) == [source]
        assert all(values(m) == before[m.pk] for m in Meeting.objects.filter(pk__in=before))
    else:
        assert not Meeting.objects.exclude(pk__in=before).exists()
        talks.refresh_from_db()
        assert source in talks.sources.all()
        assert values(talks)["date"] == ("13 May 2023" if edited else before[talks.pk]["date"])
        assert all(values(m) == before[m.pk] for m in Meeting.objects.filter(pk__in=before).exclude(pk=talks.pk))


def test_a_second_preview_keeps_the_corrections(page, django_user_model):
    from events.models import Meeting
    from tests.test_review import TWO_CONTACTS

    before = set(Meeting.objects.values_list("pk", flat=True))
    log_in_as_chief(page, django_user_model, IMPORT)
    paste_and_preview(page, TWO_CONTACTS)
    page.uncheck("#id_event2-keep")
    page.fill("#id_event1-date", "2023-05")
    page.select_option("#id_event1-kind", "consultations")
    page.check("input[name=event1-target][value=new]")
    preview_again(page)
    assert page.locator("#id_event1-date").input_value() == "2023-05"
    assert page.locator("#id_event1-kind").input_value() == "consultations"
    assert not page.locator("#id_event2-keep").is_checked()
    assert page.locator(".messagelist").count() == 0
    shot(page, "admin-import-second-preview")
    page.click("input[name=confirm]")
    created = Meeting.objects.exclude(pk__in=before).get()
    assert (created.date, created.date_precision, created.kind) == (datetime.date(2023, 5, 1), "month", "consultations")


def test_place_not_stated_saves_no_country(page, django_user_model):
    from events.models import Meeting
    from tests.test_review import TWO_CONTACTS

    before = set(Meeting.objects.values_list("pk", flat=True))
    log_in_as_chief(page, django_user_model, IMPORT)
    paste_and_preview(page, TWO_CONTACTS)
    page.uncheck("#id_event2-keep")
    page.check("input[name=event1-target][value=new]")
    assert page.locator("#id_event1-place option:checked").inner_text() == "Moscow"
    page.select_option("#id_event1-place", label="not stated")
    page.click("input[name=confirm]")
    created = Meeting.objects.exclude(pk__in=before).get()
    assert created.place is None and created.country is None and created.direction == ""
    page.goto(f"/meetings/?host=ru&year=2023&kind={created.kind}")
    assert created.title not in page.locator("main").inner_text()


def test_a_missed_contact_is_added_from_the_preview(page, django_user_model):
    from events.models import Meeting
    from tests.ingest_helpers import people_of
    from tests.test_import_preview import NO_CONTACT

    before = set(Meeting.objects.values_list("pk", flat=True))
    log_in_as_chief(page, django_user_model, IMPORT)
    paste_and_preview(page, NO_CONTACT)
    assert page.locator(".preview-event").count() == 0
    missed = page.locator("#missed")
    assert "Add the contact the importer missed" in missed.inner_text()
    page.check("#id_missed-add")
    page.fill("#id_missed-date", "2023-05-14")
    page.select_option("#id_missed-kind", "phone_call")
    page.select_option("#id_missed-people", label=["Sergey Lavrov (Russia)", "Murat Nurtleu (Kazakhstan)"])
    shot(page, "admin-import-missed-contact")
    page.click("input[name=confirm]")
    created = Meeting.objects.exclude(pk__in=before).get()
    assert (created.date, created.kind, created.origin) == (datetime.date(2023, 5, 14), "phone_call", "editor")
    assert people_of(created) == {"sergey-lavrov", "murat-nurtleu"}
    page.goto(created.get_absolute_url())
    assert "Set by an editor." in page.locator("main").inner_text()
