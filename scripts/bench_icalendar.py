#!/usr/bin/env python3
"""The Python side of scripts/bench_ics.sh: the same events as Sources/kasane-bench, written with
PyPI icalendar.

usage: bench_icalendar.py [COUNT] [--out DIR]
prints two lines like kasane-bench: a feed of COUNT events in one VCALENDAR, then COUNT REQUEST
calendars of one event each, with the milliseconds each took.
"""
import datetime, os, sys, time
from zoneinfo import ZoneInfo
from icalendar import Calendar, Event, Timezone, TimezoneStandard, vCalAddress

TOKYO = ZoneInfo("Asia/Tokyo")
ORGANIZER = ("重層的支援 事務局", "jimukyoku@city.example.jp")
ATTENDEES = [
    ("相談支援包括化推進員", "chair@npo.example.jp", "CHAIR"),
    ("地域包括支援センター 北", "kita@houkatsu.example.jp", "REQ-PARTICIPANT"),
    ("障害者相談支援事業所", "soudan@shogai.example.jp", "REQ-PARTICIPANT"),
    ("社会福祉協議会", "csw@shakyo.example.jp", "OPT-PARTICIPANT"),
]
STAMP = datetime.datetime(2026, 4, 1, tzinfo=datetime.timezone.utc)


def timezone():
    tz = Timezone()
    tz.add("TZID", "Asia/Tokyo")
    std = TimezoneStandard()
    std.add("DTSTART", datetime.datetime(1970, 1, 1))
    std.add("TZOFFSETFROM", datetime.timedelta(hours=9))
    std.add("TZOFFSETTO", datetime.timedelta(hours=9))
    std.add("TZNAME", "JST")
    tz.add_component(std)
    return tz


def event(i):
    ev = Event()
    start = datetime.datetime(2026, 4, 1, 9, 0, tzinfo=TOKYO) + datetime.timedelta(days=i % 365, minutes=(i % 16) * 30)
    ev.add("UID", f"kasane-bench-{i}@kasane.example.jp")
    ev.add("SEQUENCE", i % 5)
    ev.add("DTSTAMP", STAMP)
    ev.add("DTSTART", start)
    ev.add("DTEND", start + datetime.timedelta(minutes=30))
    ev.add("SUMMARY", f"重層的支援会議 R08-{i} 複合課題の検討")
    ev.add("DESCRIPTION", f"重層的支援会議（定例）\nケース番号: R08-{i}\n検討事項: 複合課題\n議題:\n・支援の方向性\n・役割分担")
    ev.add("LOCATION", "市役所 本庁舎 3階 第1会議室")
    ev.add("URL", f"https://meet.example.jp/r/{i}")
    ev.add("STATUS", "CONFIRMED")
    ev.add("CLASS", "CONFIDENTIAL")
    organizer = vCalAddress("mailto:" + ORGANIZER[1])
    organizer.params["CN"] = ORGANIZER[0]
    ev.add("ORGANIZER", organizer)
    for name, mailbox, role in ATTENDEES:
        a = vCalAddress("mailto:" + mailbox)
        a.params["CN"] = name
        a.params["CUTYPE"] = "INDIVIDUAL"
        a.params["ROLE"] = role
        a.params["PARTSTAT"] = "NEEDS-ACTION"
        a.params["RSVP"] = "TRUE"
        ev.add("ATTENDEE", a)
    return ev


def calendar(method=None, name=None):
    cal = Calendar()
    cal.add("PRODID", "-//Kasane//Kasane//JA")
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    if method:
        cal.add("METHOD", method)
    if name:
        cal.add("NAME", name)
        cal.add("X-WR-CALNAME", name)
        cal.add("X-WR-TIMEZONE", "Asia/Tokyo")
        cal.add("REFRESH-INTERVAL", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
        cal.add("X-PUBLISHED-TTL", "PT1H")
    cal.add_component(timezone())
    return cal


def main():
    args = sys.argv[1:]
    count = int(args[0]) if args and args[0].isdigit() else 10_000
    out = args[args.index("--out") + 1] if "--out" in args else None

    t0 = time.perf_counter()
    feed = calendar(name="地域包括支援センター 北 — 重層的支援会議")
    for i in range(count):
        feed.add_component(event(i))
    feed_bytes = feed.to_ical()
    feed_ms = (time.perf_counter() - t0) * 1000

    t0 = time.perf_counter()
    invitations = []
    for i in range(count):
        cal = calendar(method="REQUEST")
        cal.add_component(event(i))
        invitations.append(cal.to_ical())
    invitation_ms = (time.perf_counter() - t0) * 1000

    print(f"python-icalendar feed: {count} events in one VCALENDAR: {feed_ms:.1f} ms ({len(feed_bytes)} bytes)")
    print(f"python-icalendar invitations: {count} REQUEST files of one event: {invitation_ms:.1f} ms "
          f"({sum(len(b) for b in invitations)} bytes)")
    if out:
        with open(os.path.join(out, "feed.ics"), "wb") as f:
            f.write(feed_bytes)
        with open(os.path.join(out, "invitation-0.ics"), "wb") as f:
            f.write(invitations[0])


if __name__ == "__main__":
    main()
