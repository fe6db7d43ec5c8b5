"""The model process's pipe protocol, with the predictable fake embedder."""

from __future__ import annotations

import io
import json

import numpy as np

from assistant.model_process import serve


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
