"""Who took part in a contact: the people a sentence names, less those only mentioned; officials the reference
data does not know; 'his Kazakh counterpart', 'the two ministers', 'he'; and who counts as a diplomat."""

import difflib
import re

from events.ingest.findings import (
    BEFORE_WINDOW,
    DIPLOMATIC_OFFICES,
    KZ,
    RU,
    VISITS,
    Kind,
    PersonFinding,
    Quote,
    Span,
    office_of,
    quote_of,
)
from events.ingest.reader import MAX_SENTENCE
from people.models import Position

ORG_TITLE_REACH = 120  # characters: how far before a name its title may begin


class PeopleReading:
    """The people part of ``Extractor``: reads ``self.text``, ``self.people`` and the language's patterns."""

    def on_day(self):
        return self.reference.value if self.reference else None

    def sentence_people(self, sentence):
        """Who a contact sentence says took part: people named, less those only mentioned (whose instructions,
        decisions or coming visit are cited) and those named in an invitation (see ``invited_by``)."""
        if sentence.index in self._people_cache:
            return self._people_cache[sentence.index]
        found, covered = [], []
        day = self.on_day()
        not_participant = self.lang.ON_BEHALF if self.reports_message_only(sentence) else self.lang.NOT_PARTICIPANT
        previous_end = sentence.start
        outside = self.outside_quotes(sentence.text)
        for match in self.within(self.people, sentence):
            ref = match.payload
            # The title written just before the name, back to the previous name or punctuation: "Ambassador to
            # Russia X", not "…the foreign minister's visit; President X".
            title_words = re.split(r"[,;:.!?«»“”\"()]", self.text[max(previous_end, match.start - 80) : match.start])[
                -1
            ]
            since_previous = self.text[max(previous_end, match.start - ORG_TITLE_REACH) : match.start]
            previous_end = match.end
            if (
                ref.surname_only
                and ref.person_id not in self.full_names
                and (day is None or not self.gaz.active_on(ref.person_id, day))
            ):
                continue
            covered.append((match.start, match.end))
            # What a quotation says ('"…as the heads of state agreed," Lavrov said') does not make him mentioned.
            at = match.start - sentence.start
            before = outside[max(0, at - BEFORE_WINDOW) : at]
            if not_participant.search(before) or self.lang.INVITATION.search(before):
                continue
            # "CICA Secretary General Kairat Sarybay": an official of an international organization acts for it,
            # whatever his nationality.
            country = "" if self.lang.ORGANIZATION_OFFICE.search(since_previous) else ref.country
            person = PersonFinding(ref.person_id, match.text, country, "", quote_of(sentence), at=match.start)
            person.stated_office = office_of(title_words, self.lang) or self.head_of_state_title(title_words)
            found.append(person)
        found.extend(self.unknown_people(sentence, covered))
        found.extend(self.counterparts(sentence, found))
        found = self.without_speaker(sentence, found)
        unique = {}
        for person in found:
            unique.setdefault(person.key, person)
        result = list(unique.values())
        self._people_cache[sentence.index] = result
        return result

    def without_speaker(self, sentence, people):
        """'Lavrov said that Moscow expects President Tokayev's visit': who announces a coming contact in reported
        speech is its source, not one of its participants, unless the clause names him again."""
        speech = self.lang.REPORTED_SPEECH.search(sentence.text)
        if speech is None or not self.announces(sentence) or self.reports_done(sentence.text):
            return people
        told = sentence.text[speech.end() :]
        if not any(pattern.search(told) for _, pattern in self.lang.CUES):
            return people
        start = sentence.start + speech.start()
        inside = {person.key for person in people if person.at >= start}
        return [person for person in people if person.at >= start or person.key in inside]

    def reports_message_only(self, sentence):
        """Whether a sentence tells of a message and of no other contact: then whoever it names wrote or received
        it ("Lavrov congratulated Nurtleu"), where elsewhere a name after "congratulations" is only mentioned."""
        return self.cue_kinds(sentence) == {Kind.MESSAGE}

    def cue_kinds(self, sentence):
        """The kinds of contact a sentence's words report, read once per sentence: not a visit someone is invited to
        ("congratulated X and invited him to visit Moscow" tells of a message only), nor words quoted beside a
        contact told outside them ('"We kept the schedule of consultations," Nurtleu said after the meeting')."""
        kinds = self._cue_kinds.get(sentence.index)
        if kinds is None:
            told = self.outside_quotes(sentence.text)
            kinds = self._cue_kinds[sentence.index] = {
                k for k, pattern in self.lang.CUES if pattern.search(told) and self.reports(pattern, told)
            }
        return kinds

    def invited_by(self, sentence):
        """'At the invitation of his counterpart X': X hosts the visit the sentence reports."""
        found = []
        for match in self.within(self.people, sentence):
            if self.lang.INVITATION.search(self.before(sentence, match.start)) and not match.payload.surname_only:
                ref = match.payload
                found.append(PersonFinding(ref.person_id, match.text, ref.country, "", quote_of(sentence)))
        return found

    def headline_in_title_case(self, sentence):
        """Whether a sentence is the article's title written with every word capitalized ("Kazakh Foreign Minister
        Pays Official Visit to Moscow"): there capitals do not mark names."""
        if sentence.index != 0 or not self.article.title:
            return False
        words = re.findall(r"[^\W\d_]{4,}", sentence.text)
        return len(words) >= 4 and sum(w[0].isupper() for w in words) == len(words)

    def unknown_people(self, sentence, covered):
        found = []
        titled = [*self.lang.UNKNOWN_TITLED.finditer(sentence.text), *self.lang.UNKNOWN_APPOSED.finditer(sentence.text)]
        if self.headline_in_title_case(sentence):
            titled = []  # no new people from a headline's capitals; known ones (and their misspellings) still count
        for match in titled:
            start = sentence.start + match.start("name")
            end = sentence.start + match.end("name")
            if any(s < end and start < e for s, e in covered):
                continue
            groups = match.groupdict()
            name = self.lang.nominative_name(match.group("name"))
            words = [w.lower() for w in name.split()]
            if (
                any(w in self.lang.NAME_STOPWORDS for w in words)
                or self._is_known_word(start, end)
                or not self.lang.looks_like_name(name)
            ):
                continue
            if self.lang.NOT_PARTICIPANT.search(self.before(sentence, sentence.start + match.start())):
                covered.append((start, end))
                continue
            # "Astrakhan Governor X": a city's name before an office is where it is held.
            adjective = self._country_of(groups.get("adj")) or self._country_of_place(groups.get("adj"))
            if groups.get("adj") and not adjective and self.lang.NATIONALITY.fullmatch(groups["adj"]):
                covered.append((start, end))  # "украинского посла X": of a country the reference data does not hold
                continue
            title_start = match.start("adj") if adjective else match.start("title")
            if match.start("title") > match.start("name"):  # "X, director of … of the Russian Foreign Ministry"
                title = sentence.text[title_start : match.end()].strip(" ,")
                before_title = title
            else:
                title = sentence.text[title_start : match.start("name")].strip(" ,")
                before_title = sentence.text[: match.start("name")]  # the ministry may be named in the title itself
            country = (
                adjective
                or self._country_of(groups.get("ministry"))
                or self._country_of(groups.get("of"))
                or self._country_of(groups.get("lead"))
                or self.own_office(title)
                or self.ministry_before(before_title)
                or self.outlets_own(groups)
            )
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
        if self.cue_kinds(sentence):
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

    def head_of_state_title(self, title):
        """'president' when the title before a name makes him the head of state, else ''."""
        if self.lang.HEAD_OF_STATE_TITLE.search(title) and not self.lang.IN_SERVICE_OF.search(title):
            return Position.Office.PRESIDENT
        return ""

    def own_office(self, title):
        """The country of an office only one country has (an akim heads a Kazakh region), or ''."""
        return next((country for pattern, country in self.lang.OWN_OFFICES if pattern.search(title)), "")

    def _country_of_place(self, text):
        found = self.gaz.places.find(text) if text else []
        return found[0].payload.country if found and found[0].text == text else ""

    def outlets_own(self, groups):
        """An official whose title states no country at all ("Secretary of State X met the Russian ambassador", in
        a Kazakh agency's report): a country's own press names its officials so, while it names foreign ones by
        their nationality. The outlet's country, when the outlet is of one of the two; else ''."""
        if any(groups.get(key) for key in ("adj", "ministry", "of", "lead", "in")):
            return ""  # a nationality, a country or a place of posting is written, if not one known
        country = self.article.outlet_country
        return country if country in (KZ, RU) else ""

    def ministry_before(self, text):
        """The country of the last ministry a sentence names before a position (see the language's MINISTRY)."""
        found = list(self.lang.MINISTRY.finditer(text))
        if not found:
            return ""
        return self._country_of(found[-1].group("adj") or found[-1].group("of"))

    def discussing(self, sentence):
        """Who a sentence says discussed, signed or led something: named before a verb of discussing, after one of
        leading."""
        text, found = sentence.text, []
        discussion, led_by = self.lang.DISCUSSION.search(text), self.lang.LED_BY.search(text)
        for person in self.sentence_people(sentence):
            position = person.at - sentence.start
            if discussion and self.is_subject(person, sentence, discussion.start()):
                found.append(person)
            elif led_by and position > led_by.start():
                found.append(person)
        return found

    def is_subject(self, person, sentence, verb_start):
        """Whether a person is the subject of the verb at ``verb_start`` in a sentence (see the language's
        ``discussant``)."""
        listed = self.gaz.is_listed(person.name_as_written) if person.person_id else None
        before_verb = person.at - sentence.start < verb_start
        return self.lang.discussant(person.name_as_written, before_verb, person.inferred, listed)

    def both_sides(self, people):
        return {KZ, RU} <= {person.country for person in people}

    def pronoun_people(self, sentence, people):
        """'Earlier, he was received by President Tokayev': when a contact sentence names one side only and speaks
        of someone as 'he' or 'she', that is the last participant named from the other side."""
        countries = {person.country for person in people}
        if len(countries) != 1 or not countries <= {KZ, RU}:
            return []
        # "Lavrov held a press conference, where he said …": a subject pronoun after the one named is that one.
        first_named = min(person.at for person in people) - sentence.start
        if not any(
            m.start() < first_named or not self.lang.SUBJECT_PRONOUN.fullmatch(m.group(0))
            for m in self.lang.PRONOUN.finditer(sentence.text)
        ):
            return []
        other = ({KZ, RU} - countries).pop()
        person = self.last_named.get(other)
        return [person] if person is not None else []

    def counterparts(self, sentence, named):
        """'His Kazakh counterpart' without a name is whoever held that office on the day; 'the two ministers' are
        both foreign ministers of the day."""
        day = self.on_day()
        if day is None:
            return []
        wanted = {}  # (country, office): where the text stands for them
        for match in self.lang.COUNTERPART.finditer(sentence.text):
            written = [value for key, value in match.groupdict().items() if key.startswith("adj") and value]
            country = self._country_of(written[0]) if written else self.speakers_other_side()
            office = Position.Office.FOREIGN_MINISTER
            if self.lang.COUNTERPART_WORD.search(match.group(0)):
                # "President Nazarbayev sent a telegram to his Russian counterpart": a counterpart holds the office of
                # the one whose counterpart he is, named before him.
                office = self.leader_before(named, sentence.start + match.start(), day) or office
            wanted.setdefault((country, office), match.start())
        both = self.lang.BOTH_MINISTERS.search(sentence.text)
        # "Abdrakhmanov and his Turkmen counterpart Meredov spoke by phone. The two ministers also discussed …": the
        # two are those just named, when one of them is of a third country.
        if both and not self.named_last - {KZ, RU}:
            wanted.setdefault((KZ, Position.Office.FOREIGN_MINISTER), both.start())
            wanted.setdefault((RU, Position.Office.FOREIGN_MINISTER), both.start())
        if self.lang.HOST_VERB.search(sentence.text):
            # "The Kazakh leader received the ambassador": the president of the day, as the one who receives.
            for match in self.lang.LEADER.finditer(sentence.text):
                if not self.lang.NOT_PARTICIPANT.search(self.before(sentence, sentence.start + match.start())):
                    country = self._country_of(match.group("adj") or match.group("of"))
                    wanted.setdefault((country, Position.Office.PRESIDENT), match.start())
        found = []
        for (country, office), position in wanted.items():
            if not country or any(p.country == country for p in named):
                continue
            person_id = self.gaz.office_holder(office, country, day)
            if person_id:
                name = self.gaz.person_names[person_id]
                at = sentence.start + position
                person = PersonFinding(person_id, name, country, "", quote_of(sentence), inferred=True, at=at)
                person.stated_office = office
                found.append(person)
        return found

    def leader_before(self, named, position, day):
        """The office of the head of state or government named last before ``position``, if that is who it is."""
        before = [person for person in named if person.person_id and person.at < position]
        if not before:
            return None
        term = self.gaz.position_on(before[-1].person_id, day)
        leaders = {Position.Office.PRESIDENT, Position.Office.PRIME_MINISTER}
        return term.office if term is not None and term.office in leaders else None

    def speakers_other_side(self):
        """In a minister's own transcript, the country of 'my colleague' said without a nationality: the other side
        of the pair, when the text speaks of it at all (its name, a place in it, one of its people)."""
        speaker = self.transcript_speaker()
        if speaker is None or speaker.country not in (KZ, RU):
            return ""
        other = KZ if speaker.country == RU else RU
        places = {m.payload.country for m in self.places}
        return other if other in self.article_countries | places else ""

    def addressee(self, speaker, event):
        """In a transcript, the other side's minister of the contact's day, when the speaker addresses them by first
        name and patronymic anywhere in the text; or whom the title says the speaker held talks with, for a contact
        the speaker tells as "we" in the sentence that tells it ("Back in June, we held several meetings by video")."""
        if speaker.country not in (KZ, RU):
            return None
        other = KZ if speaker.country == RU else RU
        if event.sentences and self.lang.WE.search(event.sentences[0].text):
            quote, named = self.title_people()
            for match in named:
                if match.payload.country == other and match.payload.person_id:
                    return PersonFinding(match.payload.person_id, match.text, other, "", quote, at=match.start)
        if event.date is None:
            return None
        minister = self.gaz.office_holder(Position.Office.FOREIGN_MINISTER, other, event.date.value)
        if minister is None:
            return None
        for match in self.lang.ADDRESSED.finditer(self.text):
            if self.gaz.first_name_is(minister, match.group("first")):
                quote = Quote(match.start(), match.end(), match.group(0))
                name = self.gaz.person_names[minister]
                return PersonFinding(minister, name, other, "", quote, inferred=True, at=match.start())
        return None

    def complete_participants(self, event):
        # "His Kazakh counterpart" stands for the minister only when the text names nobody else from Kazakhstan:
        # a deputy's counterpart named elsewhere is the counterpart meant. ("The Kazakh leader" is the president,
        # whoever else from Kazakhstan the text names.)
        named = {p.country for p in event.participants.values() if not p.inferred}
        for key, person in list(event.participants.items()):
            if person.inferred and person.country in named and person.stated_office != Position.Office.PRESIDENT:
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

    def is_diplomat(self, person, event):
        """A foreign minister, a deputy or an ambassador on the day (any day of their careers when undated)."""
        if person.person_id is None or person.office:
            return person.office in DIPLOMATIC_OFFICES
        if person.stated_office in DIPLOMATIC_OFFICES:
            return True  # "Kazakhstan's Ambassador to Russia X": the text says so, where the reference data is silent
        if person.stated_office and event.date is None:
            # "President Tokayev" in an undated report: he acts in the office the text gives him, not in one he held
            # some other year.
            return False
        day = event.date.value if event.date else None
        for term in self.gaz.terms:
            if term.person_id == person.person_id and term.office in DIPLOMATIC_OFFICES:
                if day is None or ((term.start is None or term.start <= day) and (term.end is None or day <= term.end)):
                    return True
        return False

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
