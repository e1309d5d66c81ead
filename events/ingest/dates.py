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


def parse_span(text, reference, prefer="past", language="en"):
    """Parse a short date expression against ``reference`` (a PartialDate or None)."""
    from events.ingest import lang as languages

    simple = _simple_span(text, reference, prefer, languages.get(language))
    if simple is not False:
        return simple
    base = reference.value if reference else None
    return _parse_cached(" ".join(text.split()), base, prefer, language)


@lru_cache(maxsize=4096)
def _parse_cached(text, base, prefer, language):
    has_year = bool(re.search(r"\d{4}", text))
    if base is None and not has_year:
        return None  # "11 April" with nothing to say which year: the caller decides
    settings = {"PREFER_DATES_FROM": "future" if prefer == "future" else "past", "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(base, datetime.time())
    data = _parser(language, tuple(sorted(settings.items(), key=lambda kv: kv[0]))).get_date_data(text)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period if data.period in (DAY, MONTH, YEAR) else DAY
    if period == MONTH:
        found = found.replace(day=1)
    elif period == YEAR:
        found = found.replace(month=1, day=1)
    return PartialDate(found, period)


@lru_cache(maxsize=8)
def _parser(language, settings):
    return DateDataParser(languages=[language], settings=dict(settings))


# No contact of the two independent states is older than this; an earlier year is history or a misreading.
FIRST_YEAR = 1991
# A date that is part of a document's number ("No. 12-4/1534-15.05.2023") or that dates a numbered document
# ("№ 12-1/3456 от 15.05.2023") is the document's, not a contact's.
NUMBER_BEFORE = re.compile(r"\d[\d./-]*[-/№#]\s?$|№\s*$|\bNo\.?\s*$|\d[\d./-]*\s+(?:от|of|dated)\s+$", re.IGNORECASE)

# "2019-05-06/12", "15.05.2023-1234": digits that go on after the date make it part of a number.
NUMBER_AFTER = re.compile(r"[-/]\d")


def find_dates(text, reference, prefer="past", lang=None):
    """Date expressions in a sentence, resolved against ``reference`` (None for an undated article: then only
    expressions that carry their year resolve); overlapping matches keep the longest."""
    from events.ingest.lang import en

    lang = lang or en
    found = []
    for kind, pattern in lang.PATTERNS:
        for match in pattern.finditer(text):
            if NUMBER_BEFORE.search(text[max(0, match.start() - 20) : match.start()]) or NUMBER_AFTER.match(
                text, match.end()
            ):
                continue
            date = _resolve(kind, match, reference, prefer, lang)
            if date is not None and date.first.year >= FIRST_YEAR:
                found.append(DateMention(match.start(), match.end(), date, "earlier" if kind == "earlier" else ""))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return _apply_eve(text, kept, lang)


# Any day and month resolve against the last day of a leap year, in that year: how a day stated without its year is
# read for its day and month alone.
_ANY_YEAR = PartialDate(datetime.date(2000, 12, 31))
_STATES_YEAR = re.compile(r"\d{4}")


def days_without_year(text, lang):
    """'On May 20', '4 октября' in an article whose year nothing fixes: (position, (month, day)) of each day stated
    with its month but not its year, which ``find_dates`` cannot resolve."""
    found = []
    for kind, pattern in lang.PATTERNS:
        if kind not in ("span", "range", "dmy"):
            continue
        for match in pattern.finditer(text):
            if _STATES_YEAR.search(match.group(0)) or NUMBER_BEFORE.search(
                text[max(0, match.start() - 20) : match.start()]
            ):
                continue
            date = _resolve(kind, match, _ANY_YEAR, "past", lang)
            if date is not None and date.precision == DAY:
                found.append((match.start(), (date.value.month, date.value.day)))
    return sorted(found)


def _year_for(month, reference, prefer, day=1):
    ref = reference.value
    year = ref.year
    if prefer == "past" and (month, day) > (ref.month, ref.day):
        year -= 1
    elif prefer == "future" and (month, day) < (ref.month, ref.day):
        year += 1
    return year


_SIMPLE_SPAN = re.compile(
    r"(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[^\W\d_]+)\.?|(?P<m2>[^\W\d_]+)\.?\s+(?P<d2>\d{1,2})"
    r"(?:st|nd|rd|th)?|(?P<m3>[^\W\d_]+)\.?)(?:,?\s+(?P<y>\d{4}))?"
)


def _simple_span(text, reference, prefer, lang):
    """'12 May 2005', 'May 12', 'May 2005' read directly, without the general parser (which costs a millisecond a
    date); False when the text has another shape."""
    match = _SIMPLE_SPAN.fullmatch(" ".join(text.split()))
    if not match:
        return False
    groups = match.groupdict()
    try:
        month = lang.month_number(groups["m1"] or groups["m2"] or groups["m3"])
    except KeyError:
        return False
    day = groups["d"] or groups["d2"]
    if day is None:
        return PartialDate(datetime.date(int(groups["y"]), month, 1), MONTH) if groups["y"] else False
    day = int(day)
    if not 1 <= day <= 31:
        return False
    if groups["y"]:
        year = int(groups["y"])
    elif reference is not None:
        year = _year_for(month, reference, prefer, day)
    else:
        return None
    try:
        return PartialDate(datetime.date(year, month, day), DAY)
    except ValueError:
        return None


def _resolve(kind, match, reference, prefer, lang):
    groups = match.groupdict()
    try:
        if kind == "range":
            month = lang.month_number(groups["m"])
            d1, d2 = int(groups["d1"]), int(groups["d2"])
            if groups.get("y"):
                year = int(groups["y"])
            elif reference is not None:
                year = _year_for(month, reference, prefer, d1)
            else:
                return None
            start, end = datetime.date(year, month, d1), datetime.date(year, month, d2)
            return PartialDate(start, DAY, end=end if end > start else None)
        if kind == "dmy":
            month = lang.month_number(groups["m"])
            day = int(groups["d"]) if groups.get("d") else None
            if groups.get("y"):
                year = int(groups["y"])
            elif reference is not None:
                year = _year_for(month, reference, prefer, day or 1)
            else:
                return None
            if day is None:
                return PartialDate(datetime.date(year, month, 1), MONTH)
            return PartialDate(datetime.date(year, month, day), DAY)
        if kind == "span":
            simple = _simple_span(match.group(0), reference, prefer, lang)
            return simple if simple is not False else parse_span(match.group(0), reference, prefer, lang.CODE)
        if kind == "month":
            if groups.get("y"):
                return PartialDate(datetime.date(int(groups["y"]), lang.month_number(groups["m"]), 1), MONTH)
            if reference is None:
                return None
            month = lang.month_number(groups["m"])
            return PartialDate(datetime.date(_year_for(month, reference, prefer, 1), month, 1), MONTH)
        if kind == "iso":
            return PartialDate(datetime.date.fromisoformat(match.group(0)), DAY)
        if kind == "dotted":
            return PartialDate(datetime.date(int(groups["y"]), int(groups["mo"]), int(groups["d"])), DAY)
        if kind == "year":
            return PartialDate(datetime.date(int(groups["y"]), 1, 1), YEAR)
        if reference is None:
            return None  # everything below is relative to the publication date
        ref = reference.value
        if kind == "today":
            return PartialDate(ref, reference.precision)
        if kind == "yesterday":
            return reference.shifted(-1)
        if kind == "weekday":
            named = lang.weekday_number(groups["w"])
            delta = (ref.weekday() - named) % 7
            if prefer == "future":
                delta = -((named - ref.weekday()) % 7)
            return PartialDate(ref - datetime.timedelta(days=delta), DAY)
        if kind in ("this_year", "last_year", "next_year"):
            offset = {"this_year": 0, "last_year": -1, "next_year": 1}[kind]
            return PartialDate(datetime.date(ref.year + offset, 1, 1), YEAR)
        if kind == "ago":
            return parse_span(match.group(0), reference, "past", lang.CODE)
        if kind == "earlier":
            return reference.shifted(-1)
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def _apply_eve(text, mentions, lang):
    """'On the eve of 9 May' is 8 May; 'on the eve of the celebration' names no date and is left alone."""
    result = []
    for mention in mentions:
        prefix = text[max(0, mention.start - 20) : mention.start].lower()
        if lang.EVE.search(prefix) and mention.date.precision == DAY:
            mention = DateMention(mention.start, mention.end, mention.date.shifted(-1), mention.relative)
        result.append(mention)
    return result
