"""Extract contacts, agreements and forums from a read article, each value with the sentence it came from.

The rules are general: sentences carry cues (a contact verb, a date, people, places); a contact
sentence with a new date starts a new contact, other sentences add to the current one. Nothing here
touches the database: names are matched against a ``Gazetteer`` loaded beforehand.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from events.ingest.dates import DAY, MONTH, YEAR, PartialDate, find_dates
from events.ingest.gazetteer import PlaceRef
from events.models import Agreement, Basis, Meeting
from people.models import Position

KZ, RU = "KZ", "RU"
FORUM_SERIES = "Forum of Interregional Cooperation of Kazakhstan and Russia"

Kind = Meeting.Kind
# Which kind describes a contact best when a text gives several cues.
KIND_RANK = {
    Kind.OFFICIAL_VISIT: 6,
    Kind.WORKING_VISIT: 6,
    Kind.MULTILATERAL: 5,
    Kind.CONSULTATIONS: 5,
    Kind.PHONE_CALL: 4,
    Kind.TALKS: 2,
    Kind.CEREMONY: 1,
}

CUES = [
    (Kind.PHONE_CALL, r"\b(?:tele)?phone\b|\bphoned\b|\bvideo ?(?:conference|call|link)\b|\bvideoconference\b"),
    (Kind.CONSULTATIONS, r"\bconsultations\b"),
    (Kind.OFFICIAL_VISIT, r"\b(?:official|state) visit\b"),
    (Kind.WORKING_VISIT, r"\bworking visit\b"),
    (
        Kind.CEREMONY,
        r"\bceremony\b|\blaid (?:flowers|a wreath|wreaths)\b|\blaying (?:of )?(?:flowers|a wreath|wreaths)\b",
    ),
    (
        Kind.TALKS,
        r"\btalks\b|\bnegotiations\b|\bmet\b|\bmeets?\b|\bmeeting\b|\bconversation\b|\breceived\b"
        r"|\bvisit(?:s|ed|ing)?\b|\barriv(?:ed|es|al)\b",
    ),
]
CUES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in CUES]

MULTILATERAL_CUE = re.compile(
    r"\bCouncil of (?:the )?(?:Foreign )?Ministers\b|\bForeign Ministers['’]? (?:Council|[Mm]eeting)\b|\bCFM\b"
    r"|\bministerial (?:meeting|council|conference|session)\b|\bsummit\b|\bdelegations\b|\bformat\b"
)
PARTICIPATION = re.compile(
    r"\b(?:welcom\w*|attend\w*|took part|take part|taking part|participat\w*|chair\w*|open\w*|held|hold\w*|began"
    r"|address\w*|as part of|within the framework of|on the sidelines of|was held|took place|arriv\w*)\b",
    re.IGNORECASE,
)
BILATERAL_VERB = re.compile(r"\b(?:talks with|met with|meeting with|met his|met her|met\b|bilateral)", re.IGNORECASE)
DISCUSSION = re.compile(r"\b(?:discussed|exchanged views|reviewed)\b", re.IGNORECASE)
SIDELINES = re.compile(r"\bon the (?:sidelines|margins|fringes)\b", re.IGNORECASE)
HOST_VERB = re.compile(r"\b(?:welcomed|hosted|greeted)\b", re.IGNORECASE)
VISIT_TARGET = re.compile(r"\b(?:visit(?:s|ed|ing)?(?: to)?|arriv(?:ed|es|ing) in|trip to|tour of)\s+(?:the\s+)?$")
PLACE_PREPOSITION = re.compile(r"\b(?:in|to|at|into)\s+(?:the\s+)?(?:city\s+of\s+)?$")
NOT_PARTICIPANT = re.compile(
    r"(?:greetings|message|letter|on behalf of|instructions?|invitation|initiative|agreements? reached|decisions?"
    r" taken|agreed (?:up)?on by|according to|decree|named after|memory of|appointed by|reached by|between the"
    r" presidents|heads of state)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
TITLE_KEYWORD = re.compile(
    r"\b(?:Minister|President|Ambassador|Secretary|Chairman|Head|Deputy|Envoy|FM|Chief|Director|Representative"
    r"|Spokes\w+)\b"
)
TITLE_RUN = re.compile(r"(?:(?:[A-Z][\w’'\-]*|of|and|the|for|on|[–-])[ ]+)*(?:[A-Z][\w’'\-]*)[ ,]*$")
COUNTERPART = re.compile(
    r"\b(?:his|her|the|their)?\s*(?P<adj>Kazakh(?:stani)?|Russian)\s+(?:counterpart|colleague"
    r"|[Ff]oreign [Mm]inister|FM|top diplomat|Minister of Foreign Affairs)\b(?!\s*,?\s*[A-Z][a-z]+\s+[A-Z])"
    r"|\bhead of the (?P<adj2>Kazakh(?:stani)?|Russian) (?:Foreign Ministry|MFA|diplomacy|Foreign Office)\b"
)
TITLE_WORDS = (
    r"(?:(?:First\s+)?Deputy\s+(?:Foreign\s+Minister|Minister\s+of\s+Foreign\s+Affairs)|Foreign\s+Minister"
    r"|Minister\s+of\s+Foreign\s+Affairs|Ambassador(?:\s+Extraordinary\s+and\s+Plenipotentiary)?"
    r"|State\s+Secretary|Secretary\s+of\s+State|Special\s+(?:Envoy|Representative))"
)
UNKNOWN_TITLED = re.compile(
    rf"(?:(?P<adj>(?!Deputy\b|First\b)[A-Z][a-z]+)\s+)?(?P<title>{TITLE_WORDS})"
    r"(?:\s+of\s+(?:the\s+)?(?P<of>[A-Z][a-z]+(?:\s+Federation|\s+Republic)?))?"
    r"(?:\s+(?:to|in)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+Federation)?)?,?\s+"
    r"(?P<name>[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){1,2})"
)
UNKNOWN_PLACE = re.compile(
    r"\b(?:in|to)\s+(?:the\s+(?:city|town|village)\s+of\s+)?(?P<name>[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?)(?=\s+(?:city|town|on|"
    r"for|where|,)|[,.;]|\s*$)"
)
_MONTHS_AND_DAYS = {
    name.lower()[:3]
    for name in (
        "January February March April May June July August September October November December "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    ).split()
}
NAME_CANDIDATE = re.compile(r"\b[A-Z][a-z’'\-]{1,20}(?:\s+[A-Z][a-z’'\-]{2,25}){1,2}\b")
NAME_STOPWORDS = {
    "the",
    "foreign",
    "minister",
    "ministry",
    "deputy",
    "prime",
    "president",
    "ambassador",
    "affairs",
    "state",
    "secretary",
    "kazakh",
    "russian",
    "republic",
    "federation",
    "council",
    "forum",
    "plan",
    "joint",
    "action",
    "cooperation",
    "special",
    "first",
    "head",
    "during",
    "according",
    "also",
    "both",
    "his",
    "her",
    "in",
    "on",
    "great",
    "patriotic",
    "war",
    "victory",
    "day",
    "national",
    "mfa",
    "un",
    "general",
    "assembly",
    "eurasian",
    "economic",
    "union",
    "security",
    "treaty",
    "organization",
    "central",
    "asia",
    "middle",
    "east",
    "south",
    "north",
    "west",
    "caucasus",
    "interregional",
    "young",
    "leaders",
    "orthodox",
    "church",
    "cathedral",
    "park",
    "memorial",
    "museum",
    "flame",
    "eternal",
    "glory",
    "metropolitan",
    "heads",
    "of",
    "and",
}

TOPICS = [
    ("security", r"\bsecurity\b|\bstability\b"),
    ("trade-economic", r"\btrade\b|\beconomic\b|\beconomy\b|\binvestment"),
    ("cultural-humanitarian", r"\bcultur|\bhumanitarian\b"),
    ("interregional cooperation", r"\binter-?regional\b|\bcross-border\b|\bnear-border\b|\bborder regions\b"),
    ("energy", r"\benergy\b|\boil\b|\bgas\b|\bpipeline|\bnuclear power\b"),
    ("transport", r"\btransport\b(?![- ]logistics| and logistics)|\btransit\b"),
    ("transport-logistics", r"\btransport[- ]logistics\b|\btransport and logistics\b|\blogistics\b"),
    ("space", r"(?<!Eurasian )\bspace\b(?! of)|\bcosmodrome\b|\bBaikonur\b|\bBaiterek\b"),
    ("education and science", r"\beducation|\bscientific\b|\bscience\b"),
    ("integration", r"\bintegration\b"),
    (
        "WWII memory",
        r"\bGreat Patriotic War\b|\bSecond World War\b|\bWorld War II\b|\bVictory Day\b|\bEternal Flame\b"
        r"|\banniversary of (?:the )?(?:Great )?Victory\b",
    ),
    ("border security", r"\bborder security\b|\bborder protection\b"),
    ("border", r"\bborder (?:delimitation|demarcation)\b|\bstate border\b"),
    ("migration", r"\bmigra(?:tion|nts?)\b"),
    ("water", r"\btransboundary (?:rivers|water)|\bwater resources\b"),
    ("Caspian", r"\bCaspian\b"),
    ("military-technical", r"\bmilitary[- ]technical\b|\bdefen[cs]e (?:cooperation|industry)\b"),
    ("consular", r"\bconsular\b|\bvisa\b"),
    ("health", r"\bpandemic\b|\bCOVID\b|\bcoronavirus\b|\bvaccin"),
    ("agriculture", r"\bagricultur\w*|\bgrain\b"),
    ("nuclear non-proliferation", r"\bnon-?proliferation\b|\bnuclear weapons?\b"),
]
TOPICS = [(tag, re.compile(pattern, re.IGNORECASE)) for tag, pattern in TOPICS]

REGIONS = [
    ("Central Asia", r"\bCentral Asia(?:n)?\b(?![-–]Russia)"),
    ("South Caucasus", r"\b(?:South|Southern) Caucasus\b"),
    ("Middle East", r"\bMiddle East\b"),
    ("Ukraine", r"\bUkrain(?:e|ian)\b"),
    ("Afghanistan", r"\bAfghan(?:istan)?\b"),
    ("Syria", r"\bSyria(?:n)?\b"),
    ("Korean Peninsula", r"\bKorean Peninsula\b"),
    ("Nagorno-Karabakh", r"\bNagorno-Karabakh\b|\bKarabakh\b"),
    ("Iran nuclear programme", r"\bIran(?:ian)? nuclear\b"),
    ("Asia-Pacific", r"\bAsia-Pacific\b"),
    ("Europe", r"\bEuropean security\b"),
]
REGIONS = [(name, re.compile(pattern)) for name, pattern in REGIONS]

_ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
        " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_PAIR = r"(?:(?:Kazakhstan|Kazakh|Russia|Russian)[-–\s]+(?:Russia|Russian|Kazakhstan|Kazakh)[-–\s]+)?"
FORUM = re.compile(
    r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|[XVI]{1,6}|(?i:"
    + "|".join(_ORDINAL_WORDS)
    + r"))\s+"
    + _PAIR
    + r"(?:Forum\s+(?:of|on)\s+)?"
    + _PAIR
    + r"Inter[-\s]?[Rr]egional\s+[Cc]ooperation(?:\s+Forum)?"
    r"(?:\s+(?:between|of)\s+(?:Kazakhstan|Russia)\s+and\s+(?:Kazakhstan|Russia))?"
)
FORUM_SHORT = re.compile(r"(?P<ord>\d{1,2}(?:st|nd|rd|th))\s+Forum\b(?!\s+(?:of|on)\s+(?!Inter))")
SIDE_FORUM = re.compile(
    r"(?:the\s+)?(?P<name>\d{1,2}(?:st|nd|rd|th)\s+Forum\s+of\s+[A-Z][\w]*(?:\s+(?:[A-Z][\w]*|of|and))*)"
)
SIDE_EVENT_LINK = re.compile(
    r"\b(?:on the eve of the (?:event|forum)|on the sidelines of the forum|within the forum)\b", re.I
)

AGREEMENT_HEAD = (
    r"(?:[Pp]lan|[Pp]rogramme|[Pp]rogram|[Aa]greement|[Tt]reaty|[Mm]emorandum|[Pp]rotocol|[Rr]oad ?[Mm]ap"
    r"|[Dd]eclaration|[Jj]oint [Ss]tatement)"
)
AGREEMENT_PERIOD_FIRST = re.compile(
    r"(?P<p1>(?:19|20)\d{2})\s*[-–]\s*(?P<p2>(?:19|20)\d{2})\s+(?P<name>(?:[A-Z][\w-]*\s+){0,5}" + AGREEMENT_HEAD + r")"
)
AGREEMENT_PERIOD_LAST = re.compile(
    r"(?P<name>(?:(?:[Jj]oint|[Cc]omprehensive|[Cc]ooperation|[Aa]ction|[Cc]omprehensive)\s+)*"
    + AGREEMENT_HEAD
    + r"\b[^.;«»]{0,160}?\bfor\s+(?:the\s+(?:years?|period)\s+)?)(?P<p1>(?:19|20)\d{2})\s*[-–]\s*(?P<p2>(?:19|20)\d{2})"
)
AGREEMENT_NAMED = re.compile(
    r"(?P<name>(?:[A-Z][\w-]*\s+){0,3}(?:Treaty|Agreement|Memorandum|Protocol|Declaration|Joint Statement)"
    r"\s+(?:on|of|between|about)\s+[^.;,«»]{3,140}?)(?=\s+(?:was|were|is|has|had|which|that|signed)\b|[.;,]|$)"
)
SIGNED = re.compile(r"\bsign(?:ed|ing|s)?\b", re.IGNORECASE)
FUTURE = re.compile(
    r"\b(?:will|slated|scheduled|upcoming|oncoming|forthcoming|planned|to be held|to take place|next)\b", re.I
)
OWNED_DATE = re.compile(
    r"\b(?:signed|slated for|scheduled for|to be held|will be held|will take place|planned for|due)\s*(?:on\s+)?$", re.I
)


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

    @property
    def key(self):
        return self.person_id or f"new:{self.name_as_written.casefold()}"


@dataclass
class EventFinding:
    date: PartialDate
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

    @property
    def kind(self):
        if self.multilateral:
            return Kind.MULTILATERAL
        kinds = [k for k in self.kinds if k != Kind.MULTILATERAL] or [Kind.TALKS]
        return max(kinds, key=lambda k: KIND_RANK[k])

    @property
    def countries(self):
        return {p.country for p in self.participants.values()}

    def refine_date(self, date, basis, quote):
        # A day-precise date beats a coarser one; at the same precision a stated date beats an inferred one.
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


def _basis_rank(basis):
    from events.models import BASIS_RANK

    return BASIS_RANK.get(basis, -1)


def _precision_rank(precision):
    return {YEAR: 0, MONTH: 1, DAY: 2}[precision]


class Extractor:
    def __init__(self, article, gazetteer):
        self.article = article
        self.gaz = gazetteer
        self.reference = article.reference_date
        self.text = article.text
        self.people = self.gaz.people.find(self.text)
        self.places = self.gaz.places.find(self.text)
        self.orgs = self.gaz.organizations.find(self.text)
        self.countries = self.gaz.countries.find(self.text)
        self.full_names = {m.payload.person_id for m in self.people if not m.payload.surname_only}
        self.article_countries = {m.payload for m in self.countries} | {m.payload.country for m in self.people}
        self._people_cache = {}
        self.series_named = bool(FORUM.search(self.text))

    # --- the whole article -------------------------------------------------------------------------------------

    def run(self):
        forums = self.extract_forums()
        agreements = {}
        events = self.segment(forums, agreements)
        for event in events:
            self.place_event(event)
            self.complete_participants(event)
            event.name = self.multilateral_name(event) if event.multilateral else ""
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
                agreement.event = None
            if not agreement.parties and kept:
                agreement.parties = {KZ, RU}
            if not {KZ, RU} <= agreement.parties:
                del agreements[key]  # an agreement between other countries is not ours to record
        return Extraction(kept, dropped, forums, agreements)

    def segment(self, forums, agreements):
        events, current, pending = [], None, []
        for sentence in self.sentences():
            info = self.read_sentence(sentence, forums, agreements)
            if info["cue"]:
                target = self.choose_event(events, current, info, sentence)
                if target not in events:
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

    def within(self, matches, sentence):
        return [m for m in matches if sentence.start <= m.start and m.end <= sentence.end]

    def read_sentence(self, sentence, forums, agreements):
        text = sentence.text
        forum_spans = [(m.start(), m.end()) for m in FORUM.finditer(text)]
        agreement_found, agreement_spans = self.extract_agreements(sentence, agreements, forums)
        owned_after = [start for start, _ in forum_spans] + [start for start, _ in agreement_spans]
        dates = []
        for mention in find_dates(text, self.reference, "future" if FUTURE.search(text) else "past"):
            owned = any(start <= mention.start for start in owned_after)
            if owned or OWNED_DATE.search(text[: mention.start]):
                continue
            dates.append(mention)
        # "A plan of consultations" names a document, not the kind of contact.
        cue_text = text
        for start, end in agreement_spans:
            cue_text = cue_text[:start] + " " * (end - start) + cue_text[end:]
        kinds = {kind for kind, pattern in CUES if pattern.search(cue_text)}
        multilateral = bool(MULTILATERAL_CUE.search(text) and PARTICIPATION.search(text))
        sidelines = SIDELINES.search(text)
        if multilateral and sidelines and BILATERAL_VERB.search(text):
            # "On the sidelines of the summit, X met Y": the talks are bilateral; the summit is their setting.
            multilateral = len(self.sentence_people(sentence)) < 2
        if multilateral:
            kinds.add(Kind.MULTILATERAL)
        return {
            "cue": bool(kinds),
            "kinds": kinds,
            "multilateral": multilateral,
            "dates": dates,
            "agreements": agreement_found,
            "sidelines": bool(SIDELINES.search(text)),
        }

    def choose_event(self, events, current, info, sentence):
        date, basis = self.sentence_date(info, sentence)
        default = (current.date, current.date_basis) if current else self.default_date()
        if date is not None and date.precision != DAY and date.overlaps(default[0]):
            # "This year" in a lead says nothing the publication date does not say better.
            date, basis = None, None
        same_time = date is None or current is None or date.overlaps(current.date)
        multilateral = info["multilateral"]
        side_talks = (
            current is not None
            and current.multilateral
            and not multilateral
            and same_time
            and len(self.sentence_people(sentence)) >= 2
            and bool(info["sidelines"] or BILATERAL_VERB.search(sentence.text))
        )
        if current is not None and current.multilateral and not multilateral and not side_talks and same_time:
            multilateral = True  # a plain cue inside the account of a multilateral meeting belongs to it
        if date is None:
            if current is not None and current.multilateral == multilateral and not side_talks:
                return current
            date, basis = default
        if not side_talks:
            if current is not None and current.multilateral == multilateral and current.date.overlaps(date):
                return current
            if self.adopts(current, date, basis, multilateral):
                current.date, current.date_basis, current.date_quote = date, basis, quote_of(sentence)
                return current
            for event in reversed(events):
                if event.multilateral == multilateral and event.date.overlaps(date):
                    return event
        quote = quote_of(sentence) if basis in (Basis.STATED, Basis.INFERRED) else self.default_quote(basis)
        event = EventFinding(date=date, date_basis=basis, date_quote=quote, multilateral=multilateral)
        if side_talks:
            event.parent = current
        return event

    def adopts(self, current, date, basis, multilateral):
        """A contact dated only by the publication or dateline takes the first date the text states for it,
        when that date falls in the days just before."""
        if current is None or current.multilateral != multilateral or basis != Basis.STATED:
            return False
        if current.date_basis not in (Basis.PUBLICATION, Basis.DATELINE) or date.precision != DAY:
            return False
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
        return self.article.published, Basis.PUBLICATION

    def absorb(self, event, sentence, info):
        """Add what a sentence says to the contact it belongs to."""
        if sentence not in event.sentences:
            event.sentences.append(sentence)
        quote = quote_of(sentence)
        for mention in info["dates"]:
            basis = Basis.INFERRED if mention.relative else Basis.STATED
            event.refine_date(mention.date, basis, quote)
        if info["cue"]:
            for kind in info["kinds"]:
                event.kinds.setdefault(kind, quote)
            for person in self.sentence_people(sentence):
                event.participants.setdefault(person.key, person)
            if HOST_VERB.search(sentence.text) and not event.host:
                people = self.sentence_people(sentence)
                if people:
                    event.host = people[0].country
        elif event.participants and DISCUSSION.search(sentence.text):
            # "Karasin and Vassilenko discussed …": whoever discusses beside a participant took part too.
            people = self.sentence_people(sentence)
            if any(person.key in event.participants for person in people):
                for person in people:
                    event.participants.setdefault(person.key, person)
        for match in self.within(self.orgs, sentence):
            event.organizations.setdefault(match.payload, quote)
        for tag, pattern in TOPICS:
            if pattern.search(sentence.text):
                event.topics.setdefault(tag, quote)
        for name, pattern in REGIONS:
            if pattern.search(sentence.text):
                event.regions.setdefault(name, quote)
        for match in self.forum_mentions(sentence.text):
            edition = _edition(match.group("ord"))
            if edition and not re.search(r"sidelines of\s+(?:the\s+)?$", sentence.text[: match.start()]):
                event.forums.setdefault(edition, quote)
        for agreement in info["agreements"]:
            signed_here = agreement.signed and agreement.forum_edition is None
            if (
                signed_here
                and agreement.event is None
                and (agreement.date is None or agreement.date.overlaps(event.date))
            ):
                agreement.event = event
                if agreement.date is None:
                    agreement.date, agreement.date_basis = event.date, Basis.INFERRED
            elif agreement.event is not event:
                event.agreements_discussed.setdefault(agreement.key, quote)

    # --- people ------------------------------------------------------------------------------------------------

    def sentence_people(self, sentence):
        if sentence.index in self._people_cache:
            return self._people_cache[sentence.index]
        found, covered = [], []
        floor = sentence.start
        for match in self.within(self.people, sentence):
            ref = match.payload
            if (
                ref.surname_only
                and ref.person_id not in self.full_names
                and not self.gaz.active_on(ref.person_id, self.reference.value)
            ):
                continue
            covered.append((match.start, match.end))
            title_floor, floor = floor, match.end
            if NOT_PARTICIPANT.search(self.text[sentence.start : match.start]):
                continue
            title = self.title_before(title_floor, match.start) or self.title_after(match.end, sentence.end)
            found.append(PersonFinding(ref.person_id, match.text, ref.country, title, quote_of(sentence)))
        found.extend(self.unknown_people(sentence, covered))
        found.extend(self.counterparts(sentence, found))
        unique = {}
        for person in found:
            unique.setdefault(person.key, person)
        result = list(unique.values())
        self._people_cache[sentence.index] = result
        return result

    def title_before(self, start, position):
        before = self.text[start:position]
        match = TITLE_RUN.search(before)
        if not match:
            return ""
        title = match.group(0).strip(" ,")
        title = re.sub(r"^(?:(?:of|and|the|for|on|The|[–-])\s+)+", "", title)
        return title if TITLE_KEYWORD.search(title) else ""

    def title_after(self, position, end):
        after = self.text[position:end]
        match = re.match(rf",\s+(?:the\s+)?(?P<title>{TITLE_WORDS}(?:\s+of\s+(?:the\s+)?[A-Z]\w+)?)", after)
        return match.group("title") if match else ""

    def unknown_people(self, sentence, covered):
        found = []
        for match in UNKNOWN_TITLED.finditer(sentence.text):
            start = sentence.start + match.start("name")
            end = sentence.start + match.end("name")
            if any(s < end and start < e for s, e in covered):
                continue
            name = match.group("name")
            words = [w.lower() for w in name.split()]
            if any(w in NAME_STOPWORDS for w in words) or self._is_known_word(start, end):
                continue
            country = self._country_of(match.group("adj")) or self._country_of(match.group("of"))
            title_start = match.start("adj") if self._country_of(match.group("adj")) else match.start("title")
            title = sentence.text[title_start : match.start("name")].strip(" ,")
            fuzzy = self.fuzzy_person(name)
            if fuzzy:
                found.append(PersonFinding(fuzzy, name, self.gaz.person_country[fuzzy], title, quote_of(sentence)))
            elif country:
                found.append(PersonFinding(None, name, country, title, quote_of(sentence)))
            covered.append((start, end))
        if any(CUE.search(sentence.text) for _, CUE in CUES):
            for match in NAME_CANDIDATE.finditer(sentence.text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if any(s < end and start < e for s, e in covered) or self._is_known_word(start, end):
                    continue
                fuzzy = self.fuzzy_person(match.group(0))
                if fuzzy:
                    found.append(
                        PersonFinding(fuzzy, match.group(0), self.gaz.person_country[fuzzy], "", quote_of(sentence))
                    )
        return found

    def _is_known_word(self, start, end):
        for matches in (self.places, self.orgs, self.countries):
            if any(m.start < end and start < m.end for m in matches):
                return True
        return False

    def _country_of(self, text):
        if not text:
            return ""
        found = self.gaz.countries.find(text)
        return found[0].payload if found else ""

    def fuzzy_person(self, name):
        """A known person whose name is spelt a little differently (Lavrow, Nurtleou)."""
        words = [w for w in re.split(r"[\s\-]+", name.lower()) if w]
        if len(words) < 2 or any(w in NAME_STOPWORDS for w in words):
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
        """'His Kazakh counterpart' without a name is whoever held that office on the day."""
        found = []
        for match in COUNTERPART.finditer(sentence.text):
            country = self._country_of(match.group("adj") or match.group("adj2"))
            if not country or any(p.country == country for p in named):
                continue
            person_id = self.gaz.office_holder(Position.Office.FOREIGN_MINISTER, country, self.reference.value)
            if person_id:
                name = self.gaz.person_names[person_id]
                found.append(PersonFinding(person_id, name, country, "", quote_of(sentence), inferred=True))
        return found

    def complete_participants(self, event):
        # "His Kazakh counterpart" stands for the minister only when the text names nobody else from Kazakhstan:
        # a deputy's counterpart named elsewhere is the counterpart meant.
        named = {p.country for p in event.participants.values() if not p.inferred}
        for key, person in list(event.participants.items()):
            if person.inferred and person.country in named:
                del event.participants[key]
        for person in event.participants.values():
            if person.person_id and not person.title:
                term = self.gaz.position_on(person.person_id, event.date.value)
                if term:
                    person.title, person.title_stated = term.title, False
        if event.parent is not None and not {KZ, RU} <= event.countries:
            for person in event.parent.participants.values():
                if person.country in {KZ, RU} - event.countries:
                    event.participants.setdefault(person.key, person)

    # --- places ------------------------------------------------------------------------------------------------

    def place_event(self, event):
        participants = {p.person_id for p in event.participants.values()}
        for sentence in event.sentences:
            for match in self.within(self.countries, sentence):
                if VISIT_TARGET.search(self.text[sentence.start : match.start]) and not event.host:
                    event.host = match.payload
        candidates = []
        for sentence in event.sentences:
            for match in self.within(self.places, sentence):
                if self._place_owned_by_forum(sentence, match):
                    continue
                before = self.text[sentence.start : match.start]
                if not PLACE_PREPOSITION.search(before):
                    continue
                named = len(participants & {p.person_id for p in self.sentence_people(sentence)})
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
                    and PLACE_PREPOSITION.search(before)
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
        dateline = self.article.dateline_date
        if dateline and self.article.dateline_city and dateline.overlaps(event.date):
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

    def unknown_place(self, event):
        """'Talks in Zhezkazgan': a town the reference data does not know becomes a new place, for review, in the
        host country. Only in a contact sentence that names a participant, and never a known word."""
        if not event.host:
            return
        participants = {p.person_id for p in event.participants.values()}
        for sentence in event.sentences:
            if not any(p.person_id in participants for p in self.sentence_people(sentence)):
                continue
            if not any(pattern.search(sentence.text) for _, pattern in CUES):
                continue
            for match in UNKNOWN_PLACE.finditer(sentence.text):
                start, end = sentence.start + match.start("name"), sentence.start + match.end("name")
                name = match.group("name")
                if (
                    name.lower() in NAME_STOPWORDS
                    or name.lower()[:3] in _MONTHS_AND_DAYS
                    or self._is_known_word(start, end)
                    or any(m.start < end and start < m.end for m in self.people)
                ):
                    continue
                event.place = PlaceRef(None, name, event.host, "new", None, None)
                event.place_as_written, event.place_basis = name, Basis.STATED
                event.place_quote = quote_of(sentence)
                return

    def _in_other_event(self, sentence, event):
        # A sentence that reports a contact on another date places that contact, not this one.
        if sentence is None or sentence in event.sentences:
            return False
        return any(not m.date.overlaps(event.date) for m in find_dates(sentence.text, self.reference) if not m.relative)

    def _sentence_at(self, position):
        for sentence in self.article.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return None

    def _place_owned_by_forum(self, sentence, match):
        before = self.text[sentence.start : match.start]
        return bool(FORUM.search(before) or SIDE_FORUM.search(before) or re.search(r"\bForum\b[^.]{0,60}$", before))

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
                next_forum = FORUM.search(after) or FORUM_SHORT.search(after)
                scope = after[: next_forum.start()] if next_forum else after
                for place in self.gaz.places.find(scope):
                    if re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:city\s+of\s+)?$", scope[: place.start]):
                        if forum.place is None:
                            forum.place, forum.place_as_written = place.payload, place.text
                            forum.quotes["place"] = quote_of(sentence)
                        break
                prefer = "future" if FUTURE.search(text) else "past"
                for mention in find_dates(scope, self.reference, prefer):
                    if forum.date is None or _precision_rank(mention.date.precision) > _precision_rank(
                        forum.date.precision
                    ):
                        forum.date, forum.date_basis = mention.date, Basis.STATED
                        forum.quotes["date"] = quote_of(sentence)
                    break
                last = forum
            if last is not None and (not matches or SIDE_EVENT_LINK.search(text)):
                for side in SIDE_FORUM.finditer(text):
                    name = side.group("name").strip()
                    if not FORUM.search(name) and SIDE_EVENT_LINK.search(text) and name not in last.side_events:
                        last.side_events.append(name)
                        last.quotes.setdefault("side_events", quote_of(sentence))
        return forums

    def forum_mentions(self, text):
        """Editions of the interregional forum; "the 16th Forum" counts once the article has named the series."""
        full = list(FORUM.finditer(text))
        if not self.series_named:
            return full
        spans = [(m.start(), m.end()) for m in full]
        short = [m for m in FORUM_SHORT.finditer(text) if not any(s <= m.start() < e for s, e in spans)]
        return sorted(full + short, key=lambda m: m.start())

    def extract_agreements(self, sentence, agreements, forums):
        text = sentence.text
        found = []
        for pattern in (AGREEMENT_PERIOD_FIRST, AGREEMENT_PERIOD_LAST):
            for match in pattern.finditer(text):
                period = (int(match.group("p1")), int(match.group("p2")))
                if period[1] < period[0]:
                    continue
                if pattern is AGREEMENT_PERIOD_FIRST:
                    title = f"{_capitalize(match.group('name'))} {period[0]}-{period[1]}"
                else:
                    title = _capitalize(match.group(0).strip())
                found.append((match, title, period))
        if SIGNED.search(text) and not found:
            for match in AGREEMENT_NAMED.finditer(text):
                found.append((match, _capitalize(match.group("name").strip()), None))
        result, spans = [], []
        for match, title, period in found:
            spans.append((match.start(), match.end()))
            kind = _agreement_kind(title)
            key = f"{kind}:{period[0]}-{period[1]}" if period else re.sub(r"\W+", " ", title.lower()).strip()
            agreement = agreements.get(key)
            signed = bool(SIGNED.search(text))
            if agreement is None:
                agreement = AgreementFinding(key, title, kind, period, signed, quote_of(sentence))
                agreements[key] = agreement
            elif signed and not agreement.signed:
                agreement.signed = True
            after = text[match.end() :]
            forum_match = FORUM.search(after)
            if (
                signed
                and forum_match
                and re.search(r"sidelines of\s+(?:the\s+)?$|at\s+(?:the\s+)?$", after[: forum_match.start()])
            ):
                agreement.forum_edition = _edition(forum_match.group("ord"))
            if signed and agreement.date is None:
                scope = after[: forum_match.start()] if forum_match else after
                dates = find_dates(scope, self.reference, "past")
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
        if event.multilateral:
            members = [self.gaz.org_members.get(org, set()) for org in event.organizations]
            both_members = any({KZ, RU} <= m for m in members)
            if {KZ, RU} <= countries:
                return ""
            if countries & {KZ, RU} and both_members and {KZ, RU} <= self.article_countries:
                return ""
            return "a multilateral meeting without both Kazakhstan and Russia"
        if not {KZ, RU} <= countries:
            return "not a Kazakhstan–Russia contact (participants from " + ", ".join(sorted(countries)) + ")"
        return ""


def _edition(text):
    if text[:-2].isdigit():
        return int(text[:-2])
    if text.lower() in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[text.lower()]
    if _ROMAN.match(text):
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
