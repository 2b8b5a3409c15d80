# tbkit: `make lab` opens the quickstart notebook, `make test` runs every test.
# Both create .venv (Python 3.11+) and install tbkit with its dev extras when missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.tbkit-installed

.PHONY: lab test test-fast bench fuzz soak check-env clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/01-quickstart.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not kernel"

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
