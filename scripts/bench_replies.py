#!/usr/bin/env python3
"""Benchmark (issue 14): `kasane replies import` of N reply files, beside parsing the same files
with PyPI icalendar (and Python's email package) in the same run. Not a test.

usage: bench_replies.py [COUNT [KASANE]] [--count N] [--kasane PATH] [--keep DIR]
  COUNT, --count N       replies to generate (default 10000)
  KASANE, --kasane PATH  the executable (default: $KASANE_BIN, else .build/release/kasane)
  --keep DIR             generate into DIR and leave it (default: a temporary folder, removed)

e.g. `scripts/bench_replies.py 10000 .build/release/kasane` (figures are for release; a debug
binary, `KASANE_BIN=$(swift build --show-bin-path)/kasane scripts/bench_replies.py 500`, checks
the script).

The workspace is the CLI tests' fixture (examples/registry.yaml and the cases of
Tests/KasaneCLITests/Support/Kasane.swift, today 2026-11-26), scheduled and invited, so every reply
answers a real invitation. The replies take the shapes of scripts/make_reply_fixtures.py (Outlook,
Gmail, Apple Calendar, Thunderbird, bare .ics), in turn, each with its own DTSTAMP and Message-ID
(no two alike: none is skipped as already read). They go into a Maildir (new/), which
`replies import` reads in one run: every calendar parsed in a child process with limits (#14.3),
all answers recorded in one transaction. Prints the two timings, files/s and ms/file, and how
many were applied, recorded only and refused (all must be read: none refused).
"""
import argparse, email, email.policy, os, re, shutil, subprocess, sys, tempfile, textwrap, time
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import icalendar  # noqa: E402
import make_reply_fixtures as fx  # noqa: E402
from email.mime.multipart import MIMEMultipart  # noqa: E402
from email.mime.text import MIMEText  # noqa: E402

# (item, person, PARTSTAT) that the fixture invited; the replies cycle through them.
ANSWERS = [
    ("R8-1#4", "p-houkatsu-1", "ACCEPTED"), ("R8-2#1", "p-shakyo-1", "DECLINED"),
    ("R8-4#3", "p-kenko-1", "TENTATIVE"), ("R8-1#4", "p-shakyo-1", "ACCEPTED"),
    ("R8-4#3", "p-shakyo-2", "ACCEPTED"), ("R8-2#1", "p-city-1", "TENTATIVE"),
]
SHAPES = ["outlook", "gmail", "apple", "thunderbird", "ics"]


def fixture_cases():
    source = open(os.path.join(ROOT, "Tests", "KasaneCLITests", "Support", "Kasane.swift"), encoding="utf-8").read()
    m = re.search(r'static let fixtureCases = """\n(.*?)\n\s*"""', source, re.S)
    if not m:
        sys.exit("bench_replies.py: cannot find the fixture cases in Tests/KasaneCLITests/Support/Kasane.swift")
    return textwrap.dedent(m.group(1)) + "\n"


def reply(n, folder):
    """Reply number n, in shape SHAPES[n % 5]; returns the file path."""
    key, who, partstat = ANSWERS[n % len(ANSWERS)]
    shape = SHAPES[n % len(SHAPES)]
    fx.STAMP = STAMP0 + timedelta(seconds=n)  # the module's calendar() reads it: one DTSTAMP per reply
    if shape == "ics":
        path = os.path.join(folder, "%06d.ics" % n)
        with open(path, "wb") as f:
            f.write(fx.calendar("REPLY", key, who, partstat))
        return path
    if shape == "outlook":
        m = MIMEMultipart("alternative")
        m.attach(fx.text("承諾しました。\n"))
        m.attach(fx.calendar_part(fx.calendar("REPLY", key, who, partstat, organizer=False,
                                              prodid="-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"),
                                  "quoted-printable"))
    elif shape == "gmail":
        ics = fx.calendar("REPLY", key, who, partstat, prodid="-//Google Inc//Google Calendar 70.9054//EN")
        m = MIMEMultipart("mixed")
        alt = MIMEMultipart("alternative")
        alt.attach(fx.text("返信します。\n"))
        alt.attach(MIMEText("<p>返信します。</p>", "html", "utf-8"))
        alt.attach(fx.calendar_part(ics, "base64"))
        m.attach(alt)
        m.attach(fx.calendar_part(ics, "base64", attachment="invite.ics", mime="application/ics"))
    elif shape == "apple":
        m = MIMEMultipart("mixed")
        m.attach(fx.text("返信します。\n"))
        m.attach(fx.calendar_part(fx.calendar("REPLY", key, who, partstat, prodid="-//Apple Inc.//macOS 15.1//EN"),
                                  "base64", attachment="iCal-%d.ics" % n))
    else:
        ics = fx.calendar("REPLY", key, who, partstat, prodid="-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN")
        m = MIMEMultipart("mixed")
        m.attach(fx.text("返信します。\n"))
        m.attach(fx.calendar_part(ics, "8bit"))
        m.attach(fx.calendar_part(ics, "base64", attachment="invite.ics", mime="application/ics"))
    fx.headers(m, fx.PEOPLE[who], n)
    path = os.path.join(folder, "%06d.eml" % n)
    fx.write(folder, os.path.basename(path), m)
    return path


