"""What the extractor finds in an article, each value with the quote it rests on: contacts, forums, agreements."""

import datetime
from dataclasses import dataclass, field

from events.ingest.dates import DAY, MONTH, YEAR, PartialDate
from events.models import Meeting
from people.models import Position

KZ, RU = "KZ", "RU"
BEFORE_WINDOW = 160  # characters of context read before a name or a place
DAY_SLACK = 3  # days by which two reports of one contact may differ on its day
DIPLOMATIC_OFFICES = {
    Position.Office.FOREIGN_MINISTER,
    Position.Office.DEPUTY_FOREIGN_MINISTER,
    Position.Office.AMBASSADOR,
    Position.Office.CONSUL,
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
    Kind.DEMARCHE: 3,
    Kind.CEREMONY: 1,
    Kind.MESSAGE: 1,
}
# Contacts at a distance, told with one side named: a note handed to an envoy names the ministry, not a person.
ONE_SIDED = {Kind.DEMARCHE, Kind.MESSAGE}
VISITS = {Kind.STATE_VISIT, Kind.OFFICIAL_VISIT, Kind.WORKING_VISIT}


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


def office_of(title, lang):
    """The office a title names: 'Deputy Foreign Minister' → deputy foreign minister; '' when it names none."""
    for pattern, office in lang.OFFICES:
        if pattern.search(title):
            return office
    return ""


def day_fits(month_day, date):
    """Whether a day and month of no known year ((5, 20)) can fall within ``date``, give or take a few days; None
    for either fits anything."""
    if month_day is None or date is None:
        return True
    slack = datetime.timedelta(days=DAY_SLACK)
    for year in range(date.first.year, date.last.year + 1):
        try:
            day = datetime.date(year, *month_day)
        except ValueError:  # 29 February in another year
            continue
        if date.first - slack <= day <= date.last + slack:
            return True
    return False


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
    sibling: "EventFinding | None" = None  # the contact told just before, on the same occasion, by other people
    sentences: list = field(default_factory=list)
    sidelines: bool = False  # talks of two on the sidelines of a meeting of many
    name: str = ""
    drop_reason: str = ""
    # A report of a meeting of many that names one side only: the meeting on record it tells, if one fits, gains it
    # as a source; it makes no meeting of its own.
    joins_only: bool = False
    month_day: tuple | None = None  # (month, day) its sentence states when no year can be known
    day_quote: Quote | None = None  # the sentence that states it
    planned: bool = True  # until a sentence reports the contact as held
    arrived_only: bool = False  # held only in that one side arrived: the contact itself may be yet to come
    invited_by: dict = field(default_factory=dict)
    attending: set = field(default_factory=set)  # countries whose ministers the text lists at a meeting of many
    # An editor's decisions in the import preview (see edits.py): fields set by hand, the review status, and the
    # meeting to merge into (None: the one found, if any; "new": none).
    locked: set = field(default_factory=set)
    status: str = ""
    target: object = None

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

    def fits_day(self, date):
        """Whether ``date`` can be the day and month the contact's own sentence states without its year ("on May
        20" in an article nothing dates): another sentence's "February 2022" cannot."""
        return day_fits(self.month_day, date)

    def refine_date(self, date, basis, quote):
        # A day-precise date beats a coarser one; at the same precision a stated date beats an inferred one.
        if not self.fits_day(date):
            return
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
