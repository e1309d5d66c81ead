import json
import math
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

from devtools.benchmarks import TARGETS, cpu_reference, write_json

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
        parser.add_argument(
            "--million",
            action="store_true",
            help="Instead of the whole benchmark: the list, the search and the CSV on SQLite, beside Datasette and "
            "sqlite3 -csv, at --meetings and at --large meetings (1,000,000), with how long generating them takes "
            "and how each cost grows. Figures in million.json beside --output. Not part of the default run.",
        )
        parser.add_argument("--large", type=int, default=1_000_000, help="With --million: the larger size.")

    def handle(self, *args, meetings, articles, repeats, postgres, folder, output, profile, million, large, **options):
        started = time.perf_counter()
        folder = Path(settings.BASE_DIR) / folder
        folder.mkdir(parents=True, exist_ok=True)
        if million:
            output = str(Path(output).with_name("million.json"))
            with tempfile.TemporaryDirectory() as scratch:
                results = self.grow(folder, Path(scratch), [meetings, large])
            results["minutes"] = round((time.perf_counter() - started) / 60, 1)
            results["table"] = million_table(results)
            write_json(output, results)
            self.stdout.write("")
            self.stdout.write("\n".join(results["table"]))
            self.stdout.write(f"\n{results['minutes']} minutes; figures in {output}")
            return
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

    def runner(self, vendor, url, scratch):
        """A function that runs a management command on the database at ``url`` in a process of its own and
        returns the figures it wrote, when it is given an ``output`` name."""

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

        return run

    def measure(self, vendor, url, scratch, meetings, articles, repeats, profile=False):
        if vendor == "sqlite":
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        run = self.runner(vendor, url, scratch)
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
        generating = time.perf_counter()
        run("generate_synthetic", "--meetings", str(meetings), "--force", "-v0")
        figures["generate s"] = round(time.perf_counter() - generating, 1)
        figures["cpu reference ms"] = cpu_reference()
        figures["pages"] = run("bench_pages", "--repeats", str(repeats), output="pages")
        figures["export"] = run("bench_export", output="export")
        figures["backup"] = run("bench_backup", output="backup")
        if vendor == "sqlite":
            figures["datasette"] = run("bench_compare", output="compare")
        return figures

    def grow(self, folder, scratch, sizes):
        """The list, the search and the CSV on a fresh SQLite database of each size, one after the other."""
        results = {"sizes": sizes, "databases": {}}
        for size in sizes:
            self.stdout.write(self.style.MIGRATE_HEADING(f"== sqlite, {size:,} meetings"))
            path = folder / f"bench-{size}.sqlite3"
            path.unlink(missing_ok=True)
            run = self.runner(f"sqlite-{size}", f"sqlite:///{path}", scratch)
            run("migrate", "--no-input", "-v0")
            run("load_reference")
            generating = time.perf_counter()
            run("generate_synthetic", "--meetings", str(size), "-v0")
            figures = {"generate s": round(time.perf_counter() - generating, 1), "cpu reference ms": cpu_reference()}
            figures["datasette"] = run("bench_compare", "--csv-repeats", "1", output="compare")
            figures["export"] = run("bench_export", "--csv-only", output="export")
            figures["database MB"] = round(path.stat().st_size / 1e6)
            results["databases"][str(size)] = figures
        return results


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

    def add(measure, values, beside="", target=None, figures=None):
        """A row; ``target``: a key of TARGETS, met when each of ``figures`` (one per database) meets it."""
        verdict = ""
        if target is not None:
            verdict = "met" if figures and all(TARGETS[target].met(f) for f in figures) else "NOT MET"
        goal = str(TARGETS[target]) if target is not None else ""
        lines.append((measure, *[values.get(v, "-") for v in vendors], beside, goal, verdict))

    add(
        "machine: a fixed Python loop before the pages, ms",
        {v: f"{databases[v]['cpu reference ms']}" for v in vendors},
        beside="lower is faster; compare runs by it",
    )
    for label in PAGES:
        medians = {v: page(v, label)["median (ms)"] for v in vendors}
        add(
            f"{label}: median / p95 ms",
            {v: f"{medians[v]} / {page(v, label)['p95 (ms)']}" for v in vendors},
            target=f"median ms: {label}" if f"median ms: {label}" in TARGETS else None,
            figures=list(medians.values()),
        )
        if all("built median (ms)" in page(v, label) for v in vendors):
            builts = {v: page(v, label)["built median (ms)"] for v in vendors}
            add(
                f"{label}: built for each request, median / p95 ms",
                {v: f"{builts[v]} / {page(v, label)['built p95 (ms)']}" for v in vendors},
                beside="no page kept for readers served",
                target=f"median ms: {label}" if f"median ms: {label}" in TARGETS else None,
                figures=list(builts.values()),
            )
        firsts = {v: page(v, label)["first (ms)"] for v in vendors}
        # What the targeted pages need was computed when the data changed: a new process only reads it. The default
        # list is the first page the timing process asks for, so its figure includes the process's own start.
        first = "first request of a new process" if label == PAGES[0] else "first request, empty caches"
        add(
            f"{label}: {first} (ms)",
            {v: f"{firsts[v]}" for v in vendors},
            target=f"first ms: {label}" if f"first ms: {label}" in TARGETS else None,
            figures=list(firsts.values()),
        )
        few = {v: next(p for p in databases[v]["pages, few meetings"]["pages"] if p["page"] == label) for v in vendors}
        lines.append(
            (
                f"{label}: queries",
                *[f"{page(v, label)['queries']}" for v in vendors],
                "with 5 meetings: " + ", ".join(str(few[v]["queries"]) for v in vendors),
                "does not grow",
                "met" if all(page(v, label)["queries"] <= few[v]["queries"] for v in vendors) else "NOT MET",
            )
        )
    if {"sqlite", "postgresql"} <= set(vendors):
        label = PAGES[0]
        # The page built for each request: what the database does, not the page kept for readers.
        median = "built median (ms)" if "built median (ms)" in page("sqlite", label) else "median (ms)"
        ratio = round(page("postgresql", label)[median] / page("sqlite", label)[median], 2)
        add(
            f"{label}: PostgreSQL / SQLite median, built",
            {"postgresql": f"{ratio}"},
            beside=f"{page('postgresql', label)[median]} vs {page('sqlite', label)[median]} ms, "
            "side by side in this run",
            target="default list, PostgreSQL vs SQLite",
            figures=[ratio],
        )
    d = databases.get("sqlite", {}).get("datasette") or {}
    # The list and the search over HTTP beside Datasette: as served (a page kept for readers when there is one), then
    # built for each request, against the same Datasette figures.
    over_http = (
        ("list", "filtered list over HTTP", "Datasette"),
        ("search", "free-text search over HTTP", "Datasette's full-text search on the same index"),
    )
    for part, how in (("", ""), (", built", ", built for each request")):
        for name, label, peer in over_http:
            if f"{name} ms, DiploTrack{part}" in d:
                add(
                    f"{label}{how}: median ms",
                    {"sqlite": f"{d[f'{name} ms, DiploTrack{part}'][0]}"},
                    beside=f"{peer} {d[f'{name} ms, Datasette'][0]} ({d[f'{name} ratio{part}']}x)",
                    target=f"{name} vs Datasette",
                    figures=[d[f"{name} ratio{part}"]],
                )
    for vendor in vendors:
        e = databases[vendor]["export"]
        tool = e["plain SQL tool"]
        add(
            f"/meetings.csv, all rows, in process: s ({vendor})",
            {vendor: f"{e['csv seconds']}"},
            beside=f"{tool} {e['plain SQL seconds']} (ratio {e['ratio to plain SQL']})",
            target=f"csv vs {tool}" if f"csv vs {tool}" in TARGETS else None,
            figures=[e["ratio to plain SQL"]],
        )
    for vendor in vendors:
        e = databases[vendor]["export"]
        if "json seconds" in e:
            add(
                f"/meetings.json, the same rows, in process: s ({vendor})",
                {vendor: f"{e['json seconds']}"},
                beside=f"CSV {e['csv seconds']} (ratio {e['json ratio to csv']}); NDJSON {e['ndjson seconds']}, "
                f"iCalendar {e['ics seconds']}",
                target="json vs csv",
                figures=[e["json ratio to csv"]],
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
                target="restore s",
                figures=[b["restore seconds"] if b["counts checked"] else None],
            )
    add(
        "/meetings.csv: peak private memory growth MB",
        {v: f"{databases[v]['export']['csv peak private memory growth (MB)']}" for v in vendors},
    )
    if d:
        # The CSV of every meeting: sent from the file kept once written, then written for each request.
        for part, how in (("", ""), (", built", ", written for each request")):
            if f"csv s, DiploTrack{part}" in d:
                add(
                    f"/meetings.csv over HTTP{how}: s",
                    {"sqlite": f"{d[f'csv s, DiploTrack{part}']}"},
                    beside=f"Datasette, same rows {d['csv s, Datasette same rows']} "
                    f"({d[f'csv ratio, same rows{part}']}x)",
                    target="csv over HTTP vs Datasette",
                    figures=[d[f"csv ratio, same rows{part}"]],
                )
        add(
            "",
            {},
            beside=f"Datasette, meeting table only {d['csv s, Datasette meeting table']} "
            f"({d['csv ratio, meeting table']}x)",
        )
    for language, name in (("en", "English"), ("ru", "Russian")):
        runs = {v: databases[v]["import"][language] for v in vendors}
        add(
            f"import, {name}: articles per second",
            {v: f"{runs[v]['articles per second']}" for v in vendors},
            beside="F1 " + ", ".join(f"{runs[v]['f1']}" for v in vendors),
            target=f"import, {name}: articles per second",
            figures=[run["articles per second"] for run in runs.values()],
        )
    worst = {v: max(databases[v]["import"]["pathological"], key=lambda row: row["seconds"]) for v in vendors}
    add(
        "import, slowest odd article at the size limit: s",
        {v: f"{worst[v]['seconds']}" for v in vendors},
        beside=", ".join(sorted({row["shape"] for row in worst.values()})),
        target="import, slowest odd article s",
        figures=[row["seconds"] for row in worst.values()],
    )
    header = ("measure", *vendors, "beside", "target", "verdict")
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    return [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *lines]
    ]


