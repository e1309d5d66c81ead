"""Forums and agreements an article names, and the names of multilateral meetings."""

import re

from events.ingest.findings import KZ, RU, AgreementFinding, ForumFinding, Quote, _precision_rank, quote_of
from events.ingest.lang import en
from events.models import Agreement, Basis


class DocumentReading:
    """The forums-and-agreements part of ``Extractor``."""

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
                next_forum = self.lang.FORUM.search(after) or self.lang.FORUM_SHORT.search(after)
                scope = after[: next_forum.start()] if next_forum else after
                for place in self.gaz.places.find(scope):
                    if re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:city\s+of\s+)?$", scope[: place.start]):
                        if forum.place is None:
                            forum.place, forum.place_as_written = place.payload, place.text
                            forum.quotes["place"] = quote_of(sentence)
                        break
                prefer = "future" if self.lang.FUTURE.search(text) else "past"
                for mention in self.find_dates(scope, prefer):
                    if forum.date is None or _precision_rank(mention.date.precision) > _precision_rank(
                        forum.date.precision
                    ):
                        forum.date, forum.date_basis = mention.date, Basis.STATED
                        forum.quotes["date"] = quote_of(sentence)
                    break
                last = forum
            if last is not None and (not matches or self.lang.SIDE_EVENT_LINK.search(text)):
                for side in self.lang.SIDE_FORUM.finditer(text):
                    name = side.group("name").strip()
                    if (
                        not self.lang.FORUM.search(name)
                        and self.lang.SIDE_EVENT_LINK.search(text)
                        and name not in last.side_events
                    ):
                        last.side_events.append(name)
                        last.quotes.setdefault("side_events", quote_of(sentence))
        return forums

    def forum_mentions(self, text):
        """Editions of the interregional forum; "the 16th Forum" counts once the article has named the series."""
        full = list(self.lang.FORUM.finditer(text))
        if not self.series_named:
            return full
        spans = [(m.start(), m.end()) for m in full]
        short = [m for m in self.lang.FORUM_SHORT.finditer(text) if not any(s <= m.start() < e for s, e in spans)]
        return sorted(full + short, key=lambda m: m.start())

    def extract_agreements(self, sentence, agreements, forums):
        text = sentence.text
        found = []
        for pattern in (self.lang.AGREEMENT_PERIOD_FIRST, self.lang.AGREEMENT_PERIOD_LAST):
            for match in pattern.finditer(text):
                period = (int(match.group("p1")), int(match.group("p2")))
                if period[1] < period[0]:
                    continue
                if pattern is self.lang.AGREEMENT_PERIOD_FIRST:
                    title = f"{_capitalize(match.group('name'))} {period[0]}-{period[1]}"
                else:
                    title = _capitalize(match.group(0).strip())
                found.append((match, title, period))
        if self.lang.SIGNED.search(text) and not found:
            for match in self.lang.AGREEMENT_NAMED.finditer(text):
                found.append((match, _capitalize(match.group("name").strip()), None))
        result, spans = [], []
        for match, title, period in found:
            spans.append((match.start(), match.end()))
            kind = _agreement_kind(title)
            key = f"{kind}:{period[0]}-{period[1]}" if period else re.sub(r"\W+", " ", title.lower()).strip()
            agreement = agreements.get(key)
            signed = bool(self.lang.SIGNED.search(text))
            if agreement is None:
                agreement = AgreementFinding(key, title, kind, period, signed, quote_of(sentence))
                agreements[key] = agreement
            elif signed and not agreement.signed:
                agreement.signed = True
            after = text[match.end() :]
            forum_match = self.lang.FORUM.search(after)
            if (
                signed
                and forum_match
                and re.search(r"sidelines of\s+(?:the\s+)?$|at\s+(?:the\s+)?$", after[: forum_match.start()])
            ):
                agreement.forum_edition = _edition(forum_match.group("ord"))
            if signed and agreement.date is None:
                scope = after[: forum_match.start()] if forum_match else after
                dates = self.find_dates(scope, "past")
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

    def multilateral_name(self, event):
        """The name of a meeting of many, from the sentences that tell it before the rest of the article: a
        ministers' meeting told beside a summit to come ("the ministers met to prepare for the SCO summit") is not
        that summit."""
        orgs = list(event.organizations)
        own = [(sentence.text, sentence.start) for sentence in event.sentences]
        of_ministers = any(self.lang.MINISTERIAL.search(text) for text, _ in own)
        for texts in (own, [(self.text, 0)]):
            for pattern, template in self.lang.MEETING_NAMES:
                if of_ministers and template == "{org} summit":
                    continue
                for text, offset in texts:
                    for match in re.finditer(pattern, text):
                        org_ids = [m.payload for m in self.gaz.organizations.find(match.group("org"))]
                        if org_ids and (not orgs or org_ids[0] in orgs):
                            start, end = offset + match.start(), offset + match.end()
                            event.organizations.setdefault(org_ids[0], Quote(start, end, match.group(0)))
                            return template.format(org=self.gaz.acronyms.get(org_ids[0], match.group("org")))
        format_match = en.FORMAT_NAME.search(self.text)
        if format_match and not orgs:
            return f"Foreign ministers' meeting in the {format_match.group('name')} format"
        return ""


def _edition(text):
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    if text.lower() in en.ORDINAL_WORDS:
        return en.ORDINAL_WORDS[text.lower()]
    if en.ROMAN.match(text):
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
