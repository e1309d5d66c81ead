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
from django.db import connections
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from events.dates import format_partial
from events.models import (
    KIND_LABELS,
    Agreement,
    Evidence,
    Forum,
    Meeting,
    Organization,
    Participant,
    Place,
    Source,
    public_people,
)
from people.models import Country, Person, Position

CHUNK = 2000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
        "official visit, working visit, talks, phone call, consultations, multilateral meeting, ceremony, message "
        "(letters, congratulations, condolences) or démarche (an envoy summoned, a note handed over).",
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
    Column(
        "source_outlets",
        "list",
        f"Outlets of the source articles, separated by ' | ' ('{Source.UNKNOWN_OUTLET}' where the article does not "
        "say).",
    ),
    Column(
        "source_urls",
        "list",
        "Addresses of the original articles, separated by ' | ', in the order of source_outlets; empty where the "
        "original address is not known.",
    ),
    Column(
        "source_pages",
        "list",
        "Addresses of the source articles' pages on this site (their text with the evidence marked), in the same "
        "order.",
    ),
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


def chunks(queryset, descending=True, size=None, fields=BASE_FIELDS):
    """Keyset pagination over (date, id): each chunk is one indexed range query, however deep."""
    size = size or CHUNK
    queryset = queryset.chronological(descending)
    last = None
    while True:
        rows = list(after(queryset, last, descending).values(*fields)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1]["date"], rows[-1]["id"]


def after(queryset, last, descending):
    """The rows that follow ``last`` = (date, id) in the export order."""
    if last is None:
        return queryset
    day, pk = last
    if day is None:
        return queryset.filter(date__isnull=True, **{"id__lt" if descending else "id__gt": pk})
    undated = Q(date__isnull=True)
    # "date <= d and not (date = d and id >= pk)" rather than "date < d or (...)": the same rows, and a plain
    # range on the date index instead of an OR the planner scans.
    if descending:
        return queryset.filter((Q(date__lte=day) & ~Q(date=day, id__gte=pk)) | undated)
    return queryset.filter((Q(date__gte=day) & ~Q(date=day, id__lte=pk)) | undated)


class Lookups:
    """Small tables read once per export."""

    def __init__(self, using="default"):
        self.using = using
        self.places = {p["id"]: p for p in Place.objects.using(using).values("id", "name", "slug", "country__code")}
        self.countries = dict(Country.objects.using(using).values_list("id", "code"))
        self.meeting_type = ContentType.objects.db_manager(using).get_for_model(Meeting).pk
        self.kinds = KIND_LABELS
        # The offices people held, for the title held on each meeting's day: a few thousand rows at most.
        self.positions = defaultdict(list)
        for person_id, title, start, end in (
            Position.objects.using(using).order_by("start").values_list("person_id", "title", "start", "end")
        ):
            self.positions[person_id].append({"title": title, "start": start, "end": end})
        # reverse() once, not once a row: it dominates the cost of a large export otherwise.
        self.meeting_url = _url_template("events:meeting-detail", pk=987654321, slug="slug-placeholder")
        self.source_url = _url_template("events:source-detail", pk=987654321)


def _url_template(name, **kwargs):
    url = reverse(name, kwargs=kwargs).replace("987654321", "{pk}")
    return url.replace("slug-placeholder", "{slug}")


def _table(model):
    return model._meta.db_table


