"""The `newsdesk` command's argument types and parser (bounds shared with the API)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date

from assistant.timeframe import parse_day


def arg_date(value: str) -> date:
    """An argument type: a whole date (YYYY-MM-DD)."""
    try:
        return parse_day(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def arg_count(high: int) -> Callable[[str], int]:
    """An argument type: a whole number from 1 to `high` (the API's bounds)."""

    def count(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = 0
        if not 1 <= number <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from 1 to {high}, not {value!r}"
            )
        return number

    return count


class Parser(argparse.ArgumentParser):
    """`--ray=ADDRESS` is `--ray-address ADDRESS`; `--ray` takes no value (`--ray corpus/`)."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        rewritten: list[str] = []
        for arg in sys.argv[1:] if args is None else args:
            split = arg.startswith("--ray=")
            rewritten += ["--ray-address", arg.removeprefix("--ray=")] if split else [arg]
        return super().parse_known_args(rewritten, namespace)
