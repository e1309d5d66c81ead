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
    from events.site.charts import bar_chart

    chart = bar_chart([("<b>talks</b>", 4), ("calls", 0)], "Meetings by kind")
    svg = str(chart["svg"])
    assert svg.count('class="series-0"') == 1 and svg.count('class="hit"') == 2  # an empty bar draws nothing
    assert "&lt;b&gt;talks&lt;/b&gt;: 4" in svg and "<b>" not in svg
    assert 'class="value keep">4</text>' in svg and '">0<' not in svg  # empty bars carry no number
    assert [row[:3] for row in chart["table"]] == [("<b>talks</b>", [4], 4), ("calls", [0], 0)]


def test_a_chart_of_many_years_thins_its_labels_and_links_each_bar():
    from events.site.charts import bar_chart

    years = [(year, year % 7) for year in range(1992, 2027)]
    chart = bar_chart(years, "Meetings per year", link=lambda year: f"/meetings/?year={year}")
    svg = str(chart["svg"])
    labels = svg.count('class="label')
    assert 8 <= labels < len(years)  # thinned, but the axis is still readable
    assert svg.count('class="label keep"') < labels  # fewer again at phone width
    assert svg.count('<a href="/meetings/?year=') == len(years)
    assert "<title>2000: 5</title>" in svg


def test_a_stacked_chart_splits_each_bar_by_series_with_a_legend_of_the_series_present():
    from events.site.charts import stacked_chart

    chart = stacked_chart(
        [(2020, [3, 1, 0], "?year=2020"), (2021, [0, 2, 0], "?year=2021")],
        ["in Kazakhstan", "in Russia", "elsewhere"],
        "t",
    )
    svg = str(chart["svg"])
    assert svg.count('class="series-0"') == 1 and svg.count('class="series-1"') == 2
    assert 'class="series-2"' not in svg
    assert chart["legend"] == [("series-0", "in Kazakhstan"), ("series-1", "in Russia")]
    assert "2020: 3 in Kazakhstan" in svg and "<title>2020: 4</title>" in svg


def test_a_year_chart_labels_its_last_year_and_its_tallest_bar_at_any_width():
    from events.site.charts import bar_chart

    years = [(year, 2 if year != 2011 else 9) for year in range(1992, 2027)]
    svg = str(bar_chart(years, "Meetings per year")["svg"])
    assert 'class="label keep">2026</text>' in svg  # the end of the period, shown on a phone too
    assert 'class="value keep">9</text>' in svg  # the tallest bar's value, whatever the thinning


def test_a_ranked_chart_labels_every_category_in_rows():
    from events.site.charts import ranked_chart

    rows = [("talks", 14, "?kind=talks"), ("multilateral meeting", 7, "?kind=multilateral"), ("<b>calls</b>", 0, "")]
    chart = ranked_chart(rows, "Meetings by kind")
    svg = str(chart["svg"])
    assert svg.count('class="name"') == 3 and ">multilateral meeting</text>" in svg
    assert "&lt;b&gt;calls&lt;/b&gt;" in svg and "<b>" not in svg
    assert svg.count('class="series-0"') == 2  # an empty category draws no bar, but keeps its row and its 0
    assert chart["height"] == 3 * 26 and [row[2] for row in chart["table"]] == [14, 7, 0]
