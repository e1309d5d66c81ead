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
    select = re.search(r'<select[^>]* id="id_sort".*?</select>', body, re.S).group(0)
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


def facet_section(body, heading):
    found = re.search(rf"<h2>{heading}</h2>.*?</ul>", body, re.S)
    return found.group(0) if found else ""


def test_facets_for_country_organization_region_outlet_language_and_level_hold_only_what_the_list_holds(client, db):
    from events.models import Organization
    from tests.factories import PositionFactory, SourceFactory

    astana, moscow = Place.objects.get(slug="astana"), Place.objects.get(slug="moscow")
    minister = PositionFactory(start=datetime.date(2019, 1, 1), end=datetime.date(2022, 12, 31)).person
    sco = Organization.objects.get(acronym="SCO")
    first = MeetingFactory(title="Talks on Syria", place=astana, regions=["Syria"], date=datetime.date(2021, 3, 1))
    first.organizations.add(sco)
    first.sources.add(SourceFactory(outlet="Kazinform", language="en"))
    ParticipantFactory(meeting=first, person=minister)
    second = MeetingFactory(title="Talks in Moscow", place=moscow, regions=["Afghanistan", "Syria"])
    second.sources.add(SourceFactory(outlet="TASS", language="ru"))
    ParticipantFactory(meeting=second, person=minister, title="")
    MeetingFactory(title="Later talks", place=moscow, date=datetime.date(2024, 5, 1))  # after the minister's term

    body = client.get("/meetings/").content.decode()
    assert '<a href="?country=KZ">Kazakhstan</a> <span class="count">1</span>' in facet_section(body, "Country")
    organizations = facet_section(body, "Organizations")
    assert f'<a href="?organization={sco.slug}">SCO</a>' in organizations and "CSTO" not in organizations
    regions = facet_section(body, "Regions discussed")
    assert '<a href="?region=Syria">Syria</a> <span class="count">2</span>' in regions
    assert '<a href="?outlet=TASS">TASS</a>' in facet_section(body, "Outlets")
    assert '<a href="?language=ru">Russian</a>' in facet_section(body, "Language of the sources")
    level = facet_section(body, "Level")
    assert '<a href="?level=ministers">foreign ministers</a> <span class="count">2</span>' in level
    assert "ambassadors" not in level

    assert result_count(client.get("/meetings/?region=Syria")) == "2 meetings"
    assert result_count(client.get("/meetings/?region=Afghanistan")) == "1 meeting"
    assert result_count(client.get("/meetings/?region=Syr")) == "0 meetings"  # a whole name, not a part
    assert result_count(client.get("/meetings/?level=ministers")) == "2 meetings"
    narrowed = client.get("/meetings/?outlet=TASS").content.decode()
    assert "Talks in Moscow" in narrowed and "Talks on Syria" not in narrowed
    assert "Kazakhstan" not in facet_section(narrowed, "Country")  # only what the narrowed list holds
    assert result_count(client.get(f"/meetings/?language=en&organization={sco.slug}")) == "1 meeting"
    assert client.get("/meetings/?level=kings").status_code == 400


def test_the_per_year_chart_splits_each_year_by_where_and_each_bar_leads_to_its_year(client, db):
    MeetingFactory(place=Place.objects.get(slug="astana"), date=datetime.date(2019, 5, 1))
    MeetingFactory(place=Place.objects.get(slug="moscow"), date=datetime.date(2019, 6, 1))
    MeetingFactory(place=None, kind=Meeting.Kind.PHONE_CALL, date=datetime.date(2021, 6, 1))
    body = client.get("/meetings/?kind=talks&kind=phone_call").content.decode()
    chart = re.search(r'<figure class="chart".*?</figure>', body, re.S).group(0)
    # 2019, 2020 (empty) and 2021: a bar and a row of the table each
    assert chart.count('<a href="?kind=talks&amp;kind=phone_call&amp;year=') == 6
    assert "2019: 1 in Kazakhstan" in chart and "2019: 1 in Russia" in chart and "2021: 1 by phone or video" in chart
    assert re.search(r"<th scope=\"row\"><a [^>]*>2020</a></th>(<td>0</td>){5}<td>0</td>", chart)


def test_the_year_chart_drawn_once_for_a_list_keeps_the_order_each_address_asks_for(client, db):
    MeetingFactory(date=datetime.date(2019, 5, 1))
    MeetingFactory(date=datetime.date(2021, 6, 1))
    for query, bar in [
        ("?kind=talks&sort=date", "?kind=talks&amp;sort=date&amp;year=2019"),
        ("?kind=talks", "?kind=talks&amp;year=2019"),
    ]:
        body = client.get("/meetings/" + query).content.decode()
        chart = re.search(r'<figure class="chart".*?</figure>', body, re.S).group(0)
        assert f'<a href="{bar}"' in chart, query


def test_a_search_can_put_the_most_relevant_meetings_first(client, db):
    kairat = PersonFactory(name="Kairat Umarov")
    older = MeetingFactory(title="Umarov visits Moscow", date=datetime.date(2015, 1, 1))
    with_him = MeetingFactory(title="Consultations on trade", date=datetime.date(2018, 1, 1))
    ParticipantFactory(meeting=with_him, person=kairat)
    mention = MeetingFactory(title="Talks on the border", date=datetime.date(2022, 1, 1), summary="Umarov was named")
    from events import search

    search.rebuild()
    newest = re.findall(r'<a href="/meetings/\d+-([\w-]+)/"', client.get("/meetings/?q=umarov").content.decode())
    assert newest[:3] == [mention.slug, with_him.slug, older.slug]
    ranked = client.get("/meetings/?q=umarov&sort=relevance").content.decode()
    assert re.findall(r'<a href="/meetings/\d+-([\w-]+)/"', ranked)[:3] == [older.slug, with_him.slug, mention.slug]
    # Without a search there is nothing to rank: newest first.
    plain = client.get("/meetings/?sort=relevance").content.decode()
    assert re.findall(r'<a href="/meetings/\d+-([\w-]+)/"', plain)[:3] == [mention.slug, with_him.slug, older.slug]


