from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

# Editors add and correct content and import articles. They cannot delete sources, manage users or change
# permissions; they may delete meetings (merging removes the duplicates) and the rows inlines remove.
CONTENT = {
    "events": ["meeting", "participant", "place", "placename", "organization", "agreement", "forum", "evidence",
               "source", "meetingredirect"],
    "people": ["person", "personname", "position", "country"],
    "taggit": ["tag", "taggeditem"],
}  # fmt: skip
DELETABLE = {"meeting", "participant", "placename", "evidence", "personname", "position", "taggeditem"}


class Command(BaseCommand):
    help = "Create or update the 'Editors' group with the permissions editors need, and no more."

    def handle(self, *args, **options):
        group, created = Group.objects.get_or_create(name="Editors")
        wanted = []
        for models in CONTENT.values():
            for model in models:
                actions = ["view", "add", "change"] + (["delete"] if model in DELETABLE else [])
                wanted += [f"{action}_{model}" for action in actions]
        permissions = Permission.objects.filter(content_type__app_label__in=CONTENT, codename__in=wanted)
        group.permissions.set(permissions)
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} the Editors group with {permissions.count()} permissions."))
