"""Whether a contact found is one to record: a contact of the two countries' foreign ministries, not of their
leaders alone, not of another country pair, and not an old contact an article about something else mentions."""

import datetime
from collections import defaultdict

from events.ingest.findings import DIPLOMATIC_OFFICES, KZ, ONE_SIDED, RU, Kind
from people.models import Position

ONE_SIDE_OF_MANY = "a multilateral meeting that names nobody from both Kazakhstan and Russia"
# How long before the contact an article is about, a Kazakhstan–Russia contact it mentions is background (in_passing).
PASSING_DAYS = 7


class RelevanceReading:
    """The filtering part of ``Extractor``: why a contact is dropped (``rejection``, ``in_passing``)."""

    def leaders_elsewhere(self, sentence, current):
        """Whether a contact sentence inside the account of a contact of both sides names only heads of state or
        government, none of them taking part in it: their meeting is another occasion, one of leaders alone."""
        people = self.sentence_people(sentence)
        leaders = {Position.Office.PRESIDENT, Position.Office.PRIME_MINISTER}
        # "I have just had a meeting with President X", in a minister's transcript: the speaker takes part.
        if self.lang.I_SUBJECT.search(sentence.text) and self.transcript_speaker() is not None:
            return False
        # "He was received by President X": "he", one of the contact's people, takes part.
        referred = self.pronoun_people(sentence, people)
        return (
            bool(people)
            and {KZ, RU} <= current.countries  # a contact whose two sides are known already
            and not any(person.key in current.participants for person in referred)
            and all(
                person.key not in current.participants
                and person.stated_office not in DIPLOMATIC_OFFICES
                and any(t.person_id == person.person_id and t.office in leaders for t in self.gaz.terms)
                for person in people
            )
        )

    def held_by_ministry(self, event, country):
        """A démarche takes place at the ministry that summons: its country hosts; a dateline elsewhere is only
        where the report was filed."""
        event.host = country
        if event.place is not None and event.place.country != country:
            event.place, event.place_as_written, event.place_basis, event.place_quote = None, "", "", None

    def envoy_countries(self, event):
        """The countries of the ambassadors and chargés d'affaires among a contact's participants."""
        day = event.date.value if event.date else None
        # "Ambassador X was reprimanded … Talks were held with X": the titles the text gives each one elsewhere.
        titles = defaultdict(set)
        for sentence in event.sentences:
            for named in self.sentence_people(sentence):
                if named.stated_office:
                    titles[named.key].add(named.stated_office)
        found = set()
        for person in event.participants.values():
            office = person.office or person.stated_office
            if not office and person.person_id and day is not None:
                term = self.gaz.position_on(person.person_id, day)
                office = term.office if term else ""
            if not office and len(titles[person.key]) == 1:
                office = next(iter(titles[person.key]))
            if office == "ambassador":
                found.add(person.country)
        return found

    def ministry_receiving_envoy(self, event):
        """The country whose foreign ministry a contact with the other country's envoy alone was held with: the
        participants are all envoys of one country, and the contact's sentences name the other's ministry."""
        envoys = self.envoy_countries(event)
        if len(envoys) != 1 or envoys != event.countries or not envoys <= {KZ, RU}:
            return ""
        other = ({KZ, RU} - envoys).pop()
        for sentence in event.sentences:
            for match in self.lang.MINISTRY.finditer(sentence.text):
                if self._country_of(match.group("adj") or match.group("of")) == other:
                    return other
        return ""

    def other_side_named(self, event):
        """The country that a contact with one side named was held with: the only one of the pair its sentences
        name besides the participants' own."""
        if len(event.countries) != 1 or not event.countries <= {KZ, RU}:
            return ""  # "China's minister sent Idrissov a telegram … Russia's president too": the other side is China
        named = {m.payload for s in event.sentences for m in self.within(self.countries, s)} & {KZ, RU}
        others = named - event.countries
        return others.pop() if len(others) == 1 else ""

    def rejection(self, event):
        countries = event.countries
        if not event.participants:
            return "names no participant"
        if not any(self.is_diplomat(person, event) for person in event.participants.values()):
            return "no foreign-ministry official among the participants (heads of state or government alone)"
        if not {KZ, RU} <= countries and event.kind in ONE_SIDED and (other := self.other_side_named(event)):
            # "The Russian chargé d'affaires was summoned to the Kazakh Foreign Ministry": the other side is the
            # ministry, which receives or sends in its own name.
            if event.kind == Kind.DEMARCHE:
                self.held_by_ministry(event, other)
            countries = countries | {other}
        if not {KZ, RU} <= countries and not event.multilateral and (ministry := self.ministry_receiving_envoy(event)):
            # "The Kazakh foreign ministry held talks with Russian ambassador Borodavkin": the ministry meets the
            # envoy in its own name, as when it summons him.
            self.held_by_ministry(event, ministry)
            countries = countries | {ministry}
        if not {KZ, RU} <= countries:
            if event.multilateral:
                # A council of an organization both belong to, which the article is about (its first contact, not one
                # mentioned in the account of another), in an article that speaks of both countries: the other
                # delegation took part though the text names only one side.
                members = [self.gaz.org_members.get(org, set()) for org in event.organizations]
                lead = event is self.lead_event
                if (
                    lead
                    and countries & {KZ, RU}
                    and any({KZ, RU} <= m for m in members)
                    and {KZ, RU} <= self.article_countries
                ):
                    return ""
                # The text lists both countries among those whose ministers met, on a date it gives: undated, and
                # with one side named, the meeting could be told apart from no other of that series.
                if event.date is not None and countries & {KZ, RU} and {KZ, RU} <= countries | event.attending:
                    return ""
                return ONE_SIDE_OF_MANY
            sides = sorted(country or "an international organization" for country in countries)
            return "not a Kazakhstan–Russia contact (participants from " + ", ".join(sides) + ")"
        leaders = {p.country for p in event.participants.values() if self.is_leader(p, event)}
        if {KZ, RU} <= leaders:
            # A meeting of both heads of state is theirs: a minister there came with his president, unless the
            # ministers of both sides met there.
            diplomats = {
                p.country
                for p in event.participants.values()
                if not self.is_leader(p, event) and self.is_diplomat(p, event)
            }
            if not {KZ, RU} <= diplomats:
                return "a meeting of the heads of state, a minister of one side only with them"
        return ""

    def in_passing(self, event):
        """'Lavrov will visit Bishkek … He last came to the region in October, when he held talks in Astana': in an
        article about a contact of another country pair, a Kazakhstan–Russia contact weeks before it is background."""
        lead = self.lead_event
        if lead is None or event is lead or lead.date is None or event.date is None:
            return ""
        other_pair = {KZ, RU} - lead.countries and lead.countries - {KZ, RU}
        if other_pair and event.date.last < lead.date.first - datetime.timedelta(days=PASSING_DAYS):
            return "a past contact mentioned in passing in an article about another country pair"
        return ""

    def is_leader(self, person, event):
        """A head of state or government on the contact's day (at any time of his career when it is undated)."""
        day = event.date.value if event.date else None
        return (
            any(
                term.person_id == person.person_id
                and term.office in (Position.Office.PRESIDENT, Position.Office.PRIME_MINISTER)
                and (
                    day is None or ((term.start is None or term.start <= day) and (term.end is None or day <= term.end))
                )
                for term in self.gaz.terms
            )
            if person.person_id
            else False
        )
