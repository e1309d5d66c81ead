"""News feeds polled for new articles: each entry imported by its address, once."""

import calendar
import datetime
import logging
import re
import time
from dataclasses import dataclass, field

import feedparser
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.ingest.dates import PartialDate
from events.ingest.pipeline import FAILED
from events.ingest.web import FetchError, decode, fetch
from events.models import Feed, FeedEntry, Source

logger = logging.getLogger(__name__)

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass
class FeedReport:
    feed: Feed
    entries: int = 0
    seen: int = 0  # imported before, by address
    counts: dict = field(default_factory=dict)  # import status → number of entries
    failures: list = field(default_factory=list)  # (address, message)
    error: str = ""
    not_modified: bool = False
    waiting: int = 0  # failed before, to be tried again later
    given_up: int = 0  # failed too often: tried no more
    left: int = 0  # new entries not tried: over the cap, or the poll's time was up

    @property
    def line(self):
        if self.error:
            return f"{self.feed}: failed: {self.error}"
        if self.not_modified:
            return f"{self.feed}: not changed since the last poll"
        parts = [f"{self.entries} entries", f"{self.seen} seen before"]
        parts += [f"{n} {status}" for status, n in sorted(self.counts.items())]
        if self.waiting:
            parts.append(f"{self.waiting} failed before, to be tried again later")
        if self.given_up:
            parts.append(f"{self.given_up} given up")
        if self.left:
            parts.append(f"{self.left} left for the next poll")
        return f"{self.feed}: " + ", ".join(parts)


def poll(feed, importer):
    """Fetch ``feed`` (conditionally, by its ETag and Last-Modified) and import its entries not seen before. The
    feed's row records when it was checked and what went wrong, if anything. The poll, feed and entries together,
    takes at most DIPLOTRACK_FEED_POLL_SECONDS: the entries it had no time for are tried at the next one."""
    report = FeedReport(feed)
    budget = Budget(settings.DIPLOTRACK_FEED_POLL_SECONDS)
    headers = {"Accept": ACCEPT}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.modified:
        headers["If-Modified-Since"] = feed.modified
    try:
        page = fetch(feed.url, headers=headers, timeout=budget.fetch_timeout())
        if page.status == 304:
            report.not_modified = True
        else:
            parsed = parse(page)
            if not parsed.entries and (parsed.bozo or not parsed.version):
                raise FetchError("the address does not serve an RSS or Atom feed")
            import_entries(parsed.entries, importer, report, budget)
            feed.etag = (page.headers.get("ETag") or "")[:300]
            feed.modified = (page.headers.get("Last-Modified") or "")[:100]
    except FetchError as error:
        report.error = str(error)
    except Exception as error:  # one feed must not stop the others, poll after poll
        logger.exception("Poll of %s failed", feed.url)
        report.error = f"unexpected error ({type(error).__name__})"
    feed.last_checked = timezone.now()
    feed.last_error = report.error
    feed.save(update_fields=["last_checked", "last_error", "etag", "modified"])
    return report


_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def parse(page):
    """The feed document, read by feedparser; one whose declared encoding feedparser cannot use (``undefined``) is
    decoded here, by what its bytes are, and read again without the declaration."""
    try:
        return feedparser.parse(page.body, response_headers={"content-type": page.headers.get("Content-Type", "")})
    except Exception:
        pass
    try:
        text = _XML_ENCODING.sub(r"\1", decode(page.body), count=1)
        return feedparser.parse(text, response_headers={"content-type": page.content_type or "application/xml"})
    except Exception as error:
        raise FetchError(f"the feed could not be read ({type(error).__name__})") from error


class Budget:
    """The time a feed's poll has left; a fetch gets the usual time limit, or what is left if that is less."""

    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def fetch_timeout(self):
        return max(min(settings.DIPLOTRACK_FETCH_TIMEOUT, self.end - time.monotonic()), 0.001)

    def spent(self):
        return time.monotonic() >= self.end


# After an entry's first and second failures, when it is tried again; after the third it is given up.
RETRY_AFTER = [datetime.timedelta(hours=1), datetime.timedelta(days=1)]


def import_entries(entries, importer, report, budget=None):
    """Import the entries not seen before, newest first: at most DIPLOTRACK_FEED_MAX_ENTRIES of them in one poll
    (the rest wait for the next), and no failed one again before its time."""
    now = timezone.now()
    newest_first = sorted(entries, key=lambda entry: entry_date(entry, precise=True) or 0, reverse=True)
    links = [entry.get("link", "").strip() for entry in newest_first]
    known = [link for link in links if link]
    seen = set(Source.objects.filter(url__in=known).values_list("url", flat=True))
    tried = {row.url: row for row in FeedEntry.objects.filter(url__in=known)}
    fetches = 0
    for entry, link in zip(newest_first, links, strict=True):
        report.entries += 1
        if not link.startswith(("http://", "https://")):
            report.failures.append((link or "(no address)", "the entry has no web address"))
            report.counts[FAILED] = report.counts.get(FAILED, 0) + 1
            continue
        row = tried.get(link)
        if link in seen or (row and row.state == FeedEntry.State.DONE):
            report.seen += 1
            continue
        if row and row.state == FeedEntry.State.GIVEN_UP:
            report.given_up += 1
            continue
        if row and row.retry_after and row.retry_after > now:
            report.waiting += 1
            continue
        if fetches >= settings.DIPLOTRACK_FEED_MAX_ENTRIES or (budget is not None and budget.spent()):
            report.left += 1
            continue
        fetches += 1
        timeout = budget.fetch_timeout() if budget is not None else None
        result = importer.import_address(link, published=entry_date(entry), timeout=timeout)
        seen.add(link)
        report.counts[result.status] = report.counts.get(result.status, 0) + 1
        if result.status == FAILED:
            report.failures.append((link, result.message))
        tried[link] = record(row, report.feed, link, result)


def record(row, feed, link, result):
    """The entry's row after an attempt: done, or failed with when to try it again, or given up."""
    row = row or FeedEntry(feed=feed, url=link)
    row.attempts += 1
    row.last_attempt = timezone.now()
    row.retry_after = None
    row.last_error = ""
    if result.status != FAILED:
        row.state = FeedEntry.State.DONE
    elif row.attempts > len(RETRY_AFTER):
        row.state = FeedEntry.State.GIVEN_UP
        row.last_error = result.message
    else:
        row.state = FeedEntry.State.RETRY
        row.retry_after = row.last_attempt + RETRY_AFTER[row.attempts - 1]
        row.last_error = result.message
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        pass  # a poll running at the same time recorded it first
    return row


def entry_date(entry, precise=False):
    """The entry's publication date, for a page that states none; ``precise``: its moment, to order entries by."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        moment = datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)
    except (OverflowError, ValueError, OSError):
        return None
    return moment.timestamp() if precise else PartialDate(moment.date())
