from django.core.management.base import BaseCommand, CommandError

from events.exports.backups import BackupError, manifest_path, take


class Command(BaseCommand):
    help = (
        "Back up the database with its own tools (SQLite's online backup, pg_dump in custom format), safe while the "
        "site serves and imports: one timestamped file and a manifest beside it (row counts per table, migrations, "
        "database kind, time)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", default="backups", help="Where to write the backup (default: backups/).")

    def handle(self, *args, folder, **options):
        try:
            manifest = take(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        path = f"{folder.rstrip('/')}/{manifest['file']}"
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up to {path} ({manifest['bytes'] / 1e6:.1f} MB, {len(manifest['counts'])} tables, "
                f"{rows:,} rows); manifest {manifest_path(path)}."
            )
        )
