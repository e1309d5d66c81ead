"""The state of the public meetings (events/facets.py ``size_of``) read from an index on SQLite too.

Every list and overview page first reads how many public meetings there are, the highest id and the last change.
PostgreSQL reads them from the partial covering index of migration 0015. SQLite has no INCLUDE, and it uses a partial
index as covering only when the index holds the columns of its condition, so the index holds all three: at 100,000
meetings the query scans the index in about 10 ms instead of the table in 16.
"""

from django.db import migrations

SQLITE = "CREATE INDEX IF NOT EXISTS meeting_public_state ON events_meeting (status, updated, id)"
SQLITE_UNDO = "DROP INDEX IF EXISTS meeting_public_state"


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE)


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_UNDO)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0015_postgres_list_indexes"),
    ]

    operations = [migrations.RunPython(index, unindex)]
