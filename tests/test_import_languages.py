"""Articles without a date, in Russian, and the rules on who took part: texts written for these tests in the
styles of agency wires, ministry releases and reprint sites."""

import datetime

import pytest

from events.ingest.evaluation import agreement, city_agrees, date_agrees, source_of
from events.models import Meeting, Source
from tests.ingest_helpers import import_text, people_of

pytestmark = pytest.mark.usefixtures("reference")

LAVROV, NURTLEU, TLEUBERDI, ABDRAKHMANOV = "sergey-lavrov", "murat-nurtleu", "mukhtar-tleuberdi", "kairat-abdrakhmanov"


def only_meeting():
    assert Meeting.objects.count() == 1, list(Meeting.objects.all())
    return Meeting.objects.get()


def test_an_article_without_any_date_is_stored_with_an_unknown_date():
    result = import_text(
        "Foreign ministers compare notes\n\nRussian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign "
        "Minister Murat Nurtleu at the ministry's reception house. The ministers discussed transport corridors."
    )
    assert result.status == "created"
    meeting = only_meeting()
    assert meeting.date is None and meeting.date_display == "date unknown"
    assert people_of(meeting) == {LAVROV, NURTLEU}
    assert meeting.status == Meeting.Status.UNREVIEWED
    assert list(Meeting.objects.undated()) == [meeting]


def test_a_timestamp_line_dates_an_article_without_a_header():
    import_text(
        "Ministers meet in Astana\n\n14 June 2016, 18:42\n\nASTANA. KAZINFORM - Kazakh Foreign Minister Yerlan "
        "Idrissov received Russian Foreign Minister Sergey Lavrov today. They discussed the Eurasian integration."
    )
    source = Source.objects.get()
    assert source.published == datetime.date(2016, 6, 14)
    assert source.outlet == "Kazinform"
    assert only_meeting().date == datetime.date(2016, 6, 14)


