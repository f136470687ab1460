#!/usr/bin/env python3
"""Many municipalities in one PostgreSQL (issue 16, Performance), run by scripts/bench_postgres.sh.

  postgres.py KASANE SCHEDULE_BENCH OUT OWNER_URL APP_URL

A generated city of CASES cases (`schedule-bench workspace`) in its own SQLite file, and the same
city imported (`kasane workspace export` / `import`, same rows and chain) into each of TENANTS
tenants of one PostgreSQL database, in the same run:

* per tenant, `triggers`, `schedule` and `meeting show` (wall time of the process, medians of RUNS;
  on PostgreSQL each run on another tenant, so every `schedule` starts from an unscheduled city as
  the SQLite one does from its pristine copy). Goal: PostgreSQL <= 2x SQLite.
* one agency's feed of the first tenant under wrk from one `serve` process and from two (the
  same two wrk processes, -t1 -c8 each, at one port or at one port each). Goal: two >= 1.6x one.
"""
import json, os, re, shutil, statistics, subprocess, sys, time, urllib.request

kasane, gen, out, owner, app = sys.argv[1:6]
tenants = int(os.environ.get("BENCH_TENANTS", "50"))
cases = int(os.environ.get("BENCH_CASES", "3000"))
runs = int(os.environ.get("BENCH_RUNS", "3"))
duration = os.environ.get("BENCH_DURATION", "10s")
TODAY = "2026-11-26"
ports = (18090, 18091)


def say(text):
    print(f"\n== {text}", flush=True)


def run(cmd, env, ok=(0,)):
    p = subprocess.run(cmd, env=env, cwd=out, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in ok:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.decode()[:600]}")
    return p.stdout.decode()


def timed(cmd, envs, setup=None, ok=(0,)):
    """Median wall seconds of `cmd`, once per environment in `envs`; `setup` runs untimed before each."""
    xs = []
    for env in envs:
        if setup:
            setup()
        t = time.perf_counter()
        run(cmd, env, ok)
        xs.append(time.perf_counter() - t)
    return statistics.median(xs)


city = os.path.join(out, "city")
shutil.rmtree(city, ignore_errors=True)
say(f"a city of {cases} cases (schedule-bench workspace)")
subprocess.run([gen, "workspace", str(cases), city], check=True, stdout=subprocess.DEVNULL)
db, key = os.path.join(city, "kasane.sqlite"), os.path.join(city, "kasane.key")
base = dict(os.environ, KASANE_TODAY=TODAY, KASANE_CALENDARS=os.path.join(city, "calendars"), KASANE_LANG="ja",
            KASANE_CHAIN_KEY=key, KASANE_LOG_LEVEL="error")
sqlite_env = dict(base, KASANE_DB=db)
ids = [f"bench-{i}" for i in range(tenants)]


def pg_env(tenant):
    return dict(base, KASANE_DB=app, KASANE_TENANT=tenant)


dump = os.path.join(out, "city.json")
run([kasane, "workspace", "export", dump], sqlite_env)
pristine, scheduled = db + ".pristine", db + ".scheduled"
shutil.copy(db, pristine)


def restore(src):
    def go():
        shutil.copy(src, db)
        for s in ("-wal", "-shm"):
            if os.path.exists(db + s):
                os.remove(db + s)
    return go


say(f"{tenants} tenants × {cases} cases into one PostgreSQL (workspace import)")
t0 = time.perf_counter()
for i, tenant in enumerate(ids):
    run([kasane, "tenant", "add", tenant, "--name", f"ベンチ市{i}", "--db", owner], base)
    run([kasane, "workspace", "import", dump], pg_env(tenant))
print(f"  imported in {time.perf_counter() - t0:.1f} s ({(time.perf_counter() - t0) / tenants:.2f} s a tenant)")
verified = run([kasane, "verify"], pg_env(ids[-1]))
if "壊れた連鎖 0 件" not in verified:
    sys.exit(f"verify on {ids[-1]}: {verified}")

# The runs on PostgreSQL: one tenant each (the first RUNS tenants, or all when there are fewer).
timed_tenants = [pg_env(t) for t in ids[:max(1, min(runs, tenants))]]
say(f"commands, medians of {len(timed_tenants)} runs (PostgreSQL: one tenant each)")
results = {}
results["triggers"] = (timed([kasane, "triggers"], [sqlite_env] * runs), timed([kasane, "triggers"], timed_tenants))
# exit 1: an item could not be held (the generated city is tight): still a full run.
results["schedule"] = (timed([kasane, "schedule"], [sqlite_env] * runs, setup=restore(pristine), ok=(0, 1)),
                       timed([kasane, "schedule"], timed_tenants, ok=(0, 1)))
