"""Browser tests: Playwright driving the system's chromium against a live server.

They skip, saying why, when chromium or Playwright is missing. Screenshots go to test-artifacts/.
"""

import datetime
import faulthandler
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.ingest_helpers import SEEDS, import_files

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

TEST_DEADLINE = 300  # seconds; a browser test takes about ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (make setup)")
    # Playwright's sync API runs an event loop in this thread; the test's own database calls are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    call_command("load_reference", verbosity=0)
    import_files(*sorted(SEEDS.glob("*.txt")))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    # Playwright's own timeouts end a slow step; should anything still stop for good, the run ends with every
    # thread's stack instead of waiting for the CI's limit.
    faulthandler.dump_traceback_later(TEST_DEADLINE, exit=True)
    yield page
    faulthandler.cancel_dump_traceback_later()
    context.close()


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_filter_by_person_and_year_then_follow_a_meeting_to_its_source(page):
    page.goto("/meetings/")
    assert page.locator(".result-count").inner_text() == "5 meetings"
    if not page.locator("#id_year").is_visible():
        page.locator("summary", has_text="Filters").click()
    page.fill("#id_year", "2025")
    page.click("button[type=submit]")
    if not page.locator("#id_person").is_visible():
        page.locator("summary", has_text="Filters").click()
    page.locator("#id_person").press_sequentially("lavr", delay=30)  # part of the name, any case
    suggestion = page.locator("#id_person-suggestions a").first
    suggestion.wait_for()
    assert suggestion.inner_text() == "Sergey Lavrov"
    suggestion.click()
    page.wait_for_url("**person=sergey-lavrov**")
    assert page.locator(".result-count").inner_text() == "1 meeting"
    assert "person=sergey-lavrov" in page.url and "year=2025" in page.url
    shot(page, "meeting-list-filtered")

    page.click("text=Working visit of Sergey Lavrov to Kazakhstan")
    assert page.locator("h1").inner_text() == "Working visit of Sergey Lavrov to Kazakhstan"
    assert page.locator("text=Deputy Prime Minister and Minister of Foreign Affairs of Kazakhstan").count() >= 1
    shot(page, "meeting-detail")

    page.locator(".sources > li > a").first.click()
    assert page.locator(".kicker").first.inner_text().lower() == "source"
    assert page.locator("mark").count() > 3
    shot(page, "source")


def open_filters(page):
    if not page.locator("#id_year").is_visible():
        page.locator("summary", has_text="Filters").click()


def test_a_name_typed_in_the_people_box_and_applied_filters_by_that_person(page):
    page.goto("/meetings/")
    open_filters(page)
    page.fill("#id_person", "lavr")
    page.press("#id_person", "Enter")
    page.wait_for_url("**/meetings/?person=sergey-lavrov")
    assert page.locator(".chips li").all_inner_texts() == ["People (all of): Sergey Lavrov ×"]
    assert page.locator(".result-count").inner_text() == "4 meetings"
    shot(page, "meeting-list-typed-person")


def test_a_typed_name_that_fits_several_people_offers_them_and_one_is_chosen(page):
    page.goto("/meetings/?kind=talks")
    open_filters(page)
    page.fill("#id_person", "ab")
    page.click("button[type=submit]")
    page.wait_for_url("**person=ab**")
    notice = page.locator(".error[role=alert]")
    fits = re.search(r"“ab” fits (\d+) people: choose one\.", notice.inner_text())
    assert fits and int(fits.group(1)) > 1
    assert notice.locator("a").count() == int(fits.group(1))  # each one offered, to choose from
    shot(page, "meeting-list-typed-person-several")
    notice.locator("a", has_text="Kairat Abdrakhmanov").click()
    page.wait_for_url("**/meetings/?person=kairat-abdrakhmanov&kind=talks")
    assert "People (all of): Kairat Abdrakhmanov ×" in page.locator(".chips li").all_inner_texts()
    page.goto("/meetings/")
    open_filters(page)
    page.fill("#id_person", "Zhukovsky")
    page.press("#id_person", "Enter")
    page.wait_for_url("**person=Zhukovsky**")
    assert "No one whose name contains “Zhukovsky”." in page.locator(".error[role=alert]").inner_text()


