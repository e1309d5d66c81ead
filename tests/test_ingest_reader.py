import datetime

import pytest

from events.ingest.dates import PartialDate, find_dates
from events.ingest.reader import ArticleError, read


@pytest.mark.parametrize(
    ("lead", "city", "outlet", "dateline_date"),
    [
        ("NUR-SULTAN. KAZINFORM – Talks were held.", "NUR-SULTAN", "Kazinform", None),
        ("NUR-SULTAN. KAZINFORM Talks were held.", "NUR-SULTAN", "Kazinform", None),
        ("MOSCOW, April 10. /TASS/. Talks were held.", "MOSCOW", "TASS", datetime.date(2025, 4, 10)),
        ("Moscow, 12 April 2023 (TDI): Talks were held.", "Moscow", "TDI", datetime.date(2023, 4, 12)),
        # A dateline never comes after the publication: November is last year's.
        ("ASTANA, Nov 5 (Reuters) - Talks were held.", "ASTANA", "Reuters", datetime.date(2024, 11, 5)),
        ("ALMATY (AKIpress) - Talks were held.", "ALMATY", "AKIpress", None),
        ("ASTANA – Talks were held.", "ASTANA", "", None),
    ],
)
def test_datelines_in_their_usual_shapes(lead, city, outlet, dateline_date):
    article = read(f" date 2025-04-11 {lead}")
    assert article.dateline_city == city
    assert article.outlet == outlet
    assert (article.dateline_date.value if article.dateline_date else None) == dateline_date
    assert article.sentences[0].text == "Talks were held."


def test_a_sentence_starting_with_a_title_is_not_a_dateline():
    article = read(" date 2025-04-11 Deputy Prime Minister – Minister of Foreign Affairs Murat Nurtleu met guests.")
    assert article.dateline == "" and article.outlet == ""


def test_header_date_may_be_partial():
    article = read(" date 2021-01 Lavrov met Tleuberdi.")
    assert article.published == PartialDate(datetime.date(2021, 1, 1), "month")


def test_title_is_the_first_line_when_a_blank_line_follows():
    article = read(" date 2021-04-08 Ministers hold talks\n\nNUR-SULTAN. KAZINFORM – The ministers met today.")
    assert article.title == "Ministers hold talks"
    assert article.text.startswith("Ministers hold talks\n\nNUR-SULTAN")


def test_links_and_captions_are_dropped():
    article = read(
        " date 2023-04-12 The ministers met.\n\nAlso Read: Something else entirely\n\nPhoto credit: mfa.gov.kz\n\nEnd."
    )
    assert "Also Read" not in article.text and "Photo credit" not in article.text
    assert [s.text for s in article.sentences] == ["The ministers met.", "End."]


def test_sentences_keep_their_offsets_and_ignore_abbreviations():
    article = read(
        " date 2016-11-30 Mr. Idrissov arrived on Nov. 28. He met Mr. Lavrov in St. Petersburg. Talks followed."
    )
    texts = [s.text for s in article.sentences]
    assert texts == ["Mr. Idrissov arrived on Nov. 28.", "He met Mr. Lavrov in St. Petersburg.", "Talks followed."]
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


def test_hard_wrapped_lines_are_joined():
    article = read(
        " date 2017-03-02 Russian Foreign Minister Sergei Lavrov held talks with\n"
        "Kazakh Foreign Minister Kairat Abdrakhmanov."
    )
    assert len(article.sentences) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        (" date 2021-04-08   ", "no text"),
        (" date 2021-13-45 Lavrov met Tleuberdi.", "not a valid date"),
        ("abc\x00def", "binary"),
    ],
)
def test_unreadable_articles_raise_a_clear_error(text, message):
    with pytest.raises(ArticleError, match=message):
        read(text)