def test_a_dateline_without_a_year_takes_the_year_in_which_the_ministers_held_office():
    # Abdrakhmanov was foreign minister from December 2016 to December 2018; Lavrov throughout.
    import_text(
        "MOSCOW, March 3. /TASS/. Russian Foreign Minister Sergey Lavrov held a telephone conversation today with "
        "Foreign Minister of Kazakhstan Kairat Abdrakhmanov at the Kazakh side's initiative."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.PHONE_CALL
    assert people_of(meeting) == {LAVROV, ABDRAKHMANOV}
    assert meeting.date is None or meeting.date.year in (2017, 2018)


def test_an_undated_report_merges_into_the_dated_meeting_of_the_same_people():
    import_text(
        " date 2021-08-18 MOSCOW, August 18. /TASS/. Russian Foreign Minister Sergey Lavrov and Kazakh Foreign "
        "Minister Mukhtar Tleuberdi held a telephone conversation on Wednesday, discussing Afghanistan."
    )
    result = import_text(
        "Lavrov, Tleuberdi discuss Afghanistan by phone\n\nThe foreign ministers of Russia and Kazakhstan, Sergey "
        "Lavrov and Mukhtar Tleuberdi, discussed the situation in Afghanistan in a phone call, the Russian "
        "ministry said."
    )
    assert result.status == "merged"
    meeting = only_meeting()
    assert meeting.date == datetime.date(2021, 8, 18)
    assert meeting.sources.count() == 2


def test_russian_names_and_places_are_matched_in_any_grammatical_case():
    import_text(
        " date 2021-04-08 НУР-СУЛТАН, 8 апреля — Sputnik. Сергей Лавров, глава российского МИД, приехал в "
        "Нур-Султан с рабочим визитом. В ходе переговоров с Мухтаром Тлеуберди стороны обсудили подготовку форума."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, TLEUBERDI}
    assert meeting.kind == Meeting.Kind.WORKING_VISIT
    assert meeting.place.slug == "astana"
    assert meeting.date == datetime.date(2021, 4, 8)
    source = Source.objects.get()
    assert (source.language, source.outlet) == ("ru", "Sputnik")


def test_a_russian_dateline_without_a_year_is_read_against_the_header():
    import_text(
        " date 2017-03-10 АСТАНА, 10 мар — Sputnik. В пятницу глава МИД России Сергей Лавров и его "
        "казахстанский коллега Кайрат Абдрахманов поговорили по телефону о предстоящей встрече по Сирии."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.PHONE_CALL
    assert meeting.date == datetime.date(2017, 3, 10)
    assert meeting.place is None  # a call has two ends
    assert people_of(meeting) == {LAVROV, ABDRAKHMANOV}


def test_a_russian_and_an_english_report_of_the_same_call_become_one_meeting():
    import_text(
        " date 2017-03-10 Russian Foreign Minister Sergey Lavrov held a telephone conversation with Foreign "
        "Minister of Kazakhstan Kairat Abdrakhmanov on Friday, the Russian ministry said."
    )
    result = import_text(
        " date 2017-03-10 Министр иностранных дел России Сергей Лавров провел телефонный разговор с министром "
        "иностранных дел Казахстана Кайратом Абдрахмановым."
    )
    assert result.status == "merged"
    meeting = only_meeting()
    assert set(meeting.sources.values_list("language", flat=True)) == {"en", "ru"}


def test_a_president_whose_coming_visit_is_prepared_is_not_a_participant():
    import_text(
        " date 2023-10-13 ASTANA, October 13. /Kazinform/. Kazakh Foreign Minister Murat Nurtleu met with Russian "
        "Foreign Minister Sergey Lavrov in Astana on Friday. The ministers discussed preparations for the state "
        "visit of President Vladimir Putin to Kazakhstan in November."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, NURTLEU}
    assert meeting.kind == Meeting.Kind.TALKS  # the state visit is the president's, not this contact's


def test_a_russian_president_cited_for_his_instructions_is_not_a_participant():
    import_text(
        " date 2019-10-09 Глава МИД Казахстана Мухтар Тлеуберди провел переговоры с министром иностранных дел "
        "России Сергеем Лавровым. Стороны обсудили выполнение поручений Президента России Владимира Путина."
    )
    assert people_of(only_meeting()) == {LAVROV, TLEUBERDI}


def test_the_host_named_in_an_invitation_takes_part_in_the_visit():
    import_text(
        " date 2023-04-12 At the invitation of his Russian counterpart Sergey Lavrov, Kazakh Foreign Minister "
        "Murat Nurtleu paid an official visit to Moscow. The two ministers held talks on regional security."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.OFFICIAL_VISIT
    assert people_of(meeting) == {LAVROV, NURTLEU}
    assert meeting.place.slug == "moscow"


def test_the_host_named_in_a_russian_invitation_takes_part_in_the_visit():
    import_text(
        " date 2023-04-12 Глава МИД Казахстана Мурат Нуртлеу прибыл в Москву с официальным визитом по приглашению "
        "российского министра Сергея Лаврова."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, NURTLEU}
    assert meeting.kind == Meeting.Kind.OFFICIAL_VISIT


def test_an_announced_contact_is_planned_and_the_later_report_makes_it_held():
    import_text(
        " date 2024-05-17 Russian Foreign Minister Sergey Lavrov will hold talks with Kazakh Foreign Minister "
        "Murat Nurtleu in Astana on May 20, the ministry said."
    )
    planned = only_meeting()
    assert planned.stage == Meeting.Stage.PLANNED
    assert planned.date == datetime.date(2024, 5, 20)
    assert list(Meeting.objects.held()) == []
    import_text(
        " date 2024-05-20 ASTANA, May 20. /TASS/. Russian Foreign Minister Sergey Lavrov held talks with Kazakh "
        "Foreign Minister Murat Nurtleu in Astana today."
    )
    held = only_meeting()
    assert held.pk == planned.pk and held.stage == Meeting.Stage.HELD


@pytest.mark.parametrize(
    "text",
    [
        " date 2024-11-27 ASTANA, November 27. /TASS/. Russian President Vladimir Putin held talks with President of "
        "Kazakhstan Kassym-Jomart Tokayev in Astana today.",
        " date 2024-11-27 Президент России Владимир Путин провел переговоры с Президентом Казахстана Касым-Жомартом "
        "Токаевым в Астане.",
    ],
)
def test_presidents_alone_create_no_meeting(text):
    result = import_text(text)
    assert result.status == "skipped"
    assert "no foreign-ministry official" in result.message
    assert Meeting.objects.count() == 0


def test_a_new_russian_official_is_created_with_a_latin_name_and_his_office():
    import_text(
        " date 2021-11-20 В Москве прошли консультации заместителя министра иностранных дел Казахстана Бахыта "
        "Нурланова с заместителем министра иностранных дел России Андреем Руденко."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.CONSULTATIONS
    new = meeting.participants.get(person__needs_review=True).person
    assert new.name == "Bakhyt Nurlanov" and new.country.code == "KZ"
    assert new.positions.get().office == "deputy_foreign_minister"
    assert "andrey-rudenko" in people_of(meeting)


def test_titles_held_then_come_from_the_positions_on_the_day():
    import_text(
        " date 2020-06-01 FM Mukhtar Tleuberdi and his counterpart Sergey Lavrov held a videoconference on Monday."
    )
    titles = {p.person.slug: p.title for p in only_meeting().participants.select_related("person")}
    assert titles[TLEUBERDI] == "Deputy Prime Minister – Foreign Minister of Kazakhstan"  # since 18 May 2020
    assert titles[LAVROV] == "Minister of Foreign Affairs of Russia"


def test_the_evaluation_metric_compares_dates_places_and_people_as_documented():
    assert date_agrees("2023-04", "2023-04-12") and not date_agrees("2023-04-11", "2023-04-12")
    assert date_agrees(None, None) and not date_agrees("2023", None)
    assert city_agrees("Nur-Sultan", "Astana") and not city_agrees("Moscow", "Astana")
    assert agreement(["Sergey Lavrov", "Murat Nurtleu"], ["Sergei Lavrov"]) == (0.5, 1.0)


def test_the_evaluation_finds_the_stored_article_of_a_file_with_short_lines_and_a_date_line(tmp_path):
    path = tmp_path / "e001.txt"
    path.write_text(" date 2006-05-16\nThe ministers met in Shanghai\non Monday and signed a\nstatement.\n", "utf-8")
    stored = [
        ("other", "a different article"),
        ("this", "the ministers met in shanghai on monday and signed a statement."),
    ]
    assert source_of(path, stored) == "this"


@pytest.mark.parametrize(
    "text",
    [
        " date 2018-02-20 ASTANA, February 20. Kazakhstan and Russia held consultations on regional security in "
        "Astana. Deputy Foreign Minister Sergey Ryabkov headed the Russian team; the Kazakh side was led by Deputy "
        "Foreign Minister Yerzhan Ashikbayev.",
        " date 2018-02-20 В Астане прошли казахстанско-российские консультации по вопросам безопасности. Делегации "
        "возглавляли заместитель министра иностранных дел Казахстана Ержан Ашикбаев и заместитель министра "
        "иностранных дел России Сергей Рябков.",
    ],
)
def test_the_heads_of_the_two_delegations_take_part_in_the_consultations(text):
    import_text(text)
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.CONSULTATIONS
    assert people_of(meeting) == {"yerzhan-ashikbayev", "sergey-ryabkov"}
    assert meeting.place.slug == "astana"


def test_the_timeline_counts_held_contacts_of_known_date_only(client):
    import_text(
        " date 2007-03-19 Kazakh Foreign Minister Marat Tazhin will hold talks with Russian Foreign Minister Sergey "
        "Lavrov in Moscow on March 20."
    )
    import_text("Sergey Lavrov held talks with Kazakh Foreign Minister Murat Nurtleu, the ministry said.")
    assert Meeting.objects.filter(stage=Meeting.Stage.PLANNED).count() == 1
    assert Meeting.objects.undated().count() == 1
    response = client.get("/timeline/")
    assert response.status_code == 200
    years = response.content.decode().split('class="year-index"', 1)[-1]
    assert "2007" not in years  # no year of its own: the planned talks are not counted, nor the undated ones
    listing = client.get("/meetings/").content.decode()
    assert "date unknown" in listing and "planned" in listing


def test_an_undated_report_is_not_merged_into_a_meeting_on_another_day_of_the_year():
    import_text(
        " date 2021-04-08 MOSCOW, April 8. /TASS/. Russian Foreign Minister Sergey Lavrov held talks with Kazakh "
        "Foreign Minister Mukhtar Tleuberdi in Moscow."
    )
    # No year anywhere and Tleuberdi served several years: the day and month of the dateline are the only clue.
    import_text(
        "МОСКВА, 5 октября. /ТАСС/. Глава внешнеполитического ведомства России Сергей Лавров провел переговоры "
        "с главой МИД Казахстана Мухтаром Тлеуберди в Москве."
    )
    assert Meeting.objects.count() == 2
    undated = Meeting.objects.get(date__isnull=True)
    assert people_of(undated) == {LAVROV, TLEUBERDI}


def test_a_source_without_a_title_is_named_by_its_first_sentence_and_shows_its_language(client):
    import_text(
        " date 2022-01-10 МОСКВА, 10 января. /ТАСС/. Заместитель министра иностранных дел России Андрей Руденко "
        "провел консультации с заместителем министра иностранных дел Казахстана Романом Василенко."
    )
    source = Source.objects.get()
    assert source.title.startswith("Заместитель министра иностранных дел России Андрей Руденко провел")
    assert source.title.endswith(" …") and len(source.title) <= 122
    assert str(source).startswith("TASS: Заместитель")
    body = client.get(source.get_absolute_url()).content.decode()
    assert "<dt>Language</dt><dd>Russian</dd>" in body
    assert '<div class="article-text" lang="ru">' in body
    meeting_page = client.get(only_meeting().get_absolute_url()).content.decode()
    assert "· Russian" in meeting_page and 'lang="ru"' in meeting_page
