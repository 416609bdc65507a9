# Two commands do everything on a fresh machine:
#   make book   create the environment (first run), derive tables, execute notebooks, build HTML
#   make test   every test: fixity, drift, lint, unit tests, nbval, the book build
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed
PIP_VERSION := 26.3

.PHONY: book test env derive check notebooks html lint clean

book: html

env: $(READY)

$(READY): pyproject.toml constraints.txt
	@echo "==> creating the virtual environment $(VENV) and installing the pinned packages (first run: a few minutes)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	@$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

derive: $(READY)
	@echo "==> deriving tables into data/derived/ (sources checked against their SHA-256 first)"
	@$(BIN)/python -m analysis derive

check: $(READY)
	@$(BIN)/python -m analysis check

notebooks: derive
	@echo "==> executing the notebooks in book/"
	@$(BIN)/python tools/run_notebooks.py

html: notebooks
	@echo "==> building the HTML book into _build/html (warnings are errors)"
	@$(BIN)/jupyter-book build . -W -n --keep-going --quiet

lint: $(READY)
	@$(BIN)/ruff check src tests tools

test: $(READY)
	@echo "==> checking the sources' fixity and that data/derived/ matches a fresh derivation"
	@$(BIN)/python -m analysis verify-sources
	@$(BIN)/python -m analysis check
	@echo "==> lint"
	@$(BIN)/ruff check src tests tools
	@echo "==> unit tests, notebook tests (nbval) and the book build"
	@$(BIN)/python -m pytest

clean:
	rm -rf _build
