"""English: the cue words, title patterns, case-free name shapes and phrases the extractor reads."""

import re

from events.models import Meeting

Kind = Meeting.Kind
CODE = "en"

# --- names -------------------------------------------------------------------------------------------------------

# One Russian or Kazakh name has several Latin spellings, by the romanisation an outlet follows: Toqaev and Tokayev,
# Qasym-Zhomart and Kassym-Jomart, Sergei and Sergey, Abdrahmanov and Abdrakhmanov, Erlan and Yerlan, Aleksei and
# Alexey. Names are looked up by a key on which these spellings agree.
_ROMANISATION = [
    (re.compile(r"x"), "ks"),
    (re.compile(r"q"), "k"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"dj|j"), "zh"),
    (re.compile(r"(.)\1+"), r"\1"),  # Kassym and Kasym, Idrissov and Idrisov
    (re.compile(r"^ye"), "e"),  # Yerlan and Erlan, Yevgeny and Evgeny
    (re.compile(r"(?<=[aeiou])ye"), "e"),  # Tokayev and Tokaev
    (re.compile(r"(?<=[aeiou])i$"), "y"),  # Sergei and Sergey, Nikolai and Nikolay
    (re.compile(r"(?<=[^aeiou])(?:iy|ii|y)$"), "i"),  # Yuriy, Yurii, Yury and Yuri
]


def spelling_key(word):
    """The key under which the Latin spellings of one name agree; ``word`` is already case- and accent-folded."""
    for pattern, replacement in _ROMANISATION:
        word = pattern.sub(replacement, word)
    return word


def looks_like_name(name):
    """Whether capitalised words can be a person's name: in English every shape of name is possible."""
    return bool(name.strip())


# --- dates ------------------------------------------------------------------------------------------------------

MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"

PATTERNS = [
    (
        "range",
        re.compile(
            rf"\b(?P<d1>\d{{1,2}}){_ORD}\s*[-–]\s*(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m>{MONTH_PATTERN})(?:,?\s+(?P<y>\d{{4}}))?"
        ),
    ),
    (
        "range",
        re.compile(
            rf"\b(?P<m>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}}){_ORD}\s*[-–]\s*(?P<d2>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>\d{{4}}))?"
        ),
    ),
    # "from April 10 to 12", "between 10 and 12 April": the first day is where the range starts.
    (
        "range",
        re.compile(
            rf"\b(?:from|between)\s+(?P<m>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}}){_ORD}\s+(?:to|and|through|until)\s+"
            rf"(?P<d2>\d{{1,2}}){_ORD}\b(?!\s*{MONTH_PATTERN})(?:,?\s+(?P<y>\d{{4}}))?"
        ),
    ),
    (
        "range",
        re.compile(
            rf"\b(?:from|between)\s+(?P<d1>\d{{1,2}}){_ORD}\s+(?:to|and|through|until)\s+(?P<d2>\d{{1,2}}){_ORD}\s+"
            rf"(?P<m>{MONTH_PATTERN})(?:,?\s+(?P<y>\d{{4}}))?"
        ),
    ),
    ("span", re.compile(rf"\b\d{{1,2}}{_ORD}\s+(?:of\s+)?{MONTH_PATTERN}(?:,?\s+\d{{4}})?(?![\w-])")),
    ("span", re.compile(rf"\b{MONTH_PATTERN}\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?(?![\w-])")),
    ("span", re.compile(rf"\b{MONTH_PATTERN}\s+\d{{4}}\b")),
    (
        "month",
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ll]ast|[Tt]his)\s+(?:early\s+|late\s+|mid-)?(?P<m>{MONTH_PATTERN})(?![\w.]|\s+\d)"
        ),
    ),
    ("iso", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("dotted", re.compile(r"\b(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})\b")),
    ("year", re.compile(r"\b(?:in|since|during)\s+(?P<y>(?:19|20)\d{2})\b(?![-–]\d)")),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b", re.IGNORECASE)),
    ("yesterday", re.compile(r"\byesterday\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:on\s+)?(?P<w>{_WEEKDAY})\b")),
    ("this_year", re.compile(r"\bthis year\b", re.IGNORECASE)),
    ("last_year", re.compile(r"\blast year\b", re.IGNORECASE)),
    ("next_year", re.compile(r"\bnext year\b", re.IGNORECASE)),
    ("ago", re.compile(r"\b(?:\d+|two|three|four|five|a few) days ago\b", re.IGNORECASE)),
    ("earlier", re.compile(r"^\s*(?:Earlier|Previously|Prior to that)\b(?!\s+(?:today|this))")),
]
# A weekday with its day and month: together with who held office, it fixes the year of an undated article.
WEEKDAY_DATE = re.compile(
    rf"\b(?P<w>{_WEEKDAY}),?\s+(?:(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{MONTH_PATTERN})|(?P<m2>{MONTH_PATTERN})\s+(?P<d2>\d{{1,2}}){_ORD})"
    r"(?!,?\s+\d{4})"
)
# The day of the report stated with "today": "said today, April 8, in Nur-Sultan".
TODAY_DATE = re.compile(
    rf"\btoday,?\s+(?:(?P<m>{MONTH_PATTERN})\s+(?P<d>\d{{1,2}}){_ORD}|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{MONTH_PATTERN}))"
    r"(?!,?\s+\d{4})",
    re.IGNORECASE,
)
EVE = re.compile(r"on the eve of\s+(?:the\s+)?$")

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    name[:3]: number
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(), start=1
    )
}


def month_number(text):
    return MONTHS[text.strip(".").lower()[:3]]


def weekday_number(text):
    return WEEKDAYS.index(text.lower())


