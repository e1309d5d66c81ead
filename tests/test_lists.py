"""The meeting list answers "who met whom, where": rows with the participants and the direction, a filter and a
facet for where contacts took place, plain sorting and paging."""

import datetime
import re

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma

from events.models import Meeting, Place
from people.models import Country, Person
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory
from tests.ingest_helpers import SEEDS, import_files

pytestmark = pytest.mark.usefixtures("reference")


def result_count(response):
    return re.search(r'class="result-count">([^<]*)<', response.content.decode()).group(1)


@pytest.fixture
def seeded(db):
    import_files(*sorted(SEEDS.glob("*.txt")))


def test_a_row_names_who_took_part_with_their_country_and_where(client, seeded):
    body = client.get("/meetings/?person=mukhtar-tleuberdi&year=2019").content.decode()
    row = re.search(r'<li class="meeting-row">.*?</li>', body, re.S).group(0)
    assert '<a href="/people/sergey-lavrov/">Sergey Lavrov</a> <abbr title="Russia">RU</abbr>' in row
    assert "Mukhtar Tleuberdi" in row and 'class="direction">in Kazakhstan' in row


@pytest.mark.parametrize(("host", "count"), [("kz", "1 meeting"), ("ru", "1 meeting"), ("remote", "1 meeting")])
def test_where_a_contact_took_place_filters_the_list(client, db, host, count):
    cn = Country.objects.get(code="CN")
    MeetingFactory(title="In Astana", place=Place.objects.get(slug="astana"))
    MeetingFactory(title="In Moscow", place=Place.objects.get(slug="moscow"))
    MeetingFactory(title="By telephone", kind=Meeting.Kind.PHONE_CALL, place=None)
    MeetingFactory(title="In Beijing", place=None, country=cn)
    response = client.get("/meetings/", {"host": host})
    assert result_count(response) == count
    elsewhere = client.get("/meetings/", {"host": "elsewhere"}).content.decode()
    assert "In Beijing" in elsewhere and "In Astana" not in elsewhere


def test_the_where_facet_counts_and_links(client, seeded):
    body = client.get("/meetings/").content.decode()
    facet = re.search(r"<h2>Where</h2>.*?</ul>", body, re.S).group(0)
    assert '<a href="?host=kz">in Kazakhstan</a>' in facet
    assert client.get("/meetings/?host=nowhere").status_code == 400


def test_sorting_offers_newest_or_oldest_first_and_no_empty_choice(client, seeded):
    body = client.get("/meetings/").content.decode()
    select = re.search(r'<select id="id_sort".*?</select>', body, re.S).group(0)
    assert "---" not in select and select.index("newest first") < select.index("oldest first")
    dates = re.findall(r'<time datetime="([\d-]+)"', client.get("/meetings/?sort=date").content.decode())
    assert dates == sorted(dates)


def test_paging_shows_the_range_and_first_and_last_with_thousands_separated(client, db):
    person = PersonFactory(name="Many Meetings", slug="many-meetings")
    for n in range(60):
        ParticipantFactory(
            meeting=MeetingFactory(date=datetime.date(2001, 1, 1) + datetime.timedelta(n)), person=person
        )
    body = client.get("/meetings/?person=many-meetings&page=2").content.decode()
    assert "26–50 of 60" in body and 'rel="first"' in body and 'rel="last"' in body and "page=3" in body
    assert intcomma(98104) == "98,104"  # the filter every count on the list goes through


def test_a_chosen_facet_value_is_marked_and_links_to_the_list_without_it(client, seeded):
    body = client.get("/meetings/?kind=talks&person=sergey-lavrov").content.decode()
    chosen = re.findall(r'<a href="\?([^"]*)" aria-current="true"[^>]*>([^<]*)<', body)
    assert ("person=sergey-lavrov", "talks ") in chosen  # the kind chosen: its link drops it, keeps the person
    assert any(label.startswith("Sergey Lavrov") and query == "kind=talks" for query, label in chosen)
    other = re.search(r'<a href="\?([^"]*)">official visit</a>', body)
    assert other is None or "kind=talks" in other.group(1) and "kind=official_visit" in other.group(1)


def test_people_are_suggested_from_part_of_a_name_among_the_filtered_meetings(client, seeded):
    found = client.get("/people/suggest", {"name": "NURT"}).json()["people"]
    assert [p["slug"] for p in found] == ["murat-nurtleu"]
    assert found[0]["n"] == Meeting.objects.public().involving(Person.objects.get(slug="murat-nurtleu")).count()
    assert found[0]["query"] == "person=murat-nurtleu"
    within = client.get("/people/suggest", {"name": "nurt", "year": "2019"}).json()["people"]
    assert within == []  # Nurtleu took part in no 2019 meeting
    spelled = client.get("/people/suggest", {"name": "Лавров", "kind": "talks"}).json()["people"]
    assert spelled[0]["slug"] == "sergey-lavrov" and spelled[0]["query"] == "kind=talks&person=sergey-lavrov"
    assert client.get("/people/suggest", {"name": "x"}).json() == {"people": []}


@pytest.mark.parametrize(
    ("address", "expected"),
    [("/places/", "Astana"), ("/organizations/", "CIS"), ("/sources/", "TASS")],
)
def test_indexes_of_places_organizations_and_sources(client, seeded, address, expected):
    response = client.get(address)
    assert response.status_code == 200 and expected in response.content.decode()


def test_the_sources_index_links_each_article_and_its_original(client, seeded):
    from events.models import Source

    source = Source.objects.first()
    Source.objects.filter(pk=source.pk).update(url="https://tass.com/politics/1")
    body = client.get("/sources/").content.decode()
    assert source.get_absolute_url() in body and 'href="https://tass.com/politics/1"' in body
    assert ".txt" not in body  # never a file name


def test_every_page_has_a_skip_link_and_a_favicon(client, seeded):
    body = client.get("/meetings/").content.decode()
    assert '<a class="skip-link" href="#content">' in body and 'id="content"' in body
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert finders.find("favicon.svg")
