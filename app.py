"""Start the newsdesk chat: build settings, build the assistant, hand it to the UI."""

from assistant import Settings
from assistant.ui import serve

if __name__ == "__main__":
    serve(Settings())