STAMP0 = fx.STAMP


def parse_with_icalendar(paths):
    """Every calendar of every file through PyPI icalendar (the mails through Python's email)."""
    events = 0
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        if path.endswith(".ics"):
            calendars = [raw]
        else:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            calendars = [p.get_payload(decode=True) for p in msg.walk() if p.get_content_type() == "text/calendar"][:1]
        for data in calendars:
            cal = icalendar.Calendar.from_ical(data)
            for ev in cal.walk("VEVENT"):
                _ = (str(ev.get("uid")), int(ev.get("sequence", 0)), ev.get("attendee"), ev.decoded("dtstamp"))
                events += 1
    return events


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("count_arg", nargs="?", type=int, metavar="COUNT")
    ap.add_argument("kasane_arg", nargs="?", metavar="KASANE")
    ap.add_argument("--count", type=int)
    ap.add_argument("--kasane")
    ap.add_argument("--keep")
    args = ap.parse_args()
    args.count = args.count or args.count_arg or 10000
    args.kasane = (args.kasane or args.kasane_arg or os.environ.get("KASANE_BIN")
                   or os.path.join(ROOT, ".build", "release", "kasane"))
    if args.count < 1:
        sys.exit("bench_replies.py: COUNT must be at least 1")
    if not os.access(args.kasane, os.X_OK):
        sys.exit("bench_replies.py: no executable at %s (build it, or give --kasane / KASANE_BIN)" % args.kasane)
    work = args.keep or tempfile.mkdtemp(prefix="kasane-bench-replies-")
    os.makedirs(work, exist_ok=True)
    try:
        env = dict(os.environ, KASANE_DB=os.path.join(work, "bench.sqlite"), KASANE_TODAY="2026-11-26",
                   KASANE_CALENDARS=os.path.join(ROOT, "calendars"), KASANE_TEMPLATES=os.path.join(ROOT, "templates"),
                   KASANE_LOG_LEVEL="error")
        cases = os.path.join(work, "cases.yaml")
        with open(cases, "w", encoding="utf-8") as f:
            f.write(fixture_cases())

        def kasane(*a, check=True):
            return subprocess.run([args.kasane, *a], env=env, cwd=work, capture_output=True, text=True, check=check)

        kasane("registry", "import", os.path.join(ROOT, "examples", "registry.yaml"))
        kasane("case", "import", cases)
        kasane("schedule")
        kasane("invite", "--out", os.path.join(work, "inv"))

        maildir = os.path.join(work, "Maildir")
        new = os.path.join(maildir, "new")
        for sub in ("new", "cur", "tmp"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)
        t0 = time.perf_counter()
        paths = [reply(n, new) for n in range(args.count)]
        generated = time.perf_counter() - t0

        t0 = time.perf_counter()
        run = kasane("replies", "import", maildir, check=False)
        imported = time.perf_counter() - t0
        summary = [line for line in run.stdout.splitlines() + run.stderr.splitlines() if "件" in line or "applied" in line]
        if run.returncode != 0:
            sys.stderr.write(run.stderr[-2000:])
            sys.exit("bench_replies.py: replies import failed (exit %d)" % run.returncode)
        counts = re.search(r"反映 (\d+) 件・記録のみ (\d+) 件・拒否 (\d+) 件", run.stdout)
        if counts and int(counts.group(1)) + int(counts.group(2)) != args.count:
            sys.exit("bench_replies.py: not every reply was read: %s" % counts.group(0))

        t0 = time.perf_counter()
        events = parse_with_icalendar(paths)
        parsed = time.perf_counter() - t0

        n = len(paths)
        print("replies: %d files (%s), generated in %.1f s; kasane: %s" % (n, "/".join(SHAPES), generated, args.kasane))
        print("kasane replies import:  %8.2f s  %8.1f files/s  %8.2f ms/file  (%s)"
              % (imported, n / imported, imported * 1000 / n, counts.group(0) if counts else (summary[-1] if summary else "?")))
        print("PyPI icalendar %-7s  %8.2f s  %8.1f files/s  %8.2f ms/file  (%d events, in this process)"
              % (icalendar.__version__ + ":", parsed, n / parsed if parsed else float("inf"), parsed * 1000 / n, events))
        print("ratio kasane/icalendar: %.1f (kasane parses each reply in a child process with limits, #14.3)"
              % (imported / parsed if parsed else float("inf")))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
