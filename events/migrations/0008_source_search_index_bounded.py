from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.functions import Left

# A text vector may not exceed 1 MB in PostgreSQL, and an article of 2 MB of distinct words makes a larger one:
# the index (and SourceQuerySet.matching, which must use the same expression) covers the first 200,000
# characters, as much as the importer reads.
OLD = GinIndex(SearchVector("title", "text", config="simple"), name="source_search")
NEW = GinIndex(SearchVector("title", Left("text", 200_000), config="simple"), name="source_search_bounded")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        source = apps.get_model("events", "Source")
        schema_editor.remove_index(source, OLD)
        schema_editor.add_index(source, NEW)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        source = apps.get_model("events", "Source")
        schema_editor.remove_index(source, NEW)
        schema_editor.add_index(source, OLD)


class Migration(migrations.Migration):
    dependencies = [("events", "0007_unknown_dates_stages_languages")]

    operations = [migrations.RunPython(forwards, backwards)]
