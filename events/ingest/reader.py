"""Read one article: header, title, dateline and outlet, noise removal, sentences with offsets."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from events.ingest import lang as languages
from events.ingest.dates import PartialDate, parse_header_date, parse_span
from events.ingest.outlets import Outlets


class ArticleError(ValueError):
    """The text cannot be imported as an article; the message says why, in one line."""


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class Article:
    text: str
    published: PartialDate | None
    title: str = ""
    outlet: str = ""
    outlet_country: str = ""  # the country of a known outlet: whose officials it names without their nationality
    dateline: str = ""
    dateline_city: str = ""
    dateline_date: PartialDate | None = None
    dateline_span: tuple[int, int] | None = None
    sentences: list[Sentence] = field(default_factory=list)
    language: str = "en"
    # A dateline's day and month (or "today, April 8") when nothing gives its year.
    dateline_month_day: tuple[int, int] | None = None
    published_basis: str = ""  # "header", "given", "dateline", "timestamp", "option": its origin
    read_until: int | None = None  # the text is read for contacts up to here (None: to its end)

    @property
    def lang(self):
        return languages.get(self.language)

    @property
    def headline(self):
        """The title, or for a text without one its first sentence after the dateline, shortened at a word."""
        if self.title:
            return self.title
        body = next((s.text for s in self.sentences if not self.dateline_span or s.start >= self.dateline_span[1]), "")
        if len(body) <= HEADLINE_LENGTH:
            return body
        return body[: body.rfind(" ", 0, HEADLINE_LENGTH)].rstrip(" ,;:–—-") + " …"

    @property
    def content_hash(self):
        published = self.published.value.isoformat() if self.published else ""
        canonical = published + "\n" + " ".join(self.text.split())
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def reference_date(self):
        """The date relative expressions ("today", "last year") are resolved against; None for an undated article."""
        if self.dateline_date and self.dateline_date.precision == "day":
            return self.dateline_date
        return self.published if self.published and self.published.has_year else None


@dataclass(frozen=True)
class Known:
    """What is known of an article apart from its text: read from its web page's metadata or entered by an editor.
    These are stated, so they come before what the text suggests (only a ` date` header line comes first)."""

    title: str = ""
    outlet: str = ""
    published: PartialDate | None = None
    url: str = ""


HEADLINE_LENGTH = 120
HEADLINE_LIMIT = 500  # the longest title stored
HEADER = re.compile(r"\A\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*", re.IGNORECASE)

# Page furniture in any language: copyright lines, breadcrumbs ("Home / News / Politics"), view counters.
NOISE = re.compile(r"^\s*©|^(?:[^/\n]{1,30} / ){1,5}[^/\n]{1,30}$|^\s*[\w ]{1,20}:\s*\d[\d\s,.]*$")

_CITY = r"(?P<city>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё’'\-]+(?:[ \-][A-ZА-ЯЁ][A-Za-zА-Яа-яЁё’'\-]+){0,2})"
_OUTLET_AFTER = (
    # An outlet has letters: "(2019)" after a dateline is a year, not who reported.
    r"(?:/(?P<o1>(?=[^/\n]*[^\W\d_])[^/\n]{2,40})/|\((?P<o2>(?=[^)\n]*[^\W\d_])[^)\n]{2,40})\)"
    r"|(?P<o3>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё\-]{1,}(?: [А-ЯЁ][а-яА-ЯЁё\-]+)?)(?=[\s–—-]))"
)


DATELINE_PARAGRAPHS = 10  # how far down a page's furniture a dateline may stand
DATELINE_REACH = 1500  # characters
DATELINE_AHEAD = datetime.timedelta(days=2)


@lru_cache(maxsize=4)
def dateline_pattern(code):
    """City, an optional date in the language's shape, then the outlet: '/TASS/', '(Xinhua)', 'KAZINFORM –', or
    after a dash, '— Sputnik.'"""
    date = languages.get(code).DATELINE_DATE
    return re.compile(
        _CITY + rf"(?:[,.]\s*(?P<date>{date}))?"
        r"\s*[.,]?\s*"
        r"(?:" + _OUTLET_AFTER + r"[ \t]*[.:]?[ \t]*(?:[–—-]{1,2}[ \t]*)?"
        r"|[–—-]{1,2}[ \t]*(?P<o4>[A-ZА-ЯЁ][\w\-]+(?: [A-ZА-ЯЁ][\w\-]+)?)[ \t]*\.[ \t]*"
        r"|[ \t]*[.:]?[ \t]*(?:[–—-]{1,2}[ \t]*)?)"
    )


_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gen",
    "col",
    "lt",
    "sr",
    "jr",
    "inc",
    "corp",
    "co",
    "prof",
    "u.s",
    "e.g",
    "i.e",
    "etc",
}
_BOUNDARY = re.compile(r"[.!?…][»”\"’')\]]*\s+(?=[«“\"'(\[]?[A-ZА-Я0-9])")


def read(raw, published=None, language=None, known=None, outlets=None):
    """Parse raw article text into an ``Article``; raise ``ArticleError`` for text that is not one.

    The publication date comes from the header line, else ``known`` (the page's metadata, the editor's entry), else a
    dated dateline or a timestamp line near the top, else ``published`` (a default for undated articles); an article
    with none of these is read all the same, undated. The outlet is the one ``known`` names, else the one whose domain
    serves its address, else the one its dateline names (``outlets``: the reference data).
    """
    known = known or Known()
    outlets = outlets or Outlets.reference()
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\xa0", " ")
    if not text.strip():
        raise ArticleError("the article is empty")
    if "\x00" in text:
        raise ArticleError("the file is binary, not article text")

    found, basis = None, ""
    header = HEADER.match(text)
    if header:
        found, basis = parse_header_date(header.group(1)), "header"
        if found is None:
            raise ArticleError(f"the header date {header.group(1)!r} is not a valid date")
        if found.first > datetime.date.today():
            raise ArticleError(f"the header date {header.group(1)} is after today: no article is published later")
        text = text[header.end() :]
    if found is None and known.published is not None:
        found, basis = known.published, "given"
    code = language or languages.detect(text)
    if code in languages.UNREAD:
        name = languages.UNREAD[code][0]
        raise ArticleError(
            f"the article is in {name}, which the importer does not read yet: nothing was saved "
            "(an article in Russian or English on the same contact can be imported)"
        )
    lang = languages.get(code)

    paragraphs = _paragraphs(text, lang)
    if known.title and paragraphs and " ".join(paragraphs[0].split()) == " ".join(known.title.split()):
        del paragraphs[0]  # a page's text often repeats its title
    if not paragraphs:
        raise ArticleError("the article has no text besides its header")

    stamp, stamp_outlet = None, ""
    for i, paragraph in enumerate(paragraphs[:4]):
        match = lang.TIMESTAMP.match(paragraph) if len(paragraph) <= 120 else None
        if match:
            stamp = parse_span(match.group("date"), None, language=code)
            rest = match.group("rest").strip(" .,|")
            stamp_outlet = outlets.named(rest) or rest
            del paragraphs[i]  # page furniture, not prose
            break
    if stamp is None and len(paragraphs) > 1 and _bare_timestamp(paragraphs[-1], lang):
        # Ministries print the date under the text: "15 марта 2019 года".
        stamp = parse_span(lang.TIMESTAMP.match(paragraphs[-1]).group("date"), None, language=code)
        del paragraphs[-1]
    if not paragraphs:
        raise ArticleError("the article has no text besides its date")

    title = " ".join(known.title.split())[:HEADLINE_LIMIT]
    first = paragraphs[0]
    if not title and (found_title := _transcript_title(paragraphs, lang)) is not None:
        # A ministry's transcript reprinted below a page's menus: its title line names the speaker, the place and
        # the day; what stands above it is the page's furniture.
        title, paragraphs = paragraphs[found_title], paragraphs[found_title + 1 :]
    elif (
        not title
        and len(paragraphs) > 1
        and len(first) <= 250
        and re.search(rf"(?m)^[ \t]*{re.escape(first)}[ \t]*$", text)
        and not re.search(r"[.!?:»”\"]$", first)
        and not _match_dateline(first, code, outlets)
    ):
        title = first
        paragraphs = paragraphs[1:]

    body_offset = len(title) + 2 if title else 0
    cleaned = (title + "\n\n" if title else "") + "\n\n".join(paragraphs)
    article = Article(text=cleaned, published=found, title=title, language=code, published_basis=basis)

    body_start = body_offset
    dateline_text = ""
    offset = body_offset
    for index, paragraph in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        dateline = _match_dateline(paragraph, code, outlets)
        # Below the first two paragraphs (a page's menus, headings and captions copied with the text), only a full
        # dateline counts: a city with the agency that filed it and a date or a city in capitals ("ASTANA, October 6.
        # /TASS/.", "ASTANA. KAZINFORM –").
        full = dateline and dateline[2] and (dateline[1] or dateline[0].isupper())
        if dateline and (index < 2 or (full and offset < DATELINE_REACH)):
            city, dateline_text, outlet, end = dateline
            article.dateline = paragraph[:end].strip(" .:–—-")
            article.dateline_city = city
            article.outlet = outlet
            article.dateline_span = (offset, offset + end)
            body_start = offset + end if offset == body_offset else body_start
            break
        offset += len(paragraph) + 2
    if not article.outlet and stamp_outlet and len(stamp_outlet) <= 40 and re.search(r"[^\W\d_]", stamp_outlet):
        article.outlet = stamp_outlet
    # Who published the page: the editor or its metadata say, else its address; a dateline may name the agency a
    # reprint took it from.
    article.outlet = known.outlet or outlets.for_address(known.url) or article.outlet
    article.outlet_country = outlets.country_of(article.outlet)

    if article.published is None and dateline_text:
        dated = parse_span(dateline_text, None, language=code)
        if dated is not None:
            article.published, article.published_basis = dated, "dateline"
    if article.published is None and stamp is not None:
        article.published, article.published_basis = stamp, "timestamp"
    if article.published is None and published is not None:
        article.published, article.published_basis = published, "option"
    if dateline_text and article.published is not None:
        article.dateline_date = dateline_day(dateline_text, article.published, code)
    elif dateline_text:
        # The last day of a leap year as a stand-in: any day and month parse against it.
        stand_in = parse_span(dateline_text, PartialDate(datetime.date(2000, 12, 31)), language=code)
        if stand_in is not None and stand_in.precision == "day":
            article.dateline_month_day = (stand_in.value.month, stand_in.value.day)
    if article.published is None and article.dateline_month_day is None:
        article.dateline_month_day = today_stated(cleaned, article.lang)

    article.sentences = split_sentences(cleaned, body_start, title)
    if not article.sentences:
        raise ArticleError("the article has no sentences to read")
    if article.sentences[-1].end < len(cleaned.rstrip()):
        article.read_until = article.sentences[-1].end
    return article


def today_stated(text, lang):
    """The day and month a text gives as today ("said today, April 8"), when it gives one only."""
    found = set()
    for match in lang.TODAY_DATE.finditer(text):
        groups = match.groupdict()
        name, day = groups.get("m") or groups.get("m2"), int(groups.get("d") or groups.get("d2") or 0)
        if name and (month := lang.month_number(name)) and 1 <= day <= 31:
            found.add((month, day))
    return found.pop() if len(found) == 1 else None


def _paragraphs(text, lang):
    """Paragraphs without captions and links. Where blank lines separate paragraphs, a single line break
    inside one is only a hard wrap; otherwise a line is a paragraph unless it stops mid-sentence. A timestamp line
    ("14 June 2016, 18:42") stands alone either way: it is page furniture, not the start of a sentence."""
    lines = [line.strip() for line in text.split("\n")]
    lines = ["" if NOISE.match(line) or lang.NOISE.match(line) else line for line in lines]
    stamps = {i for i, line in enumerate(lines) if len(line) <= 60 and _bare_timestamp(line, lang)}
    # A dateline begins a paragraph, whatever the page's line breaks ("Read on the site\nMOSCOW, April 22 - …").
    opening = {i for i, line in enumerate(lines) if DATELINE_LINE.match(line)}
    blank_separated = bool(re.search(r"\n[ \t]*\n", text.strip()))
    paragraphs, open_paragraph = [], False
    for i, line in enumerate(lines):
        if not line:
            open_paragraph = open_paragraph and not blank_separated
            continue
        previous = paragraphs[-1] if paragraphs else ""
        if blank_separated:
            joins = open_paragraph
        else:
            # A line that stops mid-sentence wraps into the next one, unless it is short and the next one starts
            # anew (a headline, a menu entry, a caption).
            mid_sentence = bool(previous) and not re.search(r"[.!?:»”\"]$", previous)
            short = len(lines[i - 1]) < WRAP_WIDTH and line[:1].isupper() and not _ends_with_short_word(previous)
            joins = mid_sentence and not short
        if joins and i not in stamps and i - 1 not in stamps and i not in opening:
            paragraphs[-1] = f"{previous} {line}"
        else:
            paragraphs.append(line)
        open_paragraph = True
    return paragraphs


WRAP_WIDTH = 60  # hard-wrapped text fills its lines to about this many characters or more
# A city in capitals, a comma and a day with its month: "MOSCOW, April 22", "МОСКВА, 22 апр".
DATELINE_LINE = re.compile(
    r"^[^\W\d_a-zа-яё]{3,}(?:[ -][^\W\d_a-zа-яё]{2,})*,\s+(?:\d{1,2}\s+\w|[^\W\d_]+\.?\s+\d{1,2}\b)"
)


def _ends_with_short_word(line):
    """'… held talks with', '… министр иностранных дел и': a line ending in a little lowercase word goes on."""
    return bool(re.search(r"(?<!\w)[^\W\d_]{1,4}$", line)) and line[-1:].islower()


def _bare_timestamp(line, lang):
    match = lang.TIMESTAMP.match(line)
    return bool(match) and not match.group("rest")


def dateline_day(text, published, code):
    """The day a dateline names, in the year that puts it on or before the page's date, or at most a day or two
    after it: a page may be stamped the evening before the day its dateline gives, in another time zone."""
    past = parse_span(text, published, "past", code)
    future = parse_span(text, published, "future", code)
    if future is not None and datetime.timedelta(0) < future.first - published.first <= DATELINE_AHEAD:
        return future
    return past


def _match_dateline(paragraph, code, outlets):
    match = dateline_pattern(code).match(paragraph)
    if not match:
        return None
    city = match.group("city")
    groups = match.groupdict()
    outlet_text = next((groups[g] for g in ("o1", "o2", "o3", "o4") if groups.get(g)), "") or ""
    outlet = outlets.named(outlet_text.strip())
    end = match.end()
    if groups.get("o3") and not outlet:
        # A capitalised word after the city is an outlet only if it is a known one; else the sentence begins there.
        end = match.start("o3")
    elif groups.get("o4") and not outlet:
        return None
    if not outlet and (groups.get("o1") or groups.get("o2")):
        outlet = outlet_text.strip()
    date_text = groups.get("date")
    city_is_capitals = city.upper() == city and len(city) >= 3
    separator = paragraph[match.start("city") + len(city) : end]
    if not (outlet or date_text or (city_is_capitals and re.search(r"[–—-]|\.", separator))):
        return None
    if end >= len(paragraph):
        return None
    return city, date_text, outlet, end


def _transcript_title(paragraphs, lang):
    """The index of a transcript's title line among a page's first paragraphs ("Выступление … С.В.Лаврова …, Москва,
    25 января 2013 года", "Foreign Minister Sergey Lavrov's remarks … (Astana, November 7, 2024)"), or None."""
    for index, paragraph in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        if (
            len(paragraph) <= 400
            and lang.TRANSCRIPT_TITLE.search(paragraph)
            and re.search(r"\b(?:19|20)\d\d\b", paragraph)
            and not re.search(r"[.!?:»”\"]$", paragraph)
            and len(paragraphs) > index + 1
        ):
            return index
    return None


def split_sentences(text, start, title):
    """Sentences with their offsets, up to READ_LIMIT characters into the text."""
    sentences = []
    if title:
        sentences.append(Sentence(0, 0, len(title), title))
    for paragraph in re.finditer(r"[^\n]+", text[start : start + READ_LIMIT]):
        p_start = start + paragraph.start()
        p_text = paragraph.group(0)
        cursor = 0
        for boundary in _BOUNDARY.finditer(p_text):
            cut = boundary.start() + 1
            before = p_text[cursor:cut]
            last_word = re.search(r"([\w.]+)\.$", before)
            if last_word:
                word = last_word.group(1).lower()
                if word in _ABBREVIATIONS or _INITIALS.fullmatch(word):
                    continue
            _append(sentences, text, p_start + cursor, p_start + boundary.end())
            cursor = boundary.end()
        _append(sentences, text, p_start + cursor, p_start + len(p_text))
    return sentences


# Initials before a surname end no sentence: "S.", "T.K.", "Kh." ("Foreign Minister T.K. Makeev, …").
_INITIALS = re.compile(r"(?:(?:[kszc]h|[a-zа-яё])\.)*(?:[kszc]h|[a-zа-яё])")
# How much of an article is read for contacts. A news report is a few thousand characters, a long transcript some
# tens of thousands; what lies beyond this is kept with the source but not read, so that no text, however long
# or oddly shaped, costs more than a few seconds.
READ_LIMIT = 200_000
# No sentence is longer than this: a run of text without a full stop (a table, a list, a line of dashes) is cut at
# spaces into pieces of this size, so that what each sentence is searched for stays bounded.
MAX_SENTENCE = 1_000


def _append(sentences, text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        sentences.append(Sentence(len(sentences), start, cut, text[start:cut]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))
