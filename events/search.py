"""Full-text search over meetings: one text per meeting (title, summary, participants' names and every spelling of
them, the place's names, the sources' titles and texts), indexed by the database's own full-text search: an FTS5
table on SQLite, a GIN index on PostgreSQL. Words match by their beginning, whatever their case and accents, so
"Лавров" finds "Лаврова" and "nurtl" finds "Nurtleu".

The text of a meeting is written again whenever an import or an editor changes it (``refresh``);
``manage.py rebuild_search`` writes every one (after changing people's spellings, or on a database made before).
"""

import re

from django.db import transaction

from events.models import Meeting, MeetingText, Participant, PlaceName, words_of
from people.models import PersonName

LONGEST = 100_000  # characters of a meeting's text indexed
# Of each article, the part indexed for each meeting it reports: a news report whole, a long transcript's beginning.
# An article at the size limit that reports sixty contacts must not be indexed sixty times over in full.
ARTICLE_PART = 20_000
BATCH = 2000


def body_of(meeting_ids):
    """The text each of ``meeting_ids`` that still exists is found by, as {id: text}."""
    rows = list(Meeting.objects.filter(pk__in=list(meeting_ids)).values_list("pk", "title", "summary", "place_id"))
    own = {pk: [title, summary] for pk, title, summary, _ in rows}
    ids = list(own)
    names = {pk: [] for pk in ids}
    articles = {pk: [] for pk in ids}
    people, places = {}, {}
    for pk, _, _, place_id in rows:
        if place_id:
            places.setdefault(place_id, []).append(pk)
    for meeting_id, person_id, written in Participant.objects.filter(meeting_id__in=ids).values_list(
        "meeting_id", "person_id", "name_as_written"
    ):
        names[meeting_id].append(written)
        if person_id:
            people.setdefault(person_id, []).append(meeting_id)
    for person_id, name in PersonName.objects.filter(person_id__in=list(people)).values_list("person_id", "name"):
        for meeting_id in people[person_id]:
            names[meeting_id].append(name)
    for place_id, name in PlaceName.objects.filter(place_id__in=list(places)).values_list("place_id", "name"):
        for meeting_id in places[place_id]:
            names[meeting_id].append(name)
    through = Meeting.sources.through.objects.filter(meeting_id__in=ids)
    for meeting_id, title, text in through.values_list("meeting_id", "source__title", "source__text"):
        articles[meeting_id] += [title, text[:ARTICLE_PART]]
    return {pk: compose(own[pk], names[pk], articles[pk]) for pk in ids}


NAMES = "\n¶¶\n"  # between the texts and the names: no word of either side, so nothing is indexed for it


def compose(own, names, articles):
    """Articles and the meeting's own words first, for the snippet that shows why it matched; names after."""
    text = " \n".join(p for p in [*articles, *own] if p)
    return (text + NAMES + " · ".join(dict.fromkeys(n for n in names if n)))[:LONGEST]


def refresh(meeting_ids):
    """Write the texts of these meetings again (those deleted meanwhile lose theirs)."""
    ids = sorted(set(meeting_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            MeetingText.objects.filter(meeting_id__in=chunk).delete()
            bodies = body_of(chunk)
            MeetingText.objects.bulk_create([MeetingText(meeting_id=pk, body=body) for pk, body in bodies.items()])


def rebuild(missing_only=False):
    """Every meeting's text (or only of those without one); returns how many were written."""
    meetings = Meeting.objects.all()
    if missing_only:
        meetings = meetings.filter(search_text__isnull=True)
    ids = list(meetings.values_list("pk", flat=True))
    refresh(ids)
    return len(ids)


def snippet(text, terms, width=160):
    """The part of ``text`` around the first of ``terms`` found, and the terms' places in it: (before, found,
    after) triples for the template to mark, or None."""
    words = words_of(terms)
    if not words or not text:
        return None
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    hit = pattern.search(text)
    if hit is None:
        return None
    names_start = text.find(NAMES)
    if 0 <= names_start < hit.start():  # only a name matched: say whose
        stop = text.find(" · ", hit.end())
        return "a name: ", text[hit.start() : stop if stop >= 0 else len(text)].strip(), ""
    limit = names_start if names_start >= 0 else len(text)
    start = max(0, hit.start() - width // 2)
    end = min(limit, hit.end() + width // 2)
    return (
        ("…" if start else "") + text[start : hit.start()],
        hit.group(0),
        text[hit.end() : end] + ("…" if end < limit else ""),
    )
