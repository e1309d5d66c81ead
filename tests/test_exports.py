"""Exports give exactly what the list shows, safely, in every format."""

import csv
import datetime
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from events.exports.export import safe_cell
from events.models import Meeting
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, SourceFactory
from tests.ingest_helpers import SEEDS, import_files

LIST = reverse("events:meeting-list")
SCHEMA = json.loads((Path(settings.BASE_DIR) / "schemas" / "meetings.schema.json").read_text())


@pytest.fixture
def seeded(reference):
    import_files(*sorted(SEEDS.glob("*.txt")))
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title="Draft only meeting", date=datetime.date(2025, 4, 12))
    ParticipantFactory(meeting=draft, person=PersonFactory(name="Draft Person"))


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def csv_rows(response_or_text):
    text = response_or_text if isinstance(response_or_text, str) else body(response_or_text)
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def html_ids(client, query):
    response = client.get(f"{LIST}?{query}")
    return [m.pk for m in response.context["page"].paginator.object_list]


FILTERS = [
    "",
    "person=sergey-lavrov",
    "person=sergey-lavrov&year=2025",
    "q=Nurtleau",
    "place=Nur-Sultan",
    "kind=talks&kind=multilateral",
    "topic=trade-economic&sort=date",
    "date_from=2021-01-01&date_to=2024-12-31",
    "has_agreement=yes",
    "organization=cis",
]


@pytest.mark.parametrize("query", FILTERS)
def test_exports_contain_exactly_the_meetings_the_list_shows(client, seeded, query):
    expected = html_ids(client, query)
    assert [int(r["id"]) for r in csv_rows(client.get(f"/meetings.csv?{query}"))] == expected
    document = json.loads(body(client.get(f"/meetings.json?{query}")))
    assert [m["id"] for m in document["meetings"]] == expected
    lines = body(client.get(f"/meetings.ndjson?{query}")).splitlines()
    assert [json.loads(line)["id"] for line in lines] == expected
    long = csv_rows(client.get(f"/participations.csv?{query}"))
    assert list(dict.fromkeys(int(r["meeting_id"]) for r in long)) == [
        i for i in expected if Meeting.objects.get(pk=i).participants.exists()
    ]
    ics = body(client.get(f"/meetings.ics?{query}"))
    assert ics.count("BEGIN:VEVENT") == len(expected)


def test_drafts_are_in_no_export(client, seeded):
    for url in [
        "/meetings.csv",
        "/participations.csv",
        "/meetings.json",
        "/meetings.ndjson",
        "/meetings.ics",
        "/people.csv",
    ]:
        text = body(client.get(url))
        assert "Draft only meeting" not in text, url
    people = {r["name"]: r["meetings"] for r in csv_rows(client.get("/people.csv"))}
    assert "Draft Person" not in people  # known only from a draft
    assert people["Sergey Lavrov"] != "0"


def test_the_json_follows_the_published_schema(client, seeded):
    document = json.loads(body(client.get("/meetings.json")))
    jsonschema.validate(document, SCHEMA)
    first = next(m for m in document["meetings"] if m["date"] == "2019-10-09")
    assert first["place"] == {"name": "Astana", "as_written": "Nur-Sultan", "country": "KZ", "basis": "stated"}
    assert {p["slug"] for p in first["participants"]} == {"mukhtar-tleuberdi", "sergey-lavrov"}
    assert all(e["quote"] for e in first["evidence"])


def test_the_wide_csv_has_every_column_of_the_dictionary(client, seeded):
    rows = csv_rows(client.get("/meetings.csv?place=Nur-Sultan"))
    (row,) = rows
    assert row["date"] == "2019-10-09" and row["date_precision"] == "day"
    assert row["place"] == "Astana" and row["place_as_written"] == "Nur-Sultan"
    assert (
        row["participants"] == "Mukhtar Tleuberdi (KZ; Foreign Minister of Kazakhstan) | "
        "Sergey Lavrov (RU; Minister of Foreign Affairs of Russia)"
    )
    assert row["source_outlets"] == "Kazinform"
    assert row["permalink"].startswith("http://testserver/meetings/")
    assert row["review_status"] == "unreviewed"


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_come_out_inert(client, reference, prefix):
    MeetingFactory(title=f'{prefix}HYPERLINK("http://evil.example","click")')
    (row,) = csv_rows(client.get("/meetings.csv"))
    assert row["title"] == f'\'{prefix}HYPERLINK("http://evil.example","click")'


