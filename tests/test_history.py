"""The compiled record (fixtures/history/): checked against the reference data, loaded idempotently, never
overridden by an import, and its editors' changes kept across reloads."""

import datetime
import textwrap

import pytest
from django.core.management import CommandError, call_command

from events import history
from events.models import Basis, Meeting
from people.models import Position
from tests.ingest_helpers import import_text, people_of

pytestmark = pytest.mark.usefixtures("reference")

RECORD = """\
# Test record
- key: 2023-04-11-lavrov-nurtleu-moscow
  title: Talks of Lavrov and Nurtleu in Moscow
  date: 2023-04-11
  kind: official_visit
  stage: held
  place: Moscow
  country: RU
  participants: [sergey-lavrov, murat-nurtleu]
  note: First visit of the new minister.
  sources:
    - url: https://example.org/news/1
      outlet: Example News
      published: 2023-04-11
      language: en
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "2023.yaml").write_text(RECORD, encoding="utf-8")
    return tmp_path


def test_the_compiled_record_in_the_repository_passes_its_check():
    assert history.check() == []
    assert len(history.read_records()) > 0


def test_a_record_loads_as_a_compiled_meeting_with_its_sources(folder):
    result = history.load(folder)
    assert result.created == 1
    meeting = Meeting.objects.get()
    assert meeting.origin == Meeting.Origin.COMPILED
    assert meeting.date_basis == Basis.COMPILED
    assert meeting.status == Meeting.Status.REVIEWED
    assert people_of(meeting) == {"sergey-lavrov", "murat-nurtleu"}
    assert meeting.sources.get().url == "https://example.org/news/1"


def test_loading_again_changes_nothing_and_an_edited_line_updates_its_meeting(folder):
    history.load(folder)
    assert history.load(folder).unchanged == 1
    (folder / "2023.yaml").write_text(RECORD.replace("2023-04-11\n  kind", "2023-04-12\n  kind"), encoding="utf-8")
    result = history.load(folder)
    assert result.updated == 1 and Meeting.objects.count() == 1
    assert Meeting.objects.get().date == datetime.date(2023, 4, 12)


def test_an_editors_change_survives_a_reload(folder):
    history.load(folder)
    meeting = Meeting.objects.get()
    meeting.title = "Nurtleu in Moscow (edited)"
    meeting.save()
    (folder / "2023.yaml").write_text(RECORD.replace("in Moscow\n", "in the Russian capital\n"), encoding="utf-8")
    history.load(folder)
    assert Meeting.objects.get().title == "Nurtleu in Moscow (edited)"


def test_an_article_about_a_recorded_contact_merges_without_overriding_it(folder):
    history.load(folder)
    result = import_text(
        "MOSCOW, April 11, 2023. Russian Foreign Minister Sergey Lavrov held talks with Kazakh Foreign Minister "
        "Murat Nurtleu in Sochi on Tuesday, and they discussed trade."
    )
    assert result.status == "merged"
    meeting = Meeting.objects.get()
    assert meeting.place.name == "Moscow"  # the compiled place, not the article's
    assert meeting.kind == Meeting.Kind.OFFICIAL_VISIT
    assert meeting.sources.count() == 2


def test_the_check_names_file_and_line_of_a_broken_record(folder):
    broken = RECORD + textwrap.dedent("""\
        - key: 2024-01-01-ghost
          title: A contact of nobody
          date: 2024-13-01
          kind: talks
          participants: [sergey-lavrov]
          sources:
            - {url: not-an-address, outlet: "", language: de}
        """)
    (folder / "2023.yaml").write_text(broken, encoding="utf-8")
    problems = history.check(folder)
    assert any(p.startswith("2023.yaml:16:") and "not a date" in p for p in problems), problems
    with pytest.raises(CommandError, match="2023.yaml:16"):
        call_command("check_history", folder=str(folder))


def test_the_check_refuses_someone_out_of_office_and_one_side_only(folder):
    (folder / "2023.yaml").write_text(RECORD.replace("murat-nurtleu", "kairat-abdrakhmanov"), encoding="utf-8")
    (problem,) = history.check(folder)
    assert "kairat-abdrakhmanov" in problem and "no office" in problem


def test_a_wrong_record_loads_nothing(folder):
    (folder / "2023.yaml").write_text(RECORD.replace("kind: official_visit", "kind: picnic"), encoding="utf-8")
    with pytest.raises(CommandError, match="picnic"):
        call_command("load_history", folder=str(folder))
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("end", "last"), [("2019", "2019-12-31"), ("2019-02", "2019-02-28"), ("2019-02-10", "2019-02-10")]
)
def test_a_tenure_ending_in_a_year_or_month_lasts_to_its_end(tmp_path, end, last):
    officials = tmp_path / "officials.yaml"
    officials.write_text(
        textwrap.dedent(f"""\
            - slug: test-envoy
              name: Test Envoy
              country: KZ
              positions:
                - title: Ambassador of Kazakhstan to Russia
                  office: ambassador
                  start: 2018
                  end: "{end}"
                  source: https://example.org/decree
            """),
        encoding="utf-8",
    )
    history.load_officials(officials)
    position = Position.objects.get(person__slug="test-envoy")
    assert position.start == datetime.date(2018, 1, 1)
    assert position.end == datetime.date.fromisoformat(last)
    assert history.Checker().check_people(["test-envoy", "sergey-lavrov"], position.end, position.end) == []
