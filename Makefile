# Two commands do everything on a fresh machine with Python 3.11+:
#   make run    install into .venv and open Dutyroom on the embedded SQLite default
#   make test   install into .venv and run every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint bench build build-check screenshots clean

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
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Every figure the issues asked for, with its target (about 12 minutes; builds the data sets
# into benchmarks/data/ the first time).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/report.py

# The standalone folder dist/dutyroom/ (PyInstaller, in its own build/venv; about a minute
# once pip's cache is warm), then the check: the built program's init --demo and
# gui --selftest, offscreen. build-check re-runs only the check. See packaging/README.md.
build:
	$(PYTHON) packaging/build.py

build-check:
	$(PYTHON) packaging/build.py --check-only

# Every page (and the main dialogs) at 1280×720 in Chinese and English, into docs/screenshots/.
# Needs Debian's xvfb (and fonts-noto-cjk for Chinese text on a bare Linux).
screenshots: $(STAMP)
	rm -f docs/screenshots/*.png
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info build dist
