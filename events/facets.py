"""The counts that narrow a set of meetings (the facets of the lists), and where they are kept.

Counting a hundred thousand meetings by person, place, topic and the rest takes a second, so counts are kept in the
database's cache table, shared by every process and kept across restarts, under a key that holds the state of the set
(``size_of``): an import, a merge or an edit changes the state, and the old counts are never read again. After data
changes, ``warm`` counts the default list once, so its first request after a restart reads the counts instead of
computing them.
"""

import hashlib
import itertools
import logging
import threading
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.db.models.signals import m2m_changed, post_delete, post_save

from events import summaries
from events.models import (
    Meeting,
    MeetingQuerySet,
    Organization,
    Place,
    Source,
    host_condition,
    level_condition,
)
from people.models import Person

logger = logging.getLogger(__name__)

TOP = 12  # entries of a facet shown; the people picker finds the others
FILTERED_SECONDS = 300  # counts of a filtered set: kept a few minutes (the default list's are kept until replaced)
DEFAULT_LIST = "facets:/meetings/?"

store = caches["counts"]
TABLE = settings.CACHES["counts"]["LOCATION"]


def size_of(meetings):
    """What identifies the state of a set of meetings: how many, the highest id and the last change."""
    return meetings.aggregate(n=Count("pk"), top=Max("pk"), changed=Max("updated"))


def key_of(name, size):
    """Where the counts called ``name`` of a set in the state ``size`` are kept."""
    parts = f"{name}|{size['n']}|{size['top']}|{size['changed']}"
    return "counts:" + hashlib.sha256(parts.encode()).hexdigest()


def cached(name, size, compute, seconds=FILTERED_SECONDS):
    """The counts called ``name`` of a set in the state ``size``, computed at most once per state."""
    key = key_of(name, size)
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, seconds)
    return value


