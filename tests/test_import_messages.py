"""Contacts at a distance: messages between the ministers and démarches (an envoy summoned, a note handed over).
Articles written for these tests, one per rule and language."""

import datetime

import pytest

from events.models import Meeting
from people.models import Person
from tests.ingest_helpers import import_text, people_of

pytestmark = pytest.mark.usefixtures("reference")

CONGRATULATION_EN = (
    "ASTANA, October 25, 2025. Russian Foreign Minister Sergey Lavrov sent a congratulatory message to Kazakh "
    "Foreign Minister Yermek Kosherbayev on Republic Day, the Russian embassy said. The two countries remain "
    "close allies, the message said."
)
CONGRATULATION_RU = (
    "МОСКВА, 26 октября 2025. Министр иностранных дел России Сергей Лавров направил поздравительную телеграмму "
    "министру иностранных дел Казахстана Ермеку Кошербаеву по случаю Дня Республики."
)
SUMMONED_EN = (
    "MOSCOW, December 12, 2020. Russia's chargé d'affaires Alexei Petrov was summoned to the Kazakh Foreign "
    "Ministry on Saturday, where Deputy Foreign Minister Marat Syzdykov handed him a note of protest over "
    "remarks by a Russian lawmaker."
)
SUMMONED_RU = (
    "АСТАНА, 4 октября 2022. МИД России вызвал посла Казахстана в РФ Ермека Кошербаева в связи с заявлениями "
    "казахстанских официальных лиц."
)
PRESIDENTS_GREETINGS_EN = (
    "MOSCOW, April 11, 2023. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister Murat "
    "Nurtleu in Moscow. Nurtleu conveyed greetings from President Kassym-Jomart Tokayev to President Vladimir Putin."
)


def test_a_message_between_ministers_is_a_message_with_both_and_no_place():
    import_text(CONGRATULATION_EN)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.MESSAGE
    assert meeting.date == datetime.date(2025, 10, 25)
    assert people_of(meeting) == {"sergey-lavrov", "yermek-kosherbayev"}
    assert meeting.place is None and meeting.country is None  # the dateline is where it was reported


def test_a_telegram_in_russian_names_its_addressee_in_the_dative():
    import_text(CONGRATULATION_RU)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.MESSAGE
    assert people_of(meeting) == {"sergey-lavrov", "yermek-kosherbayev"}
    assert meeting.place is None


def test_an_envoy_summoned_is_a_demarche_hosted_by_the_ministry_that_summoned():
    import_text(SUMMONED_EN)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.DEMARCHE
    assert meeting.date == datetime.date(2020, 12, 12)
    assert meeting.country.code == "KZ"
    assert meeting.place is None  # the Moscow dateline is not where the note was handed over
    names = {p.person.name for p in meeting.participants.select_related("person")}
    assert names == {"Alexei Petrov", "Marat Syzdykov"}
    assert meeting.participants.get(person__name="Alexei Petrov").person.country.code == "RU"


def test_an_ambassador_summoned_by_a_ministry_named_only_as_such_is_a_demarche():
    import_text(SUMMONED_RU)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.DEMARCHE
    assert people_of(meeting) == {"yermek-kosherbayev"}
    assert meeting.country.code == "RU"


def test_greetings_conveyed_in_talks_leave_the_talks_talks_and_the_presidents_out():
    import_text(PRESIDENTS_GREETINGS_EN)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.TALKS
    assert people_of(meeting) == {"sergey-lavrov", "murat-nurtleu"}


NOTE_NUMBER_EN = (
    "ASTANA, May 16, 2023. Kazakh Deputy Foreign Minister Marat Syzdykov received Russian Ambassador Alexey "
    "Borodavkin on Tuesday and handed him note No. 12-4/1534-15.05.1923 on the border crossing."
)
NOTE_NUMBER_RU = (
    "АСТАНА, 16 мая 2023. Заместитель министра иностранных дел Казахстана Марат Сыздыков встретился с послом "
    "России Алексеем Бородавкиным и передал ему ноту № 12-1/3456 от 02.03.2023 о пограничном переходе."
)


