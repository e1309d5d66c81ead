import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.benchmarks import floor_sql, person_and_year, report, summary
from events.models import Meeting
from people.models import Person

REPEATS = 20


class Command(BaseCommand):
    help = (
        "Serve the current SQLite database with gunicorn (production settings, one worker) and with Datasette, "
        "side by side, and time over HTTP on 127.0.0.1: a filtered page of 50 meetings, and a CSV of all of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="bench-results/compare-sqlite.json")
        parser.add_argument(
            "--csv-repeats", type=int, default=3, help="Timed downloads of each CSV, after one not timed."
        )

    def handle(self, *args, output, csv_repeats, **options):
        if connection.vendor != "sqlite":
            raise CommandError("Datasette reads SQLite files: point DATABASE_URL at the SQLite benchmark database.")
        datasette = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
        if not Path(datasette).exists():
            raise CommandError("Datasette is not installed (it is a development dependency: make setup).")
        database = Path(settings.DATABASES["default"]["NAME"])
        person_id, slug, year = person_and_year()
        env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + "k3y" * 20,
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        # Production settings serve hashed static files, which need collecting first.
        subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True)
        ours_port, theirs_port = free_port(), free_port()
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        servers = [
            subprocess.Popen(
                [gunicorn, "diplotrack.wsgi", "--bind", f"127.0.0.1:{ours_port}", "--workers", "1"]
                # As long as the client waits: the CSV of a million meetings takes longer than gunicorn's default
                # 30 s, after which it would stop the worker mid-stream.
                + ["--timeout", "600", "--log-level", "error"],
                cwd=settings.BASE_DIR,
                env=env,
            ),
            # Immutable mode, no time limit, and room for every row of a query in one response.
            subprocess.Popen(
                [datasette, "serve", "-i", str(database), "-p", str(theirs_port), "--setting", "sql_time_limit_ms",
                 "600000", "--setting", "max_csv_mb", "0", "--setting", "max_returned_rows", "1000000"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
        ]  # fmt: skip
        try:
            ours, theirs = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{theirs_port}"
            wait_for(ours + "/")
            wait_for(theirs + "/")
            table = f"{theirs}/{database.stem}/events_meeting"
            where = f"id in (select meeting_id from events_participant where person_id = {person_id})"
            query = urllib.parse.urlencode(
                {
                    "_where": where,
                    "date__gte": f"{year}-01-01",
                    "date__lte": f"{year}-12-31",
                    "status__not": "draft",
                    "_sort_desc": "date",
                    "_size": "50",
                }
            )
            same_rows = urllib.parse.urlencode({"sql": floor_sql("sqlite"), "_size": "max"})
            list_ours = timed(f"{ours}/meetings/?person={slug}&year={year}")
            list_built = timed(f"{ours}/meetings/?person={slug}&year={year}", vary=True)
            # A name searched in full text: our list page (its facets and all), and Datasette's own search of the
            # same FTS5 index, returning the matching meetings' ids only.
            word = Person.objects.get(slug=slug).name.split()[-1]
            search_ours = timed(f"{ours}/meetings/?" + urllib.parse.urlencode({"q": word}))
            search_built = timed(f"{ours}/meetings/?" + urllib.parse.urlencode({"q": word}), vary=True)
            fts = urllib.parse.urlencode(
                {
                    "_search": word,
                    "_fts_table": "events_meetingtext_fts",
                    "_fts_pk": "meeting_id",
                    "_col": "meeting_id",
                    "_size": "25",
                }
            )
            search_theirs = timed(f"{theirs}/{database.stem}/events_meetingtext?{fts}")
            list_theirs = timed(f"{table}?{query}")
            csv_ours = timed(f"{ours}/meetings.csv", repeats=csv_repeats)
            csv_built = timed(f"{ours}/meetings.csv", repeats=csv_repeats, vary=True)
            csv_theirs_rows = timed(f"{theirs}/{database.stem}.csv?{same_rows}", repeats=csv_repeats)
            csv_theirs_table = timed(f"{table}.csv?_stream=on&_size=max&status__not=draft", repeats=csv_repeats)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=20)
        figures = {
            "meetings": Meeting.objects.public().count(),
            "list url": f"/meetings/?person={slug}&year={year}",
            "list ms, DiploTrack": list_ours[:2],
            "list ms, Datasette": list_theirs[:2],
            "list ratio": round(list_theirs[0] / list_ours[0], 1),
            "list ms, DiploTrack, built": list_built[:2],
            "list ratio, built": round(list_theirs[0] / list_built[0], 1),
            "search word": word,
            "search ms, DiploTrack": search_ours[:2],
            "search ms, Datasette": search_theirs[:2],
            "search ratio": round(search_theirs[0] / search_ours[0], 1),
            "search ms, DiploTrack, built": search_built[:2],
            "search ratio, built": round(search_theirs[0] / search_built[0], 1),
            "csv s, DiploTrack": round(csv_ours[0] / 1000, 2),
            "csv MB, DiploTrack": round(csv_ours[2] / 1e6, 1),
            "csv s, Datasette same rows": round(csv_theirs_rows[0] / 1000, 2),
            "csv MB, Datasette same rows": round(csv_theirs_rows[2] / 1e6, 1),
            "csv ratio, same rows": round(csv_theirs_rows[0] / csv_ours[0], 2),
            "csv s, DiploTrack, built": round(csv_built[0] / 1000, 2),
            "csv ratio, same rows, built": round(csv_theirs_rows[0] / csv_built[0], 2),
            "csv s, Datasette meeting table": round(csv_theirs_table[0] / 1000, 2),
            "csv MB, Datasette meeting table": round(csv_theirs_table[2] / 1e6, 1),
            "csv ratio, meeting table": round(csv_theirs_table[0] / csv_ours[0], 2),
        }
        rows = [
            ("meetings", f"{figures['meetings']:,}"),
            ("filtered list page, DiploTrack: median ms (p95)", "{} ({})".format(*list_ours[:2])),
            ("filtered table page, Datasette: median ms (p95)", "{} ({})".format(*list_theirs[:2])),
            ("list: ratio Datasette / DiploTrack", f"{figures['list ratio']}"),
            ("filtered list page built for each request, DiploTrack: median ms (p95)",
             "{} ({})".format(*list_built[:2])),
            ("list, built: ratio Datasette / DiploTrack", f"{figures['list ratio, built']}"),
            (f"free-text search for {word!r}, DiploTrack list page: median ms (p95)",
             "{} ({})".format(*search_ours[:2])),
            ("the same search, Datasette's full-text search: median ms (p95)", "{} ({})".format(*search_theirs[:2])),
            ("the search built for each request, DiploTrack: median ms (p95)", "{} ({})".format(*search_built[:2])),
            ("search, built: ratio Datasette / DiploTrack", f"{figures['search ratio, built']}"),
            ("CSV of all meetings, DiploTrack: s (MB)",
             f"{figures['csv s, DiploTrack']} ({figures['csv MB, DiploTrack']})"),
            ("CSV of the same rows, Datasette: s (MB)",
             f"{figures['csv s, Datasette same rows']} ({figures['csv MB, Datasette same rows']})"),
            ("CSV: ratio Datasette / DiploTrack", f"{figures['csv ratio, same rows']}"),
            ("CSV of all meetings written for each request, DiploTrack: s", f"{figures['csv s, DiploTrack, built']}"),
            ("CSV, written: ratio Datasette / DiploTrack", f"{figures['csv ratio, same rows, built']}"),
            ("CSV stream of the meeting table alone, Datasette: s (MB)",
             f"{figures['csv s, Datasette meeting table']} ({figures['csv MB, Datasette meeting table']})"),
        ]  # fmt: skip
        report(self.stdout, rows, heading="over HTTP on 127.0.0.1", output=output, figures=figures)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"{url} did not answer within {seconds} s")


def timed(url, repeats=REPEATS, vary=False):
    """(median ms, p95 ms, bytes) of fetching ``url`` completely, after one warm-up request; ``vary``: each time at
    another address (a parameter the page ignores added), so that no page kept for readers is served."""
    urllib.request.urlopen(url, timeout=600).read()
    times, size = [], 0
    for n in range(repeats):
        address = f"{url}{'&' if '?' in url else '?'}_n={n}" if vary else url
        start = time.perf_counter()
        with urllib.request.urlopen(address, timeout=600) as response:
            size = len(response.read())
        times.append((time.perf_counter() - start) * 1000)
    return (*summary(times), size)