# What each part of a meeting's related rows is read with, for one chunk of meeting ids: plain SQL, its rows as
# tuples (the ORM's per-row and per-parameter work costs more than the query at this volume). "{ids}" stands for
# the chunk's placeholders, "{type}" for the meeting content type. "content_type_id + 0" keeps SQLite's planner
# from choosing the index of the content type, which every tagged row shares, over that of the object.
RELATED_SQL = {
    "participants": f"""
        SELECT p.meeting_id, p.person_id, pe.name, pe.slug, c.code, p.name_as_written, p.role, p.title
        FROM {_table(Participant)} p
        LEFT JOIN {_table(Person)} pe ON pe.id = p.person_id
        LEFT JOIN {_table(Country)} c ON c.id = pe.country_id
        WHERE p.meeting_id IN ({{ids}}) ORDER BY p.meeting_id, p.id""",
    "organizations": f"""
        SELECT mo.meeting_id, o.acronym FROM {_table(Meeting.organizations.through)} mo
        JOIN {_table(Organization)} o ON o.id = mo.organization_id WHERE mo.meeting_id IN ({{ids}})
        ORDER BY mo.id""",
    "topics": f"""
        SELECT ti.object_id, t.name FROM {_table(TaggedItem)} ti JOIN {_table(Tag)} t ON t.id = ti.tag_id
        WHERE ti.object_id IN ({{ids}}) AND ti.content_type_id + 0 = {{type}} ORDER BY ti.id""",
    "agreements": f"""
        SELECT meeting_id, id, title FROM {_table(Agreement)} WHERE meeting_id IN ({{ids}}) ORDER BY id""",
    "forums": f"""
        SELECT mf.meeting_id, f.series, f.edition FROM {_table(Meeting.forums_discussed.through)} mf
        JOIN {_table(Forum)} f ON f.id = mf.forum_id WHERE mf.meeting_id IN ({{ids}}) ORDER BY mf.id""",
    "sources": f"""
        SELECT ms.meeting_id, s.id, s.outlet, s.title, s.url, s.published FROM {_table(Meeting.sources.through)} ms
        JOIN {_table(Source)} s ON s.id = ms.source_id WHERE ms.meeting_id IN ({{ids}}) ORDER BY ms.id""",
}
PARTS = ("participants", "organizations", "topics", "agreements", "forums", "sources")


def _related(lookups, part, ids):
    sql = RELATED_SQL[part].format(ids=", ".join(["%s"] * len(ids)), type=int(lookups.meeting_type))
    with connections[lookups.using].cursor() as cursor:
        cursor.execute(sql, ids)
        return cursor.fetchall()


def _date(value):
    """A date column as the database driver gives it (SQLite: text) as a date."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def enrich(rows, lookups, parts=PARTS):
    """Attach participants, organizations, topics, agreements, forums and sources (those of ``parts``) to a chunk of
    meetings: one query each for the whole chunk."""
    ids = [row["id"] for row in rows]
    if not ids:
        return rows
    related = defaultdict(lambda: defaultdict(list))
    if "participants" in parts:
        for meeting_id, person_id, name, slug, code, written, role, title in _related(lookups, "participants", ids):
            related[meeting_id]["participants"].append(
                {
                    "person_id": person_id,
                    "person__name": name,
                    "person__slug": slug,
                    "person__country__code": code,
                    "name_as_written": written,
                    "role": role,
                    "title": title,
                }
            )
    if "organizations" in parts:
        for meeting_id, acronym in _related(lookups, "organizations", ids):
            related[meeting_id]["organizations"].append(acronym)
    if "topics" in parts:
        for meeting_id, name in _related(lookups, "topics", ids):
            related[meeting_id]["topics"].append(name)
    if "agreements" in parts:
        for meeting_id, pk, title in _related(lookups, "agreements", ids):
            related[meeting_id]["agreements"].append({"id": pk, "title": title})
    if "forums" in parts:
        for meeting_id, series, edition in _related(lookups, "forums", ids):
            related[meeting_id]["forums"].append({"series": series, "edition": edition})
    if "sources" in parts:
        for meeting_id, source_id, outlet, title, url, published in _related(lookups, "sources", ids):
            related[meeting_id]["sources"].append(
                {
                    "source_id": source_id,
                    "source__outlet": outlet,
                    "source__title": title,
                    "source__url": url,
                    "source__published": _date(published),
                }
            )
    for row in rows:
        extra = related[row["id"]]
        for person in extra["participants"]:
            person["title_then"] = person["title"] or _title_on(lookups.positions[person["person_id"]], row["date"])
        for key in ("participants", "organizations", "topics", "agreements", "forums", "sources"):
            row[key] = extra[key]
        place = lookups.places.get(row["place_id"])
        row["place"] = place["name"] if place else ""
        row["place_country"] = place["country__code"] if place else ""
        row["country"] = row["place_country"] or lookups.countries.get(row["country_id"], "")
        row["permalink"] = lookups.meeting_url.format(pk=row["id"], slug=row["slug"])
    return rows


def _title_on(positions, day):
    if day is None:
        return ""
    held = [p for p in positions if (p["start"] or day) <= day <= (p["end"] or day)]
    return held[-1]["title"] if held else ""


def meeting_rows(queryset, descending=True, parts=PARTS):
    lookups = Lookups(queryset.db)
    for rows in chunks(queryset, descending):
        yield enrich(rows, lookups, parts), lookups


# --- formats -------------------------------------------------------------------------------------------------------


def _csv_lines(header, row_lists):
    """CSV text, one piece per chunk, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for rows in row_lists:
        writer.writerows([safe_cell(cell) for cell in row] for row in rows)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    if buffer.tell():
        yield buffer.getvalue()


