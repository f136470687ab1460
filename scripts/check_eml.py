#!/usr/bin/env python3
"""Independent oracle: read an iMIP message (RFC 6047) with Python's email package.

usage: check_eml.py FILE.eml
prints one JSON object: the decoded headers (from, to as [name, address]; subject; date as ISO
8601; message_id), the top-level content type, and every part with its content type, method
and charset parameters, transfer encoding and decoded text; for text/calendar parts also the
METHOD line of the calendar. Parts are the leaves of the MIME tree, in order (an
`invite.ics` attachment of a multipart/mixed message comes last, with its file name). Fails (exit 1) when the message has defects.
"""
import email, email.policy, email.utils, json, sys

with open(sys.argv[1], "rb") as f:
    raw = f.read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
defects = [str(d) for part in msg.walk() for d in part.defects]
if defects:
    raise SystemExit(f"defects: {defects}")


def address(header):
    (one,) = msg[header].addresses
    return [one.display_name, one.addr_spec]


parts = []
for part in msg.walk():
    if part.is_multipart():
        continue
    text = part.get_content()
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    entry = {
        "content_type": part.get_content_type(),
        "method": part.get_param("method"),
        "charset": part.get_param("charset"),
        "encoding": part["Content-Transfer-Encoding"],
        "text": text,
        "filename": part.get_filename(),
    }
    if part.get_content_type() in ("text/calendar", "application/ics"):
        methods = [line[len("METHOD:"):] for line in text.split("\r\n") if line.startswith("METHOD:")]
        entry["calendar_method"] = methods[0] if len(methods) == 1 else None
    parts.append(entry)

print(json.dumps({
    "from": address("From"),
    "to": address("To"),
    "subject": str(msg["Subject"]),
    "date": email.utils.parsedate_to_datetime(str(msg["Date"])).isoformat(),
    "message_id": str(msg["Message-ID"]),
    "mime_version": str(msg["MIME-Version"]),
    "content_type": msg.get_content_type(),
    "header_names": list(msg.keys()),
    "parts": parts,
}, ensure_ascii=False, sort_keys=True))
