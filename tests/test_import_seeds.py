"""Importing the five seed articles yields what the product brief describes, field by field."""

import datetime

import pytest

from events.models import Agreement, Evidence, Forum, Meeting, Place, Source
from tests.ingest_helpers import SEEDS, import_files, people_of

LAVROV, NURTLEU, TLEUBERDI = "sergey-lavrov", "murat-nurtleu", "mukhtar-tleuberdi"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def seeded(reference):
    results = import_files(*SEED_FILES)
    assert all(r.status in ("created", "merged") for r in results), [r.message for r in results]
    return results


def meeting_on(day, kind=None):
    meetings = Meeting.objects.filter(date=day)
    if kind:
        meetings = meetings.filter(kind=kind)
    assert meetings.count() == 1, list(meetings)
    return meetings.get()


def source_files(meeting):
    return sorted(meeting.sources.values_list("filename", flat=True))


def test_seed_articles_produce_five_meetings(seeded):
    assert Meeting.objects.count() == 5
    assert Source.objects.count() == 5


def test_2019_official_visit_in_nur_sultan(seeded):
    meeting = meeting_on(datetime.date(2019, 10, 9))
    assert meeting.kind == Meeting.Kind.OFFICIAL_VISIT
    assert meeting.date_precision == "day"
    assert meeting.place.slug == "astana"
    assert meeting.place_as_written == "Nur-Sultan"
    assert meeting.place_display == "Nur-Sultan (now Astana)"
    assert meeting.country.code == "KZ"
    assert people_of(meeting) == {TLEUBERDI, LAVROV}
    assert source_files(meeting) == ["004_3b08a6e99769a028.txt"]
    assert {
        "security",
        "trade-economic",
        "cultural-humanitarian",
        "interregional cooperation",
        "energy",
        "transport",
        "space",
        "education and science",
    } <= set(meeting.topics.names())
    assert {"Central Asia", "Ukraine", "Middle East"} <= set(meeting.regions)
    assert list(meeting.forums_discussed.values_list("edition", flat=True)) == [16]
    assert list(meeting.agreements_discussed.values_list("title", flat=True)) == ["Joint Action Plan 2019-2021"]


def test_2019_meeting_is_found_under_astana(seeded):
    astana = Place.objects.get(slug="astana")
    assert list(Meeting.objects.filter(place=astana).values_list("date", flat=True)) == [datetime.date(2019, 10, 9)]


def test_2021_talks_fall_back_to_the_publication_date(seeded):
    meeting = meeting_on(datetime.date(2021, 4, 8))
    assert meeting.kind == Meeting.Kind.TALKS
    assert meeting.date_basis == "publication"
    assert meeting.place is None
    assert people_of(meeting) == {TLEUBERDI, LAVROV}
    assert set(meeting.organizations.values_list("acronym", flat=True)) >= {"CIS", "CSTO", "UN", "OSCE", "SCO", "CICA"}
    assert {"security", "trade-economic", "cultural-humanitarian", "space"} <= set(meeting.topics.names())
    assert {"Central Asia", "South Caucasus", "Middle East"} <= set(meeting.regions)
    assert list(meeting.forums_discussed.values_list("edition", flat=True)) == [17]


def test_2023_talks_in_moscow_from_the_dateline(seeded):
    meeting = meeting_on(datetime.date(2023, 4, 12))
    assert meeting.kind == Meeting.Kind.TALKS
    assert meeting.date_basis == "dateline"
    assert meeting.place.slug == "moscow"
    assert meeting.place_basis == "dateline"
    assert people_of(meeting) == {NURTLEU, LAVROV}
    assert set(meeting.organizations.values_list("acronym", flat=True)) >= {"CIS", "EAEU", "CSTO"}
    assert {"interregional cooperation", "trade-economic", "cultural-humanitarian", "education and science"} <= set(
        meeting.topics.names()
    )
    signed = meeting.agreements_signed.get()
    assert signed.period_start == 2023 and signed.period_end == 2024
    assert signed.title.startswith("Plan of measures for cooperation")


def test_2025_almaty_visit_is_one_meeting_with_two_sources(seeded):
    meeting = meeting_on(datetime.date(2025, 4, 10))
    assert meeting.kind == Meeting.Kind.WORKING_VISIT
    assert meeting.place.slug == "almaty"
    assert meeting.country.code == "KZ"
    assert people_of(meeting) == {LAVROV, NURTLEU}
    assert source_files(meeting) == ["000_302e54214e079c75.txt", "003_0b3a261d9db0c548.txt"]
    assert {"integration", "WWII memory"} <= set(meeting.topics.names())


def test_2025_cis_council_is_a_multilateral_meeting(seeded):
    meeting = meeting_on(datetime.date(2025, 4, 11))
    assert meeting.kind == Meeting.Kind.MULTILATERAL
    assert meeting.title == "CIS Council of Foreign Ministers"
    assert meeting.place.slug == "almaty"
    assert meeting.place_basis == "inferred"
    # The text names the host; the Russian minister, in Almaty that day, is the other side.
    assert NURTLEU in people_of(meeting) and people_of(meeting) <= {NURTLEU, LAVROV}
    assert list(meeting.organizations.values_list("acronym", flat=True)) == ["CIS"]
    assert {"WWII memory", "trade-economic", "cultural-humanitarian", "border security", "transport-logistics"} <= set(
        meeting.topics.names()
    )
    assert source_files(meeting) == ["003_0b3a261d9db0c548.txt"]


