# Two commands for new users: `make run` and `make test`. Each creates .venv and
# installs the pinned dependencies the first time (and whenever pyproject.toml changes).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FILE ?=

.PHONY: run test check gallery clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py $(FILE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

gallery: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m timeline_app.render.gallery gallery

check: $(STAMP)
	$(BIN)/python main.py --check $(FILE)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist
