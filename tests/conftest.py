import pytest
from django.core.cache import cache
from django.core.management import call_command

from people.models import Country


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file, not memory.

    Django hands the one connection to an in-memory database to the live server's threads too, and its documentation
    warns that queries made through it from two threads at once can fail at random. A browser sends requests side by
    side, and a browser test once stopped for good in the middle of a page. With a file, every thread has a
    connection of its own.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The reference data is read-only for tests; load it once, each test runs in a rolled-back transaction.
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached facets must not leak between tests (rolled-back tests reuse ids)."""
    cache.clear()


@pytest.fixture(autouse=True)
def kept_exports(settings, tmp_path):
    """Each test keeps its whole-CSV exports in a folder of its own, never in the project's."""
    settings.DIPLOTRACK_KEPT_EXPORTS = str(tmp_path / "kept-exports")
    return tmp_path / "kept-exports"


@pytest.fixture
def reference(db):
    """The reference data (countries, people, places, organizations), as `make run` loads it.

    Browser tests commit and flush the database; the next test that needs the data loads it again.
    """
    if not Country.objects.exists():
        call_command("load_reference", verbosity=0)


@pytest.fixture
def editor(reference, client):
    """A member of the Editors group, logged in on ``client``."""
    from django.contrib.auth.models import Group, User

    call_command("create_editors_group", verbosity=0)
    user = User.objects.create_user("editor", "editor@example.org", "a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user
