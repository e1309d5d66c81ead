"""JSON dumps that round-trip, imports safe to run at the same time, and arbitrary input that breaks nothing."""

import os
import shutil
import string
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from devtools.synthetic import generate
from events.ingest import Importer
from events.models import Agreement, Evidence, Forum, Meeting, Participant, Source
from people.models import Person
from tests.ingest_helpers import OWN, SEEDS, import_files

FUZZ = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def snapshot():
    return {
        "meetings": Meeting.objects.count(),
        "participants": Participant.objects.count(),
        "sources": Source.objects.count(),
        "evidence": Evidence.objects.count(),
        "agreements": Agreement.objects.count(),
        "forums": Forum.objects.count(),
        "people": Person.objects.count(),
        "sample": sorted(
            (m.date.isoformat(), m.title, m.place_id, tuple(sorted(m.topics.names())))
            for m in Meeting.objects.prefetch_related("topics")
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_a_json_dump_loads_back_whole_on_either_database(tmp_path):
    call_command("load_reference", verbosity=0)
    import_files(*sorted(SEEDS.glob("*.txt")))
    meeting = Meeting.objects.get(date="2025-04-10")
    meeting.status = Meeting.Status.REVIEWED
    meeting.save()
    before = snapshot()
    dump = tmp_path / "moving.json"
    call_command("dump_json", str(dump), verbosity=0)
    Meeting.objects.all().delete()
    Source.objects.all().delete()
    call_command("load_json", str(dump), yes=True, verbosity=0)
    assert snapshot() == before
    assert Meeting.objects.get(date="2025-04-10").status == Meeting.Status.REVIEWED


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers are a PostgreSQL matter")
def test_two_imports_of_overlapping_articles_at_once_create_no_duplicates(tmp_path):
    call_command("load_reference", verbosity=0)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, first)
        shutil.copy(path, second)
    shutil.copy(OWN / "phone_call_2022.txt", second)
    # The same contacts told by two outlets, one folder each, imported in the same order: the processes race.
    corpus = [a for a in generate(60, seed=3) if a.date is not None]
    for n, article in enumerate(corpus):
        (first / f"g{n:03}.txt").write_text(article.text)
        retold = article.text.replace("They also exchanged views", "The ministers also exchanged views")
        (second / f"g{n:03}.txt").write_text(retold)
    expected = len({(a.date, a.people, a.kind == "phone_call") for a in corpus})
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "import_articles", str(folder)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for folder in (first, second)
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, out.decode() + err.decode()
    assert Source.objects.count() == 6 + 2 * len(corpus)
    assert Meeting.objects.count() == 6 + expected  # the seeds' five and the phone call, each once; and the corpus
    assert Meeting.objects.get(date="2025-04-10").sources.count() == 2


QUERY_KEYS = st.sampled_from(
    ["q", "person", "year", "date_from", "date_to", "kind", "country", "place", "organization", "topic",
     "has_agreement", "sort", "page", "bom", "zzz"]
)  # fmt: skip
QUERY_VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["2024", "-1", "99999", "2024-02-30", "sergey-lavrov", "talks", "KZ", "yes", "-date", "1e9", "'"]),
)
ADDRESSES = ["/meetings/", "/meetings.csv", "/participations.csv", "/meetings.json", "/meetings.ndjson",
             "/meetings.ics", "/people/sergey-lavrov/", "/people.csv", "/agreements.json", "/forums.csv"]  # fmt: skip


@FUZZ
@given(params=st.lists(st.tuples(QUERY_KEYS, QUERY_VALUES), max_size=6), address=st.sampled_from(ADDRESSES))
def test_any_query_string_on_any_public_address_is_answered_without_an_error(client, reference, params, address):
    response = client.get(address, data=[(k, v.replace("\x00", "")) for k, v in params] if params else None)
    assert response.status_code in (200, 302, 400, 404), (address, params)
    if response.status_code == 302:  # to the tidy address (no empty field, a person by slug), which stays put
        assert client.get(response["Location"]).status_code in (200, 400, 404), (address, params)
    if response.status_code == 404:  # only a page that does not exist
        assert "page" in dict(params) and "No page" in response.content.decode(), (address, params)
    if response.streaming:
        b"".join(response.streaming_content)


WORDS = st.sampled_from(
    ["Lavrov", "Sergey Lavrov", "Nurtleu", "met", "talks", "visit", "in", "Astana", "Moscow", "on", "April 10",
     "yesterday", "phone", "the", "CIS", "16th Forum of Interregional Cooperation", "signed", "plan", "for",
     "2023-2024", "Kazakh Foreign Minister", "Earlier,", ".", "MOSCOW, April 10 /TASS/.", "\n\n", "«", "»"]
)  # fmt: skip


@FUZZ
@given(text=st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join)))
def test_any_text_given_to_the_importer_imports_wholly_or_not_at_all(reference, text):
    for candidate in (text, " date 2024-04-11 " + text):
        before = Meeting.objects.count(), Source.objects.count()
        result = Importer().import_text(candidate)
        assert result.status in {"created", "merged", "unchanged", "skipped", "failed"}
        if result.status == "failed":
            assert (Meeting.objects.count(), Source.objects.count()) == before
        else:
            assert Source.objects.count() >= before[1]
    assert not Meeting.objects.filter(sources__isnull=True).exists()  # no meeting without its source


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_given_to_the_importer_fail_cleanly_or_import(reference, data):
    result = Importer().import_bytes(data, filename="fuzz.txt")
    assert result.status in {"created", "merged", "unchanged", "skipped", "failed"}
    assert "\n" not in result.message and result.message.strip()


def test_printable_noise_never_becomes_a_meeting(reference):
    noise = " date 2024-04-11 " + string.printable * 3
    assert Importer().import_text(noise).status in {"skipped", "failed"}
