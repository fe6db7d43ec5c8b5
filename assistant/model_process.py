"""The models in a process of their own, so the app starts in parallel on two cores.

Importing torch and transformers and loading MiniLM takes ~5 s; importing Gradio and building the
app takes about as long. `ProcessEmbedder.start()` launches `python -m assistant.model_process`
first, then the app loads beside it, and the first answer comes seconds sooner. The reader
(`ProcessEmbedder.reader()`) is loaded and served by the same process, so the web app's process
never imports torch at all.

The pipe carries one JSON line per request and answer; vectors follow an answer as raw float32
bytes. Nothing is pickled. Readings (and NER tags) asked for while the process is busy with
another caller's (concurrent chat users) wait together and go over the pipe as one request, read
in one batch (`ProcessEmbedder.together`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import numpy as np

from assistant.embedding import EMBEDDERS, CachedQueries, Embedder, make_embedder
from assistant.entities import Entity, EntityTagger, make_tagger
from assistant.errors import ConfigurationError, NewsdeskError
from assistant.reader import READ_TOKENS, Reader, Reading
from assistant.readers import make_reader


class ModelProcessFailed(NewsdeskError):
    """The models' process stopped or answered nonsense."""


class ProcessEmbedder(CachedQueries):
    """An Embedder whose model runs in a child process (same vectors, same token counts)."""

    def __init__(
        self,
        name: str,
        process: subprocess.Popen[bytes],
        reader: str | None = None,
        tagger: str | None = None,
    ) -> None:
        factory = EMBEDDERS[name]
        self.reader_name = reader
        self.tagger_name = tagger
        self.id = getattr(factory, "id", name)
        self.dimension = int(getattr(factory, "dimension", 0))
        self._process = process
        self._lock = threading.Lock()  # the pipe
        self._waiting: list[_Asked] = []  # requests made while the pipe was busy
        self._waiting_lock = threading.Lock()

    @classmethod
    def start(
        cls,
        name: str,
        reader: str | None = None,
        reader_tokens: int = READ_TOKENS,
        tagger: str | None = None,
    ) -> ProcessEmbedder:
        """Launch the model process for an embedder id (and a reader id and an NER tagger id,
        loaded after it); returns before the models are loaded."""
        if name not in EMBEDDERS:
            make_embedder(name)  # raises the ConfigurationError that lists the valid ids
        if tagger is not None:
            make_tagger(tagger)  # the same for the tagger's id (nothing loads yet)
        command = [sys.executable, "-m", "assistant.model_process", name]
        command += [reader or "-", str(reader_tokens), tagger or "-"]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return cls(name, process, reader, tagger)

    def reader(self) -> Reader | None:
        """The reader this process serves (None when it was started without one)."""
        return None if self.reader_name is None else ProcessReader(self)

    def tagger(self) -> EntityTagger | None:
        """The NER tagger this process serves (None when it was started without one)."""
        return None if self.tagger_name is None else ProcessTagger(self)

    def _call(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        with self._lock:
            return self._exchange(request)

    def _exchange(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        """One request and its answer over the pipe (the caller holds `_lock`)."""
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(json.dumps(request).encode() + b"\n")
            stdin.flush()
            header = json.loads(stdout.readline() or b"null")
            if not isinstance(header, dict):
                raise ModelProcessFailed(
                    f"the embedding model's process stopped (exit code {self._process.poll()})"
                )
            payload = stdout.read(int(header.get("bytes", 0)))
        except (OSError, ValueError) as error:
            raise ModelProcessFailed(f"the embedding model's process failed: {error}") from error
        if not header.get("ok"):
            model = {"read": "the reader", "entities": "the NER model"}.get(
                request["op"], "the embedding model"
            )
            raise ModelProcessFailed(f"{model} failed: {header.get('error')}")
        return header, payload

    def together(self, op: str, request: Any) -> Any:
        """The answer to one caller's `request` of kind `op` ("read", "entities"), sent with the
        requests of that kind of every caller waiting for the pipe meanwhile (concurrent chat
        users): the first to get the pipe sends them as one batch; each takes its own answer."""
        asked = _Asked(op, request)
        with self._waiting_lock:
            self._waiting.append(asked)
        with self._lock:
            if not asked.done:
                with self._waiting_lock:
                    batch = [a for a in self._waiting if a.op == op]
                    self._waiting = [a for a in self._waiting if a.op != op]
                try:
                    header, _ = self._exchange({"op": op, "requests": [a.request for a in batch]})
                    for each, answer in zip(batch, header["answers"], strict=True):
                        each.answer = answer
                except Exception as error:  # every caller of the batch gets the failure
                    for each in batch:
                        each.error = error
                for each in batch:
                    each.done = True
        if asked.error is not None:
            raise asked.error
        return asked.answer

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        _, payload = self._call({"op": "embed", "texts": list(texts), "batch_size": batch_size})
        vectors = np.frombuffer(payload, dtype=np.float32).reshape(len(texts), self.dimension)
        return vectors.copy()

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        header, _ = self._call({"op": "count", "texts": list(texts)})
        return [int(n) for n in header["counts"]]

    def wait_until_loaded(self) -> None:
        """Block until the model is loaded (the first request waits for it anyway)."""
        self._call({"op": "ping"})

    def close(self) -> None:
        """Stop the model process."""
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=30)


@dataclass
class _Asked:
    """One caller's request, waiting to be sent in the next batch of its kind."""

    op: str
    request: Any
    answer: Any = None
    error: Exception | None = None
    done: bool = False


class ProcessReader(Reader):
    """The reader, run by the model process (same readings as in this process)."""

    def __init__(self, models: ProcessEmbedder, later: bool = False) -> None:
        super().__init__()
        self.models = models
        self.later = later  # read by the model process's reader's later_looks()

    def warm_up(self) -> None:
        self.models.wait_until_loaded()

    def later_looks(self) -> Reader:
        return ProcessReader(self.models, later=True)

    def read(self, question: str, windows: Sequence[str]) -> list[Reading]:
        if not windows:
            return []
        readings = self.models.together("read", [question, list(windows), self.later])
        return [
            Reading(score, start, end, tuple((a, b, gap) for a, b, gap in others))
            for score, start, end, others in readings
        ]


class ProcessTagger(EntityTagger):
    """The NER tagger, run by the model process (same entities as in this process)."""

    def __init__(self, models: ProcessEmbedder) -> None:
        self.models = models
        self.name = models.tagger_name or "none"

    def warm_up(self) -> None:
        self.models.wait_until_loaded()

    def entities(self, texts: Sequence[str]) -> list[list[Entity]]:
        if not texts:
            return []
        found = self.models.together("entities", list(texts))
        return [[Entity(*e) for e in entities] for entities in found]


def serve(
    embedder: Embedder,
    requests: IO[bytes],
    answers: IO[bytes],
    reader: Reader | None = None,
    tagger: EntityTagger | None = None,
) -> None:
    """The model process's loop: one JSON request a line, until the pipe closes."""
    for line in requests:
        try:
            request = json.loads(line)
            payload = b""
            if request["op"] == "embed":
                vectors = embedder.embed_documents(request["texts"], int(request["batch_size"]))
                payload = np.ascontiguousarray(vectors, dtype=np.float32).tobytes()
                header: dict[str, Any] = {"ok": True}
            elif request["op"] == "count":
                header = {"ok": True, "counts": embedder.count_tokens(request["texts"])}
            elif request["op"] == "read" and reader is not None:
                header = {
                    "ok": True,
                    "answers": [
                        [[r.score, r.start, r.end, [list(a) for a in r.alternatives]] for r in got]
                        for got in _read_all(reader, request["requests"])
                    ],
                }
            elif request["op"] == "entities" and tagger is not None:
                texts = [list(t) for t in request["requests"]]  # every caller's texts, one pass
                found = iter(tagger.entities([text for group in texts for text in group]))
                header = {
                    "ok": True,
                    "answers": [
                        [[[e.start, e.end, e.label] for e in next(found)] for _ in group]
                        for group in texts
                    ],
                }
            elif request["op"] == "ping":
                header = {"ok": True}
            else:
                header = {"ok": False, "error": f"unknown request {request['op']!r}"}
        except Exception as error:  # the parent gets the message; this process goes on
            header, payload = {"ok": False, "error": f"{type(error).__name__}: {error}"}, b""
        header["bytes"] = len(payload)
        answers.write(json.dumps(header).encode() + b"\n" + payload)
        answers.flush()


def _read_all(reader: Reader, requests: Sequence[Sequence[Any]]) -> list[list[Reading]]:
    """Every caller's [question, windows, later] read in one batch — in two when the reader
    reads later looks with another reader (a cascade's first reader alone), each in order."""
    asked = [(str(r[0]), list(r[1])) for r in requests]
    later = [len(r) > 2 and bool(r[2]) for r in requests]
    second = reader.later_looks()
    if second is reader:
        return reader.read_many(asked)
    readings: dict[int, list[Reading]] = {}
    for model, wanted in ((reader, False), (second, True)):
        picked = [i for i, on in enumerate(later) if on is wanted]
        if picked:
            readings.update(zip(picked, model.read_many([asked[i] for i in picked]), strict=True))
    return [readings[i] for i in range(len(asked))]


def main(argv: Sequence[str]) -> int:
    """`python -m assistant.model_process NAME [READER TOKENS [TAGGER]]` ("-": none): load the
    models, then answer on stdin/stdout."""
    try:
        embedder = make_embedder(argv[0] if argv else "minilm")
        reader = make_reader(argv[1], int(argv[2])) if len(argv) > 2 and argv[1] != "-" else None
        tagger = make_tagger(argv[3]) if len(argv) > 3 and argv[3] != "-" else None
    except ConfigurationError as error:
        print(f"newsdesk: error: {error}", file=sys.stderr)
        return 2
    # The pipe is this process's real stdout; anything a library prints goes to stderr instead.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    embedder.embed_documents(["load the model now"])
    for model in (reader, tagger):
        try:
            if model is not None:
                model.warm_up()
        except ConfigurationError as error:  # said again by every request that needs it
            print(f"newsdesk: error: {error}", file=sys.stderr)
    serve(embedder, sys.stdin.buffer, answers, reader, tagger)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
