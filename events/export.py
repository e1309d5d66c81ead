"""Streaming exports of filtered meetings (CSV wide and long, JSON, NDJSON, iCalendar) and of the
reference lists. Rows are read in keyset-ordered chunks with one query per related table per chunk,
so memory stays flat and the first bytes leave before the last row is read.
"""

import csv
import datetime
import io
import json
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Aggregate, Case, F, Func, OuterRef, Q, Subquery, TextField, When
from django.db.models import Value as V
from django.db.models.functions import Cast, Coalesce, NullIf
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import TaggedItem

from events.dates import format_partial
from events.models import Agreement, Evidence, Meeting, Participant, Place
from people.models import Country, Position

CHUNK = 2000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_STARTS = frozenset(FORMULA_PREFIXES)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str


MEETING_COLUMNS = [
    Column("id", "integer", "Stable identifier of the meeting."),
    Column("permalink", "URL", "Address of the meeting's page on this site."),
    Column(
        "date", "date (YYYY-MM-DD)", "First day of the meeting; for a partial date, the first day of its month or year."
    ),
    Column(
        "date_precision",
        "day | month | year",
        "How much of the date is known: a 'year' meeting dated 2024-01-01 is 'sometime in 2024'.",
    ),
    Column("end_date", "date or empty", "Last day, for meetings over several days."),
    Column(
        "kind",
        "text",
        "official visit, working visit, talks, phone call, consultations, multilateral meeting or ceremony.",
    ),
    Column("title", "text", "Title of the meeting."),
    Column("place", "text or empty", "Current name of the place."),
    Column("place_as_written", "text or empty", "The place as the source wrote it (e.g. Nur-Sultan for Astana)."),
    Column("country", "ISO 3166 code or empty", "Country where it took place."),
    Column("participants", "list", "'Name (country code; title then)', separated by ' | '."),
    Column("organizations", "list", "Acronyms of organizations concerned, separated by ' | '."),
    Column("topics", "list", "Topic tags, separated by ' | '."),
    Column("agreements", "list", "Titles of agreements signed at the meeting, separated by ' | '."),
    Column("forums", "list", "Forum editions discussed, separated by ' | '."),
    Column("source_outlets", "list", "Outlets of the source articles, separated by ' | '."),
    Column("source_urls", "list", "Addresses of the source articles (on this site when the original is unknown)."),
    Column(
        "review_status",
        "unreviewed | reviewed",
        "'unreviewed': extracted automatically and not yet checked by an editor.",
    ),
]
PARTICIPATION_COLUMNS = [
    Column("meeting_id", "integer", "The meeting (see meetings.csv)."),
    Column("date", "date (YYYY-MM-DD)", "As in meetings.csv."),
    Column("date_precision", "day | month | year", "As in meetings.csv."),
    Column("kind", "text", "As in meetings.csv."),
    Column("place", "text or empty", "As in meetings.csv."),
    Column("person", "text", "Canonical name, or the name as written when the person is not identified."),
    Column("person_slug", "text or empty", "Identifier of the person (their page is /people/<slug>/)."),
    Column("person_country", "ISO 3166 code or empty", "The person's country."),
    Column("role", "host | guest | participant | head", "Their role at the meeting."),
    Column("title_then", "text", "The title they held on the meeting's date."),
]
PEOPLE_COLUMNS = [
    Column("slug", "text", "Identifier."),
    Column("name", "text", "Canonical name."),
    Column("country", "ISO 3166 code", "Country."),
    Column("aliases", "list", "Other spellings, separated by ' | '."),
    Column("positions", "list", "'title (start – end)', separated by ' | '."),
    Column("meetings", "integer", "Number of public meetings."),
]
AGREEMENT_COLUMNS = [
    Column("id", "integer", "Identifier."),
    Column("title", "text", "Title as reported."),
    Column("kind", "text", "plan, agreement, treaty, memorandum, protocol, programme, declaration, other."),
    Column("signed", "date or empty", "Signing date, at its precision (YYYY, YYYY-MM or YYYY-MM-DD)."),
    Column("period_start", "year or empty", "First year covered."),
    Column("period_end", "year or empty", "Last year covered."),
    Column("parties", "list", "ISO codes of the parties, separated by ' | '."),
    Column("signed_at_meeting", "integer or empty", "The meeting where it was signed."),
    Column("signed_at_forum", "text or empty", "The forum on whose sidelines it was signed."),
]
FORUM_COLUMNS = [
    Column("series", "text", "The forum series."),
    Column("edition", "integer", "Edition number."),
    Column("date", "date or empty", "At its precision (YYYY, YYYY-MM or YYYY-MM-DD)."),
    Column("place", "text or empty", "Where it was held."),
    Column("side_events", "list", "Events held alongside, separated by ' | '."),
]


