# EV Digest developer entry points.
#
#   make site    build the static site into site/ (regenerates docs/ from seeds/ first,
#                indexes it for search after)
#   make test    lint + format check + full pytest suite (what CI runs via .ci/run)
#   make serve   live-reloading preview at http://127.0.0.1:8000/ev-digest/ (the path of
#                site_url in mkdocs.yml)
#   make zensical  build the site with Zensical too (its own extra) and check the two
#                sites give readers the same pages, titles and search
#
# Each of these works from a fresh clone: the virtualenv is created and the
# package (with the `dev` extra) installed on demand. Re-installation happens
# only when pyproject.toml is newer than the install stamp.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help

# Material for MkDocs prints a box on every MkDocs run: it reaches end of life in May 2027,
# try Zensical. Known and acted on (issue 21: `make zensical`, CI's zensical job, README
# "Which builder"), so it is turned off the way the box itself says to.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help venv site serve zensical browser test bench train lint format clean distclean

help:
	@echo "Targets: venv site serve zensical browser test bench train lint format clean distclean"

# --- environment -------------------------------------------------------------

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The interpreter is an order-only prerequisite (only its existence matters);
# the install re-runs only when pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -e '.[dev]'
	touch $@

# Zensical is installed only for `make zensical`, never by `make test` or `make site`
ZENSICAL_STAMP := $(VENV)/.installed-zensical

$(ZENSICAL_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -e '.[dev,zensical]'
	touch $@

browser:
	bash scripts/install-browser.sh

# --- build -------------------------------------------------------------------

# the search index is made from the built HTML, after the builder (generator/search.py)
site: venv
	$(BIN)/ev-digest build
	$(BIN)/mkdocs build --strict
	$(BIN)/ev-digest index site

# --dirty: a save renders again only the pages it changed (see generator/mkdocs_hook.py)
serve: venv
	$(BIN)/mkdocs serve --dirty

# the seeds built by MkDocs and by Zensical, compared (scripts/zensical_parity.py)
zensical: $(ZENSICAL_STAMP)
	$(BIN)/python scripts/zensical_parity.py

bench: venv
	$(BIN)/python -m bench

# the head scorers' weights (generator/head_model.json) and the event decision's
# (generator/event_model.json) from the labelled corpora
train: venv
	$(BIN)/ev-digest train-head tests/corpus tests/corpus/unseen tests/corpus/sites
	$(BIN)/ev-digest train-events tests/corpus/sites tests/corpus/unseen tests/corpus/events-a

# --- quality -----------------------------------------------------------------

test: venv browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# --- cleanup -----------------------------------------------------------------
# Removes build output and caches only. Never touches docs/ or seeds/.

clean:
	rm -rf site/ build/ .pytest_cache/ .ruff_cache/ .hypothesis/ \
		tests/artifacts/ bench/work/ .evdigest-cache/ report.json
	rm -rf ./*.egg-info
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o \
		-type d -name __pycache__ -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV)
