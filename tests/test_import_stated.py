"""What the importer calls 'stated' is stated: not a document's number, not a date outside the years of the two
countries' relations or after the article, not a year for an outlet, not the date or city of another event, and
names and places as the dictionary writes them, not in the case a Russian sentence put them in."""

import datetime

import pytest
from django.urls import reverse

from events.ingest import Importer
from events.models import Basis, Meeting
from tests.ingest_helpers import import_text


def only_event(text):
    preview = Importer().preview(text)
    assert len(preview.matches) == 1, [e for e, _ in preview.matches]
    return preview.article, preview.matches[0][0]


def extraction_of(text):
    """What the importer finds in ``text``, the contacts it keeps and those it drops."""
    importer = Importer()
    return importer.extract(importer.read(text))


def not_stated(event, value=None):
    return event.date is None or event.date_basis != Basis.STATED or (value is not None and event.date != value)


@pytest.mark.parametrize(
    "text",
    [
        "Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister Murat Nurtleu, according to "
        "note No. 12-34/5678 of the ministry.",
        "Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister Murat Nurtleu, the ministry "
        "said in statement 1756-05-06/12.",
        "Министр иностранных дел России Сергей Лавров провёл переговоры с министром иностранных дел Казахстана "
        "Муратом Нуртлеу, сообщается в документе № 1234-2019-05-06.",
        "Министр иностранных дел России Сергей Лавров провёл переговоры с министром иностранных дел Казахстана "
        "Муратом Нуртлеу, говорится в ноте 15.05.2023-1234.",
    ],
    ids=["en-slash", "en-dashes", "ru-number-sign", "ru-dotted"],
)
def test_a_document_number_is_never_a_date(db, text):
    _, event = only_event(text)
    assert event.date is None and event.date_quote is None


@pytest.mark.parametrize(
    "text",
    [
        "Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister Murat Nurtleu on 14 May 1962.",
        " date 2023-05-15 Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister Murat "
        "Nurtleu on 20 June 2024.",
        " date 2023-05-15 Министр иностранных дел России Сергей Лавров провёл переговоры с министром иностранных дел "
        "Казахстана Муратом Нуртлеу 20 июня 2024 года.",
    ],
    ids=["en-before-1991", "en-after-publication", "ru-after-publication"],
)
def test_a_date_before_1991_or_after_the_article_is_never_the_contacts(db, text):
    _, event = only_event(text)
    assert event.date is None or event.date.value <= datetime.date(2023, 5, 15)
    assert event.date_basis != Basis.STATED


def test_a_year_in_brackets_after_a_dateline_is_not_the_outlet(db):
    article, _ = only_event(
        "ASTANA, Oct. 9 (2019) -- Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister "
        "Beibut Atamkulov."
    )
    assert article.outlet != "2019" and not article.outlet.isdigit()


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            " date 2023-05-15 ASTANA, May 15. /TASS/. Russian Foreign Minister Sergey Lavrov held talks with Kazakh "
            "Foreign Minister Murat Nurtleu, who is expected in Moscow on June 20.",
            "Astana",
        ),
        (
            " date 2023-05-15 ASTANA, May 15. /TASS/. Sergey Lavrov held talks with Murat Nurtleu ahead of the CSTO "
            "summit, which will be held in Minsk on June 20.",
            "Astana",
        ),
        (
            " date 2023-05-15 МОСКВА, 15 мая. /ТАСС/. Министр иностранных дел России Сергей Лавров провёл переговоры "
            "с министром иностранных дел Казахстана Муратом Нуртлеу, а следующая встреча министров пройдёт в Алма-Ате "
            "12 сентября.",
            "Moscow",
        ),
        (
            " date 2023-05-15 АСТАНА, 15 мая. /ТАСС/. Сергей Лавров провёл переговоры с Муратом Нуртлеу накануне "
            "саммита ОДКБ, который пройдёт в Минске 20 июня.",
            "Astana",
        ),
    ],
    ids=["en-expected", "en-later-summit", "ru-next-meeting", "ru-eve-of-summit"],
)
def test_the_date_and_city_of_another_event_in_the_sentence_are_not_the_contacts(db, text, place):
    _, event = only_event(text)
    assert event.date == event.date.__class__(datetime.date(2023, 5, 15))
    assert event.place is not None and event.place.name == place


