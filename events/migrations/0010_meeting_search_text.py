"""The text each meeting is found by, and the database's full-text index over it: an external-content FTS5 table
kept in step by triggers on SQLite, a GIN index over the text vector on PostgreSQL. `manage.py rebuild_search`
fills it for meetings that existed before."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE events_meetingtext_fts USING fts5(body, content='events_meetingtext', "
    "content_rowid='meeting_id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER events_meetingtext_ai AFTER INSERT ON events_meetingtext BEGIN "
    "INSERT INTO events_meetingtext_fts(rowid, body) VALUES (new.meeting_id, new.body); END",
    "CREATE TRIGGER events_meetingtext_ad AFTER DELETE ON events_meetingtext BEGIN "
    "INSERT INTO events_meetingtext_fts(events_meetingtext_fts, rowid, body) VALUES ('delete', old.meeting_id, old.body); "
    "END",
    "CREATE TRIGGER events_meetingtext_au AFTER UPDATE ON events_meetingtext BEGIN "
    "INSERT INTO events_meetingtext_fts(events_meetingtext_fts, rowid, body) VALUES ('delete', old.meeting_id, old.body); "
    "INSERT INTO events_meetingtext_fts(rowid, body) VALUES (new.meeting_id, new.body); END",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS events_meetingtext_au",
    "DROP TRIGGER IF EXISTS events_meetingtext_ad",
    "DROP TRIGGER IF EXISTS events_meetingtext_ai",
    "DROP TABLE IF EXISTS events_meetingtext_fts",
]
POSTGRES = ["CREATE INDEX events_meetingtext_fts ON events_meetingtext USING gin (to_tsvector('simple', body))"]
POSTGRES_UNDO = ["DROP INDEX IF EXISTS events_meetingtext_fts"]


def index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(statement)


def unindex(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_outlets_and_feeds"),
    ]

    operations = [
        migrations.CreateModel(
            name="MeetingText",
            fields=[
                (
                    "meeting",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_text",
                        serialize=False,
                        to="events.meeting",
                    ),
                ),
                ("body", models.TextField()),
            ],
        ),
        migrations.RunPython(index, unindex),
    ]
