"""newsdesk: ask questions about news articles, get short answers with exact, dated citations."""

from assistant import _offline  # noqa: F401  (must run before any Hugging Face import)
