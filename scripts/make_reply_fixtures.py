#!/usr/bin/env python3
"""Writes the reply fixtures of the CLI tests (issue 14): replies to the invitations of the
fixture workspace (`Workspace.loadFixture()`: items R8-1#4, R8-2#1, R8-4#3 of
city.kasane.example.jp), shaped as four clients send them, made with PyPI icalendar and Python's
email package.

usage: make_reply_fixtures.py [DIR]   (default Tests/KasaneCLITests/Fixtures/replies)

  outlook-accepted.eml       Outlook: REPLY without ORGANIZER, multipart/alternative,
                             text/calendar quoted-printable
  gmail-declined.eml         Gmail: multipart/mixed, the calendar inline (base64) in a
                             multipart/alternative with HTML, and attached again as invite.ics
  apple-tentative.eml        Apple Calendar: multipart/mixed, text/plain and the calendar as a
                             base64 attachment (iCal-*.ics)
  thunderbird-delegated.eml  Thunderbird: multipart/mixed, text/calendar 8bit inline and
                             invite.ics attached; DELEGATED to a colleague of the same agency
  counter.eml                a COUNTER proposing another time (Thunderbird shape)
  delegated-other-agency.eml DELEGATED to someone of another agency
  accepted.ics               a bare REPLY file (no mail)
  refused-*.eml / .ics       one per refusal (see the names)
Deterministic: fixed DTSTAMPs, boundaries and Message-IDs. No personal data: staff mailboxes of
the demo registry and case numbers only.
"""
import os, sys
from datetime import datetime, timezone
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email import charset as email_charset
from email.generator import BytesGenerator
import io

import icalendar

DOMAIN = "city.kasane.example.jp"
STAMP = datetime(2026, 11, 27, 1, 30, 0, tzinfo=timezone.utc)
PEOPLE = {
    "p-city-1": "n.higa@city.kasane.example.jp",
    "p-city-2": "r.miyagi@city.kasane.example.jp",
    "p-shakyo-1": "m.kinjo@shakyo.kasane.example.jp",
    "p-shakyo-2": "s.tamaki@shakyo.kasane.example.jp",
    "p-houkatsu-1": "m.arakaki@houkatsu.kasane.example.jp",
    "p-kenko-1": "h.teruya@city.kasane.example.jp",
    "p-kodomo-1": "s.uehara@city.kasane.example.jp",
}
ORGANIZER = "jusou@city.kasane.example.jp"


def uid(key):
    return "kasane-%s@%s" % (key.replace("#", "-"), DOMAIN)


def calendar(method, key, who, partstat, sequence=0, organizer=True, delegated_to=None, prodid="-//Test//EN",
             uid_value=None, proposal=None, attendees=None):
    cal = icalendar.Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("method", method)
    ev = icalendar.Event()
    ev.add("uid", uid_value or uid(key))
    ev.add("sequence", sequence)
    ev.add("dtstamp", STAMP)
    if organizer:
        ev.add("organizer", icalendar.vCalAddress("mailto:" + ORGANIZER))
    for mailbox in attendees or [PEOPLE[who]]:
        a = icalendar.vCalAddress("mailto:" + mailbox)
        if partstat:
            a.params["PARTSTAT"] = icalendar.vText(partstat)
        if delegated_to:
            a.params["DELEGATED-TO"] = icalendar.vText("mailto:" + delegated_to)
        ev.add("attendee", a, encode=0)
    if proposal:
        ev.add("dtstart", proposal[0])
        ev.add("dtend", proposal[1])
    ev.add("summary", "Re: 重層的支援会議 %s" % key.split("#")[0])
    cal.add_component(ev)
    return cal.to_ical()


def headers(msg, sender, n, subject="Re: 重層的支援会議のご案内"):
    msg["From"] = "<%s>" % sender
    msg["To"] = "<%s>" % ORGANIZER
    msg["Subject"] = subject
    msg["Date"] = "Fri, 27 Nov 2026 10:30:00 +0900"
    msg["Message-ID"] = "<reply-%d@client.example>" % n


