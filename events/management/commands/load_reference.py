import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events import facets, history
from events.models import Feed, Organization, Outlet, Place, PlaceName
from people.models import Country, Person, PersonName, Position

# Order matters: later files refer to earlier ones by natural key.
FIXTURES = [
    "countries.json",
    "people.json",
    "places.json",
    "organizations.json",
    "outlets.json",
]
# Example feeds, added when missing and otherwise left as editors set them (switched on or off).
FEEDS = "feeds.json"
COUNTED = [Country, Person, PersonName, Position, Place, PlaceName, Organization, Outlet, Feed]


class Command(BaseCommand):
    help = (
        "Load the reference data (countries, people with positions and aliases, places with former "
        "names, organizations, news outlets) from fixtures/reference/, and the example feeds (inactive) that are "
        "missing. Safe to run again: rows are matched by natural key and updated, never duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "reference"),
            help="Folder holding the reference fixtures.",
        )

    def handle(self, *args, directory, **options):
        folder = Path(directory)
        paths = [folder / name for name in FIXTURES]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"Reference fixture not found: {', '.join(missing)}")
        with transaction.atomic():
            call_command("loaddata", *map(str, paths), verbosity=0)
            try:
                history.load_officials(folder / "officials.yaml")
            except history.HistoryError as error:
                raise CommandError(str(error)) from None
            if (folder / FEEDS).is_file():
                for row in json.loads((folder / FEEDS).read_text(encoding="utf-8")):
                    fields = row["fields"]
                    Feed.objects.get_or_create(url=fields["url"], defaults=fields)
        facets.warm_if_changed()
        counts = ", ".join(f"{model._meta.verbose_name_plural}: {model.objects.count()}" for model in COUNTED)
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({counts})."))
