from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, When
from django.forms.models import BaseInlineFormSet
from django.http import StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from events import search
from events.editorial.admin_import import import_article, import_summary
from events.editorial.merge import merge_meetings
from events.exports import export
from events.ingest import lang as languages
from events.models import (
    Agreement,
    Basis,
    Evidence,
    Feed,
    FeedEntry,
    Forum,
    Meeting,
    MeetingRedirect,
    Organization,
    Outlet,
    Participant,
    Place,
    PlaceName,
    Source,
)

# The admin's home page leads editors to the review queue and the import page.
admin.site.index_template = "admin/index_with_review.html"

# An editor's change to one of these fields locks it: later imports leave it alone.
LOCKS = {
    "title": "title",
    "date": "date",
    "date_precision": "date",
    "end_date": "date",
    "kind": "kind",
    "place": "place",
    "place_as_written": "place",
    "country": "country",
}


class EvidenceInline(GenericTabularInline):
    model = Evidence
    extra = 0
    fields = ["field", "value", "source", "quote", "start", "end"]
    autocomplete_fields = ["source"]


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "needs_review"]
    list_filter = ["needs_review", "country"]
    search_fields = ["name", "names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [PlaceNameInline]
    list_select_related = ["country"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name"]
    search_fields = ["acronym", "name"]
    prepopulated_fields = {"slug": ["acronym"]}
    filter_horizontal = ["members"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "language", "homepage"]
    list_filter = ["country", "language"]
    search_fields = ["name"]
    autocomplete_fields = ["country"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "url", "language", "active", "last_checked", "last_error"]
    list_editable = ["active"]
    list_filter = ["active", "language"]
    search_fields = ["name", "url"]
    readonly_fields = ["last_checked", "etag", "modified", "last_error"]


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin):
    """Entries of feeds that were fetched; those that failed three times (filter: given up) wait for an editor:
    import them by hand, or let the next poll try them again."""

    list_display = ["url", "feed", "state", "attempts", "last_attempt", "retry_after", "last_error"]
    list_filter = ["state", "feed"]
    search_fields = ["url"]
    readonly_fields = ["feed", "url", "state", "attempts", "last_attempt", "retry_after", "last_error"]
    actions = ["try_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Try the selected entries again at the next poll", permissions=["change"])
    def try_again(self, request, queryset):
        done = queryset.exclude(state=FeedEntry.State.DONE).update(
            state=FeedEntry.State.RETRY, attempts=0, retry_after=None
        )
        self.message_user(request, f"{done} entries will be tried again at the next poll.", messages.SUCCESS)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published", "dateline", "imported_at"]
    list_filter = ["outlet"]
    search_fields = ["title", "outlet", "text", "filename"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "imported_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @staticmethod
    def searched(request):
        """The words searched for: the list's search box, or the source picker of a meeting's form."""
        return " ".join(request.GET.get("q", request.GET.get("term", "")).split())

    def get_queryset(self, request):
        """Searched, the exact title first, then titles that begin with the words, then titles that hold them."""
        term = self.searched(request)
        if not term:
            return super().get_queryset(request)
        rank = Case(
            When(title__iexact=term, then=0),
            When(title__istartswith=term, then=1),
            When(title__icontains=term, then=2),
            default=3,
        )
        # As ModelAdmin.get_queryset, with the rank its ordering needs.
        return self.model._default_manager.annotate(search_rank=rank).order_by(*self.get_ordering(request))

    def get_search_results(self, request, queryset, search_term):
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        if self.searched(request):
            queryset = queryset.order_by(*self.get_ordering(request))
        return queryset, distinct

    def get_ordering(self, request):
        if self.searched(request):
            return ["search_rank", "-published", "-pk"]
        return super().get_ordering(request)

    def get_readonly_fields(self, request, obj=None):
        # Evidence offsets point into the text: once imported, a correction of the text is a new import.
        return self.readonly_fields + (["text"] if obj is not None else [])

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(import_article), {"admin": self}, name="events_source_import"),
            path("import/done/", wrap(import_summary), {"admin": self}, name="events_source_imported"),
            *super().get_urls(),
        ]


class ParticipantFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            person = form.cleaned_data.get("person")
            if person is not None:
                if person.pk in seen:
                    raise ValidationError(f"{person} is listed twice; a person takes part in a meeting once.")
                seen.add(person.pk)


class ParticipantInline(admin.TabularInline):
    model = Participant
    formset = ParticipantFormSet
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "name_as_written", "role", "title"]


class SourceInline(admin.TabularInline):
    model = Meeting.sources.through
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = "source"


def known_regions():
    """The regions and conflicts the importer recognises, in any language, by their English names."""
    return list(dict.fromkeys(name for module in languages.MODULES.values() for name, _ in module.REGIONS))


