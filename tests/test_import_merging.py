"""Reports of one contact merge into one meeting across every difference between them: planned and held, a day
and a month or no date, English and Russian (also for an official the reference data does not hold), a transcript
and an agency report, a side named by office only."""

import dataclasses

import pytest
from django.db import transaction

from events.ingest.extract import Extractor
from events.ingest.pipeline import Importer
from events.ingest.store import Writer
from events.models import Meeting
from tests.ingest_helpers import import_text, people_of

pytestmark = pytest.mark.usefixtures("reference")


def import_in_order(texts, order="as told"):
    """Import ``texts`` as told or in reverse order; the status of each import, in the order they were made."""
    ordered = list(texts) if order == "as told" else list(reversed(texts))
    return [import_text(text).status for text in ordered]


PAIRS = {
    "planned_held": [
        (
            "MOSCOW, April 10, 2023. Kazakh Foreign Minister Murat Nurtleu will pay an official visit to Moscow "
            "on April 11, where he will hold talks with Russian Foreign Minister Sergey Lavrov, the ministry "
            "said."
        ),
        (
            "MOSCOW, April 11, 2023. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign "
            "Minister Murat Nurtleu in Moscow on Tuesday."
        ),
    ],
    "arrival_held": [
        (
            "Lavrov arrives in Astana\n\nSergey Lavrov, Russia's top diplomat, arrived in Astana on a rainy evening, "
            "where he will meet Kazakh Foreign Minister Murat Nurtleu to discuss grain transit."
        ),
        (
            "ASTANA, November 7, 2024. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign "
            "Minister Murat Nurtleu in Astana on Thursday."
        ),
    ],
    "day_month": [
        (
            "ASTANA, March 10, 2023. Political consultations between the foreign ministries of Kazakhstan and "
            "Russia were held in Astana on Friday, led by Deputy Foreign Ministers Roman Vassilenko and Mikhail "
            "Galuzin."
        ),
        (
            "In March 2023 Deputy Foreign Ministers Mikhail Galuzin and Roman Vassilenko held political "
            "consultations in Astana, the Russian ministry said in its annual review."
        ),
    ],
    "day_unknown": [
        (
            "MOSCOW, April 22, 2022. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign "
            "Minister Mukhtar Tleuberdi in Moscow on Friday."
        ),
        (
            "Lavrov and Tleuberdi discussed allied relations\n\nRussian Foreign Minister Sergey Lavrov held "
            "talks with his Kazakh counterpart Mukhtar Tleuberdi in Moscow. The ministers discussed allied "
            "relations."
        ),
    ],
    "en_ru": [
        (
            "ASTANA, November 7, 2024. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign "
            "Minister Murat Nurtleu in Astana on Thursday."
        ),
        (
            "АСТАНА, 7 ноября 2024. Министр иностранных дел России Сергей Лавров провел переговоры с министром "
            "иностранных дел Казахстана Муратом Нуртлеу в Астане."
        ),
    ],
    "office_only": [
        (
            "MOSCOW, September 9, 2020. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign "
            "Minister Mukhtar Tleuberdi in Moscow on Wednesday."
        ),
        "МОСКВА, 9 сентября 2020. Глава МИД России Сергей Лавров провел переговоры с главой МИД Казахстана в Москве.",
    ],
    "sidelines_plain": [
        (
            "MINSK, October 12, 2023. Kazakh Foreign Minister Murat Nurtleu met Russian Foreign Minister Sergey "
            "Lavrov on the sidelines of the CIS Council of Foreign Ministers."
        ),
        (
            "МИНСК, 12 октября 2023. Министр иностранных дел России Сергей Лавров провел переговоры с главой МИД "
            "Казахстана Муратом Нуртлеу в Минске."
        ),
    ],
    "unknown_official_en_ru": [
        (
            "MOSCOW, July 18, 2023. Alexei Polishchuk, director of the Second CIS Department of the Russian Foreign "
            "Ministry, held consultations with Kazakh Deputy Foreign Minister Roman Vassilenko."
        ),
        (
            "МОСКВА, 18 июля 2023. Директор Второго департамента стран СНГ МИД России Алексей Полищук провел "
            "консультации с заместителем министра иностранных дел Казахстана Романом Василенко."
        ),
    ],
    "transcript_agency": [
        (
            "Foreign Minister Sergey Lavrov’s opening remarks at talks with Foreign Minister of Kazakhstan "
            "Yermek Kosherbayev, Moscow, October 22, 2025\n\nMr Minister, friends, we are glad to welcome you in "
            "Moscow on your first official visit."
        ),
        (
            "MOSCOW, October 22, 2025. Kazakh Foreign Minister Yermek Kosherbayev, on an official visit to "
            "Russia, held talks with Russian Foreign Minister Sergey Lavrov on Wednesday."
        ),
    ],
}


@pytest.mark.parametrize("first, second", PAIRS.values(), ids=PAIRS.keys())
@pytest.mark.parametrize("order", ["as told", "reversed"])
def test_two_reports_of_one_contact_make_one_meeting(first, second, order):
    statuses = import_in_order([first, second], order)
    assert statuses == ["created", "merged"], statuses
    meeting = Meeting.objects.get()
    assert meeting.sources.count() == 2
    assert meeting.stage == Meeting.Stage.HELD
    assert meeting.date_precision == "day"


