from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from people.models import Person


def person_list(request):
    people = (
        Person.objects.select_related("country")
        .annotate(meeting_count=Count("participations", filter=~Q(participations__meeting__status="draft")))
        .order_by("country__name", "name")
    )
    return render(request, "people/person_list.html", {"people": people})


def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.select_related("country").prefetch_related("positions__country", "names"), slug=slug
    )
    participations = (
        person.participations.exclude(meeting__status="draft")
        .select_related("meeting__place")
        .order_by("-meeting__date")
    )
    return render(request, "people/person_detail.html", {"person": person, "participations": participations})
