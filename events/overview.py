"""The history at a glance: the map of where contacts took place, the network of who met whom, and what the site
holds (coverage). Each follows the meeting list's filters, and each is drawn on the server as SVG with its numbers
also given as a list or table."""

import math

from django.db import connection
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse

from events import maps
from events.facets import cached, size_of
from events.filters import apply_filters
from events.models import LEVEL_OFFICES, Meeting, MeetingQuerySet, Participant, Place
from events.views import active_filters
from people.models import Country, Person, Position

LABELLED = 10  # the places with most meetings carry their name on the map


def filtered(request):
    """The public meetings the request's filters select, their parameters without the page or order, and the
    context of the filters' form (refused parameters are answered with a 400, as on the list)."""
    filterset, meetings, ignored = apply_filters(request.GET, Meeting.objects.public())
    params = request.GET.copy()
    for key in [*ignored, "page", "sort"]:
        params.pop(key, None)
    invalid = any(reason != "unknown parameter" for reason in ignored.values())
    form = {
        "filter": filterset,
        "ignored": ignored,
        "invalid": invalid,
        "active": active_filters(filterset, params),
        "filters_open": invalid,
        "query": params.urlencode(),
        "list_url": list_link(params),
    }
    return meetings.order_by(), params, form


def _status(form):
    return 400 if form["invalid"] else 200


def list_link(params, **extra):
    """The meeting list with the page's filters and ``extra`` ones."""
    query = params.copy()
    for key, value in extra.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return f"{reverse('events:meeting-list')}?{query.urlencode()}"


def place_counts(meetings):
    """(place id, meetings there) and the number of phone and video contacts, of a set of meetings."""
    by_place = dict(
        meetings.filter(place__isnull=False).values_list("place").annotate(n=Count("pk")).values_list("place", "n")
    )
    remote = meetings.filter(kind=Meeting.Kind.PHONE_CALL).count()
    return {"places": by_place, "remote": remote, "total": meetings.count()}


def map_view(request):
    meetings, params, form = filtered(request)
    counts = cached(f"map?{params.urlencode()}", size_of(meetings), lambda: place_counts(meetings))
    places = Place.objects.filter(pk__in=list(counts["places"])).select_related("country")
    circles, unplaced, off_map = [], [], []
    top = max(counts["places"].values(), default=1)
    for place in sorted(places, key=lambda p: (-counts["places"][p.pk], p.name)):
        n = counts["places"][place.pk]
        entry = {"place": place, "n": n, "url": list_link(params, place=place.slug)}
        if place.latitude is None or place.longitude is None:
            unplaced.append(entry)
        elif not maps.on_map(place.latitude, place.longitude):
            off_map.append(entry)
        else:
            x, y = maps.project(place.latitude, place.longitude)
            radius = 3 + 19 * math.sqrt(n / top)
            circles.append({**entry, "x": f"{x:.1f}", "y": f"{y:.1f}", "r": f"{radius:.1f}"})
    for index, circle in enumerate(circles):
        circle["label"] = index < LABELLED
    return render(
        request,
        "events/map.html",
        {
            **form,
            "countries": maps.outlines(),
            "labels": [(name, *map(lambda v: f"{v:.1f}", maps.project(*point))) for name, point in maps.LABELS],
            "width": maps.WIDTH,
            "height": maps.HEIGHT,
            "circles": circles[::-1],  # the largest drawn first, under the smaller
            "ranked": circles,
            "unplaced": unplaced,
            "off_map": off_map,
            "remote": counts["remote"],
            "remote_url": list_link(params, host="remote"),
            "total": counts["total"],
            "unknown": counts["total"] - counts["remote"] - sum(counts["places"].values()),
        },
        status=_status(form),
    )


# --- the network ----------------------------------------------------------------------------------------------------

PER_SIDE = 20  # people drawn on each side: the most frequent in the filtered meetings
ROW = 26
LEVEL_RANK = {"presidents": 0, "ministers": 1, "deputies": 2, "ambassadors": 3, "others": 4}


