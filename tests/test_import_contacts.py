"""Which contact a sentence reports, who took part and where: receptions and councils with their speakers, talks on
the sidelines, several contacts in one report, names with initials and page furniture. Texts written for these
tests in the styles of agency wires, ministry releases, transcripts and reprint sites, in both languages."""

import datetime

import pytest

from events.models import Meeting, Source
from tests.ingest_helpers import import_text, people_of

pytestmark = pytest.mark.usefixtures("reference")

LAVROV, NURTLEU, TLEUBERDI = "sergey-lavrov", "murat-nurtleu", "mukhtar-tleuberdi"
IDRISSOV, ABDRAKHMANOV, KOSHERBAYEV = "yerlan-idrissov", "kairat-abdrakhmanov", "yermek-kosherbayev"


def only_meeting():
    assert Meeting.objects.count() == 1, list(Meeting.objects.all())
    return Meeting.objects.get()


# --- page furniture and datelines ---------------------------------------------------------------------------------


def test_a_timestamp_line_right_above_the_dateline_dates_the_article_and_the_dateline_still_counts():
    import_text(
        "Minister receives ambassador\n\n"
        "3 March 2018, 11:20\n"
        "ASTANA. KAZINFORM Foreign Minister of Kazakhstan Kairat Abdrakhmanov received Ambassador of Russia to "
        "Kazakhstan Alexey Borodavkin.\n\n"
        "The sides discussed the preparations for the interregional forum."
    )
    source = Source.objects.get()
    assert source.published == datetime.date(2018, 3, 3)
    assert source.outlet == "Kazinform"
    meeting = only_meeting()
    assert meeting.date == datetime.date(2018, 3, 3)
    # The dateline has no date of its own; the host received the guest that day, so the contact was there.
    assert meeting.place.slug == "astana"
    assert people_of(meeting) == {ABDRAKHMANOV, "alexey-borodavkin"}


def test_a_russian_timestamp_line_right_above_the_dateline_is_read_as_such():
    import_text(
        "Глава МИД принял посла\n\n"
        "14.03.2018, 10:05\n"
        "АСТАНА, КАЗИНФОРМ – Министр иностранных дел Казахстана Кайрат Абдрахманов принял Чрезвычайного и "
        "Полномочного посла России Алексея Бородавкина.\n\n"
        "Стороны обсудили подготовку к форуму межрегионального сотрудничества."
    )
    assert Source.objects.get().published == datetime.date(2018, 3, 14)
    meeting = only_meeting()
    assert meeting.date == datetime.date(2018, 3, 14)
    assert people_of(meeting) == {ABDRAKHMANOV, "alexey-borodavkin"}


def test_a_dateline_naming_the_agency_without_slashes_is_a_dateline():
    import_text(
        " date 2019-02-12 Baku, February 11, AZERTAC Russian Foreign Minister Sergey Lavrov met with his Kazakh "
        "counterpart Beibut Atamkulov to discuss the Caspian convention."
    )
    meeting = only_meeting()
    assert Source.objects.get().outlet == "AZERTAC"
    assert meeting.date == datetime.date(2019, 2, 11)
    assert people_of(meeting) == {LAVROV, "beibut-atamkulov"}


# --- coming events in the sentence that reports the contact ----------------------------------------------------------


