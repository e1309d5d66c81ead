"""An editor's corrections to what the importer found, applied before anything is saved.

What the editor changed is no longer backed by a quote: it is saved as set by an editor (``Basis.EDITOR``) and locked
against later imports; what the editor left as found keeps its evidence.
"""

import hashlib
from dataclasses import dataclass, field

from events.ingest.findings import PersonFinding
from events.ingest.gazetteer import PlaceRef
from events.ingest.reader import ArticleError
from events.models import Basis, Meeting


@dataclass
class EventEdit:
    """The editor's decisions on one meeting found; ``None`` or an empty set: left as found."""

    keep: bool = True
    date: object = None  # a PartialDate, or UNKNOWN
    kind: str = ""
    stage: str = ""
    status: str = ""
    place: object = None  # a Place, a NewPlace, or UNKNOWN (no city, no country)
    removed: set = field(default_factory=set)  # participant keys
    added: list = field(default_factory=list)  # Person rows
    target: object = None  # None: whatever matches when saved; NEW; or a Meeting to merge into


UNKNOWN = "unknown"
NEW = "new"


@dataclass(frozen=True)
class NewPlace:
    """A place the editor types: a city not in the list (created when saved) with its country, or, without a name,
    the country alone ('' for none)."""

    name: str
    country: str


def signature(extraction):
    """What identifies a reading of an article: the meetings found, by kind, date, place and participants. An
    edit made on one reading must not be applied to another (the reference data changed in between)."""
    parts = []
    for event in extraction.events:
        place = event.place.place_id if event.place is not None else ""
        people = ",".join(sorted(str(key) for key in event.participants))
        parts.append(f"{event.kind}|{event.date}|{place}|{people}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class StaleEdit(ArticleError):
    pass


def apply_edits(extraction, edits, gazetteer, expected=""):
    """Apply ``edits`` (one per event, in order) to ``extraction`` in place; ``expected``: the signature of the
    reading the editor saw."""
    if expected and signature(extraction) != expected or len(edits) != len(extraction.events):
        raise StaleEdit("what the importer reads in the article changed since the preview: preview it again")
    kept = []
    for event, edit in zip(extraction.events, edits, strict=True):
        if edit.keep:
            apply_edit(event, edit, gazetteer)
            kept.append(event)
    dropped = {id(event) for event in extraction.events} - {id(event) for event in kept}
    for event in kept:
        if id(event.parent) in dropped:
            event.parent = None
    for agreement in extraction.agreements.values():
        if id(agreement.event) in dropped:
            agreement.event = None
    extraction.events = kept


def apply_edit(event, edit, gazetteer):
    """Apply one editor's ``edit`` to ``event`` in place."""
    locked = set()
    if edit.date is not None:
        event.date = None if edit.date == UNKNOWN else edit.date
        event.date_basis, event.date_quote = Basis.EDITOR, None
        locked.add("date")
    if edit.kind and edit.kind != event.kind:
        event.multilateral = edit.kind == Meeting.Kind.MULTILATERAL
        event.kinds = {edit.kind: None}
        locked.add("kind")
    if edit.stage and edit.stage != event.stage:
        event.planned = edit.stage == Meeting.Stage.PLANNED
        locked.add("stage")
    if edit.place is not None:
        # What the form shows is the whole of it: no city and no country means no host either.
        if edit.place == UNKNOWN:
            event.place, event.place_as_written, event.host = None, "", ""
        elif isinstance(edit.place, NewPlace):
            new = edit.place
            event.place = PlaceRef(None, new.name, new.country, "new", None, None) if new.name else None
            event.place_as_written, event.host = new.name, new.country
        else:
            place = edit.place
            code = place.country.code if place.country_id else ""
            event.place = PlaceRef(place.pk, place.name, code, "city", None, None)
            event.place_as_written = place.name
            event.host = code
        event.place_basis, event.place_quote = Basis.EDITOR, None
        locked |= {"place", "country"}
    for key in edit.removed:
        event.participants.pop(key, None)
    day = event.date.value if event.date is not None else None
    for person in edit.added:
        term = gazetteer.position_on(person.pk, day) if day is not None else None
        event.participants.setdefault(
            person.pk,
            PersonFinding(
                person.pk,
                person.name,
                person.country.code if person.country_id else "",
                term.title if term else "",
                None,
                title_stated=False,
            ),
        )
    event.locked = locked
    event.status = edit.status
    event.target = edit.target
