import json
import statistics
import time
from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import Meeting, Participant


class Command(BaseCommand):
    help = (
        "Time the analysts' pages on the current database (server time through Django, no network): the first "
        "request with empty caches, then the median and 95th percentile of repeats, and the queries per request."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeats", type=int, default=20)
        parser.add_argument("--output", default="bench-results/pages.json")

    def handle(self, *args, repeats, output, **options):
        public = Meeting.objects.public()
        if not public.exists():
            raise CommandError("No meetings: import articles or run generate_synthetic first.")
        busiest = (
            Participant.objects.values("person__slug", "meeting__date__year")
            .order_by("-meeting__date__year", "person__slug")
            .first()
        )
        person, year = busiest["person__slug"], busiest["meeting__date__year"]
        details = [m.get_absolute_url() for m in public.order_by("-date")[:repeats]]
        pages = [
            ("list, default (with facets)", ["/meetings/"]),
            ("list, person + year", [f"/meetings/?person={person}&year={year}"]),
            ("list, free text", ["/meetings/?q=Lavrov"]),
            ("meeting detail", details),
            ("person detail", [f"/people/{person}/"]),
        ]
        client = Client()
        rows = []
        for label, urls in pages:
            cache.clear()
            first, queries = self.measure(client, urls[0])
            times = [self.measure(client, urls[n % len(urls)])[0] for n in range(repeats)]
            times.sort()
            rows.append(
                {
                    "page": label,
                    "first (ms)": round(first, 1),
                    "median (ms)": round(statistics.median(times), 1),
                    "p95 (ms)": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                    "queries": queries,
                }
            )
        header = f"{'page':<28} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
        self.stdout.write(f"{public.count():,} public meetings, {connection.vendor}")
        self.stdout.write(header)
        for r in rows:
            self.stdout.write(
                f"{r['page']:<28} {r['first (ms)']:>9} {r['median (ms)']:>10} {r['p95 (ms)']:>8} {r['queries']:>8}"
            )
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rows, indent=2) + "\n")

    def measure(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return elapsed, len(queries)
