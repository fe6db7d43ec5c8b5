"""The Gradio web app. `run()` is what `python app.py` calls; Gradio is imported only then."""

from assistant.ui.start import run

__all__ = ["run"]
