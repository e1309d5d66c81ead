import itertools
from urllib.parse import urlencode

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from taggit.models import Tag

from events import facets, search
from events.exports import export, kept
from events.facets import cached, size_of
from events.filters import SEVERAL_SHOWN, apply_filters, typed_people
from events.models import (
    KIND_LABELS,
    Agreement,
    Evidence,
    Forum,
    Meeting,
    MeetingQuerySet,
    MeetingRedirect,
    MeetingText,
    Organization,
    Participant,
    Place,
    Source,
    public_people,
    search_terms,
)
from events.site.charts import every_year, stacked_chart
from events.site.kept import kept_for_readers
from events.site.travels import trips as travel_log
from people.models import Person, Position

PAGE_SIZE = 25
TRIPS_SHOWN = 12
LATEST = 50  # meetings on a place's or an organization's page; the list, filtered to it, has them all


def home(request):
    public = Meeting.objects.public()
    counts = {
        "meetings": public.count(),
        "people": public_people().count(),
        "agreements": Agreement.objects.public().count(),
        "forums": Forum.objects.public().count(),
    }
    latest = public.with_list_data().newest_first()[:5]
    return render(request, "events/home.html", {"counts": counts, "latest": latest})


@kept_for_readers
def meeting_list(request):
    if tidied := tidy_redirect(request):
        return tidied
    try:
        context = filtered_meetings(request, Meeting.objects.public())
    except PastTheEnd as missing:
        return past_the_end(request, missing, "meetings")
    context["filters_open"] = context["invalid"]  # closed: the results come first, on a phone too
    context["exports"] = [
        (label, reverse(name) + (f"?{context['query']}" if context["query"] else ""))
        for label, name in [
            ("CSV", "events:meetings-csv"),
            ("CSV, one row per participant", "events:participations-csv"),
            ("JSON", "events:meetings-json"),
            ("NDJSON", "events:meetings-ndjson"),
            ("Calendar (iCal)", "events:meetings-ics"),
            ("JSON API, paged", "api:meetings"),
        ]
    ]
    return render(request, "events/meeting_list.html", context, status=400 if context["invalid"] else 200)


def filtered_meetings(request, meetings):
    """The list, its filters, facets and active filters: shared by the meeting list and the person pages."""
    filterset, queryset, ignored = apply_filters(request.GET, meetings)
    params = request.GET.copy()
    for key in [*ignored, "page"]:
        params.pop(key, None)
    unfiltered = request.path == reverse("events:meeting-list") and not _without(params, "sort")
    size = facets.public_size() if unfiltered else size_of(queryset)
    paginator = Paginator(queryset.with_list_data(), PAGE_SIZE)
    paginator.count = size["n"]  # counted above already
    page = page_or_past_the_end(paginator, request.GET.get("page"), _without(request.GET, "page"))
    typed = filterset.form.cleaned_data.get("q") if filterset.form.is_valid() else ""
    if typed:
        show_why_matched(page, search_terms(typed))
    if unfiltered:
        counts = facets.default_list(size)
    else:
        counts = cached(f"facets:{request.path}?{_without(params, 'sort')}", size, lambda: facets.count(queryset))
    return {
        "filter": filterset,
        "page": page,
        "size": size,
        "query": params.urlencode(),
        "ignored": ignored,
        "invalid": any(reason != "unknown parameter" for reason in ignored.values()),
        "active": active_filters(filterset, params),
        "person_choices": person_choices(request.GET) if "person" in ignored else [],
        "facets": facet_entries(params, counts),
        # Drawn once for each state of the set and each address (its bars lead to the same list with a year), as
        # the counts are made: the chart's HTML, ready to show.
        "chart": mark_safe(
            cached(
                f"year-chart:{request.path}?{params.urlencode()}",
                size,
                lambda: drawn(year_chart(params, counts["year"])),
            )
        ),
    }


class PastTheEnd(Exception):
    """A page number beyond the last page of a list (or not a page number): answered with a 404 that says so."""

    def __init__(self, number, paginator, query):
        super().__init__(number)
        self.number, self.paginator, self.query = number, paginator, query


def page_or_past_the_end(paginator, number, query):
    """The page ``number`` of ``paginator`` (the first when none is asked); ``query``: the list's other parameters,
    for the links of the 404 page when there is no such page. Never another page than the one asked for."""
    try:
        return paginator.page(number or 1)
    except InvalidPage:
        raise PastTheEnd(number, paginator, query) from None


