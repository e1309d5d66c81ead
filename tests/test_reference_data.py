import datetime

import pytest
from django.core.management import call_command

from events.models import Organization, Place, PlaceName
from people.models import Country, Person, PersonName, Position

MODELS = [Country, Person, PersonName, Position, Place, PlaceName, Organization]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_loading_reference_data_twice_leaves_the_same_row_counts():
    call_command("load_reference", verbosity=0)
    first = counts()
    call_command("load_reference", verbosity=0)
    assert counts() == first
    assert first["Person"] >= 20 and first["Place"] >= 40 and first["Country"] >= 20


def test_reference_covers_every_foreign_minister_of_both_countries(reference):
    kz, ru = Country.objects.get(code="KZ"), Country.objects.get(code="RU")
    ministers = {
        country.code: set(
            Position.objects.filter(office=Position.Office.FOREIGN_MINISTER, country=country).values_list(
                "person__name", flat=True
            )
        )
        for country in (kz, ru)
    }
    assert {"Andrei Kozyrev", "Yevgeny Primakov", "Igor Ivanov", "Sergey Lavrov"} <= ministers["RU"]
    assert {"Kassym-Jomart Tokayev", "Yerlan Idrissov", "Mukhtar Tleuberdi", "Murat Nurtleu"} <= ministers["KZ"]
    # Every day since 1992 has a foreign minister on record for both countries.
    day = datetime.date(1992, 1, 1)
    while day < datetime.date(2026, 1, 1):
        for country in (kz, ru):
            assert Person.objects.holding(Position.Office.FOREIGN_MINISTER, country, day).exists(), (country, day)
        day += datetime.timedelta(days=91)


@pytest.mark.parametrize(
    ("country", "day", "expected"),
    [
        ("KZ", datetime.date(2021, 4, 8), "Mukhtar Tleuberdi"),
        ("KZ", datetime.date(2025, 4, 10), "Murat Nurtleu"),
        ("KZ", datetime.date(2019, 10, 9), "Mukhtar Tleuberdi"),
        ("KZ", datetime.date(2014, 6, 1), "Yerlan Idrissov"),
        ("RU", datetime.date(2004, 6, 1), "Sergey Lavrov"),
        ("RU", datetime.date(2021, 4, 8), "Sergey Lavrov"),
        ("RU", datetime.date(2025, 4, 10), "Sergey Lavrov"),
        ("RU", datetime.date(2000, 1, 1), "Igor Ivanov"),
    ],
)
def test_foreign_minister_on_a_date(reference, country, day, expected):
    holders = Person.objects.holding(Position.Office.FOREIGN_MINISTER, Country.objects.get(code=country), day)
    assert list(holders.values_list("name", flat=True)) == [expected]


def test_tleuberdi_title_changes_from_foreign_minister_to_deputy_prime_minister(reference):
    tleuberdi = Person.objects.get(slug="mukhtar-tleuberdi")
    assert tleuberdi.position_on(datetime.date(2019, 10, 9)).title == "Foreign Minister of Kazakhstan"
    assert tleuberdi.position_on(datetime.date(2021, 4, 8)).title.startswith("Deputy Prime Minister")
    assert tleuberdi.position_on(datetime.date(2024, 1, 1)) is None


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Sergei Lavrov", "sergey-lavrov"),
        ("SERGEY LAVROV", "sergey-lavrov"),
        ("Лавров", "sergey-lavrov"),
        ("Murat Nurtleau", "murat-nurtleu"),
        ("Murat Nurtléu", "murat-nurtleu"),
        ("Mukhtar Tileuberdi", "mukhtar-tleuberdi"),
        ("Kassym-Zhomart Tokayev", "kassym-jomart-tokayev"),
        ("Kassym Jomart Tokayev", "kassym-jomart-tokayev"),
    ],
)
def test_person_is_found_by_any_alias_ignoring_case_and_accents(reference, written, slug):
    assert list(Person.objects.named(written).values_list("slug", flat=True)) == [slug]


def test_unknown_name_finds_nobody(reference):
    assert not Person.objects.named("Ivan Nobody").exists()


@pytest.mark.parametrize(
    ("written", "day", "slug"),
    [
        ("Nur-Sultan", datetime.date(2019, 10, 9), "astana"),
        ("Akmola", datetime.date(1995, 1, 1), "astana"),
        ("Tselinograd", datetime.date(1980, 1, 1), "astana"),
        ("Astana", datetime.date(2023, 1, 1), "astana"),
        ("Alma-Ata", datetime.date(1991, 12, 21), "almaty"),
        ("Leningrad", datetime.date(1985, 1, 1), "saint-petersburg"),
    ],
)
def test_place_is_found_by_a_name_valid_on_the_date(reference, written, day, slug):
    assert list(Place.objects.named(written, on=day).values_list("slug", flat=True)) == [slug]


def test_former_place_name_is_not_valid_outside_its_dates(reference):
    assert not Place.objects.named("Nur-Sultan", on=datetime.date(2015, 1, 1)).exists()
    assert not Place.objects.named("Nur-Sultan", on=datetime.date(2023, 1, 1)).exists()
    assert Place.objects.named("Nur-Sultan").exists()


def test_former_place_name_is_displayed_with_the_current_one(reference):
    astana = Place.objects.get(slug="astana")
    assert astana.display_as("Nur-Sultan") == "Nur-Sultan (now Astana)"
    assert astana.display_as("Astana") == "Astana"
    assert astana.display_as("") == "Astana"


def test_organizations_know_their_members(reference):
    cis = Organization.objects.get(acronym="CIS")
    assert {"KZ", "RU"} <= set(cis.members.values_list("code", flat=True))
    assert Organization.objects.filter(acronym__in=["EAEU", "CSTO", "SCO", "UN", "OSCE", "CICA", "BRICS"]).count() == 7
