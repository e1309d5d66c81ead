"""The history at a glance: the map, the network, the ministers' terms, the travel log, forum and agreement pages,
and the coverage page."""

import datetime
import re

import pytest

from events.models import Agreement, Forum, Meeting, Place
from people.models import Country, Person, Position
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.usefixtures("reference")


def circles(body):
    return dict(re.findall(r'aria-label="([^"]+): (\d+) meetings?"><circle', body))


def test_the_map_follows_the_lists_filters(client):
    lavrov = Person.objects.get(slug="sergey-lavrov")
    astana, moscow = Place.objects.get(slug="astana"), Place.objects.get(slug="moscow")
    for day, place in [(datetime.date(2014, 3, 1), astana), (datetime.date(2014, 9, 1), astana)]:
        ParticipantFactory(meeting=MeetingFactory(date=day, place=place), person=lavrov)
    ParticipantFactory(meeting=MeetingFactory(date=datetime.date(2015, 1, 1), place=moscow), person=lavrov)
    MeetingFactory(date=datetime.date(2014, 5, 1), place=moscow)  # without him
    MeetingFactory(date=datetime.date(2014, 6, 1), place=astana, status=Meeting.Status.DRAFT)

    body = client.get("/map/?person=sergey-lavrov&year=2014").content.decode()
    assert circles(body) == {"Astana": "2"}
    assert 'href="/meetings/?person=sergey-lavrov&amp;year=2014&amp;place=astana"' in body
    assert circles(client.get("/map/").content.decode()) == {"Astana": "2", "Moscow": "2"}
    assert client.get("/map/?year=fourteen").status_code == 400


def test_the_map_lists_places_it_cannot_draw_and_counts_calls_apart(client):
    kz = Country.objects.get(code="KZ")
    MeetingFactory(place=PlaceFactory(name="Zhanaozen", slug="zhanaozen", country=kz))  # no coordinates
    MeetingFactory(place=Place.objects.get(slug="new-york"))
    MeetingFactory(place=None, kind=Meeting.Kind.PHONE_CALL)
    body = client.get("/map/").content.decode()
    assert circles(body) == {}
    unplaced = re.search(r"Places without coordinates</h2>.*?</ul>", body, re.S).group(0)
    assert "Zhanaozen" in unplaced
    assert "New York" in re.search(r"Beyond the map</h2>.*?</ul>", body, re.S).group(0)
    assert re.search(r'Phone and video contacts: <a href="[^"]*host=remote">1</a>', body)


def test_the_network_joins_kazakh_and_russian_officials_by_their_meetings(client):
    lavrov, tleuberdi = Person.objects.get(slug="sergey-lavrov"), Person.objects.get(slug="mukhtar-tleuberdi")
    third = PersonFactory(name="Ivan Example", country=Country.objects.get(code="RU"))
    for n in range(3):
        meeting = MeetingFactory(date=datetime.date(2020, 1, 1 + n))
        ParticipantFactory(meeting=meeting, person=lavrov)
        ParticipantFactory(meeting=meeting, person=tleuberdi)
        if n == 0:
            ParticipantFactory(meeting=meeting, person=third)
    body = client.get("/network/").content.decode()
    pairs = re.findall(
        r"<tr><td><a [^>]*>([^<]+)</a></td><td><a [^>]*>([^<]+)</a></td><td><a href=\"([^\"]+)\">(\d+)", body
    )
    assert [(kz, ru, int(n)) for kz, ru, _, n in pairs] == [
        ("Mukhtar Tleuberdi", "Sergey Lavrov", 3),
        ("Mukhtar Tleuberdi", "Ivan Example", 1),
    ]
    assert pairs[0][2] == "/meetings/?person=mukhtar-tleuberdi&amp;person=sergey-lavrov"
    assert 'class="level-ministers"' in body  # two foreign ministers: their line is drawn in the ministers' colour
    narrowed = client.get("/network/?date_from=2020-01-02").content.decode()
    assert "Ivan Example" not in narrowed and ">2</a></td></tr>" in narrowed


