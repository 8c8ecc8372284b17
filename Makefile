# The two commands of the README: `make demo` and `make test`. Each creates/updates .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench score clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,audio,export,web]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/minutes extract fixtures/demo_meeting.txt
	@echo
	@echo "--- and a short recording (fixtures/audio/zh_short.wav), transcribed locally:"
	$(BIN)/minutes extract fixtures/audio/zh_short.wav --attendees 王强,李娜 --meeting-date 2024-03-12

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev --cmd "$(BIN)/minutes extract"

clean:
	rm -rf $(VENV) build *.egg-info
