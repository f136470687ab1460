#!/usr/bin/env python3
"""Independent oracle: expand a series file with PyPI recurring-ical-events.

usage: expand_series.py FILE.ics FROM THROUGH   (dates YYYY-MM-DD, inclusive)
prints the occurrence dates (Asia/Tokyo), one per line, sorted.
"""
import datetime, sys
import icalendar, recurring_ical_events

path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
with open(path, "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
a = datetime.date.fromisoformat(start)
b = datetime.date.fromisoformat(end) + datetime.timedelta(days=1)
dates = set()
for ev in recurring_ical_events.of(cal).between(a, b):
    d = ev["DTSTART"].dt
    dates.add(d.date() if isinstance(d, datetime.datetime) else d)
for d in sorted(dates):
    print(d.isoformat())
