# Two commands: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_LINK_MODE := copy

.PHONY: run test bench lint format install samples

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

install: $(UV)
	@$(UV) sync --frozen --quiet

run: install
	@$(UV) run --frozen python scripts/dev.py

test: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen pytest $(PYTEST_ARGS)

bench: install
	$(UV) run --frozen python bench/run.py

lint: install
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

samples: install
	$(UV) run --frozen python scripts/make_samples.py
