from django.contrib import admin
from django.urls import include, path

from events.api import api
from events.review import queue

urlpatterns = [
    path("admin/review/", admin.site.admin_view(queue), name="review-queue"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("people/", include("events.people_urls")),
    path("", include("events.urls")),
]
