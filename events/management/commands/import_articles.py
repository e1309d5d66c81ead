import errno
import re
import stat
import sys
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events import facets
from events.ingest import Importer
from events.ingest.dates import parse_header_date
from events.ingest.pipeline import FAILED, ImportResult


class Command(BaseCommand):
    help = (
        "Import news articles into meetings, agreements and forums: addresses of web pages (http, https), saved "
        "pages (.html, .htm), text files (.txt), folders of these, or '-' for text on standard input. Each article "
        "is imported in its own transaction; re-importing the same text changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Addresses, files, folders of .txt and .html files, or '-' for standard input."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created; change nothing.")
        parser.add_argument(
            "--published",
            metavar="YYYY-MM-DD",
            help="Publication date for articles that carry none of their own (no header line, dateline or timestamp).",
        )

    def handle(self, *args, paths, dry_run, published, **options):
        date = None
        if published:
            date = parse_header_date(published) if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", published) else None
            if date is None:
                raise CommandError(f"--published {published!r}: give a date as YYYY-MM-DD, YYYY-MM or YYYY.")
        importer = Importer(dry_run=dry_run, published=date)
        counts = Counter()
        for name, article in self.articles(paths):
            result = article(importer) if callable(article) else article
            counts[result.status] += 1
            style = self.style.ERROR if result.status == FAILED else (lambda text: text)
            self.stdout.write(style(f"{result.status:<9} {name}: {result.message}"))
        facets.warm_if_changed()
        summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(f"{prefix}{sum(counts.values())} article(s): {summary or 'none found'}.")
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} article(s) failed to import.")

    def articles(self, paths):
        """(name, what imports it): a function of the importer, or the result of an article that cannot be read."""
        for raw in paths:
            if raw == "-":
                data = read_limited(sys.stdin.buffer)
                yield "<stdin>", lambda importer, data=data: importer.import_bytes(data, filename="<stdin>")
                continue
            if re.match(r"(?i)https?://", raw):
                yield raw, lambda importer, url=raw: importer.import_address(url)
                continue
            path = Path(raw)
            scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", raw)
            if scheme and not path.exists():
                yield raw, ImportResult(FAILED, f"only http and https addresses are imported, not {scheme.group(1)}")
                continue
            if path.is_dir():
                entries = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
                if not entries:
                    yield raw, ImportResult(FAILED, "no .txt, .html or .htm files in this folder")
                for entry in entries:
                    problem = not_a_file(entry)
                    yield entry.name, ImportResult(FAILED, problem) if problem else from_file(entry)
                continue
            problem = not_a_file(path)
            yield raw if problem else path.name, ImportResult(FAILED, problem) if problem else from_file(path)


CHUNK = 1 << 16


def read_limited(stream):
    """At most the size limit and one byte more: the importer refuses what is longer, and a stream of any length is
    never held in memory whole to find that out. The rest of an oversized stream is read and thrown away."""
    limit = settings.DIPLOTRACK_MAX_ARTICLE_BYTES
    data = stream.read(limit + 1)
    if len(data) > limit:
        while stream.read(CHUNK):
            pass
    return data


def not_a_file(path):
    """Why a path cannot be read as an article, or '' when it can: named pipes and devices would never end or
    never hold text, and a link that loops or leads nowhere has nothing behind it."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops back on itself"
        if path.is_symlink():
            return "a symbolic link to nothing"
        return "no such file or folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file (use '-' to read standard input)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return ""


SUFFIXES = {".txt", ".html", ".htm"}


def from_file(path):
    """How to import a file: a saved page through the page reader, anything else as text."""
    if path.suffix.lower() in (".html", ".htm"):
        with path.open("rb") as stream:
            data = stream.read(settings.DIPLOTRACK_FETCH_MAX_BYTES + 1)
        return lambda importer: importer.import_html(data, filename=path.name)
    with path.open("rb") as stream:
        data = read_limited(stream)
    return lambda importer: importer.import_bytes(data, filename=path.name)
