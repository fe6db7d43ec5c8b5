"""Generator ids → generators, and the matching question rewriter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from langchain_core.language_models import BaseChatModel

from assistant.answering.evidence.confidence import (
    Calibration,
    calibration_for,
    load_calibration,
)
from assistant.answering.evidence.extractive import ExtractiveAnswerer
from assistant.answering.evidence.reader_answerer import ReaderAnswerer
from assistant.answering.generator import AnswerGenerator
from assistant.answering.llm.chat_model import ChatModelGenerator
from assistant.answering.llm.prompts import load_prompt
from assistant.answering.question.conversation import HeuristicRewriter, QuestionRewriter, Turn
from assistant.embedding import Embedder
from assistant.entities import EntityTagger, make_tagger
from assistant.errors import ConfigurationError
from assistant.reader import Reader
from assistant.readers import make_reader, reader_folder
from assistant.settings import Settings


def _openai_chat(settings: Settings) -> BaseChatModel:
    if not settings.llm_base_url:
        raise ConfigurationError(
            "the openai generator needs NEWSDESK_LLM_BASE_URL, e.g. http://127.0.0.1:11434/v1"
        )
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as error:
        raise ConfigurationError(
            "the openai generator needs langchain-openai: pip install 'newsdesk[openai]'"
        ) from error
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        model=settings.llm_model,
        temperature=settings.llm_temperature,
        max_completion_tokens=settings.llm_max_tokens,
        streaming=True,
        max_retries=1,
        timeout=120,
    )


def _llamacpp_chat(settings: Settings) -> BaseChatModel:
    from assistant.answering.llm.llamacpp import LlamaCppChat

    if settings.llm_gguf_path is None:
        raise ConfigurationError("the llamacpp generator needs NEWSDESK_LLM_GGUF_PATH")
    return LlamaCppChat(
        model_path=settings.llm_gguf_path,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
    )


CHAT_MODELS: dict[str, Callable[[Settings], BaseChatModel]] = {
    "openai": _openai_chat,
    "llamacpp": _llamacpp_chat,
}
GENERATORS: tuple[str, ...] = ("extractive", *CHAT_MODELS)


def reader_calibration(settings: Settings) -> Calibration:
    """The confidence fit of the chosen reader (its own, else the shipped one)."""
    return load_calibration(calibration_for(reader_folder(settings.reader)))


def bold_from(settings: Settings) -> float:
    """The confidence from which a short answer is in bold: NEWSDESK_NOT_SURE_BELOW, else the
    chosen reader's own bar (kept with its confidence fit)."""
    if settings.not_sure_below is not None:
        return settings.not_sure_below
    return reader_calibration(settings).not_sure_below


def make_generator(
    name: str,
    settings: Settings,
    embedder: Embedder,
    reader: Reader | None = None,
    tagger: EntityTagger | None = None,
) -> AnswerGenerator:
    """The generator for an id; the error lists the ids that exist. `reader` and `tagger`
    replace the ones the settings name (the app's run in the model process)."""
    if name == "extractive":
        if settings.reader == "none":
            return ExtractiveAnswerer(
                embedder, settings.min_answer_score, settings.max_answer_sentences
            )
        calibration = reader_calibration(settings)
        return ReaderAnswerer(
            embedder,
            reader or make_reader(settings.reader, settings.reader_max_tokens),
            settings.min_read_score,
            settings.max_answer_sentences,
            settings.reader_windows,
            tagger or make_tagger(settings.tagger),
            settings.min_confidence,
            bold_from(settings),
            calibration=calibration,
            windows_before_refusal=settings.reader_windows_before_refusal,
        )
    if name not in CHAT_MODELS:
        raise ConfigurationError(
            f"unknown generator {name!r}; choose one of: {', '.join(GENERATORS)}"
        )
    return ChatModelGenerator(
        name,
        CHAT_MODELS[name](settings),
        load_prompt(settings.prompts_dir, "answer"),
        embedder,
        settings.support_threshold,
        settings.strict,
    )


class LLMRewriter(QuestionRewriter):
    """Uses the configured LLM's condense prompt; falls back to the heuristic on any error."""

    def __init__(self, generator: ChatModelGenerator, template: str) -> None:
        self.generator = generator
        self.template = template
        self.fallback = HeuristicRewriter()

    def rewrite(self, question: str, history: Sequence[Turn]) -> str:
        if not history:
            return question
        lines = [f"User: {t.question}\nAssistant: {t.answer}" for t in history[-3:]]
        try:
            return self.generator.condense(self.template, "\n".join(lines), question)
        except Exception:  # a flaky server must not lose the user's question
            return self.fallback.rewrite(question, history)


def make_rewriter(generator: AnswerGenerator, settings: Settings) -> QuestionRewriter:
    """The LLM's condense prompt when an LLM is configured, otherwise the heuristic."""
    if isinstance(generator, ChatModelGenerator):
        return LLMRewriter(generator, load_prompt(settings.prompts_dir, "condense"))
    return HeuristicRewriter()
