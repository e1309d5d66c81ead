"""The editors' review queue: one page of what needs a look, each row saying why, with the fix a click away."""

from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from events import search
from events.editorial.merge import merge_meetings
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


# --- compare and merge ----------------------------------------------------------------------------------------------

# The fields an editor picks one value of, in the order the comparison shows them; each with the meeting's fields
# it carries along and the evidence fields that back it.
CHOSEN = {
    "title": (["title"], []),
    "date": (["date", "date_precision", "end_date", "date_basis"], ["date"]),
    "kind": (["kind"], ["kind"]),
    "stage": (["stage"], []),
    "place": (["place", "place_as_written", "place_basis"], ["place"]),
    "country": (["country"], []),
    "status": (["status"], []),
}
MAX_COMPARED = 4
LOCKABLE = {"title", "date", "kind", "stage", "place", "country"}


@dataclass
class Column:
    meeting: Meeting
    values: dict  # field → what the page shows
    quotes: dict  # field → [(source, quote)]
    people: list
    sources: list


def shown_values(meeting):
    return {
        "title": meeting.title,
        "date": meeting.date_display,
        "kind": meeting.kind_label,
        "stage": meeting.get_stage_display(),
        "place": meeting.place_display if meeting.place_id else "not stated",
        "country": meeting.country.name if meeting.country_id else "not stated",
        "status": meeting.get_status_display(),
    }


def compared(ids):
    """The meetings numbered ``ids``, in that order, each as a column of the comparison; None if one is missing."""
    meetings = Meeting.objects.select_related("place__country", "country").prefetch_related("place__names").in_bulk(ids)
    if len(meetings) != len(ids):
        return None
    meeting_type = ContentType.objects.get_for_model(Meeting)
    quotes = {}
    for item in Evidence.objects.filter(content_type=meeting_type, object_id__in=ids).select_related("source"):
        quotes.setdefault(item.object_id, {}).setdefault(item.field, []).append((item.source, item.quote))
    columns = []
    for pk in ids:
        meeting = meetings[pk]
        people = [p.person or p.name_as_written for p in meeting.participants.select_related("person")]
        columns.append(Column(meeting, shown_values(meeting), quotes.get(pk, {}), people, list(meeting.sources.all())))
    return columns


def parse_ids(text):
    ids = list(dict.fromkeys(int(part) for part in text.split(",") if part.strip().isdigit()))
    if not 2 <= len(ids) <= MAX_COMPARED or len(ids) != len([p for p in text.split(",") if p.strip()]):
        return None
    return ids


def compare(request):
    """Two or more meetings side by side, field by field with the sources behind each value (GET); merged into one,
    with the value of each field the editor chose (POST)."""
    if not request.user.has_perm("events.change_meeting"):
        raise PermissionDenied
    ids = parse_ids(request.POST.get("ids", "") if request.method == "POST" else request.GET.get("ids", ""))
    if ids is None:
        return HttpResponseBadRequest(f"Give the numbers of two to {MAX_COMPARED} meetings to compare: ?ids=12,15")
    columns = compared(ids)
    if columns is None:
        return HttpResponseBadRequest("One of these meetings does not exist (any more): go back to the queue.")
    errors = []
    if request.method == "POST":
        if not request.user.has_perm("events.delete_meeting"):
            raise PermissionDenied
        picked, errors = read_choices(request.POST, ids)
        if not errors:
            survivor = merge_with_choices(columns, picked)
            messages.success(
                request,
                f"Merged into “{survivor}” (number {survivor.pk}); the other addresses now redirect to it.",
            )
            return redirect("admin:events_meeting_change", survivor.pk)
    default = max(columns, key=lambda c: (len(c.sources), -c.meeting.pk)).meeting.pk
    rows = []
    for name in CHOSEN:
        backing = CHOSEN[name][1]
        cells = [(c.meeting.pk, c.values[name], c.quotes.get(backing[0], []) if backing else []) for c in columns]
        differ = len({value for _, value, _ in cells}) > 1
        rows.append((name, cells, differ, request.POST.get(f"choose-{name}", str(default))))
    context = {
        **admin.site.each_context(request),
        "title": "Compare and merge",
        "columns": columns,
        "rows": rows,
        "ids": ",".join(str(pk) for pk in ids),
        "survivor": request.POST.get("survivor", str(default)),
        "errors": errors,
    }
    return TemplateResponse(request, "admin/compare.html", context, status=400 if errors else 200)


def read_choices(data, ids):
    """The editor's choice per field and of the meeting that stays, each one of ``ids``."""
    picked, errors = {}, []
    for name in [*CHOSEN, "survivor"]:
        value = data.get("survivor" if name == "survivor" else f"choose-{name}", "")
        if not value.isdigit() or int(value) not in ids:
            errors.append(f"Choose one value for “{name}”." if name != "survivor" else "Choose the meeting that stays.")
        else:
            picked[name] = int(value)
    return picked, errors


@transaction.atomic
def merge_with_choices(columns, picked):
    """Merge the compared meetings into the one chosen to stay, each field taking the value chosen; a field whose
    value was chosen among different ones is locked as an editor's decision."""
    meetings = {c.meeting.pk: c.meeting for c in columns}
    survivor = meetings[picked["survivor"]]
    chosen = {}
    for name, (fields, _) in CHOSEN.items():
        source = meetings[picked[name]]
        chosen.update({attribute: getattr(source, attribute) for attribute in fields})
    # A value picked among different ones is an editor's decision: later imports leave it alone.
    differing = {name for name in CHOSEN if name in LOCKABLE and len({c.values[name] for c in columns}) > 1}
    merge_meetings(survivor, [m for pk, m in meetings.items() if pk != survivor.pk])
    survivor.refresh_from_db()
    for name, value in chosen.items():
        setattr(survivor, name, value)
    survivor.locked_fields = sorted({*survivor.locked_fields, *differing})
    if differing and survivor.origin == Meeting.Origin.EXTRACTED:
        survivor.origin = Meeting.Origin.EDITOR
    survivor.save()
    search.refresh([survivor.pk])
    return survivor
