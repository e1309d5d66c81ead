from django.core.management.base import BaseCommand, CommandError

from events import facets, history


class Command(BaseCommand):
    help = (
        "Load the compiled record of contacts (fixtures/history/*.yaml) as meetings compiled from sources. Checks it "
        "first and loads nothing when a record is wrong. Safe to run again: records are matched by their key, an "
        "edited line updates its meeting, and a field an editor changed in the admin is left as the editor set it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=str(history.HISTORY_DIR), help="Folder of the yearly files.")

    def handle(self, *args, folder, **options):
        problems = history.check(folder)
        if problems:
            raise CommandError("The record has errors; nothing was loaded:\n" + "\n".join(problems))
        result = history.load(folder)
        facets.warm_if_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Compiled record loaded: {result.created} new, {result.updated} updated, {result.unchanged} unchanged."
            )
        )
