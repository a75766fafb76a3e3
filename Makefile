# Two commands do everything on a fresh machine with Python 3.11+:
#   make run    install into .venv and open Dutyroom on the embedded SQLite default
#   make test   install into .venv and run every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dutyroom

# The sample town in a database of its own, never mixed with a real desk's.
demo: $(STAMP)
	$(BIN)/dutyroom init --demo --db demo.sqlite3
	$(BIN)/dutyroom --db demo.sqlite3

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Needs Debian's xvfb (and fonts-noto-cjk for Chinese text on a bare Linux).
screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
