"""The meetings as an iCalendar feed (RFC 5545), for readers' calendars."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting


def meetings_calendar(request):
    calendar = Calendar()
    calendar.add("prodid", "-//KP Tracker//Kimberley Process meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kimberley Process meetings")
    stamp = timezone.now()
    for meeting in Meeting.objects.published().filter(starts_on__isnull=False):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@kp-tracker")
        event.add("dtstamp", stamp)
        event.add("summary", f"Kimberley Process {meeting}")
        event.add("dtstart", meeting.starts_on)
        # All-day events end the day after their last day.
        event.add("dtend", (meeting.ends_on or meeting.starts_on) + datetime.timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kp-meetings.ics"'
    return response
