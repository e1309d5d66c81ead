"""The read-only JSON API under /api/: the lists and pages of the site for scripts, paged with an opaque cursor.

The meeting list takes the list page's own filters (one FilterSet for the page, its exports and this API) and
pages in the list's order, so a script that follows ``next`` gets exactly the meetings of the page with the same
filters, none twice. Drafts never appear. Interactive documentation at /api/docs (served from this site).
"""

import base64
import datetime
import json
import re

import django_filters
from django import forms
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from events.dates import format_partial
from events.exports import export
from events.filters import MeetingFilter
from events.models import KIND_LABELS, Meeting, Organization, Place, Source, public_people


class DiplotrackAPI(NinjaAPI):
    """The API, whose description of ``/meetings`` lists the filters of the meeting list, read from its FilterSet."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for path, operations in schema["paths"].items():
            if path.endswith("/meetings"):
                operations["get"]["parameters"] += filter_parameters(MeetingFilter)
        return schema

    def get_openapi_operation_id(self, operation):
        """The names clients generated from the description call the operations by: events_api_<view>, as first
        published, wherever this module lives (by default they follow its import path)."""
        return f"events_api_{operation.view_func.__name__}"


def filter_parameters(filterset_class):
    """The filters of ``filterset_class`` as OpenAPI query parameters: each with its type, the values it allows
    (read from the filter: its choices, its limits), an example and what it does."""
    parameters = []
    for name, filter_ in filterset_class.base_filters.items():
        example, description = filterset_class.documentation[name]
        field = filter_.field
        schema, values = value_schema(field)
        if values:
            description += " One of: " + ", ".join(f"`{key}` ({label})" for key, label in values) + "."
        parameter = {"in": "query", "name": name, "required": False, "description": description}
        if isinstance(filter_, django_filters.MultipleChoiceFilter):
            description += " Repeat it for several."
            parameter.update(
                description=description,
                schema={"type": "array", "items": schema},
                style="form",
                explode=True,
                example=[example],
            )
        else:
            parameter.update(schema=schema, example=example)
        parameters.append(parameter)
    return parameters


def value_schema(field):
    """The JSON schema of one value of a filter's form field, and its allowed values with labels when they are few
    enough to list (the people are not: their slugs are at /api/people)."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {"type": "string"}, []
    if isinstance(field, forms.ModelChoiceField):
        key = field.to_field_name or "pk"
        label = getattr(field.widget, "label_field", None) or key
        values = [(str(k), str(v)) for k, v in field.queryset.order_by(key).values_list(key, label)]
        return {"type": "string", "enum": [k for k, _ in values]}, values
    if isinstance(field, forms.ChoiceField):
        values = [(str(k), str(v)) for k, v in field.choices if k != ""]
        return {"type": "string", "enum": [k for k, _ in values]}, values
    if isinstance(field, forms.IntegerField):
        limits = {"minimum": field.min_value, "maximum": field.max_value}
        return {"type": "integer", **{k: v for k, v in limits.items() if v is not None}}, []
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}, []
    return {"type": "string", **({"maxLength": field.max_length} if field.max_length else {})}, []


api = DiplotrackAPI(
    title="DiploTrack",
    version="1",
    description=(
        "Kazakhstan–Russia foreign-ministry contacts, read-only. Lists are paged: follow `next` (an opaque cursor) "
        "until it is null. `/meetings` takes the filters of the meeting list page: "
        + ", ".join(f"`{name}`" for name in MeetingFilter.base_filters)
        + " (repeat `person` or `kind` for several). A parameter an address does not take is refused (400), "
        "named, rather than ignored."
    ),
    urls_namespace="api",
)

MAX_LIMIT = 1000


class Problem(Schema):
    detail: str


class UnknownParameters(Exception):
    def __init__(self, unknown, known):
        super().__init__(unknown)
        self.unknown, self.known = unknown, known


def refuse_unknown(request, *known):
    """A parameter the address does not take is a mistake to report (a misspelt filter would otherwise return
    every meeting), as the list page reports it."""
    unknown = [key for key in request.GET if key not in known]
    if unknown:
        raise UnknownParameters(unknown, known)


@api.exception_handler(UnknownParameters)
def unknown_parameters(request, exc):
    names = ", ".join(f"`{name}`" for name in exc.unknown)
    takes = "; this address takes " + ", ".join(exc.known) if exc.known else "; this address takes none"
    return api.create_response(request, {"detail": f"Unknown parameters: {names}{takes}."}, status=400)


@api.exception_handler(NinjaValidationError)
def bad_parameters(request, exc):
    """A bad parameter is the client's to fix: 400 with what is wrong, as everywhere on the site."""
    problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', [])[1:])}: {e.get('msg')}" for e in exc.errors)
    return api.create_response(request, {"detail": f"Bad parameters: {problems}"}, status=400)


