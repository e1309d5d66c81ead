from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events import facets


class Command(BaseCommand):
    help = (
        "Replace the database's content with a file written by dump_json (from this or the other kind of database). "
        "Everything not in the file is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file written by dump_json.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, path, yes, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source}: no such file.")
        if not yes and input("This replaces every row of the database. Type 'yes' to go on: ").strip() != "yes":
            raise CommandError("Restore cancelled.")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(source), verbosity=0)
        facets.warm()
        self.stdout.write(self.style.SUCCESS(f"Loaded {source}."))