def past_the_end(request, missing, what):
    """The 404 page of a page number past the end of a list: how many pages there are, a link to the last."""
    link = f"?{missing.query}&page=" if missing.query else "?page="
    context = {
        "number": missing.number,
        "past_the_end": str(missing.number).isdigit() and int(missing.number) > 0,
        "count": missing.paginator.count,
        "pages": missing.paginator.num_pages,
        "what": what,
        "last_url": f"{link}{missing.paginator.num_pages}",
        "first_url": f"?{missing.query}" if missing.query else "?",
    }
    return render(request, "no_such_page.html", context, status=404)


def facet_entries(params, counts):
    """The facets of the list's side, in the order shown: {heading: [(label, count, address, selected)]}."""
    return {
        "Year": facet(params, "year", counts["year"], "year", "year"),
        "Kind": facet(params, "kind", counts["kind"], lambda row: KIND_LABELS[row["kind"]], "kind", add=True),
        "Where": facet(params, "host", counts["host"], "label", "host"),
        "People": facet(params, "person", counts["person"], "name", "slug", add=True),
        "Level": facet(params, "level", counts["level"], "label", "level"),
        "Country": facet(params, "country", counts["country"], "name", "code"),
        "Places": facet(params, "place", counts["place"], "name", "slug"),
        "Organizations": facet(params, "organization", counts["organization"], "acronym", "slug"),
        "Topics": facet(params, "topic", counts["topic"], "name", "slug"),
        "Regions discussed": facet(params, "region", counts["region"], "name", "name"),
        "Outlets": facet(params, "outlet", counts["outlet"], "outlet", "outlet"),
        "Language of the sources": facet(params, "language", counts["language"], "label", "language"),
    }


def year_chart(params, years):
    """Meetings per year, each bar split by where they took place; a bar leads to the list of its year."""
    hosts = list(MeetingQuerySet.HOSTS)
    rows = []
    for row in every_year(years):
        values = [row[key] for key in hosts]
        rows.append((row["year"], [*values, row["n"] - sum(values)], "?" + _with(params, "year", row["year"])))
    names = [*MeetingQuerySet.HOSTS.values(), "place unknown"]
    return stacked_chart(rows, names, "Meetings per year, by where they took place")


def drawn(chart):
    """The lists' year chart as HTML, or "" when there is nothing to draw."""
    return render_to_string("_partials/_bar_chart.html", {"chart": chart, "chart_id": "years"}) if chart else ""


def show_why_matched(page, terms):
    """For a search: the words around the first term found in each meeting's search text, to mark on its row."""
    texts = dict(MeetingText.objects.filter(meeting__in=[m.pk for m in page]).values_list("meeting_id", "body"))
    for meeting in page:
        meeting.why_matched = search.snippet(texts.get(meeting.pk, ""), terms)


# The query strings of facet links and filter chips: some sixty per page, so built from plain lists rather than by
# copying the QueryDict (a deep copy) for each.


def facet(params, key, rows, label, value, add=False):
    """A facet's entries as (label, count, address, selected): a chosen value links to the list without it."""
    chosen = params.getlist(key)
    entries = []
    for row in rows:
        shown = label(row) if callable(label) else row[label]
        picked = str(row[value]) in chosen
        address = _without(params, key, str(row[value])) if picked else _with(params, key, row[value], add=add)
        entries.append((shown, row["n"], address, picked))
    return entries


def _with(params, key, value, add=False):
    lists = dict(params.lists())
    value = str(value)
    if not add:
        lists[key] = [value]
    elif value not in lists.get(key, []):
        lists[key] = [*lists.get(key, []), value]
    return _encode(lists)


def _without(params, key, value=None):
    lists = dict(params.lists())
    if value is None:
        lists.pop(key, None)
    else:
        lists[key] = [v for v in lists.get(key, []) if v != value]
    return _encode(lists)


def _encode(lists):
    return urlencode([(key, value) for key, values in lists.items() for value in values])


def tidy_redirect(request):
    """A filtered page asked for with empty fields (a form sent without its script), or with a name typed in the
    people box that fits one person, redirects to the tidy address: only the filters chosen, people by slug."""
    lists = {key: [value for value in values if value.strip()] for key, values in request.GET.lists()}
    if lists.get("person"):
        fitting = typed_people(lists["person"])
        people = [fitting[v][0][0] if len(fitting.get(v, ())) == 1 else v for v in lists["person"]]
        lists["person"] = list(dict.fromkeys(people))
    lists = {key: values for key, values in lists.items() if values}
    if lists == dict(request.GET.lists()):
        return None
    query = _encode(lists)
    return redirect(f"{request.path}?{query}" if query else request.path)