def count(meetings):
    """Every facet of ``meetings``: lists of rows with ``n``, the most frequent first (years newest first)."""
    ids = meetings.order_by().values("pk")
    # Grouping the set itself is cheaper than grouping "id IN (the set)"; a DISTINCT set must be wrapped.
    inside = Meeting.objects.filter(pk__in=ids).order_by() if meetings.query.distinct else meetings.order_by()
    hosts = MeetingQuerySet.HOSTS
    by_year = (
        inside.filter(date__isnull=False)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("pk"), **{key: Count("pk", filter=host_condition(key)) for key in hosts})
        .order_by("-year")
    )
    totals = inside.aggregate(
        **{f"host_{key}": Count("pk", filter=host_condition(key)) for key in hosts},
        **{f"level_{key}": Count("pk", filter=Q(level_condition(key))) for key in MeetingQuerySet.LEVELS},
    )
    sources = Meeting.sources.through.objects.filter(meeting__in=ids)
    return {
        "year": list(by_year),
        "kind": list(inside.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")),
        "host": [
            {"host": key, "label": label, "n": totals[f"host_{key}"]}
            for key, label in hosts.items()
            if totals[f"host_{key}"]
        ],
        "level": [
            {"level": key, "label": label, "n": totals[f"level_{key}"]}
            for key, label in MeetingQuerySet.LEVELS.items()
            if totals[f"level_{key}"]
        ],
        "person": _top(Person.objects.filter(participations__meeting__in=ids), "participations__meeting", "name"),
        "place": _top(Place.objects.filter(meetings__in=ids), "meetings", "name"),
        "organization": _top(Organization.objects.filter(meetings__in=ids), "meetings", "acronym"),
        "topic": _topics(ids),
        "country": list(
            inside.annotate(
                code=Coalesce("place__country__code", "country__code"),
                name=Coalesce("place__country__name", "country__name"),
            )
            .filter(code__isnull=False)
            .values("code", "name")
            .annotate(n=Count("pk"))
            .order_by("-n", "name")[:TOP]
        ),
        "region": _regions(ids),
        "outlet": list(
            sources.exclude(source__outlet="")
            .values(outlet=F("source__outlet"))
            .annotate(n=Count("meeting_id", distinct=True))
            .order_by("-n", "outlet")[:TOP]
        ),
        "language": [
            {**row, "label": Source.LANGUAGES.get(row["language"], row["language"])}
            for row in sources.exclude(source__language="")
            .values(language=F("source__language"))
            .annotate(n=Count("meeting_id", distinct=True))
            .order_by("-n", "language")
        ],
    }


def _top(queryset, through, label):
    return list(
        queryset.annotate(n=Count(through, distinct=True)).order_by("-n", label).values("slug", label, "n")[:TOP]
    )


def _topics(ids):
    from taggit.models import Tag

    return _top(Tag.objects.filter(meeting__in=ids), "meeting", "name")


def _regions(ids):
    """The regions and conflicts discussed, from each meeting's JSON list: the database unnests it."""
    inner, params = ids.query.sql_with_params()
    table = Meeting._meta.db_table
    if connection.vendor == "postgresql":
        elements = "jsonb_array_elements_text(m.regions) AS r(name)"
        name = "r.name"
    else:
        elements = "json_each(m.regions) AS r"
        name = "r.value"
    sql = (
        f"SELECT {name}, COUNT(*) AS n FROM {table} AS m, {elements} WHERE m.id IN ({inner}) "
        f"GROUP BY {name} ORDER BY n DESC, {name} LIMIT {TOP}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [{"name": row[0], "n": row[1]} for row in cursor.fetchall()]


# --- kept up to date --------------------------------------------------------------------------------------------------


def default_list(size):
    """The counts of the list with no filter (whose state is ``size``), read from the cache or computed and kept
    until the data changes."""
    public = Meeting.objects.public()
    return cached(DEFAULT_LIST, size, lambda: count(public), seconds=None)


# Page bodies that depend on the data alone, kept rendered under their name for each state of the data: the pages
# register how to render them (``rendered``), and ``warm`` renders them again once the counts they draw are kept.
RENDERED = {}


def rendered(name):
    """Register ``function(public meetings, size)`` as the way to render the body kept under ``name``."""

    def register(function):
        RENDERED[name] = function
        return function

    return register


def warm():
    """Count the default list again and keep the counts, with what the overview pages compute (the timeline, the
    about page, the network) and the bodies rendered from them: after an import, an edit or a merge."""
    public = Meeting.objects.public()
    started = store.get(STAMP)
    size = size_of(public)
    store.set_many(
        {
            key_of(DEFAULT_LIST, size): count(public),
            key_of("timeline", size): summaries.timeline(public),
            key_of("coverage", size): summaries.coverage(public),
            key_of("network?", size): summaries.network(public.order_by()),
        },
        None,
    )
    store.set_many({key_of(name, size): render(public, size) for name, render in RENDERED.items()}, None)
    summaries.gaps(store)
    stamp = uuid.uuid4().hex
    # A change committed by another process while this one counted: the size measured may be from before it.
    measured = (stamp, size) if store.get(STAMP) == started else (None, None)
    store.set_many({STAMP: stamp, PUBLIC_SIZE: measured}, None)
    _changed.flag = _changed.marking = False


# The state of all the data, for what is kept of whole pages and exports (events/site/kept.py,
# events/exports/kept.py): a mark that every process reads, made anew as each change is committed and by each
# ``warm``, with the number of changes this process has seen itself, which counts a change at once.
STAMP = "data-stamp"
PUBLIC_SIZE = "public-size"  # (the stamp it was measured at, size_of the public meetings)
_changes_seen = itertools.count()
_seen = 0


def public_size():
    """``size_of`` the public meetings as ``warm`` measured them, read with the state of the data in one query; counted
    again when the data changed since (a change marks a new state at once, and warm measures it after)."""
    kept = store.get_many([STAMP, PUBLIC_SIZE])
    stamp, measured = kept.get(STAMP), kept.get(PUBLIC_SIZE)
    if stamp is not None and measured is not None and measured[0] == stamp and not getattr(_changed, "flag", False):
        return measured[1]
    return size_of(Meeting.objects.public())


def data_state():
    """The state of the data as a string, or None when no ``warm`` has marked it yet."""
    stamp = store.get(STAMP)
    return None if stamp is None else f"{stamp}.{_seen}"


_changed = threading.local()
WATCHED = {"events", "people", "taggit"}


def _note_change(sender, **kwargs):
    global _seen
    if sender._meta.app_label in WATCHED and not sender.__name__.startswith("Historical"):
        _changed.flag = True
        _seen = next(_changes_seen)
        if not getattr(_changed, "marking", False):
            # Every process sees the new state as soon as the change is committed, before the counts are made
            # again: nothing kept from before it (a page, an export) is served once it is in. Once for each
            # transaction; after one rolled back, the next request or ``warm`` marks the state.
            _changed.marking = True
            transaction.on_commit(_mark_new_state, robust=True)


def _mark_new_state():
    _changed.marking = False
    store.set(STAMP, uuid.uuid4().hex, None)


def forget_changes():
    """At the start of a request that may change data: nothing noted yet, and its end is to be watched."""
    _changed.flag = _changed.marking = False
    _changed.in_request = True


def warm_if_changed():
    """Warm the counts if this thread saved or deleted anything they are made of since the last time."""
    if getattr(_changed, "flag", False):
        warm()


def _after_response(sender, **kwargs):
    if not getattr(_changed, "in_request", False):
        return  # a reading request: nothing it did needs counting
    _changed.in_request = False
    try:
        warm_if_changed()
    except DatabaseError:  # the counts are then made by the next reader; the change itself is saved
        logger.exception("The lists' counts could not be made again after a change")
        _changed.flag = False


for _signal in (post_save, post_delete, m2m_changed):
    _signal.connect(_note_change, dispatch_uid=f"facets-{_signal!r}")
# Sent once the response has been handed to the server (on closing it): the editor does not wait for the counts.
request_finished.connect(_after_response, dispatch_uid="facets-after-response")
