# The project's public interface. Every target first makes sure the virtual
# environment in .venv exists with the pinned requirements, then calls the
# matching invoke task in tasks.py.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: serve test html publish validate clean

serve: $(READY)  ## build the site and serve it at http://localhost:8000, rebuilding on change
	$(BIN)/invoke serve

test: $(READY)  ## run the whole test suite
	$(BIN)/invoke test

html: $(READY)  ## build the site into output/
	$(BIN)/invoke html

publish: $(READY)  ## build the site for publication, with publishconf.py
	$(BIN)/invoke publish

validate: $(READY)  ## check every content file and list all problems
	$(BIN)/invoke validate

clean: $(READY)  ## remove output/ and caches
	$(BIN)/invoke clean

$(READY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-virtualenv -r requirements.txt
	touch $@