@pytest.mark.parametrize("text", [NOTE_NUMBER_EN, NOTE_NUMBER_RU], ids=["en", "ru"])
def test_a_numbered_documents_date_is_never_the_contacts(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.date == datetime.date(2023, 5, 16)
    assert meeting.kind == Meeting.Kind.DEMARCHE


UNDATED_WEEKDAY_EN = (
    "Lavrov and Tleuberdi agree to stand up to provocations\n\n"
    "On Friday, April 22, Russian Foreign Minister Sergey Lavrov held talks with his Kazakh counterpart Mukhtar "
    "Tleuberdi. The ministers discussed the coming economic forum."
)
UNDATED_WEEKDAY_RU = (
    "Лавров и Тлеуберди обсудили союзнические отношения\n\n"
    "В пятницу, 22 апреля, глава МИД России Сергей Лавров провел переговоры со своим казахстанским коллегой "
    "Мухтаром Тлеуберди. Министры обсудили предстоящий экономический форум."
)


@pytest.mark.parametrize("text", [UNDATED_WEEKDAY_EN, UNDATED_WEEKDAY_RU], ids=["en", "ru"])
def test_an_undated_article_takes_its_year_from_the_weekday_and_the_ministers_terms(text):
    import_text(text)
    meeting = Meeting.objects.get()
    # Tleuberdi was minister from 2019 to 2023; of those years, 22 April fell on a Friday only in 2022.
    assert meeting.date == datetime.date(2022, 4, 22)
    assert people_of(meeting) == {"sergey-lavrov", "mukhtar-tleuberdi"}


TRANSCRIPT_EN = (
    "Foreign Minister Sergey Lavrov’s remarks at a news conference after the CIS Council of Foreign Ministers "
    "meeting (Minsk, October 13, 2023)\n\n"
    "Today we held talks with Kazakh Foreign Minister Murat Nurtleu and agreed on the plan of consultations. "
    "President Vladimir Putin spoke of this in his address on October 5."
)
TRANSCRIPT_RU = (
    "Выступление и ответы на вопросы СМИ Министра иностранных дел Российской Федерации Сергея Лаврова "
    "(Минск, 13 октября 2023 года)\n\n"
    "Сегодня мы провели переговоры с Министром иностранных дел Казахстана Муратом Нуртлеу. Президент России "
    "Владимир Путин говорил об этом в своем выступлении 5 октября."
)


@pytest.mark.parametrize("text", [TRANSCRIPT_EN, TRANSCRIPT_RU], ids=["en", "ru"])
def test_the_speaker_of_a_transcript_took_part_in_what_it_tells_and_its_title_dates_it(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.date == datetime.date(2023, 10, 13)
    assert people_of(meeting) == {"sergey-lavrov", "murat-nurtleu"}


def test_a_ministry_head_named_by_office_is_the_minister_of_the_day_never_a_person_made_of_words():
    import_text(
        "МИНСК, 13 октября 2023. Глава МИД Казахстана принял участие в заседании Совета министров иностранных дел "
        "СНГ в Минске. На полях заседания он провел переговоры с министром иностранных дел России Сергеем Лавровым."
    )
    meeting = Meeting.objects.get()
    assert people_of(meeting) == {"murat-nurtleu", "sergey-lavrov"}
    assert not Person.objects.filter(needs_review=True).exists()


@pytest.mark.parametrize(
    "text",
    [
        "ASTANA, June 10, 2023. Kazakh Deputy Foreign Minister Roman Vassilenko met with Director of the Second CIS "
        "Department of the Russian Foreign Ministry Alexei Polishchuk. The sides discussed the schedule of contacts.",
        "МОСКВА, 12 мая 2023. Заместитель министра иностранных дел Казахстана Роман Василенко встретился с "
        "директором Второго департамента стран СНГ МИД России Алексеем Полищуком.",
    ],
    ids=["en", "ru"],
)
def test_a_department_director_unknown_to_the_reference_data_is_created_with_the_office_stated(text):
    import_text(text)
    meeting = Meeting.objects.get()
    director = Person.objects.get(needs_review=True)
    assert director.name.endswith("Polishchuk") or director.name.endswith("Polishhuk"), director.name
    assert director.country.code == "RU"
    assert people_of(meeting) == {"roman-vassilenko", director.slug}


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW, December 5, 2024. The foreign ministers of the Caspian states, among them Murat Nurtleu of "
        "Kazakhstan and Sergey Lavrov of Russia, took part in the meeting of the Council of Foreign Ministers of the "
        "Caspian littoral states in Moscow on Thursday.",
        "МОСКВА, 5 декабря 2024. В Москве состоялось совещание министров иностранных дел прикаспийских государств. "
        "В нем приняли участие Джейхун Байрамов, Аббас Аракчи, Мурат Нуртлеу, Сергей Лавров и Рашид Мередов.",
    ],
    ids=["en", "ru"],
)
def test_a_ministerial_whose_attendees_are_listed_is_a_multilateral_meeting_of_both_ministers(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.MULTILATERAL
    assert {"murat-nurtleu", "sergey-lavrov"} <= people_of(meeting)


@pytest.mark.parametrize(
    "text",
    [
        "ASTANA, November 8, 2024. Russian Foreign Minister Sergey Lavrov, who held talks with Murat Nurtleu in "
        "Astana yesterday, said the two presidents will meet on November 27.",
        "АСТАНА, 8 ноября 2024. Министр иностранных дел России Сергей Лавров, накануне проведший переговоры с Муратом "
        "Нуртлеу в Астане, заявил, что президенты встретятся 27 ноября.",
    ],
    ids=["en", "ru"],
)
def test_a_clause_about_what_is_to_come_gives_its_date_to_that_not_to_the_talks_held(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.date == datetime.date(2024, 11, 7)
    assert meeting.stage == Meeting.Stage.HELD
    assert people_of(meeting) == {"sergey-lavrov", "murat-nurtleu"}


@pytest.mark.parametrize(
    "text",
    [
        " date 2025-07-02\nASTANA, July 2. Russian Foreign Minister Sergey Lavrov has sent his congratulations to "
        "Kazakh Foreign Minister Murat Nurtleu on Diplomatic Service Day. Russian Ambassador Alexey Borodavkin also "
        "congratulated the Kazakh Foreign Minister and the staff of his ministry.",
        " date 2025-07-02\nАСТАНА, 2 июля. Министр иностранных дел России Сергей Лавров направил поздравление "
        "министру иностранных дел Казахстана Мурату Нуртлеу по случаю Дня дипломатической службы. Посол России "
        "Алексей Бородавкин также поздравил главу казахстанского МИД и сотрудников ведомства.",
    ],
)
def test_two_people_congratulating_one_minister_are_two_messages(text):
    import_text(text)
    messages = Meeting.objects.filter(kind=Meeting.Kind.MESSAGE)
    assert sorted(map(people_of, messages), key=sorted) == [
        {"alexey-borodavkin", "murat-nurtleu"},
        {"murat-nurtleu", "sergey-lavrov"},
    ]
    assert Meeting.objects.count() == 2
    assert all(message.stage == Meeting.Stage.HELD for message in messages)


@pytest.mark.parametrize(
    "text",
    [
        " date 2025-09-27\nMOSCOW, September 27. Russian Foreign Minister Sergey Lavrov congratulated Yermek "
        "Kosherbayev on his appointment as Kazakhstan's foreign minister and invited him to pay an official visit to "
        "Moscow.",
        " date 2025-09-27\nМОСКВА, 27 сентября. Министр иностранных дел России Сергей Лавров поздравил Ермека "
        "Кошербаева с назначением на пост главы МИД Казахстана и пригласил его в Москву с официальным визитом.",
        # The one congratulated titled before his name: a name after "congratulated" is a receiver, not a mention.
        " date 2025-09-27\nMOSCOW, September 27. Russian Foreign Minister Sergey Lavrov congratulated the new Kazakh "
        "Foreign Minister Yermek Kosherbayev on his appointment and invited him to pay an official visit to Moscow.",
        " date 2025-09-27\nМОСКВА, 27 сентября. Министр иностранных дел России Сергей Лавров поздравил нового главу "
        "МИД Казахстана Ермека Кошербаева с назначением и пригласил его в Москву с официальным визитом.",
    ],
)
def test_a_visit_someone_is_invited_to_is_not_a_visit_made(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.MESSAGE
    assert meeting.place is None
    assert people_of(meeting) == {"sergey-lavrov", "yermek-kosherbayev"}


def test_a_message_sent_the_day_of_a_meeting_of_the_same_ministers_is_not_that_meeting():
    import_text(
        "CHOLPON-ATA, June 30, 2025. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister "
        "Murat Nurtleu on Monday."
    )
    import_text(
        "ASTANA, July 2, 2025. Russian Foreign Minister Sergey Lavrov sent a message of congratulations to Kazakh "
        "Foreign Minister Murat Nurtleu on Diplomatic Service Day."
    )
    assert sorted(Meeting.objects.values_list("kind", flat=True)) == [Meeting.Kind.MESSAGE, Meeting.Kind.TALKS]


@pytest.mark.parametrize(
    "text",
    [
        " date 2020-12-12\nNUR-SULTAN, December 12. The Kazakh Foreign Ministry called in the Russian chargé "
        "d'affaires Aleksander Komarov on Saturday. Deputy Foreign Minister Marat Syzdykov handed the Russian "
        "diplomat a note over remarks by a lawmaker.",
        " date 2020-12-12\nНУР-СУЛТАН, 12 декабря. Заместитель министра иностранных дел Казахстана Марат Сыздыков "
        "вручил российскому дипломату ноту в связи с высказываниями депутата. Встреча с временным поверенным в делах "
        "России Александром Комаровым прошла в министерстве.",
    ],
)
def test_an_envoy_called_in_and_handed_a_note_is_a_demarche(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.DEMARCHE
    assert meeting.date == datetime.date(2020, 12, 12)
    chargé = Person.objects.get(name__endswith="Komarov")
    assert people_of(meeting) == {"marat-syzdykov", chargé.slug}


@pytest.mark.parametrize(
    "text",
    [
        " date 2018-02-14\nASTANA, February 14. In his message to his Kazakh counterpart Kairat Abdrakhmanov, Russian "
        "Foreign Minister Sergey Lavrov thanked Kazakhstan for its part in the Syrian settlement.",
        " date 2018-02-14\nАСТАНА, 14 февраля. В своем послании казахстанскому коллеге Кайрату Абдрахманову министр "
        "иностранных дел России Сергей Лавров поблагодарил Казахстан за участие в сирийском урегулировании.",
    ],
)
def test_what_a_minister_wrote_in_a_message_to_the_other_is_a_message(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.MESSAGE and meeting.place is None
    assert people_of(meeting) == {"sergey-lavrov", "kairat-abdrakhmanov"}


@pytest.mark.parametrize(
    "text",
    [
        " date 2022-05-20\nNUR-SULTAN, May 20. Kazakhstan and Russia held consultations on cooperation in Asia at the "
        "Kazakh Foreign Ministry. The Kazakh delegation was led by the Ambassador-at-Large of the Ministry of Foreign "
        "Affairs of Kazakhstan Talgat Kaliyev, and the Russian delegation by the Director of the Department of "
        "Asia-Pacific Cooperation of the Ministry of Foreign Affairs of the Russian Federation Alexey Ovchinnikov.",
        " date 2022-05-20\nНУР-СУЛТАН, 20 мая. В МИД Казахстана прошли консультации по сотрудничеству в Азии. "
        "Казахстанскую делегацию возглавил посол по особым поручениям МИД Казахстана Талгат Калиев, российскую — "
        "директор Департамента азиатско-тихоокеанского сотрудничества МИД России Алексей Овчинников.",
    ],
)
def test_officials_titled_with_their_ministry_in_full_are_created_with_their_country(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.CONSULTATIONS
    created = {person.country.code: person for person in Person.objects.filter(needs_review=True)}
    assert set(created) == {"KZ", "RU"}
    assert created["KZ"].name == "Talgat Kaliyev" and created["RU"].name.endswith("Ovchinnikov")
    assert people_of(meeting) == {created["KZ"].slug, created["RU"].slug}


def test_an_envoy_invited_to_the_ministry_told_place_first_in_russian_is_a_demarche():
    import_text(
        " date 2020-12-12\nАСТАНА, 12 декабря. В Министерство иностранных дел РК был приглашен временный поверенный в "
        "делах Российской Федерации Александр Комаров. В ходе встречи заместитель министра иностранных дел Марат "
        "Сыздыков выразил недоумение высказываниями российского депутата."
    )
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.DEMARCHE
    chargé = Person.objects.get(name__endswith="Komarov")
    assert people_of(meeting) == {"marat-syzdykov", chargé.slug}


@pytest.mark.parametrize(
    "text",
    [
        " date 2012-12-29\nASTANA, December 29. Chinese Foreign Minister Yang Jiechi sent his Kazakh colleague Yerlan "
        "Idrissov a telegram of condolences over the plane crash. The presidents of Russia and Kyrgyzstan had already "
        "sent theirs.",
        " date 2012-12-29\nАСТАНА, 29 декабря. Министр иностранных дел Китая Ян Цзечи направил казахстанскому коллеге "
        "Ерлану Идрисову телеграмму соболезнования в связи с крушением самолета. Президенты России и Киргизии уже "
        "выразили соболезнования.",
    ],
)
def test_a_message_from_a_third_countrys_minister_is_no_contact_though_russia_is_named(text):
    result = import_text(text)
    assert not result.created and not Meeting.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Official site\n\nHome \\ Statements and speeches \\\n\n"
        "Foreign Minister Sergey Lavrov's remarks at a joint news conference after talks with Foreign Minister of "
        "Kazakhstan Y.A.Idrissov, Moscow, January 25, 2013\n\n"
        "Ladies and gentlemen, my colleague and I have just finished our talks, which were useful.",
        "Распечатать\nОценить статью\nПоделиться\n\nС.В.Лавров\n\n"
        "Выступление и ответы на вопросы СМИ Министра иностранных дел России С.В.Лаврова в ходе совместной "
        "пресс-конференции по итогам переговоров с Министром иностранных дел Казахстана Е.А.Идрисовым, Москва, "
        "25 января 2013 года\n\n"
        "Уважаемые дамы и господа, мы с коллегой только что завершили переговоры, они были полезными.",
    ],
    ids=["en", "ru"],
)
def test_a_transcript_reprinted_below_a_pages_menus_is_dated_and_placed_by_its_title_line(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.date == datetime.date(2013, 1, 25)
    assert meeting.place.slug == "moscow"
    assert people_of(meeting) == {"sergey-lavrov", "yerlan-idrissov"}
    names = set(meeting.participants.values_list("name_as_written", flat=True))
    assert names & {"Y.A.Idrissov", "Е.А.Идрисов"}  # initials as written, the surname in the nominative


@pytest.mark.parametrize(
    "text",
    [
        "date 2022-10-05\nKazakh Foreign Ministry to summon Russian ambassador Borodavkin\n\nASTANA, October "
        "5. Russian Ambassador Alexei Borodavkin will be summoned to the Kazakh Foreign Ministry today, the "
        "ministry spokesman said.",
        "date 2022-10-05\nМИД Казахстана вызовет посла России Бородавкина для разговора\n\nАСТАНА, 5 октября. "
        "Сегодня посол России Алексей Бородавкин будет вызван в МИД Казахстана, сообщил официальный "
        "представитель министерства.",
    ],
)
def test_an_envoy_the_ministry_will_summon_is_a_planned_demarche(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.DEMARCHE
    assert meeting.stage == Meeting.Stage.PLANNED
    assert people_of(meeting) == {"alexey-borodavkin"}


@pytest.mark.parametrize(
    "text",
    [
        (
            "ASTANA, October 6, 2022. Russian Ambassador Alexey Borodavkin was summoned to the Kazakh Foreign "
            "Ministry for a serious conversation about a statement by the Russian ministry's spokeswoman. Earlier, "
            "Kazakh Ambassador to Russia Yermek Kosherbayev had been summoned to the Russian Foreign Ministry."
        ),
        (
            "АСТАНА, 6 октября 2022. Посол России Алексей Бородавкин был вызван в МИД Казахстана на серьезный "
            "разговор о заявлении официального представителя российского МИД. Ранее посла Казахстана в России "
            "Ермека Кошербаева вызвали в МИД России."
        ),
    ],
    ids=["en", "ru"],
)
def test_two_envoys_summoned_by_the_other_side_are_two_summons(text):
    """A summons is of one envoy: the other country's ambassador summoned in turn is a summons of its own."""
    import_text(text)
    summons = Meeting.objects.filter(kind=Meeting.Kind.DEMARCHE)
    assert sorted(tuple(people_of(meeting)) for meeting in summons) == [("alexey-borodavkin",), ("yermek-kosherbayev",)]


@pytest.mark.parametrize(
    "text",
    [
        (
            "ASTANA, October 6, 2022. The Kazakh Foreign Ministry gave details of its conversation with Russian "
            "Ambassador Alexey Borodavkin. “The ambassador was summoned to the ministry for a serious conversation "
            "about the spokeswoman's statement,” the press service said."
        ),
        (
            "АСТАНА, 6 октября 2022. В МИД Казахстана рассказали о разговоре с послом России Алексеем Бородавкиным. "
            "«Посол был вызван в министерство на серьезный разговор о заявлении официального представителя», – "
            "сообщили в пресс-службе."
        ),
    ],
    ids=["en", "ru"],
)
def test_the_ambassador_named_before_and_then_summoned_by_his_title_is_a_summons(text):
    import_text(text)
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.DEMARCHE
    assert people_of(meeting) == {"alexey-borodavkin"}
