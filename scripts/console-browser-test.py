#!/usr/bin/env python3
"""Browser tests of the secretariat's console (#15), run by `make test`.

Debian's chromium and chromium-driver through Selenium: log in (keyboard only), see the
dashboard, open a meeting, accept a joint-holding offer, send the invitations through a local
SMTP sink (scripts/smtp_sink.py) and see them on 送信状況, reveal and hide personal details,
preview the agenda, see the report, log out; then, on the meeting's day, mark it held and
record a decision. A screenshot of each page goes to out/console/; axe-core runs on every page
(0 serious or critical violations); every form's controls are reached with the Tab key alone.

Needs KASANE_BIN (the built kasane). Exits non-zero on the first failure.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from axe_selenium_python import Axe

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KASANE = os.environ.get("KASANE_BIN") or os.path.join(ROOT, ".build", "debug", "kasane")
OUT = os.path.join(ROOT, "out", "console")
PASSWORD = "correct horse battery"
SCHEDULED_ON = "2026-11-26"
CHECKED = []
JOINT_CASE = os.path.join(ROOT, "Tests", "KasaneConsoleTests", "Fixtures", "joint-case.yaml")


def kasane(env, *args, stdin=None):
    r = subprocess.run([KASANE, *args], env=env, input=stdin, capture_output=True, text=True, cwd=ROOT)
    if r.returncode not in (0, 1):
        sys.exit(f"kasane {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(folder):
    """scripts/smtp_sink.py on a free port (it exits when its standard input closes)."""
    p = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "smtp_sink.py"), folder],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline().strip()
    check(line.startswith("PORT "), f"smtp_sink.py did not start (needs PyPI aiosmtpd): {line!r}")
    return p, int(line[5:])


def start_console(env, port, *extra):
    p = subprocess.Popen([KASANE, "console", "--port", str(port), *extra], env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return p
        except OSError:
            if p.poll() is not None:
                sys.exit(f"kasane console stopped: {p.stderr.read()}")
            time.sleep(0.1)
    p.terminate()
    sys.exit("kasane console did not start")


def stop_console(p):
    p.terminate()
    p.wait(timeout=10)


def shows(driver, text, seconds=30):
    """Whether the page shows `text` within `seconds` (a submitted form's answer may take a moment)."""
    try:
        WebDriverWait(driver, seconds).until(lambda d: text in d.page_source)
        return True
    except Exception:
        return False


def titled(driver, text, seconds=30):
    try:
        WebDriverWait(driver, seconds).until(lambda d: text in d.title)
        return True
    except Exception:
        return False


def check(condition, message):
    if not condition:
        sys.exit(f"console-browser-test: FAILED: {message}")


def axe_check(driver, name):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for v in bad:
        print(f"  axe {v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])} nodes)", file=sys.stderr)
    check(not bad, f"{name}: {len(bad)} serious or critical accessibility violations")


def keyboard_reaches_every_control(driver, name):
    """Tab from the top of the page; every visible form control must take the focus."""
    controls = [e for e in driver.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, textarea, button")
                if e.is_displayed()]
    if not controls:
        return
    body = driver.find_element(By.TAG_NAME, "body")
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0,0)")
    reached = set()
    for _ in range(len(controls) * 3 + 40):
        body = driver.switch_to.active_element
        body.send_keys(Keys.TAB)
        reached.add(driver.switch_to.active_element.id)
    missing = [c.get_attribute("name") or c.text for c in controls if c.id not in reached]
    check(not missing, f"{name}: not reachable with Tab: {missing}")


def page(driver, name, index):
    """Screenshot, axe-core and the keyboard check on the page shown now."""
    path = os.path.join(OUT, f"{index:02d}-{name}.png")
    driver.save_screenshot(path)
    axe_check(driver, name)
    keyboard_reaches_every_control(driver, name)
    CHECKED.append(name)
    print(f"  ok {name} ({path})")


def login(driver, base, account):
    driver.get(base + "/login")
    # Keyboard only: type into the focused fields, Tab between them, Enter to submit.
    field = driver.find_element(By.ID, "id")
    field.click()
    field.send_keys(account)
    driver.switch_to.active_element.send_keys(Keys.TAB)
    driver.switch_to.active_element.send_keys(PASSWORD)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    check(titled(driver, "ダッシュボード"), f"login as {account} did not reach the dashboard: {driver.title}")


