"""Expensive requests cost little: search words normalised and capped, and a bound on each statement's time."""

import time

import pytest
from django.db import connection

from events.models import search_terms

pytestmark = pytest.mark.usefixtures("reference")


def test_search_terms_are_distinct_words_of_two_letters_or_more_at_most_five():
    assert search_terms("a a a a a a a a a a") == []
    assert search_terms("Lavrov lavrov LAVROV Astana, «visit» x") == ["Lavrov", "Astana", "visit"]
    assert search_terms("one two three four five six seven") == ["one", "two", "three", "four", "five"]


@pytest.mark.parametrize("address", ["/meetings/", "/meetings.csv", "/meetings.json"])
def test_a_search_of_one_letter_words_is_refused_with_a_message(client, address):
    response = client.get(address, {"q": "a a a a a a a a a a"})
    assert response.status_code == 400
    assert "words of 2 letters or more" in response.content.decode()


def test_a_search_with_repeated_words_is_the_search_for_the_word_once(client):
    from tests.ingest_helpers import SEEDS, import_files

    import_files(*sorted(SEEDS.glob("*.txt")))
    once = client.get("/meetings/", {"q": "Lavrov"})
    repeated = client.get("/meetings/", {"q": " ".join(["Lavrov", "LAVROV", "lavrov"] * 8)})
    assert repeated.status_code == 200
    assert repeated.context["size"]["n"] == once.context["size"]["n"] > 0


@pytest.mark.urls("tests.slow_urls")
@pytest.mark.django_db(transaction=True)  # as served: each statement in autocommit
def test_a_runaway_query_on_a_public_page_answers_503_and_the_next_request_is_not_limited(client, settings):
    settings.DIPLOTRACK_QUERY_SECONDS = 0.3
    start = time.perf_counter()
    response = client.get("/runaway/")
    assert response.status_code == 503
    assert "more than 0.3 s of database time" in response.content.decode()
    assert time.perf_counter() - start < 4
    assert client.get("/meetings/").status_code == 200
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"
    else:
        assert not [w for w in connection.execute_wrappers if getattr(w, "__name__", "") == "_timed"]


@pytest.mark.urls("tests.slow_urls")
@pytest.mark.django_db(transaction=True)
def test_a_runaway_query_in_a_streamed_export_stops_it(client, settings):
    settings.DIPLOTRACK_QUERY_SECONDS = 0.3
    response = client.get("/runaway-stream/")
    chunks = iter(response.streaming_content)
    assert next(chunks) == b"first line\n"
    start = time.perf_counter()
    with pytest.raises(Exception, match="interrupted|statement timeout"):
        next(chunks)
    assert time.perf_counter() - start < 4
    response.close()


@pytest.mark.urls("tests.slow_urls")
def test_the_admin_is_not_limited(admin_client, settings):
    settings.DIPLOTRACK_QUERY_SECONDS = 0.3
    assert admin_client.get("/admin/").status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans of PostgreSQL (SQLite's need no index more)")
def test_the_default_list_reads_its_page_and_its_state_from_indexes_on_postgresql(client):
    import datetime

    from django.test.utils import CaptureQueriesContext

    from tests.factories import MeetingFactory

    for n in range(30):
        MeetingFactory(date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    MeetingFactory(date=None)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/meetings/").status_code == 200
    page = next(q["sql"] for q in queries if "LIMIT 25" in q["sql"] and "ORDER BY" in q["sql"])
    state = next(q["sql"] for q in queries if 'AS "changed"' in q["sql"])
    with connection.cursor() as cursor:
        # A few rows: without this the planner reads the table whatever the indexes; with it, the plan of large data
        # (bitmap scans too, as the rows of a test, never vacuumed, are not yet known to be visible to all).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plans = []
        for sql in (page, state):
            cursor.execute("EXPLAIN " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert "meeting_newest_first" in plans[0] and "Sort" not in plans[0], plans[0]  # newest first, no sort
    assert "Index Only Scan using meeting_public_state" in plans[1], plans[1]
