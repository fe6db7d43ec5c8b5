"""News over time: the time plan of a question (ranges, "latest"), timelines, conflicting
reports."""
