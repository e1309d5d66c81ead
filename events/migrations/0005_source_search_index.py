from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# The same expression as SourceQuerySet.matching, so that PostgreSQL's full-text search uses the index.
INDEX = GinIndex(SearchVector("title", "text", config="simple"), name="source_search")


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("events", "Source"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("events", "Source"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_place_needs_review")]

    operations = [migrations.RunPython(add_index, remove_index)]
