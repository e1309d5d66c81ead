"""Extract contacts, agreements and forums from a read article, each value with the sentence it came from.

The rules are general: sentences carry cues (a contact verb, a date, people, places); a contact
sentence with a new date starts a new contact, other sentences add to the current one. Nothing here
touches the database: names are matched against a ``Gazetteer`` loaded beforehand.
"""

import bisect
import datetime
import difflib
import re
from dataclasses import dataclass, field

from events.ingest.dates import DAY, MONTH, YEAR, PartialDate, find_dates
from events.ingest.gazetteer import PlaceRef, tokenize
from events.ingest.lang import en
from events.ingest.reader import MAX_SENTENCE
from events.models import Agreement, Basis, Meeting
from people.models import Position

KZ, RU = "KZ", "RU"
BEFORE_WINDOW = 160  # characters of context read before a name or a place
# The most contacts one article is read for: a chronology of a whole year has a few dozen; a text that seems to
# report hundreds is a list or a table, and reading on would only cost time.
MAX_CONTACTS = 60
DIPLOMATIC_OFFICES = {
    Position.Office.FOREIGN_MINISTER,
    Position.Office.DEPUTY_FOREIGN_MINISTER,
    Position.Office.AMBASSADOR,
}
FORUM_SERIES = "Forum of Interregional Cooperation of Kazakhstan and Russia"

Kind = Meeting.Kind
# Which kind describes a contact best when a text gives several cues.
KIND_RANK = {
    Kind.STATE_VISIT: 6,
    Kind.OFFICIAL_VISIT: 6,
    Kind.WORKING_VISIT: 6,
    Kind.MULTILATERAL: 5,
    Kind.CONSULTATIONS: 5,
    Kind.PHONE_CALL: 4,
    Kind.TALKS: 2,
    Kind.CEREMONY: 1,
}


@dataclass(frozen=True)
class Span:
    """A bare span of the text, for lookups that take a sentence."""

    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str


def quote_of(sentence):
    return Quote(sentence.start, sentence.end, sentence.text)


@dataclass
class PersonFinding:
    person_id: int | None
    name_as_written: str
    country: str
    title: str
    quote: Quote
    inferred: bool = False
    title_stated: bool = True
    office: str = ""  # for a person the reference data does not know: the office the title names
    at: int = -1  # where the text names the person (for an inferred counterpart, the words standing for them)
    stated_office: str = ""  # for a known person: the office the title written before the name names

    @property
    def key(self):
        return self.person_id or f"new:{self.name_as_written.casefold()}"


VISITS = {Kind.STATE_VISIT, Kind.OFFICIAL_VISIT, Kind.WORKING_VISIT}


def office_of(title, lang):
    """The office a title names: 'Deputy Foreign Minister' → deputy foreign minister; '' when it names none."""
    for pattern, office in lang.OFFICES:
        if pattern.search(title):
            return office
    return ""


def overlaps(a, b):
    """Whether two partial dates can be the same time; an unknown date (None) fits any."""
    return a is None or b is None or a.overlaps(b)


@dataclass
class EventFinding:
    date: PartialDate | None  # None: nothing in the text fixes it
    date_basis: str
    date_quote: Quote | None
    multilateral: bool = False
    kinds: dict = field(default_factory=dict)
    participants: dict = field(default_factory=dict)
    place: object = None
    place_as_written: str = ""
    place_basis: str = ""
    place_quote: Quote | None = None
    host: str = ""
    organizations: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)
    forums: dict = field(default_factory=dict)
    agreements_discussed: dict = field(default_factory=dict)
    parent: "EventFinding | None" = None
    sentences: list = field(default_factory=list)
    name: str = ""
    drop_reason: str = ""
    planned: bool = True  # until a sentence reports the contact as held
    invited_by: dict = field(default_factory=dict)

    @property
    def kind(self):
        if self.multilateral:
            return Kind.MULTILATERAL
        kinds = [k for k in self.kinds if k != Kind.MULTILATERAL] or [Kind.TALKS]
        return max(kinds, key=lambda k: KIND_RANK[k])

    @property
    def stage(self):
        return Meeting.Stage.PLANNED if self.planned else Meeting.Stage.HELD

    @property
    def countries(self):
        return {p.country for p in self.participants.values()}

    def refine_date(self, date, basis, quote):
        # A day-precise date beats a coarser one; at the same precision a stated date beats an inferred one.
        if self.date is None:
            self.date, self.date_basis, self.date_quote = date, basis, quote
            return
        if (_precision_rank(date.precision), _basis_rank(basis)) > (
            _precision_rank(self.date.precision),
            _basis_rank(self.date_basis),
        ) and date.overlaps(self.date):
            self.date, self.date_basis, self.date_quote = date, basis, quote


@dataclass
class ForumFinding:
    edition: int
    series: str = FORUM_SERIES
    place: object = None
    place_as_written: str = ""
    date: PartialDate | None = None
    date_basis: str = ""
    side_events: list = field(default_factory=list)
    quotes: dict = field(default_factory=dict)


@dataclass
class AgreementFinding:
    key: str
    title: str
    kind: str
    period: tuple | None
    signed: bool
    quote: Quote
    date: PartialDate | None = None
    date_basis: str = ""
    forum_edition: int | None = None
    event: EventFinding | None = None
    parties: set = field(default_factory=set)


@dataclass
class Extraction:
    events: list
    dropped: list
    forums: dict
    agreements: dict
    capped: bool = False  # more contact sentences than MAX_CONTACTS contacts: the rest were not read


def _basis_rank(basis):
    from events.models import BASIS_RANK

    return BASIS_RANK.get(basis, -1)


def _precision_rank(precision):
    return {YEAR: 0, MONTH: 1, DAY: 2}[precision]


