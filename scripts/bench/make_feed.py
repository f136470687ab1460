#!/usr/bin/env python3
"""Writes a benchmark feed: one agency's calendar of N (default 500) VEVENTs, as Kasane would
serve it (CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character).

usage: make_feed.py OUT.ics [N] [RADICALE_COLLECTION_DIR]
With RADICALE_COLLECTION_DIR, also writes each event as its own .ics file there (how Radicale's
filesystem storage keeps a calendar) plus the collection's .Radicale.props.
"""
import datetime, json, os, sys

HEAD = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kasane//Feeds//JA", "CALSCALE:GREGORIAN",
        "NAME:かさね市 重層的支援体制整備事業 (bench)", "X-WR-CALNAME:かさね市 重層的支援体制整備事業 (bench)",
        "X-WR-TIMEZONE:Asia/Tokyo", "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"]


def fold(line):
    out, cur, limit = [], b"", 75
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > limit:
            out.append(cur)
            cur, limit = b" ", 75
        cur += b
    out.append(cur)
    return b"\r\n".join(out) + b"\r\n"


def event(i):
    start = datetime.datetime(2026, 4, 1, 0, 30) + datetime.timedelta(days=i // 4, hours=(i % 4) * 2)
    end = start + datetime.timedelta(minutes=50)
    f = "%Y%m%dT%H%M%SZ"
    return [
        "BEGIN:VEVENT",
        f"UID:kasane-bench-{i:04d}@kasane.example.jp",
        "DTSTAMP:20261126T000000Z",
        f"SEQUENCE:{i % 3}",
        f"DTSTART:{start.strftime(f)}",
        f"DTEND:{end.strftime(f)}",
        f"SUMMARY:重層的支援会議 第{i + 1}回 個別ケース検討 (ケース番号 K-2026-{i:04d})",
        "DESCRIPTION:議題: 支援プランの確認、役割分担、次回までのモニタリング項目。"
        "本人同意に基づき共有される範囲の情報のみ記載します。",
        "LOCATION:かさね市役所 本庁舎 3階 第2会議室",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ]


def main():
    out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 500
    body = b"".join(fold(l) for l in HEAD)
    for i in range(n):
        body += b"".join(fold(l) for l in event(i))
    body += fold("END:VCALENDAR")
    with open(out, "wb") as fh:
        fh.write(body)
    if len(sys.argv) > 3:
        coll = sys.argv[3]
        os.makedirs(coll, exist_ok=True)
        with open(os.path.join(coll, ".Radicale.props"), "w") as fh:
            json.dump({"tag": "VCALENDAR", "D:displayname": "bench"}, fh)
        for i in range(n):
            item = b"".join(fold(l) for l in HEAD[:3]) + b"".join(fold(l) for l in event(i)) + fold("END:VCALENDAR")
            with open(os.path.join(coll, f"kasane-bench-{i:04d}.ics"), "wb") as fh:
                fh.write(item)
    print(f"{out}: {n} events, {len(body)} bytes")


main()
