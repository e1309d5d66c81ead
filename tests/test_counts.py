"""The lists' counts are made when the data changes, not when the first reader comes: a new process serving the
default list reads them from the database."""

from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import facets
from events.models import Meeting
from tests.ingest_helpers import SEEDS

pytestmark = pytest.mark.usefixtures("reference")


def counted_on_request(client, url="/meetings/"):
    """Whether serving ``url`` counted meetings by group (a facet computed) rather than reading kept counts."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return any("GROUP BY" in query["sql"] for query in queries), response.content.decode()


def test_importing_articles_keeps_the_default_lists_counts_ready(client, capsys):
    call_command("import_articles", str(SEEDS))
    counted, body = counted_on_request(client)
    assert not counted
    assert facets.default_list(facets.size_of(Meeting.objects.public())) == facets.count(Meeting.objects.public())
    assert "Sergey Lavrov" in body
    # A filtered list is counted on its first request, then kept.
    assert counted_on_request(client, "/meetings/?year=2019")[0]
    assert not counted_on_request(client, "/meetings/?year=2019")[0]


def test_an_editors_change_in_the_admin_counts_the_list_again_at_once(admin_client):
    call_command("import_articles", str(SEEDS))
    meeting = Meeting.objects.public().order_by("date").first()
    kinds_before = {row["kind"]: row["n"] for row in facets.count(Meeting.objects.public())["kind"]}
    response = admin_client.post(f"/admin/events/meeting/{meeting.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    counted, body = counted_on_request(admin_client)
    assert not counted
    kinds = {row["kind"]: row["n"] for row in facets.default_list(facets.size_of(Meeting.objects.public()))["kind"]}
    assert kinds.get(meeting.kind, 0) == kinds_before[meeting.kind] - 1


def test_the_default_list_reads_how_many_meetings_there_are_as_measured_and_counts_again_after_a_change(admin_client):
    call_command("import_articles", str(SEEDS))
    total = Meeting.objects.public().count()

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get("/meetings/?sort=date")  # signed in: built, not a page kept for readers
        assert response.status_code == 200
        counted = [q for q in queries if "COUNT(" in q["sql"].upper() and "events_meeting" in q["sql"]]
        return counted, response.context["page"].paginator.count

    counts, shown = count_queries()
    assert not counts and shown == total
    meeting = Meeting.objects.public().order_by("date").first()
    admin_client.post(f"/admin/events/meeting/{meeting.pk}/delete/", {"post": "yes"})
    counts, shown = count_queries()
    assert shown == total - 1


def test_a_size_measured_before_a_change_committed_elsewhere_is_not_kept(client):
    call_command("import_articles", str(SEEDS))
    measured = facets.size_of(Meeting.objects.public())
    counting = facets.count

    def count_while_another_process_commits(meetings):
        facets.store.set(facets.STAMP, "another process's change", None)
        return counting(meetings)

    with patch.object(facets, "count", count_while_another_process_commits):
        facets.warm()
    facets.forget_changes()
    with patch.object(facets, "size_of", wraps=facets.size_of) as size_of:
        assert facets.public_size() == measured
    assert size_of.called  # counted again, not read


def test_reading_the_list_writes_nothing_when_nothing_changed(client):
    call_command("import_articles", str(SEEDS))
    client.get("/meetings/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/meetings/")
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


HEAVY_PAGES = ["/timeline/", "/about/", "/network/"]


def test_the_overview_pages_are_computed_when_the_data_changes_not_by_their_first_reader(admin_client):
    call_command("import_articles", str(SEEDS))
    for url in HEAVY_PAGES:
        counted, _ = counted_on_request(admin_client, url)
        assert not counted, url
    newest = Meeting.objects.public().exclude(date=None).order_by("-date", "-pk").first()
    assert newest.title in admin_client.get("/timeline/").content.decode()
    response = admin_client.post(f"/admin/events/meeting/{newest.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    bodies = {}
    for url in HEAVY_PAGES:  # the first requests after the change: nothing counted, the change shown
        counted, bodies[url] = counted_on_request(admin_client, url)
        assert not counted, url
    assert newest.title not in bodies["/timeline/"]
    assert f"It holds {Meeting.objects.public().count()} meetings" in bodies["/about/"]


def read_as_rendered(client, url):
    """The page at ``url``, asserting that serving it rendered none of the timeline, the network and the map."""
    with (
        patch("events.site.overview.timeline_body", side_effect=AssertionError("rendered on request")),
        patch("events.site.overview.network_body", side_effect=AssertionError("rendered on request")),
        patch("events.site.overview.map_body", side_effect=AssertionError("rendered on request")),
    ):
        return client.get(url).content.decode()


def test_the_timeline_network_and_map_are_rendered_when_the_data_changes_and_read_as_rendered(admin_client):
    call_command("import_articles", str(SEEDS))
    newest = Meeting.objects.public().exclude(date=None).order_by("-date", "-pk").first()
    kazakh = newest.participants.filter(person__country__code="KZ").first().person
    assert newest.title in read_as_rendered(admin_client, "/timeline/")
    assert kazakh.name in read_as_rendered(admin_client, "/network/")
    assert newest.place.name in read_as_rendered(admin_client, "/map/")
    response = admin_client.post(f"/admin/events/meeting/{newest.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302  # rendered again once the response has gone
    assert newest.title not in read_as_rendered(admin_client, "/timeline/")
    assert "Who met whom" in read_as_rendered(admin_client, "/network/")
    assert "Where contacts took place" in read_as_rendered(admin_client, "/map/")


def test_a_filtered_network_is_drawn_for_its_filters(client):
    call_command("import_articles", str(SEEDS))
    unfiltered = client.get("/network/").content.decode()
    filtered = client.get("/network/?year=2019").content.decode()
    assert "Murat Nurtleu" in unfiltered
    assert "Murat Nurtleu" not in filtered and "Sergey Lavrov" in filtered  # 2019: Tleuberdi's year


def test_the_about_page_reads_the_gaps_notes_once_for_each_version_of_them(client):
    call_command("import_articles", str(SEEDS))
    first = client.get("/about/").content
    with patch("events.history.read_gaps", side_effect=AssertionError("read again")):
        assert client.get("/about/").content == first
