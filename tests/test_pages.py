import pytest
from django.urls import reverse

from tests.factories import MeetingFactory


def test_home_page_says_what_the_site_is_and_shows_counts(client, reference):
    MeetingFactory(title="Lavrov and Tleuberdi hold talks")
    response = client.get(reverse("events:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kazakhstan" in body and "Russia" in body
    assert response.context["counts"]["meetings"] == 1
    assert response.context["counts"]["people"] >= 20
    assert "Lavrov and Tleuberdi hold talks" in body


@pytest.mark.django_db
def test_home_page_does_not_count_drafts(client):
    MeetingFactory(status="draft", title="Secret draft")
    response = client.get(reverse("events:home"))
    assert response.context["counts"]["meetings"] == 0
    assert "Secret draft" not in response.content.decode()
