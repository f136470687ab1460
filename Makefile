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

clean:
	rm -rf .build out
