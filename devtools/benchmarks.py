"""Shared by the benchmark commands: one way to print and keep their figures, and one way to time a page."""

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType


@dataclass(frozen=True)
class Target:
    """A figure's target: at most ``limit`` (times, ms, seconds...), or at least it when ``least``."""

    limit: float
    least: bool = False
    unit: str = ""

    def met(self, value):
        if value is None:
            return False
        return value >= self.limit if self.least else value <= self.limit

    def __str__(self):
        return f"{'>=' if self.least else '<='} {self.limit:g}{self.unit}"


# Every target of `make bench`, in one table: the table's rows look their verdicts up here. Ratios to Datasette are
# its time over ours (how many times faster we are); the other ratios are ours over the other's.
TARGETS = {
    # Server time of a page through Django, median of the repeats.
    "median ms: list, person + year": Target(50),
    "median ms: list, free text": Target(100),
    "median ms: meeting detail": Target(30),
    "median ms: person detail": Target(30),
    "median ms: people suggestions": Target(50),
    "median ms: people suggestions, with a year": Target(50),
    "median ms: map": Target(30),
    "median ms: map, person + year": Target(100),
    "median ms: network": Target(30),
    "median ms: timeline": Target(30),
    "median ms: about": Target(100),
    # The first request of a new process with empty caches: what it needs was computed when the data changed.
    "first ms: list, default (with facets)": Target(300),
    "first ms: timeline": Target(300),
    "first ms: about": Target(300),
    "first ms: network": Target(300),
    "first ms: person detail": Target(300),
    # Over HTTP, beside Datasette serving the same SQLite file.
    "list vs Datasette": Target(10, least=True, unit="x faster"),
    "search vs Datasette": Target(1, least=True, unit="x faster"),
    "csv over HTTP vs Datasette": Target(2, least=True, unit="x faster"),
    # The CSV export in process, beside the database's own tool writing the same rows.
    "csv vs sqlite3 -csv": Target(1.5, unit="x the tool's time"),
    "csv vs psql COPY": Target(2, unit="x the tool's time"),
    "json vs csv": Target(2, unit="x the CSV's time"),
    # The same default list on both databases, side by side in one run.
    "default list, PostgreSQL vs SQLite": Target(1.5, unit="x SQLite's median"),
    "restore s": Target(120),
    "import, English: articles per second": Target(50, least=True),
    "import, Russian: articles per second": Target(25, least=True),
    "import, slowest odd article s": Target(5),
    # make bench BENCH_ARGS=--million: the same comparisons on SQLite at 100,000 and at 1,000,000 meetings.
    "million: list vs Datasette": Target(10, least=True, unit="x faster"),
    "million: search vs Datasette": Target(1, least=True, unit="x faster"),
    "million: csv over HTTP vs Datasette": Target(2, least=True, unit="x faster"),
    "million: csv vs sqlite3 -csv": Target(1.5, unit="x the tool's time"),
}


# A plain SQL export of the wide CSV's rows, as one would write it by hand: the floor that the database's own tool
# (sqlite3 -csv, psql COPY) sets, and the query Datasette is given for the same rows.
FLOOR_SQL = """
SELECT m.id, m.date, m.date_precision, m.end_date, m.kind, m.title, p.name, m.place_as_written, c.code,
  (SELECT group_concat(pe.name || ' (' || IFNULL(pc.code, '') || '; ' || pa.title || ')', ' | ')
     FROM events_participant pa JOIN people_person pe ON pe.id = pa.person_id
     LEFT JOIN people_country pc ON pc.id = pe.country_id WHERE pa.meeting_id = m.id),
  (SELECT group_concat(o.acronym, ' | ') FROM events_meeting_organizations mo
     JOIN events_organization o ON o.id = mo.organization_id WHERE mo.meeting_id = m.id),
  (SELECT group_concat(t.name, ' | ') FROM taggit_taggeditem ti JOIN taggit_tag t ON t.id = ti.tag_id
     WHERE ti.object_id = m.id AND ti.content_type_id = {ct}),
  (SELECT group_concat(a.title, ' | ') FROM events_agreement a WHERE a.meeting_id = m.id),
  (SELECT group_concat(f.edition || ' ' || f.series, ' | ') FROM events_meeting_forums_discussed mf
     JOIN events_forum f ON f.id = mf.forum_id WHERE mf.meeting_id = m.id),
  (SELECT group_concat(s.outlet, ' | ') FROM events_meeting_sources ms JOIN events_source s ON s.id = ms.source_id
     WHERE ms.meeting_id = m.id),
  (SELECT group_concat(CASE WHEN s.url = '' THEN '/sources/' || s.id || '/' ELSE s.url END, ' | ')
     FROM events_meeting_sources ms JOIN events_source s ON s.id = ms.source_id WHERE ms.meeting_id = m.id),
  m.status
FROM events_meeting m LEFT JOIN events_place p ON p.id = m.place_id LEFT JOIN people_country c ON c.id = p.country_id
WHERE m.status != 'draft' ORDER BY m.date DESC, m.id DESC
"""


def floor_sql(vendor):
    from events.models import Meeting

    sql = FLOOR_SQL.format(ct=ContentType.objects.get_for_model(Meeting).pk)
    if vendor == "postgresql":
        sql = (
            sql.replace("group_concat(", "string_agg(")
            .replace("IFNULL(", "COALESCE(")
            .replace("f.edition || ' '", "f.edition::text || ' '")
        )
    return " ".join(sql.split())


def person_and_year():
    """A person and a year with public meetings, the same for every benchmark: the latest year, and the first of its
    participants by address. Returns (person id, slug, year)."""
    from events.models import Meeting, Participant

    sample = (
        Participant.objects.filter(person__isnull=False, meeting__in=Meeting.objects.public())
        .values("person_id", "person__slug", "meeting__date__year")
        .order_by("-meeting__date__year", "person__slug")
        .first()
    )
    return sample["person_id"], sample["person__slug"], sample["meeting__date__year"]


def report(stdout, rows, heading="measure", output=None, figures=None):
    """Print (label, value) rows as a two-column table; write ``figures`` (or the rows) to ``output`` as JSON."""
    width = max(len(label) for label, _ in [(heading, ""), *rows])
    stdout.write(f"{heading:<{width}}  value")
    for label, value in rows:
        stdout.write(f"{label:<{width}}  {value}")
    if output:
        write_json(output, figures if figures is not None else dict(rows))


def write_json(output, data):
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def summary(times_ms):
    """Median and 95th percentile of a list of timings, in ms, rounded to 0.1."""
    times = sorted(times_ms)
    return round(statistics.median(times), 1), round(times[max(0, int(len(times) * 0.95) - 1)], 1)


def cpu_reference():
    """Milliseconds a fixed piece of pure Python work takes (median of 5): the machine's speed at the time, to compare
    runs. Shared machines drift by a third over minutes, which moves every timing of the same code."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        "".join(f"<li>{n}: {n * n % 97}</li>" for n in range(200_000))
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)
