import dataclasses
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction

from events.ingest.extract import MAX_CONTACTS, Extractor
from events.ingest.gazetteer import Gazetteer
from events.ingest.outlets import Outlets
from events.ingest.reader import ArticleError, Known, read
from events.ingest.store import Writer
from events.ingest.web import read_address, read_page
from events.models import Organization, Source
from people.models import Country

logger = logging.getLogger(__name__)

# Any constant: the key of the PostgreSQL advisory lock that lets one import write at a time.
IMPORT_LOCK_KEY = 7_140_318_402


def serialize_imports():
    """Imports running at once (two processes) must not both create the same meeting: on PostgreSQL each import's
    transaction takes an advisory lock, so matching against existing meetings sees what the other one wrote.
    SQLite already lets one writer at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


CREATED, MERGED, UNCHANGED, SKIPPED, FAILED = "created", "merged", "unchanged", "skipped", "failed"
BUSY = "the database is busy with another write (an import, a restore); nothing was saved: try again in a moment"


def is_busy(error):
    """Whether a database error means another writer holds the lock (SQLite) or a lock wait timed out."""
    text = str(error).lower()
    return "database is locked" in text or "database table is locked" in text or "lock timeout" in text


@dataclass
class ImportResult:
    status: str
    message: str
    source: Source | None = None
    created: list = field(default_factory=list)
    merged: list = field(default_factory=list)
    new_people: list = field(default_factory=list)
    new_places: list = field(default_factory=list)
    forums: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    extraction: object = None
    article: object = None


class Importer:
    """Imports articles one at a time, each in its own transaction.

    Build one per run: the names it matches against are read from the database once.
    """

    def __init__(self, dry_run=False, published=None):
        self.dry_run = dry_run
        self.published = published  # a PartialDate for articles that carry no date of their own
        self.gazetteer = Gazetteer.load()
        # Reference data read once per run, not once per article.
        self.countries = {c.code: c for c in Country.objects.all()}
        self.acronyms = dict(Organization.objects.values_list("pk", "acronym"))
        self.outlets = Outlets.from_database()

    def read(self, text, known=None):
        return read(text, published=self.published, known=known, outlets=self.outlets)

    def extract(self, article):
        """What the article tells. A report of a meeting of many that names one side only is kept when it tells a
        meeting on record (of which it becomes a source), and dropped otherwise: with one side alone, it is not a
        contact of the two, but another report of one already known."""
        extraction = Extractor(article, self.gazetteer).run()
        joining = [event for event in extraction.dropped if event.joins_only]
        if joining:
            writer = Writer(article, extraction, countries=self.countries, acronyms=self.acronyms)
            for event in joining:
                event.target = writer.find_told(event)
                if event.target is not None:
                    event.drop_reason = ""
                    extraction.dropped.remove(event)
                    extraction.events.append(event)
        return extraction

    def import_bytes(self, data, filename=""):
        limit = settings.DIPLOTRACK_MAX_ARTICLE_BYTES
        if len(data) > limit:
            return ImportResult(FAILED, f"the file is larger than {limit:,} bytes, the limit for one article")
        if b"\x00" in data[:8192]:
            return ImportResult(FAILED, "the file is binary, not article text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            return ImportResult(FAILED, f"the file is not UTF-8 text (invalid byte at position {error.start})")
        return self.import_text(text, filename=filename)

    def import_html(self, data, filename=""):
        """A saved web page: its main text and what its metadata state, imported as an article."""
        limit = settings.DIPLOTRACK_FETCH_MAX_BYTES
        if len(data) > limit:
            return ImportResult(FAILED, f"the page is larger than {limit:,} bytes, the limit for one page")
        try:
            page = read_page(data, outlets=self.outlets)
        except ArticleError as error:
            return ImportResult(FAILED, str(error))
        except Exception as error:  # one page that cannot be read must not stop the others
            logger.exception("Reading %s failed", filename or "a page")
            return ImportResult(FAILED, f"the page could not be read ({type(error).__name__})")
        return self.import_text(page.text, filename=filename, known=page.known)

    def import_address(self, url, published=None, timeout=None):
        """The article at ``url``, fetched and read; ``published``: a date for a page that states none (a feed's);
        ``timeout``: seconds for the fetch, when less than the usual."""
        try:
            page = read_address(url, outlets=self.outlets, timeout=timeout)
        except ArticleError as error:
            return ImportResult(FAILED, f"{url}: {error}")
        except Exception as error:  # one page that cannot be read must not stop the others
            logger.exception("Reading %s failed", url)
            return ImportResult(FAILED, f"{url}: the page could not be read ({type(error).__name__})")
        known = page.known
        if known.published is None and published is not None:
            known = dataclasses.replace(known, published=published)
        return self.import_text(page.text, known=known)

    def preview(self, text, known=None):
        try:
            article = self.read(text, known)
        except ArticleError as error:
            return Preview(error=str(error))
        extraction = self.extract(article)
        writer = Writer(article, extraction, countries=self.countries, acronyms=self.acronyms)
        matches = []
        for event in extraction.events:
            known = {p.person_id for p in event.participants.values() if p.person_id}
            matches.append((event, event.target or writer.find_same(event, known)))
        already = Source.objects.filter(content_hash=article.content_hash).first()
        return Preview(article=article, extraction=extraction, matches=matches, already_imported=already, writer=writer)

    def import_text(self, text, filename="", url="", known=None, edit=None):
        """Import one article's text; ``known``: what its page or the editor states of it (title, outlet, date,
        address); ``edit``: a function that corrects the extraction before it is saved (the editor's preview)."""
        url = url or (known.url if known else "")
        if known is None and url:
            known = Known(url=url)
        limit = settings.DIPLOTRACK_MAX_ARTICLE_BYTES
        if len(text) > limit // 4 and len(text.encode("utf-8")) > limit:
            return ImportResult(FAILED, f"the text is larger than {limit:,} bytes, the limit for one article")
        try:
            article = self.read(text, known)
        except ArticleError as error:
            return ImportResult(FAILED, str(error))
        existing = Source.objects.filter(content_hash=article.content_hash).first()
        if existing:
            return ImportResult(UNCHANGED, "already imported", source=existing)
        try:
            extraction = self.extract(article)
            if edit is not None:
                edit(extraction)
            with transaction.atomic():
                serialize_imports()
                # The same text stored meanwhile by another import makes the source's insert fail on its unique
                # hash (IntegrityError, below): nothing is written twice.
                writer = Writer(
                    article,
                    extraction,
                    filename=filename,
                    url=url,
                    countries=self.countries,
                    acronyms=self.acronyms,
                    names=self.gazetteer.person_names,
                )
                source = writer.write()
                if self.dry_run:
                    transaction.set_rollback(True)
        except ArticleError as error:  # an editor's corrections that no longer fit the article's reading
            return ImportResult(FAILED, str(error))
        except OperationalError as error:
            if not is_busy(error):
                logger.exception("Import of %s failed", filename or "an article")
                return ImportResult(FAILED, f"unexpected error ({type(error).__name__}); nothing was saved")
            logger.warning("Import of %s waited too long for the database", filename or "an article")
            return ImportResult(FAILED, BUSY)
        except IntegrityError:
            # Another import stored the same text between our check and our write.
            existing = Source.objects.filter(content_hash=article.content_hash).first()
            if existing:
                return ImportResult(UNCHANGED, "already imported by an import running at the same time", existing)
            logger.exception("Import of %s failed", filename or "an article")
            return ImportResult(FAILED, "the database refused the import; nothing was saved")
        except Exception as error:  # one bad article must not stop the others
            logger.exception("Import of %s failed", filename or "an article")
            return ImportResult(FAILED, f"unexpected error ({type(error).__name__}); nothing was saved")
        if not self.dry_run:
            for person in writer.new_people:
                self.gazetteer.add_person(person.pk, person.name, person.country.code if person.country else "")
        result = ImportResult(
            SKIPPED,
            "",
            source=source,
            created=writer.created,
            merged=[m for m in writer.merged if m not in writer.created],
            new_people=writer.new_people,
            new_places=writer.new_places,
            forums=writer.forums,
            agreements=writer.agreements,
            extraction=extraction,
            article=article,
        )
        if result.created:
            result.status = CREATED
        elif result.merged:
            result.status = MERGED
        result.message = describe(result)
        return result


@dataclass
class Preview:
    """What importing a text would do, without doing it: for editors to check before they confirm."""

    article: object = None
    extraction: object = None
    matches: list = field(default_factory=list)  # (event, the existing meeting it would merge into, or None)
    already_imported: Source | None = None
    error: str = ""
    writer: Writer | None = None

    def merge_plan(self, meeting, event):
        """What saving ``event`` into ``meeting`` would change in it."""
        return self.writer.merge_plan(meeting, event)

    @property
    def quotes(self):
        """Every quote the extraction rests on, as (field, value, start, end, event number)."""
        found = []
        for number, (event, _) in enumerate(self.matches, start=1):
            if event.date_quote:
                found.append(("date", str(event.date), event.date_quote, number))
            if event.place_quote:
                found.append(("place", event.place_as_written, event.place_quote, number))
            for kind, quote in event.kinds.items():
                found.append(("kind", kind.label, quote, number))
            for person in event.participants.values():
                found.append(("person", person.name_as_written, person.quote, number))
        for forum in self.extraction.forums.values() if self.extraction else []:
            for name, quote in forum.quotes.items():
                found.append((f"forum {name}", str(forum.edition), quote, None))
        for agreement in self.extraction.agreements.values() if self.extraction else []:
            found.append(("agreement", agreement.title, agreement.quote, None))
        return found


def describe(result):
    article = result.article
    note = ""
    if article is not None and article.read_until is not None:
        note = f" · only the first {article.read_until:,} of its {len(article.text):,} characters were read"
    if result.extraction is not None and result.extraction.capped:
        note += f" · only its first {MAX_CONTACTS} contacts were read"
    if not result.created and not result.merged:
        reasons = sorted({event.drop_reason for event in result.extraction.dropped})
        detail = f" ({'; '.join(reasons)})" if reasons else ""
        return "no Kazakhstan–Russia contact found" + detail + note
    parts = []
    if result.created:
        parts.append(
            f"{len(result.created)} new meeting{'s' if len(result.created) != 1 else ''}: "
            + "; ".join(str(m) for m in result.created)
        )
    if result.merged:
        parts.append(f"merged into {'; '.join(str(m) for m in result.merged)}")
    if result.new_people:
        parts.append(f"new people to review: {', '.join(p.name for p in result.new_people)}")
    if result.new_places:
        parts.append(f"new places to review: {', '.join(p.name for p in result.new_places)}")
    return " · ".join(parts) + note
