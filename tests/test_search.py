"""Free-text search through the database's full-text index: words by their beginning, in any case, over titles,
names and every spelling of them, places and the articles' text; kept in step with imports and editors."""

import re

import pytest
from django.urls import reverse

from events import search
from events.models import Meeting, MeetingText
from tests.ingest_helpers import import_text

pytestmark = pytest.mark.usefixtures("reference")

RUSSIAN = (
    " date 2022-06-20 МОСКВА, 20 июня. /ТАСС/. Министр иностранных дел России Сергей Лавров провел переговоры с "
    "министром иностранных дел Казахстана Мухтаром Тлеуберди. Стороны обсудили транзит зерна через Каспий."
)
ENGLISH = (
    " date 2021-09-14 NUR-SULTAN. KAZINFORM - Foreign Minister Mukhtar Tleuberdi received Russian Foreign Minister "
    "Sergey Lavrov. The ministers discussed desalination plants on the Caspian coast."
)


def found(client, text):
    response = client.get(reverse("events:meeting-list"), {"q": text})
    assert response.status_code == 200
    return {m.pk for m in response.context["page"]}


@pytest.fixture
def two(db):
    return import_text(RUSSIAN).created[0], import_text(ENGLISH).created[0]


@pytest.mark.parametrize(
    ("text", "which"),
    [
        ("Лавров", {0, 1}),  # the Cyrillic spelling of a name finds the English article too
        ("лаврова", set()),  # a word is matched by its beginning, not its end
        ("лавр", {0, 1}),
        ("Tleuberdi", {0, 1}),
        ("desalination", {1}),  # the article's text
        ("ЗЕРНА каспий", {0}),  # every word, whatever its case
        ("Nur-Sultan", {1}),
        ("Astana", {1}),  # the place's current name for its former one
    ],
)
def test_words_are_found_by_their_beginning_in_names_spellings_places_and_texts(client, two, text, which):
    assert found(client, text) == {two[i].pk for i in which}


def test_the_search_text_follows_an_editors_change(admin_client, two):
    meeting = two[1]
    meeting.title = "Talks on water desalination and the Aral Sea"
    meeting.save()
    search.refresh([meeting.pk])
    assert found(admin_client, "Aral") == {meeting.pk}


def test_rebuilding_writes_the_missing_texts_only(two):
    MeetingText.objects.filter(meeting=two[0]).delete()
    assert search.rebuild(missing_only=True) == 1
    assert MeetingText.objects.count() == Meeting.objects.count()


def test_punctuation_and_quotes_in_a_search_are_harmless(client, two):
    assert found(client, 'Lavrov" OR "x') == set()
    assert found(client, "Lavrov's") == {two[0].pk, two[1].pk}


def test_each_result_says_why_it_matched(client, two):
    body = client.get(reverse("events:meeting-list"), {"q": "desalination"}).content.decode()
    why = re.search(r'<span class="why">(.*?)</span>', body, re.S).group(1)
    assert "<mark>desalination</mark>" in why and "plants on the Caspian" in why


def test_a_match_in_a_persons_other_spelling_is_shown_as_that_spelling(client, two):
    body = client.get(reverse("events:meeting-list"), {"q": "Лавр"}).content.decode()
    assert "<mark>Лавров" in body


def test_a_match_only_in_a_name_says_it_is_a_name(client, two):
    body = client.get(reverse("events:meeting-list"), {"q": "Тлеуберди"}).content.decode()
    english_row = body[body.index(two[1].get_absolute_url()) :].split("</li>")[0]
    assert '<span class="why">a name: <mark>Тлеуберди' in english_row  # the English article spells him otherwise


def test_a_search_of_signs_without_letters_is_refused_with_a_message(client, reference):
    response = client.get("/meetings/", {"q": "/{ -- ()"})
    assert response.status_code == 400
    assert "Search for words of 2 letters or more." in response.content.decode()


def test_the_list_asks_the_full_text_index_once_for_its_rows_count_and_facets(client, two):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caches["counts"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("events:meeting-list"), {"q": "Lavrov"})
    assert {m.pk for m in response.context["page"]} == {two[0].pk, two[1].pk}
    asked = [q for q in queries if " MATCH " in q["sql"] or "to_tsquery" in q["sql"]]
    assert len(asked) == 1
    # The facets count the matching meetings, and only them.
    assert sorted((label, n) for label, n, _, _ in response.context["facets"]["Year"]) == [(2021, 1), (2022, 1)]
