import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from events.benchmarks import report
from events.models import Meeting, Participant

REPEATS = 20


class Command(BaseCommand):
    help = (
        "Serve the current SQLite database with gunicorn (production settings, one worker) and with Datasette, "
        "side by side, and time over HTTP on 127.0.0.1: a filtered page of 50 meetings and a CSV of all of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="bench-results/compare-sqlite.json")

    def handle(self, *args, output, **options):
        if connection.vendor != "sqlite":
            raise CommandError("Datasette reads SQLite files: point DATABASE_URL at the SQLite benchmark database.")
        datasette = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
        if not Path(datasette).exists():
            raise CommandError("Datasette is not installed (it is a development dependency: make setup).")
        database = Path(settings.DATABASES["default"]["NAME"])
        busiest = Participant.objects.values("person_id", "person__slug", "meeting__date__year").order_by(
            "-meeting__date__year", "person__slug"
        )[0]
        person_id, slug, year = busiest["person_id"], busiest["person__slug"], busiest["meeting__date__year"]
        ours_port, theirs_port = free_port(), free_port()
        env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + "k3y" * 20,
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        servers = [
            subprocess.Popen(
                [gunicorn, "diplotrack.wsgi", "--bind", f"127.0.0.1:{ours_port}", "--workers", "1"]
                + ["--log-level", "error"],
                cwd=settings.BASE_DIR,
                env=env,
            ),
            subprocess.Popen(
                [datasette, "serve", "-i", str(database), "-p", str(theirs_port), "--setting", "sql_time_limit_ms",
                 "120000", "--setting", "max_csv_mb", "0"],
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
            list_ours = timed(f"{ours}/meetings/?person={slug}&year={year}")
            list_theirs = timed(f"{table}?{query}")
            csv_ours = timed(f"{ours}/meetings.csv", repeats=1)
            csv_theirs = timed(f"{table}.csv?_stream=on&_size=max&status__not=draft", repeats=1)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=20)
        rows = [
            ("meetings", f"{Meeting.objects.count():,}"),
            ("filtered list page, DiploTrack: median ms (p95)", f"{list_ours[0]:.1f} ({list_ours[1]:.1f})"),
            ("filtered table page, Datasette: median ms (p95)", f"{list_theirs[0]:.1f} ({list_theirs[1]:.1f})"),
            ("list: ratio Datasette / DiploTrack", f"{list_theirs[0] / list_ours[0]:.2f}"),
            ("CSV of all meetings, DiploTrack: s (MB)", f"{csv_ours[0] / 1000:.2f} ({csv_ours[2] / 1e6:.1f})"),
            ("CSV stream of the table, Datasette: s (MB)", f"{csv_theirs[0] / 1000:.2f} ({csv_theirs[2] / 1e6:.1f})"),
            ("CSV: ratio Datasette / DiploTrack", f"{csv_theirs[0] / csv_ours[0]:.2f}"),
        ]
        report(self.stdout, rows, heading="over HTTP on 127.0.0.1", output=output)


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


def timed(url, repeats=REPEATS):
    """(median ms, p95 ms, bytes) of fetching ``url`` completely, after one warm-up request."""
    urllib.request.urlopen(url, timeout=600).read()
    times, size = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=600) as response:
            size = len(response.read())
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], size