@pytest.mark.parametrize(
    "text",
    [
        " date 2023-08-18 MOSCOW, August 18. Russian Foreign Minister Sergey Lavrov met Kazakh Ambassador Dauren "
        "Abayev. At the meeting Lavrov recalled the proposals of the Caspian summit of the heads of state, held in "
        "Ashgabat on June 29, 2022.",
        " date 2023-08-18 МОСКВА, 18 августа. Министр иностранных дел России Сергей Лавров встретился с послом "
        "Казахстана Дауреном Абаевым. На встрече Лавров напомнил о предложениях саммита глав прикаспийских "
        "государств, состоявшегося в Ашхабаде 29 июня 2022 года.",
    ],
    ids=["en", "ru"],
)
def test_the_date_of_a_summit_described_by_a_participle_is_the_summits(db, text):
    extraction = extraction_of(text)
    # Not even a contact of Lavrov alone at the summit, dropped for want of the other side, has the summit's date.
    assert {str(e.date) for e in extraction.events + extraction.dropped} == {"2023-08-18"}


@pytest.mark.parametrize(
    "text",
    [
        "Russian Foreign Minister Sergey Lavrov is flying to Kazakhstan for talks with Kazakh Foreign Minister Yerlan "
        "Idrissov. The main subject remains the treaty on the Eurasian Economic Union. It can start working only on "
        "1 January 2015.",
        "Министр иностранных дел России Сергей Лавров летит в Казахстан на переговоры с министром иностранных дел "
        "Казахстана Ерланом Идрисовым. Главной темой остается договор о Евразийском экономическом союзе. Он сможет "
        "начать работать только с 1 января 2015 года.",
    ],
    ids=["en", "ru"],
)
def test_a_date_in_a_sentence_that_tells_no_contact_and_names_no_one_is_not_the_contacts(db, text):
    _, event = only_event(text)
    assert event.date is None


@pytest.mark.parametrize(
    "text",
    [
        "Russian Foreign Minister Sergey Lavrov held talks yesterday with his Kazakh counterpart Yerlan Idrissov on "
        "the lease of Baikonur. He recalled that the presidents of Russia and Kazakhstan had met in Moscow on "
        "19 December and confirmed the terms.",
        "Вчера глава МИД России Сергей Лавров провел переговоры с казахстанским коллегой Ерланом Идрисовым об "
        "аренде Байконура. Он напомнил, что президенты России и Казахстана 19 декабря встречались в Москве и "
        "подтвердили условия.",
    ],
    ids=["en", "ru"],
)
def test_the_day_of_what_someone_recalls_naming_no_one_of_the_two_countries_is_not_the_contacts(db, text):
    extraction = extraction_of(text)
    assert [(e.date, e.month_day) for e in extraction.events] == [(None, None)]


def test_russian_names_and_places_are_kept_in_the_nominative(client, editor):
    import_text(
        " date 2019-05-15 Министр иностранных дел России Сергей Лавров провёл переговоры с министром иностранных дел "
        "Казахстана Бейбутом Атамкуловым в Нур-Султане."
    )
    meeting = Meeting.objects.get()
    written = {p.person.slug: p.name_as_written for p in meeting.participants.select_related("person")}
    assert written == {"sergey-lavrov": "Сергей Лавров", "beibut-atamkulov": "Бейбут Атамкулов"}
    assert meeting.place_as_written == "Нур-Султан" and meeting.place_basis == Basis.STATED
    assert meeting.place_display == "Нур-Султан (now Astana)"


def test_the_preview_shows_a_translated_place_without_now(client, editor):
    text = (
        " date 2023-05-15 Министр иностранных дел России Сергей Лавров провёл переговоры с министром иностранных дел "
        "Казахстана Мухтаром Тлеуберди в Москве."
    )
    page = client.post(reverse("admin:events_source_import"), {"text": text, "preview": "Preview"})
    event = page.context["events"][0][0][0]
    assert event.place_as_written == "Москва"
    assert {p.name_as_written for p in event.participants.values()} == {"Сергей Лавров", "Мухтар Тлеуберди"}
    html = page.content.decode()
    assert "Москва (Moscow)" in html and "(now Moscow)" not in html
