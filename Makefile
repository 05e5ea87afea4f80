# Two commands for new users: `make run` and `make test`. Each creates .venv and
# installs the pinned dependencies the first time (and whenever pyproject.toml changes).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FILE ?=

.PHONY: run test lint check gallery bench bench-parts clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py $(FILE)

# The code checks, then every test (PYTEST_ARGS='-m "not slow"' skips the soak and subprocess tests).
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# Format, lint, types (strict for the data layer) and the import contracts between the layers.
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

gallery: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m timeline_app.render.gallery gallery

# Every scale figure beside its floor (a table; JSON=out.json also writes them): make bench SIZES="1000 100000"
SIZES ?= 1000 10000 100000 1000000
JSON ?=
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench_scale.py $(SIZES) $(if $(JSON),--json $(JSON))

# The older benchmarks, each of one part: load steps, render frames, search keystrokes.
bench-parts: $(STAMP)
	$(BIN)/python tests/benchmarks/bench_load.py 1000 10000
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench_render.py 1000 10000
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench_search.py 1000 100000

check: $(STAMP)
	$(BIN)/python main.py --check $(FILE)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache .import_linter_cache build dist
