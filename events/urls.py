from django.urls import path

from events.site import overview, views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>-<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-by-id"),
    path("places/", views.place_list, name="place-list"),
    path("places/<slug:slug>/", views.place_detail, name="place-detail"),
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="agreement-detail"),
    path("forums/", views.forum_list, name="forum-list"),
    path("forums/<int:pk>/", views.forum_detail, name="forum-detail"),
    path("timeline/", overview.timeline, name="timeline"),
    path("map/", overview.map_view, name="map"),
    path("about/", overview.about, name="about"),
    path("network/", overview.network_view, name="network"),
    path("data/", views.data_dictionary, name="data-dictionary"),
    path("meetings.csv", views.export_meetings, {"kind": "meetings", "extension": "csv"}, name="meetings-csv"),
    path("meetings.json", views.export_meetings, {"kind": "meetings", "extension": "json"}, name="meetings-json"),
    path("meetings.ndjson", views.export_meetings, {"kind": "meetings", "extension": "ndjson"}, name="meetings-ndjson"),
    path("meetings.ics", views.export_meetings, {"kind": "meetings", "extension": "ics"}, name="meetings-ics"),
    path(
        "participations.csv",
        views.export_meetings,
        {"kind": "participations", "extension": "csv"},
        name="participations-csv",
    ),
    path("people.csv", views.export_list, {"kind": "people", "extension": "csv"}, name="people-csv"),
    path("people.json", views.export_list, {"kind": "people", "extension": "json"}, name="people-json"),
    path("agreements.csv", views.export_list, {"kind": "agreements", "extension": "csv"}, name="agreements-csv"),
    path("agreements.json", views.export_list, {"kind": "agreements", "extension": "json"}, name="agreements-json"),
    path("forums.csv", views.export_list, {"kind": "forums", "extension": "csv"}, name="forums-csv"),
    path("forums.json", views.export_list, {"kind": "forums", "extension": "json"}, name="forums-json"),
]
