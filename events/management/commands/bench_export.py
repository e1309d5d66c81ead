import resource
import shutil
import subprocess
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from events.benchmarks import report
from events.models import Meeting

SQLITE_EXPORT = """
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
POSTGRES_EXPORT = (
    SQLITE_EXPORT.replace("group_concat(", "string_agg(")
    .replace("IFNULL(", "COALESCE(")
    .replace("f.edition || ' '", "f.edition::text || ' '")
)


class Command(BaseCommand):
    help = (
        "Time /meetings.csv of every meeting through Django, with its peak memory, beside a plain SQL export of the "
        "same rows by the database's own tool (sqlite3 -csv, or psql COPY), in the same run. Prints a table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="bench-results/export.json", help="Where to write the figures.")

    def handle(self, *args, output, **options):
        meetings = Meeting.objects.public().count()
        if meetings == 0:
            raise CommandError("No meetings: run generate_synthetic first.")
        django_seconds, first_byte, size, rss_growth = self.django_csv()
        sql_seconds, sql_size, tool = self.plain_sql()
        rows = [
            ("meetings exported", f"{meetings:,}"),
            ("database", connection.vendor),
            ("Django /meetings.csv: seconds", f"{django_seconds:.2f}"),
            ("Django /meetings.csv: first byte after (s)", f"{first_byte:.3f}"),
            ("Django /meetings.csv: MB written", f"{size / 1e6:.1f}"),
            ("Django /meetings.csv: peak memory growth (MB)", f"{rss_growth:.1f}"),
            (f"plain SQL ({tool}): seconds", f"{sql_seconds:.2f}" if sql_seconds else "tool not found"),
            (f"plain SQL ({tool}): MB written", f"{sql_size / 1e6:.1f}" if sql_seconds else "-"),
            ("ratio Django / plain SQL", f"{django_seconds / sql_seconds:.2f}" if sql_seconds else "-"),
        ]
        report(self.stdout, rows, heading="measure", output=output)

    def django_csv(self):
        client = Client()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        response = client.get("/meetings.csv")
        stream = iter(response.streaming_content)
        size = len(next(stream))
        first_byte = time.perf_counter() - start
        for chunk in stream:
            size += len(chunk)
        seconds = time.perf_counter() - start
        growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        return seconds, first_byte, size, growth

    def plain_sql(self):
        content_type = ContentType.objects.get_for_model(Meeting).pk
        db = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            if not shutil.which("sqlite3"):
                return None, 0, "sqlite3"
            command = ["sqlite3", "-csv", "-header", str(db["NAME"]), SQLITE_EXPORT.format(ct=content_type)]
            tool = "sqlite3 -csv"
        else:
            if not shutil.which("psql"):
                return None, 0, "psql"
            query = " ".join(POSTGRES_EXPORT.format(ct=content_type).split())
            command = [
                "psql", "-X", "-q", "-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432),
                "-U", db.get("USER") or "postgres", "-d", db["NAME"], "-c", f"COPY ({query}) TO STDOUT WITH CSV HEADER",
            ]  # fmt: skip
            tool = "psql COPY"
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, check=True)
        return time.perf_counter() - start, len(result.stdout), tool
