from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Rebuilt by migrate on the target database; copying them would clash with its own rows.
EXCLUDED = ["contenttypes", "auth.permission", "admin.logentry", "sessions"]


class Command(BaseCommand):
    help = (
        "Write the whole database to a JSON file (natural keys), readable by load_json on either database: the way "
        "to move data from SQLite to PostgreSQL. Backups are made with `backup`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, e.g. moving/diplotrack.json")

    def handle(self, *args, path, **options):
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise CommandError(f"{target} is a folder; give a file name.")
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=False,
            indent=None,
            output=str(target),
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Written to {target} ({target.stat().st_size / 1e6:.1f} MB)."))
