"""Two indexes for the default list on PostgreSQL, which SQLite does not need.

The list runs newest first with the undated meetings last: ORDER BY date DESC NULLS LAST, id DESC. SQLite sorts NULL
lowest, so a backward scan of the (date, id) index gives that order; PostgreSQL's backward scan puts NULLs first, so it
read and sorted every public meeting for each page (a seq scan and a top-N sort) until it had an index in that order.

The state of the set of public meetings (how many, the highest id, the last change: events/facets.py ``size_of``),
read on every request of the list to find its counts, is read from a partial covering index of the public meetings
(an index-only scan) rather than from the whole table.
"""

from django.db import migrations

POSTGRES = [
    "CREATE INDEX IF NOT EXISTS meeting_newest_first ON events_meeting (date DESC NULLS LAST, id DESC)",
    "CREATE INDEX IF NOT EXISTS meeting_public_state ON events_meeting (id) INCLUDE (updated) "
    "WHERE NOT (status = 'draft')",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS meeting_public_state",
    "DROP INDEX IF EXISTS meeting_newest_first",
]


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_UNDO:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0014_feed_entries"),
    ]

    operations = [migrations.RunPython(index, unindex)]