# A dated line on its own near the top: "April 11, 2023, 16:25", "14 June 2016, 18:42", "11.04.2023 16:25".
TIMESTAMP = re.compile(
    r"^\s*(?:(?:Published|Updated|Posted)\s*:?\s*|By\s+[\w .’'-]{2,60}?\s+on\s+)?"
    rf"(?:{_WEEKDAY},?\s+)?(?P<date>\d{{1,2}}\s+{MONTH_PATTERN},?\s+\d{{4}}"
    rf"|{MONTH_PATTERN}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:[,\s]+(?:at\s+)?\d{1,2}:\d{2}(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC|[+-]\d{1,2}))?)?\s*[,|\-–—]?\s*(?P<rest>.{0,60})$"
)
# Captions, links and calls to share or subscribe around the text of a page.
NOISE = re.compile(
    r"^\s*(?:also read|read also|read more|see also|related(?: news)?|photo(?:s| credit| courtesy)?|source|follow us"
    r"|subscribe|share|tags)\s*[:©|]|^\s*photo\s+by\b|^\s*(?:share this(?: article)?|subscribe to\b.*|print)\s*$",
    re.IGNORECASE,
)
# The date part of a dateline: "MOSCOW, April 11 /TASS/", "ASTANA, July 3 (Xinhua) --".
DATELINE_DATE = rf"\d{{1,2}}\s+{MONTH_PATTERN}(?:\s+\d{{4}})?|{MONTH_PATTERN}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"


CUES = [
    (Kind.PHONE_CALL, r"\b(?:tele)?phone\b|\bphoned\b|\bvideo ?(?:conference|call|link)\b|\bvideoconference\b"),
    (Kind.CONSULTATIONS, r"\bconsultations\b"),
    (Kind.STATE_VISIT, r"\bstate visit\b"),
    (Kind.OFFICIAL_VISIT, r"\bofficial visit\b"),
    (Kind.WORKING_VISIT, r"\bworking visit\b"),
    (
        Kind.CEREMONY,
        r"\bceremony\b|\breception\b|\blaid (?:flowers|a wreath|wreaths)\b"
        r"|\b(?:was|were) (?:welcomed|greeted|met)(?= (?:at|by|on arrival)\b)|\bcredentials\b|\bletters? of credence\b"
        r"|\blaying (?:of )?(?:flowers|a wreath|wreaths)\b",
    ),
    # A démarche: an envoy summoned or a note handed over, told with the envoy as the object of the verb.
    (
        Kind.DEMARCHE,
        r"\bsummon(?:ed|s|ing)?\b|\bnotes? of protest\b|\bprotest notes?\b|\bd[ée]marche\b"
        r"|\bcalled in (?:the |a )?(?:\w+ )?(?:ambassador|charg[ée] d['’]affaires|envoy)\b"
        r"|\bhanded (?:over )?(?:him |her |(?:the |a )?(?:\w+ )?(?:diplomat|ambassador|envoy) )?(?:a |the )?"
        r"(?:diplomatic |protest )?note\b"
        r"|\b(?:was|were) invited to the (?:\w+ )?(?:Foreign Ministry|Ministry of Foreign Affairs|MFA)\b",
    ),
    # A message: a letter, telegram or congratulations sent from one to the other.
    (
        Kind.MESSAGE,
        r"\b(?:congratulatory|condolence|sympathy) (?:message|letter|telegram)s?\b"
        r"|\b(?:message|letter|telegram)s? of (?:congratulations?|condolences?|sympathy)\b"
        r"|\b(?:sent|addressed|exchanged|received|extended) (?:a |an |his |her |their )?(?:\w+ )?"
        r"(?:message|letter|telegram|greeting|congratulation|condolence)s?\b"
        r"|\b(?:his|her|their|the|a|an)\s+(?:\w+\s+)?(?:message|letter|telegram)\s+to\b"
        r"|\bcongratulated\b|\b(?:expressed|offered|conveyed) (?:his |her |their )?(?:deep(?:est)? )?condolences\b",
    ),
    (
        Kind.TALKS,
        # "a model of relations that meets today's needs": meeting a need, not a person.
        r"\btalks\b|\bnegotiations\b|\bdiscussions\b|\bmet\b|(?<!that )(?<!which )(?<!\bit )\bmeets?\b|\bmeeting\b"
        # "received the ambassador", not "received credentials" or "received a message": a person received; a
        # headline tells it in the present ("President Tokayev receives Ambassador of Russia").
        r"|\bconversation\b|\b(?:received|receives|(?:will|to) receive)\b"
        r"(?![^,.;]{0,40}?\b(?:credentials|cop(?:y|ies)|message|letter|telegram|note|greetings?|congratulations?)\b)"
        r"|\bjoint (?:press|news) conference\b"
        # "X discussed trade with Y": a discussion with someone is a meeting with him (one clause, no full stop).
        r"|\bdiscussed\b(?=[^.;:]{0,60}?\bwith\b)"
        r"|\bvisit(?:s|ed|ing)?\b|\barriv(?:ed|es|al)\b",
    ),
]
CUES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in CUES]

