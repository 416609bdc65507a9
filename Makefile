# Two commands do everything on a fresh machine:
#   make book   create the environment (first run), derive tables, execute notebooks, build HTML
#   make test   every test: fixity, drift, lint, unit tests, nbval, the book build
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed
PIP_VERSION := 26.3

.PHONY: book test env derive check notebooks pages html browser determinism lint clean

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

pages: derive
	@echo "==> writing the generated pages book/data.md and book/cite.md"
	@$(BIN)/python tools/write_pages.py

html: notebooks pages
	@echo "==> building the HTML book into _build/html (warnings are errors; a failed build keeps the last good one)"
	@$(BIN)/python tools/build_book.py

# Headless Chromium for the browser test (tests/test_browser.py); Debian's package, root only.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "==> installing Debian's chromium for the browser test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "==> chromium not installed and cannot be (not root or no apt-get): the browser test will be skipped"; fi; }

lint: $(READY)
	@$(BIN)/ruff check src tests tools

test: $(READY) browser
	@echo "==> checking the sources' fixity and that data/derived/ matches a fresh derivation"
	@$(BIN)/python -m analysis verify-sources
	@$(BIN)/python -m analysis check
	@echo "==> lint"
	@$(BIN)/ruff check src tests tools
	@echo "==> unit tests, notebook tests (nbval) and the book build"
	@$(BIN)/python -m pytest

# After `make book` on a clean checkout, `git status` is clean: derive, pages and every notebook
# re-run in a fresh clone of HEAD (about a minute, so not part of every `make test`).
determinism: $(READY)
	@echo "==> deriving and executing everything in a fresh clone of HEAD; git status must stay clean"
	@$(BIN)/python -m pytest -m clean_checkout tests/test_clean_checkout.py

clean:
	rm -rf _build