def person_choices(params):
    """For each name typed in the people box that fits several people: the list with each of them instead, to
    choose from, as (typed, [(name, query)], whether there are more)."""
    lists = {key: values for key, values in params.lists() if key != "page"}
    choices = []
    for typed, fitting in typed_people(lists.get("person", [])).items():
        if len(fitting) > 1:
            links = []
            for slug, name in fitting[:SEVERAL_SHOWN]:
                people = [slug if value == typed else value for value in lists["person"]]
                links.append((name, _encode({**lists, "person": people})))
            choices.append((typed, links, len(fitting) > SEVERAL_SHOWN))
    return choices


NAMED_BY_SLUG = {"place": lambda: Place.objects.all(), "topic": lambda: Tag.objects.all()}


def active_filters(filterset, params):
    """The filters in use as chips (label, value as people read it, the query without it)."""
    cleaned = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    # The people, the country and the organization were read when the filters were validated.
    names = {p.slug: p.name for p in cleaned.get("person") or []}
    chips = []
    for name, field in filterset.form.fields.items():
        if name not in params:
            continue
        for raw in params.getlist(name):
            if raw == "":
                continue  # an empty form field is no filter
            shown = raw
            if name == "person":
                shown = names.get(raw, raw)
            elif isinstance(field, forms.ModelChoiceField):
                if cleaned.get(name) is not None:
                    label_field = getattr(field.widget, "label_field", None)
                    shown = getattr(cleaned[name], label_field) if label_field else str(cleaned[name])
            elif isinstance(field, forms.ChoiceField):
                shown = dict(field.choices).get(raw, raw)
            elif name in NAMED_BY_SLUG:  # a place or a topic by its slug: its name
                shown = NAMED_BY_SLUG[name]().filter(slug=raw).values_list("name", flat=True).first() or raw
            chips.append((field.label, shown, _without(params, name, raw)))
    return chips


