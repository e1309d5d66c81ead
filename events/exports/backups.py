"""Backups with the databases' own tools, and their restoration, checked against a manifest.

SQLite: the online backup API copies the database page by page in one step while it is being served and written
(readers and writers go on; the copy is the database as it stood at one moment). PostgreSQL: pg_dump in custom
format inside a snapshot that the row counts of the manifest are read in too, so the counts are exactly the dump's.
Restoring is the reverse: the backup API into the database (SQLite), pg_restore in one transaction (PostgreSQL).
"""

import contextlib
import ctypes
import datetime
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import threading
from pathlib import Path

import psycopg2
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from psycopg2 import sql


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


SUFFIX = {"sqlite": ".sqlite3", "postgresql": ".dump"}
# Filled in by migrate on any database: a database holding only these rows (and those of the full-text index's own
# tables) is empty.
SCAFFOLDING = {"django_migrations", "django_content_type", "auth_permission"}


def manifest_path(backup):
    return Path(backup).with_suffix(".manifest.json")


def take(folder, using=DEFAULT_DB_ALIAS, now=None):
    """Write a backup of the database into ``folder``: the file and its manifest. Returns the manifest."""
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in SUFFIX:
        raise BackupError(f"backups are made for SQLite and PostgreSQL, not {vendor}")
    now = now or datetime.datetime.now(datetime.UTC)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"diplotrack-{now:%Y%m%d-%H%M%S}{SUFFIX[vendor]}"
    if target.exists():
        raise BackupError(f"{target} exists already")
    if vendor == "sqlite":
        counts = _sqlite_backup(connection, target)
    else:
        counts = _postgres_backup(connection, target)
    manifest = {
        "database": vendor,
        "file": target.name,
        "bytes": target.stat().st_size,
        "taken": now.isoformat(timespec="seconds"),
        "migrations": sorted(MigrationRecorder(connection).applied_migrations()),
        "counts": counts,
    }
    manifest_path(target).write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def restore(backup, force=False, using=DEFAULT_DB_ALIAS):
    """Restore ``backup`` into the database, which must be empty unless ``force``; then compare the row counts with
    the manifest's. Returns (manifest, the tables whose counts differ as {table: (expected, found)})."""
    backup = Path(backup)
    if not backup.is_file():
        raise BackupError(f"{backup}: no such backup file")
    try:
        manifest = json.loads(manifest_path(backup).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{manifest_path(backup)}: the manifest written beside the backup is missing") from error
    except ValueError as error:
        raise BackupError(f"{manifest_path(backup)}: the manifest is not valid JSON") from error
    connection = connections[using]
    if manifest.get("database") != connection.vendor:
        raise BackupError(
            f"this is a backup of a {manifest.get('database')} database and this one is {connection.vendor}: "
            "to move data between the two, use dump_json and load_json (see the README)"
        )
    models = set(connection.introspection.django_table_names(only_existing=True)) - SCAFFOLDING
    filled = {table: n for table, n in table_counts(connection).items() if n and table in models}
    if filled and not force:
        tables = ", ".join(f"{table} ({n:,})" for table, n in sorted(filled.items())[:5])
        raise BackupError(f"the database is not empty ({tables}, …): restore with FORCE=1 (--force) to replace it")
    if connection.vendor == "sqlite":
        _sqlite_restore(connection, backup)
    else:
        _postgres_restore(connection, backup)
    found = table_counts(connection)
    differ = {
        table: (expected, found.get(table))
        for table, expected in manifest["counts"].items()
        if found.get(table) != expected
    }
    return manifest, differ


def table_counts(connection):
    """Rows in every table of the database but the cache's, whose rows come and go (they are copied all the same)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return {table: _count(cursor, connection, table) for table in tables if _ours(table)}


def _count(cursor, connection, table):
    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
    return cursor.fetchone()[0]


# --- SQLite -------------------------------------------------------------------------------------------------------


def _sqlite_backup(connection, target):
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # one step: the database as it stood at one moment
        tables = [row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables if _ours(t)}
    finally:
        copy.close()


def _ours(table):
    """A table whose rows the manifest counts: not SQLite's own, nor the cache's, whose rows come and go."""
    return not table.startswith("sqlite_") and table not in _cache_tables()


def _cache_tables():
    return {cache["LOCATION"] for cache in settings.CACHES.values() if cache["BACKEND"].endswith("DatabaseCache")}


def _sqlite_restore(connection, backup):
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# --- PostgreSQL ---------------------------------------------------------------------------------------------------


def _libpq(connection):
    """Connection settings for psycopg2 and for the command-line tools (as their environment)."""
    settings = connection.settings_dict
    params = {
        "dbname": settings["NAME"],
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
    }
    env = {**os.environ}
    for key, variable in (("user", "PGUSER"), ("password", "PGPASSWORD"), ("host", "PGHOST"), ("port", "PGPORT")):
        if params[key]:
            env[variable] = str(params[key])
    return params, env


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return path


def _postgres_backup(connection, target):
    params, env = _libpq(connection)
    # Counts and dump from one snapshot: what the manifest says is exactly what the file holds.
    snapshot_holder = psycopg2.connect(**{k: v for k, v in params.items() if v is not None})
    try:
        snapshot_holder.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with snapshot_holder.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in filter(_ours, tables):
                cursor.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table)))
                counts[table] = cursor.fetchone()[0]
            command = [_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "--no-owner", "--no-privileges"]
            finished = subprocess.run(
                [*command, f"--file={target}", params["dbname"]], env=env, capture_output=True, text=True
            )
        if finished.returncode:
            target.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {finished.stderr.strip()[:500]}")
        return counts
    finally:
        snapshot_holder.rollback()
        snapshot_holder.close()


class Interrupted(BackupError):
    """The restore was stopped (a signal) before pg_restore committed: the database is as it was before."""


def _dying_with_parent():
    """What pg_restore's process runs before it starts: on Linux, a SIGKILL for it the moment the command dies,
    however it dies (a restore left running would commit behind the operator's back). The C library is loaded here,
    in the command, so that the child between fork and exec only makes one system call."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None  # not Linux: the signals the command can catch still end pg_restore

    def ask_for_sigkill():
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    return ask_for_sigkill


PR_SET_PDEATHSIG = 1


def _postgres_restore(connection, backup):
    params, env = _libpq(connection)
    connection.close()  # our own session must not hold locks on the tables pg_restore replaces
    application = f"diplotrack restore {os.getpid()}"
    env["PGAPPNAME"] = application
    command = [
        _tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={params['dbname']}",
        str(backup),
    ]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        process_group=0,  # its own: a Ctrl-C reaches the command, which ends pg_restore itself and says so
        preexec_fn=_dying_with_parent(),
    )
    try:
        with _signals_interrupt():
            _, errors = process.communicate()
    except BaseException as error:
        _end(process)
        _end_session(params, application)
        raise Interrupted(
            f"the restore was interrupted ({_what(error)}) and pg_restore stopped before it committed: the database "
            "is as it was before the restore"
        ) from error
    if process.returncode:
        raise BackupError(f"pg_restore failed, nothing was changed: {errors.strip()[:500]}")


class _Signal(Exception):
    def __init__(self, number):
        super().__init__(signal.Signals(number).name)


@contextlib.contextmanager
def _signals_interrupt():
    """SIGTERM and SIGHUP raise, as Ctrl-C does, so that the restore can end pg_restore before the command ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number, frame):
        raise _Signal(number)

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _what(error):
    return "Ctrl-C" if isinstance(error, KeyboardInterrupt) else str(error) or type(error).__name__


def _end(process):
    """End pg_restore and whatever it started: its whole process group, politely first."""
    for number, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 30)):
        try:
            os.killpg(process.pid, number)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


def _end_session(params, application):
    """pg_restore's session, ended at once: its transaction is rolled back and its locks let go, rather than when
    the server next notices the client is gone."""
    try:
        link = psycopg2.connect(**{k: v for k, v in params.items() if v is not None})
    except psycopg2.Error:
        return
    try:
        link.autocommit = True
        with link.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", [application]
            )
    except psycopg2.Error:
        pass
    finally:
        link.close()
