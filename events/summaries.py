"""What the overview pages (the timeline, the about page, the network) compute from the whole of the data: kept with
the lists' counts and made again when the data changes (events/facets.py), so that no reader waits for them."""

import hashlib

from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear

from events import history
from events.models import Meeting, Participant, Place, Source, public_people
from people.models import Person, Position

LATEST_PER_YEAR = 3  # meetings shown under each year of the timeline; the list has the others
PER_SIDE = 20  # people drawn on each side: the most frequent in the filtered meetings
TABLE_PAIRS = 40


def timeline(public):
    return {
        "counts": public.counts_by_year_and_kind(),
        "latest": public.latest_of_each_year(LATEST_PER_YEAR),
        "terms": ministers_terms(public),
        "undated": public.held().undated().count(),
        "planned": public.filter(stage=Meeting.Stage.PLANNED).count(),
    }


def ministers_terms(meetings):
    """Each country's foreign ministers (from the positions) with their meetings per year while in office."""
    terms = list(
        Position.objects.filter(office=Position.Office.FOREIGN_MINISTER, country__code__in=["KZ", "RU"])
        .order_by("country__code", "start")
        .values("person_id", "person__name", "person__slug", "country__code", "start", "end")
    )
    held = meetings.filter(date__isnull=False).order_by()
    counted = (
        Participant.objects.filter(person_id__in={t["person_id"] for t in terms}, meeting__in=held.values("pk"))
        .annotate(year=ExtractYear("meeting__date"))
        .values_list("person_id", "year", "meeting__date")
    )
    by_person = {}
    for term in terms:
        term["counts"] = {}
        by_person.setdefault(term["person_id"], []).append(term)
    for person_id, year, day in counted:
        for term in by_person[person_id]:
            if (term["start"] or day) <= day <= (term["end"] or day):
                term["counts"][year] = term["counts"].get(year, 0) + 1
    for term in terms:
        term["years"] = sorted(term.pop("counts").items())
    return terms


def coverage(public):
    """The articles behind the history, per year, per outlet and per language."""
    sources = Source.objects.public().order_by()
    return {
        "sources": sources.count(),
        "per_year": list(
            sources.filter(published__isnull=False)
            .annotate(year=ExtractYear("published"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("year")
        ),
        "per_outlet": [
            {**row, "language_name": Source.LANGUAGES.get(row["language"], row["language"])}
            for row in sources.values("outlet", "language")
            .annotate(n=Count("pk"))
            .order_by("-n", "outlet", "language")[:40]
        ],
        "undated": sources.filter(published__isnull=True).count(),
        "people": public_people().count(),
        "places": Place.objects.public().count(),
    }


def pair_counts(meetings):
    """How often each pair of a Kazakh and a Russian took part in the same meeting, and each one's meetings."""
    sides = dict(Person.objects.filter(country__code__in=["KZ", "RU"]).values_list("pk", "country__code"))
    kz = [pk for pk, code in sides.items() if code == "KZ"]
    ru = [pk for pk, code in sides.items() if code == "RU"]
    if not kz or not ru:
        return {"pairs": [], "people": {}}
    inner, params = meetings.values("pk").query.sql_with_params()
    table = Participant._meta.db_table

    def listed(ids):
        return ", ".join(str(int(pk)) for pk in ids)

    with connection.cursor() as cursor:
        # From each Kazakh participation to the participants of the same meeting, through the (meeting, person)
        # index. The unary plus keeps SQLite from probing every pair of listed values (each person by each meeting,
        # tens of millions of lookups); PostgreSQL reads it as the plain column.
        cursor.execute(
            f"SELECT a.person_id, b.person_id, COUNT(*) FROM {table} a JOIN {table} b ON b.meeting_id = a.meeting_id "
            f"WHERE a.person_id IN ({listed(kz)}) AND +b.person_id IN ({listed(ru)}) AND +a.meeting_id IN ({inner}) "
            "GROUP BY a.person_id, b.person_id",
            params,
        )
        pairs = [list(row) for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT person_id, COUNT(*) FROM {table} WHERE person_id IN ({listed(sides)}) "
            f"AND +meeting_id IN ({inner}) GROUP BY person_id",
            params,
        )
        people = dict(cursor.fetchall())
    return {"pairs": pairs, "people": people}


def network(meetings):
    """What the network draws and lists, small enough to keep: the people shown on each side, the pairs drawn among
    them and the most frequent pairs, with the numbers of pairs and of people left out."""
    counts = pair_counts(meetings)
    known = Person.objects.filter(pk__in=list(counts["people"]))
    names = {pk: (name, code) for pk, name, code in known.values_list("pk", "name", "country__code")}
    ranked_people = sorted(counts["people"], key=lambda pk: (-counts["people"][pk], names[pk][0]))
    shown = {code: [pk for pk in ranked_people if names[pk][1] == code][:PER_SIDE] for code in ("KZ", "RU")}
    drawn = set(shown["KZ"]) | set(shown["RU"])
    ranked = sorted(counts["pairs"], key=lambda row: (-row[2], row[0], row[1]))
    # Drawn: the pairs of the people shown; listed: the most frequent. The thousands of others are only counted.
    kept = [row for row in ranked if row[0] in drawn and row[1] in drawn]
    kept += [row for row in ranked[:TABLE_PAIRS] if row not in kept]
    wanted = drawn | {pk for row in kept for pk in row[:2]}
    return {
        "people": {pk: counts["people"][pk] for pk in wanted},
        "shown": shown,
        "pairs": sorted(kept, key=lambda row: (-row[2], row[0], row[1])),
        "pair_count": len(ranked),
        "hidden": len(ranked_people) - len(drawn),
        "top": ranked[0][2] if ranked else 1,
    }


def gaps(store):
    """The notes on the years the record says little about, read from their YAML files once for each version of
    them (parsing them takes longer than the rest of the page)."""
    folder = history.HISTORY_DIR
    files = sorted(folder.glob("_gaps*.yaml"))
    stamp = "|".join(f"{path.name}:{path.stat().st_mtime_ns}:{path.stat().st_size}" for path in files)
    key = "gaps:" + hashlib.sha256(stamp.encode()).hexdigest()
    notes = store.get(key)
    if notes is None:
        notes = history.read_gaps(folder)
        store.set(key, notes, None)
    return notes
