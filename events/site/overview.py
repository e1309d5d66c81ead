"""The history at a glance: the map of where contacts took place, the network of who met whom, and what the site
holds (coverage). Each follows the meeting list's filters, and each is drawn on the server as SVG with its numbers
also given as a list or table."""

import datetime
import json
import math
from pathlib import Path

from django.db.models import Count
from django.http import QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from events import facets, history, summaries
from events.facets import cached, size_of
from events.filters import apply_filters
from events.models import (
    KIND_LABELS,
    LEVEL_OFFICES,
    Meeting,
    MeetingQuerySet,
    Place,
    Source,
)
from events.site import maps
from events.site.charts import bar_chart, per_year, ranked_chart
from events.site.views import active_filters, person_choices, tidy_redirect
from people.models import Person, Position

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
        "person_choices": person_choices(request.GET) if "person" in ignored else [],
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


def kept_unfiltered(name):
    """Register a page's ``body(meetings, params, size)`` so that its unfiltered body is rendered with the counts
    when the data changes, and kept under ``name`` for that state of the data."""

    def register(body):
        facets.rendered(name)(lambda public, size: body(public.order_by(), QueryDict(), size))
        return body

    return register


def body_of(name, body, meetings, params, size):
    """A page's body: unfiltered, as kept for this state of the data (rendered now only if it is not kept yet);
    filtered, rendered for its filters."""
    if params:
        return mark_safe(body(meetings, params, size))  # our own rendering, escaped by its template
    return mark_safe(cached(name, size, lambda: body(meetings, params, size), seconds=None))


def map_view(request):
    """Where the meetings the filters select took place. Unfiltered, the map depends on the data alone: it is rendered
    once for each state of the data."""
    if tidied := tidy_redirect(request):
        return tidied
    meetings, params, form = filtered(request)
    body = body_of(MAP_BODY, map_body, meetings, params, size_of(meetings))
    return render(request, "events/map.html", {**form, "body": body}, status=_status(form))


MAP_BODY = "map:body"


@kept_unfiltered(MAP_BODY)
def map_body(meetings, params, size):
    counts = cached(f"map?{params.urlencode()}", size, lambda: place_counts(meetings))
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
    return render_to_string(
        "events/_map_body.html",
        {
            "list_url": list_link(params),
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
    )


# --- the network ----------------------------------------------------------------------------------------------------

ROW = 26
LEVEL_RANK = {"presidents": 0, "ministers": 1, "deputies": 2, "ambassadors": 3, "others": 4}


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
    """Who met whom among the meetings the filters select. Unfiltered, the drawing depends on the data alone: it is
    rendered once for each state of the data."""
    if tidied := tidy_redirect(request):
        return tidied
    meetings, params, form = filtered(request)
    body = body_of(NETWORK_BODY, network_body, meetings, params, size_of(meetings))
    return render(request, "events/network.html", {**form, "body": body}, status=_status(form))


NETWORK_BODY = "network:body"


@kept_unfiltered(NETWORK_BODY)
def network_body(meetings, params, size):
    query = params.urlencode()
    summary = cached(f"network?{query}", size, lambda: summaries.network(meetings), seconds=None if not query else 300)
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(summary["people"])).select_related("country")}
    levels = levels_of(list(people))
    shown = summary["shown"]
    rows = max(len(ids) for ids in shown.values())
    position, nodes = {}, []
    for code, x, anchor in (("KZ", LEFT, "end"), ("RU", RIGHT, "start")):
        for index, pk in enumerate(shown[code]):
            y = 30 + index * ROW
            position[pk] = y
            nodes.append(
                {
                    "person": people[pk],
                    "n": summary["people"][pk],
                    "x": x,
                    "y": y,
                    "text_x": x - 10 if anchor == "end" else x + 10,
                    "anchor": anchor,
                    "level": levels.get(pk, "others"),
                }
            )
    lines = []
    for kz, ru, n in summary["pairs"]:
        entry = {
            "kz": people[kz],
            "ru": people[ru],
            "n": n,
            "level": max(levels.get(kz, "others"), levels.get(ru, "others"), key=LEVEL_RANK.get),
            "url": list_link(params, person=[people[kz].slug, people[ru].slug]),
        }
        if kz in position and ru in position:
            width = 1 + 7 * math.sqrt(n / summary["top"])
            entry.update(y1=position[kz], y2=position[ru], width=f"{width:.1f}")
        lines.append(entry)
    return render_to_string(
        "events/_network_body.html",
        {
            "list_url": list_link(params),
            "nodes": nodes,
            "drawn": [line for line in lines if "y1" in line][::-1],  # the thickest drawn last, on top
            "pairs": lines[: summaries.TABLE_PAIRS],
            "pair_count": summary["pair_count"],
            "hidden": summary["hidden"],
            "width": WIDTH,
            "height": 40 + rows * ROW,
            "left": LEFT,
            "right": RIGHT,
            "levels": [(key, label) for key, label in [*MeetingQuerySet.LEVELS.items(), ("others", "others")]],
        },
    )


WIDTH, LEFT, RIGHT = 900, 300, 600


# --- the timeline: years, kinds, and the foreign ministers' terms -----------------------------------------------------


def timeline(request):
    """The history year by year: counts per year and kind, and the latest meetings of each year. The years count
    the meetings held and dated; how many of unknown date (and how many planned) they leave out is said apart.
    Nothing in it depends on the request, so its body is rendered once for each state of the data."""
    public = Meeting.objects.public()
    body = body_of(TIMELINE_BODY, timeline_body, public, QueryDict(), facets.public_size())
    return render(request, "events/timeline.html", {"body": body})


TIMELINE_BODY = "timeline:body"