class MeetingForm(forms.ModelForm):
    regions = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, required=False, help_text="Regions and conflicts discussed."
    )
    more_regions = forms.CharField(
        label="Other regions",
        required=False,
        max_length=500,
        help_text="Any not in the list above, separated by commas.",
    )

    class Meta:
        model = Meeting
        exclude = ["sources", "slug"]  # noqa: DJ006 - every other field, as the admin shows them

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.regions if self.instance.pk else []
        self.fields["regions"].choices = [(name, name) for name in dict.fromkeys([*known_regions(), *current])]

    def clean(self):
        data = super().clean()
        more = [" ".join(name.split()) for name in data.get("more_regions", "").split(",")]
        data["regions"] = list(dict.fromkeys([*data.get("regions", []), *(name for name in more if name)]))
        return data


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    form = MeetingForm
    list_display = ["title", "date", "date_precision", "kind", "place", "status", "source_count"]
    list_filter = ["status", "kind", "date_precision", "place__country"]
    search_fields = ["title", "summary", "participants__person__names__name", "participants__name_as_written"]
    date_hierarchy = "date"
    autocomplete_fields = ["place", "country", "organizations", "parent", "forums_discussed", "agreements_discussed"]
    inlines = [ParticipantInline, SourceInline, EvidenceInline]
    exclude = ["sources", "slug"]  # the slug follows the title
    readonly_fields = ["locked_fields", "date_basis", "place_basis", "origin"]
    list_select_related = ["place"]
    actions = ["mark_reviewed", "mark_unreviewed", "mark_draft", "merge_selected", "export_csv"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources", distinct=True))

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, meeting):
        return meeting.source_count

    def save_model(self, request, obj, form, change):
        locked = set(obj.locked_fields)
        for name in form.changed_data:
            if name in LOCKS and change:
                locked.add(LOCKS[name])
        if change and "date" in locked and {"date", "date_precision", "end_date"} & set(form.changed_data):
            obj.date_basis = Basis.EDITOR
        if change and "place" in locked and {"place", "place_as_written"} & set(form.changed_data):
            obj.place_basis = Basis.EDITOR
        if not change:
            obj.date_basis = Basis.EDITOR
            obj.place_basis = Basis.EDITOR if obj.place_id else ""
            obj.origin = Meeting.Origin.EDITOR
        elif obj.origin == Meeting.Origin.EXTRACTED and set(locked) - set(obj.locked_fields):
            obj.origin = Meeting.Origin.EDITOR  # corrected by hand: no longer as extracted
        obj.locked_fields = sorted(locked)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        search.refresh([meeting.pk])
        similar = list(Meeting.objects.similar_to(meeting)[:3])
        if similar:
            ids = ",".join(str(m.pk) for m in [meeting, *similar])
            url = reverse("review-compare") + f"?ids={ids}"
            names = format_html_join(", ", "{} ({})", ((m.title, m.date_display) for m in similar))
            self.message_user(
                request,
                format_html(
                    'This meeting looks like {}. <a href="{}">Compare them</a> side by side and, if they are the same, '
                    "merge them there.",
                    names,
                    url,
                ),
                messages.WARNING,
            )

    @admin.action(description="Mark as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self._set_status(request, queryset, Meeting.Status.REVIEWED)

    @admin.action(description="Mark as unreviewed (public, flagged)", permissions=["change"])
    def mark_unreviewed(self, request, queryset):
        self._set_status(request, queryset, Meeting.Status.UNREVIEWED)

    @admin.action(description="Make draft (hidden from the public)", permissions=["change"])
    def mark_draft(self, request, queryset):
        self._set_status(request, queryset, Meeting.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        count = 0
        for meeting in queryset:  # one save each, so that the history records who changed what
            meeting.status = status
            meeting.save(update_fields=["status", "updated"])
            count += 1
        self.message_user(request, f"{count} meeting(s) marked {Meeting.Status(status).label}.", messages.SUCCESS)

    @admin.action(description="Merge selected meetings", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        meetings = list(queryset.annotate(n_sources=Count("sources")).order_by("-n_sources", "id"))
        if len(meetings) < 2:
            self.message_user(request, "Select at least two meetings to merge.", messages.WARNING)
            return
        survivor, duplicates = meetings[0], meetings[1:]
        merge_meetings(survivor, duplicates)
        self.message_user(
            request,
            f"Merged {len(duplicates)} meeting(s) into “{survivor.title}”; their addresses now redirect to it.",
            messages.SUCCESS,
        )

    @admin.action(description="Export the selected meetings as CSV (drafts excluded)", permissions=["view"])
    def export_csv(self, request, queryset):
        public = queryset.public()
        skipped = queryset.count() - public.count()
        if skipped:
            self.message_user(request, f"{skipped} draft(s) left out of the export.", messages.WARNING)
        base = request.build_absolute_uri("/").rstrip("/")
        chunks = (piece.encode("utf-8") for piece in export.meetings_csv(public, base))
        response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        filename = f"diplotrack-selected-meetings-{timezone.localdate().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@admin.register(MeetingRedirect)
class MeetingRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_id", "meeting"]
    search_fields = ["old_id", "meeting__title"]
    autocomplete_fields = ["meeting"]


@admin.register(Forum)
class ForumAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "edition", "date", "place"]
    list_filter = ["series"]
    search_fields = ["series", "place__name"]
    autocomplete_fields = ["place", "sources"]
    inlines = [EvidenceInline]
    list_select_related = ["place"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "signed_on", "period_start", "period_end"]
    list_filter = ["kind"]
    search_fields = ["title"]
    date_hierarchy = "signed_on"
    autocomplete_fields = ["parties", "signatories", "meeting", "forum", "sources"]
    inlines = [EvidenceInline]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["field", "value", "content_type", "object_id", "source"]
    list_filter = ["field", "content_type"]
    search_fields = ["quote", "value"]
    autocomplete_fields = ["source"]
    list_select_related = ["content_type", "source"]
