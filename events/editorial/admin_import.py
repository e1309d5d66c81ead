"""The admin's import page: an article by address, file or paste; a preview whose every meeting the editor can
correct before saving; and a summary of what was saved."""

import copy
import re
from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.timezone import localdate

from events.ingest import Importer
from events.ingest.dates import PartialDate, parse_header_date
from events.ingest.edits import NEW, UNKNOWN, EventEdit, NewPlace, apply_edit, apply_edits, signature
from events.ingest.findings import KZ, RU, EventFinding
from events.ingest.pipeline import FAILED
from events.ingest.reader import ArticleError, Known
from events.ingest.web import WebArticle, read_address, read_page
from events.models import Basis, Meeting, Place, Source, public_people
from events.site.views import highlight
from people.models import Country, Person


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
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="Optional: else the dateline's or the text's own.",
    )
    url = forms.URLField(label="Address of the original", required=False, assume_scheme="https", max_length=500)
    reading = forms.CharField(widget=forms.HiddenInput, required=False)  # what the preview showed (edits.signature)

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

    def clean_published(self):
        published = self.cleaned_data.get("published")
        if published is not None and published > localdate():
            raise ValidationError(f"The publication date ({published:%Y-%m-%d}) is after today.")
        return published

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

    def filled(self, reading=""):
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
        return ArticleForm(initial={**fields, "published": published, "reading": reading}, outlets=self.outlets)


def future_error(date):
    return f"A held contact cannot be after today ({date}): correct the date, or choose planned if it is announced."


def date_text(date):
    """A PartialDate as the editor types it: 2018-05-14, 2018-05 or 2018."""
    if date is None:
        return ""
    return {"day": date.value.isoformat(), "month": date.value.strftime("%Y-%m")}.get(
        date.precision, str(date.value.year)
    )


class ContactForm(forms.Form):
    """What the editor says of one contact: when, what, where, and how sure."""

    date = forms.CharField(
        required=False,
        max_length=10,
        help_text="YYYY-MM-DD, YYYY-MM or YYYY: the precision is what you type; empty: unknown.",
    )
    kind = forms.ChoiceField(choices=Meeting.Kind.choices)
    stage = forms.ChoiceField(
        choices=Meeting.Stage.choices, help_text="Held: reported as having taken place; planned: announced."
    )
    status = forms.ChoiceField(choices=Meeting.Status.choices, label="Review status")
    place = forms.ModelChoiceField(
        queryset=Place.objects.select_related("country").order_by("name"), required=False, empty_label="not stated"
    )
    new_place = forms.CharField(
        label="…or a city not in the list",
        required=False,
        max_length=200,
        help_text="Created when saved, for review; give its country below.",
    )
    country = forms.ModelChoiceField(
        queryset=Country.objects.order_by("name"),
        required=False,
        empty_label="not stated",
        label="Country",
        help_text="Where it took place: the country of a new city, or the country alone when the city is not known. "
        "With a city from the list, its own country.",
    )

    def clean_date(self):
        text = self.cleaned_data["date"].strip()
        if not text:
            return UNKNOWN
        date = parse_header_date(text) if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text) else None
        if date is None:
            raise ValidationError("Give a date as YYYY-MM-DD, YYYY-MM or YYYY, or leave it empty for unknown.")
        return date

    def clean(self):
        data = super().clean()
        place, new_place, country = data.get("place"), data.get("new_place", "").strip(), data.get("country")
        if place is not None and new_place:
            self.add_error("new_place", "Choose a city from the list or type a new one, not both.")
        elif new_place and country is None:
            self.add_error("country", f"Give the country of {new_place}, the new city.")
        elif place is not None and country is not None and place.country_id != country.pk:
            self.add_error("country", f"{place} is in {place.country}: leave the country empty or choose that one.")
        date = data.get("date")
        if data.get("stage") == Meeting.Stage.HELD and date not in (None, UNKNOWN) and date.first > localdate():
            self.add_error("date", future_error(date))
        if data.get("target") == "other":
            number = data.get("other")
            meeting = Meeting.objects.filter(pk=number).first() if number else None
            if meeting is None:
                raise ValidationError("Give the number of an existing meeting to merge into.")
            data["merge_into"] = meeting
        return data

    def place_edit(self):
        """Where the editor says it took place: a Place of the list, a new city with its country, or no city with the
        country given or none."""
        data = self.cleaned_data
        if data["place"] is not None:
            return data["place"]
        code = data["country"].code if data["country"] else ""
        if data["new_place"].strip():
            return NewPlace(" ".join(data["new_place"].split()), code)
        return NewPlace("", code)