# --- the wide CSV, written by the database -------------------------------------------------------------------------


def _cell(expression):
    """SQL for a CSV cell of text from outside: always quoted, a leading formula character neutralised."""
    starts = ", ".join(f"'{char}'" for char in FORMULA_PREFIXES)
    guarded = (
        f"CASE WHEN SUBSTR({expression}, 1, 1) IN ({starts}) THEN '''' || {expression} "
        f"ELSE COALESCE({expression}, '') END"
    )
    return f"""'"' || REPLACE({guarded}, '"', '""') || '"'"""


def _wide_line_sql(vendor):
    """SELECT of one finished CSV line per meeting of a page of ids, with the page's (date, id) for the next page.

    Every list is gathered by one correlated subquery that also quotes it, so each is computed once. Identifiers,
    dates and choices are ours; titles, names and lists come from articles and editors and are quoted and
    neutralised. Placeholders, in order: the kind labels, then the permalink's three parts and the address of a
    source page on this site (given once, in ``k``); ``{page}`` is the query of the page's ids, as page_id.
    """

    def agg(expression):
        return f"STRING_AGG({expression}, ' | ')" if vendor == "postgresql" else f"GROUP_CONCAT({expression}, ' | ')"

    table = {
        "meeting": Meeting._meta.db_table,
        "place": Place._meta.db_table,
        "country": Country._meta.db_table,
        "participant": Participant._meta.db_table,
        "person": Person._meta.db_table,
        "organizations": Meeting.organizations.through._meta.db_table,
        "organization": Organization._meta.db_table,
        "tagged": TaggedItem._meta.db_table,
        "tag": Tag._meta.db_table,
        "agreement": Agreement._meta.db_table,
        "forums": Meeting.forums_discussed.through._meta.db_table,
        "forum": Forum._meta.db_table,
        "sources": Meeting.sources.through._meta.db_table,
        "source": Source._meta.db_table,
    }
    participant = "COALESCE(pe.name, pa.name_as_written) || ' (' || COALESCE(pc.code || '; ', '') || pa.title || ')'"
    # The original's address only when it is a web address (as Source.original_url); this site's page apart.
    source_url = (
        "CASE WHEN LOWER(SUBSTR(s.url, 1, 7)) = 'http://' OR LOWER(SUBSTR(s.url, 1, 8)) = 'https://' "
        "THEN s.url ELSE '' END"
    )
    source_page = "k.source_page || CAST(s.id AS TEXT) || '/'"
    unknown = Source.UNKNOWN_OUTLET.replace("'", "''")
    outlet = f"COALESCE(NULLIF(s.outlet, ''), '{unknown}')"
    forum = "CAST(f.edition AS TEXT) || ' ' || f.series"
    cells = [
        "CAST(m.id AS TEXT)",
        "k.meeting_page || CAST(m.id AS TEXT) || k.meeting_page_slug || m.slug || k.meeting_page_end",
        "COALESCE(CAST(m.date AS TEXT), '')",
        "m.date_precision",
        "COALESCE(CAST(m.end_date AS TEXT), '')",
        "CASE m.kind " + "WHEN %s THEN %s " * len(Meeting.Kind.choices) + "ELSE '' END",
        _cell("m.title"),
        _cell("p.name"),
        _cell("m.place_as_written"),
        _cell("COALESCE(pc_place.code, pc_meeting.code)"),
        f"(SELECT {_cell(agg(participant))} FROM {table['participant']} pa "
        f"LEFT JOIN {table['person']} pe ON pe.id = pa.person_id "
        f"LEFT JOIN {table['country']} pc ON pc.id = pe.country_id "
        "WHERE pa.meeting_id = m.id)",
        f"(SELECT {_cell(agg('o.acronym'))} FROM {table['organizations']} mo "
        f"JOIN {table['organization']} o ON o.id = mo.organization_id WHERE mo.meeting_id = m.id)",
        f"(SELECT {_cell(agg('t.name'))} FROM {table['tagged']} ti JOIN {table['tag']} t ON t.id = ti.tag_id "
        "WHERE ti.object_id = m.id AND ti.content_type_id = {content_type})",
        f"(SELECT {_cell(agg('a.title'))} FROM {table['agreement']} a WHERE a.meeting_id = m.id)",
        f"(SELECT {_cell(agg(forum))} FROM {table['forums']} mf "
        f"JOIN {table['forum']} f ON f.id = mf.forum_id WHERE mf.meeting_id = m.id)",
        # Outlets and addresses from one pass over the meeting's sources: three cells.
        f"(SELECT {_cell(agg(outlet))} || ',' || {_cell(agg(source_url))} || ',' || {_cell(agg(source_page))} "
        f"FROM {table['sources']} ms JOIN {table['source']} s ON s.id = ms.source_id WHERE ms.meeting_id = m.id)",
        "m.status",
    ]
    line = " || ',' || ".join(cells)
    return (
        f"SELECT m.date, m.id, {line} "
        f"FROM {table['meeting']} m "
        "CROSS JOIN (SELECT %s AS meeting_page, %s AS meeting_page_slug, %s AS meeting_page_end, %s AS source_page) k "
        f"LEFT JOIN {table['place']} p ON p.id = m.place_id "
        f"LEFT JOIN {table['country']} pc_place ON pc_place.id = p.country_id "
        f"LEFT JOIN {table['country']} pc_meeting ON pc_meeting.id = m.country_id "
        "JOIN ({page}) pg ON pg.page_id = m.id ORDER BY m.date {direction} NULLS LAST, m.id {direction}"
    )


