"""The fetch time limit is a deadline for the whole answer, connecting, headers and body, however slowly a server
sends them: on the command line, in the admin and in feed polls, each measured here by the test's own clock."""

import time

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command

from events.ingest.web import FetchError, fetch
from events.models import Feed, Source
from tests.web_server import Drip, LocalSite, Route

pytestmark = pytest.mark.usefixtures("reference")

BUDGET = 1.0
SLACK = 1.5  # what a loaded machine may add to the budget: far below what a drip would take

PAGE = b"<html><head><title>Talks</title></head><body><p>" + b"Lavrov met Nurtleu. " * 200 + b"</p></body></html>"
HEADERS_DRIPPED = Drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 500 + b"\r\n\r\n" + PAGE)
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
BODY_DRIPPED = Drip(HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE) + PAGE, at_once=len(HEAD) + 30)
# No length, no chunks: the body ends when the connection does, so a body cut off at the deadline looks whole.
UNDELIMITED_BODY_DRIPPED = Drip(HEAD + b"Connection: close\r\n\r\n" + PAGE, at_once=len(HEAD) + 100)
CHUNKED_DRIPPED = Drip(
    HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + b"".join(b"1\r\n%c\r\n" % c for c in PAGE) + b"0\r\n\r\n",
    at_once=len(HEAD) + 40,
)


@pytest.fixture
def site(settings):
    settings.DIPLOTRACK_FETCH_ALLOW_PRIVATE = True
    settings.DIPLOTRACK_FETCH_TIMEOUT = BUDGET
    server = LocalSite().start()
    yield server
    server.stop()


class Clock:
    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.start


@pytest.mark.parametrize(
    "answer, message",
    [
        (HEADERS_DRIPPED, "did not answer within 1 s"),
        (BODY_DRIPPED, "did not send the page within 1 s"),
        (UNDELIMITED_BODY_DRIPPED, "did not send the page within 1 s"),
        (CHUNKED_DRIPPED, "did not send the page within 1 s"),
    ],
    ids=["headers", "body", "body-until-close", "chunks"],
)
def test_a_dripping_server_is_cut_off_at_the_fetch_deadline(site, answer, message):
    site.routes["/drip"] = answer
    with Clock() as clock, pytest.raises(FetchError, match=message):
        fetch(site.url("/drip"))
    assert clock.seconds < BUDGET + SLACK


def test_the_deadline_covers_redirects_and_the_page_they_lead_to(site):
    site.routes["/old"] = Route(b"", 302, {"Location": "/slow-start"}, delay=0.6)
    site.routes["/slow-start"] = BODY_DRIPPED
    with Clock() as clock, pytest.raises(FetchError, match="within 1 s"):
        fetch(site.url("/old"))
    assert clock.seconds < BUDGET + SLACK


def test_the_command_gives_up_on_a_dripping_address_within_the_budget_and_goes_on(site):
    site.routes["/drip"] = HEADERS_DRIPPED
    site.routes["/fine"] = Route(PAGE, 200, {"Content-Type": "text/html"})
    with Clock() as clock, pytest.raises(CommandError, match="1 article"):
        call_command("import_articles", site.url("/drip"), site.url("/fine"), stdout=open("/dev/null", "w"))
    assert clock.seconds < BUDGET + SLACK + 3  # the other page is read and imported too
    assert site.hits["/fine"] == 1


def test_the_admin_answers_a_dripping_address_with_a_form_error_within_the_budget(site, client):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["add_source", "view_source"]))
    client.force_login(editor)
    site.routes["/drip"] = BODY_DRIPPED
    with Clock() as clock:
        response = client.post("/admin/events/source/import/", {"fetch": site.url("/drip"), "preview": "Preview"})
    assert clock.seconds < BUDGET + SLACK
    assert response.status_code == 200
    assert "did not send the page within 1 s" in response.content.decode()


def feed_of(site, paths):
    items = "".join(f"<item><title>{path}</title><link>{site.url(path)}</link></item>" for path in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


def test_a_dripping_feed_is_cut_off_at_the_fetch_deadline(site):
    site.routes["/feed.xml"] = HEADERS_DRIPPED
    with Clock() as clock, pytest.raises(CommandError, match="1 feed"):
        call_command("poll_feeds", f"--feed={site.url('/feed.xml')}", stdout=open("/dev/null", "w"))
    assert clock.seconds < BUDGET + SLACK
    assert "did not answer within 1 s" in Feed.objects.get(url=site.url("/feed.xml")).last_error


def test_a_feeds_poll_stops_at_its_budget_and_leaves_the_rest_for_the_next(site, settings):
    settings.DIPLOTRACK_FEED_POLL_SECONDS = 2.5
    paths = [f"/a/{n}" for n in range(8)]
    for path in paths:
        site.routes[path] = BODY_DRIPPED  # each would take its full second
    site.routes["/feed.xml"] = Route(feed_of(site, paths), 200, {"Content-Type": "application/rss+xml"})
    out = open("/dev/null", "w")
    with Clock() as clock:
        call_command("poll_feeds", f"--feed={site.url('/feed.xml')}", stdout=out)
    assert clock.seconds < 2.5 + SLACK
    tried = sum(site.hits.get(path, 0) for path in paths)
    assert 2 <= tried <= 4
    assert not Source.objects.exists()
