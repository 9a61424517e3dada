# cmplanner — the two commands a newcomer needs:
#   make run    install into .venv (first time / when pyproject.toml changed) and open the app
#   make test   install, then the whole suite: ruff, mypy, pytest (offscreen + real drag and
#               drop), and the frozen (PyInstaller) app check
# A fresh Debian/Ubuntu machine may first need Qt's system libraries and fonts:
#   sudo make system-deps

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --no-input
# Re-install only when pyproject.toml changed (or the venv is new).
STAMP_TEST  := $(VENV)/.stamp-test
STAMP_BUILD := $(VENV)/.stamp-build
RESULTS     := build/test-results
STATUS      := $(RESULTS)/stages.txt
# A whole-run limit on top of pytest-timeout's per-test one: pytest-timeout's `signal`
# method cannot interrupt a test stuck inside a C++ event loop (e.g. a modal exec()).
MAIN_LIMIT  ?= 1800
DND_LIMIT   ?= 900
PYTEST_MAIN := QT_QPA_PLATFORM=offscreen timeout -k 30 $(MAIN_LIMIT) $(BIN)/python -m pytest
PYTEST_DND  := QT_QPA_PLATFORM=minimal:enable_fonts timeout -k 30 $(DND_LIMIT) $(BIN)/python -m pytest
PYTEST_ARGS ?=
# The database-backed tests again on a real PostgreSQL server the tests start on loopback
# (tests/support/postgres.py); only the tests that use a database are selected.
PG_LIMIT    ?= 900
PG_TESTS    := tests/unit/services tests/unit/storage tests/integration tests/ui
PYTEST_PG   := CMPLANNER_TEST_DB=postgresql QT_QPA_PLATFORM=offscreen timeout -k 30 $(PG_LIMIT) \
               $(BIN)/python -m pytest -m "not dnd" $(PG_TESTS)

.PHONY: help run install test lint typecheck pytest-main pytest-dnd pytest-pg frozen frozen-check \
        system-deps screenshots bench translations clean atproto-server

help:
	@echo "make run           install (if needed) and open cmplanner"
	@echo "make test          install (if needed) and run the whole test suite"
	@echo "make system-deps   install the Debian packages Qt needs (run as root: sudo make system-deps)"
	@echo "make frozen-check  build the PyInstaller app (dist/cmplanner) and smoke-test it"
	@echo "make lint | typecheck | pytest-main | pytest-dnd | pytest-pg   one stage of 'make test'"
	@echo "make screenshots | bench | clean"

# ---------------------------------------------------------------- environment

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found: install Python 3.11+"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: cmplanner needs Python 3.11 or newer ($(PYTHON) is $$($(PYTHON) -V))"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "hint: on Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	@echo "==> installing cmplanner and its test tools into $(VENV)"
	$(PIP) install --quiet -e '.[test]'
	@touch $@

$(STAMP_BUILD): pyproject.toml $(STAMP_TEST)
	@echo "==> installing PyInstaller into $(VENV)"
	$(PIP) install --quiet -e '.[test,build]'
	@touch $@

install: $(STAMP_TEST)

# The real AT Protocol server the Bluesky tests run on loopback (tests/atproto, Node 20).
# `npm ci` again only when the lock file changed; better-sqlite3 compiles against the local
# Node headers, and its prebuilt download points at a closed port so nothing is fetched
# but the npm packages. Without npm the install is skipped and those tests skip, saying so.
ATPROTO_DIR   := tests/atproto
ATPROTO_STAMP := $(ATPROTO_DIR)/node_modules/.stamp-ci

$(ATPROTO_STAMP): $(ATPROTO_DIR)/package-lock.json $(ATPROTO_DIR)/package.json
	@command -v npm >/dev/null || { echo "warning: npm not found: the AT Protocol tests will be skipped (install Node 20)"; exit 0; }; \
	echo "==> installing the AT Protocol test server into $(ATPROTO_DIR)/node_modules (node $$(node --version))"; \
	cd $(ATPROTO_DIR) && npm_config_nodedir=/usr npm_config_better_sqlite3_binary_host=http://127.0.0.1:9 \
	  npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.stamp-ci

atproto-server: $(ATPROTO_STAMP)

# ---------------------------------------------------------------- the app

# Qt needs system libraries a fresh Debian machine may lack: as root they are installed
# here (scripts/install_system_deps.sh); otherwise a hint says how.
run: $(STAMP_TEST)
	@$(BIN)/python -c 'import PySide6.QtWidgets' 2>/dev/null || { \
	  if [ "$$(id -u)" -eq 0 ]; then \
	    echo "==> Qt cannot load yet: installing its system libraries"; \
	    bash scripts/install_system_deps.sh; \
	  fi; \
	  $(BIN)/python -c 'import PySide6.QtWidgets' 2>/dev/null || { \
	    echo; echo "error: Qt cannot load on this machine:"; \
	    $(BIN)/python -c 'import PySide6.QtWidgets' 2>&1 | tail -n 1 | sed 's/^/    /'; \
	    echo "hint: install Qt's system libraries and fonts once with:  sudo make system-deps"; \
	    echo; exit 1; }; }
	$(BIN)/cmplanner

