#!/usr/bin/env python3
"""City-scale command benchmark (issue 13.4), run by scripts/bench_commands.sh.

For each size (cases), a generated city (schedule-bench workspace N DIR): the wall time of the
release `kasane` commands, beside the `sqlite3` shell reading the same rows in the same run (both
as processes: start, open, read). Medians of RUNS. Writers (schedule, decide) run on a fresh copy
each time, the copy not timed.

Goals: whole-city commands (triggers, schedule) <= 5x the raw read of the city; single-meeting and
single-case commands (meeting show, agenda --master, decide, case show) flat (within 2x) from the
smallest to the largest city.
"""
import json, os, shutil, sqlite3, statistics, subprocess, sys, time

kasane, gen, out = sys.argv[1], sys.argv[2], sys.argv[3]
sizes = [int(s) for s in sys.argv[4:]] or [1000, 3000, 10000]
runs = int(os.environ.get("BENCH_RUNS", "5"))
TODAY = "2026-11-26"


def timed(cmd, env, setup=None, ok=(0,)):
    """Median wall seconds of `cmd` over `runs`; `setup` runs untimed before each."""
    xs = []
    for _ in range(runs):
        if setup:
            setup()
        t = time.perf_counter()
        p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        xs.append(time.perf_counter() - t)
        if p.returncode not in ok:
            sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.decode()[:400]}")
    return statistics.median(xs)


def raw(db, sql):
    return timed(["sqlite3", db, sql], os.environ.copy())


results = {}
for n in sizes:
    d = os.path.join(out, str(n))
    shutil.rmtree(d, ignore_errors=True)
    subprocess.run([gen, "workspace", str(n), d], check=True, stdout=subprocess.DEVNULL)
    db = os.path.join(d, "kasane.sqlite")
    env = dict(os.environ, KASANE_DB=db, KASANE_TODAY=TODAY, KASANE_CALENDARS=os.path.join(d, "calendars"),
               KASANE_CHAIN_KEY=os.path.join(d, "kasane.key"), KASANE_LANG="ja")
    pristine = db + ".pristine"
    shutil.copy(db, pristine)
    subprocess.run([kasane, "schedule"], env=env, stdout=subprocess.DEVNULL, check=False)
    scheduled = db + ".scheduled"
    shutil.copy(db, scheduled)
    def restore(src):
        return lambda: [shutil.copy(src, db)] + [os.path.exists(db + s) and os.remove(db + s) for s in ("-wal", "-shm")]

    con = sqlite3.connect(db)
    # The busiest meeting, and a case on it.
    meeting, day, items = con.execute(
        "SELECT s.id, s.date, COUNT(*) FROM session s JOIN session_item i ON i.session_id = s.id "
        "GROUP BY s.id ORDER BY COUNT(*) DESC, s.date LIMIT 1").fetchone()
    case, trigger = con.execute("SELECT case_number, trigger_id FROM session_item WHERE session_id = ? "
                                "ORDER BY position LIMIT 1", (meeting,)).fetchone()
    events = con.execute("SELECT COUNT(*) FROM case_event").fetchone()[0]
    con.close()

    city_sql = ("SELECT * FROM agency; SELECT * FROM person; SELECT * FROM body; SELECT * FROM body_member; "
                "SELECT * FROM case_file; SELECT * FROM household_member; SELECT * FROM case_event; "
                "SELECT * FROM session; SELECT * FROM session_item;")
    meeting_cases = (f"(SELECT c.id FROM case_file c JOIN session_item i ON i.case_number = c.number "
                     f"WHERE i.session_id = '{meeting}')")
    meeting_sql = (f"SELECT * FROM agency; SELECT * FROM person; SELECT * FROM body; SELECT * FROM body_member; "
                   f"SELECT * FROM session WHERE id = '{meeting}'; SELECT * FROM session_item WHERE session_id = '{meeting}'; "
                   f"SELECT * FROM case_event WHERE case_id IN {meeting_cases}; "
                   f"SELECT * FROM household_member WHERE case_id IN {meeting_cases};")
    one_case = f"(SELECT id FROM case_file WHERE number = '{case}')"
    case_sql = (f"SELECT * FROM case_file WHERE number = '{case}'; SELECT * FROM case_event WHERE case_id = {one_case}; "
                f"SELECT * FROM household_member WHERE case_id = {one_case};")
    decide_env = dict(env, KASANE_TODAY=day)
    # The outcome the item takes (a plan is approved, a review held, …), found once, untimed.
    decide = None
    for outcome in (["プラン承認", "--monitoring", "2027-06-01"], ["モニタリング実施", "--monitoring", "2027-06-01"],
                    ["終結承認"], ["中断決定"]):
        restore(scheduled)()
        cmd = [kasane, "decide", meeting, trigger, "--outcome", *outcome, "--by", "p1-0"]
        if subprocess.run(cmd, env=decide_env, capture_output=True).returncode == 0:
            decide = cmd
            break
    if decide is None:
        sys.exit(f"no outcome of decide {meeting} {trigger} was accepted")
    r = {
        "events": events, "meeting": meeting, "items": items,
        "raw city": raw(db, city_sql), "raw meeting": raw(db, meeting_sql), "raw case": raw(db, case_sql),
        "triggers": timed([kasane, "triggers"], env),
        "schedule": timed([kasane, "schedule"], env, setup=restore(pristine), ok=(0, 1)),  # 1: an item cannot be held
        "meeting show": timed([kasane, "meeting", "show", meeting], env, setup=restore(scheduled)),
        "agenda --master": timed([kasane, "agenda", meeting, "--master"], env),
        "decide": timed(decide, decide_env, setup=restore(scheduled)),
        "case show": timed([kasane, "case", "show", case], env),
    }
    results[n] = r
    for s in ("-wal", "-shm"):
        if os.path.exists(db + s):
            os.remove(db + s)

print(f"\n{'cases':>6} {'events':>7}  " + "  ".join(f"{k:>15}" for k in next(iter(results.values())) if k not in ("events", "meeting", "items")))
for n, r in results.items():
    print(f"{n:>6} {r['events']:>7}  " + "  ".join(f"{v:>15.3f}" for k, v in r.items() if k not in ("events", "meeting", "items")))
print("\nratios to the raw read of the rows each command needs (goal: whole city <= 5):")
for n, r in results.items():
    print(f"{n:>6}  triggers/city {r['triggers'] / r['raw city']:.2f}  schedule/city {r['schedule'] / r['raw city']:.2f}  "
          f"meeting show/meeting {r['meeting show'] / r['raw meeting']:.2f}  agenda/meeting {r['agenda --master'] / r['raw meeting']:.2f}  "
          f"decide/meeting {r['decide'] / r['raw meeting']:.2f}  case show/case {r['case show'] / r['raw case']:.2f}")
lo, hi = min(results), max(results)
print(f"\nflatness, {hi} cases / {lo} cases (goal: single-meeting and single-case <= 2):")
for k in ("meeting show", "agenda --master", "decide", "case show"):
    print(f"  {k:16} {results[hi][k] / results[lo][k]:.2f}")
