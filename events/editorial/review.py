"""The editors' review queue: one page of what needs a look, each row saying why, with the fix a click away."""

from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from events.models import Evidence, Meeting, Participant, Place, Source
from people.models import Person

REASONS = {
    "unreviewed": "imported, not yet reviewed",
    "date": "date unknown",
    "place": "place unknown",
    "disagree": "sources disagree",
    "future": "held, dated after today",
    "duplicate": "looks like another meeting",
}
PAGE = 50


@dataclass
class Row:
    meeting: Meeting
    reasons: list
    similar: list = field(default_factory=list)
    reports: list = field(default_factory=list)  # per source: (source, {field: (value, quote)}, people named)


def disagreeing(meetings):
    """Ids of the meetings among ``meetings`` whose sources state different dates or places: places by what the
    names stand for ('Nur-Sultan' and 'Astana' are one city)."""
    meeting_type = ContentType.objects.get_for_model(Meeting)
    stated = Evidence.objects.filter(
        content_type=meeting_type, field__in=["date", "place"], object_id__in=meetings.values("pk")
    )
    candidates = (
        stated.values("object_id", "field")
        .annotate(values=Count("value", distinct=True))
        .filter(values__gt=1)
        .values_list("object_id", "field")
    )
    found, places = set(), {}
    for object_id, name in candidates:
        if name == "date":
            found.add(object_id)
        else:
            places[object_id] = set()
    rows = stated.filter(field="place", object_id__in=list(places)).values_list("object_id", "value")
    for object_id, value in rows:
        place = Place.objects.named(value).values_list("pk", flat=True).first()
        places[object_id].add(place or value.casefold())
    return found | {object_id for object_id, meant in places.items() if len(meant) > 1}


def reports(meeting):
    """What each source says of ``meeting``: its date and place with their quotes, and the people it names."""
    meeting_type = ContentType.objects.get_for_model(Meeting)
    participant_type = ContentType.objects.get_for_model(Participant)
    participants = {p.pk: p for p in meeting.participants.select_related("person")}
    found = {}
    for item in Evidence.objects.filter(content_type=meeting_type, object_id=meeting.pk, field__in=["date", "place"]):
        found.setdefault(item.source_id, ({}, []))[0][item.field] = (item.value, item.quote)
    for item in Evidence.objects.filter(
        content_type=participant_type, object_id__in=list(participants), field="person"
    ).order_by("start"):
        participant = participants[item.object_id]
        found.setdefault(item.source_id, ({}, []))[1].append(participant.person or participant.name_as_written)
    sources = Source.objects.in_bulk(list(found))
    return [(sources[pk], values, people) for pk, (values, people) in found.items() if pk in sources]


def queue(request):
    """The review queue (GET), and its in-place actions (POST: mark a meeting, person or place reviewed)."""
    if not request.user.has_perm("events.add_source"):
        raise PermissionDenied
    if request.method == "POST":
        return mark_reviewed(request)
    reason = request.GET.get("reason", "")
    if reason not in ("", "date", "place", "disagree", "future"):
        return HttpResponseBadRequest("Unknown reason: choose one of the counts at the top of the queue.")
    pending = Meeting.objects.filter(status=Meeting.Status.UNREVIEWED)
    disagree = disagreeing(pending)
    counts = {
        "unreviewed": pending.count(),
        "date": pending.filter(date__isnull=True).count(),
        "place": pending.filter(place__isnull=True).exclude(kind=Meeting.Kind.PHONE_CALL).count(),
        "disagree": len(disagree),
        "future": pending.held_in_the_future().count(),
    }
    shown = pending
    if reason == "date":
        shown = shown.filter(date__isnull=True)
    elif reason == "place":
        shown = shown.filter(place__isnull=True).exclude(kind=Meeting.Kind.PHONE_CALL)
    elif reason == "disagree":
        shown = shown.filter(pk__in=disagree)
    elif reason == "future":
        shown = shown.held_in_the_future()
    today = timezone.localdate()
    page = Paginator(shown.select_related("place").order_by("-created", "-pk"), PAGE).get_page(request.GET.get("page"))
    rows = []
    for meeting in page:
        row = Row(meeting, [])
        if meeting.date is None:
            row.reasons.append(REASONS["date"])
        if meeting.place_id is None and meeting.kind != Meeting.Kind.PHONE_CALL:
            row.reasons.append(REASONS["place"])
        if meeting.stage == Meeting.Stage.HELD and meeting.date and meeting.date > today:
            row.reasons.append(REASONS["future"])
        if meeting.pk in disagree:
            row.reasons.append(REASONS["disagree"])
            row.reports = reports(meeting)
        row.similar = list(Meeting.objects.similar_to(meeting)[:3])
        if row.similar:
            row.reasons.append(REASONS["duplicate"])
        row.reasons = row.reasons or [REASONS["unreviewed"]]
        rows.append(row)
    context = {
        **admin.site.each_context(request),
        "title": "Review queue",
        "counts": [(key, REASONS[key], n) for key, n in counts.items()],
        "reason": reason,
        "page": page,
        "rows": rows,
        "people": Person.objects.needing_review().select_related("country").order_by("name")[:PAGE],
        "people_count": Person.objects.needing_review().count(),
        "places": Place.objects.filter(needs_review=True).select_related("country").order_by("name")[:PAGE],
        "places_count": Place.objects.filter(needs_review=True).count(),
    }
    return TemplateResponse(request, "admin/review.html", context)


# What "mark reviewed" may mark, and the permission it takes.
MODELS = {
    "meeting": (Meeting, "events.change_meeting"),
    "person": (Person, "people.change_person"),
    "place": (Place, "events.change_place"),
}


def mark_reviewed(request):
    kind = request.POST.get("kind", "")
    if kind not in MODELS or not request.POST.get("id", "").isdigit():
        return HttpResponseBadRequest("Say what to mark reviewed: a meeting, a person or a place, by number.")
    model, permission = MODELS[kind]
    if not request.user.has_perm(permission):
        raise PermissionDenied
    obj = get_object_or_404(model, pk=int(request.POST["id"]))
    if kind == "meeting":
        obj.status = Meeting.Status.REVIEWED
        obj.save(update_fields=["status", "updated"])
    else:
        obj.needs_review = False
        obj.save(update_fields=["needs_review"])
    messages.success(request, f"Marked reviewed: {obj}.")
    back = request.POST.get("next", "")
    return redirect(back if back.startswith(reverse("review-queue")) else "review-queue")
