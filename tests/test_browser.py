"""Browser tests: Playwright driving the system's chromium against a live server.

They skip, saying why, when chromium or Playwright is missing. Screenshots go to test-artifacts/.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.ingest_helpers import SEEDS, import_files

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

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
    yield page
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
