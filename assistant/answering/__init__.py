"""Cited answers: the extractive answerer, dates, LLM generators, verification, the chain."""

from assistant.answering.answer import NOT_FOUND_ANSWER, Answer, AnswerSentence, Citation
from assistant.answering.chain import AnswerChunk, build_answer_chain
from assistant.answering.conversation import Turn
from assistant.answering.factory import GENERATORS, make_generator, make_rewriter
from assistant.answering.generator import AnswerGenerator

__all__ = [
    "GENERATORS",
    "NOT_FOUND_ANSWER",
    "Answer",
    "AnswerChunk",
    "AnswerGenerator",
    "AnswerSentence",
    "Citation",
    "Turn",
    "build_answer_chain",
    "make_generator",
    "make_rewriter",
]