def main():
    check(os.path.exists(KASANE), f"no kasane binary at {KASANE}: build first (swift build)")
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="kasane-console-browser-")
    env = dict(os.environ, KASANE_DB=os.path.join(work, "kasane.sqlite"), KASANE_TODAY=SCHEDULED_ON,
               KASANE_CALENDARS=os.path.join(work, "calendars"), KASANE_TEMPLATES=os.path.join(ROOT, "templates"))
    shutil.copytree(os.path.join(ROOT, "calendars"), env["KASANE_CALENDARS"])
    kasane(env, "registry", "import", "examples/registry.yaml")
    kasane(env, "case", "import", "examples/cases.yaml")
    # A case whose only agency sits on the 地域ケア会議: the scheduler offers a joint holding (R5).
    check(kasane(env, "case", "import", JOINT_CASE).returncode == 0, "the joint-holding case did not import")
    kasane(env, "schedule")
    r = kasane(env, "staff", "add", "p-city-1", "--role", "事務局", stdin=PASSWORD + "\n")
    check(r.returncode == 0, f"staff add: {r.stderr}")
    meetings = json.loads(kasane(env, "meeting", "list", "--json").stdout)
    meeting = next(m for m in sorted(meetings, key=lambda m: m["date"]) if m["items"])

    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600", "--lang=ja"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    n = 0
    sink_folder = os.path.join(work, "sink")
    sink, sink_port = start_sink(sink_folder)
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        console = start_console(env, port, "--smtp", f"127.0.0.1:{sink_port}",
                                "--invitations", os.path.join(work, "invitations"))
        try:
            driver.get(base + "/")
            check("ログイン" in driver.title, "an anonymous visit did not land on the login page")
            n += 1; page(driver, "login", n)
            login(driver, base, "p-city-1")
            n += 1; page(driver, "dashboard", n)

            buttons = driver.find_elements(By.XPATH, "//button[starts-with(normalize-space(.), '合同開催を受ける')]")
            check(buttons, "the dashboard offers no joint holding to accept")
            buttons[0].send_keys(Keys.ENTER)
            check(shows(driver, "合同開催を受けました"), "the joint offer was not accepted")
            n += 1; page(driver, "joint-accepted", n)

            # 招待を送る mails through the sink; 送信状況 lists what went out.
            driver.find_element(By.XPATH, "//button[normalize-space(.)='招待を送る']").send_keys(Keys.ENTER)
            check(shows(driver, "通送信しました"), f"the invitations were not sent: {driver.find_element(By.TAG_NAME, 'main').text[:400]}")
            n += 1; page(driver, "invitations-sent", n)
            received = [f for f in os.listdir(sink_folder) if f.endswith(".eml")]
            check(received, "the SMTP sink received no mail")
            driver.find_element(By.LINK_TEXT, "送信状況").click()
            check(titled(driver, "送信状況"), "the outbox page did not open")
            check(driver.page_source.count("送信済み") >= min(len(received), 50), "the outbox page does not list the mails sent")
            n += 1; page(driver, "outbox", n)

            driver.get(base + "/meetings")
            n += 1; page(driver, "meetings", n)
            driver.find_element(By.LINK_TEXT, meeting["id"]).click()
            check(meeting["id"] in driver.title, "the meeting page did not open")
            n += 1; page(driver, "meeting", n)

            driver.get(base + "/meetings/" + meeting["id"] + "/documents?kind=agenda")
            n += 1; page(driver, "agenda-preview", n)

            driver.get(base + "/cases/R8-1")
            check("架空" not in driver.page_source, "personal details shown before 表示")
            n += 1; page(driver, "case-hidden", n)
            driver.find_element(By.XPATH, "//button[normalize-space(.)='個人情報を表示']").send_keys(Keys.ENTER)
            check(shows(driver, "架空 ハナ"), "personal details not shown after 表示")
            n += 1; page(driver, "case-revealed", n)
            driver.find_element(By.LINK_TEXT, "個人情報を隠す").click()
            check("架空" not in driver.page_source, "personal details still shown after 隠す")
            driver.get(base + "/audit")
            check("R8-1" in driver.page_source and "p-city-1" in driver.page_source, "the reveal is not on the audit page")
            n += 1; page(driver, "audit", n)

            driver.get(base + "/report?year=2026")
            n += 1; page(driver, "report", n)

            driver.find_element(By.XPATH, "//button[normalize-space(.)='ログアウト']").send_keys(Keys.ENTER)
            check(titled(driver, "ログイン"), "logout did not return to the login page")
            driver.get(base + "/")
            check("ログイン" in driver.title, "the dashboard opened after logout")
        finally:
            stop_console(console)

        # The meeting's day: hold it and record a decision.
        env["KASANE_TODAY"] = meeting["date"]
        console = start_console(env, port)
        try:
            login(driver, base, "p-city-1")
            driver.get(base + "/meetings/" + meeting["id"])
            driver.find_element(By.XPATH, "//button[normalize-space(.)='開催済みにする']").send_keys(Keys.ENTER)
            check(shows(driver, "開催済みにしました"), "the meeting was not marked held")
            n += 1; page(driver, "meeting-held", n)
            driver.find_element(By.PARTIAL_LINK_TEXT, "決定を記録する").click()
            n += 1; page(driver, "decide-form", n)
            # A refused form first: no outcome; the message stands beside the field.
            driver.find_element(By.XPATH, "//button[normalize-space(.)='決定を記録する']").send_keys(Keys.ENTER)
            check(shows(driver, "決定を選んでください"), "the empty outcome was not refused beside the field")
            n += 1; page(driver, "decide-refused", n)
            select = driver.find_element(By.ID, "outcome")
            options_text = [o.text for o in select.find_elements(By.TAG_NAME, "option") if o.get_attribute("value")]
            choice = "差戻し" if "差戻し" in options_text else options_text[0]
            select.send_keys(choice)
            driver.find_element(By.XPATH, "//button[normalize-space(.)='決定を記録する']").send_keys(Keys.ENTER)
            check(shows(driver, "を記録しました"), f"the decision was not recorded: {driver.find_element(By.TAG_NAME, 'main').text[:400]}")
            n += 1; page(driver, "decision-recorded", n)
            driver.get(base + "/meetings/" + meeting["id"] + "/documents?kind=minutes")
            n += 1; page(driver, "minutes-preview", n)
            driver.find_element(By.XPATH, "//button[normalize-space(.)='ログアウト']").send_keys(Keys.ENTER)
            check(titled(driver, "ログイン"), "logout did not return to the login page")
        finally:
            stop_console(console)
    finally:
        driver.quit()
        sink.stdin.close()
        sink.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(f"console-browser-test: {len(CHECKED)} pages passed (screenshots in {OUT})")


if __name__ == "__main__":
    main()