@kept_for_readers
def meeting_detail(request, pk, slug=None):
    """A meeting's page; its address without the slug, or with another one, redirects to the right one."""
    positions = Position.objects.order_by("start")
    meeting = (
        Meeting.objects.public()
        .select_related("place__country", "country", "parent")
        .prefetch_related(
            # Not the place's names: they are read only when the article used another name than the current one.
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("person__country").prefetch_related(
                    Prefetch("person__positions", queryset=positions)
                ),
            ),
            "organizations",
            "topics",
            "forums_discussed__place",
            "agreements_signed",
            Prefetch("agreements_discussed", queryset=Agreement.objects.public()),
            "sources",
            Prefetch("side_meetings", queryset=Meeting.objects.public()),
            Prefetch("evidence", queryset=Evidence.objects.select_related("source").order_by("source_id", "start")),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        # A meeting merged into another keeps its address: it leads to the one that absorbed it.
        moved = MeetingRedirect.objects.filter(old_id=pk).select_related("meeting").first()
        if moved and moved.meeting.status != Meeting.Status.DRAFT:
            return redirect(moved.meeting, permanent=True)
        raise Http404("No such meeting.")
    if meeting.slug != slug:
        return redirect(meeting, permanent=True)
    parent = meeting.parent if meeting.parent and meeting.parent.status != Meeting.Status.DRAFT else None
    public = Meeting.objects.public()
    previous = public.before(meeting)
    following = public.after(meeting)
    related = public.with_list_data().related_to(meeting)
    sources = [
        (source, [e for e in meeting.evidence.all() if e.source_id == source.pk]) for source in meeting.sources.all()
    ]
    return render(
        request,
        "events/meeting_detail.html",
        {
            "meeting": meeting,
            "parent": parent,
            "previous": previous.first(),
            "next": following.first(),
            "related": related,
            "sources": sources,
        },
    )


def place_list(request):
    """Every place with a public meeting or on record, with its number of meetings, by country."""
    public = Q(meetings__status__in=[Meeting.Status.UNREVIEWED, Meeting.Status.REVIEWED])
    places = Place.objects.public().select_related("country").annotate(n=Count("meetings", filter=public))
    return render(request, "events/place_list.html", {"places": places.order_by("country__name", "name")})


def organization_list(request):
    public = Q(meetings__status__in=[Meeting.Status.UNREVIEWED, Meeting.Status.REVIEWED])
    organizations = Organization.objects.annotate(n=Count("meetings", filter=public)).order_by("acronym")
    return render(request, "events/organization_list.html", {"organizations": organizations})


def source_list(request):
    """The articles the history is made from: outlet, language, date, title, the original and what was taken."""
    public = Q(meetings__status__in=[Meeting.Status.UNREVIEWED, Meeting.Status.REVIEWED])
    sources = Source.objects.public().annotate(n=Count("meetings", filter=public)).order_by("-published", "-id")
    sources = sources.only("outlet", "title", "published", "language", "url")
    try:
        page = page_or_past_the_end(Paginator(sources, 50), request.GET.get("page"), "")
    except PastTheEnd as missing:
        return past_the_end(request, missing, "articles")
    return render(request, "events/source_list.html", {"page": page, "query": ""})


def place_detail(request, slug):
    place = get_object_or_404(Place.objects.public().select_related("country").prefetch_related("names"), slug=slug)
    meetings = place.meetings.public()
    latest = meetings.with_list_data().newest_first()[:LATEST]
    forums = place.forums.public()
    return render(
        request,
        "events/place_detail.html",
        {"place": place, "meetings": latest, "count": meetings.count(), "forums": forums},
    )


def organization_detail(request, slug):
    organization = get_object_or_404(Organization.objects.prefetch_related("members"), slug=slug)
    meetings = organization.meetings.public()
    latest = meetings.with_list_data().newest_first()[:LATEST]
    return render(
        request,
        "events/organization_detail.html",
        {"organization": organization, "meetings": latest, "count": meetings.count()},
    )


def source_detail(request, pk):
    source = get_object_or_404(Source.objects.public(), pk=pk)
    meetings = list(source.meetings.public().with_list_data().order_by("date"))
    evidence = with_targets(source.evidence.select_related("content_type").order_by("start", "field"), meetings)
    return render(
        request,
        "events/source_detail.html",
        {"source": source, "meetings": meetings, "evidence": evidence, "segments": highlight(source.text, evidence)},
    )


def with_targets(evidence, meetings):
    """Attach to each piece of evidence the public page of what it supports; drop evidence for drafts."""
    evidence = list(evidence)
    wanted = {}
    for item in evidence:
        wanted.setdefault(item.content_type.model, set()).add(item.object_id)
    targets = {("meeting", m.pk): (m.get_absolute_url(), m.title) for m in meetings}
    for p in Participant.objects.filter(pk__in=wanted.get("participant", ())).select_related("meeting", "person"):
        if p.meeting.status != Meeting.Status.DRAFT:
            name = p.person.name if p.person else p.name_as_written
            targets["participant", p.pk] = (p.meeting.get_absolute_url(), f"{name} at {p.meeting.title}")
    for model in (Forum, Agreement):
        for obj in model.objects.filter(pk__in=wanted.get(model._meta.model_name, ())):
            targets[model._meta.model_name, obj.pk] = (obj.get_absolute_url(), str(obj))
    kept = []
    for item in evidence:
        target = targets.get((item.content_type.model, item.object_id))
        if target:
            item.target_url, item.target_label = target
            kept.append(item)
    return kept


def highlight(text, evidence):
    """Split the article into plain and quoted stretches; each quoted one lists the evidence it supports."""
    spans = {}
    for item in evidence:
        spans.setdefault((item.start, item.end), []).append(item)
    segments, cursor = [], 0
    for (start, end), items in sorted(spans.items()):
        if start < cursor:  # overlapping quotes: the first one shown wins
            continue
        if start > cursor:
            segments.append((text[cursor:start], None))
        segments.append((text[start:end], items))
        cursor = end
    segments.append((text[cursor:], None))
    return segments


def agreement_list(request):
    agreements = (
        Agreement.objects.public().select_related("meeting", "forum__place").prefetch_related("parties", "sources")
    )
    return render(request, "events/agreement_list.html", {"agreements": agreements})


def forum_detail(request, pk):
    """One edition of a forum: when and where, its side events, the meetings where it was discussed, the
    agreements signed on its sidelines and the articles that tell of it."""
    forum = get_object_or_404(Forum.objects.public().select_related("place__country"), pk=pk)
    context = {
        "forum": forum,
        "meetings": forum.meetings.public().with_list_data().newest_first(),
        "agreements": forum.agreements_signed.public(),
        "sources": forum.sources.filter(pk__in=Source.objects.public().values("pk")),
    }
    return render(request, "events/forum_detail.html", context)


def agreement_detail(request, slug):
    """One agreement: its kind, date, parties and signatories, where it was signed, the meetings where it was
    discussed and the articles that tell of it."""
    agreement = get_object_or_404(
        Agreement.objects.public().select_related("meeting", "forum").prefetch_related("parties", "signatories"),
        slug=slug,
    )
    signed_at = agreement.meeting if agreement.meeting and agreement.meeting.status != Meeting.Status.DRAFT else None
    context = {
        "agreement": agreement,
        "signed_at": signed_at,
        "discussed": agreement.discussed_at.public().with_list_data().newest_first(),
        "sources": agreement.sources.filter(pk__in=Source.objects.public().values("pk")),
    }
    return render(request, "events/agreement_detail.html", context)


def forum_list(request):
    forums = (
        Forum.objects.public()
        .select_related("place")
        .prefetch_related("sources")
        .annotate(meeting_count=Count("meetings", filter=~Q(meetings__status=Meeting.Status.DRAFT)))
    )
    return render(request, "events/forum_list.html", {"forums": forums})


def person_suggestions(request):
    """People whose name (or a spelling of it) contains what was typed, among those of the meetings the other
    filters select, most meetings first: for the people picker of the list's filters."""
    typed = request.GET.get("name", "").strip()
    if len(typed) < 2:
        return JsonResponse({"people": []})
    params = request.GET.copy()
    params.pop("name", None)
    params.pop("page", None)
    filterset, meetings, _ = apply_filters(params, Meeting.objects.public())
    # The people the name fits are few: count their meetings among the filtered ones, not everyone's.
    matched = dict(public_people().matching(typed).values_list("pk", "slug")[:200])
    if any(value for name, value in filterset.form.cleaned_data.items() if name != "sort"):
        # From the filtered meetings to their participants: a year's meetings are fewer than a common name's
        # participations, and each is one probe of the (meeting, person) index.
        rows = (
            meetings.order_by()
            .filter(participants__person_id__in=list(matched))
            .values_list("participants__person_id")
            .annotate(n=Count("pk", distinct=True))
        )
    else:  # every public meeting: no need to name them
        rows = (
            Participant.objects.filter(person_id__in=list(matched))
            .exclude(meeting__status=Meeting.Status.DRAFT)
            .values("person_id")
            .annotate(n=Count("meeting_id", distinct=True))
            .values_list("person_id", "n")
        )
    by_id = dict(rows)
    names = dict(Person.objects.filter(pk__in=list(by_id)).values_list("pk", "name"))
    ranked = sorted(by_id, key=lambda pk: (-by_id[pk], names[pk]))[:10]
    found = [{"slug": matched[pk], "name": names[pk], "n": by_id[pk]} for pk in ranked]
    return JsonResponse({"people": [{**row, "query": _with(params, "person", row["slug"], add=True)} for row in found]})


def person_list(request):
    people = (
        public_people()
        .select_related("country")
        .annotate(meeting_count=Count("participations", filter=~Q(participations__meeting__status="draft")))
        .order_by("country__name", "name")
    )
    return render(request, "people/person_list.html", {"people": people})


@kept_for_readers
def person_detail(request, slug):
    if tidied := tidy_redirect(request):
        return tidied
    people = public_people()
    person = people.select_related("country").prefetch_related("positions__country", "names").filter(slug=slug).first()
    if person is None:
        # Another spelling of a name as the address (sergei-lavrov): the page of the one person so named.
        known = people.known_as(slug)
        if known is None:
            raise Http404("No such person.")
        query = request.META.get("QUERY_STRING")
        return redirect(known.get_absolute_url() + (f"?{query}" if query else ""), permanent=True)
    theirs = Meeting.objects.public().involving(person)
    try:
        context = filtered_meetings(request, theirs)
    except PastTheEnd as missing:
        return past_the_end(request, missing, f"meetings of {person.name}")
    # Without filters the page's set is all of theirs, already measured.
    size = context["size"] if not context["active"] else size_of(theirs)
    counterparts = cached(f"counterparts:{person.pk}", size, lambda: counterpart_rows(person))
    # Only the trips shown are kept, with how many there are: the whole log of a busy minister is large to read back.
    travels, trip_count = cached(f"latest-trips:{person.pk}", size, lambda: latest_trips(person, theirs))
    context.update(
        {
            "person": person,
            "counterparts": counterparts,
            "travels": travels,
            "trip_count": trip_count,
            "filters_open": context["invalid"],
        }
    )
    return render(request, "people/person_detail.html", context, status=400 if context["invalid"] else 200)


def latest_trips(person, meetings):
    """The latest TRIPS_SHOWN trips of ``person``'s travel log and how many trips it holds."""
    trips = travel_log(person, meetings)
    return trips[:TRIPS_SHOWN], len(trips)


def counterpart_rows(person):
    """Whom ``person`` met, most often first: name, address, country and the number of meetings shared."""
    shared = {row["person"]: row["n"] for row in Participant.objects.counterparts_of(person)}
    people = sorted(
        Person.objects.filter(pk__in=shared).select_related("country"), key=lambda p: (-shared[p.pk], p.name)
    )
    return [
        {"name": p.name, "url": p.get_absolute_url(), "country": p.country.name if p.country else "", "n": shared[p.pk]}
        for p in people
    ]


# --- exports: the same filters as the pages -------------------------------------------------------------------------

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ndjson": "application/x-ndjson; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}


