# Röda tråden. Two commands: `make demo` and `make test`. Needs Python >= 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# xstatic-bootstrap is built from an sdist that needs setuptools' pkg_resources.
# pip before 26 constrains build dependencies through PIP_CONSTRAINT, pip 26 and
# later only through PIP_BUILD_CONSTRAINT, so both are set.
export PIP_CONSTRAINT := $(CURDIR)/constraints/build.txt
export PIP_BUILD_CONSTRAINT := $(CURDIR)/constraints/build.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test install install-dev serve lint typecheck check messages bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Röda tråden needs Python 3.11 or newer.")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints/build.txt
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make demo: install, migrate, load the Mjölby demo and serve it on http://127.0.0.1:$(PORT)
demo: export REDTHREAD_DEMO := 1
demo: $(VENV)/.installed
	$(BIN)/redthread migrate --noinput
	$(BIN)/redthread collectstatic --noinput --verbosity 0
	$(BIN)/redthread load-demo
	$(BIN)/redthread serve --port $(PORT)

## make test: install with the test tools and run the whole suite, browser tests included
test: $(VENV)/.installed-dev
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy src

## make check: everything CI checks besides the tests
check: lint typecheck
	$(BIN)/redthread makemigrations --check --dry-run

## make messages: extract the UI strings of every app into its English catalogue and compile
messages: $(VENV)/.installed-dev
	$(BIN)/python -m redthread.core.i18n update

## make bench: every benchmark (ONLY=name for one); figures in benchmarks/RESULTS.md
bench: $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) var
