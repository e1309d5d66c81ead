"""Backups with the database's own tools: a round trip keeps every table, a backup taken during an import restores
to a consistent state, and a database that holds data is not replaced by mistake."""

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid

import psycopg2
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection

from devtools.synthetic import generate
from events.exports.backups import SCAFFOLDING, manifest_path, table_counts
from events.models import Meeting
from tests.ingest_helpers import SEEDS, import_files

pytestmark = pytest.mark.django_db(transaction=True)


def quiet():
    return open(os.devnull, "w")


def latest_backup(folder):
    return max(p for p in folder.iterdir() if not p.name.endswith(".manifest.json"))


def test_a_backup_and_its_restore_keep_every_table_history_and_users_included(tmp_path):
    call_command("load_reference", verbosity=0)
    import_files(*sorted(SEEDS.glob("*.txt")))
    User.objects.create_user("editor", "editor@example.org", "a-long-test-password")
    meeting = Meeting.objects.get(date="2025-04-10")
    meeting.status = Meeting.Status.REVIEWED
    meeting.save()  # a history row
    before = table_counts(connection)
    call_command("backup", folder=str(tmp_path), stdout=quiet())
    backup = latest_backup(tmp_path)
    manifest = json.loads(manifest_path(backup).read_text())
    assert manifest["database"] == connection.vendor
    assert {t: n for t, n in manifest["counts"].items()} == {t: before[t] for t in manifest["counts"]}
    assert manifest["counts"]["events_historicalmeeting"] > 0 and manifest["counts"]["auth_user"] == 1

    Meeting.objects.all().delete()
    User.objects.create_user("intruder", "x@example.org", "a-long-test-password")
    call_command("restore", str(backup), force=True, stdout=quiet())
    assert table_counts(connection) == before
    assert Meeting.objects.get(date="2025-04-10").status == Meeting.Status.REVIEWED
    assert list(User.objects.values_list("username", flat=True)) == ["editor"]


def test_a_database_that_holds_data_is_not_replaced_without_force(tmp_path):
    call_command("load_reference", verbosity=0)
    call_command("backup", folder=str(tmp_path), stdout=quiet())
    backup = latest_backup(tmp_path)
    import_files(*sorted(SEEDS.glob("*.txt")))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup), stdout=quiet())
    assert Meeting.objects.count() == 5


def test_a_backup_of_the_other_kind_of_database_or_without_its_manifest_is_refused(tmp_path):
    call_command("backup", folder=str(tmp_path), stdout=quiet())
    backup = latest_backup(tmp_path)
    manifest = json.loads(manifest_path(backup).read_text())
    manifest["database"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest_path(backup).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="dump_json and load_json"):
        call_command("restore", str(backup), force=True, stdout=quiet())
    manifest_path(backup).unlink()
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore", str(backup), force=True, stdout=quiet())


# --- a backup while an import runs, in processes of their own ---------------------------------------------------


class Scratch:
    """Databases of the kind the suite runs on, made and dropped by the test: the one imported into and the one a
    backup is restored into."""

    def __init__(self, tmp_path):
        self.tmp_path, self.made = tmp_path, []

    def new(self):
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.tmp_path / f'{uuid.uuid4().hex}.sqlite3'}"
        db = settings.DATABASES["default"]
        name = f"scratch_{uuid.uuid4().hex[:12]}"
        with self.admin() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        self.made.append(name)
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"

    def admin(self):
        db = settings.DATABASES["default"]
        link = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"] or "127.0.0.1", port=db["PORT"])
        link.autocommit = True
        return _Cursor(link)

    def drop(self):
        for name in self.made:
            with self.admin() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class _Cursor:
    def __init__(self, link):
        self.link = link

    def __enter__(self):
        self.cursor = self.link.cursor()
        return self.cursor

    def __exit__(self, *exc):
        self.cursor.close()
        self.link.close()


def manage(url, *args, background=False):
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "manage.py", *args]
    if background:
        return subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
    finished = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return finished.stdout


PER_SOURCE = """
import json
from django.db.models import Count
from events.models import Source
print(json.dumps({s.content_hash: [s.evidence_n, s.meetings_n] for s in Source.objects.annotate(
    evidence_n=Count("evidence", distinct=True), meetings_n=Count("meetings", distinct=True))}))
"""


def sources_in(url):
    """Sources committed so far, read without Django (the import holds its own connection)."""
    if url.startswith("sqlite:///"):
        link = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=20)
    else:
        link = psycopg2.connect(url)
    try:
        cursor = link.cursor()
        cursor.execute("SELECT COUNT(*) FROM events_source")
        return cursor.fetchone()[0]
    except (sqlite3.Error, psycopg2.Error):  # not migrated yet
        return 0
    finally:
        link.close()


def per_source(url):
    """Each source's evidence and meetings, by its text's hash."""
    return json.loads(manage(url, "shell", "-c", PER_SOURCE).strip().splitlines()[-1])


def test_a_backup_taken_while_an_import_runs_restores_every_source_whole_or_not_at_all(tmp_path):
    call_command("load_reference", verbosity=0)  # the generator names reference people and places
    scratch = Scratch(tmp_path)
    try:
        live, restored = scratch.new(), scratch.new()
        manage(live, "migrate", "--no-input", "-v0")
        manage(live, "load_reference")
        folder = tmp_path / "articles"
        folder.mkdir()
        for n, article in enumerate(generate(1500, seed=11)):
            (folder / f"a{n:04}.txt").write_text(article.text)
        importing = manage(live, "import_articles", str(folder), background=True)
        deadline = time.monotonic() + 120
        while sources_in(live) < 50 and time.monotonic() < deadline:  # well into the import
            time.sleep(0.2)
        manage(live, "backup", "--folder", str(tmp_path / "backups"))
        assert importing.poll() is None, "the import should still be running when the backup is done"
        out, _ = importing.communicate(timeout=600)
        assert importing.returncode == 0, out.decode()
        backup = latest_backup(tmp_path / "backups")

        manage(restored, "migrate", "--no-input", "-v0")
        manage(restored, "restore", str(backup))
        final, snapshot = per_source(live), per_source(restored)
        assert 0 < len(snapshot) < len(final), "the backup should fall in the middle of the import"
        for content_hash, counts in snapshot.items():
            assert counts == final[content_hash], "a source restored without all its evidence or meetings"
    finally:
        scratch.drop()


def test_restoring_into_a_fresh_database_needs_no_force_and_checks_the_counts(tmp_path):
    call_command("load_reference", verbosity=0)
    import_files(*sorted(SEEDS.glob("*.txt")))
    call_command("backup", folder=str(tmp_path), stdout=quiet())
    backup = latest_backup(tmp_path)
    scratch = Scratch(tmp_path)
    try:
        fresh = scratch.new()
        manage(fresh, "migrate", "--no-input", "-v0")
        out = manage(fresh, "restore", str(backup))
        assert "every count as in the manifest" in out
    finally:
        scratch.drop()


def test_scaffolding_tables_do_not_make_a_database_count_as_holding_data():
    models = set(connection.introspection.django_table_names(only_existing=True))
    filled = {t for t, n in table_counts(connection).items() if n and t in models}
    assert filled <= SCAFFOLDING | {"django_site"}