MULTILATERAL_CUE = re.compile(
    r"\b(?:Council|Conference|Meeting) of (?:the )?(?:Foreign )?Ministers\b"
    # "a meeting of the Ministers of Foreign Affairs of the Caspian littoral states"; not "a meeting of the ministers",
    # which is as often the two sides' talks, nor one "of the two countries".
    r"|\b[Mm]eeting of (?:the )?(?:[Ff]oreign )?[Mm]inisters (?:of [Ff]oreign [Aa]ffairs )?of (?:the )?"
    r"(?:(?!two\b|both\b|our\b)[\w'’-]+ ){0,3}(?:member )?(?:states|countries|nations)\b"
    r"|\bForeign Ministers['’]? (?:Council|[Mm]eeting|[Cc]onference)\b|\bCFM\b"
    r"|\bministerial (?:meeting|council|conference|session)\b|\bsummit\b|\bdelegations\b"
    # "in the Central Asia plus Russia format"; not the format of two sides' talks ("expanded-format talks").
    r"|\b(?<!expanded[- ])(?<!extended[- ])(?<!restricted[- ])(?<!narrow[- ])(?<!limited[- ])format\b"
    # "the eighth meeting of Central Asian foreign ministers", "a gathering of the Caspian states' foreign ministers";
    # not "a meeting of the two ministers" nor "of Kazakh and Russian ministers".
    r"|\b(?:[Mm]eeting|[Gg]athering|[Cc]onference|[Cc]ouncil|[Ss]ession) of (?:the )?"
    r"(?:(?!two\b|both\b|and\b|the\b|[Ff]oreign\b)[\w'’-]+ ){1,5}(?:[Ff]oreign )?[Mm]inisters\b"
)
# Ministers as a group: with three countries or more named beside them, a meeting of many.
MINISTERS = re.compile(r"\bministers\b", re.IGNORECASE)
# Ministers of a group of states: "the foreign ministers of the SCO member states", "the Caspian states' foreign
# ministers", "CSTO foreign ministers" (an organization's acronym); not "the foreign ministers of the two countries".
MINISTERS_OF_MANY = re.compile(
    # "the foreign ministers of the Shanghai Cooperation Organization (SCO) member countries"
    r"\b[Mm]inisters of (?:[Ff]oreign [Aa]ffairs of )?(?:the )?"
    r"(?:(?!two\b|both\b|our\b)[\w'’-]+ (?:\([A-Z]{2,6}\) )?){0,4}(?:member )?"
    r"(?:states|countries|nations)\b"
    # not "our countries' foreign ministers", the two sides'
    r"|(?<!\bour )(?<!\btwo )(?<!\bboth )\b(?:states|countries|nations)['’] (?:[Ff]oreign )?[Mm]inisters\b"
    r"|\b(?P<org>[A-Z]{2,5}) (?:[Ff]oreign )?[Mm]inisters\b"
)
# The gathering whose name the ministers are part of: "the Council of Foreign Ministers of the SCO member states".
GATHERING_OF = re.compile(
    r"\b(?:council|meeting|conference|session|gathering)\s+of\s+(?:the\s+)?(?:foreign\s+)?$", re.I
)
# A meeting of ministers, not of heads of state: talks on its sidelines are part of it.
MINISTERIAL = re.compile(r"\bMinisters\b|\bCFM\b|\bministerial\b", re.IGNORECASE)
PARTICIPATION = re.compile(
    r"\b(?:welcom\w*|attend\w*|took part|take part|taking part|participat\w*|chair\w*|open\w*|held|hold\w*|began"
    r"|address\w*|as part of|within the framework of|on the sidelines of|was held|took place|arriv\w*"
    r"|ended|concluded|convened|hosted|was the venue|met)\b",
    re.IGNORECASE,
)
BILATERAL_VERB = re.compile(
    r"\b(?:talks with|held talks|met with|meeting with|met his|met her|met\b|bilateral)", re.IGNORECASE
)
# People who joined a contact already told: "the foreign ministers took part in the talks".
JOINED = re.compile(
    r"\b(?:took part|taking part|participated|joined|also attended|attended by|attending|are attending"
    r"|(?:was|were) (?:also )?present|(?:is|are|was|were) represented by|among them (?:was|were))\b",
    re.IGNORECASE,
)
DISCUSSION = re.compile(
    r"\b(?:discussed|talked|exchanged views|reviewed|signed|headed(?! by)|led(?= the\b))\b", re.IGNORECASE
)


def discussant(name, before_verb, inferred=False, listed=None):
    """Whether a person named beside a verb is its subject: in English the subject comes first."""
    return before_verb


