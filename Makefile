# The project's public interface. Every target first makes sure the virtual
# environment in .venv exists with the pinned requirements, then calls the
# matching invoke task in tasks.py.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
# The content folder to build or check: make html CONTENT=path/to/content
CONTENT ?= content
TOOLS := node_modules/.ready

.PHONY: serve test html publish validate clean new-pair import bench

serve: $(READY)  ## build the site and serve it at http://localhost:8000, rebuilding on change
	$(BIN)/invoke serve --content "$(CONTENT)"

test: $(READY) $(TOOLS)  ## run the whole test suite
	$(BIN)/invoke test

html: $(READY)  ## build the site into output/
	$(BIN)/invoke html --content "$(CONTENT)"

publish: $(READY)  ## build the site for publication, with publishconf.py
	$(BIN)/invoke publish --content "$(CONTENT)"

validate: $(READY)  ## check every content file and list all problems
	$(BIN)/invoke validate --content "$(CONTENT)"

clean: $(READY)  ## remove output/ and caches
	$(BIN)/invoke clean

# make new-pair asks for the places; or give them: make new-pair FIRST="Boulder, CO, US" SECOND="Nablus, PS"
# (optional: KIND=sister STATUS=official SOURCE_URL=https://… SOURCE_TITLE="…")
new-pair: $(READY)  ## write a new partnership file, filled in from an offline gazetteer
	$(BIN)/invoke new-pair --first "$(FIRST)" --second "$(SECOND)" --kind "$(KIND)" \
		--status "$(or $(STATUS),unknown)" --source-url "$(SOURCE_URL)" --source-title "$(SOURCE_TITLE)"

$(READY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-virtualenv -r requirements.txt
	touch $@

# Test tools from npm (the Nu Html Checker). Without npm the HTML validity gate
# skips locally, saying how to install it; in CI it fails instead.
$(TOOLS): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: install Node.js to run the HTML validity gate"; \
	fi

# make import imports the shared data set of twin towns; FILE=… INTO=… for another list
IMPORT_FILE ?= ../shared/data/twin_cities.csv
import: $(READY)  ## import a CSV of twin-town pairs into imported/content (git ignores it)
	$(BIN)/invoke import-pairs "$(or $(FILE),$(IMPORT_FILE))" --into "$(or $(INTO),imported/content)"

# make bench SIZES=1000 for a quick run
SIZES ?= 1000,5000,25917
bench: $(READY)  ## measure the build at scale against stock Pelican; prints a table, writes bench-results.json
	$(BIN)/invoke bench --sizes "$(SIZES)"
