from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from events.filters import MeetingFilter
from events.models import Agreement, Evidence, Forum, Meeting, Organization, Participant, Place, Source
from people.models import Person

PAGE_SIZE = 25


def home(request):
    counts = {
        "meetings": Meeting.objects.public().count(),
        "people": Person.objects.count(),
        "agreements": Agreement.objects.count(),
        "forums": Forum.objects.count(),
    }
    latest = Meeting.objects.public().with_list_data().order_by("-date")[:5]
    return render(request, "events/home.html", {"counts": counts, "latest": latest})


def meeting_list(request):
    meetings = Meeting.objects.public().with_list_data()
    filterset = MeetingFilter(request.GET, queryset=meetings)
    if not filterset.is_valid():
        queryset = meetings.none()
    else:
        queryset = filterset.qs
        if "sort" not in request.GET:
            queryset = queryset.order_by("-date", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/meeting_list.html",
        {"filter": filterset, "page": page, "query": _query_without_page(request)},
        status=200 if filterset.is_valid() else 400,
    )


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def meeting_detail(request, pk, slug):
    evidence = Evidence.objects.select_related("source").order_by("source_id", "start")
    meeting = get_object_or_404(
        Meeting.objects.public()
        .select_related("place__country", "country", "parent")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("person__country")),
            "organizations",
            "topics",
            "forums_discussed__place",
            "agreements_signed",
            "agreements_discussed",
            "sources",
            Prefetch("evidence", queryset=evidence),
        ),
        pk=pk,
    )
    if meeting.slug != slug:
        return redirect(meeting, permanent=True)
    return render(request, "events/meeting_detail.html", {"meeting": meeting})


def place_detail(request, slug):
    place = get_object_or_404(Place.objects.select_related("country").prefetch_related("names"), slug=slug)
    meetings = place.meetings.public().with_list_data().order_by("-date")
    return render(request, "events/place_detail.html", {"place": place, "meetings": meetings})


def organization_detail(request, slug):
    organization = get_object_or_404(Organization.objects.prefetch_related("members"), slug=slug)
    meetings = organization.meetings.public().with_list_data().order_by("-date")
    return render(request, "events/organization_detail.html", {"organization": organization, "meetings": meetings})


def source_detail(request, pk):
    source = get_object_or_404(Source, pk=pk)
    meetings = source.meetings.public().order_by("date")
    evidence = source.evidence.select_related("content_type").order_by("start")
    return render(request, "events/source_detail.html", {"source": source, "meetings": meetings, "evidence": evidence})


def agreement_list(request):
    agreements = Agreement.objects.select_related("meeting", "forum").prefetch_related("parties", "sources")
    return render(request, "events/agreement_list.html", {"agreements": agreements})


def forum_list(request):
    forums = Forum.objects.select_related("place").prefetch_related("sources").annotate(meeting_count=Count("meetings"))
    return render(request, "events/forum_list.html", {"forums": forums})