class EventForm(ContactForm):
    """One meeting the importer found, as the editor leaves it."""

    keep = forms.BooleanField(label="Keep this meeting", required=False)
    participants = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, required=False, help_text="Untick whoever did not take part."
    )
    add_person = forms.ModelChoiceField(
        queryset=public_people().select_related("country").order_by("name"),
        required=False,
        empty_label="—",
        label="Add a participant",
    )
    target = forms.ChoiceField(widget=forms.RadioSelect, label="Save as")
    other = forms.IntegerField(required=False, min_value=1, label="Number of the meeting to merge into")
    # The meeting the preview proposed, as shown: a confirmation merges into that one, not into whatever matches then.
    proposed = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, event, existing, countries=None, **kwargs):
        self.event, self.existing = event, existing
        countries = countries if countries is not None else {c.code: c.pk for c in Country.objects.all()}
        initial = {
            "keep": True,
            "date": date_text(event.date),
            "kind": event.kind,
            "stage": event.stage,
            "status": Meeting.Status.UNREVIEWED,
            "place": event.place.place_id if event.place is not None and event.place.place_id else None,
            "new_place": event.place.name if event.place is not None and not event.place.place_id else "",
            "country": countries.get(place_country(event)),
            "participants": [str(key) for key in event.participants],
            "target": "proposed" if existing else "new",
            "proposed": existing.pk if existing else None,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["participants"].choices = [
            (str(key), f"{person.name_as_written}" + ("" if person.person_id else " (new person)"))
            for key, person in event.participants.items()
        ]
        choices = [("new", "a new meeting"), ("other", "a merge into another meeting (its number below)")]
        if existing is not None:
            choices.insert(0, ("proposed", f"a merge into the existing meeting “{existing}” (number {existing.pk})"))
        elif self.is_bound and self.data.get(self.add_prefix("proposed")):
            choices.insert(0, ("proposed", "a merge into the meeting proposed"))
        self.fields["target"].choices = choices
        if event.place is not None and not event.place.place_id:
            self.fields[
                "new_place"
            ].help_text = f"Found: {event.place_as_written}, a place not in the list: created when saved, for review."

    def clean(self):
        data = super().clean()
        if data.get("target") == "proposed":
            number = data.get("proposed")
            meeting = Meeting.objects.filter(pk=number).first() if number else None
            if meeting is None:
                raise ValidationError(
                    f"The meeting proposed (number {number}) no longer exists: choose a new meeting or another one."
                )
            data["merge_into"] = meeting
        return data

    def plan(self, preview, gazetteer):
        """Where this meeting goes as the form stands, and what a merge changes there: (meeting or None, changes)."""
        if not self.is_bound:
            meeting, event = self.existing, self.event
        elif self.is_valid():
            edit = self.edit()
            if not edit.keep:
                return None, []
            meeting = None if edit.target == NEW else edit.target
            event = copy.deepcopy(self.event)
            apply_edit(event, edit, gazetteer)
        else:
            return None, []
        return meeting, (preview.merge_plan(meeting, event) if meeting is not None else [])

    def edit(self):
        """The editor's decisions: the values they changed, and always where to save it, as the form said."""
        data, changed = self.cleaned_data, set(self.changed_data)
        kept = set(data["participants"])
        target = data["merge_into"] if data["target"] in ("other", "proposed") else NEW
        return EventEdit(
            keep=data["keep"],
            date=data["date"] if "date" in changed else None,
            kind=data["kind"] if "kind" in changed else "",
            stage=data["stage"] if "stage" in changed else "",
            status=data["status"] if "status" in changed else "",
            place=self.place_edit() if {"place", "new_place", "country"} & changed else None,
            removed={key for key in self.event.participants if str(key) not in kept},
            added=[data["add_person"]] if data.get("add_person") else [],
            target=target,
        )


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        return f"{person.name} ({person.country})" if person.country_id else person.name


class MissedForm(ContactForm):
    """A contact the text reports and the importer did not find, added by the editor: saved as set by an editor."""

    add = forms.BooleanField(label="Add this contact", required=False)
    people = PersonChoice(
        queryset=public_people().select_related("country").order_by("country__name", "name"),
        required=False,
        label="Who took part",
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="Pick them by name (Ctrl or ⌘ to pick several): someone from Kazakhstan and someone from Russia.",
    )
    target = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="Save as",
        choices=[("new", "a new meeting"), ("other", "a merge into another meeting (its number below)")],
    )
    other = forms.IntegerField(required=False, min_value=1, label="Number of the meeting to merge into")

    def __init__(self, *args, **kwargs):
        initial = {"kind": Meeting.Kind.TALKS, "stage": Meeting.Stage.HELD, "target": "new"}
        initial |= {"status": Meeting.Status.UNREVIEWED}
        super().__init__(*args, initial=initial, prefix="missed", **kwargs)

    @property
    def adding(self):
        return self.is_bound and self.data.get(self.add_prefix("add")) not in (None, "", "off", "false")

    def full_clean(self):
        if not self.adding:  # left alone: nothing to check, nothing to save
            self._errors, self.cleaned_data = forms.utils.ErrorDict(), {"add": False}
            return
        super().full_clean()

    def clean(self):
        data = super().clean()
        countries = {person.country.code for person in data.get("people", []) if person.country_id}
        if not {KZ, RU} <= countries:
            self.add_error("people", "A contact needs someone from Kazakhstan and someone from Russia.")
        return data

    def event(self, gazetteer):
        """The contact as the importer would have found it, every value set by the editor."""
        data = self.cleaned_data
        event = EventFinding(date=None, date_basis=Basis.EDITOR, date_quote=None)
        edit = EventEdit(
            date=data["date"],
            kind=data["kind"],
            stage=data["stage"],
            status=data["status"],
            place=self.place_edit(),
            added=list(data["people"]),
            target=data["merge_into"] if data["target"] == "other" else NEW,
        )
        apply_edit(event, edit, gazetteer)
        event.kinds = {data["kind"]: None}
        event.multilateral = data["kind"] == Meeting.Kind.MULTILATERAL
        event.locked = {"date", "kind", "stage", "place", "country"}
        return event


