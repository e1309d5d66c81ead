"""A feed's poll fetches a bounded number of its new entries, newest first, and an entry that fails is tried again
an hour later, then a day later, then given up and listed in the admin."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from events.models import FeedEntry, Source
from tests.web_server import LocalSite, Route

pytestmark = pytest.mark.usefixtures("reference")

PAGE = (
    "<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Russian Foreign Minister Sergey Lavrov spoke by telephone with Kazakh Foreign Minister Murat Nurtleu.</p>"
    "<p>The ministers went over the timetable of bilateral contacts.</p></article></body></html>"
)


@pytest.fixture
def site(settings):
    settings.DIPLOTRACK_FETCH_ALLOW_PRIVATE = True
    server = LocalSite().start()
    yield server
    server.stop()


def publish(site, paths, name="/feed.xml"):
    """An RSS feed of ``paths``, the first dated oldest, in shuffled order so that only dates give the newest."""
    start = datetime.datetime(2023, 1, 1, 10, tzinfo=datetime.UTC)
    dated = [(path, start + datetime.timedelta(hours=n)) for n, path in enumerate(paths)]
    shuffled = dated[1::2] + dated[::2]
    items = "".join(
        f"<item><title>{path}</title><link>{site.url(path)}</link>"
        f"<pubDate>{moment.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        for path, moment in shuffled
    )
    document = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    site.routes[name] = Route(document.encode(), 200, {"Content-Type": "application/rss+xml"})
    return site.url(name)


def poll(url):
    out = io.StringIO()
    call_command("poll_feeds", f"--feed={url}", stdout=out)
    return out.getvalue()


def fetched(site, paths):
    return [path for path in paths if site.hits.get(path)]


def test_a_poll_fetches_at_most_fifty_entries_by_default_newest_first(site):
    paths = [f"/gone/{n}" for n in range(60)]  # each fails fast: the count of fetches is what matters
    output = poll(publish(site, paths))
    assert fetched(site, paths) == paths[10:]
    assert "60 entries" in output and "50 failed" in output and "10 left for the next poll" in output


def test_a_feed_longer_than_the_cap_is_taken_in_over_several_polls_newest_first(site, settings):
    settings.DIPLOTRACK_FEED_MAX_ENTRIES = 3
    paths = [f"/a/{n}" for n in range(7)]
    for path in paths:
        site.page(path, PAGE.format(title=f"Lavrov and Nurtleu speak by phone ({path})"))
    url = publish(site, paths)
    assert "4 left for the next poll" in poll(url)
    assert fetched(site, paths) == paths[4:]
    poll(url)
    assert fetched(site, paths) == paths[1:]
    assert "1 left for the next poll" not in poll(url)
    assert Source.objects.count() == 7
    assert all(site.hits[path] == 1 for path in paths)
    assert set(FeedEntry.objects.values_list("state", flat=True)) == {FeedEntry.State.DONE}


def its_time_comes(url):
    """What waiting would do: the entry's time to be tried again comes."""
    FeedEntry.objects.filter(url=url).update(retry_after=timezone.now() - datetime.timedelta(seconds=1))


def test_a_failed_entry_is_tried_again_after_an_hour_then_a_day_then_given_up(site, client):
    url = publish(site, ["/flaky"])
    before = timezone.now()
    poll(url)
    entry = FeedEntry.objects.get()
    assert (entry.state, entry.attempts) == (FeedEntry.State.RETRY, 1)
    assert abs(entry.retry_after - before - datetime.timedelta(hours=1)) < datetime.timedelta(minutes=1)
    assert "answered 404" in entry.last_error

    assert "1 failed before, to be tried again later" in poll(url)
    assert site.hits["/flaky"] == 1  # not before its hour

    its_time_comes(entry.url)
    poll(url)
    entry.refresh_from_db()
    assert (entry.state, entry.attempts, site.hits["/flaky"]) == (FeedEntry.State.RETRY, 2, 2)
    assert abs(entry.retry_after - timezone.now() - datetime.timedelta(days=1)) < datetime.timedelta(minutes=1)

    its_time_comes(entry.url)
    poll(url)
    entry.refresh_from_db()
    assert (entry.state, entry.attempts, site.hits["/flaky"]) == (FeedEntry.State.GIVEN_UP, 3, 3)
    assert "1 given up" in poll(url)
    assert site.hits["/flaky"] == 3

    admin = User.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    listing = client.get("/admin/events/feedentry/?state__exact=given_up").content.decode()
    assert site.url("/flaky") in listing and "answered 404" in listing


def test_an_entry_that_failed_once_is_imported_when_it_comes_back(site):
    url = publish(site, ["/late"])
    poll(url)
    site.page("/late", PAGE.format(title="Lavrov and Nurtleu speak by phone"))
    its_time_comes(site.url("/late"))
    poll(url)
    assert Source.objects.get().url == site.url("/late")
    assert FeedEntry.objects.get().state == FeedEntry.State.DONE


def test_an_administrator_can_have_a_given_up_entry_tried_again(site, client):
    url = publish(site, ["/gone"])
    poll(url)
    FeedEntry.objects.update(state=FeedEntry.State.GIVEN_UP, attempts=3, retry_after=None)
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    entry = FeedEntry.objects.get()
    response = client.post(
        "/admin/events/feedentry/", {"action": "try_again", "_selected_action": [entry.pk]}, follow=True
    )
    assert response.status_code == 200
    site.page("/gone", PAGE.format(title="Lavrov and Nurtleu speak by phone"))
    poll(url)
    assert Source.objects.filter(url=site.url("/gone")).exists()
