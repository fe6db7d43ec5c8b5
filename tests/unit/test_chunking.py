import itertools

from assistant.articles import Article
from assistant.chunking import Chunker, ChunkingParams, indexed_text
from tests.conftest import FakeEmbedder

SENTENCE = "Japan decided to ban exports of luxury goods to Russia on Friday number {n}."


def article(text: str, page_starts: tuple[int, ...] = ()) -> Article:
    return Article("a1", "Title", text, None, "src", page_starts)


def chunker(max_tokens: int = 40, overlap: int = 12) -> Chunker:
    return Chunker(ChunkingParams(max_tokens, overlap), FakeEmbedder().count_tokens)


def test_chunks_are_exact_substrings_within_the_token_budget() -> None:
    text = " ".join(SENTENCE.format(n=i) for i in range(30))
    chunks = chunker().chunk(article(text))
    assert len(chunks) > 3
    counter = FakeEmbedder().count_tokens
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert counter([chunk.text])[0] <= 40
        assert chunk.text.startswith("Japan") and chunk.text.endswith(".")
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_neighbouring_chunks_overlap_by_whole_sentences() -> None:
    text = " ".join(SENTENCE.format(n=i) for i in range(12))
    first, second, *_ = chunker(max_tokens=45, overlap=15).chunk(article(text))
    assert second.start < first.end
    assert text[second.start : first.end].strip().endswith(".")


def test_no_overlap_when_disabled() -> None:
    text = " ".join(SENTENCE.format(n=i) for i in range(12))
    chunks = chunker(overlap=0).chunk(article(text))
    assert all(b.start >= a.end for a, b in itertools.pairwise(chunks))


def test_a_sentence_longer_than_the_window_is_cut_between_words() -> None:
    text = "word " * 150 + "end."
    chunks = chunker(max_tokens=40, overlap=0).chunk(article(text.strip()))
    assert len(chunks) >= 4
    assert all(FakeEmbedder().count_tokens([c.text])[0] <= 40 for c in chunks)
    assert "".join(c.text for c in chunks).replace(" ", "") == text.replace(" ", "").strip()


def test_chunks_carry_their_page() -> None:
    page_one = " ".join(SENTENCE.format(n=i) for i in range(6))
    page_two = " ".join(SENTENCE.format(n=i) for i in range(6, 12))
    text = page_one + "\n\n" + page_two
    chunks = chunker(overlap=0).chunk(article(text, (0, len(page_one) + 2)))
    assert chunks[0].page == 1 and chunks[-1].page == 2


def test_title_is_prefixed_to_later_chunks_only() -> None:
    assert indexed_text("Title", 0, "Body") == "Body"
    assert indexed_text("Title", 1, "Body") == "Title\nBody"
