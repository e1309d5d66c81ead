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
        page.locator("summary").click()
    page.select_option("#id_person", "sergey-lavrov")
    page.fill("#id_year", "2025")
    page.click("button[type=submit]")
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
    assert page.locator(".preview-event").count() == 1
    assert page.locator(".article-preview mark").count() >= 1
    shot(page, "admin-import-preview")
    page.click("input[name=confirm]")
    assert "Created" in page.locator(".messagelist").inner_text()
    shot(page, "admin-import-confirmed")
    page.goto("/meetings/?person=kairat-abdrakhmanov")
    assert page.locator(".meeting-row").count() == 1
