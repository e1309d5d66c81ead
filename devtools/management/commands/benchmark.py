import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import dj_database_url
import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg2 import sql

from devtools.benchmarks import cpu_reference, write_json

PAGES = [
    "list, default (with facets)",
    "list, person + year",
    "list, free text",
    "meeting detail",
    "person detail",
    "people suggestions",
    "people suggestions, with a year",
    "map",
    "map, person + year",
    "network",
    "timeline",
    "about",
]
LIMITS = {
    "list, free text": 100,
    "list, person + year": 50,
    "meeting detail": 30,
    "person detail": 30,
    "people suggestions": 50,
    "people suggestions, with a year": 50,
    "map": 100,
    "map, person + year": 100,
    "network": 100,
    "timeline": 100,
    "about": 100,
}


class Command(BaseCommand):
    help = (
        "The whole benchmark in one run: fresh databases (SQLite, and PostgreSQL when --postgres or DATABASE_URL "
        "names a PostgreSQL server), the importer on generated articles, then N synthetic meetings, the pages, the "
        "CSV export beside the database's own tool and, on SQLite, beside Datasette. Prints one table and writes "
        "every figure to one JSON file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=100_000)
        parser.add_argument("--articles", type=int, default=1000, help="Generated articles for the importer.")
        parser.add_argument("--repeats", type=int, default=20, help="Requests per page after the first.")
        parser.add_argument(
            "--postgres",
            default=os.environ.get("DATABASE_URL", ""),
            help="A PostgreSQL address; the benchmark creates (and replaces) the database <name>_bench on that "
            "server. Default: DATABASE_URL, when it names PostgreSQL.",
        )
        parser.add_argument("--folder", default="bench-results", help="Where the SQLite database is built.")
        parser.add_argument("--output", default="bench-results/results.json")
        parser.add_argument(
            "--profile",
            action="store_true",
            help="Only build the databases and profile the first request of each page (bench_pages --profile); "
            "no timings, no table.",
        )

    def handle(self, *args, meetings, articles, repeats, postgres, folder, output, profile, **options):
        started = time.perf_counter()
        folder = Path(settings.BASE_DIR) / folder
        folder.mkdir(parents=True, exist_ok=True)
        targets = {"sqlite": f"sqlite:///{folder / 'bench.sqlite3'}"}
        if postgres.startswith(("postgres://", "postgresql://", "pgsql://")):
            targets["postgresql"] = fresh_postgres(postgres)
        results = {"meetings": meetings, "articles": articles, "repeats": repeats, "databases": {}}
        with tempfile.TemporaryDirectory() as scratch:
            for vendor, url in targets.items():
                self.stdout.write(self.style.MIGRATE_HEADING(f"== {vendor}"))
                results["databases"][vendor] = self.measure(
                    vendor, url, Path(scratch), meetings, articles, repeats, profile
                )
        if profile:
            return
        results["minutes"] = round((time.perf_counter() - started) / 60, 1)
        results["table"] = table(results)
        write_json(output, results)
        self.stdout.write("")
        self.stdout.write("\n".join(results["table"]))
        self.stdout.write(f"\n{results['minutes']} minutes; figures in {output}")

    def measure(self, vendor, url, scratch, meetings, articles, repeats, profile=False):
        if vendor == "sqlite":
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)

        def run(*command, output=None):
            env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0"}
            env.pop("DJANGO_ENV", None)
            argv = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *command]
            if output:
                argv += ["--output", str(scratch / f"{vendor}-{output}.json")]
            self.stdout.write(f"$ manage.py {' '.join(command)}")
            finished = subprocess.run(argv, env=env)
            if finished.returncode:
                raise CommandError(f"manage.py {command[0]} failed on {vendor} (exit {finished.returncode}).")
            return json.loads((scratch / f"{vendor}-{output}.json").read_text()) if output else None

        run("migrate", "--no-input", "-v0")
        run("load_reference")
        if profile:
            run("generate_synthetic", "--meetings", str(meetings), "--force", "-v0")
            run("bench_pages", "--profile")
            return None
        figures = {"import": run("bench_import", "--articles", str(articles), output="import")}
        # The same pages on a handful of meetings, to compare the number of queries with 100,000.
        run("import_articles", str(Path(settings.BASE_DIR) / "fixtures" / "articles"))
        figures["pages, few meetings"] = run("bench_pages", "--repeats", "0", output="pages-few")
        run("generate_synthetic", "--meetings", str(meetings), "--force", "-v0")
        figures["cpu reference ms"] = cpu_reference()
        figures["pages"] = run("bench_pages", "--repeats", str(repeats), output="pages")
        figures["export"] = run("bench_export", output="export")
        figures["backup"] = run("bench_backup", output="backup")
        if vendor == "sqlite":
            figures["datasette"] = run("bench_compare", output="compare")
        return figures


