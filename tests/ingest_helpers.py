from pathlib import Path

from django.conf import settings

from events.ingest import Importer

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "articles"
OWN = Path(__file__).parent / "articles"


def import_files(*paths):
    importer = Importer()
    return [importer.import_bytes(Path(p).read_bytes(), filename=Path(p).name) for p in paths]


def import_text(text, **kwargs):
    return Importer().import_text(text, **kwargs)


def people_of(meeting):
    return {p.person.slug for p in meeting.participants.select_related("person")}