def test_choosing_a_suggested_person_keeps_the_filters_typed_but_not_applied(page):
    page.goto("/meetings/")
    open_filters(page)
    page.fill("#id_year", "2025")  # typed, not applied
    page.select_option("#id_host", "kz")
    page.locator("#id_person").press_sequentially("lavr", delay=30)
    page.locator("#id_person-suggestions a", has_text="Sergey Lavrov").click()
    page.wait_for_url("**person=sergey-lavrov**")
    assert page.url.endswith("/meetings/?year=2025&host=kz&person=sergey-lavrov")
    chips = page.locator(".chips li").all_inner_texts()
    assert chips == ["People (all of): Sergey Lavrov ×", "Year: 2025 ×", "Where: in Kazakhstan ×"]
    assert page.locator(".result-count").inner_text() == "1 meeting"


def test_applied_filters_leave_no_empty_field_in_the_address_and_chips_say_them_in_words(page):
    page.goto("/meetings/")
    open_filters(page)
    page.select_option("#id_host", "ru")
    page.select_option("#id_language", "en")
    page.check("input[name=kind][value=talks]")
    page.click("button[type=submit]")
    page.wait_for_url("**host=ru**")
    assert page.url.endswith("/meetings/?kind=talks&language=en&host=ru")
    assert page.locator(".chips li").all_inner_texts() == [
        "Kind: talks ×",
        "Language of a source: English ×",
        "Where: in Russia ×",
    ]
    open_filters(page)
    page.select_option("#id_sort", "date")
    page.click("button[type=submit]")
    page.wait_for_url("**sort=date**")
    assert "Sort: oldest first ×" in page.locator(".chips li").all_inner_texts()
    shot(page, "meeting-list-chips")


def test_on_a_phone_a_typed_name_is_applied_and_a_page_past_the_end_leads_to_the_last(page):
    page.set_viewport_size(PHONE)
    page.goto("/meetings/")
    open_filters(page)
    page.fill("#id_person", "Tleuberdi")
    page.press("#id_person", "Enter")
    page.wait_for_url("**/meetings/?person=mukhtar-tleuberdi")
    assert page.locator(".chips li").all_inner_texts() == ["People (all of): Mukhtar Tleuberdi ×"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "meeting-list-typed-person-phone")
    response = page.goto("/meetings/?person=mukhtar-tleuberdi&page=9")
    assert response.status == 404
    assert "Page 9 is past the end" in page.locator(".notice").inner_text()
    page.locator("a[rel=last]").click()
    page.wait_for_url("**/meetings/?person=mukhtar-tleuberdi&page=1")
    assert page.locator(".meeting-row").count() == 2
    shot(page, "meeting-list-past-the-end-followed-phone")


def test_the_timeline_says_what_its_years_leave_out_and_leads_to_it(page):
    from events.models import Meeting

    Meeting.objects.create(title="Talks on a day nobody wrote down", date=None, kind="talks")
    page.goto("/timeline/")
    note = page.locator(".left-out")
    assert note.inner_text() == "Not counted in the years: 1 meeting of unknown date."
    note.locator("a").click()
    page.wait_for_url("**date_unknown=yes**")
    assert page.locator(".meeting-row").all_inner_texts()[0].startswith("date unknown")
    assert page.locator(".result-count").inner_text() == "1 meeting"


def test_person_page_shows_offices_counterparts_and_a_chart(page):
    page.goto("/people/sergey-lavrov/")
    assert page.locator("h1").inner_text() == "Sergey Lavrov"
    assert page.locator(".timeline li").count() >= 1
    assert page.locator(".counterparts li").count() >= 2
    assert page.locator(".chart svg rect").count() >= 1
    shot(page, "person")


