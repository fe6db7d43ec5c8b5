"""The one settings object. Every field can be set as an environment variable `NEWSDESK_<NAME>`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
MAX_SEARCH_K = 100  # hits one search returns at most (CLI, API, settings)
MAX_ANSWER_K = 50  # passages one answer reads at most (CLI, API, settings)


# The retrievers a search can use (here, so that the CLI builds its parser without loading them).
Mode = Literal["hybrid", "dense", "keyword"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "keyword")


class Settings(BaseSettings):
    """Typed configuration for ingestion, retrieval, answering and the web app."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSDESK_", extra="forbid", validate_assignment=True
    )

    # --- the index -------------------------------------------------------------------------
    index_dir: Path = Field(
        Path("index"), description="Folder of the on-disk index (created when missing)."
    )
    database_url: SecretStr | None = Field(
        None,
        description="postgresql://… URL: keep everything in PostgreSQL + pgvector instead of "
        "the index folder (needs `pip install -e '.[scale]'`).",
    )
    hnsw_ef_search: int = Field(
        100, ge=10, le=1000, description="pgvector HNSW candidates per query (recall vs speed)."
    )
    embedder: str = Field("minilm", description="Embedder id; see assistant.embedding.EMBEDDERS.")
    chunk_max_tokens: int = Field(
        200, ge=32, le=250, description="Chunk size in model tokens (MiniLM reads 256 at most)."
    )
    chunk_overlap_tokens: int = Field(
        40, ge=0, le=120, description="Whole sentences repeated between neighbouring chunks."
    )
    max_article_mb: float = Field(
        5.0,
        gt=0,
        description="Largest article: a text, Markdown or HTML file over it is refused unread, "
        "and so is any article (a PDF's or a JSON line's) whose text is over it.",
    )
    allow_private_urls: bool = Field(
        False,
        description="Fetch URLs that resolve to loopback, private or link-local addresses "
        "(tests, an intranet). Off, the app cannot be made to reach its own network.",
    )
    fetch_timeout: float = Field(
        20.0, gt=0, le=300, description="Seconds one URL fetch may take in all."
    )
    fetch_host_interval: float = Field(
        1.0, ge=0, le=60, description="Seconds between two requests to one host (politeness)."
    )
    refresh_minutes: float = Field(
        0, ge=0, description="The app refreshes the followed feeds this often (0: never)."
    )
    embed_batch_size: int = Field(32, ge=1, le=512, description="Chunks per model.encode call.")
    ann_threshold: int = Field(
        100_000,
        ge=1_000,
        description="Above this many chunks the exact flat index becomes an IVF index.",
    )
    ann_nprobe: int = Field(32, ge=1, description="IVF lists visited per query (recall vs speed).")
    stories: bool = Field(
        True,
        description="Group syndicated copies, rewrites and updates of one report into stories "
        "at ingest (MinHash LSH confirmed by passage vectors).",
    )

    # --- retrieval -------------------------------------------------------------------------
    search_k: int = Field(5, ge=1, le=MAX_SEARCH_K, description="Hits returned by default.")
    candidates: int = Field(
        100, ge=10, le=2000, description="Candidates each retriever passes to fusion."
    )
    fusion: Literal["rrf", "convex"] = Field(
        "convex", description="How dense and keyword rankings are fused."
    )
    dense_weight: float = Field(
        0.7, ge=0.0, le=1.0, description="Weight of the dense score in convex fusion."
    )
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    mmr: bool = Field(False, description="Re-rank hits for diversity (maximal marginal relevance).")
    mmr_lambda: float = Field(0.7, ge=0.0, le=1.0, description="MMR relevance/diversity balance.")
    all_copies: bool = Field(
        False,
        description="Show every copy of a story in search and answers (default: one hit per "
        "story, the other copies listed in `also_in`).",
    )
    as_of: date | None = Field(
        None,
        description="Answer as of this date (YYYY-MM-DD): later articles are left out and ages "
        "are counted from it. Default: today.",
    )

    # --- answering -------------------------------------------------------------------------
    generator: str = Field(
        "extractive", description="Answer generator: extractive, openai or llamacpp."
    )
    answer_k: int = Field(5, ge=1, le=MAX_ANSWER_K, description="Passages the answerer reads.")
    answer_k_before_refusal: int = Field(
        10,
        ge=0,
        le=MAX_ANSWER_K,
        description="When the answer_k passages answer nothing, the answerer searches this many "
        "and reads them before the question is refused; at or below the passages asked for (0: "
        "never), no second search; only for questions that name something, and its answer stands "
        "at a confidence of 0.5 or more. 10: of 773 answerable SQuAD questions over every "
        "paragraph, refused 5.0 % → 4.5 %; of 400 of other articles, refused 82.2 % → 82.0 %, "
        "none more in bold (BENCHMARKS.md, fifty-seventh session).",
    )
    answer_leads: int = Field(
        3,
        ge=0,
        le=MAX_ANSWER_K,
        description="Besides its passages, the answerer reads the leads (first 600 characters) "
        "of this many of the best hits' articles: a news article opens with its main facts "
        "(RealTime QA, 280 questions: 2 more right short answers in bold, none fewer; "
        "BENCHMARKS.md). 0: passages only.",
    )
    min_answer_score: float = Field(
        0.45,
        ge=0.0,
        le=1.0,
        description="Below this best-sentence score the answer is 'not found' "
        "(calibrated on shared/eval/dev_qa.jsonl).",
    )
    reader: str = Field(
        "minilm-reader-onnx",
        description="Reader of the extractive answerer: minilm-reader-onnx (trained, committed "
        "in assistant/models/reader/, run by ONNX Runtime), minilm-reader (the same in torch: "
        "the same readings, slower), minilm-reader-int8 (quantized to int8: faster, and worse "
        "answers; see BENCHMARKS.md), mpnet-reader-onnx (the adapted all-mpnet-base-v2 reader, "
        "assembled by `make mpnet-reader`: better answers at several times the reading cost; "
        "mpnet-reader runs it in torch), cascade-reader (the MiniLM reader reads every window, "
        "the mpnet reader rereads the best one: most of mpnet's gain at about twice the MiniLM "
        "reader's cost; also needs `make mpnet-reader`), or none for the hand-tuned sentence "
        "scores alone.",
    )
    min_read_score: float = Field(
        0.4,
        ge=0.0,
        le=1.0,
        description="Below this answerability of the best window the answer is 'not found' "
        "(calibrated on the reader's dev split and the eval files; see BENCHMARKS.md).",
    )
    min_confidence: float = Field(
        0.1,
        ge=0.0,
        le=1.0,
        description="Below this confidence (0–1, fitted on the reader's dev sets: "
        "assistant/models/confidence.json) the extractive answer is 'not found' (0.1: 1.1 % of "
        "answerable held-out dev questions refused, 98.6 % of refusals right; BENCHMARKS.md).",
    )
    not_sure_below: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Below this confidence the short answer is shown as 'Not sure: …', not in "
        "bold. Default: the reader's own, kept with its confidence fit — 0.75 for the MiniLM "
        "reader (a bold answer is one the fit expects right at least 3 times in 4; RealTime QA's "
        "last 10 dates: wrong short answers in bold 11.6 % at 0.7, 2.7 % at 0.75), 0.85 for the "
        "mpnet reader (BENCHMARKS.md).",
    )
    tagger: str = Field(
        "spacy",
        description="Named-entity tagger that checks the type of short answers (a 'who' answer "
        "names a person or body, 'when' a date…): spacy (en_core_web_sm, installed by "
        "`make install`), or none.",
    )
    reader_windows: int = Field(
        5, ge=1, le=64, description="Sentences (with their neighbours) the reader reads."
    )
    reader_windows_before_refusal: int = Field(
        16,
        ge=0,
        le=64,
        description="When none of the first reader_windows answers, the reader reads the next "
        "sentences up to this many before the question is refused (the first ones are not read "
        "again); at or below reader_windows, no second look. 16: of 773 answerable SQuAD "
        "questions over every paragraph 4 fewer refused than at 9, of 400 of other articles 4 "
        "more answered, none in bold (BENCHMARKS.md, forty-second session).",
    )
    reader_max_tokens: int = Field(
        88, ge=32, le=512, description="Word pieces of question + window the reader reads."
    )
    max_answer_sentences: int = Field(3, ge=1, le=6, description="Sentences in an answer.")
    strict: bool = Field(False, description="Drop LLM sentences their citations do not support.")
    support_threshold: float = Field(
        0.5, ge=0.0, le=1.0, description="Least similarity between a sentence and its citation."
    )
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (Ollama)."
    )
    llm_model: str = Field("local-model", description="Model name sent to the LLM server.")
    llm_api_key: SecretStr = Field(SecretStr("not-needed"), description="API key for the server.")
    llm_gguf_path: Path | None = Field(None, description="GGUF file for the llamacpp generator.")
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0, description="LLM sampling temperature.")
    llm_max_tokens: int = Field(300, ge=16, le=4096, description="Longest LLM answer in tokens.")
    prompts_dir: Path = Field(PACKAGE_ROOT / "prompts", description="Folder of prompt templates.")

    # --- the web app -----------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address the chat app listens on.")
    port: int = Field(7860, ge=1, le=65535, description="Port the chat app listens on.")
    corpus_dir: Path = Field(
        PACKAGE_ROOT / "corpus",
        description="Articles indexed at first start when the index is empty.",
    )
    auth_username: str | None = Field(None, description="Username for password protection.")
    auth_password: SecretStr | None = Field(None, description="Password for password protection.")
    api_token: SecretStr | None = Field(
        None,
        description="A bearer token for the REST API (/api/v1): with it set, the API needs it "
        "(or the app's password, over HTTP basic).",
    )
    max_upload_mb: float = Field(50.0, gt=0, description="Largest upload the library accepts.")

    @model_validator(mode="after")
    def _auth_is_all_or_nothing(self) -> Settings:
        """A username without a password (or an empty one) would leave the app open."""
        password = self.auth_password.get_secret_value() if self.auth_password else ""
        if bool(self.auth_username) != bool(password):
            raise ValueError(
                "set both NEWSDESK_AUTH_USERNAME and a non-empty NEWSDESK_AUTH_PASSWORD "
                "to protect the app with a password, or neither"
            )
        return self
