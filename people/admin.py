from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from people.models import Country, Person, PersonName, Position


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "adjective"]
    search_fields = ["name", "code", "adjective"]


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "needs_review"]
    list_filter = ["country", "needs_review"]
    search_fields = ["name", "names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [PersonNameInline, PositionInline]
    list_select_related = ["country"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.required = False
            field.help_text = "Its address on the site; made from the name when left empty."
        return field


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "office", "country", "start", "end"]
    list_filter = ["office", "country"]
    search_fields = ["person__name", "title"]
    autocomplete_fields = ["person", "country"]
    list_select_related = ["person", "country"]
