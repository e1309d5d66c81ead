from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from events import export
from events.ingest import Importer
from events.ingest.dates import PartialDate
from events.ingest.pipeline import FAILED
from events.ingest.reader import ArticleError, Known
from events.ingest.web import WebArticle, read_address, read_page
from events.merge import merge_meetings
from events.models import (
    Agreement,
    Basis,
    Evidence,
    Feed,
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
from events.views import highlight

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


class ArticleForm(forms.Form):
    """An article by address, as a saved page or a text file, or pasted; with what is known of it besides its text.
    Fetched and uploaded pages fill the text and the fields below it, for the editor to check before confirming."""

    fetch = forms.URLField(
        label="Import from address",
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text="The address of a news page: it is fetched, and its text and details are filled in below.",
    )
    upload = forms.FileField(label="…or a file", required=False, help_text="A saved page (.html) or a .txt file.")
    text = forms.CharField(
        label="…or the article's text", required=False, widget=forms.Textarea(attrs={"rows": 14, "cols": 100})
    )
    title = forms.CharField(label="Title", required=False, max_length=500, help_text="Optional: else the first line.")
    outlet = forms.CharField(label="Outlet", required=False, max_length=100, help_text="Optional: 'TASS', 'Kazinform'.")
    published = forms.DateField(
        label="Publication date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Optional: else the dateline's or the text's own.",
    )
    url = forms.URLField(label="Address of the original", required=False, assume_scheme="https", max_length=500)

    def __init__(self, *args, outlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.outlets = outlets
        # Django's own check says only "Null characters are not allowed."; say what it means here.
        self.fields["text"].validators = [
            v for v in self.fields["text"].validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        if "\x00" in text:
            raise ValidationError("The text contains a NUL character: it looks like binary data, not an article.")
        limit = settings.DIPLOTRACK_MAX_ARTICLE_BYTES
        if len(text.encode("utf-8")) > limit:
            raise ValidationError(f"The text is larger than {limit:,} bytes, the limit for one article.")
        return text

    def clean(self):
        data = super().clean()
        if "text" in self.errors or "fetch" in self.errors:
            return data
        page = None
        if data.get("fetch"):
            try:
                page = read_address(data["fetch"], outlets=self.outlets)
            except ArticleError as error:
                raise ValidationError(f"{data['fetch']}: {error}") from error
        elif data.get("upload"):
            page = self.read_upload(data["upload"])
        if page is not None:
            data["text"] = page.text
            known = page.known
            data.update(title=known.title, outlet=known.outlet, published=known.published, url=known.url)
        if not (data.get("text") or "").strip():
            raise ValidationError("Give the article's address, choose a file, or paste its text.")
        return data

    def read_upload(self, upload):
        if upload.name.lower().endswith((".html", ".htm")):
            limit = settings.DIPLOTRACK_FETCH_MAX_BYTES
            if upload.size > limit:
                raise ValidationError(f"The page is larger than {limit:,} bytes, the limit for one page.")
            try:
                return read_page(upload.read(), outlets=self.outlets)
            except ArticleError as error:
                raise ValidationError(f"{upload.name}: {error}") from error
        limit = settings.DIPLOTRACK_MAX_ARTICLE_BYTES
        if upload.size > limit:
            raise ValidationError(f"The file is larger than {limit:,} bytes, the limit for one article.")
        try:
            return WebArticle(text=upload.read().decode("utf-8"), known=Known())
        except UnicodeDecodeError as error:
            raise ValidationError("The file is not UTF-8 text.") from error

    def known(self):
        """What the editor (or the page) states of the article besides its text."""
        data = self.cleaned_data
        published = data.get("published")
        if published is not None and not isinstance(published, PartialDate):
            published = PartialDate(published)
        return Known(
            title=data.get("title") or "",
            outlet=data.get("outlet") or "",
            published=published,
            url=data.get("url") or "",
        )

    def filled(self):
        """The form again, holding what was read (the fetched page's text and details), ready to confirm."""
        data = self.cleaned_data
        published = data.get("published")
        if isinstance(published, PartialDate):
            published = published.value if published.precision == "day" else None
        fields = {
            "text": data["text"],
            "title": data.get("title"),
            "outlet": data.get("outlet"),
            "url": data.get("url"),
        }
        return ArticleForm(initial={**fields, "published": published}, outlets=self.outlets)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published", "dateline", "imported_at"]
    list_filter = ["outlet"]
    search_fields = ["title", "outlet", "text", "filename"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "imported_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_article)
        return [path("import/", view, name="events_source_import"), *super().get_urls()]

    def import_article(self, request):
        """Paste an article, see what the importer extracts and what it would merge into, then confirm."""
        if not request.user.has_perm("events.add_source"):
            raise PermissionDenied
        importer = Importer()
        form = ArticleForm(request.POST or None, request.FILES or None, outlets=importer.outlets)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import an article",
            "opts": self.model._meta,
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            text, known = form.cleaned_data["text"], form.known()
            if "confirm" in request.POST and not (form.cleaned_data.get("fetch") or form.cleaned_data.get("upload")):
                result = importer.import_text(text, filename="pasted in the admin", known=known)
                if result.status == FAILED:
                    form.add_error(None, result.message)
                else:
                    messages.success(request, f"{result.status.capitalize()}: {result.message}")
                    if result.source is not None:
                        return redirect("admin:events_source_change", result.source.pk)
                    return redirect("admin:events_source_changelist")
            else:
                preview = importer.preview(text, known)
                context["preview"] = preview
                context["form"] = form.filled()
                if preview.article:
                    quotes = [
                        SimpleNamespace(
                            field=field, value=value, start=q.start, end=q.end, target_url=f"#event-{n or 0}"
                        )
                        for field, value, q, n in preview.quotes
                    ]
                    context["segments"] = highlight(preview.article.text, quotes)
        return TemplateResponse(request, "admin/events/import_article.html", context)


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


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "date_precision", "kind", "place", "status", "source_count"]
    list_filter = ["status", "kind", "date_precision", "place__country"]
    search_fields = ["title", "summary", "participants__person__names__name", "participants__name_as_written"]
    date_hierarchy = "date"
    autocomplete_fields = ["place", "country", "organizations", "parent", "forums_discussed", "agreements_discussed"]
    inlines = [ParticipantInline, SourceInline, EvidenceInline]
    exclude = ["sources"]
    readonly_fields = ["locked_fields", "date_basis", "place_basis"]
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
        obj.locked_fields = sorted(locked)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        similar = list(Meeting.objects.similar_to(meeting)[:5])
        if similar:
            ids = ",".join(str(m.pk) for m in [meeting, *similar])
            url = reverse("admin:events_meeting_changelist") + f"?id__in={ids}"
            names = format_html_join(", ", "{} ({})", ((m.title, m.date_display) for m in similar))
            self.message_user(
                request,
                format_html(
                    'This meeting looks like {}. <a href="{}">Compare them</a> and, if they are the same, select them '
                    "and choose “Merge selected meetings”.",
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
