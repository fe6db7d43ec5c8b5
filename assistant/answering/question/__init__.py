"""Understanding a question: what it asks for, its names, follow-ups, and relative time."""
