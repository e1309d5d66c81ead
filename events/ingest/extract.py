"""Extract contacts, agreements and forums from a read article, each value with the sentence it came from.

The rules are general: sentences carry cues (a contact verb, a date, people, places); a contact
sentence with a new date starts a new contact, other sentences add to the current one. Nothing here
touches the database: names are matched against a ``Gazetteer`` loaded beforehand. What belongs to a
language (cue words, title patterns, case forms) comes from the article's module in ``lang/``.
"""

import bisect
import datetime
import re

from events.ingest.dates import DAY, YEAR, days_without_year
from events.ingest.dating import DateReading
from events.ingest.documents import DocumentReading, _edition
from events.ingest.findings import (
    BEFORE_WINDOW,
    KIND_RANK,
    KZ,
    RU,
    EventFinding,
    Extraction,
    Kind,
    PersonFinding,
    Quote,
    day_fits,
    overlaps,
    quote_of,
)
from events.ingest.gazetteer import CYRILLIC, Match, tokenize
from events.ingest.participants import PeopleReading
from events.ingest.places import PlaceReading
from events.ingest.reader import Sentence
from events.ingest.relevance import ONE_SIDE_OF_MANY, RelevanceReading
from events.models import Basis
from people.models import Position

# A quotation: straight, curly or angle quotes around a dozen characters at least.
QUOTED = re.compile(r'"[^"]{12,}"|“[^”]{12,}”|«[^»]{12,}»|„[^“”]{12,}[“”]')
# The end of a quotation opened in an earlier sentence: a closing mark with none opened before it ('… in time," Lavrov
# said', '… в срок", - сказал Лавров'): a straight mark closes after a stop or before a dash.
QUOTE_ENDING = re.compile(r'^[^"“”«»„]{12,}?(?:[»”]|(?<=[,.!?…])"|"(?=\s*[,.]?\s*[-—–]))')
NOUN_WINDOW = 30  # characters: the noun a participle or an adjective describes stands within a few words of it
# The most contacts one article is read for: a chronology of a whole year has a few dozen; a text that seems to
# report hundreds is a list or a table, and reading on would only cost time.
MAX_CONTACTS = 60

__all__ = ["BEFORE_WINDOW", "KIND_RANK", "KZ", "MAX_CONTACTS", "RU", "Extractor"]


OBJECT_REACH = 80  # characters between a verb and the name of its object, titles included


def can_be_day(event, month_day):
    """Whether a contact can be the one a sentence dates to a day and month of no known year."""
    if event.date is not None:
        return day_fits(month_day, event.date)
    return month_day is None or event.month_day is None or event.month_day == month_day