# Verbs whose subjects are named after them: "the delegations were led by …".
LED_BY = re.compile(r"\b(?:delegations? (?:was|were) (?:led|headed) by|led by|headed by|heading the)\b", re.IGNORECASE)
# Words before a cue that make it the subject of the talks, not the contact: "preparations for the visit".
PREPARATION = re.compile(r"\b(?:preparations? (?:for|of)|preparing(?: for)?)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
# Who spoke at a ceremony or a meeting of many: "Addressing the guests, X said", "In turn, Y noted".
SPEECH = re.compile(
    r"\b(?:addressing|addressed|speaking at|spoke at|took the floor|in (?:his|her) turn|in turn"
    r"|in (?:his|her) (?:welcoming |opening |closing )?(?:speech|remarks|address))\b",
    re.IGNORECASE,
)
# Where a sentence's second clause may begin: "…, and I have just come from a meeting with …", "… and was received
# by …", "…; later he met …".
CLAUSE_JOIN = re.compile(r",\s+and\s+|;\s+|\s+and\s+(?=(?:was|were|then|later|also|afterwards)\b)")
# A verb of saying, for who speaks at a meeting of many ("Russian Foreign Minister Lavrov said …").
SAID = re.compile(
    r"\b(?:said|noted|stressed|urged|proposed|set out|pointed out|emphasi[sz]ed|called (?:on|for))\b", re.IGNORECASE
)
SIDELINES = re.compile(r"\bon the (?:sidelines|margins|fringes)\b", re.IGNORECASE)
# A sentence about the contact just told, by its name: "The discussion took place via video conference".
CONTACT_SUBJECT = re.compile(r"^\s*(?:The|This|Their)\s+(?:discussion|talks|meeting|conversation|negotiations)\b")
# An envoy named before, made the subject by his title alone: "The ambassador was summoned to the ministry".
ENVOY_SUBJECT = re.compile(r"^\W*The\s+(?:ambassador|envoy|chargé d'affaires)\s+(?:was|had been|has been)\b")
# A visit said to be someone's, by a possessive pronoun: "his first official visit".
OWN_VISIT = re.compile(r"\b(?:his|her)\s+(?:[\w-]+\s+){0,2}visit\b", re.IGNORECASE)
# A traveller's arrival: done by one side alone, it is not yet a contact with the other.
ARRIVAL = re.compile(r"\barriv(?:ed|es|al)\b", re.IGNORECASE)
# The one who hosts, named after a passive: "Lavrov was received by President Tokayev".
PASSIVE_HOST = re.compile(r"\b(?:was|were)\s+(?:also\s+)?(?:received|welcomed|hosted|greeted)\s+by\b", re.IGNORECASE)
# The one who hosts: "X received Y" (not "Y was received by X").
HOST_VERB = re.compile(r"\b(?:welcomed|hosted|greeted|received)\b(?!\s+by\b)", re.IGNORECASE)
# A capital named by its country: "in the Kazakh capital", "the Russian capital".
CAPITAL = re.compile(
    r"\b(?:the\s+)?(?:(?P<adj>Kazakh(?:stani)?|Russian)\s+capital|capital\s+of\s+(?P<of>Kazakhstan|Russia))\b"
)
# A country's adjective that qualifies a person, not a destination: "his visiting Kazakh counterpart".
NATIONALITY_OF_PERSON = re.compile(
    r"^\s+(?:counterpart|colleague|minister|foreign|deputy|delegation|FM|top|president|prime|ambassador|side)\b", re.I
)
VISIT_TARGET = re.compile(r"\b(?:visit(?:s|ed|ing)?(?: to)?|arriv(?:ed|es|ing) in|trip to|tour of)\s+(?:the\s+)?$")
# The visitor between the visit and where it went: "the official visit of Kazakh Foreign Minister X to Russia".
VISITOR_TARGET = re.compile(r"\b(?:visit|trip)s?\s+(?:of|by)\s+(?P<visitor>[^.;:!?]{2,120}?)\s+to\s+(?:the\s+)?$")
# A city as the subject of hosting: "Almaty was the venue of the council", "Astana hosted the meeting".
PLACE_HOSTS = re.compile(r"\s*(?:city\s+)?(?:hosted|was the venue (?:of|for)|played host to)\b", re.IGNORECASE)
# A city as what a visitor visited: "Nurtleu visited Moscow", "Moscow was visited by Nurtleu".
VISITED_BEFORE = re.compile(r"\bvisited\s+(?:the\s+city\s+of\s+)?$", re.IGNORECASE)
VISITED_AFTER = re.compile(r"\s+was\s+visited\s+by\b", re.IGNORECASE)
# A city in an envoy's title is his posting, not where a contact is: "Consul General of Russia in Almaty X",
# "Kazakh Ambassador to Moscow X".
POSTED_AT = re.compile(
    r"\b(?:[Aa]mbassador|[Cc]onsul(?:[- ][Gg]eneral)?|[Cc]harg[ée]\s+d['’][Aa]ffaires)"
    r"(?:\s+(?:of|to)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+Federation)?)?\s+(?:in|to)\s+(?:the\s+)?$"
)
PLACE_PREPOSITION = re.compile(
    r"\b(?:(?:in|to|at|into)\s+(?:the\s+)?(?:(?:[A-Z][a-z]+\s+)?(?:city|town|resort\s+town|village)\s+of\s+)?"
    r"|before (?:leaving|departing(?: from)?|flying out of|(?:his|her|their) departure from)\s+)$",
    re.IGNORECASE,
)
NOT_PARTICIPANT = re.compile(
    r"(?:greetings|message|letter|on behalf of|instructions?|initiative|agreements? reached"
    r"|decisions? (?:taken|of|by|made)|agreed (?:up)?on by|according to|decree|named after|memory of"
    r"|(?<!newly )(?<!newly-)appointed"
    r"|reached by|between the presidents|heads of state|state visit of"
    r"|(?:upcoming|forthcoming|coming|oncoming|planned|scheduled|future) (?:state |official |working )?visit"
    r"(?: to (?:the )?[A-Z]\w+(?: Federation)?)? of"
    r"|preparations? (?:for|of)|preparing (?:for )?|implement\w*|congratulat\w*|condolences"
    # What the contact is set against: "discussed the agenda in the context of President X's visit".
    r"|in the context of|in (?:the )?light of|on the eve of)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
# English quotes speech in quotation marks, or without them before the verb of saying (SPEECH_FIRST).
DASH_QUOTE = re.compile(r"(?!)")
# Words said, told before the verb of saying that introduces them: "The summit will take place next year, Lavrov told
# a press conference following the meeting" (the last comma before a speaker of a few words and the verb); not "After
# the talks, Lavrov said that …", where what was said follows the verb.
SPEECH_FIRST = re.compile(
    r"^\s*[^\"“”]{12,},\s*(?=(?:[\w.'’-]+\s+){1,6}?(?:said|says|told|added|noted|stressed|stated|explained)\b"
    r"(?!,?\s+that\b))"
)
# The office of an international organization as a title just before a name: "CSTO Secretary General X", "Secretary
# General of the Conference on Interaction … (CICA) Ambassador X".
ORGANIZATION_OFFICE = re.compile(r"\bSecretary[- ]General\b(?:\s+of\s+[^,;]{0,100}?)?\s*$", re.IGNORECASE)
# A ministry named with its country: an official named after it without a country of their own serves it
# ("summoned to the Kazakh Foreign Ministry, where Deputy Minister X handed him a note").
MINISTRY = re.compile(
    r"\b(?P<adj>Kazakh(?:stani)?|Russian|Kazakhstan['’]s|Russia['’]s)\s+(?:Foreign\s+Ministry|Ministry\s+of\s+Foreign\s+Affairs|MFA)\b"
    r"|\b(?:Foreign\s+Ministry|Ministry\s+of\s+Foreign\s+Affairs|MFA)\s+of\s+(?P<of>Kazakhstan|Russia)\b"
)
# The title of a transcript: the words of the one it names ("Foreign Minister Sergey Lavrov's remarks and answers").
TRANSCRIPT_TITLE = re.compile(
    r"['’]s?\s+(?:opening\s+|introductory\s+)?(?:remarks|speech|statement|address|interview|answers|replies|comments)\b"
    r"|\b(?:remarks|speech|statement|interview|answers to (?:media )?questions) (?:by|of)\b",
    re.IGNORECASE,
)
# In a sentence that reports a message, everyone named wrote or received it, except those it was sent for.
ON_BEHALF = re.compile(r"\b(?:on behalf of|on the instructions? of|instructed by)\s+[^.;]{0,60}$", re.IGNORECASE)
TITLE_KEYWORD = re.compile(
    r"\b(?:Minister|President|Ambassador|Secretary|Chairman|Head|Deputy|Envoy|FM|Chief|Director|Representative"
    r"|Spokes\w+)\b"
)
TITLE_RUN = re.compile(r"(?:(?:[A-Z][\w’'\-]*|of|and|the|for|on|[–-])[ ]+)*(?:[A-Z][\w’'\-]*)[ ,]*$")
# The words of COUNTERPART that name someone by the office of another ("his Russian counterpart"), not by their own.
COUNTERPART_WORD = re.compile(r"counterpart|colleague", re.IGNORECASE)
COUNTERPART = re.compile(
    r"\b(?:his|her|the|their)?\s*(?P<adj>Kazakh(?:stani)?|Russian|Kazakhstan['’]s|Russia['’]s)\s+(?:counterpart|colleague"
    r"|[Ff]oreign [Mm]inister|FM|top diplomat|Minister of Foreign Affairs)\b(?!\s*,?\s*[A-Z][a-z]+\s+[A-Z])"
    r"|\bhead of (?:the )?(?P<adj2>Kazakh(?:stani)?|Russian|Kazakhstan['’]s|Russia['’]s) (?:[Ff]oreign [Mm]inistry|MFA"
    r"|diplomacy|[Ff]oreign [Oo]ffice|[Mm]inistry of [Ff]oreign [Aa]ffairs)\b"
    r"|\b[Mm]y (?:colleague|counterpart)\b(?!\s*,?\s*[A-Z][a-z]+\s+[A-Z])"  # in a minister's own words
    r"|\bhead of the (?:[Ff]oreign [Mm]inistry|MFA|[Mm]inistry of [Ff]oreign [Aa]ffairs)"
    r" of (?P<adj3>Kazakhstan|Russia)\b"
    # "talks with Foreign Minister of Kazakhstan, Moscow, April 22": the office of a country, no name after it.
    r"|\b(?:[Ff]oreign [Mm]inister|[Mm]inister of [Ff]oreign [Aa]ffairs) of (?:the )?(?:Republic of )?"
    r"(?P<adj4>Kazakhstan|Russia|Russian Federation)\b(?!\s*,?\s*[A-Z][a-z]+\s+[A-Z])"
)
# A head of state named by country alone, as the one who receives: "the Kazakh leader received …".
LEADER = re.compile(
    r"\b(?:(?P<adj>Kazakh(?:stani)?|Russian)\s+(?:leader|[Pp]resident|head of state)"
    r"|[Pp]resident of (?:the )?(?P<of>Kazakhstan|Russia|Russian Federation|Republic of Kazakhstan))\b(?!['’]s)"
    r"(?!\s*,?\s*[A-Z][a-z]+\s+[A-Z])"
)
# A title before a name that makes him the head of state ("President X", "Kazakh President X"), unless he serves one
# ("Aide to the President X", "presidential envoy X").
HEAD_OF_STATE_TITLE = re.compile(r"(?<![Vv]ice[- ])\b[Pp]resident\b(?:\s+of\s+(?:the\s+)?[A-Z][\w ]{2,30})?\s*$")
IN_SERVICE_OF = re.compile(
    r"\b(?:to|of) the [Pp]resident|\b(?:[Aa]ide|[Aa]ssistant|[Aa]dministration|[Oo]ffice|[Ss]ecretary)\b"
)
# The first person plural: in a minister's transcript, the speaker and whom the speaker met.
WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")
# The speaker of a transcript as the subject: "I have just had a meeting with …".
I_SUBJECT = re.compile(r"\bI\b")
# A first name with a patronymic, the way one minister addresses another ("Dear Sergey Viktorovich").
ADDRESSED = re.compile(r"\b(?P<first>[A-Z][a-z]+)\s+[A-Z][a-z]+(?:ovich|evich|yevich|ovna|evna|uly|kyzy)\b")
TITLE_WORDS = (
    r"(?:(?:First\s+)?Deputy\s+(?:Foreign\s+Minister|Minister\s+of\s+Foreign\s+Affairs)|Foreign\s+Minister"
    r"|Minister\s+of\s+Foreign\s+Affairs|Ambassador(?:\s+Extraordinary\s+and\s+Plenipotentiary)?"
    r"|(?:[Tt]emporary\s+)?[Cc]harg[ée]\s+d['’][Aa]ffaires(?:\s+a\.\s?i\.)?|Ambassador[- ]at[- ]Large"
    r"|(?:Deputy\s+)?(?:Director|Head)\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,4}Department"
    r"(?:\s+of\s+the\s+(?:Kazakh|Russian)\s+(?:Foreign\s+Ministry|MFA|Ministry\s+of\s+Foreign\s+Affairs))?"
    r"|(?:Deputy\s+)?(?:Director|Head)\s+of\s+(?:the\s+)?Department\s+of\s+(?:[A-Z][\w-]*\s+(?:and\s+)?){1,4}"
    r"|State\s+Secretary|Secretary\s+of\s+State|Special\s+(?:Envoy|Representative)|[Cc]ounterpart"
    # "Aide to the President of Russia X", "Russian presidential aide X"
    r"|(?:[Pp]residential\s+)?[Aa]ide(?:\s+to\s+the\s+President)?|Assistant\s+to\s+the\s+President"
    # The head of a consulate, and the heads of regions an envoy calls on ("Astrakhan Governor X", "Akim X").
    r"|Consul[- ]General|Consul|(?:Deputy\s+)?(?:Akim|Governor))"
)
# A nationality the reference data may not list; English adjectives are found by the country names instead.
NATIONALITY = re.compile(r"(?!)")
UNKNOWN_TITLED = re.compile(
    # "Kyrgyzstan – Foreign Minister X" in a list of delegations: the country before the dash.
    r"(?:(?P<lead>[A-Z][a-z]+)\s+[-–—]\s+)?"
    rf"(?:(?P<adj>(?!Deputy\b|First\b)[A-Z][a-z]+(?:['’]s)?)\s+)?(?P<title>{TITLE_WORDS})"
    # "… of the Ministry of Foreign Affairs of the Russian Federation": the ministry the official serves.
    r"(?:\s*of\s+the\s+(?:Ministry\s+of\s+Foreign\s+Affairs|Foreign\s+Ministry|MFA)\s+of\s+(?:the\s+)?"
    r"(?:Republic\s+of\s+)?(?P<ministry>Kazakhstan|Russian\s+Federation|Russia))?"
    # "Deputy Akim of West Kazakhstan Region X", "Governor of the Astrakhan Region X": the region one heads.
    r"(?:\s+of\s+(?:the\s+)?(?P<region>(?:[A-Z][a-z]+\s+){1,2}(?:[Rr]egion|[Oo]blast|[Tt]erritory)))?"
    # "of the Republic of Tajikistan", "of the People's Republic of China", "of the Kyrgyz Republic"
    r"(?:\s+of\s+(?:the\s+)?(?:(?:People['’]s\s+|Islamic\s+)?Republic\s+of\s+)?"
    r"(?P<of>[A-Z][a-z]+(?:\s+Federation|\s+Republic)?))?"
    r"(?:\s+(?:to|in)\s+(?:the\s+)?(?P<in>[A-Z][a-z]+(?:\s+Federation)?))?,?\s+"
    r"(?P<name>[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){1,2})"
)
# The title after the name, set off by a comma: "Alexei Polishchuk, director of the Second CIS Department of the
# Russian Foreign Ministry", "Aidar Kumatayev, Kazakhstan's ambassador-at-large".
UNKNOWN_APPOSED = re.compile(
    r"(?P<name>\b[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){1,2}),\s+(?:(?:the|a|an)\s+)?"
    r"(?:(?P<adj>Kazakh(?:stani)?|Russian|Kazakhstan['’]s|Russia['’]s)\s+)?"
    r"(?P<title>(?i:(?:first\s+)?deputy\s+(?:foreign\s+minister|minister\s+of\s+foreign\s+affairs)"
    r"|ambassador[- ]at[- ]large|ambassador|charg[ée]\s+d['’]affaires|special\s+(?:envoy|representative)"
    # "Director of the Department of Asia-Pacific Cooperation (of the Ministry …)", "head of the Second CIS Department"
    r"|(?:deputy\s+)?(?:director|head)\s+of\s+(?:the\s+)?department\s+of\s+(?:[\w-]+\s+){0,4}?[\w-]+(?=\s+of\s+the\s+M)"
    r"|(?:deputy\s+)?(?:director|head)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){1,5}?department)"
    r"(?:\s+of\s+the\s+(?:Kazakh|Russian)\s+(?:Foreign\s+Ministry|MFA|Ministry\s+of\s+Foreign\s+Affairs)"
    # "… of the Ministry of Foreign Affairs of the Russian Federation"
    r"|\s+of\s+the\s+(?:Ministry\s+of\s+Foreign\s+Affairs|Foreign\s+Ministry|MFA)\s+of\s+(?:the\s+)?"
    r"(?:Republic\s+of\s+)?(?P<ministry>Kazakhstan|Russian\s+Federation|Russia))?)"
    r"(?:\s+of\s+(?:the\s+)?(?P<of>Kazakhstan|Russia|Russian\s+Federation|Republic\s+of\s+Kazakhstan)\b)?"
)
# A town named with its country in brackets: "in Cholpon-Ata (Kyrgyzstan)".
PLACE_WITH_COUNTRY = re.compile(
    r"\b(?:in|at)\s+(?:the\s+(?:city|town|resort|village)\s+of\s+)?(?P<name>[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\s*"
    r"\((?P<country>[A-Z][a-z]+)\)"
)
UNKNOWN_PLACE = re.compile(
    r"\b(?:in|to)\s+(?:the\s+(?:city|town|village)\s+of\s+)?(?P<name>[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?)(?=\s+(?:city|town|on|"
    r"for|where|,)|[,.;]|\s*$)"
)
MONTHS_AND_DAYS = {
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

ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
        " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
PAIR = r"(?:(?:Kazakhstan|Kazakh|Russia|Russian)[-–\s]+(?:Russia|Russian|Kazakhstan|Kazakh)[-–\s]+)?"
FORUM = re.compile(
    r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|[XVI]{1,6}|(?i:"
    + "|".join(ORDINAL_WORDS)
    + r"))\s+"
    + PAIR
    + r"(?:Forum\s+(?:of|on)\s+)?"
    + PAIR
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
# A clause that describes someone or something just named; its dates are theirs ("Lavrov, who arrived on Monday,").
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which)\b[^,;]*(?=,|[.;!?]?\s*$)")
# A headline announcing a contact: "Lavrov to visit Kazakhstan", "Kazakh FM set to hold talks in Moscow".
HEADLINE_PLANNED = re.compile(
    r"^(?:[A-Z][\w’'.-]*,?\s+){1,5}(?:to|set to|due to)\s+"
    r"(?:hold|visit|meet|pay|travel|sign|attend|discuss|make|summon|receive|host)\b"
)
# Who "he" or "she" is, when a sentence names only the other side: "he was received by the President".
# What opens reported speech: "Lavrov said that …", "told reporters that …".
REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|announced|noted|stressed|added|recalled|told (?:reporters|journalists|the press|a briefing))"
    r",? that\b"
)
# What someone recalls: "He recalled that the presidents had met in Moscow on 19 December".
RECALLED = re.compile(
    r"\b(?:recalled|recalling|reminded|reminding)(?:\s+(?:reporters|journalists|the\s+press))?,?\s+that\b"
)
# A verb of noting with its object, not a clause: "noted the importance of …", "stressed the need for …".
NOTED = re.compile(r"\b(?:noted|stressed|emphasi[sz]ed|underlined|highlighted|pointed out|recalled)\b")
PRONOUN = re.compile(r"\b(?:he|him|she|her)\b", re.IGNORECASE)
SUBJECT_PRONOUN = re.compile(r"he|she", re.IGNORECASE)
# What opens a clause that describes the thing just named: "the summit, which will be held next year".
RELATIVE = re.compile(r"^\s*(?:which|that|to be|due|scheduled|slated|set)\b", re.IGNORECASE)
FUTURE = re.compile(
    r"\b(?:will|slated|scheduled|upcoming|oncoming|forthcoming|planned|to be held|to take place|next|expected"
    r"|(?:is|are) preparing to|prepares to)\b",
    re.I,
)
# A verb of a contact done: "held talks", "met", "discussed" (not "will meet").
DONE = re.compile(
    r"\b(?:held|met|discussed|talked|spoke|received|visited|signed|had|sent|congratulated|summoned"
    r"|at (?:a|the) joint (?:press|news) conference)\b",
    re.IGNORECASE,
)
# The name of another occasion just before a date, with what it is due for and where: "the CSTO summit due in Astana
# in November", "the first Russia–Central Asia summit in October 2022"; and what makes it the contact's setting.
OCCASION_BEFORE_DATE = re.compile(
    r"\b(?:summit|forum|elections?|anniversary|jubilee|congress|championship|games)"
    r"(?:\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}[\w'’-]+)?"  # "the summit of the Caspian Sea countries"
    r"(?:,?\s+(?:due|held|set|slated|scheduled|planned|to be held))?(?:\s+(?:in|at)\s+[A-Z][\w-]+)?"
    r"\s+(?:(?:at|by|in|towards)\s+the\s+(?:end|beginning|start|middle)\s+of|in|on|of|for)?\s*$",
    re.IGNORECASE,
)
# What was reached at another occasion, with that occasion's date: "the agreements reached during the first summit
# in October 2022", "decisions taken at the meeting of the presidents on 14 October".
REACHED_AT = re.compile(
    r"\b(?:reached|achieved|adopted|taken|made)\s+(?:at|during|in the course of|on the sidelines of|within the"
    r"\s+framework of)\s[^,;:]*$",
    re.IGNORECASE,
)
SETTING = re.compile(
    r"\b(?:(?:sidelines|margins|fringes) of|during|within the framework of|in the course of"
    r"|(?:met|meets|talks|meeting|spoke|conversation)\s+(?:\w+\s+){0,3}?at)\s+(?:the\s+)?"
    r"(?:[\w+–-]+\s+){0,4}$",
    re.IGNORECASE,
)
OWNED_DATE = re.compile(
    r"\b(?:signed|slated for|scheduled for|to be held|will be held|will take place|planned for|due)\s*(?:on\s+)?$", re.I
)


# A contact someone is invited to, which has not taken place: "invited him to pay an official visit to Moscow", "an
# invitation to visit"; not "at the invitation of", which names the host of a visit made.
INVITED_TO = re.compile(r"\b(?:invited|invites|inviting|invitation to)\b(?! by\b)[^.;,]{0,50}$", re.IGNORECASE)
# The invitation that names the host of a visit: "at the invitation of his counterpart Sergey Lavrov".
INVITATION = re.compile(r"\bat the invitation of\s+[^.;]{0,80}$", re.IGNORECASE)
# "The two ministers", "the foreign ministers of the two countries": both foreign ministers of the day.
BOTH_MINISTERS = re.compile(
    r"\b(?:the\s+two|both)\s+(?:foreign\s+)?ministers\b(?!\s+of\s+(?!the\s+two|both))"
    r"|\bforeign ministers of (?:the )?(?:two|both) countries\b|\bheads of the (?:two )?foreign ministries\b"
    r"|\b(?:foreign ministers|heads of the foreign ministries) of (?:Kazakhstan and Russia|Russia and Kazakhstan)\b"
    r"|\b(?:Kazakh and Russian|Russian and Kazakh) (?:foreign ministers|top diplomats)\b",
    re.IGNORECASE,
)
# Words that make a contact an announcement, not a report: the contact is stored as planned.
PLANNED = re.compile(
    r"\b(?:will|shall|is to|are to|is expected to|are expected to|is scheduled to|are scheduled to|is due to"
    r"|plans? to|planned|upcoming|forthcoming|oncoming|scheduled for|slated for|to be held|set to"
    r"|hopes? to|intends? to|expects?|awaits?|wants? to|would like to|(?:is|are) going to|(?:is|are) planning to)\b",
    re.IGNORECASE,
)
# Future words that describe a noun, standing before it ("the upcoming summit") or after it ("the forum to be held in
# Kostanay"), unless a verb makes them the sentence's own ("the talks are scheduled for Friday").
FUTURE_BEFORE_NOUN = re.compile(r"upcoming|forthcoming|oncoming|planned", re.IGNORECASE)
FUTURE_AFTER_NOUN = re.compile(r"to be held|scheduled for|slated for", re.IGNORECASE)
FINITE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had)\s+$", re.IGNORECASE)
# A meeting of many named as the subject of talks or as a mark of time, not as attended: "preparations for the
# summit", "summit agenda", "on the eve of the council".
TOPIC_OF = re.compile(
    r"\b(?:preparations? (?:for|of)|preparing(?: for)?|agenda of|results of|outcome of|on the eve of|ahead of)"
    r"\s+(?:the\s+)?(?:[A-Z]{2,6}\s+)?$",
    re.I,
)
# A verb of discussing just before its object: "discussed the upcoming visit".
DISCUSSED_NOUN = re.compile(r"\b(?:discussed|talked about|reviewed|went over)\s+(?:the\s+|a\s+)?$", re.IGNORECASE)
TOPIC_AFTER = re.compile(r"\s+(?:agenda|preparations?|documents?|decisions?|declaration)\b", re.I)
# The rest of a meeting's name after the words that make it one: "(Council of Ministers) of Foreign Affairs of the
# Shanghai Cooperation Organization (SCO)"; its verb comes after it.
NAME_TAIL = re.compile(
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|and)(?=\s+[A-Z]))*"
    r"(?:\s+[A-Z][\w'’.-]*)*)*(?:\s*\([^()]{1,80}\))?"
)
# A meeting of many as the subject of what it did: "the Council of Foreign Ministers of the SCO in Moscow debated".
MEETING_DID = re.compile(
    r"(?:\s+in\s+[A-Z][\w-]+)?\s+(?:debated|discussed|considered|adopted|approved|reviewed|examined|focused on)\b"
)
ADJECTIVES = {}


