from html import escape

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.models import MIN_TERM, Meeting, MeetingQuerySet, Organization, Source, public_people, search_terms
from people.models import Country, Person
from people.text import normalize_name


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


SELECTED = " selected"


class OnePassSelect(forms.Select):
    """A select rendered in one pass. Django renders a template per option, which dominated the time of the list
    and person pages with hundreds of people to choose from."""

    def __init__(self, attrs=None, choices=(), label_field=None):
        super().__init__(attrs, choices)
        # For choices from a queryset: the column that holds the label, read without building an object per row.
        self.label_field = label_field

    def options(self):
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or self.label_field is None:
            return self.choices
        field = self.choices.field
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        return [*empty, *queryset.values_list(field.to_field_name or "pk", self.label_field)]

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        # The standard library's escape: Django's, wrapped for lazy strings, costs several times more per call.
        options = "".join(
            f'<option value="{escape(str(key))}"{SELECTED if str(key) in chosen else ""}>{escape(str(label))}</option>'
            for key, label in self.options()
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(options))


class OnePassSelectMultiple(OnePassSelect, forms.SelectMultiple):
    pass


class OnePassCheckboxes(forms.CheckboxSelectMultiple):
    """Boxes to tick rendered in one pass, as Django's templates (one per box) would render them."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        field_id = escape(self.build_attrs(self.attrs, attrs).get("id", f"id_{name}"))
        name = escape(name)
        boxes = "".join(
            f'<div>\n    <label for="{field_id}_{n}"><input type="checkbox" name="{name}" value="{escape(str(key))}" '
            f'id="{field_id}_{n}"{" checked" if str(key) in chosen else ""}>\n {escape(str(label))}</label>\n\n</div>'
            for n, (key, label) in enumerate(self.choices)
        )
        return mark_safe(f'<div id="{field_id}">{boxes}\n</div>')


SEVERAL_SHOWN = 10  # people offered to choose from when a typed name fits several


def typed_people(values, slugs=None):
    """For each value of ``person`` that is not a person's slug (a part of a name typed in the people box): the
    public people it fits, as (slug, name), at most one more than are offered. A name spelled exactly as one
    person's (any spelling) is theirs, even when it is part of others' names. ``slugs``: the values already known
    to be public people's slugs, when they were read."""
    values = [v for v in values if v]
    if slugs is None:
        slugs = set(public_people().filter(slug__in=values).values_list("slug", flat=True))
    found = {}
    for typed in values:
        if typed in slugs or typed in found:
            continue
        fitting = public_people().matching(typed.strip()).order_by("name")
        exact = fitting.filter(names__normalized=normalize_name(typed)).distinct()
        if len(exact.values_list("pk")[:2]) == 1:
            fitting = exact
        found[typed] = list(fitting.values_list("slug", "name")[: SEVERAL_SHOWN + 1])
    return found


class PeopleField(django_filters.fields.ModelMultipleChoiceField):
    """People by slug, or by what was typed in the people box when it fits one person: "lavr" is Sergey Lavrov.
    Typed text that fits no one, or several people, is refused saying so."""

    def _check_values(self, value):
        values = [v for v in value if v]
        for v in values:
            self.validate_no_null_characters(v)
        # Slugs, the usual case, are read with their people in one query; only the rest is looked up as typed names.
        people = self.queryset.filter(slug__in=values)
        slugs = {person.slug for person in people}
        if slugs.issuperset(values):
            return people
        resolved = []
        for typed, fitting in typed_people(values, slugs).items():
            if not fitting:
                raise ValidationError(f"No one whose name contains “{typed}”.", code="no_match")
            if len(fitting) > 1:
                more = " or more" if len(fitting) > SEVERAL_SHOWN else ""
                raise ValidationError(
                    f"“{typed}” fits {len(fitting[:SEVERAL_SHOWN])}{more} people: choose one.", code="several"
                )
            resolved.append((typed, fitting[0][0]))
        chosen = dict(resolved)
        return super()._check_values([chosen.get(v, v) for v in values])


class PeopleFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = PeopleField