def safe_cell(value):
    """Neutralise text a spreadsheet would run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def joined(values):
    return " | ".join(str(v) for v in values)


def iso_partial(value, precision):
    if value is None:
        return ""
    return value.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


# --- reading meetings in chunks ------------------------------------------------------------------------------------

BASE_FIELDS = (
    "id",
    "slug",
    "title",
    "date",
    "date_precision",
    "end_date",
    "kind",
    "place_id",
    "place_as_written",
    "country_id",
    "status",
    "date_basis",
    "place_basis",
    "regions",
)


def chunks(queryset, descending=True, size=None, fields=BASE_FIELDS, tuples=False):
    """Keyset pagination over (date, id): each chunk is one indexed range query, however deep.

    Rows are dicts, or tuples in the order of ``fields`` when ``tuples`` is set (cheaper for big exports).
    """
    size = size or CHUNK
    date_at, id_at = (fields.index("date"), fields.index("id")) if tuples else ("date", "id")
    order = ["-date", "-id"] if descending else ["date", "id"]
    queryset = queryset.order_by(*order)
    last = None
    while True:
        page = queryset
        if last is not None:
            day, pk = last
            # "date <= d and not (date = d and id >= pk)" rather than "date < d or (...)": the same rows, and
            # a plain range on the date index instead of an OR the planner scans.
            if descending:
                page = page.filter(Q(date__lte=day) & ~Q(date=day, id__gte=pk))
            else:
                page = page.filter(Q(date__gte=day) & ~Q(date=day, id__lte=pk))
        rows = list((page.values_list if tuples else page.values)(*fields)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1][date_at], rows[-1][id_at]


class Lookups:
    """Small tables read once per export."""

    def __init__(self):
        self.places = {p["id"]: p for p in Place.objects.values("id", "name", "slug", "country__code")}
        self.countries = dict(Country.objects.values_list("id", "code"))
        self.meeting_type = ContentType.objects.get_for_model(Meeting)
        self.kinds = dict(Meeting.Kind.choices)
        # reverse() once, not once a row: it dominates the cost of a large export otherwise.
        self.meeting_url = _url_template("events:meeting-detail", pk=987654321, slug="slug-placeholder")
        self.source_url = _url_template("events:source-detail", pk=987654321)


def _url_template(name, **kwargs):
    url = reverse(name, kwargs=kwargs).replace("987654321", "{pk}")
    return url.replace("slug-placeholder", "{slug}")


def enrich(rows, lookups, with_evidence=False):
    """Attach participants, organizations, topics, agreements, forums and sources to a chunk of meetings."""
    ids = [row["id"] for row in rows]
    related = defaultdict(lambda: defaultdict(list))
    participants = Participant.objects.filter(meeting_id__in=ids).order_by("meeting_id", "id")
    person_ids = set()
    for p in participants.values(
        "meeting_id",
        "person_id",
        "person__name",
        "person__slug",
        "person__country__code",
        "name_as_written",
        "role",
        "title",
    ):
        related[p["meeting_id"]]["participants"].append(p)
        person_ids.add(p["person_id"])
    positions = defaultdict(list)
    for pos in (
        Position.objects.filter(person_id__in=person_ids).values("person_id", "title", "start", "end").order_by("start")
    ):
        positions[pos["person_id"]].append(pos)
    for meeting_id, acronym in Meeting.organizations.through.objects.filter(meeting_id__in=ids).values_list(
        "meeting_id", "organization__acronym"
    ):
        related[meeting_id]["organizations"].append(acronym)
    for meeting_id, name in TaggedItem.objects.filter(content_type=lookups.meeting_type, object_id__in=ids).values_list(
        "object_id", "tag__name"
    ):
        related[meeting_id]["topics"].append(name)
    for meeting_id, pk, title in Agreement.objects.filter(meeting_id__in=ids).values_list("meeting_id", "id", "title"):
        related[meeting_id]["agreements"].append({"id": pk, "title": title})
    for meeting_id, series, edition in Meeting.forums_discussed.through.objects.filter(meeting_id__in=ids).values_list(
        "meeting_id", "forum__series", "forum__edition"
    ):
        related[meeting_id]["forums"].append({"series": series, "edition": edition})
    for source in Meeting.sources.through.objects.filter(meeting_id__in=ids).values(
        "meeting_id", "source_id", "source__outlet", "source__title", "source__url", "source__published"
    ):
        related[source["meeting_id"]]["sources"].append(source)
    if with_evidence:
        for item in Evidence.objects.filter(content_type=lookups.meeting_type, object_id__in=ids).values(
            "object_id", "field", "value", "source_id", "quote", "start", "end"
        ):
            related[item["object_id"]]["evidence"].append(item)
    for row in rows:
        extra = related[row["id"]]
        for person in extra["participants"]:
            person["title_then"] = person["title"] or _title_on(positions[person["person_id"]], row["date"])
        row.update(
            {
                key: extra[key]
                for key in ("participants", "organizations", "topics", "agreements", "forums", "sources", "evidence")
            }
        )
        place = lookups.places.get(row["place_id"])
        row["place"] = place["name"] if place else ""
        row["place_country"] = place["country__code"] if place else ""
        row["country"] = row["place_country"] or lookups.countries.get(row["country_id"], "")
        row["permalink"] = lookups.meeting_url.format(pk=row["id"], slug=row["slug"])
    return rows


def _title_on(positions, day):
    held = [p for p in positions if (p["start"] or day) <= day <= (p["end"] or day)]
    return held[-1]["title"] if held else ""


def meeting_rows(queryset, descending=True, with_evidence=False):
    lookups = Lookups()
    for rows in chunks(queryset, descending):
        yield enrich(rows, lookups, with_evidence), lookups


# --- formats -------------------------------------------------------------------------------------------------------


def _csv_lines(header, row_lists, checked=None):
    """CSV text, one piece per chunk. ``checked``: the indexes of the columns that may hold text from outside
    (all of them if not given); only those need neutralising."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for rows in row_lists:
        if checked is None:
            rows = [[safe_cell(cell) for cell in row] for row in rows]
        else:
            for row in rows:
                for index in checked:
                    cell = row[index]
                    if cell and cell[0] in FORMULA_STARTS:
                        row[index] = "'" + cell
        writer.writerows(rows)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    if buffer.tell():
        yield buffer.getvalue()


