# Kasane — build, test and demo on a fresh Debian 12 machine with Swift 6.3.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_PACKAGES := libical-dev libsqlite3-dev zlib1g-dev pkg-config tzdata postgresql chromium chromium-driver fonts-noto-cjk
PY_PACKAGES := jpholiday icalendar vobject recurring-ical-events aiosmtpd ical

.PHONY: setup build test test-fast test-slow demo bench leaks clean

## setup: install the system libraries and the Python test oracles that are missing
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import jpholiday, icalendar, vobject, recurring_ical_events, aiosmtpd" 2>/dev/null || \
	  python3 -m pip install -q jpholiday icalendar vobject recurring-ical-events aiosmtpd
	@python3 -c "import selenium, axe_selenium_python" 2>/dev/null || \
	  python3 -m pip install -q selenium axe-selenium-python
	@python3 -c "import ical" 2>/dev/null || python3 -m pip install -q ical || \
	  echo "note: the strict parser 'ical' did not install; the interop tests use icalendar and vobject"

## build: compile everything (debug)
build: setup
	$(SWIFT) build

## test: build, then run every test; fails when fewer tests ran than recorded in .ci/min-tests;
## then the console in a real browser (Selenium, Debian's chromium, axe-core; screenshots in out/console/)
test: build
	KASANE_BIN="$$($(SWIFT) build --show-bin-path)/kasane" scripts/run-tests.sh
	KASANE_BIN="$$($(SWIFT) build --show-bin-path)/kasane" python3 scripts/console-browser-test.py

## test-fast: every suite but the slow tier (the suites tagged .manyProcesses: crash and concurrency)
## test-slow: only the slow tier. Both without the test-count gate; `make test` runs everything.
SLOW_SUITES := CrashTests|DecisionCrashTests|ConcurrencyTests
test-fast: build
	KASANE_BIN="$$($(SWIFT) build --show-bin-path)/kasane" $(SWIFT) test --skip '$(SLOW_SUITES)'
test-slow: build
	KASANE_BIN="$$($(SWIFT) build --show-bin-path)/kasane" $(SWIFT) test --filter '$(SLOW_SUITES)'

## demo: load the demo municipality into out/demo/kasane.sqlite and run the main job
demo: build
	scripts/demo.sh

## bench: benchmarks, not tests (each prints its figures beside its peer, in one run):
##   the scheduler against reading the same rows from SQLite (1k, 10k, 100k cases; BENCH_SIZES=…),
##   the calendar writer against PyPI icalendar on 10,000 events.
BENCH_SIZES ?= 1000 10000 100000
bench: setup
	$(SWIFT) build -c release --product schedule-bench
	"$$($(SWIFT) build -c release --show-bin-path)/schedule-bench" $(BENCH_SIZES)
	scripts/bench_ics.sh 10000

## leaks: the calendar tests under LeakSanitizer (zero leaks; scripts/lsan.supp lists the Swift
## toolchain noise suppressed), then kasane-bench under valgrind (zero definite leaks). valgrind
## 3.19 itself crashes on the Swift test bundle, so the tests use LeakSanitizer.
leaks: setup
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=1 \
	  $(SWIFT) test --sanitize=address --scratch-path .build/asan --filter KasaneCalendarTests
	$(SWIFT) build --product kasane-bench
	@command -v valgrind >/dev/null || $(SUDO) apt-get install -y -qq valgrind
	valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
	  "$$($(SWIFT) build --show-bin-path)/kasane-bench" 200

clean:
	rm -rf .build out
