from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from events import facets
from events.ingest import Importer
from events.ingest.feeds import poll
from events.models import Feed


class Command(BaseCommand):
    help = (
        "Poll the active news feeds and import each new entry by its address: one line per feed, then a summary. "
        "An entry is imported once, however many polls or feeds carry it; at most DIPLOTRACK_FEED_MAX_ENTRIES new "
        "entries of a feed are fetched per poll, newest first; one that fails is tried again after an hour, then a "
        "day, then given up. A feed that fails is reported and the others are polled all the same."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--feed", metavar="URL", action="append", help="Poll this address only (added as a feed if new)."
        )

    def handle(self, *args, feed, **options):
        if feed:
            feeds = []
            for url in feed:
                try:
                    URLValidator(schemes=["http", "https"])(url)
                except ValidationError as error:
                    raise CommandError(f"--feed {url!r}: give an http or https address.") from error
                feeds.append(Feed.objects.get_or_create(url=url)[0])
        else:
            feeds = list(Feed.objects.filter(active=True))
            if not feeds:
                self.stdout.write("No active feeds: add one in the admin or with --feed URL.")
                return
        importer = Importer()
        failed_feeds, totals = 0, {}
        for row in feeds:
            report = poll(row, importer)
            failed_feeds += bool(report.error)
            style = self.style.ERROR if report.error else (lambda text: text)
            self.stdout.write(style(report.line))
            for address, message in report.failures:
                self.stdout.write(self.style.ERROR(f"  failed {address}: {message}"))
            for status, count in report.counts.items():
                totals[status] = totals.get(status, 0) + count
        facets.warm_if_changed()
        done = ", ".join(f"{n} {status}" for status, n in sorted(totals.items())) or "no new entries"
        self.stdout.write(f"{len(feeds)} feed(s) polled, {failed_feeds} failed: {done}.")
        if failed_feeds:
            raise CommandError(f"{failed_feeds} feed(s) could not be read.")
