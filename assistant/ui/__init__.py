"""The Gradio web app."""

from assistant.ui.app import build_app, serve

__all__ = ["build_app", "serve"]