def calendar_part(ics, encoding, method="REPLY", attachment=None, mime="text/calendar"):
    main, sub = mime.split("/")
    part = MIMEBase(main, sub)
    part.set_param("method", method) if mime == "text/calendar" else None
    part.set_param("charset", "utf-8")
    if attachment:
        part.set_param("name", attachment)
        part.add_header("Content-Disposition", "attachment", filename=attachment)
    part.set_payload(ics)
    if encoding == "base64":
        from email import encoders
        encoders.encode_base64(part)
    elif encoding == "quoted-printable":
        from email import encoders
        encoders.encode_quopri(part)
    else:
        part["Content-Transfer-Encoding"] = encoding
        part.set_payload(ics.decode("ascii", "surrogateescape"))
    return part


def text(body):
    return MIMEText(body, "plain", "utf-8")


def write(folder, name, msg):
    out = io.BytesIO()
    BytesGenerator(out, policy=msg.policy.clone(linesep="\r\n")).flatten(msg)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(out.getvalue())


def fixed(msg, boundary):
    msg.set_boundary(boundary)
    return msg


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "Tests", "KasaneCLITests", "Fixtures", "replies")
    os.makedirs(folder, exist_ok=True)

    # Outlook: no ORGANIZER, multipart/alternative, quoted-printable calendar.
    m = fixed(MIMEMultipart("alternative"), "outlook-1")
    headers(m, PEOPLE["p-houkatsu-1"], 1, "承諾: 重層的支援会議のご案内")
    m.attach(text("承諾しました。\n"))
    m.attach(calendar_part(calendar("REPLY", "R8-1#4", "p-houkatsu-1", "ACCEPTED", organizer=False,
                                    prodid="-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"), "quoted-printable"))
    write(folder, "outlook-accepted.eml", m)

    # Gmail: multipart/mixed > alternative (plain, html, calendar base64) + invite.ics attached.
    ics = calendar("REPLY", "R8-2#1", "p-shakyo-1", "DECLINED", prodid="-//Google Inc//Google Calendar 70.9054//EN")
    m = fixed(MIMEMultipart("mixed"), "gmail-mixed")
    headers(m, PEOPLE["p-shakyo-1"], 2, "辞退: 重層的支援会議のご案内")
    alt = fixed(MIMEMultipart("alternative"), "gmail-alt")
    alt.attach(text("欠席します。\n"))
    alt.attach(MIMEText("<p>欠席します。</p>", "html", "utf-8"))
    alt.attach(calendar_part(ics, "base64"))
    m.attach(alt)
    m.attach(calendar_part(ics, "base64", attachment="invite.ics", mime="application/ics"))
    write(folder, "gmail-declined.eml", m)

    # Apple Calendar: multipart/mixed, text + calendar attachment (7bit).
    m = fixed(MIMEMultipart("mixed"), "apple-mixed")
    headers(m, PEOPLE["p-kenko-1"], 3, "仮承諾: 重層的支援会議")
    m.attach(text("未定です。\n"))
    m.attach(calendar_part(calendar("REPLY", "R8-4#3", "p-kenko-1", "TENTATIVE",
                                    prodid="-//Apple Inc.//macOS 15.1//EN"), "base64", attachment="iCal-20261127-103000.ics"))
    write(folder, "apple-tentative.eml", m)

    # Thunderbird: text/calendar 8bit inline + invite.ics; DELEGATED to a colleague (same agency).
    ics = calendar("REPLY", "R8-1#4", "p-city-1", "DELEGATED", delegated_to=PEOPLE["p-city-2"],
                   prodid="-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN")
    m = fixed(MIMEMultipart("mixed"), "tb-mixed")
    headers(m, PEOPLE["p-city-1"], 4)
    m.attach(text("代理の者が出席します。\n"))
    m.attach(calendar_part(ics, "8bit"))
    m.attach(calendar_part(ics, "base64", attachment="invite.ics", mime="application/ics"))
    write(folder, "thunderbird-delegated.eml", m)

    # COUNTER (a proposal; never applied).
    m = fixed(MIMEMultipart("mixed"), "counter")
    headers(m, PEOPLE["p-shakyo-2"], 5)
    m.attach(text("別の時間を提案します。\n"))
    m.attach(calendar_part(calendar("COUNTER", "R8-4#3", "p-shakyo-2", "TENTATIVE",
                                    proposal=(datetime(2026, 12, 10, 5, 0, tzinfo=timezone.utc),
                                              datetime(2026, 12, 10, 5, 30, tzinfo=timezone.utc))), "8bit",
                           method="COUNTER"))
    write(folder, "counter.eml", m)

    # DELEGATED to someone of another agency: kept, no deputy (R15).
    m = fixed(MIMEMultipart("alternative"), "deleg-other")
    headers(m, PEOPLE["p-houkatsu-1"], 6)
    m.attach(text("代理を立てます。\n"))
    m.attach(calendar_part(calendar("REPLY", "R8-1#4", "p-houkatsu-1", "DELEGATED",
                                    delegated_to=PEOPLE["p-kodomo-1"]), "8bit"))
    write(folder, "delegated-other-agency.eml", m)

    # A bare REPLY file.
    with open(os.path.join(folder, "accepted.ics"), "wb") as f:
        f.write(calendar("REPLY", "R8-4#3", "p-shakyo-2", "ACCEPTED"))

    # Refusals.
    def refused(name, sender, ics, method="REPLY"):
        m = fixed(MIMEMultipart("alternative"), "ref-" + name)
        headers(m, sender, 100 + len(name))
        m.attach(text("返信\n"))
        m.attach(calendar_part(ics, "8bit", method=method))
        write(folder, "refused-%s.eml" % name, m)

    refused("unknown-sender", "someone@elsewhere.example",
            calendar("REPLY", "R8-1#4", "p-houkatsu-1", "ACCEPTED"))
    refused("other-municipality", PEOPLE["p-houkatsu-1"],
            calendar("REPLY", "R8-1#4", "p-houkatsu-1", "ACCEPTED", uid_value="kasane-R8-1-4@city.other.example.jp"))
    refused("for-someone-else", PEOPLE["p-shakyo-2"],
            calendar("REPLY", "R8-1#4", "p-shakyo-1", "DECLINED"))
    refused("not-invited", PEOPLE["p-kodomo-1"],
            calendar("REPLY", "R8-1#4", "p-kodomo-1", "ACCEPTED"))
    refused("unknown-item", PEOPLE["p-houkatsu-1"],
            calendar("REPLY", "R8-9#1", "p-houkatsu-1", "ACCEPTED"))
    refused("two-attendees", PEOPLE["p-shakyo-1"],
            calendar("REPLY", "R8-1#4", "p-shakyo-1", "ACCEPTED", attendees=[PEOPLE["p-shakyo-1"], PEOPLE["p-shakyo-2"]]))
    refused("request", PEOPLE["p-shakyo-1"],
            calendar("REQUEST", "R8-1#4", "p-shakyo-1", "ACCEPTED"), method="REQUEST")
    refused("bad-partstat", PEOPLE["p-shakyo-1"],
            calendar("REPLY", "R8-1#4", "p-shakyo-1", "MAYBE"))
    m = fixed(MIMEMultipart("alternative"), "ref-nocal")
    headers(m, PEOPLE["p-shakyo-1"], 200)
    m.attach(text("出席します。\n"))
    write(folder, "refused-no-calendar.eml", m)
    good = calendar("REPLY", "R8-1#4", "p-shakyo-1", "ACCEPTED")
    with open(os.path.join(folder, "refused-not-utf8.ics"), "wb") as f:
        f.write(good.replace(b"SUMMARY:", b"SUMMARY:\xff\xfe"))
    with open(os.path.join(folder, "refused-control-character.ics"), "wb") as f:
        f.write(good.replace(b"SUMMARY:", b"SUMMARY:\x1b[31m"))
    with open(os.path.join(folder, "refused-long-line.ics"), "wb") as f:
        f.write(good.replace(b"SUMMARY:", b"SUMMARY:" + b"\r\n ".join([b"a" * 70] * 200)))
    with open(os.path.join(folder, "refused-too-large.eml"), "wb") as f:
        f.write(b"From: <m.kinjo@shakyo.kasane.example.jp>\r\nSubject: big\r\n\r\n" + b"x" * (1024 * 1024 + 10))


if __name__ == "__main__":
    main()
