from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("people/", include("events.people_urls")),
    path("", include("events.urls")),
]
