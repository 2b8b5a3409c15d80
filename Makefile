# tbkit: `make lab` opens the quickstart notebook, `make test` runs every test.
# Both create .venv (Python 3.11+) and install tbkit with its dev extras when missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.tbkit-installed

.PHONY: lab test test-fast lint bench fuzz soak clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# JupyterLab's file browser starts at the repository (README, docs, examples), with the quickstart open.
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/notebooks/01-quickstart.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check tbkit
	$(BIN)/mypy

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not kernel and not slow"

fuzz: $(STAMP)
	TBKIT_FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest tests/reliability/test_fuzz.py --hypothesis-show-statistics \
		> bench/fuzz-results.txt; status=$$?; cat bench/fuzz-results.txt; exit $$status

soak: $(STAMP)
	$(BIN)/python bench/soak.py --uplinks 1000000

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# The ConverterEditor's CodeMirror bundle (tbkit/ui/static/editor.js) from js/editor; needs Node.js and npm.
# Commit the result: tests/ui/test_ui_bundle.py checks it matches the sources and the lock file.
js:
	cd js/editor && npm ci --no-audit --no-fund && npm run build

bench: $(STAMP)
	$(BIN)/python bench/run.py