# --- the table of growth --------------------------------------------------------------------------------------------

# How a cost grows with the data, by the exponent k of cost ~ size^k between the two sizes: a cost that does not move
# is constant, one that grows far slower than the data logarithmic (log n gains a fifth from 100,000 to 1,000,000;
# the margin takes in a shared machine's noise), one that follows the data linear.
GROWTH = [(0.15, "constant"), (0.6, "logarithmic"), (1.3, "linear"), (math.inf, "faster than linear")]


def growth(small, large, factor):
    """The name of the growth from ``small`` to ``large`` when the data grows ``factor`` times."""
    if not small or not large or factor <= 1:
        return "-"
    exponent = math.log(large / small) / math.log(factor)
    return next(name for limit, name in GROWTH if exponent < limit)


def million_table(results):
    """One line per cost: its value at each size, the ratio between them, its growth, and the targets at each size."""
    sizes = results["sizes"]
    factor = sizes[-1] / sizes[0]
    runs = [results["databases"][str(size)] for size in sizes]
    lines = []

    def add(measure, values, beside="", target=None, figures=None, grows=True):
        verdict = ""
        if target is not None:
            verdict = "met" if all(TARGETS[target].met(f) for f in figures) else "NOT MET"
        ratio = f"{values[-1] / values[0]:.1f}x" if grows and values[0] else ""
        trend = growth(values[0], values[-1], factor) if grows else ""
        lines.append((measure, *values, ratio, trend, beside, str(TARGETS[target]) if target else "", verdict))

    d = [run["datasette"] for run in runs]
    e = [run["export"] for run in runs]
    add("machine: a fixed Python loop, ms", [run["cpu reference ms"] for run in runs], "lower is faster", grows=False)
    add("generating the meetings: s", [run["generate s"] for run in runs], "without migrate and the reference data")
    add("database file: MB", [run["database MB"] for run in runs])
    # The list and the search as served (a page kept for readers when there is one) and built for each request.
    for name, label in (("list", "filtered list over HTTP"), ("search", "free-text search over HTTP")):
        for part, served in (("", "DiploTrack"), (", built", "built for each request")):
            add(
                f"{label}, {served}: median ms",
                [x[f"{name} ms, DiploTrack{part}"][0] for x in d],
                beside="times faster than Datasette: " + ", ".join(f"{x[f'{name} ratio{part}']}x" for x in d),
                target=f"million: {name} vs Datasette",
                figures=[x[f"{name} ratio{part}"] for x in d],
            )
        add(f"{label}, Datasette: median ms", [x[f"{name} ms, Datasette"][0] for x in d])
    # The CSV of every meeting as served (the file kept once written) and written for each request.
    for part, served in (("", "DiploTrack"), (", built", "written for each request")):
        add(
            f"/meetings.csv over HTTP, {served}: s",
            [x[f"csv s, DiploTrack{part}"] for x in d],
            beside="times faster than Datasette: " + ", ".join(f"{x[f'csv ratio, same rows{part}']}x" for x in d),
            target="million: csv over HTTP vs Datasette",
            figures=[x[f"csv ratio, same rows{part}"] for x in d],
        )
    add("/meetings.csv over HTTP, Datasette, same rows: s", [x["csv s, Datasette same rows"] for x in d])
    add(
        "/meetings.csv in process: s",
        [x["csv seconds"] for x in e],
        beside="times sqlite3 -csv's time: " + ", ".join(f"{x['ratio to plain SQL']}" for x in e),
        target="million: csv vs sqlite3 -csv",
        figures=[x["ratio to plain SQL"] for x in e],
    )
    add("sqlite3 -csv, the same rows: s", [x["plain SQL seconds"] for x in e])
    add("/meetings.csv: peak private memory growth MB", [x["csv peak private memory growth (MB)"] for x in e])
    header = ("measure", *[f"{size:,}" for size in sizes], "ratio", "growth", "beside", "target", "verdict")
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    return [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *lines]
    ]
