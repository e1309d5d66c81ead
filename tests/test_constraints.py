import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.dates import Precision
from events.models import Agreement, Evidence, Meeting, Participant
from tests.factories import (
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    PositionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def assert_rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_meeting_cannot_end_before_it_starts():
    assert_rejected(lambda: MeetingFactory(date=datetime.date(2021, 4, 8), end_date=datetime.date(2021, 4, 7)))


def test_meeting_may_end_on_a_later_day():
    meeting = MeetingFactory(date=datetime.date(2021, 4, 8), end_date=datetime.date(2021, 4, 9))
    assert meeting.date_display == "8 April 2021 – 9 April 2021"


def test_position_cannot_end_before_it_starts():
    assert_rejected(lambda: PositionFactory(start=datetime.date(2020, 1, 1), end=datetime.date(2019, 1, 1)))


def test_agreement_period_cannot_end_before_it_starts():
    assert_rejected(lambda: Agreement.objects.create(title="Plan", period_start=2024, period_end=2023))


def test_a_person_takes_part_in_a_meeting_once():
    participant = ParticipantFactory()
    assert_rejected(lambda: Participant.objects.create(meeting=participant.meeting, person=participant.person))


def test_an_unresolved_name_may_stand_in_for_a_person():
    meeting = MeetingFactory()
    Participant.objects.create(meeting=meeting, name_as_written="Ivan Unknown")
    assert_rejected(lambda: Participant.objects.create(meeting=meeting, name_as_written="Ivan Unknown"))
    assert_rejected(lambda: Participant.objects.create(meeting=meeting))


def test_a_source_is_stored_once_per_content_hash():
    source = SourceFactory()
    assert_rejected(lambda: SourceFactory(content_hash=source.content_hash))


def test_evidence_offsets_must_be_ordered():
    meeting = MeetingFactory()
    source = SourceFactory()
    assert_rejected(
        lambda: Evidence.objects.create(content_object=meeting, field="date", source=source, quote="x", start=5, end=2)
    )


def test_meeting_validation_explains_a_precision_that_does_not_fit_the_date():
    meeting = MeetingFactory.build(date=datetime.date(2024, 4, 10), date_precision=Precision.YEAR)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean(exclude=["place", "slug"])
    assert "date_precision" in error.value.message_dict


@pytest.mark.parametrize(
    ("day", "precision", "shown"),
    [
        (datetime.date(2024, 1, 1), Precision.YEAR, "2024"),
        (datetime.date(2024, 4, 1), Precision.MONTH, "April 2024"),
        (datetime.date(2024, 4, 10), Precision.DAY, "10 April 2024"),
    ],
)
def test_partial_dates_are_shown_at_their_precision(day, precision, shown):
    assert MeetingFactory.build(date=day, date_precision=precision).date_display == shown


def test_public_meetings_exclude_drafts():
    shown = MeetingFactory(status=Meeting.Status.UNREVIEWED)
    MeetingFactory(status=Meeting.Status.DRAFT)
    assert list(Meeting.objects.public()) == [shown]


def test_involving_requires_every_person_given():
    a, b = PersonFactory(), PersonFactory()
    both = MeetingFactory()
    ParticipantFactory(meeting=both, person=a)
    ParticipantFactory(meeting=both, person=b)
    only_a = MeetingFactory()
    ParticipantFactory(meeting=only_a, person=a)
    assert set(Meeting.objects.involving(a)) == {both, only_a}
    assert list(Meeting.objects.involving(a, b)) == [both]


def test_in_period_bounds_are_inclusive():
    inside = MeetingFactory(date=datetime.date(2021, 4, 8))
    MeetingFactory(date=datetime.date(2021, 4, 9))
    assert list(Meeting.objects.in_period(datetime.date(2021, 4, 1), datetime.date(2021, 4, 8))) == [inside]