def place_country(event):
    """The country the importer found for an event without a city from the list: a new city's, or the host's."""
    if event.place is None:
        return event.host
    return "" if event.place.place_id else event.place.country


def event_forms(preview, data=None):
    countries = {c.code: c.pk for c in Country.objects.all()}
    return [
        EventForm(data, prefix=f"event{number}", event=event, existing=existing, countries=countries)
        for number, (event, existing) in enumerate(preview.matches, start=1)
    ]


def import_article(request, admin):
    """An article in, a preview of every meeting found with the means to correct it, then a confirmation that saves
    exactly what the editor left."""
    if not request.user.has_perm("events.add_source"):
        raise PermissionDenied
    importer = Importer()
    form = ArticleForm(request.POST or None, request.FILES or None, outlets=importer.outlets)
    context = {
        **admin.admin_site.each_context(request),
        "title": "Import an article",
        "opts": Source._meta,
        "form": form,
    }
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "admin/events/import_article.html", context)
    text, known = form.cleaned_data["text"], form.known()
    preview = importer.preview(text, known)
    confirming = "confirm" in request.POST and not (form.cleaned_data.get("fetch") or form.cleaned_data.get("upload"))
    reading = signature(preview.extraction) if preview.extraction else ""
    # The meeting forms of an earlier preview: kept on a new preview (or saved) only when they were made for the same
    # reading of the article. A confirmation without them (a script's) saves what was found, as found.
    edited = any(key.startswith("event") for key in request.POST)
    same_reading = form.cleaned_data.get("reading") in ("", reading)
    forms_ = event_forms(preview, request.POST if edited and (same_reading or confirming) else None)
    missed = MissedForm(request.POST if any(key.startswith("missed-") for key in request.POST) else None)
    if edited and not same_reading and not confirming:
        messages.warning(
            request,
            "The article or its details changed, and the importer now reads it differently "
            f"({describe_reading(preview)}): the corrections made on the previous preview were set aside. "
            "Check the meetings below again.",
        )
    valid = (not edited or all(f.is_valid() for f in forms_)) and (not missed.adding or missed.is_valid())
    if confirming and preview.article and valid:
        if not same_reading:
            form.add_error(None, "What the importer reads in the article changed since the preview: check it again.")
            forms_ = event_forms(preview)
        else:
            edits = [f.edit() for f in forms_] if edited else None
            added = missed.event(importer.gazetteer) if missed.adding else None

            def edit(found):
                if edits is not None:
                    apply_edits(found, edits, importer.gazetteer, reading)
                if added is not None:
                    found.events.append(added)

            result = importer.import_text(text, filename="pasted in the admin", known=known, edit=edit)
            if result.status != FAILED:
                request.session["import_summary"] = summary_of(result)
                messages.success(request, f"{result.status.capitalize()}: {result.message}")
                return redirect("admin:events_source_imported")
            form.add_error(None, result.message)
    shown = [(match, f, *f.plan(preview, importer.gazetteer)) for match, f in zip(preview.matches, forms_, strict=True)]
    context.update(preview=preview, form=form.filled(reading), events=shown, missed=missed)
    if preview.article:
        quotes = [
            SimpleNamespace(field=field, value=value, start=q.start, end=q.end, target_url=f"#event-{n or 0}")
            for field, value, q, n in preview.quotes
        ]
        context["segments"] = highlight(preview.article.text, quotes)
    return TemplateResponse(request, "admin/events/import_article.html", context)


