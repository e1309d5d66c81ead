import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dj_database_url
import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg2 import sql

from devtools.benchmarks import report
from devtools.management.commands.benchmark import fresh_postgres
from events.exports.backups import take


class Command(BaseCommand):
    help = (
        "Time a backup of the database (`backup`) and its restore (`restore`, in a process of its own, as an "
        "operator runs it) into an empty database of the same kind, with the row-count check. Prints a table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="bench-results/backup.json", help="Where to write the figures.")

    def handle(self, *args, output, **options):
        with tempfile.TemporaryDirectory() as scratch:
            start = time.perf_counter()
            manifest = take(scratch)
            backup_seconds = time.perf_counter() - start
            backup = Path(scratch) / manifest["file"]
            target = self.empty_database(Path(scratch))
            env = {**os.environ, "DATABASE_URL": target, "DEBUG": "0"}
            env.pop("DJANGO_ENV", None)
            start = time.perf_counter()
            finished = subprocess.run(
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "restore", str(backup)],
                env=env,
                capture_output=True,
                text=True,
            )
            restore_seconds = time.perf_counter() - start
            self.drop(target)
        if finished.returncode:
            raise CommandError(f"restore failed: {finished.stderr.strip() or finished.stdout.strip()}")
        rows = sum(manifest["counts"].values())
        figures = {
            "database": connection.vendor,
            "rows": rows,
            "meetings": manifest["counts"].get("events_meeting"),
            "backup seconds": round(backup_seconds, 2),
            "backup MB": round(manifest["bytes"] / 1e6, 1),
            "restore seconds": round(restore_seconds, 2),
            "counts checked": "every count as in the manifest" in finished.stdout,
        }
        report(
            self.stdout,
            [
                ("database", connection.vendor),
                ("rows in all tables", f"{rows:,}"),
                ("backup: seconds, MB", f"{backup_seconds:.2f}, {manifest['bytes'] / 1e6:.1f}"),
                ("restore into an empty database, counts checked: seconds", f"{restore_seconds:.2f}"),
            ],
            heading="measure",
            output=output,
            figures=figures,
        )

    def empty_database(self, scratch):
        """A new, empty database of the same kind: a file, or <name>_bench on the same server."""
        if connection.vendor == "sqlite":
            return f"sqlite:///{scratch / 'restored.sqlite3'}"
        config = settings.DATABASES["default"]
        here = f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"
        return fresh_postgres(here)

    def drop(self, url):
        if url.startswith("sqlite"):
            return
        config = dj_database_url.parse(url)
        link = psycopg2.connect(dbname="postgres", user=config["USER"], host=config["HOST"], port=config["PORT"])
        link.autocommit = True
        with link.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"])))
        link.close()