def test_a_summit_mentioned_as_coming_does_not_make_the_talks_multilateral_or_date_them():
    import_text(
        " date 2017-05-04 MOSCOW, May 4 /TASS/. “We expect the next summit of the Eurasian Economic Union to be held "
        "next year in Kazakhstan,” Russian Foreign Minister Sergey Lavrov told reporters after talks with Kazakh "
        "Foreign Minister Kairat Abdrakhmanov."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.TALKS
    assert meeting.date == datetime.date(2017, 5, 4)


def test_a_russian_summit_mentioned_as_coming_does_not_make_the_talks_multilateral():
    import_text(
        " date 2017-05-04 МОСКВА, 4 мая. /ТАСС/. Министр иностранных дел России Сергей Лавров провел переговоры с "
        "казахстанским коллегой Кайратом Абдрахмановым о саммите ЕАЭС, который пройдет в следующем году в Астане."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.TALKS
    assert meeting.date == datetime.date(2017, 5, 4)


def test_a_coming_visit_of_a_president_neither_places_the_talks_nor_adds_him():
    import_text(
        "Statement for the press of Sergey Lavrov, Foreign Minister of Russia, after his talks with Kazakh Foreign "
        "Minister Kairat Abdrakhmanov, Moscow, March 2, 2017\n\n"
        "It was my pleasure to welcome to Moscow my colleague Kairat Abdrakhmanov.\n\n"
        "We spent much of our time on preparing the forthcoming visit to Kazakhstan of the President of the Russian "
        "Federation, Vladimir Vladimirovich Putin. That the President will travel to Astana in the spring shows how "
        "much we value the alliance."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, ABDRAKHMANOV}
    assert meeting.place.slug == "moscow"
    assert meeting.date == datetime.date(2017, 3, 2)


# --- receptions, councils and their speakers ------------------------------------------------------------------------


def test_who_spoke_at_a_reception_took_part_in_it():
    import_text(
        " date 2018-06-14 ASTANA. KAZINFORM On June 12, 2018, a reception on the occasion of Russia Day was held in "
        "Astana.\n\n"
        "Addressing the guests, Ambassador of Russia to Kazakhstan Alexey Borodavkin spoke of the alliance between "
        "the two countries.\n\n"
        "In turn, Deputy Foreign Minister of Kazakhstan Yerzhan Ashikbayev noted the growth of trade."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.CEREMONY
    assert meeting.date == datetime.date(2018, 6, 12)
    assert meeting.place.slug == "astana"
    assert people_of(meeting) == {"alexey-borodavkin", "yerzhan-ashikbayev"}


def test_who_spoke_at_a_russian_reception_took_part_in_it():
    import_text(
        " date 2018-12-14 МОСКВА, 14 декабря. 12 декабря в Москве состоялся торжественный прием по случаю Дня "
        "независимости Казахстана.\n\n"
        "Выступая перед гостями, посол Казахстана в России Имангали Тасмагамбетов рассказал об итогах года.\n\n"
        "В свою очередь заместитель министра иностранных дел России Игорь Моргулов отметил рост товарооборота."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.CEREMONY
    assert meeting.date == datetime.date(2018, 12, 12)
    assert meeting.place.slug == "moscow"
    assert people_of(meeting) == {"imangali-tasmagambetov", "igor-morgulov"}


def test_a_conference_of_foreign_ministers_counts_the_ministers_who_spoke():
    import_text(
        "Caspian ministers meet\n\n"
        "A Conference of Foreign Ministers of the five littoral states opened in Baku on Tuesday, two months ahead "
        "of a summit scheduled for next summer in Tehran.\n\n"
        "Speaking at the first session, Russian Foreign Minister Sergey Lavrov urged the delegations to settle the "
        "remaining questions on fishing quotas.\n\n"
        "In turn, Foreign Minister of Kazakhstan Yerlan Idrissov spoke of new ferry lines across the sea."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.MULTILATERAL
    assert meeting.place.slug == "baku"
    assert people_of(meeting) == {LAVROV, IDRISSOV}


def test_a_president_welcomed_at_the_airport_by_the_foreign_ministry_is_a_contact():
    import_text(
        "Kazakh President arrives in Moscow\n\n"
        "Kassym-Jomart Tokayev, the head of state of Kazakhstan, arrived in Moscow on Wednesday for a two-day "
        "stay.\n\n"
        "At the airport Tokayev was met by Deputy Foreign Minister of Russia Andrey Rudenko and by the Kazakh "
        "envoy to Moscow, Ambassador Imangali Tasmagambetov."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {"kassym-jomart-tokayev", "andrey-rudenko", "imangali-tasmagambetov"}
    assert meeting.place.slug == "moscow"


# --- talks on the sidelines -----------------------------------------------------------------------------------------


def test_talks_on_the_sidelines_of_a_council_told_with_one_side_are_that_council():
    import_text(
        "CSTO ministers meet in Astana\n\n"
        "The CSTO Council of Foreign Ministers met in Astana on June 3 under Kazakhstan's chairmanship, with "
        "Foreign Minister Murat Nurtleu presiding.\n\n"
        "The ministers approved a statement on regional security.\n\n"
        "On the margins of the Council, Murat Nurtleu also met Russian Foreign Minister Sergey Lavrov for a "
        "bilateral conversation."
    )
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.MULTILATERAL
    assert people_of(meeting) == {NURTLEU, LAVROV}
    assert meeting.place.slug == "astana"
    assert "CSTO" in meeting.organizations.values_list("acronym", flat=True)


# --- several contacts in one report ---------------------------------------------------------------------------------


def test_other_people_the_same_day_make_another_contact_and_presidents_alone_none():
    import_text(
        " date 2017-04-07 Президент Казахстана Нурсултан Назарбаев сегодня, 7 апреля, провел встречу с руководством "
        "своего правительства.\n\n"
        "В тот же день министры иностранных дел Сергей Лавров и Кайрат Абдрахманов провели беседу о сирийском "
        "урегулировании.\n\n"
        "Позднее Президент России Владимир Путин провел телефонный разговор с Назарбаевым."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, ABDRAKHMANOV}
    assert meeting.date == datetime.date(2017, 4, 7)


def test_other_people_in_an_english_report_make_another_contact():
    import_text(
        " date 2017-04-07 ASTANA, April 7 (Xinhua) -- Russian Foreign Minister Sergey Lavrov spoke on the "
        "telephone with Kazakh Foreign Minister Kairat Abdrakhmanov on Friday.\n\n"
        "On the same day President Vladimir Putin of Russia spoke by phone with President Nursultan Nazarbayev of "
        "Kazakhstan."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, ABDRAKHMANOV}
    assert meeting.kind == Meeting.Kind.PHONE_CALL


# --- names and wording ------------------------------------------------------------------------------------------------


def test_names_with_initials_are_matched_like_full_names():
    import_text(
        "Выступление С.В.Лаврова перед журналистами после переговоров с главой МИД Казахстана "
        "К.К.Абдрахмановым (Москва, 17 мая 2018 года).\n\n"
        "Уважаемые дамы и господа, мы провели полезные переговоры."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, ABDRAKHMANOV}
    assert meeting.date == datetime.date(2018, 5, 17)
    assert meeting.place.slug == "moscow"  # from the transcript's dated parenthesis


def test_an_english_transcript_title_places_and_dates_the_talks():
    import_text(
        "Sergey Lavrov's statement to the media after his talks with Kazakh Foreign Minister Yermek Kosherbayev "
        "(Astana, November 10, 2025)\n\n"
        "Colleagues, we have had substantive talks."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, KOSHERBAYEV}
    assert meeting.date == datetime.date(2025, 11, 10)
    assert meeting.place.slug == "astana"


def test_deputy_ministers_exchanging_views_report_a_contact():
    import_text(
        "In Astana, Deputy Foreign Minister of Kazakhstan Roman Vassilenko and Deputy Foreign Minister of Russia "
        "Andrey Rudenko exchanged views on cooperation within the CICA."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {"roman-vassilenko", "andrey-rudenko"}
    assert meeting.place.slug == "astana"


def test_russian_deputy_ministers_exchanging_views_report_a_contact():
    import_text(
        "В Москве заместитель министра иностранных дел Казахстана Роман Василенко и заместитель министра "
        "иностранных дел России Андрей Руденко обменялись мнениями о сотрудничестве в рамках СВМДА."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {"roman-vassilenko", "andrey-rudenko"}
    assert meeting.place.slug == "moscow"


def test_the_heads_of_both_ministries_named_by_their_countries_took_part():
    import_text(
        " date 2022-03-15 Главы МИД Казахстана и России обсудили планы на год\n\n"
        "Глава российского МИД Сергей Лавров приехал с рабочим визитом в казахстанскую столицу."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {LAVROV, TLEUBERDI}
    assert meeting.kind == Meeting.Kind.WORKING_VISIT


@pytest.mark.parametrize(
    "text",
    [
        "Sergey Lavrov, the Russian foreign minister, wrapped up a visit to Kazakhstan on Friday. Before leaving "
        "Astana, Lavrov and Foreign Minister Marat Tazhin were received by President Nursultan Nazarbayev.",
        "Министр иностранных дел России Сергей Лавров завершил визит в Казахстан. Перед вылетом из Астаны "
        "Лаврова и министра иностранных дел Казахстана Марата Тажина принял президент Нурсултан Назарбаев.",
    ],
)
def test_the_city_a_minister_leaves_after_a_reception_is_where_it_was(text):
    import_text(text)
    meeting = only_meeting()
    assert {LAVROV, "marat-tazhin"} <= people_of(meeting)
    assert meeting.place.slug == "astana"


# --- what the ministers discussed, signed, and on which weekday -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Nurtleu was minister from April 2023 to September 2025; of those years, 11 April was a Tuesday in 2023.
        "MOSCOW, April 11. /TASS/. Russian Foreign Minister Sergey Lavrov and Kazakh Foreign Minister Murat "
        "Nurtleu held talks on Tuesday and agreed on a transport roadmap.",
        "МОСКВА, 11 апреля. /ТАСС/. Глава МИД России Сергей Лавров провел во вторник переговоры с "
        "главой МИД Казахстана Муратом Нуртлеу.",
    ],
)
def test_the_weekday_a_text_names_picks_the_year_of_a_dateline_without_one(text):
    import_text(text)
    assert only_meeting().date == datetime.date(2023, 4, 11)


@pytest.mark.parametrize(
    "text",
    [
        " date 2024-01-16 ASTANA. KAZINFORM – Kazakh Foreign Minister Murat Nurtleu held a phone conversation with "
        "Russian Foreign Minister Sergey Lavrov. The sides discussed the preparation of the visit of President "
        "Vladimir Putin to Kazakhstan.",
        " date 2024-01-16 АСТАНА. КАЗИНФОРМ – Министр иностранных дел Казахстана Мурат Нуртлеу провел телефонный "
        "разговор с министром иностранных дел России Сергеем Лавровым. Стороны обсудили подготовку к визиту "
        "Президента России Владимира Путина в Казахстан.",
    ],
)
def test_a_president_whose_visit_the_ministers_discussed_is_not_a_participant(text):
    import_text(text)
    meeting = only_meeting()
    assert people_of(meeting) == {NURTLEU, LAVROV}
    assert meeting.kind == Meeting.Kind.PHONE_CALL


@pytest.mark.parametrize(
    "text",
    [
        " date 2005-11-23 MOSCOW, November 22 (Itar-Tass) - Kazakh Foreign Minister Kassymzhomart Tokayev and his "
        "Russian counterpart Sergei Lavrov on Tuesday signed a plan of consultations between the foreign ministries "
        "for 2006-2007. The ministers also discussed preparations for the visit of the Russian President to Astana "
        "in January.",
        " date 2005-11-23 МОСКВА, 22 ноября. /ИТАР-ТАСС/. Министр иностранных дел Казахстана Касымжомарт Токаев и "
        "российский министр иностранных дел Сергей Лавров подписали во вторник план консультаций между "
        "министерствами иностранных дел на 2006-2007 годы.",
    ],
)
def test_ministers_signing_a_document_is_a_contact_and_a_visit_being_prepared_is_not(text):
    import_text(text)
    meeting = only_meeting()
    assert people_of(meeting) == {"kassym-jomart-tokayev", LAVROV}
    assert meeting.date == datetime.date(2005, 11, 22)


# --- pages as pasted, visits told over several days, announcements --------------------------------------------------


def test_a_byline_with_a_date_dates_the_article():
    import_text(
        "Kazakh FM, Russian Ambassador Discuss Agenda\n\n"
        "By Staff Report in Nation on 8 February 2024\n\n"
        "ASTANA – Kazakh Foreign Minister Murat Nurtleu met with Russian Ambassador Alexey Borodavkin on Feb. 7."
    )
    assert Source.objects.get().published == datetime.date(2024, 2, 8)
    assert only_meeting().date == datetime.date(2024, 2, 7)


def test_menus_counters_and_captions_of_a_pasted_page_are_left_out():
    import_text(
        "Главная / Новости / Политика\n"
        "Просмотров: 1234\n"
        "Лавров и Абдрахманов обсудили ситуацию в Сирии\n"
        "АСТАНА, 15 сен — Sputnik. Министр иностранных дел Казахстана Кайрат Абдрахманов и глава МИД России "
        "Сергей Лавров в пятницу провели переговоры в Астане.\n"
        "Фото: МИД РК\n"
        "Подписывайтесь на наш канал в Telegram"
    )
    source = Source.objects.get()
    assert source.title == "Лавров и Абдрахманов обсудили ситуацию в Сирии"
    assert source.outlet == "Sputnik"
    assert "Просмотров" not in source.text and "Telegram" not in source.text
    meeting = only_meeting()
    assert meeting.date == datetime.date(2017, 9, 15)  # the one Friday 15 September of Abdrakhmanov's term
    assert meeting.place.slug == "astana"


@pytest.mark.parametrize(
    "text",
    [
        " date 2022-12-08 MOSCOW, December 8 (Kazinform) - Kazakh Ambassador to Russia Dauren Abayev presented a copy "
        "of his credentials to Russian Deputy Foreign Minister Mikhail Galuzin.",
        " date 2022-12-08 МОСКВА, 8 декабря. /ТАСС/. Посол Казахстана в России Даурен Абаев вручил копии верительных "
        "грамот заместителю министра иностранных дел России Михаилу Галузину.",
    ],
)
def test_presenting_credentials_to_the_ministry_is_a_contact(text):
    import_text(text)
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.CEREMONY
    assert "mikhail-galuzin" in people_of(meeting) and len(people_of(meeting)) == 2


@pytest.mark.parametrize(
    "text",
    [
        " date 2024-05-21 ASTANA, May 21 /TASS/. Russian Foreign Minister Sergey Lavrov, who arrived in Astana on "
        "Monday on an official visit, held talks with his Kazakh counterpart Murat Nurtleu on Tuesday. Earlier on "
        "Monday, he was received by Kazakh President Kassym-Jomart Tokayev.",
        " date 2024-05-21 АСТАНА, 21 мая. /ТАСС/. Министр иностранных дел России Сергей Лавров, который прибыл в "
        "Астану в понедельник, во вторник провел переговоры с казахстанским коллегой Муратом Нуртлеу. В понедельник "
        "его принял Президент Казахстана Касым-Жомарт Токаев.",
    ],
)
def test_a_visit_told_over_two_days_gives_each_contact_its_day_and_he_is_the_guest(text):
    import_text(text)
    talks = Meeting.objects.get(date=datetime.date(2024, 5, 21))
    assert people_of(talks) == {LAVROV, NURTLEU}
    reception = Meeting.objects.get(date=datetime.date(2024, 5, 20))
    assert people_of(reception) == {LAVROV, "kassym-jomart-tokayev"}
    assert reception.place.slug == talks.place.slug == "astana"


def test_a_headline_announcing_talks_dates_them_ahead_and_stores_them_as_planned():
    import_text(
        " date 2023-04-10 Lavrov to hold talks with Kazakh counterpart in Moscow on Tuesday\n\n"
        "MOSCOW, April 10. /TASS/. Russian Foreign Minister Sergey Lavrov will hold talks with Kazakh Foreign "
        "Minister Murat Nurtleu in Moscow on April 11, the ministry said on Monday."
    )
    meeting = only_meeting()
    assert meeting.date == datetime.date(2023, 4, 11)
    assert meeting.stage == Meeting.Stage.PLANNED
    assert people_of(meeting) == {LAVROV, NURTLEU}


# --- offices the text states, recollections, clauses about something else -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        " date 2019-06-05 Kazakhstan's Ambassador to Russia Yermek Kosherbayev presented a copy of his credentials to "
        "Russian Deputy Foreign Minister Andrey Rudenko on June 4.",
        " date 2019-06-05 Посол Казахстана в России Ермек Кошербаев 4 июня вручил копию верительных грамот "
        "заместителю министра иностранных дел России Андрею Руденко.",
    ],
)
def test_an_office_the_text_states_counts_where_the_reference_data_has_none_that_day(text):
    # Neither man held a post on record in June 2019; the titles written before the names say what they were.
    import_text(text)
    meeting = only_meeting()
    assert people_of(meeting) == {KOSHERBAYEV, "andrey-rudenko"}
    assert meeting.date == datetime.date(2019, 6, 4)


def test_a_contact_recalled_as_last_month_is_dated_to_that_month():
    import_text(
        " date 2016-06-01 In an interview, Foreign Minister Yerlan Idrissov recalled that when he met Sergey Lavrov "
        "in Moscow last April, the two had agreed to step up cooperation."
    )
    meeting = only_meeting()
    assert (meeting.date, meeting.date_precision) == (datetime.date(2016, 4, 1), "month")
    assert meeting.place.slug == "moscow"


@pytest.mark.parametrize(
    "text",
    [
        " date 2008-03-20 ASTANA, March 19 (RIA Novosti) - Kazakh Foreign Minister Marat Tazhin and Russian Deputy "
        "Foreign Minister Grigory Karasin held talks in Astana on cooperation within the Shanghai Cooperation "
        "Organization, which Kazakhstan will chair next year.",
        " date 2008-03-20 АСТАНА, 19 марта. /РИА Новости/. Министр иностранных дел Казахстана Марат Тажин и "
        "заместитель министра иностранных дел России Григорий Карасин провели переговоры в Астане о работе ШОС, "
        "которую Казахстан будет возглавлять в следующем году.",
    ],
)
def test_a_clause_about_something_else_does_not_make_the_contact_planned(text):
    import_text(text)
    meeting = only_meeting()
    assert meeting.stage == Meeting.Stage.HELD
    assert meeting.date == datetime.date(2008, 3, 19)
    assert people_of(meeting) == {"marat-tazhin", "grigory-karasin"}


@pytest.mark.parametrize(
    "text",
    [
        " date 2023-09-27 Russia's Foreign Minister Sergey Lavrov and Kazakh Foreign Minister Murat Nurtleu went over "
        "by telephone the preparations for the forthcoming CIS summit, the ministry's website said.",
        " date 2023-09-27 Министр иностранных дел России Сергей Лавров и глава МИД Казахстана Мурат Нуртлеу по "
        "телефону обсудили подготовку к предстоящему саммиту СНГ, сообщили в министерстве.",
    ],
)
def test_the_future_of_what_is_being_prepared_does_not_make_the_contact_planned(text):
    import_text(text)
    meeting = only_meeting()
    assert (meeting.kind, meeting.stage) == (Meeting.Kind.PHONE_CALL, Meeting.Stage.HELD)
    assert people_of(meeting) == {"sergey-lavrov", "murat-nurtleu"}


@pytest.mark.parametrize(
    "text",
    [
        " date 2022-10-14 ASTANA, October 13 /TASS/. Russian President Vladimir Putin and Kazakh President "
        "Kassym-Jomart Tokayev held talks on the sidelines of the CICA summit. Foreign Ministers Sergey Lavrov and "
        "Mukhtar Tleuberdi took part in the talks.",
        " date 2022-10-14 АСТАНА, 13 октября. /ТАСС/. Президент России Владимир Путин и президент Казахстана "
        "Касым-Жомарт Токаев провели переговоры на полях саммита СВМДА. В переговорах приняли участие министры "
        "иностранных дел Сергей Лавров и Мухтар Тлеуберди.",
    ],
)
def test_ministers_who_took_part_in_the_presidents_talks_make_them_a_contact(text):
    import_text(text)
    meeting = only_meeting()
    assert meeting.kind == Meeting.Kind.TALKS
    assert people_of(meeting) == {"vladimir-putin", "kassym-jomart-tokayev", LAVROV, TLEUBERDI}
    assert meeting.date == datetime.date(2022, 10, 13)


# --- capitals, occasions shared, dates under the text, meetings of many as a topic ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        " date 2020-11-20 Kazakh Foreign Minister Mukhtar Tleuberdi received Russian Deputy Foreign Minister Andrey "
        "Rudenko, who is in the Kazakh capital for consultations.",
        " date 2020-11-20 Министр иностранных дел Казахстана Мухтар Тлеуберди принял в казахстанской столице "
        "заместителя министра иностранных дел России Андрея Руденко.",
    ],
)
def test_a_capital_named_by_its_country_is_that_capital(text):
    import_text(text)
    assert only_meeting().place.slug == "astana"


@pytest.mark.parametrize(
    "text",
    [
        " date 2012-11-13 PAVLODAR, November 12 (RIA Novosti) - Presidents Vladimir Putin of Russia and Nursultan "
        "Nazarbayev of Kazakhstan signed a joint action plan in Pavlodar on Monday. Foreign Ministers Sergey Lavrov "
        "and Yerzhan Kazykhanov held a separate meeting.",
        " date 2012-11-13 Президенты России и Казахстана Владимир Путин и Нурсултан Назарбаев подписали в Павлодаре "
        "план совместных действий. Министры иностранных дел Сергей Лавров и Ержан Казыханов провели отдельную "
        "встречу.",
    ],
)
def test_a_separate_meeting_on_the_same_occasion_takes_its_place(text):
    import_text(text)
    meeting = only_meeting()  # the presidents' signing alone is no foreign-ministry contact
    assert people_of(meeting) == {LAVROV, "yerzhan-kazykhanov"}
    assert meeting.place.slug == "pavlodar"


def test_a_date_printed_under_a_ministry_release_is_its_publication_date():
    import_text(
        "О переговорах Министра иностранных дел России С.В.Лаврова с Министром иностранных дел Казахстана "
        "Б.Б.Атамкуловым\n\n"
        "15 марта в Москве состоялись переговоры С.В.Лаврова с Б.Б.Атамкуловым.\n\n"
        "15 марта 2019 года"
    )
    assert Source.objects.get().published == datetime.date(2019, 3, 15)
    meeting = only_meeting()
    assert meeting.date == datetime.date(2019, 3, 15)
    assert meeting.place.slug == "moscow"


@pytest.mark.parametrize(
    "text",
    [
        " date 2009-06-05 ASTANA, June 4 (Itar-Tass) -- Kazakh Foreign Minister Marat Tazhin held talks with "
        "Russian Deputy Foreign Minister Grigory Karasin, who arrived in Astana for consultations on the CIS summit "
        "agenda.",
        " date 2009-06-05 АСТАНА, 4 июня. /ИТАР-ТАСС/. Министр иностранных дел Казахстана Марат Тажин провел "
        "переговоры с заместителем министра иностранных дел России Григорием Карасиным, прибывшим в Астану для "
        "консультаций по подготовке к саммиту СНГ.",
    ],
)
def test_a_summit_that_is_only_the_topic_does_not_make_the_talks_multilateral(text):
    import_text(text)
    meeting = only_meeting()
    assert meeting.kind != Meeting.Kind.MULTILATERAL
    assert people_of(meeting) == {"marat-tazhin", "grigory-karasin"}


@pytest.mark.parametrize(
    "text",
    [
        " date 2015-10-16 MOSCOW, October 16. /TASS/. Russian Foreign Minister Sergey Lavrov hopes to meet his "
        "Kazakh counterpart Yerlan Idrissov soon.",
        " date 2015-10-16 МОСКВА, 16 октября. /ТАСС/. Глава российского МИД Сергей Лавров надеется "
        "встретиться с казахстанским коллегой Ерланом Идрисовым в ближайшее время.",
    ],
)
def test_a_hope_to_meet_is_an_announcement(text):
    import_text(text)
    assert only_meeting().stage == Meeting.Stage.PLANNED


def test_the_visiting_counterpart_is_the_guest_and_a_titles_city_places_the_talks():
    import_text(
        "Sergey Lavrov answers the press after his talks with the Kazakh foreign minister Murat Nurtleu, Moscow, "
        "April 11, 2023\n\n"
        "The Russian minister Sergey Lavrov thanked his visiting Kazakh counterpart for a frank exchange."
    )
    meeting = only_meeting()
    assert meeting.place.slug == "moscow"
    assert meeting.country.code == "RU"


def test_a_countrys_top_diplomat_and_his_counterpart_are_the_ministers_of_the_day():
    import_text(
        " date 2021-08-18 Kazakhstan's top diplomat held phone talks with his Russian counterpart on Wednesday, the "
        "Kazakh Foreign Ministry said."
    )
    meeting = only_meeting()
    assert people_of(meeting) == {TLEUBERDI, LAVROV}
    assert meeting.kind == Meeting.Kind.PHONE_CALL
    assert meeting.date == datetime.date(2021, 8, 18)


def test_an_office_named_in_another_clause_does_not_make_a_president_a_diplomat():
    (result,) = [
        import_text(
            " date 2019-04-04 MOSCOW, April 3 /TASS/. Following the foreign minister's report, President Vladimir "
            "Putin received President Kassym-Jomart Tokayev in the Kremlin."
        )
    ]
    assert result.status == "skipped"
    assert Meeting.objects.count() == 0
