"""Articles by address, from saved pages and from news feeds, served by a local test server. The pages are written
for these tests in the manner of agency reports, ministry releases and regional sites."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.utils import translation

from events.ingest import Importer
from events.ingest.outlets import Outlets
from events.ingest.web import FetchError, fetch, refusal
from events.models import Feed, Meeting, Source
from tests.ingest_helpers import people_of
from tests.web_server import LocalSite, Route

pytestmark = pytest.mark.usefixtures("reference")

LAVROV, NURTLEU, TLEUBERDI = "sergey-lavrov", "murat-nurtleu", "mukhtar-tleuberdi"


@pytest.fixture
def site(settings):
    settings.DIPLOTRACK_FETCH_ALLOW_PRIVATE = True  # the test server listens on 127.0.0.1
    server = LocalSite().start()
    yield server
    server.stop()


def agency_page(title, body, published=None, site_name="TASS", canonical=""):
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - {site_name}</title>{meta}{link}'
        f'<meta property="og:site_name" content="{site_name}"><meta property="og:title" content="{title}"></head>'
        f'<body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>'
        f"<main><article><h1>{title}</h1>{paragraphs}</article></main>"
        f"<aside><h2>Most read</h2><ul><li><a href='/x'>Weather turns cold in the capital</a></li></ul></aside>"
        f"<footer>© 2023 All rights reserved</footer></body></html>"
    )


CALL = [
    "Russian Foreign Minister Sergey Lavrov spoke by telephone with Kazakh Foreign Minister Murat Nurtleu, the "
    "Russian ministry said on its website.",
    "The ministers went over the timetable of bilateral contacts for the coming months and questions of the "
    "Caspian region.",
    "They agreed to keep in touch on the agenda of the Collective Security Treaty Organization.",
]


def only_meeting():
    assert Meeting.objects.count() == 1, list(Meeting.objects.all())
    return Meeting.objects.get()


def test_a_page_by_address_is_imported_with_the_date_title_outlet_and_address_of_its_metadata(site, client):
    site.page("/politics/1701", agency_page("Lavrov, Nurtleu discuss bilateral agenda", CALL, "2023-11-14T16:20:00"))
    call_command("import_articles", site.url("/politics/1701"), stdout=open("/dev/null", "w"))
    source = Source.objects.get()
    assert source.published == datetime.date(2023, 11, 14)
    assert source.title == "Lavrov, Nurtleu discuss bilateral agenda"
    assert source.outlet == "TASS"  # the page's site name, as reference data spells it
    assert source.url == site.url("/politics/1701")
    assert "Most read" not in source.text and "rights reserved" not in source.text
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.PHONE_CALL
    assert meeting.date == datetime.date(2023, 11, 14)
    assert people_of(meeting) == {LAVROV, NURTLEU}
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{site.url("/politics/1701")}"' in page
    assert "TASS: Lavrov, Nurtleu discuss bilateral agenda" in page


def test_importing_an_address_again_changes_nothing(site):
    site.page("/politics/1702", agency_page("Ministers speak by phone", CALL, "2023-11-14T16:20:00"))
    importer = Importer()
    assert importer.import_address(site.url("/politics/1702")).status == "created"
    assert importer.import_address(site.url("/politics/1702")).status == "unchanged"
    assert Source.objects.count() == 1 and Meeting.objects.count() == 1


def test_a_saved_page_takes_its_outlet_from_the_domain_of_its_canonical_address(tmp_path):
    html = agency_page(
        "Kazakhstan, Russia foreign ministers meet in Astana",
        [
            "ASTANA. KAZINFORM - Kazakh Foreign Minister Murat Nurtleu held talks with Russian "
            "Foreign Minister Sergey Lavrov, who arrived in Astana on a working visit.",
            "The sides discussed trade, transit and the water management of cross-border rivers.",
        ],
        published="2023-09-28",
        site_name="Kazinform International News Agency",
        canonical="https://en.inform.kz/news/kazakhstan-russia-ministers-meet",
    )
    (tmp_path / "saved.html").write_text(html, encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=open("/dev/null", "w"))
    source = Source.objects.get()
    assert (source.outlet, source.published) == ("Kazinform", datetime.date(2023, 9, 28))
    assert source.url == "https://en.inform.kz/news/kazakhstan-russia-ministers-meet"
    assert source.filename == "saved.html" and "saved.html" not in str(source)
    meeting = only_meeting()
    assert meeting.place.name == "Astana"
    assert people_of(meeting) == {LAVROV, NURTLEU}


RUSSIAN = (
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
    "<title>Лавров и Тлеуберди обсудили сотрудничество</title>{meta}</head><body>"
    "<div class='menu'>Главная | Новости | Политика</div><div class='article'>"
    "<h1>Лавров и Тлеуберди обсудили сотрудничество</h1>"
    "<p>{lead}Министр иностранных дел России Сергей Лавров провёл переговоры с министром иностранных дел "
    "Казахстана Мухтаром Тлеуберди.</p><p>Министры обсудили ход выполнения договорённостей, достигнутых на высшем "
    "уровне, и взаимодействие в рамках ОДКБ и СНГ.</p></div><div class='footer'>Все права защищены</div>"
    "</body></html>"
)


def test_a_russian_page_in_windows_1251_is_read_correctly(site):
    html = RUSSIAN.format(meta='<meta property="article:published_time" content="2021-06-02">', lead="")
    site.routes["/news/ru/55"] = Route(html.encode("cp1251"), 200, {"Content-Type": "text/html"})
    result = Importer().import_address(site.url("/news/ru/55"))
    assert result.status == "created", result.message
    source = Source.objects.get()
    assert source.language == "ru"
    assert source.title == "Лавров и Тлеуберди обсудили сотрудничество"
    assert "Сергей Лавров" in source.text
    assert source.published == datetime.date(2021, 6, 2)
    assert people_of(only_meeting()) == {LAVROV, TLEUBERDI}


def test_a_page_without_date_metadata_is_dated_by_its_dateline(site):
    html = RUSSIAN.format(meta="", lead="МОСКВА, 2 июня 2021 года. ")
    site.routes["/news/ru/56"] = Route(html.encode("cp1251"), 200, {"Content-Type": "text/html; charset=windows-1251"})
    Importer().import_address(site.url("/news/ru/56"))
    assert Source.objects.get().published == datetime.date(2021, 6, 2)
    assert only_meeting().date == datetime.date(2021, 6, 2)


def test_a_ministry_release_page_without_any_date_is_imported_undated(site):
    html = (
        "<html><head><title>On the talks of the foreign ministers</title></head><body><div id='content'>"
        "<h1>On the talks of the foreign ministers</h1><p>Sergey Lavrov, the Minister of Foreign Affairs of Russia, "
        "held talks with Murat Nurtleu, the Kazakh Minister of Foreign Affairs.</p>"
        "<p>The ministers discussed the preparation of the next meeting of the intergovernmental commission and "
        "cooperation in the United Nations.</p></div></body></html>"
    )
    site.page("/press/release", html)
    result = Importer().import_address(site.url("/press/release"))
    assert result.status == "created", result.message
    source = Source.objects.get()
    assert source.published is None and str(source) == "On the talks of the foreign ministers"
    assert only_meeting().date is None


def test_a_redirect_is_followed_and_the_address_read_is_recorded(site):
    site.page("/story", agency_page("Ministers speak by phone", CALL, "2023-11-14"))
    site.routes["/s/1"] = Route(b"", 301, {"Location": "/story"})
    assert Importer().import_address(site.url("/s/1")).status == "created"
    assert Source.objects.get().url == site.url("/story")


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"gone", 404, {"Content-Type": "text/plain"}), "answered 404"),
        (Route(b"oops", 500, {"Content-Type": "text/plain"}), "answered 500"),
        (Route(b"%PDF-1.4 ...", 200, {"Content-Type": "application/pdf"}), "serves application/pdf, not a web page"),
        (Route(b"<html>" + b"x" * 3000 + b"</html>", 200, {"Content-Type": "text/html"}), "larger than 2,000 bytes"),
        (Route(b"<html><body><script></script></body></html>", 200, {"Content-Type": "text/html"}), "no article text"),
    ],
)
def test_an_address_that_gives_no_article_fails_with_a_clear_message_and_saves_nothing(site, settings, route, message):
    settings.DIPLOTRACK_FETCH_MAX_BYTES = 2000
    site.routes["/bad"] = route
    result = Importer().import_address(site.url("/bad"))
    assert result.status == "failed"
    assert message in result.message
    assert not Source.objects.exists()


def test_a_slow_server_times_out(site, settings):
    settings.DIPLOTRACK_FETCH_TIMEOUT = 0.5
    site.routes["/slow"] = Route(b"<html></html>", 200, {"Content-Type": "text/html"}, delay=2)
    with pytest.raises(FetchError, match="did not answer within 0.5 s"):
        fetch(site.url("/slow"))


def test_the_command_reports_an_unreachable_address_and_fails(site):
    site.routes["/missing"] = Route(b"", 404)
    with pytest.raises(CommandError, match="1 article"):
        call_command("import_articles", site.url("/missing"), stdout=open("/dev/null", "w"))


# --- safety ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("10.2.3.4", "a private address"),
        ("192.168.1.10", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("0.0.0.0", "a reserved address"),
        ("93.184.216.34", ""),
    ],
)
def test_the_fetcher_refuses_addresses_inside_the_network(address, reason):
    assert refusal(address, allow_private=False) == reason


def test_a_local_address_is_refused_before_anything_is_sent(site, settings):
    settings.DIPLOTRACK_FETCH_ALLOW_PRIVATE = False
    site.page("/politics/1", agency_page("Ministers speak by phone", CALL, "2023-11-14"))
    result = Importer().import_address(site.url("/politics/1"))
    assert result.status == "failed" and "a loopback address" in result.message
    assert site.hits == {}


def test_a_redirect_to_a_link_local_address_is_refused_even_where_private_ones_are_allowed(site):
    site.routes["/r"] = Route(b"", 302, {"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(FetchError, match="link-local"):
        fetch(site.url("/r"))


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://example.org/a.txt", "gopher://x/"])
def test_only_web_addresses_are_fetched(address):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(address)


# --- outlets --------------------------------------------------------------------------------------------------


def test_outlets_are_known_by_dateline_marker_and_by_domain():
    outlets = Outlets.from_database()
    assert outlets.named("KAZINFORM") == outlets.named("Казинформ") == "Kazinform"
    assert outlets.for_address("https://en.inform.kz/news/1") == "Kazinform"
    assert outlets.for_address("https://www.tass.ru/politika/1") == "TASS"
    assert outlets.for_address("https://www.gov.kz/memleket/entities/mfa/press/news/1") == (
        "Ministry of Foreign Affairs of Kazakhstan"
    )
    assert outlets.for_address("https://www.gov.kz/memleket/entities/other/1") == ""
    assert outlets.for_address("https://notinform.kz/") == ""


# --- feeds ----------------------------------------------------------------------------------------------------

ARTICLES = [
    ("Lavrov, Nurtleu talk by phone", CALL, "2023-11-14"),
    (
        "Kazakh, Russian diplomats hold consultations",
        [
            "MOSCOW, October 3. /TASS/. Deputy Foreign Minister of Russia Mikhail Galuzin held consultations with "
            "Deputy Foreign Minister of Kazakhstan Roman Vassilenko in Moscow.",
            "The diplomats compared approaches to the situation in Afghanistan.",
        ],
        "2023-10-03",
    ),
    ("Weather in Almaty", ["Snow is expected in Almaty this weekend, forecasters said."], "2023-12-01"),
    (
        "Tleuberdi receives Russian ambassador",
        ["Foreign Minister Mukhtar Tleuberdi met the new Russian Ambassador Alexey Borodavkin in Nur-Sultan."],
        "2021-02-10",
    ),
    ("Grain harvest", ["Kazakhstan expects a large grain harvest, the agriculture ministry said."], "2023-08-15"),
]


def rss(site, items):
    entries = "".join(
        f"<item><title>{title}</title><link>{site.url(path)}</link>"
        f"<pubDate>{datetime.date.fromisoformat(day).strftime('%a, %d %b %Y')} 10:00:00 +0000</pubDate></item>"
        for path, title, day in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test news</title>{entries}</channel></rss>'


def atom(site, items):
    entries = "".join(
        f'<entry><title>{title}</title><link href="{site.url(path)}"/><id>{path}</id>'
        f"<updated>{day}T10:00:00Z</updated></entry>"
        for path, title, day in items
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{entries}</feed>'


@pytest.fixture
def newsroom(site):
    items = []
    for n, (title, body, day) in enumerate(ARTICLES):
        site.page(f"/a/{n}", agency_page(title, body, day))
        items.append((f"/a/{n}", title, day))
    site.routes["/feed.xml"] = Route(rss(site, items).encode(), 200, {"Content-Type": "application/rss+xml"})
    site.routes["/atom.xml"] = Route(atom(site, items[:2]).encode(), 200, {"Content-Type": "application/atom+xml"})
    return site


def poll(*urls):
    out = open("/dev/null", "w")
    call_command("poll_feeds", *[f"--feed={url}" for url in urls], stdout=out)


def test_polling_a_feed_twice_imports_its_entries_once(newsroom):
    poll(newsroom.url("/feed.xml"))
    assert Source.objects.count() == 5
    assert Meeting.objects.count() == 3
    poll(newsroom.url("/feed.xml"))
    assert Source.objects.count() == 5
    assert all(newsroom.hits[f"/a/{n}"] == 1 for n in range(5))  # entries seen before are not fetched again
    feed = Feed.objects.get(url=newsroom.url("/feed.xml"))
    assert feed.last_checked is not None and feed.last_error == ""


def test_an_entry_carried_by_two_feeds_is_imported_once(newsroom):
    poll(newsroom.url("/atom.xml"), newsroom.url("/feed.xml"))
    assert Source.objects.count() == 5
    assert newsroom.hits["/a/0"] == newsroom.hits["/a/1"] == 1


def test_a_failing_feed_is_reported_and_the_others_are_polled(newsroom):
    newsroom.routes["/broken.xml"] = Route(b"oops", 500, {"Content-Type": "text/plain"})
    newsroom.routes["/not-a-feed"] = Route(b"<html><body>Hello</body></html>", 200, {"Content-Type": "text/html"})
    with pytest.raises(CommandError, match="2 feed"):
        poll(newsroom.url("/broken.xml"), newsroom.url("/not-a-feed"), newsroom.url("/feed.xml"))
    assert Source.objects.count() == 5
    assert "answered 500" in Feed.objects.get(url=newsroom.url("/broken.xml")).last_error
    assert "not serve an RSS or Atom feed" in Feed.objects.get(url=newsroom.url("/not-a-feed")).last_error


def test_a_feed_not_changed_since_the_last_poll_is_not_read_again(newsroom):
    def conditional(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return Route(b"", 304)
        return Route(rss(newsroom, [("/a/0", "Call", "2023-11-14")]).encode(), 200, {"ETag": '"v1"'})

    newsroom.routes["/cond.xml"] = conditional
    poll(newsroom.url("/cond.xml"))
    assert Feed.objects.get(url=newsroom.url("/cond.xml")).etag == '"v1"'
    poll(newsroom.url("/cond.xml"))
    assert Source.objects.count() == 1


def test_only_active_feeds_are_polled(newsroom):
    Feed.objects.create(url=newsroom.url("/feed.xml"), name="Test news", active=False)
    poll()
    assert not Source.objects.exists()
    Feed.objects.filter(url=newsroom.url("/feed.xml")).update(active=True)
    poll()
    assert Source.objects.count() == 5


# --- the admin ------------------------------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_source", "view_source", "view_meeting"]))
    return user


def test_an_editor_imports_from_an_address_through_the_preview(site, client, editor):
    site.page("/politics/1801", agency_page("Lavrov, Nurtleu discuss bilateral agenda", CALL, "2023-11-14T16:20"))
    client.force_login(editor)
    url = "/admin/events/source/import/"
    with translation.override("en-gb"):  # as the site runs: dates shown day first, but a date field needs ISO
        preview = client.post(url, {"fetch": site.url("/politics/1801"), "preview": "Preview"})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "phone call" in page.lower() and "Murat Nurtleu" in page
    form = preview.context["form"]
    assert form.initial["outlet"] == "TASS" and form.initial["published"] == datetime.date(2023, 11, 14)
    published = re.search(r'<input[^>]*name="published"[^>]*>', page).group(0)
    assert 'value="2023-11-14"' in published  # as a date field reads it, whatever the locale
    assert not Source.objects.exists()
    confirm = {key: form.initial.get(key) or "" for key in ("text", "title", "outlet", "published", "url")} | {
        "confirm": "Confirm import"
    }
    response = client.post(url, confirm)
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.outlet, source.published, source.url) == (
        "TASS",
        datetime.date(2023, 11, 14),
        site.url("/politics/1801"),
    )
    assert only_meeting().date == datetime.date(2023, 11, 14)


def test_an_unreachable_address_in_the_admin_is_a_form_error(site, client, editor):
    client.force_login(editor)
    response = client.post("/admin/events/source/import/", {"fetch": site.url("/nothing"), "preview": "Preview"})
    assert response.status_code == 200
    assert "answered 404" in response.content.decode()


def test_pasted_text_takes_the_editors_title_outlet_and_date(client, editor):
    client.force_login(editor)
    text = "\n\n".join(CALL)
    data = {"text": text, "title": "Phone call", "outlet": "Ministry of Foreign Affairs of Russia"}
    response = client.post("/admin/events/source/import/", data | {"published": "2022-03-01", "confirm": "1"})
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.title, source.outlet, source.published) == (data["title"], data["outlet"], datetime.date(2022, 3, 1))


def test_a_user_without_the_import_permission_cannot_fetch_an_address(site, client):
    user = User.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(user)
    response = client.post("/admin/events/source/import/", {"fetch": site.url("/politics/1"), "preview": "1"})
    assert response.status_code == 403
    assert site.hits == {}