@kept_unfiltered(TIMELINE_BODY)
def timeline_body(public, _params, size):
    summary = cached("timeline", size, lambda: summaries.timeline(public), seconds=None)
    years = {}
    for row in summary["counts"]:
        year = years.setdefault(row["year"], {"total": 0, "kinds": [], "latest": []})
        year["total"] += row["n"]
        year["kinds"].append((KIND_LABELS[row["kind"]], row["n"]))
    latest = (
        Meeting.objects.filter(pk__in=summary["latest"])
        .only("title", "slug", "date", "date_precision", "end_date", "kind")
        .newest_first()
    )
    for meeting in latest:
        years[meeting.date.year]["latest"].append(meeting)
    by_kind = {}
    for row in summary["counts"]:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
    totals = [{"year": year, "n": data["total"]} for year, data in years.items()]
    meetings = reverse("events:meeting-list")
    return render_to_string(
        "events/_timeline_body.html",
        {
            "years": sorted(years.items(), reverse=True),
            "year_chart": bar_chart(per_year(totals), "Meetings per year", link=lambda y: f"{meetings}?year={y}"),
            "kind_chart": ranked_chart(
                [
                    (KIND_LABELS[kind], n, f"{meetings}?kind={kind}")
                    for kind, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
                ],
                "Meetings by kind",
            ),
            "terms": terms_chart(summary["terms"]),
            # What the years leave out, said and linked, so that their sum can be checked against the list.
            "undated": summary.get("undated", 0),
            "undated_url": f"{meetings}?date_unknown=yes&stage=held",
            "planned": summary.get("planned", 0),
            "planned_url": f"{meetings}?stage=planned",
        },
    )


TERMS_WIDTH, GUTTER, LANE = 900, 92, 64


def terms_chart(terms):
    """The ministers' terms as bars in two lanes (Kazakhstan, Russia), their meetings per year as marks above."""
    terms = [t for t in terms if t["start"]]
    if not terms:
        return None
    today = datetime.date.today()
    first = min(t["start"].year for t in terms)
    last = today.year
    span = last + 1 - first
    scale = (TERMS_WIDTH - GUTTER - 10) / span

    def x_of(day):
        return GUTTER + (day.year - first + (day.timetuple().tm_yday - 1) / 366) * scale

    top = max((n for t in terms for _, n in t["years"]), default=1)
    lanes = {"KZ": ("Kazakhstan", 0), "RU": ("Russia", 1)}
    bars, marks = [], []
    for term in terms:
        name, lane = lanes[term["country__code"]]
        y = 24 + lane * LANE
        start, end = x_of(term["start"]), x_of(term["end"] or today)
        surname = term["person__name"].split()[-1]
        bars.append(
            {
                "term": term,
                "x": f"{start:.1f}",
                "y": y + 22,
                "width": f"{max(end - start, 1):.1f}",
                "label": surname if end - start > 8 * len(surname) else "",
                "text_x": f"{start + 3:.1f}",
                "url": f"{reverse('people:person-detail', kwargs={'slug': term['person__slug']})}",
                "total": sum(n for _, n in term["years"]),
            }
        )
        for year, n in term["years"]:
            middle = GUTTER + (year - first + 0.5) * scale
            marks.append(
                {
                    "x": f"{middle:.1f}",
                    "y": y + 10,
                    "r": f"{1.5 + 6 * math.sqrt(n / top):.1f}",
                    "n": n,
                    "year": year,
                    "name": term["person__name"],
                    "url": f"{reverse('events:meeting-list')}?person={term['person__slug']}&year={year}",
                }
            )
    every = max(1, math.ceil(40 / scale))
    ticks = [
        {"x": f"{GUTTER + (year - first) * scale:.1f}", "year": year, "label": (year - first) % every == 0}
        for year in range(first, last + 1)
    ]
    return {
        "width": TERMS_WIDTH,
        "height": 24 + 2 * LANE + 20,
        "axis_y": 24 + 2 * LANE,
        "lanes": [(name, 24 + lane * LANE + 34) for name, lane in lanes.values()],
        "bars": bars,
        "marks": marks,
        "ticks": ticks,
        "gutter": GUTTER,
    }


# --- what the site holds ----------------------------------------------------------------------------------------------

EVALUATION = Path(__file__).parent.parent / "data" / "evaluation.json"


def about(request):
    public = Meeting.objects.public()
    size = facets.public_size()
    held = cached("coverage", size, lambda: summaries.coverage(public), seconds=None)
    years = facets.default_list(size)["year"]
    meetings_per_year = {row["year"]: row["n"] for row in years}
    sources_per_year = {row["year"]: row["n"] for row in held["per_year"]}
    # From the establishment of relations to this year, so that a year with nothing on record shows as a gap.
    span = range(history.FIRST_DAY.year, datetime.date.today().year + 1)
    link = lambda year: f"{reverse('events:meeting-list')}?year={year}"  # noqa: E731
    try:
        evaluation = json.loads(EVALUATION.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        evaluation = None
    return render(
        request,
        "events/about.html",
        {
            "size": size,
            "held": held,
            "sources_chart": bar_chart([(y, sources_per_year.get(y, 0)) for y in span], "Articles per year published"),
            "meetings_chart": bar_chart(
                [(y, meetings_per_year.get(y, 0)) for y in span], "Meetings per year held", link=link
            ),
            "evaluation": evaluation,
            "gap_years": [year for year in span if not meetings_per_year.get(year)],
            "gaps": summaries.gaps(facets.store),
            "site": request.build_absolute_uri("/").rstrip("/"),
            "today": datetime.date.today(),
            "unknown_outlet": Source.UNKNOWN_OUTLET,
        },
    )
