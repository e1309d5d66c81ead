from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("people/", include("people.urls")),
    path("", include("events.urls")),
]
