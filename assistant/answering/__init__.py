"""Cited answers: the chain and the answerer factory; the stages live in question/, evidence/,
llm/ and over_time/, the data types in types.py."""

from assistant.answering.chain import AnswerChunk, build_answer_chain
from assistant.answering.factory import GENERATORS, make_generator, make_rewriter
from assistant.answering.generator import AnswerGenerator
from assistant.answering.question.conversation import Turn
from assistant.answering.types import NOT_FOUND_ANSWER, Answer, AnswerSentence, Citation

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