system-deps:
	bash scripts/install_system_deps.sh

# Refresh the translation sources from every tr() in the window (Qt Linguist opens them).
translations: $(STAMP_TEST)
	$(BIN)/pyside6-lupdate $$(git ls-files 'cmplanner/ui/*.py' 'cmplanner/ui/**/*.py') \
	  -ts resources/translations/cmplanner_es.ts

screenshots: $(STAMP_TEST)
	$(BIN)/python scripts/screenshots.py

bench: $(STAMP_TEST)
	$(BIN)/python bench/run.py

# ---------------------------------------------------------------- the suite
# `make test` runs every stage even when one fails, prints a table of stages with their
# times, a combined pytest count over both pytest runs as its last line, and fails if any
# stage failed. Each stage is also a target of its own.

# Sums the junit XML files of the pytest runs into one pytest-style closing line.
define PYTEST_SUMMARY_PY
import glob, sys, xml.etree.ElementTree as ET
t = dict(tests=0, failures=0, errors=0, skipped=0)
for f in sys.argv[1:]:
    if glob.glob(f):
        for suite in ET.parse(f).getroot().iter("testsuite"):
            for k in t:
                t[k] += int(suite.get(k, 0))
passed = t["tests"] - t["failures"] - t["errors"] - t["skipped"]
line = f"{passed} passed, {t['failures']} failed"
if t["skipped"]:
    line += f", {t['skipped']} skipped"
if t["errors"]:
    line += f", {t['errors']} errors"
print("all pytest runs combined:")
print(line)
endef
export PYTEST_SUMMARY_PY

# $(call stage,TITLE,COMMAND[,EXTRA_OK_EXIT_CODE]) -- no commas inside COMMAND
define stage
@printf '\n======================== %s ========================\n' '$(1)'; \
$(2); rc=$$?; \
if [ $$rc -eq 0 ] $(if $(3),|| [ $$rc -eq $(3) ]); then res=ok; \
elif [ $$rc -eq 124 ] || [ $$rc -eq 137 ]; then res="FAILED (timed out)"; \
else res="FAILED (exit $$rc)"; fi; \
printf -- '---- %s: %s in %ss\n' '$(1)' "$$res" "$$SECONDS"; \
mkdir -p $(RESULTS); printf '%-34s %-18s %5ss\n' '$(1)' "$$res" "$$SECONDS" >> $(STATUS)
endef

test: $(STAMP_BUILD) atproto-server
	@rm -rf $(RESULTS); mkdir -p $(RESULTS); : > $(STATUS); date +%s > $(RESULTS)/t0
	$(call stage,ruff check,$(BIN)/ruff check .)
	$(call stage,ruff format --check,$(BIN)/ruff format --check .)
	$(call stage,mypy,$(BIN)/mypy)
	$(call stage,pytest dnd (minimal:enable_fonts),$(PYTEST_DND) -m dnd --junitxml=$(RESULTS)/dnd.xml $(PYTEST_ARGS),5)
	$(call stage,pytest main (offscreen),$(PYTEST_MAIN) -m "not dnd" --junitxml=$(RESULTS)/main.xml $(PYTEST_ARGS))
	$(call stage,pytest main (PostgreSQL),$(PYTEST_PG) --junitxml=$(RESULTS)/postgresql.xml $(PYTEST_ARGS))
	$(call stage,frozen app (PyInstaller),$(MAKE) --no-print-directory frozen-check)
	@printf '\n======================== summary ========================\n'; \
	cat $(STATUS); \
	echo "total: $$(( $$(date +%s) - $$(cat $(RESULTS)/t0) ))s"; \
	$(BIN)/python -c "$$PYTEST_SUMMARY_PY" $(RESULTS)/*.xml | tee $(RESULTS)/summary.txt; \
	! grep -q FAILED $(STATUS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP_TEST)
	$(BIN)/mypy

pytest-main: $(STAMP_TEST)
	$(PYTEST_MAIN) -m "not dnd" $(PYTEST_ARGS)

pytest-pg: $(STAMP_TEST)
	$(PYTEST_PG) $(PYTEST_ARGS)

# pytest exits 5 when no test is collected: fine while no test is marked dnd.
pytest-dnd: $(STAMP_TEST)
	$(PYTEST_DND) -m dnd $(PYTEST_ARGS) || [ $$? -eq 5 ]

# ---------------------------------------------------------------- the frozen app

frozen: $(STAMP_BUILD)
	$(BIN)/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build build.spec

frozen-check: frozen
	bash scripts/frozen_smoke.sh dist/cmplanner/cmplanner

clean:
	rm -rf build dist
