from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from events.editorial.review import compare, queue
from events.exports.api import api

urlpatterns = [
    path("admin/review/", admin.site.admin_view(queue), name="review-queue"),
    path("admin/review/compare/", admin.site.admin_view(compare), name="review-compare"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("people/", include("events.people_urls")),
    path("", include("events.urls")),
]
