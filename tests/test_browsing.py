"""The pages analysts browse: what they show, how the filters behave, what bad input does."""

import datetime
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_script_prefix, reverse, set_script_prefix

from events import search
from events.dates import Precision
from events.models import Agreement, Forum, Meeting
from people.models import Person
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, SourceFactory
from tests.ingest_helpers import SEEDS, import_files

LIST = reverse("events:meeting-list")


@pytest.fixture
def seeded(reference):
    import_files(*sorted(SEEDS.glob("*.txt")))


def titles(response):
    return [m.title for m in response.context["page"]]


def dates(response):
    return [m.date for m in response.context["page"]]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "Kazakhstan–Russia diplomacy"),
        ("/meetings/", "Working visit of Sergey Lavrov to Kazakhstan"),
        ("/people/", "Sergey Lavrov"),
        ("/people/sergey-lavrov/", "Minister of Foreign Affairs of Russia"),
        ("/agreements/", "Joint Action Plan 2019-2021"),
        ("/forums/", "Kokshetau"),
        ("/places/astana/", "Nur-Sultan"),
        ("/organizations/cis/", "CIS Council of Foreign Ministers"),
        ("/timeline/", "Meetings per year"),
    ],
)
def test_every_page_answers_with_its_content(client, seeded, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_meeting_page_shows_date_place_participants_and_sources(client, seeded):
    meeting = Meeting.objects.get(date=datetime.date(2019, 10, 9))
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "9 October 2019" in body
    assert "Nur-Sultan (now Astana)" in body
    assert "Mukhtar Tleuberdi</a> — Foreign Minister" in body
    assert "16th Forum of Interregional Cooperation of Kazakhstan and Russia" in body
    assert "Joint Action Plan 2019-2021" in body
    assert "who arrived in Nur-Sultan for an official visit" in body  # an evidence quote
    assert "Extracted automatically, not yet reviewed." in body


def test_meeting_page_links_neighbours_and_related_meetings(client, seeded):
    meeting = Meeting.objects.get(date=datetime.date(2021, 4, 8))
    response = client.get(meeting.get_absolute_url())
    assert response.context["previous"].date == datetime.date(2019, 10, 9)
    assert response.context["next"].date == datetime.date(2023, 4, 12)
    related = list(response.context["related"])
    assert related[0].date == datetime.date(2019, 10, 9)  # the other Tleuberdi–Lavrov meeting shares both people


def test_related_meetings_rank_by_people_shared_then_newest_first_with_undated_last(db):
    a, b, c = PersonFactory(), PersonFactory(), PersonFactory()

    def meeting_of(*people, date=datetime.date(2020, 1, 1), **fields):
        meeting = MeetingFactory(date=date, **fields)
        for person in people:
            ParticipantFactory(meeting=meeting, person=person)
        return meeting

    this = meeting_of(a, b, c)
    two_old = meeting_of(a, b, date=datetime.date(2001, 1, 1))
    three = meeting_of(a, b, c, date=datetime.date(2002, 1, 1))
    one_new = meeting_of(c, date=datetime.date(2024, 1, 1))
    one_old = meeting_of(a, date=datetime.date(2003, 1, 1))
    undated = meeting_of(b, date=None)
    meeting_of(a, b, c, date=datetime.date(2025, 1, 1), status=Meeting.Status.DRAFT)
    meeting_of(PersonFactory(), date=datetime.date(2025, 1, 1))  # shares nobody
    public = Meeting.objects.public()
    assert public.related_to(this, count=6) == [three, two_old, one_new, one_old, undated]
    assert public.related_to(this, count=3) == [three, two_old, one_new]
    assert public.related_to(undated) == [this, three, two_old]


def test_meeting_page_shows_agreements_forums_and_side_meetings_when_it_has_them(client, reference):
    summit = MeetingFactory(title="Summit of the CIS")
    side = MeetingFactory(title="Talks on the sidelines", parent=summit)
    Agreement.objects.create(title="Plan of consultations 2025-2026", meeting=summit)
    summit.agreements_discussed.add(Agreement.objects.create(title="Treaty on the border"))
    summit.forums_discussed.add(Forum.objects.create(series="Forum of Interregional Cooperation", edition=20))
    sections = ["Agreements signed", "Agreements discussed", "Forums discussed", "Side meetings"]
    body = client.get(summit.get_absolute_url()).content.decode()
    for text in [*sections, "Plan of consultations 2025-2026", "Treaty on the border", "20th Forum", side.title]:
        assert text in body, text
    body = client.get(side.get_absolute_url()).content.decode()
    assert not any(section in body for section in sections)
    assert f'On the sidelines of</dt><dd><a href="{summit.get_absolute_url()}">' in body


def test_participants_without_a_written_title_show_the_office_held_that_day(client, reference):
    lavrov = Person.objects.get(slug="sergey-lavrov")
    meeting = MeetingFactory(date=datetime.date(2010, 5, 1))
    ParticipantFactory(meeting=meeting, person=lavrov, title="")
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "Sergey Lavrov</a> — Minister of Foreign Affairs of Russia" in body


def test_a_wrong_slug_redirects_to_the_right_address(client, seeded):
    meeting = Meeting.objects.first()
    response = client.get(reverse("events:meeting-detail", kwargs={"pk": meeting.pk, "slug": "wrong"}))
    assert response.status_code == 301 and response["Location"] == meeting.get_absolute_url()


def test_a_meetings_address_without_its_slug_redirects_to_the_right_one(client, seeded):
    meeting = Meeting.objects.first()
    response = client.get(f"/meetings/{meeting.pk}/")
    assert response.status_code == 301 and response["Location"] == meeting.get_absolute_url()
    assert client.get(f"/meetings/{meeting.pk}")["Location"] == f"/meetings/{meeting.pk}/"
    assert client.get("/meetings/987654/").status_code == 404


def test_another_spelling_of_a_persons_name_as_the_address_redirects_to_their_page(client, reference):
    lavrov = Person.objects.get(slug="sergey-lavrov")
    assert lavrov.names.filter(name="Sergei Lavrov").exists()
    for address in ("/people/sergei-lavrov/", "/people/Sergey-Lavrov/", "/people/sergei-viktorovich-lavrov/"):
        response = client.get(address)
        assert response.status_code == 301 and response["Location"] == "/people/sergey-lavrov/", address
    assert client.get("/people/sergei-lavrov/?kind=talks")["Location"] == "/people/sergey-lavrov/?kind=talks"
    assert client.get("/people/nobody-of-that-name/").status_code == 404


def test_a_page_past_the_end_of_a_list_is_a_404_that_says_so_and_leads_to_the_last(client, db):
    person = PersonFactory(name="Many Meetings", slug="many-meetings")
    for n in range(30):
        ParticipantFactory(
            meeting=MeetingFactory(date=datetime.date(2001, 1, 1) + datetime.timedelta(n)), person=person
        )
    response = client.get(LIST, {"person": "many-meetings", "page": 99})
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page 99 is past the end: these 30 meetings fill 2 pages." in body
    assert '<a href="?person=many-meetings&amp;page=2" rel="last">' in body
    assert client.get(LIST, {"person": "many-meetings", "page": 2}).status_code == 200
    assert client.get("/people/many-meetings/?page=3").status_code == 404
    assert "is not a page number" in client.get(LIST, {"page": "x"}).content.decode()
    assert client.get("/sources/?page=2").status_code == 404


def test_filter_by_person_and_year(client, seeded):
    response = client.get(LIST, {"person": "sergey-lavrov", "year": 2025})
    assert dates(response) == [datetime.date(2025, 4, 10)]


def test_several_people_means_meetings_with_all_of_them(client, seeded):
    response = client.get(f"{LIST}?person=sergey-lavrov&person=mukhtar-tleuberdi")
    assert dates(response) == [datetime.date(2021, 4, 8), datetime.date(2019, 10, 9)]


@pytest.mark.parametrize("query", ["Nurtleau", "Лавров", "nurtleu", "Baiterek", "Petropavlovsk"])
def test_free_text_finds_aliases_and_source_text(client, seeded, query):
    response = client.get(LIST, {"q": query})
    assert response.context["page"].paginator.count >= 1
    if query == "Baiterek":  # a word only in the body of the 2021 article
        assert dates(response) == [datetime.date(2021, 4, 8)]


def test_place_filter_accepts_a_former_name(client, seeded):
    for value in ("Nur-Sultan", "astana", "Astana"):
        assert dates(client.get(LIST, {"place": value})) == [datetime.date(2019, 10, 9)]


def test_year_and_period_filters_respect_date_precision(client, reference):
    known_by_year = MeetingFactory(date=datetime.date(2024, 1, 1), date_precision=Precision.YEAR, title="Only 2024")
    MeetingFactory(date=datetime.date(2023, 12, 31), title="Late 2023")
    assert titles(client.get(LIST, {"year": 2024})) == [known_by_year.title]
    assert titles(client.get(LIST, {"date_from": "2024-06-01", "date_to": "2024-06-30"})) == ["Only 2024"]
    assert titles(client.get(LIST, {"date_to": "2023-12-31"})) == ["Late 2023"]


def test_kind_organization_topic_agreement_and_country_filters(client, seeded):
    assert dates(client.get(LIST, {"kind": "multilateral"})) == [datetime.date(2025, 4, 11)]
    assert dates(client.get(LIST, {"organization": "eaeu"})) == [datetime.date(2023, 4, 12)]
    assert set(dates(client.get(LIST, {"topic": "space"}))) == {datetime.date(2021, 4, 8), datetime.date(2019, 10, 9)}
    assert dates(client.get(LIST, {"has_agreement": "yes"})) == [datetime.date(2023, 4, 12)]
    assert len(dates(client.get(LIST, {"has_agreement": "no"}))) == 4
    assert dates(client.get(LIST, {"country": "RU"})) == [datetime.date(2023, 4, 12)]


def test_sorting_both_ways(client, seeded):
    newest_first = dates(client.get(LIST))
    assert newest_first == sorted(newest_first, reverse=True)
    assert dates(client.get(LIST, {"sort": "date"})) == sorted(newest_first)


def test_facets_count_the_filtered_meetings_and_narrow_them(client, seeded):
    response = client.get(LIST, {"person": "sergey-lavrov"})
    facets = response.context["facets"]
    years = {label: count for label, count, _, _ in facets["Year"]}
    assert years == {2025: 1, 2023: 1, 2021: 1, 2019: 1}
    _, _, url, _ = next(item for item in facets["Year"] if item[0] == 2021)
    narrowed = client.get(f"{LIST}?{url}")
    assert dates(narrowed) == [datetime.date(2021, 4, 8)]
    people = {label: count for label, count, _, _ in facets["People"]}
    assert people["Sergey Lavrov"] == 4 and people["Murat Nurtleu"] == 2


def test_active_filters_are_shown_and_removable_one_by_one(client, seeded):
    response = client.get(f"{LIST}?person=sergey-lavrov&year=2025")
    chips = response.context["active"]
    assert [(label, value) for label, value, _ in chips] == [("People (all of)", "Sergey Lavrov"), ("Year", "2025")]
    without_year = chips[1][2]
    assert without_year == "person=sergey-lavrov"
    assert len(dates(client.get(f"{LIST}?{without_year}"))) == 4


@pytest.mark.parametrize(
    "query",
    [
        "date_from=yesterday'",
        "person=999999",
        "year=99999",
        "year=abc",
        "kind=banquet",
        "country=XX",
        "has_agreement=maybe",
        "sort=title",
        "q=" + "x" * 5000,
        "place=" + "<script>alert(1)</script>",
    ],
)
def test_bad_parameters_are_reported_not_fatal(client, seeded, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code in (200, 400)
    body = response.content.decode()
    if response.status_code == 400:
        assert "Some parameters were ignored" in body
        assert response.context["page"].paginator.count == 5  # the rest of the page still works
    assert "<script>alert(1)</script>" not in body


def form_inputs(body):
    """name -> attributes of each <input> in ``body``."""
    found = {}

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "input":
                found[dict(attrs).get("name")] = dict(attrs)

    Inputs().feed(body)
    return found


def test_filter_form_shows_the_values_given_escaped(client, seeded):
    body = client.get(LIST, {"q": '"><b>x', "date_from": "2021-01-02", "year": "2021"}).content.decode()
    assert '<label for="id_q">Search:</label>' in body
    assert 'value="&quot;&gt;&lt;b&gt;x"' in body and "<b>x" not in body
    inputs = form_inputs(body)
    assert inputs["q"] == {"type": "text", "name": "q", "value": '"><b>x', "maxlength": "200", "id": "id_q"}
    assert inputs["date_from"] == {"type": "date", "name": "date_from", "value": "2021-01-02", "id": "id_date_from"}
    assert inputs["year"] == {
        "type": "number", "name": "year", "value": "2021", "min": "1900", "max": "2100", "id": "id_year"
    }  # fmt: skip
    assert "value" not in inputs["topic"]  # an empty field has no value


def test_person_page_lists_their_latest_meetings_first_however_far_back(client, reference):
    person = PersonFactory()
    theirs = [MeetingFactory(date=datetime.date(1994, 1, day)) for day in (3, 1, 2)]
    for meeting in theirs:
        ParticipantFactory(meeting=meeting, person=person)
    for day in range(1, 29):  # later meetings without them come first in the date index
        MeetingFactory(date=datetime.date(2025, 2, day))
    response = client.get(f"/people/{person.slug}/")
    assert dates(response) == [datetime.date(1994, 1, 3), datetime.date(1994, 1, 2), datetime.date(1994, 1, 1)]


def test_unknown_parameters_are_listed_and_bad_pages_answered_with_a_404_that_says_so(client, seeded):
    response = client.get(LIST, {"utm_source": "x"})
    assert response.status_code == 200
    assert "unknown parameter" in response.content.decode()
    for page in ("abc", "999", "-1"):
        response = client.get(LIST, {"utm_source": "x", "page": page})
        assert response.status_code == 404 and "No page" in response.content.decode()


def test_drafts_never_appear(client, seeded):
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title="Secret draft talks", date=datetime.date(2025, 5, 1))
    secret = PersonFactory(name="Hidden Person")
    ParticipantFactory(meeting=draft, person=secret)
    for url in ["/", LIST, f"{LIST}?q=Secret", "/timeline/", f"/people/{secret.slug}/", "/people/"]:
        body = client.get(url).content.decode()
        assert "Secret draft talks" not in body, url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Hidden Person" not in client.get(LIST).content.decode()  # not in its facets either


def test_source_page_highlights_the_evidence_and_links_it(client, seeded):
    meeting = Meeting.objects.get(date=datetime.date(2023, 4, 12))
    source = meeting.sources.get()
    body = client.get(source.get_absolute_url()).content.decode()
    assert "<mark" in body
    assert f'href="{meeting.get_absolute_url()}"' in body
    assert "Moscow, 12 April 2023 (TDI)" in body


def test_article_text_is_escaped(client, reference):
    source = SourceFactory(text='Lavrov said <script>alert("x")</script> and "><img src=x onerror=alert(1)>.')
    body = client.get(source.get_absolute_url()).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body


def make_meetings(count):
    people = [PersonFactory() for _ in range(4)]
    source = SourceFactory()
    for n in range(count):
        meeting = MeetingFactory(date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n * 30))
        for person in people[n % 2 : n % 2 + 3]:
            ParticipantFactory(meeting=meeting, person=person)
        meeting.topics.add("trade", f"topic {n % 5}")
        meeting.sources.add(source)
    search.rebuild()  # as an import would write them
    return people


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["list", "detail", "person", "timeline", "source", "map", "network", "about"])
def test_pages_run_a_fixed_number_of_queries(client, reference, page):
    counts = []
    for size in (5, 200):
        Meeting.objects.all().delete()
        people = make_meetings(size)
        meeting = Meeting.objects.order_by("date")[size // 2]
        url = {
            "list": LIST + "?q=Person",
            "detail": meeting.get_absolute_url(),
            "person": people[1].get_absolute_url(),
            "timeline": reverse("events:timeline"),
            "source": meeting.sources.get().get_absolute_url(),
            "map": reverse("events:map") + "?kind=talks",
            "network": reverse("events:network"),
            "about": reverse("events:about"),
        }[page]
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1], counts
    # Facets, the year chart, counterparts and travels made on a first visit, then read from the cache; the state
    # of the data read to find a kept page; on PostgreSQL, the statement time limit set and reset.
    assert counts[0] <= 48 + (2 if connection.vendor == "postgresql" else 0)