def chips(body):
    found = re.search(r'<ul class="chips".*?</ul>', body, re.S)
    return re.findall(r"<span>([^<]*)</span>", found.group(0)) if found else []


@pytest.fixture
def petrovs(db):
    """Two people whose names share "petro", each at one meeting, and a third meeting without them."""
    ivan = PersonFactory(name="Ivan Petrovsky", slug="ivan-petrovsky")
    anna = PersonFactory(name="Anna Petrova", slug="anna-petrova")
    ParticipantFactory(meeting=MeetingFactory(title="Talks with Ivan", date=datetime.date(2019, 3, 1)), person=ivan)
    ParticipantFactory(meeting=MeetingFactory(title="Talks with Anna", date=datetime.date(2020, 3, 1)), person=anna)
    MeetingFactory(title="Talks without them", date=datetime.date(2020, 4, 1))
    return ivan, anna


def test_a_name_typed_in_the_people_box_that_fits_one_person_filters_by_them(client, petrovs):
    response = client.get("/meetings/", {"person": "petrovsk", "year": "2019"})
    assert response.status_code == 302
    assert response["Location"] == "/meetings/?person=ivan-petrovsky&year=2019"
    body = client.get(response["Location"]).content.decode()
    assert result_count_of(body) == "1 meeting" and "Talks with Ivan" in body
    assert "People (all of): Ivan Petrovsky" in chips(body)
    # Exports and the API read a typed name the same way.
    exported = b"".join(client.get("/meetings.csv", {"person": "PETROVSK"}).streaming_content).decode()
    assert "Talks with Ivan" in exported and "Talks with Anna" not in exported


def test_a_typed_name_spelled_as_one_persons_name_is_theirs_though_part_of_anothers(client, petrovs):
    PersonFactory(name="Ivan Petrov", slug="ivan-petrov")
    assert client.get("/meetings/", {"person": "Ivan Petrov"})["Location"] == "/meetings/?person=ivan-petrov"


def test_a_typed_name_that_fits_several_people_offers_them_to_choose_and_keeps_the_other_filters(client, petrovs):
    response = client.get("/meetings/", {"person": "petro", "kind": "talks"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "“petro” fits 2 people: choose one." in body
    choices = dict((name, query) for query, name in re.findall(r'<li><a href="\?([^"]*)">([^<]*)</a></li>', body))
    assert choices["Anna Petrova"] == "person=anna-petrova&amp;kind=talks"
    assert choices["Ivan Petrovsky"] == "person=ivan-petrovsky&amp;kind=talks"
    assert "Kind: talks" in chips(body)


def test_a_typed_name_that_fits_no_one_says_so(client, petrovs):
    response = client.get("/meetings/", {"person": "Zhukovsky"})
    assert response.status_code == 400
    assert "No one whose name contains “Zhukovsky”." in response.content.decode()
    api = client.get("/api/meetings", {"person": "Zhukovsky"})
    assert api.status_code == 400 and "Zhukovsky" in api.json()["detail"]


def result_count_of(body):
    return re.search(r'class="result-count">([^<]*)<', body).group(1)


def test_chips_say_what_was_chosen_in_words_not_codes(client, seeded):
    from events.models import Organization

    cis = Organization.objects.get(acronym="CIS")
    body = client.get(
        "/meetings/",
        {
            "host": "kz",
            "sort": "-date",
            "country": "KZ",
            "language": "ru",
            "kind": "phone_call",
            "organization": cis.slug,
        },
    ).content.decode()
    shown = chips(body)
    for chip in (
        "Where: in Kazakhstan",
        "Sort: newest first",
        "Country: Kazakhstan",
        "Language of a source: Russian",
        "Kind: phone call",
        "Organization: CIS",
    ):
        assert chip in shown
    assert not any(code in " ".join(shown) for code in (": kz", "-date", ": KZ", ": ru", "phone_call", cis.slug))
    MeetingFactory(place=Place.objects.get(slug="astana")).topics.add("Space exploration")
    named = chips(client.get("/meetings/", {"place": "astana", "topic": "space-exploration"}).content.decode())
    assert named == ["Place: Astana", "Topic: Space exploration"]
    assert chips(client.get("/meetings/", {"place": "Nur-Sultan"}).content.decode()) == ["Place: Nur-Sultan"]


def test_a_form_sent_with_empty_fields_redirects_to_the_address_of_the_filters_chosen(client, seeded):
    response = client.get("/meetings/?q=&person=&year=2019&date_from=&kind=talks&host=&sort=date&page=")
    assert response.status_code == 302 and response["Location"] == "/meetings/?year=2019&kind=talks&sort=date"
    assert client.get("/meetings/?q=&year=")["Location"] == "/meetings/"
    assert client.get("/people/sergey-lavrov/?year=&kind=talks")["Location"] == "/people/sergey-lavrov/?kind=talks"
    assert client.get("/map/?year=")["Location"] == "/map/"
    assert client.get("/meetings/?year=2019&kind=talks").status_code == 200
