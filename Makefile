# The two quick-start commands: `make demo` and `make test`.
PYTHON ?= python3
export PYTHON

.PHONY: install demo test lint

install:
	bash scripts/install.sh

demo: install
	newsgraph analyze examples/news/ --format table

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

test:
	bash scripts/install.sh --test
	$(MAKE) lint
	$(PYTHON) -m pytest -q -p no:cacheprovider
