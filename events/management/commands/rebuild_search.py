from django.core.management.base import BaseCommand

from events import search


class Command(BaseCommand):
    help = (
        "Write again the text every meeting is found by in a free-text search (imports and editors keep it up to "
        "date; run this after changing people's or places' spellings, or once on a database made before it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Only meetings that have no search text yet.")

    def handle(self, *args, missing, **options):
        count = search.rebuild(missing_only=missing)
        self.stdout.write(self.style.SUCCESS(f"Search text written for {count:,} meetings."))