def test_the_list_works_on_a_phone_sized_screen(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/meetings/")
    assert page.locator(".meeting-row").count() == 5
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "the page scrolls sideways on a phone"
    first = page.locator(".meeting-row").first.bounding_box()
    assert first["y"] + 40 < 844, "the first result is below the fold, behind the filters"
    shot(page, "meeting-list-phone")


def test_an_editor_pastes_an_article_previews_it_and_confirms(page, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-test-password")
    page.goto("/admin/login/?next=/admin/events/source/import/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.fill(
        "#id_text",
        " date 2018-05-15 MOSCOW, May 14 (Interfax) - Russian Foreign Minister Sergei Lavrov held talks with "
        "Kazakh Foreign Minister Kairat Abdrakhmanov in Moscow on Monday.\n\nThe ministers discussed the Caspian.",
    )
    page.click("input[name=preview]")
    page.locator("#event-1").wait_for()  # the preview page, not the form it replaces
    assert page.locator(".preview-event").count() == 1
    assert page.locator(".article-preview mark").count() >= 1
    shot(page, "admin-import-preview")
    page.click("input[name=confirm]")
    assert "Created" in page.locator(".messagelist").inner_text()
    shot(page, "admin-import-confirmed")
    page.goto("/meetings/?person=kairat-abdrakhmanov")
    assert page.locator(".meeting-row").count() == 1


def log_in_as_chief(page, django_user_model, next_url):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-test-password")
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")


def test_an_editor_corrects_the_preview_and_saves_exactly_that(page, django_user_model):
    from events.models import Meeting, Source
    from people.models import Person
    from tests.ingest_helpers import import_text, people_of
    from tests.test_review import TWO_CONTACTS

    Meeting.objects.all().delete()
    log_in_as_chief(page, django_user_model, "/admin/events/source/import/")
    page.fill("#id_text", TWO_CONTACTS)
    page.click("input[name=preview]")
    page.locator("#event-2").wait_for()  # the preview page, not the form it replaces
    assert page.locator(".preview-event").count() == 2
    page.uncheck("#id_event2-keep")
    kosherbayev = Person.objects.get(slug="yermek-kosherbayev").pk
    page.uncheck(f"input[name=event1-participants][value='{kosherbayev}']")
    page.select_option("#id_event1-kind", "consultations")
    shot(page, "admin-import-preview-edited")
    sources_before = Source.objects.count()
    page.click("input[name=confirm]")
    assert "Meetings created" in page.content()
    shot(page, "admin-import-summary")

    meeting = Meeting.objects.get()
    assert meeting.kind == "consultations" and meeting.locked_fields == ["kind"]
    assert people_of(meeting) == {"sergey-lavrov", "murat-nurtleu"}
    assert Source.objects.count() == sources_before + 1
    assert import_text(TWO_CONTACTS).status == "unchanged"
    assert Meeting.objects.count() == 1 and people_of(Meeting.objects.get()) == {"sergey-lavrov", "murat-nurtleu"}


def test_the_review_queue_shows_disagreeing_sources_and_marks_a_meeting_reviewed(page, django_user_model):
    from events.models import Meeting
    from tests.test_review import two_reports_that_disagree

    Meeting.objects.update(status=Meeting.Status.REVIEWED)
    meeting = two_reports_that_disagree()
    log_in_as_chief(page, django_user_model, "/admin/review/")
    row = page.locator(f"tr[data-meeting='{meeting.pk}']")
    assert "sources disagree" in row.inner_text()
    assert row.locator(".reports > div").count() == 2
    assert "held talks in Astana on Tuesday" in row.inner_text() and "NUR-SULTAN, April 3, 2019" in row.inner_text()
    shot(page, "admin-review-queue")
    row.locator("button", has_text="Mark reviewed").click()
    assert "Marked reviewed" in page.locator(".messagelist").inner_text()
    assert page.locator(f"tr[data-meeting='{meeting.pk}']").count() == 0
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REVIEWED


def test_facets_add_a_kind_mark_it_and_remove_it_and_where_narrows_to_russia(page):
    page.goto("/meetings/?person=sergey-lavrov")
    page.locator(".facets a", has_text="talks").first.click()
    page.wait_for_url("**kind=talks**")
    kinds = page.locator(".facets section", has=page.locator("h2", has_text="Kind"))
    chosen = kinds.locator('a[aria-current="true"]')
    assert chosen.count() == 1 and chosen.first.inner_text().startswith("talks")
    assert page.locator('.facets a[aria-current="true"]', has_text="Sergey Lavrov").count() == 1
    assert "person=sergey-lavrov" in page.url
    shot(page, "meeting-list-facet-chosen")
    chosen.first.click()
    page.wait_for_url(lambda url: "kind=" not in url)
    assert kinds.locator('a[aria-current="true"]').count() == 0
    page.goto("/meetings/")
    page.locator(".facets a", has_text="in Russia").click()
    page.wait_for_url("**host=ru**")
    directions = page.locator(".meeting-row .direction").all_inner_texts()
    assert directions and set(directions) == {"in Russia"}


PHONE = {"width": 390, "height": 844}


def at_both_widths(page, address, name):
    """Open ``address`` at desktop and at phone width, with a screenshot of each; the page never scrolls sideways
    on the phone (a wide drawing scrolls inside its own frame)."""
    page.goto(address)
    shot(page, name)
    page.set_viewport_size(PHONE)
    page.goto(address)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 10
    shot(page, f"{name}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_map_draws_the_places_of_the_filtered_meetings_and_a_circle_leads_to_them(page):
    at_both_widths(page, "/map/", "map")
    circles = page.locator(".map circle")
    assert circles.count() == 3  # Almaty, Astana, Moscow
    assert page.locator(".map path.country.kz").count() == 1
    page.goto("/map/?person=sergey-lavrov&year=2023")
    assert page.locator(".map circle").count() == 1
    page.locator(".map a", has=page.locator("circle")).first.click()
    page.wait_for_url("**place=moscow**")
    assert "person=sergey-lavrov" in page.url and "year=2023" in page.url
    assert page.locator(".meeting-row").count() == 1


def test_the_network_joins_people_who_met_and_a_line_leads_to_their_meetings(page):
    at_both_widths(page, "/network/", "network")
    assert page.locator(".network line").count() == 2
    assert page.locator(".network text", has_text="Sergey Lavrov").count() == 1
    page.locator(".network a", has=page.locator("line")).last.click()  # the thickest, drawn last
    page.wait_for_url("**person=**person=**")
    assert page.locator(".meeting-row").count() >= 1
    assert page.locator(".chips li").count() == 2


def test_the_timeline_shows_the_ministers_terms_with_their_meetings(page):
    at_both_widths(page, "/timeline/", "timeline")
    assert page.locator(".terms rect.term.ru", has=page.locator("title", has_text="Sergey Lavrov")).count() == 1
    marks = page.locator(".terms circle.mark")
    assert marks.count() >= 4
    page.locator(".terms a", has=page.locator("title", has_text="Sergey Lavrov, 2023")).click()
    page.wait_for_url("**person=sergey-lavrov&year=2023**")
    assert page.locator(".meeting-row").count() == 1


def test_a_persons_travel_log_lists_the_trips_abroad(page):
    at_both_widths(page, "/people/sergey-lavrov/#travels", "person-travels")
    rows = page.locator(".travel-log tbody tr")
    assert rows.count() == 2  # Kazakhstan in 2019 and in 2025; Moscow is at home
    assert "Kazakhstan" in rows.first.inner_text() and "Almaty" in rows.first.inner_text()


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# Every rule axe runs by default, and the tap targets of at least 24 px (WCAG 2.2), which it leaves out by default.
AXE_RUN = "axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})"
MAIN_PAGES = [
    "/",
    "/meetings/",
    "/meetings/?person=sergey-lavrov&kind=talks",
    "/people/",
    "/people/sergey-lavrov/",
    "/map/",
    "/network/",
    "/timeline/",
    "/about/",
    "/places/",
    "/places/almaty/",
    "/sources/",
    "/agreements/",
    "/forums/",
    "/data/",
]


def test_no_serious_accessibility_violation_on_the_main_pages(browser, live_server):
    if not AXE.is_file():
        if os.environ.get("CI_REQUIRE_AXE"):
            pytest.fail("axe-core is missing: make setup installs it with npm")
        pytest.skip("axe-core is not installed (npm is needed; make setup installs it)")
    call_command("load_reference", verbosity=0)
    import_files(*sorted(SEEDS.glob("*.txt")))
    from events.models import Meeting, Source

    pages = [*MAIN_PAGES, Meeting.objects.first().get_absolute_url(), Source.objects.first().get_absolute_url()]
    # The page's policy allows no inline script: the check's script is let in for the test only.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    found = {}
    try:
        for width in (1280, PHONE["width"]):
            page.set_viewport_size({"width": width, "height": 900})
            for address in pages:
                page.goto(address)
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(AXE_RUN)
                for violation in result["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        targets = [node["target"] for node in violation["nodes"][:3]]
                        found.setdefault(f"{address} at {width}px", []).append(
                            f"{violation['id']}: {violation['help']} {targets}"
                        )
    finally:
        context.close()
    assert not found, "\n".join(f"{page}: {problems}" for page, problems in found.items())


def public_pages():
    """Every public page of the site: each address of its URL patterns that answers HTML, filled with every object of
    its kind, and a few states of the list (filtered, a name to choose, a page past the end)."""
    from django.urls import reverse

    from events.models import Agreement, Forum, Meeting, Organization, Place, Source, public_people
    from tests.test_drafts import patterns

    objects = {
        "meetings/<int:pk>-<slug:slug>/": Meeting.objects.public(),
        "places/<slug:slug>/": Place.objects.public(),
        "organizations/<slug:slug>/": Organization.objects.all(),
        "sources/<int:pk>/": Source.objects.public(),
        "agreements/<slug:slug>/": Agreement.objects.public(),
        "forums/<int:pk>/": Forum.objects.public(),
        "people/<slug:slug>/": public_people(),
    }
    pages = []
    for route in patterns():
        if route in objects:
            pages += [item.get_absolute_url() for item in objects[route]]
        elif "<" not in route and "." not in route and not route.startswith(("api/", "people/suggest")):
            pages.append(f"/{route}")
    pages.append(reverse("api:openapi-view"))  # the API's documentation
    return [*pages, "/meetings/?person=sergey-lavrov&kind=talks", "/meetings/?person=ab", "/meetings/?page=99"]


def test_no_public_page_is_wider_than_a_phone(page):
    pages = public_pages()
    assert len(pages) > 30 and "/sources/" in pages and "/timeline/" in pages
    page.set_viewport_size(PHONE)
    wider = {}
    for address in pages:
        page.goto(address)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wider[address] = width
    assert not wider, f"wider than {PHONE['width']} px: {wider}"
    page.goto("/sources/")
    shot(page, "sources-phone")


# The text of a chart that sticks out of its drawing (clipped), as "label (left–right, top–bottom)".
CLIPPED_TEXT = """(figure) => {
  const frame = figure.querySelector('svg').getBoundingClientRect();
  return [...figure.querySelectorAll('svg text')]
    .filter((text) => getComputedStyle(text).display !== 'none')
    .map((text) => [text.textContent, text.getBoundingClientRect()])
    .filter(([, box]) => box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5)
    .map(([label, box]) => `${label} (${Math.round(box.left)}–${Math.round(box.right)}, ${Math.round(box.top)})`);
}"""


def test_at_phone_width_no_chart_text_is_clipped_and_every_kind_is_labelled(page):
    from events.models import Meeting

    Meeting.objects.create(title="Talks far in the past", date=datetime.date(1995, 3, 1), kind="talks")
    page.set_viewport_size(PHONE)
    for address in ("/timeline/", "/about/", "/meetings/", "/people/sergey-lavrov/"):
        page.goto(address)
        for index, figure in enumerate(page.locator("figure.chart").all()):
            assert figure.evaluate(CLIPPED_TEXT) == [], f"{address}, chart {index + 1}"
    page.goto("/timeline/")
    years = page.locator("#chart-years")
    shown = [label.text_content() for label in years.locator("text.label").all() if label.is_visible()]
    last_year = years.locator("table tbody tr").last.locator("th").text_content()
    assert shown[-1] == last_year, "the last year is labelled"
    totals = [int(td.text_content()) for td in years.locator("table tbody td").all()]
    values = [value.text_content() for value in years.locator("text.value").all() if value.is_visible()]
    assert str(max(totals)) in values, "the tallest bar's value is shown"
    kinds = page.locator("#chart-kinds")
    bars = kinds.locator("svg a").count()
    names = [name.text_content() for name in kinds.locator("text.name").all() if name.is_visible()]
    assert bars >= 3 and len(names) == bars and "talks" in names
    kinds.screenshot(path=str(ARTIFACTS / "timeline-kinds-phone.png"))
    page.locator("#chart-years").screenshot(path=str(ARTIFACTS / "timeline-years-phone.png"))


def test_at_phone_width_the_travel_log_wraps_its_remarks_within_the_screen(page):
    page.set_viewport_size(PHONE)
    page.goto("/people/sergey-lavrov/#travels")
    cells = page.locator(".travel-log td").all()
    assert cells
    for cell in cells:
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], cell.inner_text()
    remark = page.locator(".travel-log td[data-label=Remarks]").first
    assert remark.evaluate("(cell) => cell.scrollWidth <= cell.clientWidth")
    page.locator(".travels").screenshot(path=str(ARTIFACTS / "person-travels-phone-log.png"))