class GroupConcat(Aggregate):
    """The values of a group joined with ' | ' (GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' | ')"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "%(function)s((%(expressions)s)::text, ' | ')"
        return self.as_sql(compiler, connection, function="STRING_AGG", template=template, **extra_context)


class Chain(Func):
    """SQL's ``a || b || c`` over non-null text, without the COALESCE that Concat wraps around every part."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = TextField()


def _joined(queryset, group, expression):
    grouped = queryset.order_by().values(group).annotate(joined=GroupConcat(expression)).values("joined")
    return Subquery(grouped[:1], output_field=TextField())


def wide_fields(base_url):
    """The wide CSV's list columns, joined by the database: one query per chunk, as a plain SQL export would."""
    meeting = OuterRef("pk")
    participant = Chain(
        Coalesce("person__name", "name_as_written"),
        V(" ("),
        Case(
            When(person__country__isnull=False, then=Chain("person__country__code", V("; "))),
            default=V(""),
            output_field=TextField(),
        ),
        "title",
        V(")"),
        output_field=TextField(),
    )
    source_page = Chain(
        V(base_url + _url_template("events:source-detail", pk=987654321).split("{pk}")[0]),
        Cast("source_id", TextField()),
        V("/"),
    )
    sources = Meeting.sources.through.objects.filter(meeting=meeting)
    return {
        "place_name": F("place__name"),
        "country_code": Coalesce("place__country__code", "country__code"),
        "participants_text": _joined(Participant.objects.filter(meeting=meeting), "meeting", participant),
        "organizations_text": _joined(
            Meeting.organizations.through.objects.filter(meeting=meeting), "meeting", "organization__acronym"
        ),
        "topics_text": _joined(
            TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Meeting), object_id=meeting),
            "object_id",
            "tag__name",
        ),
        "agreements_text": _joined(Agreement.objects.filter(meeting=meeting), "meeting", "title"),
        "forums_text": _joined(
            Meeting.forums_discussed.through.objects.filter(meeting=meeting),
            "meeting",
            Chain(Cast("forum__edition", TextField()), V(" "), "forum__series"),
        ),
        "outlets_text": _joined(sources, "meeting", Coalesce(NullIf("source__outlet", V("")), V("unknown"))),
        "urls_text": _joined(
            sources,
            "meeting",
            Case(When(source__url="", then=source_page), default="source__url", output_field=TextField()),
        ),
    }


