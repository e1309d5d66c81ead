from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.http import StreamingHttpResponse
from django.utils import timezone

from events import export
from events.models import Agreement, Evidence, Forum, Meeting, Organization, Participant, Place, PlaceName, Source


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
    list_display = ["name", "country"]
    list_filter = ["country"]
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


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published", "dateline", "imported_at"]
    list_filter = ["outlet"]
    search_fields = ["title", "outlet", "text", "filename"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "imported_at"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "name_as_written", "role", "title"]


class SourceInline(admin.TabularInline):
    model = Meeting.sources.through
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = "source"


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    actions = ["export_csv"]
    list_display = ["title", "date", "date_precision", "kind", "place", "status"]
    list_filter = ["status", "kind", "date_precision", "place__country"]
    search_fields = ["title", "summary", "participants__person__names__name", "participants__name_as_written"]
    date_hierarchy = "date"
    autocomplete_fields = ["place", "country", "organizations", "parent", "forums_discussed", "agreements_discussed"]
    inlines = [ParticipantInline, SourceInline, EvidenceInline]
    exclude = ["sources"]
    list_select_related = ["place"]

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


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["__str__", "edition", "date", "place"]
    list_filter = ["series"]
    search_fields = ["series", "place__name"]
    autocomplete_fields = ["place", "sources"]
    inlines = [EvidenceInline]
    list_select_related = ["place"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
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
