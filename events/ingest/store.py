"""Resolve extracted values to rows and merge them into the database.

The same contact reported by two articles becomes one Meeting with both Sources. When values
disagree, the better-founded one wins (a day-precise date over a coarser one, a stated value over an
inferred one); fields an editor has corrected (``Meeting.locked_fields``) are never overwritten.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from events import search
from events.dates import PRECISION_RANK
from events.ingest.dates import PartialDate
from events.ingest.extract import KIND_RANK, KZ, RU
from events.ingest.findings import DAY_SLACK, Quote, day_fits
from events.models import (
    BASIS_RANK,
    Agreement,
    Basis,
    Evidence,
    Forum,
    Meeting,
    Organization,
    Participant,
    Place,
    Source,
)
from people.models import Country, Person, Position

# The day and month an undated meeting's reports stated, read with the meetings a report may join.
STATED_DAYS = Prefetch("evidence", queryset=Evidence.objects.filter(field="day"), to_attr="stated_days")

KIND_TITLES = {
    Meeting.Kind.TALKS: "Talks",
    Meeting.Kind.PHONE_CALL: "Phone call",
    Meeting.Kind.CONSULTATIONS: "Consultations",
    Meeting.Kind.CEREMONY: "Ceremony",
    Meeting.Kind.MESSAGE: "Message",
    Meeting.Kind.DEMARCHE: "Démarche",
    Meeting.Kind.MULTILATERAL: "Multilateral meeting",
    Meeting.Kind.STATE_VISIT: "State visit",
    Meeting.Kind.OFFICIAL_VISIT: "Official visit",
    Meeting.Kind.WORKING_VISIT: "Working visit",
}
OFFICE_TITLES = {
    Position.Office.FOREIGN_MINISTER: "Minister of Foreign Affairs",
    Position.Office.DEPUTY_FOREIGN_MINISTER: "Deputy Minister of Foreign Affairs",
    Position.Office.AMBASSADOR: "Ambassador",
    Position.Office.CONSUL: "Consul",
}


# A phone call, a message and a démarche are each a contact of their own: never the same contact as talks or a
# visit, nor as each other (a minister's message sent the day of a meeting is not that meeting).
MODES = {Meeting.Kind.PHONE_CALL: "call", Meeting.Kind.MESSAGE: "message", Meeting.Kind.DEMARCHE: "demarche"}


def same_people_but_one(theirs, ours):
    """Whether a meeting on record names everyone a report names, and at most one person more: what an undated
    report and a meeting must share to be one contact."""
    return ours <= theirs and len(theirs - ours) <= 1


def mode_of(kind):
    """How a contact was made: by phone, by message, by a démarche, or at a meeting."""
    return MODES.get(kind, "meeting")


class Writer:
    """Writes one article's extraction; collects what it created for the report."""

    def __init__(self, article, extraction, filename="", url="", countries=None, acronyms=None, names=None):
        self.article = article
        self.extraction = extraction
        self.filename = filename
        self.url = url
        self.evidence = []
        self.created, self.merged, self.new_people, self.new_places = [], [], [], []
        self.forums, self.agreements = [], []
        self._countries = countries if countries is not None else {c.code: c for c in Country.objects.all()}
        self._acronyms = acronyms if acronyms is not None else dict(Organization.objects.values_list("pk", "acronym"))
        self._types = {}
        self._names = names  # person id → name, as the gazetteer read them; None: ask the database

    def write(self):
        article = self.article
        self.source = Source.objects.create(
            outlet=article.outlet,
            title=article.headline,
            published=article.published.value if article.published else None,
            language=article.language,
            dateline=article.dateline,
            url=self.url,
            filename=self.filename,
            text=article.text,
            content_hash=article.content_hash,
        )
        forums = {edition: self.save_forum(finding) for edition, finding in self.extraction.forums.items()}
        meetings = {}
        for event in self.extraction.events:
            meetings[id(event)] = self.save_event(event, forums)
        for event in self.extraction.events:
            if event.parent is not None and id(event.parent) in meetings:
                meeting = meetings[id(event)]
                if meeting.parent_id is None:
                    meeting.parent = meetings[id(event.parent)]
                    meeting.save(update_fields=["parent"])
        agreements = {}
        for key, finding in self.extraction.agreements.items():
            agreements[key] = self.save_agreement(finding, forums, meetings)
        for event in self.extraction.events:
            meeting = meetings[id(event)]
            meeting.agreements_discussed.add(
                *[agreements[key] for key in event.agreements_discussed if agreements[key].meeting_id != meeting.pk]
            )
        Evidence.objects.bulk_create(self.evidence, ignore_conflicts=True)
        search.refresh(m.pk for m in [*self.created, *self.merged])
        return self.source

    # --- evidence ----------------------------------------------------------------------------------------------

    def cite(self, obj, field, quote, value=""):
        if quote is None:
            return
        self.evidence.append(
            Evidence(
                content_type=self._type(type(obj)),
                object_id=obj.pk,
                field=field,
                value=str(value)[:300],
                source=self.source,
                quote=quote.text,
                start=quote.start,
                end=quote.end,
            )
        )

    def _type(self, model):
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model)
        return self._types[model]

    # --- people ------------------------------------------------------------------------------------------------

    def person_for(self, finding):
        if finding.person_id:
            return finding.person_id
        existing = Person.objects.named(finding.name_as_written).first()
        if existing:
            return existing.pk
        slug = unique_slug(Person, finding.name_as_written, "person")
        country = self._countries.get(finding.country)
        person = Person.objects.create(name=finding.name_as_written, slug=slug, country=country, needs_review=True)
        if finding.office and country is not None:
            # The office stated beside the name, from an unknown date: for an editor to complete.
            title = f"{OFFICE_TITLES[finding.office]} of {country.name}"
            Position.objects.create(person=person, office=finding.office, title=title, country=country)
            finding.title = title
        self.new_people.append(person)
        finding.person_id = person.pk
        return person.pk

    def place_for(self, event):
        """The place's id; a place the reference data did not know is created, flagged for review."""
        if event.place is None:
            return None
        if event.place.place_id:
            return event.place.place_id
        existing = Place.objects.named(event.place.name).first()
        if existing:
            return existing.pk
        slug = unique_slug(Place, event.place.name, "place")
        place = Place.objects.create(
            name=event.place.name, slug=slug, country=self._countries[event.place.country], needs_review=True
        )
        self.new_places.append(place)
        return place.pk

    # --- meetings ----------------------------------------------------------------------------------------------

    def save_event(self, event, forums):
        people = {finding.key: (self.person_for(finding), finding) for finding in event.participants.values()}
        person_ids = {pid for pid, _ in people.values()}
        if event.target is None:
            meeting = self.find_same(event, person_ids)
        else:
            meeting = None if event.target == "new" else event.target
        if meeting is None:
            if self._names is not None and person_ids <= self._names.keys():
                known = {pid: self._names[pid] for pid in person_ids}
            else:
                known = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "name"))
            found = [(known.get(pid, f.name_as_written), f.country) for pid, f in people.values()]
            meeting = Meeting(
                title=self.title_for(event.kind, found, event.host, event.name)[:300],
                date=event.date.value if event.date else None,
                date_precision=event.date.precision if event.date else "day",
                date_basis=event.date_basis if event.date or "date" in event.locked else Basis.INFERRED,
                end_date=event.date.end if event.date else None,
                kind=event.kind,
                stage=event.stage,
                place_id=self.place_for(event),
                place_as_written=event.place_as_written,
                place_basis=event.place_basis,
                country=self._countries.get(event.host),
                regions=list(event.regions),
                status=event.status or Meeting.Status.UNREVIEWED,
                locked_fields=sorted(event.locked),
                origin=Meeting.Origin.EDITOR if event.locked else Meeting.Origin.EXTRACTED,
            )
            meeting.save()
            self.created.append(meeting)
            just_created = True
        else:
            just_created = False
            if meeting not in self.created:  # not a contact this article already told
                self.merged.append(meeting)
            self.merge_into(meeting, event)

        if just_created:
            existing = {}
        else:
            existing = {p.person_id: p for p in meeting.participants.filter(person__isnull=False)}
            if "participants" in meeting.kept_fields:
                # A compiled record's people stay as compiled: the article cites those it names.
                people = {key: value for key, value in people.items() if value[0] in existing}
        new = [
            Participant(
                meeting=meeting,
                person_id=person_id,
                name_as_written=finding.name_as_written,
                title=finding.title[:300],
                role=self.role_of(finding, event),
            )
            for person_id, finding in people.values()
            if person_id not in existing
        ]
        for participant in Participant.objects.bulk_create(new):  # one query; the rows come back with their ids
            existing[participant.person_id] = participant
        for person_id, finding in people.values():
            participant = existing[person_id]
            self.cite(participant, "person", finding.quote, finding.name_as_written)
            if finding.title and finding.title_stated:
                self.cite(participant, "title", finding.quote, finding.title)

        if "title" not in meeting.kept_fields and not just_created:
            rows = meeting.participants.order_by("id").values_list(
                "person__name", "name_as_written", "person__country__code"
            )
            present = [(name or written, code) for name, written, code in rows]
            host = meeting.country.code if meeting.country_id else ""
            title = self.title_for(meeting.kind, present, host, event.name, meeting.title)[:300]
            if title != meeting.title:
                meeting.title = title
                meeting.save(update_fields=["title", "slug"])
        meeting.sources.add(self.source)
        if event.organizations:
            meeting.organizations.add(*event.organizations)
        if event.topics:
            self.tag(meeting, event.topics)
        discussed = [forums[edition] for edition in event.forums if edition in forums]
        if discussed:
            meeting.forums_discussed.add(*discussed)

        self.cite(meeting, "date", event.date_quote, event.date)
        if event.date is None:
            day, quote = self.stated_day(event)
            if day is not None:
                self.cite(meeting, "day", quote, "{:02d}-{:02d}".format(*day))
        self.cite(meeting, "kind", event.kinds.get(event.kind), Meeting.Kind(event.kind).label)
        self.cite(meeting, "place", event.place_quote, event.place_as_written)
        for org_id, quote in event.organizations.items():
            self.cite(meeting, "organization", quote, self._acronyms.get(org_id, org_id))
        for tag, quote in event.topics.items():
            self.cite(meeting, "topic", quote, tag)
        for region, quote in event.regions.items():
            self.cite(meeting, "region", quote, region)
        for edition, quote in event.forums.items():
            self.cite(meeting, "forum", quote, edition)
        return meeting

    def find_same(self, event, person_ids):
        """An existing meeting that reports the same contact: same people, close dates, compatible kind. A report
        without a date, or a meeting on record without one, is the same contact only when it is the one such
        meeting of those people that fits the other clues, and the two name the same people but for one at most
        (a meeting of six ministers, undated, is not the talks of two of them)."""
        if event.date is None:
            return self.find_undated(event, person_ids)
        window = datetime.timedelta(days=DAY_SLACK)
        first, last = event.date.first - window, event.date.last + window
        # A year- or month-precise meeting is stored on the first day of its period, hence the long look back.
        dated = Q(date__lte=last, date__gte=first - datetime.timedelta(days=366)) & (
            # Whose period can reach ``first``: the same test as dates_compatible, coarser, so the database
            # leaves out most of the year it looks back over.
            Q(date__gte=first)
            | Q(end_date__gte=first)
            | Q(date_precision="month", date__gte=first - datetime.timedelta(days=31))
            | Q(date_precision="year")
        )
        if len(person_ids) >= 2 or event.kind == Meeting.Kind.DEMARCHE:
            dated |= Q(date__isnull=True)  # an undated meeting of the same people (or summons), in the same query
        candidates = Meeting.objects.filter(dated)
        if person_ids:
            candidates = candidates.filter(participants__person__in=person_ids).distinct()
        candidates = candidates.prefetch_related("participants", "organizations", STATED_DAYS)
        undated = []
        for meeting in candidates:
            theirs = {p.person_id for p in meeting.participants.all() if p.person_id}
            if meeting.date is None:
                if same_people_but_one(theirs, person_ids) and self.clues_fit(meeting, event):
                    undated.append(meeting)
                continue
            if not self.dates_compatible(meeting, event):
                continue
            shared = theirs & person_ids
            # Two ministers who met on the sidelines of a meeting of many: one report tells the meeting, another
            # only the talks, on the same day; the talks they held the day before it are a contact of their own.
            if (meeting.kind == Meeting.Kind.MULTILATERAL) != event.multilateral and (
                len(shared) < 2 or not self.dates_overlap(meeting, event)
            ):
                continue
            if mode_of(meeting.kind) != mode_of(event.kind):
                continue
            if event.multilateral and meeting.kind == Meeting.Kind.MULTILATERAL:
                orgs = {o.pk for o in meeting.organizations.all()}
                if (orgs & set(event.organizations) or not orgs) and (shared or not theirs or not person_ids):
                    return meeting
            elif len(shared) >= min(2, len(theirs), len(person_ids)) and shared:
                return meeting
        # The one undated meeting on record that fits a dated report; none when several do.
        return undated[0] if len(undated) == 1 else None

    def find_told(self, event):
        """The meeting of many on record that a report naming one side only tells: the one multilateral meeting of
        the people it names on a day that fits its date (or the day and month it states with no year), where the
        organizations and places both know agree. None when none or several fit."""
        person_ids = {p.person_id for p in event.participants.values() if p.person_id}
        if not person_ids or (event.date is None and self.stated_day(event)[0] is None):
            return None
        candidates = Meeting.objects.filter(kind=Meeting.Kind.MULTILATERAL, date__isnull=False)
        for person_id in person_ids:
            candidates = candidates.filter(participants__person_id=person_id)
        if event.date is not None:
            window = datetime.timedelta(days=DAY_SLACK)
            candidates = candidates.filter(
                date__lte=event.date.last + window, date__gte=event.date.first - datetime.timedelta(days=366)
            )
        fitting = []
        for meeting in candidates.prefetch_related("organizations")[:50]:
            if event.date is None and not self.day_and_month_fit(meeting, event):
                continue
            if event.date is not None and not self.dates_compatible(meeting, event):
                continue
            orgs = {o.pk for o in meeting.organizations.all()}
            if orgs and event.organizations and not orgs & set(event.organizations):
                continue
            if meeting.place_id and event.place is not None and event.place.place_id:
                if meeting.place_id != event.place.place_id:
                    continue
            fitting.append(meeting)
        return fitting[0] if len(fitting) == 1 else None

    def find_undated(self, event, person_ids):
        """The one meeting of the same people (two of them at least) that fits an undated report; None when there
        are none or several. A summons names one side only: an undated report of one joins the one summons on
        record of the same envoy."""
        summons = event.kind == Meeting.Kind.DEMARCHE and len(person_ids) == 1
        if len(person_ids) < 2 and not summons:
            return None
        candidates = Meeting.objects.filter(kind=Meeting.Kind.DEMARCHE) if summons else Meeting.objects.all()
        for person_id in person_ids:
            candidates = candidates.filter(participants__person_id=person_id)
        fitting = [
            meeting
            for meeting in candidates.prefetch_related("participants", "organizations", STATED_DAYS)[:20]
            if same_people_but_one({p.person_id for p in meeting.participants.all()}, person_ids)
            and self.clues_fit(meeting, event)
        ]
        return fitting[0] if len(fitting) == 1 else None

    def clues_fit(self, meeting, event):
        if (meeting.kind == Meeting.Kind.MULTILATERAL) != event.multilateral:
            return False
        if mode_of(meeting.kind) != mode_of(event.kind):
            return False
        if not self.day_and_month_fit(meeting, event) or not self.stated_days_fit(meeting, event):
            return False
        orgs = {o.pk for o in meeting.organizations.all()}
        if event.multilateral and (orgs or event.organizations) and not orgs & set(event.organizations):
            return False  # two meetings of many of different organizations, or one named by its organization only
        host = self._countries.get(event.host)
        if meeting.country_id and host is not None and meeting.country_id != host.pk:
            return False  # a contact in Russia is not one in Kazakhstan
        if meeting.place_id and event.place is not None and event.place.place_id:
            return meeting.place_id == event.place.place_id
        # With no place to compare, something else must agree: the dateline's day, the kind, or an organization.
        dated_line = self.article.dateline_month_day is not None and meeting.date is not None
        return dated_line or meeting.kind == event.kind or bool(orgs & set(event.organizations))

    def day_and_month_fit(self, meeting, event):
        """An undated report whose dateline or sentence gives a day and month ('MOSCOW, October 5', 'on May 20')
        fits only a meeting within a few days of that day, in whichever year."""
        if event.date is not None or meeting.date is None:
            return True
        held = PartialDate(meeting.date, meeting.date_precision, end=meeting.end_date)
        return day_fits(self.stated_day(event)[0], held)

    def stated_day(self, event):
        """The day and month an undated contact's sentence or dateline states ('on April 11', 'MOSCOW, April 11'),
        with its quote (None when nothing quotable says it); (None, None) when neither does."""
        if event.month_day is not None:
            return event.month_day, event.day_quote
        if self.article.dateline_span is None:
            return self.article.dateline_month_day, None  # "today, April 8" in a text with no dateline
        start, end = self.article.dateline_span
        return self.article.dateline_month_day, Quote(start, end, self.article.text[start:end])

    def stated_days_fit(self, meeting, event):
        """An undated meeting whose reports stated its day and month ('on April 11') fits only a report of that
        day, in whichever year: it is not the same two ministers' talks on 7 November."""
        days = [tuple(int(part) for part in cited.value.split("-")) for cited in meeting.stated_days]
        if not days:
            return True
        if event.date is not None:
            return any(day_fits(day, event.date) for day in days)
        own = self.stated_day(event)[0]
        return own is None or own in days

    def tag(self, meeting, names):
        """Topics by name, created when new; two queries, where taggit's add() takes a few per topic. Names match
        whatever their case, as taggit's do here (TAGGIT_CASE_INSENSITIVE)."""
        wanted = {name.lower(): name for name in names}
        tags = {tag.key: tag for tag in Tag.objects.annotate(key=Lower("name")).filter(key__in=list(wanted))}
        for key, name in wanted.items():
            if key not in tags:
                tags[key] = Tag.objects.create(name=name)
        meeting_type = self._type(Meeting)
        TaggedItem.objects.bulk_create(
            [TaggedItem(content_type=meeting_type, object_id=meeting.pk, tag=tag) for tag in tags.values()],
            ignore_conflicts=True,
        )

    @staticmethod
    def dates_overlap(meeting, event):
        return meeting.date <= event.date.last and event.date.first <= _meeting_last_day(meeting)

    def dates_compatible(self, meeting, event):
        if meeting.date is None or event.date is None:
            return True
        window = datetime.timedelta(days=DAY_SLACK)
        if not (event.date.first - window <= _meeting_last_day(meeting) and meeting.date - window <= event.date.last):
            return False
        both_stated = meeting.date_basis in ("stated", "editor") and event.date_basis == "stated"
        both_days = meeting.date_precision == "day" and event.date.precision == "day"
        # Two texts that both state a day and disagree report two contacts.
        return not (both_stated and both_days and not self.dates_overlap(meeting, event))

    def merge_into(self, meeting, event):
        """Improve ``meeting`` with what ``event`` adds. A field an editor locked stays; a field the editor set in the
        preview (``event.locked``) is taken as set, and locked in turn."""
        changed = self.merged_fields(meeting, event)
        if changed:
            meeting.save(update_fields=[*changed, "updated"])

    def merge_plan(self, meeting, event):
        """What merging ``event`` into ``meeting`` would change, as (field, now, then) for the preview to show;
        nothing is written."""
        copy = Meeting.objects.select_related("place", "country").get(pk=meeting.pk)
        before = _shown(copy)
        self.merged_fields(copy, event, dry_run=True)
        if copy.place_id is None and event.place is not None and copy.place_as_written == event.place_as_written:
            copy.place_as_written += " (a new place)"
        after = _shown(copy)
        return [(name, before[name], after[name]) for name in before if before[name] != after[name]]

    def merged_fields(self, meeting, event, dry_run=False):
        """Set on ``meeting`` what ``event`` improves; the names of the fields changed. ``dry_run``: create no
        place."""
        forced = event.locked
        locked = meeting.kept_fields - forced
        changed = []
        if "date" in forced:
            better_date = True
            if event.date is None:
                meeting.date, meeting.end_date, meeting.date_basis = None, None, Basis.EDITOR
                changed += ["date", "end_date", "date_basis"]
                better_date = False
        elif event.date is None:
            better_date = False
        elif meeting.date is None:
            better_date = True
        elif meeting.stage == Meeting.Stage.PLANNED and event.stage == Meeting.Stage.HELD:
            # The report of what took place dates it, not the announcement: "a visit on October 8-9", then "met today".
            better_date = PRECISION_RANK[event.date.precision] >= PRECISION_RANK[meeting.date_precision]
        else:
            new_rank = (PRECISION_RANK[event.date.precision], BASIS_RANK[event.date_basis])
            old_rank = (PRECISION_RANK[meeting.date_precision], BASIS_RANK.get(meeting.date_basis, 0))
            better_date = new_rank > old_rank
        if "date" not in locked and better_date:
            meeting.date, meeting.date_precision, meeting.date_basis = (
                event.date.value,
                event.date.precision,
                event.date_basis,
            )
            meeting.end_date = event.date.end
            changed += ["date", "date_precision", "date_basis", "end_date"]
        if (
            "place" not in locked
            and (event.place or "place" in forced)
            and (
                "place" in forced
                or meeting.place_id is None
                or BASIS_RANK.get(event.place_basis, 0) > BASIS_RANK.get(meeting.place_basis, 0)
            )
        ):
            if dry_run:
                meeting.place = None
                meeting.place_id = event.place.place_id if event.place is not None else None
            else:
                meeting.place_id = self.place_for(event)
            meeting.place_as_written = event.place_as_written
            meeting.place_basis = event.place_basis
            changed += ["place", "place_as_written", "place_basis"]
        if "country" in forced or ("country" not in locked and meeting.country_id is None and event.host):
            meeting.country = self._countries.get(event.host)
            changed.append("country")
        if "kind" not in locked and ("kind" in forced or KIND_RANK[event.kind] > KIND_RANK[meeting.kind]):
            meeting.kind = event.kind
            changed.append("kind")
        if "stage" in forced and meeting.stage != event.stage:
            meeting.stage = event.stage
            changed.append("stage")
        elif "stage" not in locked and meeting.stage == Meeting.Stage.PLANNED and event.stage == Meeting.Stage.HELD:
            meeting.stage = Meeting.Stage.HELD  # the announced contact took place
            changed.append("stage")
        regions = list(dict.fromkeys([*meeting.regions, *event.regions]))
        if regions != meeting.regions:
            meeting.regions = regions
            changed.append("regions")
        if event.status and event.status != meeting.status:
            meeting.status = event.status
            changed.append("status")
        if forced - set(meeting.locked_fields):
            meeting.locked_fields = sorted({*meeting.locked_fields, *forced})
            changed.append("locked_fields")
        if forced and meeting.origin == Meeting.Origin.EXTRACTED:
            meeting.origin = Meeting.Origin.EDITOR  # corrected by hand: no longer as extracted
            changed.append("origin")
        return changed

    def role_of(self, finding, event):
        if event.kind in (Meeting.Kind.OFFICIAL_VISIT, Meeting.Kind.WORKING_VISIT) and event.host:
            return Participant.Role.HOST if finding.country == event.host else Participant.Role.GUEST
        if event.multilateral and event.host and finding.country == event.host:
            return Participant.Role.HOST
        return Participant.Role.PARTICIPANT

    def title_for(self, kind, people, host, event_name="", current=""):
        """A title from the kind and the people, as (name, country code) in the order they appear."""
        if kind == Meeting.Kind.MULTILATERAL and (event_name or current not in ("", "…")):
            return event_name or current
        label = KIND_TITLES[kind]
        names = [name for name, _ in people]
        if kind in (Meeting.Kind.OFFICIAL_VISIT, Meeting.Kind.WORKING_VISIT) and host in self._countries:
            guests = [name for name, code in people if code and code != host]
            if guests:
                return f"{label} of {guests[0]} to {self._countries[host].name}"
        if kind == Meeting.Kind.MULTILATERAL:
            return label + (f" with {', '.join(names)}" if names else "")
        pair = [next((n for n, c in people if c == code), None) for code in (KZ, RU)]
        if all(pair):
            first = next(n for n, c in people if c in (KZ, RU))
            return f"{label} between {first} and {pair[1] if first == pair[0] else pair[0]}"
        if len(names) >= 2:
            return f"{label} between {names[0]} and {names[1]}"
        return f"{label}: {', '.join(names)}" if names else label

    # --- forums and agreements ---------------------------------------------------------------------------------

    def save_forum(self, finding):
        forum, created = Forum.objects.get_or_create(series=finding.series, edition=finding.edition)
        changed = []
        if finding.date and (
            forum.date is None or PRECISION_RANK[finding.date.precision] > PRECISION_RANK[forum.date_precision]
        ):
            forum.date, forum.date_precision = finding.date.value, finding.date.precision
            changed += ["date", "date_precision"]
        if finding.place and forum.place_id is None:
            forum.place_id = finding.place.place_id
            changed.append("place")
        side_events = list(dict.fromkeys([*forum.side_events, *finding.side_events]))
        if side_events != forum.side_events:
            forum.side_events = side_events
            changed.append("side_events")
        if changed:
            forum.save(update_fields=changed)
        forum.sources.add(self.source)
        self.forums.append(forum)
        for field, quote in finding.quotes.items():
            value = {"edition": finding.edition, "place": finding.place_as_written, "date": finding.date}.get(field, "")
            self.cite(forum, field, quote, value if field != "side_events" else "; ".join(finding.side_events))
        return forum

    def save_agreement(self, finding, forums, meetings):
        agreement = None
        if finding.period:
            agreement = Agreement.objects.filter(
                kind=finding.kind, period_start=finding.period[0], period_end=finding.period[1]
            ).first()
        if agreement is None:
            agreement = Agreement.objects.filter(slug=slugify(finding.title)[:200]).first()
        if agreement is None:
            slug = unique_slug(Agreement, finding.title, "agreement")
            agreement = Agreement.objects.create(
                title=finding.title[:400],
                slug=slug,
                kind=finding.kind,
                period_start=finding.period[0] if finding.period else None,
                period_end=finding.period[1] if finding.period else None,
            )
        changed = []
        if finding.signed and finding.date and agreement.signed_on is None:
            agreement.signed_on, agreement.signed_precision = finding.date.value, finding.date.precision
            changed += ["signed_on", "signed_precision"]
        if finding.forum_edition in forums and agreement.forum_id is None:
            agreement.forum = forums[finding.forum_edition]
            changed.append("forum")
        if finding.event is not None and agreement.meeting_id is None and id(finding.event) in meetings:
            agreement.meeting = meetings[id(finding.event)]
            changed.append("meeting")
        if changed:
            agreement.save(update_fields=changed)
        parties = [self._countries[code] for code in finding.parties if code in self._countries]
        if parties:
            agreement.parties.add(*parties)
        agreement.sources.add(self.source)
        self.agreements.append(agreement)
        self.cite(agreement, "title", finding.quote, finding.title)
        if finding.signed and finding.date:
            self.cite(agreement, "signed_on", finding.quote, finding.date)
        return agreement


def unique_slug(model, text, fallback):
    """A slug for ``text`` that no row of ``model`` has yet: 'akan-rakhmetullin', then '…-2', '…-3'."""
    slug = base = slugify(text)[:190] or fallback
    counter = 2
    while model.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _shown(meeting):
    """A meeting's values as the import preview names them."""
    if meeting.place_id is None and meeting.place_as_written.endswith(" (a new place)"):
        place = meeting.place_as_written
    else:
        place = meeting.place_display if meeting.place_id else "not stated"
    return {
        "date": meeting.date_display,
        "kind": meeting.kind_label,
        "stage": Meeting.Stage(meeting.stage).label,
        "place": place,
        "country": meeting.country.name if meeting.country_id else "not stated",
        "status": Meeting.Status(meeting.status).label,
    }


def _meeting_last_day(meeting):
    """The last day a dated meeting may have been on: its end, or the last day of its month or year."""
    return meeting.end_date or _last_day(meeting.date, meeting.date_precision)


def _last_day(value, precision):
    return PartialDate(value, precision).last