def pair_counts(meetings):
    """How often each pair of a Kazakh and a Russian took part in the same meeting, and each one's meetings."""
    inner, params = meetings.values("pk").query.sql_with_params()
    participant, person, country = Participant._meta.db_table, Person._meta.db_table, Country._meta.db_table
    sides = (
        f"SELECT pa.meeting_id, pa.person_id, c.code FROM {participant} pa JOIN {person} pe ON pe.id = pa.person_id "
        f"JOIN {country} c ON c.id = pe.country_id WHERE c.code IN ('KZ', 'RU') AND pa.meeting_id IN ({inner})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH side AS ({sides}) SELECT kz.person_id, ru.person_id, COUNT(*) FROM side kz JOIN side ru "
            "ON ru.meeting_id = kz.meeting_id AND ru.code = 'RU' WHERE kz.code = 'KZ' GROUP BY 1, 2",
            params,
        )
        pairs = [list(row) for row in cursor.fetchall()]
        cursor.execute(f"WITH side AS ({sides}) SELECT person_id, COUNT(*) FROM side GROUP BY 1", params)
        people = dict(cursor.fetchall())
    return {"pairs": pairs, "people": people}


def levels_of(people_ids):
    """Each person's highest office ever held, as a level of MeetingQuerySet.LEVELS (or "others")."""
    office_level = {office: level for level, offices in LEVEL_OFFICES.items() for office in offices}
    found = {}
    for person_id, office in Position.objects.filter(person_id__in=people_ids).values_list("person_id", "office"):
        level = office_level.get(office, "others")
        if LEVEL_RANK[level] < LEVEL_RANK[found.get(person_id, "others")]:
            found[person_id] = level
    return found


def network_view(request):
    meetings, params, form = filtered(request)
    counts = cached(f"network?{params.urlencode()}", size_of(meetings), lambda: pair_counts(meetings))
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(counts["people"])).select_related("country")}
    levels = levels_of(list(people))
    sides = {"KZ": [], "RU": []}
    for pk in sorted(people, key=lambda pk: (-counts["people"][pk], people[pk].name)):
        sides[people[pk].country.code].append(pk)
    shown = {code: ids[:PER_SIDE] for code, ids in sides.items()}
    rows = max(len(ids) for ids in shown.values()) if people else 0
    height = 40 + rows * ROW
    position = {}
    nodes = []
    for code, x, anchor in (("KZ", LEFT, "end"), ("RU", RIGHT, "start")):
        for index, pk in enumerate(shown[code]):
            y = 30 + index * ROW
            position[pk] = y
            person = people[pk]
            nodes.append(
                {
                    "person": person,
                    "n": counts["people"][pk],
                    "x": x,
                    "y": y,
                    "text_x": x - 10 if anchor == "end" else x + 10,
                    "anchor": anchor,
                    "level": levels.get(pk, "others"),
                }
            )
    top = max((n for _, _, n in counts["pairs"]), default=1)
    lines = []
    for kz, ru, n in sorted(counts["pairs"], key=lambda row: -row[2]):
        level = max(levels.get(kz, "others"), levels.get(ru, "others"), key=LEVEL_RANK.get)
        entry = {
            "kz": people[kz],
            "ru": people[ru],
            "n": n,
            "level": level,
            "url": list_link(params, person=[people[kz].slug, people[ru].slug]),
        }
        if kz in position and ru in position:
            entry.update(y1=position[kz], y2=position[ru], width=f"{1 + 7 * math.sqrt(n / top):.1f}")
        lines.append(entry)
    hidden = sum(len(ids) - len(shown[code]) for code, ids in sides.items())
    return render(
        request,
        "events/network.html",
        {
            **form,
            "nodes": nodes,
            "drawn": [line for line in lines if "y1" in line][::-1],  # the thickest drawn last, on top
            "pairs": lines[:40],
            "pair_count": len(lines),
            "hidden": hidden,
            "width": WIDTH,
            "height": height,
            "left": LEFT,
            "right": RIGHT,
            "levels": [(key, label) for key, label in [*MeetingQuerySet.LEVELS.items(), ("others", "others")]],
        },
        status=_status(form),
    )


WIDTH, LEFT, RIGHT = 900, 300, 600
