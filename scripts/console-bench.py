#!/usr/bin/env python3
"""Console benchmark (#15; not a test): see scripts/console-bench.sh.

usage: console-bench.py KASANE SCHEDULE_BENCH OUT CASES SECONDS USERS
"""
import http.client, os, re, shutil, socket, sqlite3, statistics, subprocess, sys, threading, time

kasane, gen, out, cases, seconds, users = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
TODAY = "2026-11-26"
PASSWORD = "bench password 123"
d = os.path.join(out, str(cases))
shutil.rmtree(d, ignore_errors=True)
os.makedirs(out, exist_ok=True)
subprocess.run([gen, "workspace", str(cases), d], check=True, stdout=subprocess.DEVNULL)
db = os.path.join(d, "kasane.sqlite")
env = dict(os.environ, KASANE_DB=db, KASANE_TODAY=TODAY, KASANE_CALENDARS=os.path.join(d, "calendars"),
           KASANE_CHAIN_KEY=os.path.join(d, "kasane.key"))
subprocess.run([kasane, "schedule"], env=env, stdout=subprocess.DEVNULL, check=False)
for i in range(users):
    subprocess.run([kasane, "staff", "add", f"bench{i}", "--role", "閲覧"], env=env, input=PASSWORD + "\n",
                   text=True, check=True, stdout=subprocess.DEVNULL)
meeting = sqlite3.connect(db).execute(
    "SELECT s.id FROM session s JOIN session_item i ON i.session_id = s.id GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]

runs = []
for _ in range(5):
    t = time.perf_counter()
    subprocess.run([kasane, "meeting", "show", meeting], env=env, stdout=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - t) * 1000)

with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
console = subprocess.Popen([kasane, "console", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(200):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2); c.request("GET", "/healthz"); c.getresponse().read(); break
        except OSError:
            time.sleep(0.1)

    def login(i):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        c.request("GET", "/login"); r = c.getresponse(); body = r.read().decode()
        cookie = r.getheader("Set-Cookie").split(";")[0]
        token = re.search(r'name="login_token" value="([^"]+)"', body).group(1)
        form = f"login_token={token}&id=bench{i}&password={PASSWORD.replace(' ', '+')}"
        c.request("POST", "/login", form, {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        r = c.getresponse(); r.read()
        return c, r.getheader("Set-Cookie").split(";")[0]

    sessions = [login(i) for i in range(users)]
    latencies = {"/": [], f"/meetings/{meeting}": []}
    # Warm-up: the first request works the city out (once per workspace change), the next ones share it.
    warm = {}
    for path in latencies:
        c, cookie = sessions[0]
        t = time.perf_counter()
        c.request("GET", path, headers={"Cookie": cookie}); r = c.getresponse(); r.read()
        warm[path] = (time.perf_counter() - t) * 1000
        if r.status != 200:
            print(f"warm-up {path}: {r.status}", file=sys.stderr)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(i):
        c, cookie = sessions[i]
        paths = list(latencies)
        n = 0
        while time.monotonic() < stop:
            path = paths[(n + i) % 2]; n += 1
            t = time.perf_counter()
            c.request("GET", path, headers={"Cookie": cookie}); r = c.getresponse(); r.read()
            ms = (time.perf_counter() - t) * 1000
            if r.status != 200:
                print(f"{path}: {r.status}", file=sys.stderr)
            with lock:
                latencies[path].append(ms)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    start = time.monotonic()
    for t in threads: t.start()
    for t in threads: t.join()
    elapsed = time.monotonic() - start
finally:
    console.terminate(); console.wait()

print(f"console benchmark: {cases} cases, {users} users, {elapsed:.1f} s")
for path, ms in latencies.items():
    ms.sort()
    p95 = ms[int(len(ms) * 0.95) - 1] if ms else float("nan")
    print(f"  {path:40} {len(ms) / elapsed:7.1f} req/s  p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  (goal p95 <= 50 ms)")
for path, ms in warm.items():
    print(f"  warm-up {path:32} {ms:9.1f} ms  (the first request after the start: works the city out)")
print(f"  kasane meeting show {meeting}: median {statistics.median(runs):.1f} ms over {len(runs)} runs (a whole process)")
