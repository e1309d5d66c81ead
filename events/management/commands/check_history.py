from django.core.management.base import BaseCommand, CommandError

from events import history


class Command(BaseCommand):
    help = (
        "Check the compiled record (fixtures/history/*.yaml) against the reference data: fields well formed, both "
        "countries present, each participant in office on the day, dates in range, sources with an address, an "
        "outlet and a language, no contact recorded twice. Each error names its file and line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=str(history.HISTORY_DIR), help="Folder of the yearly files.")

    def handle(self, *args, folder, **options):
        problems = history.check(folder)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in the record:\n" + "\n".join(problems))
        count = len(history.read_records(folder))
        self.stdout.write(self.style.SUCCESS(f"The record's {count} contacts pass the check."))
