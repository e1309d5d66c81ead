"""The people pages live with the events app: they show meetings, and people never import events."""

from django.urls import path

from events.site import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="person-list"),
    path("suggest", views.person_suggestions, name="person-suggestions"),
    path("<slug:slug>/", views.person_detail, name="person-detail"),
]
