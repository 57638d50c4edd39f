# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make run   - create .venv, install PM Prep, open the app
#   make test  - create .venv, install with the test extra, run the whole suite offscreen
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' pm_prep/__init__.py)
ARCHIVE = dist/pm-prep-$(VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: run test lint bench screenshots screenshots-offscreen wheel bundle dist bundle-smoke clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "PM Prep needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[test]"
	@touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(BIN)/python -m pm_prep

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software $(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software $(BIN)/python -m benchmarks

# A real window drawn with OpenGL as on a desktop (on $$DISPLAY, or a private Xvfb the script
# starts); `make screenshots-offscreen` is the software-drawn fallback for machines without X.
screenshots: $(VENV)/.installed-test
	$(BIN)/python scripts/render_screenshots.py

screenshots-offscreen: $(VENV)/.installed-test
	$(BIN)/python scripts/render_screenshots.py --offscreen

wheel: $(VENV)/.installed-test
	$(BIN)/python -m build --wheel

$(VENV)/.installed-bundle: packaging/requirements-bundle.txt | $(VENV)/.installed-app
	$(PIP) install -r packaging/requirements-bundle.txt
	@touch $@

# The one-folder desktop bundle dist/pm-prep/ from pm_prep.spec (docs/bundle.md).
bundle: $(VENV)/.installed-bundle
	rm -rf dist/pm-prep
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller pm_prep.spec

# The release archive dist/pm-prep-VERSION-linux-ARCH.tar.gz, with packaging/README-linux.txt.
dist: bundle
	$(BIN)/python packaging/make_archive.py dist/pm-prep

# Runs the archive (or, before `make dist`, the folder) as a user would: scripts/bundle_smoke.py.
bundle-smoke: | $(BIN)/python
	$(BIN)/python scripts/bundle_smoke.py $(or $(wildcard $(ARCHIVE)),dist/pm-prep)

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