def _written_by_database_params(base_url):
    """The parameters of the queries that write whole lines or documents: the kind labels, the three parts of a
    meeting's permalink around its id and slug, and the address of a source page before its id."""
    prefix, rest = (base_url + _url_template("events:meeting-detail", pk=987654321, slug="slug-placeholder")).split(
        "{pk}"
    )
    between, suffix = rest.split("{slug}")
    source_page = base_url + _url_template("events:source-detail", pk=987654321).split("{pk}")[0]
    return [*(item for pair in Meeting.Kind.choices for item in pair), prefix, between, suffix, source_page]


def meetings_csv(queryset, base_url, descending=True):
    """The wide CSV. The database gathers the lists and writes each line, a page of meetings per query, so a large
    export costs about what a plain SQL export of the same rows costs."""
    connection = connections[queryset.db]
    content_type = ContentType.objects.db_manager(queryset.db).get_for_model(Meeting).pk
    template = _wide_line_sql(connection.vendor)
    params = _written_by_database_params(base_url)
    queryset = queryset.chronological(descending)
    header = ",".join(c.name for c in MEETING_COLUMNS) + "\r\n"
    last = None
    while True:
        # Named, so the join finds it whatever else a distinct query adds to the select.
        page = after(queryset, last, descending).values(page_id=F("id"))[:CHUNK]
        page_sql, page_params = page.query.get_compiler(queryset.db).as_sql()
        sql = template.format(page=page_sql, content_type=int(content_type), direction="DESC" if descending else "ASC")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *page_params])
            rows = cursor.fetchall()
        if not rows:
            break
        yield header + "".join(row[2] + "\r\n" for row in rows)
        header = ""
        last = rows[-1][0], rows[-1][1]
    if header:
        yield header