def test_a_draft_is_not_shown_through_the_meetings_sources_and_agreements_related_to_it(client, reference):
    public = MeetingFactory(title="Summit of the CIS")
    draft_side = MeetingFactory(title="Secret side talks", parent=public, status=Meeting.Status.DRAFT)
    draft_parent = MeetingFactory(title="Secret council", status=Meeting.Status.DRAFT)
    side_of_draft = MeetingFactory(title="Talks beside it", parent=draft_parent)
    public.agreements_discussed.add(Agreement.objects.create(title="Secret plan", meeting=draft_parent))
    Agreement.objects.create(title="Open treaty", meeting=public)
    draft_source = SourceFactory(title="Secret article")
    draft_parent.sources.add(draft_source)
    shared_source = SourceFactory(title="Open article")
    shared_source.meetings.add(public, draft_side)

    body = client.get(public.get_absolute_url()).content.decode()
    assert "Secret side talks" not in body and "Side meetings" not in body
    assert "Secret plan" not in body
    body = client.get(side_of_draft.get_absolute_url()).content.decode()
    assert "Secret council" not in body and "On the sidelines of" not in body
    assert client.get(draft_source.get_absolute_url()).status_code == 404
    assert client.get(shared_source.get_absolute_url()).status_code == 200
    assert client.get(SourceFactory(title="Kept, no contact").get_absolute_url()).status_code == 200
    assert client.get(reverse("events:home")).context["counts"]["agreements"] == 1
    assert "Secret plan" not in client.get(reverse("events:agreement-list")).content.decode()


