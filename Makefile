# Kasane — build, test and demo on a fresh Debian 12 machine with Swift 6.3.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_PACKAGES := libical-dev libsqlite3-dev pkg-config tzdata
PY_PACKAGES := jpholiday icalendar vobject recurring-ical-events

.PHONY: setup build test demo bench leaks clean

## setup: install the system libraries and the Python test oracles that are missing
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import jpholiday, icalendar, vobject, recurring_ical_events" 2>/dev/null || \
	  python3 -m pip install -q $(PY_PACKAGES)

## build: compile everything (debug)
build: setup
	$(SWIFT) build

## test: build, then run every test; fails when fewer tests ran than recorded in .ci/min-tests
test: build
	KASANE_BIN="$$($(SWIFT) build --show-bin-path)/kasane" scripts/run-tests.sh

## demo: load the demo municipality into out/demo/kasane.sqlite and run the main job
demo: build
	scripts/demo.sh

## bench: the calendar writer against PyPI icalendar on 10,000 events (not a test; prints the ratio)
bench: setup
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
