"""A restore on PostgreSQL killed midway takes pg_restore with it, and the database is left as it was: nothing is
committed behind the operator's back. pg_restore is held midway by a lock the test keeps on the tables it
replaces, so the kill always falls inside its transaction.

Runs against the PostgreSQL server the suite uses, or else the one PGHOST/PGPORT/PGUSER name (127.0.0.1:5432,
postgres by default); skipped when there is none."""

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.skipif(shutil.which("pg_restore") is None, reason="pg_restore is not installed")


def server():
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        return {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"] or "postgres"}
    return {
        "host": os.environ.get("PGHOST", "127.0.0.1"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "postgres"),
    }


def connect(dbname, autocommit=True):
    link = psycopg2.connect(dbname=dbname, connect_timeout=5, **server())
    link.autocommit = autocommit
    return link


@pytest.fixture
def databases():
    try:
        connect("postgres").close()
    except psycopg2.Error:
        pytest.skip("no PostgreSQL server to test against")
    names = [f"restore_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    admin = connect("postgres")
    with admin.cursor() as cursor:
        for name in names:
            cursor.execute(f"CREATE DATABASE {name}")
    yield names
    with admin.cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


def url(name):
    where = server()
    return f"postgres://{where['user']}@{where['host']}:{where['port']}/{name}"


def manage(name, *args, background=False):
    env = {**os.environ, "DATABASE_URL": url(name)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "manage.py", *args]
    if background:
        return subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    finished = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return finished.stdout


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds} s for {what}")
        time.sleep(0.1)


def restore_sessions(watcher, holder):
    """What the other sessions on the database wait for: pg_restore's, since the test's own are left out."""
    with watcher.cursor() as cursor:
        cursor.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid NOT IN (pg_backend_pid(), %s) AND backend_type = 'client backend'",
            [holder.get_backend_pid()],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["kill-9", "term", "ctrl-c"])
def test_killing_restore_ends_pg_restore_and_leaves_the_database_as_it_was(databases, tmp_path, how):
    backed_up, live = databases
    manage(backed_up, "migrate", "--no-input", "-v0")
    manage(backed_up, "backup", "--folder", str(tmp_path))
    backup = next(tmp_path.glob("*.dump"))
    manage(live, "migrate", "--no-input", "-v0")
    manage(live, "shell", "-c", "from django.contrib.auth.models import User; User.objects.create(username='kept')")

    holder = connect(live, autocommit=False)  # holds pg_restore at its first DROP until the test lets go
    watcher = connect(live)
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            tables = ", ".join(f'"{row[0]}"' for row in cursor.fetchall())
            cursor.execute(f"LOCK TABLE {tables} IN ACCESS SHARE MODE")
        restoring = manage(live, "restore", "--force", str(backup), background=True)
        wait_for(lambda: "Lock" in restore_sessions(watcher, holder), 60, "pg_restore to be under way")
        (pg_restore,) = children(restoring.pid)

        restoring.send_signal(how)
        output, _ = restoring.communicate(timeout=60)
        wait_for(lambda: not alive(pg_restore), 15, "pg_restore to end with the command")
        assert restoring.returncode != 0
        assert "until it commits, the database is as it was before" in output
        if how != signal.SIGKILL:
            assert "pg_restore stopped before it committed: the database is as it was before the restore" in output
    finally:
        holder.rollback()
    wait_for(lambda: not restore_sessions(watcher, holder), 30, "pg_restore's session to end")
    holder.close()
    with watcher.cursor() as cursor:
        cursor.execute("SELECT username FROM auth_user")
        assert cursor.fetchall() == [("kept",)]
    watcher.close()
