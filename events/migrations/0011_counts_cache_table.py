from django.core.management import call_command
from django.db import migrations


def create_table(apps, schema_editor):
    # The table of the "counts" cache (settings.CACHES): made here so that `migrate` is all a database needs.
    call_command("createcachetable", "diplotrack_counts", database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('diplotrack_counts')}")


class Migration(migrations.Migration):
    dependencies = [("events", "0010_meeting_search_text")]

    operations = [migrations.RunPython(create_table, drop_table)]
