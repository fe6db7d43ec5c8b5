"""The model process's pipe protocol, with the predictable fake embedder."""

from __future__ import annotations

import io
import json
import os
import re
import threading
import time

import numpy as np
import pytest

from assistant.entities import Entity, EntityTagger
from assistant.model_process import ModelProcessFailed, ProcessEmbedder, serve
from assistant.reader import Reader, Reading


def _answers(fake_embedder, *requests: dict) -> list[tuple[dict, bytes]]:
    pipe_in = io.BytesIO(b"".join(json.dumps(r).encode() + b"\n" for r in requests))
    pipe_out = io.BytesIO()
    serve(fake_embedder, pipe_in, pipe_out)
    pipe_out.seek(0)
    answers = []
    for _ in requests:
        header = json.loads(pipe_out.readline())
        answers.append((header, pipe_out.read(header["bytes"])))
    return answers


def test_vectors_and_counts_cross_the_pipe_unchanged(fake_embedder) -> None:
    texts = ["Japan banned luxury exports", "Kobe port traffic rose"]
    (embedded, vectors), (counted, _), (pinged, _) = _answers(
        fake_embedder,
        {"op": "embed", "texts": texts, "batch_size": 8},
        {"op": "count", "texts": texts},
        {"op": "ping"},
    )
    assert embedded["ok"] and pinged["ok"]
    received = np.frombuffer(vectors, dtype=np.float32).reshape(2, fake_embedder.dimension)
    assert np.array_equal(received, fake_embedder.embed_documents(texts))
    assert counted["counts"] == fake_embedder.count_tokens(texts)


def test_a_bad_request_is_answered_with_its_error_and_the_loop_goes_on(fake_embedder) -> None:
    (bad, payload), (good, _) = _answers(
        fake_embedder, {"op": "explode"}, {"op": "count", "texts": ["one two"]}
    )
    assert bad == {"ok": False, "error": "unknown request 'explode'", "bytes": 0}
    assert payload == b"" and good["counts"] == [2]


class QuestionReader(Reader):
    """Scores each window by the number in its question; can hold its first batch back."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []
        self.reading = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def read_many(self, requests):
        self.batches.append([question for question, _ in requests])
        self.reading.set()
        self.release.wait(timeout=10)
        return [
            [Reading(int(question.split()[-1]) / 10, 0, len(w)) for w in windows]
            for question, windows in requests
        ]


def test_readings_of_several_questions_cross_the_pipe_in_order(fake_embedder) -> None:
    reader = QuestionReader()
    pipe_in = io.BytesIO(
        json.dumps({"op": "read", "requests": [["q 1", ["ab", "c"]], ["q 2", ["def"]]]}).encode()
        + b"\n"
    )
    pipe_out = io.BytesIO()
    serve(fake_embedder, pipe_in, pipe_out, reader)
    header = json.loads(pipe_out.getvalue().splitlines()[0])
    assert header["answers"] == [
        [[0.1, 0, 2, []], [0.1, 0, 1, []]],
        [[0.2, 0, 3, []]],
    ]


def test_later_looks_share_the_batch_and_go_to_the_readers_later_reader(fake_embedder) -> None:
    """A cascade's further windows go to its first reader, in the model process as here; a
    reader that reads them itself reads every caller's windows in one batch."""
    later = QuestionReader()

    class FirstLook(QuestionReader):
        def later_looks(self) -> Reader:
            return later

    asked = [["q 1", ["ab"], True], ["q 2", ["c"], False], ["q 3", ["de"], True]]
    request = json.dumps({"op": "read", "requests": asked}).encode() + b"\n"
    for reader, batches in ((FirstLook(), [["q 2"]]), (QuestionReader(), [["q 1", "q 2", "q 3"]])):
        pipe_out = io.BytesIO()
        serve(fake_embedder, io.BytesIO(request), pipe_out, reader)
        header = json.loads(pipe_out.getvalue().splitlines()[0])
        assert header["answers"] == [[[0.1, 0, 2, []]], [[0.2, 0, 1, []]], [[0.3, 0, 2, []]]]
        assert reader.batches == batches
    assert later.batches == [["q 1", "q 3"]]
    reader = FirstLook()
    models = ProcessEmbedder("minilm", _PipedProcess(fake_embedder, reader), "minilm-reader")
    served = models.reader()
    assert served is not None
    served.later_looks().read("q 4", ["abc"])
    served.read("q 5", ["abc"])
    assert (later.batches[-1], reader.batches) == (["q 4"], [["q 5"]])