# --- meetings -----------------------------------------------------------------------------------------------------


class PlaceOut(Schema):
    name: str
    slug: str
    country: str | None


class ParticipantOut(Schema):
    name: str
    slug: str | None
    country: str | None
    role: str
    title_then: str


class SourceRef(Schema):
    id: int
    outlet: str | None
    title: str | None
    published: datetime.date | None
    url: str | None


class MeetingOut(Schema):
    id: int
    permalink: str
    title: str
    date: datetime.date | None
    date_precision: str
    date_display: str
    end_date: datetime.date | None
    kind: str
    kind_label: str
    place: PlaceOut | None
    country: str | None
    participants: list[ParticipantOut]
    organizations: list[str]
    topics: list[str]
    regions: list[str]
    sources: list[SourceRef]
    review_status: str


class MeetingPage(Schema):
    count: int
    next: str | None
    items: list[MeetingOut]


def encode_cursor(day, pk):
    raw = json.dumps([day.isoformat() if day else None, pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# What encode_cursor writes, and nothing else: a date or null, and a row number within a 64-bit integer. Matched as
# text before anything parses it, so no crafted number (Infinity, 1e400) or nesting reaches a parser or the database.
CURSOR = re.compile(r'\[(null|"\d{4}-\d{2}-\d{2}"), ?(\d{1,18})\]')


def decode_cursor(cursor):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        match = CURSOR.fullmatch(raw)
        if not match:
            raise ValueError("not a cursor")
        day = match.group(1)
        return (datetime.date.fromisoformat(day.strip('"')) if day != "null" else None), int(match.group(2))
    except (ValueError, TypeError) as error:
        raise ValueError("the cursor is not one this API gave") from error


def meeting_out(row, lookups, base):
    place = lookups.places.get(row["place_id"])
    return {
        "id": row["id"],
        "permalink": base + row["permalink"],
        "title": row["title"],
        "date": row["date"],
        "date_precision": row["date_precision"] if row["date"] else "unknown",
        "date_display": format_partial(row["date"], row["date_precision"]) or "date unknown",
        "end_date": row["end_date"],
        "kind": row["kind"],
        "kind_label": KIND_LABELS[row["kind"]],
        "place": {"name": place["name"], "slug": place["slug"], "country": place["country__code"]} if place else None,
        "country": row["country"] or None,
        "participants": [
            {
                "name": p["person__name"] or p["name_as_written"],
                "slug": p["person__slug"],
                "country": p["person__country__code"],
                "role": p["role"],
                "title_then": p["title_then"],
            }
            for p in row["participants"]
        ],
        "organizations": row["organizations"],
        "topics": row["topics"],
        "regions": row["regions"],
        "sources": [
            {
                "id": s["source_id"],
                "outlet": s["source__outlet"] or None,
                "title": s["source__title"] or None,
                "published": s["source__published"],
                "url": s["source__url"] or None,
            }
            for s in row["sources"]
        ],
        "review_status": row["status"],
    }


def filtered(request):
    """The public meetings the request's filters select, and whether the list runs newest first."""
    from events.filters import apply_filters

    refuse_unknown(request, *MeetingFilter.base_filters, "limit", "cursor")
    filterset, queryset, ignored = apply_filters(request.GET, Meeting.objects.public())
    invalid = {key: reason for key, reason in ignored.items() if reason != "unknown parameter"}
    if invalid:
        return None, "; ".join(f"{key}: {reason}" for key, reason in invalid.items()), True
    descending = (filterset.form.cleaned_data.get("sort") or ["-date"])[0] != "date"
    return queryset, "", descending


@api.get("/meetings", response={200: MeetingPage, 400: Problem}, summary="Meetings, filtered and paged")
def meetings(request, limit: int = Query(100, ge=1, le=MAX_LIMIT), cursor: str = ""):
    queryset, problem, descending = filtered(request)
    if queryset is None:
        return Status(400, {"detail": f"Bad filters: {problem}"})
    try:
        last = decode_cursor(cursor) if cursor else None
    except ValueError as error:
        return Status(400, {"detail": str(error)})
    ordered = queryset.chronological(descending)
    rows = list(export.after(ordered, last, descending).values(*export.BASE_FIELDS)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    lookups = export.Lookups(queryset.db)
    base = request.build_absolute_uri("/").rstrip("/")
    items = [meeting_out(row, lookups, base) for row in export.enrich(rows, lookups)]
    following = None
    if more:
        params = request.GET.copy()
        params["cursor"] = encode_cursor(rows[-1]["date"], rows[-1]["id"])
        following = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return Status(200, {"count": queryset.count(), "next": following, "items": items})


@api.get("/meetings/{meeting_id}", response={200: MeetingOut, 400: Problem, 404: Problem}, summary="One meeting")
def meeting(request, meeting_id: int):
    refuse_unknown(request)
    queryset = Meeting.objects.public().filter(pk=meeting_id)
    rows = list(queryset.values(*export.BASE_FIELDS))
    if not rows:
        raise Http404("No such public meeting.")
    lookups = export.Lookups(queryset.db)
    base = request.build_absolute_uri("/").rstrip("/")
    return Status(200, meeting_out(export.enrich(rows, lookups)[0], lookups, base))


# --- the other lists ------------------------------------------------------------------------------------------------


class PositionOut(Schema):
    title: str
    office: str
    start: datetime.date | None
    end: datetime.date | None


class PersonOut(Schema):
    slug: str
    name: str
    country: str | None
    aliases: list[str]
    positions: list[PositionOut]
    meetings: int


@api.get(
    "/people",
    response={200: list[PersonOut], 400: Problem},
    summary="People, with their offices and number of meetings",
)
def people(request):
    refuse_unknown(request)
    base = request.build_absolute_uri("/").rstrip("/")
    return list(export.people_records(base))


@api.get(
    "/people/{slug}", response={200: PersonOut, 400: Problem, 404: Problem}, summary="One person, with their offices"
)
def person(request, slug: str):
    refuse_unknown(request)
    base = request.build_absolute_uri("/").rstrip("/")
    get_object_or_404(public_people(), slug=slug)
    return next(record for record in export.people_records(base) if record["slug"] == slug)


class PlaceListOut(Schema):
    slug: str
    name: str
    country: str | None
    meetings: int


@api.get(
    "/places", response={200: list[PlaceListOut], 400: Problem}, summary="Places, with their number of public meetings"
)
def places(request):
    refuse_unknown(request)
    public = Q(meetings__status__in=[Meeting.Status.UNREVIEWED, Meeting.Status.REVIEWED])
    rows = Place.objects.public().annotate(n=Count("meetings", filter=public)).select_related("country")
    return [
        {"slug": p.slug, "name": p.name, "country": p.country.code if p.country else None, "meetings": p.n}
        for p in rows.order_by("name")
    ]


class OrganizationOut(Schema):
    slug: str
    acronym: str
    name: str
    members: list[str]


@api.get(
    "/organizations", response={200: list[OrganizationOut], 400: Problem}, summary="Organizations and their members"
)
def organizations(request):
    refuse_unknown(request)
    return [
        {"slug": o.slug, "acronym": o.acronym, "name": o.name, "members": sorted(c.code for c in o.members.all())}
        for o in Organization.objects.prefetch_related("members").order_by("acronym")
    ]


class AgreementOut(Schema):
    id: int
    title: str
    kind: str
    signed: str | None
    period_start: int | None
    period_end: int | None
    parties: list[str]
    signed_at_meeting: int | None
    signed_at_forum: str | None


@api.get("/agreements", response={200: list[AgreementOut], 400: Problem}, summary="Agreements")
def agreements(request):
    refuse_unknown(request)
    return list(export.agreement_records(""))


class ForumOut(Schema):
    series: str
    edition: int
    date: str | None
    place: str | None
    side_events: list[str]


@api.get("/forums", response={200: list[ForumOut], 400: Problem}, summary="Forums, by series and edition")
def forums(request):
    refuse_unknown(request)
    return list(export.forum_records(""))


class SourceOut(Schema):
    id: int
    outlet: str | None
    title: str | None
    published: datetime.date | None
    language: str
    url: str | None
    page: str


class SourcePage(Schema):
    count: int
    next: str | None
    items: list[SourceOut]


@api.get("/sources", response={200: SourcePage, 400: Problem}, summary="Sources, newest first, paged")
def sources(request, limit: int = Query(100, ge=1, le=MAX_LIMIT), cursor: str = ""):
    refuse_unknown(request, "limit", "cursor")
    public = Source.objects.public()
    queryset = public.order_by("-id")
    if cursor:
        try:
            queryset = queryset.filter(pk__lt=decode_cursor(cursor)[1])
        except ValueError as error:
            return Status(400, {"detail": str(error)})
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    following = None
    if more:
        params = request.GET.copy()
        params["cursor"] = encode_cursor(None, rows[-1].pk)
        following = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    items = [
        {
            "id": s.pk,
            "outlet": s.outlet or None,
            "title": s.title or None,
            "published": s.published,
            "language": s.language,
            "url": s.original_url or None,
            "page": request.build_absolute_uri(s.get_absolute_url()),
        }
        for s in rows
    ]
    return Status(200, {"count": public.count(), "next": following, "items": items})