def test_lists_built_by_the_database_are_neutralised_and_quoted_like_any_cell(client, reference):
    meeting = MeetingFactory(title='Talks, "frank"\nand long', place_as_written="-Somewhere")
    ParticipantFactory(meeting=meeting, person=None, name_as_written="=cmd|' /C calc'!A0", title="")
    meeting.sources.add(SourceFactory(outlet="@outlet", url=""))
    (row,) = csv_rows(client.get("/meetings.csv"))
    assert row["title"] == 'Talks, "frank"\nand long'
    assert row["place_as_written"] == "'-Somewhere"
    assert row["participants"] == "'=cmd|' /C calc'!A0 ()"
    assert row["source_outlets"] == "'@outlet"
    assert row["source_urls"] == ""  # no original address known
    assert row["source_pages"] == f"http://testserver/sources/{meeting.sources.get().pk}/"
    assert row["organizations"] == row["topics"] == row["agreements"] == row["end_date"] == ""


def test_safe_cell_leaves_ordinary_values_alone():
    assert safe_cell("Talks in Astana") == "Talks in Astana"
    assert safe_cell(2019) == "2019"
    assert safe_cell(None) == ""


def test_cyrillic_round_trips_and_an_optional_bom_helps_excel(client, reference):
    meeting = MeetingFactory(title="Переговоры Лаврова и Нуртлеу")
    ParticipantFactory(meeting=meeting, person=PersonFactory(name="Сергей Лавров"))
    plain = client.get("/meetings.csv")
    assert not body(plain).startswith("\ufeff")
    with_bom = client.get("/meetings.csv?bom=1")
    text = body(with_bom)
    assert text.startswith("\ufeff")
    (row,) = csv_rows(text)
    assert row["title"] == "Переговоры Лаврова и Нуртлеу"
    assert row["participants"].startswith("Сергей Лавров")


def test_filenames_say_what_was_filtered_and_when(client, seeded):
    response = client.get("/meetings.csv?person=sergey-lavrov&year=2025")
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="diplotrack-meetings-person-sergey-lavrov-year-2025-{today}.csv"'
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_a_bad_filter_exports_nothing_and_says_why(client, seeded):
    response = client.get("/meetings.csv?year=abc&person=nobody")
    assert response.status_code == 400
    text = response.content.decode()
    assert "year: Enter a whole number." in text and "person:" in text


def test_exports_stream_in_chunks(client, reference, monkeypatch):
    monkeypatch.setattr("events.exports.export.CHUNK", 3)
    for n in range(10):
        MeetingFactory(date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    response = client.get("/meetings.csv")
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) == 4  # one piece per chunk of three meetings, the header with the first
    assert len(csv_rows(client.get("/meetings.csv"))) == 10


def test_ics_lines_are_folded_and_partial_dates_span_their_period(client, reference):
    MeetingFactory(title="A very long title " * 8, date=datetime.date(2024, 1, 1), date_precision="year")
    text = body(client.get("/meetings.ics"))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DTSTART;VALUE=DATE:20240101" in text and "DTEND;VALUE=DATE:20250101" in text


def unfolded(ics):
    return ics.replace("\r\n ", "")


def test_a_meeting_known_to_the_month_spans_it_in_the_calendar_and_says_so(client, reference):
    MeetingFactory(title="Talks in spring", date=datetime.date(2024, 4, 1), date_precision="month")
    text = unfolded(body(client.get("/meetings.ics")))
    assert "DTSTART;VALUE=DATE:20240401" in text and "DTEND;VALUE=DATE:20240501" in text
    assert "SUMMARY:Talks in spring (sometime in April 2024)" in text