def nominative(word, place=False):
    return word


def nominative_name(name):
    return name


def transliterate(text):
    return text


# Offices a title names, the most specific first.
OFFICES = [
    (re.compile(r"\bDeputy\b.*\b(?:Foreign|MFA)\b|\bDeputy Minister of Foreign Affairs\b|\bVice[- ]Minister\b", re.I),
     "deputy_foreign_minister"),
    (re.compile(r"\bForeign Minister\b|\bMinister of Foreign Affairs\b|\bFM\b", re.I), "foreign_minister"),
    (re.compile(r"\bAmbassador\b|\bEnvoy\b|\bcharg[ée] d['’]affaires\b", re.I), "ambassador"),
    (re.compile(r"\bConsul\b|\bConsul[- ]General\b", re.I), "consul"),
]  # fmt: skip
# Offices of one country only, whatever the text says of it: a region of Kazakhstan is headed by an akim.
OWN_OFFICES = [(re.compile(r"\bAkim\b", re.I), "KZ")]

# The names a meeting of many is given, each with its title ({org}: the organization's acronym).
MEETING_NAMES = (
    (r"\b(?P<org>[A-Z]{2,6}) Foreign Ministers['’]? Council\b", "{org} Council of Foreign Ministers"),
    # "the Council of Ministers of Foreign Affairs of the Shanghai Cooperation Organization (SCO)"
    (
        r"\bCouncil of (?:the )?(?:Foreign Ministers|Ministers (?:of|for) Foreign Affairs) of (?:the )?"
        r"(?:[A-Z][\w-]* ){0,4}\(?(?P<org>[A-Z]{2,6})\b",
        "{org} Council of Foreign Ministers",
    ),
    (r"\b(?P<org>[A-Z]{2,6}) (?:CFM|Council of Foreign Ministers)\b", "{org} Council of Foreign Ministers"),
    (r"\b(?P<org>[A-Z]{2,6}) (?:summit|Summit)\b", "{org} summit"),
    (r"\b(?P<org>[A-Z]{2,6}) ministerial\b", "{org} ministerial meeting"),
    # "the foreign ministers of the SCO member states met", "the SCO foreign ministers met"
    (
        r"\b(?:[Ff]oreign [Mm]inisters|Ministers (?:of|for) Foreign Affairs) of (?:the )?(?:[A-Z][\w-]* ){0,4}"
        r"\(?(?P<org>[A-Z]{2,6})\b",
        "{org} foreign ministers' meeting",
    ),
    (r"\b(?P<org>[A-Z]{2,6}) [Ff]oreign [Mm]inisters\b", "{org} foreign ministers' meeting"),
)
# "the Central Asia–Russia format": the name of a format of meetings.
FORMAT_NAME = re.compile(r"\b(?P<name>[A-Z][\w ]+?[-–][A-Z]\w+) format\b")