def test_the_timeline_draws_each_ministers_term_with_the_meetings_held_in_office(client):
    lavrov = Person.objects.get(slug="sergey-lavrov")
    term = Position.objects.get(person=lavrov, office=Position.Office.FOREIGN_MINISTER)
    in_office = MeetingFactory(date=term.start + datetime.timedelta(days=400))
    ParticipantFactory(meeting=in_office, person=lavrov)
    before = MeetingFactory(date=term.start - datetime.timedelta(days=400))
    ParticipantFactory(meeting=before, person=lavrov)
    body = client.get("/timeline/").content.decode()
    year = in_office.date.year
    assert f"<title>Sergey Lavrov, {year}: 1</title>" in body
    assert f"<title>Sergey Lavrov, {before.date.year}:" not in body  # before his term: no mark on his bar
    assert re.search(r"<th scope=\"row\"><a [^>]*>Sergey Lavrov</a></th><td>RU</td><td>[^<]+</td><td>1</td>", body)


def test_the_timeline_says_how_many_meetings_its_years_leave_out_and_links_them(client):
    MeetingFactory(date=datetime.date(2019, 5, 1))
    MeetingFactory(date=datetime.date(2020, 5, 1))
    undated = [MeetingFactory(date=None, title=f"Talks of unknown date {n}") for n in range(2)]
    MeetingFactory(date=None, status=Meeting.Status.DRAFT)
    MeetingFactory(date=datetime.date(2031, 5, 1), stage=Meeting.Stage.PLANNED)
    body = client.get("/timeline/").content.decode()
    totals = [int(n) for n in re.findall(r"<h2>\d{4} <small>(\d+) meetings?</small>", body)]
    assert sum(totals) == 2
    note = re.search(r'<p class="left-out">(.*?)</p>', body, re.S).group(1)
    assert '<a href="/meetings/?date_unknown=yes&amp;stage=held">2 meetings of unknown date</a>' in note
    assert '<a href="/meetings/?stage=planned">1 planned, not yet held</a>' in note
    listed = client.get("/meetings/?date_unknown=yes&stage=held").content.decode()
    assert all(meeting.title in listed for meeting in undated) and "2 meetings" in listed
    # Nothing left out: nothing said.
    Meeting.objects.filter(date__isnull=True).update(date=datetime.date(2021, 1, 1))
    Meeting.objects.filter(stage=Meeting.Stage.PLANNED).delete()
    assert 'class="left-out"' not in client.get("/timeline/").content.decode()


def test_a_travel_log_groups_meetings_abroad_a_few_days_apart_into_one_trip(client):
    tleuberdi = Person.objects.get(slug="mukhtar-tleuberdi")
    stops = [
        (datetime.date(2021, 4, 5), "moscow"),
        (datetime.date(2021, 4, 7), "kazan"),  # two days later: the same trip
        (datetime.date(2021, 4, 20), "astana"),  # at home
        (datetime.date(2021, 6, 1), "moscow"),  # a second trip
    ]
    for day, slug in stops:
        ParticipantFactory(meeting=MeetingFactory(date=day, place=Place.objects.get(slug=slug)), person=tleuberdi)
    # Known only as "September 2021": a trip of its own, told by its month, not as the 1st.
    moscow = Place.objects.get(slug="moscow")
    vague = MeetingFactory(date=datetime.date(2021, 9, 1), date_precision="month", place=moscow)
    ParticipantFactory(meeting=vague, person=tleuberdi)
    ParticipantFactory(meeting=MeetingFactory(date=datetime.date(2021, 7, 1), place=None, kind="phone_call"),
                       person=tleuberdi)  # fmt: skip
    body = client.get("/people/mukhtar-tleuberdi/").content.decode()
    table = re.search(r'<table class="travel-log[^"]*">.*?</table>', body, re.S).group(0)
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>", table, re.S)
    trips = [(dates, country) for dates, country, _ in rows]
    assert trips == [("September 2021", "Russia"), ("1 Jun 2021", "Russia"), ("5 Apr – 7 Apr 2021", "Russia")]
    assert ">Moscow</a>, <a" in rows[2][2] and ">Kazan</a>" in rows[2][2]


