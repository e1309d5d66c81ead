"""When a contact took place: the dates a sentence states, each read in its clause's tense, and the day an undated
article stands for (its dateline's day, its title's, or the one year that its ministers' terms, its weekdays and the
years it names allow)."""

import datetime
import re

from events.ingest.dates import DAY, PartialDate, find_dates
from events.ingest.findings import Quote
from events.models import Basis

YEAR_NUMBER = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # a year as written, in either language


class DateReading:
    """The dates part of ``Extractor``."""

    def dates_by_clause(self, text, prefer):
        """The dates of a sentence, each read in its own clause's tense: in a sentence about what is to come, a date
        in a clause that tells of something done ("… said that Russia sent the note on January 18, and that …") is
        the nearest before the article, not after it."""
        mentions = list(self.find_dates(text, prefer))
        if prefer != "future":
            return mentions
        past = None
        for index, mention in enumerate(mentions):
            if self.future_at(text, mention.start) is False:
                past = past if past is not None else {m.start: m for m in self.find_dates(text, "past")}
                mentions[index] = past.get(mention.start, mention)
        return mentions

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

    def default_quote(self, basis):
        if basis == Basis.DATELINE and self.article.dateline_span:
            start, end = self.article.dateline_span
            return Quote(start, end, self.text[start:end])
        return None

    def find_dates(self, text, prefer="past"):
        return find_dates(text, self.reference, prefer, self.lang)

    def infer_reference(self):
        """An undated article's day: its dateline's day and month in the one year the text allows, from the years
        its full dates give or else the years in which the people it names held office."""
        month_day, weekday = self.article.dateline_month_day, None
        if month_day is None:
            month_day, weekday = self.weekday_date()
        if month_day is None:
            return None
        # "Создание союза планируется к 1 января 2015 года": a day the text looks forward to is after the article,
        # not in its year.
        years = {
            m.date.value.year
            for sentence in self.sentences()
            for m in find_dates(sentence.text, None, "past", self.lang)
            if m.date.precision == DAY and not self.future_at(sentence.text, m.start)
        }
        if len(years) != 1:
            years = self.office_years(month_day)
        if len(years) > 1:
            years = self.weekday_years(years, month_day, weekday)
        if len(years) > 1:
            # "АСТАНА, 9 фев … the results of 2023 and the plans for 2024": of the years the offices allow, the one
            # the text names.
            named = years & {
                int(m.group(0))
                for sentence in self.sentences()
                for m in YEAR_NUMBER.finditer(sentence.text)
                if not self.future_at(sentence.text, m.start())
            }
            years = named if len(named) == 1 else years
        if len(years) != 1:
            return None
        try:
            return PartialDate(datetime.date(years.pop(), *month_day))
        except ValueError:
            return None

    def title_date(self):
        """'Remarks … after the meeting (Almaty, June 21, 2024)': a full date in the title of an article that has no
        date of its own is the day of the occasion it reports, and what its other dates are read against."""
        title = self.article.title
        if not title:
            return None
        days = [m.date for m in find_dates(title, None, "past", self.lang) if m.date.precision == DAY]
        return days[0] if len(days) == 1 else None

    def weekday_date(self):
        """'On Friday, April 22' in an article with neither date nor dateline: the day and month, and the weekday
        that picks the year among those its people held office."""
        match = self.lang.WEEKDAY_DATE.search(self.text)
        if match is None:
            return None, None
        month = self.lang.month_number(match.group("m") or match.group("m2"))
        day = int(match.group("d") or match.group("d2"))
        if not month or not 1 <= day <= 31:
            return None, None
        return (month, day), self.lang.weekday_number(match.group("w"))

    def weekday_years(self, years, month_day, weekday=None):
        """'MOSCOW, April 11 … on Tuesday': of the years left, those in which that day fell on the weekday the text
        names, when it names one only."""
        if weekday is None:
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
        """Years in which every official the text names by full name held a post on that day and month: any post,
        so that a president who was once a minister is dated by the office he holds now."""
        people = {m.payload.person_id for m in self.people if not m.payload.surname_only}
        years = None
        for person_id in people:
            terms = [t for t in self.gaz.terms if t.person_id == person_id]
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