WIDE_FIELDS = (
    "id", "slug", "date", "date_precision", "end_date", "kind", "title", "place_name", "place_as_written",
    "country_code", "participants_text", "organizations_text", "topics_text", "agreements_text", "forums_text",
    "outlets_text", "urls_text", "status",
)  # fmt: skip


def meetings_csv(queryset, base_url, descending=True):
    kinds = dict(Meeting.Kind.choices)
    permalink = base_url + _url_template("events:meeting-detail", pk=987654321, slug="slug-placeholder")

    def rows():
        annotated = queryset.annotate(**wide_fields(base_url))
        for chunk in chunks(annotated, descending, fields=WIDE_FIELDS, tuples=True):
            yield [
                [
                    pk,
                    permalink.format(pk=pk, slug=slug),
                    day.isoformat(),
                    precision,
                    end.isoformat() if end else "",
                    kinds[kind],
                    *rest,
                ]
                for pk, slug, day, precision, end, kind, *rest in chunk
            ]

    # Identifiers, dates and choices are ours; titles, names and lists come from articles and editors.
    text_columns = [6, 7, 8, 10, 11, 12, 13, 14, 15, 16]
    return _csv_lines([c.name for c in MEETING_COLUMNS], rows(), checked=text_columns)


def participations_csv(queryset, descending=True):
    def rows():
        for chunk, lookups in meeting_rows(queryset, descending):
            yield [
                [
                    m["id"],
                    m["date"].isoformat(),
                    m["date_precision"],
                    lookups.kinds[m["kind"]],
                    m["place"],
                    p["person__name"] or p["name_as_written"],
                    p["person__slug"] or "",
                    p["person__country__code"] or "",
                    p["role"],
                    p["title_then"],
                ]
                for m in chunk
                for p in m["participants"]
            ]

    return _csv_lines([c.name for c in PARTICIPATION_COLUMNS], rows())


def meeting_document(m, lookups, base_url):
    return {
        "id": m["id"],
        "permalink": base_url + m["permalink"],
        "title": m["title"],
        "date": m["date"].isoformat(),
        "date_precision": m["date_precision"],
        "date_display": format_partial(m["date"], m["date_precision"]),
        "date_basis": m["date_basis"],
        "end_date": m["end_date"].isoformat() if m["end_date"] else None,
        "kind": m["kind"],
        "kind_label": lookups.kinds[m["kind"]],
        "place": {
            "name": m["place"],
            "as_written": m["place_as_written"],
            "country": m["place_country"],
            "basis": m["place_basis"],
        }
        if m["place"]
        else None,
        "country": m["country"] or None,
        "participants": [
            {
                "name": p["person__name"] or p["name_as_written"],
                "slug": p["person__slug"],
                "country": p["person__country__code"],
                "name_as_written": p["name_as_written"],
                "role": p["role"],
                "title_then": p["title_then"],
            }
            for p in m["participants"]
        ],
        "organizations": m["organizations"],
        "topics": m["topics"],
        "regions": m["regions"],
        "agreements": m["agreements"],
        "forums": m["forums"],
        "sources": [
            {
                "id": s["source_id"],
                "outlet": s["source__outlet"] or None,
                "title": s["source__title"] or None,
                "published": s["source__published"].isoformat() if s["source__published"] else None,
                "url": s["source__url"] or None,
                "page": base_url + lookups.source_url.format(pk=s["source_id"]),
            }
            for s in m["sources"]
        ],
        "evidence": [
            {k: item[k] for k in ("field", "value", "source_id", "quote", "start", "end")} for item in m["evidence"]
        ],
        "review_status": m["status"],
    }


def meetings_json(queryset, base_url, meta, descending=True):
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "meetings": ['
    first = True
    for chunk, lookups in meeting_rows(queryset, descending, with_evidence=True):
        parts = [json.dumps(meeting_document(m, lookups, base_url), ensure_ascii=False) for m in chunk]
        yield ("" if first else ",") + ",".join(parts)
        first = False
    yield "]}\n"


def meetings_ndjson(queryset, base_url, descending=True):
    for chunk, lookups in meeting_rows(queryset, descending, with_evidence=True):
        yield "".join(json.dumps(meeting_document(m, lookups, base_url), ensure_ascii=False) + "\n" for m in chunk)


def _ics_text(value):
    return (
        str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")
    )


def _fold(line):
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts) + "\r\n"


