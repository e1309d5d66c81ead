import django_filters
from django import forms
from django.db.models import Q

from events.models import Meeting, Organization, Place
from people.models import Country, Person
from people.text import normalize_name


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label="Search", max_length=200)
    person = django_filters.ModelMultipleChoiceFilter(
        field_name="participants__person", queryset=Person.objects.all(), label="Person", distinct=True
    )
    year = django_filters.NumberFilter(field_name="date__year", label="Year", min_value=1900, max_value=2100)
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = django_filters.MultipleChoiceFilter(choices=Meeting.Kind.choices, label="Kind")
    place = django_filters.ModelChoiceFilter(queryset=Place.objects.all(), to_field_name="slug", label="Place")
    country = django_filters.ModelChoiceFilter(
        method="filter_country", queryset=Country.objects.all(), to_field_name="code", label="Country"
    )
    organization = django_filters.ModelChoiceFilter(
        field_name="organizations", queryset=Organization.objects.all(), to_field_name="slug", label="Organization"
    )
    topic = django_filters.CharFilter(field_name="topics__slug", label="Topic", max_length=100)
    sort = django_filters.OrderingFilter(fields=(("date", "date"),), label="Sort")

    class Meta:
        model = Meeting
        fields = []

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words[:10]:
            key = normalize_name(word)
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(participants__person__names__normalized__contains=key)
                | Q(participants__name_as_written__icontains=word)
                | Q(place__names__normalized__contains=key)
            )
        return queryset.distinct()

    def filter_country(self, queryset, name, value):
        return queryset.filter(Q(place__country=value) | Q(country=value))
