"""Where a contact took place: a place named where the contact happens, the host country's city, the meeting on
whose sidelines it was held, or the dateline when the contact is told as happening there and then."""

import bisect
import re

from events.ingest.findings import Kind, Quote, overlaps, quote_of
from events.ingest.gazetteer import PlaceRef
from events.models import Basis


class PlaceReading:
    """The places part of ``Extractor``."""

    def place_event(self, event):
        participants = {p.person_id for p in event.participants.values()}
        for sentence in event.sentences:
            for match in self.within(self.countries, sentence):
                before = self.before(sentence, match.start)
                if self.lang.NATIONALITY_OF_PERSON.match(self.text[match.end : match.end + 40]):
                    continue
                if event.host or self.elsewhere(before, event):
                    continue
                if self.visit_target(sentence, before, match.start, participants):
                    event.host = match.payload
        candidates = []
        for sentence in event.sentences:
            for match in self.within(self.places, sentence):
                if self._place_owned_by_forum(sentence, match):
                    continue
                before = self.before(sentence, match.start)
                if not self.place_stated(sentence, match) or self.lang.POSTED_AT.search(before):
                    continue
                if self.elsewhere(before, event) or self.of_another_occasion(before):
                    continue  # "the summit scheduled for September in Astrakhan", "preparing the summit in Astana"
                named = len(participants & {p.person_id for p in self.sentence_people(sentence)})
                if named == 0 and sentence.index != 0 and not self.impersonal_contact(sentence):
                    continue  # a city in a sentence about someone else (a summit's venue, a coming visit)
                candidates.append((match, sentence, named))
        # An ambassador who receives does so where he is posted: his country hosts, in the other one's city.
        if event.host and event.host not in self.envoy_countries(event):
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
        if self.place_with_its_country(event):
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
                    and not (sentence and self.elsewhere(self.before(sentence, match.start), event))
                    and not (sentence and self.to_come(sentence, match))
                ):
                    self._set_place(event, match, sentence, Basis.INFERRED)
                    return
        if event.parent is not None and event.parent.place is not None:
            self._take_place(event, event.parent)
            return
        dateline = self.article.dateline_date or (self.reference if self.article.dateline_month_day else None)
        # A dateline without a date of its own ("ASTANA. KAZINFORM") is the place of a contact told that day only
        # when the text says which country hosted it.
        undated_line = dateline is None and event.host and event.date_basis == Basis.PUBLICATION
        dateline = dateline or (self.article.published if undated_line else None)
        # "СКОПЬЕ, 30 ноя — …" on a page that gives no year: a contact the text dates no otherwise is told as of
        # the dateline's day, as when the year is known.
        undated = dateline is None and self.article.dateline_month_day and event.date is None
        # "UST-KAMENOGORSK – X hosted Y on Aug. 6" on a page that gives no date: nothing sets the report apart from
        # the contact it tells, and it was written where the dateline says.
        unknown_day = self.article.published is None and not self.article.dateline_month_day and event.date is None
        same_day = undated or unknown_day or (dateline and event.date is not None and dateline.overlaps(event.date))
        if same_day and self.article.dateline_city:
            found = self.gaz.places.find(self.article.dateline_city)
            if found and (not event.host or found[0].payload.country == event.host):
                start, end = self.article.dateline_span
                event.place = found[0].payload
                event.place_as_written = self.article.dateline_city.title()
                event.place_basis = Basis.DATELINE
                event.place_quote = Quote(start, end, self.text[start:end])
                event.host = event.host or found[0].payload.country
                return
        if self.title_place(event):
            return
        sibling = event.sibling
        if sibling is not None and sibling.place is not None and overlaps(sibling.date, event.date):
            # "The presidents signed the plan in Pavlodar. The foreign ministers held a separate meeting."
            self._take_place(event, sibling)
            return
        self.unknown_place(event)

    def title_place(self, event):
        """'Remarks … after the ministers' council (Almaty, June 21, 2024)': the one place named in a title that gives
        a full date is where the occasion of that day was, as a dateline would say."""
        day = self.title_date()
        if day is None or event.date is None or not day.overlaps(event.date):
            return False
        title = self.article.title
        start = self.text.find(title)
        found = [m for m in self.places if start >= 0 and start <= m.start and m.end <= start + len(title)]
        if len({m.payload.place_id for m in found}) != 1 or (event.host and found[0].payload.country != event.host):
            return False
        match = found[0]
        event.place, event.place_as_written = match.payload, match.text
        event.place_basis, event.place_quote = Basis.DATELINE, Quote(start, start + len(title), title)
        event.host = event.host or match.payload.country
        return True

    def _take_place(self, event, other):
        """The place of the contact this one belongs with (the meeting it was held beside, the same occasion)."""
        event.place, event.place_as_written, event.place_quote = other.place, other.place_as_written, other.place_quote
        event.place_basis, event.host = Basis.INFERRED, event.host or other.host

    def place_stated(self, sentence, match):
        """A place named where something happens: after a preposition ("in Astana", "в Астане", "before leaving
        Astana"), or followed by a full date at the head of a parenthesis or the end of a title ("(Moscow, October
        22, 2025)", "…, Moscow, April 11, 2023") as ministries title their transcripts."""
        before = self.before(sentence, match.start)
        if self.lang.PLACE_PREPOSITION.search(before) or self.lang.PLACE_HOSTS.match(self.text, match.end):
            return True
        if self.lang.VISITED_BEFORE.search(before) or self.lang.VISITED_AFTER.match(self.text, match.end):
            return True  # "Nurtleu visited Moscow": where the visitor went
        after = self.text[match.end : min(sentence.end, match.end + 40)]
        dated = re.match(r"\s*,\s*\S", after) and any(m.date.has_year for m in self.find_dates(after[:40]))
        in_title = sentence.index == 0 and re.search(r",\s*$", before)
        return bool(dated and (re.search(r"\(\s*$", before) or in_title))

    def visit_target(self, sentence, before, position, participants):
        """Whether the country at ``position`` is where a participant went: "a visit to Russia", "the visit of
        Kazakh Foreign Minister Murat Nurtleu to Russia"; not "the visit of President Putin", who took no part."""
        visit = self.lang.VISITOR_TARGET.search(before)
        if visit:
            start, end = (position - len(before) + offset for offset in visit.span("visitor"))
            visitors = {m.payload.person_id for m in self.within(self.people, sentence) if start <= m.start < end}
            if visitors:
                return bool(visitors & participants)
        return bool(self.lang.VISIT_TARGET.search(before))

    def elsewhere(self, before, event):
        """Whether the words before a place put it in another event than a contact reported as held: a visit
        being prepared or announced."""
        if event.planned:
            return False
        clause = re.split(r"[,;:]", before)[-1]
        # "…, who is expected in Moscow on June 20": the clause speaks of what is to come, not of the contact.
        coming = self.lang.PLANNED.search(clause) or self.lang.FUTURE.search(clause)
        return bool(self.lang.NOT_PARTICIPANT.search(before) or coming)

    def to_come(self, sentence, match):
        """'В ноябре в Кокшетау должен пройти форум': the clause that names the place speaks of what is to come."""
        clause = self.clause_at(sentence.text, match.start - sentence.start)
        return bool(self.lang.FUTURE.search(clause) or self.lang.PLANNED.search(clause))

    def impersonal_contact(self, sentence):
        """'Kazakhstan and Russia held consultations in Astana', 'a reception was held in Moscow': a sentence that
        reports a contact as done and names nobody."""
        text = sentence.text
        main_clause = re.split(r"[,;:]", text, maxsplit=1)[0]
        if self.within(self.people, sentence) or self.lang.PLANNED.search(main_clause):
            return False
        return any(p.search(text) for _, p in self.lang.CUES) or self.reports_multilateral(text)

    def place_with_its_country(self, event):
        """'The meeting was held in Cholpon-Ata (Kyrgyzstan)': a town the reference data does not know, named with
        its country in brackets in a sentence that reports the contact, is where it happened (created for review)."""
        participants = {p.person_id for p in event.participants.values()}
        for sentence in event.sentences:
            named = any(p.person_id in participants for p in self.sentence_people(sentence))
            if not (named and any(p.search(sentence.text) for _, p in self.lang.CUES)) and not self.impersonal_contact(
                sentence
            ):
                continue
            for match in self.lang.PLACE_WITH_COUNTRY.finditer(sentence.text):
                start, end = sentence.start + match.start("name"), sentence.start + match.end("name")
                country = self._country_of(match.group("country"))
                if not country or self._is_known_word(start, end) or self.overlapping(self.people, start, end):
                    continue
                self._set_new_place(event, match.group("name"), country, sentence)
                event.host = event.host or country
                return True
        return False

    def _set_new_place(self, event, name, country, sentence):
        """A town the reference data does not know, as written in the sentence that states it: created for review."""
        event.place = PlaceRef(
            None, self.lang.transliterate(self.lang.nominative(name, place=True)), country, "new", None, None
        )
        event.place_as_written, event.place_basis = name, Basis.STATED
        event.place_quote = quote_of(sentence)

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
                self._set_new_place(event, name, event.host, sentence)
                return

    def _in_other_event(self, sentence, event):
        # A sentence that reports a contact on another date places that contact, not this one.
        if sentence is None or sentence in event.sentences:
            return False
        dates = [m.date for m in self.find_dates(sentence.text) if not m.relative]
        return bool(dates) and not any(overlaps(date, event.date) for date in dates)

    def _sentence_at(self, position):
        """The sentence holding a position, by bisection over the sentences' starts."""
        sentences = self.article.sentences
        starts = self._starts.get("sentences")
        if starts is None:
            starts = self._starts["sentences"] = [s.start for s in sentences]
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0 and position < sentences[index].end:
            return sentences[index]
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
