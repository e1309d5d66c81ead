from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>-<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("places/<slug:slug>/", views.place_detail, name="place-detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("forums/", views.forum_list, name="forum-list"),
    path("timeline/", views.timeline, name="timeline"),
]
