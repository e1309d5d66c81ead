"""A page with a runaway query, for the test of the database time budget."""

from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import include, path


def slow_sql():
    if connection.vendor == "postgresql":
        return "SELECT pg_sleep(5)"
    # Counting to a billion: seconds of work for SQLite, in one statement.
    return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT COUNT(*) FROM n"


def runaway(request):
    with connection.cursor() as cursor:
        cursor.execute(slow_sql())
    return HttpResponse("done")


def runaway_stream(request):
    def chunks():
        yield "first line\n"
        with connection.cursor() as cursor:
            cursor.execute(slow_sql())
            cursor.fetchall()
        yield "never\n"

    return StreamingHttpResponse(chunks())


urlpatterns = [
    path("runaway/", runaway),
    path("runaway-stream/", runaway_stream),
    path("", include("diplotrack.urls")),
]
