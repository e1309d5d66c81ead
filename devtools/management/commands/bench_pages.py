import cProfile
import io
import pstats
import re
import time

from django.conf import settings
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
        parser.add_argument(
            "--profile",
            action="store_true",
            help="Instead of timing: profile the first request of each page (empty caches) and print the functions "
            "that took the most time, with what they called.",
        )
        parser.add_argument("--top", type=int, default=25, help="With --profile: how many functions per page.")
        parser.add_argument(
            "--page",
            action="append",
            default=[],
            help="With --profile: only pages whose label contains this (repeatable).",
        )

    def handle(self, *args, repeats, output, profile, top, page, **options):
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
        if profile:
            for label, urls in pages:
                if not page or any(part in label for part in page):
                    self.profile(client, label, urls[0], top)
            return
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
                # Built for each request: the pages kept for readers forgotten before each (the counts are kept).
                built = summary([self.measure(client, urls[n % len(urls)], forget=True) for n in range(repeats)])
                row.update({"built median (ms)": built[0], "built p95 (ms)": built[1]})
            rows.append(row)
        self.stdout.write(f"{public.count():,} public meetings, {connection.vendor}")
        self.stdout.write(
            f"{'page':<28} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'built ms':>9} {'queries':>8}"
        )
        for r in rows:
            self.stdout.write(
                f"{r['page']:<28} {r['first (ms)']:>9} {r.get('median (ms)', '-'):>10} {r.get('p95 (ms)', '-'):>8} "
                f"{r.get('built median (ms)', '-'):>9} "
                f"{r['queries']:>8}"
            )
        write_json(output, {"meetings": public.count(), "database": connection.vendor, "pages": rows})

    def measure(self, client, url, forget=False):
        """Milliseconds for one request, timed without recording its queries, which adds work to each; ``forget``:
        after emptying the process's own cache, where the pages kept for readers are."""
        if forget:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return elapsed

    def profile(self, client, label, url, top):
        """The first request of a page with empty caches under cProfile: its functions by their own time and by the
        time spent in them and below, and the queries it made."""
        cache.clear()
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            profiler.enable()
            response = client.get(url)
            profiler.disable()
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]
        text = io.StringIO()
        # The project's own functions by the time spent in them and below (where the time starts), then every
        # function by its own time (where it is spent).
        own = rf"^{re.escape(str(settings.BASE_DIR))}/(?!\.venv)"
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(own, top)
        pstats.Stats(profiler, stream=text).strip_dirs().sort_stats("tottime").print_stats(top)
        self.stdout.write(self.style.MIGRATE_HEADING(f"== {label}: {url}, {len(queries)} queries"))
        for q in slowest:
            self.stdout.write(f"  {float(q['time']) * 1000:8.1f} ms  {q['sql'][:300]}")
        self.stdout.write(text.getvalue())

    def count_queries(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)
