"""The app's API calls (`gr.api`: ask, search, timeline) and how errors reach a caller: the same
JSON as the CLI's `--json`, bad input refused with its reason."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import gradio as gr

from assistant.answering import GENERATORS
from assistant.answering.question.parse import MAX_QUESTION_CHARS
from assistant.desk import Newsdesk
from assistant.errors import NewsdeskError, StoreUnavailable
from assistant.settings import MAX_ANSWER_K, MAX_SEARCH_K
from assistant.timeframe import parse_day

logger = logging.getLogger(__name__)


def form_date(value: str | None, label: str) -> date | None:
    """A date typed in a form field or an API argument (empty: None)."""
    if not value or not str(value).strip():
        return None
    try:
        return parse_day(str(value))
    except ValueError:
        raise NewsdeskError(f"{label} must be a date like 2022-03-25, not {value!r}") from None


class ApiHandlers:
    """The calls other programs make of the app, over an opened desk."""

    desk: Newsdesk

    def api_ask(
        self,
        question: str,
        generator: str = "",
        k: int = 0,
        as_of: str = "",
        all_copies: bool = False,
    ) -> dict[str, Any]:
        """Same object as `newsdesk ask --json`; `as_of` is a date like 2023-03-08 (empty:
        the app's default)."""
        question = _text(question, "question")
        if generator and generator not in GENERATORS:
            raise _bad_request(
                f"unknown generator {generator!r}; use one of: {', '.join(GENERATORS)} "
                "(or leave it empty for the default)"
            )
        passages = _bounded(k, "k", 0, MAX_ANSWER_K)
        try:
            answer = self.desk.ask(
                question,
                generator=generator or None,
                k=passages or None,
                as_of=form_date(as_of, "as_of"),
                all_copies=bool(all_copies) or None,
            )
        except NewsdeskError as error:
            raise _bad_request(public_message(error)) from None
        return dict(answer.to_dict())

    def api_search(
        self, query: str, k: int = 5, as_of: str = "", all_copies: bool = False
    ) -> list[dict[str, Any]]:
        """Same list as `newsdesk search --json`."""
        query = _text(query, "query")
        try:
            hits = self.desk.search(
                query,
                _bounded(k, "k", 1, MAX_SEARCH_K),
                as_of=form_date(as_of, "as_of"),
                all_copies=bool(all_copies) or None,
            )
        except NewsdeskError as error:
            raise _bad_request(public_message(error)) from None
        return [hit.to_dict() for hit in hits]

    def api_timeline(
        self, topic: str, after: str = "", before: str = "", as_of: str = ""
    ) -> dict[str, Any]:
        """Same object as `newsdesk timeline --json`."""
        topic = _text(topic, "topic")
        try:
            timeline = self.desk.timeline(
                topic,
                after=form_date(after, "after"),
                before=form_date(before, "before"),
                as_of=form_date(as_of, "as_of"),
            )
        except NewsdeskError as error:
            raise _bad_request(public_message(error)) from None
        return timeline.to_dict()


def public_message(error: NewsdeskError) -> str:
    """What a browser or API caller is told of an error. A lost database's message names the
    server's address or socket path: that goes to the server log only."""
    if isinstance(error, StoreUnavailable):
        logger.error("%s", error)
        return (
            "the database cannot be reached right now; try again shortly "
            "(details are in the server log)"
        )
    return str(error)


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _bad_request(f"{name} must be a non-empty string")
    if len(value) > MAX_QUESTION_CHARS:
        raise _bad_request(
            f"the {name} is {len(value):,} characters long; the limit is {MAX_QUESTION_CHARS:,}"
        )
    return value.strip()


def _bounded(value: Any, name: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"{name} must be a whole number from {low} to {high}") from None
    if not low <= number <= high or number != value:
        raise _bad_request(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return number


def _bad_request(message: str) -> gr.Error:
    """An error the API caller sees as it is; the server log is not filled with its traceback."""
    return gr.Error(message, print_exception=False)