def test_participants_carry_the_title_held_then_and_the_name_as_written(seeded):
    meeting = meeting_on(datetime.date(2025, 4, 10))
    titles = {p.person.slug: p.title for p in meeting.participants.select_related("person")}
    assert titles[LAVROV] == "Minister of Foreign Affairs of Russia"
    assert titles[NURTLEU] == "Deputy Prime Minister – Minister of Foreign Affairs of Kazakhstan"
    visit = meeting_on(datetime.date(2019, 10, 9))
    assert visit.participants.get(person__slug=TLEUBERDI).title == "Foreign Minister of Kazakhstan"
    assert {p.name_as_written for p in visit.participants.all()} == {"Mukhtar Tleuberdi", "Sergey Lavrov"}
    roles = {p.person.slug: p.role for p in visit.participants.select_related("person")}
    assert roles == {TLEUBERDI: "host", LAVROV: "guest"}


def test_forums_have_editions_places_and_dates(seeded):
    forums = {f.edition: f for f in Forum.objects.select_related("place")}
    assert set(forums) == {15, 16, 17}
    assert (forums[15].place.slug, forums[15].date, forums[15].date_precision) == (
        "petropavlovsk",
        datetime.date(2018, 11, 9),
        "day",
    )
    assert (forums[16].place.slug, forums[16].date) == ("omsk", datetime.date(2019, 11, 7))
    assert forums[16].side_events == ["1st Forum of Young Leaders of Kazakhstan and Russia"]
    assert (forums[17].place.slug, forums[17].date, forums[17].date_precision) == (
        "kokshetau",
        datetime.date(2021, 1, 1),
        "year",
    )
    assert {f.series for f in forums.values()} == {"Forum of Interregional Cooperation of Kazakhstan and Russia"}


def test_agreements_are_signed_where_the_text_says(seeded):
    plan = Agreement.objects.get(period_start=2023)
    assert plan.signed_on == datetime.date(2023, 4, 12)
    assert plan.meeting.date == datetime.date(2023, 4, 12)
    assert set(plan.parties.values_list("code", flat=True)) == {"KZ", "RU"}
    action_plan = Agreement.objects.get(period_start=2019)
    assert action_plan.title == "Joint Action Plan 2019-2021"
    assert (action_plan.period_start, action_plan.period_end) == (2019, 2021)
    assert action_plan.signed_on == datetime.date(2018, 11, 9)
    assert action_plan.forum.edition == 15
    assert action_plan.meeting is None
    assert set(action_plan.parties.values_list("code", flat=True)) == {"KZ", "RU"}
    assert Agreement.objects.count() == 2


@pytest.mark.parametrize(
    ("filename", "outlet", "published", "dateline"),
    [
        ("000_302e54214e079c75.txt", "TASS", datetime.date(2025, 4, 10), "MOSCOW, April 10. /TASS/"),
        ("001_455f57f23ae401b1.txt", "TDI", datetime.date(2023, 4, 12), "Moscow, 12 April 2023 (TDI)"),
        ("002_153267b1c7a5498e.txt", "Kazinform", datetime.date(2021, 4, 8), "NUR-SULTAN. KAZINFORM"),
        ("003_0b3a261d9db0c548.txt", "", datetime.date(2025, 4, 11), ""),
        ("004_3b08a6e99769a028.txt", "Kazinform", datetime.date(2019, 10, 9), "NUR-SULTAN. KAZINFORM"),
    ],
)
def test_sources_record_outlet_publication_and_dateline(seeded, filename, outlet, published, dateline):
    source = Source.objects.get(filename=filename)
    assert (source.outlet, source.published, source.dateline) == (outlet, published, dateline)


def test_sources_drop_links_and_captions(seeded):
    assert "Also Read" not in Source.objects.get(filename="001_455f57f23ae401b1.txt").text
    assert "Photo credit" not in Source.objects.get(filename="003_0b3a261d9db0c548.txt").text
    assert Source.objects.get(filename="002_153267b1c7a5498e.txt").title == (
        "Kazakh Minister Mukhtar Tleuberdi on talks with Russian counterpart Sergey Lavrov"
    )


def test_every_evidence_quote_is_found_at_its_offsets(seeded):
    evidence = list(Evidence.objects.select_related("source"))
    assert len(evidence) > 50
    for item in evidence:
        assert item.source.text[item.start : item.end] == item.quote


def test_meeting_dates_and_places_have_evidence(seeded):
    for meeting in Meeting.objects.all():
        fields = set(meeting.evidence.values_list("field", flat=True))
        assert {"kind", "organization"} & fields or "kind" in fields
        if meeting.place_id:
            assert "place" in fields, meeting
    almaty = meeting_on(datetime.date(2025, 4, 10))
    quotes = almaty.evidence.filter(field="date").values_list("quote", flat=True)
    assert any("On April 10" in quote for quote in quotes)


def test_reimporting_the_seed_articles_changes_nothing(seeded):
    counts = (Meeting.objects.count(), Evidence.objects.count(), Agreement.objects.count(), Forum.objects.count())
    results = import_files(*SEED_FILES)
    assert {r.status for r in results} == {"unchanged"}
    assert (
        Meeting.objects.count(),
        Evidence.objects.count(),
        Agreement.objects.count(),
        Forum.objects.count(),
    ) == counts


def test_import_order_does_not_change_the_result(reference):
    import_files(*reversed(SEED_FILES))
    assert Meeting.objects.count() == 5
    meeting = meeting_on(datetime.date(2025, 4, 10))
    assert meeting.kind == Meeting.Kind.WORKING_VISIT
    assert meeting.date_basis == "stated"
    assert meeting.sources.count() == 2