def participations_csv(queryset, descending=True):
    def rows():
        for chunk, lookups in meeting_rows(queryset, descending, parts=("participants",)):
            yield [
                [
                    m["id"],
                    m["date"].isoformat() if m["date"] else "",
                    m["date_precision"] if m["date"] else "unknown",
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


# --- the JSON documents, written by the database -----------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def _json_sql(vendor):
    """SELECT of one finished JSON document per meeting of a page ("{ids}": their placeholders), as (id, text), in no
    particular order; the same document, field for field, on both databases. Placeholders, in order: the kind
    labels, the permalink's three parts, and the address of a source page on this site before the source's id."""
    postgres = vendor == "postgresql"

    def obj(pairs):
        function = "json_build_object" if postgres else "json_object"
        return f"{function}(" + ", ".join(f"'{key}', {value}" for key, value in pairs) + ")"

    def nested(subquery):
        """A list from a subquery, as JSON (SQLite hands a subquery's JSON on as text)."""
        return subquery if postgres else f"json({subquery})"

    def objects(pairs, rest, order):
        if postgres:
            return f"(SELECT COALESCE(json_agg({obj(pairs)} ORDER BY {order}), '[]'::json) {rest})"
        return nested(f"(SELECT json_group_array(json(d)) FROM (SELECT {obj(pairs)} AS d {rest} ORDER BY {order}))")

    def values(expression, rest, order):
        if postgres:
            return f"(SELECT COALESCE(json_agg({expression} ORDER BY {order}), '[]'::json) {rest})"
        return nested(f"(SELECT json_group_array(v) FROM (SELECT {expression} AS v {rest} ORDER BY {order}))")

    if postgres:
        display = (
            "CASE WHEN m.date IS NULL THEN 'date unknown' WHEN m.date_precision = 'year' THEN to_char(m.date, 'YYYY') "
            "WHEN m.date_precision = 'month' THEN to_char(m.date, 'FMMonth YYYY') "
            "ELSE to_char(m.date, 'FMDD FMMonth YYYY') END"
        )
        iso = "to_char({}, 'YYYY-MM-DD')"
    else:
        month = (
            "CASE strftime('%%m', m.date) "
            + " ".join(f"WHEN '{n:02}' THEN '{name}'" for n, name in enumerate(MONTHS, start=1))
            + " END"
        )
        display = (
            "CASE WHEN m.date IS NULL THEN 'date unknown' WHEN m.date_precision = 'year' THEN strftime('%%Y', m.date) "
            f"WHEN m.date_precision = 'month' THEN {month} || ' ' || strftime('%%Y', m.date) "
            f"ELSE CAST(CAST(strftime('%%d', m.date) AS INTEGER) AS TEXT) || ' ' || {month} || ' ' || "
            "strftime('%%Y', m.date) END"
        )
        iso = "{}"  # SQLite keeps dates as ISO text; "%%" is a literal "%" beside the query's parameters
    held = (
        f"(SELECT pos.title FROM {_table(Position)} pos WHERE m.date IS NOT NULL AND pos.person_id = pa.person_id "
        'AND (pos.start IS NULL OR pos.start <= m.date) AND (pos."end" IS NULL OR pos."end" >= m.date) '
        "ORDER BY COALESCE(pos.start, '0001-01-01') DESC, pos.id DESC LIMIT 1)"
    )
    fields = [
        ("id", "m.id"),
        ("permalink", "k.meeting_page || CAST(m.id AS TEXT) || k.meeting_page_slug || m.slug || k.meeting_page_end"),
        ("title", "m.title"),
        ("date", iso.format("m.date")),
        ("date_precision", "CASE WHEN m.date IS NULL THEN 'unknown' ELSE m.date_precision END"),
        ("date_display", display),
        ("date_basis", "m.date_basis"),
        ("end_date", iso.format("m.end_date")),
        ("kind", "m.kind"),
        ("kind_label", "CASE m.kind " + "WHEN %s THEN %s " * len(Meeting.Kind.choices) + "ELSE '' END"),
        (
            "place",
            "CASE WHEN pl.id IS NULL THEN NULL ELSE "
            + obj(
                [
                    ("name", "pl.name"),
                    ("as_written", "m.place_as_written"),
                    ("country", "COALESCE(plc.code, '')"),
                    ("basis", "m.place_basis"),
                ]
            )
            + " END",
        ),
        ("country", "COALESCE(plc.code, mc.code)"),
        (
            "participants",
            objects(
                [
                    ("name", "COALESCE(pe.name, pa.name_as_written)"),
                    ("slug", "pe.slug"),
                    ("country", "pc.code"),
                    ("name_as_written", "pa.name_as_written"),
                    ("role", "pa.role"),
                    ("title_then", f"COALESCE(NULLIF(pa.title, ''), {held}, '')"),
                ],
                f"FROM {_table(Participant)} pa LEFT JOIN {_table(Person)} pe ON pe.id = pa.person_id "
                f"LEFT JOIN {_table(Country)} pc ON pc.id = pe.country_id WHERE pa.meeting_id = m.id",
                "pa.id",
            ),
        ),
        (
            "organizations",
            values(
                "o.acronym",
                f"FROM {_table(Meeting.organizations.through)} mo JOIN {_table(Organization)} o "
                "ON o.id = mo.organization_id WHERE mo.meeting_id = m.id",
                "mo.id",
            ),
        ),
        (
            "topics",
            values(
                "t.name",
                f"FROM {_table(TaggedItem)} ti JOIN {_table(Tag)} t ON t.id = ti.tag_id "
                "WHERE ti.object_id = m.id AND ti.content_type_id + 0 = {type}",
                "ti.id",
            ),
        ),
        ("regions", "m.regions::json" if postgres else "json(m.regions)"),
        (
            "agreements",
            objects(
                [("id", "a.id"), ("title", "a.title")], f"FROM {_table(Agreement)} a WHERE a.meeting_id = m.id", "a.id"
            ),
        ),
        (
            "forums",
            objects(
                [("series", "f.series"), ("edition", "f.edition")],
                f"FROM {_table(Meeting.forums_discussed.through)} mf JOIN {_table(Forum)} f ON f.id = mf.forum_id "
                "WHERE mf.meeting_id = m.id",
                "mf.id",
            ),
        ),
        (
            "sources",
            objects(
                [
                    ("id", "s.id"),
                    ("outlet", "NULLIF(s.outlet, '')"),
                    ("title", "NULLIF(s.title, '')"),
                    ("published", iso.format("s.published")),
                    ("url", "NULLIF(s.url, '')"),
                    ("page", "k.source_page || CAST(s.id AS TEXT) || '/'"),
                ],
                f"FROM {_table(Meeting.sources.through)} ms JOIN {_table(Source)} s ON s.id = ms.source_id "
                "WHERE ms.meeting_id = m.id",
                "ms.id",
            ),
        ),
        (
            "evidence",
            objects(
                [(name, f'e."{name}"') for name in ("field", "value", "source_id", "quote", "start", "end")],
                f"FROM {_table(Evidence)} e WHERE e.object_id = m.id AND e.content_type_id = {{type}}",
                "e.source_id, e.start, e.id",
            ),
        ),
        ("review_status", "m.status"),
    ]
    document = obj(fields) + ("::text" if postgres else "")
    return (
        f"SELECT m.id, {document} FROM {_table(Meeting)} m "
        "CROSS JOIN (SELECT %s AS meeting_page, %s AS meeting_page_slug, %s AS meeting_page_end, %s AS source_page) k "
        f"LEFT JOIN {_table(Place)} pl ON pl.id = m.place_id "
        f"LEFT JOIN {_table(Country)} plc ON plc.id = pl.country_id "
        f"LEFT JOIN {_table(Country)} mc ON mc.id = m.country_id "
        "WHERE m.id IN ({ids})"
    )


def meeting_texts(queryset, base_url, descending=True, separator=","):
    """The meetings' JSON documents as text, ``separator`` between them, a keyset page at a time, each written by
    the database as the CSV's lines are."""
    connection = connections[queryset.db]
    content_type = ContentType.objects.db_manager(queryset.db).get_for_model(Meeting).pk
    template = _json_sql(connection.vendor)
    params = _written_by_database_params(base_url)
    queryset = queryset.chronological(descending)
    last = None
    while True:
        page = list(after(queryset, last, descending).values_list("id", "date")[:CHUNK])
        if not page:
            return
        ids = [pk for pk, _ in page]
        sql = template.format(ids=", ".join(["%s"] * len(ids)), type=int(content_type))
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *ids])
            found = dict(cursor.fetchall())
        yield separator.join(found[pk] for pk in ids)  # in the page's order
        last = page[-1][1], page[-1][0]


