from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    def ready(self):
        # The signals that tell the lists' counts the data changed.
        from events import facets  # noqa: F401
