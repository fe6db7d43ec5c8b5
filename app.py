"""Start the newsdesk chat: build settings, build the assistant, hand it to the UI."""

import sys

from assistant.ui import run

if __name__ == "__main__":
    sys.exit(run())