def test_the_calendar_says_how_many_meetings_of_unknown_date_it_leaves_out_and_where_they_are(client, reference):
    MeetingFactory(title="Dated talks", date=datetime.date(2024, 4, 8))
    MeetingFactory(title="Undated talks", date=None)
    MeetingFactory(title="Other undated talks", date=None, kind=Meeting.Kind.PHONE_CALL)
    text = unfolded(body(client.get("/meetings.ics?kind=talks")))
    assert text.count("BEGIN:VEVENT") == 1 and "Undated talks" not in text
    description = next(line for line in text.split("\r\n") if line.startswith("X-WR-CALDESC:"))
    assert "1 meeting of unknown date is not in this calendar" in description
    link = description.rsplit(" ", 1)[-1]
    assert link == "http://testserver/meetings/?kind=talks&date_unknown=yes"
    listed = client.get(link.removeprefix("http://testserver")).content.decode()
    assert "Undated talks" in listed and "Dated talks" not in listed
    every = unfolded(body(client.get("/meetings.ics")))
    assert "2 meetings of unknown date are not in this calendar" in every
    assert "of unknown date" not in unfolded(body(client.get("/meetings.ics?year=2024")))


def test_the_csv_gives_original_addresses_and_this_sites_pages_in_their_own_columns(client, reference):
    meeting = MeetingFactory()
    with_original = SourceFactory(outlet="TASS", url="https://tass.com/politics/1")
    without = SourceFactory(outlet="", url="")
    meeting.sources.add(with_original, without)
    (row,) = csv_rows(client.get("/meetings.csv"))
    outlets, urls, pages = (row[key].split(" | ") for key in ("source_outlets", "source_urls", "source_pages"))
    by_page = {page: (outlet, url) for outlet, url, page in zip(outlets, urls, pages, strict=True)}
    assert by_page[f"http://testserver/sources/{with_original.pk}/"] == ("TASS", "https://tass.com/politics/1")
    assert by_page[f"http://testserver/sources/{without.pk}/"] == ("outlet unknown", "")


def test_an_unknown_outlet_is_worded_the_same_on_every_page_and_export(client, reference):
    source = SourceFactory(outlet="", title="An article from nowhere")
    MeetingFactory().sources.add(source)
    for address, cell in [
        ("/sources/", r'<td data-label="Outlet">outlet unknown</td>'),
        (source.get_absolute_url(), r"<dt>Outlet</dt><dd>outlet unknown</dd>"),
        ("/about/", r"<tr><td>outlet unknown</td>"),
    ]:
        assert re.search(cell, client.get(address).content.decode()), address
    assert "outlet unknown" in body(client.get("/meetings.csv"))


def test_reference_lists_export_as_csv_and_json(client, seeded):
    agreements = json.loads(client.get("/agreements.json").content)["agreements"]
    assert {a["title"] for a in agreements} >= {"Joint Action Plan 2019-2021"}
    forums = csv_rows(client.get("/forums.csv"))
    assert [(f["edition"], f["place"], f["date"]) for f in forums] == [
        ("15", "Petropavlovsk", "2018-11-09"),
        ("16", "Omsk", "2019-11-07"),
        ("17", "Kokshetau", "2021"),
    ]
    people = json.loads(client.get("/people.json").content)["people"]
    lavrov = next(p for p in people if p["slug"] == "sergey-lavrov")
    assert lavrov["positions"][0]["start"] == "2004-03-09" and "Сергей Лавров" in lavrov["aliases"]


def test_the_list_links_exports_with_its_filters_and_the_dictionary_explains_them(client, seeded):
    page = client.get(f"{LIST}?person=sergey-lavrov&year=2025").content.decode()
    assert 'href="/meetings.csv?person=sergey-lavrov&amp;year=2025"' in page
    dictionary = client.get("/data/").content.decode()
    for column in ["date_precision", "participants", "title_then", "review_status", "evidence", "bom=1"]:
        assert column in dictionary


def test_editors_export_selected_meetings_from_the_admin_without_drafts(client, seeded, django_user_model):
    admin_user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-for-tests-only")
    client.force_login(admin_user)
    chosen = list(Meeting.objects.values_list("pk", flat=True))
    response = client.post(
        reverse("admin:events_meeting_changelist"), {"action": "export_csv", "_selected_action": chosen}
    )
    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows) == 5 and "Draft only meeting" not in [r["title"] for r in rows]


def test_participants_added_without_a_title_get_the_office_held_that_day(reference):
    from people.models import Person

    meeting = MeetingFactory(date=datetime.date(2015, 6, 1))
    participant = ParticipantFactory(meeting=meeting, person=Person.objects.get(slug="yerlan-idrissov"), title="")
    assert participant.title == "Minister of Foreign Affairs of Kazakhstan"