@pytest.mark.parametrize("order", ["as told", "reversed"])
def test_an_undated_meeting_of_many_is_not_the_dated_talks_of_two_of_its_ministers(order):
    texts = [
        (
            "The meeting of foreign ministers in the Central Asia plus Russia format was held. Taking part were "
            "Russian Foreign Minister Sergey Lavrov, Kazakh Foreign Minister Murat Nurtleu, Tajik Foreign Minister "
            "Sirojiddin Muhriddin and Kyrgyz Foreign Minister Jeenbek Kulubayev."
        ),
        (
            "MINSK, October 13, 2023. Russian Foreign Minister Sergey Lavrov met Kazakh Foreign Minister Murat "
            "Nurtleu on the sidelines of the CIS Council of Foreign Ministers in Minsk on Friday."
        ),
    ]
    statuses = import_in_order(texts, order)
    assert statuses == ["created", "created"], statuses
    assert Meeting.objects.count() == 2


@pytest.mark.parametrize(
    "talks, ministerial",
    [
        (
            "MOSCOW, September 9, 2020. Sergey Lavrov held talks with Kazakh Foreign Minister Mukhtar Tleuberdi "
            "in Moscow.",
            " date 2020-09-10\nMOSCOW. The Council of Foreign Ministers of the SCO met in Moscow. Kazakhstan was "
            "represented by Mukhtar Tleuberdi; Sergey Lavrov chaired the meeting and took part in it.",
        ),
        (
            "МОСКВА, 9 сентября 2020. Сергей Лавров провел переговоры с министром иностранных дел Казахстана "
            "Мухтаром Тлеуберди в Москве.",
            " date 2020-09-10\nМОСКВА. В Москве прошло заседание Совета министров иностранных дел ШОС. В нем приняли "
            "участие Мухтар Тлеуберди и Сергей Лавров.",
        ),
    ],
)
@pytest.mark.parametrize("order", ["as told", "reversed"])
def test_talks_of_two_ministers_the_day_before_a_meeting_of_many_they_attend_are_a_contact_of_their_own(
    talks, ministerial, order
):
    statuses = import_in_order([talks, ministerial], order)
    assert statuses == ["created", "created"], statuses
    kinds = set(Meeting.objects.values_list("kind", flat=True))
    assert Meeting.Kind.MULTILATERAL in kinds and len(kinds) == 2


@pytest.mark.parametrize("order", ["as told", "reversed"])
def test_an_undated_report_of_a_summons_joins_the_dated_report_of_the_same_envoys_summons(order):
    texts = [
        (
            "MOSCOW, October 4, 2022. Kazakhstan's Ambassador Yermek Kosherbayev was summoned to the Russian Foreign "
            "Ministry over remarks by the Ukrainian envoy in Astana."
        ),
        (
            "МОСКВА. Посол Казахстана в России Ермек Кошербаев был вызван в МИД России из-за высказываний "
            "украинского посла в Астане."
        ),
    ]
    statuses = import_in_order(texts, order)
    assert statuses == ["created", "merged"], statuses
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.DEMARCHE
    assert meeting.date.isoformat() == "2022-10-04"


@pytest.mark.parametrize("order", ["as told", "reversed"])
def test_an_undated_conversation_is_not_a_dated_visit_of_the_same_two_when_nothing_else_agrees(order):
    texts = [
        (
            "In a conversation held in a friendly atmosphere, Russian Foreign Minister Sergey Lavrov thanked Yermek "
            "Kosherbayev for his work, the ministry said."
        ),
        (
            "MOSCOW, October 22, 2025. Kazakh Foreign Minister Yermek Kosherbayev, on an official visit to Russia, "
            "held talks with Russian Foreign Minister Sergey Lavrov in Moscow on Wednesday."
        ),
    ]
    statuses = import_in_order(texts, order)
    assert statuses == ["created", "created"], statuses


@pytest.mark.parametrize(
    "announced, held",
    [
        (
            "NUR-SULTAN, October 7, 2019. Russian Foreign Minister Sergey Lavrov will pay an official visit to "
            "Kazakhstan on October 8-9, where he will meet Foreign Minister Mukhtar Tleuberdi.",
            "NUR-SULTAN, October 9, 2019. Foreign Minister Mukhtar Tleuberdi met today with his Russian counterpart "
            "Sergey Lavrov, who is in Nur-Sultan on an official visit.",
        ),
        (
            "НУР-СУЛТАН, 7 октября 2019. Министр иностранных дел России Сергей Лавров посетит Казахстан с официальным "
            "визитом 8-9 октября и встретится с министром иностранных дел Мухтаром Тлеуберди.",
            "НУР-СУЛТАН, 9 октября 2019. Министр иностранных дел Мухтар Тлеуберди встретился сегодня с российским "
            "коллегой Сергеем Лавровым, прибывшим в Нур-Султан с официальным визитом.",
        ),
    ],
)
def test_the_report_of_an_announced_visit_gives_it_the_day_it_took_place(announced, held):
    statuses = [import_text(text).status for text in (announced, held)]
    assert statuses == ["created", "merged"], statuses
    meeting = Meeting.objects.get()
    assert meeting.stage == Meeting.Stage.HELD
    assert (meeting.date.isoformat(), meeting.end_date) == ("2019-10-09", None)