def meetings_json(queryset, base_url, meta, descending=True):
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "meetings": ['
    first = True
    for text in meeting_texts(queryset, base_url, descending):
        yield ("" if first else ",") + text
        first = False
    yield "]}\n"


def meetings_ndjson(queryset, base_url, descending=True):
    for text in meeting_texts(queryset, base_url, descending, separator="\n"):
        yield text + "\n"


def _ics_text(value):
    return (
        str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")
    )


def _fold(line):
    """RFC 5545: lines longer than 75 octets continue on the next line after a space, never inside a character."""
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts, start, width = [], 0, 75
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back
            end -= 1
        parts.append(data[start:end])
        start, width = end, 74
    return b"\r\n ".join(parts).decode("utf-8") + "\r\n"


def meetings_ics(queryset, base_url, host, undated_url=""):
    """An iCalendar feed: an all-day event per meeting, over its days; a meeting known to the month or the year
    spans that month or year and says so in its summary. A meeting of unknown date has no day to be on: the
    calendar's description says how many were left out and where they are listed (``undated_url``)."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    undated = queryset.undated().count()
    about = "Kazakhstan–Russia foreign-ministry contacts."
    if undated:
        about += (
            f" {undated} meeting{'s' if undated != 1 else ''} of unknown date {'are' if undated != 1 else 'is'} not "
            f"in this calendar, which needs a day for each event: {undated_url}"
        )
    header = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//DiploTrack//Meetings//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:DiploTrack meetings",
        f"X-WR-CALDESC:{_ics_text(about)}",
    ]
    yield "".join(_fold(line) for line in header)
    for chunk, _lookups in meeting_rows(queryset, descending=False, parts=("participants",)):
        lines = []
        for m in chunk:
            if m["date"] is None:  # no day to put it on: counted in the calendar's description
                continue
            last = m["end_date"] or _period_end(m["date"], m["date_precision"])
            people = ", ".join(p["person__name"] or p["name_as_written"] for p in m["participants"])
            description = f"{people}. Date known to the {m['date_precision']}."
            summary = m["title"]
            if m["date_precision"] != "day":
                summary += f" (sometime in {format_partial(m['date'], m['date_precision'])})"
            lines += [
                "BEGIN:VEVENT",
                f"UID:meeting-{m['id']}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{m['date']:%Y%m%d}",
                f"DTEND;VALUE=DATE:{last + datetime.timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_ics_text(summary)}",
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

    people = (
        public_people()
        .select_related("country")
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
        Agreement.objects.public()
        .select_related("forum", "meeting")
        .prefetch_related("parties")
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

    for f in Forum.objects.public().select_related("place").order_by("series", "edition"):
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
