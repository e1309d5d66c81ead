"""Dates in article text: find the expressions with patterns, parse each short span with dateparser.

dateparser is accurate but slow on whole texts (language detection, search); here it only ever sees a
span such as "November 9" or "on Monday", with the language fixed and results cached.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

from events.dates import Precision

DAY, MONTH, YEAR = Precision.DAY.value, Precision.MONTH.value, Precision.YEAR.value


@dataclass(frozen=True)
class PartialDate:
    value: datetime.date
    precision: str = DAY
    end: datetime.date | None = None
    has_year: bool = True

    @property
    def first(self):
        return self.value

    @property
    def last(self):
        if self.end:
            return self.end
        if self.precision == MONTH:
            return self.value.replace(day=calendar.monthrange(self.value.year, self.value.month)[1])
        if self.precision == YEAR:
            return self.value.replace(month=12, day=31)
        return self.value

    def overlaps(self, other):
        return self.first <= other.last and other.first <= self.last

    def within(self, other, days):
        slack = datetime.timedelta(days=days)
        return self.first - slack <= other.last and other.first - slack <= self.last

    def shifted(self, days):
        return PartialDate(self.value + datetime.timedelta(days=days), DAY)

    def __str__(self):
        if self.precision == YEAR:
            return str(self.value.year)
        if self.precision == MONTH:
            return self.value.strftime("%Y-%m")
        text = self.value.isoformat()
        return f"{text}/{self.end.isoformat()}" if self.end else text


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: PartialDate
    relative: str = ""  # "earlier" for a contact placed before the reference date without saying when


def parse_header_date(text):
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 3:
            return PartialDate(datetime.date(*parts), DAY)
        if len(parts) == 2:
            return PartialDate(datetime.date(parts[0], parts[1], 1), MONTH)
        return PartialDate(datetime.date(parts[0], 1, 1), YEAR)
    except ValueError:
        return None


def parse_span(text, reference, prefer="past"):
    """Parse a short date expression against ``reference`` (a PartialDate or None)."""
    base = reference.value if reference else None
    return _parse_cached(" ".join(text.split()), base, prefer)


@lru_cache(maxsize=4096)
def _parse_cached(text, base, prefer):
    settings = {"PREFER_DATES_FROM": "future" if prefer == "future" else "past", "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(base, datetime.time())
    data = _parser(tuple(sorted(settings.items(), key=lambda kv: kv[0]))).get_date_data(text)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period if data.period in (DAY, MONTH, YEAR) else DAY
    if period == MONTH:
        found = found.replace(day=1)
    elif period == YEAR:
        found = found.replace(month=1, day=1)
    has_year = bool(re.search(r"\d{4}", text)) or base is not None
    return PartialDate(found, period, has_year=has_year)


@lru_cache(maxsize=8)
def _parser(settings):
    return DateDataParser(languages=["en"], settings=dict(settings))


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
    ("span", re.compile(rf"\b\d{{1,2}}{_ORD}\s+(?:of\s+)?{MONTH_PATTERN}(?:,?\s+\d{{4}})?(?![\w-])")),
    ("span", re.compile(rf"\b{MONTH_PATTERN}\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?(?![\w-])")),
    ("span", re.compile(rf"\b{MONTH_PATTERN}\s+\d{{4}}\b")),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|until|by|during)\s+(?:early\s+|late\s+|mid-)?(?P<m>{MONTH_PATTERN})(?![\w.]|\s+\d)"
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

_MONTH_NUMBERS = {name.lower()[:3]: number for number, name in enumerate(calendar.month_name) if name}


def _month_number(text):
    return _MONTH_NUMBERS[text.strip(".").lower()[:3]]


def find_dates(text, reference, prefer="past"):
    """Date expressions in a sentence, resolved against ``reference``; overlapping matches keep the longest."""
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            date = _resolve(kind, match, reference, prefer)
            if date is not None:
                found.append(DateMention(match.start(), match.end(), date, "earlier" if kind == "earlier" else ""))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return _apply_eve(text, kept)


def _resolve(kind, match, reference, prefer):
    ref = reference.value
    try:
        if kind == "range":
            year = int(match.group("y")) if match.group("y") else None
            month = _month_number(match.group("m"))
            start = parse_span(f"{match.group('d1')} {match.group('m')} {year or ''}", reference, prefer)
            if start is None:
                return None
            end = datetime.date(start.value.year if year is None else year, month, int(match.group("d2")))
            return PartialDate(start.value, DAY, end=end if end > start.value else None)
        if kind == "span":
            return parse_span(match.group(0), reference, prefer)
        if kind == "month":
            month = _month_number(match.group("m"))
            year = ref.year
            if prefer == "past" and month > ref.month:
                year -= 1
            elif prefer == "future" and month < ref.month:
                year += 1
            return PartialDate(datetime.date(year, month, 1), MONTH)
        if kind == "iso":
            return PartialDate(datetime.date.fromisoformat(match.group(0)), DAY)
        if kind == "dotted":
            return PartialDate(datetime.date(int(match.group("y")), int(match.group("mo")), int(match.group("d"))), DAY)
        if kind == "year":
            return PartialDate(datetime.date(int(match.group("y")), 1, 1), YEAR)
        if kind == "today":
            return PartialDate(ref, reference.precision)
        if kind == "yesterday":
            return reference.shifted(-1)
        if kind == "weekday":
            delta = (ref.weekday() - list(calendar.day_name).index(match.group("w"))) % 7
            if prefer == "future":
                delta = -((list(calendar.day_name).index(match.group("w")) - ref.weekday()) % 7)
            return PartialDate(ref - datetime.timedelta(days=delta), DAY)
        if kind in ("this_year", "last_year", "next_year"):
            offset = {"this_year": 0, "last_year": -1, "next_year": 1}[kind]
            return PartialDate(datetime.date(ref.year + offset, 1, 1), YEAR)
        if kind == "ago":
            return parse_span(match.group(0), reference, "past")
        if kind == "earlier":
            return reference.shifted(-1)
    except (ValueError, KeyError):
        return None
    return None


def _apply_eve(text, mentions):
    """'On the eve of 9 May' is 8 May; 'on the eve of the celebration' names no date and is left alone."""
    result = []
    for mention in mentions:
        prefix = text[max(0, mention.start - 20) : mention.start].lower()
        if re.search(r"on the eve of\s+(?:the\s+)?$", prefix) and mention.date.precision == DAY:
            mention = DateMention(mention.start, mention.end, mention.date.shifted(-1), mention.relative)
        result.append(mention)
    return result