def test_a_contact_an_article_tells_twice_is_written_once_with_everyone_named():
    """Two findings of one article that are one contact (the second names one person more) end in one meeting: the
    second joins the meeting the first created, and nobody is written twice."""
    importer = Importer()
    article = importer.read(
        " date 2025-09-27\nMOSCOW, September 27. Russian Foreign Minister Sergey Lavrov sent a message to Kazakh "
        "Foreign Minister Yermek Kosherbayev."
    )
    extraction = Extractor(article, importer.gazetteer).run()
    first = extraction.events[0]
    again = dataclasses.replace(first, participants=dict(first.participants), sentences=list(first.sentences))
    lavrov = next(p for p in first.participants.values() if p.country == "RU")
    first.participants = {lavrov.key: lavrov}
    extraction.events.append(again)
    with transaction.atomic():
        Writer(article, extraction).write()
    meeting = Meeting.objects.get()
    assert people_of(meeting) == {"sergey-lavrov", "yermek-kosherbayev"}
    assert "Kosherbayev" in meeting.title


UNDATED_DAY = {
    "en": (
        "Kazakh Foreign Minister Murat Nurtleu held talks with Russian Foreign Minister Sergey Lavrov in Moscow on "
        "April 11, the Kazakh ministry said."
    ),
    "ru": (
        "Министр иностранных дел Казахстана Мурат Нуртлеу провел переговоры с министром иностранных дел России "
        "Сергеем Лавровым в Москве 11 апреля, сообщает пресс-служба казахстанского МИД."
    ),
}
DATED = {
    "en": {
        "another day": (
            "ASTANA, November 7, 2024. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign "
            "Minister Murat Nurtleu in Moscow on Thursday."
        ),
        "that day": (
            "MOSCOW, April 11, 2023. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister "
            "Murat Nurtleu in Moscow on Tuesday."
        ),
    },
    "ru": {
        "another day": (
            "АСТАНА, 7 ноября 2024. Министр иностранных дел России Сергей Лавров провел переговоры с министром "
            "иностранных дел Казахстана Муратом Нуртлеу в Москве."
        ),
        "that day": (
            "МОСКВА, 11 апреля 2023. Министр иностранных дел России Сергей Лавров провел переговоры с министром "
            "иностранных дел Казахстана Муратом Нуртлеу в Москве."
        ),
    },
}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("order", ["as told", "reversed"])
@pytest.mark.parametrize("day, meetings", [("another day", 2), ("that day", 1)])
def test_an_undated_report_of_a_stated_day_joins_only_a_dated_report_of_that_day(lang, order, day, meetings):
    """'On April 11' with no year known: the meeting it makes keeps that day, so a later report of the same two
    ministers on 7 November is another meeting, as it is when the dated report comes first."""
    import_in_order([UNDATED_DAY[lang], DATED[lang][day]], order)
    assert Meeting.objects.count() == meetings


@pytest.mark.parametrize(
    "texts",
    [
        [
            "Kazakh Foreign Minister Murat Nurtleu held talks with Russian Foreign Minister Sergey Lavrov during "
            "his official visit to Russia, the ministry said.",
            "Russian Foreign Minister Sergey Lavrov, on an official visit to Kazakhstan, held talks with Kazakh "
            "Foreign Minister Murat Nurtleu in Astana.",
        ],
        [
            "Министр иностранных дел Казахстана Мурат Нуртлеу провел переговоры с министром иностранных дел России "
            "Сергеем Лавровым в ходе своего официального визита в Россию.",
            "Министр иностранных дел России Сергей Лавров, находящийся с официальным визитом в Казахстане, провел "
            "переговоры с министром иностранных дел Казахстана Муратом Нуртлеу в Астане.",
        ],
    ],
    ids=["en", "ru"],
)
@pytest.mark.parametrize("order", ["as told", "reversed"])
def test_undated_reports_of_the_same_two_in_different_countries_are_different_contacts(texts, order):
    statuses = import_in_order(texts, order)
    assert statuses == ["created", "created"], statuses


@pytest.mark.parametrize(
    "undated",
    [
        "MOSCOW, April 11 – Kazakh Foreign Minister Murat Nurtleu held talks with Russian Foreign Minister Sergey "
        "Lavrov in Moscow today.",
        "МОСКВА, 11 апреля – Министр иностранных дел Казахстана Мурат Нуртлеу провел сегодня переговоры с министром "
        "иностранных дел России Сергеем Лавровым в Москве.",
    ],
    ids=["en", "ru"],
)
def test_the_day_of_an_undated_dateline_stays_with_its_meeting(undated):
    import_text(undated)
    import_text(DATED["en"]["another day"])
    assert Meeting.objects.count() == 2
