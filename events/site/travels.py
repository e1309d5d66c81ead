"""A person's travels abroad, in the manner of the historians' "Travels of the Secretary" tables: one row per trip
(meetings abroad a few days apart make one trip of several stops), with its dates, countries, places and a remark."""

import datetime

from django.urls import reverse

from events.dates import Precision, format_partial
from events.models import KIND_LABELS, Meeting

GAP = datetime.timedelta(days=3)  # meetings abroad at most this far apart belong to one trip
REMARKS = 3


def trips(person, meetings):
    """The trips abroad of ``person`` among ``meetings`` (theirs), newest first, as plain dicts for the cache."""
    if person.country_id is None:
        return []
    rows = (
        meetings.filter(date__isnull=False)
        .exclude(kind=Meeting.Kind.PHONE_CALL)
        .order_by("date", "id")
        .values(
            "pk", "slug", "date", "date_precision", "end_date", "kind", "title", "place__name", "place__slug",
            "place__country_id", "place__country__name", "country_id", "country__name",
        )
    )  # fmt: skip
    # The addresses made once and filled in per row: reverse() for each of hundreds of meetings was most of the time
    # of a person's page on its first request.
    meeting_url = reverse("events:meeting-detail", kwargs={"pk": 1, "slug": "s"}).removesuffix("1-s/") + "{}-{}/"
    place_url = reverse("events:place-detail", kwargs={"slug": "s"}).removesuffix("s/") + "{}/"
    found, current = [], None
    for row in rows:
        country_id = row["place__country_id"] or row["country_id"]
        if country_id is None or country_id == person.country_id:
            current = None  # back home: the next meeting abroad starts a new trip
            continue
        country = row["place__country__name"] or row["country__name"]
        end = row["end_date"] or row["date"]
        partial = row["date_precision"] != Precision.DAY
        if current is None or partial or current["when"] or row["date"] - current["end"] > GAP:
            # A meeting known only by its month or year is a trip of its own, told by that month or year.
            when = format_partial(row["date"], row["date_precision"]) if partial else ""
            current = {"start": row["date"], "end": end, "when": when, "countries": [], "places": [], "meetings": []}
            found.append(current)
        current["end"] = max(current["end"], end)
        if country not in current["countries"]:
            current["countries"].append(country)
        if row["place__slug"]:
            place = (row["place__name"], place_url.format(row["place__slug"]))
            if place not in current["places"]:
                current["places"].append(place)
        current["meetings"].append(
            {
                "url": meeting_url.format(row["pk"], row["slug"]),
                "title": row["title"],
                "kind": KIND_LABELS[row["kind"]],
            }
        )
    for trip in found:
        trip["remark"] = trip["meetings"][:REMARKS]
        trip["more"] = len(trip["meetings"]) - len(trip["remark"])
    return found[::-1]
