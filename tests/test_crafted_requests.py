"""Requests crafted to break the site: cursors the API never gave, NUL characters in parameters. Each is the
client's mistake, answered 400 (404 for an address), never 500, on SQLite and on PostgreSQL alike (the suite runs
on whichever DATABASE_URL names)."""

import base64
import datetime

import pytest

from tests.factories import MeetingFactory, SourceFactory

pytestmark = pytest.mark.usefixtures("reference")


def cursor_of(raw):
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


CRAFTED = [
    "[null, Infinity]",
    "[null, -Infinity]",
    "[null, NaN]",
    "[null, 1e400]",
    '["2020-01-01", 1e400]',
    '["2020-01-01", 99999999999999999999999]',
    '["2020-01-01", -1]',
    '["2020-13-45", 5]',
    '["99999-01-01", 5]',
    "[" * 1500 + "]" * 1500,
    '{"a": 1}',
    "[null, 5, 6]",
    '[null, "5"]',
    "[null, 5.5]",
    "\x00",
]


@pytest.fixture
def pages(db):
    for n in range(3):
        MeetingFactory(date=datetime.date(2020, 1, 1 + n), title=f"Talks number {n}")
        SourceFactory()


@pytest.mark.parametrize("list_", ["/api/meetings", "/api/sources"])
@pytest.mark.parametrize("raw", CRAFTED, ids=range(len(CRAFTED)))
def test_a_crafted_cursor_is_a_400(client, pages, list_, raw):
    response = client.get(f"{list_}?limit=1&cursor={cursor_of(raw)}")
    assert response.status_code == 400
    assert "cursor is not one this API gave" in response.json()["detail"]


@pytest.mark.parametrize("list_", ["/api/meetings", "/api/sources"])
def test_the_cursors_the_api_gives_still_lead_to_the_next_page(client, pages, list_):
    first = client.get(f"{list_}?limit=1").json()
    second = client.get(first["next"]).json()
    assert second["items"] and second["items"][0] != first["items"][0]


NUL_PARAMETERS = [
    "/people/suggest?name=la%00b",
    "/meetings/?q=Lav%00rov",
    "/meetings/?person=sergey%00lavrov",
    "/meetings/?place=astana%00",
    "/meetings/?%00=1",
    "/meetings.csv?q=%00",
    "/meetings.json?outlet=TASS%00",
    "/map/?topic=%00",
    "/people/sergey-lavrov/?q=a%00",
    "/sources/?page=1%00",
    "/api/meetings?q=%00",
    "/api/meetings?cursor=%00",
    "/api/sources?cursor=abc%00",
]


@pytest.mark.parametrize("address", NUL_PARAMETERS)
def test_a_nul_character_in_a_parameter_is_a_400(client, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize(
    "address",
    ["/api/people/%00", "/api/people/a%00b", "/people/a%00b/", "/places/astana%00/", "/agreements/%00/", "/%00"],
)
def test_a_nul_character_in_an_address_is_a_404(client, address):
    assert client.get(address).status_code == 404


def test_an_editor_searching_the_admin_with_a_nul_character_gets_a_400(client, editor):
    response = client.get("/admin/events/meeting/?q=Lav%00rov")
    assert response.status_code == 400


def test_pasted_text_with_a_nul_character_is_still_a_form_error(client, editor):
    response = client.post("/admin/events/source/import/", {"text": "Lavrov\x00met Nurtleu.", "preview": "1"})
    assert response.status_code == 200
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize("address", ["/api/meetings", "/api/meetings/1", "/api/people/sergey-lavrov", "/api/sources"])
def test_a_browsers_preflight_of_the_api_is_answered(client, address):
    response = client.options(
        address,
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept, x-requested-with",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "accept, x-requested-with"


@pytest.mark.parametrize("address", ["/api/meetings?limit=2", "/api/people/sergey-lavrov", "/api/openapi.json"])
def test_head_on_the_api_answers_as_get_without_the_body(client, pages, address):
    got = client.get(address)
    head = client.head(address, HTTP_ORIGIN="https://example.org")
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(got.content))
    assert head["Content-Type"] == got["Content-Type"]
    assert head["Access-Control-Allow-Origin"] == "*"


def test_the_api_still_takes_no_writes_and_knows_its_addresses(client):
    assert client.post("/api/meetings", {}).status_code in (403, 405)
    assert client.options("/api/no-such-list").status_code == 404
    assert client.head("/api/people/nobody-at-all").status_code == 404