class PeoplePicker(forms.SelectMultiple):
    """The people chosen, each a ticked box to untick, and a box to type a name in: suggestions come from the
    server as you type (static/js/filters.js), most meetings first. No list of hundreds to Ctrl-click through.
    The box is itself a ``person`` field: a name typed and applied without choosing a suggestion is looked up."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = [str(v) for v in (value or []) if v]
        names = dict(Person.objects.filter(slug__in=chosen).values_list("slug", "name"))
        boxes = "".join(
            f'<label class="picked-person"><input type="checkbox" name="{escape(name)}" '
            f'value="{escape(slug)}" checked> {escape(names[slug])}</label>'
            for slug in chosen
            if slug in names
        )
        typed = next((v for v in chosen if v not in names), "")
        field_id = (attrs or {}).get("id", f"id_{name}")
        search = (
            f'<input type="search" name="{escape(name)}" id="{escape(field_id)}" class="person-search" '
            f'value="{escape(typed)}" autocomplete="off" placeholder="Type part of a name" '
            f'aria-controls="{escape(field_id)}-suggestions" '
            f'data-suggest="{escape(reverse("people:person-suggestions"))}">'
            f'<ul class="suggestions" id="{escape(field_id)}-suggestions" aria-live="polite"></ul>'
        )
        return mark_safe(f'<span class="people-picker">{boxes}{search}</span>')

    def value_from_datadict(self, data, files, name):
        return [v for v in data.getlist(name) if v]


class OnePassInput:
    """An input rendered without a template, as Django's own input template would render it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], name, shown, flatatt(widget["attrs"]))


class OnePassTextInput(OnePassInput, forms.TextInput):
    pass


class OnePassNumberInput(OnePassInput, forms.NumberInput):
    pass


class OnePassDateInput(OnePassInput, forms.DateInput):
    input_type = "date"


class SearchField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value and value.strip() and not search_terms(value):
            raise ValidationError(f"Search for words of {MIN_TERM} letters or more.")
        return value


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class DateOrder(django_filters.OrderingFilter):
    """Newest first (the list's order when nothing is chosen), oldest first, or, for a search, the most relevant
    first: no empty choice. The order itself is applied by ``apply_filters``."""

    def build_choices(self, fields, labels):
        return [("-date", "newest first"), ("date", "oldest first"), ("relevance", "most relevant first (search)")]

    def filter(self, qs, value):
        return qs