restore(pristine)()
run([kasane, "schedule"], sqlite_env, ok=(0, 1))
shutil.copy(db, scheduled)
sessions = json.loads(run([kasane, "meeting", "list", "--json"], sqlite_env) or "[]")
if not sessions:
    sys.exit("the scheduled city has no meeting")
# The busiest meeting (the most items), as SQLite scheduled it; PostgreSQL's schedule is the same.
meeting = max(sessions, key=lambda s: (len(s.get("items", [])) if isinstance(s.get("items"), list) else s.get("items", 0),
                                       s.get("id", "")))["id"]
results["meeting show"] = (timed([kasane, "meeting", "show", meeting], [sqlite_env] * runs, setup=restore(scheduled)),
                           timed([kasane, "meeting", "show", meeting], timed_tenants))
print(f"  {'command':14} {'SQLite s':>9} {'PostgreSQL s':>13} {'ratio':>6}  (goal <= 2)")
for name, (s, p) in results.items():
    print(f"  {name:14} {s:9.3f} {p:13.3f} {p / s:6.2f}  {'ok' if p / s <= 2 else 'MISSED'}")

# --- feeds -----------------------------------------------------------------------------------
say(f"feeds of {ids[0]} under wrk ({duration}, {runs} runs, medians): one serve process, then two")
agencies = json.loads(run([kasane, "agency", "list", "--json"], pg_env(ids[0])))
agency = agencies[0]["id"]
url = json.loads(run([kasane, "feed-token", "issue", agency, "--base-url", "http://127.0.0.1:1", "--json"],
                     pg_env(ids[0])))["url"]
path = url[len("http://127.0.0.1:1"):]
servers = []


def start(port):
    p = subprocess.Popen([kasane, "serve", "--port", str(port)], env=pg_env(ids[0]), cwd=out,
                         stdout=subprocess.DEVNULL, stderr=open(os.path.join(out, f"serve-{port}.log"), "w"))
    servers.append(p)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as r:
                return len(r.read())
        except OSError:
            time.sleep(0.1)
    sys.exit(f"serve on port {port} did not come up")


def wrk_pair(targets, headers):
    """Two wrk processes at once (-t1 -c8 each), one at each target: the sum of their requests/s."""
    cmds = [["wrk", "-t1", "-c8", f"-d{duration}", "--timeout", "10s", *sum((["-H", h] for h in headers), []),
             f"http://127.0.0.1:{port}{path}"] for port in targets]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for c in cmds]
    total, errors = 0.0, 0
    for p in procs:
        text = p.communicate()[0].decode()
        m = re.search(r"Requests/sec:\s+([\d.]+)", text)
        total += float(m.group(1)) if m else 0
        errors += sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
        non = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        errors += int(non.group(1)) if non else 0
    return total, errors


def median_pair(targets, headers):
    xs, errs = [], 0
    for _ in range(runs):
        rps, e = wrk_pair(targets, headers)
        xs.append(rps)
        errs += e
    return statistics.median(xs), errs


try:
    size = start(ports[0])
    with urllib.request.urlopen(f"http://127.0.0.1:{ports[0]}{path}") as r:
        etag = r.headers["ETag"]
    print(f"  feed of {agency}: {size} bytes, ETag {etag}")
    kinds = {"plain": [], "gzip": ["Accept-Encoding: gzip"], "304": [f"If-None-Match: {etag}"]}
    one = {k: median_pair(ports[:1] * 2, h) for k, h in kinds.items()}
    start(ports[1])
    two = {k: median_pair(ports, h) for k, h in kinds.items()}
    print(f"  {'':6} {'one serve':>12} {'two serves':>12} {'ratio':>6}  (goal >= 1.6)")
    for k in kinds:
        (a, ea), (b, eb) = one[k], two[k]
        print(f"  {k:6} {a:12.0f} {b:12.0f} {b / a if a else 0:6.2f}  {'ok' if a and b / a >= 1.6 else 'MISSED'}"
              f"  (errors {ea} / {eb})")
finally:
    for p in servers:
        p.terminate()
        p.wait()