def body_of(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def test_people_and_forums_known_only_from_drafts_are_not_public(client, reference):
    draft = MeetingFactory(title="Secret talks", status=Meeting.Status.DRAFT)
    hidden = PersonFactory(name="Hidden Envoy", slug="hidden-envoy")
    ParticipantFactory(meeting=draft, person=hidden)
    draft.forums_discussed.add(Forum.objects.create(series="Secret Forum of Something", edition=3))
    shown = PersonFactory(name="Open Envoy", slug="open-envoy")
    ParticipantFactory(meeting=MeetingFactory(title="Open talks"), person=shown)
    ParticipantFactory(meeting=draft, person=shown)

    people = client.get(reverse("people:person-list")).content.decode()
    assert "Hidden Envoy" not in people and "Open Envoy" in people
    assert "Sergey Lavrov" in people  # reference data without meetings stays
    assert client.get(reverse("people:person-detail", args=["hidden-envoy"])).status_code == 404
    assert client.get(reverse("people:person-detail", args=["open-envoy"])).status_code == 200
    assert "hidden-envoy" not in client.get(reverse("events:meeting-list")).content.decode()
    assert "Hidden Envoy" not in body_of(client.get("/people.csv"))
    assert "Secret Forum" not in client.get(reverse("events:forum-list")).content.decode()
    assert "Secret Forum" not in client.get("/forums.json").content.decode()


@pytest.mark.django_db
def test_links_of_people_and_meetings_follow_the_address_the_site_is_served_under(client):
    """Addresses are reversed once each and kept: kept for the script prefix they were made under."""
    meeting = ParticipantFactory().meeting
    person = meeting.participants.get().person
    plain = person.get_absolute_url(), meeting.get_absolute_url()
    before = get_script_prefix()
    set_script_prefix("/history/")
    try:
        assert person.get_absolute_url() == "/history" + plain[0]
        assert meeting.get_absolute_url() == "/history" + plain[1]
    finally:
        set_script_prefix(before)
    assert (person.get_absolute_url(), meeting.get_absolute_url()) == plain
    assert client.get(plain[0]).status_code == 200
