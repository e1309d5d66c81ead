"""A row of a meeting list, drawn in Python: the lists, the person pages and the place pages draw dozens of them, and
the template of a row cost more than all of a page's queries together (the same reason the charts' bars are drawn
in events/site/charts.py)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.templatetags.languages import lang_attr

register = template.Library()

UNREVIEWED = ' · <span class="badge" title="Extracted automatically, not yet reviewed">unreviewed</span>'


@register.simple_tag
def meeting_row(meeting):
    """The <li> of ``meeting`` (loaded with ``with_list_data``): date, title, kind, place, direction, review badge,
    the participants with their country, and why it matched a search."""
    if meeting.date:
        when = format_html('<time datetime="{}">{}</time>', meeting.date.isoformat(), meeting.date_display)
    else:
        when = mark_safe('<span class="date-unknown">date unknown</span>')
    meta = [format_html("{}", meeting.kind_label)]
    if meeting.stage == "planned":
        meta.append(mark_safe(' · <span class="badge">planned</span>'))
    place = meeting.place_display
    if place:
        meta.append(format_html(" · {}", place))
    direction = meeting.direction
    if direction:
        meta.append(format_html(' · <span class="direction">{}</span>', direction))
    if meeting.status == "unreviewed":
        meta.append(mark_safe(UNREVIEWED))
    people = list(meeting.participants.all())
    who = ""
    if people:
        who = format_html('<span class="people">{}</span>', mark_safe(", ".join(map(_participant, people))))
    why = ""
    matched = getattr(meeting, "why_matched", None)
    if matched:
        why = format_html('<span class="why">{}<mark>{}</mark>{}</span>', *matched)
    return format_html(
        '<li class="meeting-row">\n  {}\n  <div class="what">\n    <a href="{}"{}>{}</a>\n'
        '    <span class="meta">{}</span>\n    {}\n    {}\n  </div>\n</li>',
        when,
        meeting.get_absolute_url(),
        lang_attr(meeting.title),
        meeting.title,
        mark_safe("".join(meta)),
        who,
        why,
    )


def _participant(participant):
    person = participant.person
    if person is None:
        return format_html("{}", participant.name_as_written)
    link = format_html('<a href="{}">{}</a>', person.get_absolute_url(), person.name)
    country = person.country
    if country is None:
        return link
    return format_html('{} <abbr title="{}">{}</abbr>', link, country.name, country.code)
