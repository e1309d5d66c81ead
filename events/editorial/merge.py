"""Merge duplicate meetings: everything the duplicates hold moves onto the survivor, whose address they redirect to."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from events import search
from events.models import Agreement, Evidence, Meeting, MeetingRedirect, Participant


@transaction.atomic
def merge_meetings(survivor, duplicates):
    meeting_type = ContentType.objects.get_for_model(Meeting)
    participant_type = ContentType.objects.get_for_model(Participant)
    for duplicate in duplicates:
        if duplicate.pk == survivor.pk:
            continue
        kept = {p.person_id: p for p in survivor.participants.all() if p.person_id}
        for participant in duplicate.participants.all():
            twin = kept.get(participant.person_id) if participant.person_id else None
            if twin is None:
                participant.meeting = survivor
                participant.save(update_fields=["meeting"])
                continue
            Evidence.objects.filter(content_type=participant_type, object_id=participant.pk).update(object_id=twin.pk)
            if not twin.title and participant.title:
                twin.title = participant.title
                twin.save(update_fields=["title"])
            participant.delete()
        Evidence.objects.filter(content_type=meeting_type, object_id=duplicate.pk).update(object_id=survivor.pk)
        survivor.sources.add(*duplicate.sources.all())
        survivor.organizations.add(*duplicate.organizations.all())
        survivor.forums_discussed.add(*duplicate.forums_discussed.all())
        survivor.agreements_discussed.add(*duplicate.agreements_discussed.all())
        survivor.topics.add(*duplicate.topics.names())
        Agreement.objects.filter(meeting=duplicate).update(meeting=survivor)
        Meeting.objects.filter(parent=duplicate).exclude(pk=survivor.pk).update(parent=survivor)
        survivor.regions = list(dict.fromkeys([*survivor.regions, *duplicate.regions]))
        if survivor.place_id is None and duplicate.place_id:
            survivor.place_id, survivor.place_as_written = duplicate.place_id, duplicate.place_as_written
        MeetingRedirect.objects.filter(meeting=duplicate).update(meeting=survivor)
        MeetingRedirect.objects.create(old_id=duplicate.pk, meeting=survivor)
        duplicate.delete()
    survivor.save()
    search.refresh([survivor.pk])  # the duplicates' texts went with them
    return survivor