class Extractor(PeopleReading, PlaceReading, DocumentReading, DateReading, RelevanceReading):
    """Reads one article into contacts: splits it into the contacts it tells (``segment``), then completes each
    with its people (``participants.py``), its place (``places.py``) and what it names (``documents.py``)."""

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
        self.listing = False  # after "The meeting was attended by:", each line names someone who attended
        self._outside_quotes = {}  # a sentence's text → the same with its quotations blanked (see outside_quotes)
        self._cue_kinds = {}  # sentence index → the kinds of contact its words name (see cue_kinds)
        self.named_last = set()  # the countries of the people the last sentence naming anyone named, for "the two"
        self.reference = article.reference_date or self.infer_reference() or self.title_date()
        self.series_named = bool(self.lang.FORUM.search(self.text))
        self.places = sorted(self.places + self.capitals(), key=lambda m: m.start)

    def capitals(self):
        """'In the Kazakh capital', 'в российской столице': the capital of that country in the article's time."""
        day = self.reference.value if self.reference else None
        found = []
        for match in self.lang.CAPITAL.finditer(self.text):
            country = self._country_of(match.group("adj") or match.group("of"))
            place = self.gaz.capital_of(country, day)
            if place is not None:
                found.append(Match(match.start(), match.end(), match.group(0), place))
        return found

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
            event.multilateral = event.multilateral or (event.sidelines and event.parent is None)
            self.place_event(event)
            self.complete_participants(event)
            event.name = self.multilateral_name(event) if event.multilateral else ""
            if event.kind == Kind.MESSAGE:
                # A message is sent, not held anywhere: a dateline is only where it was reported.
                event.place, event.place_as_written, event.place_basis, event.place_quote = None, "", "", None
                event.host = ""
            elif event.kind == Kind.DEMARCHE:
                # A summons is between the two: a third country's envoy named in it ("after the return of the
                # Ukrainian ambassador") is what it is about.
                if event.countries & {KZ, RU}:
                    for key in [k for k, person in event.participants.items() if person.country not in (KZ, RU)]:
                        del event.participants[key]
                # The envoy is summoned by the other side's ministry: that side hosts.
                envoys = self.envoy_countries(event)
                if len(envoys) == 1 and envoys <= {KZ, RU}:
                    self.held_by_ministry(event, ({KZ, RU} - envoys).pop())
        speaker = self.transcript_speaker()
        for event in events if speaker else []:
            if speaker.country not in event.countries:
                event.participants.setdefault(speaker.key, speaker)
            # "Dear Sergey Viktorovich": whom the speaker addresses took part too.
            addressee = self.addressee(speaker, event)
            if addressee is not None and addressee.country not in event.countries:
                event.participants.setdefault(addressee.key, addressee)
        events = self.fold_side_talks(events)
        for event in events:
            self.in_dictionary_form(event)
        kept, dropped = [], []
        self.lead_event = events[0] if events else None
        for event in events:
            reason = self.rejection(event) or self.in_passing(event)
            event.joins_only = reason == ONE_SIDE_OF_MANY and any(
                self.is_diplomat(person, event) for person in event.participants.values()
            )
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
        for event in kept:
            # An official the reference data does not hold is recorded for the two sides only: another country's
            # minister at a meeting of many is named in its text, not made a person to review.
            for key in [k for k, p in event.participants.items() if p.person_id is None and p.country not in (KZ, RU)]:
                del event.participants[key]
        return Extraction(kept, dropped, forums, agreements, capped=self.contacts_capped)

    def fold_side_talks(self, events):
        """Talks of both sides on the sidelines of a meeting of many are a contact of that meeting: told as it when
        the text names it with one side only or with the same people; otherwise as a contact of their own, of that
        meeting's kind and name when it is a meeting of ministers."""
        folded = []
        for event in events:
            parent = event.parent
            if parent is None or not {KZ, RU} <= event.countries:
                continue
            if {KZ, RU} <= parent.countries and not set(event.participants) <= set(parent.participants):
                if any(self.lang.MINISTERIAL.search(sentence.text) for sentence in parent.sentences):
                    event.multilateral, event.name = True, parent.name
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
        for whole in self.sentences():
            parts = self.contact_clauses(whole)
            for sentence in parts:
                info = self.read_sentence(sentence, forums, agreements)
                later_clause = sentence is not parts[0] and current is not None
                if (
                    current is not None
                    and info["cue"]
                    and not later_clause
                    and self.leaders_elsewhere(sentence, current)
                ):
                    info["cue"] = False  # "Putin stressed it when the two leaders met in Dushanbe": not this contact
                if current is None and info["opens"]:
                    info["cue"], info["kinds"] = True, {Kind.TALKS}
                if info["cue"]:
                    if later_clause:
                        target = EventFinding(date=current.date, date_basis=current.date_basis, date_quote=None)
                        target.sibling = current
                    else:
                        target = self.choose_event(events, current, info, sentence)
                    if target not in events:
                        if len(events) >= MAX_CONTACTS:
                            self.contacts_capped = True
                            continue
                        events.append(target)
                    if current is None:
                        # What the article says before its first contact sentence belongs to that contact.
                        for earlier, earlier_info in pending:
                            self.absorb(target, earlier, earlier_info, lead=True)
                        pending = []
                    current = target
                if current is None:
                    pending.append((sentence, info))
                else:
                    self.absorb(current, sentence, info)
                if later_clause and info["cue"]:
                    # "Lavrov held talks with Nurtleu and was received by President Tokayev": the side the later
                    # clause does not name is the one the first clause named.
                    for person in self.sentence_people(parts[0]):
                        if person.country in {KZ, RU} - current.countries:
                            current.participants.setdefault(person.key, person)
                # "Lavrov spoke to the press. On Friday he held talks with Tleuberdi": "he" is the one named last, in
                # whichever sentence.
                people = self.sentence_people(sentence)
                for person in people:
                    self.last_named[person.country] = person
                if people:
                    self.named_last = {person.country for person in people}
        return events

    def contact_clauses(self, sentence):
        """'I have held talks with Foreign Minister Nurtleu, and I have just come from a meeting with President
        Tokayev': two clauses that each tell a contact, with different people of the same side, are two contacts;
        each is read as a sentence of its own. Any other sentence is read whole."""
        text = sentence.text
        if not self.lang.CLAUSE_JOIN.search(text) or len(self.sentence_people(sentence)) < 2:
            return [sentence]
        for join in self.lang.CLAUSE_JOIN.finditer(text):
            cut, resume = join.span()
            if not all(any(cue.search(part) for _, cue in self.lang.CUES) for part in (text[:cut], text[resume:])):
                continue
            first = Sentence((sentence.index, 0), sentence.start, sentence.start + cut, text[:cut])
            second = Sentence((sentence.index, 1), sentence.start + resume, sentence.end, text[resume:])
            if not (self.cue_kinds(first) and self.cue_kinds(second)):
                continue
            named = [self.sentence_people(first), self.sentence_people(second)]
            for country in (KZ, RU):
                one, other = ({p.key for p in people if p.country == country} for people in named)
                if one and other and not one & other:
                    return [first, second]
        return [sentence]

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
        # "Lavrov, who held talks with Nurtleu yesterday, said the presidents will meet on November 27": a clause
        # that reports a contact done makes the sentence a report, and the dates of clauses about what is to come
        # belong to that coming event.
        told = self.outside_quotes(text)
        reported = self.reports_done(told)
        announced = self.announces(sentence) and not reported
        prefer = "future" if announced or self.lang.FUTURE.search(told) else "past"
        stated = self.dates_by_clause(told, prefer)
        for mention in stated:
            owned = any(start <= mention.start for start in owned_after)
            before = text[max(0, mention.start - BEFORE_WINDOW) : mention.start]
            if owned or self.lang.OWNED_DATE.search(before) or self.of_another_occasion(before):
                continue
            if not announced and self.reference is not None and mention.date.first > self.reference.last:
                continue  # a report of what was done cannot be dated after the article: the date is another event's
            if reported and self.lang.FUTURE.search(self.clause_at(text, mention.start)):
                continue
            dates.append(mention)
        # "He recalled that the presidents had met in Moscow on 19 December": a date in what is recalled, where no one
        # of the two countries is named, is of another occasion.
        recalled = self.recalled_from(sentence, told)
        dates = [d for d in dates if d.start < recalled]
        # "Toqaev held talks with Lavrov on May 20" in an article whose year nothing fixes: the day and month the
        # sentence states are still its own, and no date of another sentence can be the contact's unless it fits.
        month_day = None
        if self.reference is None:
            for start, day in days_without_year(told, self.lang):
                if start >= recalled:
                    break
                before = text[max(0, start - BEFORE_WINDOW) : start]
                if not (self.lang.OWNED_DATE.search(before) or self.of_another_occasion(before)):
                    month_day = day
                    break
        # "Lavrov, who arrived on Monday, held talks on Tuesday": a date in a clause about someone is theirs, not the
        # contact's, even when the sentence states no other ("who arrived on Wednesday, held talks"); unless the
        # clause is what tells the contact ("Lavrov, who held talks yesterday, said …").
        described = [
            m.span()
            for m in self.lang.RELATIVE_CLAUSE.finditer(text)
            if not (self.lang.DONE.search(m.group(0)) and any(cue.search(m.group(0)) for _, cue in self.lang.CUES))
        ]
        dates = [d for d in dates if not any(start <= d.start < end for start, end in described)]
        # "A plan of consultations" names a document, not the kind of contact.
        cue_text = text
        for start, end in agreement_spans:
            cue_text = cue_text[:start] + " " * (end - start) + cue_text[end:]
        if agreement_spans:
            kinds = {k for k, pattern in self.lang.CUES if pattern.search(cue_text) and self.reports(pattern, cue_text)}
        else:
            kinds = set(self.cue_kinds(sentence))
        # "A meeting of the foreign ministers of Russia, Azerbaijan, Iran, Kazakhstan and Turkmenistan ended": the
        # countries named with the ministers are the ones taking part.
        attending = self.listed_countries(sentence)
        multilateral = (
            self.reports_multilateral(text)
            or bool(attending and self.lang.PARTICIPATION.search(text))
            or bool(kinds and self.ministers_of_many(told))
        )
        sidelines = self.lang.SIDELINES.search(text)
        side_forum = False
        if multilateral and sidelines and self.lang.BILATERAL_VERB.search(text):
            # "On the sidelines of the summit, X met Y": the talks are bilateral, the summit is their setting. On the
            # sidelines of a ministers' meeting, two ministers meet as part of it: its kind, its name.
            two = len(self.sentence_people(sentence)) >= 2
            side_forum = two and bool(self.lang.MINISTERIAL.search(text, sidelines.end()))
            multilateral = not two
        if multilateral:
            kinds.add(Kind.MULTILATERAL)
        # "Deputy ministers X and Y exchanged views on …" reports a contact by itself when nothing before has.
        opens = not kinds and self.both_sides(self.discussing(sentence))
        return {
            "cue": bool(kinds),
            "opens": opens,
            "announced": announced,
            "kinds": kinds,
            "multilateral": multilateral,
            "dates": dates,
            "month_day": month_day,
            "stated": stated,
            "agreements": agreement_found,
            "sidelines": bool(sidelines),
            "side_forum": side_forum,
            "attending": attending,
        }

    def recalled_from(self, sentence, told):
        """Where what the sentence recalls begins ("напомнил, что …"), when it names no one of Kazakhstan or Russia;
        the sentence's length otherwise."""
        recall = self.lang.RECALLED.search(told)
        if recall is None:
            return len(told)
        start = sentence.start + recall.end()
        named = any(m.payload.country in (KZ, RU) and m.start >= start for m in self.within(self.people, sentence))
        return len(told) if named else recall.end()

    def listed_countries(self, sentence):
        """The countries of a sentence that names ministers beside three countries or more: those the ministers
        come from."""
        if not self.lang.MINISTERS.search(sentence.text):
            return set()
        named = {match.payload for match in self.within(self.countries, sentence)}
        return named if len(named) >= 3 else set()

    def ministers_of_many(self, text):
        """Whether a sentence's ministers are those of a group of states ("the foreign ministers of the SCO member
        states met"), in a clause that speaks of nothing to come; not words of a council's name ("the Council of
        Foreign Ministers of the CSTO"), which ``reports_multilateral`` reads."""
        return any(
            not self.future_at(text, m.end())
            and not (m.group("org") and not self.gaz.organizations.find(m.group("org")))
            and not self.lang.GATHERING_OF.search(text[max(0, m.start() - NOUN_WINDOW) : m.start()])
            for m in self.lang.MINISTERS_OF_MANY.finditer(text)
        )

    def in_dictionary_form(self, event):
        """Names and places as written, in the nominative: shown as 'Мурат Нуртлеу', 'Нур-Султан (now Astana)',
        never as the case the sentence put them in ('Муратом Нуртлеу', 'в Нур-Султане')."""
        for person in event.participants.values():
            if CYRILLIC.search(person.name_as_written):
                if person.person_id:
                    person.name_as_written = self.gaz.dictionary_form(
                        person.person_id, person.name_as_written, self.lang
                    )
                else:
                    person.name_as_written = self.lang.nominative_name(person.name_as_written)
        if event.place is not None and CYRILLIC.search(event.place_as_written):
            event.place_as_written = " ".join(
                self.lang.nominative(w, place=True) for w in event.place_as_written.split()
            )

    @staticmethod
    def clauses(text):
        return [(m.start(), m.group(0)) for m in re.finditer(r"[^,;:—–()]+", text)]

    def clause_index(self, clauses, position):
        """The index in ``clauses`` of the clause that holds ``position``, or None."""
        for index, (start, clause) in enumerate(clauses):
            if start <= position < start + len(clause):
                return index
        return None

    def clause_at(self, text, position):
        clauses = self.clauses(text)
        index = self.clause_index(clauses, position)
        return "" if index is None else clauses[index][1]

    def future_at(self, text, position):
        """Whether the verb that governs ``position`` speaks of what is to come: the last word of tense before it in
        its clause, or the first after it when none stands before; in a clause without one ("Back in June, we held
        …"), the first of the clause that follows. None when neither has one. "The ministers met in Shanghai on
        Monday to prepare for the summit to be held next month": the day is the meeting's, done; the future is the
        summit's."""
        clauses = self.clauses(text)
        index = self.clause_index(clauses, position)
        if index is None:
            return None
        start, clause = clauses[index]
        marks = self.tense_marks(clause)
        before = [future for at, future in marks if at < position - start]
        if before:
            return before[-1]
        if not marks and index + 1 < len(clauses):
            marks = self.tense_marks(clauses[index + 1][1])
        return marks[0][1] if marks else None

    def tense_marks(self, clause):
        """The words of tense of a clause in order, as (offset, whether it speaks of what is to come)."""
        futures = [(m.start(), m.end()) for m in self.lang.FUTURE.finditer(clause)]
        # "Will be held", "is expected to be signed": the participle is the future verb's, not a verb of its own.
        done = [
            m.start()
            for m in self.lang.DONE.finditer(clause)
            if not any(end <= m.start() and len(clause[end : m.start()].split()) <= 2 for _, end in futures)
        ]
        return sorted([(start, True) for start, _ in futures] + [(start, False) for start in done])

    def reports_done(self, text):
        """Whether a clause of the sentence tells of a contact without future wording (see ``read_sentence``), and
        another clause speaks of what is to come."""
        clauses = [clause for _, clause in self.clauses(text)]
        future = [c for c in clauses if self.lang.FUTURE.search(c) or self.lang.PLANNED.search(c)]
        if not future or len(future) == len(clauses):
            return False
        return any(
            pattern.search(c) and c not in future and self.lang.DONE.search(c)
            for c in clauses
            for _, pattern in self.lang.CUES
        )

    def outside_quotes(self, text):
        """'"The summit will take place next year," Lavrov said after meeting his counterpart': when a sentence tells
        a contact outside its quotation marks (or outside the words said before a verb of saying, quoted or not),
        what was said is someone's words, not the contact: its future and its dates are blanked (keeping every
        offset)."""
        if text in self._outside_quotes:
            return self._outside_quotes[text]
        self._outside_quotes[text] = text
        quoted = [m.span() for m in QUOTED.finditer(text)] + [m.span() for m in self.lang.DASH_QUOTE.finditer(text)]
        quoted += [m.span() for m in QUOTE_ENDING.finditer(text)]
        # Words said without quotation marks, before the verb of saying: only when they tell no contact themselves
        # ("After the talks with Nurtleu, Lavrov said …" tells the contact before the verb).
        quoted += [
            m.span()
            for m in self.lang.SPEECH_FIRST.finditer(text)
            if not any(cue.search(m.group(0)) for _, cue in self.lang.CUES)
        ]
        if not quoted:
            return text
        outside = text
        for start, end in quoted:
            outside = outside[:start] + " " * (end - start) + outside[end:]
        if any(cue.search(outside) for _, cue in self.lang.CUES):
            self._outside_quotes[text] = outside
        # else '"We held talks today," Lavrov said': the contact is told in the quotation itself
        return self._outside_quotes[text]

    def announces(self, sentence):
        """Whether a sentence announces a contact rather than reports it: future wording, or a headline's 'Lavrov to
        visit Kazakhstan'."""
        # "…, which Kazakhstan will chair next year": what a clause says of something else announces nothing.
        main = self.lang.RELATIVE_CLAUSE.sub(" ", self.outside_quotes(sentence.text))
        # "After talks with Idrissov, Lavrov said that the agreement will be signed soon": what is to come is what
        # was said, when the contact is told before the verb of saying.
        speech = self.lang.REPORTED_SPEECH.search(main) or self.lang.NOTED.search(main)
        told_before = speech is not None and any(cue.search(main[: speech.start()]) for _, cue in self.lang.CUES)
        for future in self.lang.PLANNED.finditer(main):
            if told_before and future.start() >= speech.end():
                continue
            before = main[max(0, future.start() - BEFORE_WINDOW) : future.start()]
            # "discussed the preparations for the upcoming summit", "discussed the upcoming visit": the future is the
            # summit's or the visit's, the topic of a contact done, not the contact's.
            if (
                self.lang.PREPARATION.search(before)
                or self.lang.TOPIC_OF.search(before)
                or self.lang.DISCUSSED_NOUN.search(before)
            ):
                continue
            if not self.describes_another(main, future):
                return True
        return (
            sentence.index == 0 and bool(self.article.title) and bool(self.lang.HEADLINE_PLANNED.match(sentence.text))
        )

    def of_another_occasion(self, before):
        """'The CSTO summit due in Astana in November', 'the first summit in October 2022', 'the agreements reached
        at the summit in Astana in October 2022': a date or a place that follows the name of another occasion is
        that occasion's, unless the contact is held at it ('on the sidelines of the summit on 4 July')."""
        if self.lang.REACHED_AT.search(before):
            return True  # "the agreements reached during the summit in October 2022": the summit's date
        occasion = self.lang.OCCASION_BEFORE_DATE.search(before)
        return bool(occasion) and not self.lang.SETTING.search(before[: occasion.start()])

    def attends(self, sentence):
        """Whether a sentence tells who attends, and of nothing to come."""
        text = sentence.text
        return bool(self.lang.JOINED.search(text)) and not (self.lang.FUTURE.search(text) or self.announces(sentence))

    def lists_delegations(self, sentence):
        """'Every member state sent a delegation: Minister of Foreign Affairs of Armenia X, Deputy Foreign Minister
        of Belarus Y, …': officials of three countries or more, each with the office the text gives them."""
        if self.lang.FUTURE.search(sentence.text):
            return False
        people = self.sentence_people(sentence)
        return len({p.country for p in people if p.stated_office or p.office}) >= 3

    def describes_another(self, text, future):
        """'The forum to be held in Kostanay', 'the upcoming summit': future words that describe a noun, not what
        someone will do. They announce the contact only when the noun they describe is a contact."""
        word, before = future.group(0), text[: future.start()]
        if self.lang.FINITE_BEFORE.search(before):  # "the talks are scheduled for Friday"
            return False
        if self.lang.FUTURE_BEFORE_NOUN.fullmatch(word):
            noun = text[future.end() : future.end() + NOUN_WINDOW]
        elif self.lang.FUTURE_AFTER_NOUN.fullmatch(word):
            noun = text[max(0, future.start() - NOUN_WINDOW) : future.start()]
        else:
            return False
        return not any(cue.search(noun) for _, cue in self.lang.CUES)

    def reports(self, cue, text):
        """Whether a cue word reports a contact: not one whose preparation is the subject ("preparations for the
        visit"), nor one someone is invited to ("invited him to pay an official visit")."""
        for m in cue.finditer(text):
            before = text[max(0, m.start() - BEFORE_WINDOW) : m.start()]
            if not (self.lang.PREPARATION.search(before) or self.lang.INVITED_TO.search(before)):
                return True
        return False

    def reports_multilateral(self, text):
        """Whether a sentence reports taking part in a multilateral meeting: a summit or council named with a verb
        of taking part, and not only as a coming event ("the summit being held next year")."""
        for match in self.lang.MULTILATERAL_CUE.finditer(text):
            end = self.lang.NAME_TAIL.match(text, match.end()).end()  # its verb comes after the rest of its name
            parts = re.split(r"[,;:—–]|\s-\s", text[match.end() :], maxsplit=2)
            clause = parts[0] + (" " + parts[1] if len(parts) > 1 and self.lang.RELATIVE.match(parts[1]) else "")
            before = text[max(0, match.start() - 40) : match.start()]
            if self.lang.FUTURE.search(clause) or self.lang.FUTURE.search(before):
                continue
            # The verb goes with this meeting: near it, and the meeting is not only the topic ("the summit agenda").
            near = text[max(0, match.start() - 80) : match.start()] + " " + text[end : end + 60]
            topic = self.lang.TOPIC_OF.search(text[max(0, match.start() - 30) : match.start()]) or (
                self.lang.TOPIC_AFTER.match(text[match.end() :])
            )
            if topic:
                continue
            if self.lang.PARTICIPATION.search(near) or self.lang.MEETING_DID.match(text, end):
                return True
        return False

    def choose_event(self, events, current, info, sentence):
        date, basis = self.sentence_date(info, sentence)
        default = (current.date, current.date_basis) if current else self.default_date()
        if date is not None and date.precision == YEAR and default[0] is not None and date.overlaps(default[0]):
            # "This year" in a lead says nothing the publication date does not say better; "in February" does: the
            # contact is known to the month, not to the day of the report.
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
        if current is not None and (
            self.another_message(current, info, sentence) or self.another_summons(current, info, sentence)
        ):
            # "Lavrov congratulated Nurtleu … The ambassador also congratulated the minister": a message goes from one
            # person to another; someone new writing or receiving one is another message.
            date, basis = (date, basis) if date is not None else (current.date, current.date_basis)
            event = EventFinding(date=date, date_basis=basis, date_quote=current.date_quote)
            event.sibling = current
            return event
        if current is not None and not side_talks and self.another_pair(current, sentence):
            # "At the same time Lavrov spoke with Abdrakhmanov … The same day Putin called Nazarbayev": other people
            # of both countries make another contact, or rejoin an earlier one they took part in.
            people = {person.key for person in self.sentence_people(sentence)}
            for event in reversed(events):
                if people & set(event.participants) and overlaps(event.date, date or current.date):
                    return event
            date, basis = (date, basis) if date is not None else (current.date, current.date_basis)
            event = EventFinding(date=date, date_basis=basis, date_quote=current.date_quote, multilateral=multilateral)
            event.sibling = current
            return event
        if date is None:
            day = info["month_day"]
            if (
                current is not None
                and current.multilateral == multilateral
                and not side_talks
                and can_be_day(current, day)
            ):
                if current.date is None and current.month_day is None and day is not None:
                    current.month_day, current.day_quote = day, quote_of(sentence)
                return current
            if day is not None:
                # "Toqaev also held talks with Lavrov on May 20", after a paragraph about February 2022: the contact
                # told on that day, or a new one.
                for event in reversed(events):
                    if event.multilateral == multilateral and event.month_day == day:
                        return event
            date, basis = default
        if not side_talks:
            if (
                current is not None
                and current.multilateral == multilateral
                and overlaps(current.date, date)
                and current.fits_day(date)
            ):
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
        if date is None and info["month_day"] is not None:
            event.month_day, event.day_quote = info["month_day"], quote_of(sentence)
        if side_talks:
            event.parent = current
        return event

    def another_message(self, current, info, sentence):
        return (
            set(current.kinds) == {Kind.MESSAGE}
            and info["kinds"] == {Kind.MESSAGE}
            and bool(current.participants)
            and any(person.key not in current.participants for person in self.sentence_people(sentence))
        )

    def another_summons(self, current, info, sentence):
        """A summons is of one envoy, and a contact of its own: "Ambassador X was summoned to the Kazakh ministry …
        Earlier the Kazakh ambassador Y had been summoned to the Russian one" tells two."""
        return (
            Kind.DEMARCHE in info["kinds"]
            and bool(current.participants)
            and any(
                person.key not in current.participants
                and Position.Office.AMBASSADOR in (person.office, person.stated_office)
                for person in self.sentence_people(sentence)
            )
        )

    def another_pair(self, current, sentence):
        people = self.sentence_people(sentence)
        countries = {person.country for person in people}
        if not current.participants or self.lang.JOINED.search(sentence.text):
            return False
        if any(person.key in current.participants for person in people):
            return False
        if {KZ, RU} <= countries:
            return True
        # In a minister's transcript, "I" with someone new of the other side, after the talks with their minister:
        # "Talks have been held with Minister X. I have just had a long meeting with President Y."
        speaker = self.transcript_speaker()
        return (
            speaker is not None
            and bool(self.lang.I_SUBJECT.search(sentence.text))
            and len(countries) == 1
            and countries <= {KZ, RU} - {speaker.country}
            and countries <= {person.country for person in current.participants.values()}
        )

    def adopts(self, current, date, basis, multilateral):
        """A contact dated only by the publication or dateline takes the first date the text states for it,
        when that date falls in the days just before."""
        if current is None or current.multilateral != multilateral or basis != Basis.STATED:
            return False
        if current.date_basis not in (Basis.PUBLICATION, Basis.DATELINE) or date.precision != DAY:
            return False
        if current.date is None:
            return current.fits_day(date)
        return current.date.first - datetime.timedelta(days=7) <= date.first <= current.date.last

    def host_of_reception(self, people, sentence, verb):
        """Who received, by the verb of receiving: its subject (in Russian the one in the nominative, wherever it
        stands: "Лаврова … принял президент"). When no one named is its subject and everyone named is its object,
        standing right after it ("The President of Kazakhstan received Russian Foreign Minister Sergey Lavrov", with
        no date to say which president), the guest's side is known and the other side hosts; not in "hosted a
        meeting …, chaired by X"."""
        hosts = [p for p in people if self.is_subject(p, sentence, verb.start())]
        if hosts:
            return hosts[0].country
        after = [p for p in people if p.at - sentence.start > verb.start()]
        received = {p.country for p in after}
        object_next = (
            len(after) == len(people)
            and not re.search(r"[,;]", sentence.text[verb.end() : after[0].at - sentence.start])
            and after[0].at - sentence.start - verb.end() <= OBJECT_REACH
        )
        if object_next and len(received) == 1 and received <= {KZ, RU}:
            return ({KZ, RU} - received).pop()
        return people[0].country

    def transcript_speaker(self):
        """Who speaks in a transcript ("Foreign Minister Sergey Lavrov's remarks …", "Выступление … С.В.Лаврова"):
        the "we" of its text, who took part in what it tells."""
        if not hasattr(self, "_speaker"):
            self._speaker = self._transcript_speaker()
        return self._speaker

    def _transcript_speaker(self):
        title = self.article.title
        if not title or not self.lang.TRANSCRIPT_TITLE.search(title):
            return None
        quote, named = self.title_people()
        # The one named first: "Sergey Lavrov's remarks … following talks with Mukhtar Tleuberdi".
        if not named or named[0].payload.person_id is None:
            return None
        ref = named[0].payload
        return PersonFinding(ref.person_id, named[0].text, ref.country, "", quote, at=named[0].start)

    def title_people(self):
        """The title as a quote of the text, and the names found in it; (None, []) when the text does not hold it."""
        title = self.article.title
        start = self.text.find(title) if title else -1
        if start < 0:
            return None, []
        return Quote(start, start + len(title), title), [
            m for m in self.people if start <= m.start and m.end <= start + len(title)
        ]

    def absorb(self, event, sentence, info, lead=False):
        """Add what a sentence says to the contact it belongs to; ``lead``: a sentence before the first that tells
        a contact ("On Monday and Tuesday Lavrov was in Kazakhstan. He held talks with …")."""
        if sentence not in event.sentences:
            event.sentences.append(sentence)
        quote = quote_of(sentence)
        # "The treaty can come into force only on 1 January 2015": a sentence that tells no contact and names no one
        # dates something else.
        dates = info["dates"] if info["cue"] or self.sentence_people(sentence) else []
        for mention in dates:
            basis = Basis.INFERRED if mention.relative else Basis.STATED
            # A day the lead names, stated or read from a weekday ("this Monday"), dates a contact dated so far only
            # by its publication or dateline, as a stated day in a contact sentence would.
            if lead and self.adopts(event, mention.date, Basis.STATED, event.multilateral):
                event.date, event.date_basis, event.date_quote = mention.date, basis, quote
            event.refine_date(mention.date, basis, quote)
        # "Lavrov held talks with Tleuberdi. Russia expects President Tokayev's visit in June": who is to take part in
        # what is to come did not take part in the contact the text reports done.
        if info["cue"] and info["announced"] and event.arrived_only and self.lang.ARRIVAL.search(sentence.text):
            # "Lavrov has arrived in Astana, where he will hold talks with Nurtleu": the other side is named only in
            # what is to come, in the sentence that tells the arrival, so the contact is to come.
            named = {person.country for person in self.sentence_people(sentence)}
            if named & ({KZ, RU} - event.countries):
                event.planned, event.arrived_only = True, False
        if info["cue"] and not (info["announced"] and not event.planned):
            people = self.sentence_people(sentence)
            # "After the talks Lavrov said that President Putin's visit will take place on November 27": who is
            # named in what was said, after a contact told before the verb of saying, is not in the contact.
            # So is who is named in what someone noted after the contact ("During the meeting with the ambassador
            # the President noted the importance of Vladimir Putin's visit").
            told = self.outside_quotes(sentence.text)
            speech = self.lang.REPORTED_SPEECH.search(told) or self.lang.NOTED.search(told)
            if speech and any(cue.search(sentence.text[: speech.start()]) for _, cue in self.lang.CUES):
                people = [person for person in people if person.at < sentence.start + speech.start()]
            people = people + self.pronoun_people(sentence, people)
            for person in people:
                event.participants.setdefault(person.key, person)
                self.last_named[person.country] = person
            for person in self.invited_by(sentence):
                event.invited_by.setdefault(person.key, person)
            # The kind comes from sentences that report this contact (they name who took part), not from any
            # sentence that happens to mention a visit.
            # "This is his first official visit to Moscow": whose visit it is, the pronoun says; "The discussion took
            # place via video conference": the contact just told, by its name.
            if (
                people
                or not event.kinds
                or self.lang.OWN_VISIT.search(sentence.text)
                or self.lang.CONTACT_SUBJECT.match(sentence.text)
                or (self.lang.ENVOY_SUBJECT.match(sentence.text) and self.envoy_countries(event))
            ):
                for kind in info["kinds"]:
                    event.kinds.setdefault(kind, quote)
                event.sidelines = event.sidelines or (info["side_forum"] and len(people) >= 2)
                if not info["announced"]:
                    one_side = len(event.countries & {KZ, RU}) < 2 and bool(self.lang.ARRIVAL.search(sentence.text))
                    event.arrived_only = one_side and (event.planned or event.arrived_only)
                    event.planned = False
            passive = self.lang.PASSIVE_HOST.search(sentence.text)
            if passive and not event.host:
                hosts = [p for p in people if p.at - sentence.start > passive.start()]
                event.host = hosts[0].country if hosts else ""
            elif not event.host and people and (verb := self.lang.HOST_VERB.search(sentence.text)):
                event.host = self.host_of_reception(people, sentence, verb)
        elsewhen = bool(info["dates"]) and not any(overlaps(m.date, event.date) for m in info["dates"])
        # "The meeting was attended by:" and then a line for each: "Kazakhstan – Minister of Foreign Affairs X".
        listed = self.listing and not info["cue"] and bool(self.sentence_people(sentence))
        self.listing = listed or (sentence.text.rstrip().endswith(":") and self.attends(sentence))
        if (
            not info["cue"]
            and not elsewhen  # "the President stressed it in his remarks on June 14": another occasion's speaker
            and self.lang.SPEECH.search(sentence.text)
            and (event.multilateral or Kind.CEREMONY in event.kinds)
        ):
            # "Addressing the guests, the ambassador said …": who speaks at a reception or a meeting of many
            # took part in it.
            for person in self.sentence_people(sentence):
                event.participants.setdefault(person.key, person)
        elif (
            (event.multilateral or Kind.CEREMONY in event.kinds)
            and not info["cue"]
            and not elsewhen
            and (listed or self.attends(sentence) or (event.multilateral and self.lists_delegations(sentence)))
        ):
            # "Taking part were Russian Foreign Minister X, Tajik Foreign Minister Y …", "В работе совета участвует
            # министр X": whoever a sentence lists as attending the meeting of many being told took part in it.
            for person in self.sentence_people(sentence):
                event.participants.setdefault(person.key, person)
        elif all(overlaps(m.date, event.date) for m in info["stated"]):
            # "Karasin and Vassilenko discussed …", "the delegations were led by …": whoever discusses beside a
            # participant, or the heads of the two sides, took part in the contact being told; not whoever is
            # discussed ("discussed the visit of President X"), nor who signed something at another time ("at the
            # forum in November 2018 the presidents signed a plan").
            people = self.discussing(sentence)
            both_sides = {KZ, RU} <= {person.country for person in people}
            if both_sides or any(person.key in event.participants for person in people):
                for person in people:
                    event.participants.setdefault(person.key, person)
        if event.multilateral and not info["cue"] and not elsewhen and (said := self.lang.SAID.search(sentence.text)):
            # "Russian Foreign Minister Lavrov said …" in the account of a meeting of many: a minister, titled as such,
            # who speaks there took part in it.
            for person in self.sentence_people(sentence):
                if (
                    person.stated_office == Position.Office.FOREIGN_MINISTER
                    and person.at < sentence.start + said.start()
                ):
                    event.participants.setdefault(person.key, person)
        event.attending |= info.get("attending", set())
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

    # --- naming and filtering ----------------------------------------------------------------------------------
