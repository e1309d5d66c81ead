from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    def ready(self):
        # The signals that tell the lists' counts the data changed, and the page bodies kept rendered with them (the
        # timeline registers its own), so that every process, a command's too, renders them again after a change.
        from events import facets
        from events.site import overview  # noqa: F401

        post_migrate.connect(_count_afresh, sender=self, dispatch_uid="events-counts-afresh")
        self.facets = facets


def _count_afresh(sender, using="default", **kwargs):
    """After `migrate` (as every deployment runs it), forget the kept counts, which a new version of the code may
    keep in another shape, and count the default list again. Not after the tables were taken away (migrating
    back to zero)."""
    from django.db import connections

    from events import facets
    from events.models import Meeting

    tables = set(connections[using].introspection.table_names())
    if {Meeting._meta.db_table, facets.TABLE} <= tables:
        facets.store.clear()
        facets.warm()