def meetings_ics(queryset, base_url, host):
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    yield "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//DiploTrack//Meetings//EN\r\nCALSCALE:GREGORIAN\r\n"
    for chunk, _lookups in meeting_rows(queryset, descending=False):
        lines = []
        for m in chunk:
            last = m["end_date"] or _period_end(m["date"], m["date_precision"])
            people = ", ".join(p["person__name"] or p["name_as_written"] for p in m["participants"])
            description = f"{people}. Date known to the {m['date_precision']}."
            lines += [
                "BEGIN:VEVENT",
                f"UID:meeting-{m['id']}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{m['date']:%Y%m%d}",
                f"DTEND;VALUE=DATE:{last + datetime.timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_ics_text(m['title'])}",
                *([f"LOCATION:{_ics_text(m['place'])}"] if m["place"] else []),
                f"DESCRIPTION:{_ics_text(description)}",
                f"URL:{base_url}{m['permalink']}",
                "END:VEVENT",
            ]
        yield "".join(_fold(line) for line in lines)
    yield "END:VCALENDAR\r\n"


def _period_end(day, precision):
    if precision == "year":
        return day.replace(month=12, day=31)
    if precision == "month":
        following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return following - datetime.timedelta(days=1)
    return day


# --- the reference lists --------------------------------------------------------------------------------------------


def people_records(base_url):
    from django.db.models import Count
    from django.db.models import Q as Where

    from people.models import Person

    people = (
        Person.objects.select_related("country")
        .prefetch_related("names", "positions")
        .annotate(n=Count("participations", filter=~Where(participations__meeting__status=Meeting.Status.DRAFT)))
        .order_by("name")
    )
    for person in people:
        yield {
            "slug": person.slug,
            "name": person.name,
            "country": person.country.code if person.country else None,
            "aliases": [a.name for a in person.names.all() if a.name != person.name],
            "positions": [
                {"title": p.title, "office": p.office, "start": _iso(p.start), "end": _iso(p.end)}
                for p in person.positions.all()
            ],
            "meetings": person.n,
            "page": base_url + person.get_absolute_url(),
        }


def agreement_records(base_url):
    agreements = (
        Agreement.objects.select_related("forum", "meeting")
        .prefetch_related("parties")
        .filter(Q(meeting__isnull=True) | ~Q(meeting__status=Meeting.Status.DRAFT))
        .order_by("signed_on", "title")
    )
    for a in agreements:
        yield {
            "id": a.pk,
            "title": a.title,
            "kind": a.kind,
            "signed": iso_partial(a.signed_on, a.signed_precision) or None,
            "period_start": a.period_start,
            "period_end": a.period_end,
            "parties": sorted(c.code for c in a.parties.all()),
            "signed_at_meeting": a.meeting_id,
            "signed_at_forum": str(a.forum) if a.forum else None,
        }


def forum_records(base_url):
    from events.models import Forum

    for f in Forum.objects.select_related("place").order_by("series", "edition"):
        yield {
            "series": f.series,
            "edition": f.edition,
            "date": iso_partial(f.date, f.date_precision) or None,
            "place": f.place.name if f.place else None,
            "side_events": f.side_events,
        }


def records_csv(columns, records):
    def flat(value):
        if isinstance(value, list):
            return joined(_flat_item(v) for v in value)
        return value

    return _csv_lines([c.name for c in columns], ([[flat(r.get(c.name)) for c in columns]] for r in records))


def _flat_item(value):
    if isinstance(value, dict) and "title" in value:
        return f"{value['title']} ({value.get('start') or '…'} – {value.get('end') or 'present'})"
    return value


def _iso(value):
    return value.isoformat() if value else None


def filename(kind, params, extension, today=None):
    """'diplotrack-meetings-person-sergey-lavrov-year-2025-2026-11-22.csv': what was filtered, and when."""
    today = today or datetime.date.today()
    parts = ["diplotrack", kind]
    for key in sorted(params):
        if key in ("page", "bom"):
            continue
        for value in params.getlist(key):
            if value:
                parts += [key, value]
    stem = slugify("-".join(str(p) for p in parts))[:120].strip("-")
    return f"{stem}-{today.isoformat()}.{extension}"