class _PipedProcess:
    """A stand-in for the model process: `serve` on a thread behind two real pipes."""

    def __init__(self, fake_embedder, reader: Reader) -> None:
        to_child, self._child_in = os.pipe()
        self._child_out, from_child = os.pipe()
        self.stdin = os.fdopen(self._child_in, "wb")
        self.stdout = os.fdopen(self._child_out, "rb")
        requests, answers = os.fdopen(to_child, "rb"), os.fdopen(from_child, "wb")
        self.thread = threading.Thread(
            target=serve, args=(fake_embedder, requests, answers, reader), daemon=True
        )
        self.thread.start()

    def poll(self) -> int | None:
        return None if self.thread.is_alive() else 0


def test_questions_asked_while_the_reader_is_busy_are_read_in_one_batch(fake_embedder) -> None:
    reader = QuestionReader()
    models = ProcessEmbedder("minilm", _PipedProcess(fake_embedder, reader), "minilm-reader")
    served = models.reader()
    assert served is not None
    got: dict[int, list[Reading]] = {}

    def ask(n: int) -> None:
        got[n] = served.read(f"question {n}", ["window"] * n)

    reader.release.clear()  # the first question's batch stays in the reader ...
    first = threading.Thread(target=ask, args=(1,))
    first.start()
    assert reader.reading.wait(timeout=10)
    later = [threading.Thread(target=ask, args=(n,)) for n in (2, 3)]
    for thread in later:
        thread.start()
    deadline = time.monotonic() + 10
    while len(models._waiting) < 2 and time.monotonic() < deadline:  # ... while two more wait
        time.sleep(0.01)
    reader.release.set()
    for thread in [first, *later]:
        thread.join(timeout=10)
    assert reader.batches[0] == ["question 1"]
    assert sorted(reader.batches[1]) == ["question 2", "question 3"]  # one batch, not two
    assert len(reader.batches) == 2
    assert {n: [r.score for r in readings] for n, readings in got.items()} == {
        1: [0.1],
        2: [0.2, 0.2],
        3: [0.3, 0.3, 0.3],
    }


def test_a_failed_batch_fails_every_question_in_it(fake_embedder) -> None:
    class Broken(QuestionReader):
        def read_many(self, requests):
            raise RuntimeError("out of memory")

    models = ProcessEmbedder("minilm", _PipedProcess(fake_embedder, Broken()), "minilm-reader")
    served = models.reader()
    assert served is not None
    with pytest.raises(ModelProcessFailed, match="the reader failed: RuntimeError: out of memory"):
        served.read("question 1", ["window"])
    assert served.read("question 2", []) == []


class CapitalsTagger(EntityTagger):
    """Tags every capitalised word; records how many texts each call tagged."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def entities(self, texts):
        self.calls.append(len(texts))
        return [
            [Entity(m.start(), m.end(), "ORG") for m in re.finditer(r"\b[A-Z]\w+", text)]
            for text in texts
        ]


def test_several_callers_texts_are_tagged_in_one_pass(fake_embedder) -> None:
    tagger = CapitalsTagger()
    pipe_in = io.BytesIO(
        json.dumps(
            {"op": "entities", "requests": [["Tokyo and Moscow", "none"], ["VTB Bank"]]}
        ).encode()
        + b"\n"
    )
    pipe_out = io.BytesIO()
    serve(fake_embedder, pipe_in, pipe_out, tagger=tagger)
    header = json.loads(pipe_out.getvalue().splitlines()[0])
    assert header["answers"] == [
        [[[0, 5, "ORG"], [10, 16, "ORG"]], []],
        [[[0, 3, "ORG"], [4, 8, "ORG"]]],
    ]
    assert tagger.calls == [3]
