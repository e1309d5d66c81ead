"""Read one article: header, title, dateline and outlet, noise removal, sentences with offsets."""

import hashlib
import re
from dataclasses import dataclass, field

from events.ingest.dates import MONTH_PATTERN, PartialDate, parse_header_date, parse_span


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
    dateline: str = ""
    dateline_city: str = ""
    dateline_date: PartialDate | None = None
    dateline_span: tuple[int, int] | None = None
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def content_hash(self):
        published = self.published.value.isoformat() if self.published else ""
        canonical = published + "\n" + " ".join(self.text.split())
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def reference_date(self):
        """The date relative expressions ("today", "last year") are resolved against."""
        return self.dateline_date if self.dateline_date and self.dateline_date.precision == "day" else self.published


HEADER = re.compile(r"\A\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*", re.IGNORECASE)

NOISE = re.compile(
    r"^\s*(?:also read|read also|read more|see also|related(?: news)?|photo(?:s| credit| courtesy)?"
    r"|source|follow us|subscribe)\s*[:©|]|^\s*©|^\s*photo\s+by\b",
    re.IGNORECASE,
)

# Wire-service outlets as they appear in datelines, and how to show them.
OUTLETS = {
    "kazinform": "Kazinform",
    "tass": "TASS",
    "itar-tass": "TASS",
    "tdi": "TDI",
    "ria novosti": "RIA Novosti",
    "ria": "RIA Novosti",
    "interfax": "Interfax",
    "interfax-kazakhstan": "Interfax-Kazakhstan",
    "xinhua": "Xinhua",
    "reuters": "Reuters",
    "afp": "AFP",
    "ap": "AP",
    "akipress": "AKIpress",
    "trend": "Trend",
    "belta": "BelTA",
    "sputnik": "Sputnik",
    "kabar": "Kabar",
    "kazpravda": "Kazpravda",
    "astana times": "The Astana Times",
    "the astana times": "The Astana Times",
    "tengrinews": "Tengrinews",
    "qazinform": "Kazinform",
    "mia": "MIA",
}

DATELINE = re.compile(
    r"(?P<city>[A-ZА-Я][A-Za-zА-Яа-я’'\-]+(?:[ \-][A-ZА-Я][A-Za-zА-Яа-я’'\-]+){0,2})"
    rf"(?:[,.]\s*(?P<date>\d{{1,2}}\s+{MONTH_PATTERN}(?:\s+\d{{4}})?|{MONTH_PATTERN}\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    r"\s*[.,]?\s*"
    r"(?:/(?P<o1>[^/\n]{2,40})/|\((?P<o2>[^)\n]{2,40})\)|(?P<o3>[A-Z][A-Za-z\-]{2,})(?=[\s–—-]))?"
    r"[ \t]*[.:]?[ \t]*(?:[–—-]{1,2}[ \t]*)?"
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


def read(raw):
    """Parse raw article text into an ``Article``; raise ``ArticleError`` for text that is not one."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\xa0", " ")
    if not text.strip():
        raise ArticleError("the article is empty")
    if "\x00" in text:
        raise ArticleError("the file is binary, not article text")

    published = None
    header = HEADER.match(text)
    if header:
        published = parse_header_date(header.group(1))
        if published is None:
            raise ArticleError(f"the header date {header.group(1)!r} is not a valid date")
        text = text[header.end() :]

    paragraphs = _paragraphs(text)
    if not paragraphs:
        raise ArticleError("the article has no text besides its header")

    title = ""
    lines = text.lstrip("\n").split("\n")
    first = lines[0].strip()
    followed_by_blank = len(lines) > 1 and not lines[1].strip()
    if (
        len(paragraphs) > 1
        and first == paragraphs[0]
        and followed_by_blank
        and len(first) <= 250
        and not re.search(r"[.!?:»”\"]$", first)
        and not _match_dateline(first)
    ):
        title = first
        paragraphs = paragraphs[1:]

    body_offset = len(title) + 2 if title else 0
    cleaned = (title + "\n\n" if title else "") + "\n\n".join(paragraphs)
    article = Article(text=cleaned, published=published, title=title)

    dateline = _match_dateline(paragraphs[0])
    body_start = body_offset
    dateline_text = ""
    if dateline:
        city, dateline_text, outlet, end = dateline
        article.dateline = paragraphs[0][:end].strip(" .:–—-")
        article.dateline_city = city
        article.outlet = outlet
        article.dateline_span = (body_offset, body_offset + end)
        body_start = body_offset + end

    if article.published is None:
        # Without a header, a dateline that carries a year dates the article.
        article.published = parse_span(dateline_text, None) if dateline_text else None
        if article.published is None or not article.published.has_year:
            raise ArticleError("the article has no date: add a first line ' date YYYY-MM-DD' or a dated dateline")
    if dateline_text:
        article.dateline_date = parse_span(dateline_text, article.published, prefer="past")

    article.sentences = split_sentences(cleaned, body_start, title)
    if not article.sentences:
        raise ArticleError("the article has no sentences to read")
    return article


def _paragraphs(text):
    """Paragraphs without captions and links. Where blank lines separate paragraphs, a single line break
    inside one is only a hard wrap; otherwise a line is a paragraph unless it stops mid-sentence."""
    lines = [line.strip() for line in text.split("\n")]
    lines = ["" if NOISE.match(line) else line for line in lines]
    if not re.search(r"\n[ \t]*\n", text.strip()):
        paragraphs = []
        for line in filter(None, lines):
            previous = paragraphs[-1] if paragraphs else ""
            wrapped = previous and not re.search(r"[.!?:»”\"]$", previous)
            if wrapped:
                paragraphs[-1] = f"{previous} {line}"
            else:
                paragraphs.append(line)
        return paragraphs
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _match_dateline(paragraph):
    match = DATELINE.match(paragraph)
    if not match:
        return None
    city = match.group("city")
    outlet_text = match.group("o1") or match.group("o2") or match.group("o3") or ""
    outlet = OUTLETS.get(outlet_text.strip().lower(), "")
    if match.group("o3") and not outlet:
        # A capitalised word after the city is an outlet only if it is a known one.
        return None
    if not outlet and (match.group("o1") or match.group("o2")):
        outlet = outlet_text.strip()
    date_text = match.group("date")
    city_is_capitals = city.upper() == city and len(city) >= 3
    separator = paragraph[match.start("city") + len(city) : match.end()]
    if not (outlet or date_text or (city_is_capitals and re.search(r"[–—-]|\.", separator))):
        return None
    if match.end() >= len(paragraph):
        return None
    return city, date_text, outlet, match.end()


def split_sentences(text, start, title):
    sentences = []
    if title:
        sentences.append(Sentence(0, 0, len(title), title))
    for paragraph in re.finditer(r"[^\n]+", text[start:]):
        p_start = start + paragraph.start()
        p_text = paragraph.group(0)
        cursor = 0
        for boundary in _BOUNDARY.finditer(p_text):
            cut = boundary.start() + 1
            before = p_text[cursor:cut]
            last_word = re.search(r"([\w.]+)\.$", before)
            if last_word:
                word = last_word.group(1).lower()
                if word in _ABBREVIATIONS or re.fullmatch(r"[a-zа-я]", word):
                    continue
            _append(sentences, text, p_start + cursor, p_start + boundary.end())
            cursor = boundary.end()
        _append(sentences, text, p_start + cursor, p_start + len(p_text))
    return sentences


def _append(sentences, text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))
