# tbkit: `make lab` opens the quickstart notebook, `make test` runs every test.
# Both create .venv (Python 3.11+) and install tbkit with its dev extras when missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.tbkit-installed

.PHONY: lab test test-fast lint lint-js bench bench-compare fuzz soak clean js screenshots nashorn-cases nashorn-agreement tbel-oracle-data tbel-jvm-facts tbel-date-facts

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# JupyterLab's file browser starts at the repository (README, docs, examples), with the quickstart open.
# Its terminals (File > New > Terminal) start there too, in bash with your ~/.bashrc and then the project's
# .venv activated (after ~/.bashrc, which may put pyenv or conda first), so the README's commands and plain
# `python -m tbkit` work as written; kernels use the .venv's Python either way.
TERMINAL_RC := $(VENV)/lab-terminal.bashrc
lab: $(STAMP)
	@printf '%s\n' "# bash in JupyterLab's terminals under make lab (written by the Makefile)" \
		'[ -f ~/.bashrc ] && . ~/.bashrc' '. "$(CURDIR)/$(BIN)/activate"' > $(TERMINAL_RC)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS) \
		--ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks/01-quickstart.ipynb \
		--ServerApp.terminado_settings="shell_command=bash --rcfile $(CURDIR)/$(TERMINAL_RC) -i"

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP) lint-js
	$(BIN)/ruff check tbkit tests bench docs
	$(BIN)/ruff format --check tbkit tests bench docs
	$(BIN)/mypy

# ESLint (no-undef on) and prettier over the widget sources (js/) and the TBEL runtime; needs Node.js.
# The TBEL runtime is linted only (other work edits it); prettier checks js/ and tbkit/ui/static/tbkit.css.
lint-js:
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
		test -d js/node_modules || (cd js && npm ci --no-audit --no-fund); \
		js/node_modules/.bin/eslint --config js/eslint.config.mjs --max-warnings 0 js tbkit/converters/tbel \
			tbkit/converters/nashorn && \
		js/node_modules/.bin/prettier --config js/.prettierrc.json --check js/src js/build.mjs js/eslint.config.mjs \
			js/v8 tbkit/ui/static/tbkit.css; \
	else echo "lint-js: skipped (Node.js and npm not found; the committed bundles need neither)"; fi

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not kernel and not slow"

fuzz: $(STAMP)
	TBKIT_FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest tests/reliability/test_fuzz.py tests/converters/test_primordials_fuzz.py \
		--hypothesis-show-statistics \
		> bench/fuzz-results.txt; status=$$?; cat bench/fuzz-results.txt; exit $$status

soak: $(STAMP)
	$(BIN)/python bench/soak.py --uplinks 1000000

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# The widget bundles (tbkit/ui/static/*.js, CodeMirror in editor.js) from js/src, and the JS parser for V8
# (tbkit/converters/jsparse.js, acorn) from js/v8; needs Node.js and npm.
# Commit the result: tests/ui/test_ui_bundle.py checks every bundle matches the sources and the lock file.
js:
	cd js && npm ci --no-audit --no-fund && npm run build

# ThingsBoard's local JS engine (Nashorn 15.4 in delight-nashorn-sandbox 0.4.5) answers on generated decoders,
# recorded as test data (tests/converters/nashorn/cases.jsonl.gz; `make test` checks tbkit against them, no Java).
# Needs the reference runner: NASHORN_ORACLE is the folder with its classpath.txt (see ../shared/nashorn-oracle).
NASHORN_ORACLE ?= /work/oracles/nashorn
nashorn-cases: $(STAMP)
	NASHORN_ORACLE=$(NASHORN_ORACLE) $(BIN)/python -m tests.converters.nashorn.record_cases

# Agreement of js_engine="local" with the runner, and the warnings of "remote", on decoders the tests do not record
# (other seeds of both generators); writes tests/converters/nashorn/AGREEMENT.md. Needs the runner too.
nashorn-agreement: $(STAMP)
	NASHORN_ORACLE=$(NASHORN_ORACLE) $(BIN)/python -m tests.converters.nashorn.evaluate

# The README's screenshots (docs/*.png) of the quickstart in JupyterLab; needs /usr/bin/chromium.
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Converter and replay speed of the working tree beside another revision, one run: make bench-compare BASE=main~1
BASE ?= HEAD
bench-compare: $(STAMP)
	$(BIN)/python bench/compare.py $(BASE)

# TBEL facts from ThingsBoard's engine. Each needs Java; all but tbel-date-facts also need the TBEL reference runner
# (TBEL_ORACLE=path/to/oracle, built by tbel-oracle's build.sh). Commit what they write: make test needs no Java.
# tbel-oracle-data: the recorded outcomes tests/converters/tbel/test_recorded.py replays (generated programs and
# every reproducer, tools/tbel_oracle/record.py); tbel-jvm-facts: the methods, conversions and imports MVEL chooses
# among (tbkit/converters/tbel/jvm_facts.json); tbel-date-facts: Java 17's localized date text (date_facts.json).
tbel-oracle-data: $(STAMP)
	@test -n "$(TBEL_ORACLE)" || { echo "usage: make tbel-oracle-data TBEL_ORACLE=path/to/oracle"; exit 2; }
	$(BIN)/python tools/tbel_oracle/record.py --oracle "$(TBEL_ORACLE)"

tbel-jvm-facts: $(STAMP)
	@test -n "$(TBEL_ORACLE)" || { echo "usage: make tbel-jvm-facts TBEL_ORACLE=path/to/oracle"; exit 2; }
	$(BIN)/python tools/tbel_oracle/jvmfacts.py --oracle "$(TBEL_ORACLE)"

tbel-date-facts: $(STAMP)
	$(BIN)/python tools/tbel_oracle/datefacts.py
