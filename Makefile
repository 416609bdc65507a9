# Two commands do everything on a fresh machine:
#   make book   create the environment (first run), derive tables, execute notebooks, build HTML
#   make test   every test: fixity, drift, lint, unit tests, nbval, the book build (and, where
#               TeX is installed, the PDF edition, built beside the tests; the HTML tested links it)
#   make pdf    the PDF edition, _build/pdf/kz-tm-report.pdf, then the HTML that links it
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed
PIP_VERSION := 26.3

# Each step runs only when its inputs changed: make compares file times against the stamps in
# _build/.make/ (a fast path), and tools/run_notebooks.py then decides by content hashes which
# notebooks to execute (book/_execution.json), so a fresh clone agrees with this machine.
# Stamps never decide alone: `python -m analysis verify` runs on every `make book` (hashes only,
# well under a second): each source against the catalogue, each file of data/derived/ against
# datapackage.json, each input, analysis module and pin against the hash the last derive
# recorded. A missing derived file or a changed input or module derives again; a hand-edited
# table or a missing source stops here.
MK         := _build/.make
# No built-in rules: make would otherwise try each of them on every file the book depends on
# (0.06 s of a no-change build spent looking for ways to make files nobody asked it to make).
MAKEFLAGS  += --no-builtin-rules
.SUFFIXES:
export NO_COLOR := 1
JOBS       ?= $(shell nproc 2>/dev/null || echo 1)
SRC_FILES  := $(shell find src -name '*.py' -not -path '*/__pycache__/*' 2>/dev/null)
DERIVE_IN  := $(SRC_FILES) CITATION.cff $(shell find data/sources data/reference data/codebooks -type f 2>/dev/null)
DERIVED    := $(wildcard data/derived/*)
NOTEBOOKS  := $(wildcard book/*.ipynb)
RUNNER     := tools/run_notebooks.py
BOOK_IN    := _config.yml _toc.yml $(wildcard *.cff) $(wildcard data/derived/figures/*) \
              $(filter-out book/_execution.json,$(shell find book _static _templates tools/sphinx -type f -not -path '*/.ipynb_checkpoints/*' 2>/dev/null))
# tools/build_book.py: a full build into a temporary folder, swapped in only when it passes
JB_BUILD    = $(BIN)/python tools/build_book.py

# The PDF edition (tools/build_pdf.py); its name is _config.yml's latex targetname.
PDF        := _build/pdf/kz-tm-report.pdf
# Debian's TeX for the PDF edition and for tests/test_citation_latex.py (BibTeX, biber, biblatex);
# Sphinx's LaTeX class wants the TeX Gyre fonts. Not texlive-fonts-extra (500 MB), which only
# Jupyter Book's own class needs (use_jupyterbook_latex: false in _config.yml).
TEX_PACKAGES := texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
                texlive-bibtex-extra tex-gyre latexmk biber poppler-utils \
                texlive-lang-cyrillic cm-super-minimal

.PHONY: book test env derive check verify notebooks pages html pdf tex browser browser-apt determinism lint clean \
        bench lab FORCE

book: $(MK)/html

env: $(READY)

# A stamp whose interpreter is gone (a deleted or moved .venv/bin/python) does not count.
$(READY): pyproject.toml constraints.txt $(if $(wildcard $(BIN)/python),,FORCE)
	@echo "==> creating the virtual environment $(VENV) and installing the pinned packages (first run: a few minutes)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	@$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

# The project's own modules compiled to bytecode, as pip compiles every package it installs
# (an editable install's sources it does not): where PYTHONDONTWRITEBYTECODE is set, every
# process that imports them, each kernel and each test's subprocess, would otherwise compile
# them again (0.13 s a process). Only when a module changed; __pycache__/ is not committed.
PY_FILES   := $(SRC_FILES) $(shell find tools -name '*.py' -not -path '*/__pycache__/*' 2>/dev/null)
$(MK)/bytecode: $(READY) $(PY_FILES)
	@$(BIN)/python -m compileall -q -j 0 src tools >/dev/null
	@mkdir -p $(MK) && touch $@

derive: $(READY)
	@echo "==> deriving tables into data/derived/ (sources checked against their SHA-256 first)"
	@$(BIN)/python -m analysis derive
	@mkdir -p $(MK) && touch $(MK)/derived

verify: $(READY) $(MK)/bytecode
	@$(BIN)/python -m analysis verify --derive-if-needed

# Nothing to run here: the verify step before it has derived again if data/derived/ is older,
# by content, than an input, the code that derives it or the pins (datapackage.json records the
# hash of each), so a fresh clone or a removed _build/ derives only when something changed.
$(MK)/derived: $(READY) $(DERIVE_IN) | verify
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

NOTEBOOKS_IN := $(MK)/derived $(NOTEBOOKS) $(DERIVED) $(SRC_FILES) $(RUNNER) pyproject.toml constraints.txt $(wildcard *.cff)
$(MK)/notebooks: $(NOTEBOOKS_IN)
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

# Where a PDF edition exists it is a prerequisite of the HTML, so a stale one is rebuilt first:
# the landing page links the PDF only when it exists (tools/sphinx/pdf_edition.py), and never
# an edition of other sources. (Not `make -q`: the verify step runs on every make by design.)
# The notebook runner runs beside the HTML build, which reads each notebook once it is stored
# (tools/sphinx/notebooks_ready.py): the build's start and the other pages overlap the kernels.
$(MK)/html: $(NOTEBOOKS_IN) $(MK)/pages $(BOOK_IN) $(READY) $(wildcard $(PDF))
	@echo "==> executing the notebooks in book/ whose code or inputs changed, and building the HTML book into _build/html beside them (warnings are errors; a failed build keeps the last good one)"
	@$(JB_BUILD) --with-runner --jobs $(JOBS)
	@touch $(MK)/notebooks $@

# JupyterLab on book/ with the project's kernel (the environment's Python, where analysis is
# installed), to re-run a chapter as a reader would. LAB_PORT=8890, NO_BROWSER=1, LAB_ARGS=...
LAB_PORT ?= 8888
# The kernel spec goes into this checkout's _build/, not into the environment: a clone sharing
# the environment (make bench) would otherwise leave a spec naming its vanished interpreter.
LAB_KERNELS := _build/jupyter
lab: $(READY)
	@$(BIN)/python -m ipykernel install --prefix "$(CURDIR)/$(LAB_KERNELS)" --name python3 \
	  --display-name "Python 3 (kz-tm-report)" >/dev/null
	@echo "==> JupyterLab on book/ at http://localhost:$(LAB_PORT)/lab (Ctrl-C twice stops it)"
	@JUPYTER_PATH="$(CURDIR)/$(LAB_KERNELS)/share/jupyter" $(BIN)/jupyter lab --ServerApp.root_dir=book \
	  --ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0 \
	  $(if $(NO_BROWSER),--no-browser) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

pdf: tex
	@$(MAKE) --no-print-directory $(PDF)
	@$(MAKE) --no-print-directory html

$(PDF): $(MK)/notebooks $(MK)/pages $(BOOK_IN) $(READY) tools/build_pdf.py
	@echo "==> building the PDF edition into $(PDF) through LaTeX (an error or warning fails it; a failed build keeps the last good one)"
	@$(BIN)/python tools/build_pdf.py

# TeX for the PDF edition and the citation test; Debian's packages, root only (as the browser).
tex:
	@if command -v latexmk >/dev/null 2>&1 && command -v biber >/dev/null 2>&1 \
	    && command -v pdftotext >/dev/null 2>&1 && kpsewhich tgtermes.sty biblatex.sty x2enc.def >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "==> installing Debian's TeX for the PDF edition and the citation test"; \
	  apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $(TEX_PACKAGES); \
	else echo "==> TeX not installed and cannot be (not root or no apt-get): no PDF edition, and the citation test is skipped"; fi

# The browser test (tests/test_browser.py) drives Debian's chromium through Debian's
# chromium-driver with Selenium, and runs axe-core (npm, pinned in package.json and locked in
# package-lock.json) inside every page. apt needs root; where a part cannot be installed this
# says why, and the test skips saying the same.
browser: browser-apt node_modules/.package-lock.json

browser-apt:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "==> installing Debian's chromium and chromium-driver for the browser test"; \
	  apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium chromium-driver; \
	else echo "==> chromium or chromium-driver not installed and cannot be (not root or no apt-get): the browser test will be skipped"; fi

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "==> installing axe-core (package-lock.json) into node_modules/ for the accessibility check"; \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "==> npm not installed: the accessibility check of the browser test will be skipped"; fi

lint: $(READY)
	@$(BIN)/ruff check src tests tools benchmarks

# The notebooks and pages are brought up to date first (the tests read them); the PDF edition
# is then built beside the tests, which wait for it where they need it (tools/test_suite.py).
test: $(READY) browser tex
	@$(MAKE) -s --no-print-directory $(MK)/notebooks $(MK)/pages
	@echo "==> checking the sources' fixity (that data/derived/ matches a fresh derivation is a test:"
	@echo "    tests/test_tables.py, test_check_passes_on_the_committed_tables)"
	@$(BIN)/python -m analysis verify-sources
	@echo "==> lint"
	@$(BIN)/ruff check src tests tools benchmarks
	@echo "==> unit tests, notebook tests (nbval) and the book build, $(JOBS) at a time"
	@$(BIN)/python tools/test_suite.py --pdf $(PDF) -n $(JOBS) --dist loadfile --no-loadscope-reorder

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

FORCE:
