import time

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from devtools.benchmarks import person_and_year, summary, write_json
from events.models import Meeting
from people.models import Person


class Command(BaseCommand):
    help = (
        "Time the analysts' pages on the current database (server time through Django, no network): the first "
        "request with empty caches, then the median and 95th percentile of repeats, and the queries per request."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeats", type=int, default=20, help="0: only the first request and its queries.")
        parser.add_argument("--output", default="bench-results/pages.json")

    def handle(self, *args, repeats, output, **options):
        public = Meeting.objects.public()
        if not public.exists():
            raise CommandError("No meetings: import articles or run generate_synthetic first.")
        _, person, year = person_and_year()
        typed = Person.objects.get(slug=person).name.split()[-1][:4]  # part of a name, as someone types it
        details = [m.get_absolute_url() for m in public.order_by("-date")[: max(repeats, 1)]]
        pages = [
            ("list, default (with facets)", ["/meetings/"]),
            ("list, person + year", [f"/meetings/?person={person}&year={year}"]),
            ("list, free text", ["/meetings/?q=Lavrov"]),
            ("meeting detail", details),
            ("person detail", [f"/people/{person}/"]),
            ("map", ["/map/"]),
            ("map, person + year", [f"/map/?person={person}&year={year}"]),
            ("network", ["/network/"]),
            ("timeline", ["/timeline/"]),
            ("about", ["/about/"]),
            ("people suggestions", [f"/people/suggest?name={typed}"]),
            ("people suggestions, with a year", [f"/people/suggest?name={typed}&year={year}"]),
        ]
        client = Client()
        rows = []
        for label, urls in pages:
            cache.clear()
            first = self.measure(client, urls[0])
            cache.clear()
            queries = self.count_queries(client, urls[0])  # with empty caches, as the first request
            row = {"page": label, "url": urls[0], "first (ms)": round(first, 1), "queries": queries}
            if repeats:
                median, p95 = summary([self.measure(client, urls[n % len(urls)]) for n in range(repeats)])
                row.update({"median (ms)": median, "p95 (ms)": p95})
            rows.append(row)
        self.stdout.write(f"{public.count():,} public meetings, {connection.vendor}")
        self.stdout.write(f"{'page':<28} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for r in rows:
            self.stdout.write(
                f"{r['page']:<28} {r['first (ms)']:>9} {r.get('median (ms)', '-'):>10} {r.get('p95 (ms)', '-'):>8} "
                f"{r['queries']:>8}"
            )
        write_json(output, {"meetings": public.count(), "database": connection.vendor, "pages": rows})

    def measure(self, client, url):
        """Milliseconds for one request, timed without recording its queries, which adds work to each."""
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return elapsed

    def count_queries(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)