def describe_reading(preview):
    count = len(preview.matches)
    return f"{count} meeting{'' if count == 1 else 's'} found" if count else "no meeting found"


def summary_of(result):
    return {
        "status": result.status,
        "source": result.source.pk if result.source else None,
        "created": [m.pk for m in result.created],
        "merged": [m.pk for m in result.merged],
        "people": [p.pk for p in result.new_people],
        "places": [p.pk for p in result.new_places],
    }


def import_summary(request, admin):
    """What the last import saved: every meeting created or merged, the source, the new people and places."""
    if not request.user.has_perm("events.add_source"):
        raise PermissionDenied
    saved = request.session.get("import_summary")
    if not saved:
        return redirect("admin:events_source_import")
    context = {
        **admin.admin_site.each_context(request),
        "title": "Imported",
        "opts": Source._meta,
        "status": saved["status"],
        "source": Source.objects.filter(pk=saved["source"]).first(),
        "created": Meeting.objects.filter(pk__in=saved["created"]).select_related("place"),
        "merged": Meeting.objects.filter(pk__in=saved["merged"]).select_related("place"),
        "people": Person.objects.filter(pk__in=saved["people"]),
        "places": Place.objects.filter(pk__in=saved["places"]),
    }
    return TemplateResponse(request, "admin/events/import_done.html", context)
