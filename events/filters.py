import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from events.models import Meeting, Organization
from people.models import Country, Person


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class PeopleSelect(forms.SelectMultiple):
    """A multiple select rendered in one pass: with hundreds of people, Django's template per option dominated
    the time of the list page."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in (value or [])}
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name, "multiple": True})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, mark_safe(" selected") if str(key) in chosen else "", label) for key, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


class MeetingFilter(django_filters.FilterSet):
    """The one set of filters behind the meeting list, the person pages and the exports."""

    q = django_filters.CharFilter(method="filter_text", label="Search", max_length=200)
    person = django_filters.ModelMultipleChoiceFilter(
        field_name="participants__person__slug",
        queryset=Person.objects.all(),
        to_field_name="slug",
        conjoined=True,
        label="People (all of)",
        widget=PeopleSelect,
    )
    year = YearFilter(method="filter_year", label="Year", min_value=1900, max_value=2100)
    date_from = django_filters.DateFilter(
        method="filter_from", label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(method="filter_to", label="To", widget=forms.DateInput(attrs={"type": "date"}))
    kind = django_filters.MultipleChoiceFilter(choices=Meeting.Kind.choices, label="Kind")
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(), to_field_name="code", method="filter_country", label="Country"
    )
    place = django_filters.CharFilter(method="filter_place", label="Place", max_length=100)
    organization = django_filters.ModelChoiceFilter(
        field_name="organizations", queryset=Organization.objects.all(), to_field_name="slug", label="Organization"
    )
    topic = django_filters.CharFilter(method="filter_topic", label="Topic", max_length=100)
    has_agreement = django_filters.ChoiceFilter(
        choices=[("yes", "yes"), ("no", "no")], empty_label="any", method="filter_agreement", label="Agreement signed"
    )
    sort = django_filters.OrderingFilter(fields=(("date", "date"),), label="Sort")

    class Meta:
        model = Meeting
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(int(value))

    def filter_from(self, queryset, name, value):
        return queryset.in_period(start=value)

    def filter_to(self, queryset, name, value):
        return queryset.in_period(end=value)

    def filter_country(self, queryset, name, value):
        return queryset.held_in(value)

    def filter_place(self, queryset, name, value):
        return queryset.at_place(value)

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=Meeting.objects.filter(topics__slug=value).values("pk"))

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
    if not filterset.form.cleaned_data.get("sort"):
        queryset = queryset.order_by("-date", "-id")
    return filterset, queryset, ignored
