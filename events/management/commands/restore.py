from django.core.management.base import BaseCommand, CommandError

from events import facets
from events.exports.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` (pg_restore, or SQLite's backup API) into an empty database of the same "
        "kind, then check the row counts against its manifest. A database that holds data is replaced only with "
        "--force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file (its manifest lies beside it).")
        parser.add_argument("--force", action="store_true", help="Replace a database that is not empty.")

    def handle(self, *args, path, force, **options):
        self.stdout.write(
            f"Restoring {path} in one transaction: until it commits, the database is as it was before; "
            "interrupted, it stays so."
        )
        self.stdout.flush()
        try:
            manifest, differ = restore(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        facets.warm()
        if differ:
            detail = "; ".join(
                f"{table}: {expected} in the manifest, {found}" for table, (expected, found) in differ.items()
            )
            raise CommandError(f"Restored, but the row counts differ from the manifest: {detail}")
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {path} (taken {manifest['taken']}): the database now holds the backup, "
                f"{len(manifest['counts'])} tables, {rows:,} rows, every count as in the manifest."
            )
        )
