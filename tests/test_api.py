"""The read-only JSON API: the list's filters, paged by cursor in the list's order, drafts never shown."""

import datetime
import re

import pytest
from openapi_spec_validator import validate

from events.models import Meeting
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.usefixtures("reference")


@pytest.fixture
def many(db):
    """Forty public meetings of one person over a few days (several on one day), and a draft among them."""
    person = PersonFactory(name="Aigerim Testova", slug="aigerim-testova")
    for n in range(40):
        meeting = MeetingFactory(date=datetime.date(2020, 1, 1 + n % 9), title=f"Consultations number {n}")
        ParticipantFactory(meeting=meeting, person=person)
    draft = MeetingFactory(date=datetime.date(2020, 1, 3), title="Unpublished draft", status=Meeting.Status.DRAFT)
    ParticipantFactory(meeting=draft, person=person)
    return person


def html_ids(client, query):
    ids, page = [], 1
    while True:
        response = client.get(f"/meetings/?{query}&page={page}")
        found = [int(pk) for pk in re.findall(r'href="/meetings/(\d+)-', response.content.decode())]
        ids += [pk for pk in dict.fromkeys(found) if pk not in ids]
        if f"page={page + 1}" not in response.content.decode():
            return ids
        page += 1


def test_paging_by_cursor_gives_exactly_the_meetings_of_the_list_page_once_each(client, many):
    url, seen = "/api/meetings?person=aigerim-testova&limit=7", []
    while url:
        page = client.get(url).json()
        assert page["count"] == 40
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 40
    assert seen == html_ids(client, "person=aigerim-testova")


def test_the_list_page_and_a_meeting_page_link_to_their_json(client, many):
    assert "/api/meetings?person=aigerim-testova" in client.get("/meetings/?person=aigerim-testova").content.decode()
    meeting = Meeting.objects.public().first()
    assert f"/api/meetings/{meeting.pk}" in client.get(meeting.get_absolute_url()).content.decode()


def test_drafts_never_appear(client, many):
    draft = Meeting.objects.get(title="Unpublished draft")
    body = client.get("/api/meetings?limit=1000").content.decode()
    assert "Unpublished draft" not in body
    assert client.get(f"/api/meetings/{draft.pk}").status_code == 404
    hidden = PersonFactory(name="Only In Drafts", slug="only-in-drafts")
    ParticipantFactory(meeting=draft, person=hidden)
    assert client.get("/api/people/only-in-drafts").status_code == 404
    assert "only-in-drafts" not in client.get("/api/people").content.decode()


def test_a_meeting_as_json(client, many):
    meeting = Meeting.objects.public().first()
    document = client.get(f"/api/meetings/{meeting.pk}").json()
    assert document["title"] == meeting.title and document["participants"][0]["slug"] == "aigerim-testova"
    assert document["permalink"].endswith(meeting.get_absolute_url())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=5000", "less than or equal to 1000"),
        ("limit=0", "greater than or equal to 1"),
        ("cursor=not-ours", "cursor is not one this API gave"),
        ("year=abc", "year"),
    ],
)
def test_bad_parameters_get_a_400_that_says_why(client, query, message):
    response = client.get(f"/api/meetings?{query}")
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_any_site_may_read_the_api(client):
    response = client.get("/api/meetings", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_openapi_description_is_valid_and_the_docs_need_no_cdn(client):
    validate(client.get("/api/openapi.json").json())
    docs = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


@pytest.mark.parametrize("address", ["/api/people", "/api/places", "/api/organizations", "/api/agreements",
                                     "/api/forums", "/api/sources", "/api/people/sergey-lavrov"])  # fmt: skip
def test_every_list_answers_json(client, address):
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")


def test_an_empty_result_is_an_empty_page(client):
    page = client.get("/api/meetings?person=sergey-lavrov&year=1900").json()
    assert page == {"count": 0, "next": None, "items": []}


def test_the_operations_keep_the_names_clients_were_generated_with(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    names = {path: operation["operationId"] for path, operations in paths.items() for operation in operations.values()}
    assert names["/api/meetings"] == "events_api_meetings"
    assert names["/api/meetings/{meeting_id}"] == "events_api_meeting"
    assert names["/api/people/{slug}"] == "events_api_person"
    assert sorted(names.values()) == sorted(
        f"events_api_{view}"
        for view in [
            "agreements",
            "forums",
            "meeting",
            "meetings",
            "organizations",
            "people",
            "person",
            "places",
            "sources",
        ]
    )


def test_the_openapi_description_lists_every_filter_of_the_meeting_list_with_its_type_values_and_example(client):
    from events.filters import MeetingFilter
    from events.models import MeetingQuerySet

    described = client.get("/api/openapi.json").json()["paths"]["/api/meetings"]["get"]["parameters"]
    by_name = {parameter["name"]: parameter for parameter in described}
    assert [p["name"] for p in described] == ["limit", "cursor", *MeetingFilter.base_filters]
    for name in MeetingFilter.base_filters:
        parameter = by_name[name]
        assert parameter["in"] == "query" and parameter["description"] and "example" in parameter, name
        assert parameter["schema"]["type"] in ("string", "integer", "array"), name
    assert by_name["kind"]["schema"]["items"]["enum"] == list(Meeting.Kind.values)
    assert by_name["kind"]["explode"] is True and by_name["person"]["schema"]["type"] == "array"
    assert by_name["host"]["schema"]["enum"] == list(MeetingQuerySet.HOSTS)
    assert "`kz` (in Kazakhstan)" in by_name["host"]["description"]
    assert {"KZ", "RU"} <= set(by_name["country"]["schema"]["enum"])
    assert by_name["year"]["schema"] == {"type": "integer", "minimum": 1900, "maximum": 2100}
    assert by_name["date_from"]["schema"] == {"type": "string", "format": "date"}
    assert by_name["sort"]["schema"]["enum"] == ["-date", "date", "relevance"]


def test_every_example_of_the_openapi_description_is_a_filter_the_api_accepts(client):
    described = client.get("/api/openapi.json").json()["paths"]["/api/meetings"]["get"]["parameters"]
    for parameter in described:
        if "example" in parameter:
            examples = parameter["example"] if isinstance(parameter["example"], list) else [parameter["example"]]
            response = client.get("/api/meetings", {parameter["name"]: examples})
            assert response.status_code == 200, (parameter["name"], response.content)


def test_a_parameter_the_api_does_not_take_is_refused_by_name(client):
    response = client.get("/api/meetings", {"persn": "sergey-lavrov", "yaer": "2019", "year": "2019"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "`persn`" in detail and "`yaer`" in detail and "`year`" not in detail.split(";")[0]
    assert "page" in client.get("/api/meetings?page=2").json()["detail"]  # the API pages by cursor, not page
    for address in ("/api/people?country=KZ", "/api/sources?q=x", "/api/places?x=1", "/api/people/sergey-lavrov?x"):
        response = client.get(address)
        assert response.status_code == 400 and "Unknown parameters" in response.json()["detail"], address
    assert client.get("/api/sources?limit=2").status_code == 200