class Extractor:
    def __init__(self, article, gazetteer):
        self.article = article
        self.gaz = gazetteer
        self.lang = article.lang
        self.text = article.text[: article.read_until]  # what the reader split into sentences
        tokens = tokenize(self.text)  # once for the four lookups
        self.people = self._with_initials(self.gaz.people.find(self.text, tokens))
        self.places = self.gaz.places.find(self.text, tokens)
        self.orgs = self.gaz.organizations.find(self.text, tokens)
        self.countries = self.gaz.countries.find(self.text, tokens)
        self.full_names = {m.payload.person_id for m in self.people if not m.payload.surname_only}
        self.article_countries = {m.payload for m in self.countries} | {m.payload.country for m in self.people}
        self._people_cache = {}
        self.contacts_capped = False
        self._starts = {}
        self.last_named = {}  # country → the last participant named from it, for "he" and "she"
        self.reference = article.reference_date or self.infer_reference()
        self.series_named = bool(self.lang.FORUM.search(self.text))

    def _with_initials(self, matches):
        initials = self.gaz.find_by_initials(self.text)
        kept = [m for m in matches if not any(i.start < m.end and m.start < i.end for i in initials)]
        return sorted(kept + initials, key=lambda m: m.start)

    # --- the whole article -------------------------------------------------------------------------------------

    def run(self):
        forums = self.extract_forums()
        agreements = {}
        events = self.segment(forums, agreements)
        for event in events:
            self.place_event(event)
            self.complete_participants(event)
            event.name = self.multilateral_name(event) if event.multilateral else ""
        events = self.fold_side_talks(events)
        kept, dropped = [], []
        for event in events:
            reason = self.rejection(event)
            if reason:
                event.drop_reason = reason
                dropped.append(event)
            else:
                kept.append(event)
        for key, agreement in list(agreements.items()):
            if agreement.event is not None and agreement.event not in kept:
                parent = agreement.event.parent  # talks folded into the meeting on whose sidelines they were held
                agreement.event = parent if parent in kept and agreement.event not in dropped else None
            if not agreement.parties and kept:
                agreement.parties = {KZ, RU}
            if not {KZ, RU} <= agreement.parties:
                del agreements[key]  # an agreement between other countries is not ours to record
        return Extraction(kept, dropped, forums, agreements, capped=self.contacts_capped)

    def fold_side_talks(self, events):
        """A meeting of many that the text tells with one side only, and talks of both sides on its sidelines: the
        talks are how the two countries met there, so they are told as that one meeting."""
        folded = []
        for event in events:
            parent = event.parent
            if parent is None or {KZ, RU} <= parent.countries or not {KZ, RU} <= event.countries:
                continue
            for key, person in event.participants.items():
                parent.participants.setdefault(key, person)
            parent.sentences += [s for s in event.sentences if s not in parent.sentences]
            for attribute in ("organizations", "topics", "regions", "agreements_discussed"):
                for key, quote in getattr(event, attribute).items():
                    getattr(parent, attribute).setdefault(key, quote)
            folded.append(event)
        return [event for event in events if event not in folded]

    def segment(self, forums, agreements):
        events, current, pending = [], None, []
        for sentence in self.sentences():
            info = self.read_sentence(sentence, forums, agreements)
            if current is None and info["opens"]:
                info["cue"], info["kinds"] = True, {Kind.TALKS}
            if info["cue"]:
                target = self.choose_event(events, current, info, sentence)
                if target not in events:
                    if len(events) >= MAX_CONTACTS:
                        self.contacts_capped = True
                        continue
                    events.append(target)
                if current is None:
                    # What the article says before its first contact sentence belongs to that contact.
                    for earlier, earlier_info in pending:
                        self.absorb(target, earlier, earlier_info)
                    pending = []
                current = target
            if current is None:
                pending.append((sentence, info))
            else:
                self.absorb(current, sentence, info)
        return events

    # --- one sentence ------------------------------------------------------------------------------------------

    def sentences(self):
        return self.article.sentences

    def within(self, matches, span):
        """The matches inside a sentence or span (matches are in text order): found by bisection, so that the work
        per sentence does not grow with the length of the article."""
        starts = self._starts.get(id(matches))
        if starts is None or len(starts) != len(matches):
            starts = self._starts[id(matches)] = [m.start for m in matches]
        first = bisect.bisect_left(starts, span.start)
        last = bisect.bisect_left(starts, span.end)
        return [m for m in matches[first:last] if m.end <= span.end]

    def before(self, sentence, position):
        """The words of a sentence just before a position: what decides how a name or a place is meant is never
        further back than this, and looking no further keeps every search short."""
        return self.text[max(sentence.start, position - BEFORE_WINDOW) : position]

    def read_sentence(self, sentence, forums, agreements):
        text = sentence.text
        forum_spans = [(m.start(), m.end()) for m in self.lang.FORUM.finditer(text)]
        agreement_found, agreement_spans = self.extract_agreements(sentence, agreements, forums)
        owned_after = [start for start, _ in forum_spans] + [start for start, _ in agreement_spans]
        dates = []
        announced = self.announces(sentence)
        prefer = "future" if announced or self.lang.FUTURE.search(text) else "past"
        for mention in self.find_dates(text, prefer):
            owned = any(start <= mention.start for start in owned_after)
            if owned or self.lang.OWNED_DATE.search(text[max(0, mention.start - BEFORE_WINDOW) : mention.start]):
                continue
            if not announced and self.reference is not None and mention.date.first > self.reference.last:
                continue  # a report of what was done cannot be dated after the article: the date is another event's
            dates.append(mention)
        # "Lavrov, who arrived on Monday, held talks on Tuesday": a date in a clause about someone is theirs.
        described = [m.span() for m in self.lang.RELATIVE_CLAUSE.finditer(text)]
        main = [d for d in dates if not any(start <= d.start < end for start, end in described)]
        dates = main or dates
        # "A plan of consultations" names a document, not the kind of contact.
        cue_text = text
        for start, end in agreement_spans:
            cue_text = cue_text[:start] + " " * (end - start) + cue_text[end:]
        kinds = {kind for kind, pattern in self.lang.CUES if self.reports(pattern, cue_text)}
        multilateral = self.reports_multilateral(text)
        sidelines = self.lang.SIDELINES.search(text)
        if multilateral and sidelines and self.lang.BILATERAL_VERB.search(text):
            # "On the sidelines of the summit, X met Y": the talks are bilateral; the summit is their setting.
            multilateral = len(self.sentence_people(sentence)) < 2
        if multilateral:
            kinds.add(Kind.MULTILATERAL)
        # "Deputy ministers X and Y exchanged views on …" reports a contact by itself when nothing before has.
        opens = not kinds and self.both_sides(self.discussing(sentence))
        return {
            "cue": bool(kinds),
            "opens": opens,
            "kinds": kinds,
            "multilateral": multilateral,
            "dates": dates,
            "agreements": agreement_found,
            "sidelines": bool(self.lang.SIDELINES.search(text)),
        }

    def announces(self, sentence):
        """Whether a sentence announces a contact rather than reports it: future wording, or a headline's 'Lavrov to
        visit Kazakhstan'."""
        # "…, which Kazakhstan will chair next year": what a clause says of something else announces nothing.
        main = self.lang.RELATIVE_CLAUSE.sub(" ", sentence.text)
        if self.lang.PLANNED.search(main):
            return True
        return (
            sentence.index == 0 and bool(self.article.title) and bool(self.lang.HEADLINE_PLANNED.match(sentence.text))
        )

    def pronoun_people(self, sentence, people):
        """'Earlier, he was received by President Tokayev': when a contact sentence names one side only and speaks
        of someone as 'he' or 'she', that is the last participant named from the other side."""
        countries = {person.country for person in people}
        if len(countries) != 1 or not countries <= {KZ, RU} or not self.lang.PRONOUN.search(sentence.text):
            return []
        other = ({KZ, RU} - countries).pop()
        person = self.last_named.get(other)
        return [person] if person is not None else []

    def reports(self, cue, text):
        """Whether a cue word reports a contact: not one whose preparation is the subject ("preparations for the
        visit")."""
        return any(
            not self.lang.PREPARATION.search(text[max(0, m.start() - BEFORE_WINDOW) : m.start()])
            for m in cue.finditer(text)
        )

    def reports_multilateral(self, text):
        """Whether a sentence reports taking part in a multilateral meeting: a summit or council named with a verb
        of taking part, and not only as a coming event ("the summit being held next year")."""
        if not self.lang.PARTICIPATION.search(text):
            return False
        for match in self.lang.MULTILATERAL_CUE.finditer(text):
            parts = re.split(r"[,;:—–]|\s-\s", text[match.end() :], maxsplit=2)
            clause = parts[0] + (" " + parts[1] if len(parts) > 1 and self.lang.RELATIVE.match(parts[1]) else "")
            before = text[max(0, match.start() - 40) : match.start()]
            if not (self.lang.FUTURE.search(clause) or self.lang.FUTURE.search(before)):
                return True
        return False

    def choose_event(self, events, current, info, sentence):
        date, basis = self.sentence_date(info, sentence)
        default = (current.date, current.date_basis) if current else self.default_date()
        if date is not None and date.precision != DAY and default[0] is not None and date.overlaps(default[0]):
            # "This year" in a lead says nothing the publication date does not say better.
            date, basis = None, None
        same_time = date is None or current is None or overlaps(date, current.date)
        multilateral = info["multilateral"]
        side_talks = (
            current is not None
            and current.multilateral
            and not multilateral
            and same_time
            and len(self.sentence_people(sentence)) >= 2
            and bool(info["sidelines"] or self.lang.BILATERAL_VERB.search(sentence.text))
        )
        if current is not None and current.multilateral and not multilateral and not side_talks and same_time:
            multilateral = True  # a plain cue inside the account of a multilateral meeting belongs to it
        if current is not None and not side_talks and self.another_pair(current, sentence):
            # "At the same time Lavrov spoke with Abdrakhmanov … The same day Putin called Nazarbayev": other people
            # of both countries make another contact, or rejoin an earlier one they took part in.
            people = {person.key for person in self.sentence_people(sentence)}
            for event in reversed(events):
                if people & set(event.participants) and overlaps(event.date, date or current.date):
                    return event
            date, basis = (date, basis) if date is not None else (current.date, current.date_basis)
            return EventFinding(date=date, date_basis=basis, date_quote=current.date_quote, multilateral=multilateral)
        if date is None:
            if current is not None and current.multilateral == multilateral and not side_talks:
                return current
            date, basis = default
        if not side_talks:
            if current is not None and current.multilateral == multilateral and overlaps(current.date, date):
                if current.date is None and date is not None:
                    current.date, current.date_basis, current.date_quote = date, basis, quote_of(sentence)
                return current
            if self.adopts(current, date, basis, multilateral):
                current.date, current.date_basis, current.date_quote = date, basis, quote_of(sentence)
                return current
            for event in reversed(events):
                if event.multilateral == multilateral and event.date is not None and overlaps(event.date, date):
                    return event
        quote = quote_of(sentence) if basis in (Basis.STATED, Basis.INFERRED) else self.default_quote(basis)
        event = EventFinding(date=date, date_basis=basis, date_quote=quote, multilateral=multilateral)
        if side_talks:
            event.parent = current
        return event

    def discussing(self, sentence):
        """Who a sentence says discussed, signed or led something: named before a verb of discussing, after one of
        leading."""
        text, found = sentence.text, []
        discussion, led_by = self.lang.DISCUSSION.search(text), self.lang.LED_BY.search(text)
        for person in self.sentence_people(sentence):
            position = person.at - sentence.start
            before_verb = discussion is not None and position < discussion.start()
            if discussion and self.lang.discussant(person.name_as_written, before_verb, person.inferred):
                found.append(person)
            elif led_by and position > led_by.start():
                found.append(person)
        return found

    def both_sides(self, people):
        return {KZ, RU} <= {person.country for person in people}

    def another_pair(self, current, sentence):
        people = self.sentence_people(sentence)
        return (
            bool(current.participants)
            and not self.lang.JOINED.search(sentence.text)
            and {KZ, RU} <= {person.country for person in people}
            and not any(person.key in current.participants for person in people)
        )

    def adopts(self, current, date, basis, multilateral):
        """A contact dated only by the publication or dateline takes the first date the text states for it,
        when that date falls in the days just before."""
        if current is None or current.multilateral != multilateral or basis != Basis.STATED:
            return False
        if current.date_basis not in (Basis.PUBLICATION, Basis.DATELINE) or date.precision != DAY:
            return False
        if current.date is None:
            return True
        return current.date.first - datetime.timedelta(days=7) <= date.first <= current.date.last

    def default_quote(self, basis):
        if basis == Basis.DATELINE and self.article.dateline_span:
            start, end = self.article.dateline_span
            return Quote(start, end, self.text[start:end])
        return None

    def sentence_date(self, info, sentence):
        if not info["dates"]:
            return None, None
        mention = info["dates"][0]
        return mention.date, Basis.INFERRED if mention.relative else Basis.STATED

    def default_date(self):
        if self.article.dateline_date:
            return self.article.dateline_date, Basis.DATELINE
        if self.article.published is not None:
            return self.article.published, Basis.PUBLICATION
        if self.reference is not None:
            return self.reference, Basis.INFERRED
        return None, ""

    def find_dates(self, text, prefer="past"):
        return find_dates(text, self.reference, prefer, self.lang)

    def infer_reference(self):
        """An undated article's day: its dateline's day and month in the one year the text allows, from the years
        its full dates give or else the years in which the people it names held office."""
        month_day = self.article.dateline_month_day
        if month_day is None:
            return None
        years = {m.date.value.year for m in find_dates(self.text, None, "past", self.lang) if m.date.precision == DAY}
        if len(years) != 1:
            years = self.office_years(month_day)
        if len(years) > 1:
            years = self.weekday_years(years, month_day)
        if len(years) != 1:
            return None
        try:
            return PartialDate(datetime.date(years.pop(), *month_day))
        except ValueError:
            return None

    def weekday_years(self, years, month_day):
        """'MOSCOW, April 11 … on Tuesday': of the years left, those in which that day fell on the weekday the text
        names, when it names one only."""
        pattern = dict(self.lang.PATTERNS)["weekday"]
        named = {self.lang.weekday_number(m.group("w")) for m in pattern.finditer(self.text)}
        if len(named) != 1:
            return years
        weekday = named.pop()
        fitting = set()
        for year in years:
            try:
                if datetime.date(year, *month_day).weekday() == weekday:
                    fitting.add(year)
            except ValueError:
                continue
        return fitting or years

    def office_years(self, month_day):
        """Years in which every diplomat the text names by full name held a post on that day and month."""
        people = {m.payload.person_id for m in self.people if not m.payload.surname_only}
        years = None
        for person_id in people:
            terms = [t for t in self.gaz.terms if t.person_id == person_id and t.office in DIPLOMATIC_OFFICES]
            if not terms:
                continue
            held = set()
            for term in terms:
                first = (term.start or datetime.date(1991, 12, 16)).year
                last = (term.end or datetime.date.today()).year
                for year in range(first, last + 1):
                    try:
                        day = datetime.date(year, *month_day)
                    except ValueError:
                        continue
                    if (term.start is None or term.start <= day) and (term.end is None or day <= term.end):
                        held.add(year)
            years = held if years is None else years & held
        return years or set()

    def absorb(self, event, sentence, info):
        """Add what a sentence says to the contact it belongs to."""
        if sentence not in event.sentences:
            event.sentences.append(sentence)
        quote = quote_of(sentence)
        for mention in info["dates"]:
            basis = Basis.INFERRED if mention.relative else Basis.STATED
            event.refine_date(mention.date, basis, quote)
        if info["cue"]:
            people = self.sentence_people(sentence)
            people = people + self.pronoun_people(sentence, people)
            for person in people:
                event.participants.setdefault(person.key, person)
                self.last_named[person.country] = person
            for person in self.invited_by(sentence):
                event.invited_by.setdefault(person.key, person)
            # The kind comes from sentences that report this contact (they name who took part), not from any
            # sentence that happens to mention a visit.
            if people or not event.kinds:
                for kind in info["kinds"]:
                    event.kinds.setdefault(kind, quote)
                if not self.announces(sentence):
                    event.planned = False
            passive = self.lang.PASSIVE_HOST.search(sentence.text)
            if passive and not event.host:
                hosts = [p for p in people if p.at - sentence.start > passive.start()]
                event.host = hosts[0].country if hosts else ""
            elif self.lang.HOST_VERB.search(sentence.text) and not event.host and people:
                event.host = people[0].country
        if (
            not info["cue"]
            and self.lang.SPEECH.search(sentence.text)
            and (event.multilateral or Kind.CEREMONY in event.kinds)
        ):
            # "Addressing the guests, the ambassador said …": who speaks at a reception or a meeting of many
            # took part in it.
            for person in self.sentence_people(sentence):
                event.participants.setdefault(person.key, person)
        else:
            # "Karasin and Vassilenko discussed …", "the delegations were led by …": whoever discusses beside a
            # participant, or the heads of the two sides, took part in the contact being told; not whoever is
            # discussed ("discussed the visit of President X").
            people = self.discussing(sentence)
            both_sides = {KZ, RU} <= {person.country for person in people}
            if both_sides or any(person.key in event.participants for person in people):
                for person in people:
                    event.participants.setdefault(person.key, person)
        for match in self.within(self.orgs, sentence):
            event.organizations.setdefault(match.payload, quote)
        for tag, pattern in self.lang.TOPICS:
            if pattern.search(sentence.text):
                event.topics.setdefault(tag, quote)
        for name, pattern in self.lang.REGIONS:
            if pattern.search(sentence.text):
                event.regions.setdefault(name, quote)
        for match in self.forum_mentions(sentence.text):
            edition = _edition(match.group("ord"))
            if edition and not re.search(
                r"sidelines of\s+(?:the\s+)?$", sentence.text[max(0, match.start() - 40) : match.start()]
            ):
                event.forums.setdefault(edition, quote)
        for agreement in info["agreements"]:
            signed_here = agreement.signed and agreement.forum_edition is None
            if signed_here and agreement.event is None and overlaps(agreement.date, event.date):
                agreement.event = event
                if agreement.date is None and event.date is not None:
                    agreement.date, agreement.date_basis = event.date, Basis.INFERRED
            elif agreement.event is not event:
                event.agreements_discussed.setdefault(agreement.key, quote)

    # --- people ------------------------------------------------------------------------------------------------

    def on_day(self):
        return self.reference.value if self.reference else None

    def sentence_people(self, sentence):
        """Who a contact sentence says took part: people named, less those only mentioned (whose instructions,
        decisions or coming visit are cited) and those named in an invitation (see ``invited_by``)."""
        if sentence.index in self._people_cache:
            return self._people_cache[sentence.index]
        found, covered = [], []
        day = self.on_day()
        previous_end = sentence.start
        for match in self.within(self.people, sentence):
            ref = match.payload
            # The title written just before the name, back to the previous name: "Ambassador to Russia X".
            title_words = self.text[max(previous_end, match.start - 80) : match.start]
            previous_end = match.end
            if (
                ref.surname_only
                and ref.person_id not in self.full_names
                and (day is None or not self.gaz.active_on(ref.person_id, day))
            ):
                continue
            covered.append((match.start, match.end))
            before = self.before(sentence, match.start)
            if self.lang.NOT_PARTICIPANT.search(before) or self.lang.INVITATION.search(before):
                continue
            person = PersonFinding(ref.person_id, match.text, ref.country, "", quote_of(sentence), at=match.start)
            person.stated_office = office_of(title_words, self.lang)
            found.append(person)
        found.extend(self.unknown_people(sentence, covered))
        found.extend(self.counterparts(sentence, found))
        unique = {}
        for person in found:
            unique.setdefault(person.key, person)
        result = list(unique.values())
        self._people_cache[sentence.index] = result
        return result

    def invited_by(self, sentence):
        """'At the invitation of his counterpart X': X hosts the visit the sentence reports."""
        found = []
        for match in self.within(self.people, sentence):
            if self.lang.INVITATION.search(self.before(sentence, match.start)) and not match.payload.surname_only:
                ref = match.payload
                found.append(PersonFinding(ref.person_id, match.text, ref.country, "", quote_of(sentence)))
        return found

    def unknown_people(self, sentence, covered):
        found = []
        for match in self.lang.UNKNOWN_TITLED.finditer(sentence.text):
            start = sentence.start + match.start("name")
            end = sentence.start + match.end("name")
            if any(s < end and start < e for s, e in covered):
                continue
            groups = match.groupdict()
            name = " ".join(self.lang.nominative(word) for word in match.group("name").split())
            words = [w.lower() for w in name.split()]
            if any(w in self.lang.NAME_STOPWORDS for w in words) or self._is_known_word(start, end):
                continue
            if self.lang.NOT_PARTICIPANT.search(self.before(sentence, sentence.start + match.start())):
                covered.append((start, end))
                continue
            adjective = self._country_of(groups.get("adj"))
            country = adjective or self._country_of(groups.get("of"))
            title_start = match.start("adj") if adjective else match.start("title")
            title = sentence.text[title_start : match.start("name")].strip(" ,")
            fuzzy = self.fuzzy_person(name)
            if fuzzy:
                found.append(
                    PersonFinding(fuzzy, name, self.gaz.person_country[fuzzy], "", quote_of(sentence), at=start)
                )
            elif country:
                office = office_of(title, self.lang)
                latin = self.lang.transliterate(name)
                found.append(PersonFinding(None, latin, country, title, quote_of(sentence), office=office, at=start))
            covered.append((start, end))
        if any(CUE.search(sentence.text) for _, CUE in self.lang.CUES):
            for match in self.lang.NAME_CANDIDATE.finditer(sentence.text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if any(s < end and start < e for s, e in covered) or self._is_known_word(start, end):
                    continue
                if self.lang.NOT_PARTICIPANT.search(self.before(sentence, sentence.start + match.start())):
                    continue
                fuzzy = self.fuzzy_person(match.group(0))
                if fuzzy:
                    country = self.gaz.person_country[fuzzy]
                    found.append(PersonFinding(fuzzy, match.group(0), country, "", quote_of(sentence), at=start))
        return found

    def _is_known_word(self, start, end):
        return any(self.overlapping(matches, start, end) for matches in (self.places, self.orgs, self.countries))

    def overlapping(self, matches, start, end):
        """The matches that overlap a span; none is longer than a sentence, so only those starting within one
        sentence's length before the span need a look."""
        span = Span(max(0, start - MAX_SENTENCE), end)
        return [m for m in self.within(matches, span) if m.start < end and start < m.end]

    def _country_of(self, text):
        if not text:
            return ""
        for stem, code in self.lang.ADJECTIVES.items():
            if text.lower().startswith(stem):
                return code
        found = self.gaz.countries.find(text)
        return found[0].payload if found else ""

    def fuzzy_person(self, name):
        """A known person whose name is spelt a little differently (Lavrow, Nurtleou)."""
        words = [w for w in re.split(r"[\s\-]+", name.lower()) if w]
        if len(words) < 2 or any(w in self.lang.NAME_STOPWORDS for w in words):
            return None
        surname, first = words[-1], words[0]
        best, best_ratio = None, 0.0
        for known, person_id in self.gaz.surnames.items():
            if abs(len(known) - len(surname)) > 2 or known[0] != surname[0]:
                continue
            ratio = difflib.SequenceMatcher(None, known, surname).ratio()
            if ratio > best_ratio:
                best, best_ratio = person_id, ratio
        if best is None or best_ratio < 0.8:
            return None
        firsts = self.gaz.first_names.get(best, set())
        if any(first.startswith(f) or difflib.SequenceMatcher(None, f, first).ratio() >= 0.75 for f in firsts):
            return best
        return None

    def counterparts(self, sentence, named):
        """'His Kazakh counterpart' without a name is whoever held that office on the day; 'the two ministers' are
        both foreign ministers of the day."""
        day = self.on_day()
        if day is None:
            return []
        wanted = {}
        for match in self.lang.COUNTERPART.finditer(sentence.text):
            wanted.setdefault(self._country_of(match.group("adj") or match.group("adj2")), match.start())
        both = self.lang.BOTH_MINISTERS.search(sentence.text)
        if both:
            wanted.setdefault(KZ, both.start())
            wanted.setdefault(RU, both.start())
        found = []
        for country, position in wanted.items():
            if not country or any(p.country == country for p in named):
                continue
            person_id = self.gaz.office_holder(Position.Office.FOREIGN_MINISTER, country, day)
            if person_id:
                name = self.gaz.person_names[person_id]
                at = sentence.start + position
                found.append(PersonFinding(person_id, name, country, "", quote_of(sentence), inferred=True, at=at))
        return found

    def complete_participants(self, event):
        # "His Kazakh counterpart" stands for the minister only when the text names nobody else from Kazakhstan:
        # a deputy's counterpart named elsewhere is the counterpart meant.
        named = {p.country for p in event.participants.values() if not p.inferred}
        for key, person in list(event.participants.items()):
            if person.inferred and person.country in named:
                del event.participants[key]
        if event.kind in VISITS or event.invited_by:
            # The host who invited the guest received the visit the text reports.
            for key, person in event.invited_by.items():
                event.participants.setdefault(key, person)
        day = event.date.value if event.date else None
        for person in event.participants.values():
            if person.person_id and day is not None:
                # The title held then is the office on record for that day; the text's wording stays as written.
                term = self.gaz.position_on(person.person_id, day)
                person.title, person.title_stated = (term.title if term else ""), False
        if event.parent is not None and not {KZ, RU} <= event.countries:
            for person in event.parent.participants.values():
                if person.country in {KZ, RU} - event.countries:
                    event.participants.setdefault(person.key, person)

    # --- places ------------------------------------------------------------------------------------------------

    def place_event(self, event):
        participants = {p.person_id for p in event.participants.values()}
        for sentence in event.sentences:
            for match in self.within(self.countries, sentence):
                before = self.before(sentence, match.start)
                if self.lang.VISIT_TARGET.search(before) and not event.host and not self.elsewhere(before, event):
                    event.host = match.payload
        candidates = []
        for sentence in event.sentences:
            for match in self.within(self.places, sentence):
                if self._place_owned_by_forum(sentence, match):
                    continue
                before = self.before(sentence, match.start)
                if not self.place_stated(sentence, match):
                    continue
                if self.elsewhere(before, event):
                    continue  # "the summit scheduled for September in Astrakhan"
                named = len(participants & {p.person_id for p in self.sentence_people(sentence)})
                if named == 0 and sentence.index != 0 and not self.impersonal_contact(sentence):
                    continue  # a city in a sentence about someone else (a summit's venue, a coming visit)
                candidates.append((match, sentence, named))
        if event.host:
            candidates = [c for c in candidates if c[0].payload.country == event.host] or (
                [] if any(c[0].payload.country != event.host for c in candidates) else candidates
            )
        if event.kind == Kind.PHONE_CALL:  # a call has two ends and no place
            return
        if candidates:
            # A place named in a sentence that names the participants is stated; elsewhere it is inferred.
            match, sentence, named = max(candidates, key=lambda c: (c[2] >= 2, c[0].payload.kind != "landmark"))
            basis = Basis.STATED if named >= 2 and match.payload.kind != "landmark" else Basis.INFERRED
            self._set_place(event, match, sentence, basis)
            return
        if event.host:
            for match in self.places:
                before = self.text[max(0, match.start - 30) : match.start]
                sentence = self._sentence_at(match.start)
                if (
                    match.payload.country == event.host
                    and self.lang.PLACE_PREPOSITION.search(before)
                    and not self._place_owned_by_forum(sentence, match)
                    and not self._in_other_event(sentence, event)
                ):
                    self._set_place(event, match, sentence, Basis.INFERRED)
                    return
        if event.parent is not None and event.parent.place is not None:
            parent = event.parent
            event.place, event.place_as_written, event.place_quote = (
                parent.place,
                parent.place_as_written,
                parent.place_quote,
            )
            event.place_basis, event.host = Basis.INFERRED, event.host or parent.host
            return
        dateline = self.article.dateline_date or (self.reference if self.article.dateline_month_day else None)
        # A dateline without a date of its own ("ASTANA. KAZINFORM") is the place of a contact told that day only
        # when the text says which country hosted it.
        undated_line = dateline is None and event.host and event.date_basis == Basis.PUBLICATION
        dateline = dateline or (self.article.published if undated_line else None)
        if dateline and self.article.dateline_city and event.date is not None and dateline.overlaps(event.date):
            found = self.gaz.places.find(self.article.dateline_city)
            if found and (not event.host or found[0].payload.country == event.host):
                start, end = self.article.dateline_span
                event.place = found[0].payload
                event.place_as_written = self.article.dateline_city.title()
                event.place_basis = Basis.DATELINE
                event.place_quote = Quote(start, end, self.text[start:end])
                event.host = event.host or found[0].payload.country
                return
        self.unknown_place(event)

    def place_stated(self, sentence, match):
        """A place named where something happens: after a preposition ("in Astana", "в Астане", "before leaving
        Astana"), or at the head of a dated parenthesis ("(Moscow, October 22, 2025)") as ministries title their
        transcripts."""
        before = self.before(sentence, match.start)
        if self.lang.PLACE_PREPOSITION.search(before):
            return True
        after = self.text[match.end : min(sentence.end, match.end + 40)]
        return bool(re.search(r"\(\s*$", before) and re.match(r"\s*,\s*\S", after) and self.find_dates(after[:40]))

    def elsewhere(self, before, event):
        """Whether the words before a place put it in another event than a contact reported as held: a visit
        being prepared or announced."""
        if event.planned:
            return False
        clause = re.split(r"[,;:]", before)[-1]
        return bool(self.lang.NOT_PARTICIPANT.search(before) or self.lang.PLANNED.search(clause))

    def impersonal_contact(self, sentence):
        """'Kazakhstan and Russia held consultations in Astana', 'a reception was held in Moscow': a sentence that
        reports a contact as done and names nobody."""
        text = sentence.text
        main_clause = re.split(r"[,;:]", text, maxsplit=1)[0]
        if self.within(self.people, sentence) or self.lang.PLANNED.search(main_clause):
            return False
        return any(p.search(text) for _, p in self.lang.CUES) or self.reports_multilateral(text)

    def unknown_place(self, event):
        """'Talks in Zhezkazgan': a town the reference data does not know becomes a new place, for review, in the
        host country. Only in a contact sentence that names a participant, and never a known word."""
        if not event.host:
            return
        participants = {p.person_id for p in event.participants.values()}
        for sentence in event.sentences:
            if not any(p.person_id in participants for p in self.sentence_people(sentence)):
                continue
            if not any(pattern.search(sentence.text) for _, pattern in self.lang.CUES):
                continue
            for match in self.lang.UNKNOWN_PLACE.finditer(sentence.text):
                start, end = sentence.start + match.start("name"), sentence.start + match.end("name")
                name = match.group("name")
                if (
                    name.lower() in self.lang.NAME_STOPWORDS
                    or name.lower()[:3] in self.lang.MONTHS_AND_DAYS
                    or self._is_known_word(start, end)
                    or self.overlapping(self.people, start, end)
                ):
                    continue
                canonical = self.lang.transliterate(self.lang.nominative(name))
                event.place = PlaceRef(None, canonical, event.host, "new", None, None)
                event.place_as_written, event.place_basis = name, Basis.STATED
                event.place_quote = quote_of(sentence)
                return

    def _in_other_event(self, sentence, event):
        # A sentence that reports a contact on another date places that contact, not this one.
        if sentence is None or sentence in event.sentences:
            return False
        dates = [m.date for m in self.find_dates(sentence.text) if not m.relative]
        return bool(dates) and not any(overlaps(date, event.date) for date in dates)

    def _sentence_at(self, position):
        for sentence in self.article.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return None

    def _place_owned_by_forum(self, sentence, match):
        before = self.before(sentence, match.start)
        return bool(
            self.lang.FORUM.search(before)
            or self.lang.SIDE_FORUM.search(before)
            or re.search(r"\bForum\b[^.]{0,60}$", before)
        )

    def _set_place(self, event, match, sentence, basis):
        ref = match.payload
        event.place = ref
        event.place_as_written = ref.name if ref.kind == "landmark" else match.text
        event.place_basis = basis
        event.place_quote = quote_of(sentence)
        event.host = event.host or ref.country

    # --- forums and agreements ---------------------------------------------------------------------------------

    def extract_forums(self):
        forums = {}
        last = None
        for sentence in self.article.sentences:
            text = sentence.text
            matches = self.forum_mentions(text)
            for match in matches:
                edition = _edition(match.group("ord"))
                if not edition:
                    continue
                forum = forums.setdefault(edition, ForumFinding(edition))
                forum.quotes.setdefault("edition", quote_of(sentence))
                after = text[match.end() :]
                next_forum = self.lang.FORUM.search(after) or self.lang.FORUM_SHORT.search(after)
                scope = after[: next_forum.start()] if next_forum else after
                for place in self.gaz.places.find(scope):
                    if re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:city\s+of\s+)?$", scope[: place.start]):
                        if forum.place is None:
                            forum.place, forum.place_as_written = place.payload, place.text
                            forum.quotes["place"] = quote_of(sentence)
                        break
                prefer = "future" if self.lang.FUTURE.search(text) else "past"
                for mention in self.find_dates(scope, prefer):
                    if forum.date is None or _precision_rank(mention.date.precision) > _precision_rank(
                        forum.date.precision
                    ):
                        forum.date, forum.date_basis = mention.date, Basis.STATED
                        forum.quotes["date"] = quote_of(sentence)
                    break
                last = forum
            if last is not None and (not matches or self.lang.SIDE_EVENT_LINK.search(text)):
                for side in self.lang.SIDE_FORUM.finditer(text):
                    name = side.group("name").strip()
                    if (
                        not self.lang.FORUM.search(name)
                        and self.lang.SIDE_EVENT_LINK.search(text)
                        and name not in last.side_events
                    ):
                        last.side_events.append(name)
                        last.quotes.setdefault("side_events", quote_of(sentence))
        return forums

    def forum_mentions(self, text):
        """Editions of the interregional forum; "the 16th Forum" counts once the article has named the series."""
        full = list(self.lang.FORUM.finditer(text))
        if not self.series_named:
            return full
        spans = [(m.start(), m.end()) for m in full]
        short = [m for m in self.lang.FORUM_SHORT.finditer(text) if not any(s <= m.start() < e for s, e in spans)]
        return sorted(full + short, key=lambda m: m.start())

    def extract_agreements(self, sentence, agreements, forums):
        text = sentence.text
        found = []
        for pattern in (self.lang.AGREEMENT_PERIOD_FIRST, self.lang.AGREEMENT_PERIOD_LAST):
            for match in pattern.finditer(text):
                period = (int(match.group("p1")), int(match.group("p2")))
                if period[1] < period[0]:
                    continue
                if pattern is self.lang.AGREEMENT_PERIOD_FIRST:
                    title = f"{_capitalize(match.group('name'))} {period[0]}-{period[1]}"
                else:
                    title = _capitalize(match.group(0).strip())
                found.append((match, title, period))
        if self.lang.SIGNED.search(text) and not found:
            for match in self.lang.AGREEMENT_NAMED.finditer(text):
                found.append((match, _capitalize(match.group("name").strip()), None))
        result, spans = [], []
        for match, title, period in found:
            spans.append((match.start(), match.end()))
            kind = _agreement_kind(title)
            key = f"{kind}:{period[0]}-{period[1]}" if period else re.sub(r"\W+", " ", title.lower()).strip()
            agreement = agreements.get(key)
            signed = bool(self.lang.SIGNED.search(text))
            if agreement is None:
                agreement = AgreementFinding(key, title, kind, period, signed, quote_of(sentence))
                agreements[key] = agreement
            elif signed and not agreement.signed:
                agreement.signed = True
            after = text[match.end() :]
            forum_match = self.lang.FORUM.search(after)
            if (
                signed
                and forum_match
                and re.search(r"sidelines of\s+(?:the\s+)?$|at\s+(?:the\s+)?$", after[: forum_match.start()])
            ):
                agreement.forum_edition = _edition(forum_match.group("ord"))
            if signed and agreement.date is None:
                scope = after[: forum_match.start()] if forum_match else after
                dates = self.find_dates(scope, "past")
                if dates:
                    agreement.date, agreement.date_basis = dates[0].date, Basis.STATED
            agreement.parties |= {m.payload for m in self.gaz.countries.find(title)} & {KZ, RU} or set()
            if agreement not in result:
                result.append(agreement)
        for agreement in result:
            if agreement.forum_edition and agreement.forum_edition in forums:
                forum = forums[agreement.forum_edition]
                if forum.date is None and agreement.date is not None:
                    forum.date, forum.date_basis = agreement.date, Basis.INFERRED
                    forum.quotes.setdefault("date", quote_of(sentence))
        return result, spans

    # --- naming and filtering ----------------------------------------------------------------------------------

    def multilateral_name(self, event):
        orgs = list(event.organizations)
        for pattern, template in (
            (r"\b(?P<org>[A-Z]{2,6}) Foreign Ministers['’]? Council\b", "{org} Council of Foreign Ministers"),
            (
                r"\bCouncil of (?:the )?Foreign Ministers of the (?P<org>[A-Z]{2,6})\b",
                "{org} Council of Foreign Ministers",
            ),
            (r"\b(?P<org>[A-Z]{2,6}) (?:CFM|Council of Foreign Ministers)\b", "{org} Council of Foreign Ministers"),
            (r"\b(?P<org>[A-Z]{2,6}) (?:summit|Summit)\b", "{org} summit"),
            (r"\b(?P<org>[A-Z]{2,6}) ministerial\b", "{org} ministerial meeting"),
        ):
            for match in re.finditer(pattern, self.text):
                org_ids = [m.payload for m in self.gaz.organizations.find(match.group("org"))]
                if org_ids and (not orgs or org_ids[0] in orgs):
                    event.organizations.setdefault(org_ids[0], Quote(match.start(), match.end(), match.group(0)))
                    return template.format(org=match.group("org"))
        format_match = re.search(r"\b(?P<name>[A-Z][\w ]+?[-–][A-Z]\w+) format\b", self.text)
        if format_match and not orgs:
            return f"Foreign ministers' meeting in the {format_match.group('name')} format"
        return ""

    def rejection(self, event):
        countries = event.countries
        if not event.participants:
            return "names no participant"
        if not {KZ, RU} <= countries:
            if event.multilateral:
                # A council of an organization both belong to, in an article that speaks of both countries: the
                # other delegation took part though the text names only one side.
                members = [self.gaz.org_members.get(org, set()) for org in event.organizations]
                if countries & {KZ, RU} and any({KZ, RU} <= m for m in members) and {KZ, RU} <= self.article_countries:
                    return ""
                return "a multilateral meeting that names nobody from both Kazakhstan and Russia"
            return "not a Kazakhstan–Russia contact (participants from " + ", ".join(sorted(countries)) + ")"
        if not any(self.is_diplomat(person, event) for person in event.participants.values()):
            return "no foreign-ministry official among the participants (heads of state or government alone)"
        return ""

    def is_diplomat(self, person, event):
        """A foreign minister, a deputy or an ambassador on the day (any day of their careers when undated)."""
        if person.person_id is None or person.office:
            return person.office in DIPLOMATIC_OFFICES
        if person.stated_office in DIPLOMATIC_OFFICES:
            return True  # "Kazakhstan's Ambassador to Russia X": the text says so, where the reference data is silent
        day = event.date.value if event.date else None
        for term in self.gaz.terms:
            if term.person_id == person.person_id and term.office in DIPLOMATIC_OFFICES:
                if day is None or ((term.start is None or term.start <= day) and (term.end is None or day <= term.end)):
                    return True
        return False


def _edition(text):
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    if text.lower() in en.ORDINAL_WORDS:
        return en.ORDINAL_WORDS[text.lower()]
    if en.ROMAN.match(text):
        values = {"I": 1, "V": 5, "X": 10}
        total = 0
        for i, ch in enumerate(text):
            value = values[ch]
            total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
        return total
    return None


def _capitalize(text):
    return text[:1].upper() + text[1:]


def _agreement_kind(title):
    lowered = title.lower()
    for word, kind in (
        ("plan", Agreement.Kind.PLAN),
        ("programme", Agreement.Kind.PROGRAMME),
        ("program", Agreement.Kind.PROGRAMME),
        ("road", Agreement.Kind.PLAN),
        ("treaty", Agreement.Kind.TREATY),
        ("memorandum", Agreement.Kind.MEMORANDUM),
        ("protocol", Agreement.Kind.PROTOCOL),
        ("declaration", Agreement.Kind.DECLARATION),
        ("statement", Agreement.Kind.DECLARATION),
        ("agreement", Agreement.Kind.AGREEMENT),
    ):
        if re.search(rf"\b{word}", lowered):
            return kind
    return Agreement.Kind.OTHER