def test_the_travel_logs_addresses_are_those_of_the_meetings_and_places():
    from events.site.travels import trips

    tleuberdi = Person.objects.get(slug="mukhtar-tleuberdi")
    kazan = Place.objects.get(slug="kazan")
    meeting = MeetingFactory(date=datetime.date(2022, 3, 4), place=kazan, title="Talks on the Volga-Caspian route")
    ParticipantFactory(meeting=meeting, person=tleuberdi)
    [trip] = trips(tleuberdi, Meeting.objects.public().involving(tleuberdi))
    assert trip["places"] == [("Kazan", kazan.get_absolute_url())]
    assert [stop["url"] for stop in trip["meetings"]] == [meeting.get_absolute_url()]
    assert meeting.slug and meeting.get_absolute_url().endswith(f"/{meeting.pk}-{meeting.slug}/")


def test_forum_and_agreement_pages_show_their_meetings_and_sources_and_hide_drafts(client):
    forum = Forum.objects.create(
        series="Forum of Interregional Cooperation", edition=19, date=datetime.date(2023, 11, 1)
    )
    meeting = MeetingFactory(title="Talks at the forum")
    meeting.forums_discussed.add(forum)
    source = SourceFactory(title="Report from the forum", language="ru")
    forum.sources.add(source)
    meeting.sources.add(source)
    agreement = Agreement.objects.create(title="Programme of cooperation 2024-2026", forum=forum)
    agreement.discussed_at.add(meeting)
    body = client.get(forum.get_absolute_url()).content.decode()
    assert forum.get_absolute_url() == f"/forums/{forum.pk}/"
    assert "19th Forum of Interregional Cooperation" in body and "Talks at the forum" in body
    assert agreement.get_absolute_url() in body
    assert '<li lang="ru"><a href="/sources/' in body  # a Russian article's title is marked as Russian
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Talks at the forum" in page and "on the sidelines of the" in page
    hidden = Forum.objects.create(series="Secret forum", edition=1)
    MeetingFactory(status=Meeting.Status.DRAFT).forums_discussed.add(hidden)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    draft_meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    signed_at_draft = Agreement.objects.create(title="Draft accord", meeting=draft_meeting)
    assert client.get(signed_at_draft.get_absolute_url()).status_code == 404


def test_the_about_page_sets_articles_beside_meetings_per_year_and_gives_the_evaluation(client):
    for year, outlet, language in [(2019, "TASS", "ru"), (2019, "TASS", "ru"), (2021, "Kazinform", "en")]:
        meeting = MeetingFactory(date=datetime.date(year, 5, 1))
        meeting.sources.add(SourceFactory(published=datetime.date(year, 5, 2), outlet=outlet, language=language))
    MeetingFactory(date=datetime.date(2020, 1, 1))  # a meeting of a year without articles
    body = client.get("/about/").content.decode()
    assert "<td>TASS</td><td>Russian</td><td>2</td>" in body
    sources = re.search(r'id="chart-sources".*?</figure>', body, re.S).group(0)
    assert re.search(r"<th scope=\"row\">2020</th><td>0</td>", sources)  # the gap in coverage shows
    meetings = re.search(r'id="chart-meetings".*?</figure>', body, re.S).group(0)
    assert re.search(r'<th scope="row"><a href="/meetings/\?year=2020">2020</a></th><td>1</td>', meetings)
    assert "How good it is" in body and "How to cite" in body


def test_russian_spellings_are_marked_as_russian_for_screen_readers(client):
    body = client.get("/people/sergey-lavrov/").content.decode()
    assert '<span lang="ru">Лавров</span>' in body
    assert '<span lang="ru">Lavrov</span>' not in body
    meeting = MeetingFactory(title="Переговоры Лаврова и Нуртлеу")
    listing = client.get("/meetings/").content.decode()
    assert f'<a href="{meeting.get_absolute_url()}" lang="ru">' in listing
