# The two quick-start commands: `make demo` and `make test`.
PYTHON ?= python3
export PYTHON

.PHONY: install demo test lint

install:
	bash scripts/install.sh

demo: install
	newsgraph analyze examples/news/ --format table

lint:
	$(PYTHON) -m ruff check newsgraph tests eval bench
	$(PYTHON) -m ruff format --check newsgraph tests eval bench

test:
	bash scripts/install.sh --test
	$(MAKE) lint
	$(PYTHON) -m pytest -q -p no:cacheprovider