def fresh_postgres(url):
    """Drop and create <name>_bench on the server of ``url``; return its address."""
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_bench"
    connection = psycopg2.connect(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg2.Error as error:
        raise CommandError(f"Could not create the benchmark database {name}: {error}".strip()) from error
    finally:
        connection.close()
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


# --- the table ------------------------------------------------------------------------------------------------------


def table(results):
    """One line per measure: each database's figure, what it is set beside, the target and whether it is met."""
    databases = results["databases"]
    vendors = list(databases)
    lines = []

    def page(vendor, label):
        return next(p for p in databases[vendor]["pages"]["pages"] if p["page"] == label)

    def add(measure, values, beside="", target="", met=None):
        verdict = "" if met is None else ("met" if met else "NOT MET")
        lines.append((measure, *[values.get(v, "-") for v in vendors], beside, target, verdict))

    add(
        "machine: a fixed Python loop before the pages, ms",
        {v: f"{databases[v]['cpu reference ms']}" for v in vendors},
        beside="lower is faster; compare runs by it",
    )
    for label in PAGES:
        medians = {v: page(v, label)["median (ms)"] for v in vendors}
        limit = LIMITS.get(label)
        add(
            f"{label}: median / p95 ms",
            {v: f"{medians[v]} / {page(v, label)['p95 (ms)']}" for v in vendors},
            target=f"median <= {limit}" if limit else "",
            met=all(m <= limit for m in medians.values()) if limit else None,
        )
        firsts = {v: page(v, label)["first (ms)"] for v in vendors}
        if label == PAGES[0]:  # the counts were kept when the data changed: a new process only reads them
            add(
                f"{label}: first request of a new process (ms)",
                {v: f"{firsts[v]}" for v in vendors},
                target="<= 300",
                met=all(first <= 300 for first in firsts.values()),
            )
        else:
            add(f"{label}: first request, empty caches (ms)", {v: f"{firsts[v]}" for v in vendors})
        few = {v: next(p for p in databases[v]["pages, few meetings"]["pages"] if p["page"] == label) for v in vendors}
        add(
            f"{label}: queries",
            {v: f"{page(v, label)['queries']}" for v in vendors},
            beside="with 5 meetings: " + ", ".join(str(few[v]["queries"]) for v in vendors),
            target="does not grow",
            met=all(page(v, label)["queries"] <= few[v]["queries"] for v in vendors),
        )
    d = databases.get("sqlite", {}).get("datasette")
    if d:
        add(
            "filtered list over HTTP: median ms",
            {"sqlite": f"{d['list ms, DiploTrack'][0]}"},
            beside=f"Datasette {d['list ms, Datasette'][0]} ({d['list ratio']}x)",
            target=">= 5x faster",
            met=d["list ratio"] >= 5,
        )
    if d and "search ms, DiploTrack" in d:
        add(
            "free-text search over HTTP: median ms",
            {"sqlite": f"{d['search ms, DiploTrack'][0]}"},
            beside=f"Datasette's full-text search on the same index {d['search ms, Datasette'][0]} "
            f"({d['search ratio']}x)",
            target="<= 100",
            met=d["search ms, DiploTrack"][0] <= 100,
        )
    for vendor in vendors:
        e = databases[vendor]["export"]
        add(
            f"/meetings.csv, all rows, in process: s ({vendor})",
            {vendor: f"{e['csv seconds']}"},
            beside=f"{e['plain SQL tool']} {e['plain SQL seconds']} (ratio {e['ratio to plain SQL']})",
            target="within 2x of plain SQL",
            met=e["ratio to plain SQL"] is not None and e["ratio to plain SQL"] <= 2,
        )
    for vendor in vendors:
        e = databases[vendor]["export"]
        if "json seconds" in e:
            add(
                f"/meetings.json, the same rows, in process: s ({vendor})",
                {vendor: f"{e['json seconds']}"},
                beside=f"CSV {e['csv seconds']} (ratio {e['json ratio to csv']}); NDJSON {e['ndjson seconds']}, "
                f"iCalendar {e['ics seconds']}",
                target="within 2x of the CSV",
                met=e["json ratio to csv"] <= 2,
            )
    add(
        "/meetings.json: peak private memory growth MB",
        {v: f"{databases[v]['export'].get('json peak private memory growth (MB)', '-')}" for v in vendors},
    )
    for vendor in vendors:
        b = databases[vendor].get("backup")
        if b:
            add(
                f"restore of a backup into an empty database: s ({vendor})",
                {vendor: f"{b['restore seconds']}"},
                beside=f"backup {b['backup seconds']} s, {b['backup MB']} MB, {b['rows']:,} rows; counts "
                + ("checked" if b["counts checked"] else "NOT checked"),
                target="<= 120",
                met=b["restore seconds"] <= 120 and b["counts checked"],
            )
    add(
        "/meetings.csv: peak private memory growth MB",
        {v: f"{databases[v]['export']['csv peak private memory growth (MB)']}" for v in vendors},
    )
    if d:
        add(
            "/meetings.csv over HTTP: s",
            {"sqlite": f"{d['csv s, DiploTrack']}"},
            beside=f"Datasette, same rows {d['csv s, Datasette same rows']} ({d['csv ratio, same rows']}x)",
            target=">= 2x faster",
            met=d["csv ratio, same rows"] >= 2,
        )
        add(
            "",
            {},
            beside=f"Datasette, meeting table only {d['csv s, Datasette meeting table']} "
            f"({d['csv ratio, meeting table']}x)",
        )
    for language, name, floor in (("en", "English", 50), ("ru", "Russian", 25)):
        runs = {v: databases[v]["import"][language] for v in vendors}
        add(
            f"import, {name}: articles per second",
            {v: f"{runs[v]['articles per second']}" for v in vendors},
            beside="F1 " + ", ".join(f"{runs[v]['f1']}" for v in vendors),
            target=f">= {floor}",
            met=all(run["articles per second"] >= floor for run in runs.values()),
        )
    worst = {v: max(databases[v]["import"]["pathological"], key=lambda row: row["seconds"]) for v in vendors}
    add(
        "import, slowest odd article at the size limit: s",
        {v: f"{worst[v]['seconds']}" for v in vendors},
        beside=", ".join(sorted({row["shape"] for row in worst.values()})),
        target="<= 5",
        met=all(row["seconds"] <= 5 for row in worst.values()),
    )
    header = ("measure", *vendors, "beside", "target", "verdict")
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    return [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *lines]
    ]