class OrderSelect(OnePassSelect):
    """The order's select, marked with its default: the filters' script leaves the default out of the address."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {**super().build_attrs(base_attrs, extra_attrs), "data-default": "-date"}


YES_NO = [("yes", "yes"), ("no", "no")]


def choice(choices, label, method=None, empty_label="any"):
    """A filter by one of a few values, chosen from a select whose empty choice means any."""
    return django_filters.ChoiceFilter(
        choices=list(choices), empty_label=empty_label, method=method, label=label, widget=OnePassSelect
    )


class MeetingFilter(django_filters.FilterSet):
    """The one set of filters behind the meeting list, the person pages and the exports."""

    q = SearchFilter(method="filter_text", label="Search", max_length=200, widget=OnePassTextInput)
    person = PeopleFilter(
        queryset=public_people().order_by("name"),
        to_field_name="slug",
        method="filter_people",
        label="People (all of)",
        widget=PeoplePicker,
    )
    year = YearFilter(method="filter_year", label="Year", min_value=1900, max_value=2100, widget=OnePassNumberInput)
    date_from = django_filters.DateFilter(method="filter_from", label="From", widget=OnePassDateInput)
    date_to = django_filters.DateFilter(method="filter_to", label="To", widget=OnePassDateInput)
    kind = django_filters.MultipleChoiceFilter(choices=Meeting.Kind.choices, label="Kind", widget=OnePassCheckboxes)
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(),
        to_field_name="code",
        method="filter_country",
        label="Country",
        widget=OnePassSelect(label_field="name"),
    )
    place = django_filters.CharFilter(method="filter_place", label="Place", max_length=100, widget=OnePassTextInput)
    organization = django_filters.ModelChoiceFilter(
        field_name="organizations",
        queryset=Organization.objects.all(),
        to_field_name="slug",
        label="Organization",
        widget=OnePassSelect(label_field="acronym"),
    )
    topic = django_filters.CharFilter(method="filter_topic", label="Topic", max_length=100, widget=OnePassTextInput)
    region = django_filters.CharFilter(
        method="filter_region", label="Region discussed", max_length=100, widget=OnePassTextInput
    )
    level = choice(MeetingQuerySet.LEVELS.items(), "Level", "filter_level")
    outlet = django_filters.CharFilter(method="filter_outlet", label="Outlet", max_length=200, widget=OnePassTextInput)
    language = choice(Source.LANGUAGES.items(), "Language of a source", "filter_language")
    has_agreement = choice(YES_NO, "Agreement signed", "filter_agreement")
    stage = choice(Meeting.Stage.choices, "Held or planned")
    date_unknown = choice(YES_NO, "Date unknown", "filter_date_unknown")
    host = choice(MeetingQuerySet.HOSTS.items(), "Where", "filter_host", empty_label="anywhere")
    sort = DateOrder(fields=(("date", "date"),), empty_label=None, label="Sort", widget=OrderSelect)

    class Meta:
        model = Meeting
        fields = []

    # For the API's description (/api/openapi.json): an example of each filter and what it does, beside the type
    # and the values read from the filter itself. A test holds these to the filters, one for one.
    documentation = {
        "q": ("Nurtleu", "Free text over titles, participants' names (every spelling), places and the articles."),
        "person": ("sergey-lavrov", "Meetings with all of these people: a slug, or part of a name that fits one."),
        "year": (2019, "Meetings in that year; one known only as that year counts."),
        "date_from": ("2019-01-01", "Meetings whose period ends on or after that day."),
        "date_to": ("2019-12-31", "Meetings whose period begins on or before that day."),
        "kind": ("talks", "Meetings of any of these kinds."),
        "country": ("KZ", "Held in that country (ISO code)."),
        "place": ("astana", "Held at that place: its slug, or any current or former name."),
        "organization": ("cis", "Mentioning that organization (slug)."),
        "topic": ("space", "Tagged with that topic (slug)."),
        "region": ("Syria", "Where that region or conflict was discussed (a whole name)."),
        "level": ("ministers", "Someone holding such an office on the day took part."),
        "outlet": ("TASS", "Reported by that outlet."),
        "language": ("ru", "Reported by an article in that language."),
        "has_agreement": ("yes", "An agreement was signed there, or not."),
        "stage": ("held", "Held, or planned."),
        "date_unknown": ("yes", "Of unknown date, or of known date."),
        "host": ("kz", "Where it took place: in Kazakhstan, in Russia, elsewhere, or by phone or video."),
        "sort": ("date", "Oldest first, or newest first (the default); the API pages by date whatever the order."),
    }

    def filter_people(self, queryset, name, value):
        if isinstance(value, QuerySet) and value.query.is_empty():
            return queryset  # nobody chosen: the empty choice is not read
        # A subquery per person rather than a join: no duplicates to remove with DISTINCT.
        return queryset.involving(*value)

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(int(value))

    def filter_from(self, queryset, name, value):
        return queryset.in_period(start=value)

    def filter_to(self, queryset, name, value):
        return queryset.in_period(end=value)

    def filter_host(self, queryset, name, value):
        return queryset.hosted(value)

    def filter_country(self, queryset, name, value):
        return queryset.held_in(value)

    def filter_place(self, queryset, name, value):
        return queryset.at_place(value)

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=Meeting.objects.filter(topics__slug=value).values("pk"))

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)

    def filter_level(self, queryset, name, value):
        return queryset.at_level(value)

    def filter_outlet(self, queryset, name, value):
        return queryset.reported_by(outlet=value)

    def filter_language(self, queryset, name, value):
        return queryset.reported_by(language=value)

    def filter_date_unknown(self, queryset, name, value):
        return queryset.undated() if value == "yes" else queryset.filter(date__isnull=False)

    def filter_agreement(self, queryset, name, value):
        return queryset.with_agreement(value == "yes")


def apply_filters(data, queryset, filterset_class=MeetingFilter):
    """Filter ``queryset`` with the valid parameters in ``data``; report the ones that were ignored and why."""
    known = set(filterset_class.base_filters) | {"page", "bom"}
    ignored = {key: "unknown parameter" for key in data if key not in known}
    filterset = filterset_class(data, queryset=queryset)
    if not filterset.is_valid():
        cleaned = data.copy()
        for key, messages in filterset.errors.items():
            ignored[key] = " ".join(messages)
            cleaned.pop(key, None)
        filterset = filterset_class(cleaned, queryset=queryset)
        if not filterset.is_valid():  # pragma: no cover - every invalid key was removed
            filterset = filterset_class({}, queryset=queryset)
    queryset = filterset.qs
    sort = filterset.form.cleaned_data.get("sort") or ["-date"]
    typed = filterset.form.cleaned_data.get("q")
    if sort[0] == "relevance" and typed:
        queryset = queryset.by_relevance(typed)
    else:  # the exports and the API page by date whatever the order asked
        queryset = queryset.chronological(descending=sort[0] != "date")
    return filterset, queryset, ignored