REF = PartialDate(datetime.date(2019, 10, 9))


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("They met today.", datetime.date(2019, 10, 9), "day"),
        ("They met yesterday.", datetime.date(2019, 10, 8), "day"),
        ("They met on Monday.", datetime.date(2019, 10, 7), "day"),
        ("They met on April 10.", datetime.date(2019, 4, 10), "day"),
        ("The plan was signed November 9.", datetime.date(2018, 11, 9), "day"),
        ("They met on 12 April 2023.", datetime.date(2023, 4, 12), "day"),
        ("They met in March 2015.", datetime.date(2015, 3, 1), "month"),
        ("They met in March.", datetime.date(2019, 3, 1), "month"),
        ("They met in 2015.", datetime.date(2015, 1, 1), "year"),
        ("It happens this year.", datetime.date(2019, 1, 1), "year"),
        ("It happened last year.", datetime.date(2018, 1, 1), "year"),
        ("Earlier, they met in Almaty.", datetime.date(2019, 10, 8), "day"),
        ("They met on the eve of 9 May 2019.", datetime.date(2019, 5, 8), "day"),
    ],
)
def test_dates_resolve_against_the_reference_date(text, expected, precision):
    mentions = find_dates(text, REF)
    assert mentions, text
    assert (mentions[0].date.value, mentions[0].date.precision) == (expected, precision)


def test_on_the_eve_of_an_event_without_a_date_is_not_a_date():
    assert find_dates("On the eve of the celebration, they laid flowers.", REF) == []


def test_a_date_range_keeps_its_end():
    (mention,) = find_dates("The visit took place on Nov. 28-29, 2016.", REF)
    assert (mention.date.value, mention.date.end) == (datetime.date(2016, 11, 28), datetime.date(2016, 11, 29))


@pytest.mark.parametrize(
    ("lead", "outlet", "day"),
    [
        ("ASTANA, Oct. 9 (Xinhua) -- Talks were held.", "Xinhua", datetime.date(2024, 10, 9)),
        ("ASTANA. Oct 9. INTERFAX-KAZAKHSTAN - Talks were held.", "Interfax-Kazakhstan", datetime.date(2024, 10, 9)),
        ("MOSCOW, March 15 (Itar-Tass) -- Talks were held.", "TASS", datetime.date(2025, 3, 15)),
    ],
)
def test_wire_service_datelines(lead, outlet, day):
    article = read(f" date 2025-04-11 {lead}")
    assert (article.outlet, article.dateline_date.value) == (outlet, day)
    assert article.sentences[0].text == "Talks were held."


@pytest.mark.parametrize(
    ("lead", "day", "outlet"),
    [
        ("МОСКВА, 2 июня 2021 года. Министры провели переговоры.", datetime.date(2021, 6, 2), ""),
        ("ASTANA, July 3, 2019. Kazakh and Russian ministers held talks.", datetime.date(2019, 7, 3), ""),
        ("ASTANA, July 3 (Xinhua) -- Kazakh and Russian ministers held talks.", None, "Xinhua"),
        ("ASTANA. KAZINFORM - Kazakh and Russian ministers held talks.", None, "Kazinform"),
    ],
)
def test_a_dateline_is_read_whatever_word_begins_the_sentence_after_it(lead, day, outlet):
    article = read(lead)
    assert article.dateline_city in ("МОСКВА", "ASTANA")
    assert article.outlet == outlet
    assert (article.published.value if article.published else None) == day
    assert article.sentences[0].text.split()[0] in ("Министры", "Kazakh")


@pytest.mark.parametrize(
    ("text", "city", "day"),
    [
        (
            "All news\n\nPolitics\n\nOctober 06, 11:33 ASTANA\n\nThe two ministers at the talks\n\n© Photo service\n\n"
            "ASTANA, October 6. /TASS/. Russia's foreign minister held talks in Astana on Friday.",
            "ASTANA",
            (10, 6),
        ),
        (
            "Главная\n\nНовости\n\nФото: пресс-служба МИД\n\nМинистры на переговорах\n\n"
            "МОСКВА, 22 октября. /ТАСС/. Министры провели переговоры в Москве.",
            "МОСКВА",
            (10, 22),
        ),
    ],
)
def test_a_full_dateline_below_a_pages_furniture_is_still_the_dateline(text, city, day):
    article = read(text)
    assert article.dateline_city == city
    assert article.outlet in ("TASS", "ТАСС")
    assert article.dateline_month_day == day  # no year on the page: the importer infers it


def test_a_dateline_a_day_after_the_pages_stamp_is_that_day_not_a_year_before():
    article = read(" date 2025-10-21\nМОСКВА, 22 октября. /ТАСС/. Министры проведут переговоры.")
    assert article.dateline_date.value == datetime.date(2025, 10, 22)
