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


def test_bar_chart_draws_a_bar_per_value_and_escapes_labels():
    from events.charts import bar_chart

    chart = bar_chart([("<b>talks</b>", 4), ("calls", 0)], "Meetings by kind")
    svg = str(chart["svg"])
    assert svg.count("<rect ") == 2
    assert "&lt;b&gt;talks&lt;/b&gt;: 4" in svg and "<b>" not in svg
    assert 'class="value">4</text>' in svg and 'class="value">0<' not in svg  # empty bars carry no number
