"""The list, the meeting and the person pages are kept rendered for readers until the data changes; editors get
theirs built."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import facets
from events.models import Meeting
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory


@pytest.fixture
def marked(db):
    facets.warm()  # as after any import or migrate: the data's state is marked


def queries_of(client, url):
    """The response and its queries, without the statement time limit PostgreSQL sets and resets around each."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len([q for q in queries if "statement_timeout" not in q["sql"]])


def test_a_page_asked_again_is_served_as_kept_without_building_it(client, marked):
    person = PersonFactory(name="Asel Nurova")
    meeting = MeetingFactory(title="Talks in Almaty")
    ParticipantFactory(meeting=meeting, person=person)
    for url in ["/meetings/?q=Almaty", person.get_absolute_url(), meeting.get_absolute_url()]:
        first, queries = queries_of(client, url)
        again, kept = queries_of(client, url)
        assert again.status_code == 200 and again.content == first.content and not built(again)
        assert kept == 1 < queries  # only the data's state is read


def test_a_change_shows_on_the_next_request(client, marked):
    MeetingFactory(title="Talks in Almaty")
    assert "Talks in Almaty" in client.get("/meetings/").content.decode()
    MeetingFactory(title="Consultations in Moscow")  # saved in this process: seen at once
    assert "Consultations in Moscow" in client.get("/meetings/").content.decode()
    # Changed by another process, which marks the new state when it has counted it again.
    Meeting.objects.filter(title="Talks in Almaty").update(title="Talks in Astana")
    facets.warm()
    body = client.get("/meetings/").content.decode()
    assert "Talks in Astana" in body and "Talks in Almaty" not in body


def built(response):
    return response.context is not None  # a kept page renders no template


def test_a_signed_in_editor_gets_a_page_built_for_them(client, marked, editor):
    MeetingFactory(title="Talks in Almaty")
    assert built(client.get("/meetings/"))
    assert built(client.get("/meetings/"))


def test_a_page_with_a_wrong_filter_is_not_kept(client, marked):
    MeetingFactory(title="Talks in Almaty")
    assert client.get("/meetings/?year=abc").status_code == 400
    again = client.get("/meetings/?year=abc")
    assert again.status_code == 400 and built(again)


def csv_of(client, url="/meetings.csv"):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_csv_of_every_meeting_is_kept_once_written_and_sent_again_without_reading_the_meetings(
    client, marked, kept_exports
):
    MeetingFactory(title="Talks in Almaty")
    first = csv_of(client)
    assert "Talks in Almaty" in first and len(list(kept_exports.glob("meetings-*.csv"))) == 1
    with CaptureQueriesContext(connection) as queries:
        again = csv_of(client)
    assert again == first
    assert not [q for q in queries if "events_meeting" in q["sql"]]


def test_a_change_writes_the_csv_anew_and_the_older_file_goes(client, marked, kept_exports):
    MeetingFactory(title="Talks in Almaty")
    csv_of(client)
    (older,) = kept_exports.glob("meetings-*.csv")
    MeetingFactory(title="Consultations in Moscow")
    assert "Consultations in Moscow" in csv_of(client)
    (newer,) = kept_exports.glob("meetings-*.csv")
    assert newer != older


def test_a_filtered_csv_is_built_for_each_request_and_not_kept(client, marked, kept_exports):
    MeetingFactory(title="Talks in Almaty", kind=Meeting.Kind.TALKS)
    assert "Talks in Almaty" in csv_of(client, "/meetings.csv?kind=talks")
    assert csv_of(client, "/meetings.csv?bom=1").startswith("\ufeff")
    assert not list(kept_exports.glob("*"))


def test_a_csv_broken_off_leaves_nothing_kept(client, marked, kept_exports):
    for day in range(1, 29):
        MeetingFactory(title=f"Talks {day}")
    response = client.get("/meetings.csv")
    next(iter(response.streaming_content))  # the client reads the first part and goes away
    response.close()
    assert not list(kept_exports.glob("*")) and not list(kept_exports.glob(".*"))


def test_a_folder_that_cannot_be_written_sends_the_csv_without_keeping_it(client, marked, settings, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    settings.DIPLOTRACK_KEPT_EXPORTS = str(tmp_path / "a-file" / "kept")
    MeetingFactory(title="Talks in Almaty")
    assert "Talks in Almaty" in csv_of(client)


def test_a_committed_change_marks_a_new_state_for_every_process_before_the_counts(
    marked, django_capture_on_commit_callbacks
):
    before = facets.store.get(facets.STAMP)
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(title="Talks in Almaty")
        MeetingFactory(title="Consultations in Moscow")
    assert facets.store.get(facets.STAMP) != before
