# Two commands do everything on a fresh machine:
#   make book   create the environment (first run), derive tables, execute notebooks, build HTML
#   make test   every test: fixity, drift, lint, unit tests, nbval, the book build
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed
PIP_VERSION := 26.3

# Each step runs only when its inputs changed: make compares file times against the stamps in
# _build/.make/ (a fast path), and tools/run_notebooks.py then decides by content hashes which
# notebooks to execute (book/_execution.json), so a fresh clone agrees with this machine.
MK         := _build/.make
JOBS       ?= $(shell nproc 2>/dev/null || echo 1)
SRC_FILES  := $(shell find src -name '*.py' -not -path '*/__pycache__/*' 2>/dev/null)
DERIVE_IN  := $(SRC_FILES) $(shell find data/sources data/reference data/codebooks -type f 2>/dev/null)
DERIVED    := $(wildcard data/derived/*)
NOTEBOOKS  := $(wildcard book/*.ipynb)
RUNNER     := tools/run_notebooks.py
BOOK_IN    := _config.yml _toc.yml $(wildcard *.cff) $(wildcard data/derived/figures/*) \
              $(filter-out book/_execution.json,$(shell find book _static _templates tools/sphinx -type f -not -path '*/.ipynb_checkpoints/*' 2>/dev/null))
# tools/build_book.py: a full build into a temporary folder, swapped in only when it passes
JB_BUILD    = $(BIN)/python tools/build_book.py

.PHONY: book test env derive check notebooks pages html browser determinism lint clean bench lab

book: $(MK)/html

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
	@mkdir -p $(MK) && touch $(MK)/derived

$(MK)/derived: $(READY) $(DERIVE_IN)
	@echo "==> deriving tables into data/derived/ (sources checked against their SHA-256 first)"
	@$(BIN)/python -m analysis derive
	@mkdir -p $(MK) && touch $@

check: $(READY)
	@$(BIN)/python -m analysis check

# `make notebooks` always asks the runner, which first rewrites every notebook as the project
# keeps it (head cells current; no timings or other traces of a reader's run), then executes
# only the notebooks whose code or declared inputs changed (add FORCE=1 to execute every one).
notebooks: $(MK)/derived
	@echo "==> executing the notebooks in book/ whose code or inputs changed"
	@$(BIN)/python tools/run_notebooks.py --jobs $(JOBS) $(if $(FORCE),--force)
	@touch $(MK)/notebooks

$(MK)/notebooks: $(MK)/derived $(NOTEBOOKS) $(DERIVED) $(SRC_FILES) $(RUNNER) pyproject.toml constraints.txt $(wildcard *.cff)
	@echo "==> executing the notebooks in book/ whose code or inputs changed"
	@$(BIN)/python tools/run_notebooks.py --jobs $(JOBS)
	@touch $@

pages: $(MK)/derived
	@echo "==> writing the generated pages book/data.md and book/cite.md"
	@$(BIN)/python tools/write_pages.py
	@touch $(MK)/pages

$(MK)/pages: $(MK)/derived tools/write_pages.py $(wildcard *.cff)
	@echo "==> writing the generated pages book/data.md and book/cite.md"
	@$(BIN)/python tools/write_pages.py
	@touch $@

html: $(MK)/html

$(MK)/html: $(MK)/notebooks $(MK)/pages $(BOOK_IN) $(READY)
	@echo "==> building the HTML book into _build/html (warnings are errors; a failed build keeps the last good one)"
	@$(JB_BUILD)
	@touch $@

# JupyterLab on book/ with the project's kernel (the environment's Python, where analysis is
# installed), to re-run a chapter as a reader would. LAB_PORT=8890, NO_BROWSER=1, LAB_ARGS=...
LAB_PORT ?= 8888
lab: $(READY)
	@$(BIN)/python -m ipykernel install --sys-prefix --name python3 \
	  --display-name "Python 3 (kz-tm-report)" >/dev/null
	@echo "==> JupyterLab on book/ at http://localhost:$(LAB_PORT)/lab (Ctrl-C twice stops it)"
	@JUPYTER_PATH="$(CURDIR)/$(VENV)/share/jupyter" $(BIN)/jupyter lab --ServerApp.root_dir=book \
	  --ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0 \
	  $(if $(NO_BROWSER),--no-browser) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# Headless Chromium for the browser test (tests/test_browser.py); Debian's package, root only.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "==> installing Debian's chromium for the browser test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "==> chromium not installed and cannot be (not root or no apt-get): the browser test will be skipped"; fi; }

lint: $(READY)
	@$(BIN)/ruff check src tests tools benchmarks

test: $(READY) browser
	@echo "==> checking the sources' fixity and that data/derived/ matches a fresh derivation"
	@$(BIN)/python -m analysis verify-sources
	@$(BIN)/python -m analysis check
	@echo "==> lint"
	@$(BIN)/ruff check src tests tools benchmarks
	@echo "==> unit tests, notebook tests (nbval) and the book build, $(JOBS) at a time"
	@$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

# Build speed against the stock Jupyter Book template (writes benchmarks/results/latest.json);
# e.g. make bench BENCH_ARGS="--runs 1".
bench: $(READY)
	@$(BIN)/python benchmarks/build_speed.py $(BENCH_ARGS)

# After `make book` on a clean checkout, `git status` is clean: derive, pages and every notebook
# re-run in a fresh clone of HEAD; and `jupyter nbconvert --execute` of every chapter, from the
# root and from book/, gives the committed outputs (a few minutes, so not in every `make test`).
determinism: $(READY)
	@echo "==> deriving and executing everything in a fresh clone of HEAD; git status must stay clean"
	@$(BIN)/python -m pytest -m clean_checkout tests/test_clean_checkout.py tests/test_reader_tools.py

clean:
	rm -rf _build
