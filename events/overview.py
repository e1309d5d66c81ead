"""The history at a glance: the map of where contacts took place, the network of who met whom, and what the site
holds (coverage). Each follows the meeting list's filters, and each is drawn on the server as SVG with its numbers
also given as a list or table."""

import math

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse

from events import maps
from events.facets import cached, size_of
from events.filters import apply_filters
from events.models import Meeting, Place
from events.views import active_filters

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
