#!/usr/bin/env python3
"""Independent oracles: read an iCalendar file with three PyPI parsers.

usage: check_ics.py FILE.ics
prints one JSON object {"icalendar": CAL, "vobject": CAL, "ical": CAL} where each CAL is
{"method", "name", "events": [EVENT...]} and each EVENT is normalized the same way Kasane's
libical reader in Tests/KasaneCalendarTests does it:
  uid, sequence (0 when absent), dtstart/dtend (ISO 8601 with the zone offset, e.g.
  2026-04-08T14:00:00+09:00), status (null when absent), summary, description, location, url,
  organizer ("mailto:…"), attendees [{address, role, partstat, cutype, rsvp, cn}],
  alarms [{action, trigger, description}] (#14.7; trigger as an RFC 5545 duration, e.g. -P1D,
  -PT1H; RELATED is not compared: `ical` does not expose it, the tests read it in the bytes).
A parser that refuses the file makes the script fail (exit 1) with its error.
`ical` (the strict parser) is skipped with "ical": null only when it is not installed.
"""
import datetime, json, re, sys


def iso(value):
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        raise SystemExit(f"not a zoned date-time: {value!r}")
    return value.isoformat()


def mailto(value):
    text = str(value)
    return "mailto:" + text[7:] if text.lower().startswith("mailto:") else text


def duration(value):
    """An RFC 5545 duration (-P1D, -PT1H, P1DT2H30M) from a timedelta, as libical writes it."""
    if not isinstance(value, datetime.timedelta):
        raise SystemExit(f"not a relative trigger: {value!r}")
    sign = "-" if value < datetime.timedelta(0) else ""
    value = abs(value)
    days, seconds = value.days, value.seconds
    text = sign + "P" + (f"{days}D" if days else "")
    if seconds or not days:
        h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
        text += "T" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s or not (h or m) else "")
    return text


def text_or_none(value):
    return None if value is None else str(value)


def rfc6868(value):
    """Decodes ^^, ^' and ^n in a parameter value (for vobject, which predates RFC 6868)."""
    if value is None:
        return None
    return re.sub(r"\^([\^'n])", lambda m: {"^": "^", "'": '"', "n": "\n"}[m.group(1)], value)


# MARK: - icalendar (lenient)

def read_icalendar(data):
    import icalendar
    cal = icalendar.Calendar.from_ical(data)

    def param(prop, name):
        v = prop.params.get(name)
        return None if v is None else str(v)

    events = []
    for ev in cal.walk("VEVENT"):
        attendees = ev.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            "uid": str(ev["UID"]),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "dtstart": iso(ev["DTSTART"].dt),
            "dtend": iso(ev["DTEND"].dt),
            "status": text_or_none(ev.get("STATUS")),
            "summary": text_or_none(ev.get("SUMMARY")),
            "description": text_or_none(ev.get("DESCRIPTION")),
            "location": text_or_none(ev.get("LOCATION")),
            "url": text_or_none(ev.get("URL")),
            "organizer": mailto(ev["ORGANIZER"]) if "ORGANIZER" in ev else None,
            "attendees": [{
                "address": mailto(a), "role": param(a, "ROLE"), "partstat": param(a, "PARTSTAT"),
                "cutype": param(a, "CUTYPE"), "rsvp": (param(a, "RSVP") or "FALSE").upper() == "TRUE",
                "cn": param(a, "CN"),
            } for a in attendees],
            "alarms": [{
                "action": text_or_none(al.get("ACTION")), "trigger": duration(al["TRIGGER"].dt),
                "description": text_or_none(al.get("DESCRIPTION")),
            } for al in ev.subcomponents if al.name == "VALARM"],
        })
    # icalendar 7 reads RFC 7986 NAME as an unknown property (raw text): unescape it as TEXT.
    name = cal.get("NAME")
    if name is not None:
        name = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1),
                      name.to_ical().decode("utf-8"))
    return {"method": text_or_none(cal.get("METHOD")), "name": name, "events": events}


# MARK: - vobject (rejects missing UID/DTSTAMP)

def read_vobject(data):
    import vobject
    cal = vobject.readOne(data.decode("utf-8"), validate=True)

    def value(ev, name):
        c = ev.contents.get(name)
        return None if not c else c[0].value

    def param(line, name):
        v = line.params.get(name)
        return None if not v else v[0]

    events = []
    for ev in cal.contents.get("vevent", []):
        events.append({
            "uid": value(ev, "uid"),
            "sequence": int(value(ev, "sequence") or 0),
            "dtstart": iso(value(ev, "dtstart")),
            "dtend": iso(value(ev, "dtend")),
            "status": value(ev, "status"),
            "summary": value(ev, "summary"),
            "description": value(ev, "description"),
            "location": value(ev, "location"),
            "url": value(ev, "url"),
            "organizer": mailto(value(ev, "organizer")) if value(ev, "organizer") else None,
            "attendees": [{
                "address": mailto(a.value), "role": param(a, "ROLE"), "partstat": param(a, "PARTSTAT"),
                "cutype": param(a, "CUTYPE"), "rsvp": (param(a, "RSVP") or "FALSE").upper() == "TRUE",
                "cn": rfc6868(param(a, "CN")),
            } for a in ev.contents.get("attendee", [])],
            "alarms": [{
                "action": value(al, "action"), "trigger": duration(value(al, "trigger")),
                "description": value(al, "description"),
            } for al in ev.contents.get("valarm", [])],
        })
    return {"method": value(cal, "method"), "name": value(cal, "name"), "events": events}


# MARK: - ical (strict: unknown TZIDs, bad values)

def read_ical(data):
    try:
        from ical.calendar_stream import IcsCalendarStream
    except ImportError:
        return None
    cal = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))

    def enum(v):
        return None if v is None else str(getattr(v, "value", v))

    events = []
    for ev in cal.events:
        events.append({
            "uid": ev.uid,
            "sequence": int(ev.sequence or 0),
            "dtstart": iso(ev.dtstart),
            "dtend": iso(ev.dtend),
            "status": enum(ev.status),
            "summary": ev.summary,
            "description": ev.description,
            "location": ev.location,
            "url": ev.url,
            "organizer": mailto(ev.organizer.uri) if ev.organizer else None,
            "attendees": [{
                "address": mailto(a.uri), "role": enum(a.role), "partstat": enum(a.status),
                "cutype": enum(a.user_type), "rsvp": bool(a.rsvp), "cn": a.common_name,
            } for a in ev.attendees],
            "alarms": [{
                "action": enum(al.action), "trigger": duration(al.trigger), "description": al.description,
            } for al in ev.alarm],
        })
    name = cal.name[0] if isinstance(cal.name, list) and cal.name else cal.name
    return {"method": cal.method, "name": name or None, "events": events}


def main():
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    result = {}
    for name, reader in [("icalendar", read_icalendar), ("vobject", read_vobject), ("ical", read_ical)]:
        try:
            result[name] = reader(data)
        except SystemExit:
            raise
        except Exception as error:  # a parser refusing the file is the finding
            raise SystemExit(f"{name} refused {sys.argv[1]}: {type(error).__name__}: {error}")
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
