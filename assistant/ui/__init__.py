"""The Gradio web app."""

from assistant.ui.app import build_app, run, serve

__all__ = ["build_app", "run", "serve"]