def _stream(request, chunks, kind, extension, keep=None):
    """The export's response; ``keep``: a file to send if it is there, or to keep what is sent in (see kept.py)."""
    if extension == "csv" and request.GET.get("bom") == "1":
        chunks = itertools.chain(["\ufeff"], chunks)
    copy = kept.opened(keep) if keep else None
    if copy is not None:
        response = FileResponse(copy, content_type=EXPORT_TYPES[extension])
    else:
        encoded = kept.written_to(keep, chunks) if keep else None
        if encoded is None:
            encoded = (chunk.encode("utf-8") for chunk in chunks)
        response = StreamingHttpResponse(encoded, content_type=EXPORT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{export.filename(kind, request.GET, extension)}"'
    return response


def export_meetings(request, kind, extension):
    filterset, queryset, ignored = apply_filters(request.GET, Meeting.objects.public())
    invalid = {key: reason for key, reason in ignored.items() if reason != "unknown parameter"}
    if invalid:
        lines = [f"{key}: {reason}" for key, reason in invalid.items()]
        return HttpResponseBadRequest(
            "Nothing exported; fix these parameters:\n" + "\n".join(lines), content_type="text/plain"
        )
    descending = (filterset.form.cleaned_data.get("sort") or ["-date"])[0] != "date"
    base = request.build_absolute_uri("/").rstrip("/")
    if kind == "participations":
        chunks = export.participations_csv(queryset, descending)
    elif extension == "csv":
        chunks = export.meetings_csv(queryset, base, descending)
        if not request.GET:  # every meeting, as researchers download it most: kept once written
            return _stream(request, chunks, kind, extension, keep=kept.kept_file("meetings", base))
    elif extension == "json":
        meta = {
            "filters": {key: request.GET.getlist(key) for key in request.GET if key not in ignored},
            "generated": timezone.now().isoformat(timespec="seconds"),
            "dictionary": base + reverse("events:data-dictionary"),
        }
        chunks = export.meetings_json(queryset, base, meta, descending)
    elif extension == "ndjson":
        chunks = export.meetings_ndjson(queryset, base, descending)
    else:
        params = request.GET.copy()
        for key in [*ignored, "date_unknown", "bom"]:
            params.pop(key, None)
        params["date_unknown"] = "yes"
        undated_url = f"{base}{reverse('events:meeting-list')}?{params.urlencode()}"
        chunks = export.meetings_ics(queryset, base, request.get_host().split(":")[0], undated_url)
    return _stream(request, chunks, kind, extension)


def export_list(request, kind, extension):
    base = request.build_absolute_uri("/").rstrip("/")
    records, columns = {
        "people": (export.people_records, export.PEOPLE_COLUMNS),
        "agreements": (export.agreement_records, export.AGREEMENT_COLUMNS),
        "forums": (export.forum_records, export.FORUM_COLUMNS),
    }[kind]
    if extension == "csv":
        return _stream(request, export.records_csv(columns, records(base)), kind, extension)
    return JsonResponse({kind: list(records(base))}, json_dumps_params={"ensure_ascii": False})


def data_dictionary(request):
    tables = [
        ("meetings.csv", "One row per meeting.", export.MEETING_COLUMNS),
        (
            "participations.csv",
            "One row per meeting and participant: for pivot tables and network analysis.",
            export.PARTICIPATION_COLUMNS,
        ),
        ("people.csv", "One row per person.", export.PEOPLE_COLUMNS),
        ("agreements.csv", "One row per agreement.", export.AGREEMENT_COLUMNS),
        ("forums.csv", "One row per forum edition.", export.FORUM_COLUMNS),
    ]
    return render(request, "events/data_dictionary.html", {"tables": tables})
