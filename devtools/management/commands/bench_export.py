import os
import resource
import shutil
import subprocess
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from devtools.benchmarks import floor_sql, report
from events.models import Meeting


class Command(BaseCommand):
    help = (
        "Time /meetings.csv of every meeting through Django, with its peak memory, beside a plain SQL export of the "
        "same rows by the database's own tool (sqlite3 -csv, or psql COPY), and the JSON, NDJSON and iCalendar "
        "exports of the same rows, in the same run. Prints a table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="bench-results/export.json", help="Where to write the figures.")
        parser.add_argument("--csv-only", action="store_true", help="Only the CSV and the plain SQL export.")

    def handle(self, *args, output, csv_only, **options):
        meetings = Meeting.objects.public().count()
        if meetings == 0:
            raise CommandError("No meetings: run generate_synthetic first.")
        seconds, first_byte, size, growth = self.django_export("/meetings.csv")
        others = (
            {}
            if csv_only
            else {p: self.django_export(p) for p in ("/meetings.json", "/meetings.ndjson", "/meetings.ics")}
        )
        floor_seconds, floor_size, tool = self.plain_sql()
        figures = {
            "meetings": meetings,
            "database": connection.vendor,
            "csv seconds": round(seconds, 2),
            "csv first byte (s)": round(first_byte, 3),
            "csv MB": round(size / 1e6, 1),
            "csv peak private memory growth (MB)": round(growth, 1),
            "plain SQL tool": tool,
            "plain SQL seconds": round(floor_seconds, 2) if floor_seconds else None,
            "plain SQL MB": round(floor_size / 1e6, 1) if floor_seconds else None,
            "ratio to plain SQL": round(seconds / floor_seconds, 2) if floor_seconds else None,
        }
        for path, (other_seconds, _, other_size, other_growth) in others.items():
            name = path.removeprefix("/meetings.")
            figures[f"{name} seconds"] = round(other_seconds, 2)
            figures[f"{name} MB"] = round(other_size / 1e6, 1)
            figures[f"{name} peak private memory growth (MB)"] = round(other_growth, 1)
            figures[f"{name} ratio to csv"] = round(other_seconds / seconds, 2)
        rows = [
            ("meetings exported", f"{meetings:,}"),
            ("database", connection.vendor),
            ("Django /meetings.csv: seconds", f"{seconds:.2f}"),
            ("Django /meetings.csv: first byte after (s)", f"{first_byte:.3f}"),
            ("Django /meetings.csv: MB written", f"{size / 1e6:.1f}"),
            ("Django /meetings.csv: peak private memory growth (MB)", f"{growth:.1f}"),
            (f"plain SQL ({tool}): seconds", f"{floor_seconds:.2f}" if floor_seconds else "tool not found"),
            ("ratio Django / plain SQL", f"{seconds / floor_seconds:.2f}" if floor_seconds else "-"),
            *(
                (f"Django {path}: seconds, MB, ratio to the CSV", f"{t:.2f}, {n / 1e6:.1f}, {t / seconds:.2f}")
                for path, (t, _, n, _) in others.items()
            ),
        ]
        report(self.stdout, rows, heading="measure", output=output, figures=figures)

    def django_export(self, path):
        """Seconds, first byte, bytes, and the growth of the process's private memory while streaming (sampled at
        each piece; pages of a memory-mapped database file are shared and left out)."""
        client = Client()
        before = private_memory_mb()
        start = time.perf_counter()
        response = client.get(path)
        stream = iter(response.streaming_content)
        size = len(next(stream))
        first_byte = time.perf_counter() - start
        peak = private_memory_mb()
        for chunk in stream:
            size += len(chunk)
            peak = max(peak, private_memory_mb())
        seconds = time.perf_counter() - start
        return seconds, first_byte, size, peak - before

    def plain_sql(self):
        db = settings.DATABASES["default"]
        query = floor_sql(connection.vendor)
        if connection.vendor == "sqlite":
            tool = "sqlite3 -csv"
            command = ["sqlite3", "-csv", "-header", str(db["NAME"]), query]
        else:
            tool = "psql COPY"
            command = [
                "psql", "-X", "-q", "-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432),
                "-U", db.get("USER") or "postgres", "-d", db["NAME"], "-c", f"COPY ({query}) TO STDOUT WITH CSV HEADER",
            ]  # fmt: skip
        if not shutil.which(command[0]):
            return None, 0, f"{tool} (not installed)"
        start = time.perf_counter()
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        result = subprocess.run(command, capture_output=True, check=True, env=env)
        return time.perf_counter() - start, len(result.stdout), tool


def private_memory_mb():
    """Resident anonymous memory of this process (Linux), else the peak resident size."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
